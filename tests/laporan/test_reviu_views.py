"""Pages of the automatic review: who reads them (another office 404), who acknowledges a
finding (wrong role 403, POST only, CSRF), the pemda-wide summary, and a page whose queries
do not grow with the office."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from laporan.models import PengakuanTemuan
from laporan.reviu import periksa
from sakip.middleware import SESSION_OPD, SESSION_TAHUN
from tests.conftest import login

from .conftest import kantor_kecil

TAHUN = 2019
ALASAN = "Dokumen lama, diperbaiki pada versi berikutnya."


@pytest.fixture
def kantor(opd_a):
    return kantor_kecil(opd_a, jumlah_iku=1)


def _url(nama="reviu", slug="dinas-a"):
    return reverse(f"laporan:{nama}", args=[slug, TAHUN])


def _temuan(kantor):
    """A finding of office A to acknowledge (its LKjIP sections are still empty)."""
    return next(t for t in periksa(opd=kantor.renstra.opd, tahun=TAHUN)
                if t.aturan == "laporan-bagian-kosong")


def test_halaman_dibaca_perencana_kepala_inspektorat(kantor, perencana_a, kepala_a, inspektur):
    for user in (perencana_a, kepala_a, inspektur):
        r = login(user).get(_url())
        assert r.status_code == 200
        isi = r.content.decode()
        assert "Pemeriksaan Konsistensi — Dinas A Tahun 2019" in isi
        assert "Bagian “Penutup” LKjIP 2019 masih kosong" in isi
        assert ("Akui temuan ini" in isi) == (user != inspektur)
        assert ("Ringkasan seluruh pemda" in isi) == (user == inspektur)


def test_kantor_lain_404(kantor, perencana_b):
    c = login(perencana_b)
    assert c.get(_url()).status_code == 404
    assert c.get(_url("reviu-ringkas")).status_code == 404
    assert c.post(_url("reviu-akui"), {"kode": _temuan(kantor).kode,
                                       "alasan": ALASAN}).status_code == 404
    assert not PengakuanTemuan.objects.exists()


def test_akui_oleh_perencana_tercatat_di_riwayat(kantor, perencana_a):
    t = _temuan(kantor)
    r = login(perencana_a).post(_url("reviu-akui"), {"kode": t.kode, "alasan": ALASAN})
    assert r.status_code == 302 and r["Location"] == f"{_url()}#{t.jangkar}"
    p = PengakuanTemuan.objects.get()
    assert (p.kode_temuan, p.kunci_objek, p.alasan, p.oleh) == (
        "laporan-bagian-kosong", t.kunci, ALASAN, perencana_a)
    assert p.history.get().history_user == perencana_a
    # Acknowledged findings stay listed, marked, with the reason.
    isi = login(perencana_a).get(_url()).content.decode()
    assert t.judul in isi and ALASAN in isi and ">Diakui<" in isi


def test_akui_oleh_kepala(kantor, kepala_a):
    t = _temuan(kantor)
    assert login(kepala_a).post(_url("reviu-akui"), {"kode": t.kode,
                                                     "alasan": ALASAN}).status_code == 302
    assert PengakuanTemuan.objects.get().oleh == kepala_a


def test_inspektorat_tidak_mengakui_403(kantor, inspektur):
    r = login(inspektur).post(_url("reviu-akui"), {"kode": _temuan(kantor).kode,
                                                   "alasan": ALASAN})
    assert r.status_code == 403
    assert not PengakuanTemuan.objects.exists()


def test_akui_hanya_post(kantor, perencana_a):
    assert login(perencana_a).get(_url("reviu-akui")).status_code == 405


def test_akui_tanpa_alasan_atau_temuan_lama_tidak_menyimpan(kantor, perencana_a):
    c = login(perencana_a)
    t = _temuan(kantor)
    r = c.post(_url("reviu-akui"), {"kode": t.kode, "alasan": "ok"}, follow=True)
    assert "paling sedikit 10 huruf" in r.content.decode()
    r = c.post(_url("reviu-akui"), {"kode": "narasi-angka:tidak-ada", "alasan": ALASAN},
               follow=True)
    assert "Temuan itu tidak ada lagi" in r.content.decode()
    assert not PengakuanTemuan.objects.exists()


def test_akui_memerlukan_token_csrf(kantor, perencana_a, csrf_client_for):
    c = csrf_client_for(perencana_a)
    t = _temuan(kantor)
    assert c.post(_url("reviu-akui"), {"kode": t.kode, "alasan": ALASAN}).status_code == 403
    halaman = c.get(_url()).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', halaman)[1]
    r = c.post(_url("reviu-akui"), {"kode": t.kode, "alasan": ALASAN,
                                    "csrfmiddlewaretoken": token})
    assert r.status_code == 302 and PengakuanTemuan.objects.count() == 1


def _klien(user, opd):
    c = login(user)
    s = c.session
    s[SESSION_OPD], s[SESSION_TAHUN] = opd.pk, TAHUN
    s.save()
    return c


def test_dari_menu_ke_kantor_dan_tahun_aktif(kantor, perencana_a, opd_a):
    r = _klien(perencana_a, opd_a).get(reverse("laporan:reviu-index"))
    assert r.status_code == 302 and r["Location"] == _url()


def test_ringkasan_pemda_untuk_inspektorat(kantor, inspektur, opd_a, opd_b):
    c = _klien(inspektur, opd_a)
    isi = c.get(reverse("laporan:reviu-pemda", args=[TAHUN])).content.decode()
    assert "Dinas A" in isi and "Dinas B" in isi
    assert _url("reviu-ringkas") in isi  # each row loads its own counts
    baris = c.get(_url("reviu-ringkas")).content.decode()
    jumlah = [int(n) for n in re.findall(r">(\d+)<", baris)]
    temuan = periksa(opd=opd_a, tahun=TAHUN)
    assert jumlah == [sum(t.tingkat == x for t in temuan) for x in ("galat", "peringatan",
                                                                     "info")] + [0]


def test_ringkasan_pemda_bukan_untuk_perencana(kantor, perencana_a, opd_a):
    r = _klien(perencana_a, opd_a).get(reverse("laporan:reviu-pemda", args=[TAHUN]))
    assert r.status_code == 403


def test_tanpa_login_diarahkan_masuk(kantor):
    r = Client().get(_url())
    assert r.status_code == 302 and "/masuk/" in r["Location"]


def test_kueri_halaman_tidak_tumbuh(opd_a, opd_b, perencana_a, perencana_b,
                                    django_assert_num_queries):
    kantor_kecil(opd_a, jumlah_iku=1)
    kantor_kecil(opd_b, jumlah_iku=20)
    c_a, c_b = login(perencana_a), login(perencana_b)
    c_a.get(_url()), c_b.get(_url(slug="dinas-b"))  # sessions and caches warmed alike
    with CaptureQueriesContext(connection) as satu:
        assert c_a.get(_url()).status_code == 200
    with django_assert_num_queries(len(satu.captured_queries)):
        assert c_b.get(_url(slug="dinas-b")).status_code == 200
