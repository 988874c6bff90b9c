"""Kinerja pages. Each view: fetch through the user's scope (404), ask rules (403),
validate a form, call one service, redirect (or re-render an htmx row)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from renstra.models import Indikator, Renstra
from sakip.kunci import kunci_aktif, pesan_kunci
from sakip.models import Opd
from sakip.rules import boleh

from . import forms as f
from . import selectors, services
from .models import BarisPk, PerjanjianKinerja, Realisasi, tahun_realisasi


def _pk_for_user(request: HttpRequest, pk: int) -> PerjanjianKinerja:
    try:
        return selectors.pk_get(user=request.user, pk=pk)
    except PerjanjianKinerja.DoesNotExist:
        raise Http404("Perjanjian Kinerja tidak ditemukan") from None


def _perlu(request: HttpRequest, perm: str, obj: Any, pesan: str) -> None:
    if not boleh(request.user, perm, obj):
        # A PK of a locked year is refused for that reason, whatever else applies.
        kunci = (kunci_aktif(opd_id=obj.opd_id, tahun=obj.tahun)
                 if isinstance(obj, PerjanjianKinerja) else None)
        raise PermissionDenied(pesan_kunci(kunci) if kunci else pesan)


def _opd_aktif(request: HttpRequest) -> Opd:
    opd = request.opd_aktif  # type: ignore[attr-defined]
    if opd is None:
        raise Http404("Belum ada perangkat daerah")
    return opd


def _galat_ke_form(form: Any, e: ValidationError) -> None:
    """Model errors onto the form: on their field when the form has it, else on top."""
    if not hasattr(e, "error_dict"):
        form.add_error(None, e)
        return
    for nama, galat in e.error_dict.items():
        form.add_error(nama if nama in form.fields else None, galat)


def _detail_url(pk: PerjanjianKinerja) -> str:
    return reverse("kinerja:pk-detail", args=[pk.pk])


PESAN_BUKAN_PERENCANA = "Hanya perencana perangkat daerah ini yang dapat mengubah PK."
PESAN_TERKUNCI = ("PK ini tidak dapat diubah: sudah diajukan, disetujui atau digantikan "
                  "versi baru.")


def _pesan_ubah(request: HttpRequest, pk: PerjanjianKinerja) -> str:
    return PESAN_TERKUNCI if request.user.has_perm("kinerja.view_perjanjiankinerja", pk) and (
        not pk.dapat_diubah) else PESAN_BUKAN_PERENCANA


# --- Perjanjian Kinerja -------------------------------------------------------------------


@login_required
@require_GET
def pk_list_view(request: HttpRequest) -> HttpResponse:
    opd = request.opd_aktif  # type: ignore[attr-defined]
    tahun = request.tahun_aktif  # type: ignore[attr-defined]
    return render(request, "kinerja/pk_list.html", {
        "opd": opd, "tahun": tahun,
        "daftar": selectors.pk_list(user=request.user, opd=opd, tahun=tahun),
        "renstra": selectors.renstra_untuk_tahun(user=request.user, opd=opd, tahun=tahun),
    })


@login_required
@require_http_methods(["GET", "POST"])
def pk_create_view(request: HttpRequest) -> HttpResponse:
    opd = _opd_aktif(request)
    _perlu(request, "kinerja.add_perjanjiankinerja", opd,
           "Hanya perencana perangkat daerah ini yang dapat membuat PK.")
    tahun = request.tahun_aktif  # type: ignore[attr-defined]
    pilihan = list(Renstra.objects.for_user(request.user).filter(opd=opd)
                   .exclude(status=Renstra.Status.DIGANTIKAN).order_by("tahun_awal", "-versi"))
    if not pilihan:
        messages.info(request, "Buat dan tetapkan Renstra perangkat daerah ini terlebih dahulu.")
        return redirect("kinerja:pk-list")
    initial: dict[str, Any] = {"tahun": tahun, "tempat": opd.pemda.ibukota}
    mencakup = [r for r in pilihan if tahun in r.tahun_target]
    if mencakup:
        initial["renstra"] = mencakup[-1].pk
    lalu = selectors.pk_sebelumnya(opd=opd, tahun=tahun)
    if lalu is not None:
        initial.update({k: getattr(lalu, k) for k in [*f.KOLOM_PIHAK, "klausul_komitmen"]})
    form = f.PkForm(request.POST or None, opd=opd, renstra=pilihan, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            pk = services.pk_create(opd=opd, renstra=d["renstra"], tahun=d["tahun"],
                                    pk=form.instance, oleh=request.user)
        except ValidationError as e:
            _galat_ke_form(form, e)
        else:
            messages.success(request, f"PK {pk.tahun} dibuat dengan {pk.baris.count()} IKU dari "
                                      "Renstra. Periksa target dan lengkapi rencana aksi.")
            return redirect(_detail_url(pk))
    return render(request, "kinerja/form.html", {
        "form": form, "judul": f"PK baru — {opd}", "batal": reverse("kinerja:pk-list"),
    })


@login_required
@require_GET
def pk_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _pk_for_user(request, pk)
    u = request.user
    return render(request, "kinerja/pk_detail.html", {
        "pk": obj,
        "dok": selectors.pk_dokumen(pk=obj),
        "bisa_ubah": u.has_perm("kinerja.change_perjanjiankinerja", obj),
        "bisa_ajukan": u.has_perm("kinerja.submit_perjanjiankinerja", obj),
        "bisa_setujui": boleh(u, "kinerja.approve_perjanjiankinerja", obj),
        "bisa_revisi": u.has_perm("kinerja.revise_perjanjiankinerja", obj),
        "alasan_form": f.AlasanForm(),
        "catatan_form": f.CatatanForm(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def pk_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _pk_for_user(request, pk)
    _perlu(request, "kinerja.change_perjanjiankinerja", obj, _pesan_ubah(request, obj))
    form = f.PkForm(request.POST or None, instance=obj, opd=obj.opd)
    if request.method == "POST" and form.is_valid():
        try:
            services.pk_update(pk=form.instance, oleh=request.user)
        except ValidationError as e:
            _galat_ke_form(form, e)
        else:
            messages.success(request, "Data PK disimpan.")
            return redirect(_detail_url(obj))
    return render(request, "kinerja/form.html", {
        "form": form, "pk": obj, "judul": "Ubah tempat, tanggal dan para pihak",
        "batal": _detail_url(obj),
    })


@login_required
@require_http_methods(["GET", "POST"])
def pk_target_view(request: HttpRequest, pk: int) -> HttpResponse:
    """All rows of a PK: year target (with reason when it differs) and TW I–IV targets."""
    obj = _pk_for_user(request, pk)
    _perlu(request, "kinerja.change_perjanjiankinerja", obj, _pesan_ubah(request, obj))
    dok = selectors.pk_dokumen(pk=obj)
    data = request.POST if request.method == "POST" else None
    baris = [(b, f.BarisPkForm(data, baris=b.obj)) for b in dok.baris]
    galat = ""
    if request.method == "POST":
        if all(form.is_valid() for _, form in baris):
            try:
                services.pk_target_update(
                    pk=obj, isian={b.obj: form.isian() for b, form in baris}, oleh=request.user,
                )
            except services.GalatBaris as e:
                galat = e.message
                for b, form in baris:
                    if b.obj.pk in e.per_baris:
                        _galat_ke_form(form, e.per_baris[b.obj.pk])
            else:
                messages.success(request, "Target PK disimpan.")
                return redirect(_detail_url(obj))
        else:
            galat = "Periksa isian yang ditandai merah. Belum ada yang disimpan."
    return render(request, "kinerja/pk_target.html", {
        "pk": obj, "baris": baris, "galat": galat,
        "tambah_form": f.TambahBarisForm(pk=obj),
    })


@login_required
@require_POST
def pk_baris_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _pk_for_user(request, pk)
    _perlu(request, "kinerja.change_perjanjiankinerja", obj, _pesan_ubah(request, obj))
    form = f.TambahBarisForm(request.POST, pk=obj)
    if form.is_valid():
        try:
            services.pk_baris_add(pk=obj, indikator=form.cleaned_data["indikator"],
                                  oleh=request.user)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            messages.success(request, "Indikator ditambahkan dengan target Renstra tahun ini.")
    else:
        messages.error(request, " ".join(str(e) for e in form.errors["indikator"]))
    return redirect("kinerja:pk-target", pk=obj.pk)


@login_required
@require_POST
def pk_baris_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    baris = get_object_or_404(BarisPk.objects.for_user(request.user)
                              .select_related("perjanjian__opd"), pk=pk)
    obj = baris.perjanjian
    _perlu(request, "kinerja.change_perjanjiankinerja", obj, _pesan_ubah(request, obj))
    services.pk_baris_delete(baris=baris, oleh=request.user)
    messages.success(request, "Indikator dikeluarkan dari PK.")
    return redirect("kinerja:pk-target", pk=obj.pk)


@login_required
@require_http_methods(["GET", "POST"])
def pk_program_view(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _pk_for_user(request, pk)
    _perlu(request, "kinerja.change_perjanjiankinerja", obj, _pesan_ubah(request, obj))
    formset = f.ProgramPkFormSet(request.POST or None, pk=obj)
    if request.method == "POST" and formset.is_valid():
        simpan = [form.instance for form in formset.forms
                  if form.has_changed() and form not in formset.deleted_forms]
        hapus = [form.instance for form in formset.deleted_forms if form.instance.pk]
        try:
            services.pk_program_update(pk=obj, simpan=simpan, hapus=hapus, oleh=request.user)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            messages.success(request, "Tabel program dan anggaran disimpan.")
            return redirect(_detail_url(obj))
    return render(request, "kinerja/pk_program.html", {"pk": obj, "formset": formset})


def _transisi_view(request: HttpRequest, pk: int, *, perm: str, pesan_403: str,
                   jalankan: Any, berhasil: str) -> HttpResponse:
    obj = _pk_for_user(request, pk)
    _perlu(request, perm, obj, pesan_403)
    try:
        jalankan(obj)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, berhasil)
    return redirect(_detail_url(obj))


@login_required
@require_POST
def pk_submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _transisi_view(
        request, pk, perm="kinerja.submit_perjanjiankinerja",
        pesan_403="Hanya perencana yang dapat mengajukan PK berstatus draf atau dikembalikan.",
        jalankan=lambda o: services.pk_submit(pk=o, oleh=request.user),
        berhasil="PK diajukan kepada kepala perangkat daerah.",
    )


@login_required
@require_POST
def pk_approve_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _transisi_view(
        request, pk, perm="kinerja.approve_perjanjiankinerja",
        pesan_403="Hanya kepala perangkat daerah ini yang dapat menyetujui PK yang diajukan.",
        # The QR code on the signed PDF points at the address the head approves from.
        jalankan=lambda o: services.pk_approve(
            pk=o, oleh=request.user,
            url_verifikasi=request.build_absolute_uri(reverse("verifikasi"))),
        berhasil="PK disetujui dan ditandatangani; PDF-nya diarsipkan.",
    )


@login_required
@require_POST
def pk_return_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = f.CatatanForm(request.POST)
    return _transisi_view(
        request, pk, perm="kinerja.approve_perjanjiankinerja",
        pesan_403="Hanya kepala perangkat daerah ini yang dapat mengembalikan PK yang diajukan.",
        jalankan=lambda o: services.pk_return(
            pk=o, catatan=form.cleaned_data["catatan"] if form.is_valid() else "",
            oleh=request.user),
        berhasil="PK dikembalikan kepada perencana dengan catatan.",
    )


@login_required
@require_POST
def pk_revise_view(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _pk_for_user(request, pk)
    _perlu(request, "kinerja.revise_perjanjiankinerja", obj,
           "PK perubahan dibuat oleh perencana dari versi terakhir yang sudah disetujui.")
    form = f.AlasanForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for e in form.errors["alasan"]))
        return redirect(_detail_url(obj))
    baru = services.pk_revise(pk=obj, alasan=form.cleaned_data["alasan"], oleh=request.user)
    messages.success(request, f"{baru.nama_versi} dibuat. Versi sebelumnya tetap dapat dibaca.")
    return redirect(_detail_url(baru))


# --- Realisasi ----------------------------------------------------------------------------


def _triwulan_bawaan(tahun: int) -> int:
    """The quarter being reported now in the current year; TW IV for past years."""
    hari = timezone.localdate()
    return (hari.month - 1) // 3 + 1 if tahun == hari.year else 4


@login_required
@require_GET
def realisasi_grid_view(request: HttpRequest) -> HttpResponse:
    opd = request.opd_aktif  # type: ignore[attr-defined]
    tahun = request.tahun_aktif  # type: ignore[attr-defined]
    pilih = f.GridForm(request.GET or None)
    triwulan, lingkup = pilih.nilai(_triwulan_bawaan(tahun))
    if not pilih.is_bound:
        pilih = f.GridForm(initial={"triwulan": triwulan, "lingkup": lingkup})
    kunci = kunci_aktif(opd_id=opd.pk, tahun=tahun) if opd else None
    if kunci:
        messages.warning(request, pesan_kunci(kunci))
    bagian = []
    for b in (selectors.realisasi_grid(user=request.user, opd=opd, tahun=tahun,
                                       triwulan=triwulan, lingkup=lingkup) if opd else []):
        # Every row of a part shares its Renstra, so one permission check covers them.
        bisa_ubah = kunci is None and bool(b.baris) and request.user.has_perm(
            "kinerja.change_realisasi", b.baris[0].indikator)
        baris = [(x, f.RealisasiForm.awal(x.indikator, x.rekaman)) for x in b.baris]
        bagian.append({"isi": b, "bisa_ubah": bisa_ubah, "baris": baris})
    return render(request, "kinerja/realisasi_grid.html", {
        "opd": opd, "tahun": tahun, "triwulan": triwulan, "lingkup": lingkup, "pilih": pilih,
        "bagian": bagian, "nama_tw": selectors.NAMA_TW[triwulan - 1],
    })


@login_required
@require_POST
def realisasi_update_view(request: HttpRequest, indikator: int, tahun: int,
                          triwulan: int) -> HttpResponse:
    """Save one grid row. htmx gets the row back (200, with its errors); a plain form post
    is redirected to the grid."""
    ind = get_object_or_404(
        Indikator.objects.for_user(request.user).select_related("renstra__opd__pemda"),
        pk=indikator,
    )
    _perlu(request, "kinerja.change_realisasi", ind,
           "Hanya perencana perangkat daerah ini yang dapat mengisi realisasi pada Renstra "
           "yang berlaku.")
    if triwulan not in (1, 2, 3, 4):
        return HttpResponseBadRequest("Triwulan harus 1 sampai 4. Tidak ada yang disimpan.")
    form = f.RealisasiForm(request.POST, request.FILES, indikator=ind)
    tersimpan = False
    if form.is_valid():
        try:
            services.realisasi_update(indikator=ind, tahun=tahun, triwulan=triwulan,
                                      oleh=request.user, **form.isian())
        except ValidationError as e:
            _galat_ke_form(form, e)
        else:
            tersimpan = True
    if not request.htmx:  # type: ignore[attr-defined]
        if tersimpan:
            messages.success(request, f"Realisasi {ind.nama} disimpan.")
        else:
            messages.error(request, f"{ind.nama}: " + " ".join(
                str(e) for errs in form.errors.values() for e in errs))
        url = reverse("kinerja:realisasi-grid")
        return redirect(f"{url}?triwulan={triwulan}&lingkup=semua#r{ind.pk}")
    baris = selectors.realisasi_grid_baris(
        indikator=ind, induk=selectors.label_simpul(ind.level, ind.induk), tahun=tahun,
        triwulan=triwulan,
    )
    return render(request, "kinerja/realisasi_grid.html#baris", {
        "b": baris, "form": f.RealisasiForm.awal(ind, baris.rekaman) if tersimpan else form,
        "tahun": tahun, "triwulan": triwulan, "bisa_ubah": True,
        "status": "tersimpan" if tersimpan else "galat",
    })


@login_required
@require_GET
def realisasi_bukti_view(request: HttpRequest, pk: int) -> FileResponse:
    """Evidence files go through the user's scope, never a public media URL."""
    r = get_object_or_404(Realisasi.objects.for_user(request.user), pk=pk)
    if not r.bukti_file:
        raise Http404("Realisasi ini tidak memiliki berkas bukti")
    return FileResponse(r.bukti_file.open("rb"), as_attachment=False,
                        filename=Path(r.bukti_file.name).name)


