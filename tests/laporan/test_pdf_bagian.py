"""The LKjIP laid out in parts (in parallel processes) and joined: page numbers, the table
of contents, links and bookmarks must read as if it were one document."""

import re
from io import BytesIO
from pathlib import Path

import pytest
from django.core.cache import cache
from pypdf import PdfReader

from laporan import dokumen, pdf
from laporan.selectors import lkjip_dataset
from sakip.formatting import format_romawi
from sakip.models import Opd


@pytest.fixture(scope="module")
def hasil(demo_dimuat, django_db_blocker):
    """The demo LKjIP rendered by the worker pool (2 processes) and in-process."""
    from django.test import override_settings

    with django_db_blocker.unblock():
        data = lkjip_dataset(opd=Opd.objects.get(slug="koperasi-malang"), tahun=2019)
    cache.clear()
    with override_settings(SAKIP_PDF_PROSES=2):
        paralel = dokumen.lkjip_pdf(data)
    cache.clear()
    with override_settings(SAKIP_PDF_PROSES=1):
        berurutan = dokumen.lkjip_pdf(data)
    return paralel, berurutan


def _halaman(isi: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(BytesIO(isi)).pages]


def _awal_bab(halaman: list[str]) -> tuple[int, int]:
    """Index of the kata pengantar page (roman i) and of BAB I's first page (arabic 1)."""
    pengantar = next(i for i, t in enumerate(halaman) if "KATA PENGANTAR" in t)
    bab1 = next(i for i, t in enumerate(halaman) if re.search(r"BAB I\s*\n\s*PENDAHULUAN", t))
    return pengantar, bab1


def test_every_page_carries_its_number(hasil, db):
    halaman = _halaman(hasil[0])
    pengantar, bab1 = _awal_bab(halaman)
    assert pengantar == 1  # the cover alone before it, without a number
    assert not re.search(r"\n\s*[ivx]+\s*$|\n\s*\d+\s*$", halaman[0])
    # The front matter prints its numbers itself (beside the footer text), the body's come
    # from the overlay (a line of their own): either way the page's text ends with it.
    for i in range(pengantar, bab1):
        assert re.search(rf"\s{format_romawi(i - pengantar + 1)}$", halaman[i].rstrip()), i
    for i in range(bab1, len(halaman)):
        assert re.search(rf"\s{i - bab1 + 1}$", halaman[i].rstrip()), i


def test_contents_entries_point_at_the_pages_that_hold_them(hasil, db):
    halaman = _halaman(hasil[0])
    _, bab1 = _awal_bab(halaman)
    daftar = "\n".join(t for t in halaman[:bab1] if "DAFTAR TABEL" in t or "DAFTAR ISI" in t)
    entri = re.findall(r"(Tabel \d+\.\d+|BAB [IV]+ [A-Z]+)[^\n]*?(?:\. ?){3,}\s*(\d+)\n", daftar)
    assert len(entri) > 20
    for judul, nomor in entri:
        teks = re.sub(r"\s+", " ", halaman[bab1 + int(nomor) - 1])
        assert judul.split(" ", 2)[-1] in teks or judul in teks, (judul, nomor)


def test_contents_links_and_bookmarks_survive_the_join(hasil, db):
    baca = PdfReader(BytesIO(hasil[0]))
    halaman = [p.extract_text() for p in baca.pages]
    _, bab1 = _awal_bab(halaman)
    nama = baca.named_destinations
    tujuan = []
    for p in baca.pages[:bab1]:
        for a in p.get("/Annots") or []:
            a = a.get_object()
            if a.get("/Subtype") == "/Link" and "/Dest" in a:
                # Within a part WeasyPrint links by name; across parts the join by page.
                d = a["/Dest"]
                tujuan.append(baca.get_destination_page_number(nama[d]) if isinstance(d, str)
                              else baca.get_page_number(d[0].get_object()))
    assert bab1 in tujuan and max(tujuan) > bab1 + 20
    judul = [o["/Title"] for o in baca.outline if not isinstance(o, list)]
    assert judul[:3] == ["KATA PENGANTAR", "IKHTISAR EKSEKUTIF", "DAFTAR ISI"]
    assert "BAB III AKUNTABILITAS KINERJA" in judul and "LAMPIRAN" in judul
    assert baca.metadata.title.startswith("Laporan Kinerja Instansi Pemerintah")


def test_parallel_and_in_process_give_the_same_report(hasil, db):
    assert _halaman(hasil[0]) == _halaman(hasil[1])


def test_unchanged_parts_come_from_the_cache(demo, monkeypatch, settings):
    """After an edit to the kata pengantar only its part is laid out again."""
    from dataclasses import replace

    settings.SAKIP_PDF_PROSES = 1
    data = lkjip_dataset(opd=Opd.objects.get(slug="koperasi-malang"), tahun=2019)
    cache.clear()
    ditata = []
    asli = pdf.bagian_render
    monkeypatch.setattr(pdf, "bagian_render", lambda html: ditata.append(html) or asli(html))
    pertama = dokumen.lkjip_pdf(data)
    # and the contents pages and the body's page-number overlay
    assert len(ditata) == len(dokumen._bagian_lkjip(data)) + 2
    ditata.clear()
    assert dokumen.lkjip_pdf(data) == pertama and ditata == []
    narasi = {**data.narasi, "kata_pengantar": "Kata pengantar yang baru ditulis ulang."}
    ubah = dokumen.lkjip_pdf(replace(data, narasi=narasi))
    # The page numbers stay: the contents pages and the overlay are the same HTML, from the
    # cache too.
    assert len(ditata) == 1 and "KATA PENGANTAR" in ditata[0]
    assert "Kata pengantar yang baru ditulis ulang." in _halaman(ubah)[1]
    settings.SAKIP_PDF_CACHE_DETIK = 0  # switched off: every part again
    ditata.clear()
    dokumen.lkjip_pdf(data)
    assert len(ditata) == len(dokumen._bagian_lkjip(data)) + 2


