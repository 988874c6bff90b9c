"""The rows of the capaian dashboard's tables, built in Python.

A large office has 1,500 indicators with ten to sixteen cells each: resolving every value
in the template engine (a few µs a lookup, plus escaping) cost most of the page's time
(bench/bench_kinerja.py). The figures are the selector's, already formatted; this only
writes the markup. Every text goes through the standard library's `escape`, which
writes the same entities as Django's at a third of the cost.
"""

from __future__ import annotations

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

from ..selectors import BarisCapaian

register = template.Library()

_KET = '<div class="small text-muted">{}</div>'


@register.filter
def sel_capaian(b: BarisCapaian) -> SafeString:
    """The cells of a row of the capaian tab, from the indicator to its category."""
    i, h = b.indikator, b.hasil
    iku = '<span class="badge badge-iku">IKU</span> ' if i.is_iku else ""
    polaritas = (f' <span class="badge text-bg-light border" title="polaritas">'
                 f"{escape(i.polaritas)}</span>") if i.polaritas != "naik" else ""
    target = (escape(b.target.tampil) + _KET.format(escape(b.target.sumber)) if b.target
              else '<span class="text-muted">–</span>')
    tw = "".join(f'<td class="angka">{escape(v)}</td>' for v in b.triwulan)
    if h.melampaui:
        ket = _KET.format("melampaui target")
    elif not h.dapat_dihitung:
        ket = _KET.format(escape(h.keterangan))
    else:
        ket = ""
    kategori = (f'<span class="badge {escape(b.kategori_kelas)}">{escape(b.kategori)}</span>'
                if b.kategori else "")
    # Safe: every text is escaped; the rest is fixed markup.
    return mark_safe(
        f"<td>{iku}{escape(i.nama)}{polaritas}</td><td>{escape(i.satuan)}</td>"
        f'<td class="angka">{target}</td>{tw}'
        f'<td class="angka fw-semibold" title="agregasi triwulan: {escape(i.cara_agregasi)}">'
        f"{escape(b.realisasi_teks)}</td>"
        f'<td class="angka"><span class="fw-semibold" title="{escape(b.rumus)}" '
        f'style="cursor:help">{escape(b.capaian_teks)}</span>{ket}</td>'
        f"<td>{kategori}</td>"
    )


@register.filter
def sel_banding(b: BarisCapaian) -> SafeString:
    """The cells of a row of the comparisons tab after the indicator: each previous year,
    this year, the end target, the progress toward it and the national standard."""
    p = b.banding
    assert p is not None, "the dashboard was read without comparisons"
    lalu = "".join(
        f'<td class="angka">{escape(n.realisasi_teks)}'
        f'{_KET.format(escape(n.catatan)) if n.catatan else ""}</td>'
        f'<td class="angka">{escape(n.capaian_teks)}</td>'
        for n in p.lalu
    )
    ket = f' title="{escape(p.kemajuan_ket)}"' if p.kemajuan_ket else ""
    sumber = _KET.format(escape(p.standar_sumber)) if p.standar_sumber else ""
    # Safe: every text is escaped; the rest is fixed markup.
    return mark_safe(
        f'{lalu}<td class="angka fw-semibold">{escape(b.realisasi_teks)}</td>'
        f'<td class="angka fw-semibold">{escape(b.capaian_teks)}</td>'
        f'<td class="angka">{escape(p.target_akhir_teks)}</td>'
        f'<td class="angka"{ket}>{escape(p.kemajuan_teks)}</td>'
        f"<td>{escape(p.standar_teks)}{sumber}</td>"
    )
