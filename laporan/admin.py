"""Admin of the reports: for looking up and correcting; staff edit through the app pages."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AsetSarana, BarisSdm, LaporanKinerja, NarasiAnalisis, Prestasi


class BarisSdmInline(admin.TabularInline):
    model = BarisSdm
    extra = 0


class AsetSaranaInline(admin.TabularInline):
    model = AsetSarana
    extra = 0


class PrestasiInline(admin.TabularInline):
    model = Prestasi
    extra = 0


@admin.register(LaporanKinerja)
class LaporanKinerjaAdmin(SimpleHistoryAdmin):
    list_display = ["opd", "tahun", "versi", "status", "kertas", "diubah"]
    list_filter = ["status", "tahun", "opd__pemda"]
    search_fields = ["opd__nama"]
    # The workflow (a later issue) moves the status; the admin shows it only.
    readonly_fields = ["status", "versi", "dibuat", "diubah"]
    inlines = [BarisSdmInline, AsetSaranaInline, PrestasiInline]


@admin.register(NarasiAnalisis)
class NarasiAnalisisAdmin(SimpleHistoryAdmin):
    list_display = ["laporan", "indikator", "jenis", "diubah", "diubah_pada"]
    list_filter = ["jenis", "diubah", "laporan__tahun"]
    search_fields = ["indikator__nama", "teks"]
    raw_id_fields = ["laporan", "indikator", "diubah_oleh"]
