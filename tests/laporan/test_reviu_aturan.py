"""Each rule of the automatic review on a small office: it finds what it is for, at its level,
and stays silent on consistent data. Also the registry, acknowledgements, the import of
printed tables and the fixed number of queries of `periksa`."""

import re
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from anggaran.models import KendaliAnggaran, PerlakuanProgram, RealisasiAnggaran
from kinerja.models import (
    AnalisisIndikator,
    BarisPk,
    ProgramPk,
    Realisasi,
    SkalaKategori,
    TargetTriwulan,
)
from laporan.models import Besaran, PengakuanTemuan
from laporan.reviu import ATURAN, periksa
from laporan.reviu.dasar import GALAT, INFO, PERINGATAN, Temuan, aturan
from laporan.reviu.konteks import konteks_muat
from laporan.reviu.services import SelTercetak, pengakuan_simpan, tabel_tercetak_simpan
from laporan.reviu.tercetak import banding_tercetak
from laporan.services import sdm_update
from renstra.models import Program, TargetRenstra
from tests.anggaran.conftest import kantor as kantor_anggaran
from tests.factories import IndikatorFactory, RenstraFactory, SasaranFactory

from .conftest import kantor_kecil

TAHUN = 2019
SETELAH_TAHUN = date(2020, 3, 1)


def _jalankan(opd, kode, *, hari_ini=SETELAH_TAHUN) -> list[Temuan]:
    return ATURAN[kode].jalankan(konteks_muat(opd=opd, tahun=TAHUN, hari_ini=hari_ini))


def _tentang(temuan, ind):
    return [t for t in temuan if ind.nama in t.judul]


@pytest.fixture
def k(opd_a):
    """One IKU (target 80, realisation 84 in TW IV), an LKjIP draft, and a 2019 budget."""
    kk = kantor_kecil(opd_a, jumlah_iku=1)
    kk.iku0 = kk.iku[0]
    kk.anggaran = kantor_anggaran(kk.renstra)
    return kk


def test_registri_menolak_keluarga_asing_dan_kode_ganda():
    with pytest.raises(ValueError, match="keluarga"):
        aturan("x-baru", "lain-lain", "…")
    with pytest.raises(ValueError, match="dua kali"):
        aturan("narasi-angka", "narasi", "…")(lambda k: [])


def test_kode_temuan_diawali_kode_aturan(k):
    temuan = periksa(opd=k.renstra.opd, tahun=TAHUN)
    assert temuan and all(t.kode.startswith(f"{t.aturan}:") and t.aturan in ATURAN
                          for t in temuan)
    tingkat = [t.tingkat for t in temuan]
    assert tingkat == sorted(tingkat, key=[GALAT, PERINGATAN, INFO].index)


# --- narrative ------------------------------------------------------------------------------


def _tulis(k, **bagian):
    for f, teks in bagian.items():
        setattr(k.laporan, f, teks)
    k.laporan.save()


def test_narasi_angka_capaian_beda(k):
    # The same sentence twice is one finding.
    _tulis(k, capaian_umum=f"Capaian {k.iku0.nama} tahun 2019 sebesar 99% dari target 80%.\n"
                           f"Capaian {k.iku0.nama} tahun 2019 sebesar 99% dari target 80%.")
    t = _jalankan(k.renstra.opd, "narasi-angka")
    assert [(x.tingkat, x.ditemukan.split(" ")[0]) for x in t] == [(GALAT, "99%")]
    assert "105,00%" in t[0].judul


@pytest.mark.parametrize("nama", ["Program 0", "Program 2019", "Program Capai"])
def test_narasi_angka_nama_program_tidak_cocok_di_dalam_angka_atau_kata(k, nama):
    """A program name shorn of "Program" attributes a figure only as whole words with a
    letter: "0" is no name, and "Capai" is not in "Capaian"."""
    Program.objects.filter(sasaran__tujuan__renstra=k.renstra).update(nama=nama)
    test_narasi_angka_capaian_beda(k)


def test_narasi_angka_cocok_dan_ambang_diam(k):
    _tulis(k, capaian_umum=f"Capaian {k.iku0.nama} sebesar 105% (kategori Sangat Tinggi, "
                           "capaian ≥ 91%) dengan realisasi 84%.")
    assert _jalankan(k.renstra.opd, "narasi-angka") == []


