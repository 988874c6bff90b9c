"""The other demo documents: PK 2019, quarterly report 2021, Renstra matrix 2016–2021."""

import re
from decimal import Decimal
from io import BytesIO

from openpyxl import load_workbook

from kinerja.models import PerjanjianKinerja
from laporan import dokumen
from laporan.selectors import matriks_dataset, pk_dataset, renstra_pilih, triwulan_dataset
from sakip.models import Opd

from .conftest import teks_pdf


def _opd() -> Opd:
    return Opd.objects.select_related("pemda").get(slug="koperasi-malang")


def test_pk_2019(demo):
    pk = PerjanjianKinerja.objects.get(opd__slug="koperasi-malang", tahun=2019)
    teks = teks_pdf(dokumen.pk_pdf([pk_dataset(pk=pk)]))
    assert "Dra. MADE DEWI ANGGRAENI, M.Si." in teks and "SANUSI" in teks
    assert "NIP. 19590531 198603 2 004" in teks
    assert "WAKIL BUPATI MALANG" in teks
    assert re.search(r"Jumlah +5\.132\.617\.200,00", teks)
    assert "Persentase Koperasi Rehabilitasi" in teks and "2,7%" in teks


def test_triwulan_2021_total_is_tw_iv_with_capaian(demo):
    data = triwulan_dataset(opd=_opd(), tahun=2021)
    baris = {b.nama: b for bagian in data.bagian for b in bagian.baris}
    rehab = baris["Persentase Koperasi Rehabilitasi"]
    legal = baris["Persentase Usaha Mikro Kecil yang mendapatkan legalitas usaha"]
    assert rehab.target_tw == ["2,3", "1,9", "1,4", "1"] and rehab.target_total == "1"
    assert rehab.realisasi_tw[-1] == rehab.realisasi_total == "2,39"
    assert legal.realisasi_tw == ["0,18", "0,32", "0,54", "0,81"]
    assert legal.realisasi_total == "0,81"
    assert legal.capaian_total == Decimal("1620") and legal.kategori_total == "Sangat Tinggi"
    # Lower is better: 2,39 against 1 is floored at 0 by the engine.
    assert rehab.capaian_total == Decimal("0") and rehab.kategori_total == "Sangat Rendah"
    teks = teks_pdf(dokumen.triwulan_pdf(data))
    assert "LAPORAN KINERJA TRIWULAN" in teks and "TW IV" in teks and "1.620,00" in teks
    ws = load_workbook(BytesIO(dokumen.triwulan_xlsx(data))).worksheets[1]
    nilai = [c.value for r in ws.iter_rows() for c in r]
    assert 2.39 in nilai or Decimal("2.39") in nilai


def test_renstra_matrix_totals(demo):
    data = matriks_dataset(renstra=renstra_pilih(opd=_opd()))
    m = data.matriks
    assert m.total_tahun[1] == Decimal("6497092300")  # 2019, Tabel 5.1
    ws = load_workbook(BytesIO(dokumen.renstra_xlsx(data))).active
    total = next(r for r in ws.iter_rows() if r[0].value == "TOTAL")
    assert 6497092300 in [c.value for c in total]
