"""Each report document from its dataset to bytes (PDF or Excel); shared by the views, the
`cetak` command and the benchmark. Datasets come from `laporan.selectors`."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from . import excel
from .pdf import halaman, render_pdf
from .selectors import DataLkjip, DataMatriks, DataPk, DataTriwulan

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def lkjip_html(data: DataLkjip, segel: Any = None) -> str:
    """`segel` (a `laporan.alur.Segel`) stamps an approved version: footer and last block."""
    return render_to_string("laporan/pdf/lkjip.html", {
        "data": data, "kertas": data.kertas, "nama_opd": data.opd, "segel": segel})


def lkjip_pdf(data: DataLkjip) -> bytes:
    return render_pdf(lkjip_html(data))


def lkjip_xlsx(data: DataLkjip) -> bytes:
    """Every numbered table of the LKjIP, one sheet each (front-matter tables first)."""
    depan = [data.tabel_ikhtisar_iku, data.tabel_ikhtisar_kategori]
    if data.tabel_ikhtisar_anggaran is not None:
        depan.append(data.tabel_ikhtisar_anggaran)
    return excel.buku_tabel([*depan, *data.daftar_tabel],
                            [f"LKjIP {data.opd}", f"Tahun {data.tahun}"])


def pk_html(daftar: list[DataPk], kertas: str = "A4", segel: Any = None) -> str:
    """One or more PK documents (a transition year has one per Renstra period); `segel`
    (a `laporan.alur.Segel`) stamps an approved one: footer and last block."""
    pertama = daftar[0]
    return render_to_string("laporan/pdf/pk.html", {
        "daftar": daftar, "pk": pertama, "kertas": halaman(kertas), "nama_opd": pertama.opd,
        "segel": segel})


def pk_pdf(daftar: list[DataPk], kertas: str = "A4") -> bytes:
    return render_pdf(pk_html(daftar, kertas))


def triwulan_pdf(data: DataTriwulan, kertas: str = "A4") -> bytes:
    return render_pdf(render_to_string("laporan/pdf/triwulan.html", {
        "data": data, "kertas": halaman(kertas), "nama_opd": data.opd}))


def triwulan_xlsx(data: DataTriwulan) -> bytes:
    return excel.buku_tabel(data.tabel, [f"Laporan Kinerja Triwulan {data.opd}",
                                         f"Tahun {data.tahun}"])


def renstra_pdf(data: DataMatriks, kertas: str = "A4") -> bytes:
    return render_pdf(render_to_string("laporan/pdf/renstra_matriks.html", {
        "data": data, "kertas": halaman(kertas), "nama_opd": data.opd}))


def renstra_xlsx(data: DataMatriks) -> bytes:
    return excel.matriks_xlsx(data)
