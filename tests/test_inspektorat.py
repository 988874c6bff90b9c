"""Inspectorate dashboard (issue 7 §5): every office of the pemda, figures equal to each
office's own pages, constant queries, read-only drill-down; the review statement PDF."""

import hashlib
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from anggaran.selectors import anggaran_dataset
from kinerja import services as kinerja_services
from kinerja.models import BarisPk, PerjanjianKinerja, Realisasi, StatusPk
from kinerja.selectors import capaian_dasbor
from laporan import inspektorat
from laporan.alur import status_pelaporan
from laporan.models import LaporanKinerja, StatusLaporan
from sakip.models import AksesPemda, Opd, Peran, PernyataanReviu
from tests.anggaran.conftest import kantor as kantor_anggaran
from tests.conftest import login
from tests.factories import OpdFactory, RenstraFactory, UserFactory
from tests.kinerja.conftest import kantor as kantor_kinerja
from tests.kinerja.conftest import pk_baru
from tests.laporan.conftest import demo_dimuat, kantor_kecil, teks_pdf  # noqa: F401
from tests.laporan.test_perubahan_renstra import kantor_direvisi

URL = reverse("laporan:inspektorat")


def _kantor(pemda, n: int, jumlah_iku: int = 2, awal: int = 0):
    """`n` offices, each with computable IKU and a budget (whose extra IKU has no target)."""
    for i in range(awal, awal + n):
        opd = OpdFactory(pemda=pemda, nama=f"Dinas Uji {i:02d}", slug=f"dinas-uji-{i}")
        renstra = RenstraFactory(opd=opd)
        kantor_kecil(opd, jumlah_iku=jumlah_iku, renstra=renstra)
        kantor_anggaran(renstra)


# --- figures ------------------------------------------------------------------------------


@pytest.mark.usefixtures("demo_dimuat")
def test_angka_sama_dengan_halaman_setiap_kantor(db):
    """Mean capaian, its n and category, and serapan: exactly what the office's capaian
    dashboard and budget page show (demo: Malang, two periods in 2019, real budget)."""
    for opd in Opd.objects.filter(anggaran__isnull=False).distinct():
        for tahun in (2018, 2019, 2021):
            baris = {b.opd.pk: b for b in inspektorat.dasbor_inspektorat(
                pemda=opd.pemda, tahun=tahun).baris}[opd.pk]
            d = capaian_dasbor(user=UserFactory(is_superuser=True), opd=opd, tahun=tahun)
            assert (baris.capaian_teks, baris.n, baris.kategori) == (
                d.rata_rata_teks, d.n, d.kategori)
            iku = [b for g in d.bagian for k in g.sasaran for b in k.baris]
            assert sum(baris.per_kategori.values()) == len(iku)
            a = opd.anggaran.filter(tahun=tahun).first()
            if a is not None:
                belanja = anggaran_dataset(anggaran=a).belanja
                assert (baris.pagu, baris.realisasi) == (belanja.akhir, belanja.realisasi)
                assert baris.serapan_teks == d.aturan.persen(belanja.serapan)


def test_kategori_dan_status_laporan(pemda, opd_a, opd_b):
    k = kantor_kecil(opd_a, jumlah_iku=3)  # 84 of 80: 105 %, "Sangat Tinggi"
    d = inspektorat.dasbor_inspektorat(pemda=pemda, tahun=2019)
    a, b = (next(x for x in d.baris if x.opd == o) for o in (opd_a, opd_b))
    assert a.per_kategori["Sangat Tinggi"] == 3 and a.capaian_teks == "105,00%"
    assert a.laporan == k.laporan and a.laporan.status == StatusLaporan.DRAFT
    assert b.n == 0 and b.laporan is None and b.serapan_teks == "-"
    harap = status_pelaporan([(opd_a, 2019, k.laporan)])[0]
    assert (a.batas, a.terlambat) == (harap.batas_tampil, harap.terlambat)


@pytest.mark.parametrize("n", [1, 20])
def test_jumlah_kueri_tetap(pemda, n, django_assert_num_queries):
    _kantor(pemda, n)
    # offices, scale, Renstra, indicators, PK, PK rows, Renstra targets, realisations,
    # budgets and their three sums, reports, deadlines (2), comments, review statements
    with django_assert_num_queries(17):
        d = inspektorat.dasbor_inspektorat(pemda=pemda, tahun=2019)
    assert len(d.baris) == n and all(b.n == 2 and b.pagu for b in d.baris)


def test_setelah_perubahan_renstra_sama_dengan_dasbor_kantor(pemda, renstra_a, renstra_b,
                                                              perencana_a, kepala_a):
    """The PK signed before a Perubahan Renstra counts, not a draft on the revised Renstra
    (as on the office's capaian dashboard); offices with the same Renstra period keep
    their own PK."""
    k = kantor_direvisi(renstra_a, perencana_a, kepala_a)
    # Each office's PK target differs from its Renstra's: a PK lost shows in the mean.
    BarisPk.objects.filter(perjanjian=k.pk, indikator=k.iku1).update(target=Decimal("2.6"))
    draf = kinerja_services.pk_create(opd=k.baru.opd, renstra=k.baru, tahun=2019,
                                      oleh=perencana_a, pk=PerjanjianKinerja())
    kinerja_services.pk_target_update(pk=draf, oleh=perencana_a, isian={
        draf.baris.get(indikator=k.iku1_baru): {
            "target": Decimal("2.5"), "target_atas": None, "target_teks": "",
            "alasan_target": "Target Renstra perubahan", "triwulan": {}}})
    b = kantor_kinerja(renstra_b)
    pk_b = pk_baru(b, perencana_a)
    BarisPk.objects.filter(perjanjian=pk_b, indikator=b.iku1).update(target=Decimal("3"))
    PerjanjianKinerja.objects.filter(pk=pk_b.pk).update(status=StatusPk.DISETUJUI)
    Realisasi.objects.create(indikator=b.iku1, tahun=2019, triwulan=4, nilai=Decimal("2.8"))
    baris = {x.opd: x for x in inspektorat.dasbor_inspektorat(pemda=pemda, tahun=2019).baris}
    for opd, harap in ((renstra_a.opd, "188,85%"), (renstra_b.opd, "106,67%")):
        d = capaian_dasbor(user=UserFactory(is_superuser=True), opd=opd, tahun=2019)
        assert (baris[opd].capaian_teks, baris[opd].n) == (d.rata_rata_teks, d.n)
        assert d.rata_rata_teks == harap


