"""The inspectorate (APIP): a pemda-wide dashboard, review comments, the review statement.

The dashboard shows every office of the pemda for a year with its mean capaian, its
indicators per category, budget absorption, LKjIP status and deadline, open comments and
whether the LKjIP has been reviewed. It loads all offices at once from a fixed number of
queries (asserted for 1 vs 20 offices) and computes capaian with the kinerja selectors'
own functions (`_Sumber.target/nilai_tw`, `agregasi`, `hitung`) and serapan with
`anggaran.efisiensi.rekap_serapan`, so its figures are those of each office's own pages
(tests compare them with `capaian_dasbor` and `anggaran_dataset`).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import rules
from django import forms
from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models import Count, DecimalField, Sum, Value
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from anggaran import efisiensi
from anggaran.models import Anggaran, BarisAnggaran, PosAnggaran, RealisasiAnggaran
from kinerja import capaian
from kinerja.models import BarisPk, PerjanjianKinerja, Realisasi, skala_ordinal
from kinerja.selectors import (
    Aturan,
    Target,
    _garis_keturunan,
    _Sumber,
    agregasi,
    aturan_pemda,
    hitung,
    pk_berlaku_periode,
)
from renstra.models import Indikator, Renstra, Sasaran, TargetRenstra
from sakip import catatan as layanan_catatan
from sakip.kunci import tanggal_id
from sakip.models import (
    CatatanReviu,
    Opd,
    Pemda,
    Peran,
    PernyataanReviu,
    StatusCatatan,
    nip_validator,
)
from sakip.notifikasi import dari_kantor

from . import pdf
from .alur import status_pelaporan
from .models import LaporanKinerja, StatusLaporan

NOL = Decimal("0")
SEN = Decimal("0.01")
UANG: DecimalField = DecimalField(max_digits=18, decimal_places=2)
TANPA_DATA = "Belum ada data"


# --- the dashboard ---------------------------------------------------------------------------


@dataclass
class BarisOpd:
    opd: Opd
    capaian_teks: str
    n: int
    kategori: str
    kategori_kelas: str
    per_kategori: dict[str, int]
    serapan_teks: str
    pagu: Decimal | None
    realisasi: Decimal | None
    laporan: LaporanKinerja | None
    diajukan: str = ""
    batas: str = ""
    terlambat: bool = False
    catatan_terbuka: int = 0
    catatan_dijawab: int = 0
    direviu: PernyataanReviu | None = None


@dataclass
class DasborInspektorat:
    pemda: Pemda
    tahun: int
    aturan: Aturan
    kategori: list[str]  # column order: the scale from best to worst, then "no data"
    baris: list[BarisOpd] = field(default_factory=list)


def pemda_inspektorat(user: Any) -> models.QuerySet:
    """The pemdas whose whole inspectorate view the user has (a superuser: every one)."""
    if user.is_superuser:
        return Pemda.objects.all()
    return Pemda.objects.filter(akses__user=user, akses__peran=Peran.INSPEKTORAT)


def _capaian_per_opd(opd_list: list[Opd], tahun: int, aturan: Aturan
                     ) -> dict[int, list[capaian.HasilCapaian]]:
    """The capaian of every sasaran indicator of each office's Renstra covering the year,
    as `kinerja.selectors.capaian_dasbor` computes them; six queries for all offices."""
    opd_ids = [o.pk for o in opd_list]
    renstra = defaultdict(set)
    for r in Renstra.objects.filter(opd_id__in=opd_ids, tahun_akhir__gte=tahun,
                                    tahun_kondisi_awal__lt=tahun).exclude(
            status=Renstra.Status.DIGANTIKAN).values("pk", "opd_id"):
        renstra[r["opd_id"]].add(r["pk"])
    semua = list(Indikator.objects.filter(renstra__opd_id__in=opd_ids, level="sasaran")
                 .select_related("renstra").order_by("urutan", "pk"))
    rantai = _garis_keturunan([{"id": i.pk, "asal_id": i.asal_id} for i in semua])
    pk = pk_berlaku_periode(
        PerjanjianKinerja.objects.filter(opd_id__in=opd_ids, tahun=tahun)
        .select_related("renstra").only("id", "renstra", "tahun", "versi", "status", "opd_id",
                                        "renstra__tahun_awal", "renstra__tahun_akhir",
                                        "renstra__versi"))
    pk_ids = {p.pk for p in pk.values()}
    baris: dict[tuple[int, int], tuple[int, Target]] = {}
    for b in BarisPk.objects.filter(perjanjian_id__in=pk_ids, indikator__level="sasaran").values(
            "id", "indikator_id", "target", "target_atas", "target_teks"):
        baris[(b["indikator_id"], tahun)] = (
            b["id"], Target(b["target"], b["target_atas"], b["target_teks"], "PK"))
    target_renstra: dict[int, dict[int, Target]] = defaultdict(dict)
    for ind_id, nilai, atas, teks in TargetRenstra.objects.filter(
            indikator__renstra__opd_id__in=opd_ids, indikator__level="sasaran", tahun=tahun
    ).values_list("indikator_id", "nilai", "nilai_atas", "nilai_teks"):
        target_renstra[ind_id][tahun] = Target(nilai, atas, teks, "Renstra")
    kualitatif = Indikator.JenisTarget.KUALITATIF
    realisasi: dict[tuple[int, int], list[Any]] = {}
    for ind_id, tw, nilai, teks, jenis in Realisasi.objects.filter(
            indikator__renstra__opd_id__in=opd_ids, indikator__level="sasaran", tahun=tahun
    ).values_list("indikator_id", "triwulan", "nilai", "nilai_teks", "indikator__jenis_target"):
        realisasi.setdefault((ind_id, tahun), [None] * 4)[tw - 1] = (
            (teks or None) if jenis == kualitatif else nilai)
    sumber = _Sumber(pk, baris, {}, target_renstra, realisasi, {})
    hasil: dict[int, list[capaian.HasilCapaian]] = defaultdict(list)
    for i in semua:
        opd_id = i.renstra.opd_id
        if i.renstra_id not in renstra[opd_id] or not i.berlaku_pada(tahun):
            continue
        skala = skala_ordinal(i)
        tahunan = agregasi(i, sumber.nilai_tw(rantai[i.pk], tahun), skala)
        hasil[opd_id].append(hitung(i, sumber.target(rantai[i.pk], tahun), tahunan, aturan,
                                    skala))
    return hasil


def _jumlah(qs: models.QuerySet, kolom: Any) -> dict[int, Decimal]:
    return {r["anggaran_id"]: Decimal(r["t"]).quantize(SEN) for r in qs.values("anggaran_id")
            .annotate(t=Coalesce(Sum(kolom), Value(NOL), output_field=UANG)).order_by()}


def _serapan_per_opd(opd_ids: list[int], tahun: int) -> dict[int, efisiensi.RekapSerapan]:
    """Σ realisasi / Σ pagu of all spending (program lines and belanja pos), per office:
    the "Belanja" total of `anggaran_dataset`; four queries for all offices."""
    anggaran = dict(Anggaran.objects.filter(opd_id__in=opd_ids, tahun=tahun)
                    .values_list("pk", "opd_id"))
    pagu_akhir = Coalesce("pagu_perubahan", "pagu_murni")
    pagu_baris = _jumlah(BarisAnggaran.objects.filter(anggaran_id__in=anggaran), pagu_akhir)
    pagu_pos = _jumlah(PosAnggaran.objects.filter(
        anggaran_id__in=anggaran, jenis=PosAnggaran.Jenis.BELANJA), pagu_akhir)
    real = _jumlah(RealisasiAnggaran.objects.filter(anggaran_id__in=anggaran).exclude(
        pos__jenis=PosAnggaran.Jenis.PENDAPATAN), "nilai")
    return {opd_id: efisiensi.rekap_serapan([(
        pagu_baris.get(a, NOL) + pagu_pos.get(a, NOL), real.get(a, NOL))])
        for a, opd_id in anggaran.items()}


def dasbor_inspektorat(*, pemda: Pemda, tahun: int) -> DasborInspektorat:
    """Every office of the pemda for the year; a fixed number of queries however many."""
    aturan = aturan_pemda(pemda)
    return DasborInspektorat(pemda, tahun, aturan, kolom_kategori(aturan), ringkasan_opd(
        opd_list=list(Opd.objects.filter(pemda=pemda).order_by("nama")), tahun=tahun,
        aturan=aturan))


def kolom_kategori(aturan: Aturan) -> list[str]:
    """The scale's categories from best to worst, then "no data"."""
    return [*(label for _, label in aturan.skala), TANPA_DATA]


