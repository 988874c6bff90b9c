"""Writes of the reports. Views (and the demo loader) call these; nothing else saves an
LKjIP, its tables or its analysis texts."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import replace
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from kinerja.models import PerjanjianKinerja, StatusPk
from kinerja.selectors import rantai_indikator
from renstra.models import Indikator
from sakip.models import KunciPeriode, Opd, Pejabat, Pemda
from sakip.rekam import simpan as _simpan
from sakip.rules import boleh

from . import alur
from .dokumen import lkjip_html, lkjip_pdf, pk_html
from .models import (
    ArsipLaporan,
    AsetSarana,
    BarisSdm,
    JenisAnalisis,
    JenisArsip,
    LaporanKinerja,
    NarasiAnalisis,
    PeristiwaLaporan,
    Prestasi,
    StatusLaporan,
    id_dokumen,
)
from .pdf import render_pdf
from .selectors import DataTidakAda, lkjip_dataset, narasi_laporan, pk_dataset, tanggal_teks

PESAN_TERKUNCI = ("LKjIP ini sudah diajukan atau disetujui: narasinya tidak dapat diubah "
                  "lagi kecuali dikembalikan.")
# Fields of the report a form may change; status and versi move only through the workflow.
KOLOM_UBAH = {
    "kertas", "tempat", "tanggal", "penandatangan_nama", "penandatangan_jabatan",
    "penandatangan_pangkat", "penandatangan_nip", "bagan_organisasi",
    *(f for f, _ in LaporanKinerja.BAGIAN_NARASI),
}


def _pastikan_draf(laporan: LaporanKinerja) -> None:
    if not laporan.dapat_diubah:
        raise PermissionDenied(PESAN_TERKUNCI)


@transaction.atomic
def laporan_create(*, opd: Opd, tahun: int, oleh: Any) -> LaporanKinerja:
    """A new draft LKjIP; the signatory starts as the office's active head (a copy, so a
    later change of head does not rewrite this report)."""
    if LaporanKinerja.objects.filter(opd=opd, tahun=tahun).exists():
        raise ValidationError({"tahun": f"LKjIP {opd.nama} tahun {tahun} sudah ada."})
    kepala = Pejabat.objects.filter(opd=opd, aktif=True).order_by("pk").first()
    laporan = LaporanKinerja(opd=opd, tahun=tahun, tempat=opd.pemda.ibukota)
    if kepala is not None:
        laporan.penandatangan_nama = kepala.nama
        laporan.penandatangan_jabatan = kepala.jabatan
        laporan.penandatangan_pangkat = kepala.pangkat
        laporan.penandatangan_nip = kepala.nip
    return _simpan(laporan, oleh=oleh, alasan=f"LKjIP {tahun} dibuat")


@transaction.atomic
def laporan_update(*, laporan: LaporanKinerja, data: dict[str, Any], oleh: Any,
                   alasan: str) -> LaporanKinerja:
    """Set the given narrative/setting fields (only those of KOLOM_UBAH) and save."""
    _pastikan_draf(laporan)
    liar = set(data) - KOLOM_UBAH
    if liar:
        raise ValidationError(f"Kolom tidak dapat diubah di sini: {', '.join(sorted(liar))}.")
    for k, v in data.items():
        setattr(laporan, k, v)
    return _simpan(laporan, oleh=oleh, alasan=alasan)


@transaction.atomic
def sdm_update(*, laporan: LaporanKinerja, kelompok: str, baris: list[tuple[str, int]],
               oleh: Any) -> None:
    """Replace the lines of one staff table by `baris` [(uraian, jumlah)], in that order."""
    _pastikan_draf(laporan)
    if kelompok not in BarisSdm.Kelompok.values:
        raise ValidationError({"kelompok": "Kelompok data pegawai tidak dikenal."})
    uraian = [u.strip() for u, _ in baris]
    kembar = {u for u in uraian if uraian.count(u) > 1}
    if kembar:
        raise ValidationError(f"Uraian ganda: {', '.join(sorted(kembar))}.")
    BarisSdm.objects.filter(laporan=laporan, kelompok=kelompok).delete()
    for i, (u, jumlah) in enumerate(baris, start=1):
        _simpan(BarisSdm(laporan=laporan, kelompok=kelompok, urutan=i, uraian=u.strip(),
                         jumlah=jumlah), oleh=oleh, alasan="Data pegawai LKjIP")


_Daftar = TypeVar("_Daftar", AsetSarana, Prestasi)


def _ganti_daftar(laporan: LaporanKinerja, model: type[_Daftar], baris: list[_Daftar], *,
                  oleh: Any, alasan: str) -> None:
    """Replace the report's rows of `model` by `baris` (unsaved rows), numbered in that order."""
    _pastikan_draf(laporan)
    model.objects.filter(laporan=laporan).delete()
    for i, b in enumerate(baris, start=1):
        b.pk = None
        b.laporan, b.urutan = laporan, i
        _simpan(b, oleh=oleh, alasan=alasan)


