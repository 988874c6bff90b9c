"""Format dan parse angka gaya Indonesia ("1.234.567,89").

Modul ini sengaja murni Python (hanya stdlib, tanpa Django) supaya bisa dipakai di
mesin capaian, impor Excel, template filter, maupun skrip, dan diuji tanpa settings.

Aturan umum:
- Semua hitungan memakai ``decimal.Decimal``; ``float`` ditolak (TypeError) karena
  tidak presisi untuk angka laporan keuangan/kinerja.
- Pemisah ribuan ".", pemisah desimal ",".
- Nilai kosong (``None``) ditampilkan "-" dan "-" dibaca kembali sebagai ``None``,
  sehingga format → parse selalu pulang-pergi.
"""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Context, Decimal

__all__ = [
    "CARA_PEMBULATAN",
    "bulatkan",
    "format_angka",
    "format_persen",
    "format_rupiah",
    "parse_angka",
]

#: Cara pembulatan yang dikenal. "potong" = dipotong menuju nol (sebagian pemda
#: menampilkan capaian 101,48 sebagai 101,4 — lihat Malang 2019).
CARA_PEMBULATAN: dict[str, str] = {"half_up": ROUND_HALF_UP, "potong": ROUND_DOWN}

TANDA_KOSONG = "-"

# Presisi lebar agar quantize tidak gagal (InvalidOperation) untuk angka anggaran besar.
_KONTEKS_LEBAR = Context(prec=100)


def _ke_decimal(nilai: object) -> Decimal:
    """Terima Decimal/int saja; float ditolak agar tidak ada galat biner diam-diam."""
    if type(nilai) is Decimal:
        hasil = nilai
    elif isinstance(nilai, bool):
        raise TypeError(f"{nilai!r} bukan angka (bool)")
    elif isinstance(nilai, Decimal | int):
        hasil = Decimal(nilai)
    elif isinstance(nilai, float):
        raise TypeError(f"float {nilai!r} tidak diterima; pakai Decimal (mis. Decimal('{nilai}'))")
    else:
        raise TypeError(f"{nilai!r} bukan angka (tipe {type(nilai).__name__})")
    if not hasil.is_finite():
        raise ValueError(f"{nilai!r} bukan angka terhingga")
    return hasil


def _mode_pembulatan(cara: str) -> str:
    try:
        return CARA_PEMBULATAN[cara]
    except (KeyError, TypeError):
        pilihan = ", ".join(repr(k) for k in CARA_PEMBULATAN)
        raise ValueError(f"cara pembulatan {cara!r} tidak dikenal; pilih {pilihan}") from None


def _cek_desimal(desimal: object) -> int:
    if isinstance(desimal, bool) or not isinstance(desimal, int) or desimal < 0:
        raise ValueError(f"jumlah desimal harus bilangan bulat ≥ 0, bukan {desimal!r}")
    return desimal


def bulatkan(nilai: Decimal | int, desimal: int, cara: str = "half_up") -> Decimal:
    """Bulatkan ke ``desimal`` angka di belakang koma.

    ``cara="half_up"`` = ROUND_HALF_UP (0,145 → 0,15), ``cara="potong"`` = potong
    menuju nol (101,489 → 101,48; -1,239 → -1,23).
    """
    d = _ke_decimal(nilai)
    mode = _mode_pembulatan(cara)
    n = _cek_desimal(desimal)
    kuantum = Decimal((0, (1,), -n))
    perlu = d.adjusted() + n + 2
    konteks = _KONTEKS_LEBAR if perlu <= _KONTEKS_LEBAR.prec else Context(prec=perlu)
    return d.quantize(kuantum, rounding=mode, context=konteks)


def _kelompokkan_ribuan(digit: str) -> str:
    kepala = len(digit) % 3 or 3
    bagian = [digit[:kepala]]
    bagian.extend(digit[i : i + 3] for i in range(kepala, len(digit), 3))
    return ".".join(bagian)


def format_angka(
    nilai: Decimal | int | None,
    desimal: int | None = None,
    *,
    ribuan: bool = True,
    cara: str = "half_up",
) -> str:
    """Decimal/int → "1.234.567,89"; ``None`` → "-".

    ``desimal=None`` menampilkan nilai apa adanya tanpa nol di belakang ("2,7", "100",
    "0,05"); ``desimal=N`` membulatkan (``cara``) dan selalu menampilkan N desimal.
    ``ribuan=False`` tanpa pemisah ribuan (untuk tahun dan kode).
    """
    if nilai is None:
        return TANDA_KOSONG
    d = _ke_decimal(nilai)
    if desimal is None:
        _mode_pembulatan(cara)  # tetap validasi agar salah ketik tidak lolos diam-diam
        teks = format(d, "f")
        if "." in teks:
            teks = teks.rstrip("0").rstrip(".")
    else:
        teks = format(bulatkan(d, desimal, cara), "f")
    negatif = teks.startswith("-")
    if negatif:
        teks = teks[1:]
    bulat, _, pecahan = teks.partition(".")
    if ribuan:
        bulat = _kelompokkan_ribuan(bulat)
    hasil = f"{bulat},{pecahan}" if pecahan else bulat
    # "-0,00" tidak bermakna: nilai yang terbulatkan ke nol ditampilkan tanpa tanda.
    if negatif and teks.strip("0."):
        hasil = "-" + hasil
    return hasil


