from __future__ import annotations

from typing import Any, cast

from django import forms

from sakip.formatting import format_angka
from sakip.forms import AngkaField, BootstrapMixin, UangField

from .models import (
    Indikator,
    Kegiatan,
    Misi,
    MisiRpjmd,
    Program,
    Renstra,
    Sasaran,
    SubKegiatan,
    TargetRenstra,
    Tujuan,
)


class RenstraForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Renstra
        fields = [
            "tahun_awal", "tahun_akhir", "tahun_kondisi_awal", "visi", "rpjmd",
            "nomor_penetapan", "tanggal_penetapan",
        ]
        widgets = {
            "tahun_awal": forms.NumberInput(attrs={"min": 2000, "max": 2100}),
            "tahun_akhir": forms.NumberInput(attrs={"min": 2000, "max": 2100}),
            "tahun_kondisi_awal": forms.NumberInput(attrs={"min": 2000, "max": 2100}),
            "tanggal_penetapan": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "visi": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, opd: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.opd = opd
        cast(forms.ModelChoiceField, self.fields["rpjmd"]).queryset = opd.pemda.rpjmd.all()
        if self.instance.pk:
            # The period defines the versions; a revision keeps it.
            for f in ("tahun_awal", "tahun_akhir"):
                self.fields[f].disabled = True


class RevisiForm(BootstrapMixin, forms.Form):
    alasan = forms.CharField(
        label="Alasan perubahan", widget=forms.Textarea, min_length=10,
        error_messages={"required": "Alasan perubahan Renstra wajib diisi.",
                        "min_length": "Tuliskan alasan perubahan paling sedikit 10 huruf."},
    )


class MisiForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Misi
        fields = ["nomor", "teks", "misi_rpjmd"]
        widgets = {"teks": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, renstra: Renstra, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.renstra = renstra
        cast(forms.ModelChoiceField, self.fields["misi_rpjmd"]).queryset = (
            MisiRpjmd.objects.filter(rpjmd=renstra.rpjmd) if renstra.rpjmd_id
            else MisiRpjmd.objects.none()
        )


class _NodeForm(BootstrapMixin, forms.ModelForm):
    def __init__(self, *args: Any, renstra: Renstra, **kwargs: Any) -> None:
        self.renstra = renstra
        super().__init__(*args, **kwargs)


class TujuanForm(_NodeForm):
    class Meta:
        model = Tujuan
        fields = ["urutan", "nama", "misi"]
        widgets = {"nama": forms.Textarea}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["misi"]).queryset = self.renstra.misi.all()


class SasaranForm(_NodeForm):
    class Meta:
        model = Sasaran
        fields = ["urutan", "nama", "strategi", "arah_kebijakan"]
        widgets = {"nama": forms.Textarea, "strategi": forms.Textarea,
                   "arah_kebijakan": forms.Textarea}


class _TahunBerlakuMixin:
    def clean(self) -> dict[str, Any]:
        data = super().clean()  # type: ignore[misc]
        mulai, selesai = data.get("tahun_mulai"), data.get("tahun_selesai")
        r = self.renstra  # type: ignore[attr-defined]
        for f, v in (("tahun_mulai", mulai), ("tahun_selesai", selesai)):
            if v is not None and not (r.tahun_awal - 1 <= v <= r.tahun_akhir):
                self.add_error(f, f"Tahun {v} di luar periode Renstra {r.periode}.")  # type: ignore[attr-defined]
        if mulai and selesai and mulai > selesai:
            self.add_error("tahun_selesai", "Tahun selesai tidak boleh sebelum tahun mulai.")  # type: ignore[attr-defined]
        return data


class ProgramForm(_NodeForm):
    class Meta:
        model = Program
        fields = ["urutan", "kode", "nama"]
        widgets = {"nama": forms.Textarea}


class KegiatanForm(_TahunBerlakuMixin, _NodeForm):
    class Meta:
        model = Kegiatan
        fields = ["urutan", "kode", "nama", "tahun_mulai", "tahun_selesai"]
        widgets = {"nama": forms.Textarea}


class SubKegiatanForm(_TahunBerlakuMixin, _NodeForm):
    class Meta:
        model = SubKegiatan
        fields = ["urutan", "kode", "nama", "tahun_mulai", "tahun_selesai"]
        widgets = {"nama": forms.Textarea}


class IndikatorForm(_TahunBerlakuMixin, _NodeForm):
    kecil = ("kondisi_awal", "kondisi_awal_teks", "kondisi_awal_pagu", "aturan_kondisi_akhir",
             "kondisi_akhir", "kondisi_akhir_teks")
    kondisi_awal = AngkaField(label="Kondisi awal (capaian)", required=False, max_desimal=4)
    kondisi_awal_pagu = UangField(label="Pagu tahun kondisi awal (Rp)", required=False)
    kondisi_akhir = AngkaField(label="Kondisi akhir (target)", required=False, max_desimal=4,
                               widget=forms.TextInput(attrs={"placeholder": "nilai akhir"}))
    skala_teks = forms.CharField(
        label="Skala kualitatif", required=False,
        help_text="Label dari terendah ke tertinggi dipisah koma, mis. TMP, TW, WDP, WTP.",
    )

    class Meta:
        model = Indikator
        fields = [
            "urutan", "nama", "satuan", "jenis", "is_iku", "polaritas", "arah_rentang",
            "cara_agregasi", "desimal", "jenis_target", "definisi", "jenis_rumus", "rumus",
            "pembilang", "penyebut", "sumber_data", "frekuensi", "unit_penanggung_jawab",
            "penanggung_jawab", "lokasi", "kondisi_awal", "kondisi_awal_teks",
            "kondisi_awal_pagu", "aturan_kondisi_akhir", "kondisi_akhir", "kondisi_akhir_teks",
            "tahun_mulai", "tahun_selesai", "menggantikan",
        ]
        widgets = {
            "nama": forms.Textarea, "definisi": forms.Textarea, "rumus": forms.Textarea,
            # These two sit unlabelled in the "Akhir" row of the target table.
            "kondisi_akhir_teks": forms.TextInput(attrs={"placeholder": "atau nilai kualitatif"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["unit_penanggung_jawab"]).queryset = (
            self.renstra.opd.unit_kerja.all())
        lain = Indikator.objects.filter(renstra=self.renstra)
        if self.instance.pk:
            lain = lain.exclude(pk=self.instance.pk)
        cast(forms.ModelChoiceField, self.fields["menggantikan"]).queryset = lain
        self.fields["skala_teks"].initial = ", ".join(self.instance.skala_kualitatif or [])

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        skala = [s.strip() for s in data.get("skala_teks", "").split(",") if s.strip()]
        if len(set(skala)) != len(skala):
            self.add_error("skala_teks", "Label skala tidak boleh berulang.")
        if data.get("jenis_target") == Indikator.JenisTarget.KUALITATIF and len(skala) < 2:
            self.add_error("skala_teks",
                           "Target kualitatif memerlukan skala paling sedikit 2 label.")
        self.instance.skala_kualitatif = skala
        if data.get("polaritas") == Indikator.Polaritas.RENTANG and not data.get("arah_rentang"):
            self.add_error("arah_rentang", "Pilih arah rumus di luar rentang.")
        if (data.get("aturan_kondisi_akhir") == Indikator.AturanKondisiAkhir.MASUKAN
                and data.get("kondisi_akhir") is None and not data.get("kondisi_akhir_teks")):
            self.add_error("kondisi_akhir", "Isi kondisi akhir, atau pilih aturan jumlah/terakhir.")
        for f in ("kondisi_awal_teks", "kondisi_akhir_teks"):
            v = data.get(f)
            if v and skala and v not in skala:
                self.add_error(f, f"'{v}' tidak ada dalam skala ({', '.join(skala)}).")
        return data


class TargetForm(BootstrapMixin, forms.Form):
    """One year of an indicator's targets; the year comes from the Renstra, never the POST."""

    ukuran = "sm"

    nilai = AngkaField(label="Target", required=False, max_desimal=4)
    nilai_atas = AngkaField(label="Batas atas", required=False, max_desimal=4)
    nilai_teks = forms.CharField(label="Target kualitatif", required=False, max_length=60)
    pagu = UangField(label="Pagu indikatif (Rp)", required=False)
    sumber_dana = forms.CharField(label="Sumber dana", required=False, max_length=100)

    def __init__(self, *args: Any, tahun: int, indikator: Indikator, **kwargs: Any) -> None:
        self.tahun = tahun
        self.indikator = indikator
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        ind = self.indikator
        jenis = self.data.get("jenis_target") or ind.jenis_target
        bawah, atas = data.get("nilai"), data.get("nilai_atas")
        if jenis == Indikator.JenisTarget.RENTANG:
            if (bawah is None) != (atas is None):
                self.add_error("nilai_atas", f"{self.tahun}: isi batas bawah dan batas atas.")
            elif bawah is not None and atas is not None and bawah > atas:
                self.add_error(
                    "nilai_atas",
                    f"{self.tahun}: batas bawah ({format_angka(bawah)}) lebih besar dari "
                    f"batas atas ({format_angka(atas)}).",
                )
        elif atas is not None:
            self.add_error("nilai_atas", f"{self.tahun}: batas atas hanya untuk target rentang.")
        teks = data.get("nilai_teks", "")
        skala = self.data.get("skala_teks")
        label = ([s.strip() for s in skala.split(",") if s.strip()] if skala is not None
                 else ind.skala_kualitatif)
        if jenis == Indikator.JenisTarget.KUALITATIF and teks and teks not in label:
            self.add_error("nilai_teks", f"{self.tahun}: '{teks}' tidak ada dalam skala "
                                         f"({', '.join(label)}).")
        return data

    def nilai_baru(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "nilai": d.get("nilai"),
            "nilai_atas": d.get("nilai_atas"),
            "nilai_teks": d.get("nilai_teks", ""),
            "pagu": d.get("pagu"),
            "sumber_dana": d.get("sumber_dana", ""),
        }

    def kosong(self) -> bool:
        return all(v in (None, "") for v in self.nilai_baru().values())


def target_forms(
    indikator: Indikator, data: Any = None, existing: dict[int, TargetRenstra] | None = None
) -> list[TargetForm]:
    existing = existing or {}
    forms_ = []
    for tahun in indikator.renstra.tahun_target:
        t = existing.get(tahun)
        initial = (
            {"nilai": t.nilai, "nilai_atas": t.nilai_atas, "nilai_teks": t.nilai_teks,
             "pagu": t.pagu, "sumber_dana": t.sumber_dana} if t else {}
        )
        forms_.append(TargetForm(data, prefix=f"t{tahun}", tahun=tahun, indikator=indikator,
                                 initial=initial))
    return forms_
