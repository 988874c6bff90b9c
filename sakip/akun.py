"""Account hardening helpers (django-axes)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def alamat_klien(request: HttpRequest) -> str:
    """The address failed logins are counted against.

    In production the app runs behind the pemda's reverse proxy (see SECURE_PROXY_SSL_HEADER
    in settings), which appends the real client to X-Forwarded-For: the last entry is the
    one the proxy saw, the earlier ones are whatever the client claimed.
    """
    terusan = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.PRODUCTION and terusan:
        return terusan.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def respons_terkunci(request: HttpRequest, original_response: HttpResponse | None = None,
                     credentials: dict | None = None) -> HttpResponse:
    """The lockout page in Indonesian, with the pause in minutes (429 Too Many Requests)."""
    return render(request, "registration/terkunci.html", {
        "batas": settings.AXES_FAILURE_LIMIT,
        "menit": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }, status=429)
