"""The office workbook for a year, pre-filled (openpyxl, streamed with `write_only`).

Numbers are real numbers with Indonesian-friendly formats, never text; key columns are
locked by sheet protection (without a password: it guards against slips, the import
checks every key anyway); closed value sets get drop-down lists.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from renstra.models import Indikator
from sakip.formatting import format_angka

from ..tabel import FORMAT_BULAT, FORMAT_RUPIAH
from . import templat as t
from .data import DataBukuKerja, indikator_kualitatif

ISIAN = PatternFill("solid", fgColor="FFF4C2")
KEPALA = PatternFill("solid", fgColor="DDE7EF")
TEBAL = Font(bold=True)
MIRING = Font(italic=True, size=9, color="555555")
TERBUKA = Protection(locked=False)
BUNGKUS = Alignment(vertical="top", wrap_text=True)
LEMBAR_DAFTAR = "Daftar"


def format_nilai(ind: Indikator) -> str:
    """Excel format of an indicator's values: its own number of decimals."""
    return FORMAT_BULAT + ("." + "0" * ind.desimal if ind.desimal else "")


class _Penulis:
    """Writes one sheet row by row, styling each cell by its column's kind."""

    def __init__(self, wb: Workbook, lembar: t.Lembar, data: DataBukuKerja) -> None:
        self.lembar = lembar
        self.ws = wb.create_sheet(lembar.nama)
        self.daftar: dict[tuple[str, ...], DataValidation] = {}
        self.baris = t.BARIS_DATA
        ws = self.ws
        for i, k in enumerate(lembar.kolom, start=1):
            ws.column_dimensions[get_column_letter(i)].width = k.lebar
        kunci = sum(1 for k in lembar.kolom if k.jenis == t.ID)
        ws.freeze_panes = f"{get_column_letter(kunci + 1)}{t.BARIS_DATA}"
        # Protected, but planners may still resize, filter and format for reading.
        p = ws.protection
        p.sheet, p.formatColumns, p.formatRows, p.autoFilter = True, False, False, False
        p.formatCells = False
        self._sel_teks([lembar.judul], TEBAL)
        self._sel_teks(["Perangkat daerah", data.opd.slug, data.opd.nama])
        tahun = WriteOnlyCell(ws, value=data.tahun)
        tahun.number_format = "0"  # never "2.019"
        ws.append(["Tahun", tahun])
        ws.append(["Versi templat", t.VERSI])
        self._sel_teks([t.PETUNJUK], MIRING)
        judul = []
        for k in lembar.kolom:
            c = WriteOnlyCell(ws, value=k.judul)
            c.font, c.fill, c.alignment = TEBAL, KEPALA, BUNGKUS
            judul.append(c)
        ws.append(judul)

    def _sel_teks(self, nilai: list[Any], font: Font | None = None) -> None:
        sel = []
        for v in nilai:
            c = WriteOnlyCell(self.ws, value=v)
            if font is not None:
                c.font = font
            sel.append(c)
        self.ws.append(sel)

    def tulis(self, nilai: dict[str, Any], *, format_isi: str = FORMAT_BULAT,
              terkunci: Iterable[str] = (), pilihan: dict[str, Sequence[str]] | None = None,
              ) -> None:
        """One record: `nilai` by column name; `terkunci` keeps input columns locked for
        this row; `pilihan` gives a column its drop-down list for this row."""
        tutup = set(terkunci)
        sel = []
        for k in self.lembar.kolom:
            v = nilai.get(k.nama)
            c = WriteOnlyCell(self.ws, value=v)
            if k.jenis == t.UANG:
                c.number_format = FORMAT_RUPIAH
            elif k.jenis == t.NILAI and isinstance(v, Decimal | int):
                c.number_format = format_isi
            elif k.jenis == t.ID and k.nama != "triwulan":
                c.number_format = "0"
            if k.isian and k.nama not in tutup:
                c.fill, c.protection = ISIAN, TERBUKA
            sel.append(c)
        self.ws.append(sel)
        for nama, daftar in (pilihan or {}).items():
            self._pilihan(nama, tuple(daftar))
        self.baris += 1

    def _pilihan(self, nama: str, daftar: tuple[str, ...]) -> None:
        if not daftar:
            return
        dv = self.daftar.get(daftar)
        if dv is None:
            teks = ",".join(daftar)
            if len(teks) > 250 or '"' in teks or any("," in d for d in daftar):
                return  # too long or not expressible as an inline list; the import checks
            dv = DataValidation(type="list", formula1=f'"{teks}"', allow_blank=True,
                                showErrorMessage=True, errorTitle="Pilihan tidak dikenal",
                                error="Pilih salah satu nilai dari daftar.")
            self.daftar[daftar] = dv
            self.ws.data_validations.append(dv)
        dv.add(f"{self.lembar.huruf(nama)}{self.baris}")

    def daftar_rentang(self, nama: str, rumus: str) -> None:
        """A drop-down on every data row of a column, from a range of the list sheet."""
        if self.baris == t.BARIS_DATA:
            return
        dv = DataValidation(type="list", formula1=rumus, allow_blank=True,
                            showErrorMessage=True, errorTitle="Pilihan tidak dikenal",
                            error="Pilih salah satu nilai dari daftar.")
        huruf = self.lembar.huruf(nama)
        dv.add(f"{huruf}{t.BARIS_DATA}:{huruf}{self.baris - 1}")
        self.ws.data_validations.append(dv)

    def saring(self) -> None:
        if self.baris > t.BARIS_DATA:
            self.ws.auto_filter.ref = (f"A{t.BARIS_JUDUL}:"
                                       f"{get_column_letter(len(self.lembar.kolom))}"
                                       f"{self.baris - 1}")


