"""The staff tables of the LKjIP add up as the planner types (tests/laporan checks the save)."""

import pytest
from playwright.sync_api import expect

from laporan.services import sdm_update
from tests.laporan.conftest import kantor_kecil

pytestmark = pytest.mark.django_db(transaction=True)


def test_jumlah_pegawai_dihitung_saat_diketik(page, live_server, masuk, layar, opd_a,
                                               perencana_a):
    laporan = kantor_kecil(opd_a, jumlah_iku=1).laporan
    sdm_update(laporan=laporan, kelompok="status", baris=[("PNS", 31), ("Non-PNS", 23)],
               oleh=perencana_a)
    masuk(page, "perencana_a")
    page.goto(f"{live_server.url}/laporan/lkjip/{laporan.pk}/pegawai/")
    status, jenis_kelamin = (page.locator("output[data-jumlah-hasil]").nth(i) for i in (0, 1))
    expect(status).to_have_text("54")
    expect(jenis_kelamin).to_have_text("0")

    page.fill("#id_status-2-jumlah", "1000")  # no description yet: not saved, not counted
    expect(status).to_have_text("54")
    page.fill("#id_status-2-uraian", "PPPK")
    expect(status).to_have_text("1.054")
    page.fill("#id_jenis_kelamin-0-uraian", "Laki-laki")
    page.fill("#id_jenis_kelamin-0-jumlah", "33")
    expect(jenis_kelamin).to_have_text("33")
    layar(page, "sdm-jumlah-saat-diketik")
