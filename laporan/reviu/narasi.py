"""Rules on what the staff wrote: figures, categories and indicator names in the edited
narrative that contradict the data.

Only text written by people is read: the LKjIP sections, the analysis texts the staff
edited and the indicator analyses. Generated drafts agree with the data by construction.
A figure is attributed to the indicator or program named last before it in the sentence
(or to the indicator the text is about) and read as the quantity named last before it
("realisasi … 0,56%"); a figure without such a word is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import cast

from django.db.models import Field
from django.urls import reverse

from kinerja import capaian
from sakip.formatting import format_angka, format_persen

from ..forms import BAGIAN
from ..models import Besaran, JenisAnalisis, LaporanKinerja
from ..selectors import kelas_skala, nama_skala
from .dasar import GALAT, PERINGATAN, Temuan, aturan
from .konteks import Entitas, Konteks
from .teks import (
    NAMA_BESARAN,
    Angka,
    besaran_untuk,
    cari_angka,
    cocok,
    kalimat,
    kata_besaran,
    kutip,
    satuan_besaran,
    tahun_disebut,
    tampil,
)

SARAN_ANGKA = ("Samakan angka pada teks dengan data, atau perbaiki datanya bila teks yang "
               "benar. Teks analisis otomatis dapat dikembalikan ke draf dari data.")
# Category words LKjIPs use besides the scale's own labels ("Sangat Baik (100 %)").
PREDIKAT_UMUM = ("Sangat Tinggi", "Tinggi", "Sedang", "Sangat Rendah", "Rendah",
                 "Sangat Baik", "Cukup Baik", "Kurang Baik", "Baik", "Cukup", "Sangat Kurang",
                 "Kurang", "Sangat Memuaskan", "Tidak Memuaskan", "Memuaskan")
_RE_KONTEKS_PREDIKAT = re.compile(r"kinerja|capaian|evaluasi|predikat|kategori|nilai", re.I)
_RE_DIBAGI = re.compile(r"(?P<p>\d[\d.,]*)\s+dibagi\s+(?:dengan\s+)?(?P<q>\d[\d.,]*)", re.I)


@dataclass(frozen=True)
class Sumber:
    """A text written by people, where it is shown and what it is about."""

    kunci: str
    lokasi: str
    url: str
    teks: str
    entitas: Entitas | None = None
    # The keys of the same text on earlier rows (`Konteks.narasi_lama`, `analisis_lama`),
    # newest first.
    kunci_lama: tuple[str, ...] = ()


def sumber_teks(k: Konteks) -> Iterator[Sumber]:
    lp = k.laporan
    if lp is not None:
        bagian = {f: kunci for kunci, b in BAGIAN.items() for f in b.kolom}
        for f, judul in LaporanKinerja.BAGIAN_NARASI:
            isi = getattr(lp, f)
            if isi.strip():
                yield Sumber(f"laporan-{f}", f"LKjIP {k.tahun} › {judul}",
                             _url_bagian(lp, bagian[f]), isi)
        for (ind_id, jenis), n in k.narasi.items():
            yield Sumber(f"narasi-{n.pk}",
                         f"LKjIP {k.tahun} › analisis IKU {k.indikator[ind_id].nama} › "
                         f"{JenisAnalisis(jenis).label}",
                         _url_narasi(lp, ind_id, jenis), n.teks, ("indikator", ind_id),
                         tuple(f"narasi-{x.pk}" for x in k.narasi_lama[(ind_id, jenis)]))
    for ind_id, a in k.analisis.items():
        for f in ("penyebab_keberhasilan", "penyebab_kegagalan", "solusi", "program_pendukung"):
            isi = getattr(a, f)
            if isi.strip():
                yield Sumber(f"analisis-{a.pk}-{f}",
                             f"Analisis indikator {k.indikator[ind_id].nama} {k.tahun} › "
                             f"{cast(Field, a._meta.get_field(f)).verbose_name}",
                             k.url_analisis(ind_id), isi, ("indikator", ind_id),
                             tuple(f"analisis-{x.pk}-{f}" for x in k.analisis_lama[ind_id]))


def _kunci(k: Konteks, s: Sumber, e: Entitas | None, *, tengah: str = "", akhir: str = ""
           ) -> tuple[str, tuple[str, ...]]:
    """A finding's object key in a text: the text's key, `tengah`, the id of `e` (if any),
    `akhir`; and the same key with each earlier row of the text and each earlier version
    of `e`, newest first (`Temuan.kunci_lama`)."""
    kunci: list[str] = []
    for sk in (s.kunci, *s.kunci_lama):
        if e is None:
            kunci.append(f"{sk}-{tengah}{akhir}")
        else:
            baru, lama = k.kunci_versi(e, awal=f"{sk}-{tengah}", akhir=akhir)
            kunci += [baru, *lama]
    return kunci[0], tuple(kunci[1:])


def _url_bagian(lp: LaporanKinerja, bagian: str) -> str:
    return reverse("laporan:lkjip-bagian", args=[lp.pk, bagian])


def _url_narasi(lp: LaporanKinerja, indikator: int, jenis: str) -> str:
    return reverse("laporan:narasi-ubah", args=[lp.pk, indikator, jenis])


def _penanda(k: Konteks) -> list[tuple[str, Entitas]]:
    """Names that attribute a figure: this year's sasaran indicators and the budget's
    programs (also without the word "Program"), longest first: the most specific wins."""
    nama: list[tuple[str, Entitas]] = [(b.indikator.nama.casefold(), ("indikator", b.indikator.pk))
                                       for b in k.baris_capaian]
    for p in k.alokasi.data.program.anak if k.alokasi else []:
        assert p.pk is not None
        lipat = p.nama.casefold()
        nama.append((lipat, ("program", p.pk)))
        # Without the word, a name must still say something: "Program 1" is not "1".
        if lipat.startswith("program ") and any(c.isalpha() for c in lipat[8:]):
            nama.append((lipat[len("program "):], ("program", p.pk)))
    return sorted(nama, key=lambda x: -len(x[0]))


def _sebutan(kal: str, penanda: list[tuple[str, Entitas]]) -> list[tuple[int, int, Entitas]]:
    """Where the sentence names an indicator or program: (start, end, entity)."""
    lipat = kal.casefold()
    hasil: list[tuple[int, int, Entitas]] = []
    for nama, e in penanda:
        # Whole words only: a name must not match inside another word or a number.
        for m in re.finditer(rf"(?<!\w){re.escape(nama)}(?!\w)", lipat):
            if not any(a < m.end() and m.start() < b for a, b, _ in hasil):
                hasil.append((m.start(), m.end(), e))
    return sorted(hasil)


def _tahun_kalimat(k: Konteks, kal: str) -> int | None:
    """The year a sentence speaks of: the report year unless it names exactly one other."""
    lain = tahun_disebut(kal) - {k.tahun}
    if k.tahun in tahun_disebut(kal) or not lain:
        return k.tahun
    return lain.pop() if len(lain) == 1 else None


def _satuan_cocok(a: Angka, satuan: str) -> bool:
    """The figure is written in the unit of the quantity it is compared with."""
    if satuan in ("%", "Rp"):
        return a.satuan == satuan
    if a.satuan:
        return False
    return bool(satuan) and a.kata != "" and satuan.casefold().startswith(a.kata)


def _dibagi(k: Konteks, s: Sumber, kal: str, e: Entitas | None, tahun: int
            ) -> Iterator[Temuan]:
    """ "613 dibagi 423.350": the counts of the indicator's year-end realisation."""
    if e is None or e[0] != "indikator":
        return
    rekaman = [r for r in k.realisasi.get((e[1], tahun), []) if r and r["pembilang"] is not None]
    if not rekaman:
        return
    r = rekaman[-1]
    for m in _RE_DIBAGI.finditer(kal):
        try:
            p, q = (cari_angka(m[g])[0].nilai for g in ("p", "q"))
        except IndexError:
            continue
        if (p, q) == (r["pembilang"], r["penyebut"]):
            continue
        data = f"{format_angka(r['pembilang'])} dibagi {format_angka(r['penyebut'])}"
        kode, lama = _kunci(k, s, e, akhir=f"-dibagi-{m[0]}")
        yield Temuan(
            kode=kode, kunci_lama=lama, tingkat=GALAT,
            judul=f"Narasi menghitung {m[0]}, data realisasi {tahun} memakai {data}",
            lokasi=s.lokasi, url=s.url,
            diharapkan=f"{data} (pembilang dan penyebut realisasi TW {r['triwulan']} "
                       f"{tahun} {k.nama.get(e, '')})",
            ditemukan=f"“{kutip(kal, m.start(), m.end())}”", saran=SARAN_ANGKA)


