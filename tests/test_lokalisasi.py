"""USE_THOUSAND_SEPARATOR is on (Indonesian input needs it), so every year and code a page
renders must be unlocalized: "2019", never "2.019"; amounts keep their grouping."""

import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.urls import reverse

from renstra.models import SubKegiatan
from tests.conftest import login
from tests.factories import (
    IndikatorFactory,
    KegiatanFactory,
    ProgramFactory,
    SasaranFactory,
    TargetRenstraFactory,
    TujuanFactory,
)

# A year 2000–2099 printed with a thousands dot ("2.019"), not part of a longer number.
TAHUN_BERTITIK = re.compile(r"(?<![\d.])2\.0\d\d(?![\d.,])")


@pytest.fixture
def pohon(renstra_a):
    sasaran = SasaranFactory(tujuan=TujuanFactory(renstra=renstra_a))
    program = ProgramFactory(sasaran=sasaran, kode="2.17.03")
    kegiatan = KegiatanFactory(program=program, kode="2.17.03.2.01", tahun_mulai=2018,
                               tahun_selesai=2020)
    SubKegiatan.objects.create(kegiatan=kegiatan, kode="2.17.03.2.01.0001", nama="Sub satu")
    ind = IndikatorFactory(sasaran=None, program=program, level="program",
                           renstra=renstra_a, tahun_mulai=2019, kondisi_awal=Decimal("2.66"))
    TargetRenstraFactory(indikator=ind, tahun=2019, nilai=Decimal("2.7"),
                         pagu=Decimal("1099585400.00"))
    return SimpleNamespace(renstra=renstra_a, program=program, kegiatan=kegiatan, indikator=ind)


def test_pengaturan_memang_mengelompokkan_ribuan():
    # Guards the premise of this file: without grouping these tests would pass vacuously.
    assert Template("{{ x }}").render(Context({"x": 2019})) == "2.019"


def test_halaman_pohon_tahun_dan_kode_tanpa_titik_ribuan(perencana_a, pohon):
    # Fully unfolded, so kegiatan and sub kegiatan rows are on the page too.
    html = login(perencana_a).get(
        reverse("renstra:renstra-detail", args=[pohon.renstra.pk]), {"lengkap": "1"}
    ).content.decode()
    assert [f">{t}</th>" in html for t in range(2018, 2022)] == [True] * 4
    assert "Awal 2017" in html and "tahun kondisi awal 2017" in html
    assert "berlaku 2018–2020" in html and "berlaku 2019–…" in html
    assert not TAHUN_BERTITIK.findall(html)
    assert "1.099.585.400" in html
    assert "2.17.03" in html and "2.17.03.2.01" in html and "2.17.03.2.01.0001" in html
    assert "2,7" in html and "2,66" in html


@pytest.mark.parametrize("halaman", [
    lambda p: reverse("renstra:renstra-list"),
    lambda p: reverse("renstra:renstra-update", args=[p.renstra.pk]),
    lambda p: reverse("renstra:indikator-update", args=[p.indikator.pk]),
    lambda p: reverse("renstra:node-update", args=["kegiatan", p.kegiatan.pk]),
    lambda p: reverse("renstra:node-delete", args=["program", p.program.pk]),
    lambda p: reverse("beranda"),
], ids=["daftar", "ubah-renstra", "ubah-indikator", "ubah-kegiatan", "hapus-program",
        "beranda"])
def test_halaman_lain_tanpa_tahun_bertitik(perencana_a, pohon, halaman):
    r = login(perencana_a).get(halaman(pohon))
    assert r.status_code == 200
    assert not TAHUN_BERTITIK.findall(r.content.decode())


def test_formulir_indikator_menampilkan_angka_indonesia(perencana_a, pohon):
    html = login(perencana_a).get(
        reverse("renstra:indikator-update", args=[pohon.indikator.pk])).content.decode()
    assert 'name="t2019-nilai" value="2,7"' in html
    assert 'name="t2019-pagu" value="1.099.585.400"' in html
    assert 'name="kondisi_awal" value="2,66"' in html
    assert 'name="tahun_mulai" value="2019"' in html


def test_kode_tetap_teks_di_formulir(perencana_a, pohon):
    html = login(perencana_a).get(
        reverse("renstra:node-update", args=["program", pohon.program.pk])).content.decode()
    assert 'value="2.17.03"' in html
