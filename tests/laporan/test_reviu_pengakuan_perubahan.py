"""Acknowledged review findings across a Perubahan Renstra, on the Malang demo with its
printed report imported: the revision copies the indicators and programs with new ids, so
the findings about them get new codes; an acknowledgement made before it still covers the
finding as long as the figures are the same, and acknowledging again moves it to the
current code. The printed figures attached to the old indicators are still checked."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.selectors import renstra_untuk_tahun
from laporan.models import PengakuanTemuan
from laporan.reviu import periksa
from laporan.reviu.dasar import GALAT, Temuan, tandai_pengakuan
from laporan.reviu.services import pengakuan_simpan
from laporan.selectors import SISTEM
from renstra import services as renstra_services
from renstra.models import Indikator

from .test_perubahan_renstra import _realisasi
from .test_reviu_malang import TAHUN, malang  # noqa: F401  (module fixture)

ALASAN = "Diakui sebelum Perubahan Renstra: cetakan lama."


@pytest.fixture
def m(malang, db):  # noqa: F811
    return malang


def _isi(t: Temuan) -> tuple[str, ...]:
    """A finding without its code and link (which name the object's id)."""
    return (t.aturan, t.tingkat, t.judul, t.lokasi, t.diharapkan, t.ditemukan, t.saran)


def _revisi(m):
    (renstra,) = renstra_untuk_tahun(user=SISTEM, opd=m.opd, tahun=TAHUN)
    return renstra_services.renstra_revise(renstra=renstra, oleh=m.oleh,
                                           alasan="Perubahan Renstra")


def test_temuan_sama_setelah_perubahan_renstra(m):
    """The revision changes no finding but the ids in its code: the printed figures of the
    old indicators are still set against the data of their copies."""
    sebelum = periksa(opd=m.opd, tahun=TAHUN)
    assert any(t.aturan == "tercetak-beda" for t in sebelum)
    _revisi(m)
    sesudah = periksa(opd=m.opd, tahun=TAHUN)
    assert sorted(map(_isi, sesudah)) == sorted(map(_isi, sebelum))


def test_pengakuan_tetap_berlaku_setelah_perubahan_renstra(m):
    sebelum = periksa(opd=m.opd, tahun=TAHUN)
    for t in sebelum:
        pengakuan_simpan(opd=m.opd, tahun=TAHUN, temuan=t, oleh=m.oleh,
                         alasan=f"{ALASAN} ({t.aturan})")
    with CaptureQueriesContext(connection) as q_sebelum:
        assert all(t.diakui for t in periksa(opd=m.opd, tahun=TAHUN))
    baru = _revisi(m)
    # After the revision one finding's figure changes: a TW I entered on an indicator copy.
    diubah = next(t for t in sebelum if t.aturan == "rencana-tanpa-realisasi"
                  and t.ditemukan == "belum ada realisasi")
    _realisasi(Indikator.objects.get(renstra=baru, asal_id=int(diubah.kunci)), 1, m.oleh,
               nilai=Decimal("1"))
    with CaptureQueriesContext(connection) as q_sesudah:
        sesudah = periksa(opd=m.opd, tahun=TAHUN)
    assert len(q_sesudah) == len(q_sebelum)

    # Codes naming an indicator or a budget line changed with the revision …
    kode_lama = {t.kode for t in sebelum}
    berganti = {t.aturan for t in sesudah if t.kode not in kode_lama}
    assert {"narasi-angka", "narasi-iku-lain", "rencana-manual-iku",
            "rencana-tanpa-realisasi"} <= berganti
    # … yet every finding acknowledged before is still acknowledged, with its reason,
    # except the one whose figure changed.
    belum = [t for t in sesudah if not t.diakui]
    assert [(t.aturan, t.judul) for t in belum] == [(diubah.aturan, diubah.judul)]
    assert belum[0].ditemukan == "terisi: TW I"
    assert all(t.alasan_pengakuan == f"{ALASAN} ({t.aturan})" for t in sesudah if t.diakui)
    assert len(sesudah) == len(sebelum)

    # Acknowledging it again stores the current code, on the same acknowledgement (its
    # history keeps the code and reason of before the revision).
    (kini,) = belum
    p = pengakuan_simpan(opd=m.opd, tahun=TAHUN, temuan=kini, oleh=m.oleh,
                         alasan="Diisi ulang setelah Perubahan Renstra.")
    assert (p.kode_temuan, p.kunci_objek) == (kini.aturan, kini.kunci) != (
        diubah.aturan, diubah.kunci)
    assert PengakuanTemuan.objects.filter(opd=m.opd, tahun=TAHUN).count() == len(sebelum)
    assert p.history.earliest().kunci_objek == diubah.kunci
    assert all(t.diakui for t in periksa(opd=m.opd, tahun=TAHUN))


def _temuan(kunci: str, lama: tuple[str, ...] = (), ditemukan: str = "kosong") -> Temuan:
    return Temuan(kode=f"rencana-manual-iku:{kunci}", tingkat=GALAT, judul="", lokasi="",
                  url="", diharapkan="terisi", ditemukan=ditemukan, saran="",
                  kunci_lama=lama)


def _pengakuan(kunci: str, ditemukan: str = "kosong") -> PengakuanTemuan:
    return PengakuanTemuan(kode_temuan="rencana-manual-iku", kunci_objek=kunci,
                           diharapkan="terisi", ditemukan=ditemukan, alasan=kunci)


def test_pengakuan_versi_terbaru_yang_menentukan():
    """An acknowledgement on the current code wins over one on an earlier version, also
    when it no longer holds; one on another object or rule never counts."""
    (t,) = tandai_pengakuan([_temuan("9", ("5", "2"))], [_pengakuan("2"), _pengakuan("5")])
    assert t.diakui and t.alasan_pengakuan == "5"
    (t,) = tandai_pengakuan([_temuan("9", ("5",))], [_pengakuan("9", "lain"), _pengakuan("5")])
    assert not t.diakui
    (t,) = tandai_pengakuan([_temuan("9", ("5",))], [_pengakuan("6")])
    assert not t.diakui


def test_pengakuan_teks_staf_tetap_setelah_disimpan_ulang_pada_salinan(m):
    """A text the staff keep on an indicator (LKjIP analysis narrative, causes and
    solutions) is known by its row. Saved again after a Perubahan Renstra, the same text
    moves to a new row of the indicator's copy: what was acknowledged in it still stands."""
    from kinerja.selectors import analisis_get
    from kinerja.services import analisis_update
    from laporan.models import LaporanKinerja, NarasiAnalisis
    from laporan.services import narasi_update

    iku = Indikator.objects.get(renstra__opd=m.opd, nama="Persentase Koperasi Rehabilitasi",
                                renstra__tahun_awal__lte=TAHUN, renstra__tahun_akhir__gte=TAHUN)
    a = analisis_get(indikator=iku, tahun=TAHUN)
    a.solusi = "Capaian kinerja tahun 2019 sebesar 95%, sehingga pendampingan diperluas."
    analisis_update(analisis=a, oleh=m.oleh)
    sebelum = periksa(opd=m.opd, tahun=TAHUN)
    dari_teks = [t for t in sebelum if t.kunci.startswith(("narasi-", "analisis-"))]
    assert {t.kunci.partition("-")[0] for t in dari_teks} == {"narasi", "analisis"}
    for t in sebelum:
        pengakuan_simpan(opd=m.opd, tahun=TAHUN, temuan=t, oleh=m.oleh, alasan=ALASAN)
    baru = _revisi(m)
    salinan = {i.asal_id: i for i in Indikator.objects.filter(renstra=baru)}
    laporan = LaporanKinerja.objects.get(opd=m.opd, tahun=TAHUN)
    for n in NarasiAnalisis.objects.filter(laporan=laporan, diubah=True):
        narasi_update(laporan=laporan, indikator=salinan[n.indikator_id], jenis=n.jenis,
                      teks=n.teks, oleh=m.oleh)
    analisis_update(analisis=analisis_get(indikator=salinan[iku.pk], tahun=TAHUN), oleh=m.oleh)

    sesudah = periksa(opd=m.opd, tahun=TAHUN)
    assert sorted(map(_isi, sesudah)) == sorted(map(_isi, sebelum))
    # The texts' findings name the new rows now …
    kode_lama = {t.kode for t in dari_teks}
    pindah = [t for t in sesudah if t.kunci.startswith(("narasi-", "analisis-"))]
    assert len(pindah) == len(dari_teks) and not kode_lama & {t.kode for t in pindah}
    # … and are still acknowledged, with the reason given before the revision.
    assert all(t.diakui and t.alasan_pengakuan == ALASAN for t in sesudah)


def test_angka_tercetak_program_versi_lain_dari_anggaran(m):
    """A printed table recorded after a Perubahan Renstra names the programs' copies, while
    the year's budget lines stay on the kegiatan of the version they were entered on: the
    printed pagu is still set against that budget."""
    from laporan.models import Besaran
    from laporan.reviu.services import SelTercetak, tabel_tercetak_simpan
    from renstra.models import Program

    baru = _revisi(m)
    salinan = Program.objects.filter(sasaran__tujuan__renstra=baru).order_by("kode").first()
    asal = Program.objects.get(pk=salinan.asal_id)
    assert asal.kegiatan.filter(baris_anggaran__isnull=False).exists()
    assert not salinan.kegiatan.filter(baris_anggaran__isnull=False).exists()
    tabel_tercetak_simpan(opd=m.opd, tahun=TAHUN, nomor="9.9", judul="Pagu program", oleh=m.oleh,
                          sel=[SelTercetak(baris=1, kolom="Pagu (Rp)", teks="1.234",
                                           uraian=salinan.nama, besaran=Besaran.PAGU,
                                           program=salinan)])
    (t,) = [t for t in periksa(opd=m.opd, tahun=TAHUN)
            if t.aturan == "tercetak-beda" and "Pagu program" in t.lokasi]
    assert t.tingkat == GALAT and "1.234" in t.ditemukan
    assert asal.nama in t.judul
