"""The main flows in a real browser (Debian's chromium) against the demo data:

(a) a planner fills TW IV realisations in the grid and sees capaian and kategori change,
    then makes a change in the office workbook offline and imports it (preview, apply);
(b) the LKjIP goes draft → submitted → returned with a note → resubmitted → approved by
    the head, who downloads the signed PDF; the PDF verifies, and so does the signed PDF
    of the PK 2019 (approved by the demo loader) downloaded from the PK page;
(c) the inspectorate opens the pemda dashboard (which fits a 1400 px screen without
    sideways scrolling), drills into the office, leaves a review comment, finds nothing
    to edit, and a forged POST is refused.

Each step leaves a screenshot in test-artifacts/e2e/. The demo is loaded per test (the
live server needs committed data), so the three flows are kept to what they must show.
"""

from __future__ import annotations

import re
from decimal import Decimal
from importlib import import_module
from io import StringIO

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from openpyxl import load_workbook
from playwright.sync_api import expect

from anggaran.models import RealisasiAnggaran
from kinerja.models import PerjanjianKinerja, Realisasi
from laporan.bukukerja import templat as t
from laporan.models import LaporanKinerja, LogImpor
from sakip.models import CatatanReviu

pytestmark = pytest.mark.django_db(transaction=True)

SANDI = "sakip-demo-2026"
PEMBILANG = t.REALISASI.huruf("pembilang")


@pytest.fixture
def demo(transactional_db):
    # The flush after each browser test also empties what the data migration filled (the
    # account groups load_demo refers to). `serialized_rollback` cannot restore it here: it
    # keeps the data on a connection object the thread no longer sees once Playwright's
    # event loop runs in it. The migration's own function puts the rows back.
    import_module("anggaran.migrations.0002_kelompok_belanja_baku").tambah(django_apps, None)
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


def test_a_grid_anggaran_tempel_kolom_dan_peringatan_keluar(demo, page, live_server, masuk,
                                                             layar):
    """Part of the same flow on the budget grid: a column pasted from Excel fills and saves
    the rows below; leaving with an unsaved row asks first."""
    masuk(page, "perencana.koperasi", SANDI)
    _tahun(page, 2019)
    page.goto(f"{live_server.url}/anggaran/realisasi/?periode=tw3")
    sel = page.locator("[data-grid] input[name=nilai]")
    sel.first.focus()
    # What Excel puts on the clipboard for three cells of a column.
    sel.first.evaluate("""(el) => {
        const dt = new DataTransfer();
        dt.setData("text/plain", "1.000.000\\r\\n2.500.000,50\\r\\n750000\\r\\n");
        el.dispatchEvent(new ClipboardEvent("paste", {clipboardData: dt, bubbles: true,
                                                      cancelable: true}));
    }""")
    baris = page.locator("[data-grid] tbody tr[id^=baris-]")
    expect(baris.nth(1)).to_contain_text("tersimpan")
    expect(baris.nth(2)).to_contain_text("tersimpan")
    expect(sel.first).to_have_value("1.000.000")  # the row still being edited
    expect(page.locator("[data-grid-info]")).to_contain_text("1 baris belum disimpan")
    layar(page, "a5-grid-anggaran-tempel")
    dialog = []
    page.once("dialog", lambda d: (dialog.append(d.type), d.dismiss()))
    page.get_by_role("link", name="Ringkasan realisasi").click()
    page.wait_for_timeout(500)
    assert dialog == ["beforeunload"]
    assert page.url.endswith("?periode=tw3")  # stayed
    page.keyboard.press("Control+Enter")
    expect(baris.first).to_contain_text("tersimpan")
    # No save still in flight when the test database is flushed (a late commit there
    # failed the teardown on a foreign key once).
    page.wait_for_load_state("networkidle")
    nilai = sorted(RealisasiAnggaran.objects.filter(anggaran__tahun=2019, triwulan=3,
                                                    bulan=None).values_list("nilai", flat=True))
    assert nilai == [Decimal("750000"), Decimal("1000000"), Decimal("2500000.50")]


def _halaman_baru(browser, live_server, masuk, username: str):
    """A separate browser session for another person (the head, the reviewer)."""
    page = browser.new_context(viewport={"width": 1280, "height": 900},
                               accept_downloads=True).new_page()
    masuk(page, username, SANDI)
    return page


