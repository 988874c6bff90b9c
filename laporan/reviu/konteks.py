"""Everything the rules read about one office and year, loaded once with a fixed number of
queries, and the values the data give for each object (what printed figures and narrative
figures are set against).

Capaian, serapan, allocation and efficiency come from the kinerja and anggaran selectors
(`capaian_dasbor`, `alokasi_dataset`), never computed here a second way; the only calls
to the capaian engine here are what-ifs ("which other formula would print this?").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.db.models import Prefetch, Q, Sum
from django.urls import reverse
from django.utils import timezone

from anggaran import efisiensi
from anggaran.models import Anggaran
from anggaran.selectors import DataAlokasi, Simpul, alokasi_dataset, anggaran_get
from kinerja import capaian
from kinerja.models import (
    AnalisisIndikator,
    BarisPk,
    PerjanjianKinerja,
    ProgramPk,
    Realisasi,
    SkalaKategori,
    TargetTriwulan,
)
from kinerja.selectors import (
    Aturan,
    BarisCapaian,
    DasborCapaian,
    Target,
    analisis_rantai,
    capaian_dasbor,
    pk_berlaku_periode,
    rantai_indikator,
    rantai_versi,
    renstra_untuk_tahun,
    terbaru_dari,
    versi_terkini,
)
from renstra.models import Indikator, Program, Renstra, TargetRenstra
from sakip.formatting import parse_angka
from sakip.models import Opd

from ..models import (
    AngkaTercetak,
    BarisSdm,
    Besaran,
    LaporanKinerja,
    NarasiAnalisis,
    PengakuanTemuan,
    TabelTercetak,
)
from ..selectors import SISTEM, narasi_rantai

Entitas = tuple[str, int]  # ("indikator" | "program" | "kegiatan", pk)


@dataclass(frozen=True)
class Nilai:
    """What the data give for one quantity of one object, and how (shown in findings)."""

    nilai: Decimal
    ket: str = ""


@dataclass
class Konteks:
    opd: Opd
    tahun: int
    hari_ini: date
    aturan: Aturan
    skala: SkalaKategori | None
    renstra: list[Renstra]
    # Indicators of the Renstra versions covering the year (retired ones included).
    indikator: dict[int, Indikator]
    # Indicator / program of any Renstra version → its copy in the version covering the
    # year: PK rows, budget lines and entries made before a Perubahan Renstra stand for it.
    indikator_kini: dict[int, int]
    program_kini: dict[int, int]
    # "indikator" / "program" → each row of the office → itself and its earlier versions.
    rantai: dict[str, dict[int, list[int]]]
    # Of these indicators, and of those of the PK rows (the version the PK was made on).
    target_renstra: dict[int, dict[int, Target]]
    pk: list[PerjanjianKinerja]  # the PK that counts per Renstra period (`pk_berlaku_periode`)
    baris_pk: list[dict[str, Any]]
    target_tw: dict[int, dict[int, Decimal]]  # PK row → quarter → target
    program_pk: list[dict[str, Any]]
    # (indicator, year) → TW I–IV rows of the previous year and this one, each quarter from
    # the newest version of the indicator that has it.
    realisasi: dict[tuple[int, int], list[dict[str, Any] | None]]
    dasbor: DasborCapaian
    anggaran: Anggaran | None
    alokasi: DataAlokasi | None
    laporan: LaporanKinerja | None
    # The analysis texts the staff edited and the year's analyses, by the indicator they
    # count for (read through earlier versions as the LKjIP reads them).
    narasi: dict[tuple[int, str], NarasiAnalisis]
    analisis: dict[int, AnalisisIndikator]
    # The rows of the same texts on the indicators' earlier versions, newest first:
    # re-saved after a Perubahan Renstra, a text moves to a new row of the copy, and what
    # was acknowledged on the old row still stands.
    narasi_lama: dict[tuple[int, str], list[NarasiAnalisis]]
    analisis_lama: dict[int, list[AnalisisIndikator]]
    tercetak: list[TabelTercetak]
    pengakuan: list[PengakuanTemuan]
    sdm: dict[str, int]  # staff table of the LKjIP (`BarisSdm.Kelompok`) → its total
    nilai: dict[tuple[Entitas, int], dict[str, Nilai]] = field(default_factory=dict)
    # Capaian by formulas other than the pemda's (a printed figure may have used one).
    alternatif: dict[Entitas, list[tuple[str, Decimal]]] = field(default_factory=dict)
    nama: dict[Entitas, str] = field(default_factory=dict)

    @property
    def tahun_berakhir(self) -> bool:
        """The year is over: a missing year-end realisation is then missing for good."""
        return self.hari_ini.year > self.tahun

    @cached_property
    def baris_per_indikator(self) -> dict[int, dict[str, Any]]:
        """The PK row of each indicator (of the PK versions in force)."""
        return {self.indikator_kini.get(b["indikator_id"], b["indikator_id"]): b
                for b in self.baris_pk}

    @property
    def baris_capaian(self) -> list[BarisCapaian]:
        return [b for bg in self.dasbor.bagian for kel in bg.sasaran for b in kel.baris]

    def nilai_dari(self, e: Entitas, tahun: int, besaran: str) -> Nilai | None:
        return self.nilai.get((e, tahun), {}).get(besaran)

    def kunci_versi(self, e: Entitas, *, awal: str = "", akhir: str = ""
                    ) -> tuple[str, tuple[str, ...]]:
        """A finding's object key `awal` + id of `e` + `akhir`, and the same key on each
        earlier version of `e`, newest first (`Temuan.kunci_lama`): a Perubahan Renstra
        gives the copies new ids, and what was acknowledged before it is the same finding.
        Ids of rows a revision does not copy (PK rows, realisations, budget lines, printed
        cells) go into `awal`/`akhir` as they are."""
        kunci = [f"{awal}{i}{akhir}" for i in self.rantai.get(e[0], {}).get(e[1], [e[1]])]
        return kunci[0], tuple(kunci[1:])

    # --- where a finding points -------------------------------------------------------

    def url_indikator(self, pk: int) -> str:
        return reverse("renstra:indikator-update", args=[pk])

    def url_pk(self, pk: int, halaman: str = "pk-detail") -> str:
        return reverse(f"kinerja:{halaman}", args=[pk])

    def url_realisasi(self, triwulan: int = 4) -> str:
        return f"{reverse('kinerja:realisasi-grid')}?triwulan={triwulan}&lingkup=semua"

    def url_analisis(self, indikator: int) -> str:
        return f"{reverse('kinerja:analisis', args=[self.tahun])}?indikator={indikator}"

    def url_anggaran(self, halaman: str, jangkar: str = "") -> str:
        url = reverse(f"anggaran:{halaman}")
        return f"{url}#{jangkar}" if jangkar else url

    def url_tercetak(self, angka: AngkaTercetak) -> str:
        """The printed cell on the review page (its table is shown there, the cell marked)."""
        return (reverse("laporan:reviu", args=[self.opd.slug, self.tahun])
                + f"#angka-{angka.pk}")


def _angka_teks(teks: str) -> Decimal | None:
    """A figure back from kinerja's display text ("37,59%", "0,15"); a label gives None."""
    try:
        return parse_angka(teks)
    except ValueError:
        return None


