"""The capaian dashboard: a fixed number of queries, figures through the engine, the
transition year with two Renstra, comparisons and read-only access."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kinerja import selectors, services
from kinerja.models import PerjanjianKinerja, Realisasi, SkalaKategori
from kinerja.selectors import tampil_nilai
from renstra import services as renstra_services
from renstra.models import Indikator, Renstra
from sakip.models import KunciPeriode
from tests.factories import IndikatorFactory, RenstraFactory, SasaranFactory, TargetRenstraFactory

from .conftest import kantor
from .test_views import masuk, setujui

D = Decimal


def realisasi(ind, tahun, triwulan, oleh, **kw):
    return services.realisasi_update(
        indikator=ind, tahun=tahun, triwulan=triwulan, nilai_teks="", hapus_file=False,
        oleh=oleh, **{"nilai": None, "pembilang": None, "penyebut": None, "bukti_catatan": "",
                      "bukti_file": None, **kw},
    )


def _isi_kantor(renstra, jumlah: int, oleh) -> None:
    """`jumlah` sasaran indicators with targets, 4 quarters, a previous year and a PK."""
    sasaran = SasaranFactory(tujuan__renstra=renstra)
    for i in range(jumlah):
        ind = IndikatorFactory(sasaran=sasaran, is_iku=i % 2 == 0,
                               polaritas="turun" if i % 3 else "naik",
                               cara_agregasi=["kumulatif", "akhir", "rata_rata", "maks"][i % 4],
                               aturan_kondisi_akhir=Indikator.AturanKondisiAkhir.TERAKHIR)
        for tahun in (2018, 2019, 2021):
            TargetRenstraFactory(indikator=ind, tahun=tahun, nilai=D(10 + i))
        for tw in (1, 2, 3, 4):
            realisasi(ind, 2019, tw, oleh, nilai=D(i + tw))
        realisasi(ind, 2018, 4, oleh, pembilang=D(i + 1), penyebut=D(7))
    services.pk_create(opd=renstra.opd, renstra=renstra, tahun=2019, oleh=oleh,
                       pk=PerjanjianKinerja())


def test_dashboard_query_count_does_not_grow(renstra_a, renstra_b, perencana_a, perencana_b,
                                             django_assert_num_queries):
    _isi_kantor(renstra_a, 1, perencana_a)
    _isi_kantor(renstra_b, 20, perencana_b)
    hitung = {}
    for renstra, user in ((renstra_a, perencana_a), (renstra_b, perencana_b)):
        opd = renstra.opd
        for banding in (False, True):
            with CaptureQueriesContext(connection) as q:
                d = selectors.capaian_dasbor(user=user, opd=opd, tahun=2019,
                                             perbandingan=banding)
            hitung[(opd.pk, banding)] = len(q)
            assert sum(len(k.baris) for g in d.bagian for k in g.sasaran) in (1, 20)
    a, b = renstra_a.opd.pk, renstra_b.opd.pk
    assert hitung[(a, False)] == hitung[(b, False)] == 8
    assert hitung[(a, True)] == hitung[(b, True)] == 9
    with django_assert_num_queries(8):
        selectors.capaian_dasbor(user=perencana_b, opd=renstra_b.opd, tahun=2019)


def test_dashboard_page_query_count_does_not_grow(renstra_a, renstra_b, perencana_a,
                                                  perencana_b):
    _isi_kantor(renstra_a, 1, perencana_a)
    _isi_kantor(renstra_b, 20, perencana_b)
    for url in ("kinerja:capaian", "kinerja:capaian-banding"):
        jumlah = []
        for renstra, user in ((renstra_a, perencana_a), (renstra_b, perencana_b)):
            c = masuk(user, renstra.opd)
            with CaptureQueriesContext(connection) as q:
                assert c.get(reverse(url), HTTP_HX_REQUEST="true").status_code == 200
            jumlah.append(len(q))
        assert jumlah[0] == jumlah[1], url


def test_grid_page_query_count_does_not_grow(renstra_a, renstra_b, perencana_a, perencana_b):
    _isi_kantor(renstra_a, 1, perencana_a)
    _isi_kantor(renstra_b, 20, perencana_b)
    jumlah = []
    for renstra, user in ((renstra_a, perencana_a), (renstra_b, perencana_b)):
        c = masuk(user, renstra.opd)
        with CaptureQueriesContext(connection) as q:
            r = c.get(reverse("kinerja:realisasi-grid") + "?triwulan=2&lingkup=semua")
        assert r.status_code == 200
        jumlah.append(len(q))
    assert jumlah[0] == jumlah[1]


def test_figures_aggregation_comparison_and_means(kin_a, pk_a, perencana_a):
    iku1, iku2 = kin_a.iku1, kin_a.iku2
    realisasi(iku1, 2019, 2, perencana_a, nilai=D("2.8"))
    realisasi(iku1, 2019, 4, perencana_a, pembilang=D("35"), penyebut=D("1316"))
    realisasi(iku2, 2019, 4, perencana_a, pembilang=D("613"), penyebut=D("423350"))
    realisasi(iku2, 2018, 4, perencana_a, nilai=D("0.1"))
    d = selectors.capaian_dasbor(user=perencana_a, opd=kin_a.renstra.opd, tahun=2019,
                                 perbandingan=True)
    (g,) = d.bagian
    (k,) = g.sasaran
    b1, b2 = k.baris
    assert b1.triwulan == ["–", "2,80", "–", "2,66"]
    # cara_agregasi "akhir": the year is the last filled quarter.
    assert (b1.realisasi_teks, b1.capaian_teks, b1.kategori) == ("2,66", "101,48%",
                                                                  "Sangat Tinggi")
    assert b1.rumus == "(2 × 2,7 − 2,66) / 2,7 × 100% = 101,48%"
    assert (b2.realisasi_teks, b2.capaian_teks) == ("0,14", "280,00%")
    assert b1.target.sumber == "PK"
    # Tingkat kemajuan toward the Renstra end target (turun: end / now).
    assert (b1.banding.kemajuan_teks, b2.banding.kemajuan_teks) == ("37,59%", "93,33%")
    assert [(n.tahun, n.realisasi_teks) for n in b2.banding.lalu] == [(2017, "-"),
                                                                       (2018, "0,10")]
    assert (k.rata_rata_teks, k.n) == ("190,74%", 2)
    assert (d.rata_rata_teks, d.n) == ("190,74%", 2)
    assert d.grafik["iku"]["capaian"] == ["101.48", "280.00"]
    assert d.grafik["tren"]["tahun"] == [2017, 2018, 2019]
    assert d.grafik["ada"] and d.grafik["ada_tren"]


def test_empty_realisation_is_not_zero(kin_a, perencana_a):
    d = selectors.capaian_dasbor(user=perencana_a, opd=kin_a.renstra.opd, tahun=2019)
    b = d.bagian[0].sasaran[0].baris[0]
    assert (b.realisasi_teks, b.capaian_teks, b.kategori) == ("-", "-", "")
    assert b.hasil.keterangan == "belum ada data"
    assert (d.rata_rata_teks, d.n) == ("-", 0)
    assert not d.grafik["ada"]  # the page explains instead of drawing empty axes


def test_pemda_scale_and_display_rounding(kin_a, pk_a, perencana_a):
    pemda = kin_a.renstra.opd.pemda
    pemda.cara_pembulatan = "potong"
    pemda.save()
    SkalaKategori.objects.create(pemda=pemda, kelas=[["100", "Tercapai"], ["0", "Belum"]])
    realisasi(kin_a.iku1, 2019, 4, perencana_a, nilai=D("2.66"))
    opd = type(kin_a.renstra.opd).objects.select_related("pemda").get(pk=kin_a.renstra.opd.pk)
    d = selectors.capaian_dasbor(user=perencana_a, opd=opd, tahun=2019)
    b = d.bagian[0].sasaran[0].baris[0]
    assert (b.capaian_teks, b.kategori, b.kategori_kelas) == ("101,48%", "Tercapai",
                                                              "text-bg-success")


def test_transition_year_shows_both_renstra(opd_a, perencana_a):
    lama = kantor(RenstraFactory(opd=opd_a, tahun_awal=2015, tahun_akhir=2019,
                                 tahun_kondisi_awal=2014))
    baru = kantor(RenstraFactory(opd=opd_a, tahun_awal=2019, tahun_akhir=2024,
                                 tahun_kondisi_awal=2018))
    for k in (lama, baru):
        services.pk_create(opd=opd_a, renstra=k.renstra, tahun=2019, oleh=perencana_a,
                           pk=PerjanjianKinerja())
    d = selectors.capaian_dasbor(user=perencana_a, opd=opd_a, tahun=2019)
    assert [g.renstra.periode for g in d.bagian] == ["2015–2019", "2019–2024"]
    assert all(g.pk is not None and g.pk.renstra_id == g.renstra.pk for g in d.bagian)
    html = masuk(perencana_a, opd_a).get(reverse("kinerja:capaian")).content.decode()
    assert "Renstra 2015–2019" in html and "Renstra 2019–2024" in html


def test_superseded_renstra_is_left_out_but_its_history_counts(kin_a, perencana_a):
    """A Renstra revision copies indicators; realisations entered on the old version
    still show as the previous years of the copy."""
    TargetRenstraFactory(indikator=kin_a.iku2, tahun=2018, nilai=D("0.05"))
    realisasi(kin_a.iku2, 2018, 4, perencana_a, nilai=D("0.1"))
    baru = renstra_services.renstra_revise(renstra=kin_a.renstra, oleh=perencana_a,
                                           alasan="Perubahan Renstra")
    d = selectors.capaian_dasbor(user=perencana_a, opd=kin_a.renstra.opd, tahun=2019,
                                 perbandingan=True)
    assert [g.renstra for g in d.bagian] == [baru]
    b2 = d.bagian[0].sasaran[0].baris[1]
    assert b2.indikator.renstra_id == baru.pk
    assert [(n.tahun, n.realisasi_teks) for n in b2.banding.lalu] == [(2017, "-"),
                                                                       (2018, "0,10")]
    assert b2.tren == [None, D("200"), None]  # 0,1 / 0,05 in 2018; nothing yet in 2019
    assert Renstra.objects.get(pk=kin_a.renstra.pk).status == Renstra.Status.DIGANTIKAN


def _revisi_tengah_tahun(kin, oleh):
    """TW I entered, then a Perubahan Renstra; TW II entered on the copied indicator."""
    realisasi(kin.iku1, 2019, 1, oleh, nilai=D("2.8"))
    baru = renstra_services.renstra_revise(renstra=kin.renstra, oleh=oleh,
                                           alasan="Perubahan Renstra")
    iku1_baru = Indikator.objects.get(renstra=baru, asal=kin.iku1)
    realisasi(iku1_baru, 2019, 2, oleh, nilai=D("2.66"))
    return baru, iku1_baru


def test_pk_made_before_a_renstra_revision_still_counts(kin_a, pk_a, perencana_a):
    """Issue 4: after a Perubahan Renstra the dashboard said "belum ada PK" although the
    office has the PK of the year, made on the version before. The PK stays the year's
    agreement: the heading names it and where it was made, its targets count, and the
    quarters entered before and after the revision add up."""
    baru, iku1_baru = _revisi_tengah_tahun(kin_a, perencana_a)
    opd = kin_a.renstra.opd

    (g,) = selectors.capaian_dasbor(user=perencana_a, opd=opd, tahun=2019).bagian
    assert (g.renstra, g.pk) == (baru, pk_a)
    b1 = g.sasaran[0].baris[0]
    assert b1.indikator == iku1_baru and b1.target.sumber == "PK"
    assert b1.triwulan == ["2,80", "2,66", "–", "–"] and b1.realisasi_teks == "2,66"
    html = masuk(perencana_a, opd).get(reverse("kinerja:capaian")).content.decode()
    assert "belum ada PK" not in html
    assert "PK awal 2019" in html and "disusun pada Renstra awal, sebelum Perubahan 1" in html

    (bagian,) = selectors.realisasi_grid(user=perencana_a, opd=opd, tahun=2019, triwulan=2,
                                         lingkup="iku")
    assert bagian.pk == pk_a
    baris = bagian.baris[0]
    assert baris.indikator == iku1_baru and baris.target.sumber == "PK"
    assert baris.tw_lain == [("TW I", "2,80")] and baris.capaian_teks == b1.capaian_teks
    # The row re-rendered after an htmx save reads the same.
    satu = selectors.realisasi_grid_baris(indikator=iku1_baru, induk="", tahun=2019, triwulan=2)
    assert (satu.target, satu.tw_lain, satu.capaian_teks) == (
        baris.target, baris.tw_lain, baris.capaian_teks)
    grid = masuk(perencana_a, opd).get(reverse("kinerja:realisasi-grid")).content.decode()
    assert "belum ada PK" not in grid


def _tw1_sebelum_revisi(kin, oleh, tmp_path, settings):
    """TW I entered with pembilang/penyebut, a note and a file, then a Perubahan Renstra."""
    settings.MEDIA_ROOT = tmp_path
    lama = realisasi(kin.iku1, 2019, 1, oleh, pembilang=D("35"), penyebut=D("1250"),
                     bukti_catatan="SK Bupati",
                     bukti_file=SimpleUploadedFile("bukti.pdf", b"%PDF-1.4 bukti"))
    baru = renstra_services.renstra_revise(renstra=kin.renstra, oleh=oleh,
                                           alasan="Perubahan Renstra")
    return lama, Indikator.objects.get(renstra=baru, asal=kin.iku1)


def test_grid_shows_a_quarter_entered_before_the_revision(kin_a, pk_a, perencana_a,
                                                         settings, tmp_path):
    """The grid input of a quarter entered before a Perubahan Renstra said "belum ada data"
    although the dashboard counted its value: the row reads the newest version that has the
    quarter, as the dashboard does, and says where it comes from."""
    lama, iku1_baru = _tw1_sebelum_revisi(kin_a, perencana_a, tmp_path, settings)
    opd = kin_a.renstra.opd
    (bagian,) = selectors.realisasi_grid(user=perencana_a, opd=opd, tahun=2019, triwulan=1,
                                         lingkup="iku")
    baris = bagian.baris[0]
    assert baris.indikator == iku1_baru and baris.rekaman_lama
    assert baris.rekaman["id"] == lama.pk and baris.rekaman["bukti_file"] == lama.bukti_file.name
    (g,) = selectors.capaian_dasbor(user=perencana_a, opd=opd, tahun=2019).bagian
    b1 = g.sasaran[0].baris[0]
    assert b1.triwulan[0] == tampil_nilai(iku1_baru, baris.rekaman["nilai"]) == "2,80"
    assert baris.capaian_teks == b1.capaian_teks
    html = masuk(perencana_a, opd).get(
        reverse("kinerja:realisasi-grid") + "?triwulan=1").content.decode()
    baris_html = html.split(f'id="r{iku1_baru.pk}"')[1].split("</tr>")[0]
    assert "diisi sebelum Perubahan Renstra" in baris_html and "SK Bupati" in baris_html
    assert 'value="35"' in baris_html and "berkas tersimpan" in baris_html


@pytest.mark.parametrize("pembilang", ["35", "40"])
def test_saving_a_pre_revision_quarter_keeps_its_evidence(kin_a, pk_a, perencana_a, settings,
                                                          tmp_path, pembilang,
                                                          django_capture_on_commit_callbacks):
    """Saving the row (value unchanged or changed, no new file) writes the quarter on the
    current indicator with the old record's evidence file: the same stored file, the old
    record untouched. Replacing the file later leaves the old record's file in place."""
    lama, iku1_baru = _tw1_sebelum_revisi(kin_a, perencana_a, tmp_path, settings)
    berkas = tmp_path / lama.bukti_file.name
    c = masuk(perencana_a, kin_a.renstra.opd)
    url = reverse("kinerja:realisasi-update", args=[iku1_baru.pk, 2019, 1])
    p = f"r{iku1_baru.pk}-"
    r = c.post(url, {f"{p}pembilang": pembilang, f"{p}penyebut": "1.250",
                     f"{p}bukti_catatan": "SK Bupati"}, HTTP_HX_REQUEST="true")
    assert r.status_code == 200 and "tersimpan" in r.content.decode()
    kini = Realisasi.objects.get(indikator=iku1_baru, tahun=2019, triwulan=1)
    assert kini.pembilang == D(pembilang) and kini.bukti_catatan == "SK Bupati"
    assert kini.bukti_file.name == lama.bukti_file.name
    assert Realisasi.objects.get(pk=lama.pk).pembilang == D("35") and berkas.exists()
    assert len(list(tmp_path.rglob("*.pdf"))) == 1  # referenced, not copied
    satu = selectors.realisasi_grid_baris(indikator=iku1_baru, induk="", tahun=2019, triwulan=1)
    assert satu.rekaman["id"] == kini.pk and not satu.rekaman_lama
    (g,) = selectors.capaian_dasbor(user=perencana_a, opd=kin_a.renstra.opd, tahun=2019).bagian
    assert g.sasaran[0].baris[0].triwulan[0] == tampil_nilai(iku1_baru, kini.nilai)

    with django_capture_on_commit_callbacks(execute=True):
        realisasi(iku1_baru, 2019, 1, perencana_a, nilai=D("3"),
                  bukti_file=SimpleUploadedFile("baru.pdf", b"%PDF-1.4 baru"))
    assert berkas.exists() and Realisasi.objects.get(pk=lama.pk).bukti_file
    with django_capture_on_commit_callbacks(execute=True):
        realisasi(iku1_baru, 2019, 1, perencana_a)  # emptied: gone from both versions
    assert not Realisasi.objects.filter(pk__in=[lama.pk, kini.pk]).exists()
    assert not list(tmp_path.rglob("*.pdf"))