@transaction.atomic
def aset_update(*, laporan: LaporanKinerja, baris: list[AsetSarana], oleh: Any) -> None:
    _ganti_daftar(laporan, AsetSarana, baris, oleh=oleh, alasan="Sarana prasarana LKjIP")


@transaction.atomic
def prestasi_update(*, laporan: LaporanKinerja, baris: list[Prestasi], oleh: Any) -> None:
    _ganti_daftar(laporan, Prestasi, baris, oleh=oleh, alasan="Prestasi LKjIP")


def draf_terkini(laporan: LaporanKinerja) -> dict[tuple[int, str], str]:
    """The analysis drafts generated from today's data, per (indikator, jenis)."""
    data = lkjip_dataset(opd=laporan.opd, tahun=laporan.tahun)
    return {(iku.indikator_id, n.jenis): n.otomatis for iku in data.semua_iku
            for n in iku.narasi}


@transaction.atomic
def narasi_update(*, laporan: LaporanKinerja, indikator: Indikator, jenis: str, teks: str,
                  oleh: Any) -> NarasiAnalisis:
    """Keep the staff's text for one analysis. A text equal to the current draft is not an
    edit: the analysis then follows the data again."""
    _pastikan_draf(laporan)
    if jenis not in JenisAnalisis.values:
        raise ValidationError({"jenis": "Jenis analisis tidak dikenal."})
    otomatis = draf_terkini(laporan).get((indikator.pk, jenis))
    if otomatis is None:
        raise ValidationError("Indikator ini bukan IKU laporan ini.")
    obj = (NarasiAnalisis.objects.filter(laporan=laporan, indikator=indikator, jenis=jenis)
           .first() or NarasiAnalisis(laporan=laporan, indikator=indikator, jenis=jenis))
    teks = teks.strip()
    obj.teks_otomatis = otomatis
    obj.diubah = bool(teks) and teks != otomatis
    obj.teks = teks if obj.diubah else otomatis
    obj.diubah_oleh = oleh
    return _simpan(obj, oleh=oleh, alasan="Narasi analisis diubah" if obj.diubah
                   else "Narasi analisis kembali ke teks otomatis")


@transaction.atomic
def narasi_regenerate(*, laporan: LaporanKinerja, oleh: Any) -> tuple[int, int]:
    """Store the drafts generated from today's data. Texts the staff edited are kept as
    they are (only their reference draft is refreshed). Returns (refreshed, kept)."""
    _pastikan_draf(laporan)
    draf = draf_terkini(laporan)
    rantai = rantai_indikator(laporan.opd)
    ada = narasi_laporan(laporan, {i: rantai[i] for i, _ in draf})
    diperbarui = dipertahankan = 0
    for (ind_id, jenis), otomatis in draf.items():
        obj = ada.get((ind_id, jenis)) or NarasiAnalisis(
            laporan=laporan, indikator_id=ind_id, jenis=jenis)
        if obj.indikator_id != ind_id:
            # Kept on the IKU's version before a Perubahan Renstra: copied to the IKU itself.
            obj.pk, obj.indikator_id, obj._state.adding = None, ind_id, True
        if obj.diubah:
            dipertahankan += 1
        else:
            diperbarui += 1
        teks = obj.teks if obj.diubah else otomatis
        # Unchanged rows are not saved again: history records only real changes.
        if obj.pk is None or (obj.teks_otomatis, obj.teks) != (otomatis, teks):
            obj.teks_otomatis, obj.teks = otomatis, teks
            _simpan(obj, oleh=oleh, alasan="Draf narasi diperbarui dari data")
    return diperbarui, dipertahankan


@transaction.atomic
def logo_update(*, pemda: Pemda, berkas: UploadedFile | None, oleh: Any) -> Pemda:
    """The pemda logo on every report cover; None removes it."""
    lama = pemda.logo.name if pemda.logo else ""
    pemda.logo = berkas  # type: ignore[assignment]
    _simpan(pemda, oleh=oleh, alasan="Logo pemda diganti")
    if lama and lama != pemda.logo.name:
        storage = pemda.logo.storage
        transaction.on_commit(lambda: storage.delete(lama))
    return pemda


# --- workflow: submit, return, approve (sign and archive), unlock ------------------------------

PESAN_AJUKAN = ("Hanya perencana perangkat daerah ini yang dapat mengajukan LKjIP berstatus "
                "draf atau dikembalikan.")
PESAN_SETUJUI = ("Hanya kepala perangkat daerah ini yang dapat mengembalikan atau menyetujui "
                 "LKjIP yang sedang diajukan.")
PESAN_BUKA = "Hanya administrator yang dapat membuka kunci LKjIP yang sudah disetujui."


