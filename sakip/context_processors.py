from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .models import Opd


def konteks_kerja(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    tahun = getattr(request, "tahun_aktif", None)
    return {
        "opd_aktif": getattr(request, "opd_aktif", None),
        "tahun_aktif": tahun,
        # A lazy queryset: only evaluated by the switcher menu.
        "daftar_opd": Opd.objects.for_user(user).only("pk", "nama", "slug"),
        "daftar_tahun": list(range((tahun or 2020) + 2, 2014, -1)),
    }
