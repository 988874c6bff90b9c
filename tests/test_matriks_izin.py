"""Permission matrix: every URL of the project × six personas × GET and POST, against the
designed status code.

The URLs come from the URL conf itself (`get_resolver()`), so a new view without a row in
`IZIN` fails `test_setiap_url_punya_aturan` — decide its codes and add the row. Each URL is
called with office A's objects; requests run in a savepoint rolled back afterwards, so every
cell starts from the same data. POSTs carry no form data: the matrix is about who gets in,
the happy paths are tested per app.

Codes, in persona order: perencana A, kepala A, perencana B (another office of the same
pemda), inspektorat (pemda-wide read), admin (superuser), anonymous.
  200 page · 302 redirect (anonymous → login; after a POST: PRG) · 403 wrong role or state ·
  404 another office's object · 405 method not allowed.
State of office A's data: PK 2019 draft, LKjIP 2019 draft, LKjIP 2018 submitted,
LKjIP 2017 approved (signed version 1).
"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from kinerja.models import Realisasi
from laporan.models import ArsipLaporan, LaporanKinerja, LogImpor, StatusLaporan
from sakip.middleware import SESSION_TAHUN
from sakip.models import AksesPemda, CatatanReviu, Keanggotaan, Notifikasi, Peran
from tests.anggaran import conftest as ang
from tests.factories import (
    KegiatanFactory,
    OpdFactory,
    PemdaFactory,
    RenstraFactory,
    TujuanFactory,
    UserFactory,
)
from tests.kinerja import conftest as kin

PERSONA = ("perencana_a", "kepala_a", "perencana_b", "inspektur", "admin", "anonim")
LEWATI = ("admin", "static", "media")  # Django admin has its own permissions; files


def _url_proyek() -> dict[str, URLPattern]:
    """Every named URL of the project outside `LEWATI`, by its full name."""
    hasil: dict[str, URLPattern] = {}

    def jalan(resolver: URLResolver, awalan: str, ns: str | None) -> None:
        for p in resolver.url_patterns:
            rute = awalan + str(p.pattern)
            if rute.split("/")[0] in LEWATI:
                continue
            if isinstance(p, URLResolver):
                jalan(p, rute, ":".join(filter(None, [ns, p.namespace])) or None)
            else:
                hasil[f"{ns}:{p.name}" if ns else str(p.name)] = p

    jalan(get_resolver(), "", None)
    return hasil


URL = _url_proyek()


def k(*kode: int) -> tuple[int, ...]:
    assert len(kode) == len(PERSONA)
    return kode


# Shorthands for the common rows.
BACA = k(200, 200, 200, 200, 200, 302)  # every signed-in user (each sees their own office)
BACA_A = k(200, 200, 404, 200, 200, 302)  # office A's object: B is another office
TULIS_A = k(200, 403, 404, 403, 200, 302)  # A's planners (and the superuser) write; forms
PRG_A = k(302, 403, 404, 403, 302, 302)  # the same, a POST answered by a redirect
KANTOR_SENDIRI = k(200, 403, 200, 403, 200, 302)  # a planner creates in their own office
KANTOR_SENDIRI_PRG = k(302, 403, 302, 403, 302, 302)
METODE_SALAH = k(405, 405, 405, 405, 405, 302)  # anonymous is sent to log in first

# name → (GET codes, POST codes). Pages that only show something answer a POST with 405.
IZIN: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {
    # sakip
    "beranda": (BACA, METODE_SALAH),
    "konteks-set": (METODE_SALAH, k(302, 302, 302, 302, 302, 302)),
    "login": (k(302, 302, 302, 302, 302, 200), k(302, 302, 302, 302, 302, 200)),
    "logout": (METODE_SALAH, k(302, 302, 302, 302, 302, 302)),
    "notifikasi-baca": (METODE_SALAH, k(302, 404, 404, 404, 404, 302)),
    "notifikasi-baca-semua": (METODE_SALAH, k(302, 302, 302, 302, 302, 302)),
    "notifikasi-jumlah": (BACA, METODE_SALAH),
    "notifikasi-list": (BACA, METODE_SALAH),
    "riwayat-objek": (BACA_A, METODE_SALAH),
    "riwayat-opd": (BACA, METODE_SALAH),
    "verifikasi": (k(200, 200, 200, 200, 200, 200), k(200, 200, 200, 200, 200, 200)),
    # renstra
    "renstra:indikator-create": (TULIS_A, TULIS_A),
    "renstra:indikator-update": (TULIS_A, TULIS_A),
    "renstra:node-create": (TULIS_A, TULIS_A),
    "renstra:node-delete": (TULIS_A, PRG_A),
    "renstra:node-update": (TULIS_A, TULIS_A),
    "renstra:program-isi": (BACA_A, METODE_SALAH),
    "renstra:renstra-create": (KANTOR_SENDIRI, KANTOR_SENDIRI),
    "renstra:renstra-detail": (BACA_A, METODE_SALAH),
    "renstra:renstra-diff": (k(302, 302, 404, 302, 302, 302), METODE_SALAH),
    "renstra:renstra-list": (BACA, METODE_SALAH),
    "renstra:renstra-matriks": (BACA_A, METODE_SALAH),
    "renstra:renstra-revise": (METODE_SALAH, PRG_A),
    "renstra:renstra-set-berlaku": (METODE_SALAH, PRG_A),
    "renstra:renstra-update": (TULIS_A, TULIS_A),
    # kinerja
    "kinerja:analisis": (BACA_A, TULIS_A),
    "kinerja:capaian": (BACA, METODE_SALAH),
    "kinerja:capaian-banding": (BACA, METODE_SALAH),
    "kinerja:pk-approve": (METODE_SALAH, k(403, 403, 404, 403, 403, 302)),
    "kinerja:pk-baris-add": (METODE_SALAH, PRG_A),
    "kinerja:pk-baris-delete": (METODE_SALAH, PRG_A),
    "kinerja:pk-create": (KANTOR_SENDIRI, KANTOR_SENDIRI),
    "kinerja:pk-detail": (BACA_A, METODE_SALAH),
    "kinerja:pk-list": (BACA, METODE_SALAH),
    "kinerja:pk-program": (TULIS_A, TULIS_A),
    "kinerja:pk-return": (METODE_SALAH, k(403, 403, 404, 403, 403, 302)),
    "kinerja:pk-revise": (METODE_SALAH, k(403, 403, 404, 403, 403, 302)),
    "kinerja:pk-submit": (METODE_SALAH, PRG_A),
    "kinerja:pk-target": (TULIS_A, TULIS_A),
    "kinerja:pk-update": (TULIS_A, TULIS_A),
    "kinerja:realisasi-bukti": (BACA_A, METODE_SALAH),
    "kinerja:realisasi-grid": (BACA, METODE_SALAH),
    "kinerja:realisasi-update": (METODE_SALAH, PRG_A),
    # anggaran
    "anggaran:alokasi": (BACA, METODE_SALAH),
    "anggaran:anggaran-create": (METODE_SALAH, KANTOR_SENDIRI_PRG),
    "anggaran:anggaran-update": (METODE_SALAH, PRG_A),
    "anggaran:baris-create": (METODE_SALAH, TULIS_A),
    "anggaran:baris-delete": (METODE_SALAH, PRG_A),
    "anggaran:baris-update": (METODE_SALAH, PRG_A),
    "anggaran:efisiensi": (BACA, METODE_SALAH),
    "anggaran:kendali-set": (METODE_SALAH, k(404, 403, 404, 403, 404, 302)),
    "anggaran:pagu": (BACA, METODE_SALAH),
    "anggaran:pemetaan-create": (METODE_SALAH, PRG_A),
    "anggaran:pemetaan-delete": (METODE_SALAH, PRG_A),
    "anggaran:perlakuan-set": (METODE_SALAH, PRG_A),
    "anggaran:pos-create": (METODE_SALAH, k(404, 403, 404, 403, 404, 302)),
    "anggaran:pos-delete": (METODE_SALAH, PRG_A),
    "anggaran:pos-update": (METODE_SALAH, PRG_A),
    "anggaran:realisasi": (BACA, METODE_SALAH),
    "anggaran:realisasi-baris": (METODE_SALAH, PRG_A),
    "anggaran:realisasi-pos": (METODE_SALAH, PRG_A),
    "anggaran:ringkasan": (BACA, METODE_SALAH),
    # laporan
    "laporan:bukukerja": (BACA, METODE_SALAH),
    "laporan:bukukerja-pratinjau": (k(404, 403, 404, 403, 404, 302), METODE_SALAH),
    "laporan:bukukerja-terapkan": (METODE_SALAH, k(404, 403, 404, 403, 404, 302)),
    "laporan:bukukerja-unduh": (BACA_A, METODE_SALAH),
    "laporan:bukukerja-unggah": (METODE_SALAH, TULIS_A),
    "laporan:catatan-create": (METODE_SALAH, k(404, 404, 404, 404, 404, 302)),
    "laporan:catatan-detail": (BACA_A, METODE_SALAH),
    "laporan:catatan-jawab": (METODE_SALAH, k(302, 302, 404, 302, 403, 302)),
    "laporan:catatan-panel": (BACA_A, METODE_SALAH),
    "laporan:catatan-tutup": (METODE_SALAH, k(403, 403, 404, 302, 403, 302)),
    "laporan:index": (BACA, METODE_SALAH),
    "laporan:inspektorat": (k(403, 403, 403, 200, 200, 302), METODE_SALAH),
    "laporan:lkjip-approve": (k(403, 200, 404, 403, 403, 302), k(403, 200, 404, 403, 403, 302)),
    "laporan:lkjip-arsip": (BACA_A, METODE_SALAH),
    "laporan:lkjip-aset": (TULIS_A, TULIS_A),
    "laporan:lkjip-bagian": (TULIS_A, TULIS_A),
    "laporan:lkjip-create": (METODE_SALAH, KANTOR_SENDIRI_PRG),
    "laporan:lkjip-detail": (BACA_A, METODE_SALAH),
    "laporan:lkjip-pdf": (BACA_A, METODE_SALAH),
    "laporan:lkjip-prestasi": (TULIS_A, TULIS_A),
    "laporan:lkjip-return": (METODE_SALAH, k(403, 302, 404, 403, 403, 302)),
    "laporan:lkjip-sdm": (TULIS_A, TULIS_A),
    "laporan:lkjip-submit": (METODE_SALAH, k(302, 403, 404, 403, 403, 302)),
    "laporan:lkjip-unlock": (k(403, 403, 404, 403, 200, 302), k(403, 403, 404, 403, 200, 302)),
    "laporan:lkjip-xlsx": (BACA_A, METODE_SALAH),
    "laporan:logo": (k(403, 403, 403, 403, 200, 302), k(403, 403, 403, 403, 200, 302)),
    "laporan:narasi-perbarui": (METODE_SALAH, PRG_A),
    "laporan:narasi-ubah": (TULIS_A, TULIS_A),
    "laporan:pelaporan": (BACA, METODE_SALAH),
    "laporan:pernyataan-reviu": (k(403, 403, 404, 200, 403, 302), k(403, 403, 404, 200, 403, 302)),
    "laporan:pernyataan-reviu-pdf": (k(404, 404, 404, 404, 404, 302), METODE_SALAH),
    "laporan:pk-pdf": (BACA_A, METODE_SALAH),
    "laporan:renstra-pdf": (BACA_A, METODE_SALAH),
    "laporan:renstra-xlsx": (BACA_A, METODE_SALAH),
    "laporan:reviu": (BACA_A, METODE_SALAH),
    "laporan:reviu-akui": (METODE_SALAH, k(302, 302, 404, 403, 302, 302)),
    "laporan:reviu-index": (k(302, 302, 302, 302, 302, 302), METODE_SALAH),
    "laporan:reviu-pemda": (k(403, 403, 403, 200, 200, 302), METODE_SALAH),
    "laporan:reviu-ringkas": (BACA_A, METODE_SALAH),
    "laporan:triwulan-pdf": (BACA_A, METODE_SALAH),
    "laporan:triwulan-xlsx": (BACA_A, METODE_SALAH),
}


# --- the world ------------------------------------------------------------------------------


def _kantor(opd, tahun: int = 2019) -> SimpleNamespace:
    renstra = RenstraFactory(opd=opd)
    a = kin.kantor(renstra)
    b = ang.kantor(renstra)
    tujuan = TujuanFactory(renstra=renstra)
    kegiatan = KegiatanFactory(program=a.program)
    return SimpleNamespace(renstra=renstra, kin=a, ang=b, tujuan=tujuan, kegiatan=kegiatan)


@pytest.fixture(scope="module")
def dunia(django_db_setup, django_db_blocker, tmp_path_factory):
    """Two offices of one pemda with everything every URL needs, built once per module and
    rolled back at the end."""
    from django.conf import settings

    media_lama = settings.MEDIA_ROOT
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), transaction.atomic():
        pemda = PemdaFactory(nama="Kabupaten Matriks", slug="kab-matriks", ibukota="Matriks")
        opd_a = OpdFactory(pemda=pemda, nama="Dinas A", slug="dinas-a")
        opd_b = OpdFactory(pemda=pemda, nama="Dinas B", slug="dinas-b")
        user = {n: UserFactory(username=n) for n in PERSONA if n != "anonim"}
        user["admin"].is_staff = user["admin"].is_superuser = True
        user["admin"].save()
        for n, opd, peran in (("perencana_a", opd_a, Peran.PERENCANA),
                              ("kepala_a", opd_a, Peran.KEPALA),
                              ("perencana_b", opd_b, Peran.PERENCANA)):
            Keanggotaan.objects.create(user=user[n], opd=opd, peran=peran)
        AksesPemda.objects.create(user=user["inspektur"], pemda=pemda, peran=Peran.INSPEKTORAT)
        a, _ = _kantor(opd_a), _kantor(opd_b)
        pk = kin.pk_baru(a.kin, user["perencana_a"])
        realisasi = Realisasi.objects.create(indikator=a.kin.iku1, tahun=2019, triwulan=4,
                                             nilai=Decimal("2.5"))
        realisasi.bukti_file.save("bukti.pdf", ContentFile(b"%PDF-1.4 bukti"))
        lkjip = LaporanKinerja.objects.create(opd=opd_a, tahun=2019)
        LaporanKinerja.objects.create(opd=opd_a, tahun=2018, status=StatusLaporan.DIAJUKAN)
        disetujui = LaporanKinerja.objects.create(opd=opd_a, tahun=2017, versi=1,
                                                  status=StatusLaporan.DISETUJUI)
        isi = b"%PDF-1.7 arsip uji"
        arsip = ArsipLaporan(laporan=disetujui, opd=opd_a, tahun=2017, versi=1, ukuran=len(isi),
                             sha256=hashlib.sha256(isi).hexdigest(), sidik="ab" * 32,
                             disetujui_oleh=user["kepala_a"], nama_penyetuju="Kepala A",
                             disetujui_pada=timezone.now())
        arsip.berkas.save("arsip.pdf", ContentFile(isi))
        catatan = CatatanReviu.objects.create(
            opd=opd_a, tahun=2019, content_type=ContentType.objects.get_for_model(lkjip),
            object_id=lkjip.pk, objek_label=str(lkjip), teks="Periksa IKU 2.",
            oleh=user["inspektur"])
        notifikasi = Notifikasi.objects.create(user=user["perencana_a"], judul="Uji")
        impor = LogImpor.objects.create(opd=opd_a, tahun=2019, oleh=user["perencana_a"],
                                        nama_file="buku.xlsx", sha256="0" * 64)
        yield SimpleNamespace(
            opd=opd_a, user=user, a=a, pk=pk, baris=pk.baris.first(), realisasi=realisasi,
            lkjip=lkjip, diajukan=LaporanKinerja.objects.get(opd=opd_a, tahun=2018),
            disetujui=disetujui, catatan=catatan, notifikasi=notifikasi, impor=impor)
        transaction.set_rollback(True)
    settings.MEDIA_ROOT = media_lama


def _kwargs(nama: str, d: SimpleNamespace) -> dict[str, Any]:
    """URL arguments of `nama`: always office A's objects."""
    a, g = d.a, d.a.ang
    renstra, slug = {"pk": a.renstra.pk}, {"slug": d.opd.slug, "tahun": 2019}
    pk, lkjip = {"pk": d.pk.pk}, {"pk": d.lkjip.pk}
    return {
        "riwayat-objek": {"jenis": "laporan.laporankinerja", "pk": d.lkjip.pk},
        "notifikasi-baca": {"pk": d.notifikasi.pk},
        **dict.fromkeys([f"renstra:renstra-{x}" for x in (
            "detail", "update", "revise", "set-berlaku", "diff", "matriks")], renstra),
        "renstra:program-isi": {"pk": a.renstra.pk, "program_pk": a.kin.program.pk},
        "renstra:indikator-update": {"pk": a.kin.iku1.pk},
        "renstra:indikator-create": {"level": "sasaran", "induk_pk": a.kin.sasaran.pk},
        "renstra:node-create": {"level": "kegiatan", "induk_pk": a.kin.program.pk},
        "renstra:node-update": {"level": "kegiatan", "pk": a.kegiatan.pk},
        "renstra:node-delete": {"level": "kegiatan", "pk": a.kegiatan.pk},
        **dict.fromkeys([f"kinerja:pk-{x}" for x in (
            "detail", "update", "target", "baris-add", "program", "submit", "approve",
            "return", "revise")], pk),
        "kinerja:pk-baris-delete": {"pk": d.baris.pk},
        "kinerja:realisasi-update": {"indikator": a.kin.iku1.pk, "tahun": 2019,
                                     "triwulan": 3},
        "kinerja:realisasi-bukti": {"pk": d.realisasi.pk},
        "kinerja:analisis": {"tahun": 2019},
        **dict.fromkeys([f"anggaran:{x}" for x in (
            "anggaran-update", "kendali-set", "baris-create", "pos-create",
            "pemetaan-create")], {"pk": g.anggaran.pk}),
        "anggaran:perlakuan-set": {"pk": g.anggaran.pk, "program": g.penunjang.pk},
        "anggaran:baris-update": {"pk": g.baris[1].pk},
        "anggaran:baris-delete": {"pk": g.baris[1].pk},
        "anggaran:realisasi-baris": {"pk": g.baris[1].pk, "periode": "tw2"},
        "anggaran:pos-update": {"pk": g.pos.pk},
        "anggaran:pos-delete": {"pk": g.pos.pk},
        "anggaran:realisasi-pos": {"pk": g.pos.pk, "periode": "b4"},
        "anggaran:pemetaan-delete": {"pk": g.pemetaan.pk},
        **dict.fromkeys([f"laporan:{x}" for x in (
            "lkjip-detail", "lkjip-pdf", "lkjip-xlsx", "lkjip-submit", "lkjip-sdm",
            "lkjip-aset", "lkjip-prestasi", "narasi-perbarui", "pernyataan-reviu",
            "pernyataan-reviu-pdf")], lkjip),
        "laporan:lkjip-arsip": {"pk": d.disetujui.pk, "versi": 1},
        "laporan:lkjip-return": {"pk": d.diajukan.pk},
        "laporan:lkjip-approve": {"pk": d.diajukan.pk},
        "laporan:lkjip-unlock": {"pk": d.disetujui.pk},
        "laporan:lkjip-bagian": {"pk": d.lkjip.pk, "bagian": "pendahuluan"},
        "laporan:narasi-ubah": {"pk": d.lkjip.pk, "indikator": a.kin.iku1.pk,
                                "jenis": "target"},
        "laporan:pk-pdf": pk,
        **dict.fromkeys([f"laporan:{x}" for x in (
            "triwulan-pdf", "triwulan-xlsx", "reviu", "reviu-akui", "reviu-ringkas",
            "bukukerja-unduh", "bukukerja-unggah")], slug),
        "laporan:renstra-pdf": renstra,
        "laporan:renstra-xlsx": renstra,
        "laporan:reviu-pemda": {"tahun": 2019},
        **dict.fromkeys([f"laporan:catatan-{x}" for x in ("detail", "jawab", "tutup")],
                        {"pk": d.catatan.pk}),
        "laporan:bukukerja-pratinjau": {"pk": d.impor.pk},
        "laporan:bukukerja-terapkan": {"pk": d.impor.pk},
    }.get(nama, {})


