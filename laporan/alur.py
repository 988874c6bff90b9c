"""Reads of the signing workflow: what an LKjIP approval still misses, the signed stamp
printed on an approved PDF (LKjIP or PK), the lookup behind verification, and the reporting
deadline of a report.

Writes (submit, return, approve, unlock, archiving an approved PK) are in `laporan.services`.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from typing import IO

import segno
from django.db.models import Min, QuerySet
from django.utils import timezone

from kinerja.models import Realisasi
from sakip.kunci import batas_bawaan, tanggal_id, terlambat
from sakip.models import JadwalPelaporan, Opd

from .models import ArsipLaporan, JenisArsip, LaporanKinerja, PeristiwaLaporan, StatusLaporan
from .selectors import DataLkjip

# Sections PermenPAN-RB 53/2014 (Lampiran III) requires and no data can stand in for:
# Bab I's background, purpose, duties, organisation and strategic issues, and Bab IV.
# The rest is either generated from data or has a standard text (narasi_bawaan).
BAGIAN_WAJIB = ("latar_belakang", "maksud_tujuan", "tugas_fungsi", "struktur_organisasi",
                "isu_strategis", "penutup")
UKURAN_MAKS_PDF = 20 * 1024 * 1024
# A typed code: the full SHA-256 of the file or of the content, or the short content
# fingerprint of the footer (at least 12 hex digits); spaces and dashes are ignored.
PANJANG_KODE_MIN = 12


def kekurangan(data: DataLkjip) -> list[str]:
    """What an approval would sign although it is missing, in report order."""
    judul = dict(LaporanKinerja.BAGIAN_NARASI)
    hasil = [f"Bagian \u201c{judul[f]}\u201d belum diisi." for f in BAGIAN_WAJIB
             if not data.narasi.get(f, "").strip()]
    if not data.ttd.nama.strip():
        hasil.append("Nama penandatangan belum diisi.")
    for p in data.periode:
        if p.pk is None:
            hasil.append(f"Perjanjian Kinerja {data.tahun} (Renstra {p.periode}) belum ada.")
        elif not p.pk.disetujui:
            hasil.append(f"Perjanjian Kinerja {data.tahun} (Renstra {p.periode}) belum "
                         "disetujui.")
    iku = data.semua_iku
    berisi = set(Realisasi.objects.filter(indikator_id__in=[i.indikator_id for i in iku],
                                          tahun=data.tahun).values_list("indikator_id",
                                                                        flat=True))
    hasil += [f"IKU {i.nomor} \u201c{i.nama}\u201d belum memiliki realisasi {data.tahun}."
              for i in iku if i.indikator_id not in berisi]
    return hasil


# --- the signed stamp ----------------------------------------------------------------------


@dataclass(frozen=True)
class Segel:
    """What an approved PDF prints about itself: footer on every page, block at the end."""

    id_dokumen: str
    nama_versi: str  # as printed: "versi 2", "PK awal", "PK perubahan 1"
    sidik: str
    disetujui_pada: dt.datetime
    nama_penyetuju: str
    url_verifikasi: str

    @property
    def sidik_pendek(self) -> str:
        return kelompok_hex(self.sidik[:16])

    @property
    def sidik_tampil(self) -> str:
        return kelompok_hex(self.sidik)

    @property
    def waktu_tampil(self) -> str:
        waktu = timezone.localtime(self.disetujui_pada)
        return f"{tanggal_id(waktu.date())} pukul {waktu:%H.%M} {_zona(waktu)}"

    @property
    def url_kode(self) -> str:
        return f"{self.url_verifikasi}?kode={self.sidik}"

    @property
    def qr_svg(self) -> str:
        """The verification URL with this document's code as a QR code, an SVG data URI
        (the PDF fetcher reads data: URIs only, besides static files)."""
        svg = segno.make(self.url_kode, error="m").svg_inline(scale=4, border=2)
        return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def _zona(waktu: dt.datetime) -> str:
    return {"+0700": "WIB", "+0800": "WITA", "+0900": "WIT"}.get(waktu.strftime("%z"),
                                                                   waktu.strftime("%Z"))


def kelompok_hex(teks: str) -> str:
    return " ".join(teks[i:i + 4] for i in range(0, len(teks), 4))


def sidik_isi(*, id_dokumen: str, waktu: dt.datetime, html: str) -> str:
    """SHA-256 of the document id, the approval time and the HTML without the stamp: the
    fingerprint printed in the PDF (the file cannot contain its own hash)."""
    h = hashlib.sha256(f"{id_dokumen}\n{waktu.isoformat()}\n".encode())
    h.update(html.encode())
    return h.hexdigest()


# --- verification ---------------------------------------------------------------------------


def sha256_berkas(berkas: IO[bytes]) -> str:
    h = hashlib.sha256()
    for potongan in iter(lambda: berkas.read(1024 * 1024), b""):
        h.update(potongan)
    return h.hexdigest()


def _arsip() -> QuerySet[ArsipLaporan]:
    return ArsipLaporan.objects.select_related("opd__pemda", "laporan", "perjanjian")


def arsip_dari_sha256(sha256: str) -> ArsipLaporan | None:
    return _arsip().filter(sha256=sha256.lower()).first()


def bersihkan_kode(teks: str) -> str | None:
    """The hex digits of a typed code, or None when it cannot be one."""
    kode = re.sub(r"[\s\-:]", "", teks).lower()
    if len(kode) < PANJANG_KODE_MIN or len(kode) > 64 or not re.fullmatch(r"[0-9a-f]+", kode):
        return None
    return kode


def arsip_dari_kode(kode: str) -> ArsipLaporan | None:
    """A full file hash, a full content fingerprint, or the footer's short fingerprint."""
    qs = _arsip()
    if len(kode) == 64:
        return qs.filter(sha256=kode).first() or qs.filter(sidik=kode).first()
    cocok = list(qs.filter(sidik__startswith=kode)[:2])
    # Two documents sharing a prefix must not be confused: ask for more digits.
    return cocok[0] if len(cocok) == 1 else None