@aturan("narasi-angka", "narasi",
        "Angka pada narasi (persentase, rupiah, pembilang/penyebut) di dekat nama indikator "
        "atau program yang berbeda dari data")
def narasi_angka(k: Konteks) -> Iterator[Temuan]:
    penanda = _penanda(k)
    for s in sumber_teks(k):
        for kal in kalimat(s.teks):
            tahun = _tahun_kalimat(k, kal)
            if tahun is None:
                continue
            sebut = _sebutan(kal, penanda)
            yield from _dibagi(k, s, kal, sebut[-1][2] if sebut else s.entitas, tahun)
            kata_lalu, batas = None, 0
            for a in cari_angka(kal):
                sebelum = [x for x in sebut if x[1] <= a.awal]
                e = sebelum[-1][2] if sebelum else s.entitas
                mulai = max(batas, sebelum[-1][1] if sebelum else 0)
                kata = kata_besaran(kal[mulai:a.awal]) or kata_lalu
                kata_lalu, batas = kata, a.akhir
                t = _cek_angka(k, s, kal, a, e, besaran_untuk(kata, a.satuan), tahun)
                if t is not None:
                    yield t


def _cek_angka(k: Konteks, s: Sumber, kal: str, a: Angka, e: Entitas | None,
               besaran: str | None, tahun: int) -> Temuan | None:
    if e is None or besaran is None:
        return None
    satuan_ind = k.indikator[e[1]].satuan if e[0] == "indikator" and e[1] in k.indikator \
        else ""
    if not _satuan_cocok(a, satuan_besaran(besaran, satuan_ind)):
        return None
    v = k.nilai_dari(e, tahun, besaran)
    if v is None or cocok(a.nilai, a.desimal, v.nilai):
        return None
    label = NAMA_BESARAN[Besaran(besaran)]
    kode, lama = _kunci(k, s, e, tengah=f"{e[0]}-", akhir=f"-{besaran}-{tahun}-{a.teks}")
    return Temuan(
        kode=kode, kunci_lama=lama, tingkat=GALAT,
        judul=f"Narasi: {label} {k.nama.get(e, '')} ditulis {a.teks}, data memberi "
              f"{tampil(besaran, v.nilai, satuan_ind)}",
        lokasi=s.lokasi, url=s.url,
        diharapkan=f"{tampil(besaran, v.nilai, satuan_ind)} ({label} {tahun}"
                   f"{'; ' + v.ket if v.ket else ''})",
        ditemukan=f"{a.teks} dalam “{kutip(kal, a.awal, a.akhir)}”", saran=SARAN_ANGKA)


