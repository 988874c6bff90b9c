"""Reads of the reports: each document's dataset as plain dataclasses, from a fixed number
of queries, built on the public selectors of renstra, kinerja and anggaran.

Templates, the PDF and the Excel code only read these datasets; they never touch the ORM.
Capaian, serapan and efficiency are never computed here a second way: they come from the
kinerja selectors (`capaian_dasbor`, `realisasi_grid`) and the anggaran selector
(`alokasi_dataset`). The only figures computed here are plain sums of entered counts
(staff and asset tables) and shares of those sums.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from anggaran.selectors import BarisAlokasi, DataAlokasi, Simpul, alokasi_dataset, anggaran_get
from kinerja import capaian
from kinerja.models import AnalisisIndikator, PerjanjianKinerja, Realisasi
from kinerja.selectors import (
    Aturan,
    BarisCapaian,
    BarisGrid,
    DasborCapaian,
    Perbandingan,
    analisis_tahun,
    capaian_dasbor,
    pk_dokumen,
    rantai_indikator,
    rantai_versi,
    realisasi_grid,
    renstra_untuk_tahun,
    semua_dari,
    terbaru_dari,
    versi_terkini,
)
from renstra.models import Indikator, Kegiatan, Program, Renstra
from renstra.selectors import MatriksRenstra, PohonRenstra, renstra_matriks, renstra_tree
from sakip.formatting import format_angka, format_persen, parse_angka
from sakip.models import Opd, Pejabat, UnitKerja

from .grafik import Seri, grafik_batang, grafik_garis
from .models import (
    AsetSarana,
    BarisSdm,
    JenisAnalisis,
    LaporanKinerja,
    NarasiAnalisis,
    Prestasi,
)
from .narasi import (
    FaktaIku,
    FaktaTriwulan,
    TahunLalu,
    draf_analisis,
    kalimat_triwulan,
    narasi_bawaan,
    terbilang_rupiah,
)
from .pdf import Halaman, halaman
from .tabel import (
    Baris,
    Grafik,
    Kepala,
    Penomor,
    Sel,
    Tabel,
    angka,
    dengan_satuan,
    nomor,
    persen,
    rupiah,
    tampil,
    teks,
)

NAMA_TW = ["TW I", "TW II", "TW III", "TW IV"]
# How the TOTAL column of the quarterly table follows from the quarters (cara_agregasi).
TOTAL_TW = {"kumulatif": "Total = jumlah TW", "akhir": "Total = TW terakhir",
            "rata_rata": "Total = rata-rata TW", "maks": "Total = TW tertinggi"}
BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
         "September", "Oktober", "November", "Desember"]


class DataTidakAda(Exception):
    """The office has nothing to report for that year (no Renstra covering it, no PK…)."""


class _PembacaSistem:
    """The reader behind a report: the whole office. Whoever asks for the report was
    checked before (the view's rules, or the operator running `cetak` on the server)."""

    is_authenticated = True
    is_active = True
    is_superuser = True
    pk = None


SISTEM = _PembacaSistem()


def tanggal_teks(tanggal: Any) -> str:
    """31 Desember 2019 — the date style of official documents."""
    return f"{tanggal.day} {BULAN[tanggal.month - 1]} {tanggal.year}"


def butir(teks_isi: str) -> list[str]:
    """Lines of a list field, without the "a." / "1." / "-" the staff may have typed."""
    hasil = []
    for baris in teks_isi.splitlines():
        b = baris.strip()
        if not b:
            continue
        kepala, _, sisa = b.partition(" ")
        if sisa and (kepala in ("-", "•", "*") or (
                kepala.endswith((".", ")")) and len(kepala) <= 4 and kepala[:-1].isalnum())):
            b = sisa.strip()
        hasil.append(b)
    return hasil


# --- category scale: always printed with the value it was applied to --------------------


def nama_skala(aturan: Aturan) -> str:
    if tuple(aturan.skala) == tuple(capaian.SKALA_PERMENDAGRI_86):
        return "skala Permendagri 86/2017"
    return "skala kategori pemerintah daerah"


def uraian_skala(aturan: Aturan) -> list[tuple[str, str]]:
    """[(label, "76% ≤ capaian < 91%"), …] from the best class to the worst."""
    hasil = []
    atas: Decimal | None = None
    for i, (batas, label) in enumerate(aturan.skala):
        b = format_angka(batas)
        if i == len(aturan.skala) - 1:
            rentang = f"capaian < {format_angka(atas)}%" if atas is not None else "semua capaian"
        elif atas is None:
            rentang = f"capaian ≥ {b}%"
        else:
            rentang = f"{b}% ≤ capaian < {format_angka(atas)}%"
        hasil.append((label, rentang))
        atas = batas
    return hasil


def kelas_skala(aturan: Aturan, label: str) -> str:
    """The class a category label stands for, e.g. "capaian ≥ 91% pada skala …"."""
    rentang = dict(uraian_skala(aturan)).get(label, "")
    return f"{rentang} pada {nama_skala(aturan)}" if rentang else ""


def catatan_skala(aturan: Aturan, kolom: str = "capaian") -> str:
    kelas = "; ".join(f"{label}: {r}" for label, r in uraian_skala(aturan))
    return (f"Kategori menurut {nama_skala(aturan)}, diterapkan pada nilai kolom {kolom}: "
            f"{kelas}.")


# --- Renstra matrix ----------------------------------------------------------------------

# Share of the Renstra matrix's width (in %) left for the year columns once the text
# columns (48.6 %) and unit/lokasi (9.4 %) are placed; see _matriks_tabel.html.
_LEBAR_KOLOM_TAHUN = Decimal("42")


@dataclass
class DataMatriks:
    opd: str
    matriks: MatriksRenstra
    kolom_tahun: list[int]
    lebar_kolom_tahun: str

    @property
    def renstra(self) -> Renstra:
        return self.matriks.renstra


def renstra_pilih(*, opd: Opd, tahun: int | None = None) -> Renstra | None:
    """The office's Renstra in force: covering `tahun` if given, else the newest period;
    within a period the newest version that is not superseded."""
    qs = Renstra.objects.filter(opd=opd).exclude(status=Renstra.Status.DIGANTIKAN)
    if tahun is not None:
        qs = qs.filter(tahun_awal__lte=tahun, tahun_akhir__gte=tahun)
    return qs.select_related("opd__pemda").order_by("-tahun_akhir", "-versi").first()


def matriks_dataset(*, renstra: Renstra) -> DataMatriks:
    """The T-C.27 matrix (renstra.selectors.renstra_matriks) with its print layout."""
    m = renstra_matriks(renstra=renstra)
    # Kondisi awal, each target year and kondisi akhir share the year columns equally.
    kolom = [renstra.tahun_kondisi_awal, *m.tahun, renstra.tahun_akhir]
    lebar = (_LEBAR_KOLOM_TAHUN / len(kolom)).quantize(Decimal("0.01"))
    return DataMatriks(opd=renstra.opd.nama, matriks=m, kolom_tahun=kolom,
                       lebar_kolom_tahun=str(lebar))


# --- Perjanjian Kinerja ------------------------------------------------------------------


@dataclass
class Pihak:
    nama: str
    jabatan: str
    pangkat: str
    nip: str


@dataclass
class DataPk:
    opd: str
    pemda: str
    tahun: int
    periode: str
    versi: str
    status: str
    disetujui: bool
    tempat: str
    tanggal: str
    pihak_pertama: Pihak
    pihak_kedua: Pihak
    klausul: str
    alasan_perubahan: str
    tabel_indikator: Tabel
    tabel_program: Tabel
    logo: str


def _logo(opd: Opd) -> str:
    logo = opd.pemda.logo
    return logo.path if logo else ""


def _pk_data(pk: PerjanjianKinerja, opd: Opd, penomor: Penomor | None = None,
             bab: str = "") -> DataPk:
    """The PK document's two tables from kinerja's `pk_dokumen` (six queries)."""
    dok = pk_dokumen(pk=pk)
    kepala = [[Kepala("No."), Kepala("Sasaran Strategis"), Kepala("Indikator Kinerja Utama"),
               Kepala("Target")]]
    per_sasaran: dict[str, list[Any]] = defaultdict(list)
    for b in dok.baris:
        ind = b.obj.indikator
        induk = ind.sasaran or ind.tujuan or ind.program or ind.kegiatan
        per_sasaran[induk.nama if induk else ""].append(b.obj)
    baris = []
    for n, (sasaran, daftar) in enumerate(per_sasaran.items(), start=1):
        for i, b in enumerate(daftar):
            ind = b.indikator
            awal = [nomor(n, rowspan=len(daftar)), teks(sasaran, rowspan=len(daftar))] if i == 0 \
                else []
            target = (tampil(b.target_tampil, satuan=ind.satuan)
                      if b.target_teks or b.target_atas is not None
                      else angka(b.target, satuan=ind.satuan))
            baris.append(Baris([*awal, teks(ind.nama), target]))
    judul_ind = f"Sasaran, Indikator Kinerja Utama dan Target Perjanjian Kinerja {pk.tahun}"
    judul_prog = f"Program dan Anggaran Perjanjian Kinerja {pk.tahun}"
    kepala_prog = [[Kepala("No."), Kepala("Program"), Kepala("Anggaran (Rp)"),
                    Kepala("Keterangan")]]
    baris_prog = [Baris([nomor(n), teks(f"{p.program.kode} {p.program.nama}".strip()),
                         rupiah(p.anggaran), teks(p.keterangan)])
                  for n, p in enumerate(dok.program, start=1)]
    baris_prog.append(Baris([teks("Jumlah", colspan=2), rupiah(dok.jumlah_anggaran), teks("")],
                            "jumlah"))
    if penomor is not None:
        t_ind = penomor.buat_tabel(bab, judul_ind, kepala, lebar=[5, 35, 45, 15], baris=baris)
        t_prog = penomor.buat_tabel(bab, judul_prog, kepala_prog, lebar=[5, 60, 20, 15],
                                    baris=baris_prog)
    else:
        t_ind = Tabel("pk-indikator", "", judul_ind, kepala, baris, [5, 35, 45, 15])
        t_prog = Tabel("pk-program", "", judul_prog, kepala_prog, baris_prog, [5, 60, 20, 15])
    return DataPk(
        opd=opd.nama, pemda=opd.pemda.nama, tahun=pk.tahun, periode=pk.renstra.periode,
        versi=pk.nama_versi, status=pk.get_status_display(),
        disetujui=pk.status == "disetujui", tempat=pk.tempat or opd.pemda.ibukota,
        tanggal=tanggal_teks(pk.tanggal) if pk.tanggal else "",
        pihak_pertama=Pihak(pk.pihak_pertama_nama, pk.pihak_pertama_jabatan,
                            pk.pihak_pertama_pangkat, pk.pihak_pertama_nip),
        pihak_kedua=Pihak(pk.pihak_kedua_nama, pk.pihak_kedua_jabatan,
                          pk.pihak_kedua_pangkat, pk.pihak_kedua_nip),
        klausul=pk.klausul_komitmen, alasan_perubahan=pk.alasan_perubahan,
        tabel_indikator=t_ind, tabel_program=t_prog, logo=_logo(opd),
    )


def pk_dataset(*, pk: PerjanjianKinerja) -> DataPk:
    pk = PerjanjianKinerja.objects.select_related("opd__pemda", "renstra").get(pk=pk.pk)
    return _pk_data(pk, pk.opd)


# --- quarterly report --------------------------------------------------------------------


@dataclass
class BarisTriwulan:
    sasaran: str
    nama: str
    satuan: str
    target_tw: list[str]
    target_total: str
    realisasi_tw: list[str]
    realisasi_total: str
    capaian_tw: list[Decimal | None]
    kategori_tw: list[str]
    capaian_total: Decimal | None
    kategori_total: str
    keterangan: str
    uraian: str


@dataclass
class BagianTriwulan:
    periode: str
    baris: list[BarisTriwulan]


@dataclass
class DataTriwulan:
    opd: str
    pemda: str
    tahun: int
    bagian: list[BagianTriwulan]
    tabel: list[Tabel]
    logo: str

    @property
    def ada(self) -> bool:
        return any(b.baris for b in self.bagian)


Rekaman = dict[int, list[dict[str, Any] | None]]


def _rekaman_tahun(opd: Opd, tahun: int, rantai: dict[int, list[int]]) -> Rekaman:
    """TW I–IV records (value and counts) of every indicator of the office in the year, by
    indicator id. A quarter entered before a Perubahan Renstra stays on the old version's
    indicator: each quarter comes from the newest version that has it, as kinerja reads the
    values (`_Sumber.nilai_tw`). One query."""
    per = {(r["indikator_id"], r["triwulan"]): r for r in Realisasi.objects.filter(
        indikator__renstra__opd=opd, tahun=tahun).values(
        "indikator_id", "triwulan", "nilai", "pembilang", "penyebut")}
    return {ind: [terbaru_dari(per, ((i, tw) for i in r)) for tw in (1, 2, 3, 4)]
            for ind, r in rantai.items()}


def narasi_laporan(laporan: LaporanKinerja, rantai: dict[int, list[int]]
                   ) -> dict[tuple[int, str], NarasiAnalisis]:
    """The stored analysis texts of the report per (indicator in `rantai`, jenis): those of
    the newest indicator version that has one, so a text kept before a Perubahan Renstra
    stays with the copied IKU until one is saved on it. One query."""
    return {kunci: v[0] for kunci, v in narasi_rantai(laporan, rantai).items()}


def narasi_rantai(laporan: LaporanKinerja, rantai: dict[int, list[int]]
                  ) -> dict[tuple[int, str], list[NarasiAnalisis]]:
    """The stored analysis texts of the report per (indicator in `rantai`, jenis), of every
    version of the indicator that has one, newest first. One query."""
    ada = {(n.indikator_id, n.jenis): n for n in NarasiAnalisis.objects.filter(laporan=laporan)}
    return {(ind, jenis): v for ind, r in rantai.items() for jenis in JenisAnalisis.values
            if (v := semua_dari(ada, ((i, jenis) for i in r)))}


def _grid_per_tw(opd: Opd, tahun: int, lingkup: str) -> list[dict[int, BarisGrid]]:
    """kinerja's realisation grid of each quarter (capaian per quarter), by indicator id."""
    hasil = []
    for tw in (1, 2, 3, 4):
        per = {}
        for bagian in realisasi_grid(user=SISTEM, opd=opd, tahun=tahun, triwulan=tw,
                                     lingkup=lingkup):
            per.update({b.indikator.pk: b for b in bagian.baris})
        hasil.append(per)
    return hasil


def _label_n(label: str, periode: str) -> str:
    """Manual IKU labels say "tahun (n)": in a report, n is the period reported."""
    return label.replace("tahun (n)", periode)


def _rumus_tw(ind: Indikator, r: dict[str, Any] | None, periode: str) -> str:
    if not r or r["pembilang"] is None:
        return ""
    return (f"{_label_n(ind.pembilang or 'pembilang', periode)} "
            f"{format_angka(r['pembilang'])} dibagi "
            f"{_label_n(ind.penyebut or 'penyebut', periode)} {format_angka(r['penyebut'])} "
            "dikali 100")


def _baris_triwulan(sasaran: str, b: BarisCapaian, grid: list[dict[int, BarisGrid]],
                    rekaman: Rekaman, tahun: int) -> BarisTriwulan:
    """One IKU: realisations per quarter as kinerja's dashboard shows them; the quarter's
    target and capaian from its realisation grid of that quarter (a quarter without
    realisation has no capaian); the year from the dashboard."""
    ind = b.indikator
    realisasi = ["" if r in ("", "–", "-") else r for r in b.triwulan]
    baris_tw = [g.get(ind.pk) for g in grid]
    target = [g.target_tw.tampil if g is not None and g.target_tw is not None else ""
              for g in baris_tw]
    per_tw = [g if r else None for g, r in zip(baris_tw, realisasi, strict=True)]
    rek = rekaman.get(ind.pk, [None] * 4)
    fakta = [
        FaktaTriwulan(f"Triwulan {NAMA_TW[n][3:]}", dengan_satuan(t, ind.satuan),
                      dengan_satuan(r, ind.satuan),
                      _rumus_tw(ind, rek[n], f"triwulan {NAMA_TW[n][3:]} tahun {tahun}"),
                      g.capaian_teks, g.kategori)
        for n, (g, r, t) in enumerate(zip(per_tw, realisasi, target, strict=True))
        if g is not None
    ]
    return BarisTriwulan(
        sasaran=sasaran, nama=ind.nama, satuan=ind.satuan, target_tw=target,
        target_total=b.target.tampil if b.target else "-",
        realisasi_tw=realisasi, realisasi_total=b.realisasi_teks,
        capaian_tw=[g.hasil.persen if g is not None else None for g in per_tw],
        kategori_tw=[g.kategori if g is not None else "" for g in per_tw],
        capaian_total=b.hasil.persen, kategori_total=b.kategori,
        keterangan=TOTAL_TW.get(ind.cara_agregasi, ""),
        uraian=kalimat_triwulan(ind.nama, tahun, fakta),
    )


def _tabel_triwulan(data_bagian: list[BagianTriwulan], tahun: int, aturan: Aturan,
                    penomor: Penomor | None, bab: str) -> list[Tabel]:
    """The quarterly report table (seed 004's layout) plus capaian and kategori."""
    kolom = [*(Kepala(t) for t in NAMA_TW), Kepala("Total")]
    kepala = [
        [Kepala("No", rowspan=2), Kepala("Sasaran Strategis", rowspan=2),
         Kepala("Indikator Kinerja", rowspan=2), Kepala(f"Target Tahun {tahun}", colspan=5),
         Kepala(f"Realisasi Tahun {tahun}", colspan=5), Kepala("Capaian (%)", colspan=5),
         Kepala("Kategori", colspan=5), Kepala("Keterangan", rowspan=2)],
        kolom + kolom + kolom + kolom,
    ]
    lebar = [3, 10, 13, *([4] * 10), *([5.5] * 5), *([5.5] * 5), 8]
    tabel = []
    for bagian in data_bagian:
        per_sasaran: dict[str, list[BarisTriwulan]] = defaultdict(list)
        for b in bagian.baris:
            per_sasaran[b.sasaran].append(b)
        baris = []
        for n, (sasaran, daftar) in enumerate(per_sasaran.items(), start=1):
            for i, b in enumerate(daftar):
                awal = [nomor(n, rowspan=len(daftar)), teks(sasaran, rowspan=len(daftar))] \
                    if i == 0 else []
                kategori = [*b.kategori_tw, b.kategori_total]
                baris.append(Baris([
                    *awal, teks(f"{b.nama} ({b.satuan})"),
                    *(tampil(t or "-") for t in [*b.target_tw, b.target_total]),
                    *(tampil(r or "-") for r in [*b.realisasi_tw, b.realisasi_total]),
                    *(persen(c, cara=aturan.cara, tanda=False)
                      for c in [*b.capaian_tw, b.capaian_total]),
                    *(teks(k or "-", kelas=f"tengah kecil {_kelas_css(k)}") for k in kategori),
                    teks(b.keterangan, kelas="kecil"),
                ]))
        judul = f"Target, Realisasi dan Capaian Kinerja per Triwulan Tahun {tahun}"
        if len(data_bagian) > 1:
            judul += f" (Renstra {bagian.periode})"
        catatan = [
            "Capaian triwulan: realisasi triwulan terhadap target triwulan (rencana aksi) bila "
            "ditetapkan, selain itu realisasi s.d. triwulan terhadap target tahunan. Kolom "
            "Total: realisasi tahunan menurut cara agregasi indikator (lihat Keterangan) "
            "terhadap target tahunan.",
            catatan_skala(aturan),
        ]
        if penomor is not None:
            tabel.append(penomor.buat_tabel(bab, judul, kepala, lebar=lebar, baris=baris,
                                            catatan=catatan, nomor_kolom=True))
        else:
            tabel.append(Tabel(f"triwulan-{len(tabel) + 1}", "", judul, kepala, baris, lebar,
                               catatan, True))
    return tabel


def _bagian_triwulan(dasbor: DasborCapaian, grid: list[dict[int, BarisGrid]],
                     rekaman: Rekaman) -> list[BagianTriwulan]:
    return [
        BagianTriwulan(bagian.renstra.periode, [
            _baris_triwulan(kel.sasaran.nama, b, grid, rekaman, dasbor.tahun)
            for kel in bagian.sasaran for b in kel.baris if b.indikator.is_iku
        ])
        for bagian in dasbor.bagian
    ]


def triwulan_dataset(*, opd: Opd, tahun: int) -> DataTriwulan:
    """Per IKU: TW I–IV targets and realisations, TOTAL per `cara_agregasi`, capaian and
    kategori per quarter and for the year — all from kinerja's selectors."""
    dasbor = capaian_dasbor(user=SISTEM, opd=opd, tahun=tahun)
    if not any(b.indikator.is_iku for bg in dasbor.bagian for k in bg.sasaran for b in k.baris):
        raise DataTidakAda(f"{opd.nama} tidak memiliki IKU dalam Renstra yang berlaku pada "
                           f"tahun {tahun}.")
    bagian = _bagian_triwulan(dasbor, _grid_per_tw(opd, tahun, "iku"),
                              _rekaman_tahun(opd, tahun, rantai_indikator(opd)))
    tabel = _tabel_triwulan(bagian, tahun, dasbor.aturan, None, "")
    return DataTriwulan(opd=opd.nama, pemda=opd.pemda.nama, tahun=tahun, bagian=bagian,
                        tabel=tabel, logo=_logo(opd))


# --- LKjIP -------------------------------------------------------------------------------


@dataclass
class Ttd:
    tempat: str
    tanggal: str
    jabatan: str
    nama: str
    pangkat: str
    nip: str


@dataclass
class UnitTampil:
    nomor: str
    nama: str
    eselon: str
    tingkat: int
    tugas: list[str]
    fungsi: list[str]
    anak: list[str]


@dataclass
class NarasiTampil:
    jenis: str
    judul: str
    teks: str
    otomatis: str
    diubah: bool
    # The data changed after the staff edited the text: the edit may need a look.
    usang: bool


@dataclass
class AnalisisIku:
    kunci: str
    nomor: str
    indikator_id: int
    nama: str
    satuan: str
    sasaran: str
    definisi: str
    rumus_manual: str
    sumber_data: str
    penanggung_jawab: str
    target: str
    realisasi: str
    capaian: str
    kategori: str
    kelas_skala: str
    rumus_capaian: str
    tabel_tahunan: Tabel
    grafik_tahunan: Grafik | None
    keberhasilan: list[str]
    kegagalan: list[str]
    solusi: list[str]
    tabel_program: Tabel
    narasi: list[NarasiTampil]

    def teks(self, jenis: str) -> NarasiTampil:
        return next(n for n in self.narasi if n.jenis == jenis)


@dataclass
class KelompokIku:
    sasaran: str
    iku: list[AnalisisIku]


@dataclass
class PeriodeLkjip:
    periode: str
    nama_versi: str
    tahun_akhir: int
    visi: str
    misi: list[str]
    tujuan: list[str]
    tabel_renstra: Tabel
    strategi: list[tuple[str, str, str]]
    program: list[tuple[str, list[str]]]
    pk: DataPk | None
    tabel_capaian: Tabel
    grafik_capaian: Grafik | None
    tabel_tahunan: Tabel
    grafik_tren: Grafik | None
    tabel_renstra_akhir: Tabel
    tabel_standar: Tabel
    kelompok: list[KelompokIku]
    rata_rata: str
    n: int
    kategori: str
    urutan: int = 1  # 1-based position among the year's Renstra periods
    matriks: DataMatriks | None = None
    pk_lampiran: DataPk | None = None  # the same PK, its tables unnumbered for the annex

    @property
    def huruf_renstra(self) -> str:
        """Bab II letters: A/B for the first period, C/D for the second of a transition."""
        return chr(ord("A") + 2 * (self.urutan - 1))

    @property
    def kunci_pk(self) -> str:
        return f"lampiran-pk-{self.urutan}"

    @property
    def huruf_pk(self) -> str:
        return chr(ord("A") + 2 * (self.urutan - 1) + 1)

    @property
    def iku(self) -> list[AnalisisIku]:
        return [i for k in self.kelompok for i in k.iku]


@dataclass
class DataLkjip:
    laporan_id: int | None
    opd: str
    singkatan: str
    pemda: str
    ibukota: str
    tahun: int
    tahun_terbit: int
    status: str
    kertas: Halaman
    logo: str
    bagan: str
    ttd: Ttd
    narasi: dict[str, str]
    hambatan: list[str]
    upaya: list[str]
    ringkasan: str
    penutup_ringkasan: str
    skala: list[tuple[str, str]]
    nama_skala: str
    unit: list[UnitTampil]
    periode: list[PeriodeLkjip]
    transisi: bool
    tabel_ikhtisar_iku: Tabel
    tabel_ikhtisar_kategori: Tabel
    tabel_ikhtisar_anggaran: Tabel | None
    tabel_sdm: list[Tabel]
    ringkasan_sdm: str
    tabel_aset: Tabel
    tabel_capaian_lalu: Tabel
    tabel_anggaran: Tabel | None
    tabel_alokasi: Tabel | None
    tabel_efisiensi: Tabel | None
    tabel_efisiensi_program: Tabel | None
    kemenkeu: str
    grafik_anggaran: Grafik | None
    tabel_prestasi: Tabel
    tabel_pengukuran: Tabel
    tabel_triwulan: list[Tabel]
    daftar_tabel: list[Tabel]
    daftar_grafik: list[Grafik]
    ada_anggaran: bool
    rata_rata: str
    n_iku: int
    kategori: str

    @property
    def judul(self) -> str:
        return (f"Laporan Kinerja Instansi Pemerintah (LKjIP) {self.opd} Tahun {self.tahun}")

    @property
    def semua_iku(self) -> list[AnalisisIku]:
        return [i for p in self.periode for i in p.iku]


def _ttd(laporan: LaporanKinerja | None, opd: Opd, kepala: Pejabat | None,
         tahun: int) -> Ttd:
    """The report's signatory: as entered on the report, else the office's active head."""
    if laporan is not None and laporan.penandatangan_nama:
        nama, jabatan = laporan.penandatangan_nama, laporan.penandatangan_jabatan
        pangkat, nip = laporan.penandatangan_pangkat, laporan.penandatangan_nip
    elif kepala is not None:
        nama, jabatan, pangkat, nip = kepala.nama, kepala.jabatan, kepala.pangkat, kepala.nip
    else:
        nama, jabatan, pangkat, nip = "", f"Kepala {opd.nama}", "", ""
    tempat = (laporan.tempat if laporan and laporan.tempat else opd.pemda.ibukota)
    if laporan is not None and laporan.tanggal:
        tanggal = tanggal_teks(laporan.tanggal)
    else:
        # Not dated yet: a blank for the day and month, as a draft is printed for signing.
        tanggal = f"{'.' * 22} {tahun + 1}"
    return Ttd(tempat, tanggal, jabatan, nama, pangkat, nip)


def _unit(unit: list[UnitKerja]) -> list[UnitTampil]:
    """Units in tree order with their printed number (1, 1.1, 1.1.1)."""
    anak: dict[int | None, list[UnitKerja]] = defaultdict(list)
    for u in unit:
        anak[u.induk_id].append(u)
    hasil: list[UnitTampil] = []

    def jalan(induk: int | None, awalan: str, tingkat: int) -> None:
        for i, u in enumerate(anak.get(induk, []), start=1):
            n = f"{awalan}{i}"
            hasil.append(UnitTampil(n, u.nama, u.eselon,
                                    tingkat, butir(u.tugas), butir(u.fungsi),
                                    [a.nama for a in anak.get(u.pk, [])]))
            jalan(u.pk, f"{n}.", tingkat + 1)

    jalan(None, "", 0)
    return hasil


def _tabel_sdm(baris: list[BarisSdm], penomor: Penomor) -> list[Tabel]:
    """One table per group: counts as entered, Jumlah and shares computed from them."""
    per: dict[str, list[BarisSdm]] = defaultdict(list)
    for b in baris:
        per[b.kelompok].append(b)
    hasil = []
    for kelompok, label in BarisSdm.Kelompok.choices:
        daftar = per.get(kelompok)
        if not daftar:
            continue
        total = sum(b.jumlah for b in daftar)
        rows = [Baris([nomor(n), teks(b.uraian), angka(b.jumlah),
                       persen(Decimal(b.jumlah) * 100 / total if total else None)])
                for n, b in enumerate(daftar, start=1)]
        rows.append(Baris([teks("Jumlah", colspan=2), angka(total),
                           persen(Decimal(100) if total else None)], "jumlah"))
        hasil.append(penomor.buat_tabel(
            "1", f"Jumlah Pegawai menurut {label}",
            [[Kepala("No"), Kepala(label), Kepala("Jumlah (orang)"), Kepala("Persentase")]],
            lebar=[6, 54, 20, 20], baris=rows))
    return hasil


def _ringkasan_sdm(baris: list[BarisSdm]) -> str:
    """One sentence from the status and gender groups, when they are entered."""
    per: dict[str, list[BarisSdm]] = defaultdict(list)
    for b in baris:
        per[b.kelompok].append(b)
    bagian = []
    for kelompok in (BarisSdm.Kelompok.STATUS, BarisSdm.Kelompok.JENIS_KELAMIN):
        daftar = per.get(kelompok, [])
        total = sum(b.jumlah for b in daftar)
        if total:
            rincian = ", ".join(
                f"{b.uraian} {b.jumlah} orang ({format_persen(Decimal(b.jumlah) * 100 / total)})"
                for b in daftar)
            bagian.append((total, rincian))
    if not bagian:
        return ""
    total = bagian[0][0]
    return (f"Jumlah pegawai seluruhnya {total} orang, terdiri atas "
            + "; menurut jenis kelamin: ".join(r for _, r in bagian) + ".")


def _tabel_aset(aset: list[AsetSarana], penomor: Penomor) -> Tabel:
    rows = []
    total = [0, 0, 0]
    for n, a in enumerate(aset, start=1):
        jumlah = a.rusak_berat + a.kurang_baik + a.baik
        total = [total[0] + a.rusak_berat, total[1] + a.kurang_baik, total[2] + a.baik]
        rows.append(Baris([nomor(n), teks(a.nama), teks(a.tahun_perolehan, kelas="tengah"),
                           angka(jumlah), angka(a.rusak_berat), angka(a.kurang_baik),
                           angka(a.baik)]))
    if rows:
        rows.append(Baris([teks("Jumlah", colspan=3), angka(sum(total)), angka(total[0]),
                           angka(total[1]), angka(total[2])], "jumlah"))
    return penomor.buat_tabel(
        "1", "Sarana dan Prasarana Kantor",
        [[Kepala("No", rowspan=2), Kepala("Nama/Jenis Barang", rowspan=2),
          Kepala("Tahun Perolehan", rowspan=2), Kepala("Jumlah", rowspan=2),
          Kepala("Kondisi", colspan=3)],
         [Kepala("Rusak Berat"), Kepala("Kurang Baik"), Kepala("Baik")]],
        lebar=[6, 40, 16, 10, 9, 9, 10], baris=rows, nomor_kolom=True,
        catatan=["Jumlah = rusak berat + kurang baik + baik (dihitung dari kolom kondisi)."])


def _banding(b: BarisCapaian) -> Perbandingan:
    """The comparisons of an LKjIP row (the dashboard is read with `perbandingan=True`)."""
    assert b.banding is not None
    return b.banding


def _target_teks(b: BarisCapaian) -> str:
    return dengan_satuan(b.target.tampil, b.indikator.satuan) if b.target else "-"


def _kategori_sel(b: BarisCapaian) -> Sel:
    return teks(b.kategori or "-", kelas=f"tengah kategori {_kelas_css(b.kategori)}")


def _kelas_css(label: str) -> str:
    return "kat-" + "-".join(label.lower().split()) if label else ""


def _capaian_sel(b: BarisCapaian, aturan: Aturan) -> Sel:
    return persen(b.hasil.persen, cara=aturan.cara)


def _iku(dasbor: DasborCapaian) -> list[tuple[Any, list[tuple[str, list[BarisCapaian]]]]]:
    """Per Renstra period of the dashboard: its sasaran with their IKU rows."""
    hasil = []
    for bagian in dasbor.bagian:
        kelompok = [(k.sasaran.nama, [b for b in k.baris if b.indikator.is_iku])
                    for k in bagian.sasaran]
        hasil.append((bagian, [(s, daftar) for s, daftar in kelompok if daftar]))
    return hasil


def _baris_per_sasaran(kelompok: list[tuple[str, list[BarisCapaian]]],
                       sel: Any) -> list[Baris]:
    """Rows numbered per sasaran, the sasaran cell spanning its IKU rows."""
    rows = []
    for n, (sasaran, daftar) in enumerate(kelompok, start=1):
        for i, b in enumerate(daftar):
            awal = [nomor(n, rowspan=len(daftar)), teks(sasaran, rowspan=len(daftar))] \
                if i == 0 else []
            rows.append(Baris([*awal, *sel(b)]))
    return rows


@dataclass
class _Bahan:
    """Everything read from the database for one LKjIP, before it is shaped."""

    opd: Opd
    tahun: int
    laporan: LaporanKinerja | None
    dasbor: DasborCapaian
    dasbor_lalu: DasborCapaian
    pk: dict[int, PerjanjianKinerja]  # by the current Renstra version it counts for
    pohon: dict[int, PohonRenstra]
    renstra: list[Renstra]
    alokasi: DataAlokasi | None
    grid: list[dict[int, BarisGrid]]
    grid_semua: dict[int, BarisGrid]
    analisis: dict[int, AnalisisIndikator]
    rekaman: Rekaman
    narasi: dict[tuple[int, str], NarasiAnalisis]
    # Program/kegiatan of any Renstra version → its copy in the current one: the budget's
    # lines may hang on the version before a Perubahan Renstra.
    simpul_kini: dict[str, dict[int, int]]
    sdm: list[BarisSdm]
    aset: list[AsetSarana]
    prestasi: list[Prestasi]
    unit: list[UnitKerja]
    kepala: Pejabat | None


def _muat(opd: Opd, tahun: int) -> _Bahan:
    """All reads of the LKjIP: a fixed number of queries whatever the office's size
    (one or two Renstra periods; each selector below has its own fixed count)."""
    renstra = renstra_untuk_tahun(user=SISTEM, opd=opd, tahun=tahun)
    if not renstra:
        raise DataTidakAda(
            f"{opd.nama} tidak memiliki Renstra yang berlaku pada tahun {tahun}.")
    laporan = (LaporanKinerja.objects.filter(opd=opd, tahun=tahun).order_by("-versi").first())
    dasbor = capaian_dasbor(user=SISTEM, opd=opd, tahun=tahun, perbandingan=True)
    rantai = rantai_indikator(opd)
    rantai_iku = {b.indikator.pk: rantai[b.indikator.pk]
                  for _, kel in _iku(dasbor) for _, d in kel for b in d}
    # The PK the dashboard counts, possibly made before a Perubahan Renstra; read again
    # whole, the dashboard loads only the columns it needs.
    pk_id = {g.renstra.pk: g.pk.pk for g in dasbor.bagian if g.pk is not None}
    pks = PerjanjianKinerja.objects.select_related("renstra").in_bulk(pk_id.values())
    anggaran = anggaran_get(opd=opd, tahun=tahun)
    return _Bahan(
        opd=opd, tahun=tahun, laporan=laporan, dasbor=dasbor,
        dasbor_lalu=capaian_dasbor(user=SISTEM, opd=opd, tahun=tahun - 1),
        pk={r: pks[p] for r, p in pk_id.items()},
        pohon={r.pk: renstra_tree(renstra=r) for r in renstra},
        renstra=renstra,
        alokasi=alokasi_dataset(anggaran=anggaran, user=SISTEM) if anggaran else None,
        grid=_grid_per_tw(opd, tahun, "iku"),
        grid_semua={ind_id: b for bagian in realisasi_grid(
            user=SISTEM, opd=opd, tahun=tahun, triwulan=4, lingkup="semua")
            for ind_id, b in ((x.indikator.pk, x) for x in bagian.baris)},
        analisis=analisis_tahun(opd=opd, tahun=tahun, rantai=rantai_iku),
        rekaman=_rekaman_tahun(opd, tahun, rantai),
        narasi=narasi_laporan(laporan, rantai_iku) if laporan else {},
        simpul_kini={"program": versi_terkini(rantai_versi(Program, opd)),
                     "kegiatan": versi_terkini(rantai_versi(Kegiatan, opd))},
        sdm=list(BarisSdm.objects.filter(laporan=laporan)) if laporan else [],
        aset=list(AsetSarana.objects.filter(laporan=laporan)) if laporan else [],
        prestasi=list(Prestasi.objects.filter(laporan=laporan)) if laporan else [],
        unit=list(UnitKerja.objects.filter(opd=opd).order_by("urutan", "pk")),
        kepala=Pejabat.objects.filter(opd=opd, aktif=True).order_by("pk").first(),
    )


def _tabel_renstra(pohon: PohonRenstra, penomor: Penomor) -> Tabel:
    """Tujuan and sasaran with their indicators and targets per year (Bab II A)."""
    tahun = pohon.tahun
    kepala = [
        [Kepala("No", rowspan=2), Kepala("Tujuan / Sasaran", rowspan=2),
         Kepala("Indikator", rowspan=2), Kepala("Satuan", rowspan=2),
         Kepala(f"Kondisi Awal {pohon.renstra.tahun_kondisi_awal}", rowspan=2),
         Kepala("Target", colspan=len(tahun)), Kepala("Kondisi Akhir", rowspan=2)],
        [Kepala(str(t)) for t in tahun],
    ]
    rows = []
    for n_tujuan, t in enumerate(pohon.tujuan, start=1):
        simpul = [(f"{n_tujuan}", "Tujuan", t)] + [
            (f"{n_tujuan}.{n}", "Sasaran", s) for n, s in enumerate(t.anak, start=1)]
        for no, jenis, s in simpul:
            daftar: list[Any] = s.indikator or [None]
            for i, b in enumerate(daftar):
                awal = [teks(no, kelas="tengah", rowspan=len(daftar)),
                        teks(f"{jenis}: {s.obj.nama}", rowspan=len(daftar))] if i == 0 else []
                if b is None:
                    rows.append(Baris([*awal, teks("-"), teks(""), teks(""),
                                       *(teks("") for _ in tahun), teks("")]))
                    continue
                ind = b.obj
                nama = f"{ind.nama} (IKU)" if ind.is_iku else ind.nama
                rows.append(Baris([
                    *awal, teks(nama), teks(ind.satuan, kelas="tengah"),
                    angka(ind.kondisi_awal) if not ind.kondisi_awal_teks
                    else teks(ind.kondisi_awal_teks, kelas="angka"),
                    *(_sel_target(b.target.get(th)) for th in tahun),
                    angka(b.kondisi_akhir) if not ind.kondisi_akhir_teks
                    else teks(ind.kondisi_akhir_teks, kelas="angka"),
                ], "program" if jenis == "Tujuan" else ""))
    r = pohon.renstra
    return penomor.buat_tabel(
        "2", f"Tujuan, Sasaran, Indikator dan Target Renstra {r.periode}", kepala,
        lebar=[5, 22, 22, 7, 9, *([6] * len(tahun)), 9], baris=rows)


def _sel_target(t: Any) -> Sel:
    if t is None:
        return teks("-", kelas="angka")
    if t.nilai_teks:
        return teks(t.nilai_teks, kelas="angka")
    if t.nilai_atas is not None:
        return teks(f"{format_angka(t.nilai)}–{format_angka(t.nilai_atas)}", kelas="angka")
    return angka(t.nilai)


def _fakta(b: BarisCapaian, sasaran: str, tahun: int, renstra: Renstra, aturan: Aturan,
           bahan: _Bahan, alokasi: BarisAlokasi | None,
           program: list[str], jumlah_kegiatan: int) -> FaktaIku:
    ind = b.indikator
    h = b.hasil
    a = bahan.analisis.get(ind.pk)
    # The latest quarter's counts: the formula sentence quotes them.
    rek = next((r for r in reversed(bahan.rekaman.get(ind.pk, [])) if r is not None
                and r["pembilang"] is not None), None)
    pembilang = penyebut = ""
    if rek is not None and rek["penyebut"] is not None:
        pembilang = (f"{_label_n(ind.pembilang or 'pembilang', f'tahun {tahun}')} "
                     f"({format_angka(rek['pembilang'])})")
        penyebut = (f"{_label_n(ind.penyebut or 'penyebut', f'tahun {tahun}')} "
                    f"({format_angka(rek['penyebut'])})")
    bd = _banding(b)
    kemajuan_ada = bd.kemajuan_teks not in ("", "-")
    standar = a.standar_nasional if a is not None else None
    f = FaktaIku(
        nama=ind.nama, tahun=tahun, polaritas=ind.polaritas,
        target=_target_teks(b), realisasi=dengan_satuan(b.realisasi_teks, ind.satuan),
        nilai_realisasi=h.realisasi if ind.jenis_target != "kualitatif" else None,
        capaian=b.capaian_teks, capaian_ada=h.persen is not None, kategori=b.kategori,
        kelas_skala=kelas_skala(aturan, b.kategori), keterangan=h.keterangan,
        rumus_capaian=b.rumus if h.persen is not None else "",
        pembilang=pembilang, penyebut=penyebut,
        lalu=[TahunLalu(x.tahun, dengan_satuan(x.realisasi_teks, ind.satuan),
                        _nilai(x.realisasi_teks)) for x in bd.lalu],
        periode=renstra.periode, tahun_akhir=renstra.tahun_akhir,
        target_akhir=dengan_satuan(bd.target_akhir_teks, ind.satuan),
        kemajuan=bd.kemajuan_teks, kemajuan_ada=kemajuan_ada, kemajuan_ket=bd.kemajuan_ket,
        standar=dengan_satuan(bd.standar_teks, ind.satuan), nilai_standar=standar,
        standar_sumber=bd.standar_sumber,
        ada_analisis=a is not None and bool(
            (a.penyebab_keberhasilan + a.penyebab_kegagalan + a.solusi).strip()),
        tercapai=h.persen is not None and h.persen >= 100,
        program=program, jumlah_kegiatan=jumlah_kegiatan,
        program_pendukung=a.program_pendukung if a is not None else "",
    )
    if alokasi is not None and alokasi.porsi:
        e = alokasi.efisiensi
        f.alokasi = format_angka(alokasi.pagu, 2)
        f.realisasi_anggaran = format_angka(alokasi.realisasi, 2)
        f.serapan = format_persen(alokasi.rekap.persen)
        f.rasio = format_angka(e.rasio, 2, cara="potong") if e.rasio is not None else ""
        f.status_efisiensi = e.status
        f.ket_efisiensi = e.keterangan
        hemat = alokasi.penghematan
        f.penghematan = format_angka(hemat, 2) if hemat else ""
    return f


def _nilai(tampil: str) -> Decimal | None:
    """A previous year's realisation back from kinerja's display text to its number, for
    saying "lebih baik/lebih buruk". Display text of a number round-trips exactly
    (sakip.formatting); a qualitative label gives None."""
    try:
        return parse_angka(tampil)
    except ValueError:
        return None


def _narasi(bahan: _Bahan, ind_id: int, draf: dict[str, str]) -> list[NarasiTampil]:
    """Each analysis: the staff's edit if any, else the draft generated just now."""
    hasil = []
    for jenis, judul in JenisAnalisis.choices:
        otomatis = draf[jenis]
        simpan = bahan.narasi.get((ind_id, jenis))
        diubah = simpan is not None and simpan.diubah
        hasil.append(NarasiTampil(
            jenis=jenis, judul=judul, teks=simpan.teks if diubah else otomatis,  # type: ignore[union-attr]
            otomatis=otomatis, diubah=diubah,
            usang=diubah and simpan.teks_otomatis != otomatis,  # type: ignore[union-attr]
        ))
    return hasil


def _alokasi_iku(alokasi: DataAlokasi | None) -> dict[int, BarisAlokasi]:
    if alokasi is None:
        return {}
    return {b.indikator.pk: b for b in alokasi.baris
            if b.jenis == "sasaran" and b.indikator is not None}


def _program_iku(baris: BarisAlokasi | None, alokasi: DataAlokasi | None,
                 grid: dict[int, BarisGrid], rekaman: Rekaman,
                 simpul_kini: dict[str, dict[int, int]]) -> tuple[list[str], int, list[Baris]]:
    """Programs and kegiatan whose money serves the IKU, each with its own output
    achievement (kinerja's grid of TW IV: the year to date against the annual target)."""
    if baris is None or alokasi is None:
        return [], 0, []
    program_ids = {p.program_id for p in baris.porsi if p.program_id}
    kegiatan_ids = {p.simpul.pk for p in baris.porsi if p.simpul.tingkat == "kegiatan"}
    capaian_per_node: dict[tuple[str, int], list[BarisGrid]] = defaultdict(list)
    for g in grid.values():
        ind = g.indikator
        if ind.level in ("program", "kegiatan"):
            capaian_per_node[(ind.level, getattr(ind, f"{ind.level}_id"))].append(g)
    nama, rows = [], []
    for p in alokasi.data.program.anak:
        if p.pk not in program_ids:
            continue
        nama.append(f"{p.kode} {p.nama}".strip())
        rows += _baris_output("program", p, capaian_per_node, rekaman, simpul_kini)
        for k in p.anak:
            if k.pk in kegiatan_ids:
                rows += _baris_output("kegiatan", k, capaian_per_node, rekaman, simpul_kini)
    return nama, len(kegiatan_ids), rows


def _baris_output(level: str, s: Simpul, per_node: dict[tuple[str, int], list[BarisGrid]],
                  rekaman: Rekaman, simpul_kini: dict[str, dict[int, int]]) -> list[Baris]:
    kelas = "program" if level == "program" else ""
    nama = teks(f"{s.kode} {s.nama}".strip(), kelas="" if level == "program" else "menjorok")
    assert s.pk is not None  # program and kegiatan rows carry their Renstra node
    daftar = per_node.get((level, simpul_kini[level].get(s.pk, s.pk)), [])
    if not daftar:
        return [Baris([nama, teks("Belum ada indikator", kelas="abu"), teks("-", kelas="angka"),
                       teks("-", kelas="angka"), teks("-", kelas="angka"), rupiah(s.akhir)],
                      kelas)]
    rows = []
    for i, g in enumerate(daftar):
        ind = g.indikator
        tw4 = rekaman.get(ind.pk, [None] * 4)[3]
        realisasi = tw4["nilai"] if tw4 else None
        rows.append(Baris([
            nama if i == 0 else teks(""), teks(ind.nama),
            tampil(g.target.tampil if g.target else "-", satuan=ind.satuan),
            angka(realisasi, satuan=ind.satuan) if realisasi is not None
            else teks("-", kelas="angka"),
            teks(g.capaian_teks, kelas="angka"),
            rupiah(s.akhir) if i == 0 else teks(""),
        ], kelas))
    return rows


def _tabel_tahunan_iku(b: BarisCapaian, tahun: int, aturan: Aturan, penomor: Penomor
                       ) -> tuple[Tabel, Grafik | None]:
    ind = b.indikator
    tahun_list = [x.tahun for x in _banding(b).lalu] + [tahun]
    realisasi = [x.realisasi_teks for x in _banding(b).lalu] + [b.realisasi_teks]
    catatan_list = [x.catatan for x in _banding(b).lalu] + [""]
    rows = []
    for th, r, c, cat in zip(tahun_list, realisasi, b.tren, catatan_list, strict=True):
        label = aturan.kategori(c)[0]
        rows.append(Baris([Sel(str(th), th, "0", "tengah"), tampil(r, satuan=ind.satuan),
                           persen(c, cara=aturan.cara), teks(label or "-", kelas="tengah"),
                           teks(cat)], "jumlah" if th == tahun else ""))
    t = penomor.buat_tabel(
        "3", f"Realisasi dan Capaian {ind.nama} Tahun {tahun_list[0]}–{tahun}",
        [[Kepala("Tahun"), Kepala("Realisasi"), Kepala("Capaian"), Kepala("Kategori"),
          Kepala("Keterangan")]], lebar=[12, 22, 18, 20, 28], baris=rows,
        catatan=[catatan_skala(aturan)])
    g = None
    if sum(1 for c in b.tren if c is not None) >= 2:
        g = penomor.buat_grafik("3", f"Capaian {ind.nama} Tahun {tahun_list[0]}–{tahun}",
                                grafik_batang([str(x) for x in tahun_list],
                                              [Seri("Capaian", b.tren)],
                                              judul=f"Capaian {ind.nama}", acuan=Decimal(100),
                                              label_acuan="100% = target tercapai",
                                              judul_sumbu="Capaian (%)", lebar=460,
                                              tinggi=200))
    return t, g


def _analisis_iku(bahan: _Bahan, b: BarisCapaian, sasaran: str, n: int, renstra: Renstra,
                  aturan: Aturan, penomor: Penomor) -> AnalisisIku:
    ind = b.indikator
    tahun = bahan.tahun
    alokasi = _alokasi_iku(bahan.alokasi).get(ind.pk)
    program, jumlah_kegiatan, rows_program = _program_iku(alokasi, bahan.alokasi,
                                                          bahan.grid_semua, bahan.rekaman,
                                                          bahan.simpul_kini)
    tabel_tahunan, grafik = _tabel_tahunan_iku(b, tahun, aturan, penomor)
    tabel_program = penomor.buat_tabel(
        "3", f"Program dan Kegiatan Pendukung {ind.nama} Tahun {tahun}",
        [[Kepala("Program / Kegiatan"), Kepala("Indikator Kinerja"), Kepala("Target"),
          Kepala("Realisasi"), Kepala("Capaian"), Kepala("Anggaran (Rp)")]],
        lebar=[24, 27, 11, 10, 9, 19], baris=rows_program,
        catatan=["Capaian output program/kegiatan: realisasi s.d. triwulan IV terhadap "
                 "target tahunan (atau target triwulan IV bila ditetapkan)."])
    fakta = _fakta(b, sasaran, tahun, renstra, aturan, bahan, alokasi, program,
                   jumlah_kegiatan)
    a = bahan.analisis.get(ind.pk)
    unit = ind.unit_penanggung_jawab.nama if ind.unit_penanggung_jawab else ind.penanggung_jawab
    return AnalisisIku(
        kunci=f"iku-{ind.pk}", nomor=str(n), indikator_id=ind.pk, nama=ind.nama,
        satuan=ind.satuan, sasaran=sasaran, definisi=ind.definisi,
        rumus_manual=ind.rumus, sumber_data=ind.sumber_data, penanggung_jawab=unit,
        target=fakta.target, realisasi=fakta.realisasi, capaian=b.capaian_teks,
        kategori=b.kategori, kelas_skala=fakta.kelas_skala, rumus_capaian=b.rumus,
        tabel_tahunan=tabel_tahunan, grafik_tahunan=grafik,
        keberhasilan=butir(a.penyebab_keberhasilan) if a else [],
        kegagalan=butir(a.penyebab_kegagalan) if a else [],
        solusi=butir(a.solusi) if a else [],
        tabel_program=tabel_program,
        narasi=_narasi(bahan, ind.pk, draf_analisis(fakta)),
    )


def _kolom_iku(aturan: Aturan) -> Any:
    def sel(b: BarisCapaian) -> list[Sel]:
        satuan = b.indikator.satuan
        return [teks(b.indikator.nama),
                tampil(b.target.tampil if b.target else "-", satuan=satuan),
                tampil(b.realisasi_teks, satuan=satuan), _capaian_sel(b, aturan),
                _kategori_sel(b)]
    return sel


KEPALA_IKU = [Kepala("No"), Kepala("Sasaran Strategis"), Kepala("Indikator Kinerja Utama"),
              Kepala("Target"), Kepala("Realisasi"), Kepala("Capaian"), Kepala("Kategori")]
LEBAR_IKU = [5, 24, 29, 10, 10, 10, 12]


def _periode(bahan: _Bahan, bagian: Any, kelompok: list[tuple[str, list[BarisCapaian]]],
             aturan: Aturan, penomor: Penomor, transisi: bool) -> PeriodeLkjip:
    """Bab II and Bab III A of one Renstra period (a transition year has two)."""
    r: Renstra = bagian.renstra
    tahun = bahan.tahun
    akhiran = f" (Renstra {r.periode})" if transisi else ""
    pohon = bahan.pohon[r.pk]
    visi = r.visi or (r.rpjmd.visi if r.rpjmd_id else "")  # type: ignore[union-attr]
    tabel_renstra = _tabel_renstra(pohon, penomor)
    pk = bahan.pk.get(r.pk)
    pk_data = _pk_data(pk, bahan.opd, penomor, "2") if pk else None
    strategi = [(s.obj.nama, s.obj.strategi, s.obj.arah_kebijakan)
                for t in pohon.tujuan for s in t.anak
                if s.obj.strategi or s.obj.arah_kebijakan]
    program = [(s.obj.nama, [f"{p.obj.kode} {p.obj.nama}".strip() for p in s.anak])
               for t in pohon.tujuan for s in t.anak if s.anak]

    semua = [b for _, d in kelompok for b in d]
    tabel_capaian = penomor.buat_tabel(
        "3", f"Target, Realisasi dan Capaian Indikator Kinerja Utama Tahun {tahun}{akhiran}",
        [KEPALA_IKU], lebar=LEBAR_IKU, baris=_baris_per_sasaran(kelompok, _kolom_iku(aturan)),
        catatan=[catatan_skala(aturan)], nomor_kolom=True)
    grafik_capaian = penomor.buat_grafik(
        "3", f"Capaian Indikator Kinerja Utama Tahun {tahun}{akhiran}",
        grafik_batang([b.indikator.nama for b in semua],
                      [Seri(f"Capaian {tahun}", [b.hasil.persen for b in semua])],
                      judul="Capaian IKU", acuan=Decimal(100),
                      label_acuan="100% = target tercapai", judul_sumbu="Capaian (%)"),
    ) if any(b.hasil.persen is not None for b in semua) else None

    tahun_lalu = sorted({x.tahun for b in semua for x in _banding(b).lalu})
    kepala_lalu = [
        [Kepala("No", rowspan=2), Kepala("Sasaran Strategis", rowspan=2),
         Kepala("Indikator Kinerja Utama", rowspan=2), Kepala(f"Target {tahun}", rowspan=2),
         Kepala("Realisasi", colspan=len(tahun_lalu) + 1)],
        [Kepala(str(t)) for t in [*tahun_lalu, tahun]],
    ]

    def sel_lalu(b: BarisCapaian) -> list[Sel]:
        per = {x.tahun: x.realisasi_teks for x in _banding(b).lalu}
        nilai = [per.get(t, "-") for t in tahun_lalu] + [b.realisasi_teks]
        return [teks(b.indikator.nama),
                tampil(b.target.tampil if b.target else "-", satuan=b.indikator.satuan),
                *(tampil(v, satuan=b.indikator.satuan) for v in nilai)]

    tabel_tahunan = penomor.buat_tabel(
        "3", f"Perbandingan Realisasi Kinerja Tahun {tahun} dengan Tahun-Tahun "
             f"Sebelumnya{akhiran}", kepala_lalu,
        lebar=[5, 22, 28, 9, *([9] * (len(tahun_lalu) + 1))],
        baris=_baris_per_sasaran(kelompok, sel_lalu),
        catatan=["Tanda - berarti indikator belum memiliki realisasi pada tahun itu "
                 "(misalnya indikator baru), sehingga tidak dapat dibandingkan."])
    # Series are called "IKU n" as in Bab III A.5; full names would not fit a legend.
    grafik_tren = penomor.buat_grafik(
        "3", f"Tren Capaian Indikator Kinerja Utama Tahun {(tahun_lalu or [tahun])[0]}–"
             f"{tahun}{akhiran}",
        grafik_garis([str(t) for t in [*tahun_lalu, tahun]],
                     [Seri(f"IKU {i}", [_capaian_per_tahun(b, tahun).get(t)
                                        for t in [*tahun_lalu, tahun]])
                      for i, b in enumerate(semua, start=1)],
                     judul="Tren capaian IKU", judul_sumbu="Capaian (%)", desimal=2),
    ) if any(c is not None for b in semua for c in b.tren[:-1]) else None

    def sel_akhir(b: BarisCapaian) -> list[Sel]:
        bd = _banding(b)
        return [teks(b.indikator.nama), tampil(bd.target_akhir_teks, satuan=b.indikator.satuan),
                tampil(b.realisasi_teks, satuan=b.indikator.satuan),
                tampil(bd.kemajuan_teks), teks(bd.kemajuan_ket, kelas="kecil")]

    tabel_akhir = penomor.buat_tabel(
        "3", f"Perbandingan Realisasi Kinerja Tahun {tahun} dengan Target Akhir Renstra "
             f"{r.periode}",
        [[Kepala("No"), Kepala("Sasaran Strategis"), Kepala("Indikator Kinerja Utama"),
          Kepala(f"Target Akhir Renstra ({r.tahun_akhir})"), Kepala(f"Realisasi {tahun}"),
          Kepala("Tingkat Kemajuan"), Kepala("Keterangan")]],
        lebar=[5, 22, 27, 12, 11, 11, 12], baris=_baris_per_sasaran(kelompok, sel_akhir),
        catatan=["Tingkat kemajuan = realisasi ÷ target akhir × 100 (indikator turun: "
                 "target akhir ÷ realisasi × 100)."], nomor_kolom=True)

    def sel_standar(b: BarisCapaian) -> list[Sel]:
        return [teks(b.indikator.nama), tampil(b.realisasi_teks, satuan=b.indikator.satuan),
                tampil(_banding(b).standar_teks, satuan=b.indikator.satuan),
                teks(_banding(b).standar_sumber or "Belum ada standar yang dicatat",
                     kelas="kecil")]

    tabel_standar = penomor.buat_tabel(
        "3", f"Perbandingan Realisasi Kinerja Tahun {tahun} dengan Standar Nasional/"
             f"Provinsi{akhiran}",
        [[Kepala("No"), Kepala("Sasaran Strategis"), Kepala("Indikator Kinerja Utama"),
          Kepala(f"Realisasi {tahun}"), Kepala("Standar"), Kepala("Sumber Standar")]],
        lebar=[5, 22, 30, 12, 12, 19], baris=_baris_per_sasaran(kelompok, sel_standar))

    kel_iku = []
    n = 0
    for sasaran, daftar in kelompok:
        iku = []
        for b in daftar:
            n += 1
            iku.append(_analisis_iku(bahan, b, sasaran, n, r, aturan, penomor))
        kel_iku.append(KelompokIku(sasaran, iku))
    rata, jumlah = capaian.rata_rata_capaian([b.hasil for b in semua])
    return PeriodeLkjip(
        periode=r.periode, nama_versi=r.nama_versi, tahun_akhir=r.tahun_akhir, visi=visi,
        misi=[m.teks_tampil for m in pohon.misi],
        tujuan=[t.obj.nama for t in pohon.tujuan],
        tabel_renstra=tabel_renstra, strategi=strategi, program=program, pk=pk_data,
        tabel_capaian=tabel_capaian, grafik_capaian=grafik_capaian,
        tabel_tahunan=tabel_tahunan, grafik_tren=grafik_tren,
        tabel_renstra_akhir=tabel_akhir, tabel_standar=tabel_standar, kelompok=kel_iku,
        rata_rata=aturan.persen(rata), n=jumlah, kategori=aturan.kategori(rata)[0],
    )


def _capaian_per_tahun(b: BarisCapaian, tahun: int) -> dict[int, Decimal | None]:
    """kinerja's `tren` (capaian of the previous years, then this year) by year."""
    return dict(zip([x.tahun for x in _banding(b).lalu] + [tahun], b.tren, strict=True))


# --- budget (Bab III B and the efficiency analysis) --------------------------------------


def _baris_anggaran(s: Simpul, kelas: str = "", menjorok: str = "", *,
                    pendapatan: bool = False) -> Baris:
    # Revenue above its target is not a negative remainder: no Sisa for pendapatan.
    sisa = teks("-", kelas="angka") if pendapatan else rupiah(s.sisa)
    return Baris([teks(s.kode, kelas="kecil"), teks(s.nama, kelas=menjorok), rupiah(s.akhir),
                  rupiah(s.realisasi), persen(s.serapan), sisa], kelas)


def _tabel_realisasi_anggaran(alokasi: DataAlokasi, penomor: Penomor) -> Tabel:
    """Pendapatan, belanja per account group with its items, and program → kegiatan
    (→ sub kegiatan): pagu in force, realisasi, serapan, sisa — all anggaran's totals."""
    d = alokasi.data
    rows = [_baris_anggaran(d.pendapatan, "kelompok", pendapatan=True)]
    rows += [_baris_anggaran(p, menjorok="menjorok", pendapatan=True)
             for p in d.pendapatan.anak]
    rows.append(_baris_anggaran(d.belanja, "kelompok"))
    dengan_program = [k for k in d.kelompok if any(a.tingkat == "program" for a in k.anak)]

    def program_rows() -> list[Baris]:
        hasil = []
        for p in d.program.anak:
            hasil.append(_baris_anggaran(p, "program", "menjorok"))
            for k in p.anak:
                hasil.append(_baris_anggaran(k, menjorok="menjorok-2"))
                hasil += [_baris_anggaran(x, "", "menjorok-2 kecil") for x in k.anak
                          if isinstance(x.obj, dict) and x.obj.get("sub")]
        return hasil

    for k in d.kelompok:
        rows.append(_baris_anggaran(k, "kelompok"))
        rows += [_baris_anggaran(p, menjorok="menjorok") for p in k.anak if p.tingkat == "pos"]
        # One account group holds every program line (BTL/BL years): nest them here.
        if len(dengan_program) == 1 and k is dengan_program[0]:
            rows += program_rows()
    if len(dengan_program) > 1:
        rows.append(Baris([teks(""), teks("Program dan kegiatan (seluruh kelompok belanja)"),
                           rupiah(d.program.akhir), rupiah(d.program.realisasi),
                           persen(d.program.serapan), rupiah(d.program.sisa)], "kelompok"))
        rows += program_rows()
    catatan = ["Pagu = pagu DPA perubahan bila ada, selain itu DPA murni. Serapan = "
               "realisasi ÷ pagu × 100; serapan gabungan = Σ realisasi ÷ Σ pagu × 100."]
    return penomor.buat_tabel(
        "3", f"Realisasi Anggaran Tahun {d.anggaran.tahun}",
        [[Kepala("Kode"), Kepala("Uraian"), Kepala("Pagu (Rp)"), Kepala("Realisasi (Rp)"),
          Kepala("Serapan"), Kepala("Sisa (Rp)")]],
        lebar=[7, 31, 18, 18, 9.5, 16.5], baris=rows, catatan=catatan, nomor_kolom=True)


def _judul_alokasi(b: BarisAlokasi) -> str:
    if b.jenis != "sasaran":
        return b.judul
    if b.indikator is not None:
        return f"{b.indikator.nama}{' (IKU)' if b.indikator.is_iku else ''}"
    return f"Sasaran: {b.judul}"


def _tabel_alokasi(alokasi: DataAlokasi, penomor: Penomor) -> Tabel:
    rows = [Baris([
        teks(b.sasaran.nama if b.sasaran else "-"), teks(_judul_alokasi(b)),
        teks(f"{b.jumlah_program} / {b.jumlah_kegiatan}", kelas="tengah"),
        rupiah(b.pagu), persen(b.alokasi.persen), rupiah(b.realisasi), persen(b.rekap.persen),
    ]) for b in alokasi.baris]
    j = alokasi.jumlah
    rows.append(Baris([teks("Jumlah (total belanja)", colspan=3), rupiah(j.alokasi),
                       persen(j.persen), rupiah(alokasi.data.belanja.realisasi),
                       persen(alokasi.data.belanja.serapan)], "jumlah"))
    a = alokasi.data.anggaran
    catatan = [
        "Porsi = alokasi ÷ total belanja × 100 (total belanja termasuk belanja di luar "
        "program). Serapan = realisasi ÷ alokasi × 100.",
        "Program/kegiatan yang mendukung lebih dari satu sasaran/IKU dibagi rata; program "
        "penunjang yang disebar dibagi menurut kunci sebaran: "
        f"{a.get_kunci_sebaran_display()}.",
    ]
    return penomor.buat_tabel(
        "3", f"Alokasi dan Realisasi Anggaran per Sasaran dan Indikator Kinerja Tahun "
             f"{a.tahun}",
        [[Kepala("Sasaran"), Kepala("Indikator / Kelompok"), Kepala("Program / Kegiatan"),
          Kepala("Alokasi (Rp)"), Kepala("Porsi"), Kepala("Realisasi (Rp)"),
          Kepala("Serapan")]],
        lebar=[15, 19, 8, 17, 8, 17, 8], baris=rows, catatan=catatan, nomor_kolom=True)


def _catatan_efisiensi(alokasi: DataAlokasi) -> str:
    efisien, cukup = (format_angka(x) for x in alokasi.ambang)
    return (f"Tingkat efisiensi = capaian kinerja ÷ serapan anggaran (rasio, dipotong 2 "
            f"desimal). Status diterapkan pada rasio: efisien bila rasio ≥ {efisien}; cukup "
            f"efisien bila {cukup} ≤ rasio < {efisien}; tidak efisien bila rasio < {cukup}; "
            "belum dapat dinilai bila capaian atau serapan belum ada (atau serapan 0%). "
            "Penghematan = pagu − realisasi, hanya bila capaian ≥ 100%.")


def _sel_efisiensi(e: Any, hemat: Decimal | None) -> list[Sel]:
    return [teks(format_angka(e.rasio, 2, cara="potong") if e.rasio is not None else "-",
                 kelas="angka"), teks(e.status, kelas="tengah"), rupiah(hemat)]


def _tabel_efisiensi(alokasi: DataAlokasi, aturan: Aturan, penomor: Penomor) -> Tabel:
    rows = []
    for b in alokasi.baris:
        if b.jenis != "sasaran":
            continue
        c = b.capaian.persen if b.capaian else None
        rows.append(Baris([teks(b.sasaran.nama if b.sasaran else "-"),
                           teks(_judul_alokasi(b)), persen(c, cara=aturan.cara),
                           rupiah(b.pagu), rupiah(b.realisasi), persen(b.rekap.persen),
                           *_sel_efisiensi(b.efisiensi, b.penghematan)]))
    return penomor.buat_tabel(
        "3", f"Efisiensi Penggunaan Sumber Daya per Sasaran dan Indikator Kinerja Tahun "
             f"{alokasi.data.anggaran.tahun}",
        [[Kepala("Sasaran"), Kepala("Indikator"), Kepala("Capaian Kinerja"),
          Kepala("Alokasi (Rp)"), Kepala("Realisasi (Rp)"), Kepala("Serapan"),
          Kepala("Tingkat Efisiensi"), Kepala("Status"), Kepala("Penghematan (Rp)")]],
        lebar=[13, 17, 8, 15, 15, 8, 8, 8, 14], baris=rows,
        catatan=[_catatan_efisiensi(alokasi)], nomor_kolom=True, kelas="rapat")


def _tabel_efisiensi_program(alokasi: DataAlokasi, aturan: Aturan, penomor: Penomor
                             ) -> Tabel:
    perlakuan = {"blok": "penunjang (blok)", "sebar": "penunjang (disebar)"}
    rows = []
    for p in alokasi.program:
        s = p.simpul
        rows.append(Baris([
            teks(f"{s.kode} {s.nama}".strip()), teks(perlakuan.get(p.perlakuan, "langsung"),
                                                    kelas="kecil"),
            rupiah(s.akhir), rupiah(s.realisasi), persen(s.serapan),
            persen(p.capaian.persen if p.capaian else None, cara=aturan.cara),
            *_sel_efisiensi(p.efisiensi, p.penghematan)]))
    return penomor.buat_tabel(
        "3", f"Efisiensi Penggunaan Anggaran per Program Tahun {alokasi.data.anggaran.tahun}",
        [[Kepala("Program"), Kepala("Perlakuan"), Kepala("Pagu (Rp)"),
          Kepala("Realisasi (Rp)"), Kepala("Serapan"), Kepala("Capaian Sasaran Didukung"),
          Kepala("Tingkat Efisiensi"), Kepala("Status"), Kepala("Penghematan (Rp)")]],
        lebar=[19, 9, 15, 15, 8, 8, 8, 8, 13], baris=rows,
        catatan=["Capaian program = capaian sasaran/IKU yang didukungnya (rata-rata bila "
                 "lebih dari satu).", _catatan_efisiensi(alokasi)], nomor_kolom=True,
        kelas="rapat")


def _kemenkeu(alokasi: DataAlokasi, *, rumus: bool = True) -> str:
    k = alokasi.kemenkeu
    if k.e is None:
        return f"Efisiensi metode PMK 22/2021 belum dapat dihitung: {k.keterangan}."
    teks_isi = (f"Efisiensi seluruh program menurut metode PMK 22/2021: E = "
                f"{format_angka(k.e, 2)}% dan nilai efisiensi {format_angka(k.nilai, 2)} "
                f"pada skala 0–100 ({k.keterangan}).")
    return f"{teks_isi} Rumus: {k.rumus}." if rumus else teks_isi


def _grafik_anggaran(alokasi: DataAlokasi, penomor: Penomor) -> Grafik | None:
    baris = [b for b in alokasi.baris if b.porsi]
    if not baris:
        return None
    label = [_judul_alokasi(b) for b in baris]
    return penomor.buat_grafik(
        "3", f"Serapan Anggaran per Sasaran dan Indikator Kinerja Tahun "
             f"{alokasi.data.anggaran.tahun}",
        grafik_batang(label, [Seri("Serapan", [b.rekap.persen for b in baris])],
                      judul="Serapan anggaran", acuan=Decimal(100),
                      label_acuan="100% = seluruh alokasi terserap",
                      judul_sumbu="Serapan (%)"))


# --- front matter, Bab I, annexes --------------------------------------------------------


def _tabel_ikhtisar_kategori(iku: list[BarisCapaian], aturan: Aturan) -> Tabel:
    hitung: dict[str, int] = defaultdict(int)
    for b in iku:
        hitung[b.kategori or ""] += 1
    rows = [Baris([teks(label, kelas=f"kategori {_kelas_css(label)}"), teks(rentang),
                   angka(hitung.get(label, 0))])
            for label, rentang in uraian_skala(aturan)]
    if hitung.get(""):
        rows.append(Baris([teks("Belum dapat dihitung"), teks("realisasi/target belum ada"),
                           angka(hitung[""])]))
    rows.append(Baris([teks("Jumlah IKU", colspan=2), angka(len(iku))], "jumlah"))
    return Tabel("ikhtisar-kategori", "", "Jumlah Indikator Kinerja Utama menurut Kategori "
                 "Capaian", [[Kepala("Kategori"), Kepala(f"Rentang ({nama_skala(aturan)})"),
                              Kepala("Jumlah IKU")]], rows, [30, 50, 20])


def _tabel_ikhtisar_anggaran(alokasi: DataAlokasi) -> Tabel:
    d = alokasi.data
    rows = [_baris_anggaran(d.belanja, "jumlah")]
    rows += [_baris_anggaran(k, menjorok="menjorok") for k in d.kelompok]
    for r in rows:
        del r.sel[0]  # no code column in the summary
    return Tabel("ikhtisar-anggaran", "", f"Anggaran dan Realisasi Tahun {d.anggaran.tahun}",
                 [[Kepala("Uraian"), Kepala("Pagu (Rp)"), Kepala("Realisasi (Rp)"),
                   Kepala("Serapan"), Kepala("Sisa (Rp)")]], rows, [36, 18, 18, 10, 18])


def _tabel_capaian_lalu(dasbor: DasborCapaian, penomor: Penomor) -> Tabel:
    aturan = dasbor.aturan
    kelompok = [(s, [b for b in d if b.realisasi_teks not in ("", "-")])
                for bagian, kel in _iku(dasbor) for s, d in kel]
    kelompok = [(s, d) for s, d in kelompok if d]
    return penomor.buat_tabel(
        "1", f"Capaian Indikator Kinerja Utama Tahun {dasbor.tahun}",
        [KEPALA_IKU], lebar=LEBAR_IKU, baris=_baris_per_sasaran(kelompok, _kolom_iku(aturan)),
        catatan=[catatan_skala(aturan)], nomor_kolom=True)


def _tabel_prestasi(prestasi: list[Prestasi], penomor: Penomor) -> Tabel:
    rows = [Baris([nomor(n), teks(p.nama), teks(p.get_tingkat_display(), kelas="tengah"),
                   teks(tanggal_teks(p.tanggal) if p.tanggal else "-", kelas="tengah"),
                   teks(p.pemberi), teks(p.penerima)])
            for n, p in enumerate(prestasi, start=1)]
    return penomor.buat_tabel(
        "3", "Prestasi dan Penghargaan",
        [[Kepala("No"), Kepala("Nama Penghargaan"), Kepala("Tingkat"), Kepala("Tanggal"),
          Kepala("Diserahkan oleh / Penyelenggara"), Kepala("Penerima")]],
        lebar=[5, 32, 11, 13, 21, 18], baris=rows)


def _tabel_pengukuran(periode_iku: list[tuple[Any, list[tuple[str, list[BarisCapaian]]]]],
                      aturan: Aturan, tahun: int, penomor: Penomor) -> Tabel:
    kelompok = [(s, d) for _, kel in periode_iku for s, d in kel]
    return penomor.buat_tabel(
        "L", f"Pengukuran Kinerja Tahun {tahun}", [KEPALA_IKU], lebar=LEBAR_IKU,
        baris=_baris_per_sasaran(kelompok, _kolom_iku(aturan)),
        catatan=[catatan_skala(aturan)], nomor_kolom=True)


def _ringkasan(opd: Opd, tahun: int, iku: list[BarisCapaian], aturan: Aturan,
               alokasi: DataAlokasi | None, n_sasaran: int) -> str:
    rata, n = capaian.rata_rata_capaian([b.hasil for b in iku])
    sasaran = (f"{n_sasaran} sasaran strategis yang diukur dengan {len(iku)} indikator "
               "kinerja utama (IKU)")
    if alokasi is not None:
        program = alokasi.data.program.anak
        kegiatan = sum(len(p.anak) for p in program)
        teks_isi = (f"Pada tahun {tahun}, {opd.nama} melaksanakan {kegiatan} kegiatan dari "
                    f"{len(program)} program untuk mendukung pencapaian {sasaran}.")
    else:
        teks_isi = f"Pada tahun {tahun}, kinerja {opd.nama} diukur melalui {sasaran}."
    if n:
        label = aturan.kategori(rata)[0]
        teks_isi += (f" Rata-rata capaian {n} IKU yang dapat diukur sebesar "
                     f"{aturan.persen(rata)} dengan kategori {label} "
                     f"({kelas_skala(aturan, label)}).")
    if alokasi is not None:
        b = alokasi.data.belanja
        teks_isi += (f" Anggaran belanja sebesar Rp {format_angka(b.akhir, 2)} "
                     f"({terbilang_rupiah(b.akhir)}) terealisasi Rp "
                     f"{format_angka(b.realisasi, 2)} ({terbilang_rupiah(b.realisasi)}) atau "
                     f"{format_persen(b.serapan)}; sisa anggaran Rp {format_angka(b.sisa, 2)}.")
    return teks_isi


def _ringkasan_penutup(iku: list[BarisCapaian], aturan: Aturan,
                       alokasi: DataAlokasi | None) -> str:
    belum = [b.indikator.nama for b in iku if b.hasil.persen is not None and b.hasil.persen < 100]
    tanpa = [b.indikator.nama for b in iku if b.hasil.persen is None]
    rata, n = capaian.rata_rata_capaian([b.hasil for b in iku])
    if not n:
        return "Capaian indikator kinerja utama tahun ini belum dapat diukur."
    label = aturan.kategori(rata)[0]
    isi = (f"Secara keseluruhan, rata-rata capaian {n} indikator kinerja utama sebesar "
           f"{aturan.persen(rata)} dengan kategori {label} ({kelas_skala(aturan, label)}).")
    if belum:
        isi += f" Indikator yang belum mencapai target: {'; '.join(belum)}."
    else:
        isi += " Seluruh indikator yang dapat diukur mencapai atau melampaui target."
    if tanpa:
        isi += f" Capaian belum dapat dihitung untuk: {'; '.join(tanpa)}."
    if alokasi is not None:
        b = alokasi.data.belanja
        isi += (f" Realisasi anggaran belanja Rp {format_angka(b.realisasi, 2)} dari pagu Rp "
                f"{format_angka(b.akhir, 2)} (serapan {format_persen(b.serapan)}). "
                f"{_kemenkeu(alokasi, rumus=False)}")
    return isi


def _tanpa_nomor(t: Tabel) -> Tabel:
    """A numbered table printed again (the PK in the annex): no number, its own anchor."""
    return replace(t, nomor="", kunci=f"{t.kunci}-lampiran")


def lkjip_dataset(*, opd: Opd, tahun: int) -> DataLkjip:
    """The whole LKjIP of an office and year as one tree of plain data.

    Raises DataTidakAda when no Renstra covers the year. Tables and charts are numbered
    here in document order; templates print them as they are.
    """
    bahan = _muat(opd, tahun)
    aturan = bahan.dasbor.aturan
    laporan = bahan.laporan
    periode_iku = _iku(bahan.dasbor)
    transisi = len(periode_iku) > 1
    semua_iku = [b for _, kel in periode_iku for _, d in kel for b in d]
    penomor = Penomor()

    tabel_ikhtisar_iku = Tabel(
        "ikhtisar-iku", "", f"Capaian Indikator Kinerja Utama Tahun {tahun}", [KEPALA_IKU],
        _baris_per_sasaran([(s, d) for _, kel in periode_iku for s, d in kel],
                           _kolom_iku(aturan)), LEBAR_IKU, [catatan_skala(aturan)])

    # Bab I
    tabel_sdm = _tabel_sdm(bahan.sdm, penomor)
    tabel_aset = _tabel_aset(bahan.aset, penomor)
    tabel_lalu = _tabel_capaian_lalu(bahan.dasbor_lalu, penomor)
    # Bab II and Bab III A, one Renstra period after the other.
    periode = [_periode(bahan, bagian, kel, aturan, penomor, transisi)
               for bagian, kel in periode_iku]
    for i, p in enumerate(periode, start=1):
        p.urutan = i
        if p.pk is not None:
            p.pk_lampiran = replace(
                p.pk, tabel_indikator=_tanpa_nomor(p.pk.tabel_indikator),
                tabel_program=_tanpa_nomor(p.pk.tabel_program))
    # Bab III A (resources) and B (budget), C (awards)
    alokasi = bahan.alokasi
    tabel_alokasi = tabel_efisiensi = tabel_ef_program = tabel_anggaran = None
    grafik_anggaran = None
    if alokasi is not None:
        tabel_alokasi = _tabel_alokasi(alokasi, penomor)
        grafik_anggaran = _grafik_anggaran(alokasi, penomor)
        tabel_efisiensi = _tabel_efisiensi(alokasi, aturan, penomor)
        tabel_ef_program = _tabel_efisiensi_program(alokasi, aturan, penomor)
        tabel_anggaran = _tabel_realisasi_anggaran(alokasi, penomor)
    tabel_prestasi = _tabel_prestasi(bahan.prestasi, penomor)
    # Lampiran
    tabel_pengukuran = _tabel_pengukuran(periode_iku, aturan, tahun, penomor)
    for p in periode:
        r = next(x for x in bahan.renstra if x.periode == p.periode)
        p.matriks = matriks_dataset(renstra=r)
    tabel_triwulan = _tabel_triwulan(_bagian_triwulan(bahan.dasbor, bahan.grid, bahan.rekaman),
                                     tahun, aturan, penomor, "L")

    rata, n = capaian.rata_rata_capaian([b.hasil for b in semua_iku])
    bawaan = narasi_bawaan(opd=opd.nama, pemda=opd.pemda.nama, tahun=tahun)
    narasi = {f: (getattr(laporan, f) if laporan else "") or bawaan.get(f, "")
              for f, _ in LaporanKinerja.BAGIAN_NARASI}
    n_sasaran = sum(len(kel) for _, kel in periode_iku)
    return DataLkjip(
        laporan_id=laporan.pk if laporan else None, opd=opd.nama,
        singkatan=opd.singkatan, pemda=opd.pemda.nama, ibukota=opd.pemda.ibukota,
        tahun=tahun, tahun_terbit=tahun + 1,
        status=laporan.get_status_display() if laporan else "Belum dibuat",
        kertas=halaman(laporan.kertas if laporan else "A4"), logo=_logo(opd),
        bagan=laporan.bagan_organisasi.path if laporan and laporan.bagan_organisasi else "",
        ttd=_ttd(laporan, opd, bahan.kepala, tahun), narasi=narasi,
        hambatan=butir(narasi["hambatan"]), upaya=butir(narasi["upaya"]),
        ringkasan=_ringkasan(opd, tahun, semua_iku, aturan, alokasi, n_sasaran),
        penutup_ringkasan=_ringkasan_penutup(semua_iku, aturan, alokasi),
        skala=uraian_skala(aturan), nama_skala=nama_skala(aturan),
        unit=_unit(bahan.unit), periode=periode, transisi=transisi,
        tabel_ikhtisar_iku=tabel_ikhtisar_iku,
        tabel_ikhtisar_kategori=_tabel_ikhtisar_kategori(semua_iku, aturan),
        tabel_ikhtisar_anggaran=_tabel_ikhtisar_anggaran(alokasi) if alokasi else None,
        tabel_sdm=tabel_sdm, ringkasan_sdm=_ringkasan_sdm(bahan.sdm), tabel_aset=tabel_aset,
        tabel_capaian_lalu=tabel_lalu, tabel_anggaran=tabel_anggaran,
        tabel_alokasi=tabel_alokasi, tabel_efisiensi=tabel_efisiensi,
        tabel_efisiensi_program=tabel_ef_program,
        kemenkeu=_kemenkeu(alokasi) if alokasi else "", grafik_anggaran=grafik_anggaran,
        tabel_prestasi=tabel_prestasi, tabel_pengukuran=tabel_pengukuran,
        tabel_triwulan=tabel_triwulan, daftar_tabel=penomor.tabel,
        daftar_grafik=penomor.grafik, ada_anggaran=alokasi is not None,
        rata_rata=aturan.persen(rata), n_iku=n, kategori=aturan.kategori(rata)[0],
    )
