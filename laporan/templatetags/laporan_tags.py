"""Filters of the report templates (HTML preview and PDF); numbers via sakip.formatting."""

from __future__ import annotations

from typing import Any

from django import template

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
