"""Renstra pages. Each view: fetch through the user's scope (404), ask rules (403),
validate a form, call one service, redirect."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import forms as f
from . import selectors, services
from .models import (
    Indikator,
    Kegiatan,
    Level,
    Misi,
    Program,
    Renstra,
    Sasaran,
    SubKegiatan,
    TargetRenstra,
    Tujuan,
)


@dataclass(frozen=True)
class Jenjang:
    """One level of the tree: its model, form and the path up to its Renstra."""

    model: type[models.Model]
    form: type[f._NodeForm] | type[f.MisiForm]
    induk: str | None  # FK to the parent node; None → the Renstra itself
    renstra_path: str
    anak: str | None


JENJANG: dict[str, Jenjang] = {
    "misi": Jenjang(Misi, f.MisiForm, None, "renstra", None),
    "tujuan": Jenjang(Tujuan, f.TujuanForm, None, "renstra", "sasaran"),
    "sasaran": Jenjang(Sasaran, f.SasaranForm, "tujuan", "tujuan__renstra", "program"),
    "program": Jenjang(Program, f.ProgramForm, "sasaran", "sasaran__tujuan__renstra", "kegiatan"),
    "kegiatan": Jenjang(Kegiatan, f.KegiatanForm, "program",
                        "program__sasaran__tujuan__renstra", "sub_kegiatan"),
    "sub_kegiatan": Jenjang(SubKegiatan, f.SubKegiatanForm, "kegiatan",
                            "kegiatan__program__sasaran__tujuan__renstra", None),
}


def _jenjang(level: str) -> Jenjang:
    try:
        return JENJANG[level]
    except KeyError:
        raise Http404("Jenjang tidak dikenal") from None


def _renstra_for_user(request: HttpRequest, pk: int) -> Renstra:
    try:
        return selectors.renstra_get(user=request.user, pk=pk)
    except Renstra.DoesNotExist:
        raise Http404("Renstra tidak ditemukan") from None


def _boleh_ubah(request: HttpRequest, renstra: Renstra) -> None:
    if not renstra.dapat_diubah:
        raise PermissionDenied(services.PESAN_DIGANTIKAN)
    if not request.user.has_perm("renstra.change_renstra", renstra):
        raise PermissionDenied("Hanya perencana perangkat daerah ini yang dapat mengubah Renstra.")


def _node_for_user(request: HttpRequest, level: str, pk: int) -> tuple[Any, Renstra]:
    j = _jenjang(level)
    qs = j.model.objects.for_user(request.user)  # type: ignore[attr-defined]
    obj = get_object_or_404(qs, pk=pk)
    renstra = _renstra_for_user(request, _renstra_id(obj, j))
    return obj, renstra


def _renstra_id(obj: Any, j: Jenjang) -> int:
    o = obj
    for part in j.renstra_path.split("__")[:-1]:
        o = getattr(o, part)
    return o.renstra_id


def _program_id(obj: Any) -> int | None:
    """The program whose folded content holds `obj` (None above the program level)."""
    if isinstance(obj, Indikator):
        if obj.level in ("tujuan", "sasaran"):
            return None
        obj = obj.induk
    if isinstance(obj, Program):
        return obj.pk
    if isinstance(obj, Kegiatan):
        return obj.program_id
    if isinstance(obj, SubKegiatan):
        return obj.kegiatan.program_id
    return None


def _tree_url(renstra: Renstra, anchor: str = "", obj: Any = None) -> str:
    """The tree page, unfolded at `obj` and scrolled to `anchor`."""
    url = reverse("renstra:renstra-detail", args=[renstra.pk])
    program_id = _program_id(obj) if obj is not None else None
    if program_id:
        url += f"?program={program_id}"
    return f"{url}#{anchor}" if anchor else url


@login_required
@require_GET
def renstra_list_view(request: HttpRequest) -> HttpResponse:
    opd = request.opd_aktif  # type: ignore[attr-defined]
    daftar = selectors.renstra_list(user=request.user, opd=opd)
    return render(request, "renstra/renstra_list.html", {"daftar": daftar, "opd": opd})


@login_required
@require_http_methods(["GET", "POST"])
def renstra_create_view(request: HttpRequest) -> HttpResponse:
    opd = request.opd_aktif  # type: ignore[attr-defined]
    if opd is None:
        raise Http404("Belum ada perangkat daerah")
    if not request.user.has_perm("renstra.add_renstra", opd):
        raise PermissionDenied("Hanya perencana perangkat daerah ini yang dapat membuat Renstra.")
    form = f.RenstraForm(request.POST or None, opd=opd)
    if request.method == "POST" and form.is_valid():
        try:
            r = services.renstra_create(opd=opd, renstra=form.instance, oleh=request.user)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, "Renstra dibuat. Tambahkan misi, tujuan dan sasaran.")
            return redirect(_tree_url(r))
    return render(request, "renstra/form.html", {
        "form": form, "judul": f"Renstra baru — {opd}", "batal": reverse("renstra:renstra-list"),
    })


@login_required
@require_GET
def renstra_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The tree with programs folded; `?lengkap=1` unfolds everything, `?program=ID`
    unfolds the program a just-saved node lives in."""
    renstra = _renstra_for_user(request, pk)
    lengkap = request.GET.get("lengkap") == "1"
    program = request.GET.get("program", "")
    dimuat = None if lengkap else ({int(program)} if program.isdigit() else set())
    pohon = selectors.renstra_tree(renstra=renstra, program_dimuat=dimuat)
    return render(request, "renstra/renstra_detail.html", {
        "renstra": renstra,
        "pohon": pohon,
        "lengkap": lengkap,
        "bisa_ubah": request.user.has_perm("renstra.change_renstra", renstra),
        "revisi_form": f.RevisiForm(),
    })