def ringkasan_opd(*, opd_list: list[Opd], tahun: int, aturan: Aturan) -> list[BarisOpd]:
    """The year of each office (of one pemda, whose rules `aturan` are): capaian of the
    sasaran indicators, budget absorption, LKjIP and its deadline, review comments. A
    fixed number of queries however many offices."""
    opd_ids = [o.pk for o in opd_list]
    hasil = _capaian_per_opd(opd_list, tahun, aturan)
    serapan = _serapan_per_opd(opd_ids, tahun)
    laporan: dict[int, LaporanKinerja] = {}
    for lp in LaporanKinerja.objects.filter(opd_id__in=opd_ids, tahun=tahun).order_by("versi"):
        laporan[lp.opd_id] = lp
    pelaporan = dict(zip(opd_ids, status_pelaporan(
        [(o, tahun, laporan.get(o.pk)) for o in opd_list]), strict=True))
    catatan: dict[tuple[int, str], int] = {
        (c["opd_id"], c["status"]): c["n"] for c in CatatanReviu.objects.filter(
            opd_id__in=opd_ids, tahun=tahun).values("opd_id", "status")
        .annotate(n=Count("pk")).order_by()}
    reviu = {p.opd_id: p for p in PernyataanReviu.objects.filter(
        opd_id__in=opd_ids, tahun=tahun,
        content_type=ContentType.objects.get_for_model(LaporanKinerja))}
    kategori = kolom_kategori(aturan)
    hasil_baris = []
    for o in opd_list:
        h = hasil.get(o.pk, [])
        rata, n = capaian.rata_rata_capaian(h)
        label, kelas = aturan.kategori(rata)
        hitungan = Counter(aturan.kategori(x.persen)[0] or TANPA_DATA for x in h)
        s = serapan.get(o.pk)
        p = pelaporan[o.pk]
        hasil_baris.append(BarisOpd(
            opd=o, capaian_teks=aturan.persen(rata), n=n, kategori=label,
            kategori_kelas=kelas, per_kategori={k: hitungan.get(k, 0) for k in kategori},
            serapan_teks=aturan.persen(s.persen) if s else "-",
            pagu=s.total_pagu if s else None, realisasi=s.total_realisasi if s else None,
            laporan=laporan.get(o.pk), diajukan=p.diajukan_tampil, batas=p.batas_tampil,
            terlambat=p.terlambat,
            catatan_terbuka=catatan.get((o.pk, StatusCatatan.TERBUKA), 0),
            catatan_dijawab=catatan.get((o.pk, StatusCatatan.DIJAWAB), 0),
            direviu=reviu.get(o.pk),
        ))
    return hasil_baris


