"""PDF rendering with WeasyPrint: from finished HTML to bytes, nothing else.

WeasyPrint may only read the project's static files and uploaded media (logo, org
chart) through `file:` URLs, and inline `data:` URIs. Anything else — above all HTTP
back to the running app, which deadlocks a single gunicorn worker — is refused.
Templates hand in finished values (datasets of `laporan.selectors`); this module never
touches the ORM.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

import weasyprint
from django.conf import settings
from django.template.loader import render_to_string

# Paper sizes the reports offer; F4 ("folio") is common in Indonesian offices.
KERTAS = {"A4": ("210mm", "297mm"), "F4": ("215mm", "330mm")}
KERTAS_PILIHAN = [("A4", "A4 (210 × 297 mm)"), ("F4", "F4 (215 × 330 mm)")]


def akar_berkas() -> list[Path]:
    """Folders WeasyPrint may read: static files and uploaded media."""
    akar = [Path(p) for p in settings.STATICFILES_DIRS]
    akar += [Path(settings.STATIC_ROOT), Path(settings.MEDIA_ROOT)]
    return [p.resolve() for p in akar]


class PengambilBerkas(weasyprint.URLFetcher):
    """A URL fetcher restricted to `file:` URLs inside `akar_berkas()` and `data:` URIs."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("file", "data"))
        self._akar = akar_berkas()

    def fetch(self, url: str, headers: Any = None) -> Any:
        if url.lower().startswith("file:"):
            path = Path(url2pathname(urlsplit(url).path)).resolve()
            if not any(path.is_relative_to(a) for a in self._akar):
                raise ValueError(f"Berkas di luar folder statis/media tidak boleh dibaca: {url}")
        return super().fetch(url, headers)


def base_url() -> str:
    """Relative URLs in report templates resolve against the project's static folder."""
    return Path(settings.STATICFILES_DIRS[0]).resolve().as_uri() + "/"


def layout(html: str, base: str | None = None) -> weasyprint.Document:
    """Lay out the pages (the slow part); `.write_pdf()` on the result gives the bytes.
    `base` must be a file URL; reads stay limited to `akar_berkas()` either way."""
    return weasyprint.HTML(string=html, base_url=base or base_url(),
                           url_fetcher=PengambilBerkas()).render()


def render_pdf(html: str, base: str | None = None) -> bytes:
    return layout(html, base).write_pdf()


def render_template_pdf(template: str, context: dict[str, Any]) -> bytes:
    return render_pdf(render_to_string(template, context))


@dataclass(frozen=True)
class Halaman:
    """Paper for a template: `kertas.lebar`/`kertas.tinggi` go into the `@page` rules."""

    nama: str
    lebar: str
    tinggi: str


def halaman(nama: str) -> Halaman:
    lebar, tinggi = KERTAS.get(nama, KERTAS["A4"])
    return Halaman(nama if nama in KERTAS else "A4", lebar, tinggi)
