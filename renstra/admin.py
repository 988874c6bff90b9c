from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Indikator,
    Kegiatan,
    Misi,
    MisiRpjmd,
    Program,
    Renstra,
    Rpjmd,
    Sasaran,
    SubKegiatan,
    TargetRenstra,
    Tujuan,
)


class MisiRpjmdInline(admin.TabularInline):
    model = MisiRpjmd
    extra = 0


@admin.register(Rpjmd)
class RpjmdAdmin(admin.ModelAdmin):
    list_display = ["pemda", "tahun_awal", "tahun_akhir"]
    list_filter = ["pemda"]
    search_fields = ["visi", "pemda__nama"]
    inlines = [MisiRpjmdInline]


@admin.register(MisiRpjmd)
class MisiRpjmdAdmin(admin.ModelAdmin):
    list_display = ["rpjmd", "nomor", "teks"]
    list_filter = ["rpjmd__pemda"]
    search_fields = ["teks"]


@admin.register(Renstra)
class RenstraAdmin(SimpleHistoryAdmin):
    list_display = ["opd", "tahun_awal", "tahun_akhir", "versi", "status"]
    list_filter = ["status", "opd__pemda", "opd"]
    search_fields = ["opd__nama", "visi", "alasan_perubahan"]
    raw_id_fields = ["sebelumnya"]


@admin.register(Misi)
class MisiAdmin(SimpleHistoryAdmin):
    list_display = ["renstra", "nomor", "teks", "misi_rpjmd"]
    list_filter = ["renstra__opd"]
    search_fields = ["teks"]


class _NodeAdmin(SimpleHistoryAdmin):
    search_fields = ["nama"]
    raw_id_fields = ["asal"]


@admin.register(Tujuan)
class TujuanAdmin(_NodeAdmin):
    list_display = ["nama", "renstra", "urutan"]
    list_filter = ["renstra__opd"]


@admin.register(Sasaran)
class SasaranAdmin(_NodeAdmin):
    list_display = ["nama", "tujuan", "urutan"]
    list_filter = ["tujuan__renstra__opd"]


@admin.register(Program)
class ProgramAdmin(_NodeAdmin):
    list_display = ["kode", "nama", "sasaran"]
    list_filter = ["sasaran__tujuan__renstra__opd"]
    search_fields = ["nama", "kode"]


@admin.register(Kegiatan)
class KegiatanAdmin(_NodeAdmin):
    list_display = ["kode", "nama", "program", "tahun_mulai", "tahun_selesai"]
    list_filter = ["program__sasaran__tujuan__renstra__opd"]
    search_fields = ["nama", "kode"]


@admin.register(SubKegiatan)
class SubKegiatanAdmin(_NodeAdmin):
    list_display = ["kode", "nama", "kegiatan", "tahun_mulai", "tahun_selesai"]
    list_filter = ["kegiatan__program__sasaran__tujuan__renstra__opd"]
    search_fields = ["nama", "kode"]


class TargetInline(admin.TabularInline):
    model = TargetRenstra
    extra = 0


@admin.register(Indikator)
class IndikatorAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "level", "satuan", "polaritas", "cara_agregasi", "is_iku", "renstra"]
    list_filter = ["level", "is_iku", "polaritas", "jenis", "cara_agregasi", "renstra__opd"]
    search_fields = ["nama", "definisi"]
    raw_id_fields = ["tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan", "menggantikan",
                     "asal"]
    inlines = [TargetInline]


@admin.register(TargetRenstra)
class TargetRenstraAdmin(SimpleHistoryAdmin):
    list_display = ["indikator", "tahun", "nilai", "nilai_atas", "nilai_teks", "pagu"]
    list_filter = ["tahun", "indikator__renstra__opd"]
    search_fields = ["indikator__nama"]
    raw_id_fields = ["indikator"]
