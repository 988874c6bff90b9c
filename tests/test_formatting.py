"""Uji format dan parse angka gaya Indonesia (sakip.formatting)."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip.formatting import (
    bulatkan,
    format_angka,
    format_persen,
    format_rupiah,
    format_rupiah_ringkas,
    parse_angka,
)

AKAR = Path(__file__).resolve().parents[1]


# --- format_angka ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nilai", "diharapkan"),
    [
        (D("1234567.89"), "1.234.567,89"),
        (D("2.7"), "2,7"),
        (D("2.70"), "2,7"),
        (D("100"), "100"),
        (D("1E+2"), "100"),
        (D("100.00"), "100"),
        (D("0.05"), "0,05"),
        (D("0"), "0"),
        (D("0.000"), "0"),
        (D("-1234.5"), "-1.234,5"),
        (D("-0"), "0"),
        (D("999"), "999"),
        (D("1000"), "1.000"),
        (D("1E-7"), "0,0000001"),
        (1234567, "1.234.567"),
        (-5, "-5"),
        (None, "-"),
    ],
)
def test_format_angka_tanpa_desimal_menampilkan_nilai_apa_adanya(nilai, diharapkan):
    assert format_angka(nilai) == diharapkan


@pytest.mark.parametrize(
    ("nilai", "desimal", "cara", "diharapkan"),
    [
        (D("1234567.891"), 2, "half_up", "1.234.567,89"),
        (D("101.4814814"), 2, "half_up", "101,48"),
        (D("101.4850"), 2, "half_up", "101,49"),
        (D("0.145"), 2, "half_up", "0,15"),  # half-up, bukan banker's rounding (0,14)
        (D("0.125"), 2, "half_up", "0,13"),
        (D("-1234.505"), 2, "half_up", "-1.234,51"),
        (D("101.4814814"), 1, "potong", "101,4"),
        (D("101.4899"), 2, "potong", "101,48"),
        (D("-1.239"), 2, "potong", "-1,23"),  # potong menuju nol
        (D("2.7"), 2, "half_up", "2,70"),
        (D("280"), 2, "half_up", "280,00"),
        (D("-0.001"), 2, "half_up", "0,00"),  # tidak ada "-0,00"
        (D("-0.004"), 2, "potong", "0,00"),
        (D("1234.5"), 0, "half_up", "1.235"),
        (7, 3, "half_up", "7,000"),
    ],
)
def test_format_angka_dengan_desimal_membulatkan(nilai, desimal, cara, diharapkan):
    assert format_angka(nilai, desimal, cara=cara) == diharapkan


def test_format_angka_tanpa_ribuan_untuk_tahun_dan_kode():
    assert format_angka(2019, ribuan=False) == "2019"
    assert format_angka(D("1234567.5"), 2, ribuan=False) == "1234567,50"
    assert format_angka(D("-1234567.5"), ribuan=False) == "-1234567,5"


def test_format_angka_sangat_besar_tetap_presisi():
    nilai = D("123456789012345678901234567890123.455")
    assert format_angka(nilai, 2) == "123.456.789.012.345.678.901.234.567.890.123,46"


@pytest.mark.parametrize("buruk", [1.5, "12", True, [1]])
def test_format_angka_menolak_bukan_decimal(buruk):
    with pytest.raises(TypeError):
        format_angka(buruk)


def test_format_angka_menolak_float_dengan_pesan_jelas():
    with pytest.raises(TypeError, match="float"):
        format_angka(0.1)


@pytest.mark.parametrize("buruk", [D("NaN"), D("Infinity"), D("-Infinity")])
def test_format_angka_menolak_nan_dan_tak_hingga(buruk):
    with pytest.raises(ValueError, match="terhingga"):
        format_angka(buruk)


def test_format_angka_menolak_cara_dan_desimal_tidak_sah():
    with pytest.raises(ValueError, match="cara pembulatan"):
        format_angka(D("1"), 2, cara="banker")
    with pytest.raises(ValueError, match="cara pembulatan"):
        format_angka(D("1"), cara="bulat")
    with pytest.raises(ValueError, match="desimal"):
        format_angka(D("1"), -1)


# --- rupiah dan persen -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nilai", "diharapkan"),
    [
        (D("1234567"), "Rp 1.234.567,00"),
        (D("8970162625.43"), "Rp 8.970.162.625,43"),
        (D("0.005"), "Rp 0,01"),
        (D("-1234.5"), "-Rp 1.234,50"),
        (0, "Rp 0,00"),
        (None, "-"),
    ],
)
def test_format_rupiah(nilai, diharapkan):
    assert format_rupiah(nilai) == diharapkan


@pytest.mark.parametrize(
    ("nilai", "diharapkan"),
    [
        (D("8970162625.43"), "Rp 8,97 M"),
        (D("661530700"), "Rp 661,53 jt"),
        (D("2425000000000"), "Rp 2,43 T"),
        (D("7200"), "Rp 7,20 rb"),
        (D("950.4"), "Rp 950"),
        (D("999999999"), "Rp 1,00 M"),  # the unit follows the rounded value
        (D("-1500000"), "-Rp 1,50 jt"),
        (D("-0.2"), "Rp 0"),
        (0, "Rp 0"),
        (None, "-"),
    ],
)
def test_format_rupiah_ringkas(nilai, diharapkan):
    assert format_rupiah_ringkas(nilai) == diharapkan


def test_format_persen():
    assert format_persen(D("101.4814814814")) == "101,48%"
    assert format_persen(D("101.4814814814"), 1, "potong") == "101,4%"
    assert format_persen(D("280")) == "280,00%"
    assert format_persen(D("0.14"), None) == "0,14%"
    assert format_persen(None) == "-"


# --- bulatkan ------------------------------------------------------------------------------


def test_bulatkan():
    assert bulatkan(D("0.14479"), 2) == D("0.14")
    assert str(bulatkan(D("2.6596"), 2)) == "2.66"
    assert str(bulatkan(D("2.6987"), 2, "potong")) == "2.69"
    assert str(bulatkan(D("2.6987"), 2)) == "2.70"
    assert str(bulatkan(5, 2)) == "5.00"
    assert bulatkan(D("-2.5"), 0) == D("-3")
    assert bulatkan(D("-2.5"), 0, "potong") == D("-2")
    with pytest.raises(ValueError):
        bulatkan(D("1"), 2, "naik")
    with pytest.raises(TypeError):
        bulatkan(1.25, 1)


# --- parse_angka ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("teks", "diharapkan"),
    [
        ("1.234.567,89", D("1234567.89")),
        ("1234567,89", D("1234567.89")),
        ("-2,5", D("-2.5")),
        ("2,7", D("2.7")),
        ("1234", D("1234")),
        ("2.7", D("2.7")),
        ("0.05", D("0.05")),
        ("1.2345", D("1.2345")),
        ("0.500", D("0.5")),  # "0.500" tidak mungkin pengelompokan ribuan
        ("1.234", D("1234")),
        ("1.234.567", D("1234567")),
        ("1,234", D("1.234")),  # koma = desimal dalam gaya Indonesia
        ("0,14", D("0.14")),
        ("  2,66 ", D("2.66")),
        ("Rp 1.234.567,00", D("1234567")),
        ("Rp1.000", D("1000")),
        ("Rp. 1.000", D("1000")),
        ("rp 5", D("5")),
        ("-Rp 1.234,50", D("-1234.50")),
        ("Rp -1.234,50", D("-1234.50")),
        ("101,48%", D("101.48")),
        ("101,48 %", D("101.48")),
        ("\u22122,5", D("-2.5")),  # minus tipografis dari PDF/Word
        ("+3", D("3")),
        ("-0", D("0")),
        ("007", D("7")),
    ],
)
def test_parse_angka_sah(teks, diharapkan):
    hasil = parse_angka(teks)
    assert isinstance(hasil, D)
    assert hasil == diharapkan


@pytest.mark.parametrize("teks", ["", "   ", "\t\n", "-", " - ", None])
def test_parse_angka_kosong_menjadi_none(teks):
    assert parse_angka(teks) is None


@pytest.mark.parametrize(
    "teks",
    [
        "1,2,3",
        "abc",
        "1..2",
        "1.23.4",
        "Rp",
        "%",
        ".5",
        ",5",
        "1.",
        "1,",
        "1 234",
        "1e5",
        "--1",
        "2,5-",
        "12.34.567",
        "NaN",
        "1.234,5,6",
    ],
)
def test_parse_angka_rusak_menolak_dengan_pesan_indonesia(teks):
    with pytest.raises(ValueError, match=r"bukan angka$") as info:
        parse_angka(teks)
    assert f"'{teks.strip()}'" in str(info.value)


def test_parse_angka_pesan_persis():
    with pytest.raises(ValueError) as info:
        parse_angka("1,2,3")
    assert str(info.value) == "'1,2,3' bukan angka"


@pytest.mark.parametrize(("teks", "saran"), [("1,234.56", "1.234,56"), ("1,234,567", "1.234.567")])
def test_parse_angka_format_inggris_ditolak(teks, saran):
    with pytest.raises(ValueError, match="format Inggris") as info:
        parse_angka(teks)
    assert saran in str(info.value)


def test_parse_angka_ketat_menolak_ribuan_ambigu():
    with pytest.raises(ValueError) as info:
        parse_angka("1.234", ketat=True)
    assert str(info.value) == "'1.234' ambigu: tulis 1234 atau 1,234"
    # Yang tidak ambigu tetap diterima dalam mode ketat.
    assert parse_angka("1.234.567", ketat=True) == D("1234567")
    assert parse_angka("1.234,5", ketat=True) == D("1234.5")
    assert parse_angka("2.7", ketat=True) == D("2.7")
    assert parse_angka("0.500", ketat=True) == D("0.5")


def test_parse_angka_menolak_bukan_teks():
    with pytest.raises(TypeError):
        parse_angka(1.5)  # type: ignore[arg-type]


# --- properti ------------------------------------------------------------------------------

desimal_acak = st.decimals(
    min_value=D("-1e15"), max_value=D("1e15"), allow_nan=False, allow_infinity=False, places=6
)


@given(desimal_acak)
def test_properti_format_lalu_parse_kembali_ke_nilai_semula(nilai):
    assert parse_angka(format_angka(nilai)) == nilai
    assert parse_angka(format_angka(nilai, ribuan=False)) == nilai


@given(desimal_acak, st.integers(min_value=0, max_value=4), st.sampled_from(["half_up", "potong"]))
def test_properti_format_berdesimal_sama_dengan_bulatkan(nilai, desimal, cara):
    teks = format_angka(nilai, desimal, cara=cara)
    assert parse_angka(teks) == bulatkan(nilai, desimal, cara)
    # Dengan desimal > 0 teks selalu memuat koma, jadi tidak pernah ambigu dalam mode ketat.
    if desimal:
        assert parse_angka(teks, ketat=True) == bulatkan(nilai, desimal, cara)
        assert len(teks.rsplit(",", 1)[1]) == desimal


@given(st.integers(min_value=-(10**20), max_value=10**20))
def test_properti_pemisah_ribuan_setiap_tiga_digit(n):
    teks = format_angka(n)
    assert teks.replace(".", "") == str(n)
    kelompok = teks.lstrip("-").split(".")
    assert 1 <= len(kelompok[0]) <= 3
    assert all(len(k) == 3 for k in kelompok[1:])


@given(desimal_acak, st.integers(min_value=0, max_value=4))
def test_properti_potong_tidak_pernah_menjauh_dari_nol(nilai, desimal):
    assert abs(bulatkan(nilai, desimal, "potong")) <= abs(nilai)
    assert abs(bulatkan(nilai, desimal) - nilai) <= D(1).scaleb(-desimal) / 2


@given(desimal_acak)
def test_properti_rupiah_dan_persen_bisa_dibaca_kembali(nilai):
    assert parse_angka(format_rupiah(nilai)) == bulatkan(nilai, 2)
    assert parse_angka(format_persen(nilai)) == bulatkan(nilai, 2)


def test_modul_murni_tanpa_django():
    kode = (
        "import sys, sakip.formatting; "
        "bocor = sorted(m for m in sys.modules if m.split('.')[0] == 'django'); "
        "assert not bocor, bocor"
    )
    hasil = subprocess.run(  # noqa: S603 - interpreter sendiri, argumen tetap
        [sys.executable, "-c", kode], cwd=AKAR, capture_output=True, text=True, check=False
    )
    assert hasil.returncode == 0, hasil.stderr
