"""Rules on figures imported or typed as printed (`TabelTercetak`, `AngkaTercetak`): totals
that are not the sum of their rows, figures that differ from what the data give, and
columns whose figures are in fact another quantity (a "capaian anggaran" holding budget
shares, a "2018" column holding 2019 values).

A printed figure is compared at the precision it was printed: 101,4 matches a computed
101,4799 cut to one decimal (and is then only noted if the pemda rounds otherwise).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from sakip.formatting import bulatkan, format_angka

from ..models import AngkaTercetak, Besaran, TabelTercetak
from .dasar import GALAT, INFO, Temuan, aturan
from .konteks import Entitas, Konteks, Nilai
from .teks import NAMA_BESARAN, cocok, desimal_teks, ringkas, tampil

# Quantities that add up down a column; shares, ratios and achievements do not.
ADITIF = {Besaran.PAGU, Besaran.REALISASI_ANGGARAN}
PEMBULATAN = {"half_up": "dibulatkan (half-up)", "potong": "dipotong"}


def aditif(a: AngkaTercetak) -> bool:
    """The cell adds up down its column ("other" figures too, unless they are percentages)."""
    if a.besaran == Besaran.LAIN:
        return "%" not in a.kolom and not a.teks.endswith("%")
    return a.besaran in ADITIF


def _entitas(k: Konteks, a: AngkaTercetak) -> Entitas | None:
    if a.indikator_id:
        # A cell recorded before a Perubahan Renstra points at the old indicator; the data
        # (kinerja's dashboard) are those of its copy in the version covering the year.
        return ("indikator", k.indikator_kini.get(a.indikator_id, a.indikator_id))
    if a.program_id:
        # Recorded on one version of a program while the budget is on another (lines
        # entered before a Perubahan Renstra, or the table after it): the version with
        # the year's figures, newest first.
        semua = k.rantai["program"].get(k.program_kini.get(a.program_id, a.program_id), [])
        pk = next((x for x in semua if (("program", x), k.tahun) in k.nilai), a.program_id)
        return ("program", pk)
    if a.kegiatan_id:
        return ("kegiatan", a.kegiatan_id)
    return None


def _lokasi(t: TabelTercetak, a: AngkaTercetak) -> str:
    uraian = f" “{a.uraian}”" if a.uraian else ""
    return f"{t} ({t.tahun}) › baris {a.baris}{uraian} › kolom “{a.kolom}”"


def _kapital(teks: str) -> str:
    return teks[:1].upper() + teks[1:]


def _label(besaran: str) -> str:
    return NAMA_BESARAN[Besaran(besaran)]


@dataclass(frozen=True)
class Banding:
    """A printed figure set against the data: the value of its own quantity and year (if
    the data have one) and, when that does not match, what the figure does match."""

    angka: AngkaTercetak
    entitas: Entitas
    tahun: int
    data: Nilai | None
    cara: str | None  # how `data` rounds to the printed figure; None = it does not
    sebenarnya: str  # "" or what the figure matches instead ("porsi …", "realisasi 2019")


def _cocok_lain(k: Konteks, a: AngkaTercetak, e: Entitas, tahun: int,
                nilai_entitas: list[tuple[int, dict[str, Nilai]]]) -> str:
    """What else of the same object the printed figure matches."""
    assert a.nilai is not None
    d = desimal_teks(a.teks)
    for th, nilai in nilai_entitas:
        for besaran, v in nilai.items():
            if (besaran, th) != (a.besaran, tahun) and cocok(a.nilai, d, v.nilai):
                return f"{_label(besaran)} tahun {th}" if th != tahun else _label(besaran)
    if a.besaran == Besaran.CAPAIAN:
        for label, persen in k.alternatif.get(e, []):
            if cocok(a.nilai, d, persen):
                return f"capaian dengan {label}"
    return ""


def banding_tercetak(k: Konteks) -> Iterator[tuple[TabelTercetak, Banding]]:
    """Every printed figure about an object, set against the data."""
    per_entitas: dict[Entitas, list[tuple[int, dict[str, Nilai]]]] = defaultdict(list)
    for (ent, th), nilai in k.nilai.items():
        per_entitas[ent].append((th, nilai))
    for t in k.tercetak:
        for a in t.angka.all():
            e = _entitas(k, a)
            if e is None or a.nilai is None or a.besaran == Besaran.LAIN:
                continue
            tahun = a.tahun_kolom or k.tahun
            v = k.nilai_dari(e, tahun, a.besaran)
            cara = cocok(a.nilai, desimal_teks(a.teks), v.nilai) if v else None
            lain = "" if cara else _cocok_lain(k, a, e, tahun, per_entitas[e])
            if v is None and not lain:
                continue  # nothing in the data to hold it against
            yield t, Banding(a, e, tahun, v, cara, lain)


def _satuan(k: Konteks, e: Entitas) -> str:
    return k.indikator[e[1]].satuan if e[0] == "indikator" and e[1] in k.indikator else ""


def _sama_dengan_lain(k: Konteks, b: Banding) -> str:
    """Another program's or kegiatan's figure equal to this one: rows shifted or swapped."""
    a = b.angka
    if b.entitas[0] == "indikator":
        return ""
    for (e2, th), nilai in k.nilai.items():
        v = nilai.get(a.besaran)
        if e2 != b.entitas and th == b.tahun and v is not None and v.nilai == a.nilai:
            return (f" Angka ini sama dengan {_label(a.besaran)} {k.nama.get(e2, '')}: "
                    "periksa apakah baris tabel tertukar atau bergeser.")
    return ""


@aturan("tercetak-beda", "tercetak",
        "Angka tercetak (capaian, realisasi, anggaran, serapan, …) berbeda dari hasil hitung "
        "data")
def tercetak_beda(k: Konteks) -> Iterator[Temuan]:
    for t, b in banding_tercetak(k):
        if b.cara or b.sebenarnya or b.data is None:
            continue
        a, satuan = b.angka, _satuan(k, b.entitas)
        dihitung = tampil(a.besaran, b.data.nilai, satuan)
        yield Temuan(
            kode=f"{a.pk}", tingkat=GALAT,
            judul=f"{_kapital(_label(a.besaran))} {k.nama.get(b.entitas, '')} tercetak "
                  f"{a.teks}, data memberi {dihitung}",
            lokasi=_lokasi(t, a), url=k.url_tercetak(a),
            diharapkan=f"{dihitung}{' (' + b.data.ket + ')' if b.data.ket else ''}",
            ditemukan=f"{a.teks} (tercetak)",
            saran="Cetak ulang angka dari data (tabel LKjIP disusun otomatis), atau perbaiki "
                  "datanya bila cetakan yang benar." + _sama_dengan_lain(k, b))


@aturan("tercetak-kolom", "tercetak",
        "Kolom tercetak berisi besaran lain dari judulnya (mis. kolom capaian anggaran berisi "
        "porsi anggaran, kolom tahun 2018 berisi angka 2019)")
def tercetak_kolom(k: Konteks) -> Iterator[Temuan]:
    for t, b in banding_tercetak(k):
        if b.cara or not b.sebenarnya:
            continue
        a, satuan = b.angka, _satuan(k, b.entitas)
        judul_tahun = f" tahun {b.tahun}" if a.tahun_kolom else ""
        diharapkan = (f"{_label(a.besaran)}{judul_tahun}: "
                      f"{tampil(a.besaran, b.data.nilai, satuan)}" if b.data
                      else f"{_label(a.besaran)}{judul_tahun}: tidak ada dalam data")
        yield Temuan(
            kode=f"{a.pk}", tingkat=GALAT,
            judul=f"Kolom “{a.kolom}” berisi {b.sebenarnya}, bukan {_label(a.besaran)}"
                  f"{judul_tahun} ({k.nama.get(b.entitas, '')})",
            lokasi=_lokasi(t, a), url=k.url_tercetak(a),
            diharapkan=diharapkan, ditemukan=f"{a.teks} = {b.sebenarnya}",
            saran="Isi kolom dengan besaran yang disebut judulnya, atau ganti judul kolom "
                  "sesuai isinya.")


@aturan("tercetak-pembulatan", "tercetak",
        "Angka tercetak cocok dengan data hanya dengan cara pembulatan lain dari pengaturan "
        "pemda")
def tercetak_pembulatan(k: Konteks) -> Iterator[Temuan]:
    cara_pemda = k.aturan.cara
    for t, b in banding_tercetak(k):
        a = b.angka
        if b.data is None or b.cara is None:
            continue
        desimal = desimal_teks(a.teks)
        if bulatkan(b.data.nilai, desimal, cara_pemda) == a.nilai:
            continue
        cara = "potong" if cara_pemda == "half_up" else "half_up"
        yield Temuan(
            kode=f"{a.pk}", tingkat=INFO,
            judul=f"{a.teks} adalah {ringkas(b.data.nilai)} yang "
                  f"{PEMBULATAN[cara]}; pemda memakai cara lain",
            lokasi=_lokasi(t, a), url=k.url_tercetak(a),
            diharapkan=f"{PEMBULATAN[cara_pemda]}: "
                       f"{format_angka(b.data.nilai, desimal, cara=cara_pemda)}",
            ditemukan=a.teks,
            saran="Pakai satu cara pembulatan di seluruh laporan (pengaturan pemda).")


def _angka_baris(t: TabelTercetak) -> dict[int, dict[str, AngkaTercetak]]:
    per: dict[int, dict[str, AngkaTercetak]] = defaultdict(dict)
    for a in t.angka.all():
        per[a.baris][a.kolom] = a
    return per


def _petunjuk_jumlah(baris: dict[str, AngkaTercetak], kolom: str, nilai: Decimal) -> str:
    """The printed total equals a run of other columns of its own row (e.g. three of the
    five years): say which."""
    urut = [(a.kolom, a.nilai) for a in baris.values()
            if a.kolom != kolom and a.nilai is not None and aditif(a)]
    for i in range(len(urut)):
        total = Decimal(0)
        for j in range(i, len(urut)):
            total += urut[j][1]
            if j > i and total == nilai:
                return (f" Angka tercetak sama dengan jumlah kolom “{urut[i][0]}” s.d. "
                        f"“{urut[j][0]}” pada baris ini saja.")
    return ""


@aturan("tercetak-jumlah", "tercetak",
        "Baris jumlah/subtotal tabel tercetak tidak sama dengan jumlah baris-barisnya")
def tercetak_jumlah(k: Konteks) -> Iterator[Temuan]:
    for t in k.tercetak:
        per_baris = _angka_baris(t)
        anak: dict[int, list[int]] = defaultdict(list)
        for nomor, sel in per_baris.items():
            induk = next(iter(sel.values())).induk_baris
            if induk is not None:
                anak[induk].append(nomor)
        for induk, daftar in anak.items():
            for kolom, a in per_baris.get(induk, {}).items():
                isi = [per_baris[n][kolom].nilai for n in daftar if kolom in per_baris[n]]
                if a.nilai is None or not aditif(a) or not any(
                        x is not None for x in isi):
                    continue
                jumlah = sum((x for x in isi if x is not None), Decimal(0))
                desimal = desimal_teks(a.teks)
                if cocok(a.nilai, desimal, jumlah):
                    continue
                yield Temuan(
                    kode=f"{t.pk}-{induk}-{kolom}", tingkat=GALAT,
                    judul=f"{t}: “{a.uraian or f'baris {induk}'}” kolom “{kolom}” tercetak "
                          f"{a.teks}, jumlah {len(daftar)} barisnya "
                          f"{format_angka(jumlah, desimal)}",
                    lokasi=_lokasi(t, a), url=k.url_tercetak(a),
                    diharapkan=f"{format_angka(jumlah, desimal)} (jumlah baris "
                               f"{', '.join(str(n) for n in sorted(daftar))})",
                    ditemukan=f"{a.teks} (tercetak)",
                    saran="Jumlahkan ulang dari baris-barisnya; tabel yang disusun dari data "
                          "selalu menjumlahkan dari rinciannya."
                          + _petunjuk_jumlah(per_baris[induk], kolom, a.nilai))
