"""Every mutating kinerja URL for every persona: another office's object is 404, the wrong
role or a locked PK is 403, GET on a POST-only URL is 405, CSRF is enforced; then the
happy path of each and the messages of bad input.

`URL` lists each mutating URL once; the access tests run over all of them, so a new view
that forgets its scope or rule check fails here.
"""

from dataclasses import dataclass
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from django.urls import reverse

from kinerja import services
from kinerja.models import (
    AnalisisIndikator,
    BarisPk,
    PerjanjianKinerja,
    ProgramPk,
    Realisasi,
    StatusPk,
    TargetTriwulan,
)
from renstra.models import Indikator
from sakip.middleware import SESSION_OPD, SESSION_TAHUN
from tests.conftest import login
from tests.factories import IndikatorFactory, TargetRenstraFactory

D = Decimal


@pytest.fixture
def ns(kin_a, pk_a, kin_b, pk_b):
    return SimpleNamespace(a=kin_a, pk=pk_a, b=kin_b, pk_b=pk_b)


def masuk(user, opd=None, tahun=2019):
    """A logged-in client working on `opd` (the navbar switcher) in `tahun`."""
    c = login(user)
    s = c.session
    if opd is not None:
        s[SESSION_OPD] = opd.pk
    s[SESSION_TAHUN] = tahun
    s.save()
    return c


def ajukan(pk, oleh):
    services.pk_submit(pk=pk, oleh=oleh)


def setujui(pk, perencana, kepala):
    services.pk_submit(pk=pk, oleh=perencana)
    services.pk_approve(pk=pk, oleh=kepala)


@dataclass(frozen=True)
class Url:
    name: str
    args: Any  # ns → URL args
    data: Any  # ns → POST data of the happy path
    penulis: str = "perencana"  # the role that may do it
    hanya_post: bool = True
    status: str = StatusPk.DRAFT  # the PK state the action needs
    query: Any = None  # ns → query string

    def alamat(self, ns) -> str:
        return reverse(f"kinerja:{self.name}", args=self.args(ns)) + (
            self.query(ns) if self.query else "")


def _baris(ns):
    return ns.pk.baris.order_by("urutan").first()


def _target(ns):
    b1, b2 = ns.pk.baris.order_by("urutan")
    return {f"b{b1.pk}-target": "2,7", f"b{b1.pk}-tw1": "2,3",
            f"b{b2.pk}-target": "0,05", f"b{b2.pk}-tw4": "0,05"}


def _program(ns):
    p = ns.pk.program.get()
    return {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "1", "form-0-id": p.pk,
            "form-0-urutan": "1", "form-0-program": ns.a.program.pk,
            "form-0-anggaran": "943.044.350,00", "form-0-keterangan": "APBD",
            "form-1-urutan": "0", "form-1-anggaran": "", "form-1-keterangan": ""}


URL = [
    Url("pk-update", lambda ns: [ns.pk.pk], lambda ns: {"tempat": "Malang"}, hanya_post=False),
    Url("pk-target", lambda ns: [ns.pk.pk], _target, hanya_post=False),
    Url("pk-baris-add", lambda ns: [ns.pk.pk],
        lambda ns: {"indikator": ns.a.ind_program.pk}),
    Url("pk-baris-delete", lambda ns: [_baris(ns).pk], lambda ns: {}),
    Url("pk-program", lambda ns: [ns.pk.pk], _program, hanya_post=False),
    Url("pk-submit", lambda ns: [ns.pk.pk], lambda ns: {}),
    Url("pk-approve", lambda ns: [ns.pk.pk], lambda ns: {}, penulis="kepala",
        status=StatusPk.DIAJUKAN),
    Url("pk-return", lambda ns: [ns.pk.pk], lambda ns: {"catatan": "Perbaiki target"},
        penulis="kepala", status=StatusPk.DIAJUKAN),
    Url("pk-revise", lambda ns: [ns.pk.pk], lambda ns: {"alasan": "Refocusing anggaran 2019"},
        status=StatusPk.DISETUJUI),
    Url("realisasi-update", lambda ns: [ns.a.iku1.pk, 2019, 4],
        lambda ns: {f"r{ns.a.iku1.pk}-pembilang": "35", f"r{ns.a.iku1.pk}-penyebut": "1.316"}),
    Url("analisis", lambda ns: [2019],
        lambda ns: {"solusi": "Bimbingan teknis berkelanjutan"}, hanya_post=False,
        query=lambda ns: f"?indikator={ns.a.iku1.pk}"),
]
IDS = [u.name for u in URL]


