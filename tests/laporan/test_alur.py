"""LKjIP workflow: submit → return (with a note) → resubmit → approve (sign, archive, lock),
unlock → next version; the archived file is what every download returns and what
verification (page and command) recognises; wrong role 403, another office 404, GET 405,
CSRF; deadlines and late submissions."""

import datetime as dt
import hashlib
from pathlib import Path

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from kinerja import services as kinerja_services
from laporan import services
from laporan.models import LaporanKinerja, PeristiwaLaporan, StatusLaporan
from sakip.middleware import SESSION_TAHUN
from sakip.models import JadwalPelaporan, KunciPeriode
from tests.conftest import login

from .conftest import kantor_kecil, teks_pdf, verifikasi_cli

NARASI_WAJIB = {f: f"Isi {f} yang ditulis staf." for f in (
    "latar_belakang", "maksud_tujuan", "tugas_fungsi", "struktur_organisasi",
    "isu_strategis", "penutup")}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def kantor(opd_a, perencana_a, kepala_a):
    """Office A with a complete LKjIP 2019 draft: approved PK, realisations, sections."""
    k = kantor_kecil(opd_a, jumlah_iku=2)
    kinerja_services.pk_submit(pk=k.pk, oleh=perencana_a)
    kinerja_services.pk_approve(pk=k.pk, oleh=kepala_a)
    services.laporan_update(laporan=k.laporan, oleh=perencana_a, alasan="uji",
                            data={**NARASI_WAJIB, "penandatangan_nama": "Kepala Dinas A"})
    return k


def _url(nama, laporan, *args):
    return reverse(f"laporan:{nama}", args=[laporan.pk, *args])


def _status(laporan):
    return LaporanKinerja.objects.get(pk=laporan.pk).status


def _setujui(kantor, kepala, **data):
    return login(kepala).post(_url("lkjip-approve", kantor.laporan), data)


def test_full_cycle_with_timeline(kantor, perencana_a, kepala_a):
    lp = kantor.laporan
    perencana, kepala = login(perencana_a), login(kepala_a)
    assert perencana.post(_url("lkjip-submit", lp)).status_code == 302
    assert _status(lp) == StatusLaporan.DIAJUKAN
    # A return needs a note: without one nothing changes.
    kepala.post(_url("lkjip-return", lp), {"catatan": "  "})
    assert _status(lp) == StatusLaporan.DIAJUKAN
    kepala.post(_url("lkjip-return", lp), {"catatan": "Lengkapi isu strategis."})
    assert _status(lp) == StatusLaporan.DIKEMBALIKAN
    assert perencana.post(_url("lkjip-submit", lp)).status_code == 302
    layar = kepala.get(_url("lkjip-approve", lp))
    assert layar.status_code == 200 and "Reviu otomatis" in layar.content.decode()
    r = kepala.post(_url("lkjip-approve", lp), {"catatan": "Baik."})
    assert r.status_code == 302
    lp.refresh_from_db()
    assert (lp.status, lp.versi) == (StatusLaporan.DISETUJUI, 1)
    langkah = [(e.oleh.username, e.dari, e.ke, e.catatan) for e in lp.peristiwa.all()]
    assert langkah == [
        ("perencana_a", "draft", "diajukan", ""),
        ("kepala_a", "diajukan", "dikembalikan", "Lengkapi isu strategis."),
        ("perencana_a", "dikembalikan", "diajukan", ""),
        ("kepala_a", "diajukan", "disetujui", "Baik."),
    ]
    assert KunciPeriode.objects.aktif().filter(opd=lp.opd, tahun=2019).count() == 1
    halaman = perencana.get(_url("lkjip-detail", lp)).content.decode()
    assert "Lengkapi isu strategis." in halaman and "Versi 1" in halaman


