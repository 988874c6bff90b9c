"""Malang end to end: `load_demo` → the pages a user opens show the published figures
(LKjIP 2019: capaian 101,48 % and 280 %; quarterly report 2021: TOTAL = TW IV)."""

from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from kinerja import demo
from kinerja.models import PerjanjianKinerja, Realisasi, StatusPk
from sakip.models import Opd

from .test_views import masuk

D = Decimal


@pytest.fixture(scope="module")
def _dimuat(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def malang(_dimuat, db):
    from django.contrib.auth import get_user_model

    User = get_user_model()
    return (Opd.objects.get(slug="koperasi-malang"),
            User.objects.get(username="perencana.koperasi"),
            User.objects.get(username="kepala.koperasi"),
            User.objects.get(username="inspektorat"))


def test_dashboard_2019_shows_the_published_capaian(malang):
    opd, perencana, kepala, inspektorat = malang
    for user in (perencana, kepala, inspektorat):
        html = masuk(user, opd, 2019).get(reverse("kinerja:capaian")).content.decode()
        assert "101,48%" in html and "280,00%" in html
        assert "(2 × 2,7 − 2,66) / 2,7 × 100% = 101,48%" in html
        assert "0,14 / 0,05 × 100% = 280,00%" in html
        banding = masuk(user, opd, 2019).get(reverse("kinerja:capaian-banding"),
                                              HTTP_HX_REQUEST="true").content.decode()
        assert "37,59%" in banding and "93,33%" in banding  # tingkat kemajuan, Tabel 3.3


def test_pk_2019_as_printed(malang):
    opd, perencana, *_ = malang
    pk = PerjanjianKinerja.objects.get(opd=opd, tahun=2019)
    assert pk.status == StatusPk.DISETUJUI and pk.versi == 0
    assert [(b.indikator.nama, b.target) for b in pk.baris.select_related("indikator")] == [
        ("Persentase Koperasi Rehabilitasi", D("2.7")),
        ("Persentase Usaha Mikro Kecil yang mendapatkan legalitas usaha", D("0.05")),
    ]
    assert pk.program.count() == 10
    assert pk.pihak_pertama_nama == "Dra. MADE DEWI ANGGRAENI, M.Si."
    assert pk.pihak_kedua_jabatan == "Wakil Bupati Malang"
    html = masuk(perencana, opd, 2019).get(
        reverse("kinerja:pk-detail", args=[pk.pk])).content.decode()
    assert "Rp 5.132.617.200,00" in html and "Rp 2.425.000.000,00" in html


def test_2018_iku_printed_in_bab_i(malang):
    opd, perencana, *_ = malang
    html = masuk(perencana, opd, 2018).get(reverse("kinerja:capaian")).content.decode()
    assert "99,2 / 80 × 100% = 124,00%" in html
    assert "0,56 / 0,5 × 100% = 112,00%" in html


def test_2021_quarters_and_total_is_tw_iv(malang):
    opd, perencana, *_ = malang
    r = {(x.indikator.nama.split()[1], x.triwulan): x.nilai for x in
         Realisasi.objects.filter(tahun=2021).select_related("indikator")}
    assert [r[("Koperasi", tw)] for tw in (1, 2, 3, 4)] == [
        D("2.70"), D("2.39"), D("2.39"), D("2.39")]
    assert r[("Usaha", 4)] == D("0.81")
    html = masuk(perencana, opd, 2021).get(reverse("kinerja:capaian")).content.decode()
    # TOTAL = TW IV under "akhir": 2,70 2,39 2,39 2,39 → 2,39; 0,18 … 0,81 → 0,81.
    total = '<td class="angka fw-semibold" title="agregasi triwulan: akhir">{}</td>'
    assert total.format("2,39") in html and total.format("0,81") in html


def test_grid_2019_tw_iv(malang):
    opd, perencana, *_ = malang
    html = masuk(perencana, opd, 2019).get(
        reverse("kinerja:realisasi-grid") + "?triwulan=4").content.decode()
    assert 'value="1.316"' in html and 'value="423.350"' in html
    assert "101,48%" in html and "280,00%" in html


def test_loading_again_writes_nothing(malang):
    model = list(apps.get_app_config("kinerja").get_models())
    sebelum = {m._meta.label: m._default_manager.count() for m in model}
    baris = demo.load_demo()
    assert {m._meta.label: m._default_manager.count() for m in model} == sebelum
    assert "0 data baru" in baris[-1]
