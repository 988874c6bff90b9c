"""Admin of the reports: for looking up and correcting; staff edit through the app pages."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sakip.admin import TanpaUbahMixin

from .models import (
    AngkaTercetak,
    ArsipLaporan,
    AsetSarana,
    BarisSdm,
    LaporanKinerja,
    LogImpor,
    NarasiAnalisis,
    PengakuanTemuan,
    PeristiwaLaporan,
    Prestasi,
    TabelTercetak,
)


class BarisSdmInline(admin.TabularInline):
    model = BarisSdm
    extra = 0


class AsetSaranaInline(admin.TabularInline):
    model = AsetSarana
    extra = 0


class PrestasiInline(admin.TabularInline):
    model = Prestasi
    extra = 0


class _HanyaBaca(admin.TabularInline):
    """The workflow writes these through its services; the admin only shows them."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


class PeristiwaLaporanInline(_HanyaBaca):
    model = PeristiwaLaporan
    fields = readonly_fields = ("waktu", "oleh", "dari", "ke", "catatan")


class ArsipLaporanInline(_HanyaBaca):
    model = ArsipLaporan
    fields = readonly_fields = ("versi", "berkas", "sha256", "nama_penyetuju", "disetujui_pada")


@admin.register(LaporanKinerja)
class LaporanKinerjaAdmin(SimpleHistoryAdmin):
    list_display = ["opd", "tahun", "versi", "status", "kertas", "diubah"]
    list_filter = ["status", "tahun", "opd__pemda"]
    search_fields = ["opd__nama"]
    # The workflow moves the status and adds versions; the admin shows them only.
    readonly_fields = ["status", "versi", "dibuat", "diubah"]
    inlines = [BarisSdmInline, AsetSaranaInline, PrestasiInline, PeristiwaLaporanInline,
               ArsipLaporanInline]


@admin.register(NarasiAnalisis)
class NarasiAnalisisAdmin(SimpleHistoryAdmin):
    list_display = ["laporan", "indikator", "jenis", "diubah", "diubah_pada"]
    list_filter = ["jenis", "diubah", "laporan__tahun"]
    search_fields = ["indikator__nama", "teks"]
    raw_id_fields = ["laporan", "indikator", "diubah_oleh"]


class AngkaTercetakInline(admin.TabularInline):
    model = AngkaTercetak
    extra = 0
    fields = ["baris", "uraian", "induk_baris", "kolom", "besaran", "tahun_kolom", "indikator",
              "program", "kegiatan", "teks", "nilai"]
    raw_id_fields = ["indikator", "program", "kegiatan"]


@admin.register(TabelTercetak)
class TabelTercetakAdmin(SimpleHistoryAdmin):
    list_display = ["opd", "tahun", "nomor", "judul", "sumber"]
    list_filter = ["tahun", "opd__pemda"]
    search_fields = ["judul", "sumber", "opd__nama"]
    inlines = [AngkaTercetakInline]


@admin.register(PengakuanTemuan)
class PengakuanTemuanAdmin(SimpleHistoryAdmin):
    """Acknowledgements are made on the review page by the office; here they are only read."""

    list_display = ["opd", "tahun", "kode_temuan", "kunci_objek", "oleh", "waktu"]
    list_filter = ["tahun", "kode_temuan", "opd__pemda"]
    search_fields = ["kode_temuan", "kunci_objek", "alasan", "opd__nama"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(LogImpor)
class LogImporAdmin(admin.ModelAdmin):
    """Read-only: an import log is evidence of what a workbook changed."""

    list_display = ["waktu", "opd", "tahun", "nama_file", "oleh", "jumlah_baru", "jumlah_ubah",
                    "jumlah_tolak", "diterapkan"]
    list_filter = ["diterapkan", "tahun", "opd"]
    search_fields = ["nama_file", "sha256", "oleh__username"]

    def has_add_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False


@admin.register(ArsipLaporan)
class ArsipLaporanAdmin(TanpaUbahMixin, admin.ModelAdmin):
    """Read-only: every signed LKjIP and PK version, written only by approval."""

    list_display = ["opd", "tahun", "jenis", "versi", "nama_penyetuju", "disetujui_pada"]
    list_filter = ["jenis", "tahun", "opd__pemda"]
    search_fields = ["opd__nama", "sha256", "sidik", "nama_penyetuju"]
