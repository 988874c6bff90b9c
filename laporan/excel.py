"""Excel workbooks of the reports (openpyxl): real numbers with number formats, never text.

Every `laporan.tabel.Tabel` becomes one sheet: a header block (title, office, year), the
table's header rows with merged cells, its rows (rowspan/colspan merged), notes below,
frozen panes under the header. The Renstra matrix gets its own sheet layout with one
column each for target, Rp and sumber dana per year.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from renstra.selectors import SelTahun
from sakip.formatting import format_angka

from .selectors import DataMatriks
from .tabel import FORMAT_RUPIAH, Baris, Kepala, Sel, Tabel, format_excel

TIPIS = Side(style="thin", color="8A98A3")
GARIS = Border(left=TIPIS, right=TIPIS, top=TIPIS, bottom=TIPIS)
KEPALA_ISI = PatternFill("solid", fgColor="DDE7EF")
JUMLAH_ISI = PatternFill("solid", fgColor="EEF3F7")
TEBAL = Font(bold=True)
JUDUL = Font(bold=True, size=12)
ATAS = Alignment(vertical="top", wrap_text=True)
TENGAH = Alignment(horizontal="center", vertical="center", wrap_text=True)
# Characters an Excel sheet title may not contain.
_TERLARANG = re.compile(r"[\[\]:*?/\\]")


def _nama_lembar(wb: Workbook, nama: str) -> str:
    dasar = _TERLARANG.sub("-", nama)[:31]
    calon, n = dasar, 2
    while calon in wb.sheetnames:
        akhiran = f" ({n})"
        calon, n = dasar[: 31 - len(akhiran)] + akhiran, n + 1
    return calon


def _kepala_blok(ws: Worksheet, baris: list[str], lebar: int) -> int:
    """Title lines above the table, merged across it; returns the next free row."""
    for i, teks in enumerate(baris, start=1):
        c = ws.cell(row=i, column=1, value=teks)
        c.font = JUDUL if i == 1 else TEBAL
        if lebar > 1:
            ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=lebar)
    return len(baris) + 2


def _tulis_sel(ws: Worksheet, r: int, k: int, s: Sel, kelas_baris: str) -> None:
    nilai = s.nilai if s.nilai is not None else (s.teks if s.teks != "-" else None)
    c = ws.cell(row=r, column=k, value=nilai)
    if s.format and isinstance(s.nilai, Decimal | int):
        c.number_format = s.format
    c.alignment = ATAS
    c.border = GARIS
    if kelas_baris in ("jumlah", "kelompok", "program") or "tebal" in s.kelas:
        c.font = TEBAL
    if kelas_baris in ("jumlah", "kelompok"):
        c.fill = JUMLAH_ISI
    if s.rowspan > 1 or s.colspan > 1:
        ws.merge_cells(start_row=r, start_column=k, end_row=r + s.rowspan - 1,
                       end_column=k + s.colspan - 1)


def _tulis_kepala(ws: Worksheet, baris_awal: int, kepala: list[list[Kepala]]) -> int:
    terisi: set[tuple[int, int]] = set()
    for i, baris in enumerate(kepala):
        r, k = baris_awal + i, 1
        for h in baris:
            while (r, k) in terisi:
                k += 1
            c = ws.cell(row=r, column=k, value=h.teks)
            c.font, c.fill, c.alignment = TEBAL, KEPALA_ISI, TENGAH
            for dr in range(h.rowspan):
                for dk in range(h.colspan):
                    terisi.add((r + dr, k + dk))
                    ws.cell(row=r + dr, column=k + dk).border = GARIS
            if h.rowspan > 1 or h.colspan > 1:
                ws.merge_cells(start_row=r, start_column=k, end_row=r + h.rowspan - 1,
                               end_column=k + h.colspan - 1)
            k += h.colspan
    return baris_awal + len(kepala)


def _tulis_baris(ws: Worksheet, r_awal: int, baris: list[Baris]) -> int:
    """Rows with rowspans: a spanned cell is absent from the rows below it."""
    terisi: set[tuple[int, int]] = set()
    for i, b in enumerate(baris):
        r, k = r_awal + i, 1
        for s in b.sel:
            while (r, k) in terisi:
                k += 1
            _tulis_sel(ws, r, k, s, b.kelas)
            for dr in range(s.rowspan):
                for dk in range(s.colspan):
                    terisi.add((r + dr, k + dk))
            k += s.colspan
    return r_awal + len(baris)


def _lebar_kolom(ws: Worksheet, lebar: Sequence[float], total: int = 150) -> None:
    """Column widths in characters, proportional to the table's relative widths."""
    jumlah = sum(lebar) or 1
    for i, w in enumerate(lebar, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(6, round(w * total / jumlah))


def tabel_ke_lembar(wb: Workbook, tabel: Tabel, judul_atas: list[str]) -> Worksheet:
    ws = wb.create_sheet(_nama_lembar(wb, tabel.label or tabel.judul))
    n = tabel.jumlah_kolom
    judul = f"{tabel.label} {tabel.judul}".strip()
    r = _kepala_blok(ws, [judul, *judul_atas], n)
    r_data = _tulis_kepala(ws, r, tabel.kepala)
    akhir = _tulis_baris(ws, r_data, tabel.baris)
    for i, c in enumerate(tabel.catatan):
        ws.cell(row=akhir + 1 + i, column=1, value=c).font = Font(italic=True, size=9)
    _lebar_kolom(ws, tabel.lebar)
    ws.freeze_panes = ws.cell(row=r_data, column=1)
    return ws


def buku_tabel(tabel: list[Tabel], judul_atas: list[str]) -> bytes:
    """One sheet per table; the first sheet lists them (a table of contents)."""
    wb = Workbook()
    isi = wb.active
    isi.title = "Daftar Tabel"
    isi.cell(row=1, column=1, value=judul_atas[0] if judul_atas else "").font = JUDUL
    for i, t in enumerate(tabel, start=3):
        ws = tabel_ke_lembar(wb, t, judul_atas)
        c = isi.cell(row=i, column=1, value=f"{t.label} {t.judul}".strip())
        c.hyperlink = f"#'{ws.title}'!A1"
        c.font = Font(color="0B4F6C", underline="single")
    isi.column_dimensions["A"].width = 110
    return _simpan(wb)


def _simpan(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --- Renstra matrix ------------------------------------------------------------------------


def matriks_xlsx(data: DataMatriks) -> bytes:
    """The T-C.27 matrix: cascade cells merged, per year Target / Rp / Sumber dana."""
    m = data.matriks
    r0 = data.renstra
    wb = Workbook()
    ws = wb.active
    ws.title = "Matriks Renstra"
    kolom_tahun = [r0.tahun_kondisi_awal, *m.tahun]
    tetap = ["No", "Tujuan", "Indikator Tujuan", "Sasaran", "Indikator Sasaran", "Kode",
             "Program / Kegiatan / Sub Kegiatan", "Indikator Kinerja", "Satuan"]
    n_kolom = len(tetap) + 3 * len(kolom_tahun) + 2 + 2
    r = _kepala_blok(ws, [
        "Rencana Program, Kegiatan, Indikator Kinerja, Kelompok Sasaran dan Pendanaan "
        "Indikatif",
        f"{data.opd} — Renstra {r0.periode} ({r0.nama_versi})",
    ], n_kolom)
    kepala = [
        [*(Kepala(t, rowspan=2) for t in tetap),
         Kepala(f"Kondisi Awal {r0.tahun_kondisi_awal}", colspan=3),
         *(Kepala(f"Target Tahun {t}", colspan=3) for t in m.tahun),
         Kepala("Kondisi Akhir Periode Renstra", colspan=2),
         Kepala("Unit Penanggung Jawab", rowspan=2), Kepala("Lokasi", rowspan=2)],
        [*(k for _ in kolom_tahun for k in (Kepala("Target"), Kepala("Rp"),
                                             Kepala("Sumber Dana"))),
         Kepala("Target"), Kepala("Rp")],
    ]
    r_data = _tulis_kepala(ws, r, kepala)
    baris = []
    for b in m.baris:
        sel: list[Sel] = []
        if b.tujuan:
            t = b.tujuan
            sel += [Sel(str(t.nomor), t.nomor, "0", rowspan=t.rowspan),
                    Sel(t.simpul.obj.nama, rowspan=t.rowspan),
                    Sel("\n".join(i.obj.nama for i in t.simpul.indikator), rowspan=t.rowspan)]
        if b.sasaran:
            s = b.sasaran
            sel += [Sel(s.simpul.obj.nama, rowspan=s.rowspan),
                    Sel("\n".join(i.obj.nama + (" (IKU)" if i.obj.is_iku else "")
                                  for i in s.simpul.indikator), rowspan=s.rowspan)]
        if b.node:
            sel += [Sel(b.node.simpul.obj.kode, rowspan=b.node.rowspan),
                    Sel(b.node.simpul.obj.nama, rowspan=b.node.rowspan)]
        elif not b.level:
            sel += [Sel(""), Sel("")]
        if b.indikator is None:
            sel += [Sel("Belum ada indikator." if b.level else "Belum ada program.")]
            sel += [Sel("")] * (1 + 3 * len(kolom_tahun) + 4)
        else:
            i = b.indikator.obj
            sel += [Sel(i.nama), Sel(i.satuan)]
            for st in [b.awal, *b.tahun]:
                sel += _sel_tahun_xlsx(st)
            akhir = b.indikator.kondisi_akhir
            sel += [Sel(i.kondisi_akhir_teks) if i.kondisi_akhir_teks else _angka(akhir),
                    _rupiah(b.indikator.kondisi_akhir_pagu),
                    Sel(str(i.unit_penanggung_jawab or i.penanggung_jawab)), Sel(i.lokasi)]
        baris.append(Baris(sel, "program" if b.level == "program" else ""))
    total = [Sel("TOTAL", colspan=len(tetap)), Sel(""), _rupiah(m.total_awal), Sel("")]
    for p in m.total_tahun:
        total += [Sel(""), _rupiah(p), Sel("")]
    total += [Sel(""), _rupiah(m.total_akhir), Sel(""), Sel("")]
    baris.append(Baris(total, "jumlah"))
    _tulis_baris(ws, r_data, baris)
    lebar = [5, 24, 22, 24, 22, 9, 30, 32, 10, *([10, 15, 12] * len(kolom_tahun)), 12, 16,
             20, 18]
    for k, w in enumerate(lebar, start=1):
        ws.column_dimensions[get_column_letter(k)].width = w
    ws.freeze_panes = ws.cell(row=r_data, column=len(tetap))
    return _simpan(wb)


def _angka(nilai: Decimal | None) -> Sel:
    return Sel("", None) if nilai is None else Sel("", nilai, format_excel(nilai))


def _rupiah(nilai: Decimal | None) -> Sel:
    return Sel("", None) if nilai is None else Sel("", nilai, FORMAT_RUPIAH)


def _sel_tahun_xlsx(st: SelTahun) -> list[Sel]:
    if not st.berlaku:
        return [Sel("–"), Sel("–"), Sel("")]
    if st.nilai_teks:
        target = Sel(st.nilai_teks)
    elif st.nilai_atas is not None:
        target = Sel(f"{format_angka(st.nilai)}–{format_angka(st.nilai_atas)}")
    else:
        target = _angka(st.nilai)
    return [target, _rupiah(st.pagu), Sel(st.sumber_dana)]