class PilihForm(forms.Form):
    pemda = forms.ModelChoiceField(queryset=Pemda.objects.none(), to_field_name="slug",
                                   empty_label=None, required=False)
    tahun = forms.IntegerField(min_value=2000, max_value=2100, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pemda"].queryset = pemda_inspektorat(user)  # type: ignore[attr-defined]


@login_required
@require_GET
def inspektorat_view(request: HttpRequest) -> HttpResponse:
    pilihan = pemda_inspektorat(request.user)
    form = PilihForm(request.GET or None, user=request.user)
    d = form.cleaned_data if form.is_valid() else {}
    pemda = d.get("pemda") or pilihan.first()
    if pemda is None:
        raise PermissionDenied("Dasbor ini untuk inspektorat yang ditugaskan di seluruh pemda.")
    tahun = d.get("tahun") or request.tahun_aktif  # type: ignore[attr-defined]
    return render(request, "laporan/inspektorat/dasbor.html", {
        "form": form, "pemda": pemda, "tahun": tahun, "pilihan": pilihan,
        "dasbor": dasbor_inspektorat(pemda=pemda, tahun=tahun),
    })


# --- review comments -------------------------------------------------------------------------


class CatatanForm(forms.Form):
    objek = forms.CharField(widget=forms.HiddenInput)
    tahun = forms.IntegerField(min_value=2000, max_value=2100, widget=forms.HiddenInput)
    teks = forms.CharField(label="Catatan reviu", max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}))


