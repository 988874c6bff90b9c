"""Report pages: another office's object 404, wrong role 403, POST-only 405, CSRF; the
happy paths save through the services and redirect."""

import pytest
from django.urls import reverse

from laporan.models import AsetSarana, BarisSdm, LaporanKinerja, NarasiAnalisis, Prestasi
from sakip.middleware import SESSION_OPD, SESSION_TAHUN
from tests.conftest import login

from .conftest import kantor_kecil


def _klien(user, opd=None, tahun=2019):
    c = login(user)
    if opd is not None:
        s = c.session
        s[SESSION_OPD], s[SESSION_TAHUN] = opd.pk, tahun
        s.save()
    return c


@pytest.fixture
def kantor(opd_a):
    return kantor_kecil(opd_a, jumlah_iku=1)


def _url_baca(k) -> list[str]:
    lp, ind = k.laporan.pk, k.iku[0].pk
    return [
        reverse("laporan:lkjip-detail", args=[lp]),
        reverse("laporan:lkjip-pdf", args=[lp]),
        reverse("laporan:lkjip-xlsx", args=[lp]),
        reverse("laporan:pk-pdf", args=[k.pk.pk]),
        reverse("laporan:triwulan-xlsx", args=["dinas-a", 2019]),
        reverse("laporan:renstra-xlsx", args=[k.renstra.pk]),
        reverse("laporan:lkjip-bagian", args=[lp, "pendahuluan"]),
        reverse("laporan:lkjip-sdm", args=[lp]),
        reverse("laporan:lkjip-aset", args=[lp]),
        reverse("laporan:lkjip-prestasi", args=[lp]),
        reverse("laporan:narasi-ubah", args=[lp, ind, "target"]),
    ]


URL_UBAH = {"lkjip-bagian", "lkjip-sdm", "lkjip-aset", "lkjip-prestasi", "narasi-ubah"}


def test_another_office_gets_404_everywhere(kantor, perencana_b):
    c = _klien(perencana_b)
    for url in _url_baca(kantor):
        assert c.get(url).status_code == 404, url
    perbarui = reverse("laporan:narasi-perbarui", args=[kantor.laporan.pk])
    assert c.post(perbarui).status_code == 404


def test_readers_read_but_do_not_edit(kantor, kepala_a, inspektur):
    for user in (kepala_a, inspektur):
        c = _klien(user)
        for url in _url_baca(kantor):
            nama = url.split("/")[-3] if "narasi" in url else url
            r = c.get(url)
            ubah = any(k in url for k in ("/ubah/", "/pegawai/", "/sarana/", "/prestasi/",
                                          "/narasi/"))
            assert r.status_code == (403 if ubah else 200), (user, nama)
        assert c.post(reverse("laporan:narasi-perbarui",
                              args=[kantor.laporan.pk])).status_code == 403


def test_downloads_are_files(kantor, kepala_a):
    c = _klien(kepala_a)
    r = c.get(reverse("laporan:lkjip-pdf", args=[kantor.laporan.pk]))
    assert r["Content-Type"] == "application/pdf" and r.content.startswith(b"%PDF")
    assert 'filename="LKjIP-dinas-a-2019.pdf"' in r["Content-Disposition"]
    r = c.get(reverse("laporan:lkjip-xlsx", args=[kantor.laporan.pk]))
    assert r.content.startswith(b"PK") and "spreadsheetml" in r["Content-Type"]


def test_year_without_data_is_404(opd_a, kepala_a):
    kantor_kecil(opd_a, jumlah_iku=1)
    c = _klien(kepala_a)
    assert c.get(reverse("laporan:triwulan-pdf", args=["dinas-a", 2030])).status_code == 404
    lama = LaporanKinerja.objects.create(opd=opd_a, tahun=2030)
    assert c.get(reverse("laporan:lkjip-detail", args=[lama.pk])).status_code == 404


def test_post_only_views_refuse_get(kantor, perencana_a):
    c = _klien(perencana_a, kantor.laporan.opd)
    assert c.get(reverse("laporan:lkjip-create")).status_code == 405
    assert c.get(reverse("laporan:narasi-perbarui",
                         args=[kantor.laporan.pk])).status_code == 405


def test_create_needs_the_planner(opd_a, kepala_a, perencana_a):
    kantor_kecil(opd_a, jumlah_iku=1).laporan.delete()
    url = reverse("laporan:lkjip-create")
    assert _klien(kepala_a, opd_a).post(url, {"tahun": 2019}).status_code == 403
    r = _klien(perencana_a, opd_a).post(url, {"tahun": 2019})
    laporan = LaporanKinerja.objects.get(opd=opd_a, tahun=2019)
    assert r.status_code == 302 and r["Location"] == reverse("laporan:lkjip-detail",
                                                              args=[laporan.pk])
    assert laporan.status == "draft"
    # Twice is refused with a message, nothing duplicated.
    _klien(perencana_a, opd_a).post(url, {"tahun": 2019})
    assert LaporanKinerja.objects.filter(opd=opd_a, tahun=2019).count() == 1


