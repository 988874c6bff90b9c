"""Personas (Healthchecks' alice/bob/charlie): who is who in every view test.

- perencana_a, kepala_a: planning staff and head of office A
- perencana_b: planning staff of office B (same pemda) — must never see A's data
- inspektur: inspectorate reviewer with read access to the whole pemda
- admin: superuser (Bappeda / Bagian Organisasi)
"""

import pytest
from django.test import Client

from sakip.models import AksesPemda, Keanggotaan, Peran

from .factories import OpdFactory, PemdaFactory, RenstraFactory, UserFactory

SANDI = "rahasia-uji-123"


@pytest.fixture
def pemda(db):
    return PemdaFactory(nama="Kabupaten Contoh", slug="kab-contoh", ibukota="Contoh")


@pytest.fixture
def opd_a(pemda):
    return OpdFactory(pemda=pemda, nama="Dinas A", slug="dinas-a")


@pytest.fixture
def opd_b(pemda):
    return OpdFactory(pemda=pemda, nama="Dinas B", slug="dinas-b")


def _anggota(username, opd, peran):
    user = UserFactory(username=username)
    Keanggotaan.objects.create(user=user, opd=opd, peran=peran)
    return user


@pytest.fixture
def perencana_a(opd_a):
    return _anggota("perencana_a", opd_a, Peran.PERENCANA)


@pytest.fixture
def kepala_a(opd_a):
    return _anggota("kepala_a", opd_a, Peran.KEPALA)


@pytest.fixture
def perencana_b(opd_b):
    return _anggota("perencana_b", opd_b, Peran.PERENCANA)


@pytest.fixture
def inspektur(pemda):
    user = UserFactory(username="inspektur")
    AksesPemda.objects.create(user=user, pemda=pemda, peran=Peran.INSPEKTORAT)
    return user


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


@pytest.fixture
def renstra_a(opd_a):
    return RenstraFactory(opd=opd_a)


@pytest.fixture
def renstra_b(opd_b):
    return RenstraFactory(opd=opd_b)


def login(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def csrf_client_for():
    """A client that enforces CSRF like a browser does (the test client skips it by default)."""

    def make(user) -> Client:
        c = Client(enforce_csrf_checks=True)
        c.force_login(user)
        return c

    return make