def _keadaan(u: Url, ns, perencana_a, kepala_a) -> None:
    if u.status == StatusPk.DIAJUKAN:
        ajukan(ns.pk, perencana_a)
    elif u.status == StatusPk.DISETUJUI:
        setujui(ns.pk, perencana_a, kepala_a)


def _ke_kantor_b(ns) -> SimpleNamespace:
    """The fixtures with office B's objects where office A's were."""
    return SimpleNamespace(a=ns.b, pk=ns.pk_b, b=ns.a, pk_b=ns.pk)


@pytest.mark.parametrize("u", URL, ids=IDS)
def test_other_office_gets_404(u, ns, perencana_a, kepala_a, perencana_b):
    _keadaan(u, ns, perencana_a, kepala_a)
    c = masuk(perencana_a, ns.a.renstra.opd)
    r = c.post(u.alamat(_ke_kantor_b(ns)), u.data(_ke_kantor_b(ns)))
    assert r.status_code == 404


@pytest.mark.parametrize("u", URL, ids=IDS)
def test_wrong_role_gets_403(u, ns, perencana_a, kepala_a, inspektur):
    _keadaan(u, ns, perencana_a, kepala_a)
    salah = [inspektur, kepala_a if u.penulis == "perencana" else perencana_a]
    for user in salah:
        r = masuk(user, ns.a.renstra.opd).post(u.alamat(ns), u.data(ns))
        assert r.status_code == 403, user


@pytest.mark.parametrize("u", [u for u in URL if u.hanya_post], ids=lambda u: u.name)
def test_get_on_post_only_url_is_405(u, ns, perencana_a, kepala_a):
    _keadaan(u, ns, perencana_a, kepala_a)
    user = perencana_a if u.penulis == "perencana" else kepala_a
    r = masuk(user, ns.a.renstra.opd).get(u.alamat(ns))
    assert r.status_code == 405


@pytest.mark.parametrize("u", [u for u in URL if u.name.startswith("pk-") and u.penulis ==
                               "perencana" and u.status == StatusPk.DRAFT], ids=lambda u: u.name)
def test_locked_pk_gets_403(u, ns, perencana_a, kepala_a):
    setujui(ns.pk, perencana_a, kepala_a)
    r = masuk(perencana_a, ns.a.renstra.opd).post(u.alamat(ns), u.data(ns))
    assert r.status_code == 403


@pytest.mark.parametrize("u", URL, ids=IDS)
def test_happy_path_redirects_or_returns_the_row(u, ns, perencana_a, kepala_a):
    _keadaan(u, ns, perencana_a, kepala_a)
    user = perencana_a if u.penulis == "perencana" else kepala_a
    r = masuk(user, ns.a.renstra.opd).post(u.alamat(ns), u.data(ns))
    assert r.status_code == 302, r.content.decode()[:2000]


# --- what the happy paths wrote -----------------------------------------------------------


def test_pk_create_page_and_post(kin_a, perencana_a):
    c = masuk(perencana_a, kin_a.renstra.opd)
    r = c.get(reverse("kinerja:pk-create"))
    assert r.status_code == 200 and 'value="2019"' in r.content.decode()
    r = c.post(reverse("kinerja:pk-create"), {
        "renstra": kin_a.renstra.pk, "tahun": "2019", "tempat": "Contoh",
        "pihak_pertama_nip": "19590531 198603 2 004",
    })
    pk = PerjanjianKinerja.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("kinerja:pk-detail", args=[pk.pk])
    assert pk.baris.count() == 2 and pk.pihak_pertama_nip == "19590531 198603 2 004"


def test_pk_create_refuses_a_year_outside_the_renstra(kin_a, perencana_a):
    c = masuk(perencana_a, kin_a.renstra.opd)
    r = c.post(reverse("kinerja:pk-create"), {"renstra": kin_a.renstra.pk, "tahun": "2023"})
    assert r.status_code == 200
    assert "Tahun 2023 di luar periode target Renstra 2016–2021" in r.content.decode()
    assert not PerjanjianKinerja.objects.exists()


def test_pk_create_needs_a_planner(kin_a, kepala_a):
    r = masuk(kepala_a, kin_a.renstra.opd).post(reverse("kinerja:pk-create"),
                                                {"renstra": kin_a.renstra.pk, "tahun": "2019"})
    assert r.status_code == 403