class BelumLengkap(ValidationError):
    """Approval refused: what the report misses; approving anyway needs a confirmation."""

    def __init__(self, kekurangan: list[str]) -> None:
        self.kekurangan = kekurangan
        super().__init__("LKjIP belum lengkap: " + " ".join(kekurangan))


def _baris_terkunci(laporan: LaporanKinerja) -> LaporanKinerja:
    """The report re-read under a row lock, so that two requests moving it at once (a double
    approval) see each other: the second finds the new status and is refused."""
    return (LaporanKinerja.objects.select_for_update().select_related("opd__pemda")
            .get(pk=laporan.pk))


def _transisi(laporan: LaporanKinerja, aksi: str, *, oleh: Any, perm: str, pesan: str,
              catatan: str) -> LaporanKinerja:
    laporan = _baris_terkunci(laporan)
    if not boleh(oleh, perm, laporan):
        raise PermissionDenied(pesan)
    dari = laporan.status
    getattr(laporan, aksi)()
    _simpan(laporan, oleh=oleh, alasan=catatan or f"LKjIP {laporan.get_status_display()}")
    PeristiwaLaporan.objects.create(laporan=laporan, oleh=oleh, dari=dari, ke=laporan.status,
                                    catatan=catatan)
    return laporan


@transaction.atomic
def laporan_submit(*, laporan: LaporanKinerja, oleh: Any) -> LaporanKinerja:
    return _transisi(laporan, "ajukan", oleh=oleh, perm="laporan.submit_laporankinerja",
                     pesan=PESAN_AJUKAN, catatan="")


@transaction.atomic
def laporan_return(*, laporan: LaporanKinerja, catatan: str, oleh: Any) -> LaporanKinerja:
    if not catatan.strip():
        raise ValidationError({"catatan": "Tuliskan catatan mengapa LKjIP dikembalikan."})
    return _transisi(laporan, "kembalikan", oleh=oleh, perm="laporan.approve_laporankinerja",
                     pesan=PESAN_SETUJUI, catatan=catatan.strip())


def laporan_approve(*, laporan: LaporanKinerja, oleh: Any, url_verifikasi: str,
                    catatan: str = "", konfirmasi: bool = False) -> ArsipLaporan:
    """Approve and sign: the next version is rendered once, archived with its SHA-256 and
    returned by every later download; the office's data of the year is locked.

    Missing sections or IKU realisations refuse the approval (`BelumLengkap`) unless the
    head confirms; the list is then recorded in the event note. `url_verifikasi` is the
    absolute URL of the public verification page, printed as a QR code.

    The PDF is rendered (seconds) before the write transaction: on SQLite a transaction
    holds the whole database, and every other request would wait for the rendering. The
    transaction then re-reads the report under a row lock and signs only if nobody moved
    or changed it meanwhile.
    """
    laporan = LaporanKinerja.objects.select_related("opd__pemda").get(pk=laporan.pk)
    if not boleh(oleh, "laporan.approve_laporankinerja", laporan):
        raise PermissionDenied(PESAN_SETUJUI)
    waktu = timezone.now()
    versi, tanggal = laporan.versi + 1, laporan.tanggal or timezone.localdate(waktu)
    try:
        data = lkjip_dataset(opd=laporan.opd, tahun=laporan.tahun)
    except DataTidakAda as exc:
        raise ValidationError(str(exc)) from exc
    kurang = alur.kekurangan(data)
    if kurang and not konfirmasi:
        raise BelumLengkap(kurang)
    # As it reads once signed: approved, dated the day of approval unless dated already.
    data = replace(data, status=StatusLaporan.DISETUJUI.label,
                   ttd=replace(data.ttd, tanggal=tanggal_teks(tanggal)))
    id_dok = id_dokumen(laporan, versi)
    sidik = alur.sidik_isi(id_dokumen=id_dok, waktu=waktu, html=lkjip_html(data))
    nama = oleh.get_full_name() or oleh.username
    isi = lkjip_pdf(data, alur.Segel(
        id_dokumen=id_dok, nama_versi=f"versi {versi}", sidik=sidik, disetujui_pada=waktu,
        nama_penyetuju=nama, url_verifikasi=url_verifikasi))
    arsip = None
    try:
        with transaction.atomic():
            terkini = _baris_terkunci(laporan)
            if (not boleh(oleh, "laporan.approve_laporankinerja", terkini)
                    or (terkini.versi, terkini.diubah) != (laporan.versi, laporan.diubah)):
                raise PermissionDenied("LKjIP ini baru saja disetujui, dikembalikan atau diubah "
                                       "orang lain. Muat ulang halaman dan periksa lagi.")
            dari = terkini.status
            terkini.setujui()
            terkini.versi, terkini.tanggal = versi, tanggal
            _simpan(terkini, oleh=oleh, alasan=f"LKjIP disetujui, versi {versi}")
            arsip = _arsipkan(terkini, isi, sidik=sidik, oleh=oleh, nama=nama, waktu=waktu)
            if not KunciPeriode.objects.aktif().filter(opd=terkini.opd,
                                                       tahun=terkini.tahun).exists():
                _simpan(KunciPeriode(opd=terkini.opd, tahun=terkini.tahun, dikunci_oleh=oleh,
                                     dikunci_pada=waktu,
                                     sebab=f"LKjIP {terkini.tahun} versi {versi} disetujui"),
                        oleh=oleh, alasan="Kunci periode")
            if kurang:
                catatan = "\n".join(filter(None, [catatan.strip(), "Disetujui dengan konfirmasi "
                                                  "meskipun belum lengkap:", *kurang]))
            PeristiwaLaporan.objects.create(laporan=terkini, oleh=oleh, dari=dari,
                                            ke=terkini.status, catatan=catatan.strip())
            return arsip
    except BaseException:
        # The signed file is written before the rows naming it, which a failure (or the
        # commit failing) takes back: the file would be left to nobody.
        if arsip is not None:
            arsip.berkas.delete(save=False)
        raise


