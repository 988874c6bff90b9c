"""The PDF renderer reads only static files and uploaded media, never HTTP or other files."""

from pathlib import Path

import pytest
from django.conf import settings

from laporan.pdf import PengambilBerkas, halaman, render_pdf


def test_fetcher_refuses_files_outside_static_and_media():
    f = PengambilBerkas()
    with pytest.raises(ValueError, match="di luar folder statis/media"):
        f.fetch("file:///etc/passwd")
    with pytest.raises(ValueError, match="disallowed protocol"):
        f.fetch("http://127.0.0.1:8000/laporan/")
    css = next(Path(settings.STATICFILES_DIRS[0]).rglob("*.css"))
    assert f.fetch(css.resolve().as_uri()) is not None


def test_render_survives_refused_resources():
    pdf = render_pdf('<p>isi</p><img src="file:///etc/passwd"><img src="http://x.invalid/a">')
    assert pdf.startswith(b"%PDF")


def test_paper_sizes():
    assert (halaman("F4").lebar, halaman("F4").tinggi) == ("215mm", "330mm")
    assert halaman("A3").nama == "A4"  # unknown paper falls back to A4


def test_layouts_in_one_thread_share_their_fonts_and_threads_do_not(monkeypatch):
    """A fresh font configuration per document reloads fontconfig and empties Pango's font
    caches; a shared one across threads would race inside Pango."""
    import threading

    import weasyprint

    from laporan.pdf import layout

    dipakai = []
    asli = weasyprint.HTML.render

    def catat(self, *args, **kwargs):
        dipakai.append(kwargs["font_config"])
        return asli(self, *args, **kwargs)

    monkeypatch.setattr(weasyprint.HTML, "render", catat)
    pertama, kedua = layout("<p>satu</p>"), layout("<p>dua <b>tebal</b></p>")
    lain = threading.Thread(target=layout, args=("<p>tiga</p>",))
    lain.start()
    lain.join()
    assert dipakai[0] is dipakai[1] is not None
    assert dipakai[2] is not dipakai[0]
    assert b"%PDF" in kedua.write_pdf()[:8] and len(pertama.pages) == 1
