"""What the workbook of an office and year holds, read from the database once.

The export writes it; the import compares an uploaded workbook with it and hands its
loaded objects to the domain services. A fixed number of queries per Renstra covering the
year, whatever the number of rows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from anggaran.models import Anggaran, BarisAnggaran, KelompokBelanja, PosAnggaran, RealisasiAnggaran
from kinerja.models import BarisPk, PerjanjianKinerja, Realisasi, TargetTriwulan
from kinerja.selectors import rantai_indikator, terbaru_dari
from renstra.models import Indikator, Renstra, TargetRenstra
from renstra.selectors import NilaiTarget, Simpul, renstra_tree
from sakip.models import Opd

JENJANG = {"tujuan": "Tujuan", "sasaran": "Sasaran", "program": "Program",
           "kegiatan": "Kegiatan", "sub_kegiatan": "Sub kegiatan"}

# Renstra order of a program (what the budget pages sort by as well).
URUT_PROGRAM = ("sasaran__tujuan__renstra__tahun_awal", "sasaran__tujuan__urutan",
                "sasaran__urutan", "urutan", "pk")


@dataclass
class BarisIndikator:
    """An indicator valid in the year, with the node it hangs on (tree order)."""

    indikator: Indikator  # `renstra` attached: the services' checks read it
    jenjang: str
    kode: str
    uraian: str
    target: NilaiTarget | None  # the Renstra target of the year


@dataclass
class BarisPkData:
    baris: BarisPk  # with indikator (and its renstra) and perjanjian loaded
    target_renstra: NilaiTarget | TargetRenstra | None
    triwulan: dict[int, TargetTriwulan]


@dataclass
class TwAnggaran:
    """A quarter of a budget line: the sum entered and whether it was entered by month."""

    nilai: Decimal | None = None
    bulanan: bool = False


@dataclass
class BarisAnggaranData:
    induk: BarisAnggaran | PosAnggaran
    jenis: str  # "baris" or "pos"
    kode: str
    uraian: str
    tw: dict[int, TwAnggaran] = field(default_factory=dict)


@dataclass
class DataBukuKerja:
    opd: Opd
    tahun: int
    renstra: list[BarisIndikator]  # indicators of the Renstra versions with targets this year
    realisasi: list[BarisIndikator]  # indicators that take realisations this year
    # (indicator, quarter) → this year's record, possibly of its earlier version
    rekaman: dict[tuple[int, int], Realisasi]
    pk: list[BarisPkData]
    anggaran: Anggaran | None
    anggaran_baris: list[BarisAnggaranData]
    kelompok: list[KelompokBelanja]

    def pilihan_kelompok(self) -> dict[str, KelompokBelanja]:
        return {k.nama: k for k in self.kelompok}


def _urut(renstra: Renstra, tahun: int) -> list[BarisIndikator]:
    """Indicators valid in `tahun` in tree order, with the Renstra attached to each."""
    pohon = renstra_tree(renstra=renstra)
    hasil: list[BarisIndikator] = []

    def jalan(s: Simpul) -> None:
        for b in s.indikator:
            if b.obj.berlaku_pada(tahun):
                b.obj.renstra = renstra
                hasil.append(BarisIndikator(b.obj, JENJANG[s.level], getattr(s.obj, "kode", ""),
                                            s.obj.nama, b.target.get(tahun)))
        for a in s.anak:
            jalan(a)

    for t in pohon.tujuan:
        jalan(t)
    return hasil


def _pk(opd: Opd, tahun: int, renstra: list[Renstra],
        target: dict[int, NilaiTarget | None]) -> list[BarisPkData]:
    """Rows of the newest PK version per Renstra period: the one still being worked on, or
    the approved one whose edits the services refuse. After a Perubahan Renstra that is
    the PK made on the version before until one is started on the revised Renstra."""
    periode = {(r.tahun_awal, r.tahun_akhir) for r in renstra}
    terbaru: dict[tuple[int, int], PerjanjianKinerja] = {}
    for p in PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun).select_related(
            "opd", "renstra__opd").order_by("renstra__versi", "versi"):
        kunci = (p.renstra.tahun_awal, p.renstra.tahun_akhir)
        if kunci in periode:
            terbaru[kunci] = p
    per_id = {p.pk: p for p in terbaru.values()}
    baris = list(BarisPk.objects.filter(perjanjian__in=per_id)
                 .select_related("indikator").prefetch_related("triwulan")
                 .order_by("perjanjian__renstra__tahun_awal", "urutan", "pk"))
    # Rows of a PK made on an earlier version: that version's targets, which its services
    # compare with (`target` holds the current versions' indicators).
    lama = [b.indikator_id for b in baris if b.indikator_id not in target]
    if lama:
        target = {**target, **{t.indikator_id: t for t in TargetRenstra.objects.filter(
            indikator_id__in=lama, tahun=tahun)}}
    hasil = []
    for b in baris:
        b.perjanjian = per_id[b.perjanjian_id]
        b.indikator.renstra = b.perjanjian.renstra
        hasil.append(BarisPkData(b, target.get(b.indikator_id),
                                 {t.triwulan: t for t in b.triwulan.all()}))
    return hasil


def _anggaran(anggaran: Anggaran) -> list[BarisAnggaranData]:
    tw: dict[tuple[str, int], dict[int, TwAnggaran]] = defaultdict(dict)
    for baris_id, pos_id, triwulan, bulan, nilai in RealisasiAnggaran.objects.filter(
            anggaran=anggaran).values_list("baris_id", "pos_id", "triwulan", "bulan", "nilai"):
        kunci = ("baris", baris_id) if baris_id else ("pos", pos_id)
        t = tw[kunci].setdefault(triwulan, TwAnggaran())
        t.nilai = (t.nilai or Decimal("0")) + nilai
        t.bulanan = t.bulanan or bulan is not None
    hasil = []
    for b in (BarisAnggaran.objects.filter(anggaran=anggaran)
              .select_related("kelompok", "kegiatan__program__sasaran__tujuan__renstra",
                              "sub_kegiatan")
              .order_by(*(f"kegiatan__program__{k}" for k in URUT_PROGRAM), "kegiatan__urutan",
                        "kegiatan__pk", "sub_kegiatan__urutan", "sub_kegiatan__pk",
                        "kelompok__urutan", "pk")):
        b.anggaran = anggaran
        node: Any = b.sub_kegiatan or b.kegiatan
        program = b.kegiatan.program.kode
        # Old kegiatan codes are serial numbers ("10"): show them under their program.
        kode = node.kode if node.kode.startswith(program) else f"{program} / {node.kode}"
        hasil.append(BarisAnggaranData(b, "baris", kode, node.nama, tw[("baris", b.pk)]))
    for p in PosAnggaran.objects.filter(anggaran=anggaran).select_related("kelompok"):
        p.anggaran = anggaran
        hasil.append(BarisAnggaranData(p, "pos", p.kode, p.uraian, tw[("pos", p.pk)]))
    return hasil


def buku_kerja_data(*, opd: Opd, tahun: int) -> DataBukuKerja:
    """Everything the workbook of `opd` for `tahun` shows (the caller checked access)."""
    berlaku = list(Renstra.objects.filter(opd=opd, tahun_akhir__gte=tahun,
                                          tahun_kondisi_awal__lte=tahun)
                   .exclude(status=Renstra.Status.DIGANTIKAN)
                   .select_related("opd").order_by("tahun_awal", "-versi"))
    per_renstra = {r.pk: _urut(r, tahun) for r in berlaku}
    renstra_target = [r for r in berlaku if tahun in r.tahun_target]
    target_rows = [b for r in renstra_target for b in per_renstra[r.pk]]
    realisasi_rows = [b for rows in per_renstra.values() for b in rows]
    rantai = rantai_indikator(opd)
    per = {(r.indikator_id, r.triwulan): r
           for r in Realisasi.objects.filter(indikator__renstra__opd=opd, tahun=tahun)}
    # Quarters entered before a Perubahan Renstra stay on the old version's indicator: shown
    # (and compared on import) on its copy, as the reports read them.
    rekaman = {(b.indikator.pk, tw): r for b in realisasi_rows for tw in (1, 2, 3, 4)
               if (r := terbaru_dari(per, ((i, tw) for i in rantai[b.indikator.pk])))}
    anggaran = Anggaran.objects.filter(opd=opd, tahun=tahun).select_related("opd").first()
    return DataBukuKerja(
        opd=opd, tahun=tahun, renstra=target_rows, realisasi=realisasi_rows, rekaman=rekaman,
        pk=_pk(opd, tahun, renstra_target, {b.indikator.pk: b.target for b in target_rows}),
        anggaran=anggaran,
        anggaran_baris=_anggaran(anggaran) if anggaran is not None else [],
        kelompok=list(KelompokBelanja.untuk_tahun(tahun)),
    )


def indikator_kualitatif(ind: Indikator) -> bool:
    return ind.jenis_target == Indikator.JenisTarget.KUALITATIF
