"""Each report document from its dataset to bytes (PDF or Excel); shared by the views, the
`cetak` command and the benchmark. Datasets come from `laporan.selectors`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string

from sakip.formatting import format_romawi

from . import excel, pdf
from .pdf import halaman, render_pdf
from .selectors import DataLkjip, DataMatriks, DataPk, DataTriwulan

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# The whole LKjIP; laid out in parts (see `lkjip_pdf`) every part names what it holds.
SEMUA = frozenset({"sampul", "pengantar", "daftar", "bab1", "bab2", "bab3", "bab4", "lampiran",
                   "triwulan"})


@dataclass(frozen=True)
class BagianLkjip:
    """A part of the LKjIP that starts on a new page: sections, Renstra matrices (by
    period), and the chapter title the running header shows before the part's own."""

    isi: frozenset[str]
    matriks: frozenset[int] = frozenset()
    bab_berjalan: str = ""


def lkjip_html(data: DataLkjip, segel: Any = None, bagian: BagianLkjip | None = None,
               **lain: Any) -> str:
    """The whole report as one HTML document (what approval fingerprints), or one part of
    it. `segel` (a `laporan.alur.Segel`) stamps an approved version: footer and last block."""
    if bagian is None:
        bagian = BagianLkjip(SEMUA, frozenset(p.urutan for p in data.periode))
    return render_to_string("laporan/pdf/lkjip.html", {
        "data": data, "kertas": data.kertas, "nama_opd": data.opd, "segel": segel,
        "bagian": bagian.isi, "matriks_bagian": bagian.matriks,
        "bagian_isi": bool(bagian.matriks or bagian.isi - {"sampul", "pengantar", "daftar"}),
        "bab_berjalan": bagian.bab_berjalan, **lain})


def _bagian_lkjip(data: DataLkjip) -> list[BagianLkjip]:
    """Cover and front matter, each chapter, the annexes; the contents pages come later.
    Small neighbours share a part: each part costs a stylesheet and font set-up."""
    matriks = [p.urutan for p in data.periode]
    bagian = [BagianLkjip(frozenset({"sampul", "pengantar"})),
              *(BagianLkjip(frozenset({b})) for b in ("bab1", "bab2", "bab3")),
              BagianLkjip(frozenset({"bab4", "lampiran"}))]
    bagian += [BagianLkjip(frozenset(), frozenset({u}), "LAMPIRAN") for u in matriks[:-1]]
    bagian.append(BagianLkjip(frozenset({"triwulan"}), frozenset(matriks[-1:]), "LAMPIRAN"))
    return bagian


def lkjip_pdf(data: DataLkjip, segel: Any = None) -> bytes:
    """The LKjIP PDF, its parts laid out in parallel (`laporan.pdf.bagian_render_semua`);
    then, side by side, the contents pages with the page numbers found and the numbers of
    the body pages (an overlay); joined. The front matter numbers its own pages: it starts
    at i whatever the body holds."""
    depan, *isi = pdf.bagian_render_semua(
        [lkjip_html(data, segel, b, nomor_terpisah=True) for b in _bagian_lkjip(data)])
    pertama = depan.jangkar["kata-pengantar"][0]  # pages before it: the cover
    hal = {nama: format_romawi(i - pertama + 1)
           for nama, (i, _, _) in depan.jangkar.items() if i >= pertama}
    nomor = 1
    for h in isi:
        for nama, (i, _, _) in h.jangkar.items():
            hal.setdefault(nama, str(nomor + i))
        nomor += len(h.lanskap)
    # The overlay numbers its pages by the same @page rules as a one-piece report would.
    daftar, lapisan = pdf.bagian_render_semua([
        lkjip_html(data, segel, BagianLkjip(frozenset({"daftar"})), nomor_terpisah=True,
                   hal=hal, mulai_depan=len(depan.lanskap) - pertama + 1),
        render_to_string("laporan/pdf/nomor_halaman.html", {
            "kertas": data.kertas, "isi": [x for h in isi for x in h.lanskap]})])
    return pdf.pdf_gabung(bagian=[depan, daftar, *isi], nomor=lapisan.pdf,
                          nomor_mulai=len(depan.lanskap) + len(daftar.lanskap),
                          judul=data.judul, penulis=data.opd)


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
