"""Report tables as plain data: one definition rendered both as HTML (preview and PDF) and as
an Excel sheet, so the two never disagree.

A cell carries the text as printed and, for Excel, the number behind it with its number
format. Tables and charts are numbered per chapter in document order ("Tabel 3.1",
"Grafik 3.1") by `Penomor`; the Daftar Tabel and Daftar Grafik list what it numbered.
Pure Python: no models, no queries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sakip.formatting import bulatkan, format_angka, format_persen, parse_angka

FORMAT_RUPIAH = "#,##0.00"
FORMAT_BULAT = "#,##0"


def format_excel(nilai: Decimal) -> str:
    """Excel number format showing `nilai` with exactly its own decimals (at most 4)."""
    eksponen = nilai.normalize().as_tuple().exponent
    desimal = min(max(-eksponen, 0), 4) if isinstance(eksponen, int) else 0
    return FORMAT_BULAT if desimal == 0 else FORMAT_BULAT + "." + "0" * desimal


@dataclass
class Sel:
    teks: str
    nilai: Decimal | int | str | None = None  # what Excel stores; None → the text
    format: str = ""  # Excel number format; "" = text
    kelas: str = ""  # CSS class in HTML
    rowspan: int = 1
    colspan: int = 1


def teks(isi: object, *, kelas: str = "", rowspan: int = 1, colspan: int = 1) -> Sel:
    s = "" if isi is None else str(isi)
    return Sel(s, s, "", kelas, rowspan, colspan)


def nomor(n: int, *, rowspan: int = 1) -> Sel:
    return Sel(str(n), n, "0", "no", rowspan)


def angka(nilai: Decimal | int | None, *, satuan: str = "", desimal: int | None = None,
          kelas: str = "angka") -> Sel:
    """A measured value as stored (or rounded to `desimal`), with its unit in the text."""
    if nilai is None:
        return Sel("-", None, "", kelas)
    d = Decimal(nilai)
    tampil = format_angka(d, desimal)
    if desimal is not None:
        d = bulatkan(d, desimal)
    return Sel(dengan_satuan(tampil, satuan), d, format_excel(d), kelas)


def tampil(isi: str, *, satuan: str = "", kelas: str = "angka") -> Sel:
    """A value already formatted by a selector (kinerja's display of targets and
    realisations): printed as given; Excel gets the number back — exact, because
    sakip.formatting's display text round-trips — or the text for a qualitative value."""
    try:
        d = parse_angka(isi)
    except ValueError:
        d = None
    if d is None:
        return Sel(dengan_satuan(isi, satuan) if isi else "-", None if not isi or isi == "-"
                   else isi, "", kelas)
    return Sel(dengan_satuan(isi, satuan), d, format_excel(d), kelas)


def rupiah(nilai: Decimal | None, *, kelas: str = "angka") -> Sel:
    if nilai is None:
        return Sel("-", None, "", kelas)
    return Sel(format_angka(nilai, 2), nilai, FORMAT_RUPIAH, kelas)


def persen(nilai: Decimal | None, *, cara: str = "half_up", desimal: int = 2,
           kelas: str = "angka", tanda: bool = True) -> Sel:
    """A percentage shown the pemda's way; Excel gets the same rounded figure, so the sheet
    and the signed report agree to the cent. `tanda=False` leaves out the "%" where the
    column header carries it."""
    if nilai is None:
        return Sel("-", None, "", kelas)
    d = bulatkan(nilai, desimal, cara)
    tampil_teks = format_persen(nilai, desimal, cara) if tanda else format_angka(
        nilai, desimal, cara=cara)
    return Sel(tampil_teks, d, FORMAT_BULAT + "." + "0" * desimal if desimal else FORMAT_BULAT,
               kelas)