def _pola_predikat(label: list[str], *, peka_huruf: bool) -> re.Pattern[str]:
    alternatif = "|".join(re.escape(x) for x in sorted(set(label), key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?P<label>{alternatif})(?![\w])",
                      0 if peka_huruf else re.IGNORECASE)


@aturan("narasi-kategori", "narasi",
        "Kategori/predikat yang ditulis pada narasi tidak sesuai skala kategori yang berlaku "
        "untuk angkanya")
def narasi_kategori(k: Konteks) -> Iterator[Temuan]:
    skala = [label for _, label in k.aturan.skala]
    pola = _pola_predikat([*skala, *PREDIKAT_UMUM], peka_huruf=True)
    pola_kata = re.compile(r"(?:kategori|predikat|kriteria)\s+(?:capaian\s+)?[\"“]?"
                           + _pola_predikat([*skala, *PREDIKAT_UMUM], peka_huruf=False).pattern,
                           re.IGNORECASE)
    penanda = _penanda(k)
    for s in sumber_teks(k):
        for kal in kalimat(s.teks):
            dibaca: set[int] = set()
            kandidat = [(m.start("label"), m["label"], True) for m in pola_kata.finditer(kal)]
            kandidat += [(m.start(), m["label"], False) for m in pola.finditer(kal)]
            # At one position the reading after "kategori …" wins over the bare label.
            for posisi, label, dengan_kata in sorted(kandidat, key=lambda x: (x[0], not x[2])):
                if posisi in dibaca:
                    continue
                dibaca.add(posisi)
                nilai = _nilai_predikat(k, kal, posisi, label, dengan_kata, s, penanda)
                if nilai is None:
                    continue
                angka, asal = nilai
                seharusnya = capaian.kategori_capaian(angka, k.aturan.skala)
                if seharusnya is None or seharusnya.casefold() == label.casefold():
                    continue
                rata = k.dasbor.rata_rata_teks
                kode, lama = _kunci(k, s, None, akhir=f"{label}-{format_angka(angka)}")
                yield Temuan(
                    kode=kode, kunci_lama=lama, tingkat=GALAT,
                    judul=f"Kategori “{label}” untuk {format_persen(angka, None)} tidak "
                          f"sesuai skala: seharusnya {seharusnya}",
                    lokasi=s.lokasi, url=s.url,
                    diharapkan=f"{seharusnya} ({kelas_skala(k.aturan, seharusnya)})",
                    ditemukan=f"“{kutip(kal, posisi, posisi + len(label))}” ({asal})",
                    saran=f"Tulis kategori menurut {nama_skala(k.aturan)}. Bila angkanya "
                          f"tidak berasal dari data, sebutkan dasar perhitungannya; rata-rata "
                          f"capaian IKU tahun {k.tahun} menurut data {rata}.")


