"""Every Renstra page for every persona: who may read, who may write, what reaches the DB.

The URL tables below list each mutating URL once; the access tests run over all of them,
so a new view that forgets its scope or rule check fails here.
"""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from renstra import services
from renstra.models import (
    Indikator,
    Kegiatan,
    Misi,
    Program,
    Renstra,
    Sasaran,
    SubKegiatan,
    TargetRenstra,
    Tujuan,
)
from tests.conftest import login
from tests.factories import (
    IndikatorFactory,
    KegiatanFactory,
    ProgramFactory,
    SasaranFactory,
    TargetRenstraFactory,
    TujuanFactory,
)

MODEL = (Renstra, Misi, Tujuan, Sasaran, Program, Kegiatan, SubKegiatan, Indikator, TargetRenstra)


def jejak() -> dict[str, tuple[int, int]]:
    """Rows and history rows of every Renstra table: any create, change or delete moves it."""
    return {m.__name__: (m.objects.count(), m.history.count()) for m in MODEL}


@pytest.fixture
def pohon_a(renstra_a):
    """A draft Renstra of office A with one node on every level and a sasaran indicator."""
    renstra_a.status = Renstra.Status.DRAFT
    renstra_a.save()
    misi = Misi.objects.create(renstra=renstra_a, nomor=1, teks="Misi satu")
    tujuan = TujuanFactory(renstra=renstra_a, misi=misi)
    sasaran = SasaranFactory(tujuan=tujuan)
    program = ProgramFactory(sasaran=sasaran, kode="2.17.03")
    kegiatan = KegiatanFactory(program=program, kode="2.17.03.2.01")
    sub = SubKegiatan.objects.create(kegiatan=kegiatan, kode="2.17.03.2.01.0001",
                                     nama="Sub kegiatan satu")
    indikator = IndikatorFactory(sasaran=sasaran)
    TargetRenstraFactory(indikator=indikator, tahun=2019)
    return SimpleNamespace(renstra=renstra_a, misi=misi, tujuan=tujuan, sasaran=sasaran,
                           program=program, kegiatan=kegiatan, sub_kegiatan=sub,
                           indikator=indikator)


def data_indikator(**lain: str) -> dict[str, str]:
    data = {
        "urutan": "1", "nama": "Persentase koperasi sehat", "satuan": "%", "jenis": "hasil",
        "polaritas": "naik", "cara_agregasi": "akhir", "desimal": "2", "jenis_target": "angka",
        "jenis_rumus": "langsung", "frekuensi": "Triwulanan",
        "aturan_kondisi_akhir": "terakhir", "kondisi_awal": "2,5",
        "t2019-nilai": "2,7", "t2019-pagu": "1.099.585.400",
    }
    data.update(lain)
    return data


NODE = ("misi", "tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan")
INDUK = {"misi": "renstra", "tujuan": "renstra", "sasaran": "tujuan", "program": "sasaran",
         "kegiatan": "program", "sub_kegiatan": "kegiatan"}
DATA_NODE = {
    "misi": {"nomor": "2", "teks": "Misi dua"},
    "tujuan": {"urutan": "2", "nama": "Tujuan dua"},
    "sasaran": {"urutan": "2", "nama": "Sasaran dua", "strategi": "Strategi dua",
                "arah_kebijakan": "Arah kebijakan dua"},
    "program": {"urutan": "2", "kode": "2.17.04", "nama": "Program dua"},
    "kegiatan": {"urutan": "2", "kode": "2.17.03.2.02", "nama": "Kegiatan dua"},
    "sub_kegiatan": {"urutan": "2", "kode": "2.17.03.2.01.0002", "nama": "Sub kegiatan dua"},
}


def _url(nama, *args):
    return lambda p: reverse(f"renstra:{nama}", args=[a(p) if callable(a) else a for a in args])