def dengan_satuan(tampil: str, satuan: str) -> str:
    """ "2,66" + "%" → "2,66%"; "35" + "koperasi" → "35 koperasi"; "-" stays "-"."""
    if not satuan or tampil in ("", "-"):
        return tampil
    return f"{tampil}{satuan}" if satuan == "%" else f"{tampil} {satuan}"


@dataclass
class Baris:
    sel: list[Sel]
    kelas: str = ""  # jumlah | program | kelompok | "" — CSS class of the row


@dataclass
class Kepala:
    teks: str
    colspan: int = 1
    rowspan: int = 1


@dataclass
class Tabel:
    kunci: str  # HTML anchor and Excel sheet identity, e.g. "tabel-3-1"
    nomor: str  # "3.1"
    judul: str
    kepala: list[list[Kepala]]
    baris: list[Baris] = field(default_factory=list)
    lebar: Sequence[float] = field(default_factory=list)  # relative column widths
    catatan: list[str] = field(default_factory=list)
    nomor_kolom: bool = False  # print a (1) (2) … row under the header
    kelas: str = ""  # CSS class of the table, e.g. "rapat" for many money columns

    @property
    def label(self) -> str:
        # Front-matter tables (Ikhtisar Eksekutif) carry no number.
        return f"Tabel {self.nomor}" if self.nomor else ""

    @property
    def jumlah_kolom(self) -> int:
        return sum(k.colspan for k in self.kepala[0]) if self.kepala else 0

    @property
    def persen_lebar(self) -> list[str]:
        total = sum(self.lebar) or 1
        return [f"{w * 100 / total:.2f}%" for w in self.lebar]


@dataclass
class Grafik:
    kunci: str
    nomor: str
    judul: str
    svg: str
    sumber: str = ""

    @property
    def label(self) -> str:
        return f"Grafik {self.nomor}"


@dataclass
class Penomor:
    """Numbers tables and charts per chapter in the order they are created.

    Chapters may be built interleaved (a transition year builds Bab II and Bab III of one
    Renstra period, then of the next): each chapter keeps its own counter, and the lists
    for the Daftar Tabel/Grafik come out in chapter order.
    """

    _tabel: list[Tabel] = field(default_factory=list)
    _grafik: list[Grafik] = field(default_factory=list)
    _hitung: dict[tuple[str, str], int] = field(default_factory=dict)
    _bab: list[str] = field(default_factory=list)

    def _berikut(self, jenis: str, bab: str) -> str:
        if bab not in self._bab:
            self._bab.append(bab)
        n = self._hitung.get((jenis, bab), 0) + 1
        self._hitung[(jenis, bab)] = n
        return f"{bab}.{n}"

    def _urut(self, nomor: str) -> tuple[int, int]:
        bab, _, n = nomor.rpartition(".")
        return self._bab.index(bab), int(n)

    @property
    def tabel(self) -> list[Tabel]:
        return sorted(self._tabel, key=lambda t: self._urut(t.nomor))

    @property
    def grafik(self) -> list[Grafik]:
        return sorted(self._grafik, key=lambda g: self._urut(g.nomor))

    def buat_tabel(self, bab: str, judul: str, kepala: list[list[Kepala]], *,
                   lebar: Sequence[float], baris: list[Baris] | None = None,
                   catatan: list[str] | None = None, nomor_kolom: bool = False,
                   kelas: str = "") -> Tabel:
        nomor_tabel = self._berikut("tabel", bab)
        t = Tabel(f"tabel-{nomor_tabel.replace('.', '-')}", nomor_tabel, judul, kepala,
                  baris or [], lebar, catatan or [], nomor_kolom, kelas)
        self._tabel.append(t)
        return t

    def buat_grafik(self, bab: str, judul: str, svg: str, sumber: str = "") -> Grafik:
        nomor_grafik = self._berikut("grafik", bab)
        g = Grafik(f"grafik-{nomor_grafik.replace('.', '-')}", nomor_grafik, judul, svg, sumber)
        self._grafik.append(g)
        return g