def _nilai_kinerja(k: Konteks) -> None:
    """Target, realisation, capaian, progress and end target of every sasaran-level
    indicator from kinerja's dashboard; realisation and capaian of the earlier years too."""
    kualitatif = Indikator.JenisTarget.KUALITATIF
    for b in k.baris_capaian:
        ind = b.indikator
        e: Entitas = ("indikator", ind.pk)
        k.nama[e] = ind.nama
        v = k.nilai.setdefault((e, k.tahun), {})
        h = b.hasil
        if ind.jenis_target != kualitatif:
            if b.target is not None and b.target.nilai is not None and b.target.atas is None:
                v[Besaran.TARGET] = Nilai(b.target.nilai, f"target {b.target.sumber}")
            if h.realisasi is not None:
                v[Besaran.REALISASI] = Nilai(h.realisasi, "realisasi tahunan dari data")
        if h.persen is not None:
            v[Besaran.CAPAIAN] = Nilai(h.persen, b.rumus)
            k.alternatif[e] = _alternatif(ind, h, k.aturan)
        bd = b.banding
        if bd is None:
            continue
        for besaran, teks, ket in ((Besaran.KEMAJUAN, bd.kemajuan_teks, "tingkat kemajuan"),
                                   (Besaran.TARGET_AKHIR, bd.target_akhir_teks,
                                    "target akhir Renstra")):
            angka = _angka_teks(teks)
            if angka is not None:
                v[besaran] = Nilai(angka, ket)
        for lalu, persen in zip(bd.lalu, b.tren, strict=False):
            v_lalu = k.nilai.setdefault((e, lalu.tahun), {})
            angka = _angka_teks(lalu.realisasi_teks)
            if angka is not None and ind.jenis_target != kualitatif:
                v_lalu[Besaran.REALISASI] = Nilai(angka, f"realisasi {lalu.tahun} dari data")
            if persen is not None:
                v_lalu[Besaran.CAPAIAN] = Nilai(persen, f"capaian {lalu.tahun} dari data")


