"""Forms of the kinerja app. Fields are listed explicitly; office, year and status always
come from the URL or the service, never from the POST."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.validators import FileExtensionValidator

from renstra.models import Indikator, Program, Renstra
from sakip.forms import AngkaField, BootstrapMixin, UangField

from .models import (
    BUKTI_EKSTENSI,
    TRIWULAN,
    AnalisisIndikator,
    BarisPk,
    PerjanjianKinerja,
    ProgramPk,
    _ukuran_bukti,
)
from .selectors import LINGKUP, renstra_program_urut

KOLOM_PIHAK = [
    "pihak_pertama_nama", "pihak_pertama_jabatan", "pihak_pertama_pangkat", "pihak_pertama_nip",
    "pihak_kedua_nama", "pihak_kedua_jabatan", "pihak_kedua_pangkat", "pihak_kedua_nip",
]


def _pilihan_skala(ind: Indikator) -> list[tuple[str, str]]:
    return [("", "–"), *((s, s) for s in ind.skala_kualitatif)]


def _field_skala(ind: Indikator, label: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, required=False, choices=_pilihan_skala(ind),
        error_messages={"invalid_choice": "'%(value)s' tidak ada dalam skala "
                                          f"({', '.join(ind.skala_kualitatif)})."},
    )


def _kualitatif(ind: Indikator) -> bool:
    return ind.jenis_target == Indikator.JenisTarget.KUALITATIF


class _RenstraChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Renstra) -> str:
        return f"{obj.periode} ({obj.nama_versi})"


class _IndikatorChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Indikator) -> str:
        return f"[{obj.get_level_display()}] {obj.nama}"


class _ProgramChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Program) -> str:
        return f"{obj.kode} {obj.nama}"


class PkForm(BootstrapMixin, forms.ModelForm):
    """Header of a PK: the Renstra period and year only when it is created."""

    class Meta:
        model = PerjanjianKinerja
        fields = ["renstra", "tahun", "tempat", "tanggal", *KOLOM_PIHAK, "klausul_komitmen"]
        widgets = {
            "tahun": forms.NumberInput(attrs={"min": 2000, "max": 2100}),
            "tanggal": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "klausul_komitmen": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"renstra": "Periode Renstra"}
        field_classes = {"renstra": _RenstraChoice}

    def __init__(self, *args: Any, opd: Any, renstra: list[Renstra] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.opd = opd
        if self.instance.pk:
            del self.fields["renstra"], self.fields["tahun"]
            return
        pilih = cast(forms.ModelChoiceField, self.fields["renstra"])
        pilih.queryset = Renstra.objects.filter(pk__in=[r.pk for r in renstra or []])
        pilih.empty_label = None

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        r, tahun = data.get("renstra"), data.get("tahun")
        if r is not None and tahun and tahun not in r.tahun_target:
            self.add_error("tahun", f"Tahun {tahun} di luar periode target Renstra {r.periode} "
                                    f"({r.tahun_target[0]}–{r.tahun_target[-1]}).")
        return data


class AlasanForm(BootstrapMixin, forms.Form):
    alasan = forms.CharField(
        label="Alasan perubahan", widget=forms.Textarea, min_length=10,
        error_messages={"required": "Alasan PK perubahan wajib diisi.",
                        "min_length": "Tuliskan alasan perubahan paling sedikit 10 huruf."},
    )


class CatatanForm(BootstrapMixin, forms.Form):
    catatan = forms.CharField(
        label="Catatan pengembalian", widget=forms.Textarea,
        error_messages={"required": "Tuliskan catatan mengapa PK dikembalikan."},
    )


class BarisPkForm(forms.Form):
    """Target of one PK row and its four quarterly targets (prefix = row id)."""

    target = AngkaField(label="Target", required=False, max_desimal=4)
    target_atas = AngkaField(label="Batas atas", required=False, max_desimal=4)
    alasan_target = forms.CharField(label="Alasan target berbeda dari Renstra", required=False,
                                    widget=forms.Textarea(attrs={"rows": 1}))

    def __init__(self, data: Any = None, files: Any = None, *, baris: BarisPk,
                 **kwargs: Any) -> None:
        self.baris = baris
        ind = baris.indikator
        tw = {t.triwulan: t for t in baris.triwulan.all()}
        initial = {"target": baris.target, "target_atas": baris.target_atas,
                   "target_teks": baris.target_teks, "alasan_target": baris.alasan_target}
        for n, _ in TRIWULAN:
            t = tw.get(n)
            initial[f"tw{n}"] = (t.nilai_teks if _kualitatif(ind) else t.nilai) if t else None
        super().__init__(data, files, prefix=f"b{baris.pk}", initial=initial, **kwargs)
        for n, label in TRIWULAN:
            self.fields[f"tw{n}"] = (
                _field_skala(ind, label) if _kualitatif(ind)
                else AngkaField(label=label, required=False, max_desimal=4)
            )
        if _kualitatif(ind):
            self.fields["target_teks"] = _field_skala(ind, "Target")
            del self.fields["target"], self.fields["target_atas"]
        elif ind.jenis_target != Indikator.JenisTarget.RENTANG:
            del self.fields["target_atas"]
        for f in self.fields.values():
            css = "form-select" if isinstance(f.widget, forms.Select) else "form-control"
            f.widget.attrs["class"] = f"{css} form-control-sm angka"

    def isian(self) -> dict[str, Any]:
        d = self.cleaned_data
        kual = _kualitatif(self.baris.indikator)
        return {
            "target": d.get("target"),
            "target_atas": d.get("target_atas"),
            "target_teks": d.get("target_teks", ""),
            "alasan_target": d.get("alasan_target", "").strip(),
            "triwulan": {
                n: (None, d.get(f"tw{n}") or "") if kual else (d.get(f"tw{n}"), "")
                for n, _ in TRIWULAN
            },
        }


class TambahBarisForm(forms.Form):
    indikator = _IndikatorChoice(
        queryset=Indikator.objects.none(), label="Indikator",
        error_messages={"required": "Pilih indikator yang akan ditambahkan.",
                        "invalid_choice": "Indikator tidak tersedia untuk PK ini."},
    )

    def __init__(self, *args: Any, pk: PerjanjianKinerja, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        qs = (Indikator.objects.filter(renstra=pk.renstra)
              .exclude(baris_pk__perjanjian=pk)
              .order_by("level", "urutan", "pk"))
        pilih = cast(forms.ModelChoiceField, self.fields["indikator"])
        pilih.queryset = qs
        pilih.empty_label = "Pilih indikator program atau kegiatan…"
        pilih.widget.attrs["class"] = "form-select form-select-sm"


class ProgramPkForm(BootstrapMixin, forms.ModelForm):
    anggaran = UangField(label="Anggaran (Rp)")

    class Meta:
        model = ProgramPk
        fields = ["urutan", "program", "anggaran", "keterangan"]
        field_classes = {"program": _ProgramChoice}


class _ProgramPkFormSet(forms.BaseModelFormSet):
    def __init__(self, data: Any = None, files: Any = None, *, pk: PerjanjianKinerja,
                 **kwargs: Any) -> None:
        self.pk_dokumen = pk
        super().__init__(data, files, queryset=pk.program.select_related("program"), **kwargs)
        program = renstra_program_urut(pk.renstra)
        for f in self.forms:
            f.instance.perjanjian = pk
            cast(forms.ModelChoiceField, f.fields["program"]).queryset = Program.objects.filter(
                pk__in=[p.pk for p in program])
            f.fields["urutan"].widget.attrs["style"] = "width:4.5rem"

    def clean(self) -> None:
        super().clean()
        dipakai: set[int] = set()
        for f in self.forms:
            if not f.cleaned_data or f.cleaned_data.get("DELETE"):
                continue
            p = f.cleaned_data.get("program")
            if p is not None and p.pk in dipakai:
                f.add_error("program", "Program ini sudah ada di tabel.")
            elif p is not None:
                dipakai.add(p.pk)


ProgramPkFormSet = forms.modelformset_factory(
    ProgramPk, form=ProgramPkForm, formset=_ProgramPkFormSet, extra=1, can_delete=True,
)


# Placeholders of the two counts per formula kind of the manual IKU.
PETUNJUK_RUMUS: dict[str, tuple[str, str]] = {
    Indikator.JenisRumus.RASIO: ("pembilang", "penyebut"),
    Indikator.JenisRumus.PERTUMBUHAN: ("Xₙ tahun ini", "Xₙ₋₁ tahun lalu"),
    Indikator.JenisRumus.PROGRES: ("capaian s.d. kini", "target akhir"),
}


class RealisasiForm(forms.Form):
    """One grid row; the prefix keeps field ids unique across the page."""

    nilai = AngkaField(label="Realisasi", required=False, max_desimal=4)
    pembilang = AngkaField(label="Pembilang", required=False, max_desimal=4)
    penyebut = AngkaField(label="Penyebut", required=False, max_desimal=4)
    bukti_catatan = forms.CharField(label="Catatan bukti dukung", required=False, max_length=2000)
    bukti_file = forms.FileField(
        label="Berkas bukti", required=False,
        validators=[FileExtensionValidator(BUKTI_EKSTENSI), _ukuran_bukti],
    )
    hapus_file = forms.BooleanField(label="Hapus berkas", required=False)

    def __init__(self, data: Any = None, files: Any = None, *, indikator: Indikator,
                 **kwargs: Any) -> None:
        super().__init__(data, files, prefix=f"r{indikator.pk}", **kwargs)
        self.indikator = indikator
        if _kualitatif(indikator):
            self.fields["nilai_teks"] = _field_skala(indikator, "Realisasi")
            for name in ("nilai", "pembilang", "penyebut"):
                del self.fields[name]
        else:
            if indikator.jenis_rumus == Indikator.JenisRumus.LANGSUNG:
                del self.fields["pembilang"], self.fields["penyebut"]
            else:
                pembilang, penyebut = PETUNJUK_RUMUS[indikator.jenis_rumus]
                self.fields["pembilang"].widget.attrs["placeholder"] = pembilang
                self.fields["penyebut"].widget.attrs["placeholder"] = penyebut
                self.fields["nilai"].widget.attrs["placeholder"] = "atau isi nilai langsung"
        for name, f in self.fields.items():
            if name == "hapus_file":
                css = "form-check-input"
            elif isinstance(f.widget, forms.Select):
                css = "form-select form-select-sm"
            elif name in ("nilai", "pembilang", "penyebut"):
                css = "form-control form-control-sm angka"
            else:
                css = "form-control form-control-sm"
            f.widget.attrs["class"] = css
            # The inputs sit in other cells than the row's <form>; this attribute binds them.
            f.widget.attrs["form"] = f"f-{indikator.pk}"

    @classmethod
    def awal(cls, indikator: Indikator, rekaman: dict[str, Any] | None) -> RealisasiForm:
        """The row's form showing what is stored (`rekaman` from the grid dataset)."""
        initial = {}
        if rekaman:
            initial = {k: rekaman[k] for k in ("nilai", "nilai_teks", "pembilang", "penyebut",
                                                "bukti_catatan")}
            if rekaman["pembilang"] is not None:
                # The value follows from the counts; showing it too would invite editing both.
                initial["nilai"] = None
        return cls(indikator=indikator, initial=initial)

    def isian(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "nilai": d.get("nilai"),
            "nilai_teks": d.get("nilai_teks", ""),
            "pembilang": d.get("pembilang"),
            "penyebut": d.get("penyebut"),
            "bukti_catatan": d.get("bukti_catatan", ""),
            "bukti_file": d.get("bukti_file"),
            "hapus_file": d.get("hapus_file", False),
        }

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("nilai") is not None and data.get("pembilang") is not None:
            self.add_error("nilai", "Isi realisasi langsung atau pembilang/penyebut, "
                                    "jangan keduanya.")
        return data


class GridForm(forms.Form):
    """Which quarter and which indicators the grid shows (GET)."""

    triwulan = forms.TypedChoiceField(
        choices=TRIWULAN, coerce=int, initial=1,
        error_messages={"invalid_choice": "Triwulan harus 1 sampai 4."},
    )
    lingkup = forms.ChoiceField(choices=list(LINGKUP.items()), initial="iku", required=False)

    def nilai(self, bawaan: int) -> tuple[int, str]:
        """(quarter, scope); an unbound or invalid form falls back to `bawaan` and IKU."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["triwulan"], self.cleaned_data["lingkup"] or "iku"
        return bawaan, "iku"


class AnalisisForm(BootstrapMixin, forms.ModelForm):
    standar_nasional = AngkaField(label="Standar nasional/provinsi", required=False,
                                  max_desimal=4)

    class Meta:
        model = AnalisisIndikator
        fields = ["penyebab_keberhasilan", "penyebab_kegagalan", "solusi", "program_pendukung",
                  "standar_nasional", "standar_nasional_sumber"]
        widgets = {f: forms.Textarea(attrs={"rows": 4}) for f in
                   ("penyebab_keberhasilan", "penyebab_kegagalan", "solusi",
                    "program_pendukung")}