@login_required
@require_http_methods(["GET", "POST"])
def analisis_view(request: HttpRequest, tahun: int) -> HttpResponse:
    """Narrative of one indicator (`?indikator=`) for the year, used by the LKjIP."""
    pk = request.GET.get("indikator", "")
    if not pk.isdigit():
        raise Http404("Pilih indikator dari tabel capaian atau grid realisasi.")
    ind = get_object_or_404(
        Indikator.objects.for_user(request.user).select_related("renstra__opd"), pk=int(pk)
    )
    kunci = kunci_aktif(opd_id=ind.renstra.opd_id, tahun=tahun)
    bisa_ubah = kunci is None and request.user.has_perm("kinerja.change_realisasi", ind)
    if kunci and request.method == "GET":
        messages.warning(request, pesan_kunci(kunci))
    if request.method == "POST":
        _perlu(request, "kinerja.change_realisasi", ind,
               "Hanya perencana perangkat daerah ini yang dapat mengisi analisis.")
    rentang = tahun_realisasi(ind.renstra)
    if tahun not in rentang:
        raise Http404(f"Tahun {tahun} di luar periode Renstra {ind.renstra.periode}.")
    analisis = selectors.analisis_get(indikator=ind, tahun=tahun)
    form = f.AnalisisForm(request.POST or None, instance=analisis)
    if request.method == "POST" and form.is_valid():
        try:
            services.analisis_update(analisis=form.instance, oleh=request.user)
        except ValidationError as e:
            _galat_ke_form(form, e)
        else:
            messages.success(request, "Analisis disimpan.")
            return redirect(f"{reverse('kinerja:capaian')}#ind-{ind.pk}")
    if not bisa_ubah:
        for fld in form.fields.values():
            fld.disabled = True
    return render(request, "kinerja/analisis_form.html", {
        "form": form, "indikator": ind, "tahun": tahun, "bisa_ubah": bisa_ubah,
    })


# --- Capaian ------------------------------------------------------------------------------


def _dasbor(request: HttpRequest, *, perbandingan: bool) -> dict[str, Any]:
    opd = request.opd_aktif  # type: ignore[attr-defined]
    tahun = request.tahun_aktif  # type: ignore[attr-defined]
    if opd is not None:
        _perlu(request, "kinerja.view_capaian", opd, "Anda tidak memiliki akses ke data ini.")
    dasbor = selectors.capaian_dasbor(user=request.user, opd=opd, tahun=tahun,
                                      perbandingan=perbandingan) if opd else None
    return {"opd": opd, "tahun": tahun, "dasbor": dasbor}


@login_required
@require_GET
def capaian_view(request: HttpRequest) -> HttpResponse:
    return render(request, "kinerja/capaian.html", _dasbor(request, perbandingan=False))


@login_required
@require_GET
def capaian_banding_view(request: HttpRequest) -> HttpResponse:
    """The comparisons tab of the dashboard, loaded when it is first shown."""
    return render(request, "kinerja/capaian.html#perbandingan",
                  _dasbor(request, perbandingan=True))
