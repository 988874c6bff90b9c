"""The Renstra matrix (T-C.27): lines, merged cells, validity ranges, totals, query count."""

from decimal import Decimal
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.urls import reverse

from renstra import selectors
from renstra.models import Indikator, Renstra, SubKegiatan, TargetRenstra
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

TAHUN = [2018, 2019, 2020, 2021]  # renstra_a: 2016–2021, kondisi awal 2017


def indikator(node, level, **kw):
    """An indicator of `node` at any level (the factory defaults to a sasaran)."""
    induk = {"sasaran": None, level: node}
    return IndikatorFactory(level=level, renstra=_renstra_dari(node, level), **induk, **kw)


def _renstra_dari(node, level):
    naik = {"sub_kegiatan": "kegiatan", "kegiatan": "program", "program": "sasaran",
            "sasaran": "tujuan"}
    while level in naik:
        node, level = getattr(node, naik[level]), naik[level]
    return node.renstra


def target(ind, pagu=None, nilai="100", tahun=TAHUN):
    for k, t in enumerate(tahun):
        TargetRenstraFactory(indikator=ind, tahun=t, nilai=Decimal(nilai),
                             pagu=None if pagu is None else Decimal(pagu[k]))


@pytest.fixture
def pohon(renstra_a):
    """One tujuan; sasaran 1 with a program carrying its own pagu (two kegiatan, one
    retired after 2019, one indicator starting 2020) and a program without pagu of its
    own; sasaran 2 without programs."""
    tujuan = TujuanFactory(renstra=renstra_a, nama="Meningkatnya kualitas Koperasi")
    indikator(tujuan, "tujuan", nama="Persentase Koperasi Stabilisasi")
    indikator(tujuan, "tujuan", nama="Persentase pertumbuhan Usaha Mikro")
    s1 = SasaranFactory(tujuan=tujuan)
    indikator(s1, "sasaran", nama="Persentase Koperasi Rehabilitasi", is_iku=True)
    p1 = ProgramFactory(sasaran=s1, kode="2.17.01",
                        nama="Program Pelayanan Administrasi Perkantoran")
    ip1 = indikator(p1, "program", kondisi_awal=Decimal("100"),
                    kondisi_awal_pagu=Decimal("721121296"))
    target(ip1, pagu=["964528800", "1099585400", "1213745800", "1339245800"])
    k1 = KegiatanFactory(program=p1, kode="2.17.01.2.01")
    ik1a = indikator(k1, "kegiatan", satuan="Buah", jenis="keluaran",
                     kondisi_awal_pagu=Decimal("111"))
    target(ik1a, pagu=["1", "2", "3", "4"], nilai="4500")
    ik1b = indikator(k1, "kegiatan", satuan="Unit", tahun_mulai=2020)
    target(ik1b, pagu=["10", "20"], nilai="2", tahun=[2020, 2021])
    k2 = KegiatanFactory(program=p1, kode="2.17.01.2.02", tahun_selesai=2019)
    ik2 = indikator(k2, "kegiatan", satuan="Orang")
    target(ik2, pagu=["5", "6"], nilai="15", tahun=[2018, 2019])
    p2 = ProgramFactory(sasaran=s1, kode="2.17.02")
    target(indikator(p2, "program"))  # targets, but no pagu of its own
    k3 = KegiatanFactory(program=p2, kode="2.17.02.2.01")
    ik3 = indikator(k3, "kegiatan", satuan="Koperasi", kondisi_awal_pagu=Decimal("1000"))
    target(ik3, pagu=["2000", "3000", "4000", "5000.50"])
    s2 = SasaranFactory(tujuan=tujuan)
    return SimpleNamespace(renstra=renstra_a, tujuan=tujuan, s1=s1, s2=s2, p1=p1, p2=p2,
                           k1=k1, k2=k2, k3=k3, ik1b=ik1b)


