"""Reading figures out of Indonesian prose and printed headers (pure functions)."""

from decimal import Decimal

import pytest

from laporan.models import Besaran
from laporan.reviu.teks import (
    besaran_kolom,
    besaran_untuk,
    cari_angka,
    cocok,
    desimal_teks,
    kalimat,
    kata_besaran,
    ringkas,
)


def test_cari_angka_satuan_desimal_tanpa_tahun_dan_ambang():
    teks = ("Tahun 2019 realisasi sebesar 0,56% dengan anggaran Rp. 1.043.979.800,00 dari "
            "423.350 UMKM, kategori Sangat Tinggi (capaian ≥ 91%)")
    angka = cari_angka(teks)
    assert [(a.nilai, a.desimal, a.satuan) for a in angka] == [
        (Decimal("0.56"), 2, "%"), (Decimal("1043979800.00"), 2, "Rp"),
        (Decimal("423350"), 0, "")]
    assert angka[2].kata == "umkm"
    assert teks[angka[0].awal:angka[0].akhir] == "0,56%"


@pytest.mark.parametrize(("tercetak", "desimal", "dihitung", "cara"), [
    ("101.4", 1, "101.4799", "potong"),
    ("101.5", 1, "101.4815", "half_up"),
    ("104", 0, "101.4815", None),
    ("280", 0, "280", "half_up"),
    ("0.14", 2, "0.1448", "half_up"),
])
def test_cocok_pada_presisi_tercetak(tercetak, desimal, dihitung, cara):
    assert cocok(Decimal(tercetak), desimal, Decimal(dihitung)) == cara


@pytest.mark.parametrize(("segmen", "satuan", "besaran"), [
    ("sehingga diperoleh realisasi kinerja sejumlah", "%", Besaran.REALISASI),
    ("dengan realisasi anggaran sebesar", "Rp", Besaran.REALISASI_ANGGARAN),
    ("dan terealisasi", "%", Besaran.SERAPAN),
    ("capaian anggaran", "%", Besaran.SERAPAN),
    ("dengan anggaran sebesar", "Rp", Besaran.PAGU),
    ("dengan anggaran sebesar Rp 5 atau sebesar", "%", Besaran.PORSI),
    ("target 2,7% dan capaian kinerja", "%", Besaran.CAPAIAN),
    ("target akhir Renstra", "%", Besaran.TARGET_AKHIR),
    ("yang ditargetkan", "%", Besaran.TARGET),
    ("dari formulasi tersebut didapat", "%", None),
])
def test_besaran_dari_kata_terakhir(segmen, satuan, besaran):
    assert besaran_untuk(kata_besaran(segmen), satuan) == besaran


@pytest.mark.parametrize(("judul", "besaran"), [
    ("CAPAIAN (%)", Besaran.CAPAIAN),
    ("KINERJA: Realisasi (%)", Besaran.REALISASI),
    ("ANGGARAN: Alokasi", Besaran.PAGU),
    ("ANGGARAN: Realisasi", Besaran.REALISASI_ANGGARAN),
    ("ANGGARAN: Capaian (%)", Besaran.SERAPAN),
    ("% PENYERAPAN ANGGARAN", Besaran.SERAPAN),
    ("ANGGARAN (%)", Besaran.PORSI),
    ("TINGKAT EFISIENSI (%)", Besaran.EFISIENSI),
    ("TINGKAT KEMAJUAN (%)", Besaran.KEMAJUAN),
    ("TARGET AKHIR RENSTRA (%)", Besaran.TARGET_AKHIR),
    ("Realisasi (Rp)", Besaran.REALISASI_ANGGARAN),
    ("Kondisi Akhir Rp.", Besaran.PAGU),
    ("Keterangan", Besaran.LAIN),
])
def test_besaran_dari_judul_kolom(judul, besaran):
    assert besaran_kolom(judul) == besaran


def test_kalimat_tidak_terpotong_di_rp():
    teks = "Alokasi Rp. 8.970.162.625,43 terealisasi 93,02%. Sisa 6,98 %\n- butir dua"
    assert kalimat(teks) == ["Alokasi Rp. 8.970.162.625,43 terealisasi 93,02%.", "Sisa 6,98 %",
                             "- butir dua"]


def test_desimal_dan_ringkas():
    assert [desimal_teks(x) for x in ("101,4", "1.316", "0,05%", "104")] == [1, 0, 2, 0]
    assert ringkas(Decimal("101.481481481")) == "101,4815"
    assert ringkas(Decimal("2.66")) == "2,66"
