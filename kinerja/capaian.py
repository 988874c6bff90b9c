"""Mesin capaian kinerja (DESIGN.md §4), murni Python tanpa Django.

Semua hitungan memakai ``decimal.Decimal``; ``float`` ditolak. Nilai disimpan apa
adanya, pembulatan hanya untuk tampilan (``tampil_persen``) dan untuk realisasi yang
diturunkan dari pembilang/penyebut (laporan resmi membulatkan realisasi dulu, baru
menghitung capaian: Malang 2019 IKU 2 = 613 / 423.350 = 0,1448 → 0,14 → 280 %).

Rumus (PermenPAN-RB; R = realisasi, T = target):

- ``naik``    R / T × 100
- ``turun``   (2T − R) / T × 100, minimal 0 (opsi pemda ``metode_turun="rasio"``: T / R × 100)
- ``rentang`` [T_min, T_max]: di dalam → 100; di luar → rumus ``arah`` terhadap batas terdekat
- ``stabil``  R ≤ T → R / T × 100; R > T → T / R × 100

Realisasi kosong bukan nol: capaian ``None`` dengan keterangan "belum ada data".
Tidak ada batas atas (280 % tetap 280 %).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Context, Decimal
from functools import cached_property
from typing import Final

from sakip.formatting import bulatkan, format_angka, format_persen

__all__ = [
    "ARAH",
    "CARA_AGREGASI",
    "METODE_TURUN",
    "POLARITAS",
    "SKALA_OPINI_BPK",
    "SKALA_PERMENDAGRI_86",
    "SKALA_PREDIKAT_SAKIP",
    "HasilCapaian",
    "SkalaOrdinal",
    "agregasi_triwulan",
    "hitung_capaian",
    "kategori_capaian",
    "rata_rata_capaian",
    "realisasi_pertumbuhan",
    "realisasi_progres",
    "realisasi_rasio",
    "tampil_persen",
    "validasi_skala",
]

POLARITAS: Final = ("naik", "turun", "rentang", "stabil")
#: Arah untuk polaritas ``rentang`` di luar rentang; "stabil" = kedua sisi dihukum.
ARAH: Final = ("naik", "turun", "stabil")
METODE_TURUN: Final = ("resmi", "rasio")
CARA_AGREGASI: Final = ("kumulatif", "akhir", "rata_rata", "maks")

KET_BELUM_ADA_DATA: Final = "belum ada data"
KET_MELAMPAUI: Final = "melampaui target"

_NOL = Decimal(0)
_DUA = Decimal(2)
_SERATUS = Decimal(100)
_SATU = Decimal(1)
# Konteks tetap: hasil tidak boleh bergantung pada getcontext() milik pemanggil/thread.
_KONTEKS = Context(prec=28)
_bagi = _KONTEKS.divide

# Kode langkah rumus, dipakai untuk menyusun teks rumus secara malas (lazy).
_R_PER_T = "R/T"
_DUA_T_MIN_R = "(2T-R)/T"
_T_PER_R = "T/R"
_NOL_NOL = "0/0"
_DALAM = "dalam"


# --- skala ordinal (target kualitatif) -------------------------------------------------


class SkalaOrdinal:
    """Skala kualitatif berurut yang dipetakan ke angka sebelum capaian dihitung.

    >>> SKALA_OPINI_BPK.nilai("WDP")
    Decimal('3')
    """

    __slots__ = ("_cari", "_label", "nama", "peta")

    def __init__(self, peta: Mapping[str, int | Decimal], *, nama: str = "ordinal") -> None:
        if not peta:
            raise ValueError(f"skala {nama} kosong")
        self.nama = nama
        self.peta: dict[str, Decimal] = {}
        self._cari: dict[str, str] = {}
        self._label: dict[Decimal, str] = {}
        for label, nilai in peta.items():
            if not isinstance(label, str) or not label.strip():
                raise ValueError(f"label skala {nama} harus teks tidak kosong, bukan {label!r}")
            if isinstance(nilai, bool) or not isinstance(nilai, int | Decimal):
                raise TypeError(f"nilai untuk '{label}' dalam skala {nama} harus int/Decimal")
            angka = Decimal(nilai)
            kunci = label.strip().casefold()
            if kunci in self._cari:
                raise ValueError(f"label '{label}' dipakai dua kali dalam skala {nama}")
            if angka in self._label:
                raise ValueError(
                    f"nilai {angka} dipakai dua kali dalam skala {nama} "
                    f"('{self._label[angka]}' dan '{label}')"
                )
            self.peta[label] = angka
            self._cari[kunci] = label
            self._label[angka] = label

    def nilai(self, label: str) -> Decimal:
        """Angka untuk ``label`` (tidak peka huruf besar/kecil dan spasi tepi)."""
        asli = self._cari.get(label.strip().casefold()) if isinstance(label, str) else None
        if asli is None:
            pilihan = ", ".join(self.peta)
            raise ValueError(f"'{label}' tidak ada dalam skala {self.nama} (pilihan: {pilihan})")
        return self.peta[asli]

    def label(self, nilai: Decimal | int) -> str | None:
        """Label untuk sebuah angka, None jika angka itu bukan anggota skala."""
        return self._label.get(Decimal(nilai))

    def __contains__(self, label: object) -> bool:
        return isinstance(label, str) and label.strip().casefold() in self._cari

    def __repr__(self) -> str:
        return f"SkalaOrdinal({self.peta!r}, nama={self.nama!r})"


#: Opini BPK atas laporan keuangan, dari terburuk ke terbaik.
SKALA_OPINI_BPK: Final = SkalaOrdinal({"TMP": 1, "TW": 2, "WDP": 3, "WTP": 4}, nama="opini BPK")
#: Predikat evaluasi SAKIP (PermenPAN-RB 88/2021).
SKALA_PREDIKAT_SAKIP: Final = SkalaOrdinal(
    {"D": 1, "C": 2, "CC": 3, "B": 4, "BB": 5, "A": 6, "AA": 7}, nama="predikat SAKIP"
)


# --- hasil -------------------------------------------------------------------------------

# Bahan rumus yang disimpan saat menghitung: (kode, batas, posisi, mentah sebelum dibatasi,
# label target, label realisasi, label batas atas).
_Resep = tuple[str, Decimal, str, Decimal | None, str | None, str | None, str | None]


@dataclass(frozen=True)
class HasilCapaian:
    """Hasil ``hitung_capaian``. ``persen`` tidak dibulatkan; ``None`` = tidak dapat dihitung.

    ``rumus`` disusun saat pertama diminta (cached) karena pembuatan teks jauh lebih
    mahal daripada hitungannya dan kebanyakan pemanggil (agregasi, grafik) tidak butuh.
    """

    persen: Decimal | None
    keterangan: str
    melampaui: bool
    polaritas: str
    target: Decimal | None
    realisasi: Decimal | None
    target_atas: Decimal | None = None
    #: True jika hasil rumus negatif dan dinaikkan ke 0 (polaritas turun).
    dibatasi_nol: bool = False
    _resep: _Resep | None = field(default=None, repr=False, compare=False)

    @property
    def dapat_dihitung(self) -> bool:
        return self.persen is not None

    @property
    def persen_mentah(self) -> Decimal | None:
        """Hasil rumus sebelum dibatasi 0 (sama dengan ``persen`` bila tidak dibatasi)."""
        if self.dibatasi_nol and self._resep is not None:
            return self._resep[3]
        return self.persen

    @cached_property
    def rumus(self) -> str:
        """Rumus dengan angka terisi, format Indonesia, hasil 2 desimal half-up."""
        return self.rumus_tampil()

    def rumus_tampil(self, desimal: int = 2, cara: str = "half_up") -> str:
        """Seperti ``rumus`` tetapi dengan pembulatan tampilan pilihan pemda."""
        if self.persen is None or self._resep is None:
            return ""
        kode, batas, posisi, mentah, lbl_t, lbl_r, lbl_atas = self._resep
        r = _teks_angka(self.realisasi, lbl_r)
        p = format_persen(self.persen, desimal, cara)
        if kode == _DALAM:
            t_min = _teks_angka(self.target, lbl_t)
            t_max = _teks_angka(self.target_atas, lbl_atas)
            return f"{t_min} ≤ {r} ≤ {t_max} (dalam rentang) → {p}"
        if kode == _NOL_NOL:
            return f"target 0 dan realisasi 0 → {p}"
        lbl_b = lbl_atas if posisi == "atas" else lbl_t
        b = _teks_angka(batas, lbl_b)
        if kode == _R_PER_T:
            inti = f"{r} / {b} × 100%"
        elif kode == _T_PER_R:
            inti = f"{b} / {r} × 100%"
        else:
            inti = f"(2 × {b} − {r}) / {b} × 100%"
        if self.dibatasi_nol:
            inti = f"{inti} = {format_persen(mentah, desimal, cara)} → {p} (dibatasi 0)"
        else:
            inti = f"{inti} = {p}"
        if posisi == "bawah":
            return f"{r} < {b} (di bawah rentang): {inti}"
        if posisi == "atas":
            return f"{r} > {b} (di atas rentang): {inti}"
        if posisi == "le":
            return f"{r} ≤ {b}: {inti}"
        if posisi == "gt":
            return f"{r} > {b}: {inti}"
        return inti

    def tampil(self, cara: str = "half_up", *, desimal: int = 2) -> str:
        """Capaian untuk tampilan, mis. "101,48%"; tidak dapat dihitung → "-"."""
        return tampil_persen(self.persen, desimal=desimal, cara=cara)

    def kategori(self, skala: Sequence[tuple[Decimal, str]] | None = None) -> str | None:
        return kategori_capaian(self.persen, skala)


def _teks_angka(nilai: Decimal | None, label: str | None) -> str:
    angka = format_angka(nilai)
    if angka.startswith("-"):  # "2 − (-1)" lebih jelas daripada "2 − -1"
        angka = f"({angka})"
    return f"{label} ({angka})" if label is not None else angka


# --- hitung ------------------------------------------------------------------------------


def _angka(nilai: object, nama: str, skala: SkalaOrdinal | None) -> Decimal | None:
    if type(nilai) is Decimal:
        if not nilai.is_finite():
            raise ValueError(f"{nama} {nilai!r} bukan angka terhingga")
        return nilai
    if nilai is None:
        return None
    if type(nilai) is int:
        return Decimal(nilai)
    if isinstance(nilai, str):
        if skala is None:
            raise TypeError(
                f"{nama} berupa teks {nilai!r}: beri skala= untuk target kualitatif, "
                "atau ubah dulu dengan sakip.formatting.parse_angka"
            )
        return skala.nilai(nilai)
    if isinstance(nilai, float):
        raise TypeError(f"{nama} bertipe float ({nilai!r}); pakai Decimal agar presisi")
    if isinstance(nilai, Decimal | int) and not isinstance(nilai, bool):
        return _angka(Decimal(nilai), nama, skala)
    raise TypeError(f"{nama} {nilai!r} bukan angka (tipe {type(nilai).__name__})")


def _persen_naik(r: Decimal, t: Decimal) -> Decimal:
    return _rapikan(_bagi(r * _SERATUS, t))


def _rapikan(d: Decimal) -> Decimal:
    # Pembagian tepat bisa menghasilkan eksponen positif (0,1/0,05×100 → 2E+2);
    # samakan ke bilangan bulat biasa supaya str() tetap "200" tanpa mengubah nilai.
    if d.as_tuple().exponent > 0:  # type: ignore[operator]
        return d.quantize(_SATU)
    return d


_Langkah = tuple[Decimal | None, str, str, Decimal | None, str]


def _gagal(alasan: str) -> _Langkah:
    return None, "", "", None, alasan


def _hitung_arah(arah: str, r: Decimal, b: Decimal, metode_turun: str) -> _Langkah:
    """Rumus satu arah terhadap batas ``b``.

    Mengembalikan (persen, kode, posisi_stabil, mentah_sebelum_dibatasi, keterangan_gagal).
    """
    if b < _NOL:
        return _gagal("target negatif: rumus capaian tidak berlaku")
    if arah == "naik":
        if not b:
            return _gagal("target 0: capaian tidak dapat dihitung (dibagi 0)")
        return _persen_naik(r, b), _R_PER_T, "", None, ""
    if arah == "turun":
        if not b:
            if not r:
                return _SERATUS, _NOL_NOL, "", None, ""
            return _gagal("target 0 dan realisasi bukan 0: capaian tidak dapat dihitung")
        if metode_turun == "rasio":
            if not r:
                return _gagal("realisasi 0: rumus T / R tidak dapat dihitung (dibagi 0)")
            hasil = _rapikan(_bagi(b * _SERATUS, r))
            kode = _T_PER_R
        else:
            hasil = _rapikan(_bagi((_DUA * b - r) * _SERATUS, b))
            kode = _DUA_T_MIN_R
        if hasil < _NOL:
            return _NOL, kode, "", hasil, ""
        return hasil, kode, "", None, ""
    # stabil: semakin dekat ke target semakin baik, dari kedua sisi.
    if not b:
        return _gagal("target 0: capaian tidak dapat dihitung (dibagi 0)")
    if r <= b:
        return _persen_naik(r, b), _R_PER_T, "le", None, ""
    return _rapikan(_bagi(b * _SERATUS, r)), _T_PER_R, "gt", None, ""


def hitung_capaian(
    *,
    target: Decimal | int | str | None,
    realisasi: Decimal | int | str | None,
    polaritas: str = "naik",
    target_atas: Decimal | int | str | None = None,
    arah: str = "naik",
    metode_turun: str = "resmi",
    skala: SkalaOrdinal | Mapping[str, int | Decimal] | None = None,
) -> HasilCapaian:
    """Hitung capaian (persen, tidak dibulatkan) beserta rumus dan keterangannya.

    - ``polaritas``: naik | turun | rentang | stabil.
    - ``target_atas``: batas atas untuk ``rentang`` (``target`` = batas bawah).
    - ``arah``: rumus di luar rentang (naik | turun | stabil).
    - ``metode_turun``: "resmi" (2T − R)/T atau "rasio" T/R (opsi pemda).
    - ``skala``: SkalaOrdinal (atau dict label → angka) untuk target kualitatif; target
      dan realisasi boleh berupa label, mis. "WTP".
    """
    if polaritas not in POLARITAS:
        raise ValueError(
            f"polaritas {polaritas!r} tidak dikenal; pilih salah satu: {', '.join(POLARITAS)}"
        )
    if metode_turun not in METODE_TURUN:
        raise ValueError(f"metode_turun {metode_turun!r} tidak dikenal; pilih 'resmi' atau 'rasio'")
    if arah not in ARAH:
        raise ValueError(f"arah {arah!r} tidak dikenal; pilih salah satu: {', '.join(ARAH)}")
    if skala is not None and not isinstance(skala, SkalaOrdinal):
        skala = SkalaOrdinal(skala)

    t = _angka(target, "target", skala)
    r = _angka(realisasi, "realisasi", skala)
    t_atas = _angka(target_atas, "target_atas", skala)

    if polaritas == "rentang":
        if t is not None and t_atas is None:
            raise ValueError("polaritas rentang memerlukan target_atas (batas atas rentang)")
        if t is not None and t_atas is not None and t > t_atas:
            raise ValueError(
                f"rentang tidak sah: batas bawah {format_angka(t)} lebih besar "
                f"dari batas atas {format_angka(t_atas)}"
            )

    if t is None:
        return HasilCapaian(None, "target belum diisi", False, polaritas, t, r, t_atas)
    if r is None:
        return HasilCapaian(None, KET_BELUM_ADA_DATA, False, polaritas, t, r, t_atas)

    posisi = ""
    batas = t
    if polaritas == "naik" or polaritas == "turun":
        persen, kode, _, mentah, gagal = _hitung_arah(polaritas, r, t, metode_turun)
    elif polaritas == "stabil":
        persen, kode, posisi, mentah, gagal = _hitung_arah("stabil", r, t, metode_turun)
    else:
        assert t_atas is not None
        if t <= r <= t_atas:
            persen, kode, mentah, gagal = _SERATUS, _DALAM, None, ""
        else:
            posisi = "bawah" if r < t else "atas"
            batas = t if posisi == "bawah" else t_atas
            persen, kode, _, mentah, gagal = _hitung_arah(arah, r, batas, metode_turun)

    if persen is None:
        return HasilCapaian(None, gagal, False, polaritas, t, r, t_atas)

    label_t = label_r = label_atas = None
    if skala is not None:
        label_t = target if isinstance(target, str) else None
        label_r = realisasi if isinstance(realisasi, str) else None
        label_atas = target_atas if isinstance(target_atas, str) else None
    melampaui = persen > _SERATUS
    if melampaui:
        keterangan = KET_MELAMPAUI
    elif mentah is not None:
        keterangan = "hasil rumus negatif, capaian dibatasi 0"
    else:
        keterangan = ""
    return HasilCapaian(
        persen,
        keterangan,
        melampaui,
        polaritas,
        t,
        r,
        t_atas,
        mentah is not None,
        (kode, batas, posisi, mentah, label_t, label_r, label_atas),
    )


# --- realisasi turunan -------------------------------------------------------------------


def _wajib_angka(nilai: object, nama: str) -> Decimal | None:
    return _angka(nilai, nama, None)


def realisasi_rasio(
    pembilang: Decimal | int | None,
    penyebut: Decimal | int | None,
    desimal: int = 2,
    *,
    cara: str = "half_up",
) -> Decimal | None:
    """pembilang / penyebut × 100, dibulatkan ke ``desimal`` (default half-up).

    Malang 2019 IKU 2: 613 / 423.350 × 100 = 0,1448… → 0,14. Data kosong → None.
    """
    p = _wajib_angka(pembilang, "pembilang")
    q = _wajib_angka(penyebut, "penyebut")
    if p is None or q is None:
        return None
    if not q:
        raise ValueError("penyebut tidak boleh 0")
    return bulatkan(_bagi(p * _SERATUS, q), desimal, cara)


def realisasi_pertumbuhan(
    nilai_ini: Decimal | int | None,
    nilai_lalu: Decimal | int | None,
    desimal: int = 2,
    *,
    cara: str = "half_up",
) -> Decimal | None:
    """(Xₙ − Xₙ₋₁) / Xₙ₋₁ × 100, dibulatkan ke ``desimal``. Data kosong → None."""
    kini = _wajib_angka(nilai_ini, "nilai_ini")
    lalu = _wajib_angka(nilai_lalu, "nilai_lalu")
    if kini is None or lalu is None:
        return None
    if not lalu:
        raise ValueError("nilai periode lalu 0: pertumbuhan tidak dapat dihitung")
    return bulatkan(_bagi((kini - lalu) * _SERATUS, lalu), desimal, cara)


def realisasi_progres(
    capaian_sd_kini: Decimal | int | None,
    target_akhir: Decimal | int | None,
    desimal: int = 2,
    *,
    cara: str = "half_up",
    polaritas: str = "naik",
) -> Decimal | None:
    """Tingkat kemajuan terhadap target akhir Renstra, dibulatkan ke ``desimal``.

    ``naik``: capaian s.d. kini / target akhir × 100. ``turun``: target akhir / nilai
    kini × 100 (cara Malang 2019 IKU 1: 1 / 2,66 = 37,6 %).
    """
    if polaritas not in ("naik", "turun"):
        raise ValueError(f"polaritas {polaritas!r} untuk progres harus 'naik' atau 'turun'")
    kini = _wajib_angka(capaian_sd_kini, "capaian_sd_kini")
    akhir = _wajib_angka(target_akhir, "target_akhir")
    if kini is None or akhir is None:
        return None
    if polaritas == "turun":
        if not kini:
            raise ValueError("nilai kini 0: progres polaritas turun tidak dapat dihitung")
        return bulatkan(_bagi(akhir * _SERATUS, kini), desimal, cara)
    if not akhir:
        raise ValueError("target akhir tidak boleh 0")
    return bulatkan(_bagi(kini * _SERATUS, akhir), desimal, cara)


# --- agregasi ----------------------------------------------------------------------------


def agregasi_triwulan(values: Iterable[Decimal | int | None], cara: str) -> Decimal | None:
    """Realisasi/target tahunan dari nilai per triwulan (yang kosong diabaikan).

    ``kumulatif`` jumlah, ``akhir`` nilai terisi terakhir, ``rata_rata`` rerata,
    ``maks`` maksimum. Nol dihitung sebagai terisi; semua kosong → None.
    """
    if cara not in CARA_AGREGASI:
        raise ValueError(
            f"cara agregasi {cara!r} tidak dikenal; pilih salah satu: {', '.join(CARA_AGREGASI)}"
        )
    terisi = [d for d in (_wajib_angka(v, "nilai triwulan") for v in values) if d is not None]
    if not terisi:
        return None
    if cara == "akhir":
        return terisi[-1]
    if cara == "maks":
        return max(terisi)
    total = _KONTEKS.create_decimal(0)
    for d in terisi:
        total = _KONTEKS.add(total, d)
    if cara == "kumulatif":
        return total
    return _bagi(total, Decimal(len(terisi)))


def rata_rata_capaian(
    values: Iterable[Decimal | int | HasilCapaian | None],
    bobot: Iterable[Decimal | int] | None = None,
) -> tuple[Decimal | None, int]:
    """Rerata capaian (opsional berbobot) dan jumlah indikator yang ikut dihitung.

    Capaian yang tidak dapat dihitung (None) tidak ikut dirata-rata dan tidak dihitung
    dalam n, beserta bobotnya.
    """
    daftar = [v.persen if isinstance(v, HasilCapaian) else v for v in values]
    daftar_bobot: list[Decimal | None]
    if bobot is None:
        daftar_bobot = [_SATU] * len(daftar)
    else:
        daftar_bobot = [_wajib_angka(b, "bobot") for b in bobot]
        if len(daftar_bobot) != len(daftar):
            raise ValueError(
                f"jumlah bobot ({len(daftar_bobot)}) tidak sama dengan "
                f"jumlah capaian ({len(daftar)})"
            )
    jumlah = _NOL
    jumlah_bobot = _NOL
    n = 0
    for nilai, w in zip(daftar, daftar_bobot, strict=True):
        d = _wajib_angka(nilai, "capaian")
        if d is None:
            continue
        if w is None or w < _NOL:
            raise ValueError(f"bobot harus angka ≥ 0, bukan {w!r}")
        jumlah = _KONTEKS.add(jumlah, _KONTEKS.multiply(d, w))
        jumlah_bobot = _KONTEKS.add(jumlah_bobot, w)
        n += 1
    if n == 0:
        return None, 0
    if not jumlah_bobot:
        raise ValueError("jumlah bobot capaian yang terisi 0: rerata tidak dapat dihitung")
    return _bagi(jumlah, jumlah_bobot), n


# --- kategori ----------------------------------------------------------------------------

#: Skala Permendagri 86/2017 (interval setengah terbuka, batas bawah inklusif).
#: Kelas terakhir menampung semua nilai di bawahnya, termasuk negatif.
SKALA_PERMENDAGRI_86: Final[tuple[tuple[Decimal, str], ...]] = (
    (Decimal(91), "Sangat Tinggi"),
    (Decimal(76), "Tinggi"),
    (Decimal(66), "Sedang"),
    (Decimal(51), "Rendah"),
    (Decimal(0), "Sangat Rendah"),
)


def kategori_capaian(
    persen: Decimal | int | None, skala: Sequence[tuple[Decimal, str]] | None = None
) -> str | None:
    """Kategori capaian: kelas pertama (urut menurun) dengan persen ≥ batas_bawah.

    Nilai di bawah batas kelas terendah tetap masuk kelas terendah ("else" di
    Permendagri 86/2017). None → None.
    """
    d = _wajib_angka(persen, "persen")
    if d is None:
        return None
    kelas = SKALA_PERMENDAGRI_86 if skala is None else skala
    if not kelas:
        raise ValueError("skala kategori kosong")
    for batas, label in kelas:
        if d >= batas:
            return label
    return kelas[-1][1]


def validasi_skala(skala: Sequence[tuple[Decimal, str]]) -> list[str]:
    """Daftar masalah (bahasa Indonesia) pada skala kategori; kosong = sah."""
    masalah: list[str] = []
    if not skala:
        return ["skala kosong: tidak ada kelas untuk capaian mana pun, termasuk di atas 100%"]
    batas_sah: list[Decimal] = []
    label_terlihat: set[str] = set()
    for i, entri in enumerate(skala, start=1):
        try:
            batas, label = entri
        except (TypeError, ValueError):
            masalah.append(f"kelas ke-{i} harus berupa pasangan (batas_bawah, label)")
            continue
        if not isinstance(label, str) or not label.strip():
            masalah.append(f"kelas ke-{i} tidak punya label")
        elif label.strip().casefold() in label_terlihat:
            masalah.append(f"label '{label}' dipakai lebih dari sekali")
        else:
            label_terlihat.add(label.strip().casefold())
        if isinstance(batas, bool) or not isinstance(batas, Decimal | int):
            masalah.append(f"batas kelas ke-{i} ({batas!r}) bukan angka Decimal")
            continue
        angka = Decimal(batas)
        if not angka.is_finite():
            masalah.append(f"batas kelas ke-{i} ({batas!r}) bukan angka terhingga")
            continue
        if angka in batas_sah:
            masalah.append(f"batas {format_angka(angka)} dipakai lebih dari sekali")
        elif batas_sah and angka > batas_sah[-1]:
            masalah.append(
                f"batas harus urut dari terbesar ke terkecil: {format_angka(angka)} "
                f"setelah {format_angka(batas_sah[-1])}"
            )
        batas_sah.append(angka)
    if batas_sah and min(batas_sah) > _NOL:
        # Kelas terendah menampung semua nilai di bawahnya; batas > 0 biasanya berarti
        # kelas bawah terlupa, sehingga capaian rendah diam-diam ikut kelas ini.
        terendah = min(batas_sah)
        masalah.append(
            f"kelas terendah mulai dari {format_angka(terendah)}: capaian di bawah "
            f"{format_angka(terendah)} juga akan masuk kelas itu; tambahkan kelas dengan batas 0"
        )
    return masalah


# --- tampilan ----------------------------------------------------------------------------


def tampil_persen(persen: Decimal | int | None, cara: str = "half_up", *, desimal: int = 2) -> str:
    """Persen untuk tampilan, mis. "101,48%" (cara "potong" → "101,48%" dari 101,4899)."""
    return format_persen(persen, desimal, cara)