def test_b_lkjip_diajukan_dikembalikan_disetujui_dan_pdf_terverifikasi(
        demo, page, browser, live_server, masuk, layar, tmp_path):
    laporan = LaporanKinerja.objects.get(opd__slug="koperasi-malang", tahun=2019)
    detail = f"{live_server.url}/laporan/lkjip/{laporan.pk}/"
    masuk(page, "perencana.koperasi", SANDI)
    _tahun(page, 2019)
    page.goto(f"{detail}ubah/penutup/")
    page.fill("#id_penutup", "Tahun 2020 pembinaan koperasi diperluas ke seluruh kecamatan.")
    page.get_by_role("button", name=re.compile("Simpan")).click()
    expect(page.get_by_text("disimpan")).to_be_visible()
    page.goto(detail)
    page.get_by_role("button", name="Ajukan ke kepala").click()
    expect(page.get_by_text("LKjIP diajukan kepada kepala perangkat daerah.")).to_be_visible()
    layar(page, "b1-lkjip-diajukan")

    kepala = _halaman_baru(browser, live_server, masuk, "kepala.koperasi")
    kepala.goto(detail)
    kepala.get_by_role("button", name="Kembalikan").first.click()
    kepala.locator("#kembalikan textarea").fill("Lengkapi analisis efisiensi IKU 2.")
    kepala.get_by_role("button", name="Kembalikan LKjIP").click()
    expect(kepala.get_by_text("LKjIP dikembalikan kepada perencana dengan catatan.")) \
        .to_be_visible()
    layar(kepala, "b2-lkjip-dikembalikan")

    page.goto(detail)
    expect(page.locator("#alur")).to_contain_text("Lengkapi analisis efisiensi IKU 2.")
    page.get_by_role("button", name="Ajukan ke kepala").click()
    expect(page.get_by_text("LKjIP diajukan kepada kepala perangkat daerah.")).to_be_visible()
    layar(page, "b3-lkjip-diajukan-kembali")

    kepala.goto(detail)
    kepala.get_by_role("link", name=re.compile("Periksa & setujui")).click()
    konfirmasi = kepala.locator("#id_konfirmasi")
    if konfirmasi.count():  # the demo may still lack something: approving anyway is noted
        konfirmasi.check()
    layar(kepala, "b4-layar-persetujuan")
    kepala.get_by_role("button", name="Setujui dan tandatangani").click()
    expect(kepala.locator("#alur")).to_contain_text("Disetujui dan ditandatangani")
    layar(kepala, "b5-lkjip-disetujui")
    with kepala.expect_download() as unduhan:
        kepala.locator("#alur").get_by_role("link", name=re.compile("Versi 1")).click()
    pdf = tmp_path / "lkjip.pdf"
    unduhan.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF-")

    # Anyone can check the file, without logging in.
    tamu = browser.new_context().new_page()
    tamu.goto(f"{live_server.url}/verifikasi/")
    tamu.set_input_files("#id_berkas", str(pdf))
    tamu.get_by_role("button", name="Periksa").click()
    expect(tamu.locator("#hasil-verifikasi")).to_contain_text("Cocok")
    layar(tamu, "b6-pdf-terverifikasi")
    ubahan = tmp_path / "ubahan.pdf"
    ubahan.write_bytes(pdf.read_bytes() + b"\n%")
    tamu.set_input_files("#id_berkas", str(ubahan))
    tamu.get_by_role("button", name="Periksa").click()
    expect(tamu.locator("#hasil-verifikasi")).to_contain_text("Tidak cocok")

    pk = PerjanjianKinerja.objects.get(opd__slug="koperasi-malang", tahun=2019)
    kepala.goto(f"{live_server.url}/kinerja/pk/{pk.pk}/")
    with kepala.expect_download() as unduhan:
        kepala.get_by_role("link", name="Unduh PDF yang ditandatangani").click()
    pdf_pk = tmp_path / "pk.pdf"
    unduhan.value.save_as(pdf_pk)
    tamu.set_input_files("#id_berkas", str(pdf_pk))
    tamu.get_by_role("button", name="Periksa").click()
    expect(tamu.locator("#hasil-verifikasi")).to_contain_text(
        "Perjanjian Kinerja Dinas Koperasi dan Usaha Mikro Kabupaten Malang Tahun 2019")
    layar(tamu, "b7-pk-terverifikasi")


