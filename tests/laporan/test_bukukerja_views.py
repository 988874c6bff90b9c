"""The workbook pages: who may download, upload, preview and apply; the round trip through
the views (upload → preview → apply, PRG); CSRF; GET on POST-only URLs; years unlocalized."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.models import Realisasi
from laporan.bukukerja.impor import berkas_baca
from laporan.models import LogImpor
from tests.kinerja.test_views import masuk

from .test_bukukerja import bangun, ekspor, sel, ubah

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def bk(renstra_a, perencana_a):
    return bangun(renstra_a, perencana_a)


def _berkas(isi: bytes, nama: str = "isi.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, isi, content_type=XLSX)


def _unggah_url(slug: str = "dinas-a", tahun: int = 2019) -> str:
    return reverse("laporan:bukukerja-unggah", args=[slug, tahun])


@pytest.fixture
def isi_baru(bk) -> bytes:
    isi = ekspor(bk)
    return ubah(isi, Realisasi={sel(isi, "Realisasi", "nilai", id=bk.ind_program.pk,
                                    triwulan=4): "87,5"})


def test_pulang_pergi_lewat_halaman(bk, perencana_a, isi_baru):
    c = masuk(perencana_a, bk.opd)
    r = c.get(reverse("laporan:bukukerja"))
    assert r.status_code == 200
    teks = r.content.decode()
    assert reverse("laporan:bukukerja-unduh", args=["dinas-a", 2019]) in teks
    assert "2.019" not in teks

    r = c.get(reverse("laporan:bukukerja-unduh", args=["dinas-a", 2019]))
    assert r["Content-Type"] == XLSX
    assert r["Content-Disposition"] == 'attachment; filename="buku-kerja-dinas-a-2019.xlsx"'

    r = c.post(_unggah_url(), {"berkas": _berkas(isi_baru)})
    log = LogImpor.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("laporan:bukukerja-pratinjau",
                                                               args=[log.pk])
    assert berkas_baca(log) == isi_baru  # kept server-side under its hash
    assert not Realisasi.objects.filter(indikator=bk.ind_program).exists()

    r = c.get(r["Location"])
    teks = r.content.decode()
    assert "1 baru" in teks and "0 ditolak" in teks
    assert "Realisasi:</span> <del>-</del> → <ins>87,5</ins>" in teks
    assert reverse("laporan:bukukerja-terapkan", args=[log.pk]) in teks

    r = c.post(reverse("laporan:bukukerja-terapkan", args=[log.pk]))
    assert r.status_code == 302 and r["Location"] == reverse("laporan:bukukerja")
    assert Realisasi.objects.get(indikator=bk.ind_program, triwulan=4).nilai == 87.5
    assert LogImpor.objects.filter(diterapkan=True, oleh=perencana_a).count() == 1

    # Applying the same check twice is refused; nothing is written again.
    r = c.post(reverse("laporan:bukukerja-terapkan", args=[log.pk]), follow=True)
    assert "sudah diterapkan" in r.content.decode()
    assert LogImpor.objects.count() == 2


def test_unggahan_buruk_tampil_di_formulir_tanpa_jejak(bk, perencana_a):
    c = masuk(perencana_a, bk.opd)
    r = c.post(_unggah_url(), {"berkas": _berkas(b"%PDF-1.4 ...", "laporan.xlsx")})
    assert r.status_code == 200
    assert "isinya berkas PDF" in r.content.decode()
    assert not LogImpor.objects.exists()
    r = c.post(_unggah_url(), {})
    assert "Pilih berkas buku kerja .xlsx." in r.content.decode()


def test_pratinjau_dengan_baris_ditolak_tanpa_tombol_terapkan(bk, perencana_a):
    isi = ekspor(bk)
    ref = sel(isi, "Realisasi", "nilai", id=bk.ind_program.pk, triwulan=4)
    c = masuk(perencana_a, bk.opd)
    r = c.post(_unggah_url(), {"berkas": _berkas(ubah(isi, Realisasi={ref: "1,2,3"}))},
               follow=True)
    teks = r.content.decode()
    assert f"Sheet Realisasi, baris {ref[1:]}, kolom F: &#x27;1,2,3&#x27; bukan angka" in teks
    assert "tidak ada yang diterapkan" in teks
    assert "Terapkan perubahan" not in teks
    # A forged apply is checked again and refused.
    log = LogImpor.objects.get()
    r = c.post(reverse("laporan:bukukerja-terapkan", args=[log.pk]), follow=True)
    assert "1 baris ditolak" in r.content.decode()
    assert not LogImpor.objects.filter(diterapkan=True).exists()


@pytest.fixture
def log_a(bk, perencana_a, isi_baru):
    masuk(perencana_a, bk.opd).post(_unggah_url(), {"berkas": _berkas(isi_baru)})
    return LogImpor.objects.get()


@pytest.mark.parametrize("nama", ["unggah", "pratinjau", "terapkan"])
def test_kantor_lain_404_peran_lain_403(nama, bk, log_a, isi_baru, perencana_b, kepala_a,
                                       inspektur):
    url = {"unggah": _unggah_url(), "pratinjau": reverse("laporan:bukukerja-pratinjau",
                                                           args=[log_a.pk]),
           "terapkan": reverse("laporan:bukukerja-terapkan", args=[log_a.pk])}[nama]
    kirim = "get" if nama == "pratinjau" else "post"
    data = {"berkas": _berkas(isi_baru)} if nama == "unggah" else {}
    assert getattr(masuk(perencana_b), kirim)(url, data).status_code == 404
    for user in (kepala_a, inspektur):
        data = {"berkas": _berkas(isi_baru)} if nama == "unggah" else {}
        r = getattr(masuk(user, bk.opd), kirim)(url, data)
        assert r.status_code == 403
    assert not Realisasi.objects.filter(indikator=bk.ind_program).exists()
    assert LogImpor.objects.count() == 1


def test_pembaca_mengunduh_tanpa_formulir_unggah(bk, inspektur, perencana_b):
    c = masuk(inspektur, bk.opd)
    r = c.get(reverse("laporan:bukukerja"))
    teks = r.content.decode()
    assert "Hanya perencana perangkat daerah ini yang dapat mengimpor" in teks
    assert 'type="file"' not in teks
    assert c.get(reverse("laporan:bukukerja-unduh", args=["dinas-a", 2019])).status_code == 200
    url = reverse("laporan:bukukerja-unduh", args=["dinas-a", 2019])
    assert masuk(perencana_b).get(url).status_code == 404


@pytest.mark.parametrize("nama", ["bukukerja-unggah", "bukukerja-terapkan"])
def test_get_pada_url_post_405(nama, log_a, perencana_a, bk):
    args = ["dinas-a", 2019] if nama == "bukukerja-unggah" else [log_a.pk]
    assert masuk(perencana_a, bk.opd).get(reverse(f"laporan:{nama}", args=args)).status_code \
        == 405


def test_csrf_ditegakkan(bk, perencana_a, csrf_client_for, isi_baru):
    c = csrf_client_for(perencana_a)
    assert c.post(_unggah_url(), {"berkas": _berkas(isi_baru)}).status_code == 403
    assert not LogImpor.objects.exists()
