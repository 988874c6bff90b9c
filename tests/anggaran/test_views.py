"""Every budget page and every mutating URL for every persona: who may read, who may
write, and what reaches the database.

`UBAH` lists each mutating URL once with a valid POST; the access tests run over all of
them, so a new view that forgets its scope or rule check fails here.
"""

from collections.abc import Callable
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from django.urls import reverse

from anggaran.models import (
    Anggaran,
    BarisAnggaran,
    KendaliAnggaran,
    PemetaanSasaran,
    PerlakuanProgram,
    PosAnggaran,
    RealisasiAnggaran,
)
from tests.factories import KegiatanFactory

from .conftest import TAHUN, jejak, masuk


def _tambah_kegiatan(k: SimpleNamespace) -> dict[str, Any]:
    baru = KegiatanFactory(program=k.program)
    return {"kegiatan": baru.pk, "kelompok": k.bl.pk, "pagu_murni": "1.250.000,50"}


# label → (URL of office A's object, POST data, check that the write happened)
UBAH: dict[str, tuple[Callable[[SimpleNamespace], str],
                      Callable[[SimpleNamespace], dict[str, Any]],
                      Callable[[SimpleNamespace], bool]]] = {
    "anggaran-update": (
        lambda k: reverse("anggaran:anggaran-update", args=[k.anggaran.pk]),
        lambda k: {"nomor_dpa": "DPA/2019/07", "catatan": ""},
        lambda k: Anggaran.objects.get(pk=k.anggaran.pk).nomor_dpa == "DPA/2019/07",
    ),
    "kendali-set": (
        lambda k: reverse("anggaran:kendali-set", args=[k.anggaran.pk]),
        lambda k: {"tingkat": "belanja", "pagu_murni": "8.300.000,00", "sumber": "DPA"},
        lambda k: KendaliAnggaran.objects.filter(
            anggaran=k.anggaran, tingkat="belanja", pagu_murni=Decimal("8300000")).exists(),
    ),
    "baris-create": (
        lambda k: reverse("anggaran:baris-create", args=[k.anggaran.pk]),
        _tambah_kegiatan,
        lambda k: k.anggaran.baris.filter(pagu_murni=Decimal("1250000.50")).exists(),
    ),
    "baris-update": (
        lambda k: reverse("anggaran:baris-update", args=[k.baris[1].pk]),
        lambda k: {"kelompok": k.bl.pk, "pagu_murni": "2.000.000", "pagu_perubahan": "2.500.000"},
        lambda k: BarisAnggaran.objects.get(pk=k.baris[1].pk).pagu == Decimal("2500000"),
    ),
    "baris-delete": (
        lambda k: reverse("anggaran:baris-delete", args=[k.baris[1].pk]),
        lambda k: {},
        lambda k: not BarisAnggaran.objects.filter(pk=k.baris[1].pk).exists(),
    ),
    "pos-create": (
        lambda k: reverse("anggaran:pos-create", args=[k.anggaran.pk]),
        lambda k: {"jenis": "belanja", "kelompok": k.btl.pk, "uraian": "Tambahan Penghasilan",
                   "pagu_murni": "1.072.906.212"},
        lambda k: k.anggaran.pos.filter(uraian="Tambahan Penghasilan").exists(),
    ),
    "pos-update": (
        lambda k: reverse("anggaran:pos-update", args=[k.pos.pk]),
        lambda k: {"kelompok": k.btl.pk, "uraian": "Gaji", "kode": "5.1.1",
                   "pagu_murni": "7,00"},
        lambda k: PosAnggaran.objects.get(pk=k.pos.pk).pagu_murni == Decimal("7"),
    ),
    "pos-delete": (
        lambda k: reverse("anggaran:pos-delete", args=[k.pos.pk]),
        lambda k: {},
        lambda k: not PosAnggaran.objects.filter(pk=k.pos.pk).exists(),
    ),
    "realisasi-baris": (
        lambda k: reverse("anggaran:realisasi-baris", args=[k.baris[1].pk, "tw2"]),
        lambda k: {"nilai": "100.000,00", "catatan": "SP2D"},
        lambda k: RealisasiAnggaran.objects.filter(baris=k.baris[1], triwulan=2).exists(),
    ),
    "realisasi-pos": (
        lambda k: reverse("anggaran:realisasi-pos", args=[k.pos.pk, "b4"]),
        lambda k: {"nilai": "410.000"},
        lambda k: RealisasiAnggaran.objects.filter(pos=k.pos, bulan=4, triwulan=2).exists(),
    ),
    "perlakuan-set": (
        lambda k: reverse("anggaran:perlakuan-set", args=[k.anggaran.pk, k.penunjang.pk]),
        lambda k: {"perlakuan": "blok"},
        lambda k: PerlakuanProgram.objects.filter(program=k.penunjang, perlakuan="blok").exists(),
    ),
    "pemetaan-create": (
        lambda k: reverse("anggaran:pemetaan-create", args=[k.anggaran.pk]),
        lambda k: {"program": k.program2.pk, "target": f"i{k.iku.pk}"},
        lambda k: PemetaanSasaran.objects.filter(program=k.program2, indikator=k.iku).exists(),
    ),
    "pemetaan-delete": (
        lambda k: reverse("anggaran:pemetaan-delete", args=[k.pemetaan.pk]),
        lambda k: {},
        lambda k: not PemetaanSasaran.objects.filter(pk=k.pemetaan.pk).exists(),
    ),
}
HALAMAN = ("ringkasan", "pagu", "realisasi", "alokasi", "efisiensi")