def _kosongkan_tw1(c, ind, **kw):
    """Post TW I of the grid row of `ind` with every field empty."""
    p = f"r{ind.pk}-"
    data = {f"{p}{n}": "" for n in ("nilai", "pembilang", "penyebut", "bukti_catatan")}
    return c.post(reverse("kinerja:realisasi-update", args=[ind.pk, 2019, 1]), data, **kw)


def _tw1_di_rantai(kin, ind_baru):
    return Realisasi.objects.filter(indikator__in=[kin.iku1, ind_baru], tahun=2019, triwulan=1)


@pytest.mark.parametrize("disimpan_lagi", [False, True])
def test_emptying_a_pre_revision_quarter_removes_it_from_every_version(
        kin_a, pk_a, perencana_a, settings, tmp_path, disimpan_lagi,
        django_capture_on_commit_callbacks):
    """Emptying a quarter entered before a Perubahan Renstra did nothing: only the current
    indicator's record was removed, and the old version's value kept showing in the grid,
    the dashboard and the reports. Emptying removes the quarter on every version (history
    kept) and the evidence file no record uses any more, also when a save after the
    revision made both records share it."""
    lama, iku1_baru = _tw1_sebelum_revisi(kin_a, perencana_a, tmp_path, settings)
    berkas = tmp_path / lama.bukti_file.name
    if disimpan_lagi:
        realisasi(iku1_baru, 2019, 1, perencana_a, pembilang=D("40"), penyebut=D("1250"),
                  bukti_catatan="SK Bupati")
        assert _tw1_di_rantai(kin_a, iku1_baru).filter(bukti_file=lama.bukti_file.name
                                                       ).count() == 2
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert realisasi(iku1_baru, 2019, 1, perencana_a) is None
    assert not _tw1_di_rantai(kin_a, iku1_baru).exists()
    assert Realisasi.history.get(id=lama.pk, history_type="-").history_change_reason == (
        "Realisasi dikosongkan")
    assert not berkas.exists() and len(callbacks) == 1  # one shared file, deleted once
    satu = selectors.realisasi_grid_baris(indikator=iku1_baru, induk="", tahun=2019, triwulan=1)
    assert satu.rekaman is None and not satu.rekaman_lama
    (g,) = selectors.capaian_dasbor(user=perencana_a, opd=kin_a.renstra.opd, tahun=2019).bagian
    assert g.sasaran[0].baris[0].triwulan[0] == "–"