def test_lines_follow_the_cascade_with_merged_cells(pohon):
    m = selectors.renstra_matriks(renstra=pohon.renstra)

    assert [(b.level, b.node.simpul.obj.pk if b.node else None) for b in m.baris] == [
        ("program", pohon.p1.pk), ("kegiatan", pohon.k1.pk), ("kegiatan", None),
        ("kegiatan", pohon.k2.pk), ("program", pohon.p2.pk), ("kegiatan", pohon.k3.pk),
        ("", None),
    ]
    assert [(b.node.rowspan if b.node else None) for b in m.baris] == [1, 2, None, 1, 1, 1, None]
    assert [(b.tujuan.rowspan, b.tujuan.nomor) if b.tujuan else None for b in m.baris] == [
        (7, 1), None, None, None, None, None, None]
    assert [(b.sasaran.simpul.obj.pk, b.sasaran.rowspan) for b in m.baris if b.sasaran] == [
        (pohon.s1.pk, 6), (pohon.s2.pk, 1)]
    assert [i.obj.nama for i in m.baris[0].tujuan.simpul.indikator] == [
        "Persentase Koperasi Stabilisasi", "Persentase pertumbuhan Usaha Mikro"]
    assert m.baris[6].indikator is None
    assert m.jumlah == {"tujuan": 1, "sasaran": 2, "indikator sasaran": 1, "program": 2,
                        "kegiatan": 3}


def test_years_outside_a_validity_range_are_marked(pohon):
    m = selectors.renstra_matriks(renstra=pohon.renstra)
    k1b, k2 = m.baris[2], m.baris[3]

    assert k1b.indikator.obj.pk == pohon.ik1b.pk
    assert [k1b.awal.berlaku] + [s.berlaku for s in k1b.tahun] == [False, False, False, True, True]
    assert [k2.awal.berlaku] + [s.berlaku for s in k2.tahun] == [True, True, True, False, False]
    assert [s.pagu for s in k2.tahun] == [Decimal("5"), Decimal("6"), None, None]


def test_total_sums_program_pagu_or_else_its_kegiatan(pohon):
    m = selectors.renstra_matriks(renstra=pohon.renstra)

    # Program 1 has its own pagu (its kegiatan are not added again); program 2 has none,
    # so its kegiatan count.
    assert m.total_awal == Decimal("721121296") + Decimal("1000")
    assert m.total_tahun == [
        Decimal("964530800"), Decimal("1099588400"), Decimal("1213749800"),
        Decimal("1339250800.50"),
    ]
    assert m.total_akhir == m.total_awal + sum(m.total_tahun)


def test_page_shows_indonesian_numbers_plain_years_and_greyed_cells(pohon, perencana_a):
    resp = login(perencana_a).get(reverse("renstra:renstra-matriks", args=[pohon.renstra.pk]))

    html = resp.content.decode()
    assert resp.status_code == 200
    assert "1.099.585.400" in html and "721.121.296" in html
    assert "4.500 Buah" in html and "1.339.250.800,50" in html
    assert "Tahun 2018" in html and "2.018" not in html
    assert 'rowspan="7"' in html
    # ik1b: 2017–2019, kegiatan 2: 2020–2021; two cells (target, Rp) each.
    assert html.count('<td class="luar">–</td>') == 2 * (3 + 2)
    assert "Belum ada program." in html
    assert "TOTAL" in html and "3 kegiatan" in html


def test_sub_kegiatan_lines_and_the_responsible_unit(renstra_a, perencana_a):
    """The matrix reads plain rows, not models: the sub kegiatan level, its validity range
    and the unit column must still come out as the models would show them."""
    program = ProgramFactory(sasaran=SasaranFactory(tujuan=TujuanFactory(renstra=renstra_a)),
                             kode="2.17.01")
    kegiatan = KegiatanFactory(program=program, kode="2.17.01.2.01")
    sub = SubKegiatan.objects.create(kegiatan=kegiatan, kode="2.17.01.2.01.0001",
                                     nama="Fasilitasi koperasi", tahun_mulai=2020)
    unit = UnitKerja.objects.create(opd=renstra_a.opd, nama="Bidang Koperasi", eselon="III.b")
    ind = indikator(sub, "sub_kegiatan", satuan="Koperasi", unit_penanggung_jawab=unit)
    target(ind, pagu=["1", "2", "3", "4"], nilai="7")
    tanpa_unit = indikator(kegiatan, "kegiatan", penanggung_jawab="Kepala Seksi")

    m = selectors.renstra_matriks(renstra=renstra_a)

    (baris_sub,) = [b for b in m.baris if b.level == "sub_kegiatan"]
    assert baris_sub.node.simpul.obj.kode == "2.17.01.2.01.0001"
    assert baris_sub.indikator.obj.pk == ind.pk
    assert [s.berlaku for s in baris_sub.tahun] == [False, False, True, True]
    assert baris_sub.indikator.obj.unit_penanggung_jawab == str(unit) == "Bidang Koperasi (III.b)"
    assert m.jumlah["sub kegiatan"] == 1
    html = login(perencana_a).get(
        reverse("renstra:renstra-matriks", args=[renstra_a.pk])).content.decode()
    assert "<td>Bidang Koperasi (III.b)</td>" in html and "<td>Kepala Seksi</td>" in html
    assert tanpa_unit.unit_penanggung_jawab is None


