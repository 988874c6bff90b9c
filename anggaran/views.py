"""Budget pages. Each view: fetch through the user's scope (another office → 404), ask
rules (wrong role → 403), validate a form, call one service, redirect or return an htmx
partial (200 with the errors, because htmx does not swap 4xx responses)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from renstra.models import Program
from sakip.kunci import kunci_aktif, pastikan_terbuka, pesan_kunci
from sakip.models import Opd

from . import forms as f
from . import selectors, services
from .models import (
    Anggaran,
    BarisAnggaran,
    KelompokBelanja,
    KendaliAnggaran,
    PemetaanSasaran,
    PosAnggaran,
)

HALAMAN = {
    "ringkasan": "Ringkasan realisasi",
    "pagu": "Isian pagu",
    "realisasi": "Isian realisasi",
    "alokasi": "Alokasi per sasaran",
    "efisiensi": "Efisiensi",
}


# --- fetch helpers --------------------------------------------------------------------------


def _get_for_user(request: HttpRequest, model: type[Any], pk: int) -> Any:
    """The object of the user's offices (404 otherwise); then only a perencana may write."""
    terkait = "opd__pemda" if model is Anggaran else "anggaran__opd__pemda"
    obj = get_object_or_404(model.objects.for_user(request.user).select_related(terkait), pk=pk)
    if not request.user.has_perm("anggaran.change_anggaran", obj):
        raise PermissionDenied("Hanya perencana perangkat daerah ini yang dapat mengubah anggaran.")
    anggaran = obj if model is Anggaran else obj.anggaran
    pastikan_terbuka(opd_id=anggaran.opd_id, tahun=anggaran.tahun)
    return obj


def _url(nama: str, anchor: str = "") -> str:
    url = reverse(f"anggaran:{nama}")
    return f"{url}#{anchor}" if anchor else url


def _layani(request: HttpRequest, layanan: Callable[..., object], berhasil: str,
            **kwargs: Any) -> bool:
    """Call one service as the user: its ValidationError becomes the error message, else
    `berhasil` the success message. True when it succeeded."""
    try:
        layanan(oleh=request.user, **kwargs)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return False
    messages.success(request, berhasil)
    return True


def _konteks(request: HttpRequest, opd: Opd, tahun: int, halaman: str,
             anggaran: Anggaran | None) -> dict[str, Any]:
    kunci = kunci_aktif(opd_id=opd.pk, tahun=tahun)
    if kunci and request.method == "GET":
        messages.warning(request, pesan_kunci(kunci))
    return {
        "opd": opd, "tahun": tahun, "anggaran": anggaran, "halaman": halaman,
        "judul": HALAMAN[halaman], "halaman_list": HALAMAN.items(),
        "bisa_ubah": kunci is None and request.user.has_perm("anggaran.change_anggaran", opd),
    }


def _halaman(request: HttpRequest, halaman: str) -> tuple[dict[str, Any], Anggaran | None]:
    """The page of the office and year chosen in the top bar (both always readable)."""
    opd, tahun = request.opd_aktif, request.tahun_aktif  # type: ignore[attr-defined]
    if opd is None:
        raise Http404("Anda belum terdaftar pada perangkat daerah mana pun.")
    if not request.user.has_perm("anggaran.view_anggaran", opd):
        raise PermissionDenied
    anggaran = selectors.anggaran_get(opd=opd, tahun=tahun)
    return _konteks(request, opd, tahun, halaman, anggaran), anggaran


def _galat_ke_form(form: Any, e: ValidationError) -> None:
    """A service's errors onto the form: on their field, field-less ones on top."""
    galat = e.message_dict if hasattr(e, "error_dict") else {"__all__": e.messages}
    for field, errs in galat.items():
        form.add_error(None if field == "__all__" else field, errs)


# --- pages ------------------------------------------------------------------------------------


@login_required
@require_GET
def ringkasan_view(request: HttpRequest) -> HttpResponse:
    ctx, anggaran = _halaman(request, "ringkasan")
    if anggaran is not None:
        ctx["data"] = selectors.anggaran_dataset(anggaran=anggaran)
    return render(request, "anggaran/ringkasan.html", ctx)


@login_required
@require_GET
def pagu_view(request: HttpRequest) -> HttpResponse:
    ctx, anggaran = _halaman(request, "pagu")
    if anggaran is not None:
        ctx.update(_pagu_konteks(anggaran))
    return render(request, "anggaran/pagu.html", ctx)