class JawabanForm(forms.Form):
    teks = forms.CharField(label="Jawaban", max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}))


def _objek(request: HttpRequest, kunci: str) -> models.Model:
    """"renstra.indikator:12" → the object, through the user's scope (another office: 404)."""
    label, _, pk = kunci.partition(":")
    if label not in layanan_catatan.OBJEK or not pk.isdigit():
        raise Http404("Objek catatan tidak dikenal.")
    model = apps.get_model(label)
    try:
        return model.objects.for_user(request.user).get(pk=int(pk))
    except model.DoesNotExist:
        raise Http404("Objek tidak ditemukan.") from None


def peninjau(user: Any, opd: Opd) -> bool:
    """Whether the user reviews this office. Asked of the rule itself: Django's has_perm
    says yes to any superuser, but a review comment or statement carries the reviewer's
    own name, and no administrator stands in for it."""
    return rules.has_perm("sakip.review_opd", user, opd)


def _tujuan_aman(request: HttpRequest, url: str, cadangan: str) -> str:
    ok = url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()})
    return url if ok else cadangan


def _catatan(request: HttpRequest, pk: int) -> CatatanReviu:
    return get_object_or_404(CatatanReviu.objects.for_user(request.user)
                             .select_related("opd__pemda", "oleh"), pk=pk)


@login_required
@require_POST
def catatan_create_view(request: HttpRequest) -> HttpResponse:
    form = CatatanForm(request.POST)
    objek = _objek(request, request.POST.get("objek", ""))
    opd = layanan_catatan.opd_objek(objek)
    if not peninjau(request.user, opd):
        raise PermissionDenied("Hanya inspektorat yang dapat menulis catatan reviu.")
    kembali = _tujuan_aman(request, request.POST.get("next", ""), reverse("laporan:inspektorat"))
    if not form.is_valid():
        messages.error(request, "Tuliskan isi catatan reviu.")
        return redirect(kembali)
    c = layanan_catatan.catatan_create(objek=objek, tahun=form.cleaned_data["tahun"],
                                       teks=form.cleaned_data["teks"], oleh=request.user)
    messages.success(request, f"Catatan reviu untuk {c.objek_label} disimpan; perangkat "
                              "daerah diberi tahu.")
    return redirect(kembali)


@login_required
@require_GET
def catatan_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    c = _catatan(request, pk)
    return render(request, "laporan/inspektorat/catatan_detail.html", {
        "c": c, "jawaban": list(c.jawaban.select_related("oleh")),
        "url_objek": url_objek(c), "form": JawabanForm(),
        "bisa_jawab": c.status != StatusCatatan.DITUTUP
        and rules.has_perm("sakip.answer_catatanreviu", request.user, c.opd),
        "bisa_tutup": c.status != StatusCatatan.DITUTUP and peninjau(request.user, c.opd),
    })


@login_required
@require_POST
def catatan_jawab_view(request: HttpRequest, pk: int) -> HttpResponse:
    c = _catatan(request, pk)
    # The rule itself, as for reviewers: answers are in the name of the office.
    if not rules.has_perm("sakip.answer_catatanreviu", request.user, c.opd):
        raise PermissionDenied("Hanya perencana, kepala perangkat daerah atau inspektorat yang "
                               "dapat menjawab catatan reviu.")
    form = JawabanForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Tuliskan isi jawaban.")
    else:
        layanan_catatan.jawaban_create(catatan=c, teks=form.cleaned_data["teks"],
                                       oleh=request.user,
                                       dari_kantor=dari_kantor(request.user, c.opd_id))
        messages.success(request, "Jawaban disimpan.")
    return redirect("laporan:catatan-detail", c.pk)


@login_required
@require_POST
def catatan_tutup_view(request: HttpRequest, pk: int) -> HttpResponse:
    c = _catatan(request, pk)
    if not peninjau(request.user, c.opd):
        raise PermissionDenied("Hanya inspektorat yang dapat menutup catatan reviu.")
    layanan_catatan.catatan_tutup(catatan=c, oleh=request.user)
    messages.success(request, "Catatan ditutup.")
    return redirect("laporan:catatan-detail", c.pk)