def test_text_in_cells_is_escaped(renstra_a, perencana_a):
    program = ProgramFactory(sasaran=SasaranFactory(tujuan=TujuanFactory(renstra=renstra_a)))
    ind = indikator(program, "program", nama="<script>alert(1)</script>", satuan="<b>%</b>")
    target(ind, tahun=[2019])

    html = login(perencana_a).get(
        reverse("renstra:renstra-matriks", args=[renstra_a.pk])).content.decode()

    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "100 &lt;b&gt;%&lt;/b&gt;" in html


def test_empty_renstra_shows_empty_state(renstra_a, perencana_a):
    resp = login(perencana_a).get(reverse("renstra:renstra-matriks", args=[renstra_a.pk]))
    assert "belum memiliki tujuan" in resp.content.decode()


def test_another_office_gets_404_and_the_inspectorate_reads(pohon, perencana_b, inspektur):
    url = reverse("renstra:renstra-matriks", args=[pohon.renstra.pk])
    assert login(perencana_b).get(url).status_code == 404
    assert login(inspektur).get(url).status_code == 200


def _renstra_dengan(renstra, n):
    """n programs, each with a kegiatan, indicators on both and four years of targets."""
    sasaran = SasaranFactory(tujuan=TujuanFactory(renstra=renstra))
    indikator(sasaran, "sasaran")
    for k in range(n):
        program = ProgramFactory(sasaran=sasaran, kode=f"2.17.{k + 1:02d}")
        target(indikator(program, "program"), pagu=["1"] * 4)
        kegiatan = KegiatanFactory(program=program, kode=f"2.17.{k + 1:02d}.2.01")
        target(indikator(kegiatan, "kegiatan"), pagu=["1"] * 4)


# Session, user, office of the request, the Renstra, the matrix's tree (8), the office switcher,
# the session save (savepoint, update, release).
KUERI_MATRIKS = 16


@pytest.mark.parametrize("n", [1, 20])
def test_query_count_does_not_grow_with_size(n, renstra_a, perencana_a,
                                             django_assert_num_queries):
    _renstra_dengan(renstra_a, n)
    client = login(perencana_a)
    url = reverse("renstra:renstra-matriks", args=[renstra_a.pk])

    with django_assert_num_queries(KUERI_MATRIKS):
        resp = client.get(url)

    assert resp.status_code == 200
    assert len(resp.context["matriks"].baris) == 2 * n


def _sintetis(slug, out=None):
    call_command("renstra_sintetis", "--opd", slug, "--tujuan", "2", "--sasaran", "3",
                 "--program", "4", "--kegiatan", "10", "--indikator", "30", "--tahun", "3",
                 stdout=out or StringIO())
    return Renstra.objects.get(opd__slug=slug)


def test_synthetic_renstra_is_idempotent_and_its_matrix_adds_up(db):
    r = _sintetis("uji-sintetis")
    jumlah = (Indikator.objects.filter(renstra=r).count(),
              TargetRenstra.objects.filter(indikator__renstra=r).count())
    out = StringIO()
    _sintetis("uji-sintetis", out)

    assert "sudah ada" in out.getvalue()
    assert (Indikator.objects.filter(renstra=r).count(),
            TargetRenstra.objects.filter(indikator__renstra=r).count()) == jumlah == (30, 83)
    assert r.tahun_target == [2025, 2026, 2027]
    m = selectors.renstra_matriks(renstra=r)
    # Synthetic programs either carry Σ kegiatan as their pagu or none: the TOTAL of a
    # year is therefore the sum of the kegiatan indicators' pagu.
    for tahun, total in zip(r.tahun_target, m.total_tahun, strict=True):
        assert total == TargetRenstra.objects.filter(
            indikator__renstra=r, indikator__level="kegiatan", tahun=tahun
        ).aggregate(s=Sum("pagu"))["s"]
    assert any(not s.berlaku for b in m.baris for s in b.tahun)


def test_synthetic_renstra_is_deterministic(db):
    def isi(r):
        return list(TargetRenstra.objects.filter(indikator__renstra=r)
                    .order_by("indikator__urutan", "tahun").values_list("tahun", "nilai", "pagu"))

    assert isi(_sintetis("sintetis-a")) == isi(_sintetis("sintetis-b"))
