"""Rules on the plan and its realisation: PK targets against the Renstra, polarity against
the target trajectory, the manual IKU, missing year-end realisations, cumulative series
that fall, and a denominator taken from another year."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from django.urls import reverse

from renstra.models import Indikator
from sakip.formatting import format_angka

from .dasar import GALAT, INFO, PERINGATAN, Temuan, aturan
from .konteks import Konteks

NAMA_TW = ("TW I", "TW II", "TW III", "TW IV")


def _target_teks(nilai: Decimal | None, atas: Decimal | None, teks: str) -> str:
    if teks:
        return teks
    if atas is not None:
        return f"{format_angka(nilai)}–{format_angka(atas)}"
    return format_angka(nilai)


@aturan("rencana-tanpa-renstra", "rencana",
        "Tidak ada Renstra berlaku yang memuat target tahun ini (tidak ada yang dapat diperiksa)")
def rencana_tanpa_renstra(k: Konteks) -> Iterator[Temuan]:
    if k.renstra:
        return
    yield Temuan(
        kode=f"{k.tahun}", tingkat=INFO,
        judul=f"Tidak ada Renstra berlaku yang memuat target tahun {k.tahun}",
        lokasi="Renstra", url=reverse("renstra:renstra-list"),
        diharapkan=f"Renstra yang tahun targetnya mencakup {k.tahun}",
        ditemukan="tidak ada: target, capaian dan LKjIP tahun ini tidak dapat diperiksa",
        saran="Pilih tahun lain di kanan atas, atau lengkapi dan tetapkan Renstra.")


@aturan("rencana-target-pk", "rencana",
        "Target PK berbeda dari target Renstra tahun itu tanpa alasan yang dicatat")
def rencana_target_pk(k: Konteks) -> Iterator[Temuan]:
    for b in k.baris_pk:
        ind = k.indikator.get(b["indikator_id"])
        if ind is None:
            continue
        t = k.target_renstra.get(ind.pk, {}).get(k.tahun)
        renstra = (t.nilai, t.atas, t.teks) if t else (None, None, "")
        pk = (b["target"], b["target_atas"], b["target_teks"])
        if pk == renstra:
            continue
        alasan = b["alasan_target"].strip()
        yield Temuan(
            kode=f"{b['id']}", tingkat=INFO if alasan else GALAT,
            judul=f"Target PK {ind.nama} {_target_teks(*pk)} berbeda dari target Renstra "
                  f"{_target_teks(*renstra)}" + ("" if alasan else " tanpa alasan"),
            lokasi=f"PK {k.tahun} › target › {ind.nama}",
            url=k.url_pk(b["perjanjian_id"], "pk-target"),
            diharapkan=f"target Renstra {k.tahun}: {_target_teks(*renstra)}, atau alasan "
                       "perbedaannya",
            ditemukan=f"target PK {_target_teks(*pk)}"
                      + (f"; alasan: {alasan}" if alasan else "; alasan kosong"),
            saran="Tuliskan alasan target PK berbeda dari Renstra (mis. hasil reviu, "
                  "perubahan anggaran), atau samakan targetnya." if not alasan
            else "Tidak perlu tindakan bila alasannya tepat.")


def _urut_target(k: Konteks, ind: Indikator) -> list[tuple[int, Decimal]]:
    target = k.target_renstra.get(ind.pk, {})
    return [(th, t.nilai) for th, t in sorted(target.items())
            if t.nilai is not None and t.atas is None and not t.teks]


@aturan("rencana-polaritas", "rencana",
        "Polaritas indikator berlawanan dengan arah target Renstra (target turun tiap tahun "
        "tetapi polaritas naik, atau sebaliknya)")
def rencana_polaritas(k: Konteks) -> Iterator[Temuan]:
    for ind in k.indikator.values():
        if not ind.berlaku_pada(k.tahun) or ind.polaritas not in ("naik", "turun"):
            continue
        urut = _urut_target(k, ind)
        if len(urut) < 3:
            continue
        nilai = [n for _, n in urut]
        turun = all(b < a for a, b in zip(nilai, nilai[1:], strict=False))
        naik = all(b > a for a, b in zip(nilai, nilai[1:], strict=False))
        if not (turun and ind.polaritas == "naik" or naik and ind.polaritas == "turun"):
            continue
        arah = "turun" if turun else "naik"
        deret = ", ".join(f"{th}: {format_angka(n)}" for th, n in urut)
        kode, lama = k.kunci_versi(("indikator", ind.pk))
        yield Temuan(
            kode=kode, kunci_lama=lama, tingkat=PERINGATAN,
            judul=f"Target {ind.nama} {arah} setiap tahun, tetapi polaritasnya "
                  f"{ind.get_polaritas_display().lower()}",
            lokasi=f"Renstra {ind.renstra.periode} › indikator {ind.nama}",
            url=k.url_indikator(ind.pk),
            diharapkan=f"polaritas {arah} (target {arah} setiap tahun)",
            ditemukan=f"polaritas {ind.polaritas}; target {deret}",
            saran="Periksa polaritas: rumus capaian bergantung padanya (indikator turun "
                  "memakai (2T − R) / T). Bila targetnya yang keliru, perbaiki target Renstra.")


MANUAL_IKU = (("definisi", "definisi"), ("rumus", "rumus"), ("sumber_data", "sumber data"))


@aturan("rencana-manual-iku", "rencana",
        "IKU tanpa definisi, rumus atau sumber data (manual IKU yang dinilai evaluator)")
def rencana_manual_iku(k: Konteks) -> Iterator[Temuan]:
    for ind in k.indikator.values():
        if not ind.is_iku or not ind.berlaku_pada(k.tahun):
            continue
        kosong = [label for f, label in MANUAL_IKU if not getattr(ind, f).strip()]
        if not kosong:
            continue
        kode, lama = k.kunci_versi(("indikator", ind.pk))
        yield Temuan(
            kode=kode, kunci_lama=lama, tingkat=PERINGATAN,
            judul=f"Manual IKU {ind.nama} belum lengkap: {', '.join(kosong)} kosong",
            lokasi=f"Renstra {ind.renstra.periode} › IKU {ind.nama}",
            url=k.url_indikator(ind.pk),
            diharapkan="definisi, rumus dan sumber data terisi",
            ditemukan=f"kosong: {', '.join(kosong)}",
            saran="Lengkapi manual IKU pada indikator (evaluasi SAKIP menilai kejelasan "
                  "definisi, rumus dan sumber data).")


def _isi(r: dict | None) -> bool:
    return r is not None and (r["nilai"] is not None or bool(r["nilai_teks"]))


def _target_tahun(k: Konteks, ind: Indikator) -> str:
    """The year's target as the data hold it (PK row first, else Renstra); "" if none."""
    b = k.baris_per_indikator.get(ind.pk)
    t = k.target_renstra.get(ind.pk, {}).get(k.tahun)
    nilai, atas, teks = ((b["target"], b["target_atas"], b["target_teks"]) if b
                         else (t.nilai, t.atas, t.teks) if t else (None, None, ""))
    return _target_teks(nilai, atas, teks) if nilai is not None or teks else ""


