"""The office workbook round trip: export, compare, apply through the domain services.

The fixture office (`bk`) is office A of the kinerja tests (two ratio IKU and a programme
indicator, 2019 targets) with a draft PK 2019, a realisation, and a 2019 budget of two
lines (one with TW II entered month by month) and a revenue item. Other modules of
`test_bukukerja*` import the fixtures and helpers from here.
"""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from anggaran import services as ang
from anggaran.models import (
    Anggaran,
    BarisAnggaran,
    KelompokBelanja,
    PosAnggaran,
    RealisasiAnggaran,
)
from kinerja import services as kin
from kinerja.models import BarisPk, Realisasi, TargetTriwulan
from laporan.bukukerja import templat as t
from laporan.bukukerja.data import buku_kerja_data
from laporan.bukukerja.export import buku_kerja_export
from laporan.bukukerja.impor import BARU, SAMA, TOLAK, UBAH, impor_apply, impor_periksa
from laporan.models import LogImpor
from renstra.models import TargetRenstra
from sakip.models import KunciPeriode
from tests.factories import KegiatanFactory, TargetRenstraFactory
from tests.kinerja.conftest import kantor, pk_baru

D = Decimal


def bangun(renstra, oleh) -> SimpleNamespace:
    k = kantor(renstra)
    k.pk = pk_baru(k, oleh)
    Realisasi.objects.create(indikator=k.iku2, tahun=2019, triwulan=1, pembilang=D("613"),
                             penyebut=D("423350"), nilai=D("0.14"), bukti_catatan="SK")
    k.kegiatan = KegiatanFactory(program=k.program, kode="2.17.03.2.01", nama="Pembinaan")
    k.kegiatan2 = KegiatanFactory(program=k.program, kode="2.17.03.2.02", nama="Pelatihan")
    k.bl = KelompokBelanja.objects.get_or_create(kode="5.2", nama="Belanja Langsung",
                                                 defaults={"urutan": 2})[0]
    k.btl = KelompokBelanja.objects.get_or_create(kode="5.1", nama="Belanja Tidak Langsung",
                                                  defaults={"urutan": 1})[0]
    k.anggaran = Anggaran.objects.create(opd=renstra.opd, tahun=2019)
    k.baris1 = BarisAnggaran.objects.create(anggaran=k.anggaran, kelompok=k.bl,
                                            kegiatan=k.kegiatan, pagu_murni=D("1000000"))
    k.baris2 = BarisAnggaran.objects.create(anggaran=k.anggaran, kelompok=k.bl,
                                            kegiatan=k.kegiatan2, pagu_murni=D("500000"))
    k.pendapatan = PosAnggaran.objects.create(anggaran=k.anggaran, jenis="pendapatan",
                                              uraian="Retribusi", pagu_murni=D("75000"))
    RealisasiAnggaran.objects.create(anggaran=k.anggaran, baris=k.baris1, triwulan=1,
                                     nilai=D("250000"), catatan="SP2D")
    for bulan in (4, 5):
        RealisasiAnggaran.objects.create(anggaran=k.anggaran, baris=k.baris2, triwulan=2,
                                         bulan=bulan, nilai=D("10000"))
    k.opd = renstra.opd
    return k


@pytest.fixture
def bk(renstra_a, perencana_a):
    return bangun(renstra_a, perencana_a)


def ekspor(k: SimpleNamespace, tahun: int = 2019) -> bytes:
    return buku_kerja_export(data=buku_kerja_data(opd=k.opd, tahun=tahun))


def baris_dari(isi: bytes, lembar: str, **kunci: Any) -> int:
    """The row number of the record with these key values (by column name)."""
    lb = next(x for x in t.LEMBAR if x.nama == lembar)
    ws = load_workbook(BytesIO(isi), read_only=True)[lembar]
    for n, row in enumerate(ws.iter_rows(min_row=t.BARIS_DATA, values_only=True),
                            start=t.BARIS_DATA):
        if all(row[lb.indeks(k)] == v for k, v in kunci.items()):
            return n
    raise AssertionError(f"{kunci} tidak ada di sheet {lembar}")


def ubah(isi: bytes, **lembar: dict[str, Any]) -> bytes:
    """The workbook with cells changed: ubah(isi, Realisasi={"F9": 3})."""
    wb = load_workbook(BytesIO(isi))
    for nama, sel in lembar.items():
        for ref, v in sel.items():
            wb[nama][ref] = v
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()