def test_emptying_keeps_an_evidence_file_another_record_uses(
        kin_a, pk_a, perencana_a, settings, tmp_path, django_capture_on_commit_callbacks):
    lama, iku1_baru = _tw1_sebelum_revisi(kin_a, perencana_a, tmp_path, settings)
    iku2_baru = Indikator.objects.get(renstra=iku1_baru.renstra, asal=kin_a.iku2)
    Realisasi.objects.create(indikator=iku2_baru, tahun=2019, triwulan=1, pembilang=D("1"),
                             penyebut=D("2"), bukti_file=lama.bukti_file.name)
    with django_capture_on_commit_callbacks(execute=True):
        realisasi(iku1_baru, 2019, 1, perencana_a)
    assert not _tw1_di_rantai(kin_a, iku1_baru).exists()
    assert (tmp_path / lama.bukti_file.name).exists()


def test_grid_post_emptying_a_pre_revision_quarter_removes_it(kin_a, pk_a, perencana_a,
                                                              settings, tmp_path):
    """The row showed the old version's value; posting it emptied reaches the service and
    comes back empty, without the "diisi sebelum Perubahan Renstra" mark."""
    lama, iku1_baru = _tw1_sebelum_revisi(kin_a, perencana_a, tmp_path, settings)
    c = masuk(perencana_a, kin_a.renstra.opd)
    r = _kosongkan_tw1(c, iku1_baru, HTTP_HX_REQUEST="true")
    html = r.content.decode()
    assert r.status_code == 200 and "tersimpan" in html
    assert "diisi sebelum Perubahan Renstra" not in html and 'value="35"' not in html
    assert not _tw1_di_rantai(kin_a, iku1_baru).exists()
    grid = c.get(reverse("kinerja:realisasi-grid") + "?triwulan=1&lingkup=iku").content.decode()
    assert "diisi sebelum Perubahan Renstra" not in grid


