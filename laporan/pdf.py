"""PDF rendering with WeasyPrint: from finished HTML to bytes, nothing else.

WeasyPrint may only read the project's static files and uploaded media (logo, org
chart) through `file:` URLs, and inline `data:` URIs. Anything else — above all HTTP
back to the running app, which deadlocks a single gunicorn worker — is refused.
Templates hand in finished values (datasets of `laporan.selectors`); this module never
touches the ORM.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import hashlib
import io
import itertools
import multiprocessing
import os
import re
import signal
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import forkserver
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

import weasyprint
from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Link
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, Fit, NameObject
from weasyprint.text.fonts import FontConfiguration

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

    def __init__(self, akar: list[Path] | None = None) -> None:
        super().__init__(allowed_protocols=("file", "data"))
        self._akar = akar_berkas() if akar is None else akar

    def fetch(self, url: str, headers: Any = None) -> Any:
        if url.lower().startswith("file:"):
            path = Path(url2pathname(urlsplit(url).path)).resolve()
            if not any(path.is_relative_to(a) for a in self._akar):
                raise ValueError(f"Berkas di luar folder statis/media tidak boleh dibaca: {url}")
        return super().fetch(url, headers)


def base_url() -> str:
    """Relative URLs in report templates resolve against the project's static folder."""
    return Path(settings.STATICFILES_DIRS[0]).resolve().as_uri() + "/"


_gc_kunci = threading.Lock()
_gc_pemakai = 0  # layouts running in this process's threads
_gc_dijeda = False  # whether the first of them paused the collector


@contextlib.contextmanager
def tanpa_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while WeasyPrint works. A layout keeps hundreds
    of thousands of objects alive until it ends, and the collector walks them again and
    again meanwhile (a fifth of the layout time). Afterwards one young-generation pass
    frees the layout's reference cycles: everything made during the pause is still in that
    generation. Threads may overlap; the last one out restores the collector."""
    global _gc_pemakai, _gc_dijeda
    with _gc_kunci:
        if _gc_pemakai == 0:
            _gc_dijeda = gc.isenabled()
            gc.disable()
        _gc_pemakai += 1
    try:
        yield
    finally:
        with _gc_kunci:
            _gc_pemakai -= 1
            if _gc_pemakai == 0 and _gc_dijeda:
                gc.enable()
                gc.collect(0)


_fon = threading.local()


def _konfigurasi_fon() -> FontConfiguration:
    """This thread's font configuration. WeasyPrint makes a new one per document unless
    given one: fontconfig's font list loaded again and Pango's font caches empty for every
    part of a report. Kept per thread, since a Pango font map is not thread-safe; the
    reports load no web fonts (`@font-face`), so documents cannot leak fonts into another."""
    if not hasattr(_fon, "config"):
        _fon.config = FontConfiguration()
    return _fon.config


def layout(html: str, base: str | None = None,
           akar: list[Path] | None = None) -> weasyprint.Document:
    """Lay out the pages (the slow part); `.write_pdf()` on the result gives the bytes.
    `base` must be a file URL; reads stay limited to `akar` (default `akar_berkas()`)."""
    return weasyprint.HTML(string=html, base_url=base or base_url(),
                           url_fetcher=PengambilBerkas(akar)).render(font_config=_konfigurasi_fon())


def render_pdf(html: str, base: str | None = None) -> bytes:
    with tanpa_gc():
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


# --- Long documents in parts ----------------------------------------------------------------
# WeasyPrint is single-threaded pure Python (~0,1 s per report page). A long report is cut
# at its forced page breaks into parts that are laid out in parallel processes and joined
# with pypdf. Page numbers and the table of contents depend on the parts before them, so the
# parts are laid out without page numbers; the numbers are laid out afterwards as a thin
# overlay (one cheap page per report page) and the contents page last, from the anchors.


@dataclass
class HasilBagian:
    """One part as a PDF, with what joining it needs: page orientation, where its anchors
    are (page index, x, y in PDF points) and its links to anchors of other parts."""

    pdf: bytes
    lanskap: list[bool]
    jangkar: dict[str, tuple[int, float, float]]
    tautan: list[tuple[int, str, tuple[float, float, float, float]]]


def bagian_render(html: str, base: str | None = None,
                  akar: list[Path] | None = None) -> HasilBagian:
    """Lay out and write one part. Runs in a worker process, which knows nothing of the
    settings of the request (tests override them): `base` and `akar` come with the HTML."""
    with tanpa_gc():  # the layout is garbage once `_bagian_hasil` returns: collected
        return _bagian_hasil(layout(html, base, akar))


def _bagian_hasil(doc: weasyprint.Document) -> HasilBagian:
    jangkar: dict[str, tuple[int, float, float]] = {}
    for i, hal in enumerate(doc.pages):
        for nama, (x, y, _, _) in hal.anchors.items():
            jangkar.setdefault(nama, (i, x * 0.75, (hal.height - y) * 0.75))
    tautan = []
    for i, hal in enumerate(doc.pages):
        sendiri = []
        for link in hal.links:
            jenis, sasaran, (x1, y1, x2, y2), _ = link
            if jenis == "internal" and sasaran not in jangkar:
                # Resolved after joining; WeasyPrint would drop it with an error.
                tautan.append((i, sasaran, (x1 * 0.75, (hal.height - y2) * 0.75,
                                            x2 * 0.75, (hal.height - y1) * 0.75)))
            else:
                sendiri.append(link)
        hal.links[:] = sendiri
    return HasilBagian(doc.write_pdf(), [h.width > h.height for h in doc.pages], jangkar,
                       tautan)


_pelaksana: tuple[int, ProcessPoolExecutor] | None = None
_pelaksana_kunci = threading.Lock()


def _kolam() -> ProcessPoolExecutor | None:
    """The process pool of this process (created on first use, kept: forking a warm worker
    per report would cost more than it saves), or None when PDFs render in-process."""
    global _pelaksana
    jumlah = settings.SAKIP_PDF_PROSES
    if jumlah <= 1:
        return None
    with _pelaksana_kunci:
        if _pelaksana is None or _pelaksana[0] != os.getpid():
            # forkserver, not fork: the app may have other threads (runserver, gthread, the
            # pool's own manager), and a child forked while one of them holds a lock can
            # hang forever. The fork server is a fresh single-threaded process with
            # WeasyPrint loaded once; workers forked from it share nothing with the app.
            kontek = multiprocessing.get_context("forkserver")
            kontek.set_forkserver_preload(["laporan.pdf"])
            _pelaksana = (os.getpid(), ProcessPoolExecutor(
                max_workers=jumlah, mp_context=kontek, initializer=_pekerja_mulai))
        return _pelaksana[1]


def kolam_siapkan() -> threading.Thread | None:
    """Start this process's PDF workers in the background, unless they run already. The
    fork server imports Django and WeasyPrint before it forks the first worker: about two
    seconds that the first LKjIP download of a process would otherwise wait on top of the
    layout. The report's page calls this, while the user reads it. Returns the thread."""
    if settings.SAKIP_PDF_PROSES <= 1 or (_pelaksana and _pelaksana[0] == os.getpid()):
        return None
    benang = threading.Thread(target=_kolam_isi, args=(settings.SAKIP_PDF_PROSES,),
                              name="sakip-pdf-siapkan", daemon=True)
    benang.start()
    return benang


