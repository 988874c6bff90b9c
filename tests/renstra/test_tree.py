"""The Renstra tree: built from a fixed number of queries, nodes in place, end targets."""

from decimal import Decimal

import pytest
from django.urls import reverse

from renstra.models import Indikator, Misi, SubKegiatan
from renstra.selectors import renstra_tree
from sakip.models import UnitKerja
from tests.conftest import login
from tests.factories import (
    IndikatorFactory,
    KegiatanFactory,
    ProgramFactory,
    SasaranFactory,
    TargetRenstraFactory,
    TujuanFactory,
)


def bangun_pohon(renstra, n_indikator: int) -> None:
    """A tree whose size grows with `n_indikator`: one program and kegiatan per three
    indicators, indicators spread over every level, each with a target for every year."""
    misi = Misi.objects.create(renstra=renstra, nomor=1, teks="Misi satu")
    unit = UnitKerja.objects.create(opd=renstra.opd, nama="Bidang Koperasi", eselon="III.b")
    tujuan = TujuanFactory(renstra=renstra, misi=misi)
    sasaran = SasaranFactory(tujuan=tujuan)
    for i in range(n_indikator):
        if i % 3 == 0:
            program = ProgramFactory(sasaran=sasaran, kode=f"2.17.{i:02d}")
            kegiatan = KegiatanFactory(program=program, kode=f"2.17.{i:02d}.2.01")
            sub = SubKegiatan.objects.create(kegiatan=kegiatan, nama=f"Sub {i}",
                                             kode=f"2.17.{i:02d}.2.01.0001")
        level, induk = [("tujuan", tujuan), ("sasaran", sasaran), ("program", program),
                        ("kegiatan", kegiatan), ("sub_kegiatan", sub)][i % 5]
        ind = IndikatorFactory(level=level, renstra=renstra, is_iku=i < 2,
                               unit_penanggung_jawab=unit, **{"sasaran": None, level: induk})
        for tahun in renstra.tahun_target:
            TargetRenstraFactory(indikator=ind, tahun=tahun, nilai=Decimal(i),
                                 pagu=Decimal("1099585400.00"))


# Session and user (2), the office in the middleware (1), the Renstra (1), the role for the
# edit buttons (1), the tree (8), the office switcher (1), saving the session (savepoint,
# update, release: 3).
QUERY_POHON_LENGKAP = 17
# Programs folded: no kegiatan or sub kegiatan to load (an empty IN list runs no query), but
# two counts for the summary instead.
QUERY_POHON_TERLIPAT = QUERY_POHON_LENGKAP


def _jumlah_baris_indikator(r) -> int:
    return r.content.decode().count('id="indikator-')


@pytest.mark.parametrize("n_indikator", [1, 20])
def test_jumlah_query_halaman_pohon_lengkap_tetap(perencana_a, renstra_a, n_indikator,
                                                  django_assert_num_queries):
    bangun_pohon(renstra_a, n_indikator)
    c = login(perencana_a)
    url = reverse("renstra:renstra-detail", args=[renstra_a.pk])
    with django_assert_num_queries(QUERY_POHON_LENGKAP):
        r = c.get(url, {"lengkap": "1"})
    assert r.status_code == 200
    assert _jumlah_baris_indikator(r) == n_indikator


@pytest.mark.parametrize("n_indikator", [1, 20])
def test_jumlah_query_halaman_pohon_terlipat_tetap(perencana_a, renstra_a, n_indikator,
                                                   django_assert_num_queries):
    bangun_pohon(renstra_a, n_indikator)
    c = login(perencana_a)
    url = reverse("renstra:renstra-detail", args=[renstra_a.pk])
    with django_assert_num_queries(QUERY_POHON_TERLIPAT):
        r = c.get(url)
    di_atas_kegiatan = Indikator.objects.filter(
        renstra=renstra_a, level__in=["tujuan", "sasaran", "program"]).count()
    assert _jumlah_baris_indikator(r) == di_atas_kegiatan
    # The summary still counts what is folded away.
    assert r.context["pohon"].jumlah["indikator"] == n_indikator


@pytest.mark.parametrize("n_indikator", [5, 20])
def test_isi_program_dimuat_saat_dibuka(perencana_a, perencana_b, renstra_a, n_indikator,
                                        django_assert_num_queries):
    """A folded program's kegiatan come from their own URL, with a fixed number of queries."""
    bangun_pohon(renstra_a, n_indikator)
    program = renstra_a.indikator.filter(level="kegiatan").first().kegiatan.program
    url = reverse("renstra:program-isi", args=[renstra_a.pk, program.pk])
    c = login(perencana_a)
    # A fragment: no office switcher (−1), but this program's kegiatan and sub kegiatan (+2).
    with django_assert_num_queries(QUERY_POHON_TERLIPAT + 1):
        r = c.get(url)
    assert r.status_code == 200
    html = r.content.decode()
    assert f'id="kegiatan-{program.kegiatan.get().pk}"' in html
    assert "<html" not in html
    assert login(perencana_b).get(url).status_code == 404


