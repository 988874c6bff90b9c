"""Indonesian number filters for templates, wrapping sakip.formatting.

`{{ x|angka }}` keeps the stored precision, `{{ x|angka:2 }}` rounds for display,
`{{ x|rupiah }}`, `{{ x|rupiah_ringkas }}` ("Rp 8,34 M"), `{{ x|persen }}`. Years and codes
use `|unlocalize` instead.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template

from sakip.formatting import format_angka, format_persen, format_rupiah, format_rupiah_ringkas

register = template.Library()


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        return None


@register.filter
def angka(value: Any, desimal: int | str | None = None) -> str:
    d = _decimal(value)
    if d is None:
        return "-" if value in (None, "") else str(value)
    return format_angka(d, None if desimal is None or desimal == "" else int(desimal))


@register.filter
def rupiah(value: Any) -> str:
    d = _decimal(value)
    return "-" if d is None else format_rupiah(d)


@register.filter
def rupiah_ringkas(value: Any) -> str:
    d = _decimal(value)
    return "-" if d is None else format_rupiah_ringkas(d)


@register.filter
def persen(value: Any, desimal: int = 2) -> str:
    d = _decimal(value)
    return "-" if d is None else format_persen(d, int(desimal))


@register.simple_tag(takes_context=True)
def boleh(context: dict[str, Any], perm: str, obj: Any = None) -> bool:
    """`{% boleh "renstra.change_renstra" renstra as bisa_ubah %}` — hides buttons only."""
    user = context["request"].user
    return bool(user.has_perm(perm, obj))


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if mapping else None


@register.filter
def split(value: str) -> list[str]:
    return value.split()


@register.filter
def field(form: Any, name: str) -> Any:
    return form[name]
