"""Rules on the LKjIP itself: statutory sections left empty, IKU without the analysis of
causes and solutions (PermenPAN-RB 53/2014), staff tables of Bab I that do not add up. They
run once the year's LKjIP exists."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse

from sakip.formatting import format_angka

from ..forms import BAGIAN
from ..models import BarisSdm, LaporanKinerja
from ..narasi import narasi_bawaan
from .dasar import GALAT, INFO, PERINGATAN, Temuan, aturan
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


# Staff tables of Bab I that count every member of staff once, and those that count a part
# (ranks: the civil servants; eselon: the structural posts).
SDM_SELURUH = (BarisSdm.Kelompok.STATUS, BarisSdm.Kelompok.JENIS_KELAMIN,
               BarisSdm.Kelompok.PENDIDIKAN)
SDM_SEBAGIAN = (BarisSdm.Kelompok.GOLONGAN, BarisSdm.Kelompok.ESELON)


@aturan("laporan-sdm-jumlah", "laporan",
        "Tabel pegawai Bab I yang jumlahnya tidak cocok satu sama lain")
def laporan_sdm_jumlah(k: Konteks) -> Iterator[Temuan]:
    if k.laporan is None:
        return
    seluruh = {g: k.sdm[g] for g in SDM_SELURUH if k.sdm.get(g)}
    if not seluruh:
        return
    lokasi = f"LKjIP {k.tahun} › Bab I › Sumber daya manusia"
    url = reverse("laporan:lkjip-sdm", args=[k.laporan.pk])
    if len(set(seluruh.values())) > 1:
        rincian = ", ".join(f"{g.label.lower()} {format_angka(n)}" for g, n in seluruh.items())
        yield Temuan(
            kode="seluruh", tingkat=PERINGATAN,
            judul=f"Jumlah pegawai LKjIP {k.tahun} berbeda antar tabel: {rincian}",
            lokasi=lokasi, url=url,
            diharapkan="jumlah yang sama pada tabel status kepegawaian, jenis kelamin dan "
                       "pendidikan (setiap pegawai dihitung sekali di tiap tabel)",
            ditemukan=rincian,
            saran="Periksa data pegawai: ada pegawai yang terlewat atau terhitung dua kali "
                  "pada salah satu tabel.")
    semua = max(seluruh.values())
    for g in SDM_SEBAGIAN:
        if k.sdm.get(g, 0) > semua:
            yield Temuan(
                kode=g, tingkat=PERINGATAN,
                judul=f"Tabel {g.label.lower()} LKjIP {k.tahun} menghitung "
                      f"{format_angka(k.sdm[g])} pegawai, lebih dari seluruh pegawai "
                      f"({format_angka(semua)})",
                lokasi=lokasi, url=url,
                diharapkan=f"paling banyak {format_angka(semua)} (sebagian pegawai)",
                ditemukan=format_angka(k.sdm[g]),
                saran=f"Periksa tabel {g.label.lower()}: jumlahnya tidak mungkin melebihi "
                      "seluruh pegawai.")
