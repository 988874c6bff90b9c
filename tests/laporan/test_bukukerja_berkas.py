"""Bad uploads: each is refused with a message a planner understands, and nothing is
written (no data, no log). The command line reports the same with exit status 1."""

from __future__ import annotations

import io
import re
import zipfile
from io import BytesIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from anggaran.models import RealisasiAnggaran
from kinerja.models import Realisasi
from laporan.bukukerja import templat as t
from laporan.bukukerja.impor import impor_apply
from laporan.bukukerja.validasi import GalatBerkas
from laporan.models import LogImpor

from .test_bukukerja import bangun, ekspor, periksa, sel, ubah


@pytest.fixture
def bk(renstra_a, perencana_a):
    return bangun(renstra_a, perencana_a)


def _tolak(k, isi: bytes, tahun: int | None = 2019) -> str:
    jumlah = (Realisasi.objects.count(), RealisasiAnggaran.objects.count())
    with pytest.raises(GalatBerkas) as e:
        impor_apply(isi=isi, nama_file="x.xlsx", opd=k.opd, tahun=tahun, oleh=None,
                    terapkan=True)
    assert (Realisasi.objects.count(), RealisasiAnggaran.objects.count()) == jumlah
    assert not LogImpor.objects.exists()
    return str(e.value)


def _wb(isi: bytes):
    return load_workbook(BytesIO(isi))


