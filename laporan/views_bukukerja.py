"""The office workbook pages: download it, upload it to a preview, apply it; the log.

The uploaded file is stored server-side under its SHA-256 and the preview and the apply
read it from there: nothing of the preview travels through the browser, and the apply
checks everything again against the database as it is then.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from sakip.models import Opd

from . import dokumen
from .bukukerja.data import buku_kerja_data
from .bukukerja.export import buku_kerja_export, nama_berkas
from .bukukerja.forms import UnggahForm
from .bukukerja.impor import (
    BARU,
    STATUS,
    TOLAK,
    UBAH,
    HasilImpor,
    berkas_baca,
    berkas_simpan,
    impor_apply,
    impor_periksa,
)
from .bukukerja.validasi import GalatBerkas, periksa_ukuran
from .models import LogImpor

PESAN_BUKAN_PERENCANA = "Hanya perencana perangkat daerah ini yang dapat mengimpor buku kerja."
# Rows listed per status on the preview; the counts always cover all of them.
TAMPIL_MAKS = 500


def _opd(request: HttpRequest, slug: str, *, impor: bool = False) -> Opd:
    opd = get_object_or_404(Opd.objects.for_user(request.user).select_related("pemda"),
                            slug=slug)
    if not request.user.has_perm("sakip.view_opd", opd):
        raise PermissionDenied("Anda tidak berhak membaca data perangkat daerah ini.")
    if impor and not request.user.has_perm("sakip.edit_data_opd", opd):
        raise PermissionDenied(PESAN_BUKAN_PERENCANA)
    return opd


def _log(request: HttpRequest, pk: int) -> tuple[LogImpor, bytes]:
    log = get_object_or_404(LogImpor.objects.for_user(request.user)
                            .select_related("opd__pemda", "oleh"), pk=pk)
    if not request.user.has_perm("sakip.edit_data_opd", log.opd):
        raise PermissionDenied(PESAN_BUKAN_PERENCANA)
    isi = berkas_baca(log)
    if isi is None:
        raise Http404("Berkas impor ini sudah tidak tersimpan. Unggah buku kerjanya lagi.")
    return log, isi


def _index(request: HttpRequest, opd: Opd | None, tahun: int,
           form: UnggahForm | None = None) -> HttpResponse:
    ctx: dict[str, Any] = {"opd": opd, "tahun": tahun}
    if opd is not None:
        ctx.update({
            "form": form or UnggahForm(),
            "bisa_impor": request.user.has_perm("sakip.edit_data_opd", opd),
            "riwayat": LogImpor.objects.for_user(request.user).filter(opd=opd)
                       .select_related("oleh")[:20],
        })
    return render(request, "laporan/bukukerja/index.html", ctx)


@login_required
@require_GET
def bukukerja_view(request: HttpRequest) -> HttpResponse:
    """The workbook of the office and year chosen in the navigation bar."""
    opd: Opd | None = request.opd_aktif  # type: ignore[attr-defined]
    if opd is not None:
        _opd(request, opd.slug)
    return _index(request, opd, request.tahun_aktif)  # type: ignore[attr-defined]


@login_required
@require_GET
def bukukerja_unduh_view(request: HttpRequest, slug: str, tahun: int) -> HttpResponse:
    data = buku_kerja_data(opd=_opd(request, slug), tahun=tahun)
    r = HttpResponse(buku_kerja_export(data=data), content_type=dokumen.XLSX)
    r["Content-Disposition"] = f'attachment; filename="{nama_berkas(data)}"'
    return r


@login_required
@require_POST
def bukukerja_unggah_view(request: HttpRequest, slug: str, tahun: int) -> HttpResponse:
    """Check an upload (nothing applied yet), keep the file, show the preview."""
    opd = _opd(request, slug, impor=True)
    form = UnggahForm(request.POST, request.FILES)
    if form.is_valid():
        berkas = form.cleaned_data["berkas"]
        try:
            periksa_ukuran(berkas.size)
            isi = berkas.read()
            hasil = impor_apply(isi=isi, nama_file=berkas.name, opd=opd, tahun=tahun,
                                oleh=request.user, terapkan=False)
        except GalatBerkas as exc:
            form.add_error("berkas", str(exc))
        else:
            berkas_simpan(opd=opd, isi=isi)
            assert hasil.log is not None  # impor_apply always logs
            return redirect("laporan:bukukerja-pratinjau", hasil.log.pk)
    return _index(request, opd, tahun, form)


def _kelompok(hasil: HasilImpor) -> list[dict[str, Any]]:
    """Rejected rows first, then new and changed ones; unchanged rows are only counted."""
    hasil_kelompok = []
    for status in (TOLAK, BARU, UBAH):
        baris = [b for b in hasil.baris if b.status == status]
        if baris:
            hasil_kelompok.append({"status": status, "label": STATUS[status],
                                   "jumlah": len(baris), "baris": baris[:TAMPIL_MAKS],
                                   "lainnya": max(len(baris) - TAMPIL_MAKS, 0)})
    return hasil_kelompok


@login_required
@require_GET
def bukukerja_pratinjau_view(request: HttpRequest, pk: int) -> HttpResponse:
    log, isi = _log(request, pk)
    ctx: dict[str, Any] = {"log": log, "opd": log.opd, "tahun": log.tahun}
    try:
        hasil = impor_periksa(isi=isi, nama_file=log.nama_file, opd=log.opd, tahun=log.tahun,
                              oleh=request.user)
    except GalatBerkas as exc:
        ctx["galat_berkas"] = str(exc)
    else:
        ctx.update({"hasil": hasil, "kelompok": _kelompok(hasil),
                    "sudah_diterapkan": _sudah_diterapkan(log)})
    return render(request, "laporan/bukukerja/pratinjau.html", ctx)


def _sudah_diterapkan(log: LogImpor) -> LogImpor | None:
    """The same file applied after this check (a second apply would be a mistake)."""
    return (LogImpor.objects.filter(opd=log.opd, sha256=log.sha256, diterapkan=True,
                                    waktu__gte=log.waktu).select_related("oleh").first())


@login_required
@require_POST
def bukukerja_terapkan_view(request: HttpRequest, pk: int) -> HttpResponse:
    log, isi = _log(request, pk)
    if _sudah_diterapkan(log):
        messages.info(request, "Buku kerja ini sudah diterapkan. Unggah lagi bila ada "
                               "perubahan baru.")
        return redirect("laporan:bukukerja")
    try:
        hasil = impor_apply(isi=isi, nama_file=log.nama_file, opd=log.opd, tahun=log.tahun,
                            oleh=request.user, terapkan=True)
    except GalatBerkas as exc:
        messages.error(request, str(exc))
        return redirect("laporan:bukukerja-pratinjau", log.pk)
    assert hasil.log is not None
    if not hasil.diterapkan:
        messages.error(request, "Tidak ada yang diterapkan: " + (
            f"{hasil.jumlah(TOLAK)} baris ditolak. Perbaiki berkasnya lalu unggah lagi."
            if hasil.jumlah(TOLAK) else "buku kerja ini tidak berisi perubahan."))
        return redirect("laporan:bukukerja-pratinjau", hasil.log.pk)
    messages.success(request, f"Buku kerja {log.nama_file} diterapkan: {hasil.jumlah(BARU)} "
                              f"baris baru, {hasil.jumlah(UBAH)} baris diubah.")
    return redirect("laporan:bukukerja")
