from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .middleware import SESSION_OPD, SESSION_TAHUN
from .models import Opd


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