def test_simpan_membuka_program_yang_berisi_simpul(perencana_a, renstra_a):
    bangun_pohon(renstra_a, 5)
    ind = Indikator.objects.filter(renstra=renstra_a, level="kegiatan").first()
    c = login(perencana_a)
    r = c.post(reverse("renstra:indikator-update", args=[ind.pk]), {
        "urutan": 0, "nama": "Jumlah koperasi dibina", "satuan": "koperasi",
        "jenis": "keluaran", "polaritas": "naik", "cara_agregasi": "kumulatif",
        "desimal": 0, "jenis_target": "angka", "jenis_rumus": "langsung",
        "aturan_kondisi_akhir": "jumlah", "frekuensi": "Tahunan",
    })
    assert r.status_code == 302
    assert r["Location"].endswith(f"?program={ind.kegiatan.program_id}#indikator-{ind.pk}")
    halaman = c.get(r["Location"].split("#")[0])
    assert f'id="indikator-{ind.pk}"' in halaman.content.decode()


@pytest.mark.parametrize("n_indikator", [1, 20])
def test_selector_pohon_delapan_query(renstra_a, n_indikator, django_assert_num_queries):
    bangun_pohon(renstra_a, n_indikator)
    with django_assert_num_queries(8):
        pohon = renstra_tree(renstra=renstra_a)
    assert pohon.jumlah["indikator"] == n_indikator


def test_pohon_menempatkan_setiap_simpul_di_bawah_induknya(renstra_a):
    bangun_pohon(renstra_a, 20)
    pohon = renstra_tree(renstra=renstra_a)
    assert pohon.jumlah == {"tujuan": 1, "sasaran": 1, "program": 7, "kegiatan": 7,
                            "sub_kegiatan": 7, "indikator": 20, "iku": 2}
    assert pohon.tahun == [2018, 2019, 2020, 2021]
    assert [m.teks for m in pohon.misi] == ["Misi satu"]

    def jalan(simpul, induk=None):
        for b in simpul.indikator:
            assert b.obj.level == simpul.level
            assert getattr(b.obj, f"{simpul.level}_id") == simpul.obj.pk
        yield simpul
        for a in simpul.anak:
            assert getattr(a.obj, f"{simpul.level}_id") == simpul.obj.pk
            yield from jalan(a, simpul)

    semua = [s for t in pohon.tujuan for s in jalan(t)]
    assert sum(len(s.indikator) for s in semua) == 20
    assert [s.obj.kode for s in semua if s.level == "program"] == [
        f"2.17.{i:02d}" for i in range(0, 20, 3)]


@pytest.mark.parametrize(("aturan", "akhir"), [
    (Indikator.AturanKondisiAkhir.JUMLAH, Decimal("10")),
    (Indikator.AturanKondisiAkhir.TERAKHIR, Decimal("4")),
    (Indikator.AturanKondisiAkhir.MASUKAN, Decimal("7.5")),
])
def test_kondisi_akhir_menurut_aturan_indikator(renstra_a, aturan, akhir):
    ind = IndikatorFactory(sasaran=SasaranFactory(tujuan=TujuanFactory(renstra=renstra_a)),
                           aturan_kondisi_akhir=aturan, kondisi_akhir=Decimal("7.5"),
                           kondisi_awal_pagu=Decimal("100.50"))
    for tahun, nilai in zip(renstra_a.tahun_target, (1, 2, 3, 4), strict=True):
        TargetRenstraFactory(indikator=ind, tahun=tahun, nilai=Decimal(nilai),
                             pagu=Decimal("1000.25"))
    baris = renstra_tree(renstra=renstra_a).indikator[ind.pk]
    assert baris.kondisi_akhir == akhir
    # Funding over the period is always the sum, baseline year included.
    assert baris.kondisi_akhir_pagu == Decimal("4101.50")


def test_kondisi_akhir_kosong_bila_belum_ada_target(renstra_a):
    ind = IndikatorFactory(sasaran=SasaranFactory(tujuan=TujuanFactory(renstra=renstra_a)))
    baris = renstra_tree(renstra=renstra_a).indikator[ind.pk]
    assert (baris.kondisi_akhir, baris.kondisi_akhir_pagu) == (None, None)


def test_pohon_kosong_menampilkan_ajakan(perencana_a, kepala_a, renstra_a):
    url = reverse("renstra:renstra-detail", args=[renstra_a.pk])
    html = login(perencana_a).get(url).content.decode()
    assert "Belum ada tujuan" in html and "Belum ada misi" in html
    assert reverse("renstra:node-create", args=["tujuan", renstra_a.pk]) in html
    html = login(kepala_a).get(url).content.decode()
    assert "Belum ada tujuan" in html
    assert reverse("renstra:node-create", args=["tujuan", renstra_a.pk]) not in html