def test_narasi_kategori_beda_dari_skala(k):
    _tulis(k, penutup=f"Capaian {k.iku0.nama} 105% dengan kategori Rendah.")
    t = _jalankan(k.renstra.opd, "narasi-kategori")
    assert len(t) == 1 and t[0].tingkat == GALAT
    assert t[0].diharapkan.startswith("Sangat Tinggi")


def test_narasi_kategori_memakai_skala_pemda(k):
    SkalaKategori.objects.create(pemda=k.renstra.opd.pemda,
                                 kelas=[["100", "Tercapai"], ["0", "Belum Tercapai"]])
    _tulis(k, penutup=f"Capaian {k.iku0.nama} dengan kategori Tercapai.")
    assert _jalankan(k.renstra.opd, "narasi-kategori") == []
    _tulis(k, penutup=f"Capaian {k.iku0.nama} dengan kategori Sangat Tinggi.")
    assert [t.diharapkan.split(" (")[0] for t in _jalankan(k.renstra.opd, "narasi-kategori")] \
        == ["Tercapai"]


# --- plan -----------------------------------------------------------------------------------


def test_target_pk_beda_tanpa_alasan_galat_dengan_alasan_info(k):
    BarisPk.objects.filter(perjanjian=k.pk).update(target=Decimal("70"))
    assert [t.tingkat for t in _jalankan(k.renstra.opd, "rencana-target-pk")] == [GALAT]
    BarisPk.objects.filter(perjanjian=k.pk).update(alasan_target="Hasil reviu Bappeda")
    assert [t.tingkat for t in _jalankan(k.renstra.opd, "rencana-target-pk")] == [INFO]


def test_polaritas_naik_dengan_target_turun(k):
    for th, nilai in ((2020, "70"), (2021, "60")):
        TargetRenstra.objects.create(indikator=k.iku0, tahun=th, nilai=Decimal(nilai))
    assert [t.tingkat for t in _jalankan(k.renstra.opd, "rencana-polaritas")] == [PERINGATAN]
    k.iku0.polaritas = "turun"
    k.iku0.save()
    assert _jalankan(k.renstra.opd, "rencana-polaritas") == []


def test_manual_iku_kosong(k):
    t = _tentang(_jalankan(k.renstra.opd, "rencana-manual-iku"), k.iku0)
    assert [x.ditemukan for x in t] == ["kosong: definisi, rumus, sumber data"]
    k.iku0.definisi, k.iku0.rumus, k.iku0.sumber_data = "d", "r", "BPS"
    k.iku0.save()
    assert _tentang(_jalankan(k.renstra.opd, "rencana-manual-iku"), k.iku0) == []


def test_tanpa_realisasi_akhir_tahun(k):
    Realisasi.objects.filter(indikator=k.iku0).update(triwulan=3)
    t = _jalankan(k.renstra.opd, "rencana-tanpa-realisasi")
    iku = [x for x in t if k.iku0.nama in x.judul]
    assert [(x.tingkat, x.ditemukan) for x in iku] == [(GALAT, "terisi: TW III")]
    # Without the year's LKjIP it is not yet an error in a report.
    k.laporan.delete()
    assert {x.tingkat for x in _tentang(_jalankan(k.renstra.opd, "rencana-tanpa-realisasi"),
                                        k.iku0)} == {PERINGATAN}
    # Before the year is over nothing is missing yet.
    assert _jalankan(k.renstra.opd, "rencana-tanpa-realisasi", hari_ini=date(2019, 11, 1)) == []


def test_kumulatif_yang_turun(k):
    baris = BarisPk.objects.get(perjanjian=k.pk)
    for tw, nilai in enumerate(("20", "40", "60", "80"), start=1):
        TargetTriwulan.objects.create(baris=baris, triwulan=tw, nilai=Decimal(nilai))
    Realisasi.objects.create(indikator=k.iku0, tahun=TAHUN, triwulan=1, nilai=Decimal("30"))
    Realisasi.objects.create(indikator=k.iku0, tahun=TAHUN, triwulan=2, nilai=Decimal("25"))
    t = _jalankan(k.renstra.opd, "rencana-kumulatif")
    assert [x.tingkat for x in t] == [PERINGATAN]
    assert "30 (TW I) ke 25 (TW II)" in t[0].judul


