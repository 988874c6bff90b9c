"""Reports after a Perubahan Renstra (issue 4, the kinerja side in 185776b): the approved PK
of the year counts — also when it was made on the version before the revision — until a
PK on the revised Renstra is approved, and quarters entered before and after the revision
add up (newest version per quarter). The LKjIP, the quarterly report, the office workbook
and `cetak pk` read the year the way the capaian dashboard does."""

from decimal import Decimal
from io import BytesIO, StringIO
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from kinerja import services
from kinerja.models import PerjanjianKinerja, Realisasi, StatusPk
from kinerja.selectors import capaian_dasbor
from laporan import dokumen
from laporan.bukukerja.data import buku_kerja_data
from laporan.bukukerja.export import buku_kerja_export
from laporan.bukukerja.impor import BARU, TOLAK, UBAH, impor_apply, impor_periksa
from laporan.selectors import SISTEM, lkjip_dataset, triwulan_dataset
from laporan.tabel import Tabel
from renstra import services as renstra_services
from renstra.models import Indikator
from sakip.models import KunciPeriode
from tests.factories import RenstraFactory
from tests.kinerja.conftest import kantor, pk_baru

from .conftest import kantor_kecil
from .test_bukukerja import sel, ubah

D = Decimal


def _realisasi(ind, triwulan, oleh, **isi):
    return services.realisasi_update(
        indikator=ind, tahun=2019, triwulan=triwulan, nilai_teks="", bukti_catatan="",
        bukti_file=None, hapus_file=False, oleh=oleh,
        **{"nilai": None, "pembilang": None, "penyebut": None, **isi})


def _setujui(pk, perencana, kepala):
    services.pk_submit(pk=pk, oleh=perencana)
    services.pk_approve(pk=pk, oleh=kepala)


def kantor_direvisi(renstra, perencana, kepala) -> SimpleNamespace:
    """Office A like Malang: the PK 2019 approved and TW I entered (IKU 2 as counts),
    then a Perubahan Renstra, then TW II of IKU 1 entered on the copied indicator."""
    k = kantor(renstra)
    k.pk = pk_baru(k, perencana)
    _setujui(k.pk, perencana, kepala)
    _realisasi(k.iku1, 1, perencana, nilai=D("2.8"))
    _realisasi(k.iku2, 1, perencana, pembilang=D("613"), penyebut=D("423350"))
    k.baru = renstra_services.renstra_revise(renstra=renstra, oleh=perencana,
                                             alasan="Perubahan Renstra")
    k.iku1_baru = Indikator.objects.get(renstra=k.baru, asal=k.iku1)
    k.iku2_baru = Indikator.objects.get(renstra=k.baru, asal=k.iku2)
    _realisasi(k.iku1_baru, 2, perencana, nilai=D("2.66"))
    return k


@pytest.fixture
def revisi(renstra_a, perencana_a, kepala_a):
    return kantor_direvisi(renstra_a, perencana_a, kepala_a)


def _isi(tabel: Tabel) -> list[list[str]]:
    return [[s.teks for s in b.sel] for b in tabel.baris]


def _baris(tabel: Tabel, nama: str) -> list[str]:
    return next(r for r in _isi(tabel) if any(nama in s for s in r))


