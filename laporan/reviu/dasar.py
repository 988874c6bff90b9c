"""The finding, the registry of rules and `periksa`, which runs every rule on one office and
year and marks the findings the office acknowledged.

A rule is one decorated function of the loaded context:

    @aturan("anggaran-lebih", "anggaran", "Realisasi anggaran melebihi pagu")
    def realisasi_lebih(k: Konteks) -> Iterator[Temuan]:
        ...
        yield Temuan(kode=f"program-{p.pk}", tingkat=GALAT, ...)

It yields findings keyed by the object only (`kode`); the registry prefixes the rule's code,
so "anggaran-lebih:program-12" names one finding for good, and an acknowledgement sticks to
it across runs. A code met twice in one run is one finding (the first). A Perubahan Renstra
copies indicators and programs with new ids: a key naming one also gives the keys of its
earlier versions (`kunci_lama`, `Konteks.kunci_versi`), which acknowledgements made before
the revision stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from kinerja.selectors import terbaru_dari
from sakip.models import Opd

from ..models import PengakuanTemuan
from .konteks import konteks_muat

GALAT = "galat"
PERINGATAN = "peringatan"
INFO = "info"
TINGKAT = (GALAT, PERINGATAN, INFO)
LABEL_TINGKAT = {GALAT: "Galat", PERINGATAN: "Peringatan", INFO: "Info"}


@dataclass(frozen=True)
class Temuan:
    """One finding: what is inconsistent, where, what the data give, how to fix it."""

    kode: str  # "<rule>:<object>", stable across runs
    tingkat: str  # galat | peringatan | info
    judul: str
    lokasi: str
    url: str
    diharapkan: str
    ditemukan: str
    saran: str
    diakui: bool = False
    alasan_pengakuan: str = ""
    # The object key on the earlier versions of the finding's indicator or program (newest
    # first): what an acknowledgement made before a Perubahan Renstra stored.
    kunci_lama: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @property
    def aturan(self) -> str:
        return self.kode.partition(":")[0]

    @property
    def kunci(self) -> str:
        return self.kode.partition(":")[2]

    @property
    def label_tingkat(self) -> str:
        return LABEL_TINGKAT[self.tingkat]

    @property
    def jangkar(self) -> str:
        """An HTML id for the finding (its code, with the characters ids dislike replaced)."""
        return "temuan-" + "".join(c if c.isalnum() or c == "-" else "-" for c in self.kode)


@dataclass(frozen=True)
class Aturan:
    kode: str
    keluarga: str  # narasi | tercetak | anggaran | rencana | laporan | pengaturan
    judul: str
    jalankan: Callable[[Any], list[Temuan]]


KELUARGA = {
    "narasi": "Narasi yang ditulis staf",
    "tercetak": "Angka tercetak (impor laporan)",
    "anggaran": "Anggaran",
    "rencana": "Perencanaan dan realisasi",
    "laporan": "Kelengkapan LKjIP",
    "pengaturan": "Pengaturan pemda",
}
ATURAN: dict[str, Aturan] = {}


def aturan(kode: str, keluarga: str, judul: str) -> Callable[[Callable[[Any], Iterable[Temuan]]],
                                                             Callable[[Any], Iterable[Temuan]]]:
    """Register a rule; its findings' codes get the rule's code in front."""
    if keluarga not in KELUARGA:
        raise ValueError(f"keluarga aturan {keluarga!r} tidak dikenal")

    def daftar(fn: Callable[[Any], Iterable[Temuan]]) -> Callable[[Any], Iterable[Temuan]]:
        if kode in ATURAN:
            raise ValueError(f"kode aturan {kode!r} dipakai dua kali")

        def jalankan(k: Any) -> list[Temuan]:
            # One finding per code: the same sentence or cell met twice is one finding.
            unik = {t.kode: t for t in reversed(list(fn(k)))}
            return [replace(t, kode=f"{kode}:{t.kode}") for t in reversed(unik.values())]

        ATURAN[kode] = Aturan(kode, keluarga, judul, jalankan)
        return fn

    return daftar


def urut(temuan: Iterable[Temuan]) -> list[Temuan]:
    """Errors first, then warnings, then notes; within a level, in rule order."""
    posisi = {kode: i for i, kode in enumerate(ATURAN)}
    return sorted(temuan, key=lambda t: (TINGKAT.index(t.tingkat), posisi.get(t.aturan, 0)))


def tandai_pengakuan(temuan: list[Temuan], pengakuan: Iterable[PengakuanTemuan]
                     ) -> list[Temuan]:
    """Mark the findings acknowledged as they stand: same expectation, same figure found.

    An acknowledgement made before a Perubahan Renstra names an earlier version of the
    object and still counts; the one on the newest version decides (an outdated
    acknowledgement on the current key is not overruled by an older one that happens to
    match)."""
    diakui = {(p.kode_temuan, p.kunci_objek): p for p in pengakuan}
    hasil = []
    for t in temuan:
        p = terbaru_dari(diakui, ((t.aturan, kunci) for kunci in (t.kunci, *t.kunci_lama)))
        if p is not None and (p.diharapkan, p.ditemukan) == (t.diharapkan, t.ditemukan):
            t = replace(t, diakui=True, alasan_pengakuan=p.alasan)
        hasil.append(t)
    return hasil


def periksa(*, opd: Opd, tahun: int) -> list[Temuan]:
    """Every rule on the office's data of the year; a fixed number of queries however large
    the office (asserted in tests)."""
    k = konteks_muat(opd=opd, tahun=tahun)
    temuan = [t for a in ATURAN.values() for t in a.jalankan(k)]
    return urut(tandai_pengakuan(temuan, k.pengakuan))


def hitung_tingkat(temuan: Iterable[Temuan]) -> dict[str, int]:
    """Unacknowledged findings per level (every level present, zero included)."""
    hasil = dict.fromkeys(TINGKAT, 0)
    for t in temuan:
        if not t.diakui:
            hasil[t.tingkat] += 1
    return hasil