def test_penyebut_tahun_lain(k):
    k.iku0.jenis_rumus = "rasio"
    k.iku0.pembilang = "jumlah koperasi sehat tahun (n)"
    k.iku0.penyebut = "jumlah koperasi tahun (n-1)"
    k.iku0.save()
    assert [t.tingkat for t in _jalankan(k.renstra.opd, "rencana-penyebut")] == [GALAT]
    k.iku0.penyebut = "jumlah koperasi tahun (n)"
    k.iku0.save()
    lalu = IndikatorFactory(sasaran=k.sasaran, jenis_rumus="rasio")
    Realisasi.objects.create(indikator=lalu, tahun=TAHUN - 1, triwulan=4, nilai=Decimal("50"),
                             pembilang=Decimal("600"), penyebut=Decimal("1200"))
    Realisasi.objects.filter(indikator=k.iku0).update(pembilang=Decimal("1008"),
                                                      penyebut=Decimal("1200"))
    t = _jalankan(k.renstra.opd, "rencana-penyebut")
    assert [(x.tingkat, x.kode.split(":")[1][:5]) for x in t] == [(PERINGATAN, "nilai")]


# --- report and settings --------------------------------------------------------------------


def test_tanpa_renstra_dan_tanpa_lkjip_dikatakan(k):
    opd = k.renstra.opd
    assert _jalankan(opd, "laporan-belum-dibuat") == []
    k.laporan.delete()
    assert [t.tingkat for t in _jalankan(opd, "laporan-belum-dibuat")] == [INFO]
    assert _jalankan(opd, "rencana-tanpa-renstra") == []
    lain = ATURAN["rencana-tanpa-renstra"].jalankan(konteks_muat(opd=opd, tahun=2030))
    assert [t.judul for t in lain] == ["Tidak ada Renstra berlaku yang memuat target tahun 2030"]


def test_bagian_wajib_kosong(k):
    assert len(_jalankan(k.renstra.opd, "laporan-bagian-kosong")) == 6
    _tulis(k, penutup="Langkah ke depan …", hambatan="a", upaya="b")
    assert {t.kunci for t in _jalankan(k.renstra.opd, "laporan-bagian-kosong")} == {
        "tugas_fungsi", "struktur_organisasi", "isu_strategis"}


def test_analisis_iku_kosong(k):
    t = _tentang(_jalankan(k.renstra.opd, "laporan-analisis-kosong"), k.iku0)
    assert [x.tingkat for x in t] == [GALAT]
    AnalisisIndikator.objects.create(indikator=k.iku0, tahun=TAHUN, solusi="Pendampingan")
    assert _tentang(_jalankan(k.renstra.opd, "laporan-analisis-kosong"), k.iku0) == []


def _pegawai(k, **kelompok):
    for g, baris in kelompok.items():
        sdm_update(laporan=k.laporan, kelompok=g, baris=baris, oleh=None)


def test_tabel_pegawai_yang_tidak_cocok(k):
    opd = k.renstra.opd
    assert _jalankan(opd, "laporan-sdm-jumlah") == []  # no staff tables: nothing to compare
    _pegawai(k, status=[("PNS", 31), ("Non-PNS", 23)], jenis_kelamin=[("L", 33), ("P", 21)],
             pendidikan=[("S1", 40), ("SMA", 13)], golongan=[("III/a", 31)],
             eselon=[("IV.a", 60)])
    t = _jalankan(opd, "laporan-sdm-jumlah")
    assert [(x.kunci, x.tingkat) for x in t] == [("seluruh", PERINGATAN), ("eselon", PERINGATAN)]
    assert t[0].ditemukan == "status kepegawaian 54, jenis kelamin 54, pendidikan 53"
    assert t[0].url == f"/laporan/lkjip/{k.laporan.pk}/pegawai/"
    assert t[1].judul == ("Tabel eselon LKjIP 2019 menghitung 60 pegawai, lebih dari seluruh "
                          "pegawai (54)")
    _pegawai(k, pendidikan=[("S1", 40), ("SMA", 14)], eselon=[("IV.a", 23)])
    assert _jalankan(opd, "laporan-sdm-jumlah") == []


