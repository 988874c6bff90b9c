"""Comparing a Renstra version with the one it was copied from (Perubahan Renstra)."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse

from renstra import selectors, services
from renstra.models import Indikator, Kegiatan, Program, Sasaran, TargetRenstra
from tests.conftest import login
from tests.factories import (
    IndikatorFactory,
    KegiatanFactory,
    ProgramFactory,
    SasaranFactory,
    TargetRenstraFactory,
    TujuanFactory,
)


@pytest.fixture
def lama(renstra_a):
    sasaran = SasaranFactory(tujuan=TujuanFactory(renstra=renstra_a))
    iku = IndikatorFactory(sasaran=sasaran, nama="Persentase Koperasi Rehabilitasi",
                           is_iku=True)
    TargetRenstraFactory(indikator=iku, tahun=2019, nilai=Decimal("2.7"),
                         pagu=Decimal("1000000"))
    p1 = ProgramFactory(sasaran=sasaran, kode="2.17.01", nama="Program Pelayanan Administrasi")
    p2 = ProgramFactory(sasaran=sasaran, kode="2.17.02", nama="Program Kelembagaan")
    KegiatanFactory(program=p1, kode="2.17.01.2.01")
    KegiatanFactory(program=p1, kode="2.17.01.2.02", nama="Kegiatan pindahan")
    k3 = KegiatanFactory(program=p2, kode="2.17.02.2.01", nama="Kegiatan usang")
    IndikatorFactory(level="kegiatan", sasaran=None, kegiatan=k3, renstra=renstra_a,
                     nama="Jumlah koperasi dibina")
    return renstra_a


def revisi(renstra, user):
    return services.renstra_revise(renstra=renstra, oleh=user, alasan="Penyesuaian pagu")


def test_a_fresh_revision_has_no_differences(lama, perencana_a):
    baru = revisi(lama, perencana_a)

    beda = selectors.renstra_diff(lama=lama, baru=baru)

    assert not beda.ada
    assert beda.jumlah == {"tambah": 0, "hapus": 0, "ubah": 0}
    html = login(perencana_a).get(reverse("renstra:renstra-diff", args=[baru.pk])).content
    assert "Tidak ada perbedaan dengan versi sebelumnya" in html.decode()


def program_di(renstra, kode):
    return Program.objects.get(sasaran__tujuan__renstra=renstra, kode=kode)


def kegiatan_di(renstra, kode):
    return Kegiatan.objects.get(program__sasaran__tujuan__renstra=renstra, kode=kode)


@pytest.fixture
def diedit(lama, perencana_a):
    """The revision with a handful of edits, exactly those the comparison must report."""
    baru = revisi(lama, perencana_a)
    p1 = program_di(baru, "2.17.01")
    p1.nama = "Program Penunjang Urusan Pemerintahan Daerah"
    p1.save()
    pindah = kegiatan_di(baru, "2.17.01.2.02")
    pindah.program = program_di(baru, "2.17.02")
    pindah.save()
    Kegiatan.objects.create(program=p1, kode="2.17.01.2.03", nama="Kegiatan baru")
    kegiatan_di(baru, "2.17.02.2.01").delete()
    iku = Indikator.objects.get(renstra=baru, is_iku=True)
    iku.satuan, iku.is_iku = "persen", False
    iku.save()
    TargetRenstra.objects.filter(indikator=iku, tahun=2019).update(
        nilai=Decimal("2.5"), pagu=Decimal("1250000.50"))
    TargetRenstra.objects.create(indikator=iku, tahun=2020, nilai=Decimal("3"))
    return SimpleNamespace(lama=lama, baru=baru)


def ringkas(beda):
    return {
        j.level: {
            "tambah": [i.nama for i in j.tambah],
            "hapus": [i.nama for i in j.hapus],
            "ubah": [(i.nama, [(p.atribut, p.lama, p.baru) for p in i.perubahan])
                     for i in j.ubah],
        }
        for j in beda.jenjang if j.ada
    }


def test_the_comparison_shows_exactly_the_edits(diedit):
    beda = selectors.renstra_diff(lama=diedit.lama, baru=diedit.baru)

    assert ringkas(beda) == {
        "program": {"tambah": [], "hapus": [], "ubah": [
            ("2.17.01 Program Penunjang Urusan Pemerintahan Daerah",
             [("Nama", "Program Pelayanan Administrasi",
               "Program Penunjang Urusan Pemerintahan Daerah")]),
        ]},
        "kegiatan": {
            "tambah": ["2.17.01.2.03 Kegiatan baru"],
            "hapus": ["2.17.02.2.01 Kegiatan usang"],
            "ubah": [("2.17.01.2.02 Kegiatan pindahan", [
                ("Induk", "Program 2.17.01 Program Pelayanan Administrasi",
                 "Program 2.17.02 Program Kelembagaan"),
            ])],
        },
        "indikator": {"tambah": [], "hapus": ["Jumlah koperasi dibina"], "ubah": [
            ("Persentase Koperasi Rehabilitasi", [
                ("Satuan", "%", "persen"),
                ("IKU", "Ya", "Tidak"),
                ("Kondisi akhir", "2,7", "3"),
                ("Target 2019", "2,7", "2,5"),
                ("Pagu 2019 (Rp)", "1.000.000", "1.250.000,50"),
                ("Target 2020", "-", "3"),
            ]),
        ]},
    }
    assert beda.jumlah == {"tambah": 1, "hapus": 2, "ubah": 3}
    hapus = next(j for j in beda.jenjang if j.level == "kegiatan").hapus[0]
    assert hapus.letak == "Program 2.17.02 Program Kelembagaan"


def test_page_colours_the_changes_and_keeps_years_plain(diedit, perencana_a):
    resp = login(perencana_a).get(reverse("renstra:renstra-diff", args=[diedit.baru.pk]))

    html = resp.content.decode()
    assert resp.status_code == 200
    assert html.count('<tr class="diff-tambah">') == 1
    assert html.count('<tr class="diff-hapus">') == 2
    assert html.count('<tr class="diff-ubah">') == 3
    assert "Target 2019" in html and "2.019" not in html
    assert "Tidak ada perbedaan" not in html


def test_another_office_gets_404(diedit, perencana_b):
    url = reverse("renstra:renstra-diff", args=[diedit.baru.pk])
    assert login(perencana_b).get(url).status_code == 404


# Session, user, office of the request, both Renstra, two trees (8 each), the office
# switcher, the session save (savepoint, update, release).
KUERI_DIFF = 25


@pytest.mark.parametrize("n", [1, 20])
def test_query_count_does_not_grow_with_size(n, renstra_a, perencana_a,
                                             django_assert_num_queries):
    sasaran = SasaranFactory(tujuan=TujuanFactory(renstra=renstra_a))
    for k in range(n):
        program = ProgramFactory(sasaran=sasaran, kode=f"2.17.{k + 1:02d}")
        ind = IndikatorFactory(level="program", sasaran=None, program=program,
                               renstra=renstra_a)
        TargetRenstraFactory(indikator=ind, tahun=2019)
    baru = revisi(renstra_a, perencana_a)
    Program.objects.filter(sasaran__tujuan__renstra=baru).update(nama="Nama baru")
    Sasaran.objects.filter(tujuan__renstra=baru).update(strategi="Strategi baru")
    client = login(perencana_a)

    with django_assert_num_queries(KUERI_DIFF):
        resp = client.get(reverse("renstra:renstra-diff", args=[baru.pk]))

    assert resp.context["beda"].jumlah["ubah"] == n + 1
