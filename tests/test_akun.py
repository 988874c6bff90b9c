"""Accounts (issue 7 §6): lockout after repeated failed logins, every page behind login
except the login page and /verifikasi/, security headers, no inline script anywhere."""

import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import SANDI

TERBUKA = {"login", "verifikasi"}


@pytest.fixture
def axes_aktif(settings):
    settings.AXES_ENABLED = True
    return settings


def _masuk(c: Client, sandi: str, alamat: str = "10.0.0.1"):
    return c.post(reverse("login"), {"username": "perencana_a", "password": sandi},
                  REMOTE_ADDR=alamat)


def test_akun_dikunci_setelah_gagal_berulang(axes_aktif, perencana_a):
    c = Client()
    for _ in range(django_settings.AXES_FAILURE_LIMIT - 1):
        assert _masuk(c, "salah").status_code == 200
    r = _masuk(c, "salah")
    assert r.status_code == 429 and "Terlalu banyak percobaan masuk" in r.content.decode()
    assert "15 menit" in r.content.decode()
    # Even the right password is refused now, from this address…
    assert _masuk(c, SANDI).status_code == 429
    assert "_auth_user_id" not in c.session
    # …but not from another one: a stranger cannot lock a colleague out.
    r = _masuk(Client(), SANDI, alamat="10.0.0.2")
    assert r.status_code == 302 and r.url == reverse("beranda")


def test_masuk_berhasil_menghapus_hitungan(axes_aktif, perencana_a):
    c = Client()
    for _ in range(django_settings.AXES_FAILURE_LIMIT - 1):
        _masuk(c, "salah")
    assert _masuk(c, SANDI).status_code == 302
    c.post(reverse("logout"))
    assert _masuk(c, "salah").status_code == 200  # counting starts again


def test_alamat_di_balik_proksi(settings, rf):
    from sakip.akun import alamat_klien

    req = rf.get("/", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9", REMOTE_ADDR="10.0.0.1")
    settings.PRODUCTION = False
    assert alamat_klien(req) == "10.0.0.1"
    settings.PRODUCTION = True
    assert alamat_klien(req) == "203.0.113.9"


def _pola(resolver=None, awalan=""):
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            if str(p.pattern).startswith("admin/"):
                continue
            yield from _pola(p, awalan + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield p, awalan + str(p.pattern)


def _contoh(rute: str) -> str:
    # Every converter gets a plausible value: the middleware answers before any lookup.
    return "/" + re.sub(r"<(?:(\w+):)?\w+>", lambda m: "1" if m.group(1) == "int" else "x", rute)


def test_setiap_halaman_butuh_masuk_kecuali_masuk_dan_verifikasi(db):
    c = Client()
    dibuka = []
    for p, rute in _pola():
        if p.name in TERBUKA:
            continue
        url = _contoh(rute)
        for metode in ("get", "post"):
            r = getattr(c, metode)(url)
            if r.status_code != 302 or not r.url.startswith(reverse("login")):
                dibuka.append((metode, url, r.status_code))
    assert dibuka == []
    assert c.get(reverse("login")).status_code == 200
    assert c.get(reverse("verifikasi")).status_code == 200


def test_admin_tetap_dapat_masuk(admin_user):
    c = Client()
    assert c.get("/admin/").status_code == 302
    r = c.get("/admin/login/")
    assert r.status_code == 200
    r = c.post("/admin/login/?next=/admin/", {"username": "admin", "password": SANDI})
    assert r.status_code == 302 and c.get("/admin/").status_code == 200


def test_header_keamanan(perencana_a):
    from tests.conftest import login

    r = login(perencana_a).get(reverse("beranda"))
    csp = r["Content-Security-Policy"]
    skrip = csp.split("script-src")[1].split(";")[0]
    assert skrip.strip() == "'self'"
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert r["X-Frame-Options"] == "DENY"
    assert r["X-Content-Type-Options"] == "nosniff"


def test_tidak_ada_skrip_inline_di_templat():
    """CSP refuses inline script: behaviour lives in static/js, asked for by data- attributes.
    Data for scripts goes through json_script (type="application/json", never executed)."""
    akar = Path(django_settings.BASE_DIR)
    temuan = []
    for f in [*akar.glob("templates/**/*.html"), *akar.glob("*/templates/**/*.html")]:
        if "/pdf/" in str(f):  # rendered by WeasyPrint, never served to a browser
            continue
        teks = f.read_text()
        temuan += [f"{f.relative_to(akar)}: {m.group(0)}" for m in re.finditer(
            r"\son[a-z]+\s*=|<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>|javascript:",
            teks)]
    assert temuan == []