def _kolam_isi(jumlah: int) -> None:
    kolam = _kolam()
    if kolam is None:
        return
    try:
        # One task per worker: the pool starts a process for each task that finds none idle.
        # Each lays out a line, so that fonts are found before a report.
        for _ in range(jumlah):
            kolam.submit(bagian_render, "<p>Siap 0123456789 <b>tebal</b> <i>miring</i></p>",
                         "file:///", [])
    except RuntimeError:
        pass  # the process is shutting down: no report will need the workers


def _pekerja_mulai() -> None:
    """Workers must not outlive the app process (a gunicorn worker killed after a timeout,
    say). The fork server ends once no process holds its "alive" pipe, but it hands that
    pipe to every worker too: drop it here, and let Linux send SIGTERM to the worker when
    the fork server ends. Modules loaded by then stay for good: `gc.freeze` keeps the
    collector from walking them after every part."""
    gc.freeze()
    try:
        server: Any = forkserver._forkserver  # CPython internals
        if server._forkserver_alive_fd is not None:
            os.close(server._forkserver_alive_fd)
            server._forkserver_alive_fd = None
    except (AttributeError, OSError):
        pass
    induk = os.getppid()
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return  # not Linux: the pool shuts its workers down on a normal exit only
    if induk == 1 or os.getppid() != induk:  # the parent died before prctl took effect
        os._exit(0)


def _kunci_cache(html: str) -> str:
    """A part's layout depends on its HTML and the files it reads (logo, organisation
    chart: a new upload may reuse the path), and on WeasyPrint."""
    h = hashlib.sha256(html.encode())
    for url in sorted(set(re.findall(r'src="(file://[^"]+)"', html))):
        try:
            info = Path(url2pathname(urlsplit(url).path)).stat()
        except OSError:
            continue
        h.update(f"{url}:{info.st_mtime_ns}:{info.st_size}".encode())
    return f"sakip-pdf-bagian:{weasyprint.__version__}:{h.hexdigest()}"


def bagian_render_semua(daftar_html: list[str]) -> list[HasilBagian]:
    """Every part, in order; in parallel when `SAKIP_PDF_PROSES` > 1. Parts laid out
    before with the same HTML come from the cache: after an edit to one chapter only that
    chapter (and the contents pages) is laid out again."""
    if settings.SAKIP_PDF_CACHE_DETIK <= 0:
        return _render_banyak(daftar_html)
    kunci = [_kunci_cache(h) for h in daftar_html]
    tersimpan = cache.get_many(kunci)
    kurang = [i for i, k in enumerate(kunci) if k not in tersimpan]
    baru = _render_banyak([daftar_html[i] for i in kurang])
    cache.set_many({kunci[i]: h for i, h in zip(kurang, baru, strict=True)},
                   timeout=settings.SAKIP_PDF_CACHE_DETIK)
    tersimpan.update((kunci[i], h) for i, h in zip(kurang, baru, strict=True))
    return [tersimpan[k] for k in kunci]