def _nilai_target(ind: Indikator, nilai: Decimal | None, teks: str) -> Decimal | str | None:
    return teks or None if indikator_kualitatif(ind) else nilai


def _skala(ind: Indikator) -> dict[str, Sequence[str]]:
    return {"target": ind.skala_kualitatif} if indikator_kualitatif(ind) else {}


def _renstra(wb: Workbook, data: DataBukuKerja) -> None:
    w = _Penulis(wb, t.RENSTRA, data)
    for b in data.renstra:
        ind, tg = b.indikator, b.target
        rentang = ind.jenis_target == Indikator.JenisTarget.RENTANG
        w.tulis({
            "id": ind.pk, "renstra": f"{ind.renstra.periode} {ind.renstra.nama_versi}",
            "jenjang": b.jenjang, "kode": b.kode, "uraian": b.uraian, "indikator": ind.nama,
            "satuan": ind.satuan,
            "target": _nilai_target(ind, tg.nilai if tg else None, tg.nilai_teks if tg else ""),
            "target_atas": tg.nilai_atas if tg else None,
            "pagu": tg.pagu if tg else None, "sumber_dana": tg.sumber_dana if tg else None,
        }, format_isi=format_nilai(ind), pilihan=_skala(ind),
            terkunci=() if rentang else ("target_atas",))
    w.saring()


def _pk(wb: Workbook, data: DataBukuKerja) -> None:
    w = _Penulis(wb, t.PK, data)
    for d in data.pk:
        b, ind = d.baris, d.baris.indikator
        tr = d.target_renstra
        pj = b.perjanjian
        nilai = {
            "id": b.pk, "pk": f"{pj.nama_versi} · Renstra {pj.renstra.periode} "
                              f"({pj.get_status_display().lower()})",
            "indikator": ind.nama, "satuan": ind.satuan,
            "target_renstra": (tr.nilai_teks or format_angka(tr.nilai)) if tr else "-",
            "target": _nilai_target(ind, b.target, b.target_teks), "target_atas": b.target_atas,
            "alasan": b.alasan_target or None,
        }
        for n in t.TW:
            tw = d.triwulan.get(n)
            nilai[f"tw{n}"] = _nilai_target(ind, tw.nilai, tw.nilai_teks) if tw else None
        skala = ind.skala_kualitatif if indikator_kualitatif(ind) else ()
        rentang = ind.jenis_target == Indikator.JenisTarget.RENTANG
        w.tulis(nilai, format_isi=format_nilai(ind),
                pilihan=dict.fromkeys(("target", *(f"tw{n}" for n in t.TW)), skala),
                terkunci=() if rentang else ("target_atas",))
    w.saring()


