"""A planner builds a Renstra in a real browser; the head of office can only read it."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from renstra.models import Indikator, TargetRenstra, Tujuan

pytestmark = pytest.mark.django_db(transaction=True)


def test_perencana_membangun_pohon_renstra(page, live_server, masuk, layar, perencana_a,
                                           renstra_a):
    masuk(page, "perencana_a")
    page.goto(f"{live_server.url}/renstra/{renstra_a.pk}/")
    expect(page.get_by_text("Belum ada tujuan")).to_be_visible()

    page.get_by_role("link", name=re.compile("Tujuan")).first.click()
    page.fill("#id_nama", "Meningkatnya kualitas koperasi")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Tujuan ditambahkan.")).to_be_visible()
    tujuan = Tujuan.objects.get(renstra=renstra_a)

    page.goto(f"{live_server.url}/renstra/tujuan/{tujuan.pk}/indikator/tambah/")
    page.fill("#id_nama", "Persentase koperasi sehat")
    page.fill("#id_satuan", "%")
    page.fill("#id_t2019-nilai", "dua koma tujuh")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("bukan angka")).to_be_visible()
    layar(page, "renstra-indikator-galat")
    assert not Indikator.objects.exists()

    page.fill("#id_t2019-nilai", "2,7")
    page.fill("#id_t2019-pagu", "1.099.585.400")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Indikator dan target disimpan.")).to_be_visible()
    t = TargetRenstra.objects.get(tahun=2019)
    assert t.nilai == Decimal("2.7")
    assert t.pagu == 1099585400
    tabel = page.locator(f"#indikator-{t.indikator_id}")
    expect(tabel).to_contain_text("2,7")
    expect(tabel).to_contain_text("Rp 1.099.585.400")
    expect(page.locator("body")).not_to_contain_text("2.019")
    layar(page, "renstra-pohon")


def test_kepala_hanya_membaca(page, live_server, masuk, kepala_a, renstra_a):
    Tujuan.objects.create(renstra=renstra_a, nama="Tujuan yang ada")
    masuk(page, "kepala_a")
    page.goto(f"{live_server.url}/renstra/{renstra_a.pk}/")
    expect(page.get_by_text("Tujuan yang ada")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Ubah data Renstra"))).to_have_count(0)
    resp = page.goto(f"{live_server.url}/renstra/{renstra_a.pk}/ubah/")
    assert resp.status == 403
    expect(page.get_by_text("Hanya perencana")).to_be_visible()
