"""Report pages and downloads. Each view: fetch through the user's scope (another office →
404), ask rules (wrong role → 403), validate a form, call one service, redirect."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinerja.models import PerjanjianKinerja
from renstra.models import Indikator, Renstra
from sakip.models import Opd

from . import dokumen, selectors, services
from .forms import (
    BAGIAN,
    KELOMPOK_SDM,
    AsetFormSet,
    LaporanBuatForm,
    LogoForm,
    NarasiForm,
    PrestasiFormSet,
    bagian_form,
    sdm_formset,
)
from .models import AsetSarana, JenisAnalisis, LaporanKinerja, Prestasi
from .narasi import narasi_bawaan


def _unduh(isi: bytes, nama: str, jenis: str) -> HttpResponse:
    r = HttpResponse(isi, content_type=jenis)
    r["Content-Disposition"] = f'attachment; filename="{nama}"'
    return r


def _pdf(isi: bytes, nama: str) -> HttpResponse:
    return _unduh(isi, nama, "application/pdf")


def _xlsx(isi: bytes, nama: str) -> HttpResponse:
    return _unduh(isi, nama, dokumen.XLSX)


def _opd(request: HttpRequest, slug: str) -> Opd:
    opd = get_object_or_404(Opd.objects.for_user(request.user).select_related("pemda"),
                            slug=slug)
    if not request.user.has_perm("laporan.view_laporan", opd):
        raise PermissionDenied("Anda tidak berhak membaca laporan perangkat daerah ini.")
    return opd


def _laporan(request: HttpRequest, pk: int, *, ubah: bool = False) -> LaporanKinerja:
    laporan = get_object_or_404(
        LaporanKinerja.objects.for_user(request.user).select_related("opd__pemda"), pk=pk)
    if not request.user.has_perm("laporan.view_laporan", laporan.opd):
        raise PermissionDenied("Anda tidak berhak membaca laporan ini.")
    if ubah and not request.user.has_perm("laporan.change_laporankinerja", laporan):
        raise PermissionDenied(
            services.PESAN_TERKUNCI if not laporan.dapat_diubah
            else "Hanya perencana perangkat daerah ini yang dapat mengubah LKjIP.")
    return laporan


def _dataset(laporan: LaporanKinerja) -> selectors.DataLkjip:
    try:
        return selectors.lkjip_dataset(opd=laporan.opd, tahun=laporan.tahun)
    except selectors.DataTidakAda as exc:
        raise Http404(str(exc)) from exc


def _nama_berkas(jenis: str, opd: Opd, tahun: Any, akhiran: str) -> str:
    return f"{jenis}-{opd.slug}-{tahun}.{akhiran}"


@login_required
@require_GET
def laporan_index_view(request: HttpRequest) -> HttpResponse:
    """The reports of the office and year chosen in the navigation bar."""
    opd: Opd | None = request.opd_aktif  # type: ignore[attr-defined]
    if opd is None:
        return render(request, "laporan/index.html", {"opd": None})
    _opd(request, opd.slug)
    tahun: int = request.tahun_aktif  # type: ignore[attr-defined]
    daftar = LaporanKinerja.objects.filter(opd=opd).order_by("-tahun", "-versi")
    pk = PerjanjianKinerja.objects.filter(opd=opd).select_related("renstra").order_by(
        "-tahun", "renstra__tahun_awal", "-versi")
    renstra = Renstra.objects.filter(opd=opd).exclude(
        status=Renstra.Status.DIGANTIKAN).order_by("-tahun_awal", "-versi")
    return render(request, "laporan/index.html", {
        "opd": opd, "tahun": tahun, "daftar": daftar, "pk": pk, "renstra": renstra,
        # Quarterly reports exist for the years with a PK (their targets and realisations).
        "tahun_triwulan": sorted({p.tahun for p in pk}, reverse=True),
        "lkjip_tahun": next((x for x in daftar if x.tahun == tahun), None),
        "bisa_buat": request.user.has_perm("laporan.add_laporankinerja", opd),
        "bisa_logo": request.user.has_perm("laporan.change_logo", opd.pemda),
        "form": LaporanBuatForm(initial={"tahun": tahun}),
    })


@login_required
@require_POST
def lkjip_create_view(request: HttpRequest) -> HttpResponse:
    opd: Opd | None = request.opd_aktif  # type: ignore[attr-defined]
    if opd is None:
        raise Http404("Belum ada perangkat daerah.")
    _opd(request, opd.slug)
    if not request.user.has_perm("laporan.add_laporankinerja", opd):
        raise PermissionDenied("Hanya perencana perangkat daerah ini yang dapat membuat LKjIP.")
    form = LaporanBuatForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Tahun tidak sah.")
        return redirect("laporan:index")
    try:
        laporan = services.laporan_create(opd=opd, tahun=form.cleaned_data["tahun"],
                                          oleh=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect("laporan:index")
    messages.success(request, f"LKjIP {laporan.tahun} dibuat sebagai draf.")
    return redirect("laporan:lkjip-detail", laporan.pk)


@login_required
@require_GET
def lkjip_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole report in the browser, section by section, with edit links."""
    laporan = _laporan(request, pk)
    return render(request, "laporan/lkjip_detail.html", {
        "laporan": laporan, "data": _dataset(laporan), "pratinjau": True,
        "bisa_ubah": request.user.has_perm("laporan.change_laporankinerja", laporan),
        "bagian": BAGIAN,
    })


