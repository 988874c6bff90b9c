"""PK workflow guards: the right role only (no administrator signs for an office), a
second simultaneous approval refused, the return note on the PK's timeline."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kinerja import services
from kinerja.models import PeristiwaPk, PerjanjianKinerja, StatusPk
from tests.conftest import login
from tests.kinerja.conftest import kantor, pk_baru


@pytest.fixture
def pk(renstra_a, perencana_a):
    pk = pk_baru(kantor(renstra_a), perencana_a)
    services.pk_submit(pk=pk, oleh=perencana_a)
    return pk


def test_only_the_head_approves(pk, admin_user, perencana_a, kepala_a):
    for user in (admin_user, perencana_a):
        with pytest.raises(PermissionDenied):
            services.pk_approve(pk=PerjanjianKinerja.objects.get(pk=pk.pk), oleh=user)
    url = reverse("kinerja:pk-approve", args=[pk.pk])
    assert login(admin_user).post(url).status_code == 403
    assert "Setujui</button>" not in login(admin_user).get(
        reverse("kinerja:pk-detail", args=[pk.pk])).content.decode()
    assert PerjanjianKinerja.objects.get(pk=pk.pk).status == StatusPk.DIAJUKAN
    assert login(kepala_a).post(url).status_code == 302
    assert PerjanjianKinerja.objects.get(pk=pk.pk).status == StatusPk.DISETUJUI


def test_second_simultaneous_approval_refused(pk, kepala_a):
    basi = PerjanjianKinerja.objects.get(pk=pk.pk)  # another tab, opened before the click
    services.pk_approve(pk=pk, oleh=kepala_a)
    with pytest.raises(PermissionDenied, match="baru saja diubah"):
        services.pk_approve(pk=basi, oleh=kepala_a)
    assert PeristiwaPk.objects.filter(perjanjian=pk, ke=StatusPk.DISETUJUI).count() == 1


def test_return_note_on_timeline(pk, kepala_a, perencana_a):
    login(kepala_a).post(reverse("kinerja:pk-return", args=[pk.pk]),
                         {"catatan": "Target IKU 2 belum sesuai Renstra."})
    html = login(perencana_a).get(reverse("kinerja:pk-detail", args=[pk.pk])).content.decode()
    assert "Target IKU 2 belum sesuai Renstra." in html and "Dikembalikan" in html