def url_objek(c: CatatanReviu) -> str:
    """Where the commented object is shown: the LKjIP page, or the capaian dashboard."""
    if c.content_type.model == "laporankinerja":
        return reverse("laporan:lkjip-detail", args=[c.object_id])
    return reverse("kinerja:capaian")


@dataclass
class Panel:
    catatan: list[CatatanReviu]
    form: CatatanForm | None
    pilihan: list[tuple[str, str]]  # (objek key, label) the reviewer may comment on
    laporan: LaporanKinerja | None = None  # a report: its review statement goes here too
    pernyataan: PernyataanReviu | None = None
    bisa_reviu: bool = False


def _pilihan_capaian(opd: Opd, tahun: int) -> list[tuple[str, str]]:
    """Sasaran and sasaran indicators of the office's Renstra covering the year."""
    renstra = Renstra.objects.filter(opd=opd, tahun_akhir__gte=tahun,
                                     tahun_kondisi_awal__lt=tahun).exclude(
        status=Renstra.Status.DIGANTIKAN)
    hasil = []
    for s in Sasaran.objects.filter(tujuan__renstra__in=renstra).prefetch_related(
            "indikator").order_by("tujuan__renstra__tahun_awal", "tujuan__urutan", "urutan"):
        hasil.append((layanan_catatan.kunci_objek(s), f"Sasaran: {s.nama}"))
        hasil += [(layanan_catatan.kunci_objek(i), f"— Indikator: {i.nama}")
                  for i in s.indikator.all() if i.berlaku_pada(tahun)]
    return hasil


@login_required
@require_GET
def catatan_panel_view(request: HttpRequest) -> HttpResponse:
    """The comments shown on a page, loaded by htmx: `?objek=laporan.laporankinerja:3` for
    one object, or `?lingkup=capaian` for the sasaran and indicators of the office and year
    in the navigation bar (the capaian dashboard)."""
    next_url = _tujuan_aman(request, request.GET.get("next", ""), "")
    objek: models.Model | None = None
    if request.GET.get("lingkup") == "capaian":
        opd = request.opd_aktif  # type: ignore[attr-defined]
        if opd is None:
            raise Http404("Belum ada perangkat daerah.")
        tahun = request.tahun_aktif  # type: ignore[attr-defined]
        daftar = layanan_catatan.catatan_opd(opd=opd, tahun=tahun,
                                             label=["renstra.sasaran", "renstra.indikator"])
        bisa = peninjau(request.user, opd)
        pilihan = _pilihan_capaian(opd, tahun) if bisa else []
        awal = {"tahun": tahun}
    else:
        objek = _objek(request, request.GET.get("objek", ""))
        opd = layanan_catatan.opd_objek(objek)
        daftar = layanan_catatan.catatan_objek(objek=objek)
        bisa = peninjau(request.user, opd)
        tahun = getattr(objek, "tahun", request.tahun_aktif)  # type: ignore[attr-defined]
        pilihan = []
        awal = {"tahun": tahun, "objek": layanan_catatan.kunci_objek(objek)}
    if not request.user.has_perm("sakip.view_opd", opd):
        raise PermissionDenied("Anda tidak berhak membaca perangkat daerah ini.")
    panel = Panel(daftar, CatatanForm(initial=awal) if bisa else None, pilihan)
    if isinstance(objek, LaporanKinerja):
        panel.laporan, panel.pernyataan = objek, pernyataan_get(objek)
        panel.bisa_reviu = bisa and panel.pernyataan is None and (
            objek.status != StatusLaporan.DRAFT)
    return render(request, "laporan/inspektorat/_catatan_panel.html", {
        "panel": panel, "next": next_url,
    })


# --- the review statement --------------------------------------------------------------------


class PernyataanForm(forms.Form):
    tempat = forms.CharField(max_length=100)
    tanggal = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    nama = forms.CharField(max_length=200)
    jabatan = forms.CharField(max_length=200)
    pangkat = forms.CharField(label="Pangkat/golongan", max_length=100, required=False)
    nip = forms.CharField(label="NIP", max_length=21, required=False, validators=[nip_validator])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for f in self.fields.values():
            f.widget.attrs.setdefault("class", "form-control")