def test_c_inspektorat_membaca_mencatat_tanpa_bisa_mengubah(demo, page, live_server, masuk,
                                                            layar):
    masuk(page, "inspektorat", SANDI)
    page.goto(f"{live_server.url}/laporan/inspektorat/")
    with page.expect_navigation():
        page.select_option("#dasbor-tahun", "2019")
    baris = page.locator("tr", has_text="Dinas Koperasi dan Usaha Mikro")
    expect(baris).to_contain_text("Draf")
    page.set_viewport_size({"width": 1400, "height": 900})
    lebar, terlihat = page.locator(".table-wrap").evaluate(
        "w => [w.scrollWidth, w.clientWidth]")
    assert lebar <= terlihat, "tabel dasbor bergulir ke samping pada layar 1400 px"
    layar(page, "c1-dasbor-inspektorat")

    baris.get_by_role("button", name="Capaian").click()
    expect(page.locator("h1")).to_contain_text("Capaian")
    panel = page.locator("#catatan-reviu")
    panel.locator("textarea").fill("Realisasi IKU 1 TW IV perlu bukti SK pembinaan.")
    panel.get_by_role("button", name="Simpan catatan").click()
    expect(page.locator("#catatan-reviu")).to_contain_text(
        "Realisasi IKU 1 TW IV perlu bukti SK pembinaan.")
    assert CatatanReviu.objects.get().oleh.username == "inspektorat"
    layar(page, "c2-catatan-reviu")

    # Nothing to edit: the grids are read-only, the workbook page has no upload.
    page.goto(f"{live_server.url}/kinerja/realisasi/?triwulan=4&lingkup=semua")
    expect(page.get_by_text("hanya baca").first).to_be_visible()
    expect(page.locator("main input:not([type=hidden]), main textarea")).to_have_count(0)
    layar(page, "c3-realisasi-hanya-baca")
    page.goto(f"{live_server.url}/anggaran/pagu/")
    expect(page.locator("main input[name=pagu_murni]")).to_have_count(0)
    expect(page.get_by_role("button", name="Simpan")).to_have_count(0)
    page.goto(f"{live_server.url}/laporan/bukukerja/")
    expect(page.locator("input[type=file]")).to_have_count(0)
    layar(page, "c4-buku-kerja-tanpa-unggah")

    # A forged POST, with a valid session and CSRF token, is refused.
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    ind = Realisasi.objects.filter(tahun=2019, triwulan=4).first().indikator_id
    r = page.request.post(f"{live_server.url}/kinerja/realisasi/{ind}/2019/4/",
                          form={f"r{ind}-nilai": "1"}, headers={"X-CSRFToken": token,
                                                                 "Referer": live_server.url})
    assert r.status == 403
    r = page.request.post(f"{live_server.url}/laporan/opd/koperasi-malang/bukukerja/2019/impor/",
                          headers={"X-CSRFToken": token, "Referer": live_server.url})
    assert r.status == 403
    assert not Realisasi.objects.filter(indikator_id=ind, tahun=2019, triwulan=4,
                                        nilai=1).exists()


def test_d_unduh_pdf_lkjip_menunjukkan_kemajuan_dan_kegagalan(demo, page, live_server, masuk,
                                                             layar, tmp_path):
    """The draft LKjIP takes seconds to lay out: its download link says so and takes no
    second click meanwhile; a failed download is said beside it, and the page stays."""
    laporan = LaporanKinerja.objects.get(opd__slug="koperasi-malang", tahun=2019)
    detail = f"{live_server.url}/laporan/lkjip/{laporan.pk}/"
    masuk(page, "perencana.koperasi", SANDI)
    page.goto(detail)
    tautan = page.get_by_role("link", name="Unduh PDF (draf)")

    page.route("**/pdf/", lambda route: route.fulfill(status=500, body="galat"))
    tautan.click()
    expect(page.get_by_role("alert")).to_contain_text("Berkas gagal disiapkan (kode 500)")
    expect(page).to_have_url(detail)
    layar(page, "d0-pdf-gagal")
    page.unroute("**/pdf/")

    with page.expect_download(timeout=120_000) as unduhan:
        tautan.click()
        expect(page.locator("a[data-unduh][aria-busy=true]")).to_contain_text(
            "Menyiapkan PDF…")
        layar(page, "d1-pdf-sedang-disiapkan")
    assert unduhan.value.suggested_filename.endswith(".pdf")
    pdf = tmp_path / "lkjip.pdf"
    unduhan.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF-")
    expect(tautan).not_to_have_attribute("aria-busy", "true")
    expect(page.get_by_role("alert")).to_have_count(0)


def test_e_halaman_utama_muat_di_layar_ponsel(demo, page, live_server, masuk, layar):
    """On a 390 px phone a wide table scrolls inside its box; the page itself never scrolls
    sideways (an absolutely placed header label once escaped a table's scroll box)."""
    laporan = LaporanKinerja.objects.get(opd__slug="koperasi-malang", tahun=2019)
    pk = PerjanjianKinerja.objects.get(opd__slug="koperasi-malang", tahun=2019)
    masuk(page, "perencana.koperasi", SANDI)
    _tahun(page, 2019)  # the switcher folds into the menu on a phone
    page.set_viewport_size({"width": 390, "height": 844})
    for url in ("/", "/renstra/", f"/renstra/{pk.renstra_id}/", "/kinerja/pk/",
                f"/kinerja/pk/{pk.pk}/", "/kinerja/realisasi/", "/kinerja/capaian/",
                "/anggaran/", "/laporan/", f"/laporan/lkjip/{laporan.pk}/", "/laporan/reviu/"):
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
        lebar = page.evaluate("document.documentElement.scrollWidth")
        assert lebar <= 390, f"{url} bergulir ke samping di layar 390 px ({lebar} px)"
    layar(page, "e-ponsel-laporan-reviu")