def _simpan(wb) -> bytes:
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_csv_dan_pdf_yang_diganti_nama(bk):
    assert _tolak(bk, b"ID indikator;Triwulan;Realisasi\n12;4;1,5\n").startswith(
        "Berkas ini bukan buku kerja Excel (.xlsx): isinya berkas teks (mis. CSV).")
    assert "isinya berkas PDF" in _tolak(bk, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    assert "Excel lama (.xls)" in _tolak(bk, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    assert "bukan buku kerja Excel" in _tolak(bk, buf.getvalue())


def test_berkas_lebih_dari_10_mb(bk):
    assert _tolak(bk, b"x" * (t.MAKS_BYTE + 1)) == (
        "Berkas ini lebih besar dari batas 10 MB (10.485.761 bita).")


def test_bom_zip_ditolak_sebelum_dibuka(bk):
    """An xlsx whose members inflate far beyond any workbook (here 220 MB of zeros
    compressed to a few hundred kB) is refused from the zip directory alone."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        with z.open("xl/worksheets/sheet1.xml", "w") as f:
            nol = b"\0" * (1024 * 1024)
            for _ in range(220):
                f.write(nol)
    assert len(buf.getvalue()) < t.MAKS_BYTE
    assert "jauh lebih besar dari buku kerja mana pun" in _tolak(bk, buf.getvalue())


def test_lebih_dari_batas_baris(bk, monkeypatch):
    monkeypatch.setattr(t, "MAKS_BARIS", 30)
    assert _tolak(bk, ekspor(bk)).startswith("Buku kerja ini berisi lebih dari 30 baris.")


def test_perangkat_daerah_atau_tahun_lain(bk, renstra_b, perencana_b):
    lain = bangun(renstra_b, perencana_b)
    assert _tolak(bk, ekspor(lain)) == (
        "Buku kerja ini milik perangkat daerah 'dinas-b' (sheet Renstra, sel B2), bukan "
        "'dinas-a'. Unggah buku kerja yang diunduh untuk perangkat daerah ini.")
    assert _tolak(bk, ekspor(bk, tahun=2020)) == (
        "Buku kerja ini untuk tahun 2020, sedangkan Anda bekerja pada tahun 2019. Pilih "
        "tahun 2020 di bilah atas, atau unggah buku kerja tahun 2019.")


def test_versi_templat_tidak_dikenal(bk):
    isi = ubah(ekspor(bk), PK={"B4": "2"})
    assert _tolak(bk, isi) == ("Sheet PK: versi templat '2' tidak dikenal (yang dikenal: 1). "
                               "Unduh buku kerja baru dari aplikasi.")


def test_sheet_atau_kolom_hilang_atau_berganti_nama(bk):
    wb = _wb(ekspor(bk))
    wb["Anggaran"].title = "Belanja"
    assert _tolak(bk, _simpan(wb)).startswith(
        "Sheet Anggaran tidak ada di buku kerja ini (yang ada: Renstra, PK, Realisasi, "
        "Belanja, Daftar).")
    assert _tolak(bk, ubah(ekspor(bk), Realisasi={"F6": "Nilai"})) == (
        "Sheet Realisasi, kolom F: judul kolom 'Nilai', seharusnya 'Realisasi'. Jangan "
        "menyisipkan, menghapus atau mengganti nama kolom.")
    wb = _wb(ekspor(bk))
    wb["Realisasi"].insert_cols(3)
    assert "Sheet Realisasi, kolom C: judul kolom '(kosong)', seharusnya 'Kode'" in \
        _tolak(bk, _simpan(wb))


def test_sel_gabungan_dalam_data(bk):
    wb = _wb(ekspor(bk))
    wb["Realisasi"].merge_cells("F8:G8")
    assert _tolak(bk, _simpan(wb)) == (
        "Sheet Realisasi: sel F8:G8 digabung (merge). Data tidak boleh berisi sel gabungan: "
        "pisahkan (Unmerge) lalu unggah lagi.")


def _dengan_nilai_tersimpan(isi: bytes, rumus: str, nilai: str) -> bytes:
    """What Excel saves for a formula: the formula and its cached value (openpyxl writes
    none, as does any program that does not calculate)."""
    masuk, keluar = io.BytesIO(isi), io.BytesIO()
    with zipfile.ZipFile(masuk) as zi, zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            data = zi.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                data = data.replace(f"<f>{rumus}</f><v />".encode(),
                                    f"<f>{rumus}</f><v>{nilai}</v>".encode())
            zo.writestr(info, data)
    return keluar.getvalue()


def test_rumus_dengan_nilai_tersimpan_dipakai_tanpa_nilai_ditolak(bk):
    isi = ekspor(bk)
    r3 = sel(isi, "Realisasi", "nilai", id=bk.ind_program.pk, triwulan=3)
    r4 = sel(isi, "Realisasi", "nilai", id=bk.ind_program.pk, triwulan=4)
    isi2 = ubah(isi, Realisasi={r3: "=40+2", r4: "=SUM(A1:A2)"})
    hasil = periksa(bk, _dengan_nilai_tersimpan(isi2, "40+2", "42"))
    assert hasil.galat == [
        f"Sheet Realisasi, baris {r4[1:]}, kolom F: berisi rumus =SUM(A1:A2) tanpa nilai "
        "tersimpan. Buka dan simpan berkas di Excel, atau salin lalu tempel sebagai nilai "
        "(Paste Values)."]
    assert hasil.peringatan == [f"Sheet Realisasi, baris {r3[1:]}, kolom F: rumus =40+2, "
                                "dipakai nilainya (42)."]
    (baru,) = [b for b in hasil.baris if b.status == "baru"]
    assert baru.perubahan[0].baru == "42"


def test_baris_perintah_status_keluar_dan_galat(bk, tmp_path, capsys):
    isi = ekspor(bk)
    ref = sel(isi, "Realisasi", "nilai", id=bk.ind_program.pk, triwulan=4)
    buruk = tmp_path / "buruk.xlsx"
    buruk.write_bytes(ubah(isi, Realisasi={ref: "1,2,3"}))
    err = io.StringIO()
    # (Not through execute_from_command_line: it closes the database connections, the
    # test's transaction among them; run_from_argv exits with CommandError.returncode.)
    with pytest.raises(CommandError) as e:
        call_command("impor", str(buruk), "--opd", "dinas-a", stderr=err)
    assert e.value.returncode == 1
    assert f"Sheet Realisasi, baris {ref[1:]}, kolom F: '1,2,3' bukan angka" in err.getvalue()
    assert str(e.value) == ("buruk.xlsx ditolak (0 baru, 0 diubah, 19 tetap, 1 ditolak); "
                            "tidak ada yang diubah.")

    baik = tmp_path / "baik.xlsx"
    baik.write_bytes(ubah(isi, Realisasi={ref: "7,5"}))
    call_command("impor", str(baik), "--opd", "dinas-a", "--dry-run")
    assert "valid (uji coba, tidak ada yang diubah): 1 baru" in capsys.readouterr().out
    assert not Realisasi.objects.filter(indikator=bk.ind_program).exists()
    call_command("impor", str(baik), "--opd", "dinas-a", "--oleh", "perencana_a")
    assert re.search(r"baik.xlsx diterapkan untuk Dinas A tahun 2019: 1 baru",
                     capsys.readouterr().out)
    r = Realisasi.objects.get(indikator=bk.ind_program, triwulan=4)
    assert r.diisi_oleh.username == "perencana_a"
    assert list(LogImpor.objects.order_by("waktu").values_list("diterapkan", flat=True)) == \
        [False, False, True]

    csv = tmp_path / "data.xlsx"
    csv.write_text("a;b\n1;2\n")
    with pytest.raises(CommandError, match="bukan buku kerja Excel"):
        call_command("impor", str(csv), "--opd", "dinas-a")