def test_emptying_a_pre_revision_quarter_in_a_locked_year_is_refused(
        kin_a, pk_a, perencana_a, admin_user, settings, tmp_path):
    lama, iku1_baru = _tw1_sebelum_revisi(kin_a, perencana_a, tmp_path, settings)
    KunciPeriode.objects.create(opd=kin_a.renstra.opd, tahun=2019, sebab="LKjIP 2019 disetujui",
                                dikunci_oleh=admin_user, dikunci_pada=timezone.now())
    with pytest.raises(PermissionDenied, match="terkunci"):
        realisasi(iku1_baru, 2019, 1, perencana_a)
    r = _kosongkan_tw1(masuk(perencana_a, kin_a.renstra.opd), iku1_baru)
    assert r.status_code == 403 and "terkunci" in r.content.decode()
    assert list(_tw1_di_rantai(kin_a, iku1_baru)) == [lama]


def test_grid_query_count_after_a_revision(renstra_a, renstra_b, perencana_a, perencana_b):
    """Reading the quarter through the versions costs no query, whatever the rows."""
    _isi_kantor(renstra_a, 1, perencana_a)
    _isi_kantor(renstra_b, 20, perencana_b)

    def hitung(renstra, user):
        c = masuk(user, renstra.opd)
        with CaptureQueriesContext(connection) as q:
            r = c.get(reverse("kinerja:realisasi-grid") + "?triwulan=2&lingkup=semua")
        assert r.status_code == 200
        return len(q), r.content.decode().count("diisi sebelum Perubahan Renstra")

    sebelum = hitung(renstra_b, perencana_b)[0]
    for renstra, user in ((renstra_a, perencana_a), (renstra_b, perencana_b)):
        renstra_services.renstra_revise(renstra=renstra, oleh=user, alasan="Perubahan Renstra")
    assert hitung(renstra_a, perencana_a) == (sebelum, 1)
    assert hitung(renstra_b, perencana_b) == (sebelum, 20)


