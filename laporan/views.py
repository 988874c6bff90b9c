"""Report pages and downloads. Each view: fetch through the user's scope (another office →
404), ask rules (wrong role → 403), validate a form, call one service, redirect."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinerja.models import PerjanjianKinerja
from renstra.models import Indikator, Renstra
from sakip.kunci import kunci_aktif, pesan_kunci
from sakip.models import Opd
from sakip.rules import boleh

from . import alur, dokumen, pdf, selectors, services
from .forms import (
    BAGIAN,
    KELOMPOK_SDM,
    AsetFormSet,
    BukaKunciForm,
    KembalikanForm,
    LaporanBuatForm,
    LogoForm,
    NarasiForm,
    PrestasiFormSet,
    SetujuiForm,
    VerifikasiForm,
    bagian_form,
    sdm_formset,
)
from .models import (
    ArsipLaporan,
    AsetSarana,
    JenisAnalisis,
    JenisArsip,
    LaporanKinerja,
    Prestasi,
    StatusLaporan,
)
from .narasi import narasi_bawaan
from .reviu import periksa


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
    if ubah and not boleh(request.user, "laporan.change_laporankinerja", laporan):
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
    daftar = list(daftar)
    status = alur.status_pelaporan([(opd, x.tahun, x) for x in daftar])
    return render(request, "laporan/index.html", {
        "opd": opd, "tahun": tahun, "daftar": list(zip(daftar, status, strict=True)),
        "pk": pk, "renstra": renstra,
        # Quarterly reports exist for the years with a PK (their targets and realisations).
        "tahun_triwulan": sorted({p.tahun for p in pk}, reverse=True),
        "lkjip_tahun": next((x for x in daftar if x.tahun == tahun), None),
        "status_tahun": alur.status_pelaporan([(opd, tahun, None)])[0],
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
    u = request.user
    kunci = kunci_aktif(opd_id=laporan.opd_id, tahun=laporan.tahun)
    pdf.kolam_siapkan()  # the PDF download (or approval) usually follows
    return render(request, "laporan/lkjip_detail.html", {
        "laporan": laporan, "data": _dataset(laporan), "pratinjau": True,
        "bisa_ubah": boleh(u, "laporan.change_laporankinerja", laporan),
        "bagian": BAGIAN,
        "bisa_ajukan": boleh(u, "laporan.submit_laporankinerja", laporan),
        "bisa_setujui": boleh(u, "laporan.approve_laporankinerja", laporan),
        "bisa_buka": boleh(u, "laporan.unlock_laporankinerja", laporan),
        "kembalikan_form": KembalikanForm(),
        "peristiwa": laporan.peristiwa.select_related("oleh"),
        "arsip": laporan.arsip.all(),
        "pelaporan": alur.status_pelaporan([(laporan.opd, laporan.tahun, laporan)])[0],
        "kunci": pesan_kunci(kunci) if kunci else "",
    })


def _unduh_arsip(arsip: ArsipLaporan) -> FileResponse:
    """The archived file itself: byte for byte what was signed, whatever changed since."""
    jenis = "PK" if arsip.jenis == JenisArsip.PK else "LKjIP"
    return FileResponse(arsip.berkas.open("rb"), as_attachment=True,
                        content_type="application/pdf",
                        filename=_nama_berkas(jenis, arsip.opd, f"{arsip.tahun}-v{arsip.versi}",
                                              "pdf"))


@login_required
@require_GET
def lkjip_pdf_view(request: HttpRequest, pk: int) -> HttpResponseBase:
    """An approved LKjIP is its signed archive; any other is rendered from today's data."""
    laporan = _laporan(request, pk)
    if laporan.status == StatusLaporan.DISETUJUI:
        return _unduh_arsip(get_object_or_404(laporan.arsip.select_related("opd"),
                                              versi=laporan.versi))
    isi = dokumen.lkjip_pdf(_dataset(laporan))
    return _pdf(isi, _nama_berkas("LKjIP", laporan.opd, laporan.tahun, "pdf"))


@login_required
@require_GET
def lkjip_arsip_view(request: HttpRequest, pk: int, versi: int) -> FileResponse:
    """Any signed version, also after a later one replaced it."""
    laporan = _laporan(request, pk)
    return _unduh_arsip(get_object_or_404(laporan.arsip.select_related("opd"),
                                          versi=versi))


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
def pk_pdf_view(request: HttpRequest, pk: int) -> HttpResponseBase:
    """A signed PK version is its archive; any other (or one approved before PKs were
    signed) is rendered from today's data."""
    obj = get_object_or_404(PerjanjianKinerja.objects.for_user(request.user)
                            .select_related("opd"), pk=pk)
    if not request.user.has_perm("laporan.view_laporan", obj.opd):
        raise PermissionDenied("Anda tidak berhak membaca Perjanjian Kinerja ini.")
    arsip = ArsipLaporan.objects.select_related("opd").filter(perjanjian=obj).first()
    if arsip is not None:
        return _unduh_arsip(arsip)
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


# --- workflow -----------------------------------------------------------------------------


def _perlu(request: HttpRequest, perm: str, laporan: LaporanKinerja, pesan: str) -> None:
    if not boleh(request.user, perm, laporan):
        raise PermissionDenied(pesan)


def _url_verifikasi(request: HttpRequest) -> str:
    """The public verification page as printed in the QR code, at the address the head
    approves from (ALLOWED_HOSTS keeps a forged Host header out)."""
    return request.build_absolute_uri(reverse("verifikasi"))