@login_required
@require_GET
def program_isi_view(request: HttpRequest, pk: int, program_pk: int) -> HttpResponse:
    """The kegiatan of one program, loaded when the program is unfolded on the tree page."""
    renstra = _renstra_for_user(request, pk)
    pohon = selectors.renstra_tree(renstra=renstra, program_dimuat={program_pk})
    simpul = pohon.program.get(program_pk)
    if simpul is None:
        raise Http404("Program tidak ada di Renstra ini")
    return render(request, "renstra/_program_isi.html", {
        "renstra": renstra, "pohon": pohon, "simpul": simpul,
        "bisa_ubah": request.user.has_perm("renstra.change_renstra", renstra),
    })


@login_required
@require_http_methods(["GET", "POST"])
def renstra_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    renstra = _renstra_for_user(request, pk)
    _boleh_ubah(request, renstra)
    form = f.RenstraForm(request.POST or None, instance=renstra, opd=renstra.opd)
    if request.method == "POST" and form.is_valid():
        try:
            services.node_save(renstra=renstra, obj=form.instance, oleh=request.user,
                               alasan="Ubah data Renstra")
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, "Data Renstra disimpan.")
            return redirect(_tree_url(renstra))
    return render(request, "renstra/form.html", {
        "form": form, "renstra": renstra, "judul": f"Ubah {renstra}", "batal": _tree_url(renstra),
    })


@login_required
@require_POST
def renstra_revise_view(request: HttpRequest, pk: int) -> HttpResponse:
    renstra = _renstra_for_user(request, pk)
    _boleh_ubah(request, renstra)
    form = f.RevisiForm(request.POST)
    if not form.is_valid():
        for e in form.errors.get("alasan", []):
            messages.error(request, str(e))
        return redirect(_tree_url(renstra))
    baru = services.renstra_revise(renstra=renstra, oleh=request.user,
                                   alasan=form.cleaned_data["alasan"])
    messages.success(request, f"{baru.nama_versi} dibuat. Versi sebelumnya tetap dapat dibaca.")
    return redirect(_tree_url(baru))


@login_required
@require_POST
def renstra_set_berlaku_view(request: HttpRequest, pk: int) -> HttpResponse:
    renstra = _renstra_for_user(request, pk)
    _boleh_ubah(request, renstra)
    services.renstra_set_berlaku(renstra=renstra, oleh=request.user)
    messages.success(request, "Renstra ditetapkan berlaku.")
    return redirect(_tree_url(renstra))


@login_required
@require_GET
def renstra_diff_view(request: HttpRequest, pk: int) -> HttpResponse:
    renstra = _renstra_for_user(request, pk)
    if renstra.sebelumnya_id is None:
        messages.info(request, "Ini Renstra awal: belum ada versi sebelumnya untuk dibandingkan.")
        return redirect(_tree_url(renstra))
    lama = _renstra_for_user(request, renstra.sebelumnya_id)
    beda = selectors.renstra_diff(lama=lama, baru=renstra)
    return render(request, "renstra/renstra_diff.html",
                  {"renstra": renstra, "lama": lama, "beda": beda})