def _pagu_konteks(anggaran: Anggaran, **form: Any) -> dict[str, Any]:
    data = selectors.anggaran_dataset(anggaran=anggaran)
    return {
        "data": data,
        "baris_form": form.get("baris_form") or f.BarisForm(anggaran=anggaran),
        "pos_form": form.get("pos_form") or f.PosForm(
            tahun=anggaran.tahun, jenis=PosAnggaran.Jenis.BELANJA),
        "pendapatan_form": form.get("pendapatan_form") or f.PosForm(
            tahun=anggaran.tahun, jenis=PosAnggaran.Jenis.PENDAPATAN),
        "dpa_form": f.DpaForm(instance=anggaran),
    }


@login_required
@require_GET
def realisasi_view(request: HttpRequest) -> HttpResponse:
    ctx, anggaran = _halaman(request, "realisasi")
    try:
        periode = selectors.Periode.dari_teks(request.GET.get("periode", "tw1"))
    except ValueError:
        raise Http404("Periode tidak dikenal") from None
    ctx.update({"periode": periode, "periode_list": selectors.Periode.semua()})
    if anggaran is not None:
        ctx["data"] = selectors.anggaran_dataset(anggaran=anggaran)
        ctx["isian"] = selectors.realisasi_isian(anggaran=anggaran, periode=periode)
    return render(request, "anggaran/realisasi.html", ctx)


@login_required
@require_GET
def alokasi_view(request: HttpRequest) -> HttpResponse:
    ctx, anggaran = _halaman(request, "alokasi")
    if anggaran is not None:
        alokasi = selectors.alokasi_dataset(anggaran=anggaran, user=request.user)
        ctx.update({
            "alokasi": alokasi, "data": alokasi.data,
            "pemetaan_form": f.PemetaanForm(anggaran=anggaran, target=alokasi.target),
            "kunci_form": f.KunciSebaranForm(instance=anggaran),
            "perlakuan_pilihan": f.PILIHAN_PERLAKUAN,
        })
    return render(request, "anggaran/alokasi.html", ctx)


@login_required
@require_GET
def efisiensi_view(request: HttpRequest) -> HttpResponse:
    ctx, anggaran = _halaman(request, "efisiensi")
    if anggaran is not None:
        alokasi = selectors.alokasi_dataset(anggaran=anggaran, user=request.user)
        ctx.update({"alokasi": alokasi, "data": alokasi.data})
    return render(request, "anggaran/efisiensi.html", ctx)


# --- mutations: budget header and control totals ----------------------------------------------


@login_required
@require_POST
def anggaran_create_view(request: HttpRequest) -> HttpResponse:
    """A new budget for the office and year of the top bar (the page showed which)."""
    ctx, _ = _halaman(request, "pagu")
    if not request.user.has_perm("anggaran.change_anggaran", ctx["opd"]):
        raise PermissionDenied("Hanya perencana perangkat daerah ini yang dapat membuat anggaran.")
    # A locked year is refused with the lock's reason, not the role message.
    pastikan_terbuka(opd_id=ctx["opd"].pk, tahun=ctx["tahun"])
    dibuat = _layani(request, services.anggaran_create,
                     f"Anggaran {ctx['tahun']} dibuat. Isi baris pagu per kegiatan.",
                     opd=ctx["opd"], tahun=ctx["tahun"])
    return redirect(_url("pagu" if dibuat else "ringkasan"))