def test_a_pk_on_the_revised_renstra_takes_over_once_approved(kin_a, pk_a, perencana_a,
                                                             kepala_a):
    """As between PK versions: a draft does not replace the signed PK of the year."""
    setujui(pk_a, perencana_a, kepala_a)
    baru, iku1_baru = _revisi_tengah_tahun(kin_a, perencana_a)
    pk_baru = services.pk_create(opd=baru.opd, renstra=baru, tahun=2019, oleh=perencana_a,
                                 pk=PerjanjianKinerja())
    services.pk_target_update(pk=pk_baru, oleh=perencana_a, isian={
        pk_baru.baris.get(indikator=iku1_baru): {
            "target": D("2.5"), "target_atas": None, "target_teks": "",
            "alasan_target": "Target Renstra perubahan", "triwulan": {}},
    })

    def dasbor():
        (g,) = selectors.capaian_dasbor(user=perencana_a, opd=baru.opd, tahun=2019).bagian
        return g.pk, g.sasaran[0].baris[0].target.tampil

    assert dasbor() == (pk_a, "2,7")
    setujui(pk_baru, perencana_a, kepala_a)
    assert dasbor() == (pk_baru, "2,5")
    html = masuk(perencana_a, baru.opd).get(reverse("kinerja:capaian")).content.decode()
    assert "disusun pada" not in html


def test_page_is_read_only_for_head_and_inspectorate(kin_a, kepala_a, inspektur):
    for user in (kepala_a, inspektur):
        r = masuk(user, kin_a.renstra.opd).get(reverse("kinerja:capaian"))
        html = r.content.decode()
        assert r.status_code == 200 and "<form method=\"post\"" not in html.split("<main")[1]


def test_years_are_not_grouped(kin_a, perencana_a):
    html = masuk(perencana_a, kin_a.renstra.opd).get(reverse("kinerja:capaian")).content.decode()
    assert "Capaian kinerja 2019" in html and "2.019" not in html


@pytest.mark.parametrize("tahun", [2030, 2015])
def test_year_without_renstra_says_what_to_do(kin_a, perencana_a, tahun):
    r = masuk(perencana_a, kin_a.renstra.opd, tahun).get(reverse("kinerja:capaian"))
    assert f"Tidak ada Renstra berlaku yang memuat target tahun {tahun}" in r.content.decode()
