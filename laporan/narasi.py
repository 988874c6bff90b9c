"""Draft sentences of the LKjIP analyses, generated from the data (pure, deterministic).

`draf_analisis(fakta)` turns the facts of one IKU — figures already computed by the
kinerja and anggaran selectors and formatted the Indonesian way — into one paragraph per
analysis of Bab III A. The same facts always give the same words, so a regenerated draft
only changes when the data changed. Staff edit these drafts in the app (NarasiAnalisis).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .models import JenisAnalisis


@dataclass
class TahunLalu:
    tahun: int
    realisasi: str  # as printed, with unit; "-" when empty
    nilai: Decimal | None


@dataclass
class FaktaIku:
    """Everything the sentences of one IKU need, as printed in the report."""

    nama: str
    tahun: int
    polaritas: str  # naik | turun | rentang | stabil
    target: str
    realisasi: str
    nilai_realisasi: Decimal | None
    capaian: str
    capaian_ada: bool
    kategori: str
    kelas_skala: str  # e.g. "capaian ≥ 91% pada skala Permendagri 86/2017"
    keterangan: str = ""  # why capaian cannot be computed
    rumus_capaian: str = ""
    pembilang: str = ""  # "jumlah koperasi rehabilitasi (35)"
    penyebut: str = ""
    lalu: list[TahunLalu] = field(default_factory=list)
    periode: str = ""
    tahun_akhir: int = 0
    target_akhir: str = "-"
    kemajuan: str = "-"
    kemajuan_ada: bool = False
    kemajuan_ket: str = ""
    standar: str = ""
    nilai_standar: Decimal | None = None
    standar_sumber: str = ""
    ada_analisis: bool = False
    tercapai: bool = False  # capaian ≥ 100 %
    alokasi: str = ""
    realisasi_anggaran: str = ""
    serapan: str = ""
    rasio: str = ""
    status_efisiensi: str = ""
    ket_efisiensi: str = ""
    penghematan: str = ""
    program: list[str] = field(default_factory=list)
    jumlah_kegiatan: int = 0
    program_pendukung: str = ""


def _lebih_baik(kini: Decimal, lalu: Decimal, polaritas: str) -> str:
    """How `kini` compares with `lalu` for an indicator of this polarity."""
    if kini == lalu:
        return "sama dengan"
    naik = kini > lalu
    if polaritas == "turun":
        return ("lebih buruk (lebih tinggi) daripada" if naik
                else "lebih baik (lebih rendah) daripada")
    if polaritas == "naik":
        return "lebih baik (lebih tinggi) daripada" if naik else "lebih rendah daripada"
    return "lebih tinggi daripada" if naik else "lebih rendah daripada"


def _polaritas(p: str) -> str:
    return {
        "naik": "makin tinggi realisasi makin baik",
        "turun": "makin rendah realisasi makin baik",
        "rentang": "realisasi terbaik berada di dalam rentang target",
        "stabil": "realisasi terbaik sedekat mungkin dengan target",
    }.get(p, "")


def _target(f: FaktaIku) -> str:
    if not f.capaian_ada:
        alasan = f" ({f.keterangan})" if f.keterangan else ""
        return (f"Realisasi indikator {f.nama} tahun {f.tahun} sebesar {f.realisasi} dari "
                f"target {f.target}; capaian kinerja belum dapat dihitung{alasan}.")
    teks = (f"Realisasi indikator {f.nama} tahun {f.tahun} sebesar {f.realisasi} dari target "
            f"{f.target}, sehingga capaian kinerja {f.capaian} dengan kategori {f.kategori} "
            f"({f.kelas_skala}).")
    if f.pembilang and f.penyebut:
        teks += f" Realisasi diperoleh dari {f.pembilang} dibagi {f.penyebut} dikali 100."
    if f.rumus_capaian:
        teks += (f" Indikator ini berpolaritas {f.polaritas} ({_polaritas(f.polaritas)}), "
                 f"sehingga capaian dihitung {f.rumus_capaian}.")
    lalu = f.lalu[-1] if f.lalu else None
    if lalu is not None:
        if lalu.nilai is not None and f.nilai_realisasi is not None:
            banding = _lebih_baik(f.nilai_realisasi, lalu.nilai, f.polaritas)
            teks += (f" Dibandingkan tahun {lalu.tahun}, realisasi tahun {f.tahun} "
                     f"{banding} realisasi tahun {lalu.tahun} ({lalu.realisasi}).")
        else:
            teks += (f" Dibandingkan tahun {lalu.tahun}, realisasi belum dapat dibandingkan "
                     f"karena indikator ini belum memiliki realisasi tahun {lalu.tahun}.")
    return teks


def _tahunan(f: FaktaIku) -> str:
    ada = [x for x in f.lalu if x.nilai is not None]
    if not ada:
        return (f"Indikator {f.nama} belum memiliki realisasi pada tahun-tahun sebelumnya "
                f"dalam periode Renstra ini, sehingga perbandingan antartahun belum dapat "
                f"dilakukan; realisasi tahun {f.tahun} ({f.realisasi}) menjadi data dasar "
                f"perbandingan tahun berikutnya.")
    rangkaian = ", ".join(f"{x.tahun} {x.realisasi}" for x in f.lalu)
    teks = f"Realisasi indikator {f.nama} pada tahun-tahun sebelumnya: {rangkaian}."
    pertama = ada[0]
    if f.nilai_realisasi is not None:
        banding = _lebih_baik(f.nilai_realisasi, pertama.nilai, f.polaritas)  # type: ignore[arg-type]
        teks += (f" Realisasi tahun {f.tahun} ({f.realisasi}) {banding} realisasi tahun "
                 f"{pertama.tahun} ({pertama.realisasi}).")
    return teks


def _renstra(f: FaktaIku) -> str:
    if f.target_akhir in ("", "-"):
        return (f"Target akhir Renstra {f.periode} untuk indikator {f.nama} belum diisi, "
                f"sehingga tingkat kemajuan belum dapat dihitung.")
    teks = f"Target akhir Renstra {f.periode} untuk indikator {f.nama} adalah {f.target_akhir}."
    if not f.kemajuan_ada:
        ket = f" ({f.kemajuan_ket})" if f.kemajuan_ket else ""
        return teks + f" Tingkat kemajuan belum dapat dihitung{ket}."
    rumus = ("target akhir dibagi realisasi" if f.polaritas == "turun"
             else "realisasi dibagi target akhir")
    teks += (f" Dengan realisasi {f.realisasi} pada tahun {f.tahun}, tingkat kemajuan "
             f"terhadap target akhir sebesar {f.kemajuan} ({rumus} dikali 100).")
    sisa = f.tahun_akhir - f.tahun
    if sisa > 0:
        teks += (f" Masih tersedia {sisa} tahun hingga akhir periode Renstra "
                 f"({f.tahun_akhir}) untuk mencapai target akhir.")
    return teks


def _standar(f: FaktaIku) -> str:
    if f.nilai_standar is None:
        return (f"Belum ada standar nasional atau provinsi yang dicatat untuk indikator "
                f"{f.nama}, sehingga perbandingan dengan standar belum dapat dilakukan.")
    sumber = f" (sumber: {f.standar_sumber})" if f.standar_sumber else ""
    teks = f"Standar nasional/provinsi untuk indikator {f.nama} adalah {f.standar}{sumber}."
    if f.nilai_realisasi is not None:
        banding = _lebih_baik(f.nilai_realisasi, f.nilai_standar, f.polaritas)
        teks += f" Realisasi tahun {f.tahun} ({f.realisasi}) {banding} standar tersebut."
    return teks


def _penyebab(f: FaktaIku) -> str:
    if not f.ada_analisis:
        return ("Faktor penyebab keberhasilan/kegagalan dan solusinya belum diisi pada "
                "analisis indikator.")
    if not f.capaian_ada:
        return ("Faktor-faktor yang memengaruhi pencapaian indikator ini dan langkah "
                "perbaikannya diuraikan berikut.")
    if f.tercapai:
        return (f"Capaian kinerja {f.capaian} (kategori {f.kategori}) didukung oleh faktor-"
                "faktor keberhasilan berikut; langkah-langkah untuk mempertahankan dan "
                "meningkatkan capaian pada tahun berikutnya juga diuraikan.")
    return (f"Capaian kinerja {f.capaian} (kategori {f.kategori}) belum optimal; faktor "
            "penyebab dan langkah perbaikan yang ditempuh diuraikan berikut.")


def _efisiensi(f: FaktaIku) -> str:
    if not f.alokasi:
        return (f"Belum ada program/kegiatan anggaran tahun {f.tahun} yang dipetakan ke "
                f"indikator {f.nama}, sehingga efisiensi penggunaan sumber daya belum dapat "
                "dinilai.")
    teks = (f"Anggaran yang dialokasikan untuk mendukung indikator {f.nama} sebesar "
            f"Rp {f.alokasi} dengan realisasi Rp {f.realisasi_anggaran} (serapan {f.serapan}).")
    if f.rasio:
        teks += (f" Dibandingkan dengan capaian kinerja {f.capaian}, tingkat efisiensi "
                 f"(capaian ÷ serapan) sebesar {f.rasio}, sehingga penggunaan sumber daya "
                 f"dinilai {f.status_efisiensi} ({f.ket_efisiensi}).")
    else:
        teks += f" Efisiensi {f.status_efisiensi} ({f.ket_efisiensi})."
    if f.penghematan:
        teks += (f" Karena target tercapai, sisa anggaran Rp {f.penghematan} merupakan "
                 "penghematan.")
    return teks


def _program(f: FaktaIku) -> str:
    if not f.program:
        teks = (f"Belum ada program/kegiatan anggaran tahun {f.tahun} yang dipetakan "
                f"sebagai pendukung indikator {f.nama}.")
    else:
        daftar = "; ".join(f.program)
        teks = (f"Pencapaian indikator {f.nama} didukung oleh {len(f.program)} program dan "
                f"{f.jumlah_kegiatan} kegiatan: {daftar}.")
    if f.program_pendukung:
        teks += (f" Program/kegiatan yang outputnya paling mendukung: "
                 f"{f.program_pendukung.strip().rstrip('.')}.")
    return teks


_PENYUSUN = {
    JenisAnalisis.TARGET: _target,
    JenisAnalisis.TAHUNAN: _tahunan,
    JenisAnalisis.RENSTRA: _renstra,
    JenisAnalisis.STANDAR: _standar,
    JenisAnalisis.PENYEBAB: _penyebab,
    JenisAnalisis.EFISIENSI: _efisiensi,
    JenisAnalisis.PROGRAM: _program,
}


def draf_analisis(fakta: FaktaIku) -> dict[str, str]:
    """One draft paragraph per kind of analysis (JenisAnalisis value → text)."""
    return {jenis.value: penyusun(fakta) for jenis, penyusun in _PENYUSUN.items()}


# --- terbilang -----------------------------------------------------------------------------

_SATUAN = ["", "Satu", "Dua", "Tiga", "Empat", "Lima", "Enam", "Tujuh", "Delapan", "Sembilan",
           "Sepuluh", "Sebelas"]
_RIBUAN = [(10**12, "Triliun"), (10**9, "Miliar"), (10**6, "Juta")]


def _terbilang(n: int) -> str:
    if n < 12:
        return _SATUAN[n]
    if n < 20:
        return f"{_SATUAN[n - 10]} Belas"
    if n < 100:
        return f"{_SATUAN[n // 10]} Puluh {_terbilang(n % 10)}".strip()
    if n < 200:
        return f"Seratus {_terbilang(n - 100)}".strip()
    if n < 1000:
        return f"{_SATUAN[n // 100]} Ratus {_terbilang(n % 100)}".strip()
    if n < 2000:
        return f"Seribu {_terbilang(n - 1000)}".strip()
    if n < 10**6:
        return f"{_terbilang(n // 1000)} Ribu {_terbilang(n % 1000)}".strip()
    for besar, nama in _RIBUAN:
        if n >= besar:
            return f"{_terbilang(n // besar)} {nama} {_terbilang(n % besar)}".strip()
    raise ValueError(n)  # pragma: no cover — every n ≥ 10⁶ matches a unit above


def terbilang_rupiah(nilai: Decimal) -> str:
    """8.970.162.625,43 → "Delapan Miliar … Dua Puluh Lima Rupiah Empat Puluh Tiga Sen"."""
    if nilai < 0:
        return "Minus " + terbilang_rupiah(-nilai)
    sen_total = int(nilai.quantize(Decimal("0.01")) * 100)
    rupiah, sen = divmod(sen_total, 100)
    teks = f"{_terbilang(rupiah) or 'Nol'} Rupiah"
    if sen:
        teks += f" {_terbilang(sen)} Sen"
    return teks


# --- default narrative ---------------------------------------------------------------------


def narasi_bawaan(*, opd: str, pemda: str, tahun: int) -> dict[str, str]:
    """Standard paragraphs for the sections every LKjIP words alike; printed until the
    staff write their own (the edit form starts from them)."""
    return {
        "kata_pengantar": (
            f"Laporan Kinerja Instansi Pemerintah (LKjIP) {opd} Tahun {tahun} disusun "
            f"sebagai wujud pertanggungjawaban atas pelaksanaan tugas pokok dan fungsi "
            f"selama tahun anggaran {tahun}, sesuai Peraturan Presiden Nomor 29 Tahun 2014 "
            "tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah dan Peraturan Menteri "
            "Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 Tahun 2014 "
            "tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara "
            "Reviu atas Laporan Kinerja Instansi Pemerintah.\n\n"
            f"Laporan ini menyajikan capaian kinerja {opd} terhadap sasaran dan indikator "
            f"kinerja utama yang ditetapkan dalam Perjanjian Kinerja Tahun {tahun}, beserta "
            "analisis keberhasilan dan kegagalan, efisiensi penggunaan sumber daya serta "
            "realisasi anggaran.\n\n"
            "Masukan yang konstruktif sangat kami harapkan untuk perbaikan penyusunan laporan "
            "dan peningkatan kinerja pada tahun-tahun berikutnya."),
        "latar_belakang": (
            "Sistem Akuntabilitas Kinerja Instansi Pemerintah (SAKIP) mewajibkan setiap "
            "instansi pemerintah mempertanggungjawabkan keberhasilan dan kegagalan "
            "pelaksanaan misi organisasi dalam mencapai tujuan dan sasaran yang telah "
            "ditetapkan, melalui laporan kinerja yang disusun secara periodik.\n\n"
            f"Berpedoman pada Peraturan Presiden Nomor 29 Tahun 2014 dan Peraturan Menteri "
            f"PANRB Nomor 53 Tahun 2014, {opd} menyusun Laporan Kinerja Instansi Pemerintah "
            f"Tahun {tahun} sebagai bentuk pertanggungjawaban kepada Kepala Daerah "
            f"{pemda} dan kepada masyarakat."),
        "maksud_tujuan": (
            f"Laporan kinerja ini dimaksudkan sebagai media pertanggungjawaban {opd} atas "
            f"capaian kinerja tahun {tahun}, dengan tujuan:\n"
            "1. meningkatkan akuntabilitas kinerja organisasi;\n"
            "2. memberikan umpan balik bagi perbaikan perencanaan dan pelaksanaan program "
            "serta kegiatan tahun berikutnya;\n"
            "3. menjadi bahan evaluasi atas keberhasilan dan kegagalan pencapaian sasaran."),
    }


# --- quarterly report ----------------------------------------------------------------------


@dataclass
class FaktaTriwulan:
    triwulan: str  # "Triwulan I"
    target: str
    realisasi: str
    rumus: str  # "36 / 1.334 × 100" or ""
    capaian: str
    kategori: str


def kalimat_triwulan(nama: str, tahun: int, fakta: list[FaktaTriwulan]) -> str:
    """One paragraph per IKU chaining its quarters, as the quarterly report words them."""
    if not fakta:
        return f"Indikator {nama} belum memiliki realisasi triwulan pada tahun {tahun}."
    bagian = []
    for f in fakta:
        dari = f" ({f.rumus})" if f.rumus else ""
        target = f" terhadap target {f.target}" if f.target not in ("", "-") else ""
        hasil = (f", capaian {f.capaian} (kategori {f.kategori})" if f.kategori
                 else ", capaian belum dapat dihitung")
        bagian.append(f"{f.triwulan} realisasi {f.realisasi}{dari}{target}{hasil}")
    return f"Indikator {nama} tahun {tahun}: " + "; ".join(bagian) + "."
