"""A Perjanjian Kinerja is signed like an LKjIP: approving it renders the PDF once, archives
it with its SHA-256 (stamped with id and short fingerprint on every page, verification block
at the end), every later download returns that file, and /verifikasi/ and `manage.py
verifikasi` recognise it. A PK perubahan approved later is a new archive; the old one stays
downloadable and verifiable. kinerja only sends `pk_disetujui`; laporan archives."""

import hashlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from kinerja import services
from kinerja.models import BarisPk, PeristiwaPk, PerjanjianKinerja, StatusPk
from laporan import services as laporan_services
from laporan.models import ArsipLaporan, JenisArsip
from tests.conftest import login
from tests.kinerja.conftest import kantor

from .conftest import teks_pdf, verifikasi_cli

NIP_PERTAMA = "19700101 199001 1 001"
NIP_KEDUA = "19650202 198503 1 002"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def pk(renstra_a, perencana_a):
    """Office A's PK 2019 with both parties, submitted to the head."""
    k = kantor(renstra_a)
    pk = services.pk_create(opd=k.renstra.opd, renstra=k.renstra, tahun=2019, oleh=perencana_a,
                            pk=PerjanjianKinerja(
                                tempat="Contoh", pihak_pertama_nama="Kepala Dinas A",
                                pihak_pertama_jabatan="Kepala Dinas A",
                                pihak_pertama_nip=NIP_PERTAMA, pihak_kedua_nama="Bupati Contoh",
                                pihak_kedua_jabatan="Bupati Contoh", pihak_kedua_nip=NIP_KEDUA))
    services.pk_submit(pk=pk, oleh=perencana_a)
    return pk


def _setujui(pk, kepala):
    """Approve as the head does, through the page."""
    r = login(kepala).post(reverse("kinerja:pk-approve", args=[pk.pk]))
    assert r.status_code == 302
    return ArsipLaporan.objects.get(perjanjian=pk)


