"""`manage.py cetak`: every report to PDF/Excel; clear errors, exit status 1, no file."""

from decimal import Decimal
from io import BytesIO, StringIO

import pytest
from django.core.management import ManagementUtility, call_command
from openpyxl import load_workbook
from pypdf import PdfReader

from .conftest import kantor_kecil, teks_pdf


def _cetak(*args: str) -> str:
    out = StringIO()
    call_command("cetak", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(("args", "pesan"), [
    (["lkjip", "--opd", "tidak-ada", "--tahun", "2019"],
     "Perangkat daerah dengan slug 'tidak-ada' tidak ditemukan."),
    (["lkjip", "--opd", "dinas-a", "--tahun", "2030"],
     "tidak memiliki Renstra yang berlaku pada tahun 2030"),
    (["pk", "--opd", "dinas-a", "--tahun", "2020"],
     "belum memiliki Perjanjian Kinerja tahun 2020"),
    (["triwulan", "--opd", "dinas-a", "--tahun", "2030"], "tidak memiliki IKU"),
    (["renstra", "--opd", "dinas-a", "--tahun", "2030"], "belum memiliki Renstra yang mencakup"),
    (["lkjip", "--opd", "dinas-a"], "Laporan lkjip memerlukan --tahun."),
])
def test_errors_exit_1_and_write_nothing(opd_a, tmp_path, capsys, args, pesan):
    kantor_kecil(opd_a, jumlah_iku=1)
    keluaran = tmp_path / "x.pdf"
    utilitas = ManagementUtility(["manage.py", "cetak", *args, "--output", str(keluaran)])
    with pytest.raises(SystemExit) as keluar:
        utilitas.execute()
    assert keluar.value.code == 1
    assert pesan in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_wrong_file_type_is_refused(opd_a, tmp_path, capsys):
    kantor_kecil(opd_a, jumlah_iku=1)
    utilitas = ManagementUtility(["manage.py", "cetak", "pk", "--opd", "dinas-a", "--tahun",
                                  "2019", "--output", str(tmp_path / "pk.xlsx")])
    with pytest.raises(SystemExit):
        utilitas.execute()
    assert "hanya dapat dicetak ke berkas .pdf" in capsys.readouterr().err
    assert not (tmp_path / "pk.xlsx").exists()


def test_pk_pdf_names_both_signatories_with_nip(opd_a, tmp_path):
    kantor_kecil(opd_a, jumlah_iku=2)
    keluaran = tmp_path / "pk.pdf"
    assert "Tertulis" in _cetak("pk", "--opd", "dinas-a", "--tahun", "2019", "--output",
                                str(keluaran))
    teks = teks_pdf(keluaran.read_bytes())
    assert "PERJANJIAN KINERJA TAHUN 2019" in teks
    assert "Pihak Pertama" in teks and "Pihak Kedua" in teks
    assert "NIP. 19700101 199001 1 001" in teks and "NIP. 19650202 198503 1 002" in teks
    assert "Persentase uji 1" in teks and "80%" in teks


def test_triwulan_excel_holds_numbers_with_formats(opd_a, tmp_path):
    kantor_kecil(opd_a, jumlah_iku=1)
    keluaran = tmp_path / "tw.xlsx"
    _cetak("triwulan", "--opd", "dinas-a", "--tahun", "2019", "--output", str(keluaran))
    ws = load_workbook(keluaran).worksheets[1]
    baris = next(r for r in ws.iter_rows(min_row=1) if r[2].value == "Persentase uji 0 (%)")
    nilai = [c for c in baris if isinstance(c.value, int | float)]
    assert [c.value for c in nilai[:2]] == [1, 80]  # No, target TOTAL
    realisasi_tw4 = baris[11]
    assert realisasi_tw4.value == 84 and realisasi_tw4.number_format.startswith("#,##0")
    capaian = baris[17]
    assert capaian.value == 105 and capaian.number_format == "#,##0.00"
    assert ws.freeze_panes == "A7"


def test_renstra_excel_and_pdf(opd_a, tmp_path):
    k = kantor_kecil(opd_a, jumlah_iku=1)
    from tests.factories import IndikatorFactory, ProgramFactory
    program = ProgramFactory(sasaran=k.sasaran, kode="2.17.03")
    ind = IndikatorFactory(program=program, sasaran=None, level="program",
                           renstra=k.renstra, nama="Persentase program")
    ind.target.create(tahun=2019, nilai=Decimal("100"), pagu=Decimal("1234567.5"))
    _cetak("renstra", "--opd", "dinas-a", "--output", str(tmp_path / "r.xlsx"))
    ws = load_workbook(tmp_path / "r.xlsx").active
    assert ws.merged_cells.ranges  # header block and cascade cells
    sel = next(c for r in ws.iter_rows() for c in r if c.value == Decimal("1234567.5")
               or c.value == 1234567.5)
    assert sel.number_format == "#,##0.00"
    _cetak("renstra", "--opd", "dinas-a", "--output", str(tmp_path / "r.pdf"))
    halaman = PdfReader(BytesIO((tmp_path / "r.pdf").read_bytes())).pages
    assert all(p.mediabox.width > p.mediabox.height for p in halaman)  # landscape
    # The matrix prints indicative funding as stored, like Tabel 5.1 of the LKjIP.
    assert "1.234.567,5" in teks_pdf((tmp_path / "r.pdf").read_bytes())


def test_lkjip_excel_one_sheet_per_table(opd_a, tmp_path):
    kantor_kecil(opd_a, jumlah_iku=2)
    _cetak("lkjip", "--opd", "dinas-a", "--tahun", "2019", "--output", str(tmp_path / "l.xlsx"))
    wb = load_workbook(tmp_path / "l.xlsx")
    assert wb.sheetnames[0] == "Daftar Tabel"
    assert "Tabel 3.1" in wb.sheetnames and "Tabel L.1" in wb.sheetnames
    ws = wb["Tabel 3.1"]
    capaian = [r[5].value for r in ws.iter_rows(min_row=6) if r[2].value and
               str(r[2].value).startswith("Persentase uji")]
    assert capaian == [105, 105]
