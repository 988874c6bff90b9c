"""Reading an uploaded workbook without trusting it.

`baca` refuses a file as a whole (`GalatBerkas`) when it cannot be this office's
workbook: too large, not an xlsx (a renamed CSV or PDF), a zip bomb, too many rows,
another office or year, an unknown template version, missing or renamed sheets or
columns, merged cells in the data. Everything else is checked per cell by the readers
below (`angka`, `teks`, `bulat`), whose errors name the cell:
"Sheet Realisasi, baris 14, kolom F: '1,2,3' bukan angka".

Formulas: a formula's cached value is used (and reported as a warning); a formula
without one (a file saved by a program that does not calculate) is refused with its cell.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from xml.etree import ElementTree

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from sakip.formatting import format_angka, parse_angka

from . import templat as t

# Integer digits a value may have: DecimalField(max_digits=20 or 18, decimal_places=4 or 2).
DIGIT_BULAT = 16


class GalatBerkas(Exception):
    """The file as a whole is not a workbook this office can import; nothing was read."""


class GalatSel(ValueError):
    """One cell cannot be read; the message names the cell."""


@dataclass(frozen=True)
class Sel:
    lembar: str
    baris: int
    kolom: str  # column letter
    nilai: Any
    persen: bool = False  # formatted as a percentage: Excel stored 2,7% as 0,027

    @property
    def letak(self) -> str:
        return f"Sheet {self.lembar}, baris {self.baris}, kolom {self.kolom}"

    def galat(self, pesan: str) -> GalatSel:
        return GalatSel(f"{self.letak}: {pesan}")

    @property
    def kosong(self) -> bool:
        return self.nilai is None or (isinstance(self.nilai, str) and not self.nilai.strip())


@dataclass
class BarisBaca:
    nomor: int
    sel: dict[str, Sel]
    galat: list[str] = field(default_factory=list)  # cells unreadable before any parsing


@dataclass
class LembarBaca:
    lembar: t.Lembar
    baris: list[BarisBaca]


@dataclass
class BukuBaca:
    slug: str
    tahun: int
    lembar: dict[str, LembarBaca]
    peringatan: list[str]


# --- the file as a whole ---------------------------------------------------------------


def periksa_ukuran(ukuran: int) -> None:
    """Callers with a file on disk or an upload check before reading it into memory."""
    if ukuran > t.MAKS_BYTE:
        raise GalatBerkas(f"Berkas ini lebih besar dari batas {t.MAKS_BYTE // 1024 // 1024} MB "
                          f"({format_angka(ukuran)} bita).")


def _tebak_jenis(isi: bytes) -> str:
    """What a non-xlsx file looks like, for a message people understand."""
    if isi.startswith(b"%PDF"):
        return "berkas PDF"
    if isi.startswith(b"\xd0\xcf\x11\xe0"):
        return "berkas Excel lama (.xls) atau berkas terenkripsi"
    kepala = isi[:2048]
    try:
        kepala.decode("utf-8")
    except UnicodeDecodeError:
        return "berkas yang tidak dikenal"
    return "berkas teks (mis. CSV)"


def _periksa_zip(isi: bytes) -> None:
    if not zipfile.is_zipfile(io.BytesIO(isi)):
        raise GalatBerkas(
            f"Berkas ini bukan buku kerja Excel (.xlsx): isinya {_tebak_jenis(isi)}. Unduh buku "
            "kerja dari aplikasi, isi, lalu simpan sebagai .xlsx (Excel Workbook).")
    try:
        with zipfile.ZipFile(io.BytesIO(isi)) as z:
            info = z.infolist()
    except zipfile.BadZipFile as exc:
        raise GalatBerkas("Berkas .xlsx ini rusak dan tidak dapat dibuka.") from exc
    nama = {i.filename for i in info}
    if not {"[Content_Types].xml", "xl/workbook.xml"} <= nama:
        raise GalatBerkas("Berkas ini berformat zip tetapi bukan buku kerja Excel (.xlsx).")
    # Reading a member never yields more than its declared size (zipfile stops there), so
    # the declared sizes bound what opening the workbook can take.
    if len(info) > 10_000 or sum(i.file_size for i in info) > t.MAKS_ISI_ZIP:
        raise GalatBerkas(
            "Isi berkas .xlsx ini setelah dibuka jauh lebih besar dari buku kerja mana pun "
            f"(lebih dari {t.MAKS_ISI_ZIP // 1024 // 1024} MB): berkas ditolak.")


def _buka(isi: bytes, **opsi: Any) -> Workbook:
    try:
        return load_workbook(io.BytesIO(isi), read_only=True, **opsi)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise GalatBerkas(f"Berkas .xlsx ini rusak dan tidak dapat dibaca ({exc}).") from exc


_NS_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_RE_BARIS = re.compile(rb"<(?:\w+:)?row[\s>/]")
_RE_GABUNG = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*?ref=\"([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?\"")


def _xml_lembar(isi: bytes) -> dict[str, bytes]:
    """Sheet title → the XML of that worksheet, straight from the zip.

    Rows are counted and merged cells found here, before openpyxl parses anything: a
    regular expression over the raw XML costs milliseconds where a parse costs seconds."""
    try:
        with zipfile.ZipFile(io.BytesIO(isi)) as z:
            # Two small files openpyxl parses the same way next: expat refuses entity
            # expansion bombs and ElementTree resolves no external entities.
            buku = ElementTree.fromstring(z.read("xl/workbook.xml"))  # noqa: S314
            rel = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))  # noqa: S314
            target = {r.get("Id"): r.get("Target") or "" for r in rel}
            hasil = {}
            for el in buku.iter():
                if el.tag.rsplit("}", 1)[-1] == "sheet":
                    path = target.get(el.get(_NS_R), "")
                    path = path.lstrip("/") if path.startswith("/") else f"xl/{path}"
                    if path in z.namelist():
                        hasil[el.get("name") or ""] = z.read(path)
    except (KeyError, ElementTree.ParseError, zipfile.BadZipFile) as exc:
        raise GalatBerkas(f"Berkas .xlsx ini rusak dan tidak dapat dibaca ({exc}).") from exc
    return hasil


def _periksa_lembar(xml: dict[str, bytes]) -> None:
    kurang = [lb.nama for lb in t.LEMBAR if lb.nama not in xml]
    if kurang:
        raise GalatBerkas(
            f"Sheet {', '.join(kurang)} tidak ada di buku kerja ini (yang ada: "
            f"{', '.join(xml)}). Jangan mengganti nama atau menghapus sheet; unduh buku kerja "
            "baru bila perlu.")
    if sum(len(_RE_BARIS.findall(x)) for x in xml.values()) > t.MAKS_BARIS:
        raise GalatBerkas(
            f"Buku kerja ini berisi lebih dari {format_angka(t.MAKS_BARIS)} baris. "
            "Unggah buku kerja satu perangkat daerah dan satu tahun saja.")
    for lb in t.LEMBAR:
        gabung = [m for m in _RE_GABUNG.findall(xml[lb.nama])
                  if int(m[3] or m[1]) >= t.BARIS_JUDUL]
        if gabung:
            sel = ", ".join(f"{a.decode()}{b.decode()}" + (f":{c.decode()}{d.decode()}" if c
                                                            else "")
                            for a, b, c, d in gabung[:5])
            raise GalatBerkas(
                f"Sheet {lb.nama}: sel {sel} digabung (merge). Data tidak boleh berisi sel "
                "gabungan: pisahkan (Unmerge) lalu unggah lagi.")


def _teks_kepala(v: Any) -> str:
    return "" if v is None else str(v).strip()


def _periksa_kepala(lb: t.Lembar, kepala: list[tuple[Any, ...]], *, slug: str,
                    tahun: int | None) -> int:
    """The header block of a sheet: template version, office, year, then the column
    titles. Returns the sheet's year."""

    def sel(baris: int, kolom: int) -> Any:
        isi = kepala[baris - 1] if baris <= len(kepala) else ()
        return isi[kolom - 1] if kolom <= len(isi) else None

    versi = _teks_kepala(sel(t.BARIS_VERSI, 2))
    if versi != t.VERSI:
        raise GalatBerkas(
            f"Sheet {lb.nama}: versi templat '{versi or '(kosong)'}' tidak dikenal (yang "
            f"dikenal: {t.VERSI}). Unduh buku kerja baru dari aplikasi.")
    slug_buku = _teks_kepala(sel(t.BARIS_OPD, 2))
    if slug_buku != slug:
        raise GalatBerkas(
            f"Buku kerja ini milik perangkat daerah '{slug_buku or '(kosong)'}' (sheet "
            f"{lb.nama}, sel B{t.BARIS_OPD}), bukan '{slug}'. Unggah buku kerja yang diunduh "
            "untuk perangkat daerah ini.")
    nilai = sel(t.BARIS_TAHUN, 2)
    try:
        tahun_lembar = int(str(nilai).strip())
    except ValueError:
        raise GalatBerkas(f"Sheet {lb.nama}, sel B{t.BARIS_TAHUN}: tahun '{nilai}' bukan "
                          "tahun.") from None
    if tahun is not None and tahun_lembar != tahun:
        raise GalatBerkas(
            f"Buku kerja ini untuk tahun {tahun_lembar}, sedangkan Anda bekerja pada tahun "
            f"{tahun}. Pilih tahun {tahun_lembar} di bilah atas, atau unggah buku kerja "
            f"tahun {tahun}.")
    for i, k in enumerate(lb.kolom, start=1):
        judul = _teks_kepala(sel(t.BARIS_JUDUL, i))
        if judul.casefold() != k.judul.casefold():
            raise GalatBerkas(
                f"Sheet {lb.nama}, kolom {get_column_letter(i)}: judul kolom "
                f"'{judul or '(kosong)'}', seharusnya '{k.judul}'. Jangan menyisipkan, "
                "menghapus atau mengganti nama kolom.")
    return tahun_lembar