def _tabel_ubah() -> dict:
    """Every mutating URL of office A: label → (URL from the tree, valid POST data)."""
    pk = {level: (lambda p, level=level: getattr(p, level).pk) for level in (*NODE, "renstra",
                                                                              "indikator")}
    tabel = {
        "renstra-update": (_url("renstra-update", pk["renstra"]),
                           {"tahun_kondisi_awal": "2016", "visi": "Visi baru"}),
        "renstra-revise": (_url("renstra-revise", pk["renstra"]),
                           {"alasan": "Penyesuaian dengan RPJMD perubahan"}),
        "renstra-set-berlaku": (_url("renstra-set-berlaku", pk["renstra"]), {}),
        "indikator-update": (_url("indikator-update", pk["indikator"]), data_indikator()),
        "hapus-indikator": (_url("node-delete", "indikator", pk["indikator"]), {}),
    }
    for level in NODE:
        tabel[f"tambah-{level}"] = (_url("node-create", level, pk[INDUK[level]]),
                                    DATA_NODE[level])
        tabel[f"ubah-{level}"] = (_url("node-update", level, pk[level]), DATA_NODE[level])
        tabel[f"hapus-{level}"] = (_url("node-delete", level, pk[level]), {})
        if level != "misi":
            tabel[f"indikator-{level}"] = (_url("indikator-create", level, pk[level]),
                                           data_indikator())
    return tabel


UBAH = _tabel_ubah()
POST_SAJA = {"renstra-revise", "renstra-set-berlaku"}
BACA = {
    "renstra-detail": _url("renstra-detail", lambda p: p.renstra.pk),
    "renstra-matriks": _url("renstra-matriks", lambda p: p.renstra.pk),
}


# --- access -------------------------------------------------------------------------------

@pytest.mark.parametrize("label", [*UBAH, *BACA, "renstra-list", "renstra-create"])
def test_anonim_dialihkan_ke_halaman_masuk(client, pohon_a, label):
    if label in UBAH:
        url = UBAH[label][0](pohon_a)
    elif label in BACA:
        url = BACA[label](pohon_a)
    else:
        url = reverse(f"renstra:{label}")
    sebelum = jejak()
    for r in (client.get(url), client.post(url, UBAH.get(label, (None, {}))[1])):
        assert r.status_code == 302
        assert r.url.startswith(reverse("login") + "?next=")
    assert jejak() == sebelum


@pytest.mark.parametrize("persona", ["perencana_a", "admin_user"])
@pytest.mark.parametrize("label", UBAH)
def test_perencana_dan_admin_dapat_mengubah(request, pohon_a, persona, label):
    c = login(request.getfixturevalue(persona))
    url, data = UBAH[label]
    if label not in POST_SAJA:
        assert c.get(url(pohon_a)).status_code == 200
    sebelum = jejak()
    r = c.post(url(pohon_a), data)
    assert r.status_code == 302, r.content.decode()[:2000]
    assert jejak() != sebelum


@pytest.mark.parametrize("persona", ["kepala_a", "inspektur"])
@pytest.mark.parametrize("label", UBAH)
def test_kepala_dan_inspektorat_ditolak_403(request, pohon_a, persona, label):
    c = login(request.getfixturevalue(persona))
    url, data = UBAH[label]
    sebelum = jejak()
    if label not in POST_SAJA:
        assert c.get(url(pohon_a)).status_code == 403
    assert c.post(url(pohon_a), data).status_code == 403
    assert jejak() == sebelum


@pytest.mark.parametrize("label", [*UBAH, *BACA])
def test_perencana_kantor_lain_mendapat_404(perencana_b, pohon_a, label):
    c = login(perencana_b)
    url, data = UBAH[label] if label in UBAH else (BACA[label], {})
    sebelum = jejak()
    if label not in POST_SAJA:
        assert c.get(url(pohon_a)).status_code == 404
    # A page that only shows refuses any POST by its method, before looking anything up.
    assert c.post(url(pohon_a), data).status_code == (405 if label in BACA else 404)
    assert jejak() == sebelum