def test_lkjip_keeps_the_pk_made_before_the_revision(revisi):
    data = lkjip_dataset(opd=revisi.baru.opd, tahun=2019)
    (p,) = data.periode
    assert p.nama_versi == "Perubahan 1"
    # Bab II B and the annex: the approved PK, made on the Renstra before the revision.
    assert p.pk is not None and (p.pk.versi, p.pk.disetujui) == ("PK awal", True)
    assert _isi(p.pk.tabel_indikator)[0][-1] == "2,7%"
    assert p.pk_lampiran is not None and "Perjanjian Kinerja" in p.pk_lampiran.tabel_indikator.judul
    # Bab III: its targets, TW I (old version) and TW II (revised version) together.
    iku1, iku2 = p.iku
    assert (iku1.target, iku1.realisasi, iku1.capaian) == ("2,7%", "2,66%", "101,48%")
    assert (iku2.target, iku2.realisasi, iku2.capaian) == ("0,05%", "0,14%", "280,00%")
    # The counts entered before the revision are still quoted.
    assert "(613)" in iku2.teks("target").teks and "(423.350)" in iku2.teks("target").teks
    for tabel in (p.tabel_capaian, data.tabel_pengukuran):
        assert _baris(tabel, iku1.nama)[-4:-1] == ["2,7%", "2,66%", "101,48%"]
    (triwulan,) = data.tabel_triwulan
    assert _baris(triwulan, iku1.nama)[8:13] == ["2,80", "2,66", "-", "-", "2,66"]
    html = dokumen.lkjip_html(data)
    assert "belum dibuat" not in html and "Tabel 2.2" in html


def test_the_draft_on_the_revised_renstra_does_not_replace_the_signed_pk(revisi, perencana_a,
                                                                       kepala_a):
    baru = services.pk_create(opd=revisi.baru.opd, renstra=revisi.baru, tahun=2019,
                              oleh=perencana_a, pk=PerjanjianKinerja())
    services.pk_target_update(pk=baru, oleh=perencana_a, isian={
        baru.baris.get(indikator=revisi.iku1_baru): {
            "target": D("2.5"), "target_atas": None, "target_teks": "",
            "alasan_target": "Target Renstra perubahan", "triwulan": {}},
    })

    def lkjip():
        (p,) = lkjip_dataset(opd=revisi.baru.opd, tahun=2019).periode
        dasbor = capaian_dasbor(user=SISTEM, opd=revisi.baru.opd, tahun=2019).bagian[0]
        assert dasbor.sasaran[0].baris[0].target.tampil == p.iku[0].target.removesuffix("%")
        return p.pk.status, _isi(p.pk.tabel_indikator)[0][-1], p.iku[0].target

    assert lkjip() == ("Disetujui", "2,7%", "2,7%")
    _setujui(baru, perencana_a, kepala_a)
    assert lkjip() == ("Disetujui", "2,5%", "2,5%")


def test_quarterly_report_reads_both_versions(revisi):
    data = triwulan_dataset(opd=revisi.baru.opd, tahun=2019)
    b1, b2 = data.bagian[0].baris
    assert (b1.realisasi_tw, b1.target_total) == (["2,80", "2,66", "", ""], "2,7")
    dasbor = capaian_dasbor(user=SISTEM, opd=revisi.baru.opd, tahun=2019).bagian[0]
    assert b1.capaian_total == dasbor.sasaran[0].baris[0].hasil.persen
    assert b1.capaian_tw[1] is not None
    # TW I of IKU 2 was entered as counts on the version before the revision.
    assert "613 dibagi" in b2.uraian and b2.realisasi_total == "0,14"


def test_transition_year_with_a_revised_earlier_period(opd_a, perencana_a):
    lama = RenstraFactory(opd=opd_a, tahun_awal=2015, tahun_akhir=2019, tahun_kondisi_awal=2014)
    baru = RenstraFactory(opd=opd_a, tahun_awal=2019, tahun_akhir=2024, tahun_kondisi_awal=2018)
    k_lama = kantor_kecil(opd_a, jumlah_iku=1, renstra=lama)
    k_lama.laporan.delete()
    k_baru = kantor_kecil(opd_a, jumlah_iku=2, renstra=baru)
    renstra_services.renstra_revise(renstra=lama, oleh=perencana_a, alasan="Perubahan")
    data = lkjip_dataset(opd=opd_a, tahun=2019)
    assert [(p.periode, p.nama_versi) for p in data.periode] == [
        ("2015–2019", "Perubahan 1"), ("2019–2024", "Renstra awal")]
    assert [len(_isi(p.pk.tabel_indikator)) for p in data.periode] == [1, 2]
    assert [p.pk.versi for p in data.periode] == [k_lama.pk.nama_versi, k_baru.pk.nama_versi]
    assert [p.iku[0].capaian for p in data.periode] == ["105,00%", "105,00%"]