@login_required
@require_GET
def lkjip_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    laporan = _laporan(request, pk)
    isi = dokumen.lkjip_pdf(_dataset(laporan))
    return _pdf(isi, _nama_berkas("LKjIP", laporan.opd, laporan.tahun, "pdf"))


@login_required
@require_GET
def lkjip_xlsx_view(request: HttpRequest, pk: int) -> HttpResponse:
    laporan = _laporan(request, pk)
    isi = dokumen.lkjip_xlsx(_dataset(laporan))
    return _xlsx(isi, _nama_berkas("LKjIP-tabel", laporan.opd, laporan.tahun, "xlsx"))


def _ke_bagian(laporan: LaporanKinerja, jangkar: str) -> str:
    return reverse("laporan:lkjip-detail", args=[laporan.pk]) + f"#{jangkar}"


JANGKAR_BAGIAN = {"pengaturan": "kata-pengantar", "kata_pengantar": "kata-pengantar",
                  "ikhtisar": "ikhtisar", "pendahuluan": "bab-1", "sumber_daya": "sumber-daya",
                  "perencanaan": "bab-2",
                  "capaian_umum": "capaian-organisasi", "penutup": "bab-4"}


@login_required
@require_http_methods(["GET", "POST"])
def lkjip_bagian_view(request: HttpRequest, pk: int, bagian: str) -> HttpResponse:
    if bagian not in BAGIAN:
        raise Http404("Bagian tidak dikenal.")
    laporan = _laporan(request, pk, ubah=True)
    Form = bagian_form(bagian)
    form = Form(request.POST or None, request.FILES or None, instance=laporan)
    if not request.POST:
        # An empty section starts from the standard text the report prints meanwhile.
        bawaan = narasi_bawaan(opd=laporan.opd.nama, pemda=laporan.opd.pemda.nama,
                               tahun=laporan.tahun)
        for f in BAGIAN[bagian].kolom:
            if f in bawaan and not getattr(laporan, f):
                form.initial[f] = bawaan[f]
    if request.method == "POST" and form.is_valid():
        try:
            services.laporan_update(
                laporan=laporan, oleh=request.user, alasan=f"Ubah {BAGIAN[bagian].judul}",
                data={f: form.cleaned_data[f] for f in BAGIAN[bagian].kolom})
        except ValidationError as e:
            _galat(form, e)
        else:
            messages.success(request, f"{BAGIAN[bagian].judul} disimpan.")
            return redirect(_ke_bagian(laporan, JANGKAR_BAGIAN[bagian]))
    return render(request, "laporan/form.html", {
        "laporan": laporan, "form": form, "judul": BAGIAN[bagian].judul,
        "petunjuk": BAGIAN[bagian].petunjuk, "batal": _ke_bagian(laporan,
                                                                 JANGKAR_BAGIAN[bagian]),
        "berkas": "bagan_organisasi" in BAGIAN[bagian].kolom,
    })


def _galat(form: Any, e: ValidationError) -> None:
    if hasattr(e, "error_dict"):
        for field, pesan in e.message_dict.items():
            form.add_error(field if field in form.fields else None, pesan)
    else:
        form.add_error(None, e)