@aturan("rencana-tanpa-realisasi", "rencana",
        "Indikator bertarget tanpa realisasi akhir tahun (TW IV) setelah tahun berakhir "
        "(IKU: galat bila LKjIP tahun itu sudah dibuat)")
def rencana_tanpa_realisasi(k: Konteks) -> Iterator[Temuan]:
    if not k.tahun_berakhir:
        return
    for ind in k.indikator.values():
        if not ind.berlaku_pada(k.tahun):
            continue
        target = _target_tahun(k, ind)
        tw = k.realisasi.get((ind.pk, k.tahun), [None] * 4)
        if not target or _isi(tw[3]):
            continue
        terisi = [NAMA_TW[i] for i, r in enumerate(tw) if _isi(r)]
        # An IKU without its year-end value is an error once the year's LKjIP is being
        # written (it would print "belum ada data"); before that, as for other outcome
        # indicators, a warning; outputs are noted.
        if ind.is_iku and k.laporan is not None:
            tingkat = GALAT
        elif ind.is_iku or ind.level in ("tujuan", "sasaran"):
            tingkat = PERINGATAN
        else:
            tingkat = INFO
        kode, lama = k.kunci_versi(("indikator", ind.pk))
        yield Temuan(
            kode=kode, kunci_lama=lama, tingkat=tingkat,
            judul=f"{'IKU ' if ind.is_iku else ''}{ind.nama} bertarget {target} tetapi "
                  f"realisasi akhir tahun {k.tahun} belum diisi",
            lokasi=f"Realisasi {k.tahun} › {ind.get_level_display()} › {ind.nama}",
            url=k.url_realisasi(),
            diharapkan=f"realisasi TW IV {k.tahun}",
            ditemukan="terisi: " + ", ".join(terisi) if terisi else "belum ada realisasi",
            saran="Isi realisasi TW IV (capaian tahunan dihitung darinya); tanpa itu capaian "
                  "ditulis “belum ada data”.")


_RE_SD = re.compile(r"s\.\s?d\.?|sampai dengan|kumulatif", re.IGNORECASE)


def _sampai_dengan(k: Konteks, ind: Indikator) -> bool:
    """Values reported to date: so said in the manual IKU, or quarterly targets that only
    grow for an indicator where higher is better (0,01 → 0,05)."""
    if ind.cara_agregasi != Indikator.CaraAgregasi.AKHIR:
        return False
    if _RE_SD.search(" ".join((ind.definisi, ind.rumus, ind.frekuensi))):
        return True
    baris = k.baris_per_indikator.get(ind.pk)
    target = [v for _, v in sorted(k.target_tw.get(baris["id"], {}).items())] if baris else []
    return (ind.polaritas == Indikator.Polaritas.NAIK and len(target) >= 2
            and all(b >= a for a, b in zip(target, target[1:], strict=False))
            and target[-1] > target[0])


@aturan("rencana-kumulatif", "rencana",
        "Realisasi triwulan yang dilaporkan s.d. triwulan (kumulatif) justru turun")
