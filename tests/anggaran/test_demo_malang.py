"""The Malang 2019 budget through the selectors: every total is the exact sum of its
lines, every printed figure of the 54-row table comes back, and Tabel 3.4/3.5 with the
efficiency follow (figures from fixtures/malang/malang-2019.json and its README)."""

from decimal import ROUND_HALF_UP, Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from anggaran import demo as anggaran_demo
from anggaran import efisiensi
from anggaran.models import Anggaran
from anggaran.selectors import alokasi_dataset, anggaran_dataset
from sakip.demo import data_json

from .conftest import MODEL, jejak, masuk

D = Decimal
IKU1 = "Persentase Koperasi Rehabilitasi"
IKU2 = "Persentase Usaha Mikro Kecil yang mendapatkan legalitas usaha"


@pytest.fixture(scope="module")
def _demo_dimuat(django_db_setup, django_db_blocker):
    """`load_demo` once per module inside a transaction rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def anggaran(_demo_dimuat, db):
    return Anggaran.objects.select_related("opd__pemda").get(opd__slug="koperasi-malang",
                                                             tahun=2019)


@pytest.fixture
def perencana(anggaran):
    return anggaran.opd.keanggotaan.get(user__username="perencana.koperasi").user


def _persen(x: Decimal | None) -> Decimal:
    assert x is not None
    return x.quantize(D("0.01"), rounding=ROUND_HALF_UP)


def test_memuat_ulang_tidak_mengubah_apa_pun(anggaran):
    sebelum = jejak()
    anggaran_demo.load_demo()
    assert jejak() == sebelum
    assert all(m.objects.exists() for m in MODEL)


def test_setiap_baris_cetak_kembali_dan_setiap_total_jumlah_barisnya(anggaran):
    tabel = data_json("malang-2019.json")["realisasi_anggaran"]
    data = anggaran_dataset(anggaran=anggaran)
    btl, bl = data.kelompok
    cetak = {r["uraian"]: r for r in tabel["rows"]}
    simpul = {
        "PENDAPATAN": data.pendapatan, "BELANJA": data.belanja, "JUMLAH": data.belanja,
        "BELANJA TIDAK LANGSUNG": btl, "BELANJA LANGSUNG": bl,
        **{p.nama: p for p in btl.anak if p.tingkat == "pos"},
    }
    for uraian, s in simpul.items():
        r = cetak[uraian]
        assert (s.akhir, s.realisasi) == (D(r["anggaran"]), D(r["realisasi"])), uraian
        assert _persen(s.serapan) == D(r["persen"]), uraian

    # Program and kegiatan rows from the corrected tree (two programs misaligned in print).
    program = {p.pk: p for p in data.program.anak}
    assert len(program) == 11 and sum(len(p.anak) for p in program.values()) == 36
    pohon = tabel["derived"]["corrected_tree"]
    for cetak_p, p in zip(pohon, sorted(program.values(), key=_urutan_dpa(pohon)), strict=True):
        assert (p.akhir, p.realisasi) == (D(cetak_p["anggaran"]), D(cetak_p["realisasi"]))
        assert _persen(p.serapan) == D(cetak_p["persen"])
        assert p.akhir == sum((k.akhir for k in p.anak), D(0))
        assert p.realisasi == sum((k.realisasi for k in p.anak), D(0))
        assert sorted((k.akhir, k.realisasi) for k in p.anak) == sorted(
            (D(k["anggaran"]), D(k["realisasi"])) for k in cetak_p["kegiatan"])
    assert data.program.akhir == bl.akhir == D("5244863663.43")
    assert data.program.realisasi == bl.realisasi == D("5142834755.99")
    assert btl.akhir + bl.akhir == data.belanja.akhir == D("8970162625.43")
    assert btl.realisasi + bl.realisasi == data.belanja.realisasi == D("8344464004.50")
    assert data.selisih_kendali == []  # the typed DPA totals agree with the lines


def _urutan_dpa(pohon):
    nama = [anggaran_demo.PROGRAM[p["program"]][0] for p in pohon]
    return lambda p: nama.index(p.kode)


def test_tabel_3_4_dan_3_5(anggaran, perencana):
    data = alokasi_dataset(anggaran=anggaran, user=perencana)
    iku = {b.indikator.nama: b for b in data.per_sasaran if b.porsi}
    assert set(iku) == {IKU1, IKU2}
    harapan = {
        IKU1: (D("1043979800.00"), D("1024399750.00"), D("11.64"), D("98.12"), 3, 9),
        IKU2: (D("2994246463.43"), D("2959182317.00"), D("33.38"), D("98.83"), 3, 5),
    }
    for nama, (alokasi, realisasi, porsi, serapan, n_program, n_kegiatan) in harapan.items():
        b = iku[nama]
        assert (b.pagu, b.realisasi) == (alokasi, realisasi)
        assert _persen(b.alokasi.persen) == porsi
        assert _persen(b.rekap.persen) == serapan
        assert (b.jumlah_program, b.jumlah_kegiatan) == (n_program, n_kegiatan)
    per_jenis = {b.jenis: b for b in data.baris if b.jenis != "sasaran"}
    assert per_jenis["penunjang"].pagu == D("1206637400.00")
    assert per_jenis["luar_program"].pagu == D("3725298962.00")
    assert "belum_dipetakan" not in per_jenis
    assert data.jumlah.alokasi == D("8970162625.43") and data.jumlah.persen == 100


def test_efisiensi_per_iku_dan_kemenkeu(anggaran, perencana):
    data = alokasi_dataset(anggaran=anggaran, user=perencana)
    iku = {b.indikator.nama: b for b in data.per_sasaran if b.porsi}
    b1, b2 = iku[IKU1], iku[IKU2]
    assert _persen(b1.capaian.persen) == D("101.48") and b2.capaian.persen == 280
    assert b1.efisiensi.rasio.quantize(D("0.0001")) == D("1.0342")
    assert b2.efisiensi.rasio.quantize(D("0.0001")) == D("2.8332")
    assert b1.efisiensi.status == b2.efisiensi.status == efisiensi.EFISIEN
    assert b1.penghematan == D("19580050.00") and b2.penghematan == D("35064146.43")
    k = data.kemenkeu
    assert (k.n, k.dikecualikan) == (6, 5)  # programs VI–XIV counted; I–V are the block
    assert k.total_pagu_ck == D("4038226263.43") and k.total_realisasi == D("3983582067.00")
    assert _persen(k.e) == D("1.35") and _persen(k.nilai) == D("53.38")


def test_halaman_menampilkan_angka_malang(anggaran, perencana):
    c = masuk(perencana)
    c.post(reverse("konteks-set"), {"opd": "koperasi-malang", "next": "/"})
    html = c.get(reverse("anggaran:alokasi")).content.decode()
    for teks in ("Rp 1.043.979.800,00", "11,64%", "Rp 2.994.246.463,43", "33,38%",
                 "Program penunjang (blok tersendiri)", "100,00%"):
        assert teks in html, teks
    html = c.get(reverse("anggaran:efisiensi")).content.decode()
    for teks in ("98,12%", "98,83%", "101,48%", "280,00%", "1,0342", "2,8332",
                 "Rp 19.580.050,00", "Rp 35.064.146,43", "53,38",
                 "1.024.399.750,00 / 1.043.979.800,00 × 100% = 98,12%"):
        assert teks in html, teks
    html = c.get(reverse("anggaran:ringkasan")).content.decode()
    assert "Rp 8.970.162.625,43" in html and "93,02%" in html