def test_pk_create_never_reaches_another_office(kin_a, kin_b, perencana_b):
    # The office comes from the user's own scope, never from the form.
    c = masuk(perencana_b, kin_a.renstra.opd)
    c.post(reverse("kinerja:pk-create"), {"renstra": kin_a.renstra.pk, "tahun": "2019"})
    assert not PerjanjianKinerja.objects.filter(opd=kin_a.renstra.opd).exists()


def test_target_page_saves_targets_and_quarters(ns, perencana_a):
    masuk(perencana_a).post(reverse("kinerja:pk-target", args=[ns.pk.pk]), _target(ns))
    b1 = _baris(ns)
    assert TargetTriwulan.objects.get(baris=b1).nilai == D("2.3")


def test_target_page_change_without_reason_shows_message_and_saves_nothing(ns, perencana_a):
    data = _target(ns)
    b1 = _baris(ns)
    data[f"b{b1.pk}-target"] = "3"
    r = masuk(perencana_a).post(reverse("kinerja:pk-target", args=[ns.pk.pk]), data)
    html = r.content.decode()
    assert r.status_code == 200
    assert "Target berbeda dari target Renstra tahun ini: tuliskan alasannya." in html
    assert "Belum ada yang disimpan" in html
    assert BarisPk.objects.get(pk=b1.pk).target == D("2.7")
    assert not TargetTriwulan.objects.exists()


def test_target_page_text_in_a_number_field(ns, perencana_a):
    data = _target(ns)
    data[f"b{_baris(ns).pk}-tw2"] = "dua koma tiga"
    r = masuk(perencana_a).post(reverse("kinerja:pk-target", args=[ns.pk.pk]), data)
    assert "&#x27;dua koma tiga&#x27; bukan angka" in r.content.decode()
    assert not TargetTriwulan.objects.exists()


def test_program_page_reads_indonesian_money(ns, perencana_a):
    masuk(perencana_a).post(reverse("kinerja:pk-program", args=[ns.pk.pk]), _program(ns))
    assert ProgramPk.objects.get(perjanjian=ns.pk).anggaran == D("943044350.00")


def test_transitions_through_the_pages(ns, perencana_a, kepala_a):
    c_p, c_k = masuk(perencana_a), masuk(kepala_a)
    c_p.post(reverse("kinerja:pk-submit", args=[ns.pk.pk]))
    r = c_k.post(reverse("kinerja:pk-return", args=[ns.pk.pk]), {"catatan": ""})
    assert PerjanjianKinerja.objects.get(pk=ns.pk.pk).status == StatusPk.DIAJUKAN
    assert "Tuliskan catatan" in c_k.get(r["Location"]).content.decode()
    c_k.post(reverse("kinerja:pk-approve", args=[ns.pk.pk]))
    assert PerjanjianKinerja.objects.get(pk=ns.pk.pk).status == StatusPk.DISETUJUI
    r = c_p.post(reverse("kinerja:pk-revise", args=[ns.pk.pk]), {"alasan": "Refocusing 2019"})
    baru = PerjanjianKinerja.objects.get(versi=1, opd=ns.pk.opd)
    assert r["Location"] == reverse("kinerja:pk-detail", args=[baru.pk])
    lama = c_p.get(reverse("kinerja:pk-detail", args=[ns.pk.pk])).content.decode()
    assert "sudah digantikan" in lama  # the old version stays readable


def test_detail_shows_actions_by_role(ns, perencana_a, kepala_a, inspektur):
    url = reverse("kinerja:pk-detail", args=[ns.pk.pk])
    assert "Ajukan ke kepala" in masuk(perencana_a).get(url).content.decode()
    ajukan(ns.pk, perencana_a)
    assert "Setujui" in masuk(kepala_a).get(url).content.decode()
    html = masuk(inspektur).get(url).content.decode()
    assert "Setujui" not in html and "Ajukan ke kepala" not in html


# --- realisation grid ---------------------------------------------------------------------


def _htmx(client, url, data):
    return client.post(url, data, HTTP_HX_REQUEST="true")


def test_grid_row_save_returns_the_row_with_capaian(ns, perencana_a):
    ind = ns.a.iku1
    url = reverse("kinerja:realisasi-update", args=[ind.pk, 2019, 4])
    r = _htmx(masuk(perencana_a), url, {f"r{ind.pk}-pembilang": "35",
                                        f"r{ind.pk}-penyebut": "1.316"})
    html = r.content.decode()
    assert r.status_code == 200 and html.lstrip().startswith(f'<tr id="r{ind.pk}"')
    assert "101,48%" in html and "tersimpan" in html
    assert "(2 × 2,7 − 2,66) / 2,7 × 100% = 101,48%" in html  # the formula on hover
    assert Realisasi.objects.get().nilai == D("2.66")


