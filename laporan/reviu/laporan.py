"""Rules on the LKjIP itself: statutory sections left empty and IKU without the analysis of
causes and solutions (PermenPAN-RB 53/2014). They run once the year's LKjIP exists."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse

from ..forms import BAGIAN
from ..models import LaporanKinerja
from ..narasi import narasi_bawaan
from .dasar import GALAT, INFO, Temuan, aturan
from .konteks import Konteks

# Sections the statutory outline requires and the report cannot fill from data or from a
# standard text: Bab I's tasks, organisation and strategic issues, the executive summary's
# obstacles and remedies, and Bab IV.
WAJIB = ("tugas_fungsi", "struktur_organisasi", "isu_strategis", "hambatan", "upaya",
         "penutup")


@aturan("laporan-belum-dibuat", "laporan",
        "LKjIP tahun ini belum dibuat (kelengkapan dan narasinya belum dapat diperiksa)")
def laporan_belum_dibuat(k: Konteks) -> Iterator[Temuan]:
    if k.laporan is not None or not k.renstra:
        return
    yield Temuan(
        kode=f"{k.tahun}", tingkat=INFO, judul=f"LKjIP {k.tahun} belum dibuat",
        lokasi="Laporan", url=reverse("laporan:index"),
        diharapkan=f"LKjIP {k.tahun} (draf) untuk diperiksa kelengkapan dan narasinya",
        ditemukan="belum ada",
        saran="Buat LKjIP tahun ini pada halaman Laporan bila sudah waktunya menyusun.")


@aturan("laporan-bagian-kosong", "laporan", "Bagian wajib LKjIP masih kosong")
def laporan_bagian_kosong(k: Konteks) -> Iterator[Temuan]:
    lp = k.laporan
    if lp is None:
        return
    judul = dict(LaporanKinerja.BAGIAN_NARASI)
    bagian = {f: kunci for kunci, b in BAGIAN.items() for f in b.kolom}
    bawaan = narasi_bawaan(opd=k.opd.nama, pemda=k.opd.pemda.nama, tahun=k.tahun)
    for f in WAJIB:
        if getattr(lp, f).strip() or bawaan.get(f):
            continue
        yield Temuan(
            kode=f, tingkat=GALAT, judul=f"Bagian “{judul[f]}” LKjIP {k.tahun} masih kosong",
            lokasi=f"LKjIP {k.tahun} › {BAGIAN[bagian[f]].judul} › {judul[f]}",
            url=reverse("laporan:lkjip-bagian", args=[lp.pk, bagian[f]]),
            diharapkan="bagian terisi (wajib menurut PermenPAN-RB 53/2014)",
            ditemukan="kosong", saran=f"Tuliskan {judul[f].lower()} pada LKjIP.")


@aturan("laporan-analisis-kosong", "laporan",
        "IKU tanpa analisis penyebab keberhasilan/kegagalan dan solusi (Bab III A)")
def laporan_analisis_kosong(k: Konteks) -> Iterator[Temuan]:
    if k.laporan is None:
        return
    for b in k.baris_capaian:
        ind = b.indikator
        a = k.analisis.get(ind.pk)
        if not ind.is_iku or a is not None and (
                a.penyebab_keberhasilan + a.penyebab_kegagalan + a.solusi).strip():
            continue
        kode, lama = k.kunci_versi(("indikator", ind.pk))
        yield Temuan(
            kode=kode, kunci_lama=lama, tingkat=GALAT,
            judul=f"Analisis penyebab dan solusi IKU {ind.nama} {k.tahun} belum diisi",
            lokasi=f"LKjIP {k.tahun} › Bab III A › IKU {ind.nama}",
            url=k.url_analisis(ind.pk),
            diharapkan="penyebab keberhasilan atau kegagalan, dan solusinya",
            ditemukan="kosong",
            saran="Isi analisis indikator (penyebab dan solusi); LKjIP mencetaknya pada "
                  "analisis capaian IKU.")
