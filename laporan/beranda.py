"""The home page: for each office the user works in, where the year chosen in the top bar
stands (capaian, budget absorption, Perjanjian Kinerja, LKjIP and its deadline, review
comments), and what waits for the user: a kepala's approvals, a planner's returned
documents and missed deadline. It lives here, not in `sakip`, because it reads every app.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from kinerja.models import PerjanjianKinerja, StatusPk
from kinerja.selectors import aturan_pemda
from renstra.models import Renstra
from sakip.models import AksesPemda, Keanggotaan, Opd, Peran

from .inspektorat import BarisOpd, ringkasan_opd
from .models import StatusLaporan
from .selectors import kelas_skala


@dataclass(frozen=True)
class Tindakan:
    """Something waiting for the user in one office's year, and the page to do it on."""

    teks: str
    opd: Opd
    url: str
    kelas: str  # Bootstrap colour: danger (late), warning (returned, asked), primary (approve)


@dataclass
class KartuOpd:
    ringkasan: BarisOpd
    tahun: int
    peran: str
    pk: list[PerjanjianKinerja]  # the newest version for each Renstra period of the year
    renstra: list[Renstra]  # the office's Renstra (not superseded), newest first
    skala: str = ""  # the class the mean's category stands for, and on which scale

    @property
    def opd(self) -> Opd:
        return self.ringkasan.opd

    @property
    def renstra_tahun(self) -> Renstra | None:
        """The Renstra covering the year, if any."""
        return next((r for r in self.renstra if self.tahun in r.tahun_target), None)


@dataclass
class Beranda:
    tahun: int
    inspektorat: bool
    kartu: list[KartuOpd] = field(default_factory=list)
    tindakan: list[Tindakan] = field(default_factory=list)


def beranda_dataset(*, user: Any, tahun: int) -> Beranda:
    """The user's offices and their year: a fixed number of queries per pemda (there is
    one, as a rule) however many offices."""
    opd_list = list(Opd.objects.for_user(user).select_related("pemda")
                    .order_by("pemda__nama", "pemda_id", "nama"))
    opd_ids = [o.pk for o in opd_list]
    peran = {k.opd_id: k.peran for k in Keanggotaan.objects.filter(user=user)}
    akses = {a.pemda_id: a.peran for a in AksesPemda.objects.filter(user=user)}
    pk: dict[int, dict[tuple[int, int], PerjanjianKinerja]] = {}
    for p in PerjanjianKinerja.objects.filter(opd_id__in=opd_ids, tahun=tahun).select_related(
            "renstra").order_by("versi", "pk"):
        # The newest version wins, whichever version of the period's Renstra it names.
        periode = (p.renstra.tahun_awal, p.renstra.tahun_akhir)
        pk.setdefault(p.opd_id, {})[periode] = p
    renstra: dict[int, list[Renstra]] = {}
    for r in Renstra.objects.filter(opd_id__in=opd_ids).exclude(
            status=Renstra.Status.DIGANTIKAN).order_by("-tahun_akhir", "-versi"):
        renstra.setdefault(r.opd_id, []).append(r)
    hasil = Beranda(tahun, inspektorat=Peran.INSPEKTORAT in akses.values())
    for pemda, kelompok in groupby(opd_list, key=lambda o: o.pemda):
        aturan = aturan_pemda(pemda)
        for b in ringkasan_opd(opd_list=list(kelompok), tahun=tahun, aturan=aturan):
            p = peran.get(b.opd.pk) or akses.get(pemda.pk)
            kartu = KartuOpd(b, tahun, _label_peran(p, seluruh_pemda=b.opd.pk not in peran,
                                                   superuser=user.is_superuser),
                             list(pk.get(b.opd.pk, {}).values()), renstra.get(b.opd.pk, []),
                             kelas_skala(aturan, b.kategori) if b.n else "")
            hasil.kartu.append(kartu)
            hasil.tindakan += _tindakan(kartu, p)
    return hasil


def _label_peran(peran: str | None, *, seluruh_pemda: bool, superuser: bool) -> str:
    if peran is None:
        return "Administrator" if superuser else "Pembaca"
    return Peran(peran).label + (" · seluruh pemda" if seluruh_pemda else "")


def _tindakan(k: KartuOpd, peran: str | None) -> list[Tindakan]:
    """A kepala's approvals; a planner's returned documents and missed deadline; comments
    the office has to answer, or the inspectorate to close."""
    lp, r = k.ringkasan.laporan, k.ringkasan
    url_lkjip = reverse("laporan:lkjip-detail", args=[lp.pk]) if lp else ""
    hasil = []
    if peran == Peran.KEPALA:
        hasil += [Tindakan(f"{p.nama_versi} {k.tahun} menunggu persetujuan Anda.", k.opd,
                           reverse("kinerja:pk-detail", args=[p.pk]), "primary")
                  for p in k.pk if p.status == StatusPk.DIAJUKAN]
        if lp and lp.status == StatusLaporan.DIAJUKAN:
            hasil.append(Tindakan(f"LKjIP {k.tahun} menunggu persetujuan Anda.", k.opd,
                                  url_lkjip, "primary"))
    if peran == Peran.PERENCANA:
        hasil += [Tindakan(f"{p.nama_versi} {k.tahun} dikembalikan kepala: perbaiki, lalu "
                           "ajukan lagi.", k.opd, reverse("kinerja:pk-detail", args=[p.pk]),
                           "warning")
                  for p in k.pk if p.status == StatusPk.DIKEMBALIKAN]
        if lp and lp.status == StatusLaporan.DIKEMBALIKAN:
            hasil.append(Tindakan(f"LKjIP {k.tahun} dikembalikan kepala: perbaiki, lalu "
                                  "ajukan lagi.", k.opd, url_lkjip, "warning"))
        if r.terlambat:
            hasil.append(Tindakan(f"LKjIP {k.tahun} belum diajukan, padahal batasnya "
                                  f"{r.batas}.", k.opd, url_lkjip or reverse("laporan:index"),
                                  "danger"))
    # Comments on the report are on its page; those on sasaran and indicators on capaian.
    url_catatan = url_lkjip or reverse("kinerja:capaian")
    if peran in (Peran.KEPALA, Peran.PERENCANA) and r.catatan_terbuka:
        hasil.append(Tindakan(f"{r.catatan_terbuka} catatan reviu Inspektorat tahun {k.tahun} "
                              "menunggu jawaban.", k.opd, url_catatan, "warning"))
    if peran == Peran.INSPEKTORAT and r.catatan_dijawab:
        hasil.append(Tindakan(f"{r.catatan_dijawab} catatan reviu tahun {k.tahun} sudah "
                              "dijawab: tanggapi atau tutup.", k.opd, url_catatan, "warning"))
    return hasil


@login_required
@require_GET
def beranda_view(request: HttpRequest) -> HttpResponse:
    return render(request, "beranda.html", {
        "beranda": beranda_dataset(user=request.user,
                                   tahun=request.tahun_aktif),  # type: ignore[attr-defined]
    })