@pytest.mark.parametrize("label", [*UBAH, *HALAMAN, "anggaran-create"])
def test_anonim_dialihkan_ke_halaman_masuk(client, ang_a, label):
    url = UBAH[label][0](ang_a) if label in UBAH else reverse(f"anggaran:{label}")
    r = client.post(url) if label in UBAH or label == "anggaran-create" else client.get(url)
    assert r.status_code == 302 and reverse("login") in r["Location"]


@pytest.mark.parametrize("persona", ["perencana_a", "admin_user"])
@pytest.mark.parametrize("label", UBAH)
def test_perencana_dan_admin_dapat_mengubah(request, ang_a, persona, label):
    url, data, berhasil = UBAH[label]
    r = masuk(request.getfixturevalue(persona)).post(url(ang_a), data(ang_a))
    assert r.status_code == 302, r.content.decode()[:2000]
    assert berhasil(ang_a)


@pytest.mark.parametrize("persona", ["kepala_a", "inspektur"])
@pytest.mark.parametrize("label", UBAH)
def test_kepala_dan_inspektorat_hanya_membaca_403(request, ang_a, persona, label):
    url, data, _ = UBAH[label]
    sebelum = jejak()
    r = masuk(request.getfixturevalue(persona)).post(url(ang_a), data(ang_a))
    assert r.status_code == 403
    assert jejak() == sebelum


@pytest.mark.parametrize("label", UBAH)
def test_perencana_kantor_lain_mendapat_404(perencana_b, ang_a, ang_b, label):
    url, data, _ = UBAH[label]
    sebelum = jejak()
    assert masuk(perencana_b).post(url(ang_a), data(ang_a)).status_code == 404
    assert jejak() == sebelum


@pytest.mark.parametrize("label", [*UBAH, "anggaran-create"])
def test_view_khusus_post_menolak_get(perencana_a, ang_a, label):
    url = UBAH[label][0](ang_a) if label in UBAH else reverse("anggaran:anggaran-create")
    assert masuk(perencana_a).get(url).status_code == 405


@pytest.mark.parametrize("label", ["baris-create", "baris-update", "realisasi-baris",
                                   "kendali-set", "pemetaan-create", "perlakuan-set"])
def test_csrf_ditegakkan(csrf_client_for, perencana_a, ang_a, label):
    url, data, berhasil = UBAH[label]
    c = csrf_client_for(perencana_a)
    sesi = c.session
    sesi["tahun_aktif"] = TAHUN
    sesi.save()
    isian = data(ang_a)
    assert c.post(url(ang_a), isian).status_code == 403
    assert not berhasil(ang_a)
    c.get(reverse("anggaran:pagu"))  # the page sets the token cookie, as in a browser
    token = c.cookies["csrftoken"].value
    assert c.post(url(ang_a), {**isian, "csrfmiddlewaretoken": token}).status_code == 302
    assert berhasil(ang_a)