@pytest.mark.parametrize("nama,persona,status_awal", [
    ("lkjip-submit", "kepala_a", StatusLaporan.DRAFT),
    ("lkjip-submit", "inspektur", StatusLaporan.DRAFT),
    ("lkjip-submit", "admin_user", StatusLaporan.DRAFT),
    ("lkjip-approve", "perencana_a", StatusLaporan.DIAJUKAN),
    ("lkjip-approve", "inspektur", StatusLaporan.DIAJUKAN),
    ("lkjip-approve", "admin_user", StatusLaporan.DIAJUKAN),
    ("lkjip-approve", "kepala_a", StatusLaporan.DRAFT),
    ("lkjip-return", "perencana_a", StatusLaporan.DIAJUKAN),
    ("lkjip-unlock", "kepala_a", StatusLaporan.DISETUJUI),
    ("lkjip-unlock", "perencana_a", StatusLaporan.DISETUJUI),
    ("lkjip-unlock", "admin_user", StatusLaporan.DIAJUKAN),
])
def test_wrong_role_or_state_is_403_and_changes_nothing(kantor, perencana_a, kepala_a,
                                                       request, nama, persona, status_awal):
    lp = kantor.laporan
    if status_awal != StatusLaporan.DRAFT:
        services.laporan_submit(laporan=lp, oleh=perencana_a)
    if status_awal == StatusLaporan.DISETUJUI:
        services.laporan_approve(laporan=lp, oleh=kepala_a, url_verifikasi="http://x/v/")
    sebelum = (PeristiwaLaporan.objects.count(), lp.arsip.count())
    user = request.getfixturevalue(persona)
    r = login(user).post(_url(nama, lp), {"catatan": "x", "alasan": "Alasan yang cukup panjang"})
    assert r.status_code == 403
    assert _status(lp) == status_awal
    assert (PeristiwaLaporan.objects.count(), lp.arsip.count()) == sebelum


@pytest.mark.parametrize("nama", ["lkjip-submit", "lkjip-return", "lkjip-approve",
                                  "lkjip-unlock"])
def test_another_office_404_get_405_csrf(kantor, perencana_b, perencana_a, kepala_a,
                                         admin_user, csrf_client_for, nama):
    lp = kantor.laporan
    assert login(perencana_b).post(_url(nama, lp)).status_code == 404
    if nama in ("lkjip-submit", "lkjip-return"):
        assert login(perencana_a).get(_url(nama, lp)).status_code == 405
    pemilik = {"lkjip-submit": perencana_a, "lkjip-unlock": admin_user}.get(nama, kepala_a)
    if nama != "lkjip-submit":
        services.laporan_submit(laporan=lp, oleh=perencana_a)
    if nama == "lkjip-unlock":
        services.laporan_approve(laporan=lp, oleh=kepala_a, url_verifikasi="http://x/v/")
    sebelum = _status(lp)
    r = csrf_client_for(pemilik).post(_url(nama, lp), {"catatan": "x", "alasan": "x" * 20})
    assert r.status_code == 403 and _status(lp) == sebelum


def test_double_approval_signs_once(kantor, perencana_a, kepala_a):
    lp = kantor.laporan
    services.laporan_submit(laporan=lp, oleh=perencana_a)
    basi = LaporanKinerja.objects.get(pk=lp.pk)  # a second tab opened before the first click
    services.laporan_approve(laporan=lp, oleh=kepala_a, url_verifikasi="http://x/v/")
    with pytest.raises(PermissionDenied):
        services.laporan_approve(laporan=basi, oleh=kepala_a, url_verifikasi="http://x/v/")
    assert _setujui(kantor, kepala_a).status_code == 403
    assert lp.arsip.count() == 1
    assert PeristiwaLaporan.objects.filter(ke=StatusLaporan.DISETUJUI).count() == 1


def test_failed_approval_leaves_no_signed_file(kantor, perencana_a, kepala_a, monkeypatch,
                                              tmp_path):
    """The file is written inside the approval's transaction: a later failure in it rolls
    the rows back, and the file goes too."""
    lp = kantor.laporan
    services.laporan_submit(laporan=lp, oleh=perencana_a)
    pdf_pk = set(tmp_path.rglob("*.pdf"))  # the PK's, archived on its approval

    def gagal(**kwargs):
        raise RuntimeError("basis data putus")

    monkeypatch.setattr(PeristiwaLaporan.objects, "create", gagal)
    with pytest.raises(RuntimeError):
        services.laporan_approve(laporan=lp, oleh=kepala_a, url_verifikasi="http://x/v/")
    assert _status(lp) == StatusLaporan.DIAJUKAN and not lp.arsip.exists()
    assert set(tmp_path.rglob("*.pdf")) == pdf_pk
    monkeypatch.undo()
    arsip = services.laporan_approve(laporan=lp, oleh=kepala_a, url_verifikasi="http://x/v/")
    assert Path(arsip.berkas.path).is_file()