@pytest.mark.parametrize("persona", ["perencana_a", "kepala_a", "inspektur", "admin_user"])
@pytest.mark.parametrize("label", BACA)
def test_halaman_baca_terbuka_bagi_pembaca(request, pohon_a, persona, label):
    r = login(request.getfixturevalue(persona)).get(BACA[label](pohon_a))
    assert r.status_code == 200
    assert pohon_a.sasaran.nama in r.content.decode()


@pytest.mark.parametrize("persona", ["perencana_a", "kepala_a", "inspektur", "admin_user"])
def test_daftar_renstra_menampilkan_renstra_kantor_aktif(request, pohon_a, persona):
    r = login(request.getfixturevalue(persona)).get(reverse("renstra:renstra-list"))
    assert r.status_code == 200
    assert reverse("renstra:renstra-detail", args=[pohon_a.renstra.pk]) in r.content.decode()


@pytest.mark.parametrize(("persona", "status"), [
    ("perencana_a", 200), ("kepala_a", 200), ("inspektur", 200), ("admin_user", 200),
    ("perencana_b", 404),
])
def test_halaman_perbandingan_versi(request, pohon_a, perencana_a, persona, status):
    baru = services.renstra_revise(renstra=pohon_a.renstra, oleh=perencana_a,
                                   alasan="Penyesuaian dengan RPJMD perubahan")
    url = reverse("renstra:renstra-diff", args=[baru.pk])
    assert login(request.getfixturevalue(persona)).get(url).status_code == status


def test_halaman_perbandingan_anonim_dan_renstra_awal(client, perencana_a, pohon_a):
    url = reverse("renstra:renstra-diff", args=[pohon_a.renstra.pk])
    assert client.get(url).url.startswith(reverse("login"))
    r = login(perencana_a).get(url, follow=True)
    assert r.redirect_chain == [(BACA["renstra-detail"](pohon_a), 302)]
    assert "belum ada versi sebelumnya" in r.content.decode()


def test_daftar_renstra_tidak_menampilkan_renstra_kantor_lain(perencana_b, pohon_a, renstra_b):
    html = login(perencana_b).get(reverse("renstra:renstra-list")).content.decode()
    assert reverse("renstra:renstra-detail", args=[renstra_b.pk]) in html
    assert reverse("renstra:renstra-detail", args=[pohon_a.renstra.pk]) not in html


def test_tombol_ubah_hanya_untuk_perencana(perencana_a, kepala_a, pohon_a):
    url = BACA["renstra-detail"](pohon_a)
    ubah = reverse("renstra:renstra-update", args=[pohon_a.renstra.pk])
    assert ubah in login(perencana_a).get(url).content.decode()
    assert ubah not in login(kepala_a).get(url).content.decode()


@pytest.mark.parametrize("label", sorted(POST_SAJA))
def test_view_khusus_post_menolak_get(perencana_a, pohon_a, label):
    sebelum = jejak()
    assert login(perencana_a).get(UBAH[label][0](pohon_a)).status_code == 405
    assert jejak() == sebelum


def test_buat_renstra_hanya_perencana(kepala_a, inspektur, opd_a):
    data = {"tahun_awal": "2021", "tahun_akhir": "2026", "tahun_kondisi_awal": "2020"}
    for user in (kepala_a, inspektur):
        c = login(user)
        assert c.get(reverse("renstra:renstra-create")).status_code == 403
        assert c.post(reverse("renstra:renstra-create"), data).status_code == 403
    assert not Renstra.objects.exists()


@pytest.mark.parametrize("label", ["renstra-update", "renstra-revise", "renstra-set-berlaku",
                                   "tambah-tujuan", "indikator-sasaran", "hapus-sasaran"])
def test_csrf_ditegakkan(csrf_client_for, perencana_a, pohon_a, label):
    c = csrf_client_for(perencana_a)
    url, data = UBAH[label]
    sebelum = jejak()
    assert c.post(url(pohon_a), data).status_code == 403
    assert jejak() == sebelum
    # The same request with the browser's token goes through: the 403 above was CSRF.
    c.get(BACA["renstra-detail"](pohon_a))
    token = c.cookies["csrftoken"].value
    assert c.post(url(pohon_a), {**data, "csrfmiddlewaretoken": token}).status_code == 302


