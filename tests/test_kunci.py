"""Period locks: once an office's year is locked (its LKjIP approved) every write of its PK,
realisations, analyses and budget of that year is refused with the reason, and the
database does not change; edit controls are hidden; other years and offices stay open;
an administrator's unlock opens it again.

The mutating URLs come from the kinerja and anggaran view tests (`URL`, `UBAH`): a new
write view listed there is covered here too.
"""

from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from kinerja import services as kinerja_services
from kinerja.models import StatusPk
from sakip.kunci import pastikan_terbuka
from sakip.models import KunciPeriode
from tests.anggaran import conftest as ang
from tests.anggaran.test_views import UBAH
from tests.kinerja import conftest as kin
from tests.kinerja.test_views import URL, masuk

APPS = ("kinerja", "anggaran")


def jejak() -> dict[str, tuple[int, int]]:
    """Rows and history rows of every kinerja and anggaran table: any write moves it."""
    return {m._meta.label: (m.objects.count(), m.history.count())
            for m in apps.get_models() if m._meta.app_label in APPS
            and hasattr(m, "history") and not m.__name__.startswith("Historical")}


def kunci(opd, oleh, tahun=2019) -> KunciPeriode:
    return KunciPeriode.objects.create(opd=opd, tahun=tahun, sebab="LKjIP 2019 versi 1 disetujui",
                                       dikunci_oleh=oleh, dikunci_pada=timezone.now())


@pytest.fixture
def ns(renstra_a, perencana_a, renstra_b, perencana_b):
    a, b = kin.kantor(renstra_a), kin.kantor(renstra_b)
    return SimpleNamespace(a=a, pk=kin.pk_baru(a, perencana_a), b=b,
                           pk_b=kin.pk_baru(b, perencana_b))


def _siapkan(u, ns, perencana_a, kepala_a) -> None:
    if u.status in (StatusPk.DIAJUKAN, StatusPk.DISETUJUI):
        kinerja_services.pk_submit(pk=ns.pk, oleh=perencana_a)
    if u.status == StatusPk.DISETUJUI:
        kinerja_services.pk_approve(pk=ns.pk, oleh=kepala_a)


@pytest.mark.parametrize("u", URL, ids=[u.name for u in URL])
def test_kinerja_writes_refused_and_nothing_changes(u, ns, perencana_a, kepala_a, admin_user):
    _siapkan(u, ns, perencana_a, kepala_a)
    kunci(ns.a.renstra.opd, admin_user)
    sebelum = jejak()
    user = perencana_a if u.penulis == "perencana" else kepala_a
    r = masuk(user, ns.a.renstra.opd).post(u.alamat(ns), u.data(ns))
    assert r.status_code == 403, u.name
    assert "terkunci" in r.content.decode()
    assert jejak() == sebelum


@pytest.mark.parametrize("label", list(UBAH))
def test_anggaran_writes_refused_and_nothing_changes(label, renstra_a, perencana_a,
                                                    admin_user):
    k = ang.kantor(renstra_a)
    url, data, _ = UBAH[label]
    kunci(renstra_a.opd, admin_user)
    sebelum = jejak()
    r = ang.masuk(perencana_a).post(url(k), data(k))
    assert r.status_code == 403, label
    assert "terkunci" in r.content.decode()
    assert jejak() == sebelum


def test_pk_create_in_locked_year_refused(ns, perencana_a, admin_user):
    kunci(ns.a.renstra.opd, admin_user)
    with pytest.raises(PermissionDenied, match="terkunci"):
        kin.pk_baru(ns.a, perencana_a, tahun=2019)


def test_edit_controls_hidden_and_reason_shown(ns, perencana_a, kepala_a, admin_user):
    kinerja_services.pk_submit(pk=ns.pk, oleh=perencana_a)
    kinerja_services.pk_approve(pk=ns.pk, oleh=kepala_a)
    c = masuk(perencana_a, ns.a.renstra.opd)
    detail, grid_url = f"/kinerja/pk/{ns.pk.pk}/", "/kinerja/realisasi/?triwulan=4"
    assert "Buat PK perubahan" in c.get(detail).content.decode()
    assert f'name="r{ns.a.iku1.pk}-nilai"' in c.get(grid_url).content.decode()
    kunci(ns.a.renstra.opd, admin_user)
    assert "Buat PK perubahan" not in c.get(detail).content.decode()
    grid = c.get(grid_url).content.decode()
    assert f'name="r{ns.a.iku1.pk}-nilai"' not in grid and "terkunci sejak" in grid


def test_budget_pages_hide_controls_when_locked(renstra_a, perencana_a, admin_user):
    k = ang.kantor(renstra_a)
    c = ang.masuk(perencana_a)
    aksi = f"/anggaran/baris/{k.baris[0].pk}/"
    assert aksi in c.get("/anggaran/pagu/").content.decode()
    kunci(renstra_a.opd, admin_user)
    halaman = c.get("/anggaran/pagu/").content.decode()
    assert aksi not in halaman and "terkunci sejak" in halaman


def test_budget_create_in_locked_year_gives_the_lock_reason(renstra_a, perencana_a,
                                                            kepala_a, admin_user):
    kunci(renstra_a.opd, admin_user, tahun=2021)
    sebelum = jejak()
    r = ang.masuk(perencana_a, tahun=2021).post(reverse("anggaran:anggaran-create"))
    assert r.status_code == 403
    assert "terkunci sejak" in r.content.decode() and "Hanya perencana" not in r.content.decode()
    assert jejak() == sebelum
    # The wrong role still hears about the role.
    r = ang.masuk(kepala_a, tahun=2021).post(reverse("anggaran:anggaran-create"))
    assert r.status_code == 403 and "Hanya perencana" in r.content.decode()


def test_other_year_and_office_stay_open_unlock_reopens(ns, perencana_a, admin_user):
    k = kunci(ns.a.renstra.opd, admin_user)
    pastikan_terbuka(opd_id=ns.a.renstra.opd.pk, tahun=2020)
    pastikan_terbuka(opd_id=ns.b.renstra.opd.pk, tahun=2019)
    with pytest.raises(PermissionDenied):
        pastikan_terbuka(opd_id=ns.a.renstra.opd.pk, tahun=2019)
    k.dibuka_oleh, k.dibuka_pada, k.alasan_buka = admin_user, timezone.now(), "Koreksi"
    k.save()
    pastikan_terbuka(opd_id=ns.a.renstra.opd.pk, tahun=2019)
    u = next(u for u in URL if u.name == "realisasi-update")
    r = masuk(perencana_a, ns.a.renstra.opd).post(u.alamat(ns), u.data(ns))
    assert r.status_code == 302
