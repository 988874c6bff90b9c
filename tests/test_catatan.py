"""Review comments (catatan reviu): the inspectorate writes, the office answers, the
reviewer closes; every mutating view: happy path, other office 404, wrong role 403,
GET 405, CSRF; comments never change the data they are about."""

import pytest
from django.urls import reverse

from kinerja.models import Realisasi
from renstra.models import Indikator, Sasaran, TargetRenstra
from sakip.models import CatatanReviu, JawabanCatatan, StatusCatatan
from tests.conftest import login
from tests.laporan.conftest import kantor_kecil

BARU = reverse("laporan:catatan-create")


@pytest.fixture
def kantor_a(opd_a):
    return kantor_kecil(opd_a, jumlah_iku=2)


def _isi(obj, tahun=2019, teks="Data dukung realisasi belum dilampirkan."):
    return {"objek": f"{obj._meta.label_lower}:{obj.pk}", "tahun": tahun, "teks": teks}


def _jejak():
    """Everything a comment could be tempted to touch, with its history."""
    return [(m.objects.count(), m.history.count(), list(m.objects.values()))
            for m in (Indikator, Sasaran, TargetRenstra, Realisasi)]


def _catatan(kantor, inspektur):
    c = login(inspektur)
    c.post(BARU, _isi(kantor.iku[0]))
    return CatatanReviu.objects.get()


@pytest.mark.parametrize("target", ["laporan", "sasaran", "iku"])
def test_inspektorat_menulis_catatan_tanpa_mengubah_data(kantor_a, inspektur, target):
    obj = getattr(kantor_a, target)
    obj = obj[0] if isinstance(obj, list) else obj
    sebelum = _jejak()
    r = login(inspektur).post(BARU, {**_isi(obj), "next": "/kinerja/capaian/"})
    assert r.status_code == 302 and r.url == "/kinerja/capaian/"
    c = CatatanReviu.objects.get()
    assert (c.objek, c.opd, c.tahun, c.status, c.oleh) == (
        obj, kantor_a.laporan.opd, 2019, StatusCatatan.TERBUKA, inspektur)
    assert _jejak() == sebelum


def test_catatan_izin(kantor_a, inspektur, perencana_a, kepala_a, perencana_b, admin_user,
                      csrf_client_for):
    isi = _isi(kantor_a.iku[0])
    for u in (perencana_a, kepala_a, admin_user):
        assert login(u).post(BARU, isi).status_code == 403
    assert login(perencana_b).post(BARU, isi).status_code == 404
    assert login(inspektur).get(BARU).status_code == 405
    assert csrf_client_for(inspektur).post(BARU, isi).status_code == 403
    assert CatatanReviu.objects.count() == 0
    # Only reports, sasaran and indicators can be commented on.
    realisasi = f"kinerja.realisasi:{Realisasi.objects.first().pk}"
    r = login(inspektur).post(BARU, {**isi, "objek": realisasi})
    assert r.status_code == 404


@pytest.mark.parametrize("persona", ["perencana_a", "kepala_a"])
def test_kantor_menjawab(request, kantor_a, inspektur, persona):
    c = _catatan(kantor_a, inspektur)
    sebelum = _jejak()
    u = request.getfixturevalue(persona)
    r = login(u).post(reverse("laporan:catatan-jawab", args=[c.pk]),
                      {"teks": "Sudah diunggah pada TW IV."})
    assert r.status_code == 302
    c.refresh_from_db()
    assert c.status == StatusCatatan.DIJAWAB
    assert JawabanCatatan.objects.get().oleh == u
    assert _jejak() == sebelum
    # The reviewer's reply reopens it; closing ends the thread.
    login(inspektur).post(reverse("laporan:catatan-jawab", args=[c.pk]), {"teks": "Belum."})
    c.refresh_from_db()
    assert c.status == StatusCatatan.TERBUKA
    login(inspektur).post(reverse("laporan:catatan-tutup", args=[c.pk]))
    c.refresh_from_db()
    assert c.status == StatusCatatan.DITUTUP
    r = login(u).post(reverse("laporan:catatan-jawab", args=[c.pk]), {"teks": "Lagi"})
    assert r.status_code == 403 and JawabanCatatan.objects.count() == 2


def test_jawab_dan_tutup_izin(kantor_a, inspektur, perencana_a, perencana_b, admin_user,
                              csrf_client_for):
    c = _catatan(kantor_a, inspektur)
    jawab = reverse("laporan:catatan-jawab", args=[c.pk])
    tutup = reverse("laporan:catatan-tutup", args=[c.pk])
    assert login(perencana_b).post(jawab, {"teks": "x"}).status_code == 404
    assert login(perencana_b).post(tutup).status_code == 404
    assert login(admin_user).post(jawab, {"teks": "x"}).status_code == 403
    assert login(perencana_a).post(tutup).status_code == 403
    assert login(perencana_a).get(jawab).status_code == 405
    assert login(inspektur).get(tutup).status_code == 405
    assert csrf_client_for(perencana_a).post(jawab, {"teks": "x"}).status_code == 403
    assert csrf_client_for(inspektur).post(tutup).status_code == 403
    c.refresh_from_db()
    assert c.status == StatusCatatan.TERBUKA and JawabanCatatan.objects.count() == 0


def test_catatan_tampil_di_lkjip_dan_dasbor_capaian(kantor_a, inspektur, perencana_a,
                                                   perencana_b):
    c = login(inspektur)
    c.post(BARU, _isi(kantor_a.laporan, teks="Bab I belum memuat isu strategis."))
    c.post(BARU, _isi(kantor_a.iku[1], teks="Sumber data IKU tidak jelas."))
    panel = reverse("laporan:catatan-panel")
    html = login(perencana_a).get(
        panel, {"objek": f"laporan.laporankinerja:{kantor_a.laporan.pk}"}).content.decode()
    assert "Bab I belum memuat isu strategis." in html and "Sumber data" not in html
    assert "Simpan catatan" not in html  # the office answers, it does not comment
    pa = login(perencana_a)
    pa.post(reverse("konteks-set"), {"tahun": "2019"})
    html = pa.get(panel, {"lingkup": "capaian"}).content.decode()
    assert "Sumber data IKU tidak jelas." in html and "isu strategis" not in html
    html = login(inspektur).get(
        panel, {"objek": f"laporan.laporankinerja:{kantor_a.laporan.pk}"}).content.decode()
    assert "Simpan catatan" in html
    assert login(perencana_b).get(
        panel, {"objek": f"laporan.laporankinerja:{kantor_a.laporan.pk}"}).status_code == 404
    # The pages load the panel.
    assert panel in login(perencana_a).get(
        reverse("laporan:lkjip-detail", args=[kantor_a.laporan.pk])).content.decode()
    assert panel in pa.get(reverse("kinerja:capaian")).content.decode()


def test_halaman_catatan(kantor_a, inspektur, perencana_a, perencana_b):
    c = _catatan(kantor_a, inspektur)
    url = reverse("laporan:catatan-detail", args=[c.pk])
    html = login(perencana_a).get(url).content.decode()
    assert "Data dukung realisasi" in html and "Tutup catatan" not in html
    assert "Tutup catatan" in login(inspektur).get(url).content.decode()
    assert login(perencana_b).get(url).status_code == 404
