"""Reads of a budget: the program tree with every total, realisation grids, allocation per
sasaran and the efficiency analysis, each from a fixed number of queries.

Totals are never stored: every row is the sum of the lines below it, summed here with
exact Decimal arithmetic; serapan, shares and efficiency come from `anggaran.efisiensi`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.db.models import DecimalField, Sum, Value
from django.db.models.functions import Coalesce

from kinerja.capaian import rata_rata_capaian
from kinerja.selectors import capaian_dasbor, rantai_versi, versi_terkini
from renstra.models import Indikator, Kegiatan, Renstra, Sasaran, SubKegiatan
from sakip.formatting import format_persen
from sakip.models import Opd

from . import efisiensi
from .models import (
    Anggaran,
    BarisAnggaran,
    KelompokBelanja,
    KendaliAnggaran,
    PemetaanSasaran,
    PengaturanEfisiensi,
    PerlakuanProgram,
    PosAnggaran,
    RealisasiAnggaran,
)

NOL = Decimal("0")
SEN = Decimal("0.01")
UANG: DecimalField = DecimalField(max_digits=18, decimal_places=2)


def jumlah(expr: str) -> Coalesce:
    """Σ of a money column; an empty set sums to 0, not None."""
    return Coalesce(Sum(expr), Value(NOL), output_field=UANG)


# --- access ---------------------------------------------------------------------------


def anggaran_get(*, opd: Opd, tahun: int) -> Anggaran | None:
    return Anggaran.objects.filter(opd=opd, tahun=tahun).select_related("opd__pemda").first()


# --- the tree of totals -------------------------------------------------------------------


@dataclass(frozen=True)
class Selisih:
    """A typed control total against the sum of the lines (kendali − Σ baris)."""

    label: str
    kendali: Decimal
    jumlah: Decimal

    @property
    def selisih(self) -> Decimal:
        return self.kendali - self.jumlah

    @property
    def cocok(self) -> bool:
        return self.kendali == self.jumlah


@dataclass(eq=False)
class Simpul:
    """A row of a budget table. Leaves carry their stored pagu and summed realisasi;
    every other row sums its children (`anak`)."""

    tingkat: str  # kelompok | program | kegiatan | baris | pos | total
    nama: str
    kode: str = ""
    pk: int | None = None
    murni: Decimal = NOL
    akhir: Decimal = NOL  # the pagu in force: perubahan if there is one, else murni
    realisasi: Decimal = NOL
    perubahan: bool = False  # some line below has a DPA perubahan figure
    diisi: bool = True  # a leaf with at least one realisation entered
    pendapatan: bool = False  # revenue: more than the target is good news, not a flag
    anak: list[Simpul] = field(default_factory=list)
    kendali: list[Selisih] = field(default_factory=list)
    obj: Any = None

    @classmethod
    def gabung(cls, tingkat: str, nama: str, anak: list[Simpul], **kw: Any) -> Simpul:
        s = cls(tingkat=tingkat, nama=nama, anak=anak, **kw)
        rekap = efisiensi.rekap_serapan((a.akhir, a.realisasi) for a in anak)
        s.akhir, s.realisasi = rekap.total_pagu, rekap.total_realisasi
        s.murni = sum((a.murni for a in anak), NOL)
        s.perubahan = any(a.perubahan for a in anak)
        s.__dict__["rekap"] = rekap
        return s

    @cached_property
    def rekap(self) -> efisiensi.RekapSerapan:
        return efisiensi.rekap_serapan([(self.akhir, self.realisasi)])

    @property
    def serapan(self) -> Decimal | None:
        return self.rekap.persen

    @property
    def rumus_serapan(self) -> str:
        if self.anak:
            return self.rekap.rumus
        return efisiensi.rumus_serapan(pagu=self.akhir, realisasi=self.realisasi)

    @property
    def dom_id(self) -> str:
        """Element id of the row ("baris-12", "pos-3", "program-5"), stable across saves."""
        return f"{self.tingkat}-{self.pk}"

    @property
    def sisa(self) -> Decimal:
        return self.akhir - self.realisasi

    @property
    def melebihi_pagu(self) -> bool:
        return not self.pendapatan and self.realisasi > self.akhir

    @property
    def selisih_kendali(self) -> list[Selisih]:
        return [k for k in self.kendali if not k.cocok]

    def daun(self) -> Iterator[Simpul]:
        if not self.anak:
            yield self
        for a in self.anak:
            yield from a.daun()


@dataclass
class DataAnggaran:
    anggaran: Anggaran
    kelompok_berlaku: list[KelompokBelanja]
    pendapatan: Simpul  # anak: pos pendapatan
    kelompok: list[Simpul]  # anak: pos belanja and one "program dan kegiatan" row
    program: Simpul  # anak: program → kegiatan → baris (all account groups together)
    belanja: Simpul  # anak: kelompok rows
    jumlah_baris: int
    kendali: dict[tuple[str, int | None], KendaliAnggaran]

    @property
    def ada_perubahan(self) -> bool:
        return self.belanja.perubahan or self.pendapatan.perubahan

    @property
    def pos_belanja(self) -> list[Simpul]:
        return [p for k in self.kelompok for p in k.anak if p.tingkat == "pos"]

    @property
    def selisih_kendali(self) -> list[tuple[str, Selisih]]:
        """Every control total that does not match its lines, for the warning box."""
        hasil = [(s.nama, k) for s in (self.pendapatan, self.belanja, *self.kelompok)
                 for k in s.selisih_kendali]
        hasil += [(p.nama, k) for p in self.program.anak for k in p.selisih_kendali]
        return hasil

    def baris(self) -> Iterator[Simpul]:
        return self.program.daun()

    def kendali_baris(self) -> list[BarisKendali]:
        """Rows of the control-total form: belanja, each account group, each program,
        pendapatan; each with the sum of its lines and the typed total if any."""
        T = KendaliAnggaran.Tingkat
        hasil = [BarisKendali("Total belanja", T.BELANJA, self.belanja,
                              self.kendali.get((T.BELANJA, None)))]
        ada = {k.pk: k for k in self.kelompok}
        for kb in self.kelompok_berlaku + [k.obj for k in self.kelompok
                                           if not k.obj.berlaku_pada(self.anggaran.tahun)]:
            simpul = ada.get(kb.pk) or Simpul(tingkat="kelompok", nama=kb.nama, pk=kb.pk)
            hasil.append(BarisKendali(f"Kelompok: {kb.nama}", T.KELOMPOK, simpul,
                                      self.kendali.get((T.KELOMPOK, kb.pk)), kelompok=kb.pk))
        hasil += [BarisKendali(f"Program {p.kode} {p.nama}", T.PROGRAM, p,
                               self.kendali.get((T.PROGRAM, p.pk)), program=p.pk)
                  for p in self.program.anak]
        hasil.append(BarisKendali("Total pendapatan", T.PENDAPATAN, self.pendapatan,
                                  self.kendali.get((T.PENDAPATAN, None))))
        return hasil


@dataclass(frozen=True)
class BarisKendali:
    label: str
    tingkat: str
    simpul: Simpul
    obj: KendaliAnggaran | None
    kelompok: int | None = None
    program: int | None = None


def _realisasi_per_induk(anggaran: Anggaran) -> tuple[dict[int, Decimal], dict[int, Decimal]]:
    """Σ realisasi per budget line and per pos: one grouped query."""
    per_baris: dict[int, Decimal] = {}
    per_pos: dict[int, Decimal] = {}
    rows = (RealisasiAnggaran.objects.filter(anggaran=anggaran)
            .values("baris_id", "pos_id").annotate(total=jumlah("nilai")).order_by())
    for r in rows:
        # SQLite sums decimals as floats; every amount is whole cents, so round back to them.
        total = r["total"].quantize(SEN)
        if r["baris_id"] is not None:
            per_baris[r["baris_id"]] = total
        else:
            per_pos[r["pos_id"]] = total
    return per_baris, per_pos


def _daun(tingkat: str, nama: str, row: dict[str, Any], realisasi: dict[int, Decimal],
          **kw: Any) -> Simpul:
    perubahan = row["pagu_perubahan"]
    return Simpul(
        tingkat=tingkat, nama=nama, pk=row["pk"], murni=row["pagu_murni"],
        akhir=row["pagu_murni"] if perubahan is None else perubahan,
        realisasi=realisasi.get(row["pk"], NOL), diisi=row["pk"] in realisasi,
        perubahan=perubahan is not None, **kw,
    )


def _cocokkan(simpul: Simpul, kendali: KendaliAnggaran | None) -> None:
    """Compare the typed DPA totals (murni and perubahan) with the sums of the lines."""
    if kendali is None:
        return
    sumber = f" ({kendali.sumber})" if kendali.sumber else ""
    if kendali.pagu_murni is not None:
        simpul.kendali.append(Selisih(f"DPA murni{sumber}", kendali.pagu_murni, simpul.murni))
    if kendali.pagu_perubahan is not None:
        simpul.kendali.append(
            Selisih(f"DPA perubahan{sumber}", kendali.pagu_perubahan, simpul.akhir))


def anggaran_dataset(*, anggaran: Anggaran) -> DataAnggaran:
    """The budget as a tree with every total, in eight queries however many lines."""
    a = anggaran
    kelompok_semua = list(KelompokBelanja.objects.all())  # a handful of rows
    realisasi_baris, realisasi_pos = _realisasi_per_induk(a)
    baris = list(BarisAnggaran.objects.filter(anggaran=a).order_by().values(
        "pk", "kelompok_id", "kegiatan_id", "sub_kegiatan_id", "pagu_murni", "pagu_perubahan"))
    kegiatan_ids = BarisAnggaran.objects.filter(anggaran=a).values("kegiatan_id")
    kegiatan = {k["pk"]: k for k in Kegiatan.objects.filter(pk__in=kegiatan_ids).values(
        "pk", "kode", "nama", "urutan", "program_id", "program__kode", "program__nama",
        "program__urutan", "program__sasaran__urutan", "program__sasaran__tujuan__urutan",
        "program__sasaran__tujuan__renstra__tahun_awal")}
    sub = {s["pk"]: s for s in SubKegiatan.objects.filter(
        pk__in=BarisAnggaran.objects.filter(anggaran=a, sub_kegiatan__isnull=False)
        .values("sub_kegiatan_id")).values("pk", "kode", "nama", "urutan")}
    pos = list(PosAnggaran.objects.filter(anggaran=a).order_by("urutan", "pk").values(
        "pk", "jenis", "kelompok_id", "kode", "uraian", "pagu_murni", "pagu_perubahan"))
    kendali = {(k.tingkat, k.kelompok_id or k.program_id): k
               for k in KendaliAnggaran.objects.filter(anggaran=a).order_by()}
    nama_kelompok = {k.pk: k for k in kelompok_semua}

    # program → kegiatan → baris, in Renstra order
    def urut_baris(b: dict[str, Any]) -> tuple:
        k = kegiatan[b["kegiatan_id"]]
        s = sub.get(b["sub_kegiatan_id"]) if b["sub_kegiatan_id"] else None
        return (k["program__sasaran__tujuan__renstra__tahun_awal"],
                k["program__sasaran__tujuan__urutan"], k["program__sasaran__urutan"],
                k["program__urutan"], k["program_id"], k["urutan"], k["pk"],
                s["urutan"] if s else -1, s["pk"] if s else -1,
                nama_kelompok[b["kelompok_id"]].urutan, b["pk"])

    baris.sort(key=urut_baris)
    per_kegiatan: dict[int, list[Simpul]] = defaultdict(list)
    per_kelompok: dict[int, list[Simpul]] = defaultdict(list)
    for b in baris:
        k = kegiatan[b["kegiatan_id"]]
        s = sub.get(b["sub_kegiatan_id"]) if b["sub_kegiatan_id"] else None
        daun = _daun("baris", s["nama"] if s else k["nama"], b, realisasi_baris,
                     kode=s["kode"] if s else k["kode"],
                     obj={"kelompok": nama_kelompok[b["kelompok_id"]], "kegiatan": k["nama"],
                          "sub": s is not None, "program_id": k["program_id"]})
        per_kegiatan[k["pk"]].append(daun)
        per_kelompok[b["kelompok_id"]].append(daun)

    per_program: dict[int, list[Simpul]] = defaultdict(list)
    info_program: dict[int, dict[str, Any]] = {}
    for kid, daun_kegiatan in per_kegiatan.items():
        k = kegiatan[kid]
        per_program[k["program_id"]].append(
            Simpul.gabung("kegiatan", k["nama"], daun_kegiatan, kode=k["kode"], pk=kid))
        info_program.setdefault(k["program_id"], k)
    program = []
    for pid, anak in per_program.items():
        k = info_program[pid]
        sp = Simpul.gabung("program", k["program__nama"], anak, kode=k["program__kode"], pk=pid)
        _cocokkan(sp, kendali.get(("program", pid)))
        program.append(sp)
    semua_program = Simpul.gabung("total", "Jumlah program dan kegiatan", program)

    pendapatan = Simpul.gabung("total", "Pendapatan", [
        _daun("pos", r["uraian"], r, realisasi_pos, kode=r["kode"], pendapatan=True)
        for r in pos if r["jenis"] == PosAnggaran.Jenis.PENDAPATAN
    ], pendapatan=True)
    _cocokkan(pendapatan, kendali.get(("pendapatan", None)))
    pos_per_kelompok: dict[int, list[Simpul]] = defaultdict(list)
    for r in pos:
        if r["jenis"] == PosAnggaran.Jenis.BELANJA:
            pos_per_kelompok[r["kelompok_id"]].append(
                _daun("pos", r["uraian"], r, realisasi_pos, kode=r["kode"],
                      obj=nama_kelompok[r["kelompok_id"]]))

    kelompok = []
    for kb in kelompok_semua:
        anak = list(pos_per_kelompok.get(kb.pk, []))
        if per_kelompok.get(kb.pk):
            anak.append(Simpul.gabung("program", "Program dan kegiatan", per_kelompok[kb.pk]))
        if anak or ("kelompok", kb.pk) in kendali:
            sk = Simpul.gabung("kelompok", kb.nama, anak, kode=kb.kode, pk=kb.pk, obj=kb)
            _cocokkan(sk, kendali.get(("kelompok", kb.pk)))
            kelompok.append(sk)
    belanja = Simpul.gabung("total", "Belanja", kelompok)
    _cocokkan(belanja, kendali.get(("belanja", None)))

    return DataAnggaran(
        anggaran=a,
        kelompok_berlaku=[k for k in kelompok_semua if k.berlaku_pada(a.tahun)],
        pendapatan=pendapatan, kelompok=kelompok, program=semua_program, belanja=belanja,
        jumlah_baris=len(baris),
        kendali=kendali,
    )


# --- realisation grid ------------------------------------------------------------------------


@dataclass(frozen=True)
class Periode:
    """A quarter ("tw2") or a month ("b5") of the budget year."""

    triwulan: int
    bulan: int | None = None

    NAMA_BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
                  "Agustus", "September", "Oktober", "November", "Desember")
    ROMAWI = ("I", "II", "III", "IV")

    @classmethod
    def dari_teks(cls, teks: str | None) -> Periode:
        teks = (teks or "").strip().lower()
        if teks.startswith("b") and teks[1:].isdigit() and 1 <= int(teks[1:]) <= 12:
            bulan = int(teks[1:])
            return cls(triwulan=(bulan - 1) // 3 + 1, bulan=bulan)
        if teks.startswith("tw") and teks[2:] in ("1", "2", "3", "4"):
            return cls(triwulan=int(teks[2:]))
        raise ValueError(f"Periode {teks!r} tidak dikenal")

    @property
    def kode(self) -> str:
        return f"b{self.bulan}" if self.bulan else f"tw{self.triwulan}"

    @property
    def nama(self) -> str:
        if self.bulan:
            return self.NAMA_BULAN[self.bulan - 1]
        return f"Triwulan {self.ROMAWI[self.triwulan - 1]}"

    @classmethod
    def semua(cls) -> list[Periode]:
        return [cls(t) for t in range(1, 5)] + [cls((b - 1) // 3 + 1, b) for b in range(1, 13)]


@dataclass
class IsianRealisasi:
    """What a grid row shows for one period: the value entered for it, or why it is locked."""

    nilai: Decimal | None = None
    catatan: str = ""
    # The quarter is already entered the other way (as one figure vs. per month).
    terkunci: str = ""


def realisasi_isian(*, anggaran: Anggaran, periode: Periode) -> dict[str, IsianRealisasi]:
    """Per row ("baris-<id>" / "pos-<id>", as `Simpul.dom_id`): the entry of `periode`
    and any conflict, in one query."""
    hasil: dict[str, IsianRealisasi] = defaultdict(IsianRealisasi)
    rows = RealisasiAnggaran.objects.filter(anggaran=anggaran, triwulan=periode.triwulan).values(
        "baris_id", "pos_id", "bulan", "nilai", "catatan")
    for r in rows:
        kunci = f"baris-{r['baris_id']}" if r["baris_id"] else f"pos-{r['pos_id']}"
        isian = hasil[kunci]
        if r["bulan"] == periode.bulan:
            isian.nilai, isian.catatan = r["nilai"], r["catatan"]
        elif periode.bulan is None:
            isian.terkunci = "diisi per bulan"
        elif r["bulan"] is None:
            isian.terkunci = "diisi per triwulan"
    return hasil


# --- allocation per sasaran / IKU and efficiency -------------------------------------------


def _sebar(nilai: Decimal, bobot: list[Decimal]) -> list[Decimal]:
    """Split an amount by weights into whole cents that add up exactly to it (largest
    remainder); all-zero weights split equally. Money split 1/3 must not lose a cent.

    Weights are 1 or amounts, so whole cents: integer arithmetic is exact and fast."""
    if len(bobot) == 1:
        return [nilai]
    w = [int(b.scaleb(2)) for b in bobot]
    if not any(w):
        w = [1] * len(w)
    total, sen = sum(w), int(nilai.scaleb(2))
    bulat = [sen * x // total for x in w]
    sisa = [sen * x % total for x in w]
    for i in sorted(range(len(w)), key=lambda i: (-sisa[i], i))[: sen - sum(bulat)]:
        bulat[i] += 1
    return [Decimal(b).scaleb(-2) for b in bulat]


@dataclass(frozen=True)
class Porsi:
    """The part of one kegiatan's (or pos') money counted in an allocation row."""

    simpul: Simpul
    pagu: Decimal
    realisasi: Decimal
    program_id: int | None
    keterangan: str


@dataclass(frozen=True)
class Capaian:
    """Capaian kinerja set against a budget: the value and how it was obtained."""

    persen: Decimal | None
    rumus: str
    n: int = 1


@dataclass(eq=False)
class BarisAlokasi:
    """A row of the allocation table: a sasaran (or one IKU of it), the penunjang block,
    belanja outside programs, or what is not mapped yet."""

    jenis: str  # sasaran | penunjang | luar_program | belum_dipetakan
    judul: str
    total_belanja: Decimal
    ambang: tuple[Decimal, Decimal]
    sasaran: Sasaran | None = None
    indikator: Indikator | None = None
    porsi: list[Porsi] = field(default_factory=list)
    capaian: Capaian | None = None

    @property
    def kunci(self) -> tuple[int | None, int | None]:
        return (self.sasaran.pk if self.sasaran else None,
                self.indikator.pk if self.indikator else None)

    @cached_property
    def alokasi(self) -> efisiensi.AlokasiSasaran:
        return efisiensi.alokasi_sasaran(anggaran=[p.pagu for p in self.porsi],
                                         total_belanja=self.total_belanja)

    @cached_property
    def rekap(self) -> efisiensi.RekapSerapan:
        return efisiensi.rekap_serapan((p.pagu, p.realisasi) for p in self.porsi)

    @property
    def pagu(self) -> Decimal:
        return self.rekap.total_pagu

    @property
    def realisasi(self) -> Decimal:
        return self.rekap.total_realisasi

    @property
    def jumlah_program(self) -> int:
        return len({p.program_id for p in self.porsi if p.program_id})

    @property
    def jumlah_kegiatan(self) -> int:
        return len({p.simpul.pk for p in self.porsi if p.simpul.tingkat == "kegiatan"})

    @property
    def keterangan(self) -> list[str]:
        return sorted({p.keterangan for p in self.porsi if p.keterangan})

    @cached_property
    def efisiensi(self) -> efisiensi.HasilEfisiensiProgram:
        return _efisiensi(self.capaian, self.rekap.persen, self.ambang)

    @property
    def penghematan(self) -> Decimal | None:
        return efisiensi.penghematan(pagu=self.pagu, realisasi=self.realisasi,
                                     capaian=self.capaian.persen if self.capaian else None)


def _efisiensi(c: Capaian | None, serapan: Decimal | None,
               ambang: tuple[Decimal, Decimal]) -> efisiensi.HasilEfisiensiProgram:
    return efisiensi.efisiensi_program(capaian=c.persen if c else None, serapan=serapan,
                                       ambang_efisien=ambang[0], ambang_cukup=ambang[1])


@dataclass(eq=False)
class BarisProgram:
    """A program in the efficiency analysis: its money, the capaian it is judged by."""

    simpul: Simpul
    perlakuan: str  # "" = direct | blok | sebar
    melayani: list[BarisAlokasi]
    capaian: Capaian | None
    ambang: tuple[Decimal, Decimal]

    @cached_property
    def efisiensi(self) -> efisiensi.HasilEfisiensiProgram:
        return _efisiensi(self.capaian, self.simpul.serapan, self.ambang)

    @property
    def penghematan(self) -> Decimal | None:
        return efisiensi.penghematan(pagu=self.simpul.akhir, realisasi=self.simpul.realisasi,
                                     capaian=self.capaian.persen if self.capaian else None)


@dataclass
class DataAlokasi:
    data: DataAnggaran
    baris: list[BarisAlokasi]
    program: list[BarisProgram]
    perlakuan: dict[int, str]
    pemetaan_program: dict[int, list[PemetaanSasaran]]
    pemetaan_kegiatan: dict[int, list[PemetaanSasaran]]
    target: list[tuple[Sasaran, list[Indikator]]]
    ambang: tuple[Decimal, Decimal]
    sebaran_rata: bool  # penunjang spread equally because no direct allocation had a pagu

    @property
    def per_sasaran(self) -> list[BarisAlokasi]:
        return [b for b in self.baris if b.jenis == "sasaran"]

    @cached_property
    def jumlah(self) -> efisiensi.AlokasiSasaran:
        """Σ of all rows against total belanja: 100 % when nothing is lost or counted twice."""
        return efisiensi.alokasi_sasaran(anggaran=[b.pagu for b in self.baris],
                                         total_belanja=self.data.belanja.akhir)

    @cached_property
    def kemenkeu(self) -> efisiensi.HasilEfisiensiKemenkeu:
        return efisiensi.efisiensi_kemenkeu(
            (p.simpul.akhir, p.simpul.realisasi, p.capaian.persen if p.capaian else None)
            for p in self.program)


def efisiensi_ambang(*, pemda_id: int) -> tuple[Decimal, Decimal]:
    """(ambang efisien, ambang cukup efisien) of the pemda, or the engine's defaults."""
    p = PengaturanEfisiensi.objects.filter(pemda_id=pemda_id).first()
    if p is None:
        return efisiensi.AMBANG_EFISIEN, efisiensi.AMBANG_CUKUP
    return p.ambang_efisien, p.ambang_cukup