def sel(isi: bytes, lembar: str, kolom: str, **kunci: Any) -> str:
    """The reference ("F9") of a column in the row of a record."""
    lb = next(x for x in t.LEMBAR if x.nama == lembar)
    return f"{lb.huruf(kolom)}{baris_dari(isi, lembar, **kunci)}"


def periksa(k: SimpleNamespace, isi: bytes, oleh: Any = None):
    return impor_periksa(isi=isi, nama_file="bk.xlsx", opd=k.opd, tahun=2019, oleh=oleh)


# --- export ------------------------------------------------------------------------------


def test_ekspor_empat_sheet_dengan_kepala_kunci_pilihan_dan_format_angka(bk):
    wb = load_workbook(BytesIO(ekspor(bk)))
    assert wb.sheetnames[:4] == ["Renstra", "PK", "Realisasi", "Anggaran"]
    for lb in t.LEMBAR:
        ws = wb[lb.nama]
        assert ws["B2"].value == bk.opd.slug
        assert ws["B3"].value == 2019 and ws["B3"].number_format == "0"
        assert ws["B4"].value == t.VERSI
        assert [c.value for c in ws[t.BARIS_JUDUL]][:len(lb.kolom)] == [k.judul for k in lb.kolom]
        assert ws.protection.sheet
    ws = wb["Anggaran"]
    r = baris_dari(ekspor(bk), "Anggaran", jenis=t.JENIS_BARIS, id=bk.baris1.pk)
    assert ws[f"B{r}"].protection.locked  # the key
    assert not ws[f"F{r}"].protection.locked  # pagu murni is input
    assert ws[f"F{r}"].value == 1000000 and ws[f"F{r}"].number_format == "#,##0.00"
    assert ws[f"H{r}"].value == 250000  # TW I realisation, a real number
    (dv,) = ws.data_validations.dataValidation
    assert dv.type == "list" and f"E{t.BARIS_DATA}" in str(dv.sqref)
    r2 = baris_dari(ekspor(bk), "Anggaran", jenis=t.JENIS_BARIS, id=bk.baris2.pk)
    assert ws[f"I{r2}"].value == 20000 and ws[f"I{r2}"].protection.locked  # month by month
    assert "TW II diisi per bulan" in ws[f"L{r2}"].value
    ws = wb["Realisasi"]
    r = baris_dari(ekspor(bk), "Realisasi", id=bk.iku2.pk, triwulan=1)
    # Entered as counts: the value follows from them and is left out.
    assert (ws[f"F{r}"].value, ws[f"G{r}"].value, ws[f"H{r}"].value) == (None, 613, 423350)
    assert ws[f"G{r}"].number_format == "#,##0.00"


def test_pulang_pergi_tanpa_perubahan_semua_tetap(bk):
    hasil = periksa(bk, ekspor(bk))
    assert hasil.jumlah(TOLAK) == hasil.jumlah(BARU) == hasil.jumlah(UBAH) == 0
    # 3 Renstra indicators, 2 PK rows, 3 × 4 quarters, 2 lines and 1 revenue item.
    assert hasil.jumlah(SAMA) == 3 + 2 + 12 + 3
    assert not hasil.dapat_diterapkan


# --- apply -------------------------------------------------------------------------------