def _nilai_predikat(k: Konteks, kal: str, posisi: int, label: str, dengan_kata: bool,
                    s: Sumber, penanda: list[tuple[str, Entitas]]
                    ) -> tuple[Decimal, str] | None:
    """The capaian a category was written for: "(100 %)" right after it; else, after the
    word kategori/predikat, the last percentage before it or the named indicator's capaian."""
    sesudah = re.match(r"\s*\(\s*([\d.,]+)\s*%?\s*\)", kal[posisi + len(label):])
    if sesudah:
        if not dengan_kata and not _RE_KONTEKS_PREDIKAT.search(kal):
            return None
        angka = cari_angka(sesudah[1])
        return (angka[0].nilai, "angka dalam kurung") if angka else None
    if not dengan_kata:
        return None
    persen = [a for a in cari_angka(kal[:posisi]) if a.satuan == "%"]
    if persen:
        return persen[-1].nilai, f"angka {persen[-1].teks} sebelumnya"
    sebut = [x for x in _sebutan(kal[:posisi], penanda) if x[2][0] == "indikator"]
    e = sebut[-1][2] if sebut else s.entitas
    v = k.nilai_dari(e, k.tahun, Besaran.CAPAIAN) if e else None
    return (v.nilai, f"capaian {k.nama.get(e, '')} dari data") if v and e else None


@aturan("narasi-iku-lain", "narasi",
        "Narasi menyebut IKU yang tidak berlaku pada tahun laporan (nama IKU tahun lain)")
def narasi_iku_lain(k: Konteks) -> Iterator[Temuan]:
    berlaku = {i.nama.casefold() for i in k.indikator.values() if i.berlaku_pada(k.tahun)}
    lain = [i for i in k.indikator.values()
            if i.is_iku and not i.berlaku_pada(k.tahun) and i.nama.casefold() not in berlaku]
    for s in sumber_teks(k):
        for kal in kalimat(s.teks):
            lipat, disebut = kal.casefold(), tahun_disebut(kal)
            for ind in lain:
                posisi = lipat.find(ind.nama.casefold())
                if posisi < 0 or any(ind.berlaku_pada(t) for t in disebut):
                    continue
                kode, lama = _kunci(k, s, ("indikator", ind.pk))
                yield Temuan(
                    kode=kode, kunci_lama=lama, tingkat=PERINGATAN,
                    judul=f"Narasi menyebut IKU “{ind.nama}”, yang tidak berlaku pada "
                          f"tahun {k.tahun}",
                    lokasi=s.lokasi, url=s.url,
                    diharapkan=f"Nama IKU tahun {k.tahun}: " + "; ".join(sorted(
                        i.nama for i in k.indikator.values()
                        if i.is_iku and i.berlaku_pada(k.tahun))),
                    ditemukan=f"“{kutip(kal, posisi, posisi + len(ind.nama))}”",
                    saran="Ganti dengan nama IKU yang dianalisis, atau sebutkan tahunnya bila "
                          "memang membandingkan dengan IKU lama.")