def rencana_kumulatif(k: Konteks) -> Iterator[Temuan]:
    for ind in k.indikator.values():
        tw = k.realisasi.get((ind.pk, k.tahun))
        if tw is None or not _sampai_dengan(k, ind):
            continue
        for kolom, label in (("nilai", "realisasi"), ("pembilang", "pembilang")):
            deret = [(NAMA_TW[i], r[kolom]) for i, r in enumerate(tw)
                     if r is not None and r[kolom] is not None]
            turun = [(a, b) for a, b in zip(deret, deret[1:], strict=False) if b[1] < a[1]]
            if not turun:
                continue
            (tw_a, a), (tw_b, b) = turun[0]
            kode, lama = k.kunci_versi(("indikator", ind.pk), akhir=f"-{kolom}")
            yield Temuan(
                kode=kode, kunci_lama=lama, tingkat=PERINGATAN,
                judul=f"{label[:1].upper()}{label[1:]} s.d. triwulan {ind.nama} turun dari "
                      f"{format_angka(a)} ({tw_a}) ke {format_angka(b)} ({tw_b})",
                lokasi=f"Realisasi {k.tahun} › {ind.nama}", url=k.url_realisasi(),
                diharapkan="angka s.d. triwulan tidak berkurang dari triwulan ke triwulan",
                ditemukan=", ".join(f"{t}: {format_angka(v)}" for t, v in deret),
                saran="Periksa apakah triwulan itu diisi angka triwulan saja (bukan s.d.), "
                      "atau ada salah ketik; bila indikator ini berupa keadaan akhir triwulan, "
                      "sesuaikan definisinya.")
            break


_RE_TAHUN_LABEL = re.compile(r"tahun\s*\(\s*n\s*(?:-\s*(\d))?\s*\)|tahun\s+(\d{4})", re.I)


def _tahun_label(label: str, tahun: int) -> int | None:
    """The year a manual IKU label names: "tahun (n)" → tahun, "tahun (n-1)" → tahun − 1."""
    m = _RE_TAHUN_LABEL.search(label)
    if m is None:
        return None
    if m[2]:
        return int(m[2])
    return tahun - int(m[1] or 0)


@aturan("rencana-penyebut", "rencana",
        "Penyebut diambil dari tahun yang berbeda dari pembilang (manual IKU, atau angka "
        "penyebut sama dengan angka tahun sebelumnya)")
def rencana_penyebut(k: Konteks) -> Iterator[Temuan]:
    rasio = [i for i in k.indikator.values()
             if i.jenis_rumus == Indikator.JenisRumus.RASIO and i.berlaku_pada(k.tahun)]
    for ind in rasio:
        th_p, th_q = (_tahun_label(x, k.tahun) for x in (ind.pembilang, ind.penyebut))
        if th_p is not None and th_q is not None and th_p != th_q:
            kode, lama = k.kunci_versi(("indikator", ind.pk), awal="label-")
            yield Temuan(
                kode=kode, kunci_lama=lama, tingkat=GALAT,
                judul=f"Manual IKU {ind.nama}: pembilang dan penyebut dari tahun berbeda",
                lokasi=f"Renstra › IKU {ind.nama} › rumus", url=k.url_indikator(ind.pk),
                diharapkan="pembilang dan penyebut tahun yang sama (rasio)",
                ditemukan=f"pembilang “{ind.pembilang}”, penyebut “{ind.penyebut}”",
                saran="Ambil penyebut dari tahun yang sama dengan pembilang, atau pakai rumus "
                      "pertumbuhan bila memang membandingkan dua tahun.")
    angka_lalu: dict[Decimal, str] = {}
    for (ind_id, th), tw in k.realisasi.items():
        if th != k.tahun - 1 or ind_id not in k.indikator:
            continue
        for r in tw:
            for kolom in ("pembilang", "penyebut"):
                if r is not None and r[kolom] is not None:
                    angka_lalu.setdefault(
                        r[kolom], f"{kolom} {k.indikator[ind_id].nama} {th} "
                                  f"{NAMA_TW[r['triwulan'] - 1]}")
    for ind in rasio:
        for r in k.realisasi.get((ind.pk, k.tahun), []):
            if r is None or r["penyebut"] is None or r["penyebut"] not in angka_lalu:
                continue
            yield Temuan(
                kode=f"nilai-{r['id']}", tingkat=PERINGATAN,
                judul=f"Penyebut {ind.nama} {k.tahun} {NAMA_TW[r['triwulan'] - 1]} "
                      f"({format_angka(r['penyebut'])}) sama dengan angka tahun {k.tahun - 1}",
                lokasi=f"Realisasi {k.tahun} › {ind.nama}", url=k.url_realisasi(r["triwulan"]),
                diharapkan=f"penyebut tahun {k.tahun} ({ind.penyebut or 'penyebut'})",
                ditemukan=f"{format_angka(r['penyebut'])} = {angka_lalu[r['penyebut']]}",
                saran=f"Pastikan penyebut adalah data tahun {k.tahun}; bila data tahun itu "
                      "belum tersedia, catat sumbernya pada bukti dukung.")