@pytest.mark.parametrize(("nama", "tampil"), [
    (("Rina", "Wahyuningtyas"), "Rina Wahyuningtyas"), (("", ""), None)])
def test_grid_row_names_who_filled_it_in(ns, perencana_a, nama, tampil):
    perencana_a.first_name, perencana_a.last_name = nama
    perencana_a.save()
    ind = ns.a.iku1
    r = _htmx(masuk(perencana_a), reverse("kinerja:realisasi-update", args=[ind.pk, 2019, 4]),
              {f"r{ind.pk}-nilai": "2,66"})
    html = r.content.decode()
    tampil = tampil or perencana_a.username
    assert f'<div class="small text-muted" title="{perencana_a.username}, ' in html
    assert f">{tampil}</div>" in html


@pytest.mark.parametrize(("isian", "kutipan"), [
    ({"nilai": "dua"}, "&#x27;dua&#x27; bukan angka"),
    ({"nilai": "-1"}, "tidak boleh bernilai negatif"),
    ({"pembilang": "5", "penyebut": "0"}, "Penyebut tidak boleh 0."),
    ({"nilai": "1.234,5"}, ""),  # valid: Indonesian thousands and decimals
])
def test_grid_row_bad_input_returns_200_with_message(ns, perencana_a, isian, kutipan):
    ind = ns.a.iku1
    data = {f"r{ind.pk}-{k}": v for k, v in isian.items()}
    r = _htmx(masuk(perencana_a), reverse("kinerja:realisasi-update", args=[ind.pk, 2019, 2]),
              data)
    assert r.status_code == 200
    if kutipan:
        assert kutipan in r.content.decode() and "belum disimpan" in r.content.decode()
        assert not Realisasi.objects.exists()
    else:
        assert Realisasi.objects.get().nilai == D("1234.5")


def test_grid_row_year_outside_the_renstra(ns, perencana_a):
    ind = ns.a.iku1
    r = _htmx(masuk(perencana_a), reverse("kinerja:realisasi-update", args=[ind.pk, 2030, 1]),
              {f"r{ind.pk}-nilai": "1"})
    assert "Tahun 2030 di luar periode Renstra 2016–2021" in r.content.decode()
    assert not Realisasi.objects.exists()


def test_grid_row_quarter_outside_1_to_4(ns, perencana_a):
    ind = ns.a.iku1
    r = masuk(perencana_a).post(reverse("kinerja:realisasi-update", args=[ind.pk, 2019, 5]),
                                {f"r{ind.pk}-nilai": "1"})
    assert r.status_code == 400 and "Triwulan harus 1 sampai 4" in r.content.decode()
    assert not Realisasi.objects.exists()


def test_grid_row_qualitative_value_outside_the_scale(ns, perencana_a):
    ind = IndikatorFactory(sasaran=ns.a.sasaran, is_iku=True, satuan="opini",
                           jenis_target=Indikator.JenisTarget.KUALITATIF,
                           skala_kualitatif=["TMP", "TW", "WDP", "WTP"])
    TargetRenstraFactory(indikator=ind, tahun=2019, nilai=None, nilai_teks="WTP")
    r = _htmx(masuk(perencana_a), reverse("kinerja:realisasi-update", args=[ind.pk, 2019, 4]),
              {f"r{ind.pk}-nilai_teks": "Baik"})
    assert "&#x27;Baik&#x27; tidak ada dalam skala (TMP, TW, WDP, WTP)." in r.content.decode()
    assert not Realisasi.objects.exists()
    r = _htmx(masuk(perencana_a), reverse("kinerja:realisasi-update", args=[ind.pk, 2019, 4]),
              {f"r{ind.pk}-nilai_teks": "WDP"})
    assert "75,00%" in r.content.decode()  # WDP = 3 of 4 on the ordinal scale


def test_grid_without_htmx_redirects_back(ns, perencana_a):
    ind = ns.a.iku1
    r = masuk(perencana_a).post(reverse("kinerja:realisasi-update", args=[ind.pk, 2019, 4]),
                                {f"r{ind.pk}-nilai": "2,66"})
    assert r.status_code == 302 and r["Location"].startswith(reverse("kinerja:realisasi-grid"))


