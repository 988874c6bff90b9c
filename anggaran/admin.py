"""Admin: the account groups and the pemda's efficiency thresholds are set up here; budget
lines are entered on the budget pages (which validate against the Renstra) and only
inspected here."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sakip.admin import TanpaUbahMixin

from .models import (
    Anggaran,
    BarisAnggaran,
    KelompokBelanja,
    KendaliAnggaran,
    PemetaanSasaran,
    PengaturanEfisiensi,
    PerlakuanProgram,
    PosAnggaran,
    RealisasiAnggaran,
)


@admin.register(KelompokBelanja)
class KelompokBelanjaAdmin(SimpleHistoryAdmin):
    list_display = ["kode", "nama", "tahun_mulai", "tahun_selesai", "urutan"]
    list_editable = ["urutan"]
    search_fields = ["nama", "kode"]


@admin.register(PengaturanEfisiensi)
class PengaturanEfisiensiAdmin(SimpleHistoryAdmin):
    list_display = ["pemda", "ambang_efisien", "ambang_cukup"]


class _HanyaBaca(TanpaUbahMixin, SimpleHistoryAdmin):
    """Budget data changes through the pages' services only (validation, audit reason)."""


@admin.register(Anggaran)
class AnggaranAdmin(_HanyaBaca):
    list_display = ["opd", "tahun", "nomor_dpa", "kunci_sebaran"]
    list_filter = ["tahun", "opd__pemda", "opd"]


@admin.register(BarisAnggaran)
class BarisAnggaranAdmin(_HanyaBaca):
    list_display = ["anggaran", "kegiatan", "sub_kegiatan", "kelompok", "pagu_murni",
                    "pagu_perubahan"]
    list_filter = ["anggaran__tahun", "anggaran__opd", "kelompok"]
    list_select_related = ["anggaran__opd", "kegiatan", "sub_kegiatan", "kelompok"]
    search_fields = ["kegiatan__nama", "sub_kegiatan__nama"]


@admin.register(PosAnggaran)
class PosAnggaranAdmin(_HanyaBaca):
    list_display = ["anggaran", "jenis", "uraian", "kelompok", "pagu_murni", "pagu_perubahan"]
    list_filter = ["jenis", "anggaran__tahun", "anggaran__opd"]
    list_select_related = ["anggaran__opd", "kelompok"]


@admin.register(RealisasiAnggaran)
class RealisasiAnggaranAdmin(_HanyaBaca):
    list_display = ["anggaran", "baris", "pos", "triwulan", "bulan", "nilai", "dicatat_oleh"]
    list_filter = ["anggaran__tahun", "anggaran__opd", "triwulan"]
    list_select_related = ["anggaran__opd", "baris__kegiatan", "pos", "dicatat_oleh"]


@admin.register(KendaliAnggaran)
class KendaliAnggaranAdmin(_HanyaBaca):
    list_display = ["anggaran", "tingkat", "kelompok", "program", "pagu_murni",
                    "pagu_perubahan", "sumber"]
    list_filter = ["tingkat", "anggaran__tahun"]


@admin.register(PemetaanSasaran)
class PemetaanSasaranAdmin(_HanyaBaca):
    list_display = ["anggaran", "program", "kegiatan", "sasaran", "indikator"]
    list_filter = ["anggaran__tahun", "anggaran__opd"]


@admin.register(PerlakuanProgram)
class PerlakuanProgramAdmin(_HanyaBaca):
    list_display = ["anggaran", "program", "perlakuan"]
    list_filter = ["perlakuan", "anggaran__tahun"]