def test_skala_pemda_tidak_sah(k):
    # Written around the model's validation, as a bulk import or an old row could be.
    SkalaKategori.objects.create(pemda=k.renstra.opd.pemda,
                                 kelas=[["91", "Tinggi"], ["91", "Sedang"], ["50", "Rendah"]])
    t = _jalankan(k.renstra.opd, "pengaturan-skala")
    assert {x.tingkat for x in t} == {GALAT}
    assert any("dipakai lebih dari sekali" in x.judul for x in t)
    assert any("kelas terendah" in x.judul for x in t)


# --- budget ---------------------------------------------------------------------------------


def test_kendali_program_tidak_sama_dengan_baris(k):
    KendaliAnggaran.objects.create(anggaran=k.anggaran.anggaran, tingkat="program",
                                   program=k.anggaran.program, pagu_murni=Decimal("3500000"))
    t = _jalankan(k.renstra.opd, "anggaran-kendali")
    assert len(t) == 1 and t[0].tingkat == GALAT
    assert "Rp 3.000.000,00" in t[0].diharapkan


def test_realisasi_melebihi_pagu(k):
    assert _jalankan(k.renstra.opd, "anggaran-lebih") == []
    RealisasiAnggaran.objects.create(anggaran=k.anggaran.anggaran, baris=k.anggaran.baris[0],
                                     triwulan=2, nilai=Decimal("900000"))
    t = _jalankan(k.renstra.opd, "anggaran-lebih")
    assert [x.tingkat for x in t] == [GALAT] and "lebih Rp 150.000,50" in t[0].ditemukan


def test_alokasi_tidak_mencakup_belanja_program(k):
    t = _jalankan(k.renstra.opd, "anggaran-alokasi")
    assert len(t) == 1 and "Rp 300.000,00" in t[0].judul
    PerlakuanProgram.objects.create(anggaran=k.anggaran.anggaran, program=k.anggaran.penunjang,
                                    perlakuan="blok")
    assert _jalankan(k.renstra.opd, "anggaran-alokasi") == []


def test_anggaran_pk_beda_dari_dpa(k):
    ProgramPk.objects.create(perjanjian=k.pk, program=k.anggaran.program,
                             anggaran=Decimal("3000000"))
    t = _jalankan(k.renstra.opd, "anggaran-pk")
    # The PK's program matches; the support program, also budgeted, is missing from the PK.
    assert [x.kunci for x in t] == [f"tanpa-pk-{k.anggaran.penunjang.pk}"]
    ProgramPk.objects.filter(perjanjian=k.pk).update(anggaran=Decimal("2500000"))
    beda = [x for x in _jalankan(k.renstra.opd, "anggaran-pk") if not x.kunci.startswith("tanpa")]
    assert [(x.tingkat, x.ditemukan) for x in beda] == [(PERINGATAN, "Rp 2.500.000,00 (PK)")]


# --- printed tables -------------------------------------------------------------------------


def _cetak(k, teks: str, kolom: str = "CAPAIAN (%)", **kw):
    return tabel_tercetak_simpan(
        opd=k.renstra.opd, tahun=TAHUN, nomor="3.1", judul="Capaian", oleh=None,
        sel=[SelTercetak(baris=1, kolom=kolom, teks=teks, indikator=k.iku0, **kw)])


def test_tercetak_beda_dan_cocok(k):
    _cetak(k, "104%")
    assert [t.tingkat for t in _jalankan(k.renstra.opd, "tercetak-beda")] == [GALAT]
    _cetak(k, "105")
    assert _jalankan(k.renstra.opd, "tercetak-beda") == []


def test_kolom_capaian_berisi_realisasi(k):
    _cetak(k, "84")
    t = _jalankan(k.renstra.opd, "tercetak-kolom")
    assert len(t) == 1 and "berisi realisasi, bukan capaian" in t[0].judul


def test_impor_tercetak_menolak_yang_salah(k, opd_b):
    lain = IndikatorFactory(sasaran=SasaranFactory(tujuan__renstra=RenstraFactory(opd=opd_b)))
    with pytest.raises(ValidationError) as e:
        tabel_tercetak_simpan(opd=k.renstra.opd, tahun=TAHUN, judul="T", oleh=None, sel=[
            SelTercetak(baris=1, kolom="A", teks="1,2,3"),
            SelTercetak(baris=2, kolom="A", teks="5", indikator=lain),
            SelTercetak(baris=3, kolom="A", teks="5"), SelTercetak(baris=3, kolom="A", teks="6"),
            SelTercetak(baris=4, kolom="A", teks="5", induk_baris=4),
        ])
    assert len(e.value.messages) == 4