def test_grid_page_for_planner_and_read_only_for_head(ns, perencana_a, kepala_a, inspektur):
    url = reverse("kinerja:realisasi-grid") + "?triwulan=4&lingkup=semua"
    html = masuk(perencana_a, ns.a.renstra.opd).get(url).content.decode()
    assert f'hx-post="{reverse("kinerja:realisasi-update", args=[ns.a.iku1.pk, 2019, 4])}"' in html
    assert "Persentase koperasi dibina" in html  # "semua" includes programme indicators
    for user in (kepala_a, inspektur):
        html = masuk(user, ns.a.renstra.opd).get(url).content.decode()
        assert "hx-post" not in html and "hanya baca" in html


def test_grid_bad_quarter_in_the_address(ns, perencana_a):
    r = masuk(perencana_a, ns.a.renstra.opd).get(reverse("kinerja:realisasi-grid") + "?triwulan=7")
    assert r.status_code == 200 and "Triwulan harus 1 sampai 4." in r.content.decode()


# --- CSRF ---------------------------------------------------------------------------------


def _token(c, url):
    c.get(url)
    return c.cookies["csrftoken"].value


def test_csrf_is_enforced_on_pk_forms(ns, perencana_a, csrf_client_for):
    c = csrf_client_for(perencana_a)
    url = reverse("kinerja:pk-update", args=[ns.pk.pk])
    assert c.post(url, {"tempat": "Malang"}).status_code == 403
    token = _token(c, url)
    assert c.post(url, {"tempat": "Malang", "csrfmiddlewaretoken": token}).status_code == 302


def test_csrf_is_enforced_on_transitions(ns, perencana_a, csrf_client_for):
    c = csrf_client_for(perencana_a)
    url = reverse("kinerja:pk-submit", args=[ns.pk.pk])
    assert c.post(url).status_code == 403
    assert PerjanjianKinerja.objects.get(pk=ns.pk.pk).status == StatusPk.DRAFT
    token = _token(c, reverse("kinerja:pk-detail", args=[ns.pk.pk]))
    assert c.post(url, {"csrfmiddlewaretoken": token}).status_code == 302


def test_csrf_is_enforced_on_htmx_rows(ns, perencana_a, csrf_client_for):
    ind = ns.a.iku1
    c = csrf_client_for(perencana_a)
    url = reverse("kinerja:realisasi-update", args=[ind.pk, 2019, 4])
    assert _htmx(c, url, {f"r{ind.pk}-nilai": "2,66"}).status_code == 403
    token = _token(c, reverse("kinerja:realisasi-grid"))
    # htmx sends the token as a header (hx-headers on <body>).
    r = c.post(url, {f"r{ind.pk}-nilai": "2,66"}, HTTP_HX_REQUEST="true",
               HTTP_X_CSRFTOKEN=token)
    assert r.status_code == 200 and Realisasi.objects.exists()


# --- analysis and evidence ----------------------------------------------------------------


def test_analysis_page_saves_and_is_read_only_for_the_head(ns, perencana_a, kepala_a):
    url = reverse("kinerja:analisis", args=[2019]) + f"?indikator={ns.a.iku1.pk}"
    masuk(perencana_a).post(url, {"solusi": "Bimbingan teknis", "standar_nasional": "2,5",
                                  "standar_nasional_sumber": "RPJMN 2020–2024"})
    a = AnalisisIndikator.objects.get()
    assert (a.solusi, a.standar_nasional) == ("Bimbingan teknis", D("2.5"))
    html = masuk(kepala_a).get(url).content.decode()
    assert "Hanya baca" in html and "disabled" in html


def test_analysis_national_standard_needs_a_source(ns, perencana_a):
    r = masuk(perencana_a).post(reverse("kinerja:analisis", args=[2019])
                                + f"?indikator={ns.a.iku1.pk}",
                                {"standar_nasional": "2,5"})
    assert "Sebutkan sumber standar nasional." in r.content.decode()
    assert not AnalisisIndikator.objects.exists()


def test_evidence_file_only_through_the_users_scope(ns, perencana_a, perencana_b, settings,
                                                     tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    ind = ns.a.iku1
    _htmx(masuk(perencana_a), reverse("kinerja:realisasi-update", args=[ind.pk, 2019, 4]), {
        f"r{ind.pk}-nilai": "2,66",
        f"r{ind.pk}-bukti_file": SimpleUploadedFile("bukti.pdf", b"%PDF-1.4"),
    })
    url = reverse("kinerja:realisasi-bukti", args=[Realisasi.objects.get().pk])
    r = masuk(perencana_a).get(url)
    assert r.status_code == 200 and b"".join(r.streaming_content) == b"%PDF-1.4"
    assert masuk(perencana_b).get(url).status_code == 404
