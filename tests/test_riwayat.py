"""Riwayat perubahan: who changed what, when, old → new, and why; per office and year
(filters, pages of constant query count) and per object; imports as one event."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from kinerja import services
from laporan.models import LogImpor
from sakip import audit
from sakip.middleware import SESSION_TAHUN
from tests.conftest import login
from tests.kinerja.conftest import kantor, pk_baru

URL = reverse("riwayat-opd")


def _realisasi(k, user, nilai, tw=4, tahun=2019):
    services.realisasi_update(indikator=k.iku1, tahun=tahun, triwulan=tw, nilai=Decimal(nilai),
                              nilai_teks="", pembilang=None, penyebut=None, bukti_catatan="",
                              bukti_file=None, hapus_file=False, oleh=user)


@pytest.fixture
def kin_a(renstra_a):
    return kantor(renstra_a)


def _klien(user, tahun=2019):
    c = login(user)
    s = c.session
    s[SESSION_TAHUN] = tahun
    s.save()
    return c


def test_perubahan_realisasi_lama_ke_baru(kin_a, perencana_a, kepala_a):
    _realisasi(kin_a, perencana_a, "2.5")
    _realisasi(kin_a, perencana_a, "2.66")
    r = _klien(kepala_a).get(URL, {"grup": "realisasi"})
    assert r.status_code == 200
    p = r.context["hasil"].peristiwa
    assert [x.tipe for x in p] == ["diubah", "dibuat"]
    assert p[0].oleh == "perencana_a" and p[0].alasan == "Realisasi 2019 TW 4"
    assert [(c.kolom, c.lama, c.baru) for c in p[0].perubahan] == [("nilai", "2,5", "2,66")]
    assert "Persentase Koperasi Rehabilitasi" in p[0].label
    html = r.content.decode()
    assert "2,5" in html and "2,66" in html and "2.019" not in html


def test_saringan_pengguna_tanggal_jenis_tahun(kin_a, perencana_a, kepala_a, inspektur):
    pk = pk_baru(kin_a, perencana_a)
    services.pk_submit(pk=pk, oleh=perencana_a)
    services.pk_return(pk=pk, catatan="Perbaiki target.", oleh=kepala_a)
    _realisasi(kin_a, perencana_a, "2.7", tahun=2018)
    c = _klien(inspektur)
    semua = c.get(URL).context["hasil"].peristiwa
    assert {"perencana_a", "kepala_a"} <= {p.oleh for p in semua}
    assert all(p.jenis != "realisasi" for p in semua)  # 2018 is another year
    assert any(p.jenis == "realisasi" for p in c.get(URL, {"tahun": 2018}).context[
        "hasil"].peristiwa)
    oleh_kepala = c.get(URL, {"oleh": kepala_a.pk}).context["hasil"].peristiwa
    assert oleh_kepala and {p.oleh for p in oleh_kepala} == {"kepala_a"}
    assert any(p.alasan == "Perbaiki target." for p in oleh_kepala)
    pk_saja = c.get(URL, {"grup": "pk"}).context["hasil"].peristiwa
    assert pk_saja and {p.jenis_label.split(".")[0] for p in pk_saja} == {"kinerja"}
    besok = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    assert c.get(URL, {"dari": besok}).context["hasil"].peristiwa == []
    assert c.get(URL, {"sampai": besok}).context["hasil"].peristiwa


def test_kantor_lain_tidak_terlihat(kin_a, renstra_b, perencana_a, perencana_b):
    _realisasi(kin_a, perencana_a, "2.5")
    assert _klien(perencana_b).get(URL, {"grup": "realisasi"}).context[
        "hasil"].peristiwa == []
    r = kin_a.iku1.realisasi.get()
    url = reverse("riwayat-objek", args=["kinerja.realisasi", r.pk])
    assert login(perencana_b).get(url).status_code == 404
    assert login(perencana_a).get(url).status_code == 200
    assert login(perencana_a).get(
        reverse("riwayat-objek", args=["auth.user", perencana_a.pk])).status_code == 404


def test_riwayat_objek_indikator_dengan_target_dan_realisasi(kin_a, perencana_a, kepala_a):
    _realisasi(kin_a, perencana_a, "2.5")
    url = reverse("riwayat-objek", args=["renstra.indikator", kin_a.iku1.pk])
    p = login(kepala_a).get(url).context["hasil"].peristiwa
    jenis = {x.jenis for x in p}
    assert {"indikator", "target Renstra", "realisasi"} <= jenis
    assert all("legalitas" not in x.label for x in p)  # IKU 2's rows are not IKU 1's


@pytest.mark.parametrize("objek", ["pk", "lkjip", "baris_anggaran"])
def test_tautan_riwayat_dari_halaman_objek(objek, kin_a, perencana_a, opd_a):
    from tests.anggaran.conftest import kantor as kantor_anggaran
    from tests.laporan.conftest import kantor_kecil

    c = _klien(perencana_a)
    if objek == "pk":
        pk = pk_baru(kin_a, perencana_a)
        html = c.get(reverse("kinerja:pk-detail", args=[pk.pk])).content.decode()
        url = reverse("riwayat-objek", args=["kinerja.perjanjiankinerja", pk.pk])
    elif objek == "lkjip":
        lp = kantor_kecil(opd_a, jumlah_iku=1, tahun=2020, renstra=kin_a.renstra).laporan
        html = c.get(reverse("laporan:lkjip-detail", args=[lp.pk])).content.decode()
        url = reverse("riwayat-objek", args=["laporan.laporankinerja", lp.pk])
    else:
        baris = kantor_anggaran(kin_a.renstra).baris[0]
        html = c.get(reverse("anggaran:pagu")).content.decode()
        url = reverse("riwayat-objek", args=["anggaran.barisanggaran", baris.pk])
    assert url in html
    assert c.get(url).status_code == 200


def test_impor_satu_peristiwa_dengan_hash(kin_a, perencana_a, kepala_a, opd_a):
    LogImpor.objects.create(opd=opd_a, tahun=2019, oleh=perencana_a, nama_file="dinas-a.xlsx",
                            sha256="ab" * 32, jumlah_baru=3, diterapkan=True)
    LogImpor.objects.create(opd=opd_a, tahun=2019, oleh=perencana_a, nama_file="cek.xlsx",
                            sha256="cd" * 32, diterapkan=False)
    r = _klien(kepala_a).get(URL, {"grup": "impor"})
    p = r.context["hasil"].peristiwa
    assert [(x.tipe, x.sha256) for x in p] == [("impor", "ab" * 32)]
    assert "dinas-a.xlsx" in p[0].label and "ab" * 32 in r.content.decode()


def test_halaman_bernomor(kin_a, perencana_a, kepala_a):
    for tw in (1, 2, 3, 4):
        for n in range(8):
            _realisasi(kin_a, perencana_a, f"{n}.5", tw=tw)
    c = _klien(kepala_a)
    h1 = c.get(URL, {"grup": "realisasi"}).context["hasil"]
    h2 = c.get(URL, {"grup": "realisasi", "hal": 2}).context["hasil"]
    assert h1.halaman.paginator.count == 32 and len(h1.peristiwa) == audit.PER_HALAMAN
    assert len(h2.peristiwa) == 32 - audit.PER_HALAMAN
    assert h1.peristiwa[-1].waktu >= h2.peristiwa[0].waktu


@pytest.mark.parametrize("n", [1, 20])
def test_jumlah_kueri_tetap(kin_a, perencana_a, kepala_a, n, django_assert_num_queries):
    _realisasi(kin_a, perencana_a, "0.1")
    for i in range(n):
        _realisasi(kin_a, perencana_a, f"{i}.5")
    c = _klien(kepala_a)
    # Session, user, office, role check (2), users of the filter, count, page, records and
    # predecessors of the one kind on the page, indicator names, users, session save (3).
    with django_assert_num_queries(15):
        r = c.get(URL, {"grup": "realisasi"})
    assert len(r.context["hasil"].peristiwa) == n + 1