def sasaran_anggaran(*, anggaran: Anggaran) -> list[tuple[Sasaran, list[Indikator]]]:
    """Sasaran of the office's Renstra in force in the budget year, with their indicators
    (IKU first); two queries."""
    sasaran = list(Sasaran.objects.filter(
        tujuan__renstra__opd_id=anggaran.opd_id,
        tujuan__renstra__tahun_awal__lte=anggaran.tahun,
        tujuan__renstra__tahun_akhir__gte=anggaran.tahun,
    ).exclude(tujuan__renstra__status=Renstra.Status.DIGANTIKAN).order_by(
        "tujuan__renstra__tahun_awal", "tujuan__urutan", "tujuan_id", "urutan", "pk"))
    per_sasaran: dict[int, list[Indikator]] = defaultdict(list)
    for i in Indikator.objects.filter(sasaran__in=[s.pk for s in sasaran]).order_by(
            "-is_iku", "urutan", "pk"):
        if i.berlaku_pada(anggaran.tahun):
            per_sasaran[i.sasaran_id].append(i)  # type: ignore[index]
    return [(s, per_sasaran[s.pk]) for s in sasaran]


def capaian_sasaran(*, user: Any, anggaran: Anggaran
                    ) -> tuple[dict[int, Capaian], dict[int, Capaian]]:
    """Capaian of the year per sasaran-level indicator and per sasaran (mean of its
    indicators), taken from kinerja's dashboard selector: computed there, never here."""
    dasbor = capaian_dasbor(user=user, opd=anggaran.opd, tahun=anggaran.tahun)
    per_indikator: dict[int, Capaian] = {}
    per_sasaran: dict[int, Capaian] = {}
    for bagian in dasbor.bagian:
        for kel in bagian.sasaran:
            for b in kel.baris:
                per_indikator[b.indikator.pk] = Capaian(b.hasil.persen, b.rumus)
            rata, n = rata_rata_capaian([b.hasil for b in kel.baris])
            per_sasaran[kel.sasaran.pk] = Capaian(
                rata, f"rata-rata capaian {n} indikator sasaran = {kel.rata_rata_teks}", n)
    return per_indikator, per_sasaran


