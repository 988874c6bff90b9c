"""The layout of the office workbook, shared by the export and the import.

Every sheet has the same frame: a header block (rows 1–5: title, office slug, year,
template version, instructions), the column titles in row 6 and one record per row from
row 7. Key columns (ids, codes, names) are locked; input columns are unlocked and shaded.
A new layout needs a new `VERSI`: the import refuses versions it does not know.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.utils import get_column_letter

VERSI = "1"

BARIS_OPD = 2
BARIS_TAHUN = 3
BARIS_VERSI = 4
BARIS_PETUNJUK = 5
BARIS_JUDUL = 6
BARIS_DATA = 7

MAKS_BYTE = 10 * 1024 * 1024
MAKS_BARIS = 50_000
# Uncompressed size of all zip members: a real 50.000-row workbook stays far below.
MAKS_ISI_ZIP = 200 * 1024 * 1024

# Kinds of column: what a cell holds and how the import reads it.
ID = "id"  # a whole number key (locked)
INFO = "info"  # text shown for orientation (locked, never read back)
NILAI = "nilai"  # an indicator value: a number, or a label of the indicator's scale
UANG = "uang"  # rupiah, at most 2 decimals, not negative
TEKS = "teks"  # free text input
PILIHAN = "pilihan"  # one of a closed list (data validation)

TW = {1: "TW I", 2: "TW II", 3: "TW III", 4: "TW IV"}


@dataclass(frozen=True)
class Kolom:
    nama: str  # the key the code uses
    judul: str  # the title in row 6, checked on import
    jenis: str
    lebar: int = 14

    @property
    def isian(self) -> bool:
        return self.jenis in (NILAI, UANG, TEKS, PILIHAN)


@dataclass(frozen=True)
class Lembar:
    nama: str  # the sheet's title
    judul: str  # the title line in A1
    kolom: tuple[Kolom, ...]

    def huruf(self, nama: str) -> str:
        """Column letter of a column, e.g. "F"."""
        return get_column_letter(self.indeks(nama) + 1)

    def indeks(self, nama: str) -> int:
        return next(i for i, k in enumerate(self.kolom) if k.nama == nama)

    def judul_kolom(self, nama: str) -> str:
        return self.kolom[self.indeks(nama)].judul


def _tw(awalan: str, jenis: str, lebar: int) -> tuple[Kolom, ...]:
    return tuple(Kolom(f"tw{n}", f"{awalan} {nama}", jenis, lebar) for n, nama in TW.items())


RENSTRA = Lembar("Renstra", "Target Renstra tahun ini per indikator", (
    Kolom("id", "ID indikator", ID, 11),
    Kolom("renstra", "Renstra", INFO, 16),
    Kolom("jenjang", "Jenjang", INFO, 12),
    Kolom("kode", "Kode", INFO, 16),
    Kolom("uraian", "Tujuan / sasaran / program / kegiatan", INFO, 40),
    Kolom("indikator", "Indikator", INFO, 45),
    Kolom("satuan", "Satuan", INFO, 10),
    Kolom("target", "Target", NILAI),
    Kolom("target_atas", "Batas atas (target rentang)", NILAI),
    Kolom("pagu", "Pagu indikatif (Rp)", UANG, 20),
    Kolom("sumber_dana", "Sumber dana", TEKS, 14),
))

PK = Lembar("PK", "Target Perjanjian Kinerja dan rencana aksi triwulan", (
    Kolom("id", "ID baris PK", ID, 11),
    Kolom("pk", "Perjanjian Kinerja", INFO, 24),
    Kolom("indikator", "Indikator", INFO, 45),
    Kolom("satuan", "Satuan", INFO, 10),
    Kolom("target_renstra", "Target Renstra", INFO, 14),
    Kolom("target", "Target PK", NILAI),
    Kolom("target_atas", "Batas atas (target rentang)", NILAI),
    Kolom("alasan", "Alasan target berbeda dari Renstra", TEKS, 30),
    *_tw("Target", NILAI, 12),
))

REALISASI = Lembar("Realisasi", "Realisasi kinerja per indikator dan triwulan", (
    Kolom("id", "ID indikator", ID, 11),
    Kolom("triwulan", "Triwulan", ID, 9),
    Kolom("kode", "Kode", INFO, 16),
    Kolom("indikator", "Indikator", INFO, 45),
    Kolom("satuan", "Satuan", INFO, 10),
    Kolom("nilai", "Realisasi", NILAI),
    Kolom("pembilang", "Pembilang", NILAI),
    Kolom("penyebut", "Penyebut", NILAI),
    Kolom("bukti", "Catatan bukti dukung", TEKS, 30),
    Kolom("rumus", "Cara menghitung", INFO, 28),
))

ANGGARAN = Lembar("Anggaran", "Pagu dan realisasi anggaran per triwulan", (
    Kolom("jenis", "Jenis", INFO, 14),
    Kolom("id", "ID", ID, 8),
    Kolom("kode", "Kode", INFO, 20),
    Kolom("uraian", "Uraian", INFO, 45),
    Kolom("kelompok", "Kelompok belanja", PILIHAN, 22),
    Kolom("pagu_murni", "Pagu DPA murni (Rp)", UANG, 20),
    Kolom("pagu_perubahan", "Pagu DPA perubahan (Rp)", UANG, 20),
    *_tw("Realisasi", UANG, 18),
    Kolom("keterangan", "Keterangan", INFO, 30),
))

LEMBAR = (RENSTRA, PK, REALISASI, ANGGARAN)

# The Anggaran sheet's "Jenis" column: which record the ID points at.
JENIS_BARIS = "Kegiatan"
JENIS_POS_BELANJA = "Belanja luar program"
JENIS_PENDAPATAN = "Pendapatan"

PETUNJUK = ("Isi hanya sel berwarna kuning; kolom lain dikunci. Angka boleh ditulis "
            "1.234.567,89 atau sebagai angka Excel; sel kosong berarti belum ada data "
            "(bukan nol). Jangan menambah, menghapus atau mengganti nama kolom dan sheet.")
