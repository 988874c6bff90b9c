"""Pages of the automatic consistency review ("Pemeriksaan Konsistensi"): per office and year,
the pemda-wide summary for the inspectorate, and acknowledging a finding."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from sakip.models import AksesPemda, Opd, Pemda

from .models import AngkaTercetak, LaporanKinerja, TabelTercetak
from .reviu import ATURAN, periksa
from .reviu.dasar import KELUARGA, hitung_tingkat
from .reviu.services import pengakuan_simpan


class PengakuanForm(forms.Form):
    kode = forms.CharField(max_length=300)
    alasan = forms.CharField(min_length=10, max_length=2000)


def _opd(request: HttpRequest, slug: str) -> Opd:
    """The office if the user may read its reports: another office's → 404, no reader → 403."""
    opd = get_object_or_404(Opd.objects.for_user(request.user).select_related("pemda"),
                            slug=slug)
    if not request.user.has_perm("laporan.view_laporan", opd):
        raise PermissionDenied("Anda tidak berhak membaca laporan perangkat daerah ini.")
    return opd


def _url(opd: Opd, tahun: int) -> str:
    return reverse("laporan:reviu", args=[opd.slug, tahun])


@login_required
@require_GET
def reviu_index_view(request: HttpRequest) -> HttpResponse:
    """The office and year chosen in the navigation bar."""
    opd: Opd | None = request.opd_aktif  # type: ignore[attr-defined]
    if opd is None:
        return render(request, "laporan/reviu/halaman.html", {"opd": None})
    return redirect(_url(opd, request.tahun_aktif))  # type: ignore[attr-defined]


@login_required
@require_GET
def reviu_view(request: HttpRequest, slug: str, tahun: int) -> HttpResponse:
    opd = _opd(request, slug)
    temuan = periksa(opd=opd, tahun=tahun)
    keluarga: dict[str, list[Any]] = {k: [] for k in KELUARGA}
    for a in ATURAN.values():
        keluarga[a.keluarga].append(a)
    return render(request, "laporan/reviu/halaman.html", {
        "opd": opd, "tahun": tahun, "temuan": temuan, "jumlah": hitung_tingkat(temuan),
        "bisa_akui": request.user.has_perm("laporan.akui_temuan", opd),
        "akui_url": reverse("laporan:reviu-akui", args=[opd.slug, tahun]),
        "aturan": [(KELUARGA[k], daftar) for k, daftar in keluarga.items()],
        "laporan": LaporanKinerja.objects.filter(opd=opd, tahun=tahun).first(),
        "tercetak": [_tabel_tampil(t) for t in TabelTercetak.objects.filter(
            opd=opd, tahun=tahun).prefetch_related(
            Prefetch("angka", AngkaTercetak.objects.order_by("baris", "pk")))],
        "pemda_url": reverse("laporan:reviu-pemda", args=[tahun])
        if _akses_pemda(request, opd.pemda) else "",
    })


@dataclass
class TabelTampil:
    """A printed table laid out again as rows × columns, as it was printed."""

    tabel: TabelTercetak
    kolom: list[str]
    baris: list[tuple[int, str, list[AngkaTercetak | None]]]


def _tabel_tampil(t: TabelTercetak) -> TabelTampil:
    kolom: list[str] = []
    per_baris: dict[int, tuple[str, dict[str, AngkaTercetak]]] = {}
    for a in t.angka.all():
        if a.kolom not in kolom:
            kolom.append(a.kolom)
        uraian, sel = per_baris.setdefault(a.baris, (a.uraian, {}))
        sel[a.kolom] = a
    return TabelTampil(t, kolom, [(n, u, [sel.get(k) for k in kolom])
                                  for n, (u, sel) in sorted(per_baris.items())])


@login_required
@require_POST
def reviu_akui_view(request: HttpRequest, slug: str, tahun: int) -> HttpResponse:
    """Acknowledge a finding as it stands now, with a reason (PRG back to the finding)."""
    opd = _opd(request, slug)
    if not request.user.has_perm("laporan.akui_temuan", opd):
        raise PermissionDenied("Hanya perencana atau kepala perangkat daerah ini yang dapat "
                               "mengakui temuan.")
    form = PengakuanForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Tuliskan alasan pengakuan (paling sedikit 10 huruf).")
        return redirect(_url(opd, tahun))
    temuan = next((t for t in periksa(opd=opd, tahun=tahun)
                   if t.kode == form.cleaned_data["kode"]), None)
    if temuan is None:
        messages.error(request, "Temuan itu tidak ada lagi: data sudah berubah. Periksa "
                                "daftar terbaru.")
        return redirect(_url(opd, tahun))
    try:
        pengakuan_simpan(opd=opd, tahun=tahun, temuan=temuan,
                         alasan=form.cleaned_data["alasan"], oleh=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect(_url(opd, tahun))
    messages.success(request, f"Temuan diakui: {temuan.judul}")
    return redirect(f"{_url(opd, tahun)}#{temuan.jangkar}")


def _akses_pemda(request: HttpRequest, pemda: Pemda) -> bool:
    """Pemda-wide readers (inspectorate, Bappeda administrators) and superusers."""
    return request.user.is_superuser or AksesPemda.objects.filter(
        user=request.user, pemda=pemda).exists()  # type: ignore[misc]  # logged in


@login_required
@require_GET
def reviu_pemda_view(request: HttpRequest, tahun: int) -> HttpResponse:
    """Every office of the pemda in the navigation bar; each row loads its own counts."""
    opd: Opd | None = request.opd_aktif  # type: ignore[attr-defined]
    if opd is None or not _akses_pemda(request, opd.pemda):
        raise PermissionDenied("Ringkasan seluruh pemda hanya untuk inspektorat dan "
                               "administrator pemda.")
    return render(request, "laporan/reviu/pemda.html", {
        "pemda": opd.pemda, "tahun": tahun,
        "daftar_opd": Opd.objects.for_user(request.user).filter(pemda=opd.pemda),
    })


@login_required
@require_GET
def reviu_ringkas_view(request: HttpRequest, slug: str, tahun: int) -> HttpResponse:
    """One office's counts per level (a row of the pemda-wide summary)."""
    opd = _opd(request, slug)
    temuan = periksa(opd=opd, tahun=tahun)
    return render(request, "laporan/reviu/_baris_pemda.html", {
        "o": opd, "tahun": tahun, "jumlah": hitung_tingkat(temuan),
        "diakui": sum(t.diakui for t in temuan), "url": _url(opd, tahun),
    })
