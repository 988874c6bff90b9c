"""Riwayat perubahan pages: an office's feed (with filters) and one object's history."""

from __future__ import annotations

from typing import cast

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import audit
from .models import Opd


class SaringForm(forms.Form):
    tahun = forms.IntegerField(required=False, min_value=2000, max_value=2100,
                               widget=forms.NumberInput(attrs={"class": "form-control"}))
    oleh = forms.TypedChoiceField(label="Pengguna", required=False, coerce=int,
                                  empty_value=None)
    dari = forms.DateField(label="Dari tanggal", required=False,
                           widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    sampai = forms.DateField(label="Sampai tanggal", required=False,
                             widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    grup = forms.ChoiceField(label="Jenis objek", required=False)

    def __init__(self, *args: object, opd: Opd, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        oleh = cast(forms.ChoiceField, self.fields["oleh"])
        oleh.choices = [("", "Semua pengguna")] + [
            (u.pk, u.get_full_name() or u.get_username()) for u in audit.pengguna_opd(opd)]
        cast(forms.ChoiceField, self.fields["grup"]).choices = [
            ("", "Semua jenis"), *audit.pilihan_grup()]
        for f in self.fields.values():
            f.widget.attrs.setdefault("class", "form-select" if isinstance(
                f, forms.ChoiceField) else "form-control")

    def saring(self) -> audit.Saring:
        if not self.is_valid():
            return audit.Saring()
        d = self.cleaned_data
        return audit.Saring(tahun=d["tahun"], oleh=d["oleh"], dari=d["dari"],
                            sampai=d["sampai"], grup=d["grup"] or None)


def _boleh_baca(request: HttpRequest, opd: Opd) -> None:
    if not request.user.has_perm("sakip.view_riwayat", opd):
        raise PermissionDenied("Anda tidak berhak membaca riwayat perangkat daerah ini.")


@require_GET
def riwayat_opd_view(request: HttpRequest) -> HttpResponse:
    """Changes to the office chosen in the navigation bar; the year filter starts at the
    year chosen there."""
    opd: Opd | None = request.opd_aktif  # type: ignore[attr-defined]
    if opd is None:
        raise Http404("Belum ada perangkat daerah.")
    _boleh_baca(request, opd)
    data = request.GET.copy()
    if "tahun" not in data:
        data["tahun"] = str(request.tahun_aktif)  # type: ignore[attr-defined]
    form = SaringForm(data, opd=opd)
    hasil = audit.riwayat_opd(opd=opd, saring=form.saring(), halaman=request.GET.get("hal"))
    tanpa_hal = data.copy()
    tanpa_hal.pop("hal", None)
    return render(request, "sakip/riwayat.html", {
        "opd": opd, "form": form, "hasil": hasil, "query": tanpa_hal.urlencode(),
        "judul": f"Riwayat perubahan — {opd}",
    })


@require_GET
def riwayat_objek_view(request: HttpRequest, jenis: str, pk: int) -> HttpResponse:
    """One object's changes, with the rows that belong to it (an indicator's targets)."""
    j = audit.jenis_get(jenis)
    if j is None:
        raise Http404("Jenis objek tidak dikenal.")
    try:
        obj = j.model.objects.for_user(request.user).get(pk=pk)  # type: ignore[attr-defined]
    except j.model.DoesNotExist:  # type: ignore[attr-defined]
        raise Http404("Objek tidak ditemukan.") from None
    opd = obj
    for bagian in j.opd_path.split("__"):
        opd = getattr(opd, bagian)
    _boleh_baca(request, opd)
    hasil = audit.riwayat_objek(jenis=j, pk=pk, halaman=request.GET.get("hal"))
    return render(request, "sakip/riwayat.html", {
        "opd": opd, "objek": obj, "jenis": j, "hasil": hasil, "query": "",
        "judul": f"Riwayat perubahan — {j.nama}: {obj}",
    })
