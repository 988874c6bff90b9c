"""Notifications: created by the events themselves (PK and LKjIP status changes, review
comments and answers), e-mailed to whoever has an address, read through the bell."""

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from kinerja import services as kinerja_services
from laporan import services as laporan_services
from sakip import catatan
from sakip.models import Notifikasi
from tests.conftest import login
from tests.kinerja.conftest import kantor, pk_baru
from tests.laporan.conftest import kantor_kecil


def _untuk(user):
    return list(Notifikasi.objects.filter(user=user).values_list("judul", flat=True))


@pytest.fixture
def pk_a(renstra_a, perencana_a):
    return pk_baru(kantor(renstra_a), perencana_a)


def test_alur_pk_memberi_tahu_yang_bertindak(pk_a, perencana_a, kepala_a, perencana_b,
                                             django_capture_on_commit_callbacks):
    kepala_a.email = "kepala@contoh.go.id"
    kepala_a.save()
    with django_capture_on_commit_callbacks(execute=True):
        kinerja_services.pk_submit(pk=pk_a, oleh=perencana_a)
    assert _untuk(kepala_a) == ["Perjanjian Kinerja 2019 Dinas A diajukan"]
    assert _untuk(perencana_a) == [] and _untuk(perencana_b) == []
    assert [m.to for m in mail.outbox] == [["kepala@contoh.go.id"]]
    assert reverse("kinerja:pk-detail", args=[pk_a.pk]) in mail.outbox[0].body
    kinerja_services.pk_return(pk=pk_a, catatan="Target IKU 2 terlalu rendah.", oleh=kepala_a)
    n = Notifikasi.objects.get(user=perencana_a)
    assert n.judul.endswith("dikembalikan") and "Target IKU 2 terlalu rendah." in n.teks
    kinerja_services.pk_submit(pk=pk_a, oleh=perencana_a)
    kinerja_services.pk_approve(pk=pk_a, oleh=kepala_a)
    assert _untuk(perencana_a)[0].endswith("disetujui")
    assert len(mail.outbox) == 1  # nobody else has an address


def test_alur_lkjip_memberi_tahu(opd_a, perencana_a, kepala_a):
    laporan = kantor_kecil(opd_a, jumlah_iku=1).laporan
    laporan_services.laporan_submit(laporan=laporan, oleh=perencana_a)
    assert _untuk(kepala_a) == ["LKjIP 2019 Dinas A diajukan"]
    laporan_services.laporan_return(laporan=laporan, catatan="Lengkapi Bab I.", oleh=kepala_a)
    assert "Lengkapi Bab I." in Notifikasi.objects.get(user=perencana_a).teks


def test_catatan_dan_jawaban_memberi_tahu(opd_a, inspektur, perencana_a, kepala_a,
                                          perencana_b):
    laporan = kantor_kecil(opd_a, jumlah_iku=1).laporan
    c = catatan.catatan_create(objek=laporan, tahun=2019, teks="Lengkapi data dukung.",
                               oleh=inspektur)
    assert _untuk(perencana_a) == _untuk(kepala_a) == ["Catatan reviu baru: LKjIP 2019"]
    assert _untuk(inspektur) == [] and _untuk(perencana_b) == []
    url = Notifikasi.objects.get(user=perencana_a).url
    assert url == reverse("laporan:catatan-detail", args=[c.pk])
    catatan.jawaban_create(catatan=c, teks="Sudah.", oleh=perencana_a, dari_kantor=True)
    assert _untuk(inspektur) == ["Jawaban atas catatan reviu: LKjIP 2019"]
    assert len(_untuk(kepala_a)) == 1  # the office is not told about its own answer
    catatan.jawaban_create(catatan=c, teks="Belum lengkap.", oleh=inspektur, dari_kantor=False)
    assert _untuk(kepala_a)[0] == "Tanggapan peninjau: LKjIP 2019"


def test_peristiwa_yang_dibatalkan_tidak_memberi_tahu(pk_a, perencana_a, kepala_a):
    with pytest.raises(RuntimeError), transaction.atomic():
        kinerja_services.pk_submit(pk=pk_a, oleh=perencana_a)
        raise RuntimeError
    assert _untuk(kepala_a) == []


# --- the bell ------------------------------------------------------------------------------


@pytest.fixture
def dua(perencana_a, perencana_b):
    a = Notifikasi.objects.create(user=perencana_a, judul="Untuk A", url="/kinerja/pk/")
    b = Notifikasi.objects.create(user=perencana_b, judul="Untuk B")
    return a, b


def test_lonceng_dan_daftar(dua, perencana_a):
    c = login(perencana_a)
    assert "1" in c.get(reverse("notifikasi-jumlah")).content.decode()
    html = c.get(reverse("notifikasi-list")).content.decode()
    assert "Untuk A" in html and "Untuk B" not in html
    assert reverse("notifikasi-jumlah") in c.get(reverse("beranda")).content.decode()


def test_tandai_dibaca(dua, perencana_a, perencana_b, csrf_client_for):
    a, b = dua
    url = reverse("notifikasi-baca", args=[a.pk])
    assert login(perencana_a).get(url).status_code == 405
    assert csrf_client_for(perencana_a).post(url).status_code == 403
    assert login(perencana_b).post(url).status_code == 404
    a.refresh_from_db()
    assert not a.dibaca
    r = login(perencana_a).post(url)
    assert r.status_code == 302 and r.url == "/kinerja/pk/"
    a.refresh_from_db()
    assert a.dibaca
    assert login(perencana_a).get(reverse("notifikasi-jumlah")).content.strip() == b""
    semua = reverse("notifikasi-baca-semua")
    assert login(perencana_b).get(semua).status_code == 405
    login(perencana_b).post(semua)
    b.refresh_from_db()
    assert b.dibaca


def test_url_luar_tidak_diikuti(perencana_a):
    n = Notifikasi.objects.create(user=perencana_a, judul="x", url="https://contoh.invalid/")
    r = login(perencana_a).post(reverse("notifikasi-baca", args=[n.pk]))
    assert r.url == reverse("notifikasi-list")