def test_csrf_ditegakkan_saat_membuat_renstra(csrf_client_for, perencana_a):
    c = csrf_client_for(perencana_a)
    data = {"tahun_awal": "2021", "tahun_akhir": "2026", "tahun_kondisi_awal": "2020"}
    r = c.post(reverse("renstra:renstra-create"), data)
    assert r.status_code == 403
    assert not Renstra.objects.exists()


# --- a superseded version is read-only ----------------------------------------------------

@pytest.fixture
def pohon_lama(pohon_a, perencana_a):
    services.renstra_revise(renstra=pohon_a.renstra, oleh=perencana_a,
                            alasan="Penyesuaian dengan RPJMD perubahan")
    pohon_a.renstra.refresh_from_db()
    return pohon_a


@pytest.mark.parametrize("label", UBAH)
def test_versi_digantikan_tidak_dapat_diubah(perencana_a, pohon_lama, label):
    c = login(perencana_a)
    url, data = UBAH[label]
    sebelum = jejak()
    if label not in POST_SAJA:
        r = c.get(url(pohon_lama))
        assert r.status_code == 403
        assert "sudah digantikan" in r.content.decode()
    r = c.post(url(pohon_lama), data)
    assert r.status_code == 403
    assert services.PESAN_DIGANTIKAN in r.content.decode()
    assert jejak() == sebelum


def test_versi_digantikan_tetap_dapat_dibaca(perencana_a, pohon_lama):
    r = login(perencana_a).get(BACA["renstra-detail"](pohon_lama))
    html = r.content.decode()
    assert r.status_code == 200
    assert "hanya dapat dibaca" in html
    baru = Renstra.objects.get(sebelumnya=pohon_lama.renstra)
    assert f'href="{reverse("renstra:renstra-detail", args=[baru.pk])}">Buka Perubahan 1' in html
    assert reverse("renstra:renstra-update", args=[pohon_lama.renstra.pk]) not in html
    assert pohon_lama.sasaran.nama in html


# --- happy paths: what each form writes ---------------------------------------------------

def test_membuat_renstra(perencana_a, opd_a):
    r = login(perencana_a).post(reverse("renstra:renstra-create"), {
        "tahun_awal": "2021", "tahun_akhir": "2026", "tahun_kondisi_awal": "2020",
        "visi": "Koperasi dan usaha mikro yang mandiri",
    })
    r_baru = Renstra.objects.get()
    assert r.url == reverse("renstra:renstra-detail", args=[r_baru.pk])
    assert (r_baru.opd, r_baru.versi, r_baru.status) == (opd_a, 0, Renstra.Status.DRAFT)
    assert r_baru.tahun_target == [2021, 2022, 2023, 2024, 2025, 2026]


@pytest.mark.parametrize("level", NODE)
def test_menambah_node_di_bawah_induknya(perencana_a, pohon_a, level):
    url = UBAH[f"tambah-{level}"][0](pohon_a)
    r = login(perencana_a).post(url, DATA_NODE[level])
    model = {"misi": Misi, "tujuan": Tujuan, "sasaran": Sasaran, "program": Program,
             "kegiatan": Kegiatan, "sub_kegiatan": SubKegiatan}[level]
    baru = model.objects.latest("pk")
    assert getattr(baru, INDUK[level]) == getattr(pohon_a, INDUK[level])
    assert r.url.endswith(f"#{level}-{baru.pk}")
    riwayat = baru.history.latest()
    assert (riwayat.history_user, riwayat.history_change_reason) == (
        perencana_a, f"Tambah {model._meta.verbose_name}")


def test_mengubah_sasaran(perencana_a, pohon_a):
    login(perencana_a).post(UBAH["ubah-sasaran"][0](pohon_a), DATA_NODE["sasaran"])
    pohon_a.sasaran.refresh_from_db()
    assert (pohon_a.sasaran.nama, pohon_a.sasaran.strategi) == ("Sasaran dua", "Strategi dua")


