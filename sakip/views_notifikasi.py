"""The bell: unread count, the list, marking as read."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from . import notifikasi
from .models import Notifikasi

PER_HALAMAN = 30


@require_GET
def notifikasi_list_view(request: HttpRequest) -> HttpResponse:
    # Logged in (LoginRequiredMiddleware): the user has a pk.
    qs = Notifikasi.objects.filter(user_id=request.user.pk)  # type: ignore[misc]
    halaman = Paginator(qs, PER_HALAMAN).get_page(request.GET.get("hal"))
    return render(request, "sakip/notifikasi.html", {
        "halaman": halaman, "ada_belum_dibaca": qs.filter(dibaca=False).exists(),
    })


@require_GET
def notifikasi_jumlah_view(request: HttpRequest) -> HttpResponse:
    """The badge on the bell, fetched by htmx after the page loads."""
    return render(request, "sakip/_lonceng.html",
                  {"jumlah": notifikasi.jumlah_belum_dibaca(request.user)})


@require_POST
def notifikasi_baca_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark read and open what it is about (the user's own notifications only: 404)."""
    n = get_object_or_404(Notifikasi, pk=pk, user_id=request.user.pk)
    notifikasi.tandai_dibaca(user=request.user, notifikasi=n)
    aman = url_has_allowed_host_and_scheme(n.url, allowed_hosts={request.get_host()})
    return redirect(n.url if n.url and aman else "notifikasi-list")


@require_POST
def notifikasi_baca_semua_view(request: HttpRequest) -> HttpResponse:
    notifikasi.tandai_dibaca(user=request.user)
    return redirect("notifikasi-list")