def _query(nama: str, d: SimpleNamespace) -> str:
    """Query strings some pages need to name their object."""
    return {
        "kinerja:analisis": f"?indikator={d.a.kin.iku1.pk}",
        "laporan:catatan-panel": f"?objek=laporan.laporankinerja:{d.lkjip.pk}",
    }.get(nama, "")


def _klien(persona: str, d: SimpleNamespace) -> Client:
    c = Client()
    if persona != "anonim":
        c.force_login(d.user[persona])
        sesi = c.session
        sesi[SESSION_TAHUN] = 2019
        sesi.save()
    return c


def _panggil(nama: str, d: SimpleNamespace) -> dict[str, list[int]]:
    """The observed code of every persona and method, each request rolled back."""
    url = reverse(nama, kwargs=_kwargs(nama, d)) + _query(nama, d)
    hasil: dict[str, list[int]] = {"GET": [], "POST": []}
    for metode in hasil:
        for persona in PERSONA:
            klien = _klien(persona, d)
            with transaction.atomic():
                r = getattr(klien, metode.lower())(url)
                transaction.set_rollback(True)
            hasil[metode].append(r.status_code)
    return hasil


def test_setiap_url_punya_aturan():
    tanpa = sorted(set(URL) - set(IZIN))
    assert not tanpa, f"URL tanpa baris di IZIN (tentukan kodenya): {tanpa}"
    usang = sorted(set(IZIN) - set(URL))
    assert not usang, f"Baris IZIN untuk URL yang tidak ada lagi: {usang}"


@pytest.mark.parametrize("nama", sorted(URL))
def test_matriks(nama, dunia, db):
    if nama not in IZIN:
        pytest.fail(f"{nama}: belum ada di IZIN")
    get, post = IZIN[nama]
    assert _panggil(nama, dunia) == {"GET": list(get), "POST": list(post)}



DIPERBOLEHKAN = (200, 302)


@pytest.mark.parametrize("nama", sorted(n for n in IZIN if any(
    c in DIPERBOLEHKAN for c in IZIN[n][1][:-1])))
def test_post_tanpa_token_csrf_ditolak(nama, dunia, db):
    """A browser-like client (CSRF enforced) without the token: refused, whoever posts."""
    persona = next(p for p, c in zip(PERSONA, IZIN[nama][1], strict=True)
                   if c in DIPERBOLEHKAN and p != "anonim")
    klien = Client(enforce_csrf_checks=True)
    klien.force_login(dunia.user[persona])
    url = reverse(nama, kwargs=_kwargs(nama, dunia)) + _query(nama, dunia)
    with transaction.atomic():
        r = klien.post(url)
        transaction.set_rollback(True)
    assert r.status_code == 403, persona
