"""Admin of the kinerja app: the pemda's category scale is configured here; PK, realisations
and analyses are listed for support, their status only changes through the app's workflow."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sakip.formatting import format_angka, parse_angka

from .capaian import SKALA_PERMENDAGRI_86
from .models import (
    AnalisisIndikator,
    BarisPk,
    PeristiwaPk,
    PerjanjianKinerja,
    ProgramPk,
    Realisasi,
    SkalaKategori,
    TargetTriwulan,
)


def _teks_skala(kelas: list[tuple[Decimal, str]]) -> str:
    return "\n".join(f"{format_angka(b)} {label}" for b, label in kelas)


class SkalaKategoriForm(forms.ModelForm):
    kelas_teks = forms.CharField(
        label="Kelas", widget=forms.Textarea(attrs={"rows": 7, "cols": 40}),
        initial=_teks_skala(list(SKALA_PERMENDAGRI_86)),
        help_text="Satu kelas per baris: batas bawah (%) lalu label, dari tertinggi ke "
                  "terendah, mis. \"91 Sangat Tinggi\". Kelas terakhir mulai dari 0.",
    )

    class Meta:
        model = SkalaKategori
        fields = ["pemda"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["kelas_teks"].initial = _teks_skala(self.instance.daftar())

    def clean_kelas_teks(self) -> list[list[str]]:
        kelas = []
        for n, baris in enumerate(self.cleaned_data["kelas_teks"].splitlines(), start=1):
            if not baris.strip():
                continue
            batas, _, label = baris.strip().partition(" ")
            try:
                angka = parse_angka(batas)
            except (ValueError, InvalidOperation):
                angka = None
            if angka is None or not label.strip():
                raise forms.ValidationError(
                    f"Baris {n}: tulis batas bawah lalu label, mis. \"91 Sangat Tinggi\".")
            kelas.append([str(angka), label.strip()])
        return kelas

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if "kelas_teks" in data:
            self.instance.kelas = data["kelas_teks"]
        return data


@admin.register(SkalaKategori)
class SkalaKategoriAdmin(SimpleHistoryAdmin):
    form = SkalaKategoriForm
    list_display = ["pemda", "ringkas"]

    @admin.display(description="Kelas")
    def ringkas(self, obj: SkalaKategori) -> str:
        return ", ".join(f"{label} ≥ {format_angka(b)}" for b, label in obj.daftar())


class BarisPkInline(admin.TabularInline):
    model = BarisPk
    extra = 0
    fields = ["urutan", "indikator", "target", "target_atas", "target_teks", "alasan_target"]
    raw_id_fields = ["indikator"]


class ProgramPkInline(admin.TabularInline):
    model = ProgramPk
    extra = 0
    fields = ["urutan", "program", "anggaran", "keterangan"]
    raw_id_fields = ["program"]


class PeristiwaPkInline(admin.TabularInline):
    model = PeristiwaPk
    extra = 0
    fields = readonly_fields = ("pada", "oleh", "dari", "ke", "catatan")
    can_delete = False


@admin.register(PerjanjianKinerja)
class PerjanjianKinerjaAdmin(SimpleHistoryAdmin):
    list_display = ["tahun", "opd", "renstra", "versi", "status"]
    list_filter = ["status", "tahun", "opd__pemda", "opd"]
    search_fields = ["opd__nama", "pihak_pertama_nama"]
    # The status is protected: it moves only through submit / approve / return in the app.
    readonly_fields = ["status", "opd", "renstra", "tahun", "versi", "sebelumnya"]
    inlines = [BarisPkInline, ProgramPkInline, PeristiwaPkInline]


@admin.register(TargetTriwulan)
class TargetTriwulanAdmin(SimpleHistoryAdmin):
    list_display = ["baris", "triwulan", "nilai", "nilai_teks"]
    list_filter = ["triwulan", "baris__perjanjian__tahun", "baris__perjanjian__opd"]
    search_fields = ["baris__indikator__nama"]
    raw_id_fields = ["baris"]


@admin.register(Realisasi)
class RealisasiAdmin(SimpleHistoryAdmin):
    list_display = ["indikator", "tahun", "triwulan", "nilai", "nilai_teks", "diisi_oleh",
                    "diisi_pada"]
    list_filter = ["tahun", "triwulan", "indikator__renstra__opd"]
    search_fields = ["indikator__nama"]
    raw_id_fields = ["indikator"]
    readonly_fields = ["diisi_oleh", "diisi_pada"]


@admin.register(AnalisisIndikator)
class AnalisisIndikatorAdmin(SimpleHistoryAdmin):
    list_display = ["indikator", "tahun", "standar_nasional"]
    list_filter = ["tahun", "indikator__renstra__opd"]
    search_fields = ["indikator__nama"]
    raw_id_fields = ["indikator"]
