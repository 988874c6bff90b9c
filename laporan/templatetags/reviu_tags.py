"""Template helpers of the automatic review's findings list."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from ..reviu import Temuan
from ..reviu.dasar import LABEL_TINGKAT, hitung_tingkat

register = template.Library()

WARNA = {"galat": "danger", "peringatan": "warning", "info": "info"}


@register.filter
def jumlah_tingkat(temuan: Iterable[Temuan]) -> dict[str, object]:
    """Unacknowledged findings per level and the number acknowledged."""
    daftar = list(temuan)
    return {"belum": hitung_tingkat(daftar), "diakui": sum(t.diakui for t in daftar)}


@register.filter
def warna_tingkat(tingkat: str) -> str:
    """The Bootstrap colour of a level: danger, warning, info."""
    return WARNA.get(tingkat, "secondary")


@register.filter
def label_tingkat(tingkat: str) -> str:
    return LABEL_TINGKAT.get(tingkat, tingkat)