def test_impor_menerapkan_semua_lembar_lewat_layanan_dengan_riwayat(bk, perencana_a):
    isi = ekspor(bk)
    isi2 = ubah(isi, Renstra={sel(isi, "Renstra", "target", id=bk.ind_program.pk): "95,5"},
                PK={sel(isi, "PK", "target", id=bk.pk.baris.get(indikator=bk.iku1).pk): 2.5,
                    sel(isi, "PK", "alasan", id=bk.pk.baris.get(indikator=bk.iku1).pk):
                        "Disesuaikan",
                    sel(isi, "PK", "tw4", id=bk.pk.baris.get(indikator=bk.iku1).pk): "2,5"},
                Realisasi={sel(isi, "Realisasi", "nilai", id=bk.ind_program.pk, triwulan=4):
                               "87,25",
                           sel(isi, "Realisasi", "pembilang", id=bk.iku2.pk, triwulan=4): 700,
                           sel(isi, "Realisasi", "penyebut", id=bk.iku2.pk, triwulan=4):
                               "423350"},
                Anggaran={sel(isi, "Anggaran", "pagu_perubahan", jenis=t.JENIS_BARIS,
                              id=bk.baris1.pk): "1.100.000",
                          sel(isi, "Anggaran", "tw4", jenis=t.JENIS_BARIS,
                              id=bk.baris1.pk): 640000.5,
                          sel(isi, "Anggaran", "tw1", jenis=t.JENIS_BARIS,
                              id=bk.baris1.pk): None})
    hasil = impor_apply(isi=isi2, nama_file="isi.xlsx", opd=bk.opd, tahun=2019,
                        oleh=perencana_a, terapkan=True)
    assert hasil.galat == []
    assert hasil.diterapkan
    assert (hasil.jumlah(BARU), hasil.jumlah(UBAH)) == (2, 3)
    assert TargetRenstra.objects.get(indikator=bk.ind_program, tahun=2019).nilai == D("95.5")
    b = BarisPk.objects.get(perjanjian=bk.pk, indikator=bk.iku1)
    assert (b.target, b.alasan_target) == (D("2.5"), "Disesuaikan")
    assert TargetTriwulan.objects.get(baris=b, triwulan=4).nilai == D("2.5")
    assert Realisasi.objects.get(indikator=bk.ind_program, tahun=2019, triwulan=4).nilai == \
        D("87.25")
    r = Realisasi.objects.get(indikator=bk.iku2, tahun=2019, triwulan=4)
    assert (r.pembilang, r.penyebut, r.nilai) == (D("700"), D("423350"), D("0.17"))
    assert r.diisi_oleh == perencana_a
    bk.baris1.refresh_from_db()
    assert bk.baris1.pagu_perubahan == D("1100000")
    tw = dict(RealisasiAnggaran.objects.filter(baris=bk.baris1).values_list("triwulan", "nilai"))
    assert tw == {4: D("640000.50")}  # TW I emptied: removed, not zero
    h = Realisasi.history.filter(indikator_id=bk.ind_program.pk).latest("history_date")
    assert (h.history_user, h.history_change_reason) == (perencana_a, "Impor buku kerja isi.xlsx")
    assert BarisAnggaran.history.filter(id=bk.baris1.pk, history_user=perencana_a).exists()
    log = LogImpor.objects.get()
    assert (log.diterapkan, log.jumlah_baru, log.jumlah_ubah, log.jumlah_tolak) == (True, 2, 3, 0)
    assert log.oleh == perencana_a and len(log.sha256) == 64
    # The same file again: everything it says is now stored.
    assert periksa(bk, isi2).jumlah(SAMA) == hasil.jumlah(SAMA) + 5


def test_satu_baris_ditolak_tidak_ada_yang_berubah(bk, perencana_a):
    isi = ekspor(bk)
    ref = sel(isi, "Realisasi", "nilai", id=bk.ind_program.pk, triwulan=4)
    isi2 = ubah(isi, Realisasi={
        sel(isi, "Realisasi", "nilai", id=bk.ind_program.pk, triwulan=3): 50,
        ref: "1,2,3"})
    hasil = impor_apply(isi=isi2, nama_file="isi.xlsx", opd=bk.opd, tahun=2019,
                        oleh=perencana_a, terapkan=True)
    assert hasil.galat == [f"Sheet Realisasi, baris {ref[1:]}, kolom F: '1,2,3' bukan angka"]
    assert not hasil.diterapkan and hasil.jumlah(BARU) == 1
    assert not Realisasi.objects.filter(indikator=bk.ind_program).exists()
    assert LogImpor.objects.get().diterapkan is False


def test_penolakan_layanan_menunjuk_sel(bk, perencana_a):
    """The domain's own checks (here: a zero denominator) come back on the row and column."""
    isi = ekspor(bk)
    r = baris_dari(isi, "Realisasi", id=bk.iku1.pk, triwulan=2)
    hasil = periksa(bk, ubah(isi, Realisasi={f"G{r}": 1, f"H{r}": 0}), perencana_a)
    assert hasil.galat == [f"Sheet Realisasi, baris {r}, kolom H: Penyebut tidak boleh 0."]


