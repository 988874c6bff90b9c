from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from .middleware import SESSION_OPD, SESSION_TAHUN
from .models import AksesPemda, Keanggotaan, Opd, Peran


class AuthenticatedHttpRequest(HttpRequest):
    """The request of a `login_required` view: `user` is never AnonymousUser."""

    user: User


@login_required
@require_GET
def beranda(request: AuthenticatedHttpRequest) -> HttpResponse:
    opd_list = list(Opd.objects.for_user(request.user).select_related("pemda"))
    peran = {
        k.opd_id: k.get_peran_display()
        for k in Keanggotaan.objects.filter(user=request.user)
    }
    akses_pemda = list(AksesPemda.objects.filter(user=request.user))
    akses = {a.pemda_id: f"{a.get_peran_display()} (seluruh pemda)" for a in akses_pemda}
    cadangan = "Administrator" if request.user.is_superuser else "Pembaca"
    for opd in opd_list:
        opd.peran_saya = (  # type: ignore[attr-defined]
            peran.get(opd.pk) or akses.get(opd.pemda_id) or cadangan
        )
    return render(request, "beranda.html", {
        "opd_list": opd_list,
        "inspektorat": any(a.peran == Peran.INSPEKTORAT for a in akses_pemda),
    })


@login_required
@require_POST
def konteks_set(request: HttpRequest) -> HttpResponse:
    """Switch the office and/or year the user works on."""
    if request.POST.get("opd"):
        opd = get_object_or_404(Opd.objects.for_user(request.user), slug=request.POST["opd"])
        request.session[SESSION_OPD] = opd.pk
    tahun = request.POST.get("tahun", "")
    if tahun.isdigit() and 2000 <= int(tahun) <= 2100:
        request.session[SESSION_TAHUN] = int(tahun)
    nxt = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
        nxt = "/"
    return redirect(nxt)
