"""The home page: each office of the user with the year of the top bar (figures equal to the
office's own pages), what waits for the user by role, constant queries."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.models import StatusPk
from kinerja.selectors import capaian_dasbor
from laporan.beranda import beranda_dataset
from laporan.models import StatusLaporan
from sakip import catatan
from sakip.middleware import SESSION_TAHUN
from sakip.models import StatusCatatan
from tests.anggaran.conftest import kantor as kantor_anggaran
from tests.conftest import login
from tests.factories import OpdFactory, RenstraFactory, UserFactory

from .conftest import kantor_kecil

URL = reverse("beranda")


def _status(obj, status) -> None:
    """Put a document in a state directly (the workflow's own tests walk the transitions)."""
    type(obj).objects.filter(pk=obj.pk).update(status=status)


def _masuk(user, tahun: int = 2019):
    c = login(user)
    s = c.session
    s[SESSION_TAHUN] = tahun
    s.save()
    return c


@pytest.fixture
def dua_kantor(opd_a, opd_b):
    return kantor_kecil(opd_a, jumlah_iku=2), kantor_kecil(opd_b, jumlah_iku=1)


def test_perencana_melihat_kantornya_dengan_angka_dasbor(perencana_a, opd_a, dua_kantor):
    a, _ = dua_kantor
    kantor_anggaran(a.renstra)
    html = _masuk(perencana_a).get(URL).content.decode()
    d = capaian_dasbor(user=UserFactory(is_superuser=True), opd=opd_a, tahun=2019)
    assert "Dinas A" in html and "Dinas B" not in html
    assert d.rata_rata_teks in html and d.kategori in html
    assert f"{d.n} indikator sasaran" in html
    # The category is stated with the scale it comes from.
    assert f"{d.kategori}: capaian ≥ 91% pada skala Permendagri 86/2017" in html
    (kartu,) = beranda_dataset(user=perencana_a, tahun=2019).kartu
    assert kartu.ringkasan.serapan_teks in html and kartu.ringkasan.pagu is not None
    assert kartu.peran == "Perencana" and kartu.renstra_tahun == a.renstra
    assert [p.pk for p in kartu.pk] == [a.pk.pk]


def test_tahun_tanpa_renstra_menawarkan_tahun_renstra(perencana_a, dua_kantor):
    html = _masuk(perencana_a, 2026).get(URL).content.decode()
    assert "Tidak ada Renstra yang memuat tahun 2026" in html
    assert "Renstra yang ada: 2016–2021" in html
    assert 'name="tahun" value="2021"' in html and "Lihat tahun 2021" in html


def test_kepala_melihat_yang_menunggu_persetujuannya(kepala_a, perencana_a, dua_kantor):
    a, _ = dua_kantor
    _status(a.pk, StatusPk.DIAJUKAN)
    _status(a.laporan, StatusLaporan.DIAJUKAN)
    t = beranda_dataset(user=kepala_a, tahun=2019).tindakan
    assert [(x.teks, x.url) for x in t] == [
        ("PK awal 2019 menunggu persetujuan Anda.", reverse("kinerja:pk-detail", args=[a.pk.pk])),
        ("LKjIP 2019 menunggu persetujuan Anda.",
         reverse("laporan:lkjip-detail", args=[a.laporan.pk]))]
    html = _masuk(kepala_a).get(URL).content.decode()
    assert "Perlu tindakan Anda" in html and "menunggu persetujuan Anda" in html
    # The planner has nothing to approve.
    assert not [x for x in beranda_dataset(user=perencana_a, tahun=2019).tindakan
                if "persetujuan" in x.teks]


def test_perencana_melihat_dokumen_dikembalikan_dan_batas_lewat(perencana_a, kepala_a,
                                                                dua_kantor):
    a, _ = dua_kantor
    _status(a.pk, StatusPk.DIKEMBALIKAN)
    with time_machine.travel(dt.datetime(2020, 2, 10, 9, tzinfo=dt.UTC), tick=False):
        teks = [x.teks for x in beranda_dataset(user=perencana_a, tahun=2019).tindakan]
    assert teks == ["PK awal 2019 dikembalikan kepala: perbaiki, lalu ajukan lagi."]
    with time_machine.travel(dt.datetime(2020, 3, 2, 9, tzinfo=dt.UTC), tick=False):
        teks = [x.teks for x in beranda_dataset(user=perencana_a, tahun=2019).tindakan]
    assert teks[1] == "LKjIP 2019 belum diajukan, padahal batasnya 29 Februari 2020."
    _status(a.laporan, StatusLaporan.DIKEMBALIKAN)
    teks = [x.teks for x in beranda_dataset(user=perencana_a, tahun=2019).tindakan]
    assert "LKjIP 2019 dikembalikan kepala: perbaiki, lalu ajukan lagi." in teks
    # None of it is the kepala's to do.
    assert beranda_dataset(user=kepala_a, tahun=2019).tindakan == []


def test_catatan_reviu_menunggu_jawaban_lalu_ditutup(perencana_a, inspektur, dua_kantor):
    a, _ = dua_kantor
    c = catatan.catatan_create(objek=a.laporan, tahun=2019, teks="Lengkapi analisis.",
                               oleh=inspektur)
    (t,) = [x for x in beranda_dataset(user=perencana_a, tahun=2019).tindakan
            if "catatan" in x.teks]
    assert t.teks == "1 catatan reviu Inspektorat tahun 2019 menunggu jawaban."
    assert t.url == reverse("laporan:lkjip-detail", args=[a.laporan.pk])
    catatan.jawaban_create(catatan=c, teks="Sudah.", oleh=perencana_a, dari_kantor=True)
    assert c.__class__.objects.get(pk=c.pk).status == StatusCatatan.DIJAWAB
    assert not [x for x in beranda_dataset(user=perencana_a, tahun=2019).tindakan
                if "catatan" in x.teks]
    (t,) = beranda_dataset(user=inspektur, tahun=2019).tindakan
    assert t.teks == "1 catatan reviu tahun 2019 sudah dijawab: tanggapi atau tutup."
    assert t.opd == a.laporan.opd


def test_tindakan_berpindah_kantor_dan_tahun(perencana_a, inspektur, dua_kantor):
    """Each action opens its page with the office and year switched (konteks-set)."""
    a, _ = dua_kantor
    _status(a.laporan, StatusLaporan.DIKEMBALIKAN)
    html = _masuk(perencana_a).get(URL).content.decode()
    tujuan = reverse("laporan:lkjip-detail", args=[a.laporan.pk])
    assert f'name="next" value="{tujuan}"' in html
    assert f'action="{reverse("konteks-set")}"' in html and 'name="opd" value="dinas-a"' in html


def test_inspektorat_melihat_semua_kantor_pemda_dengan_kueri_tetap(inspektur, pemda):
    def kantor(n: int, awal: int) -> None:
        for i in range(awal, awal + n):
            opd = OpdFactory(pemda=pemda, nama=f"Dinas Uji {i:02d}", slug=f"dinas-uji-{i}")
            kantor_anggaran(kantor_kecil(opd, jumlah_iku=2, renstra=RenstraFactory(opd=opd))
                            .renstra)

    kantor(2, 0)
    c = _masuk(inspektur)
    c.get(URL)  # sessions, content types
    with CaptureQueriesContext(connection) as q2:
        r = c.get(URL)
    assert r.status_code == 200 and r.content.decode().count("kartu-opd") == 2
    kantor(3, 2)
    with CaptureQueriesContext(connection) as q5:
        r = c.get(URL)
    assert r.content.decode().count("kartu-opd") == 5
    assert len(q5) == len(q2)
    assert reverse("laporan:inspektorat") in r.content.decode()



def test_pk_terbaru_per_periode_walau_menunjuk_renstra_versi_lain(perencana_a, opd_a, dua_kantor):
    """A PK perubahan made after a Perubahan Renstra names the new Renstra version: the card
    shows it alone, not beside the PK awal of the same period."""
    from kinerja.models import PerjanjianKinerja

    a, _ = dua_kantor
    revisi = RenstraFactory(opd=opd_a, versi=1)
    baru = PerjanjianKinerja.objects.create(opd=opd_a, renstra=revisi, tahun=2019, versi=1,
                                            sebelumnya=a.pk)
    (kartu,) = beranda_dataset(user=perencana_a, tahun=2019).kartu
    assert kartu.pk == [baru]
