"""Budget forms. Amounts use `UangField` (Indonesian input, ≥ 0, at most 2 decimals);
choices are narrowed to the office's own Renstra and to the account groups of the year."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from renstra.models import Indikator, Kegiatan, Program, Sasaran, SubKegiatan
from sakip.forms import BootstrapMixin, UangField

from .models import Anggaran, KelompokBelanja, PerlakuanProgram, PosAnggaran


def _pagu_fields(wajib: bool = True) -> dict[str, UangField]:
    return {
        "pagu_murni": UangField(label="Pagu DPA murni", required=wajib),
        "pagu_perubahan": UangField(
            label="Pagu DPA perubahan", required=False,
            help_text="Kosongkan bila tidak berubah pada perubahan anggaran.",
        ),
    }


def kegiatan_renstra(anggaran: Anggaran) -> Any:
    """Kegiatan of the office's Renstra in force in the budget year: the only valid choices."""
    return Kegiatan.objects.filter(
        program__sasaran__tujuan__renstra__opd_id=anggaran.opd_id,
        program__sasaran__tujuan__renstra__tahun_awal__lte=anggaran.tahun,
        program__sasaran__tujuan__renstra__tahun_akhir__gte=anggaran.tahun,
    ).select_related("program").order_by(
        "program__sasaran__tujuan__renstra__tahun_awal", "program__sasaran__tujuan__urutan",
        "program__sasaran__urutan", "program__urutan", "program_id", "urutan", "pk")


def _pesan_bukan_renstra(anggaran: Anggaran) -> str:
    return (f"Pilihan ini tidak ada dalam Renstra perangkat daerah ini yang berlaku pada "
            f"tahun {anggaran.tahun}.")


class _KegiatanChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Kegiatan) -> str:
        return f"{obj.program.kode}.{obj.kode} {obj.nama}"


class DpaForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Anggaran
        fields = ["nomor_dpa", "catatan"]
        widgets = {"catatan": forms.Textarea(attrs={"rows": 2})}


class KunciSebaranForm(forms.ModelForm):
    class Meta:
        model = Anggaran
        fields = ["kunci_sebaran"]
        widgets = {"kunci_sebaran": forms.Select(attrs={"class": "form-select form-select-sm"})}


class KendaliForm(BootstrapMixin, forms.Form):
    """One typed control total; both figures empty removes it."""

    pagu_murni = UangField(label="DPA murni", required=False)
    pagu_perubahan = UangField(label="DPA perubahan", required=False)
    sumber = forms.CharField(label="Sumber", max_length=200, required=False)


