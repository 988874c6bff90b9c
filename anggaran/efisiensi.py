"""Mesin serapan dan efisiensi anggaran (DESIGN.md §5), murni Python tanpa Django.

Semua hitungan memakai ``decimal.Decimal``; ``float`` dan teks ditolak (TypeError),
nilai negatif ditolak (ValueError). Hasil tidak dibulatkan; pembulatan hanya untuk
tampilan (teks ``rumus``, format Indonesia lewat ``sakip.formatting``).

- serapan            = realisasi / pagu × 100
- serapan total      = Σ realisasi / Σ pagu × 100 (bukan rata-rata persen per baris)
- alokasi sasaran    = Σ anggaran program/kegiatan sasaran / total belanja × 100
- metode 1 (praktik LKjIP): tingkat efisiensi = capaian kinerja / serapan anggaran.
  Aturan status (ambang dapat diatur per pemda)::

      rasio ≥ ambang_efisien (1)          → "efisien"
      ambang_cukup (0,9) ≤ rasio < ambang → "cukup efisien"
      rasio < ambang_cukup                → "tidak efisien"
      capaian kosong, serapan kosong/0    → "belum dapat dinilai"

  Serapan 0 selalu "belum dapat dinilai" (termasuk 0 % / 0 %, yang tidak pernah
  "efisien"). Penghematan = pagu − realisasi hanya bila capaian ≥ 100 %.
- metode 2 (PMK 22/2021): E = Σ(pagu × CK − realisasi) / Σ(pagu × CK) × 100 dengan
  CK = min(capaian / 100, 1); nilai = 50 + (E / 20) × 50, dibatasi ke [0, 100].
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Context, Decimal
from functools import cached_property
from typing import Final

from sakip.formatting import format_angka, format_persen

__all__ = [
    "BELUM_DAPAT_DINILAI",
    "CUKUP_EFISIEN",
    "EFISIEN",
    "STATUS_EFISIENSI",
    "TIDAK_EFISIEN",
    "AlokasiSasaran",
    "HasilEfisiensiKemenkeu",
    "HasilEfisiensiProgram",
    "RekapSerapan",
    "alokasi_sasaran",
    "efisiensi_kemenkeu",
    "efisiensi_program",
    "nilai_efisiensi",
    "penghematan",
    "rekap_serapan",
    "rumus_serapan",
    "serapan",
    "serapan_total",
]

EFISIEN: Final = "efisien"
CUKUP_EFISIEN: Final = "cukup efisien"
TIDAK_EFISIEN: Final = "tidak efisien"
BELUM_DAPAT_DINILAI: Final = "belum dapat dinilai"
STATUS_EFISIENSI: Final = (EFISIEN, CUKUP_EFISIEN, TIDAK_EFISIEN, BELUM_DAPAT_DINILAI)

AMBANG_EFISIEN: Final = Decimal(1)
AMBANG_CUKUP: Final = Decimal("0.9")

_NOL: Final = Decimal(0)
_SATU: Final = Decimal(1)
_DUA_PULUH: Final = Decimal(20)
_LIMA_PULUH: Final = Decimal(50)
_SERATUS: Final = Decimal(100)
# Konteks tetap dan lebar: hasil tidak boleh bergantung pada getcontext() pemanggil, dan
# jumlah 100.000 baris rupiah × CK (6 desimal) tetap eksak sebelum pembagian terakhir.
_KONTEKS: Final = Context(prec=40)
_bagi = _KONTEKS.divide
_kali = _KONTEKS.multiply
_tambah = _KONTEKS.add
_kurang = _KONTEKS.subtract

Angka = Decimal | int


# --- validasi -----------------------------------------------------------------------


def _angka(nilai: object, nama: str) -> Decimal:
    """Decimal/int ≥ 0 saja: float tidak presisi, teks "1.234" ambigu (ribuan/desimal)."""
    if type(nilai) is Decimal:
        d = nilai
    elif isinstance(nilai, bool) or not isinstance(nilai, Decimal | int):
        raise TypeError(f"{nama} harus Decimal atau int, bukan {type(nilai).__name__} ({nilai!r})")
    else:
        d = Decimal(nilai)
    if not d.is_finite():
        raise ValueError(f"{nama} {nilai!r} bukan angka terhingga")
    if d < _NOL:
        raise ValueError(f"{nama} tidak boleh negatif ({nilai!r})")
    return d


def _angka_opsional(nilai: object, nama: str) -> Decimal | None:
    return None if nilai is None else _angka(nilai, nama)


def _rp(nilai: Decimal) -> str:
    return format_angka(nilai, 2)


# --- serapan ------------------------------------------------------------------------


def serapan(*, pagu: Angka | None, realisasi: Angka | None) -> Decimal | None:
    """Realisasi / pagu × 100 (persen, tidak dibulatkan). Pagu 0 atau nilai kosong → None."""
    p = _angka_opsional(pagu, "pagu")
    r = _angka_opsional(realisasi, "realisasi")
    if p is None or r is None or not p:
        return None
    return _bagi(_kali(r, _SERATUS), p)


def rumus_serapan(*, pagu: Angka | None, realisasi: Angka | None) -> str:
    """Teks rumus serapan, mis. ``5.922.027.846,00 / 6.319.911.000,00 × 100% = 93,70%``.

    Bila tidak dapat dihitung, teks menyebut alasannya.
    """
    persen = serapan(pagu=pagu, realisasi=realisasi)
    if pagu is None or realisasi is None:
        return "serapan tidak dapat dihitung: pagu atau realisasi belum diisi"
    if persen is None:
        return f"{_rp(Decimal(realisasi))} / 0,00 × 100%: pagu 0, serapan tidak dapat dihitung"
    return f"{_rp(Decimal(realisasi))} / {_rp(Decimal(pagu))} × 100% = {format_persen(persen)}"


@dataclass(frozen=True)
class RekapSerapan:
    """Serapan gabungan beberapa baris: Σ realisasi / Σ pagu × 100.

    Baris dengan pagu atau realisasi kosong tidak ikut dijumlah (``dikecualikan``):
    realisasi yang belum diisi bukan nol.
    """

    persen: Decimal | None
    n: int
    dikecualikan: int
    total_pagu: Decimal
    total_realisasi: Decimal

    @cached_property
    def rumus(self) -> str:
        # Disusun saat diminta: pemformatan teks jauh lebih mahal daripada hitungannya.
        inti = f"Σ realisasi / Σ pagu × 100% = {_rp(self.total_realisasi)} / {_rp(self.total_pagu)}"
        if self.persen is None:
            return f"{inti} × 100%: Σ pagu 0, serapan tidak dapat dihitung"
        return f"{inti} × 100% = {format_persen(self.persen)}"


def rekap_serapan(rows: Iterable[tuple[Angka | None, Angka | None]]) -> RekapSerapan:
    """Rekap serapan dari baris ``(pagu, realisasi)``; lihat ``RekapSerapan``."""
    total_p = _NOL
    total_r = _NOL
    n = 0
    dikecualikan = 0
    for pagu, realisasi in rows:
        p = _angka_opsional(pagu, "pagu")
        r = _angka_opsional(realisasi, "realisasi")
        if p is None or r is None:
            dikecualikan += 1
            continue
        total_p = _tambah(total_p, p)
        total_r = _tambah(total_r, r)
        n += 1
    persen = _bagi(_kali(total_r, _SERATUS), total_p) if total_p else None
    return RekapSerapan(
        persen=persen,
        n=n,
        dikecualikan=dikecualikan,
        total_pagu=total_p,
        total_realisasi=total_r,
    )


def serapan_total(rows: Iterable[tuple[Angka | None, Angka | None]]) -> Decimal | None:
    """Σ realisasi / Σ pagu × 100 — tertimbang pagu, bukan rata-rata persen per baris.

    Rata-rata persen memberi bobot sama pada kegiatan Rp 1 juta dan Rp 1 miliar, sehingga
    menyesatkan; Σ pagu 0 → None.
    """
    return rekap_serapan(rows).persen


# --- alokasi anggaran per sasaran ------------------------------------------------------


@dataclass(frozen=True)
class AlokasiSasaran:
    """Alokasi anggaran sebuah sasaran/IKU dan porsinya terhadap total belanja."""

    alokasi: Decimal
    total_belanja: Decimal
    persen: Decimal | None
    n: int

    @cached_property
    def rumus(self) -> str:
        sumber = f" (jumlah {self.n} program/kegiatan)" if self.n > 1 else ""
        inti = f"{_rp(self.alokasi)}{sumber} / {_rp(self.total_belanja)} × 100%"
        if self.persen is None:
            return f"{inti}: total belanja 0, porsi tidak dapat dihitung"
        return f"{inti} = {format_persen(self.persen)}"


def alokasi_sasaran(*, anggaran: Angka | Iterable[Angka], total_belanja: Angka) -> AlokasiSasaran:
    """Porsi alokasi = Σ anggaran program/kegiatan yang dipetakan ke sasaran / total belanja × 100.

    ``anggaran`` boleh satu nilai atau daftar anggaran program/kegiatan pendukung sasaran
    (pemetaan banyak-ke-banyak ditentukan pemanggil). Total belanja 0 → persen None.
    """
    daftar = [anggaran] if isinstance(anggaran, Decimal | int) else list(anggaran)
    alokasi = _NOL
    for nilai in daftar:
        alokasi = _tambah(alokasi, _angka(nilai, "anggaran"))
    total = _angka(total_belanja, "total_belanja")
    persen = _bagi(_kali(alokasi, _SERATUS), total) if total else None
    return AlokasiSasaran(alokasi=alokasi, total_belanja=total, persen=persen, n=len(daftar))


# --- metode 1: capaian kinerja / serapan -----------------------------------------------


@dataclass(frozen=True)
class HasilEfisiensiProgram:
    """Tingkat efisiensi = capaian / serapan; ``rasio`` None bila tidak dapat dinilai."""

    capaian: Decimal | None
    serapan: Decimal | None
    rasio: Decimal | None
    status: str
    ambang_efisien: Decimal
    ambang_cukup: Decimal

    @property
    def dapat_dinilai(self) -> bool:
        return self.rasio is not None

    @cached_property
    def keterangan(self) -> str:
        """Alasan status; disusun saat diminta karena pemformatan angka relatif mahal."""
        if self.capaian is None:
            return "capaian kinerja belum ada"
        if self.serapan is None:
            return "serapan anggaran belum ada"
        if self.rasio is None:
            return "serapan 0%, tidak ada belanja untuk dibandingkan"
        efisien = format_angka(self.ambang_efisien)
        cukup = format_angka(self.ambang_cukup)
        if self.status == EFISIEN:
            return f"rasio ≥ {efisien}"
        if self.status == CUKUP_EFISIEN:
            return f"{cukup} ≤ rasio < {efisien}"
        return f"rasio < {cukup}"

    @cached_property
    def rumus(self) -> str:
        c = format_persen(self.capaian)
        s = format_persen(self.serapan)
        inti = f"tingkat efisiensi = capaian / serapan = {c} / {s}"
        if self.rasio is None:
            return f"{inti} → {self.status} ({self.keterangan})"
        # 4 desimal: dengan 2 desimal rasio 0,9996 tampil "1,00" padahal statusnya belum efisien.
        return f"{inti} = {format_angka(self.rasio, 4)} → {self.status} ({self.keterangan})"


def efisiensi_program(
    *,
    capaian: Angka | None,
    serapan: Angka | None,
    ambang_efisien: Angka = AMBANG_EFISIEN,
    ambang_cukup: Angka = AMBANG_CUKUP,
) -> HasilEfisiensiProgram:
    """Efisiensi metode 1 (praktik LKjIP): capaian kinerja (%) dibanding serapan (%).

    rasio ≥ ``ambang_efisien`` → efisien; ≥ ``ambang_cukup`` → cukup efisien; selain itu
    tidak efisien. Capaian kosong atau serapan kosong/0 → "belum dapat dinilai" (0 % / 0 %
    tidak pernah "efisien": tanpa belanja tidak ada yang dapat dibandingkan).
    """
    c = _angka_opsional(capaian, "capaian")
    s = _angka_opsional(serapan, "serapan")
    a_efisien = _angka(ambang_efisien, "ambang_efisien")
    a_cukup = _angka(ambang_cukup, "ambang_cukup")
    if a_cukup > a_efisien:
        raise ValueError(
            f"ambang_cukup ({a_cukup}) tidak boleh lebih besar dari ambang_efisien ({a_efisien})"
        )

    rasio: Decimal | None = None
    if c is None or s is None or not s:
        status = BELUM_DAPAT_DINILAI
    else:
        rasio = _bagi(c, s)
        if rasio >= a_efisien:
            status = EFISIEN
        elif rasio >= a_cukup:
            status = CUKUP_EFISIEN
        else:
            status = TIDAK_EFISIEN
    return HasilEfisiensiProgram(
        capaian=c,
        serapan=s,
        rasio=rasio,
        status=status,
        ambang_efisien=a_efisien,
        ambang_cukup=a_cukup,
    )


def penghematan(
    *, pagu: Angka | None, realisasi: Angka | None, capaian: Angka | None
) -> Decimal | None:
    """Pagu − realisasi bila capaian ≥ 100 %; selain itu (atau data kosong) None.

    Sisa anggaran baru disebut hemat bila target tercapai; jika tidak, sisa itu bisa
    berarti kegiatan tidak terlaksana. Hasil negatif = realisasi melebihi pagu.
    """
    p = _angka_opsional(pagu, "pagu")
    r = _angka_opsional(realisasi, "realisasi")
    c = _angka_opsional(capaian, "capaian")
    if p is None or r is None or c is None or c < _SERATUS:
        return None
    return _kurang(p, r)


# --- metode 2: Kemenkeu (PMK 22/2021) --------------------------------------------------


def nilai_efisiensi(e: Angka) -> Decimal:
    """Nilai efisiensi = 50 + (E / 20) × 50, dibatasi ke [0, 100] (E = +20 % → 100)."""
    if type(e) is not Decimal:
        if isinstance(e, bool) or not isinstance(e, Decimal | int):
            raise TypeError(f"E harus Decimal atau int, bukan {type(e).__name__}")
        e = Decimal(e)
    nilai = _tambah(_LIMA_PULUH, _kali(_bagi(e, _DUA_PULUH), _LIMA_PULUH))
    return min(max(nilai, _NOL), _SERATUS)


@dataclass(frozen=True)
class HasilEfisiensiKemenkeu:
    """Hasil ``efisiensi_kemenkeu``; total hanya atas ``n`` baris yang ikut dihitung."""

    e: Decimal | None
    nilai: Decimal | None
    n: int
    dikecualikan: int
    total_pagu: Decimal
    total_realisasi: Decimal
    total_pagu_ck: Decimal
    keterangan: str

    @property
    def dapat_dihitung(self) -> bool:
        return self.e is not None

    @cached_property
    def rumus(self) -> str:
        s = _rp(self.total_pagu_ck)
        r = _rp(self.total_realisasi)
        teks = (
            "E = (Σ(pagu × CK) − Σ realisasi) / Σ(pagu × CK) × 100%, CK = min(capaian / 100, 1)"
            f" = ({s} − {r}) / {s} × 100%"
        )
        if self.e is None or self.nilai is None:
            return f"{teks}: {self.keterangan}"
        e = format_angka(self.e, 2)
        mentah = _tambah(_LIMA_PULUH, _kali(_bagi(self.e, _DUA_PULUH), _LIMA_PULUH))
        teks = f"{teks} = {e}%; nilai = 50 + ({e} / 20) × 50 = {format_angka(mentah, 2)}"
        if mentah != self.nilai:
            teks = f"{teks} → {format_angka(self.nilai, 2)} (dibatasi 0–100)"
        return teks


def efisiensi_kemenkeu(
    rows: Iterable[tuple[Angka | None, Angka | None, Angka | None]],
) -> HasilEfisiensiKemenkeu:
    """Efisiensi metode 2 atas baris ``(pagu, realisasi, capaian_persen)``.

    Baris dengan capaian (atau pagu/realisasi) kosong dikecualikan dan dihitung di
    ``dikecualikan``: data kosong bukan nol. Σ(pagu × CK) = 0 → e dan nilai None.
    """
    total_p = _NOL
    total_r = _NOL
    total_pck = _NOL
    n = 0
    dikecualikan = 0
    for pagu, realisasi, capaian in rows:
        p = _angka_opsional(pagu, "pagu")
        r = _angka_opsional(realisasi, "realisasi")
        c = _angka_opsional(capaian, "capaian")
        if p is None or r is None or c is None:
            dikecualikan += 1
            continue
        # CK dibatasi 1: capaian di atas target tidak menambah "hak" belanja.
        ck = _SATU if c >= _SERATUS else _KONTEKS.scaleb(c, -2)
        total_p = _tambah(total_p, p)
        total_r = _tambah(total_r, r)
        total_pck = _tambah(total_pck, _kali(p, ck))
        n += 1

    e: Decimal | None = None
    nilai: Decimal | None = None
    if n == 0:
        ket = "tidak ada baris dengan pagu, realisasi dan capaian lengkap"
    elif not total_pck:
        ket = "Σ(pagu × CK) = 0 (pagu 0 atau capaian 0%), efisiensi tidak dapat dihitung"
    else:
        e = _bagi(_kali(_kurang(total_pck, total_r), _SERATUS), total_pck)
        nilai = nilai_efisiensi(e)
        ket = f"{n} baris dihitung, {dikecualikan} dikecualikan"
    return HasilEfisiensiKemenkeu(
        e=e,
        nilai=nilai,
        n=n,
        dikecualikan=dikecualikan,
        total_pagu=total_p,
        total_realisasi=total_r,
        total_pagu_ck=total_pck,
        keterangan=ket,
    )