_ROMAWI = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def format_romawi(n: int) -> str:
    """Lower-case roman numeral (front-matter page numbers): 4 → "iv"."""
    if n < 1:
        raise ValueError("Angka romawi dimulai dari 1.")
    hasil = []
    for nilai, huruf in _ROMAWI:
        jumlah, n = divmod(n, nilai)
        hasil.append(huruf * jumlah)
    return "".join(hasil)


def format_rupiah(nilai: Decimal | int | None) -> str:
    """→ "Rp 1.234.567,00" (selalu 2 desimal, half-up); negatif "-Rp 1.234,50"; None → "-"."""
    if nilai is None:
        return TANDA_KOSONG
    teks = format_angka(nilai, 2)
    if teks.startswith("-"):
        return "-Rp " + teks[1:]
    return "Rp " + teks


# Units for amounts in narrow tables, as Indonesian budget summaries abbreviate them.
_SATUAN_RINGKAS = ((Decimal(10) ** 12, "T"), (Decimal(10) ** 9, "M"), (Decimal(10) ** 6, "jt"),
                   (Decimal(10) ** 3, "rb"))


def format_rupiah_ringkas(nilai: Decimal | int | None, desimal: int = 2) -> str:
    """→ "Rp 8,34 M" (miliar), "Rp 661,53 jt", "Rp 7,20 rb", "Rp 950"; None → "-".

    For tables too narrow for the full amount; show the full one (`format_rupiah`) beside
    it, e.g. as a tooltip. The unit is chosen after rounding: 999.999.999 → "Rp 1,00 M".
    """
    if nilai is None:
        return TANDA_KOSONG
    d = _ke_decimal(nilai)
    tanda, d = ("-" if d < 0 else ""), abs(d)
    for satuan, nama in _SATUAN_RINGKAS:
        dibagi = bulatkan(d / satuan, desimal)
        if dibagi >= 1:
            return f"{tanda}Rp {format_angka(dibagi, desimal)} {nama}"
    bulat = bulatkan(d, 0)
    return f"{tanda if bulat else ''}Rp {format_angka(bulat, 0)}"


def format_persen(
    nilai: Decimal | int | None, desimal: int | None = 2, cara: str = "half_up"
) -> str:
    """→ "101,48%"; None → "-"."""
    if nilai is None:
        return TANDA_KOSONG
    return format_angka(nilai, desimal, cara=cara) + "%"


# --- parsing -------------------------------------------------------------------------

_POLA_RIBUAN = r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+"
_RE_BULAT = re.compile(r"[0-9]+")
_RE_RIBUAN = re.compile(_POLA_RIBUAN)
_RE_KOMA_DESIMAL = re.compile(rf"(?P<bulat>[0-9]+|{_POLA_RIBUAN}),(?P<pecahan>[0-9]+)")
_RE_TITIK_DESIMAL = re.compile(r"[0-9]+\.[0-9]+")
_RE_INGGRIS = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_TANDA_MINUS = "-\u2212"  # tanda hubung dan minus tipografis (dari Word/PDF)


def _lepas_tanda(s: str) -> tuple[bool, str]:
    if s and s[0] in _TANDA_MINUS:
        return True, s[1:].lstrip()
    if s.startswith("+"):
        return False, s[1:].lstrip()
    return False, s


def parse_angka(teks: str | None, *, ketat: bool = False) -> Decimal | None:
    """Baca angka gaya Indonesia menjadi Decimal; kosong atau "-" → None.

    Diterima: "1.234.567,89", "1234567,89", "-2,5", "2,7", "1234", "Rp 1.234,00",
    "101,48%", dan "2.7" (satu titik yang tidak diikuti tepat 3 digit = titik desimal).
    "1.234" (satu titik + 3 digit, tanpa koma) dibaca 1234; dengan ``ketat=True``
    ditolak sebagai ambigu. Format Inggris "1,234.56" dan teks rusak → ValueError
    dengan pesan berbahasa Indonesia.
    """
    if teks is None:
        return None
    if not isinstance(teks, str):
        raise TypeError(f"parse_angka menerima teks, bukan {type(teks).__name__}")
    asli = teks.strip()
    if asli in ("", TANDA_KOSONG):
        return None

    negatif, s = _lepas_tanda(asli)
    if s[:2].lower() == "rp":
        s = s[2:]
        if s.startswith("."):  # "Rp.1.000"/"Rp. 1.000"
            s = s[1:]
        s = s.strip()
    if s.endswith("%"):
        s = s[:-1].rstrip()
    if not negatif:  # "Rp -1.000"
        negatif, s = _lepas_tanda(s)

    if _RE_BULAT.fullmatch(s):
        hasil = Decimal(s)
    elif m := _RE_KOMA_DESIMAL.fullmatch(s):
        hasil = Decimal(m["bulat"].replace(".", "") + "." + m["pecahan"])
    elif _RE_RIBUAN.fullmatch(s):
        if ketat and s.count(".") == 1:
            tanpa_titik = s.replace(".", "")
            raise ValueError(f"'{asli}' ambigu: tulis {tanpa_titik} atau {s.replace('.', ',')}")
        hasil = Decimal(s.replace(".", ""))
    elif _RE_TITIK_DESIMAL.fullmatch(s):
        hasil = Decimal(s)
    elif _RE_INGGRIS.fullmatch(s):
        benar = s.replace(",", "\0").replace(".", ",").replace("\0", ".")
        raise ValueError(
            f"'{asli}' memakai format Inggris (koma ribuan, titik desimal): tulis {benar}"
        )
    else:
        raise ValueError(f"'{asli}' bukan angka")

    if negatif and hasil:
        hasil = -hasil
    return hasil
