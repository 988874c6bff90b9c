from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    AksesPemda,
    CatatanReviu,
    JadwalPelaporan,
    JawabanCatatan,
    Keanggotaan,
    KunciPeriode,
    Notifikasi,
    Opd,
    Pejabat,
    Pemda,
    PernyataanReviu,
    UnitKerja,
)


@admin.register(Pemda)
class PemdaAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "ibukota", "metode_turun", "cara_pembulatan"]
    search_fields = ["nama"]
    prepopulated_fields = {"slug": ["nama"]}


class KeanggotaanInline(admin.TabularInline):
    model = Keanggotaan
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Opd)
class OpdAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "singkatan", "slug", "pemda"]
    list_filter = ["pemda"]
    search_fields = ["nama", "singkatan", "slug"]
    prepopulated_fields = {"slug": ["nama"]}
    inlines = [KeanggotaanInline]


@admin.register(Keanggotaan)
class KeanggotaanAdmin(SimpleHistoryAdmin):
    list_display = ["user", "opd", "peran"]
    list_filter = ["peran", "opd__pemda", "opd"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "opd__nama"]
    autocomplete_fields = ["user", "opd"]


@admin.register(AksesPemda)
class AksesPemdaAdmin(SimpleHistoryAdmin):
    list_display = ["user", "pemda", "peran"]
    list_filter = ["peran", "pemda"]
    search_fields = ["user__username", "pemda__nama"]
    autocomplete_fields = ["user"]


@admin.register(UnitKerja)
class UnitKerjaAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "jenis", "eselon", "opd", "induk"]
    list_filter = ["jenis", "eselon", "opd"]
    search_fields = ["nama", "tugas"]


@admin.register(Pejabat)
class PejabatAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "jabatan", "pangkat", "nip", "opd", "aktif"]
    list_filter = ["aktif", "opd", "pemda"]
    search_fields = ["nama", "nip", "jabatan"]


@admin.register(JadwalPelaporan)
class JadwalPelaporanAdmin(SimpleHistoryAdmin):
    list_display = ["pemda", "tahun", "jenis", "batas", "keterangan"]
    list_filter = ["jenis", "tahun", "pemda"]
    search_fields = ["pemda__nama", "keterangan"]


class TanpaUbahMixin:
    """An admin page that only shows: the rows are written by the app's own services
    (approval, locks, budget pages) with their checks and audit reason."""

    def has_add_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False


@admin.register(KunciPeriode)
class KunciPeriodeAdmin(TanpaUbahMixin, admin.ModelAdmin):
    """Read only: approving the LKjIP locks, its unlock page (with a reason) reopens."""

    list_display = ["opd", "tahun", "sebab", "dikunci_pada", "dibuka_pada"]
    list_filter = ["tahun", "opd__pemda"]
    search_fields = ["opd__nama", "sebab", "alasan_buka"]


class HanyaBaca(admin.ModelAdmin):
    """Written in the app by the people concerned; administrators only look."""

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


class JawabanCatatanInline(admin.TabularInline):
    model = JawabanCatatan
    extra = 0
    readonly_fields = ["teks", "oleh", "waktu"]
    can_delete = False

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(CatatanReviu)
class CatatanReviuAdmin(HanyaBaca):
    list_display = ["objek_label", "opd", "tahun", "status", "oleh", "waktu"]
    list_filter = ["status", "tahun", "opd__pemda"]
    search_fields = ["objek_label", "teks", "opd__nama"]
    inlines = [JawabanCatatanInline]


@admin.register(PernyataanReviu)
class PernyataanReviuAdmin(HanyaBaca):
    list_display = ["opd", "tahun", "penandatangan_nama", "tanggal", "sha256"]
    list_filter = ["tahun", "opd__pemda"]
    search_fields = ["opd__nama", "penandatangan_nama", "sha256"]


@admin.register(Notifikasi)
class NotifikasiAdmin(HanyaBaca):
    list_display = ["judul", "user", "dibaca", "waktu"]
    list_filter = ["dibaca"]
    search_fields = ["judul", "user__username"]