def _rumus(v: Any) -> bool:
    return isinstance(v, ArrayFormula | DataTableFormula) or (
        isinstance(v, str) and v.startswith("="))


def _teks_rumus(v: Any) -> str:
    return v.text if isinstance(v, ArrayFormula) else str(v)


def _kosong(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def baca(isi: bytes, *, slug: str, tahun: int | None = None) -> BukuBaca:
    """Read an upload as the workbook of office `slug` (and of `tahun`, when given)."""
    periksa_ukuran(len(isi))
    _periksa_zip(isi)
    _periksa_lembar(_xml_lembar(isi))
    wb = _buka(isi)
    try:
        tahun_buku: int | None = None
        lembar: dict[str, LembarBaca] = {}
        rumus: list[tuple[BarisBaca, str, int]] = []  # (row, column name, index) to resolve
        for lb in t.LEMBAR:
            ws = wb[lb.nama]
            n = len(lb.kolom)
            kepala = list(ws.iter_rows(max_row=t.BARIS_JUDUL, max_col=n, values_only=True))
            tahun_lembar = _periksa_kepala(lb, kepala, slug=slug, tahun=tahun)
            if tahun_buku is not None and tahun_lembar != tahun_buku:
                raise GalatBerkas(f"Sheet {lb.nama} bertahun {tahun_lembar}, sheet lain "
                                  f"{tahun_buku}: satu buku kerja untuk satu tahun saja.")
            tahun_buku = tahun_lembar
            daftar = []
            for nomor, sel in enumerate(ws.iter_rows(min_row=t.BARIS_DATA, max_col=n),
                                        start=t.BARIS_DATA):
                if all(_kosong(c.value) for c in sel):
                    continue
                b = BarisBaca(nomor, {})
                for i, (k, c) in enumerate(zip(lb.kolom, sel, strict=False)):
                    b.sel[k.nama] = Sel(lb.nama, nomor, get_column_letter(i + 1), c.value,
                                        "%" in (c.number_format or ""))
                    if _rumus(c.value):
                        rumus.append((b, k.nama, i))
                daftar.append(b)
            lembar[lb.nama] = LembarBaca(lb, daftar)
    finally:
        wb.close()
    assert tahun_buku is not None  # LEMBAR is not empty
    return BukuBaca(slug, tahun_buku, lembar, _nilai_rumus(isi, rumus) if rumus else [])


def _nilai_rumus(isi: bytes, rumus: list[tuple[BarisBaca, str, int]]) -> list[str]:
    """Put each formula's cached value in its cell; refuse the cells without one."""
    dicari: dict[str, dict[int, list[tuple[BarisBaca, str, int]]]] = {}
    for b, nama, i in rumus:
        dicari.setdefault(b.sel[nama].lembar, {}).setdefault(b.nomor, []).append((b, nama, i))
    peringatan = []
    tersimpan = _buka(isi, data_only=True)
    try:
        for lembar, per_baris in dicari.items():
            for nomor, nilai in enumerate(tersimpan[lembar].iter_rows(
                    min_row=min(per_baris), max_row=max(per_baris), values_only=True),
                    start=min(per_baris)):
                for b, nama, i in per_baris.get(nomor, []):
                    s = b.sel[nama]
                    v = nilai[i] if i < len(nilai) else None
                    teks = _teks_rumus(s.nilai)
                    if v is None:
                        b.galat.append(str(s.galat(
                            f"berisi rumus {teks} tanpa nilai tersimpan. Buka dan simpan berkas "
                            "di Excel, atau salin lalu tempel sebagai nilai (Paste Values).")))
                    else:
                        peringatan.append(f"{s.letak}: rumus {teks}, dipakai nilainya ({v}).")
                    b.sel[nama] = Sel(s.lembar, s.baris, s.kolom, v, s.persen)
    finally:
        tersimpan.close()
    return peringatan


# --- cells -----------------------------------------------------------------------------


def _tampil(v: Any) -> str:
    return str(v).strip()


def angka(s: Sel, *, desimal: int, negatif: bool = False) -> Decimal | None:
    """A number typed or stored any way a planner would: an Excel number (a float is read
    through its shortest decimal form, never its binary value) or text in the Indonesian
    style ("1.234,5") or with a decimal point ("1234.5"); ambiguous text ("1.234") is
    refused rather than guessed."""
    v = s.nilai
    if s.kosong:
        return None
    if isinstance(v, bool | dt.date | dt.time | dt.timedelta):
        raise s.galat(f"'{_tampil(v)}' bukan angka (tanggal atau nilai logika)")
    if isinstance(v, float):
        if not math.isfinite(v):
            raise s.galat(f"'{v}' bukan angka")
        d = Decimal(str(v))
    elif isinstance(v, int | Decimal):
        d = Decimal(v)
    elif isinstance(v, str):
        try:
            hasil = parse_angka(v, ketat=True)
        except ValueError as exc:
            raise s.galat(str(exc)) from None
        if hasil is None:
            return None
        d = hasil
    else:
        raise s.galat(f"'{_tampil(v)}' bukan angka")
    if s.persen and not isinstance(v, str):
        raise s.galat(
            f"sel berformat persen: Excel menyimpan {format_angka(d * 100)}% sebagai "
            f"{format_angka(d)}. Ubah format sel menjadi angka dan tulis angkanya saja.")
    eksponen = d.normalize().as_tuple().exponent
    if isinstance(eksponen, int) and -eksponen > desimal:
        raise s.galat(f"'{format_angka(d)}' lebih dari {desimal} angka di belakang koma")
    if d.adjusted() >= DIGIT_BULAT:
        raise s.galat(f"'{format_angka(d)}' terlalu besar")
    if d < 0 and not negatif:
        raise s.galat(f"'{format_angka(d)}' tidak boleh negatif")
    return d


def teks(s: Sel, *, maks: int) -> str:
    if s.kosong:
        return ""
    v = s.nilai
    if isinstance(v, float):
        v = Decimal(str(v))
    hasil = str(v).strip()
    if len(hasil) > maks:
        raise s.galat(f"paling banyak {maks} karakter (tertulis {len(hasil)})")
    return hasil


def bulat(s: Sel) -> int | None:
    """A key: a whole number, stored as a number or as text."""
    v = s.nilai
    if s.kosong:
        return None
    if isinstance(v, bool):
        raise s.galat(f"'{v}' bukan bilangan bulat")
    if isinstance(v, int):
        return v
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, str) and v.strip().isdigit():
        return int(v.strip())
    raise s.galat(f"'{_tampil(v)}' bukan bilangan bulat")