def _arsipkan(dokumen: LaporanKinerja | PerjanjianKinerja, isi: bytes, *, sidik: str,
              oleh: Any, nama: str, waktu: Any) -> ArsipLaporan:
    """Store the signed file of the document's current version with its SHA-256."""
    sha = hashlib.sha256(isi).hexdigest()
    jenis: dict[str, Any] = ({"jenis": JenisArsip.PK, "perjanjian": dokumen}
                             if isinstance(dokumen, PerjanjianKinerja)
                             else {"jenis": JenisArsip.LKJIP, "laporan": dokumen})
    arsip = ArsipLaporan(**jenis, opd_id=dokumen.opd_id, tahun=dokumen.tahun,
                         versi=dokumen.versi, ukuran=len(isi), sha256=sha, sidik=sidik,
                         disetujui_oleh=oleh, nama_penyetuju=nama, disetujui_pada=waktu)
    arsip.berkas.save(f"{arsip.id_dokumen}-{sha[:12]}.pdf", ContentFile(isi), save=False)
    try:
        return _simpan(arsip, oleh=oleh, alasan="Arsip PDF yang disetujui")
    except Exception:
        arsip.berkas.delete(save=False)
        raise


@transaction.atomic
def pk_archive(*, pk: PerjanjianKinerja, oleh: Any, waktu: dt.datetime,
               url_verifikasi: str) -> ArsipLaporan:
    """Sign an approved PK the way an LKjIP is signed: render its PDF once, with the document
    id and short fingerprint on every page and the verification block at the end, and
    archive it; every later download of this version returns that file.

    Runs inside the approval's transaction (the receiver of `kinerja.signals.pk_disetujui`),
    unlike the LKjIP's rendering: a PK is a few pages, rendered in well under a second, and
    the approval and its archive then commit, or fail, together.
    """
    if pk.status != StatusPk.DISETUJUI:
        raise ValidationError("Hanya PK yang sudah disetujui yang diarsipkan.")
    daftar = [pk_dataset(pk=pk)]
    id_dok = id_dokumen(pk, pk.versi)
    sidik = alur.sidik_isi(id_dokumen=id_dok, waktu=waktu, html=pk_html(daftar))
    nama = oleh.get_full_name() or oleh.username
    isi = render_pdf(pk_html(daftar, segel=alur.Segel(
        id_dokumen=id_dok, nama_versi=pk.nama_versi, sidik=sidik, disetujui_pada=waktu,
        nama_penyetuju=nama, url_verifikasi=url_verifikasi)))
    return _arsipkan(pk, isi, sidik=sidik, oleh=oleh, nama=nama, waktu=waktu)


@transaction.atomic
def laporan_unlock(*, laporan: LaporanKinerja, alasan: str, oleh: Any) -> LaporanKinerja:
    """Reopen an approved LKjIP and its year's data; the signed versions stay archived and
    the next approval archives the next version."""
    if not alasan.strip():
        raise ValidationError({"alasan": "Tuliskan alasan membuka kunci."})
    laporan = _transisi(laporan, "buka", oleh=oleh, perm="laporan.unlock_laporankinerja",
                        pesan=PESAN_BUKA, catatan=f"Kunci dibuka: {alasan.strip()}")
    for kunci in KunciPeriode.objects.select_for_update().aktif().filter(
            opd=laporan.opd, tahun=laporan.tahun):
        kunci.dibuka_oleh, kunci.dibuka_pada = oleh, timezone.now()
        kunci.alasan_buka = alasan.strip()
        _simpan(kunci, oleh=oleh, alasan="Kunci periode dibuka")
    return laporan
