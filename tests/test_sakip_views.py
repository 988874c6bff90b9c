"""Core pages: login and logout, the home page, the office/year switcher, error pages."""

import pytest
from django.test import Client
from django.urls import reverse

from sakip.middleware import SESSION_OPD, SESSION_TAHUN
from tests.conftest import SANDI, login
from tests.factories import RenstraFactory, UserFactory

# --- login and logout ---------------------------------------------------------------------

def test_halaman_masuk_berbahasa_indonesia(client, db):
    r = client.get(reverse("login"))
    html = r.content.decode()
    assert r.status_code == 200
    assert "Masuk ke SAKIP" in html and 'name="username"' in html and 'name="password"' in html


def test_halaman_membawa_ikon_yang_ada(client, db):
    """Without a linked icon every page asks for /favicon.ico: a 404 in the console."""
    import re

    from django.contrib.staticfiles import finders

    html = client.get(reverse("login")).content.decode()
    ikon = re.search(r'<link rel="icon"[^>]* href="/static/([^"]+)"', html)
    assert ikon and finders.find(ikon.group(1))


def test_sandi_salah_diberi_pesan(client, perencana_a):
    r = client.post(reverse("login"), {"username": "perencana_a", "password": "salah"})
    assert r.status_code == 200
    assert "Nama pengguna atau kata sandi salah." in r.content.decode()
    assert "_auth_user_id" not in client.session


def test_masuk_lalu_ke_halaman_yang_diminta(client, perencana_a):
    tujuan = reverse("renstra:renstra-list")
    r = client.post(f"{reverse('login')}?next={tujuan}",
                    {"username": "perencana_a", "password": SANDI, "next": tujuan})
    assert r.status_code == 302 and r.url == tujuan
    r = Client().post(reverse("login"), {"username": "perencana_a", "password": SANDI})
    assert r.url == reverse("beranda")


def test_masuk_tidak_mengalihkan_ke_situs_lain(client, perencana_a):
    r = client.post(reverse("login"), {"username": "perencana_a", "password": SANDI,
                                       "next": "https://contoh.invalid/"})
    assert r.url == reverse("beranda")


def test_keluar_hanya_lewat_post(perencana_a):
    c = login(perencana_a)
    assert c.get(reverse("logout")).status_code == 405
    r = c.post(reverse("logout"))
    assert r.url == reverse("login")
    assert c.get(reverse("beranda")).status_code == 302


# --- home page ----------------------------------------------------------------------------

def test_beranda_anonim_ke_halaman_masuk(client, db):
    r = client.get(reverse("beranda"))
    assert r.url == f"{reverse('login')}?next=/"


@pytest.mark.parametrize(("persona", "tampil", "tidak", "peran"), [
    ("perencana_a", ["Dinas A"], ["Dinas B"], "Perencana"),
    ("kepala_a", ["Dinas A"], ["Dinas B"], "Kepala Perangkat Daerah"),
    ("perencana_b", ["Dinas B"], ["Dinas A"], "Perencana"),
    ("inspektur", ["Dinas A", "Dinas B"], [], "Inspektorat (APIP) · seluruh pemda"),
    ("admin_user", ["Dinas A", "Dinas B"], [], "Administrator"),
])
def test_beranda_menampilkan_kantor_dan_peran(request, opd_a, opd_b, persona, tampil, tidak,
                                              peran):
    html = login(request.getfixturevalue(persona)).get(reverse("beranda")).content.decode()
    for nama in tampil:
        assert f'<h2 class="h6 mt-1 mb-0">{nama}</h2>' in html
    for nama in tidak:
        assert f'<h2 class="h6 mt-1 mb-0">{nama}</h2>' not in html
        assert f">{nama}</option>" not in html
    assert peran in html


def test_beranda_tanpa_kantor(db):
    html = login(UserFactory(username="baru")).get(reverse("beranda")).content.decode()
    assert "belum terdaftar di perangkat daerah mana pun" in html


# --- office and year switcher -------------------------------------------------------------