def test_lkjip_query_count_after_a_revision_does_not_grow(opd_a, opd_b, perencana_a):
    for opd, n in ((opd_a, 1), (opd_b, 20)):
        k = kantor_kecil(opd, jumlah_iku=n)
        renstra_services.renstra_revise(renstra=k.renstra, oleh=perencana_a, alasan="Ubah")
    lkjip_dataset(opd=opd_a, tahun=2019)
    jumlah = []
    for opd in (opd_a, opd_b):
        with CaptureQueriesContext(connection) as q:
            data = lkjip_dataset(opd=opd, tahun=2019)
        jumlah.append(len(q))
        assert data.periode[0].pk is not None
    assert jumlah[0] == jumlah[1]


# --- the office workbook and `cetak pk` ---------------------------------------------------


def test_workbook_shows_the_pk_made_before_the_revision(revisi, perencana_a):
    data = buku_kerja_data(opd=revisi.baru.opd, tahun=2019)
    assert {d.baris.perjanjian for d in data.pk} == {revisi.pk}
    assert [d.baris.indikator for d in data.pk] == [revisi.iku1, revisi.iku2]
    assert [d.target_renstra.nilai for d in data.pk] == [D("2.7"), D("0.05")]
    assert all(d.baris.indikator.renstra == revisi.renstra for d in data.pk)
    # Exported and read back unchanged: nothing to apply.
    hasil = impor_periksa(isi=buku_kerja_export(data=data), nama_file="bk.xlsx",
                          opd=revisi.baru.opd, tahun=2019, oleh=None)
    assert hasil.jumlah(TOLAK) == hasil.jumlah(BARU) == hasil.jumlah(UBAH) == 0
    assert "PK awal · Renstra 2016–2021 (disetujui)" in [
        c.value for c in load_workbook(BytesIO(buku_kerja_export(data=data)))["PK"]["B"]]
    # A PK started on the revised Renstra is the one to work on in the workbook.
    baru = services.pk_create(opd=revisi.baru.opd, renstra=revisi.baru, tahun=2019,
                              oleh=perencana_a, pk=PerjanjianKinerja())
    data = buku_kerja_data(opd=revisi.baru.opd, tahun=2019)
    assert {d.baris.perjanjian for d in data.pk} == {baru}
    assert [d.baris.indikator for d in data.pk] == [revisi.iku1_baru, revisi.iku2_baru]
    assert baru.status == StatusPk.DRAFT