def _cara_hitung(ind: Indikator) -> str:
    if indikator_kualitatif(ind):
        return "Pilih dari skala: " + ", ".join(ind.skala_kualitatif)
    cara = ind.get_jenis_rumus_display()
    if ind.jenis_rumus != Indikator.JenisRumus.LANGSUNG:
        cara += "; isi pembilang dan penyebut, atau realisasi langsung"
    return f"{cara}; {ind.desimal} desimal"


def _realisasi(wb: Workbook, data: DataBukuKerja) -> None:
    w = _Penulis(wb, t.REALISASI, data)
    for b in data.realisasi:
        ind: Indikator = b.indikator
        langsung = ind.jenis_rumus == Indikator.JenisRumus.LANGSUNG or indikator_kualitatif(ind)
        for tw in t.TW:
            r = data.rekaman.get((ind.pk, tw))
            nilai: dict[str, Any] = {"id": ind.pk, "triwulan": tw, "kode": b.kode,
                                     "indikator": ind.nama, "satuan": ind.satuan,
                                     "rumus": _cara_hitung(ind)}
            if r is not None:
                # With the counts the value follows from them; showing both invites
                # editing both.
                nilai["nilai"] = (r.nilai_teks or None if indikator_kualitatif(ind)
                                  else None if r.pembilang is not None else r.nilai)
                nilai.update(pembilang=r.pembilang, penyebut=r.penyebut,
                             bukti=r.bukti_catatan or None)
            w.tulis(nilai, format_isi=format_nilai(ind),
                    pilihan={"nilai": ind.skala_kualitatif} if indikator_kualitatif(ind) else None,
                    terkunci=("pembilang", "penyebut") if langsung else ())
    w.saring()


def _anggaran(wb: Workbook, data: DataBukuKerja) -> None:
    w = _Penulis(wb, t.ANGGARAN, data)
    for b in data.anggaran_baris:
        induk = b.induk
        pendapatan = b.jenis == "pos" and induk.kelompok_id is None
        jenis = (t.JENIS_BARIS if b.jenis == "baris"
                 else t.JENIS_PENDAPATAN if pendapatan else t.JENIS_POS_BELANJA)
        nilai: dict[str, Any] = {
            "jenis": jenis, "id": induk.pk, "kode": b.kode, "uraian": b.uraian,
            "kelompok": induk.kelompok.nama if induk.kelompok else None,
            "pagu_murni": induk.pagu_murni, "pagu_perubahan": induk.pagu_perubahan,
        }
        bulanan = []
        for n, nama in t.TW.items():
            tw = b.tw.get(n)
            nilai[f"tw{n}"] = tw.nilai if tw else None
            if tw and tw.bulanan:
                bulanan.append(f"tw{n}")
                nilai["keterangan"] = ", ".join(
                    filter(None, [nilai.get("keterangan"), f"{nama} diisi per bulan di aplikasi"]))
        w.tulis(nilai, terkunci=[*bulanan, *(["kelompok"] if pendapatan else [])])
    n = len(data.kelompok)
    w.daftar_rentang("kelompok", f"{LEMBAR_DAFTAR}!$A$2:$A${n + 1}")
    w.saring()


def _daftar(wb: Workbook, data: DataBukuKerja) -> None:
    """The lists behind the drop-downs, on a hidden sheet."""
    ws = wb.create_sheet(LEMBAR_DAFTAR)
    ws.sheet_state = "hidden"
    ws.append(["Kelompok belanja"])
    for k in data.kelompok:
        ws.append([k.nama])


def buku_kerja_export(*, data: DataBukuKerja) -> bytes:
    wb = Workbook(write_only=True)
    for tulis in (_renstra, _pk, _realisasi, _anggaran, _daftar):
        tulis(wb, data)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def nama_berkas(data: DataBukuKerja) -> str:
    return f"buku-kerja-{data.opd.slug}-{data.tahun}.xlsx"