def test_a_dead_worker_pool_falls_back_to_in_process(monkeypatch):
    """A pool whose workers were killed (memory, say) must not fail the report."""
    from concurrent.futures.process import BrokenProcessPool

    class Rusak:
        def submit(self, *a, **k):
            raise BrokenProcessPool("pekerja mati")

    monkeypatch.setattr(pdf, "_kolam", lambda: Rusak())
    html = "<html><body><h1 id='a'>Satu</h1><p><a href='#b'>ke b</a></p></body></html>"
    hasil = pdf.bagian_render_semua([html, "<html><body><h1 id='b'>Dua</h1></body></html>"])
    assert [len(h.lanskap) for h in hasil] == [1, 1]
    # The link to the other part's anchor is kept for joining, not dropped.
    assert [t[1] for t in hasil[0].tautan] == ["b"] and "b" in hasil[1].jangkar


@pytest.mark.parametrize(("n", "romawi"), [(1, "i"), (4, "iv"), (9, "ix"), (14, "xiv"),
                                           (40, "xl"), (1994, "mcmxciv")])
def test_format_romawi(n, romawi):
    assert format_romawi(n) == romawi


def test_format_romawi_starts_at_one():
    with pytest.raises(ValueError):
        format_romawi(0)


def test_workers_die_with_the_process_that_forked_them(tmp_path):
    """A gunicorn worker killed after a timeout must not leave PDF workers (nor their fork
    server) behind."""
    import signal
    import subprocess
    import sys
    import time

    skrip = tmp_path / "induk.py"
    # A script, as gunicorn's: workers start from a fork server that imports it as
    # __mp_main__, hence the guard.
    skrip.write_text(
        "import os, sys, time\n"
        f"sys.path.insert(0, {str(Path.cwd())!r})\n"
        "if __name__ == '__main__':\n"
        "    import django\n"
        "    os.environ['DJANGO_SETTINGS_MODULE'] = 'sakip.settings_test'\n"
        "    django.setup()\n"
        "    from django.conf import settings\n"
        "    settings.SAKIP_PDF_PROSES = 2\n"
        "    settings.SAKIP_PDF_CACHE_DETIK = 0\n"
        "    from laporan import pdf\n"
        "    pdf.bagian_render_semua(['<p>a</p>', '<p>b</p>'])\n"
        "    print(' '.join(str(p) for p in pdf._pelaksana[1]._processes), flush=True)\n"
        "    time.sleep(60)\n")
    induk = subprocess.Popen([sys.executable, str(skrip)], stdout=subprocess.PIPE, text=True)  # noqa: S603
    pekerja = [int(p) for p in induk.stdout.readline().split()]
    assert len(pekerja) == 2
    induk.send_signal(signal.SIGKILL)
    induk.wait()
    batas = time.monotonic() + 10
    hidup = pekerja
    while hidup and time.monotonic() < batas:
        time.sleep(0.1)
        hidup = [p for p in pekerja if _hidup(p)]
    assert hidup == []


def _hidup(pid: int) -> bool:
    """Running (a zombie waiting for its reaper counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_the_collector_pauses_during_layout_and_frees_its_cycles_after():
    import gc
    import weakref

    class Simpul:
        pass

    assert gc.isenabled()
    with pdf.tanpa_gc():
        assert not gc.isenabled()
        with pdf.tanpa_gc():  # another thread's layout overlapping
            pass
        assert not gc.isenabled()  # the first one is still running
        a, b = Simpul(), Simpul()
        a.b, b.a = b, a
        ref = weakref.ref(a)
        del a, b
    assert gc.isenabled() and ref() is None
    gc.disable()
    try:
        with pdf.tanpa_gc():
            pass
        assert not gc.isenabled()  # paused by someone else: left paused
    finally:
        gc.enable()


def test_workers_start_ahead_of_the_first_report(monkeypatch, settings):
    import time

    settings.SAKIP_PDF_PROSES = 2
    monkeypatch.setattr(pdf, "_pelaksana", None)  # this process has no pool yet
    benang = pdf.kolam_siapkan()
    assert benang is not None
    benang.join(60)
    assert pdf._pelaksana is not None
    kolam = pdf._pelaksana[1]
    try:
        assert len(kolam._processes) == 2  # one per warm-up task, in the background
        assert pdf.kolam_siapkan() is None  # running already: nothing more
        mulai = time.monotonic()
        while len(kolam._pending_work_items) and time.monotonic() - mulai < 60:
            time.sleep(0.05)
        assert not kolam._pending_work_items  # the warm-up layouts ran
        assert pdf.bagian_render_semua(["<p>a</p>", "<p>b</p>"])[1].lanskap == [False]
    finally:
        kolam.shutdown()
    settings.SAKIP_PDF_PROSES = 1
    assert pdf.kolam_siapkan() is None  # in-process: no workers