def test_csrf_is_enforced(kantor, perencana_a, csrf_client_for):
    c = csrf_client_for(perencana_a)
    url = reverse("laporan:lkjip-bagian", args=[kantor.laporan.pk, "penutup"])
    assert c.post(url, {"penutup": "Tanpa token."}).status_code == 403
    c.get(url)
    token = c.cookies["csrftoken"].value
    r = c.post(url, {"penutup": "Dengan token.", "csrfmiddlewaretoken": token})
    assert r.status_code == 302
    kantor.laporan.refresh_from_db()
    assert kantor.laporan.penutup == "Dengan token."


def test_planner_edits_sections_tables_and_texts(kantor, perencana_a):
    c = _klien(perencana_a, kantor.laporan.opd)
    lp = kantor.laporan.pk
    r = c.post(reverse("laporan:lkjip-bagian", args=[lp, "pengaturan"]), {
        "tempat": "Contoh", "tanggal": "2020-01-31", "penandatangan_nama": "Kepala A",
        "penandatangan_jabatan": "Kepala Dinas A", "penandatangan_pangkat": "Pembina",
        "penandatangan_nip": "19700101 199001 1 001", "kertas": "F4"})
    assert r.status_code == 302, r.context["form"].errors
    kantor.laporan.refresh_from_db()
    assert (kantor.laporan.kertas, str(kantor.laporan.tanggal)) == ("F4", "2020-01-31")
    bad = c.post(reverse("laporan:lkjip-bagian", args=[lp, "pengaturan"]), {
        "penandatangan_nip": "123", "kertas": "A4"})
    assert bad.status_code == 200 and "NIP terdiri dari 18 angka" in bad.content.decode()

    data = {f"{k}-TOTAL_FORMS": "3" for k, _ in BarisSdm.Kelompok.choices}
    data |= {f"{k}-INITIAL_FORMS": "0" for k, _ in BarisSdm.Kelompok.choices}
    data |= {"pendidikan-0-uraian": "S1", "pendidikan-0-jumlah": "28",
             "pendidikan-1-uraian": "S2", "pendidikan-1-jumlah": "12"}
    assert c.post(reverse("laporan:lkjip-sdm", args=[lp]), data).status_code == 302
    assert list(BarisSdm.objects.filter(laporan=kantor.laporan).values_list(
        "uraian", "jumlah")) == [("S1", 28), ("S2", 12)]

    r = c.post(reverse("laporan:lkjip-aset", args=[lp]), {
        "baris-TOTAL_FORMS": "1", "baris-INITIAL_FORMS": "0",
        "baris-0-nama": "Mobil", "baris-0-tahun_perolehan": "1992–2014",
        "baris-0-rusak_berat": "1", "baris-0-kurang_baik": "1", "baris-0-baik": "6"})
    assert r.status_code == 302 and AsetSarana.objects.get().nama == "Mobil"

    r = c.post(reverse("laporan:lkjip-prestasi", args=[lp]), {
        "baris-TOTAL_FORMS": "1", "baris-INITIAL_FORMS": "0", "baris-0-nama": "Bakti Koperasi",
        "baris-0-tingkat": "nasional", "baris-0-tanggal": "2019-07-11"})
    assert r.status_code == 302 and Prestasi.objects.get().tingkat == "nasional"

    url = reverse("laporan:narasi-ubah", args=[lp, kantor.iku[0].pk, "penyebab"])
    assert c.post(url, {"teks": "Penyebab menurut staf."}).status_code == 302
    assert NarasiAnalisis.objects.get(jenis="penyebab").diubah
    r = c.get(reverse("laporan:lkjip-detail", args=[lp]))
    assert "Penyebab menurut staf." in r.content.decode() and "diubah staf" in r.content.decode()


def test_submitted_report_is_locked(kantor, perencana_a):
    LaporanKinerja.objects.filter(pk=kantor.laporan.pk).update(status="diajukan")
    c = _klien(perencana_a)
    url = reverse("laporan:lkjip-bagian", args=[kantor.laporan.pk, "penutup"])
    assert c.get(url).status_code == 403


def test_logo_only_for_pemda_admin(kantor, perencana_a, admin_user):
    assert _klien(perencana_a, kantor.laporan.opd).get(
        reverse("laporan:logo")).status_code == 403
    assert _klien(admin_user, kantor.laporan.opd).get(
        reverse("laporan:logo")).status_code == 200


def test_index_lists_the_offices_reports(kantor, perencana_a):
    r = _klien(perencana_a, kantor.laporan.opd).get(reverse("laporan:index"))
    isi = r.content.decode()
    assert r.status_code == 200
    assert reverse("laporan:lkjip-detail", args=[kantor.laporan.pk]) in isi
    assert reverse("laporan:pk-pdf", args=[kantor.pk.pk]) in isi
    assert "2.019" not in isi


def test_the_report_page_starts_the_pdf_workers_ahead(kantor, perencana_a, perencana_b,
                                                      monkeypatch):
    """Before the download: the workers' start-up is not added to the first one's wait.
    Another office's page (404) starts nothing."""
    from laporan import pdf

    dipanggil = []
    monkeypatch.setattr(pdf, "kolam_siapkan", lambda: dipanggil.append(1))
    url = reverse("laporan:lkjip-detail", args=[kantor.laporan.pk])
    assert _klien(perencana_b).get(url).status_code == 404
    assert dipanggil == []
    assert _klien(perencana_a).get(url).status_code == 200
    assert dipanggil == [1]
