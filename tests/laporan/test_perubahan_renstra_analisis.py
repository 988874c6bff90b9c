"""What stays on the old version's rows after a Perubahan Renstra and must still count for
the copied indicators: the year's analysis (kinerja) and the staff's LKjIP texts, the
budget mapping to sasaran/IKU, the automatic review and the workbook's Realisasi sheet.
Each reads through the indicator chain: the newest version that has a value wins, and an
edit after the revision writes to the current indicator."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from anggaran.models import (
    Anggaran,
    BarisAnggaran,
    KelompokBelanja,
    PemetaanSasaran,
    RealisasiAnggaran,
)
from anggaran.selectors import alokasi_dataset
from kinerja import services
from kinerja.models import AnalisisIndikator, PerjanjianKinerja, Realisasi
from kinerja.selectors import capaian_dasbor
from laporan import services as laporan_services
from laporan.bukukerja.data import buku_kerja_data
from laporan.bukukerja.export import buku_kerja_export
from laporan.bukukerja.impor import BARU, TOLAK, UBAH, impor_apply, impor_periksa
from laporan.models import LaporanKinerja, NarasiAnalisis
from laporan.reviu import ATURAN
from laporan.reviu.konteks import konteks_muat
from laporan.selectors import SISTEM, lkjip_dataset
from renstra import services as renstra_services
from renstra.models import Indikator, Sasaran
from tests.factories import KegiatanFactory
from tests.kinerja.conftest import kantor, pk_baru
from tests.kinerja.test_views import masuk

from .test_bukukerja import sel, ubah
from .test_perubahan_renstra import _baris, _isi, _realisasi, _setujui

D = Decimal
TAHUN = 2019


def _analisis(ind, oleh, **isi):
    return services.analisis_update(analisis=AnalisisIndikator(indikator=ind, tahun=TAHUN, **isi),
                                    oleh=oleh)


def _anggaran(k):
    """A 2019 budget on the program of the sasaran: one kegiatan, its money mapped to IKU 1."""
    kegiatan = KegiatanFactory(program=k.program)
    anggaran = Anggaran.objects.create(opd=k.renstra.opd, tahun=TAHUN)
    baris = BarisAnggaran.objects.create(
        anggaran=anggaran, kegiatan=kegiatan, pagu_murni=D("1000000.00"),
        kelompok=KelompokBelanja.objects.get(nama="Belanja Langsung", tahun_mulai=None))
    RealisasiAnggaran.objects.create(anggaran=anggaran, baris=baris, triwulan=4,
                                     nilai=D("900000.00"))
    PemetaanSasaran.objects.create(anggaran=anggaran, program=k.program, sasaran=k.sasaran,
                                   indikator=k.iku1)
    return anggaran


def _revisi(k, perencana):
    k.baru = renstra_services.renstra_revise(renstra=k.renstra, oleh=perencana,
                                             alasan="Perubahan Renstra")
    k.iku1_baru = Indikator.objects.get(renstra=k.baru, asal=k.iku1)
    k.iku2_baru = Indikator.objects.get(renstra=k.baru, asal=k.iku2)
    k.sasaran_baru = Sasaran.objects.get(tujuan__renstra=k.baru, asal=k.sasaran)
    return k


@pytest.fixture
def kantor_lengkap(renstra_a, perencana_a, kepala_a):
    """Office A like Malang before its revision: PK 2019 approved, TW I and TW IV entered,
    the analysis of IKU 1 (with a national standard), a staff-edited LKjIP text, a budget
    mapped to IKU 1."""
    k = kantor(renstra_a)
    k.pk = pk_baru(k, perencana_a)
    _setujui(k.pk, perencana_a, kepala_a)
    _realisasi(k.iku1, 1, perencana_a, nilai=D("2.8"))
    _realisasi(k.iku1, 4, perencana_a, nilai=D("2.6"))
    _realisasi(k.iku2, 4, perencana_a, pembilang=D("613"), penyebut=D("423350"))
    k.analisis = _analisis(k.iku1, perencana_a, penyebab_keberhasilan="Bimbingan teknis rutin",
                           solusi="Pendampingan koperasi", program_pendukung="Program 2.17.03",
                           standar_nasional=D("2.5"), standar_nasional_sumber="RPJMN")
    k.laporan = LaporanKinerja.objects.create(opd=k.renstra.opd, tahun=TAHUN)
    laporan_services.narasi_update(laporan=k.laporan, indikator=k.iku1, jenis="penyebab",
                                   teks="Teks penyebab dari staf.", oleh=perencana_a)
    k.anggaran = _anggaran(k)
    return k


def _ringkas(data):
    """What the LKjIP says about IKU 1 and the budget, without version labels."""
    (p,) = data.periode
    iku1 = p.iku[0]
    return {
        "analisis": (iku1.keberhasilan, iku1.solusi, iku1.teks("penyebab").teks,
                     iku1.teks("penyebab").diubah, iku1.teks("efisiensi").teks,
                     iku1.teks("program").teks),
        "program": _isi(iku1.tabel_program),
        "standar": _baris(p.tabel_standar, iku1.nama),
        "alokasi": _isi(data.tabel_alokasi),
        "efisiensi": _isi(data.tabel_efisiensi),
        "efisiensi_program": _isi(data.tabel_efisiensi_program),
        "kemenkeu": data.kemenkeu,
    }


def test_lkjip_after_revision_says_what_it_said_before(kantor_lengkap, perencana_a):
    k = kantor_lengkap
    sebelum = _ringkas(lkjip_dataset(opd=k.renstra.opd, tahun=TAHUN))
    assert sebelum["analisis"][0] == ["Bimbingan teknis rutin"]
    assert sebelum["analisis"][2:4] == ("Teks penyebab dari staf.", True)
    assert "efisien" in sebelum["analisis"][4]
    assert sebelum["standar"][-2:] == ["2,5%", "RPJMN"]
    _revisi(k, perencana_a)
    sesudah = _ringkas(lkjip_dataset(opd=k.renstra.opd, tahun=TAHUN))
    assert sesudah == sebelum
    # One allocation row per IKU of the revised Renstra, none for the old version.
    assert sum(1 for r in sesudah["alokasi"] if any(k.iku1.nama in s for s in r)) == 1


def test_dashboard_standard_follows_the_chain(kantor_lengkap, perencana_a):
    k = _revisi(kantor_lengkap, perencana_a)
    b = capaian_dasbor(user=SISTEM, opd=k.renstra.opd, tahun=TAHUN,
                       perbandingan=True).bagian[0].sasaran[0].baris[0]
    assert b.indikator == k.iku1_baru
    assert (b.banding.standar_teks, b.banding.standar_sumber) == ("2,5", "RPJMN")


def test_analysis_edited_after_revision_starts_from_the_old_text(kantor_lengkap, perencana_a):
    k = _revisi(kantor_lengkap, perencana_a)
    url = reverse("kinerja:analisis", args=[TAHUN]) + f"?indikator={k.iku1_baru.pk}"
    c = masuk(perencana_a, k.renstra.opd)
    html = c.get(url).content.decode()
    assert "Bimbingan teknis rutin" in html and "Pendampingan koperasi" in html
    c.post(url, {"penyebab_keberhasilan": "Bimbingan teknis rutin",
                 "solusi": "Pendampingan lanjutan", "program_pendukung": "Program 2.17.03",
                 "standar_nasional": "2,4", "standar_nasional_sumber": "RPJMN"})
    baru = AnalisisIndikator.objects.get(indikator=k.iku1_baru, tahun=TAHUN)
    assert (baru.solusi, baru.standar_nasional) == ("Pendampingan lanjutan", D("2.4"))
    k.analisis.refresh_from_db()
    assert k.analisis.solusi == "Pendampingan koperasi"  # the old version keeps its row
    (p,) = lkjip_dataset(opd=k.renstra.opd, tahun=TAHUN).periode
    assert p.iku[0].solusi == ["Pendampingan lanjutan"]
    assert _baris(p.tabel_standar, p.iku[0].nama)[-2:] == ["2,4%", "RPJMN"]


def test_narrative_edited_after_revision_writes_to_the_current_indicator(kantor_lengkap,
                                                                         perencana_a):
    k = _revisi(kantor_lengkap, perencana_a)
    # Regenerating the drafts keeps the staff's text made before the revision.
    laporan_services.narasi_regenerate(laporan=k.laporan, oleh=perencana_a)
    iku1 = lkjip_dataset(opd=k.renstra.opd, tahun=TAHUN).periode[0].iku[0]
    assert iku1.indikator_id == k.iku1_baru.pk
    assert (iku1.teks("penyebab").teks, iku1.teks("penyebab").diubah) == (
        "Teks penyebab dari staf.", True)
    laporan_services.narasi_update(laporan=k.laporan, indikator=k.iku1_baru, jenis="penyebab",
                                   teks="Teks baru.", oleh=perencana_a)
    assert NarasiAnalisis.objects.get(laporan=k.laporan, indikator=k.iku1_baru,
                                      jenis="penyebab").teks == "Teks baru."
    iku1 = lkjip_dataset(opd=k.renstra.opd, tahun=TAHUN).periode[0].iku[0]
    assert iku1.teks("penyebab").teks == "Teks baru."
    # Handing the text back to the data also holds after the revision.
    laporan_services.narasi_update(laporan=k.laporan, indikator=k.iku1_baru, jenis="penyebab",
                                   teks="", oleh=perencana_a)
    iku1 = lkjip_dataset(opd=k.renstra.opd, tahun=TAHUN).periode[0].iku[0]
    assert not iku1.teks("penyebab").diubah


# --- the budget mapping ---------------------------------------------------------------------


def test_mapping_made_before_the_revision_counts_for_the_current_iku(kantor_lengkap,
                                                                     perencana_a):
    k = kantor_lengkap
    sebelum = alokasi_dataset(anggaran=k.anggaran, user=SISTEM)
    _revisi(k, perencana_a)
    # The same program mapped again after the revision: one target, not two halves.
    PemetaanSasaran.objects.create(anggaran=k.anggaran, program=k.program,
                                   sasaran=k.sasaran_baru, indikator=k.iku1_baru)
    a = alokasi_dataset(anggaran=k.anggaran, user=SISTEM)
    sasaran = [b for b in a.baris if b.jenis == "sasaran"]
    assert [(b.sasaran, b.indikator) for b in sasaran] == [
        (k.sasaran_baru, k.iku1_baru), (k.sasaran_baru, k.iku2_baru)]
    b, b_lalu = sasaran[0], sebelum.baris[0]
    assert (b.pagu, b.realisasi, b.keterangan) == (b_lalu.pagu, b_lalu.realisasi, [])
    assert b.capaian == b_lalu.capaian and b.capaian is not None
    assert b.efisiensi == b_lalu.efisiensi and b.efisiensi.rasio is not None
    (program,) = [p for p in a.program if p.simpul.pk == k.program.pk]
    assert program.melayani == [b] and program.capaian == sebelum.program[0].capaian
    assert not any(x.jenis == "belum_dipetakan" for x in a.baris)


# --- the automatic review -------------------------------------------------------------------


def test_review_reads_the_pk_and_the_analysis_through_the_chain(kantor_lengkap, perencana_a):
    k = _revisi(kantor_lengkap, perencana_a)
    _realisasi(k.iku1_baru, 2, perencana_a, nilai=D("2.7"))
    services.pk_create(opd=k.renstra.opd, renstra=k.baru, tahun=TAHUN, oleh=perencana_a,
                       pk=PerjanjianKinerja())
    kt = konteks_muat(opd=k.renstra.opd, tahun=TAHUN)
    # The approved PK on the old version counts, not the draft on the revised Renstra.
    assert kt.pk == [k.pk]
    assert kt.baris_per_indikator[k.iku1_baru.pk]["perjanjian_id"] == k.pk.pk
    tw = kt.realisasi[(k.iku1_baru.pk, TAHUN)]
    assert [r["nilai"] if r else None for r in tw] == [D("2.8"), D("2.7"), None, D("2.6")]
    assert kt.analisis[k.iku1_baru.pk] == k.analisis
    assert set(kt.narasi) == {(k.iku1_baru.pk, "penyebab")}
    for kode in ("laporan-analisis-kosong", "rencana-tanpa-realisasi"):
        assert [t for t in ATURAN[kode].jalankan(kt) if t.kunci == str(k.iku1_baru.pk)] == []
    assert ATURAN["rencana-target-pk"].jalankan(kt) == []


def test_review_compares_budget_and_pk_programs_across_versions(kantor_lengkap, perencana_a,
                                                                kepala_a):
    k = _revisi(kantor_lengkap, perencana_a)
    sebelum = ATURAN["anggaran-pk"].jalankan(konteks_muat(opd=k.renstra.opd, tahun=TAHUN))
    # A PK on the revised Renstra lists its copy of the program; the budget keeps the old one.
    baru = services.pk_create(opd=k.renstra.opd, renstra=k.baru, tahun=TAHUN, oleh=perencana_a,
                              pk=PerjanjianKinerja())
    _setujui(baru, perencana_a, kepala_a)
    kt = konteks_muat(opd=k.renstra.opd, tahun=TAHUN)
    assert kt.pk == [baru]
    sesudah = ATURAN["anggaran-pk"].jalankan(kt)
    assert [t.judul for t in sesudah] == [t.judul for t in sebelum]
    assert not any("tidak ada di data anggaran" in t.judul or "tanpa-pk" in t.kode
                   for t in sesudah)


# --- the workbook ---------------------------------------------------------------------------


def test_workbook_realisation_sheet_shows_quarters_entered_before_the_revision(
        kantor_lengkap, perencana_a):
    k = _revisi(kantor_lengkap, perencana_a)
    _realisasi(k.iku1_baru, 2, perencana_a, nilai=D("2.7"))
    data = buku_kerja_data(opd=k.renstra.opd, tahun=TAHUN)
    assert {tw: data.rekaman[(k.iku1_baru.pk, tw)].nilai
            for tw in (1, 2, 4)} == {1: D("2.8"), 2: D("2.7"), 4: D("2.6")}
    assert data.rekaman[(k.iku2_baru.pk, 4)].pembilang == D("613")
    isi = buku_kerja_export(data=data)
    nilai_tw1 = sel(isi, "Realisasi", "nilai", id=k.iku1_baru.pk, triwulan=1)
    assert load_workbook(BytesIO(isi))["Realisasi"][nilai_tw1].value == 2.8
    # Read back unchanged: nothing to apply.
    hasil = impor_periksa(isi=isi, nama_file="bk.xlsx", opd=k.renstra.opd, tahun=TAHUN,
                          oleh=None)
    assert hasil.jumlah(TOLAK) == hasil.jumlah(BARU) == hasil.jumlah(UBAH) == 0
    # A quarter of the old version edited in the sheet is written to the current indicator.
    hasil = impor_apply(isi=ubah(isi, Realisasi={nilai_tw1: 2.9}), nama_file="bk.xlsx",
                        opd=k.renstra.opd, tahun=TAHUN, oleh=perencana_a, terapkan=True)
    assert hasil.diterapkan and hasil.jumlah(UBAH) == 1
    assert Realisasi.objects.get(indikator=k.iku1_baru, tahun=TAHUN, triwulan=1).nilai == D("2.9")
    assert Realisasi.objects.get(indikator=k.iku1, tahun=TAHUN, triwulan=1).nilai == D("2.8")
    assert buku_kerja_data(opd=k.renstra.opd, tahun=TAHUN).rekaman[
        (k.iku1_baru.pk, 1)].nilai == D("2.9")