def test_incomplete_report_refused_with_list_or_confirmed(kantor, perencana_a, kepala_a):
    lp = kantor.laporan
    services.laporan_update(laporan=lp, oleh=perencana_a, alasan="uji", data={"penutup": ""})
    kantor.iku[1].realisasi.all().delete()
    services.laporan_submit(laporan=lp, oleh=perencana_a)
    r = _setujui(kantor, kepala_a)
    html = r.content.decode()
    assert r.status_code == 200
    assert "Bagian \u201cPenutup\u201d belum diisi." in html
    assert "IKU 2 \u201cPersentase uji 1\u201d belum memiliki realisasi 2019." in html
    assert _status(lp) == StatusLaporan.DIAJUKAN and not lp.arsip.exists()
    assert _setujui(kantor, kepala_a, konfirmasi="on").status_code == 302
    catatan = PeristiwaLaporan.objects.get(ke=StatusLaporan.DISETUJUI).catatan
    assert "Disetujui dengan konfirmasi" in catatan and "Penutup" in catatan
    assert "Persentase uji 1" in catatan


def test_signed_pdf_is_archived_stamped_and_stable(kantor, perencana_a, kepala_a):
    lp = kantor.laporan
    services.laporan_submit(laporan=lp, oleh=perencana_a)
    arsip = services.laporan_approve(laporan=lp, oleh=kepala_a,
                                     url_verifikasi="http://sakip.test/verifikasi/")
    disimpan = Path(arsip.berkas.path).read_bytes()
    assert hashlib.sha256(disimpan).hexdigest() == arsip.sha256
    c = login(kepala_a)
    unduh = [b"".join(c.get(_url("lkjip-pdf", lp)).streaming_content) for _ in range(2)]
    # Data changing later (here the office's name) does not touch the signed file.
    lp.opd.nama = "Dinas A Berganti Nama"
    lp.opd.save()
    unduh.append(b"".join(c.get(_url("lkjip-arsip", lp, 1)).streaming_content))
    assert unduh == [disimpan] * 3
    teks = teks_pdf(disimpan)
    assert f"LKJIP-{lp.pk}-2019-V1 · sidik {arsip.sidik[:4]}" in teks
    assert "Lembar verifikasi dokumen" in teks and "http://sakip.test/verifikasi/" in teks
    assert arsip.sha256 not in teks  # a file cannot print its own hash: the sidik stands in


def _periksa(client, isi, nama="lkjip.pdf"):
    return client.post(reverse("verifikasi"),
                       {"berkas": SimpleUploadedFile(nama, isi, "application/pdf")})