@pytest.mark.parametrize("disimpan_lagi", [False, True])
def test_workbook_row_emptied_removes_a_quarter_entered_before_the_revision(
        revisi, perencana_a, admin_user, disimpan_lagi):
    """A Realisasi row the sheet showed from the version before the revision, emptied and
    imported, only removed the current indicator's record (if any): the old value kept
    counting. It now removes the quarter on every version; a locked year refuses it."""
    k, opd = revisi, revisi.baru.opd

    def tw1():
        return set(Realisasi.objects.filter(tahun=2019, triwulan=1))

    if disimpan_lagi:  # IKU 2's TW I saved again after the revision: on both versions
        _realisasi(k.iku2_baru, 1, perencana_a, pembilang=D("613"), penyebut=D("423350"))
    isi = buku_kerja_export(data=buku_kerja_data(opd=opd, tahun=2019))
    hasil = impor_periksa(isi=isi, nama_file="bk.xlsx", opd=opd, tahun=2019, oleh=None)
    assert hasil.jumlah(TOLAK) == hasil.jumlah(BARU) == hasil.jumlah(UBAH) == 0
    kosong = ubah(isi, Realisasi={
        sel(isi, "Realisasi", kolom, id=ind.pk, triwulan=1): None
        for ind, kolom in ((k.iku1_baru, "nilai"), (k.iku2_baru, "pembilang"),
                           (k.iku2_baru, "penyebut"))})
    ada = tw1()
    assert len(ada) == 2 + disimpan_lagi

    kunci = KunciPeriode.objects.create(opd=opd, tahun=2019, sebab="LKjIP 2019 disetujui",
                                        dikunci_oleh=admin_user, dikunci_pada=timezone.now())
    hasil = impor_apply(isi=kosong, nama_file="bk.xlsx", opd=opd, tahun=2019,
                        oleh=perencana_a, terapkan=True)
    assert not hasil.diterapkan and len(hasil.galat) == 2
    assert all("terkunci" in g for g in hasil.galat)
    assert tw1() == ada
    kunci.delete()

    hasil = impor_apply(isi=kosong, nama_file="bk.xlsx", opd=opd, tahun=2019,
                        oleh=perencana_a, terapkan=True)
    assert hasil.galat == [] and hasil.diterapkan and hasil.jumlah(UBAH) == 2
    assert tw1() == set()
    assert {h.history_change_reason for h in Realisasi.history.filter(
        history_type="-")} == {"Impor buku kerja bk.xlsx"}
    assert Realisasi.objects.get(indikator=k.iku1_baru, triwulan=2).nilai == D("2.66")
    (g,) = capaian_dasbor(user=SISTEM, opd=opd, tahun=2019).bagian
    assert [b.triwulan[0] for b in g.sasaran[0].baris] == ["–", "–"]
    # Exported again and read back unchanged: nothing to apply.
    isi = buku_kerja_export(data=buku_kerja_data(opd=opd, tahun=2019))
    hasil = impor_periksa(isi=isi, nama_file="bk.xlsx", opd=opd, tahun=2019, oleh=None)
    assert hasil.jumlah(TOLAK) == hasil.jumlah(BARU) == hasil.jumlah(UBAH) == 0


def test_workbook_row_edited_keeps_the_evidence_of_the_version_before_the_revision(
        revisi, perencana_a, settings, tmp_path):
    """As the grid does: a quarter the sheet showed from the version before the revision,
    edited and imported, is written on the current indicator with the old record's evidence
    file (the same stored file, by reference); the old record stays."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    k, opd = revisi, revisi.baru.opd
    lama = Realisasi.objects.get(indikator=k.iku1, tahun=2019, triwulan=1)
    lama.bukti_file = SimpleUploadedFile("bukti.pdf", b"%PDF-1.4 bukti")
    lama.save()
    isi = buku_kerja_export(data=buku_kerja_data(opd=opd, tahun=2019))
    isi = ubah(isi, Realisasi={sel(isi, "Realisasi", "nilai", id=k.iku1_baru.pk, triwulan=1):
                               2.9})
    hasil = impor_apply(isi=isi, nama_file="bk.xlsx", opd=opd, tahun=2019,
                        oleh=perencana_a, terapkan=True)
    assert hasil.galat == [] and hasil.diterapkan
    baru = Realisasi.objects.get(indikator=k.iku1_baru, tahun=2019, triwulan=1)
    assert baru.nilai == D("2.9") and baru.bukti_file.name == lama.bukti_file.name
    lama.refresh_from_db()
    assert lama.nilai == D("2.8") and Path(lama.bukti_file.path).read_bytes().startswith(b"%PDF")


def test_cetak_pk_prints_the_pk_that_counts(revisi, perencana_a, tmp_path, monkeypatch):
    services.pk_create(opd=revisi.baru.opd, renstra=revisi.baru, tahun=2019, oleh=perencana_a,
                       pk=PerjanjianKinerja())
    dicetak = []
    monkeypatch.setattr(dokumen, "pk_pdf", lambda daftar, kertas: dicetak.extend(daftar) or b"%")
    call_command("cetak", "pk", "--opd", revisi.baru.opd.slug, "--tahun", "2019",
                 "--output", str(tmp_path / "pk.pdf"), stdout=StringIO())
    assert [(d.versi, d.status) for d in dicetak] == [("PK awal", "Disetujui")]