def test_periode_terkunci_ditolak_dengan_alasannya(bk, perencana_a, admin_user):
    KunciPeriode.objects.create(opd=bk.opd, tahun=2019, sebab="LKjIP 2019 disetujui",
                                dikunci_oleh=admin_user, dikunci_pada=timezone.now())
    isi = ekspor(bk)
    ref = sel(isi, "Realisasi", "nilai", id=bk.ind_program.pk, triwulan=4)
    hasil = impor_apply(isi=ubah(isi, Realisasi={ref: 10}), nama_file="x.xlsx", opd=bk.opd,
                        tahun=2019, oleh=perencana_a, terapkan=True)
    (galat,) = hasil.galat
    assert galat.startswith(f"Sheet Realisasi, baris {ref[1:]}: Data Dinas A tahun 2019 "
                            "terkunci")
    assert not hasil.diterapkan
    assert not Realisasi.objects.filter(indikator=bk.ind_program).exists()


def test_pk_yang_diajukan_ditolak(bk, perencana_a):
    kin.pk_submit(pk=bk.pk, oleh=perencana_a)
    isi = ekspor(bk)
    baris = bk.pk.baris.get(indikator=bk.iku2)
    hasil = periksa(bk, ubah(isi, PK={sel(isi, "PK", "tw1", id=baris.pk): "0,01"}))
    (galat,) = hasil.galat
    assert "PK ini sudah diajukan atau disetujui" in galat


def test_angka_teks_dua_gaya_diterima_yang_ambigu_ditolak(bk):
    isi = ekspor(bk)
    refs = [sel(isi, "Realisasi", "nilai", id=bk.ind_program.pk, triwulan=n) for n in (1, 2, 3)]
    hasil = periksa(bk, ubah(isi, Realisasi=dict(zip(refs, ["1.234,5", "1234.5", "1.234"],
                                                         strict=True))))
    ubahan = {b.nomor: b for b in hasil.baris if b.status == BARU}
    assert [p.baru for b in ubahan.values() for p in b.perubahan] == ["1.234,5", "1.234,5"]
    assert hasil.galat == [f"Sheet Realisasi, baris {refs[2][1:]}, kolom F: '1.234' ambigu: "
                           "tulis 1234 atau 1,234"]


def test_kunci_ganda_dan_kunci_asing_ditolak(bk, renstra_b):
    isi = ekspor(bk)
    r = baris_dari(isi, "Realisasi", id=bk.ind_program.pk, triwulan=4)
    asing = kantor(renstra_b).iku1
    isi2 = ubah(isi, Realisasi={f"B{r - 1}": 4, f"A{r - 2}": asing.pk})
    galat = periksa(bk, isi2).galat
    assert f"Sheet Realisasi, baris {r}: ID indikator {bk.ind_program.pk} TW IV sudah ada di " \
           f"baris {r - 1}; setiap baris hanya boleh muncul sekali." in galat
    assert any(g.startswith(f"Sheet Realisasi, baris {r - 2}: ID indikator '{asing.pk}'") and
               "tidak dikenal untuk Dinas A tahun 2019" in g for g in galat), galat


def test_triwulan_bulanan_dan_kelompok_tak_dikenal(bk):
    isi = ekspor(bk)
    r = baris_dari(isi, "Anggaran", jenis=t.JENIS_BARIS, id=bk.baris2.pk)
    hasil = periksa(bk, ubah(isi, Anggaran={f"I{r}": 1, f"E{r}": "Belanja Modal"}))
    assert hasil.galat == [
        f"Sheet Anggaran, baris {r}, kolom E: 'Belanja Modal' bukan kelompok belanja tahun "
        "2019 (pilihan: Belanja Tidak Langsung, Belanja Langsung)",
        f"Sheet Anggaran, baris {r}, kolom I: TW II diisi per bulan di aplikasi; ubah di "
        "halaman Realisasi anggaran",
    ]


def test_skala_kualitatif_dan_sel_persen(bk):
    bk.ind_program.jenis_target = "kualitatif"
    bk.ind_program.skala_kualitatif = ["C", "B", "A"]
    bk.ind_program.save()
    isi = ekspor(bk)
    wb = load_workbook(BytesIO(isi))
    r = baris_dari(isi, "Realisasi", id=bk.ind_program.pk, triwulan=4)
    assert any(f"F{r}" in str(dv.sqref) and dv.formula1 == '"C,B,A"'
               for dv in wb["Realisasi"].data_validations.dataValidation)
    wb["Realisasi"][f"F{r}"] = "AA"
    wb["Realisasi"][f"F{r - 1}"] = "B"
    wb["Realisasi"][f"F{r - 5}"] = 0.027
    wb["Realisasi"][f"F{r - 5}"].number_format = "0.0%"
    buf = BytesIO()
    wb.save(buf)
    hasil = periksa(bk, buf.getvalue())
    assert f"Sheet Realisasi, baris {r}, kolom F: 'AA' tidak ada dalam skala (C, B, A)" in \
        hasil.galat
    assert any(g.startswith(f"Sheet Realisasi, baris {r - 5}, kolom F: sel berformat persen")
               for g in hasil.galat)
    assert [p.baru for b in hasil.baris if b.nomor == r - 1 for p in b.perubahan] == ["B"]


