"""Admin of the reports: for looking up and correcting; staff edit through the app pages."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    ArsipLaporan,
    AsetSarana,
    BarisSdm,
    LaporanKinerja,
    NarasiAnalisis,
    PeristiwaLaporan,
    Prestasi,
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
    fields = ["waktu", "oleh", "dari", "ke", "catatan"]
    readonly_fields = fields


class ArsipLaporanInline(_HanyaBaca):
    model = ArsipLaporan
    fields = ["versi", "berkas", "sha256", "nama_penyetuju", "disetujui_pada"]
    readonly_fields = fields


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