def test_ganti_kantor_dan_tahun(inspektur, opd_a, opd_b):
    c = login(inspektur)
    RenstraFactory(opd=opd_b, tahun_awal=2019, tahun_akhir=2024, tahun_kondisi_awal=2018)
    r = c.post(reverse("konteks-set"), {"opd": "dinas-b", "tahun": "2019",
                                        "next": reverse("renstra:renstra-list")})
    assert r.url == reverse("renstra:renstra-list")
    assert (c.session[SESSION_OPD], c.session[SESSION_TAHUN]) == (opd_b.pk, 2019)
    html = c.get(r.url).content.decode()
    assert "Rencana Strategis — Dinas B" in html
    assert "2019–2024" in html
    assert '<option value="2019" selected>2019</option>' in html


def test_ganti_ke_kantor_lain_404(perencana_a, opd_b):
    c = login(perencana_a)
    r = c.post(reverse("konteks-set"), {"opd": "dinas-b", "next": "/"})
    assert r.status_code == 404
    assert SESSION_OPD not in c.session


def test_ganti_konteks_hanya_post(perencana_a):
    assert login(perencana_a).get(reverse("konteks-set")).status_code == 405


def test_ganti_konteks_anonim_ke_halaman_masuk(client, opd_a):
    r = client.post(reverse("konteks-set"), {"opd": "dinas-a"})
    assert r.url.startswith(reverse("login"))


@pytest.mark.parametrize("tahun", ["abc", "1999", "2101", "-2019", ""])
def test_tahun_tidak_sah_diabaikan(perencana_a, tahun):
    c = login(perencana_a)
    assert c.post(reverse("konteks-set"), {"tahun": tahun}).status_code == 302
    assert SESSION_TAHUN not in c.session


@pytest.mark.parametrize("nxt", ["https://contoh.invalid/", "//contoh.invalid/x", ""])
def test_ganti_konteks_tidak_mengalihkan_ke_situs_lain(perencana_a, nxt):
    r = login(perencana_a).post(reverse("konteks-set"), {"tahun": "2020", "next": nxt})
    assert r.url == "/"


def test_csrf_ditegakkan_saat_ganti_konteks(csrf_client_for, inspektur, opd_b):
    c = csrf_client_for(inspektur)
    r = c.post(reverse("konteks-set"), {"opd": "dinas-b", "next": "/"})
    assert r.status_code == 403
    assert "belum ada yang disimpan" in r.content.decode()
    assert SESSION_OPD not in c.session
    c.get(reverse("beranda"))
    token = c.cookies["csrftoken"].value
    r = c.post(reverse("konteks-set"), {"opd": "dinas-b", "csrfmiddlewaretoken": token})
    assert r.status_code == 302
    assert c.session[SESSION_OPD] == opd_b.pk


def test_kantor_yang_tidak_lagi_boleh_dibaca_tidak_dipakai(perencana_a, opd_a, opd_b):
    c = login(perencana_a)
    sesi = c.session
    sesi[SESSION_OPD] = opd_b.pk
    sesi.save()
    html = c.get(reverse("renstra:renstra-list")).content.decode()
    assert "Rencana Strategis — Dinas A" in html
    assert "Dinas B" not in html


# --- error pages --------------------------------------------------------------------------

def test_halaman_404_berbahasa_indonesia(perencana_a):
    r = login(perencana_a).get(reverse("renstra:renstra-detail", args=[987654]))
    assert r.status_code == 404
    assert "Halaman tidak ditemukan" in r.content.decode()


def test_halaman_403_menyebut_alasan(kepala_a, renstra_a):
    r = login(kepala_a).get(reverse("renstra:renstra-update", args=[renstra_a.pk]))
    assert r.status_code == 403
    assert "Hanya perencana perangkat daerah ini yang dapat mengubah Renstra." in (
        r.content.decode())


@pytest.mark.parametrize(("persona", "status"), [
    ("perencana_a", 302), ("kepala_a", 302), ("inspektur", 302), ("admin_user", 200)])
def test_administrasi_hanya_untuk_admin(request, persona, status):
    r = login(request.getfixturevalue(persona)).get(reverse("admin:index"))
    assert r.status_code == status
    if status == 302:
        assert r.url.startswith(reverse("admin:login"))