class BarisForm(BootstrapMixin, forms.Form):
    """A new budget line: kegiatan (or sub kegiatan) of the Renstra, account group, pagu."""

    kegiatan = _KegiatanChoice(queryset=Kegiatan.objects.none(), label="Kegiatan")
    sub_kegiatan = forms.ModelChoiceField(
        queryset=SubKegiatan.objects.none(), label="Sub kegiatan", required=False)
    kelompok = forms.ModelChoiceField(queryset=KelompokBelanja.objects.none(),
                                      label="Kelompok belanja")

    def __init__(self, *args: Any, anggaran: Anggaran, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(_pagu_fields())
        self.anggaran = anggaran
        pesan = {"invalid_choice": _pesan_bukan_renstra(anggaran)}
        kegiatan = kegiatan_renstra(anggaran)
        cast(forms.ModelChoiceField, self.fields["kegiatan"]).queryset = kegiatan
        self.fields["kegiatan"].error_messages.update(pesan)
        cast(forms.ModelChoiceField, self.fields["sub_kegiatan"]).queryset = (
            SubKegiatan.objects.filter(kegiatan__in=kegiatan)
            .order_by("kegiatan_id", "urutan", "pk"))
        self.fields["sub_kegiatan"].error_messages.update(pesan)
        cast(forms.ModelChoiceField, self.fields["kelompok"]).queryset = (
            KelompokBelanja.untuk_tahun(anggaran.tahun))
        for f in self.fields.values():
            if isinstance(f, UangField):
                f.widget.attrs["class"] = "form-control angka"

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        k, s = data.get("kegiatan"), data.get("sub_kegiatan")
        if k and s and s.kegiatan_id != k.pk:
            self.add_error("sub_kegiatan", "Sub kegiatan ini bukan bagian kegiatan yang dipilih.")
        return data


class BarisUpdateForm(BootstrapMixin, forms.Form):
    """One row of the entry grid: account group and both pagu."""

    kelompok = forms.ModelChoiceField(queryset=KelompokBelanja.objects.none(),
                                      label="Kelompok belanja")

    def __init__(self, *args: Any, tahun: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(_pagu_fields())
        cast(forms.ModelChoiceField, self.fields["kelompok"]).queryset = (
            KelompokBelanja.untuk_tahun(tahun))
        self.fields["kelompok"].widget.attrs["class"] = "form-select form-select-sm"
        for name in ("pagu_murni", "pagu_perubahan"):
            self.fields[name].widget.attrs["class"] = "form-control form-control-sm angka"


class PosForm(BootstrapMixin, forms.Form):
    """Pendapatan or belanja outside programs (e.g. gaji dan tunjangan under BTL)."""

    kode = forms.CharField(label="Kode rekening", max_length=40, required=False)
    uraian = forms.CharField(label="Uraian", max_length=300)
    kelompok = forms.ModelChoiceField(queryset=KelompokBelanja.objects.none(),
                                      label="Kelompok belanja", required=False)

    def __init__(self, *args: Any, tahun: int, jenis: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(_pagu_fields())
        self.jenis = jenis
        if jenis == PosAnggaran.Jenis.PENDAPATAN:
            del self.fields["kelompok"]
            self.fields["pagu_murni"].label = "Target pendapatan (murni)"
            self.fields["pagu_perubahan"].label = "Target pendapatan (perubahan)"
        else:
            cast(forms.ModelChoiceField, self.fields["kelompok"]).queryset = (
                KelompokBelanja.untuk_tahun(tahun))
            self.fields["kelompok"].required = True
        for name, f in self.fields.items():
            css = "form-select" if name == "kelompok" else "form-control"
            css = f"{css} {css}-sm"
            f.widget.attrs["class"] = f"{css} angka" if isinstance(f, UangField) else css


class RealisasiForm(forms.Form):
    """Spending of one line in the chosen period; empty removes the entry."""

    nilai = UangField(label="Realisasi", required=False)
    catatan = forms.CharField(label="Catatan", max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nilai"].widget.attrs["class"] = "form-control form-control-sm angka"
        self.fields["catatan"].widget.attrs.update(
            {"class": "form-control form-control-sm", "placeholder": "catatan (opsional)"})


PILIHAN_PERLAKUAN = [("", "Langsung (dipetakan)"), *PerlakuanProgram.Perlakuan.choices]


class PerlakuanForm(forms.Form):
    perlakuan = forms.ChoiceField(label="Perlakuan", required=False, choices=PILIHAN_PERLAKUAN)


class PemetaanForm(BootstrapMixin, forms.Form):
    """Program or one kegiatan → a sasaran, or one indicator (IKU) of it.

    The target is one select: "s<sasaran id>" or "i<indikator id>".
    """

    program = forms.ModelChoiceField(queryset=Program.objects.none(), required=False,
                                     label="Program")
    kegiatan = _KegiatanChoice(queryset=Kegiatan.objects.none(), required=False,
                               label="Kegiatan (bila hanya kegiatan tertentu)")
    target = forms.ChoiceField(label="Mendukung sasaran / IKU")

    def __init__(self, *args: Any, anggaran: Anggaran,
                 target: list[tuple[Sasaran, list[Indikator]]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        pesan = {"invalid_choice": _pesan_bukan_renstra(anggaran)}
        kegiatan = kegiatan_renstra(anggaran)
        cast(forms.ModelChoiceField, self.fields["kegiatan"]).queryset = kegiatan
        cast(forms.ModelChoiceField, self.fields["program"]).queryset = Program.objects.filter(
            pk__in=kegiatan.values("program_id")).order_by("urutan", "pk")
        for f in ("program", "kegiatan"):
            self.fields[f].error_messages.update(pesan)
        self._sasaran = {s.pk: s for s, _ in target}
        self._indikator = {i.pk: i for _, daftar in target for i in daftar}
        pilihan: list[tuple[str, Any]] = []
        for s, daftar in target:
            pilihan.append((s.nama[:80], [(f"s{s.pk}", f"Sasaran: {s.nama[:90]}")] + [
                (f"i{i.pk}", f"{'IKU' if i.is_iku else 'Indikator'}: {i.nama[:90]}")
                for i in daftar]))
        cast(forms.ChoiceField, self.fields["target"]).choices = [("", "— pilih —"), *pilihan]
        self.fields["target"].error_messages["invalid_choice"] = _pesan_bukan_renstra(anggaran)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if bool(data.get("program")) == bool(data.get("kegiatan")):
            raise forms.ValidationError("Pilih satu program atau satu kegiatan.")
        kode = data.get("target") or ""
        pk = int(kode[1:]) if kode[1:].isdigit() else None
        if kode.startswith("i") and pk in self._indikator:
            data["indikator"] = self._indikator[pk]
            data["sasaran"] = self._sasaran[data["indikator"].sasaran_id]
        elif kode.startswith("s") and pk in self._sasaran:
            data["indikator"], data["sasaran"] = None, self._sasaran[pk]
        return data