def test_impor_tercetak_menggantikan_catatan_lama(k):
    _cetak(k, "104")
    t = _cetak(k, "105", kolom="REALISASI Th. 2018 (%)")
    a = t.angka.get()
    assert (t.angka.count(), a.besaran, a.tahun_kolom, a.nilai) == (
        1, Besaran.REALISASI, 2018, Decimal("105"))
    assert [b.tahun for _, b in banding_tercetak(konteks_muat(opd=k.renstra.opd,
                                                              tahun=TAHUN))] == [2018]


# --- acknowledgement and queries ------------------------------------------------------------


def test_pengakuan_berlaku_selama_temuan_sama(k, perencana_a):
    _cetak(k, "104")
    t = next(x for x in periksa(opd=k.renstra.opd, tahun=TAHUN) if x.aturan == "tercetak-beda")
    pengakuan_simpan(opd=k.renstra.opd, tahun=TAHUN, temuan=t, oleh=perencana_a,
                     alasan="Salah cetak pada dokumen lama, sudah diralat.")
    diakui = next(x for x in periksa(opd=k.renstra.opd, tahun=TAHUN) if x.kode == t.kode)
    assert diakui.diakui and diakui.alasan_pengakuan.startswith("Salah cetak")
    assert PengakuanTemuan.history.count() == 1
    # The realisation changes: what was acknowledged is no longer what is found.
    Realisasi.objects.filter(indikator=k.iku0).update(nilai=Decimal("82"))
    kini = next(x for x in periksa(opd=k.renstra.opd, tahun=TAHUN) if x.kode == t.kode)
    assert not kini.diakui


def test_alasan_pengakuan_wajib(k, perencana_a):
    t = periksa(opd=k.renstra.opd, tahun=TAHUN)[0]
    with pytest.raises(ValidationError):
        pengakuan_simpan(opd=k.renstra.opd, tahun=TAHUN, temuan=t, alasan="ok",
                         oleh=perencana_a)


def _kantor_penuh(opd, jumlah_iku):
    kk = kantor_kecil(opd, jumlah_iku=jumlah_iku)
    kantor_anggaran(kk.renstra)
    tabel_tercetak_simpan(opd=opd, tahun=TAHUN, judul="Tabel 3.1", oleh=None, sel=[
        SelTercetak(baris=n, kolom="CAPAIAN (%)", teks="104", indikator=i)
        for n, i in enumerate(kk.iku, start=1)])
    _tulis(kk, penutup=" ".join(f"Capaian {i.nama} 99% kategori Rendah." for i in kk.iku))
    return kk


def test_jumlah_kueri_tetap(opd_a, opd_b, django_assert_num_queries):
    """1 IKU or 20, each with a printed figure and a sentence: the same queries."""
    _kantor_penuh(opd_a, 1)
    _kantor_penuh(opd_b, 20)
    with CaptureQueriesContext(connection) as kecil:
        satu = periksa(opd=opd_a, tahun=TAHUN)
    with django_assert_num_queries(len(kecil.captured_queries)):
        dua_puluh = periksa(opd=opd_b, tahun=TAHUN)
    assert len([t for t in dua_puluh if t.aturan == "tercetak-beda"]) == 20
    assert len([t for t in satu if t.aturan == "tercetak-beda"]) == 1


# --- command line ---------------------------------------------------------------------------


def test_cli_kantor_tidak_dikenal_keluar_2(db):
    with pytest.raises(CommandError) as e:
        call_command("periksa", opd="tidak-ada", tahun=TAHUN, stdout=StringIO())
    assert e.value.returncode == 2


def test_cli_menyaring_tingkat(k):
    """Office A's empty LKjIP sections are errors (status 1); --tingkat galat leaves out the
    warnings but still counts every level."""
    keluar = StringIO()
    with pytest.raises(CommandError) as e:
        call_command("periksa", opd="dinas-a", tahun=TAHUN, tingkat="galat", stdout=keluar)
    assert e.value.returncode == 1
    teks = keluar.getvalue()
    assert "[Galat] Bagian “Penutup” LKjIP 2019 masih kosong" in teks
    assert "[Info]" not in teks and "[Peringatan]" not in teks
    assert re.search(r"Dinas A 2019: \d+ galat, [1-9]\d* peringatan, \d+ info", teks)