@login_required
@require_POST
def anggaran_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The DPA data (from the pagu page) or the spreading key (from the allocation page)."""
    a = _get_for_user(request, Anggaran, pk)
    kunci = "kunci_sebaran" in request.POST
    # A copy: an invalid form must not leave half-changed fields on the object we save.
    salinan = Anggaran.objects.get(pk=a.pk)
    form = f.KunciSebaranForm(request.POST, instance=salinan) if kunci else f.DpaForm(
        request.POST, instance=salinan)
    if form.is_valid():
        services.anggaran_update(anggaran=a, oleh=request.user, **form.cleaned_data)
        messages.success(request, "Kunci sebaran disimpan." if kunci else "Data DPA disimpan.")
    else:
        messages.error(request, f"Tidak disimpan: {_galat_form(form)}")
    return redirect(_url("alokasi" if kunci else "pagu"))


@login_required
@require_POST
def kendali_set_view(request: HttpRequest, pk: int) -> HttpResponse:
    a = _get_for_user(request, Anggaran, pk)
    tingkat = request.POST.get("tingkat", "")
    if tingkat not in KendaliAnggaran.Tingkat.values:
        raise Http404("Tingkat total kendali tidak dikenal")
    kelompok = program = None
    if tingkat == KendaliAnggaran.Tingkat.KELOMPOK:
        kelompok = get_object_or_404(KelompokBelanja.untuk_tahun(a.tahun),
                                     pk=request.POST.get("kelompok") or 0)
    elif tingkat == KendaliAnggaran.Tingkat.PROGRAM:
        program = get_object_or_404(Program.objects.filter(
            sasaran__tujuan__renstra__opd=a.opd), pk=request.POST.get("program") or 0)
    form = f.KendaliForm(request.POST)
    if form.is_valid():
        _layani(request, services.kendali_set, "Total kendali DPA disimpan.", anggaran=a,
                tingkat=tingkat, kelompok=kelompok, program=program, **form.cleaned_data)
    else:
        messages.error(request, f"Total kendali tidak disimpan: {_galat_form(form)}")
    return redirect(_url("pagu", "kendali"))


# --- mutations: budget lines -------------------------------------------------------------------


@login_required
@require_POST
def baris_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    a = _get_for_user(request, Anggaran, pk)
    form = f.BarisForm(request.POST, anggaran=a)
    if form.is_valid():
        try:
            b = services.baris_create(anggaran=a, oleh=request.user, **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, f"Baris {b} ditambahkan.")
            return redirect(_url("pagu", f"baris-{b.pk}"))
    ctx = _konteks(request, a.opd, a.tahun, "pagu", a)
    ctx.update(_pagu_konteks(a, baris_form=form))
    return render(request, "anggaran/pagu.html", ctx)


def _isian(form: Any, status: str) -> dict[str, Any]:
    """What a re-rendered grid row shows: after an error the text as typed, with the
    messages; after a save the stored values, formatted."""
    data = form.data if status == "galat" else None
    return {"status": status, "data": data, "errors": form.errors}


@login_required
@require_POST
@vary_on_headers("HX-Request")
def baris_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    b = _get_for_user(request, BarisAnggaran, pk)
    form = f.BarisUpdateForm(request.POST, tahun=b.anggaran.tahun)
    status = "galat"
    if form.is_valid():
        try:
            services.baris_update(baris=b, oleh=request.user, **form.cleaned_data)
        except ValidationError as e:
            _galat_ke_form(form, e)
        else:
            status = "tersimpan"
    if not request.htmx:  # type: ignore[attr-defined]
        _pesan_tanpa_htmx(request, form, status, "Pagu disimpan.")
        return redirect(_url("pagu", f"baris-{b.pk}"))
    data = selectors.anggaran_dataset(anggaran=b.anggaran)
    simpul = next(s for s in data.baris() if s.pk == b.pk)
    program = next(p for p in data.program.anak if p.pk == simpul.obj["program_id"])
    return render(request, "anggaran/pagu.html#baris-simpan", {
        "b": simpul, "isian": _isian(form, status), "data": data, "p": program,
        "anggaran": b.anggaran, "bisa_ubah": True,
    })


def _galat_form(form: Any) -> str:
    return " ".join(str(e) for es in form.errors.values() for e in es)


def _pesan_tanpa_htmx(request: HttpRequest, form: Any, status: str, ok: str) -> None:
    if status == "tersimpan":
        messages.success(request, ok)
    else:
        messages.error(request, f"Tidak disimpan: {_galat_form(form)}")


@login_required
@require_POST
def baris_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    b = _get_for_user(request, BarisAnggaran, pk)
    _layani(request, services.baris_delete, f"Baris {b} dihapus.", baris=b)
    return redirect(_url("pagu"))


@login_required
@require_POST
def pos_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    a = _get_for_user(request, Anggaran, pk)
    jenis = request.POST.get("jenis", "")
    if jenis not in PosAnggaran.Jenis.values:
        raise Http404("Jenis pos tidak dikenal")
    form = f.PosForm(request.POST, tahun=a.tahun, jenis=jenis)
    if form.is_valid():
        try:
            p = services.pos_create(anggaran=a, oleh=request.user, jenis=jenis,
                                    kelompok=form.cleaned_data.get("kelompok"),
                                    **{k: v for k, v in form.cleaned_data.items()
                                       if k != "kelompok"})
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, f"{p} ditambahkan.")
            return redirect(_url("pagu", f"pos-{p.pk}"))
    ctx = _konteks(request, a.opd, a.tahun, "pagu", a)
    nama = "pendapatan_form" if jenis == PosAnggaran.Jenis.PENDAPATAN else "pos_form"
    ctx.update(_pagu_konteks(a, **{nama: form}))
    return render(request, "anggaran/pagu.html", ctx)


@login_required
@require_POST
@vary_on_headers("HX-Request")
def pos_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    p = _get_for_user(request, PosAnggaran, pk)
    form = f.PosForm(request.POST, tahun=p.anggaran.tahun, jenis=p.jenis)
    status = "galat"
    if form.is_valid():
        try:
            services.pos_update(pos=p, oleh=request.user,
                                kelompok=form.cleaned_data.get("kelompok"),
                                **{k: v for k, v in form.cleaned_data.items() if k != "kelompok"})
        except ValidationError as e:
            _galat_ke_form(form, e)
        else:
            status = "tersimpan"
    if not request.htmx:  # type: ignore[attr-defined]
        _pesan_tanpa_htmx(request, form, status, "Pos anggaran disimpan.")
        return redirect(_url("pagu", f"pos-{p.pk}"))
    data = selectors.anggaran_dataset(anggaran=p.anggaran)
    simpul = next(s for s in [*data.pendapatan.anak, *data.pos_belanja] if s.pk == p.pk)
    return render(request, "anggaran/pagu.html#pos-simpan", {
        "s": simpul, "pos": p, "isian": _isian(form, status), "data": data,
        "anggaran": p.anggaran, "bisa_ubah": True,
            })


@login_required
@require_POST
def pos_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    p = _get_for_user(request, PosAnggaran, pk)
    _layani(request, services.pos_delete, f"{p} dihapus.", pos=p)
    return redirect(_url("pagu"))


# --- mutations: realisation ----------------------------------------------------------------


def _realisasi_update(request: HttpRequest, model: type[BarisAnggaran | PosAnggaran], pk: int,
                      periode: str) -> HttpResponse:
    induk = _get_for_user(request, model, pk)
    try:
        per = selectors.Periode.dari_teks(periode)
    except ValueError:
        raise Http404("Periode tidak dikenal") from None
    form = f.RealisasiForm(request.POST)
    status = "galat"
    if form.is_valid():
        try:
            services.realisasi_set(induk=induk, periode=per, oleh=request.user,
                                   **form.cleaned_data)
        except ValidationError as e:
            _galat_ke_form(form, e)
        else:
            status = "tersimpan"
    a = induk.anggaran
    if not request.htmx:  # type: ignore[attr-defined]
        _pesan_tanpa_htmx(request, form, status, f"Realisasi {per.nama} disimpan.")
        return redirect(f"{_url('realisasi')}?periode={per.kode}")
    data = selectors.anggaran_dataset(anggaran=a)
    jenis = "baris" if model is BarisAnggaran else "pos"
    daun = data.baris() if jenis == "baris" else iter([*data.pendapatan.anak, *data.pos_belanja])
    simpul = next(s for s in daun if s.pk == induk.pk)
    isian = selectors.realisasi_isian(anggaran=a, periode=per)[simpul.dom_id]
    return render(request, "anggaran/realisasi.html#realisasi-row", {
        "s": simpul, "jenis": jenis, "periode": per, "isian": isian, "anggaran": a,
        "bisa_ubah": True, "form_isian": _isian(form, status),
    })


@login_required
@require_POST
@vary_on_headers("HX-Request")
def realisasi_baris_view(request: HttpRequest, pk: int, periode: str) -> HttpResponse:
    return _realisasi_update(request, BarisAnggaran, pk, periode)


@login_required
@require_POST
@vary_on_headers("HX-Request")
def realisasi_pos_view(request: HttpRequest, pk: int, periode: str) -> HttpResponse:
    return _realisasi_update(request, PosAnggaran, pk, periode)


# --- mutations: allocation to sasaran ------------------------------------------------------


@login_required
@require_POST
def perlakuan_set_view(request: HttpRequest, pk: int, program: int) -> HttpResponse:
    a = _get_for_user(request, Anggaran, pk)
    p = get_object_or_404(Program.objects.filter(
        pk__in=f.kegiatan_renstra(a).values("program_id")), pk=program)
    form = f.PerlakuanForm(request.POST)
    if form.is_valid():
        _layani(request, services.perlakuan_set, f"Perlakuan {p} disimpan.", anggaran=a,
                program=p, perlakuan=form.cleaned_data["perlakuan"])
    else:
        messages.error(request, "Pilihan perlakuan tidak dikenal.")
    return redirect(_url("alokasi", "pemetaan"))


@login_required
@require_POST
def pemetaan_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    a = _get_for_user(request, Anggaran, pk)
    target = selectors.sasaran_anggaran(anggaran=a)
    form = f.PemetaanForm(request.POST, anggaran=a, target=target)
    if form.is_valid():
        d = form.cleaned_data
        _layani(request, services.pemetaan_create, "Pemetaan ditambahkan.", anggaran=a,
                program=d["program"], kegiatan=d["kegiatan"], sasaran=d["sasaran"],
                indikator=d["indikator"])
    else:
        messages.error(request, f"Pemetaan tidak disimpan: {_galat_form(form)}")
    return redirect(_url("alokasi", "pemetaan"))


@login_required
@require_POST
def pemetaan_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    m = _get_for_user(request, PemetaanSasaran, pk)
    services.pemetaan_delete(pemetaan=m, oleh=request.user)
    messages.success(request, "Pemetaan dihapus.")
    return redirect(_url("alokasi", "pemetaan"))