@login_required
@require_GET
def renstra_matriks_view(request: HttpRequest, pk: int) -> HttpResponse:
    renstra = _renstra_for_user(request, pk)
    matriks = selectors.renstra_matriks(renstra=renstra)
    return render(request, "renstra/renstra_matriks.html",
                  {"renstra": renstra, "matriks": matriks})


def _node_form_page(request: HttpRequest, *, renstra: Renstra, form: Any, judul: str,
                    induk: Any = None) -> HttpResponse:
    return render(request, "renstra/form.html", {
        "form": form, "renstra": renstra, "judul": judul, "induk": induk,
        "batal": _tree_url(renstra),
    })


@login_required
@require_http_methods(["GET", "POST"])
def node_create_view(request: HttpRequest, level: str, induk_pk: int) -> HttpResponse:
    """Add a child of `level` under the node `induk_pk` (or under the Renstra for top levels)."""
    j = _jenjang(level)
    if j.induk is None:
        renstra, induk = _renstra_for_user(request, induk_pk), None
    else:
        induk, renstra = _node_for_user(request, j.induk, induk_pk)
    _boleh_ubah(request, renstra)
    obj = j.model()
    if j.induk:
        setattr(obj, j.induk, induk)
    else:
        obj.renstra = renstra  # type: ignore[attr-defined]
    form = j.form(request.POST or None, instance=obj, renstra=renstra)
    if request.method == "POST" and form.is_valid():
        try:
            services.node_save(renstra=renstra, obj=form.instance, oleh=request.user,
                               alasan=f"Tambah {j.model._meta.verbose_name}")
        except ValidationError as e:
            form.add_error(None, e)
        else:
            nama = str(j.model._meta.verbose_name)
            messages.success(request, f"{nama.capitalize()} ditambahkan.")
            return redirect(_tree_url(renstra, f"{level}-{form.instance.pk}", form.instance))
    return _node_form_page(request, renstra=renstra, form=form, induk=induk,
                           judul=f"Tambah {j.model._meta.verbose_name}")


@login_required
@require_http_methods(["GET", "POST"])
def node_update_view(request: HttpRequest, level: str, pk: int) -> HttpResponse:
    j = _jenjang(level)
    obj, renstra = _node_for_user(request, level, pk)
    _boleh_ubah(request, renstra)
    form = j.form(request.POST or None, instance=obj, renstra=renstra)
    if request.method == "POST" and form.is_valid():
        try:
            services.node_save(renstra=renstra, obj=form.instance, oleh=request.user,
                               alasan=f"Ubah {j.model._meta.verbose_name}")
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, "Perubahan disimpan.")
            return redirect(_tree_url(renstra, f"{level}-{obj.pk}", obj))
    return _node_form_page(request, renstra=renstra, form=form,
                           judul=f"Ubah {j.model._meta.verbose_name}")


_URUTAN = ["tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan"]


def _path_ke(bawah: str, atas: str) -> str:
    """ORM path from a node of level `bawah` up to level `atas` (kegiatan → sasaran:
    "program__sasaran")."""
    i, j = _URUTAN.index(bawah), _URUTAN.index(atas)
    return "__".join(reversed(_URUTAN[j:i]))


def _di_bawah(level: str, obj: Any) -> models.Q:
    """Indicators on `obj` or anywhere below it."""
    q = models.Q()
    for x in _URUTAN[_URUTAN.index(level):]:
        path = x if x == level else f"{x}__{_path_ke(x, level)}"
        q |= models.Q(**{path: obj})
    return q


def _isi_node(obj: Any, level: str) -> dict[str, int]:
    """What deleting a node takes with it, for the confirmation page."""
    if level == "indikator":
        return {"target tahunan": obj.target.count()}
    if level == "misi":
        return {"tujuan yang merujuk misi ini (tujuannya tetap ada, tautannya dilepas)":
                obj.tujuan.count()}
    jumlah: dict[str, int] = {}
    anak = JENJANG[level].anak
    while anak:
        aj = JENJANG[anak]
        jumlah[str(aj.model._meta.verbose_name)] = aj.model.objects.filter(  # type: ignore[attr-defined]
            **{_path_ke(anak, level): obj}
        ).count()
        anak = aj.anak
    ind = Indikator.objects.filter(_di_bawah(level, obj))
    jumlah["indikator"] = ind.count()
    jumlah["target tahunan"] = TargetRenstra.objects.filter(indikator__in=ind).count()
    return jumlah


