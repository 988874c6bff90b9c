"""The working context of a request: the office and the year the user is looking at."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from .models import Opd

SESSION_OPD = "opd_aktif"
SESSION_TAHUN = "tahun_aktif"


class KonteksKerjaMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.opd_aktif = None  # type: ignore[attr-defined]
        request.tahun_aktif = request.session.get(  # type: ignore[attr-defined]
            SESSION_TAHUN, timezone.localdate().year
        )
        if request.user.is_authenticated:
            opd_id = request.session.get(SESSION_OPD)
            qs = Opd.objects.for_user(request.user).select_related("pemda")
            opd = qs.filter(pk=opd_id).first() if opd_id else None
            request.opd_aktif = opd or qs.first()  # type: ignore[attr-defined]
        return self.get_response(request)