@login_required
@require_http_methods(["GET", "POST"])
def lkjip_sdm_view(request: HttpRequest, pk: int) -> HttpResponse:
    laporan = _laporan(request, pk, ubah=True)
    data = request.POST or None
    formset = {k: sdm_formset(laporan, k, data) for k, _ in KELOMPOK_SDM}
    if request.method == "POST" and all(f.is_valid() for f in formset.values()):
        for kelompok, fs in formset.items():
            baris = [(f.cleaned_data["uraian"], f.cleaned_data.get("jumlah") or 0)
                     for f in fs.forms if f.cleaned_data.get("uraian", "").strip()]
            try:
                services.sdm_update(laporan=laporan, kelompok=kelompok, baris=baris,
                                    oleh=request.user)
            except ValidationError as e:
                fs._non_form_errors = fs.error_class(e.messages)  # shown above the group
                break
        else:
            messages.success(request, "Data pegawai disimpan.")
            return redirect(_ke_bagian(laporan, "sumber-daya"))
    return render(request, "laporan/sdm_form.html", {
        "laporan": laporan, "kelompok": [(label, formset[k]) for k, label in KELOMPOK_SDM],
        "batal": _ke_bagian(laporan, "sumber-daya"),
    })


def _daftar_view(request: HttpRequest, pk: int, *, FormSet: Any, model: Any, judul: str,
                 simpan: Any, jangkar: str, kolom: list[str]) -> HttpResponse:
    """The asset and award lists: a formset replacing the whole list on save."""
    laporan = _laporan(request, pk, ubah=True)
    qs = model.objects.filter(laporan=laporan)
    formset = FormSet(request.POST or None, queryset=qs, prefix="baris")
    if request.method == "POST" and formset.is_valid():
        baris = [f.save(commit=False) for f in formset.forms
                 if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        try:
            simpan(laporan=laporan, baris=baris, oleh=request.user)
        except ValidationError as e:
            formset._non_form_errors = formset.error_class(e.messages)
        else:
            messages.success(request, f"{judul} disimpan.")
            return redirect(_ke_bagian(laporan, jangkar))
    return render(request, "laporan/daftar_form.html", {
        "laporan": laporan, "formset": formset, "judul": judul, "kolom": kolom,
        "batal": _ke_bagian(laporan, jangkar),
    })


@login_required
@require_http_methods(["GET", "POST"])
def lkjip_aset_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _daftar_view(request, pk, FormSet=AsetFormSet, model=AsetSarana,
                        judul="Sarana dan prasarana kantor", simpan=services.aset_update,
                        jangkar="sumber-daya",
                        kolom=["Nama/jenis barang", "Tahun perolehan", "Rusak berat",
                               "Kurang baik", "Baik", "Hapus"])


@login_required
@require_http_methods(["GET", "POST"])
def lkjip_prestasi_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _daftar_view(request, pk, FormSet=PrestasiFormSet, model=Prestasi,
                        judul="Prestasi dan penghargaan", simpan=services.prestasi_update,
                        jangkar="prestasi",
                        kolom=["Nama penghargaan", "Tingkat", "Tanggal",
                               "Diserahkan oleh / penyelenggara", "Penerima", "Hapus"])


@login_required
@require_http_methods(["GET", "POST"])
def narasi_view(request: HttpRequest, pk: int, indikator: int, jenis: str) -> HttpResponse:
    laporan = _laporan(request, pk, ubah=True)
    if jenis not in JenisAnalisis.values:
        raise Http404("Jenis analisis tidak dikenal.")
    ind = get_object_or_404(Indikator.objects.for_user(request.user), pk=indikator)
    data = _dataset(laporan)
    iku = next((i for i in data.semua_iku if i.indikator_id == ind.pk), None)
    if iku is None:
        raise Http404("Indikator ini bukan IKU laporan ini.")
    narasi = iku.teks(jenis)
    form = NarasiForm(request.POST or None, initial={"teks": narasi.teks})
    if request.method == "POST" and form.is_valid():
        services.narasi_update(laporan=laporan, indikator=ind, jenis=jenis,
                               teks=form.cleaned_data["teks"], oleh=request.user)
        messages.success(request, "Narasi analisis disimpan.")
        return redirect(_ke_bagian(laporan, iku.kunci))
    return render(request, "laporan/narasi_form.html", {
        "laporan": laporan, "form": form, "iku": iku, "narasi": narasi,
        "batal": _ke_bagian(laporan, iku.kunci),
    })


@login_required
@require_POST
def narasi_perbarui_view(request: HttpRequest, pk: int) -> HttpResponse:
    laporan = _laporan(request, pk, ubah=True)
    diperbarui, dipertahankan = services.narasi_regenerate(laporan=laporan, oleh=request.user)
    messages.success(request, f"Draf narasi diperbarui dari data: {diperbarui} teks otomatis; "
                              f"{dipertahankan} teks yang diubah staf dipertahankan.")
    return redirect("laporan:lkjip-detail", laporan.pk)


@login_required
@require_GET
def pk_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_object_or_404(PerjanjianKinerja.objects.for_user(request.user)
                            .select_related("opd"), pk=pk)
    if not request.user.has_perm("laporan.view_laporan", obj.opd):
        raise PermissionDenied("Anda tidak berhak membaca Perjanjian Kinerja ini.")
    return _pdf(dokumen.pk_pdf([selectors.pk_dataset(pk=obj)]),
                _nama_berkas("PK", obj.opd, obj.tahun, "pdf"))


def _triwulan(request: HttpRequest, slug: str, tahun: int) -> tuple[Opd,
                                                                    selectors.DataTriwulan]:
    opd = _opd(request, slug)
    try:
        return opd, selectors.triwulan_dataset(opd=opd, tahun=tahun)
    except selectors.DataTidakAda as exc:
        raise Http404(str(exc)) from exc


@login_required
@require_GET
def triwulan_pdf_view(request: HttpRequest, slug: str, tahun: int) -> HttpResponse:
    opd, data = _triwulan(request, slug, tahun)
    return _pdf(dokumen.triwulan_pdf(data), _nama_berkas("triwulan", opd, tahun, "pdf"))


@login_required
@require_GET
def triwulan_xlsx_view(request: HttpRequest, slug: str, tahun: int) -> HttpResponse:
    opd, data = _triwulan(request, slug, tahun)
    return _xlsx(dokumen.triwulan_xlsx(data), _nama_berkas("triwulan", opd, tahun, "xlsx"))


def _renstra(request: HttpRequest, pk: int) -> selectors.DataMatriks:
    renstra = get_object_or_404(Renstra.objects.for_user(request.user)
                                .select_related("opd__pemda"), pk=pk)
    if not request.user.has_perm("laporan.view_laporan", renstra.opd):
        raise PermissionDenied("Anda tidak berhak membaca Renstra ini.")
    return selectors.matriks_dataset(renstra=renstra)


@login_required
@require_GET
def renstra_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    data = _renstra(request, pk)
    r = data.renstra
    return _pdf(dokumen.renstra_pdf(data),
                _nama_berkas("matriks-renstra", r.opd, f"{r.tahun_awal}-{r.tahun_akhir}", "pdf"))


@login_required
@require_GET
def renstra_xlsx_view(request: HttpRequest, pk: int) -> HttpResponse:
    data = _renstra(request, pk)
    r = data.renstra
    return _xlsx(dokumen.renstra_xlsx(data), _nama_berkas(
        "matriks-renstra", r.opd, f"{r.tahun_awal}-{r.tahun_akhir}", "xlsx"))


@login_required
@require_http_methods(["GET", "POST"])
def logo_view(request: HttpRequest) -> HttpResponse:
    """The pemda logo printed on every cover (pemda administrators)."""
    opd: Opd | None = request.opd_aktif  # type: ignore[attr-defined]
    if opd is None:
        raise Http404("Belum ada perangkat daerah.")
    pemda = opd.pemda
    if not request.user.has_perm("laporan.change_logo", pemda):
        raise PermissionDenied("Hanya administrator pemda yang dapat mengganti logo.")
    form = LogoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        berkas = None if form.cleaned_data["hapus"] else form.cleaned_data["logo"]
        if berkas is None and not form.cleaned_data["hapus"]:
            form.add_error("logo", "Pilih berkas logo, atau centang Hapus logo.")
        else:
            try:
                services.logo_update(pemda=pemda, berkas=berkas, oleh=request.user)
            except ValidationError as e:
                _galat(form, e)
            else:
                messages.success(request, "Logo pemda disimpan.")
                return redirect("laporan:index")
    return render(request, "laporan/logo_form.html", {"form": form, "pemda": pemda})