@dataclass(frozen=True)
class HasilVerifikasi:
    arsip: ArsipLaporan
    terbaru: ArsipLaporan  # the latest signed version of the same document

    @property
    def digantikan(self) -> bool:
        return self.terbaru.pk != self.arsip.pk

    def baris(self) -> list[tuple[str, str]]:
        """What the page and the command print, label by label."""
        a = self.arsip
        waktu = timezone.localtime(a.disetujui_pada)
        versi = a.nama_versi + (f" (sudah digantikan oleh {self.terbaru.nama_versi})"
                                if self.digantikan else " (versi terbaru)")
        return [
            ("Dokumen", f"{a.get_jenis_display()} {a.opd.nama} Tahun {a.tahun}"),
            ("Pemerintah daerah", a.opd.pemda.nama),
            ("ID dokumen", a.id_dokumen),
            ("Versi", versi),
            ("Disetujui oleh", a.nama_penyetuju),
            ("Disetujui pada", f"{tanggal_id(waktu.date())} pukul {waktu:%H.%M} "
                               f"{_zona(waktu)}"),
            ("SHA-256 berkas", a.sha256),
            ("Sidik isi", a.sidik),
        ]


def hasil_verifikasi(arsip: ArsipLaporan | None) -> HasilVerifikasi | None:
    if arsip is None:
        return None
    if arsip.jenis == JenisArsip.PK:
        # Every PK version is its own row: the same document is the same office, Renstra
        # period and year.
        p = arsip.perjanjian
        assert p is not None
        sama = ArsipLaporan.objects.filter(perjanjian__opd_id=p.opd_id,
                                           perjanjian__renstra_id=p.renstra_id,
                                           perjanjian__tahun=p.tahun)
    else:
        sama = ArsipLaporan.objects.filter(laporan_id=arsip.laporan_id)
    terbaru = sama.order_by("-versi").first()
    assert terbaru is not None  # `arsip` itself at least
    return HasilVerifikasi(arsip, terbaru)


# --- reporting deadline -----------------------------------------------------------------------


@dataclass(frozen=True)
class StatusPelaporan:
    batas: dt.date | None
    diajukan: dt.date | None  # the first submission: a later resubmission is not late
    terlambat: bool

    @property
    def batas_tampil(self) -> str:
        return tanggal_id(self.batas) if self.batas else ""

    @property
    def diajukan_tampil(self) -> str:
        return tanggal_id(self.diajukan) if self.diajukan else ""


def status_pelaporan(daftar: list[tuple[Opd, int, LaporanKinerja | None]]
                     ) -> list[StatusPelaporan]:
    """Deadline of each (office, year, its LKjIP or None), when the LKjIP was first
    submitted, and whether that was late; two queries however long the list."""
    pemda_ids = {opd.pemda_id for opd, _, _ in daftar}
    jadwal = {(j.pemda_id, j.tahun): j.batas for j in JadwalPelaporan.objects.filter(
        pemda_id__in=pemda_ids, jenis=JadwalPelaporan.Jenis.LKJIP)}
    pertama = dict(PeristiwaLaporan.objects.filter(
        laporan_id__in=[lp.pk for _, _, lp in daftar if lp is not None],
        ke=StatusLaporan.DIAJUKAN).values("laporan_id").annotate(m=Min("waktu"))
        .values_list("laporan_id", "m"))
    hari_ini = timezone.localdate()
    hasil = []
    for opd, tahun, laporan in daftar:
        batas = jadwal.get((opd.pemda_id, tahun)) or batas_bawaan(
            JadwalPelaporan.Jenis.LKJIP, tahun)
        waktu = pertama.get(laporan.pk) if laporan is not None else None
        diajukan = timezone.localtime(waktu).date() if waktu else None
        hasil.append(StatusPelaporan(batas, diajukan, terlambat(
            batas=batas, diajukan=diajukan, hari_ini=hari_ini)))
    return hasil