def _unduh(client, pk) -> bytes:
    r = client.get(reverse("laporan:pk-pdf", args=[pk.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    return b"".join(r.streaming_content)


def test_approval_archives_the_signed_pdf_once(pk, kepala_a):
    arsip = _setujui(pk, kepala_a)
    pk.refresh_from_db()
    assert pk.status == StatusPk.DISETUJUI
    assert (arsip.jenis, arsip.opd, arsip.tahun, arsip.versi, arsip.laporan) == (
        JenisArsip.PK, pk.opd, 2019, 0, None)
    isi = Path(arsip.berkas.path).read_bytes()
    assert isi.startswith(b"%PDF-") and len(isi) == arsip.ukuran
    assert hashlib.sha256(isi).hexdigest() == arsip.sha256
    disetujui = PeristiwaPk.objects.get(perjanjian=pk, ke=StatusPk.DISETUJUI)
    assert (arsip.disetujui_oleh, arsip.disetujui_pada) == (kepala_a, disetujui.pada)
    assert ArsipLaporan.objects.count() == 1


def test_download_is_the_archive_byte_for_byte_even_after_data_changes(pk, kepala_a,
                                                                       perencana_a):
    arsip = _setujui(pk, kepala_a)
    disimpan = Path(arsip.berkas.path).read_bytes()
    c = login(perencana_a)
    unduh = [_unduh(c, pk), _unduh(c, pk)]
    # Data the PDF shows changes later: the office's name, a target, a signatory.
    pk.opd.nama = "Dinas A Berganti Nama"
    pk.opd.save()
    BarisPk.objects.filter(perjanjian=pk).update(target=99)
    PerjanjianKinerja.objects.filter(pk=pk.pk).update(pihak_kedua_nama="Bupati Baru")
    unduh.append(_unduh(c, pk))
    assert unduh == [disimpan] * 3
    detail = c.get(reverse("kinerja:pk-detail", args=[pk.pk])).content.decode()
    assert reverse("laporan:pk-pdf", args=[pk.pk]) in detail
    assert "Unduh PDF yang ditandatangani" in detail


def test_pdf_prints_id_short_hash_signatories_and_verification_block(pk, kepala_a):
    arsip = _setujui(pk, kepala_a)
    teks = teks_pdf(Path(arsip.berkas.path).read_bytes())
    # Every page carries the stamp: the statement page and the attachment page.
    cap = f"PK-{pk.pk}-2019-V0 · sidik {arsip.sidik[:4]} {arsip.sidik[4:8]}"
    halaman = [h for h in teks.split("\f") if h.strip()]  # pdftotext ends pages with \f
    assert len(halaman) >= 2 and all(cap in h for h in halaman)
    assert f"NIP. {NIP_PERTAMA}" in teks and f"NIP. {NIP_KEDUA}" in teks
    assert "Lembar verifikasi dokumen" in teks and "(PK awal)" in teks
    assert "http://testserver/verifikasi/" in teks
    assert arsip.sha256 not in teks  # a file cannot print its own hash: the sidik stands in


def _periksa(isi: bytes) -> str:
    r = Client().post(reverse("verifikasi"),
                      {"berkas": SimpleUploadedFile("pk.pdf", isi, "application/pdf")})
    return r.content.decode()


def test_verification_page_names_the_pk_and_a_changed_byte_fails(pk, kepala_a):
    arsip = _setujui(pk, kepala_a)
    isi = Path(arsip.berkas.path).read_bytes()
    cocok = _periksa(isi)
    assert "Cocok: dokumen asli" in cocok
    assert "Perjanjian Kinerja Dinas A Tahun 2019" in cocok
    assert "PK awal (versi terbaru)" in cocok and "kepala_a" in cocok
    satu_byte = bytearray(isi)
    satu_byte[len(isi) // 2] ^= 0x01
    assert "Tidak cocok" in _periksa(bytes(satu_byte))
    # The QR code's link: the content fingerprint.
    qr = Client().get(reverse("verifikasi"), {"kode": arsip.sidik}).content.decode()
    assert "Perjanjian Kinerja Dinas A Tahun 2019" in qr


def test_cli_exit_codes_for_a_pk(pk, kepala_a, tmp_path):
    arsip = _setujui(pk, kepala_a)
    kode, keluar = verifikasi_cli(arsip.berkas.path)
    assert kode == 0 and "COCOK" in keluar
    assert "Perjanjian Kinerja Dinas A Tahun 2019" in keluar and "PK awal" in keluar
    ubah = tmp_path / "ubah.pdf"
    isi = bytearray(Path(arsip.berkas.path).read_bytes())
    isi[-10] ^= 0x01
    ubah.write_bytes(bytes(isi))
    kode, keluar = verifikasi_cli(ubah)
    assert kode == 1 and "TIDAK COCOK" in keluar


def test_pk_perubahan_is_a_new_archive_and_the_old_stays(pk, kepala_a, perencana_a):
    awal = _setujui(pk, kepala_a)
    baru = services.pk_revise(pk=PerjanjianKinerja.objects.get(pk=pk.pk),
                              alasan="Refocusing anggaran", oleh=perencana_a)
    services.pk_submit(pk=baru, oleh=perencana_a)
    perubahan = _setujui(baru, kepala_a)
    assert (perubahan.versi, perubahan.jenis) == (1, JenisArsip.PK)
    assert perubahan.sha256 != awal.sha256
    c = login(kepala_a)
    for p, a in ((pk, awal), (baru, perubahan)):
        assert hashlib.sha256(_unduh(c, p)).hexdigest() == a.sha256
    lama = _periksa(Path(awal.berkas.path).read_bytes())
    assert "Cocok" in lama and "PK awal (sudah digantikan oleh PK perubahan 1)" in lama
    teks = teks_pdf(Path(perubahan.berkas.path).read_bytes())
    assert f"PK-{baru.pk}-2019-V1" in teks and "(PK perubahan 1)" in teks


def test_archiving_failure_undoes_the_approval(pk, kepala_a, monkeypatch):
    def gagal(*args, **kwargs):
        raise OSError("disk penuh")

    monkeypatch.setattr(laporan_services, "render_pdf", gagal)
    with pytest.raises(OSError):
        services.pk_approve(pk=pk, oleh=kepala_a)
    pk.refresh_from_db()
    assert pk.status == StatusPk.DIAJUKAN
    assert not PeristiwaPk.objects.filter(perjanjian=pk, ke=StatusPk.DISETUJUI).exists()
    assert not ArsipLaporan.objects.exists()


def test_outside_a_request_the_qr_code_uses_the_configured_address(pk, kepala_a, settings):
    settings.SAKIP_URL_DASAR = "https://sakip.contoh.go.id/"
    services.pk_approve(pk=pk, oleh=kepala_a)
    teks = teks_pdf(Path(ArsipLaporan.objects.get(perjanjian=pk).berkas.path).read_bytes())
    assert "https://sakip.contoh.go.id/verifikasi/" in teks
