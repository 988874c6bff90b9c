"""Filters of the report templates (HTML preview and PDF); numbers via sakip.formatting."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from sakip.formatting import format_angka

register = template.Library()


@register.filter
def nilai_satuan(sel: Any, satuan: str) -> str:
    """A target cell of the Renstra matrix: "4.500 Buah", "90–100 %", a label, or ""."""
    if sel.nilai_teks:
        return sel.nilai_teks
    if sel.nilai is None:
        return ""
    teks = format_angka(sel.nilai)
    if sel.nilai_atas is not None:
        teks = f"{teks}–{format_angka(sel.nilai_atas)}"
    return f"{teks} {satuan}".strip()


@register.filter
def sel_matriks(sel: Any, satuan: str) -> SafeString:
    """One year cell of the printed Renstra matrix: target, then Rp and sumber dana.

    Built here, not with an {% include %} per cell: a large plan has thousands of these
    and the include alone would dominate the HTML rendering. Every text is escaped.
    """
    if not sel.berlaku:
        return mark_safe('<td class="luar">–</td>')
    isi = str(escape(nilai_satuan(sel, satuan)))
    if sel.pagu is not None:
        isi += f'<br><span class="rp">{format_angka(sel.pagu)}</span>'
    if sel.sumber_dana:
        isi += f'<br><span class="sumber-dana">{escape(sel.sumber_dana)}</span>'
    # Safe: the texts above are escaped; the rest is fixed markup and formatted numbers.
    return mark_safe(f'<td class="angka">{isi}</td>')


@register.filter
def kelas_kategori(label: str | None) -> str:
    """CSS class of a category label: "Sangat Tinggi" → "kat-sangat-tinggi"."""
    return "kat-" + "-".join((label or "").lower().split()) if label else ""



@register.filter
def paragraf(isi: str | None) -> list[str]:
    """Narrative text as paragraphs (split at blank lines); escaped by the template."""
    return [p.strip() for p in (isi or "").replace("\r\n", "\n").split("\n\n") if p.strip()]


@register.filter
def huruf(n: int) -> str:
    """1 → "a", 2 → "b": list letters of the report's sub-items."""
    return chr(ord("a") + int(n) - 1)


@register.simple_tag(takes_context=True)
def hal(context: template.Context, *kunci: Any) -> str:
    """` data-hal="12"` on a contents entry whose heading is in another part of a report laid
    out in parts (`hal`: anchor → printed page number); nothing otherwise (target-counter)."""
    nomor = (context.get("hal") or {}).get("".join(str(k) for k in kunci))
    return format_html(' data-hal="{}"', nomor) if nomor else ""