@transaction.atomic
def pernyataan_reviu_create(*, laporan: LaporanKinerja, oleh: Any, tempat: str,
                            tanggal: Any, nama: str, jabatan: str, pangkat: str,
                            nip: str) -> PernyataanReviu:
    """Render the signed statement once and keep the file with its SHA-256."""
    tipe = ContentType.objects.get_for_model(LaporanKinerja)
    if PernyataanReviu.objects.filter(content_type=tipe, object_id=laporan.pk).exists():
        raise ValidationError("LKjIP ini sudah dinyatakan telah direviu.")
    if laporan.status == StatusLaporan.DRAFT:
        raise ValidationError("LKjIP masih draf: reviu dilakukan setelah laporan diajukan.")
    p = PernyataanReviu(
        opd=laporan.opd, tahun=laporan.tahun, content_type=tipe, object_id=laporan.pk,
        tempat=tempat, tanggal=tanggal, penandatangan_nama=nama,
        penandatangan_jabatan=jabatan, penandatangan_pangkat=pangkat,
        penandatangan_nip=nip, oleh=oleh, waktu=timezone.now(),
    )
    isi = pdf.render_template_pdf("laporan/inspektorat/pernyataan_pdf.html", {
        "laporan": laporan, "opd": laporan.opd, "pemda": laporan.opd.pemda,
        "nama_opd": laporan.opd.nama,
        "ttd_peninjau": {"tempat": tempat, "tanggal": tanggal_id(tanggal), "jabatan": jabatan,
                         "nama": nama, "pangkat": pangkat, "nip": nip},
    })
    p.sha256 = hashlib.sha256(isi).hexdigest()
    p.berkas.save(f"pernyataan-reviu-{laporan.opd.slug}-{laporan.tahun}.pdf",
                  ContentFile(isi), save=False)
    p.full_clean()
    p._history_user = oleh  # type: ignore[attr-defined]
    p.save()
    return p


def _laporan(request: HttpRequest, pk: int) -> LaporanKinerja:
    return get_object_or_404(LaporanKinerja.objects.for_user(request.user)
                             .select_related("opd__pemda"), pk=pk)


def pernyataan_get(laporan: LaporanKinerja) -> PernyataanReviu | None:
    return PernyataanReviu.objects.filter(
        content_type=ContentType.objects.get_for_model(LaporanKinerja),
        object_id=laporan.pk).first()


@login_required
@require_http_methods(["GET", "POST"])
def pernyataan_reviu_view(request: HttpRequest, pk: int) -> HttpResponse:
    laporan = _laporan(request, pk)
    if not peninjau(request.user, laporan.opd):
        raise PermissionDenied("Hanya inspektorat yang dapat menyatakan LKjIP telah direviu.")
    ada = pernyataan_get(laporan)
    if ada is not None:
        messages.info(request, "LKjIP ini sudah dinyatakan telah direviu.")
        return redirect("laporan:lkjip-detail", laporan.pk)
    user = request.user
    lalu = PernyataanReviu.objects.filter(oleh_id=user.pk).order_by("-waktu").first()
    awal = {"tempat": laporan.opd.pemda.ibukota, "tanggal": timezone.localdate(),
            "nama": user.get_full_name() if user.is_authenticated else ""}
    if lalu is not None:
        awal.update(nama=lalu.penandatangan_nama, jabatan=lalu.penandatangan_jabatan,
                    pangkat=lalu.penandatangan_pangkat, nip=lalu.penandatangan_nip)
    form = PernyataanForm(request.POST or None, initial=awal)
    if request.method == "POST" and form.is_valid():
        try:
            pernyataan_reviu_create(laporan=laporan, oleh=request.user, **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, "Pernyataan Telah Direviu dibuat dan dilampirkan pada "
                                      "LKjIP.")
            return redirect("laporan:lkjip-detail", laporan.pk)
    return render(request, "laporan/inspektorat/pernyataan_form.html", {
        "laporan": laporan, "form": form,
    })


@login_required
@require_GET
def pernyataan_reviu_pdf_view(request: HttpRequest, pk: int) -> FileResponse:
    """The stored file, byte for byte, for everyone who reads the report."""
    laporan = _laporan(request, pk)
    p = pernyataan_get(laporan)
    if p is None:
        raise Http404("LKjIP ini belum direviu.")
    return FileResponse(p.berkas.open("rb"), as_attachment=True,
                        filename=f"pernyataan-reviu-{laporan.opd.slug}-{laporan.tahun}.pdf",
                        content_type="application/pdf")

