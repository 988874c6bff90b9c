"""A small SVG chart builder for the PDF reports: bars and lines, Indonesian numbers.

WeasyPrint runs no JavaScript, so charts are drawn on the server as vector SVG. Pure
Python (no models): values are `Decimal` or None ("belum ada data", drawn as a gap, never
as zero). Every text is escaped here, which is why the result is a SafeString templates
can insert. Pixel coordinates are floats — they are positions on paper, not amounts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString, mark_safe

from sakip.formatting import format_angka

# Colour-blind-safe palette (Okabe–Ito), in the order series are drawn.
WARNA = ["#0b5394", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#999999"]
FONT = "Liberation Sans, DejaVu Sans, sans-serif"


@dataclass(frozen=True)
class Seri:
    nama: str
    nilai: Sequence[Decimal | None]


def _langkah_rapi(rentang: Decimal) -> Decimal:
    """A 1-2-2,5-5 × 10ⁿ step giving about five gridlines over `rentang`."""
    if rentang <= 0:
        return Decimal(1)
    kasar = rentang / 5
    pangkat = Decimal(10) ** kasar.adjusted()
    for kali in (1, 2, Decimal("2.5"), 5, 10):
        if kasar <= kali * pangkat:
            return kali * pangkat
    return 10 * pangkat  # pragma: no cover — the loop always returns at 10


def skala_sumbu(nilai: Sequence[Decimal | None],
                acuan: Decimal | None = None) -> tuple[Decimal, Decimal, list[Decimal]]:
    """(bawah, atas, ticks): a range from 0 (or below, for negatives) that holds every value."""
    ada = [v for v in nilai if v is not None]
    if acuan is not None:
        ada.append(acuan)
    lo = min([Decimal(0), *ada])
    hi = max([Decimal(0), *ada])
    if hi == lo:
        hi = lo + 1
    langkah = _langkah_rapi(hi - lo)
    bawah = (lo / langkah).to_integral_value(rounding="ROUND_FLOOR") * langkah
    atas = (hi / langkah).to_integral_value(rounding="ROUND_CEILING") * langkah
    if atas == hi and hi > 0:
        atas += langkah  # room for the value labels above the tallest bar
    ticks = []
    t = bawah
    while t <= atas:
        ticks.append(t)
        t += langkah
    return bawah, atas, ticks


def _bungkus(teks: str, lebar_huruf: int, maks_baris: int = 3) -> list[str]:
    """Break a label into at most `maks_baris` lines of about `lebar_huruf` characters."""
    baris: list[str] = []
    kini = ""
    for kata in teks.split():
        if kini and len(kini) + 1 + len(kata) > lebar_huruf:
            baris.append(kini)
            kini = kata
        else:
            kini = f"{kini} {kata}".strip()
    if kini:
        baris.append(kini)
    if len(baris) > maks_baris:
        baris = baris[:maks_baris]
        baris[-1] = baris[-1][: max(lebar_huruf - 1, 1)].rstrip() + "…"
    return baris


def _teks(x: float, y: float, isi: str, *, ukuran: float = 9, anchor: str = "middle",
          tebal: bool = False, warna: str = "#222") -> str:
    berat = ' font-weight="bold"' if tebal else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{ukuran}" text-anchor="{anchor}" '
            f'fill="{warna}"{berat}>{escape(isi)}</text>')


def _teks_baris(x: float, y: float, baris: list[str], ukuran: float = 8.5) -> str:
    return "".join(_teks(x, y + i * (ukuran + 2), b, ukuran=ukuran) for i, b in enumerate(baris))


class _Kanvas:
    """Plot area, y axis with gridlines and tick labels, legend; shared by both chart kinds."""

    def __init__(self, label: Sequence[str], seri: Sequence[Seri], *, satuan: str,
                 lebar: int, tinggi: int, acuan: Decimal | None, judul_sumbu: str) -> None:
        self.label, self.seri, self.satuan = list(label), list(seri), satuan
        self.lebar, self.tinggi = lebar, tinggi
        semua = [v for s in seri for v in s.nilai]
        self.bawah, self.atas, self.ticks = skala_sumbu(semua, acuan)
        self.kiri = 16 + 6.2 * max(len(self._tick(t)) for t in self.ticks)
        self.kanan = lebar - 10
        self.tepi_atas = 14.0
        self.baris_label = max((len(_bungkus(lb, self.huruf_per_kategori))
                                for lb in self.label), default=1)
        legenda = 16 if len(seri) > 1 else 0
        self.dasar = tinggi - 8 - self.baris_label * 10.5 - legenda
        self.judul_sumbu = judul_sumbu

    @property
    def huruf_per_kategori(self) -> int:
        lebar_kategori = (self.lebar - 70) / max(len(self.label), 1)
        return max(int(lebar_kategori / 4.9), 6)

    def _tick(self, t: Decimal) -> str:
        return format_angka(t)

    def y(self, v: Decimal) -> float:
        return self.dasar - float((v - self.bawah) / (self.atas - self.bawah)) * (
            self.dasar - self.tepi_atas)

    def x_kategori(self, i: int) -> tuple[float, float]:
        """Left edge and width of category i."""
        lebar = (self.kanan - self.kiri) / max(len(self.label), 1)
        return self.kiri + i * lebar, lebar

    def sumbu(self) -> list[str]:
        bagian = []
        for t in self.ticks:
            y = self.y(t)
            warna = "#888" if t == 0 else "#ddd"
            bagian.append(f'<line x1="{self.kiri:.1f}" y1="{y:.1f}" x2="{self.kanan:.1f}" '
                          f'y2="{y:.1f}" stroke="{warna}" stroke-width="0.6"/>')
            bagian.append(_teks(self.kiri - 4, y + 3, self._tick(t), ukuran=8, anchor="end",
                                warna="#555"))
        if self.judul_sumbu:
            tengah = (self.tepi_atas + self.dasar) / 2
            bagian.append(
                f'<text x="9" y="{tengah:.1f}" font-size="8" fill="#555" text-anchor="middle" '
                f'transform="rotate(-90 9 {tengah:.1f})">{escape(self.judul_sumbu)}</text>')
        for i, lb in enumerate(self.label):
            x0, w = self.x_kategori(i)
            bagian.append(_teks_baris(x0 + w / 2, self.dasar + 11,
                                      _bungkus(lb, self.huruf_per_kategori)))
        return bagian

    def legenda(self, bentuk: str) -> list[str]:
        if len(self.seri) < 2:
            return []
        y = self.tinggi - 6
        x = self.kiri
        bagian = []
        for k, s in enumerate(self.seri):
            warna = WARNA[k % len(WARNA)]
            if bentuk == "garis":
                bagian.append(f'<line x1="{x:.1f}" y1="{y - 3:.1f}" x2="{x + 14:.1f}" '
                              f'y2="{y - 3:.1f}" stroke="{warna}" stroke-width="2"/>')
            else:
                bagian.append(f'<rect x="{x:.1f}" y="{y - 8:.1f}" width="10" height="8" '
                              f'fill="{warna}"/>')
            bagian.append(_teks(x + 18, y, s.nama, ukuran=8, anchor="start"))
            x += 26 + 4.6 * len(s.nama)
        return bagian

    def svg(self, isi: list[str], judul: str) -> SafeString:
        # Safe: every text went through escape(); the rest is numbers and fixed markup.
        return mark_safe(
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {self.lebar} {self.tinggi}" '
            f'width="{self.lebar}" height="{self.tinggi}" font-family="{FONT}" role="img">'
            f"<title>{escape(judul)}</title>{''.join(isi)}</svg>"
        )


def _label_nilai(v: Decimal, satuan: str, desimal: int | None) -> str:
    return format_angka(v, desimal) + satuan


def grafik_batang(label: Sequence[str], seri: Sequence[Seri], *, judul: str,
                  satuan: str = "%", judul_sumbu: str = "", acuan: Decimal | None = None,
                  label_acuan: str = "", desimal: int | None = 2, lebar: int = 520,
                  tinggi: int = 250) -> SafeString:
    """Grouped bars, one group per label and one bar per series, each with its value.

    `acuan` draws a dashed reference line (e.g. 100 % = target tercapai).
    """
    k = _Kanvas(label, seri, satuan=satuan, lebar=lebar, tinggi=tinggi, acuan=acuan,
                judul_sumbu=judul_sumbu)
    isi = k.sumbu()
    n = max(len(seri), 1)
    nol = k.y(max(Decimal(0), k.bawah))
    for i in range(len(k.label)):
        x0, w = k.x_kategori(i)
        lebar_batang = min(w * 0.7 / n, 46)
        mulai = x0 + (w - lebar_batang * n) / 2
        for j, s in enumerate(seri):
            v = s.nilai[i] if i < len(s.nilai) else None
            x = mulai + j * lebar_batang
            tengah = x + lebar_batang / 2
            if v is None:
                isi.append(_teks(tengah, nol - 3, "t.a.d.", ukuran=7, warna="#888"))
                continue
            y = k.y(v)
            atas, tinggi_batang = min(y, nol), abs(nol - y)
            isi.append(f'<rect x="{x + 1:.1f}" y="{atas:.1f}" width="{lebar_batang - 2:.1f}" '
                       f'height="{tinggi_batang:.1f}" fill="{WARNA[j % len(WARNA)]}"/>')
            label_y = atas - 3 if v >= 0 else atas + tinggi_batang + 9
            isi.append(_teks(tengah, label_y, _label_nilai(v, satuan, desimal), ukuran=7.5))
    if acuan is not None:
        y = k.y(acuan)
        isi.append(f'<line x1="{k.kiri:.1f}" y1="{y:.1f}" x2="{k.kanan:.1f}" y2="{y:.1f}" '
                   'stroke="#c00" stroke-width="0.8" stroke-dasharray="4 3"/>')
        if label_acuan:
            isi.append(_teks(k.kanan, y - 3, label_acuan, ukuran=7.5, anchor="end",
                             warna="#c00"))
    isi += k.legenda("batang")
    return k.svg(isi, judul)


def grafik_garis(label: Sequence[str], seri: Sequence[Seri], *, judul: str,
                 satuan: str = "%", judul_sumbu: str = "", desimal: int | None = None,
                 lebar: int = 520, tinggi: int = 230) -> SafeString:
    """Lines over the labels (years); a missing value breaks the line instead of dropping
    to 0. Values are labelled as stored unless `desimal` is given."""
    k = _Kanvas(label, seri, satuan=satuan, lebar=lebar, tinggi=tinggi, acuan=None,
                judul_sumbu=judul_sumbu)
    isi = k.sumbu()
    for j, s in enumerate(seri):
        warna = WARNA[j % len(WARNA)]
        ruas: list[list[tuple[float, float, Decimal]]] = [[]]
        for i, v in enumerate(s.nilai[: len(k.label)]):
            if v is None:
                ruas.append([])
                continue
            x0, w = k.x_kategori(i)
            ruas[-1].append((x0 + w / 2, k.y(v), v))
        for r in ruas:
            if len(r) > 1:
                titik = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in r)
                isi.append(f'<polyline points="{titik}" fill="none" stroke="{warna}" '
                           'stroke-width="1.8"/>')
            for x, y, v in r:
                isi.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.6" fill="{warna}"/>')
                isi.append(_teks(x, y - 5, _label_nilai(v, satuan, desimal), ukuran=7.5))
    isi += k.legenda("garis")
    return k.svg(isi, judul)