# --- pages --------------------------------------------------------------------------------


def test_dasbor_untuk_inspektorat(inspektur, opd_a, opd_b):
    kantor_kecil(opd_a, jumlah_iku=1)
    r = login(inspektur).get(URL, {"tahun": 2019})
    html = r.content.decode()
    assert r.status_code == 200
    assert "Dinas A" in html and "Dinas B" in html and "2.019" not in html
    # Drill-down: a switch of the navbar office, then the office's read-only pages.
    assert f'value="{opd_b.slug}"' in html and reverse("konteks-set") in html


@pytest.mark.parametrize("persona", ["perencana_a", "kepala_a"])
def test_dasbor_bukan_untuk_kantor(request, persona):
    assert login(request.getfixturevalue(persona)).get(URL).status_code == 403


def test_dasbor_hanya_pemda_sendiri(inspektur, opd_a):
    lain = OpdFactory(nama="Dinas Kabupaten Lain")
    r = login(inspektur).get(URL, {"pemda": lain.pemda.slug})
    assert "Dinas Kabupaten Lain" not in r.content.decode()


def test_halaman_dasbor_kueri_tetap(pemda, inspektur):
    hitung = []
    for n in (1, 20):
        _kantor(pemda, n - len(hitung), awal=len(hitung))
        c = login(inspektur)
        with CaptureQueriesContext(connection) as q:
            assert c.get(URL, {"tahun": 2019}).status_code == 200
        hitung.append(len(q))
    assert hitung[0] == hitung[1]


# --- review statement ---------------------------------------------------------------------


@pytest.fixture
def lkjip_a(opd_a):
    lp = kantor_kecil(opd_a, jumlah_iku=1).laporan
    LaporanKinerja.objects.filter(pk=lp.pk).update(status=StatusLaporan.DIAJUKAN)
    lp.refresh_from_db()
    return lp


def _isian(**lain):
    return {"tempat": "Contoh", "tanggal": "2020-02-20", "nama": "Drs. Inspektur Uji",
            "jabatan": "Inspektur Kabupaten Contoh", "pangkat": "Pembina Utama Muda (IV/c)",
            "nip": "19680101 199003 1 004", **lain}


def test_pernyataan_telah_direviu(inspektur, lkjip_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    url = reverse("laporan:pernyataan-reviu", args=[lkjip_a.pk])
    c = login(inspektur)
    assert c.get(url).status_code == 200
    r = c.post(url, _isian())
    assert r.status_code == 302
    p = PernyataanReviu.objects.get()
    isi = p.berkas.read()
    assert hashlib.sha256(isi).hexdigest() == p.sha256 and isi.startswith(b"%PDF")
    teks = teks_pdf(isi)
    assert "PERNYATAAN TELAH DIREVIU" in teks and "Drs. Inspektur Uji" in teks
    assert "20 Februari 2020" in teks
    # The report itself is not touched; the same file comes back on every download.
    lkjip_a.refresh_from_db()
    assert lkjip_a.status == StatusLaporan.DIAJUKAN
    unduh = c.get(reverse("laporan:pernyataan-reviu-pdf", args=[lkjip_a.pk]))
    assert b"".join(unduh.streaming_content) == isi
    # Only once per report.
    c.post(url, _isian(nama="Orang Lain"))
    assert PernyataanReviu.objects.count() == 1


def test_pernyataan_izin(lkjip_a, inspektur, perencana_a, kepala_a, admin_user, perencana_b,
                         csrf_client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    url = reverse("laporan:pernyataan-reviu", args=[lkjip_a.pk])
    for u in (perencana_a, kepala_a, admin_user):
        assert login(u).post(url, _isian()).status_code == 403
    assert login(perencana_b).post(url, _isian()).status_code == 404
    assert csrf_client_for(inspektur).post(url, _isian()).status_code == 403
    assert PernyataanReviu.objects.count() == 0
    assert login(inspektur).put(url).status_code == 405


def test_pernyataan_ditolak_untuk_draf(inspektur, opd_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    lp = kantor_kecil(opd_a, jumlah_iku=1).laporan
    r = login(inspektur).post(reverse("laporan:pernyataan-reviu", args=[lp.pk]), _isian())
    assert r.status_code == 200 and "masih draf" in r.content.decode()
    assert PernyataanReviu.objects.count() == 0


def test_inspektorat_pemda_lain_tidak_melihat(lkjip_a):
    lain = UserFactory(username="inspektur_lain")
    AksesPemda.objects.create(user=lain, pemda=OpdFactory().pemda, peran=Peran.INSPEKTORAT)
    url = reverse("laporan:pernyataan-reviu", args=[lkjip_a.pk])
    assert login(lain).post(url, _isian()).status_code == 404