def test_htmx_mengirim_token_lewat_header(csrf_client_for, perencana_a, ang_a):
    c = csrf_client_for(perencana_a)
    c.get(reverse("anggaran:ringkasan"))
    url = reverse("anggaran:baris-update", args=[ang_a.baris[1].pk])
    r = c.post(url, {"kelompok": ang_a.bl.pk, "pagu_murni": "9,00"}, HTTP_HX_REQUEST="true",
               HTTP_X_CSRFTOKEN=c.cookies["csrftoken"].value)
    assert r.status_code == 200 and "tersimpan" in r.content.decode()


# --- pages --------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["perencana_a", "kepala_a", "inspektur", "admin_user"])
@pytest.mark.parametrize("halaman", HALAMAN)
def test_halaman_terbuka_bagi_pembaca(request, ang_a, persona, halaman):
    user = request.getfixturevalue(persona)
    c = masuk(user)
    if persona != "perencana_a":  # the top bar picks the first readable office: make it A
        c.post(reverse("konteks-set"), {"opd": ang_a.anggaran.opd.slug, "next": "/"})
    r = c.get(reverse(f"anggaran:{halaman}"))
    assert r.status_code == 200
    html = r.content.decode()
    assert ang_a.kegiatan[0].nama in html or halaman in ("alokasi", "efisiensi")
    # Only the office's perencana sees inputs: the others read.
    assert ('name="pagu_murni"' in html) == (persona in ("perencana_a", "admin_user")
                                             and halaman == "pagu")


def test_halaman_kantor_lain_tidak_tampil(perencana_b, ang_a, ang_b):
    html = masuk(perencana_b).get(reverse("anggaran:ringkasan")).content.decode()
    assert ang_b.kegiatan[0].nama in html
    assert ang_a.kegiatan[0].nama not in html


def test_tahun_tanpa_anggaran_menawarkan_membuatnya(perencana_a, kepala_a, ang_a):
    html = masuk(perencana_a, tahun=2020).get(reverse("anggaran:pagu")).content.decode()
    assert "Belum ada anggaran 2020" in html and "Mulai isi anggaran 2020" in html
    html = masuk(kepala_a, tahun=2020).get(reverse("anggaran:pagu")).content.decode()
    assert "Belum ada anggaran 2020" in html and "Mulai isi anggaran" not in html


def test_membuat_anggaran_tahun_aktif(perencana_a, opd_a):
    r = masuk(perencana_a, tahun=2021).post(reverse("anggaran:anggaran-create"))
    assert r.status_code == 302
    assert Anggaran.objects.filter(opd=opd_a, tahun=2021).exists()
    r = masuk(perencana_a, tahun=2021).post(reverse("anggaran:anggaran-create"), follow=True)
    assert "sudah ada" in r.content.decode()
    assert Anggaran.objects.filter(opd=opd_a, tahun=2021).count() == 1


@pytest.mark.parametrize("persona", ["kepala_a", "inspektur"])
def test_membuat_anggaran_hanya_perencana(request, opd_a, persona):
    user = request.getfixturevalue(persona)
    assert masuk(user).post(reverse("anggaran:anggaran-create")).status_code == 403
    assert not Anggaran.objects.exists()


def test_tahun_tanpa_pemisah_ribuan(perencana_a, ang_a):
    for halaman in HALAMAN:
        html = masuk(perencana_a).get(reverse(f"anggaran:{halaman}")).content.decode()
        assert "Anggaran 2019" in html and "2.019" not in html


def test_ringkasan_menampilkan_rupiah_dan_serapan(perencana_a, ang_a):
    html = masuk(perencana_a).get(reverse("anggaran:ringkasan")).content.decode()
    assert "Rp 3.300.000,00" in html  # Σ program lines 1.000.000 + 2.000.000 + 300.000
    assert "Rp 8.300.000,00" in html  # + the BTL pos
    assert "Rp 250.000,50" in html
    # 250.000,50 / 8.300.000 × 100 = 3,0121…
    assert "3,01%" in html
    assert "Σ realisasi / Σ pagu × 100% = 250.000,50 / 8.300.000,00 × 100% = 3,01%" in html
