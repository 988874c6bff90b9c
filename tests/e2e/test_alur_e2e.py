"""The main flows in a real browser (Debian's chromium) against the demo data:

(a) a planner fills TW IV realisations in the grid and sees capaian and kategori change,
    then makes a change in the office workbook offline and imports it (preview, apply);
(b) the LKjIP goes draft → submitted → returned with a note → resubmitted → approved by
    the head, who downloads the signed PDF; the PDF verifies;
(c) the inspectorate opens the pemda dashboard, drills into the office, leaves a review
    comment, finds nothing to edit, and a forged POST is refused.

Each step leaves a screenshot in test-artifacts/e2e/. The demo is loaded per test (the
live server needs committed data), so the three flows are kept to what they must show.
"""

from __future__ import annotations

import re
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from playwright.sync_api import expect

from kinerja.models import Realisasi
from laporan.bukukerja import templat as t
from laporan.models import LogImpor

pytestmark = pytest.mark.django_db(transaction=True)

SANDI = "sakip-demo-2026"
PEMBILANG = t.REALISASI.huruf("pembilang")


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=StringIO())


def _tahun(page, tahun: int) -> None:
    """Work on `tahun` through the switcher in the top bar."""
    with page.expect_navigation():
        page.select_option("#pilih-tahun", str(tahun))
    expect(page.locator("#pilih-tahun")).to_have_value(str(tahun))


def _baris_iku(page, nama: str):
    return page.locator("[data-grid] tr", has_text=nama)


def test_a_realisasi_di_grid_lalu_impor_buku_kerja(demo, page, live_server, masuk, layar,
                                                   tmp_path):
    masuk(page, "perencana.koperasi", SANDI)
    _tahun(page, 2019)
    page.goto(f"{live_server.url}/kinerja/realisasi/?triwulan=4&lingkup=iku")
    iku1 = _baris_iku(page, "Persentase Koperasi Rehabilitasi")
    expect(iku1).to_contain_text("101,48%")
    expect(iku1).to_contain_text("Sangat Tinggi")
    layar(page, "a1-grid-realisasi-tw4")

    # Type, Enter: the cursor moves down and the row left behind is saved.
    pembilang = iku1.locator("input[name$='-pembilang']")
    pembilang.click()
    pembilang.fill("60")
    page.keyboard.press("Enter")
    iku1 = _baris_iku(page, "Persentase Koperasi Rehabilitasi")
    expect(iku1).to_contain_text("tersimpan")
    # 60 / 1.316 × 100 = 4,56 (stated to 2 decimals); turun: (2 × 2,7 − 4,56) / 2,7.
    expect(iku1).to_contain_text("31,11%")
    expect(iku1).to_contain_text("Sangat Rendah")
    iku2 = _baris_iku(page, "legalitas usaha")
    expect(iku2.locator("input[name$='-pembilang']")).to_be_focused()
    page.keyboard.type("150")
    expect(page.locator("[data-grid-info]").first).to_contain_text("1 baris belum disimpan")
    page.keyboard.press("Control+Enter")
    iku2 = _baris_iku(page, "legalitas usaha")
    expect(iku2).to_contain_text("tersimpan")
    expect(iku2).to_contain_text("80,00%")  # 150 / 423.350 × 100 = 0,04 against 0,05
    expect(iku2).to_contain_text("Tinggi")
    layar(page, "a2-grid-capaian-berubah")

    page.goto(f"{live_server.url}/laporan/bukukerja/")
    with page.expect_download() as unduhan:
        page.get_by_role("link", name="Unduh buku kerja 2019").click()
    berkas = tmp_path / unduhan.value.suggested_filename
    unduhan.value.save_as(berkas)
    assert berkas.name == "buku-kerja-koperasi-malang-2019.xlsx"
    wb = load_workbook(berkas)
    ws = wb["Realisasi"]
    iku1_id = Realisasi.objects.get(tahun=2019, triwulan=4, pembilang=60).indikator_id
    (baris,) = [r[0].row for r in ws.iter_rows(min_row=t.BARIS_DATA)
                if r[0].value == iku1_id and r[1].value == 4]
    assert ws[f"{PEMBILANG}{baris}"].value == 60  # what the grid saved
    ws[f"{PEMBILANG}{baris}"] = "35"
    wb.save(berkas)

    page.set_input_files("#id_berkas", str(berkas))
    page.get_by_role("button", name="Unggah dan periksa").click()
    expect(page.locator("h1")).to_contain_text("Pratinjau impor")
    expect(page.locator("#ringkasan")).to_contain_text("1 diubah")
    expect(page.locator("#ringkasan")).to_contain_text("0 ditolak")
    expect(page.locator("#baris-ubah")).to_contain_text("Pembilang: 60 → 35")
    layar(page, "a3-pratinjau-impor")
    assert Realisasi.objects.get(indikator_id=iku1_id, tahun=2019, triwulan=4).pembilang == 60

    page.get_by_role("button", name="Terapkan perubahan").click()
    expect(page.get_by_text("diterapkan: 0 baris baru, 1 baris diubah")).to_be_visible()
    layar(page, "a4-impor-diterapkan")
    r = Realisasi.objects.get(indikator_id=iku1_id, tahun=2019, triwulan=4)
    assert (r.pembilang, r.nilai) == (Decimal("35"), Decimal("2.66"))
    assert LogImpor.objects.get(diterapkan=True).oleh.username == "perencana.koperasi"

    page.goto(f"{live_server.url}/kinerja/realisasi/?triwulan=4&lingkup=iku")
    expect(_baris_iku(page, "Persentase Koperasi Rehabilitasi")).to_contain_text("101,48%")
    assert not re.search(r"\b2\.019\b", page.content())