def _alternatif(ind: Indikator, h: capaian.HasilCapaian, aturan: Aturan
                ) -> list[tuple[str, Decimal]]:
    """Capaian of a `turun` indicator by the formulas the pemda did not choose."""
    if ind.polaritas != Indikator.Polaritas.TURUN or h.target is None or h.realisasi is None:
        return []
    lain = "rasio" if aturan.metode_turun == "resmi" else "resmi"
    rumus = {"rasio": "T / R × 100", "resmi": "(2T − R) / T × 100"}
    calon = [
        (f"rumus {rumus[lain]}", capaian.hitung_capaian(
            target=h.target, realisasi=h.realisasi, polaritas="turun", metode_turun=lain)),
        ("R / T × 100 (polaritas diabaikan)", capaian.hitung_capaian(
            target=h.target, realisasi=h.realisasi, polaritas="naik")),
    ]
    return [(label, c.persen) for label, c in calon if c.persen is not None]


def _nilai_simpul(k: Konteks, e: Entitas, s: Simpul, total: Decimal) -> None:
    v = k.nilai.setdefault((e, k.tahun), {})
    k.nama[e] = f"{s.kode} {s.nama}".strip()
    v[Besaran.PAGU] = Nilai(s.akhir, "pagu DPA (perubahan bila ada)")
    v[Besaran.REALISASI_ANGGARAN] = Nilai(s.realisasi, "realisasi anggaran dari data")
    if s.serapan is not None:
        v[Besaran.SERAPAN] = Nilai(s.serapan, s.rumus_serapan)
    porsi = efisiensi.alokasi_sasaran(anggaran=s.akhir, total_belanja=total).persen
    if porsi is not None:
        v[Besaran.PORSI] = Nilai(porsi, "pagu ÷ total belanja × 100")


def _nilai_anggaran(k: Konteks) -> None:
    """Pagu, realisation, absorption and share of every program and kegiatan, and the
    allocation of each indicator with its efficiency (anggaran's allocation dataset)."""
    if k.alokasi is None:
        return
    total = k.alokasi.data.belanja.akhir
    for p in k.alokasi.data.program.anak:
        assert p.pk is not None
        _nilai_simpul(k, ("program", p.pk), p, total)
        for keg in p.anak:
            assert keg.pk is not None
            _nilai_simpul(k, ("kegiatan", keg.pk), keg, total)
    for b in k.alokasi.baris:
        if b.jenis != "sasaran" or b.indikator is None or not b.porsi:
            continue
        v = k.nilai.setdefault((("indikator", b.indikator.pk), k.tahun), {})
        v[Besaran.PAGU] = Nilai(b.pagu, "alokasi: Σ program/kegiatan yang dipetakan")
        v[Besaran.REALISASI_ANGGARAN] = Nilai(b.realisasi, "realisasi alokasi")
        if b.rekap.persen is not None:
            v[Besaran.SERAPAN] = Nilai(b.rekap.persen, b.rekap.rumus)
        if b.alokasi.persen is not None:
            v[Besaran.PORSI] = Nilai(b.alokasi.persen, "alokasi ÷ total belanja × 100")
        if b.efisiensi.rasio is not None:
            v[Besaran.EFISIENSI] = Nilai(b.efisiensi.rasio, "capaian ÷ serapan")


