"""Rules on the pemda's settings: the category scale every capaian is labelled with."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse

from kinerja import capaian

from .dasar import GALAT, Temuan, aturan
from .konteks import Konteks


@aturan("pengaturan-skala", "pengaturan",
        "Skala kategori capaian pemda tumpang tindih, berlubang, tidak terbaca atau kosong "
        "(tanpa kelas untuk capaian di atas 100%)")
def pengaturan_skala(k: Konteks) -> Iterator[Temuan]:
    sk = k.skala
    if sk is None:
        return  # the pemda uses Permendagri 86/2017
    url = reverse("admin:kinerja_skalakategori_change", args=[sk.pk])
    try:
        masalah = capaian.validasi_skala(sk.daftar())
    except (TypeError, ValueError, ArithmeticError):
        masalah = ["setiap kelas harus berupa pasangan batas bawah dan label"]
    for i, m in enumerate(masalah):
        yield Temuan(
            kode=f"{sk.pk}-{i}", tingkat=GALAT,
            judul=f"Skala kategori capaian {sk.pemda}: {m}",
            lokasi=f"Pengaturan pemda › skala kategori capaian {sk.pemda}", url=url,
            diharapkan="kelas berurutan dari batas terbesar, tanpa batas ganda, kelas "
                       "terendah mulai dari 0, kelas teratas terbuka ke atas",
            ditemukan=f"kelas tersimpan: {sk.kelas}",
            saran="Perbaiki skala pada administrasi pemda; sampai diperbaiki, kategori "
                  "capaian pada laporan dapat keliru.")