def test_data_buku_kerja_jumlah_kueri_tetap(bk, renstra_a, django_assert_num_queries):
    def hitung() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as q:
            buku_kerja_data(opd=bk.opd, tahun=2019)
        return len(q)

    sedikit = hitung()
    for n in range(20):
        ind = kantor(renstra_a).iku1
        TargetRenstraFactory(indikator=ind, tahun=2018)
        Realisasi.objects.create(indikator=ind, tahun=2019, triwulan=n % 4 + 1, nilai=D(n))
        kegiatan = KegiatanFactory(program=bk.program)
        BarisAnggaran.objects.create(anggaran=bk.anggaran, kelompok=bk.bl, kegiatan=kegiatan,
                                     pagu_murni=D(n))
    assert hitung() == sedikit


# --- the bulk services the import writes through -------------------------------------------


def test_realisasi_bulk_update_aturan_realisasi_update(bk, perencana_a):
    isian = [kin.RealisasiMassal(bk.ind_program, 2019, 2, D("5"), "", None, None, ""),
             kin.RealisasiMassal(bk.iku2, 2019, 1, None, "", None, None, ""),
             kin.RealisasiMassal(bk.iku1, 2019, 3, None, "", None, None, "bukti saja")]
    with pytest.raises(kin.GalatBaris) as e:
        kin.realisasi_bulk_update(isian=isian, oleh=perencana_a, alasan="uji")
    assert list(e.value.per_baris) == [2]
    assert Realisasi.objects.filter(indikator=bk.iku2).exists()  # nothing written
    kin.realisasi_bulk_update(isian=isian[:2], oleh=perencana_a, alasan="uji")
    assert not Realisasi.objects.filter(indikator=bk.iku2).exists()  # empty removes
    r = Realisasi.objects.get(indikator=bk.ind_program)
    assert r.nilai == D("5") and r.history.get().history_change_reason == "uji"


def test_anggaran_bulk_update_satu_baris_per_kelompok(bk, perencana_a):
    baris3 = BarisAnggaran.objects.create(anggaran=bk.anggaran, kelompok=bk.btl,
                                          kegiatan=bk.kegiatan, pagu_murni=D("1"))
    isian = [ang.AnggaranMassal(bk.baris2, bk.btl, D("500000"), None, {}),
             ang.AnggaranMassal(baris3, bk.bl, D("1"), None, {}),
             ang.AnggaranMassal(bk.baris1, bk.bl, D("-1"), None, {3: D("5")})]
    with pytest.raises(kin.GalatBaris) as e:
        ang.anggaran_bulk_update(anggaran=bk.anggaran, isian=isian, oleh=perencana_a,
                                 alasan="uji")
    assert {n: g.message_dict for n, g in e.value.per_baris.items()} == {
        1: {"kelompok": ["Baris yang sama sudah ada pada Belanja Langsung."]},
        2: {"pagu_murni": ["Pagu tidak boleh negatif."]},
    }
    bk.baris2.refresh_from_db()
    assert bk.baris2.kelompok == bk.bl  # nothing of the batch was written
    ang.anggaran_bulk_update(anggaran=bk.anggaran, isian=isian[:1], oleh=perencana_a,
                             alasan="uji")
    bk.baris2.refresh_from_db()
    assert bk.baris2.kelompok == bk.btl


def test_id_tak_dikenal_tanpa_titik_ribuan(bk):
    """Ids are keys, like codes: "123456", never "123.456" (PostgreSQL ids grow past 999)."""
    isi = ekspor(bk)
    r = baris_dari(isi, "Realisasi", id=bk.ind_program.pk, triwulan=4)
    galat = periksa(bk, ubah(isi, Realisasi={f"A{r}": 123456})).galat
    assert any(g.startswith(f"Sheet Realisasi, baris {r}: ID indikator '123456'") for g in galat)
    assert not any("123.456" in g for g in galat)