@login_required
@require_POST
def lkjip_submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    laporan = _laporan(request, pk)
    _perlu(request, "laporan.submit_laporankinerja", laporan, services.PESAN_AJUKAN)
    services.laporan_submit(laporan=laporan, oleh=request.user)
    messages.success(request, "LKjIP diajukan kepada kepala perangkat daerah.")
    return redirect("laporan:lkjip-detail", laporan.pk)


@login_required
@require_POST
def lkjip_return_view(request: HttpRequest, pk: int) -> HttpResponse:
    laporan = _laporan(request, pk)
    _perlu(request, "laporan.approve_laporankinerja", laporan, services.PESAN_SETUJUI)
    form = KembalikanForm(request.POST)
    if form.is_valid():
        services.laporan_return(laporan=laporan, catatan=form.cleaned_data["catatan"],
                                oleh=request.user)
        messages.success(request, "LKjIP dikembalikan kepada perencana dengan catatan.")
    else:
        messages.error(request, " ".join(str(e) for e in form.errors["catatan"]))
    return redirect("laporan:lkjip-detail", laporan.pk)


@login_required
@require_http_methods(["GET", "POST"])
def lkjip_approve_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The approval screen: what is still missing, then approve (and sign) or go back."""
    laporan = _laporan(request, pk)
    _perlu(request, "laporan.approve_laporankinerja", laporan, services.PESAN_SETUJUI)
    form = SetujuiForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            arsip = services.laporan_approve(laporan=laporan, oleh=request.user,
                                             url_verifikasi=_url_verifikasi(request),
                                             **form.cleaned_data)
        except services.BelumLengkap:
            form.add_error("konfirmasi", "Laporan belum lengkap. Centang konfirmasi untuk "
                                         "tetap menyetujui, atau kembalikan kepada perencana.")
        except ValidationError as e:
            _galat(form, e)
        else:
            messages.success(request, f"LKjIP disetujui dan ditandatangani sebagai versi "
                                      f"{arsip.versi}. Data kinerja dan anggaran tahun "
                                      f"{laporan.tahun} kini terkunci.")
            return redirect("laporan:lkjip-detail", laporan.pk)
    data = _dataset(laporan)
    return render(request, "laporan/setujui.html", {
        "laporan": laporan, "data": data, "kekurangan": alur.kekurangan(data), "form": form,
        "kembalikan_form": KembalikanForm(),
        "temuan": periksa(opd=laporan.opd, tahun=laporan.tahun),
    })


@login_required
@require_http_methods(["GET", "POST"])
def lkjip_unlock_view(request: HttpRequest, pk: int) -> HttpResponse:
    laporan = _laporan(request, pk)
    _perlu(request, "laporan.unlock_laporankinerja", laporan, services.PESAN_BUKA)
    form = BukaKunciForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        services.laporan_unlock(laporan=laporan, alasan=form.cleaned_data["alasan"],
                                oleh=request.user)
        messages.success(request, f"Kunci LKjIP {laporan.tahun} dibuka. Versi {laporan.versi} "
                                  "tetap tersimpan; persetujuan berikutnya menjadi versi "
                                  f"{laporan.versi + 1}.")
        return redirect("laporan:lkjip-detail", laporan.pk)
    return render(request, "laporan/buka_kunci.html", {
        "laporan": laporan, "form": form,
        "kunci": kunci_aktif(opd_id=laporan.opd_id, tahun=laporan.tahun),
    })


@login_required
@require_GET
def pelaporan_view(request: HttpRequest) -> HttpResponse:
    """Every office the user reads: its LKjIP of the year, deadline, submission, late."""
    tahun: int = request.tahun_aktif  # type: ignore[attr-defined]
    opd_list = list(Opd.objects.for_user(request.user).select_related("pemda"))
    laporan = {lp.opd_id: lp for lp in LaporanKinerja.objects.filter(
        opd__in=opd_list, tahun=tahun)}
    baris = [(opd, laporan.get(opd.pk)) for opd in opd_list]
    status = alur.status_pelaporan([(opd, tahun, lp) for opd, lp in baris])
    return render(request, "laporan/pelaporan.html", {
        "tahun": tahun, "baris": [(o, lp, st) for (o, lp), st in zip(baris, status,
                                                                     strict=True)],
    })


@login_not_required
@require_http_methods(["GET", "POST"])
def verifikasi_view(request: HttpRequest) -> HttpResponse:
    """Public (no login): is this PDF, or this typed code, an approved LKjIP or PK? A query,
    not a change, so the answer is rendered directly; the QR code links here with ?kode=."""
    if request.method == "POST":
        form = VerifikasiForm(request.POST, request.FILES)
    elif "kode" in request.GET:
        form = VerifikasiForm({"kode": request.GET["kode"]})
    else:
        form = VerifikasiForm()
    hasil, sha256 = None, ""
    if form.is_bound and form.is_valid():
        berkas = form.cleaned_data["berkas"]
        if berkas:
            sha256 = alur.sha256_berkas(berkas)
            arsip = alur.arsip_dari_sha256(sha256)
        else:
            arsip = alur.arsip_dari_kode(form.cleaned_data["kode"])
        hasil = alur.hasil_verifikasi(arsip)
    return render(request, "laporan/verifikasi.html", {
        "form": form, "diperiksa": form.is_bound and form.is_valid(), "hasil": hasil,
        "sha256": sha256,
    })