@login_required
@require_http_methods(["GET", "POST"])
def node_delete_view(request: HttpRequest, level: str, pk: int) -> HttpResponse:
    """GET asks for confirmation listing what goes with the node; POST deletes."""
    if level == "indikator":
        obj = get_object_or_404(Indikator.objects.for_user(request.user), pk=pk)
        renstra = _renstra_for_user(request, obj.renstra_id)
        nama_jenis = "indikator"
    else:
        obj, renstra = _node_for_user(request, level, pk)
        nama_jenis = str(JENJANG[level].model._meta.verbose_name)
    _boleh_ubah(request, renstra)
    isi = _isi_node(obj, level)
    ditolak = ""
    if request.method == "POST":
        try:
            services.node_delete(renstra=renstra, obj=obj, oleh=request.user)
        except ValidationError as e:
            ditolak = " ".join(e.messages)
        else:
            messages.success(request, f"{nama_jenis.capitalize()} dihapus.")
            return redirect(_tree_url(renstra))
    return render(request, "renstra/hapus.html", {
        "obj": obj, "renstra": renstra, "nama_jenis": nama_jenis, "isi": isi,
        "ada_isi": any(isi.values()), "batal": _tree_url(renstra), "ditolak": ditolak,
    })


def _indikator_page(request: HttpRequest, *, renstra: Renstra, ind: Indikator,
                    judul: str, induk: Any = None) -> HttpResponse:
    """Shared by create and update: the indicator form plus one target row per year."""
    data = request.POST if request.method == "POST" else None
    form = f.IndikatorForm(data, instance=ind, renstra=renstra)
    existing = {t.tahun: t for t in ind.target.all()} if ind.pk else {}
    tforms = f.target_forms(ind, data, existing)
    # Every form is validated (not short-circuited) so all errors show at once.
    sah = [form.is_valid(), *(t.is_valid() for t in tforms)]
    if request.method == "POST" and all(sah):
        alasan = request.POST.get("alasan", "").strip()
        try:
            services.indikator_save(
                renstra=renstra, indikator=form.instance, oleh=request.user,
                target={t.tahun: t.nilai_baru() for t in tforms},
                alasan=alasan or ("Ubah indikator" if ind.pk else "Tambah indikator"),
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, "Indikator dan target disimpan.")
            return redirect(_tree_url(renstra, f"indikator-{form.instance.pk}", form.instance))
    return render(request, "renstra/indikator_form.html", {
        "form": form, "target_forms": tforms, "renstra": renstra, "judul": judul,
        "induk": induk, "batal": _tree_url(renstra), "indikator": ind,
        "ada_galat": bool(form.errors) or any(t.errors for t in tforms),
    })


@login_required
@require_http_methods(["GET", "POST"])
def indikator_create_view(request: HttpRequest, level: str, induk_pk: int) -> HttpResponse:
    if level not in Level.values:
        raise Http404("Jenjang tidak dikenal")
    induk, renstra = _node_for_user(request, level, induk_pk)
    _boleh_ubah(request, renstra)
    ind = Indikator(renstra=renstra, level=level, **{level: induk})
    # Outcome above the kegiatan, output below: the statutory default, editable.
    if level in ("tujuan", "sasaran", "program"):
        ind.jenis = Indikator.Jenis.HASIL
    return _indikator_page(request, renstra=renstra, ind=ind, induk=induk,
                           judul=f"Tambah indikator {Level(level).label.lower()}")


@login_required
@require_http_methods(["GET", "POST"])
def indikator_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    ind = get_object_or_404(
        Indikator.objects.for_user(request.user).select_related(*Level.values), pk=pk
    )
    renstra = _renstra_for_user(request, ind.renstra_id)
    _boleh_ubah(request, renstra)
    return _indikator_page(request, renstra=renstra, ind=ind, induk=ind.induk,
                           judul="Ubah indikator")