def _render_banyak(daftar_html: list[str]) -> list[HasilBagian]:
    global _pelaksana
    kolam = _kolam() if len(daftar_html) > 1 else None
    if kolam is None:
        return [bagian_render(h) for h in daftar_html]
    base, akar = base_url(), akar_berkas()
    # Longest first, so that the last part to start is a short one.
    urutan = sorted(range(len(daftar_html)), key=lambda i: -len(daftar_html[i]))
    try:
        tugas = {i: kolam.submit(bagian_render, daftar_html[i], base, akar) for i in urutan}
        return [tugas[i].result() for i in range(len(daftar_html))]
    except BrokenProcessPool:
        # A worker died (killed for memory, say): start a fresh pool next time.
        _pelaksana = None
        return [bagian_render(h) for h in daftar_html]


def pdf_gabung(*, bagian: list[HasilBagian], nomor: bytes, nomor_mulai: int = 0, judul: str,
               penulis: str) -> bytes:
    """Join the parts, lay page `i` of `nomor` (the page numbers, one page per report page
    from page `nomor_mulai` on) over report page `nomor_mulai + i`, and link the contents
    entries to anchors of other parts."""
    penulis_pdf = PdfWriter()
    for h in bagian:
        penulis_pdf.append(PdfReader(io.BytesIO(h.pdf)), import_outline=True)
    lapisan = PdfReader(io.BytesIO(nomor))
    if len(lapisan.pages) != len(penulis_pdf.pages) - nomor_mulai:
        raise ValueError(f"Lapisan nomor halaman berisi {len(lapisan.pages)} halaman, "
                         f"laporan {len(penulis_pdf.pages)} mulai halaman {nomor_mulai + 1}.")
    sumber: dict[int, Any] = {}
    for i, atas in enumerate(lapisan.pages, start=nomor_mulai):
        _tumpuk(penulis_pdf, penulis_pdf.pages[i], atas, f"/SakipNomor{i}", sumber)
    # Index of each part's first page in the joined document.
    awal = list(itertools.accumulate((len(h.lanskap) for h in bagian[:-1]), initial=0))
    jangkar: dict[str, tuple[int, float, float]] = {}
    for h, a in zip(bagian, awal, strict=True):
        for nama, (i, x, y) in h.jangkar.items():
            jangkar.setdefault(nama, (a + i, x, y))
    for h, a in zip(bagian, awal, strict=True):
        for i, nama, kotak in h.tautan:
            if nama in jangkar:
                ke, x, y = jangkar[nama]
                penulis_pdf.add_annotation(a + i, Link(
                    rect=kotak, border=[0, 0, 0], target_page_index=ke,
                    fit=Fit.xyz(left=x, top=y, zoom=0)))
    penulis_pdf.add_metadata({"/Title": judul, "/Author": penulis, "/Creator": "SAKIP"})
    keluaran = io.BytesIO()
    penulis_pdf.write(keluaran)
    return keluaran.getvalue()


def _tumpuk(penulis_pdf: PdfWriter, hal: Any, atas: Any, nama: str,
            sumber: dict[int, Any]) -> None:
    """Draw page `atas` over page `hal` as a form XObject: no content stream is parsed
    (pypdf's merge_page parses and rewrites them, seconds for a long report)."""
    isi = atas.get_contents()
    if isi is None:
        return
    res_atas = atas["/Resources"]
    kunci = id(res_atas.get_object())
    if kunci not in sumber:
        sumber[kunci] = res_atas.get_object().clone(penulis_pdf)
    form = DecodedStreamObject()
    form.set_data(isi.get_data())
    form.update({NameObject("/Type"): NameObject("/XObject"),
                 NameObject("/Subtype"): NameObject("/Form"),
                 NameObject("/BBox"): atas.mediabox, NameObject("/Resources"): sumber[kunci]})
    ref = penulis_pdf._add_object(form.flate_encode())
    res = hal["/Resources"].get_object()
    if "/XObject" not in res:
        res[NameObject("/XObject")] = DictionaryObject()
    res["/XObject"].get_object()[NameObject(nama)] = ref
    # The part's own stream leaves its transformation in force: wrap it in q … Q first.
    lama = hal["/Contents"]
    lama = list(lama.get_object()) if isinstance(lama.get_object(), ArrayObject) else [lama]
    buka, tutup = DecodedStreamObject(), DecodedStreamObject()
    buka.set_data(b"q\n")
    tutup.set_data(f"Q\nq {nama} Do Q\n".encode())
    hal[NameObject("/Contents")] = ArrayObject(
        [penulis_pdf._add_object(buka), *lama, penulis_pdf._add_object(tutup)])
