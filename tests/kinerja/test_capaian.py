"""Uji mesin capaian (kinerja.capaian): aturan DESIGN.md §4, properti, dan data Malang."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from decimal import Decimal as D
from decimal import localcontext
from functools import cache
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kinerja.capaian import (
    SKALA_OPINI_BPK,
    SKALA_PERMENDAGRI_86,
    SKALA_PREDIKAT_SAKIP,
    HasilCapaian,
    SkalaOrdinal,
    agregasi_triwulan,
    hitung_capaian,
    kategori_capaian,
    rata_rata_capaian,
    realisasi_pertumbuhan,
    realisasi_progres,
    realisasi_rasio,
    tampil_persen,
    validasi_skala,
)
from sakip.formatting import bulatkan, format_angka, parse_angka

AKAR = Path(__file__).resolve().parents[2]
FIXTURES = AKAR / "fixtures" / "malang"


@cache
def _muat(nama: str) -> dict:
    return json.loads((FIXTURES / nama).read_text(encoding="utf-8"))


def malang_2019() -> dict:
    return _muat("malang-2019.json")


def malang_2021() -> dict:
    return _muat("malang-2021-quarterly.json")


def iku(data: dict, kode: str) -> dict:
    return next(i for i in data["iku"] if i["id"] == kode)


# --- contoh antarmuka dari brief ---------------------------------------------------------


def test_contoh_antarmuka():
    h = hitung_capaian(target=D("2.7"), realisasi=D("2.66"), polaritas="turun")
    assert isinstance(h, HasilCapaian)
    assert isinstance(h.persen, D)
    # Tidak dibulatkan: (2 × 2,7 − 2,66) / 2,7 × 100 = 101,481481…
    assert h.persen == (2 * D("2.7") - D("2.66")) * 100 / D("2.7")
    assert str(h.persen).startswith("101.481481481")
    assert h.rumus == "(2 × 2,7 − 2,66) / 2,7 × 100% = 101,48%"
    assert h.keterangan == "melampaui target"
    assert h.melampaui is True
    assert agregasi_triwulan([D("2.69"), D("2.08"), None, None], cara="akhir") == D("2.08")
    assert kategori_capaian(D("101.48")) == "Sangat Tinggi"


def test_hasil_beku_dan_rumus_malas():
    h = hitung_capaian(target=D("4"), realisasi=D("3"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        h.persen = D("1")  # type: ignore[misc]
    assert "rumus" not in h.__dict__  # belum disusun saat dihitung
    assert h.rumus == "3 / 4 × 100% = 75,00%"
    assert h.rumus is h.rumus  # disimpan setelah pertama kali
    assert h.dapat_dihitung


# --- naik ----------------------------------------------------------------------------------


def test_naik_r_per_t():
    h = hitung_capaian(target=D("80"), realisasi=D("99.2"))
    assert h.persen == D("124")
    assert h.melampaui and h.keterangan == "melampaui target"
    assert h.rumus == "99,2 / 80 × 100% = 124,00%"


def test_naik_tepat_target_dan_di_bawah_target():
    tepat = hitung_capaian(target=D("5"), realisasi=D("5.00"))
    assert tepat.persen == 100 and not tepat.melampaui and tepat.keterangan == ""
    kurang = hitung_capaian(target=D("80"), realisasi=D("60"))
    assert kurang.persen == D("75") and kurang.keterangan == ""


def test_naik_tanpa_batas_atas():
    h = hitung_capaian(target=D("0.05"), realisasi=D("0.14"))
    assert h.persen == D("280")
    assert str(h.persen) == "280"


def test_naik_hasil_bulat_tanpa_notasi_eksponen():
    assert str(hitung_capaian(target=D("0.05"), realisasi=D("0.1")).persen) == "200"


def test_naik_realisasi_nol_adalah_nol_persen():
    h = hitung_capaian(target=D("10"), realisasi=D("0"))
    assert h.persen == 0 and h.keterangan == ""


def test_naik_target_nol_tidak_dapat_dihitung():
    for r in (D("0"), D("3")):
        h = hitung_capaian(target=D("0"), realisasi=r)
        assert h.persen is None
        assert "target 0" in h.keterangan
        assert h.rumus == ""
        assert not h.melampaui


def test_target_negatif_tidak_dapat_dihitung():
    h = hitung_capaian(target=D("-2"), realisasi=D("-1"))
    assert h.persen is None and "negatif" in h.keterangan


def test_menerima_int():
    assert hitung_capaian(target=4, realisasi=3).persen == D("75")


# --- data kosong ---------------------------------------------------------------------------


@pytest.mark.parametrize("polaritas", ["naik", "turun", "stabil"])
def test_realisasi_kosong_bukan_nol(polaritas):
    h = hitung_capaian(target=D("2.7"), realisasi=None, polaritas=polaritas)
    assert h.persen is None
    assert h.keterangan == "belum ada data"
    assert h.melampaui is False
    assert h.rumus == ""
    assert h.tampil() == "-"
    assert h.kategori() is None


def test_realisasi_kosong_rentang():
    h = hitung_capaian(target=1, target_atas=2, realisasi=None, polaritas="rentang")
    assert h.persen is None and h.keterangan == "belum ada data"


def test_target_kosong():
    h = hitung_capaian(target=None, realisasi=D("3"))
    assert h.persen is None and h.keterangan == "target belum diisi"


# --- turun ---------------------------------------------------------------------------------


def test_turun_resmi():
    h = hitung_capaian(target=D("2.7"), realisasi=D("2.66"), polaritas="turun")
    assert tampil_persen(h.persen) == "101,48%"
    buruk = hitung_capaian(target=D("2"), realisasi=D("3"), polaritas="turun")
    assert buruk.persen == D("50") and not buruk.melampaui and buruk.keterangan == ""


def test_turun_dibatasi_nol():
    h = hitung_capaian(target=D("2"), realisasi=D("5"), polaritas="turun")
    assert h.persen == 0
    assert h.dibatasi_nol
    assert h.persen_mentah == D("-50")
    assert "dibatasi 0" in h.keterangan
    assert h.rumus == "(2 × 2 − 5) / 2 × 100% = -50,00% → 0,00% (dibatasi 0)"


def test_turun_tepat_dua_kali_target_nol_tanpa_pembatasan():
    h = hitung_capaian(target=D("2"), realisasi=D("4"), polaritas="turun")
    assert h.persen == 0 and not h.dibatasi_nol


def test_turun_realisasi_nol_adalah_200():
    h = hitung_capaian(target=D("2"), realisasi=D("0"), polaritas="turun")
    assert h.persen == D("200") and h.melampaui


def test_turun_realisasi_negatif_diberi_kurung_di_rumus():
    h = hitung_capaian(target=D("2"), realisasi=D("-1"), polaritas="turun")
    assert h.persen == D("250")
    assert h.rumus == "(2 × 2 − (-1)) / 2 × 100% = 250,00%"


def test_turun_rasio_opsi_pemda():
    h = hitung_capaian(
        target=D("2.7"), realisasi=D("2.66"), polaritas="turun", metode_turun="rasio"
    )
    assert tampil_persen(h.persen) == "101,50%"
    assert h.rumus == "2,7 / 2,66 × 100% = 101,50%"
    # Kedua metode tidak boleh tercampur diam-diam: hasilnya memang berbeda.
    resmi = hitung_capaian(target=D("2.7"), realisasi=D("2.66"), polaritas="turun")
    assert resmi.persen != h.persen


def test_turun_rasio_realisasi_nol():
    h = hitung_capaian(target=D("2"), realisasi=D("0"), polaritas="turun", metode_turun="rasio")
    assert h.persen is None and "realisasi 0" in h.keterangan
    nol = hitung_capaian(target=D("0"), realisasi=D("0"), polaritas="turun", metode_turun="rasio")
    assert nol.persen == 100


@pytest.mark.parametrize("metode", ["resmi", "rasio"])
def test_turun_target_nol(metode):
    nol = hitung_capaian(target=D("0"), realisasi=D("0"), polaritas="turun", metode_turun=metode)
    assert nol.persen == D("100")
    assert nol.rumus == "target 0 dan realisasi 0 → 100,00%"
    ada = hitung_capaian(target=D("0"), realisasi=D("1"), polaritas="turun", metode_turun=metode)
    assert ada.persen is None
    assert ada.keterangan == "target 0 dan realisasi bukan 0: capaian tidak dapat dihitung"


# --- rentang -------------------------------------------------------------------------------


@pytest.mark.parametrize("r", [D("2"), D("3"), D("4")])
def test_rentang_di_dalam_100(r):
    h = hitung_capaian(target=D("2"), target_atas=D("4"), realisasi=r, polaritas="rentang")
    assert h.persen == 100 and not h.melampaui
    assert h.rumus == f"2 ≤ {format_angka(r)} ≤ 4 (dalam rentang) → 100,00%"


def test_rentang_di_luar_arah_naik():
    bawah = hitung_capaian(target=D("2"), target_atas=D("4"), realisasi=D("1"), polaritas="rentang")
    assert bawah.persen == D("50")
    assert bawah.rumus == "1 < 2 (di bawah rentang): 1 / 2 × 100% = 50,00%"
    atas = hitung_capaian(target=D("2"), target_atas=D("4"), realisasi=D("5"), polaritas="rentang")
    assert atas.persen == D("125") and atas.melampaui
    assert atas.rumus == "5 > 4 (di atas rentang): 5 / 4 × 100% = 125,00%"


def test_rentang_di_luar_arah_turun():
    kw = {"target": D("2"), "target_atas": D("4"), "polaritas": "rentang", "arah": "turun"}
    bawah = hitung_capaian(realisasi=D("1"), **kw)
    assert bawah.persen == D("150")
    atas = hitung_capaian(realisasi=D("5"), **kw)
    assert atas.persen == D("75")
    assert atas.rumus == "5 > 4 (di atas rentang): (2 × 4 − 5) / 4 × 100% = 75,00%"
    rasio = hitung_capaian(realisasi=D("5"), metode_turun="rasio", **kw)
    assert rasio.persen == D("80")


def test_rentang_di_luar_arah_stabil_menghukum_kedua_sisi():
    kw = {"target": D("2"), "target_atas": D("4"), "polaritas": "rentang", "arah": "stabil"}
    assert hitung_capaian(realisasi=D("1"), **kw).persen == D("50")
    assert hitung_capaian(realisasi=D("5"), **kw).persen == D("80")


def test_rentang_titik_tunggal():
    h = hitung_capaian(target=D("3"), target_atas=D("3"), realisasi=D("3"), polaritas="rentang")
    assert h.persen == 100


def test_rentang_tanpa_target_atas_ditolak():
    with pytest.raises(ValueError, match="target_atas"):
        hitung_capaian(target=D("2"), realisasi=D("3"), polaritas="rentang")


def test_rentang_min_lebih_besar_dari_max_ditolak():
    with pytest.raises(ValueError, match="batas bawah 5 lebih besar dari batas atas 4"):
        hitung_capaian(target=D("5"), target_atas=D("4"), realisasi=D("3"), polaritas="rentang")


# --- stabil --------------------------------------------------------------------------------


def test_stabil():
    bawah = hitung_capaian(target=D("4"), realisasi=D("3"), polaritas="stabil")
    assert bawah.persen == D("75")
    assert bawah.rumus == "3 ≤ 4: 3 / 4 × 100% = 75,00%"
    atas = hitung_capaian(target=D("4"), realisasi=D("5"), polaritas="stabil")
    assert atas.persen == D("80") and not atas.melampaui
    assert atas.rumus == "5 > 4: 4 / 5 × 100% = 80,00%"
    tepat = hitung_capaian(target=D("4"), realisasi=D("4"), polaritas="stabil")
    assert tepat.persen == 100
    assert tepat.rumus == "4 ≤ 4: 4 / 4 × 100% = 100,00%"


def test_stabil_target_nol():
    h = hitung_capaian(target=D("0"), realisasi=D("0"), polaritas="stabil")
    assert h.persen is None and "target 0" in h.keterangan


# --- validasi masukan ----------------------------------------------------------------------


def test_polaritas_tidak_sah():
    with pytest.raises(ValueError, match="polaritas 'naikk' tidak dikenal"):
        hitung_capaian(target=D("1"), realisasi=D("1"), polaritas="naikk")


def test_arah_dan_metode_tidak_sah():
    with pytest.raises(ValueError, match="arah"):
        hitung_capaian(target=1, target_atas=2, realisasi=3, polaritas="rentang", arah="atas")
    with pytest.raises(ValueError, match="metode_turun"):
        hitung_capaian(target=1, realisasi=1, polaritas="turun", metode_turun="pemda")


@pytest.mark.parametrize("buruk", [2.7, True])
def test_float_dan_bool_ditolak(buruk):
    with pytest.raises(TypeError):
        hitung_capaian(target=buruk, realisasi=D("1"))
    with pytest.raises(TypeError):
        hitung_capaian(target=D("1"), realisasi=buruk)


def test_teks_tanpa_skala_ditolak():
    with pytest.raises(TypeError, match="skala="):
        hitung_capaian(target="2,7", realisasi=D("1"))


def test_nan_ditolak():
    with pytest.raises(ValueError):
        hitung_capaian(target=D("NaN"), realisasi=D("1"))


def test_tidak_bergantung_pada_konteks_decimal_pemanggil():
    biasa = hitung_capaian(target=D("2.7"), realisasi=D("2.66"), polaritas="turun").persen
    with localcontext() as ctx:
        ctx.prec = 3
        dalam = hitung_capaian(target=D("2.7"), realisasi=D("2.66"), polaritas="turun").persen
    assert dalam == biasa


def test_modul_murni_tanpa_django():
    kode = (
        "import sys, kinerja.capaian; "
        "bocor = sorted(m for m in sys.modules if m.split('.')[0] == 'django'); "
        "assert not bocor, bocor"
    )
    hasil = subprocess.run(  # noqa: S603 - interpreter sendiri, argumen tetap
        [sys.executable, "-c", kode], cwd=AKAR, capture_output=True, text=True, check=False
    )
    assert hasil.returncode == 0, hasil.stderr


# --- skala ordinal -------------------------------------------------------------------------


def test_skala_ordinal_nilai():
    assert SKALA_OPINI_BPK.nilai("WTP") == D("4")
    assert SKALA_OPINI_BPK.nilai(" wdp ") == D("3")
    assert SKALA_PREDIKAT_SAKIP.nilai("BB") == D("5")
    assert SKALA_PREDIKAT_SAKIP.nilai("AA") > SKALA_PREDIKAT_SAKIP.nilai("A")
    assert SKALA_OPINI_BPK.label(3) == "WDP"
    assert "WTP" in SKALA_OPINI_BPK and "XYZ" not in SKALA_OPINI_BPK


def test_skala_ordinal_label_tidak_dikenal():
    with pytest.raises(ValueError, match=r"^'WTP-DPP' tidak ada dalam skala opini BPK"):
        SKALA_OPINI_BPK.nilai("WTP-DPP")


def test_skala_ordinal_tidak_sah():
    with pytest.raises(ValueError, match="kosong"):
        SkalaOrdinal({})
    with pytest.raises(ValueError, match="dua kali"):
        SkalaOrdinal({"A": 1, "a": 2})
    with pytest.raises(ValueError, match="dua kali"):
        SkalaOrdinal({"A": 1, "B": 1})
    with pytest.raises(TypeError):
        SkalaOrdinal({"A": 1.5})


def test_capaian_kualitatif_dengan_label():
    h = hitung_capaian(target="WTP", realisasi="WDP", skala=SKALA_OPINI_BPK)
    assert h.persen == D("75")
    assert h.target == D("4") and h.realisasi == D("3")
    assert h.rumus == "WDP (3) / WTP (4) × 100% = 75,00%"
    tercapai = hitung_capaian(target="BB", realisasi="A", skala=SKALA_PREDIKAT_SAKIP)
    assert tercapai.persen == D("120") and tercapai.melampaui


def test_capaian_kualitatif_skala_dict_dan_campuran():
    h = hitung_capaian(target="B", realisasi=D("4"), skala={"C": 1, "B": 2})
    assert h.persen == D("200")
    assert h.rumus == "4 / B (2) × 100% = 200,00%"


def test_capaian_kualitatif_label_salah():
    with pytest.raises(ValueError, match="tidak ada dalam skala"):
        hitung_capaian(target="WTP", realisasi="Baik", skala=SKALA_OPINI_BPK)


def test_capaian_kualitatif_kosong():
    h = hitung_capaian(target="WTP", realisasi=None, skala=SKALA_OPINI_BPK)
    assert h.persen is None and h.keterangan == "belum ada data"


# --- realisasi turunan ---------------------------------------------------------------------


def test_realisasi_rasio():
    assert realisasi_rasio(613, 423350, 2) == D("0.14")
    assert realisasi_rasio(613, 423350, 4) == D("0.1448")
    assert realisasi_rasio(35, 1316, 2) == D("2.66")
    assert realisasi_rasio(36, 1334, 2) == D("2.70")
    assert realisasi_rasio(36, 1334, 2, cara="potong") == D("2.69")
    assert realisasi_rasio(1, 8, 1) == D("12.5")
    assert str(realisasi_rasio(1, 2, 2)) == "50.00"
    assert realisasi_rasio(None, 10, 2) is None
    assert realisasi_rasio(3, None, 2) is None
    with pytest.raises(ValueError, match="penyebut tidak boleh 0"):
        realisasi_rasio(1, 0, 2)
    with pytest.raises(TypeError):
        realisasi_rasio(1.0, 3, 2)


def test_realisasi_pertumbuhan():
    assert realisasi_pertumbuhan(423350, 420995, 2) == D("0.56")
    assert realisasi_pertumbuhan(90, 100, 1) == D("-10.0")
    assert realisasi_pertumbuhan(None, 100, 2) is None
    with pytest.raises(ValueError, match="0"):
        realisasi_pertumbuhan(5, 0, 2)


def test_realisasi_progres():
    assert realisasi_progres(D("0.14"), D("0.15"), 1) == D("93.3")
    assert realisasi_progres(30, 40, 2) == D("75.00")
    assert realisasi_progres(D("2.66"), D("1"), 1, polaritas="turun") == D("37.6")
    assert realisasi_progres(None, 40, 2) is None
    with pytest.raises(ValueError, match="target akhir"):
        realisasi_progres(1, 0, 2)
    with pytest.raises(ValueError):
        realisasi_progres(1, 2, 2, polaritas="rentang")


# --- agregasi triwulan ---------------------------------------------------------------------


def test_agregasi_triwulan():
    nilai = [D("10"), D("0"), D("5"), None]
    assert agregasi_triwulan(nilai, "kumulatif") == D("15")
    assert agregasi_triwulan(nilai, "akhir") == D("5")
    assert agregasi_triwulan(nilai, "rata_rata") == D("5")  # 15 / 3: nol ikut dihitung
    assert agregasi_triwulan(nilai, "maks") == D("10")


def test_agregasi_nol_adalah_terisi():
    assert agregasi_triwulan([D("3"), D("0"), None, None], "akhir") == D("0")
    assert agregasi_triwulan([D("0"), None, None, None], "kumulatif") == D("0")


@pytest.mark.parametrize("cara", ["kumulatif", "akhir", "rata_rata", "maks"])
def test_agregasi_semua_kosong(cara):
    assert agregasi_triwulan([None, None, None, None], cara) is None
    assert agregasi_triwulan([], cara) is None


def test_agregasi_cara_tidak_dikenal_dan_float():
    with pytest.raises(ValueError, match="cara agregasi 'jumlah' tidak dikenal"):
        agregasi_triwulan([D("1")], "jumlah")
    with pytest.raises(TypeError):
        agregasi_triwulan([1.5, None], "kumulatif")


# --- kategori ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persen", "kategori"),
    [
        (D("280"), "Sangat Tinggi"),
        (D("91"), "Sangat Tinggi"),
        (D("90.99"), "Tinggi"),
        (D("76"), "Tinggi"),
        (D("75.9999"), "Sedang"),
        (D("66"), "Sedang"),
        (D("65.99"), "Rendah"),
        (D("51"), "Rendah"),
        (D("50.99"), "Sangat Rendah"),
        (D("0"), "Sangat Rendah"),
        (D("-20"), "Sangat Rendah"),
        (100, "Sangat Tinggi"),
    ],
)
def test_kategori_permendagri_86(persen, kategori):
    assert kategori_capaian(persen) == kategori


def test_kategori_none_dan_skala_sendiri():
    assert kategori_capaian(None) is None
    skala = ((D("100"), "Tercapai"), (D("0"), "Tidak tercapai"))
    assert kategori_capaian(D("100"), skala) == "Tercapai"
    assert kategori_capaian(D("99.99"), skala) == "Tidak tercapai"
    with pytest.raises(ValueError):
        kategori_capaian(D("50"), ())


def test_validasi_skala():
    assert validasi_skala(SKALA_PERMENDAGRI_86) == []
    assert validasi_skala(((D("100"), "Tercapai"), (D("0"), "Tidak"))) == []
    assert validasi_skala([]) != []
    masalah = validasi_skala([(D("76"), "Tinggi"), (D("91"), "Sangat Tinggi"), (D("0"), "R")])
    assert any("urut" in m for m in masalah)
    masalah = validasi_skala([(D("91"), "A"), (D("91"), "B"), (D("0"), "C")])
    assert any("91 dipakai lebih dari sekali" in m for m in masalah)
    masalah = validasi_skala([(D("91"), "A"), (D("50"), "a"), (D("0"), "C")])
    assert any("label 'a'" in m for m in masalah)
    masalah = validasi_skala([(D("91"), "A"), (D("76"), "B")])
    assert any("kelas terendah" in m for m in masalah)
    masalah = validasi_skala([(91.0, "A"), (D("0"), "")])
    assert any("bukan angka" in m for m in masalah)
    assert any("tidak punya label" in m for m in masalah)


# --- rerata --------------------------------------------------------------------------------


def test_rata_rata_capaian():
    assert rata_rata_capaian([D("100"), None, D("50")]) == (D("75"), 2)
    assert rata_rata_capaian([None, None]) == (None, 0)
    assert rata_rata_capaian([]) == (None, 0)
    # Bobot milik capaian kosong ikut diabaikan: (100×1 + 50×3) / 4.
    assert rata_rata_capaian([D("100"), None, D("50")], bobot=[1, 5, 3]) == (D("62.5"), 2)


def test_rata_rata_menerima_hasil_capaian():
    hasil = [
        hitung_capaian(target=D("2.7"), realisasi=D("2.66"), polaritas="turun"),
        hitung_capaian(target=D("0.05"), realisasi=D("0.14")),
        hitung_capaian(target=D("1"), realisasi=None),
    ]
    rerata, n = rata_rata_capaian(hasil)
    assert n == 2
    assert bulatkan(rerata, 2) == D("190.74")


def test_rata_rata_bobot_tidak_sah():
    with pytest.raises(ValueError, match="jumlah bobot"):
        rata_rata_capaian([D("1"), D("2")], bobot=[1])
    with pytest.raises(ValueError, match="bobot"):
        rata_rata_capaian([D("1")], bobot=[-1])
    with pytest.raises(ValueError, match="bobot"):
        rata_rata_capaian([D("1"), D("2")], bobot=[0, 0])


# --- tampilan ------------------------------------------------------------------------------


def test_tampil_persen():
    p = hitung_capaian(target=D("2.7"), realisasi=D("2.66"), polaritas="turun").persen
    assert tampil_persen(p) == "101,48%"
    assert tampil_persen(D("101.4899")) == "101,49%"
    assert tampil_persen(D("101.4899"), "potong") == "101,48%"
    assert tampil_persen(p, "potong", desimal=1) == "101,4%"
    assert tampil_persen(None) == "-"


def test_rumus_tampil_pilihan_pemda():
    h = hitung_capaian(target=D("2.7"), realisasi=D("2.66"), polaritas="turun")
    assert h.rumus_tampil(1, "potong") == "(2 × 2,7 − 2,66) / 2,7 × 100% = 101,4%"


# --- properti (hypothesis) -----------------------------------------------------------------

positif = st.decimals(
    min_value=D("0.01"), max_value=D("1000000"), places=2, allow_nan=False, allow_infinity=False
)
realisasi_acak = st.decimals(
    min_value=D("-1000"), max_value=D("1000000"), places=3, allow_nan=False, allow_infinity=False
)


@given(positif, realisasi_acak, realisasi_acak)
def test_properti_naik_bertambah_dengan_realisasi(t, r1, r2):
    r1, r2 = sorted((r1, r2))
    p1 = hitung_capaian(target=t, realisasi=r1).persen
    p2 = hitung_capaian(target=t, realisasi=r2).persen
    assert p1 <= p2
    if r1 < r2:
        assert p1 < p2


@given(positif, realisasi_acak, realisasi_acak, st.sampled_from(["resmi", "rasio"]))
def test_properti_turun_berkurang_dengan_realisasi(t, r1, r2, metode):
    r1, r2 = sorted((r1, r2))
    if metode == "rasio":
        assume(r1 > 0)  # T/R hanya monoton untuk R positif
    kw = {"target": t, "polaritas": "turun", "metode_turun": metode}
    p1 = hitung_capaian(realisasi=r1, **kw).persen
    p2 = hitung_capaian(realisasi=r2, **kw).persen
    assert p1 >= p2


@given(positif, realisasi_acak, st.sampled_from(["resmi", "rasio"]))
def test_properti_turun_tidak_pernah_negatif(t, r, metode):
    h = hitung_capaian(target=t, realisasi=r, polaritas="turun", metode_turun=metode)
    assert h.persen is None or h.persen >= 0
    if metode == "resmi":
        assert h.persen is not None


@given(positif, st.sampled_from(["naik", "turun", "stabil"]), st.sampled_from(["resmi", "rasio"]))
def test_properti_realisasi_sama_dengan_target_100(t, polaritas, metode):
    h = hitung_capaian(target=t, realisasi=t, polaritas=polaritas, metode_turun=metode)
    assert h.persen == 100
    assert not h.melampaui
    assert h.keterangan == ""


@given(
    positif,
    realisasi_acak,
    st.decimals(min_value=D("0.01"), max_value=D("1000"), places=2),
)
def test_properti_skala_sama_tidak_mengubah_naik(t, r, k):
    asli = hitung_capaian(target=t, realisasi=r).persen
    diskalakan = hitung_capaian(target=t * k, realisasi=r * k).persen
    assert asli == diskalakan


@given(positif, st.decimals(min_value=D("0"), max_value=D("1000000"), places=3))
def test_properti_stabil_tidak_pernah_melebihi_100(t, r):
    h = hitung_capaian(target=t, realisasi=r, polaritas="stabil")
    assert 0 <= h.persen <= 100


@given(positif, positif, realisasi_acak, st.sampled_from(["naik", "turun", "stabil"]))
def test_properti_rentang(a, b, r, arah):
    t_min, t_max = sorted((a, b))
    h = hitung_capaian(target=t_min, target_atas=t_max, realisasi=r, polaritas="rentang", arah=arah)
    if t_min <= r <= t_max:
        assert h.persen == 100
    elif arah == "stabil" or (arah == "naik" and r < t_min) or (arah == "turun" and r > t_max):
        assert h.persen < 100  # keluar rentang ke arah buruk selalu di bawah 100
    else:
        assert h.persen > 100


@given(positif, realisasi_acak, st.sampled_from(["naik", "turun", "stabil"]))
def test_properti_melampaui_jika_lebih_dari_100(t, r, polaritas):
    h = hitung_capaian(target=t, realisasi=r, polaritas=polaritas)
    assert h.melampaui == (h.persen > 100)
    assert (h.keterangan == "melampaui target") == h.melampaui
    # rumus selalu memuat hasil yang sama dengan tampilan.
    assert h.rumus.endswith(tampil_persen(h.persen)) or h.dibatasi_nol


@given(st.lists(st.one_of(st.none(), realisasi_acak), max_size=6))
def test_properti_agregasi(nilai):
    terisi = [v for v in nilai if v is not None]
    hasil = {c: agregasi_triwulan(nilai, c) for c in ("kumulatif", "akhir", "rata_rata", "maks")}
    if not terisi:
        assert all(v is None for v in hasil.values())
        return
    assert hasil["kumulatif"] == sum(terisi)
    assert hasil["akhir"] == terisi[-1]
    assert hasil["maks"] == max(terisi)
    assert min(terisi) <= hasil["rata_rata"] <= max(terisi)


@given(realisasi_acak, realisasi_acak)
def test_properti_kategori_monoton(p1, p2):
    p1, p2 = sorted((p1, p2))
    urutan = [label for _, label in SKALA_PERMENDAGRI_86]
    assert urutan.index(kategori_capaian(p1)) >= urutan.index(kategori_capaian(p2))


# --- data Malang ---------------------------------------------------------------------------


def test_malang_2019_iku1_turun_101_48():
    data = iku(malang_2019(), "IKU1")
    realisasi = realisasi_rasio(data["numerator"]["value"], data["denominator"]["value"], 2)
    assert realisasi == D(data["realisasi_2019"]["value"]) == D("2.66")
    assert parse_angka(data["realisasi_2019"]["printed"]) == realisasi
    target = D(data["target_2019"]["value"])
    h = hitung_capaian(target=target, realisasi=realisasi, polaritas="turun")
    assert tampil_persen(h.persen) == "101,48%"
    assert h.rumus == "(2 × 2,7 − 2,66) / 2,7 × 100% = 101,48%"
    assert kategori_capaian(h.persen) == "Sangat Tinggi"
    # Tabel Bab III mencetak 101,4: rumus resmi yang dipotong ke 1 desimal.
    tercetak = {c["printed"] for c in data["capaian_2019_printed"]}
    assert "101,4" in tercetak
    assert format_angka(h.persen, 1, cara="potong") == "101,4"
    # Opsi pemda T/R cocok dengan kandidat turunan 101,50.
    rasio = hitung_capaian(
        target=target, realisasi=realisasi, polaritas="turun", metode_turun="rasio"
    )
    kandidat = data["derived"]["capaian_candidates"]
    assert bulatkan(rasio.persen, 2) == D(kandidat["T_over_R"])
    assert bulatkan(h.persen, 2) == D(kandidat["2_minus_R_over_T (PermenPAN kondisi khusus)"])


def test_malang_2019_iku2_naik_280():
    data = iku(malang_2019(), "IKU2")
    pembilang, penyebut = data["numerator"]["value"], data["denominator"]["value"]
    realisasi = realisasi_rasio(pembilang, penyebut, 2)
    assert realisasi == D(data["realisasi_2019"]["value"]) == D("0.14")
    h = hitung_capaian(target=D(data["target_2019"]["value"]), realisasi=realisasi)
    assert h.persen == D("280")
    assert h.persen == D(data["capaian_2019_printed"][0]["value"])
    assert tampil_persen(h.persen) == "280,00%"
    assert h.melampaui and h.keterangan == "melampaui target"
    assert h.rumus == "0,14 / 0,05 × 100% = 280,00%"
    # Tanpa membulatkan realisasi lebih dulu hasilnya 289,59, bukan angka resmi.
    mentah = hitung_capaian(
        target=D(data["target_2019"]["value"]), realisasi=D(pembilang) * 100 / D(penyebut)
    )
    assert bulatkan(mentah.persen, 2) == D(data["derived"]["capaian_from_exact_R"])


def test_malang_2019_tingkat_kemajuan():
    data = malang_2019()
    iku1, iku2 = iku(data, "IKU1"), iku(data, "IKU2")
    progres1 = realisasi_progres(
        D(iku1["realisasi_2019"]["value"]),
        D(iku1["target_akhir_renstra"]["value"]),
        1,
        polaritas="turun",
    )
    assert progres1 == parse_angka(iku1["tingkat_kemajuan_printed"])
    progres2 = realisasi_progres(
        D(iku2["realisasi_2019"]["value"]), D(iku2["target_akhir_renstra"]["value"]), 1
    )
    assert progres2 == parse_angka(iku2["tingkat_kemajuan_printed"])


def test_malang_2018_rasio_dan_pertumbuhan():
    aktif, tumbuh = malang_2019()["iku_previous_year"]["rows"]
    r_aktif = realisasi_rasio(aktif["numerator"], aktif["denominator"], 1)
    assert r_aktif == D(aktif["realisasi"]["value"])
    h_aktif = hitung_capaian(target=D(aktif["target"]["value"]), realisasi=r_aktif)
    assert h_aktif.persen == D(aktif["derived"]["capaian"])
    assert format_angka(h_aktif.persen) + "%" == aktif["narrative_printed"]["capaian"]

    r_tumbuh = realisasi_pertumbuhan(tumbuh["umkm_2018"], tumbuh["umkm_2017"], 2)
    assert r_tumbuh == D(tumbuh["realisasi"]["value"])
    h_tumbuh = hitung_capaian(target=D(tumbuh["target"]["value"]), realisasi=r_tumbuh)
    assert h_tumbuh.persen == D(tumbuh["derived"]["capaian"])


@pytest.mark.parametrize("kode", ["IKU1", "IKU2"])
def test_malang_2021_total_sama_dengan_tw_iv_dengan_akhir(kode):
    ind = next(i for i in malang_2021()["indicators"] if i["id"] == kode)
    target = [D(q["target"]) for q in ind["quarters"]]
    realisasi = [D(q["realisasi"]) for q in ind["quarters"]]
    assert agregasi_triwulan(realisasi, "akhir") == D(ind["realisasi_total"])
    assert agregasi_triwulan(target, "akhir") == D(ind["target_total"])
    assert agregasi_triwulan(realisasi, "akhir") == realisasi[3]
    # Menjumlah (kumulatif) justru salah untuk kedua indikator ini.
    assert agregasi_triwulan(target, "kumulatif") != D(ind["target_total"])
    # Pertengahan tahun: TOTAL sementara = triwulan terisi terakhir.
    assert agregasi_triwulan([*realisasi[:2], None, None], "akhir") == realisasi[1]


@pytest.mark.parametrize("kode", ["IKU1", "IKU2"])
def test_malang_2021_tabel_tercetak_cocok_dengan_nilai(kode):
    data = malang_2021()
    ind = next(i for i in data["indicators"] if i["id"] == kode)
    baris = next(b for b in data["table"]["rows_printed"] if b[2] == ind["name"])
    target_tercetak = [parse_angka(t) for t in baris[3:8]]
    realisasi_tercetak = [parse_angka(t) for t in baris[8:13]]
    assert target_tercetak[:4] == [D(q["target"]) for q in ind["quarters"]]
    assert realisasi_tercetak[:4] == [D(q["realisasi"]) for q in ind["quarters"]]
    assert target_tercetak[4] == agregasi_triwulan(target_tercetak[:4], "akhir")
    assert realisasi_tercetak[4] == agregasi_triwulan(realisasi_tercetak[:4], "akhir")


def test_malang_2021_triwulan_realisasi_dan_kandidat_capaian():
    for ind in malang_2021()["indicators"]:
        for q in ind["quarters"]:
            turunan = q["derived"]
            pembilang, penyebut = q["numerator"], q["denominator"]
            assert realisasi_rasio(pembilang, penyebut, 2) == D(turunan["realisasi_round_half_up"])
            assert realisasi_rasio(pembilang, penyebut, 2, cara="potong") == D(
                turunan["realisasi_truncated"]
            )
            t, r = D(q["target"]), D(q["realisasi"])
            naik = hitung_capaian(target=t, realisasi=r)
            resmi = hitung_capaian(target=t, realisasi=r, polaritas="turun")
            rasio = hitung_capaian(target=t, realisasi=r, polaritas="turun", metode_turun="rasio")
            assert bulatkan(naik.persen, 2) == D(turunan["capaian_R_over_T"])
            assert bulatkan(rasio.persen, 2) == D(turunan["capaian_T_over_R"])
            # Turunan fixture tidak dibatasi (TW IV IKU1: -39,00); mesin membatasi ke 0.
            mentah = D(turunan["capaian_2_minus_R_over_T"])
            assert bulatkan(resmi.persen_mentah, 2) == mentah
            assert resmi.persen == max(resmi.persen_mentah, D(0))
            assert resmi.dibatasi_nol == (mentah < 0)