def test_menambah_indikator_dengan_angka_indonesia(perencana_a, pohon_a):
    login(perencana_a).post(UBAH["indikator-program"][0](pohon_a), data_indikator(**{
        "kondisi_awal_pagu": "1.234.567,89", "t2020-nilai": "2.7", "t2021-nilai": "1.234",
        "t2021-pagu": "0",
    }))
    ind = Indikator.objects.get(program=pohon_a.program)
    assert (ind.level, ind.renstra) == ("program", pohon_a.renstra)
    assert ind.kondisi_awal == Decimal("2.5")
    assert ind.kondisi_awal_pagu == Decimal("1234567.89")
    target = {t.tahun: t for t in ind.target.all()}
    assert sorted(target) == [2019, 2020, 2021]
    assert target[2019].nilai == Decimal("2.7")
    assert target[2019].pagu == Decimal("1099585400")
    assert target[2020].nilai == Decimal("2.7")
    assert target[2021].nilai == Decimal("1234")
    assert target[2021].pagu == Decimal("0")


def test_tahun_target_diambil_dari_renstra_bukan_dari_post(perencana_a, pohon_a):
    login(perencana_a).post(UBAH["indikator-program"][0](pohon_a),
                            data_indikator(**{"t2030-nilai": "5", "t2017-nilai": "5"}))
    ind = Indikator.objects.get(program=pohon_a.program)
    assert list(ind.target.values_list("tahun", flat=True)) == [2019]


def test_mengubah_indikator_mengosongkan_tahun_menghapus_targetnya(perencana_a, pohon_a):
    url = UBAH["indikator-update"][0](pohon_a)
    html = login(perencana_a).get(url).content.decode()
    assert 'value="2,7"' in html and 'value="1.000.000"' in html
    login(perencana_a).post(url, data_indikator(**{
        "t2019-nilai": "", "t2019-pagu": "", "t2020-nilai": "3", "alasan": "Target digeser",
    }))
    ind = pohon_a.indikator
    assert list(ind.target.values_list("tahun", "nilai")) == [(2020, Decimal("3"))]
    assert ind.history.latest().history_change_reason == "Target digeser"


def test_menetapkan_berlaku(perencana_a, pohon_a):
    login(perencana_a).post(UBAH["renstra-set-berlaku"][0](pohon_a))
    pohon_a.renstra.refresh_from_db()
    assert pohon_a.renstra.status == Renstra.Status.BERLAKU


def test_perubahan_renstra_lewat_halaman(perencana_a, pohon_a):
    r = login(perencana_a).post(UBAH["renstra-revise"][0](pohon_a),
                                {"alasan": "Penyesuaian dengan RPJMD perubahan"})
    baru = Renstra.objects.get(sebelumnya=pohon_a.renstra)
    assert r.url == reverse("renstra:renstra-detail", args=[baru.pk])
    pohon_a.renstra.refresh_from_db()
    assert pohon_a.renstra.status == Renstra.Status.DIGANTIKAN
    assert (baru.versi, baru.status) == (1, Renstra.Status.DRAFT)


def test_perubahan_tanpa_alasan_ditolak(perencana_a, pohon_a):
    c = login(perencana_a)
    sebelum = jejak()
    r = c.post(UBAH["renstra-revise"][0](pohon_a), {"alasan": ""}, follow=True)
    assert "Alasan perubahan Renstra wajib diisi." in r.content.decode()
    assert jejak() == sebelum


# --- deleting -----------------------------------------------------------------------------

def test_hapus_sasaran_minta_konfirmasi_dan_menyebut_isinya(perencana_a, pohon_a):
    IndikatorFactory(kegiatan=pohon_a.kegiatan, sasaran=None, level="kegiatan",
                     renstra=pohon_a.renstra)
    sebelum = jejak()
    r = login(perencana_a).get(UBAH["hapus-sasaran"][0](pohon_a))
    html = r.content.decode()
    assert jejak() == sebelum
    for baris in ("1 program", "1 kegiatan", "1 sub kegiatan", "2 indikator",
                  "1 target tahunan"):
        assert f"<li>{baris}</li>" in html
    assert "Ya, hapus" in html