def konteks_muat(*, opd: Opd, tahun: int, hari_ini: date | None = None) -> Konteks:
    """Load the office's year: about fifty queries whatever its size (each selector used
    here has its own fixed count)."""
    renstra = renstra_untuk_tahun(user=SISTEM, opd=opd, tahun=tahun)
    renstra_ids = [r.pk for r in renstra]
    dasbor = capaian_dasbor(user=SISTEM, opd=opd, tahun=tahun, perbandingan=True)
    indikator = {i.pk: i for i in Indikator.objects.filter(renstra_id__in=renstra_ids)
                 .select_related("renstra")}
    rantai = rantai_indikator(opd)
    rantai_ini = {i: rantai[i] for i in indikator}
    rantai_program = rantai_versi(Program, opd)
    pk = list(pk_berlaku_periode(PerjanjianKinerja.objects.filter(
        opd=opd, tahun=tahun).select_related("renstra")).values())
    baris_pk = list(BarisPk.objects.filter(perjanjian__in=pk).values(
        "id", "perjanjian_id", "indikator_id", "target", "target_atas", "target_teks",
        "alasan_target"))
    target_renstra: dict[int, dict[int, Target]] = defaultdict(dict)
    for ind_id, th, nilai, atas, teks in TargetRenstra.objects.filter(
            Q(indikator__renstra_id__in=renstra_ids)
            | Q(indikator_id__in=[b["indikator_id"] for b in baris_pk])).values_list(
            "indikator_id", "tahun", "nilai", "nilai_atas", "nilai_teks"):
        target_renstra[ind_id][th] = Target(nilai, atas, teks)
    target_tw: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for baris_id, tw, nilai in TargetTriwulan.objects.filter(
            baris__perjanjian__in=pk, nilai__isnull=False).values_list(
            "baris_id", "triwulan", "nilai"):
        target_tw[baris_id][tw] = nilai
    program_pk = list(ProgramPk.objects.filter(perjanjian__in=pk).values(
        "id", "perjanjian_id", "program_id", "program__kode", "program__nama", "anggaran"))
    rekaman = {(r["indikator_id"], r["tahun"], r["triwulan"]): r for r in Realisasi.objects
               .filter(indikator__renstra__opd=opd, tahun__in=[tahun - 1, tahun]).values(
                   "id", "indikator_id", "tahun", "triwulan", "nilai", "nilai_teks",
                   "pembilang", "penyebut")}
    realisasi: dict[tuple[int, int], list[dict[str, Any] | None]] = {}
    for i, r in rantai_ini.items():
        for th in (tahun - 1, tahun):
            tw = [terbaru_dari(rekaman, ((x, th, n) for x in r)) for n in (1, 2, 3, 4)]
            if any(tw):
                realisasi[(i, th)] = tw
    anggaran = anggaran_get(opd=opd, tahun=tahun)
    laporan = LaporanKinerja.objects.filter(opd=opd, tahun=tahun).order_by("-versi").first()
    narasi = narasi_rantai(laporan, rantai_ini) if laporan else {}
    analisis = analisis_rantai(opd=opd, tahun=tahun, rantai=rantai_ini)
    k = Konteks(
        opd=opd, tahun=tahun, hari_ini=hari_ini or timezone.localdate(),
        aturan=dasbor.aturan,
        skala=SkalaKategori.objects.filter(pemda_id=opd.pemda_id).first(),
        renstra=renstra, indikator=indikator, indikator_kini=versi_terkini(rantai),
        program_kini=versi_terkini(rantai_program),
        rantai={"indikator": rantai, "program": rantai_program},
        target_renstra=dict(target_renstra), pk=pk,
        baris_pk=baris_pk, target_tw=dict(target_tw), program_pk=program_pk,
        realisasi=realisasi, dasbor=dasbor, anggaran=anggaran,
        alokasi=alokasi_dataset(anggaran=anggaran, user=SISTEM) if anggaran else None,
        laporan=laporan,
        narasi=dict(sorted((kunci, v[0]) for kunci, v in narasi.items() if v[0].diubah)),
        analisis={i: v[0] for i, v in analisis.items()},
        narasi_lama={kunci: v[1:] for kunci, v in narasi.items()},
        analisis_lama={i: v[1:] for i, v in analisis.items()},
        tercetak=list(TabelTercetak.objects.filter(opd=opd, tahun=tahun).prefetch_related(
            Prefetch("angka", AngkaTercetak.objects.order_by("baris", "pk")))),
        pengakuan=list(PengakuanTemuan.objects.filter(opd=opd, tahun=tahun)),
        sdm=dict(BarisSdm.objects.filter(laporan=laporan).order_by().values("kelompok")
                 .annotate(n=Sum("jumlah")).values_list("kelompok", "n")) if laporan else {},
    )
    _nilai_kinerja(k)
    _nilai_anggaran(k)
    return k