def _nama_target(b: BarisAlokasi) -> str:
    if b.indikator is not None:
        return f"{'IKU' if b.indikator.is_iku else 'Indikator'} {b.indikator.nama}"
    return f"Sasaran {b.judul}"


def alokasi_dataset(*, anggaran: Anggaran, user: Any) -> DataAlokasi:
    """Budget per sasaran/IKU with its share of total belanja, and the efficiency of each
    sasaran and program, from a fixed number of queries however many lines."""
    data = anggaran_dataset(anggaran=anggaran)
    perlakuan = dict(PerlakuanProgram.objects.filter(anggaran=anggaran)
                     .values_list("program_id", "perlakuan"))
    pemetaan_program: dict[int, list[PemetaanSasaran]] = defaultdict(list)
    pemetaan_kegiatan: dict[int, list[PemetaanSasaran]] = defaultdict(list)
    for m in PemetaanSasaran.objects.filter(anggaran=anggaran).select_related(
            "sasaran", "indikator", "program", "kegiatan__program").order_by("pk"):
        if m.program_id:
            pemetaan_program[m.program_id].append(m)
        else:
            pemetaan_kegiatan[m.kegiatan_id].append(m)  # type: ignore[index]
    target = sasaran_anggaran(anggaran=anggaran)
    # A mapping made before a Perubahan Renstra stands for the copies of its sasaran and IKU.
    sasaran_kini = versi_terkini(rantai_versi(Sasaran, anggaran.opd))
    indikator_kini = versi_terkini(rantai_versi(Indikator, anggaran.opd))
    ambang = efisiensi_ambang(pemda_id=anggaran.opd.pemda_id)
    total = data.belanja.akhir

    def baris_baru(jenis: str, judul: str, **kw: Any) -> BarisAlokasi:
        return BarisAlokasi(jenis, judul, total_belanja=total, ambang=ambang, **kw)

    baris: dict[tuple[int | None, int | None], BarisAlokasi] = {}
    for s, daftar in target:
        baris[(s.pk, None)] = baris_baru("sasaran", s.nama, sasaran=s)
        for i in daftar:
            baris[(s.pk, i.pk)] = baris_baru("sasaran", s.nama, sasaran=s, indikator=i)

    def tujuan(m: PemetaanSasaran) -> BarisAlokasi:
        kunci = (sasaran_kini.get(m.sasaran_id, m.sasaran_id),
                 indikator_kini.get(m.indikator_id, m.indikator_id) if m.indikator_id else None)
        if kunci not in baris:  # its sasaran or IKU is no longer in the Renstra in force
            kunci = (m.sasaran_id, m.indikator_id)
            baris.setdefault(kunci, baris_baru("sasaran", m.sasaran.nama, sasaran=m.sasaran,
                                               indikator=m.indikator))
        return baris[kunci]

    def bagi(k: Simpul, program_id: int | None, ke: list[BarisAlokasi],
             bobot: list[Decimal], ket: str) -> None:
        for b, pagu, real in zip(ke, _sebar(k.akhir, bobot), _sebar(k.realisasi, bobot),
                                 strict=True):
            b.porsi.append(Porsi(k, pagu, real, program_id, ket))

    penunjang = baris_baru("penunjang", "Program penunjang (blok tersendiri)")
    belum = baris_baru("belum_dipetakan", "Belum dipetakan ke sasaran")
    disebar: list[Simpul] = []
    melayani: dict[int, dict[tuple[int | None, int | None], BarisAlokasi]] = defaultdict(dict)
    for p in data.program.anak:
        assert p.pk is not None
        cara = perlakuan.get(p.pk, "")
        if cara == PerlakuanProgram.Perlakuan.SEBAR:
            disebar.append(p)
            continue
        for k in p.anak:
            if cara == PerlakuanProgram.Perlakuan.BLOK:
                bagi(k, p.pk, [penunjang], [Decimal(1)], "")
                continue
            peta = pemetaan_kegiatan.get(k.pk) or pemetaan_program.get(p.pk)  # type: ignore[arg-type]
            if not peta:
                bagi(k, p.pk, [belum], [Decimal(1)], "")
                continue
            # Mapped before and again after a Perubahan Renstra: one target, not two halves.
            ke = list({b.kunci: b for b in map(tujuan, peta)}.values())
            ket = f"dibagi rata ke {len(ke)} sasaran/IKU" if len(ke) > 1 else ""
            bagi(k, p.pk, ke, [Decimal(1)] * len(ke), ket)
            melayani[p.pk].update((b.kunci, b) for b in ke)

    langsung = [b for b in baris.values() if b.porsi]
    # Summed from the parts, not `b.pagu`: that is cached and must include the spread.
    bobot = ([Decimal(1)] * len(langsung) if anggaran.kunci_sebaran == Anggaran.KunciSebaran.RATA
             else [sum((p.pagu for p in b.porsi), NOL) for b in langsung])
    for p in disebar:
        assert p.pk is not None
        for k in p.anak:
            if langsung:
                bagi(k, p.pk, langsung, bobot, "termasuk program penunjang yang disebar")
            else:  # nothing to spread over yet: kept as a block, and the page says why
                bagi(k, p.pk, [penunjang], [Decimal(1)], "")
        melayani[p.pk].update((b.kunci, b) for b in langsung)

    luar = baris_baru("luar_program", "Belanja di luar program")
    for pos in data.pos_belanja:
        luar.porsi.append(Porsi(pos, pos.akhir, pos.realisasi, None, ""))

    urutan = {k: i for i, k in enumerate(baris)}
    hasil = sorted((b for b in baris.values()
                    if b.porsi or (b.indikator is not None and b.indikator.is_iku)),
                   key=lambda b: urutan[b.kunci])
    hasil += [b for b in (penunjang, luar, belum) if b.porsi]

    per_indikator, per_sasaran = capaian_sasaran(user=user, anggaran=anggaran)
    for b in hasil:
        if b.jenis == "sasaran" and b.sasaran is not None:
            b.capaian = (per_indikator.get(b.indikator.pk) if b.indikator is not None
                         else per_sasaran.get(b.sasaran.pk))

    program = []
    for p in data.program.anak:
        assert p.pk is not None
        dilayani = list(melayani[p.pk].values())
        program.append(BarisProgram(simpul=p, perlakuan=perlakuan.get(p.pk, ""),
                                    melayani=dilayani, capaian=_capaian_program(dilayani),
                                    ambang=ambang))

    return DataAlokasi(
        data=data, baris=hasil, program=program, perlakuan=perlakuan,
        pemetaan_program=pemetaan_program, pemetaan_kegiatan=pemetaan_kegiatan,
        target=target, ambang=ambang,
        sebaran_rata=bool(disebar and langsung and not any(bobot)),
    )


def _capaian_program(dilayani: list[BarisAlokasi]) -> Capaian | None:
    """A program is judged by the capaian of the sasaran/IKU it serves (their mean)."""
    nilai = [b.capaian for b in dilayani if b.capaian is not None]
    if not nilai:
        return None
    if len(dilayani) == 1:
        c = nilai[0]
        return Capaian(c.persen, f"capaian {_nama_target(dilayani[0])}: {c.rumus}", c.n)
    rata, n = rata_rata_capaian([c.persen for c in nilai])
    rincian = "; ".join(f"{_nama_target(b)} {format_persen(b.capaian.persen)}"
                        for b in dilayani if b.capaian is not None)
    return Capaian(rata, f"rata-rata capaian {n} sasaran/IKU yang didukung ({rincian}) = "
                         f"{format_persen(rata)}", n)
