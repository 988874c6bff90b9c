"""Figures in Indonesian prose and printed cells: reading them, saying what a figure claims
to be, and telling whether a printed figure is a computed one at the precision printed.

Pure functions (no queries), shared by the narrative and the printed-figure rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from sakip.formatting import bulatkan, format_angka, format_persen, format_rupiah, parse_angka

from ..models import Besaran
from ..tabel import dengan_satuan

# 1.234.567,89 · 423.350 · 0,56 · 104 — never part of a longer word or number.
_RE_ANGKA = re.compile(
    r"(?<![\w.,])(?P<rp>Rp\.?\s*)?"
    r"(?P<angka>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\d])"
    r"(?P<persen>\s*(?:%|persen\b))?(?:\s+(?P<kata>[^\W\d_]+))?",
    re.IGNORECASE,
)
# A figure right after a comparison sign is a threshold ("capaian ≥ 91%"), not a claim.
_RE_PEMBANDING = re.compile(r"[≥≤<>=]\s*(?:Rp\.?\s*)?$")
_RE_KALIMAT = re.compile(r"(?<=[.!?;])\s+(?=[A-Z(\"'])|\n+")
_RE_TAHUN = re.compile(r"(?<!\d)(19\d{2}|20\d{2}|2100)(?!\d)")


@dataclass(frozen=True)
class Angka:
    """A figure as written: its value, how many decimals were written, its unit."""

    nilai: Decimal
    desimal: int
    satuan: str  # "%", "Rp" or ""
    kata: str  # the word after it ("koperasi"), lower case; "" when none
    awal: int
    akhir: int
    teks: str


def kalimat(teks: str) -> list[str]:
    """The sentences of a text (and list items: a line break also ends one)."""
    return [k.strip() for k in _RE_KALIMAT.split(teks) if k and k.strip()]


def tahun_disebut(teks: str) -> set[int]:
    return {int(t) for t in _RE_TAHUN.findall(teks)}


def desimal_teks(teks: str) -> int:
    """Decimals written in an Indonesian figure: "101,4" → 1, "1.316" → 0."""
    _, koma, pecahan = teks.strip().rstrip("%").strip().partition(",")
    return len(pecahan) if koma else 0


def cari_angka(teks: str) -> list[Angka]:
    """Every figure of a sentence, except years standing alone and thresholds."""
    hasil = []
    for m in _RE_ANGKA.finditer(teks):
        if _RE_PEMBANDING.search(teks[:m.start()]):
            continue
        angka = m["angka"]
        satuan = "Rp" if m["rp"] else "%" if m["persen"] else ""
        if not satuan and _RE_TAHUN.fullmatch(angka):
            continue
        nilai = parse_angka(angka)
        assert nilai is not None  # the pattern only matches digits
        akhir = m.end("persen") if m["persen"] else m.end("angka")
        hasil.append(Angka(nilai, desimal_teks(angka), satuan, (m["kata"] or "").lower(),
                           m.start(), akhir, teks[m.start():akhir].strip()))
    return hasil


def cocok(tercetak: Decimal, desimal: int, dihitung: Decimal) -> str | None:
    """How a computed value rounds to the printed one: "half_up", "potong" or None.

    A printed 101,4 is the computed 101,4799… cut to one decimal ("potong"); 104 is
    neither rounding of it (None)."""
    for cara in ("half_up", "potong"):
        if bulatkan(dihitung, desimal, cara) == tercetak:
            return cara
    return None


# What a figure in prose claims to be, from the last of these words before it. Longer
# phrases come first so that "realisasi anggaran" is not read as "realisasi".
_KATA_BESARAN = [
    (r"capaian\s+anggaran|realisasi\s+anggaran|terealisasi|tersealisasi|terserap"
     r"|penyerapan|serapan", "serapan"),
    (r"tingkat\s+kemajuan|kemajuan", Besaran.KEMAJUAN),
    (r"target\s+akhir", Besaran.TARGET_AKHIR),
    (r"capaian", Besaran.CAPAIAN),
    (r"realisasi", Besaran.REALISASI),
    (r"ditargetkan|target", Besaran.TARGET),
    (r"dialokasikan|alokasi|anggaran|pagu", "anggaran"),
]
_RE_KATA = re.compile("|".join(f"(?P<k{i}>{pola})" for i, (pola, _) in enumerate(_KATA_BESARAN)),
                      re.IGNORECASE)


def kata_besaran(segmen: str) -> str | None:
    """The last quantity keyword in `segmen` (the text before a figure), or None."""
    kunci = None
    for m in _RE_KATA.finditer(segmen):
        kunci = _KATA_BESARAN[int(m.lastgroup[1:])][1]  # type: ignore[index]
    return kunci


def besaran_untuk(kata: str | None, satuan: str) -> str | None:
    """The quantity a figure claims from its keyword and unit: "realisasi" with Rp is
    budget spending, "anggaran" with % a share of total belanja."""
    if kata == "serapan":
        return Besaran.REALISASI_ANGGARAN if satuan == "Rp" else Besaran.SERAPAN
    if kata == "anggaran":
        return Besaran.PAGU if satuan == "Rp" else Besaran.PORSI if satuan == "%" else None
    if kata == Besaran.REALISASI and satuan == "Rp":
        return Besaran.REALISASI_ANGGARAN
    return kata


# Column headers as LKjIPs print them → the quantity, most specific first. Importers use
# this to tag printed cells; "ANGGARAN: Capaian (%)" is the budget's absorption.
_KOLOM_BESARAN = [
    (r"efisiensi", Besaran.EFISIENSI),
    (r"realisasi\W*\(?\s*rp", Besaran.REALISASI_ANGGARAN),
    (r"\brp\b", Besaran.PAGU),
    (r"kemajuan", Besaran.KEMAJUAN),
    (r"target\s+akhir|akhir\s+(periode\s+)?renstra|kondisi\s+akhir", Besaran.TARGET_AKHIR),
    (r"penyerapan|serapan|anggaran\W+capaian|capaian\W+anggaran", Besaran.SERAPAN),
    (r"anggaran\W*\(?\s*%|alokasi\W*\(?\s*%|porsi", Besaran.PORSI),
    (r"anggaran\W+realisasi", Besaran.REALISASI_ANGGARAN),
    (r"capaian", Besaran.CAPAIAN),
    (r"realisasi", Besaran.REALISASI),
    (r"target", Besaran.TARGET),
    (r"anggaran|alokasi|pagu", Besaran.PAGU),
]


def besaran_kolom(judul: str) -> str:
    """The quantity a printed column holds by its header; Besaran.LAIN when unknown."""
    for pola, besaran in _KOLOM_BESARAN:
        if re.search(pola, judul, re.IGNORECASE):
            return besaran
    return Besaran.LAIN


# How findings name a quantity inside a sentence.
NAMA_BESARAN = {
    Besaran.TARGET: "target", Besaran.REALISASI: "realisasi", Besaran.CAPAIAN: "capaian",
    Besaran.KEMAJUAN: "tingkat kemajuan", Besaran.TARGET_AKHIR: "target akhir Renstra",
    Besaran.PAGU: "anggaran", Besaran.REALISASI_ANGGARAN: "realisasi anggaran",
    Besaran.SERAPAN: "serapan anggaran", Besaran.PORSI: "porsi dari total belanja",
    Besaran.EFISIENSI: "tingkat efisiensi", Besaran.LAIN: "angka",
}


def ringkas(nilai: Decimal) -> str:
    """A computed value for prose: at most four decimals (101,4815, not 101,48148148…)."""
    return format_angka(bulatkan(nilai, 4) if nilai.as_tuple().exponent < -4  # type: ignore[operator]
                        else nilai)


_PERSEN = {Besaran.CAPAIAN, Besaran.KEMAJUAN, Besaran.SERAPAN, Besaran.PORSI}
_RUPIAH = {Besaran.PAGU, Besaran.REALISASI_ANGGARAN}


def satuan_besaran(besaran: str, satuan_indikator: str = "") -> str:
    """The unit a figure of this quantity is written in: "%", "Rp", the indicator's unit
    (target, realisasi, target akhir) or "" (a ratio)."""
    if besaran in _PERSEN:
        return "%"
    if besaran in _RUPIAH:
        return "Rp"
    if besaran == Besaran.EFISIENSI:
        return ""
    return satuan_indikator


def tampil(besaran: str, nilai: Decimal, satuan_indikator: str = "") -> str:
    """A value as the findings show it: 101,48% · Rp 1.043.979.800,00 · 2,66% · 35 koperasi."""
    satuan = satuan_besaran(besaran, satuan_indikator)
    if satuan == "Rp":
        return format_rupiah(nilai)
    if besaran in _PERSEN:
        return format_persen(nilai)
    if besaran == Besaran.EFISIENSI:
        return format_angka(nilai, 2, cara="potong")
    return dengan_satuan(format_angka(nilai), satuan)


def kutip(teks: str, awal: int, akhir: int, lebar: int = 70) -> str:
    """The words around a figure, for quoting it in a finding."""
    mulai, selesai = max(0, awal - lebar), min(len(teks), akhir + lebar)
    return (("…" if mulai else "") + teks[mulai:selesai].strip()
            + ("…" if selesai < len(teks) else ""))
