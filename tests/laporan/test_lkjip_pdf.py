"""The demo LKjIP 2019 as a PDF: every chapter, the numbered tables and charts, the IKU,
and figures that equal what the capaian and efficiency engines compute."""

import re
from decimal import Decimal
from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from pypdf import PdfReader

from anggaran.efisiensi import serapan, serapan_total
from kinerja.capaian import hitung_capaian, realisasi_rasio, tampil_persen
from sakip.formatting import format_angka

from .conftest import teks_pdf

IKU = ["Persentase Koperasi Rehabilitasi",
       "Persentase Usaha Mikro Kecil yang mendapatkan legalitas usaha"]


@pytest.fixture(scope="module")
def pdf_modul(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded and its LKjIP 2019 printed with `cetak`, once for the module."""
    keluaran = tmp_path_factory.mktemp("lkjip") / "lkjip.pdf"
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        call_command("cetak", "lkjip", "--opd", "koperasi-malang", "--tahun", "2019",
                     "--output", str(keluaran), stdout=StringIO())
        transaction.set_rollback(True)
    return keluaran.read_bytes()


@pytest.fixture(scope="module")
def teks_modul(pdf_modul):
    # One line per table row and normal spaces, so phrases can be searched as printed.
    return re.sub(r"[ \t]+", " ", teks_pdf(pdf_modul))


# Tests ask for `db`: pytest-django sets up the test database only for such tests.
@pytest.fixture
def pdf(pdf_modul, db):
    return pdf_modul


@pytest.fixture
def teks(teks_modul, db):
    return teks_modul


def test_cover_and_front_matter(teks):
    awal = re.sub(r"\s+", " ", teks[:600])
    assert "LAPORAN KINERJA" in awal and "INSTANSI PEMERINTAH" in awal and "(LKjIP)" in awal
    assert "DINAS KOPERASI DAN USAHA MIKRO KABUPATEN MALANG" in awal
    assert "TAHUN 2019" in awal and "PEMERINTAH KABUPATEN MALANG" in awal
    assert "TAHUN 2020" in awal  # year of publication
    for judul in ("KATA PENGANTAR", "IKHTISAR EKSEKUTIF", "DAFTAR ISI", "DAFTAR TABEL",
                  "DAFTAR GRAFIK"):
        assert judul in teks


def test_every_chapter_heading(teks):
    for bab, judul in (("BAB I", "PENDAHULUAN"), ("BAB II", "PERENCANAAN KINERJA"),
                       ("BAB III", "AKUNTABILITAS KINERJA"), ("BAB IV", "PENUTUP")):
        assert re.search(rf"{bab}\s*\n\s*{judul}", teks), bab
    assert "LAMPIRAN" in teks
    for bagian in ("A. Latar Belakang", "B. Maksud dan Tujuan", "C. Tugas Pokok dan Fungsi",
                   "D. Struktur Organisasi", "E. Sumber Daya", "F. Isu Strategis",
                   "A. Rencana Strategis 2016–2021", "B. Perjanjian Kinerja Tahun 2019",
                   "A. Capaian Kinerja Organisasi", "B. Realisasi Anggaran",
                   "C. Prestasi Tahun 2019", "A. Kesimpulan", "PERJANJIAN KINERJA TAHUN 2019",
                   "PENGUKURAN KINERJA TAHUN 2019", "RENCANA PROGRAM, KEGIATAN, INDIKATOR"):
        assert bagian in teks, bagian


def test_daftar_isi_has_real_page_numbers(teks):
    daftar = teks[teks.index("DAFTAR ISI"):teks.index("DAFTAR TABEL")]
    # Front matter numbered in roman, chapters in arabic from 1.
    assert re.search(r"Kata Pengantar\s*(?:\.\s*){5,}i\b", daftar)
    assert re.search(r"BAB I PENDAHULUAN\s*(?:\.\s*){5,}1\b", daftar)
    halaman = [int(h) for h in re.findall(r"BAB I[VI]* [A-Z ]+?\s*(?:\.\s*){5,}(\d+)", daftar)]
    assert halaman == sorted(halaman) and len(halaman) == 4 and halaman[-1] > 20


def test_numbered_tables_and_charts_listed(teks):
    assert "Tabel 3.1" in teks and "Grafik 3.1" in teks
    daftar = teks[teks.index("DAFTAR TABEL"):teks.index("DAFTAR GRAFIK")]
    assert re.search(r"Tabel 3\.1 Target, Realisasi dan Capaian Indikator Kinerja Utama "
                     r"Tahun 2019\s*(?:\.\s*)+\d+", daftar)
    assert re.search(r"Tabel 1\.\d+ Sarana dan Prasarana Kantor", daftar)


def test_iku_and_capaian_as_the_engine_computes(teks):
    for nama in IKU:
        assert nama in teks
    # IKU 1: 35 / 1.316 → 2,66 (rounded to the indicator's 2 decimals), polarity turun.
    r1 = realisasi_rasio(Decimal(35), Decimal(1316), 2)
    h1 = hitung_capaian(target=Decimal("2.7"), realisasi=r1, polaritas="turun")
    # IKU 2: 613 / 423.350 → 0,14, polarity naik.
    r2 = realisasi_rasio(Decimal(613), Decimal(423350), 2)
    h2 = hitung_capaian(target=Decimal("0.05"), realisasi=r2, polaritas="naik")
    assert (tampil_persen(h1.persen), tampil_persen(h2.persen)) == ("101,48%", "280,00%")
    # Tabel 3.1: the row prints target, realisasi, capaian and kategori side by side.
    tabel = teks[teks.index("Tabel 3.1\n"):]
    assert re.search(r"Persentase Koperasi +2,7% +2,66% +101,48% +Sangat Tinggi", tabel)
    assert re.search(r"Persentase Usaha Mikro Kecil +0,05% +0,14% +280,00% +Sangat Tinggi",
                     tabel)
    assert "280,00%" in teks and "101,48" in teks and "280" in teks
    assert ("Realisasi indikator Persentase Koperasi Rehabilitasi tahun 2019 sebesar 2,66% "
            "dari target 2,7%, sehingga capaian kinerja 101,48% dengan kategori Sangat Tinggi"
            ) in re.sub(r"\s+", " ", teks)


def test_category_always_states_its_scale(teks):
    satu = re.sub(r"\s+", " ", teks)
    assert "Kategori menurut skala Permendagri 86/2017, diterapkan pada nilai kolom capaian" \
        in satu
    assert "Sangat Tinggi (capaian ≥ 91% pada skala Permendagri 86/2017)" in satu


def test_budget_totals_in_indonesian_format(teks):
    pagu, real = Decimal("8970162625.43"), Decimal("8344464004.50")
    assert format_angka(pagu, 2) == "8.970.162.625,43"
    assert "8.970.162.625,43" in teks and "8.344.464.004,50" in teks
    assert f"{format_angka(serapan(pagu=pagu, realisasi=real), 2)}%" == "93,02%"
    assert "93,02%" in teks
    # Serapan of the money allocated to each IKU (data README: 98,12 % and 98,83 %).
    iku1 = serapan_total([(Decimal("1043979800"), Decimal("1024399750"))])
    iku2 = serapan_total([(Decimal("2994246463.43"), Decimal("2959182317"))])
    assert f"{format_angka(iku1, 2)}%" in teks and f"{format_angka(iku2, 2)}%" in teks
    assert "Delapan Miliar Sembilan Ratus Tujuh Puluh Juta" in re.sub(r"\s+", " ", teks)


def test_years_and_codes_without_thousand_separator(teks):
    assert "2019" in teks and "2.019" not in teks and "2.020" not in teks


def test_fonts_embedded_and_landscape_annex(pdf):
    r = PdfReader(BytesIO(pdf))
    fonts = {}
    for p in r.pages:
        for f in p["/Resources"].get("/Font", {}).values():
            f = f.get_object()
            fonts[str(f["/BaseFont"])] = f
    assert any("Liberation" in nama or "DejaVu" in nama for nama in fonts)
    for nama, f in fonts.items():
        tertanam = f["/DescendantFonts"][0].get_object()["/FontDescriptor"] if \
            "/DescendantFonts" in f else f["/FontDescriptor"]
        assert any(k in tertanam for k in ("/FontFile", "/FontFile2", "/FontFile3")), nama
    lanskap = [p for p in r.pages if p.mediabox.width > p.mediabox.height]
    assert lanskap and len(lanskap) < len(r.pages)
    assert len(r.outline) >= 5  # PDF bookmarks from the headings
