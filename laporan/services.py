"""Writes of the reports. Views (and the demo loader) call these; nothing else saves an
LKjIP, its tables or its analysis texts."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction

from renstra.models import Indikator
from sakip.models import Opd, Pejabat, Pemda

from .models import (
    AsetSarana,
    BarisSdm,
    JenisAnalisis,
    LaporanKinerja,
    NarasiAnalisis,
    Prestasi,
)
from .selectors import lkjip_dataset

PESAN_TERKUNCI = ("LKjIP ini sudah diajukan atau disetujui: narasinya tidak dapat diubah "
                  "lagi kecuali dikembalikan.")
# Fields of the report a form may change; status and versi move only through the workflow.
KOLOM_UBAH = {
    "kertas", "tempat", "tanggal", "penandatangan_nama", "penandatangan_jabatan",
    "penandatangan_pangkat", "penandatangan_nip", "bagan_organisasi",
    *(f for f, _ in LaporanKinerja.BAGIAN_NARASI),
}


def _simpan(obj: models.Model, *, oleh: Any, alasan: str) -> Any:
    obj.full_clean()
    obj._change_reason = alasan  # type: ignore[attr-defined]
    obj._history_user = oleh  # type: ignore[attr-defined]
    obj.save()
    return obj


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


@transaction.atomic
def aset_update(*, laporan: LaporanKinerja, baris: list[AsetSarana], oleh: Any) -> None:
    """Replace the asset list by `baris` (unsaved rows), numbered in that order."""
    _pastikan_draf(laporan)
    AsetSarana.objects.filter(laporan=laporan).delete()
    for i, a in enumerate(baris, start=1):
        a.pk = None
        a.laporan, a.urutan = laporan, i
        _simpan(a, oleh=oleh, alasan="Sarana prasarana LKjIP")


@transaction.atomic
def prestasi_update(*, laporan: LaporanKinerja, baris: list[Prestasi], oleh: Any) -> None:
    _pastikan_draf(laporan)
    Prestasi.objects.filter(laporan=laporan).delete()
    for i, p in enumerate(baris, start=1):
        p.pk = None
        p.laporan, p.urutan = laporan, i
        _simpan(p, oleh=oleh, alasan="Prestasi LKjIP")


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
    ada = {(n.indikator_id, n.jenis): n for n in NarasiAnalisis.objects.filter(laporan=laporan)}
    diperbarui = dipertahankan = 0
    for (ind_id, jenis), otomatis in draf_terkini(laporan).items():
        obj = ada.get((ind_id, jenis)) or NarasiAnalisis(
            laporan=laporan, indikator_id=ind_id, jenis=jenis)
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