def test_public_verification_page(kantor, perencana_a, kepala_a):
    lp = kantor.laporan
    services.laporan_submit(laporan=lp, oleh=perencana_a)
    arsip = services.laporan_approve(laporan=lp, oleh=kepala_a, url_verifikasi="http://x/v/")
    isi = Path(arsip.berkas.path).read_bytes()
    anonim = Client()
    assert anonim.get(reverse("verifikasi")).status_code == 200
    cocok = _periksa(anonim, isi).content.decode()
    assert "Cocok: dokumen asli" in cocok and "LKjIP Dinas A Tahun 2019" in cocok
    assert "Kepala A" in cocok or "kepala_a" in cocok
    satu_byte = bytearray(isi)
    satu_byte[len(isi) // 2] ^= 0x01
    assert "Tidak cocok" in _periksa(anonim, bytes(satu_byte)).content.decode()
    bukan = _periksa(anonim, b"PK\x03\x04 bukan pdf", "laporan.docx").content.decode()
    assert "Berkas ini bukan PDF" in bukan
    besar = _periksa(anonim, b"%PDF-" + b"0" * (20 * 1024 * 1024)).content.decode()
    assert "Berkas terlalu besar" in besar and "paling besar 20 MB" in besar
    # The QR code's link, and the short fingerprint typed from the footer.
    qr = anonim.get(reverse("verifikasi"), {"kode": arsip.sidik}).content.decode()
    assert "Cocok: dokumen asli" in qr
    pendek = " ".join(arsip.sidik[i:i + 4] for i in range(0, 16, 4))
    assert "Cocok" in anonim.post(reverse("verifikasi"), {"kode": pendek}).content.decode()
    salah = anonim.post(reverse("verifikasi"), {"kode": "zz"}).content.decode()
    assert "heksadesimal" in salah


def test_cli_exit_codes(kantor, perencana_a, kepala_a, tmp_path):
    lp = kantor.laporan
    services.laporan_submit(laporan=lp, oleh=perencana_a)
    arsip = services.laporan_approve(laporan=lp, oleh=kepala_a, url_verifikasi="http://x/v/")
    kode, keluar = verifikasi_cli(arsip.berkas.path)
    assert kode == 0 and "COCOK" in keluar and "Dinas A Tahun 2019" in keluar
    ubah = tmp_path / "ubah.pdf"
    isi = bytearray(Path(arsip.berkas.path).read_bytes())
    isi[-10] ^= 0x01
    ubah.write_bytes(bytes(isi))
    kode, keluar = verifikasi_cli(ubah)
    assert kode == 1 and "TIDAK COCOK" in keluar
    teks = tmp_path / "catatan.txt"
    teks.write_text("bukan pdf")
    assert verifikasi_cli(teks)[0] == 1
    assert verifikasi_cli(tmp_path / "tidak-ada.pdf")[0] == 1


def test_unlock_then_next_version_both_kept(kantor, perencana_a, kepala_a, admin_user):
    lp = kantor.laporan
    services.laporan_submit(laporan=lp, oleh=perencana_a)
    v1 = services.laporan_approve(laporan=lp, oleh=kepala_a, url_verifikasi="http://x/v/")
    admin = login(admin_user)
    assert admin.get(_url("lkjip-unlock", lp)).status_code == 200
    admin.post(_url("lkjip-unlock", lp), {"alasan": "pendek"})
    assert _status(lp) == StatusLaporan.DISETUJUI
    r = admin.post(_url("lkjip-unlock", lp), {"alasan": "Koreksi realisasi IKU 2 dari BPS"})
    assert r.status_code == 302 and _status(lp) == StatusLaporan.DRAFT
    kunci = KunciPeriode.objects.get(opd=lp.opd, tahun=2019)
    assert kunci.alasan_buka == "Koreksi realisasi IKU 2 dari BPS" and kunci.dibuka_oleh
    services.laporan_submit(laporan=lp, oleh=perencana_a)
    v2 = services.laporan_approve(laporan=lp, oleh=kepala_a, url_verifikasi="http://x/v/")
    assert (v1.versi, v2.versi) == (1, 2) and v1.sha256 != v2.sha256
    c = login(kepala_a)
    for a in (v1, v2):
        isi = b"".join(c.get(_url("lkjip-arsip", lp, a.versi)).streaming_content)
        assert hashlib.sha256(isi).hexdigest() == a.sha256
    lama = _periksa(Client(), Path(v1.berkas.path).read_bytes()).content.decode()
    assert "Cocok" in lama and "sudah digantikan oleh versi 2" in lama
    assert KunciPeriode.objects.aktif().filter(opd=lp.opd, tahun=2019).count() == 1


@time_machine.travel(dt.datetime(2020, 3, 2, 9, tzinfo=dt.UTC), tick=False)
def test_deadline_default_and_late_submission(kantor, perencana_a, pemda):
    lp = kantor.laporan
    c = login(perencana_a)
    halaman = c.get(_url("lkjip-detail", lp)).content.decode()
    assert "batas 29 Februari 2020" in halaman and "lewat batas, belum diajukan" in halaman
    services.laporan_submit(laporan=lp, oleh=perencana_a)
    halaman = c.get(_url("lkjip-detail", lp)).content.decode()
    assert "diajukan 2 Maret 2020" in halaman and ">terlambat<" in halaman
    JadwalPelaporan.objects.create(pemda=pemda, tahun=2019, jenis="lkjip",
                                   batas=dt.date(2020, 3, 31))
    sesi = c.session
    sesi[SESSION_TAHUN] = 2019
    sesi.save()
    halaman = c.get(reverse("laporan:pelaporan")).content.decode()
    assert "31 Maret 2020" in halaman and "terlambat" not in halaman
