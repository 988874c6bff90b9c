"""Renstra forms: Indonesian numbers, codes, ranges, years offered, scoped choices, markup."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from renstra.forms import (
    IndikatorForm,
    ProgramForm,
    RenstraForm,
    TargetForm,
    TujuanForm,
    target_forms,
)
from renstra.models import Indikator, Misi, Program
from sakip.forms import AngkaField, UangField
from sakip.models import UnitKerja
from tests.factories import IndikatorFactory, ProgramFactory, SasaranFactory, TujuanFactory

# --- Indonesian number input --------------------------------------------------------------

@pytest.mark.parametrize(("teks", "nilai"), [
    ("1.234.567,89", Decimal("1234567.89")),
    ("2,7", Decimal("2.7")),
    ("2.7", Decimal("2.7")),
    ("1.234", Decimal("1234")),
    ("0,05", Decimal("0.05")),
    ("-2,5", Decimal("-2.5")),
    ("Rp 1.099.585.400,00", Decimal("1099585400.00")),
    ("101,48%", Decimal("101.48")),
    ("  42 ", Decimal("42")),
])
def test_angka_indonesia_dibaca_tepat(teks, nilai):
    hasil = AngkaField(required=False).clean(teks)
    assert hasil == nilai
    assert isinstance(hasil, Decimal)


@pytest.mark.parametrize(("teks", "pesan"), [
    ("dua koma tujuh", "'dua koma tujuh' bukan angka"),
    ("1,2,3", "'1,2,3' bukan angka"),
    ("2,7 persen", "'2,7 persen' bukan angka"),
    ("1,234,567.89", "'1,234,567.89' memakai format Inggris (koma ribuan, titik desimal): "
                     "tulis 1.234.567,89"),
])
def test_teks_di_isian_angka_ditolak_dengan_pesan_indonesia(teks, pesan):
    form = TargetForm({"t-nilai": teks}, prefix="t", tahun=2019, indikator=Indikator())
    assert not form.is_valid()
    assert form.errors["nilai"] == [pesan]


def test_angka_kosong_berarti_tidak_diisi():
    assert AngkaField(required=False).clean("") is None
    assert AngkaField(required=False).clean("-") is None


def test_batas_desimal_dan_besar_angka():
    f = AngkaField(max_desimal=2)
    with pytest.raises(ValidationError, match="Paling banyak 2 angka di belakang koma"):
        f.clean("2,755")
    with pytest.raises(ValidationError, match="Angka terlalu besar"):
        f.clean("1" * 17)


def test_uang_tidak_boleh_negatif_dan_paling_banyak_dua_desimal():
    f = UangField()
    assert f.clean("1.099.585.400") == Decimal("1099585400")
    with pytest.raises(ValidationError, match="tidak boleh kurang dari 0"):
        f.clean("-5")
    with pytest.raises(ValidationError, match="Paling banyak 2 angka"):
        f.clean("10,005")


def test_nilai_tersimpan_ditampilkan_gaya_indonesia():
    assert AngkaField().prepare_value(Decimal("1234567.89")) == "1.234.567,89"
    assert AngkaField().prepare_value(Decimal("2.7000")) == "2,7"
    assert AngkaField().prepare_value("teks yang diketik") == "teks yang diketik"


# --- targets ------------------------------------------------------------------------------

def _target(data, jenis="rentang", skala=None):
    ind = Indikator(jenis_target=jenis, skala_kualitatif=skala or [])
    return TargetForm({f"t-{k}": v for k, v in data.items()}, prefix="t", tahun=2019,
                      indikator=ind)


def test_rentang_minimum_melebihi_maksimum_ditolak():
    form = _target({"nilai": "5,5", "nilai_atas": "3"})
    assert not form.is_valid()
    assert form.errors["nilai_atas"] == [
        "2019: batas bawah (5,5) lebih besar dari batas atas (3)."]


@pytest.mark.parametrize(("data", "sah"), [
    ({"nilai": "3", "nilai_atas": "5,5"}, True),
    ({"nilai": "3", "nilai_atas": "3"}, True),
    ({"nilai": "3"}, False),
    ({"nilai_atas": "3"}, False),
    ({}, True),
])
def test_rentang_perlu_kedua_batas(data, sah):
    assert _target(data).is_valid() is sah


def test_batas_atas_hanya_untuk_target_rentang():
    form = _target({"nilai": "3", "nilai_atas": "5"}, jenis="angka")
    assert form.errors["nilai_atas"] == ["2019: batas atas hanya untuk target rentang."]


def test_target_kualitatif_harus_dari_skala():
    skala = ["TMP", "TW", "WDP", "WTP"]
    assert _target({"nilai_teks": "WTP"}, jenis="kualitatif", skala=skala).is_valid()
    form = _target({"nilai_teks": "Baik"}, jenis="kualitatif", skala=skala)
    assert form.errors["nilai_teks"] == ["2019: 'Baik' tidak ada dalam skala (TMP, TW, WDP, WTP)."]


def test_formulir_hanya_menawarkan_tahun_target_renstra(renstra_a):
    ind = IndikatorFactory(sasaran=SasaranFactory(tujuan=TujuanFactory(renstra=renstra_a)))
    assert [t.tahun for t in target_forms(ind)] == [2018, 2019, 2020, 2021]
    assert [t.prefix for t in target_forms(ind)] == ["t2018", "t2019", "t2020", "t2021"]


# --- codes and period ---------------------------------------------------------------------

@pytest.fixture
def sasaran(renstra_a):
    return SasaranFactory(tujuan=TujuanFactory(renstra=renstra_a))


def _program_form(sasaran, kode, instance=None):
    obj = instance or Program(sasaran=sasaran)
    return ProgramForm({"urutan": "1", "kode": kode, "nama": "Program Koperasi"}, instance=obj,
                       renstra=sasaran.tujuan.renstra)


@pytest.mark.parametrize("kode", ["2.17.3", "abc", "2.17", "2.17.03.2.01", "02.17.03"])
def test_kode_program_salah_bentuk(sasaran, kode):
    form = _program_form(sasaran, kode)
    assert form.errors["kode"] == [
        "Kode program harus berpola U.BB.PP (mis. 2.17.03) atau angka Romawi (data lama)."]


def test_kode_program_kembar_di_versi_yang_sama(sasaran):
    ProgramFactory(sasaran=sasaran, kode="2.17.03")
    form = _program_form(SasaranFactory(tujuan=sasaran.tujuan), "2.17.03")
    assert form.errors["kode"] == ["Kode 2.17.03 sudah dipakai program lain di Renstra ini."]


def test_kode_program_sendiri_boleh_disimpan_ulang(sasaran):
    p = ProgramFactory(sasaran=sasaran, kode="2.17.03")
    assert _program_form(sasaran, "2.17.03", instance=p).is_valid()


@pytest.mark.parametrize("kondisi_awal", ["2014", "2021"])
def test_tahun_kondisi_awal_di_luar_rentang(opd_a, kondisi_awal):
    form = RenstraForm({"tahun_awal": "2016", "tahun_akhir": "2021",
                        "tahun_kondisi_awal": kondisi_awal}, opd=opd_a)
    assert form.errors["tahun_kondisi_awal"] == ["Tahun kondisi awal harus antara 2015 dan 2020."]


def test_periode_renstra_tidak_dapat_diubah_lewat_formulir(renstra_a):
    form = RenstraForm({"tahun_awal": "2020", "tahun_akhir": "2025", "tahun_kondisi_awal": "2017"},
                       instance=renstra_a, opd=renstra_a.opd)
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["tahun_awal"], form.cleaned_data["tahun_akhir"]) == (2016, 2021)


# --- choices come from the user's Renstra and office only ---------------------------------

def test_pilihan_misi_hanya_dari_renstra_ini(renstra_a, renstra_b):
    misi_b = Misi.objects.create(renstra=renstra_b, nomor=1, teks="Misi kantor B")
    misi_a = Misi.objects.create(renstra=renstra_a, nomor=1, teks="Misi kantor A")
    form = TujuanForm({"urutan": "1", "nama": "Tujuan", "misi": misi_b.pk},
                      instance=TujuanFactory.build(renstra=renstra_a), renstra=renstra_a)
    assert list(form.fields["misi"].queryset) == [misi_a]
    assert "misi" in form.errors


def test_pilihan_unit_dan_indikator_pengganti_terbatas(renstra_a, renstra_b, opd_b):
    unit_b = UnitKerja.objects.create(opd=opd_b, nama="Bidang Koperasi B")
    unit_a = UnitKerja.objects.create(opd=renstra_a.opd, nama="Bidang Koperasi A")
    ind_a = IndikatorFactory(sasaran=SasaranFactory(tujuan=TujuanFactory(renstra=renstra_a)))
    ind_b = IndikatorFactory(sasaran=SasaranFactory(tujuan=TujuanFactory(renstra=renstra_b)))
    form = IndikatorForm({"unit_penanggung_jawab": unit_b.pk, "menggantikan": ind_b.pk},
                         instance=ind_a, renstra=renstra_a)
    assert list(form.fields["unit_penanggung_jawab"].queryset) == [unit_a]
    assert list(form.fields["menggantikan"].queryset) == []
    assert {"unit_penanggung_jawab", "menggantikan"} <= set(form.errors)


# --- markup -------------------------------------------------------------------------------

def test_isian_bergalat_diberi_is_invalid(sasaran):
    form = _program_form(sasaran, "abc")
    form.is_valid()
    html = {name: str(form[name]) for name in ("kode", "nama", "urutan")}
    assert 'class="form-control is-invalid"' in html["kode"]
    assert 'aria-invalid="true"' in html["kode"]
    assert "is-invalid" not in html["nama"] and "is-invalid" not in html["urutan"]


def test_galat_dari_layanan_juga_menandai_isian(opd_a):
    form = RenstraForm({"tahun_awal": "2016", "tahun_akhir": "2021",
                        "tahun_kondisi_awal": "2017"}, opd=opd_a)
    assert form.is_valid()
    form.add_error(None, ValidationError({"tahun_kondisi_awal": "Contoh galat layanan."}))
    assert "is-invalid" in str(form["tahun_kondisi_awal"])


def test_kelas_bootstrap_per_jenis_widget(renstra_a):
    form = IndikatorForm(instance=Indikator(renstra=renstra_a, level="sasaran"),
                         renstra=renstra_a)
    assert "form-select" in form.fields["jenis"].widget.attrs["class"]
    assert "form-check-input" in form.fields["is_iku"].widget.attrs["class"]
    assert "form-control" in form.fields["nama"].widget.attrs["class"]
    assert form.fields["nama"].widget.attrs["rows"] == 2
    target = TargetForm(prefix="t", tahun=2019, indikator=Indikator())
    assert target.fields["nilai"].widget.attrs["class"] == "form-control angka form-control-sm"
