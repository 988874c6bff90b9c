"""Bad input gets a clear Indonesian message and saves nothing; realisasi above pagu is
saved but flagged; a quarter is entered as one figure or per month, never both."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from anggaran import services
from anggaran.models import BarisAnggaran, PosAnggaran, RealisasiAnggaran
from anggaran.selectors import Periode
from tests.factories import KegiatanFactory

from .conftest import jejak, masuk

HTMX = {"HTTP_HX_REQUEST": "true"}


def _simpan_baris(c, baris, **data):
    url = reverse("anggaran:baris-update", args=[baris.pk])
    return c.post(url, {"kelompok": baris.kelompok_id, **data}, **HTMX)


@pytest.mark.parametrize(("isian", "pesan"), [
    ("-1.000", "Nilai tidak boleh kurang dari 0."),
    ("1.000,123", "Paling banyak 2 angka di belakang koma."),
    ("satu juta", "&#x27;satu juta&#x27; bukan angka"),
    ("1,000.50", "memakai format Inggris"),
    ("", "Bidang ini tidak boleh kosong."),
])
def test_pagu_salah_ditolak_dengan_pesan_dan_tidak_disimpan(perencana_a, ang_a, isian, pesan):
    baris = ang_a.baris[0]
    sebelum = jejak()
    r = _simpan_baris(masuk(perencana_a), baris, pagu_murni=isian)
    html = r.content.decode()
    # htmx swaps 2xx only: the row comes back with the message and the text as typed.
    assert r.status_code == 200
    assert "tidak disimpan" in html and pesan.lower() in html.lower()
    assert f'value="{isian}"' in html.replace("&#x27;", "'") or not isian
    assert jejak() == sebelum
    assert BarisAnggaran.objects.get(pk=baris.pk).pagu_murni == Decimal("1000000.00")


def test_pagu_tersimpan_kembali_berformat_indonesia(perencana_a, ang_a):
    r = _simpan_baris(masuk(perencana_a), ang_a.baris[0], pagu_murni="1234567,8",
                      pagu_perubahan="1.500.000")
    html = r.content.decode()
    assert "tersimpan" in html and 'value="1.234.567,80"' in html
    b = BarisAnggaran.objects.get(pk=ang_a.baris[0].pk)
    assert (b.pagu_murni, b.pagu_perubahan, b.pagu) == (
        Decimal("1234567.80"), Decimal("1500000"), Decimal("1500000"))
    # The program row and the grand total come along (out-of-band) with the new sums.
    assert 'hx-swap-oob="true"' in html and "Rp 3.534.567,80" in html


def test_model_menolak_pagu_negatif_dan_lebih_dari_dua_desimal(ang_a):
    b = ang_a.baris[0]
    b.pagu_murni = Decimal("-1")
    with pytest.raises(ValidationError):
        b.full_clean()
    b.pagu_murni = Decimal("1.005")
    with pytest.raises(ValidationError):
        b.full_clean()


def test_basis_data_menolak_pagu_negatif(ang_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        BarisAnggaran.objects.filter(pk=ang_a.baris[0].pk).update(pagu_murni=Decimal("-1"))


def test_kegiatan_kantor_lain_ditolak(perencana_a, ang_a, ang_b):
    sebelum = jejak()
    r = masuk(perencana_a).post(reverse("anggaran:baris-create", args=[ang_a.anggaran.pk]), {
        "kegiatan": ang_b.kegiatan2.pk, "kelompok": ang_a.bl.pk, "pagu_murni": "1.000"})
    assert r.status_code == 200
    assert ("Pilihan ini tidak ada dalam Renstra perangkat daerah ini yang berlaku pada tahun "
            "2019.") in r.content.decode()
    assert jejak() == sebelum


def test_layanan_juga_menolak_program_di_luar_renstra_kantor(perencana_a, ang_a, ang_b):
    with pytest.raises(ValidationError) as e:
        services.baris_create(anggaran=ang_a.anggaran, oleh=perencana_a, kelompok=ang_a.bl,
                              kegiatan=ang_b.kegiatan2, sub_kegiatan=None,
                              pagu_murni=Decimal("1"), pagu_perubahan=None)
    assert "tidak ada dalam Renstra perangkat daerah ini" in str(e.value)


def test_kegiatan_renstra_yang_tidak_berlaku_pada_tahun_anggaran_ditolak(perencana_a, ang_a):
    renstra_lama = ang_a.renstra
    renstra_lama.tahun_awal, renstra_lama.tahun_akhir = 2011, 2016
    renstra_lama.tahun_kondisi_awal = 2011
    renstra_lama.save()
    with pytest.raises(ValidationError, match="berlaku pada tahun 2019"):
        services.baris_create(anggaran=ang_a.anggaran, oleh=perencana_a, kelompok=ang_a.bl,
                              kegiatan=KegiatanFactory(program=ang_a.program),
                              sub_kegiatan=None, pagu_murni=Decimal("1"), pagu_perubahan=None)


def test_baris_ganda_ditolak(perencana_a, ang_a):
    sebelum = jejak()
    r = masuk(perencana_a).post(reverse("anggaran:baris-create", args=[ang_a.anggaran.pk]), {
        "kegiatan": ang_a.kegiatan[0].pk, "kelompok": ang_a.bl.pk, "pagu_murni": "1"})
    assert "sudah ada pada Belanja Langsung" in r.content.decode()
    assert jejak() == sebelum


def test_kelompok_belanja_tahun_lain_ditolak(perencana_a, ang_a):
    from anggaran.models import KelompokBelanja
    modal = KelompokBelanja.objects.get(nama="Belanja Modal")  # from 2021
    sebelum = jejak()
    r = _simpan_baris(masuk(perencana_a), ang_a.baris[0], pagu_murni="1")
    assert "tersimpan" in r.content.decode()
    r = masuk(perencana_a).post(reverse("anggaran:baris-update", args=[ang_a.baris[0].pk]),
                                {"kelompok": modal.pk, "pagu_murni": "2"}, **HTMX)
    assert "tidak disimpan" in r.content.decode()
    assert BarisAnggaran.objects.get(pk=ang_a.baris[0].pk).kelompok == ang_a.bl
    assert jejak() != sebelum  # only the first, valid save wrote


def _realisasi(c, baris, periode, nilai):
    url = reverse("anggaran:realisasi-baris", args=[baris.pk, periode])
    return c.post(url, {"nilai": nilai}, **HTMX)


def test_realisasi_melebihi_pagu_disimpan_dan_ditandai(perencana_a, ang_a):
    baris = ang_a.baris[1]  # pagu 2.000.000
    r = _realisasi(masuk(perencana_a), baris, "tw3", "2.500.000")
    html = r.content.decode()
    assert "tersimpan" in html and "melebihi pagu" in html
    assert RealisasiAnggaran.objects.get(baris=baris).nilai == Decimal("2500000")
    html = masuk(perencana_a).get(reverse("anggaran:ringkasan")).content.decode()
    assert "melebihi pagu" in html


def test_realisasi_kosong_menghapus_isian(perencana_a, ang_a):
    r = _realisasi(masuk(perencana_a), ang_a.baris[0], "tw1", "")
    assert "tersimpan" in r.content.decode()
    assert not RealisasiAnggaran.objects.filter(pk=ang_a.realisasi.pk).exists()


@pytest.mark.parametrize(("isian", "pesan"), [
    ("-5", "Nilai tidak boleh kurang dari 0."),
    ("5,555", "Paling banyak 2 angka di belakang koma."),
    ("lima", "bukan angka"),
])
def test_realisasi_salah_ditolak(perencana_a, ang_a, isian, pesan):
    sebelum = jejak()
    r = _realisasi(masuk(perencana_a), ang_a.baris[0], "tw1", isian)
    assert r.status_code == 200 and pesan in r.content.decode().replace("&#x27;", "'")
    assert jejak() == sebelum


def test_triwulan_tidak_boleh_diisi_dua_cara(perencana_a, ang_a):
    c = masuk(perencana_a)
    sebelum = jejak()
    r = _realisasi(c, ang_a.baris[0], "b2", "1.000")  # TW I already has a quarterly figure
    assert "sudah diisi sebagai satu nilai triwulan" in r.content.decode()
    assert jejak() == sebelum
    assert "tersimpan" in _realisasi(c, ang_a.baris[0], "b4", "1.000").content.decode()
    r = _realisasi(c, ang_a.baris[0], "tw2", "5.000")
    assert "sudah diisi per bulan" in r.content.decode()
    assert RealisasiAnggaran.objects.filter(baris=ang_a.baris[0], triwulan=2).count() == 1


def test_halaman_realisasi_mengunci_periode_yang_diisi_dengan_cara_lain(perencana_a, ang_a):
    html = masuk(perencana_a).get(reverse("anggaran:realisasi") + "?periode=b1").content.decode()
    assert "diisi per triwulan" in html


def test_periode_tidak_dikenal_404(perencana_a, ang_a):
    c = masuk(perencana_a)
    assert c.get(reverse("anggaran:realisasi") + "?periode=tw5").status_code == 404
    assert _realisasi(c, ang_a.baris[0], "b13", "1").status_code == 404


def test_periode_dari_teks():
    assert Periode.dari_teks("tw3") == Periode(3)
    assert Periode.dari_teks("b11") == Periode(4, 11)
    assert Periode(4, 11).nama == "November" and Periode(2).nama == "Triwulan II"
    with pytest.raises(ValueError):
        Periode.dari_teks("b0")


def test_baris_berrealisasi_tidak_dapat_dihapus(perencana_a, ang_a):
    sebelum = jejak()
    r = masuk(perencana_a).post(reverse("anggaran:baris-delete", args=[ang_a.baris[0].pk]),
                                follow=True)
    assert "sudah memiliki realisasi" in r.content.decode()
    assert jejak() == sebelum


def test_pendapatan_tanpa_kelompok_dan_belanja_wajib_kelompok(perencana_a, ang_a):
    c = masuk(perencana_a)
    url = reverse("anggaran:pos-create", args=[ang_a.anggaran.pk])
    r = c.post(url, {"jenis": "belanja", "uraian": "Belanja pegawai", "pagu_murni": "1"})
    assert r.status_code == 200 and "Bidang ini tidak boleh kosong." in r.content.decode()
    r = c.post(url, {"jenis": "pendapatan", "uraian": "Retribusi", "pagu_murni": "360.000.000"})
    assert r.status_code == 302
    p = PosAnggaran.objects.get(uraian="Retribusi")
    assert p.kelompok is None and p.jenis == PosAnggaran.Jenis.PENDAPATAN


def test_pemetaan_target_renstra_lain_ditolak(perencana_a, ang_a, ang_b):
    sebelum = jejak()
    r = masuk(perencana_a).post(reverse("anggaran:pemetaan-create", args=[ang_a.anggaran.pk]),
                                {"program": ang_a.program2.pk, "target": f"i{ang_b.iku.pk}"},
                                follow=True)
    assert "tidak ada dalam Renstra perangkat daerah ini" in r.content.decode()
    assert jejak() == sebelum


def test_program_penunjang_tidak_dapat_dipetakan_dan_sebaliknya(perencana_a, ang_a):
    services.perlakuan_set(anggaran=ang_a.anggaran, program=ang_a.penunjang, perlakuan="blok",
                           oleh=perencana_a)
    with pytest.raises(ValidationError, match="program penunjang"):
        services.pemetaan_create(anggaran=ang_a.anggaran, oleh=perencana_a,
                                 program=ang_a.penunjang, sasaran=ang_a.sasaran, indikator=None)
    with pytest.raises(ValidationError, match="sudah dipetakan"):
        services.perlakuan_set(anggaran=ang_a.anggaran, program=ang_a.program,
                               perlakuan="sebar", oleh=perencana_a)


def test_realisasi_layanan_mencatat_pengisi(perencana_a, ang_a):
    r = services.realisasi_set(induk=ang_a.pos, periode=Periode(2), nilai=Decimal("10.00"),
                               oleh=perencana_a)
    assert r is not None and r.dicatat_oleh == perencana_a and r.anggaran == ang_a.anggaran
    assert r.history.first().history_user == perencana_a