def test_hapus_sasaran_menghapus_isinya(perencana_a, pohon_a):
    r = login(perencana_a).post(UBAH["hapus-sasaran"][0](pohon_a))
    assert r.url == reverse("renstra:renstra-detail", args=[pohon_a.renstra.pk])
    assert not Sasaran.objects.filter(pk=pohon_a.sasaran.pk).exists()
    assert not Indikator.objects.exists()
    assert not TargetRenstra.objects.exists()
    assert not Program.objects.exists()
    assert Tujuan.objects.filter(pk=pohon_a.tujuan.pk).exists()


def test_hapus_yang_dilindungi_ditolak_dengan_alasan(perencana_a, pohon_a, monkeypatch):
    def dilindungi(self, *a, **k):
        raise ProtectedError("dilindungi", set())

    monkeypatch.setattr(Sasaran, "delete", dilindungi)
    r = login(perencana_a).post(UBAH["hapus-sasaran"][0](pohon_a))
    html = r.content.decode()
    assert r.status_code == 200
    assert "Tidak dapat dihapus" in html
    assert "Ya, hapus" not in html
    assert Sasaran.objects.filter(pk=pohon_a.sasaran.pk).exists()


# --- bad input: a clear Indonesian message, nothing saved ---------------------------------

SALAH = [
    ("tambah-program", {"kode": "2.17.3"}, "Kode program harus berpola U.BB.PP"),
    ("tambah-program", {"kode": "abc"}, "Kode program harus berpola U.BB.PP"),
    ("tambah-program", {"kode": "2.17.03"}, "Kode 2.17.03 sudah dipakai program lain"),
    ("tambah-kegiatan", {"kode": "2.17.03.2.01"}, "Kode 2.17.03.2.01 sudah dipakai kegiatan"),
    ("tambah-kegiatan", {"kode": "2.17.3.2.1"}, "Kode kegiatan harus berpola U.BB.PP.K.KK"),
    ("tambah-kegiatan", {"tahun_mulai": "2030"}, "Tahun 2030 di luar periode Renstra"),
    ("tambah-sub_kegiatan", {"kode": "2.17.03.2.01.1"}, "Kode sub kegiatan harus berpola"),
    ("ubah-program", {"nama": ""}, "Bidang ini tidak boleh kosong."),
    ("indikator-sasaran", {"t2019-nilai": "dua koma tujuh"},
     "&#x27;dua koma tujuh&#x27; bukan angka"),
    ("indikator-sasaran", {"t2019-nilai": "1,2,3"}, "&#x27;1,2,3&#x27; bukan angka"),
    ("indikator-sasaran", {"t2019-pagu": "1,234,567.89"}, "format Inggris"),
    ("indikator-sasaran", {"kondisi_awal_pagu": "-5"}, "tidak boleh kurang dari 0"),
    ("indikator-sasaran", {"jenis_target": "rentang", "t2019-nilai": "5,5",
                           "t2019-nilai_atas": "3"},
     "batas bawah (5,5) lebih besar dari batas atas (3)"),
    ("indikator-update", {"satuan": ""}, "Bidang ini tidak boleh kosong."),
    ("renstra-update", {"tahun_kondisi_awal": "2014"}, "harus antara 2015 dan 2020"),
    ("renstra-update", {"tahun_kondisi_awal": "2021"}, "harus antara 2015 dan 2020"),
    ("renstra-update", {"tahun_kondisi_awal": "2019"}, "target tahun 2019"),
]


@pytest.mark.parametrize(("label", "ubah", "pesan"), SALAH)
def test_isian_salah_diberi_pesan_dan_tidak_disimpan(perencana_a, pohon_a, label, ubah, pesan):
    url, data = UBAH[label]
    sebelum = jejak()
    r = login(perencana_a).post(url(pohon_a), {**data, **ubah})
    html = r.content.decode()
    assert r.status_code == 200
    assert pesan in html
    assert "Belum ada yang disimpan" in html
    assert "is-invalid" in html
    assert jejak() == sebelum
