"""Forms of the reports. Fields are listed explicitly: status and versi are never editable."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms import formset_factory, modelformset_factory

from .alur import UKURAN_MAKS_PDF, bersihkan_kode
from .models import AsetSarana, BarisSdm, LaporanKinerja, Prestasi


@dataclass(frozen=True)
class Bagian:
    judul: str
    kolom: tuple[str, ...]
    petunjuk: str = ""


# The LKjIP's editable sections: key (in URLs and `_ubah.html`) → fields of that form.
BAGIAN: dict[str, Bagian] = {
    "pengaturan": Bagian("Penandatangan dan kertas", (
        "tempat", "tanggal", "penandatangan_nama", "penandatangan_jabatan",
        "penandatangan_pangkat", "penandatangan_nip", "kertas"),
        "Penandatangan disalin ke laporan ini: pergantian kepala kemudian tidak mengubahnya."),
    "kata_pengantar": Bagian("Kata Pengantar", ("kata_pengantar",)),
    "ikhtisar": Bagian("Ikhtisar Eksekutif", ("ikhtisar", "hambatan", "upaya"),
                       "Tabel IKU, jumlah per kategori dan anggaran disusun otomatis dari "
                       "data; di sini paragraf pembuka serta hambatan dan upaya."),
    "pendahuluan": Bagian("Bab I Pendahuluan", (
        "latar_belakang", "maksud_tujuan", "tugas_fungsi", "struktur_organisasi",
        "bagan_organisasi", "isu_strategis"),
        "Daftar unit kerja beserta tugas dan fungsinya diambil dari data unit kerja."),
    "sumber_daya": Bagian("Sumber daya (uraian)", ("sdm_uraian", "sarana_prasarana"),
                          "Tabel pegawai dan sarana prasarana diisi pada halaman masing-"
                          "masing; jumlahnya dihitung otomatis."),
    "perencanaan": Bagian("Bab II — kebijakan", ("kebijakan",),
                          "Visi, misi, tujuan, sasaran, target dan Perjanjian Kinerja diambil "
                          "dari data Renstra dan PK."),
    "capaian_umum": Bagian("Bab III — gambaran umum capaian", ("capaian_umum",)),
    "penutup": Bagian("Bab IV Penutup — langkah ke depan", ("penutup",),
                      "Kesimpulan capaian disusun otomatis dari data; di sini langkah ke "
                      "depan."),
}


class LaporanBuatForm(forms.Form):
    tahun = forms.IntegerField(min_value=2000, max_value=2100,
                               widget=forms.NumberInput(attrs={"class": "form-control"}))


def bagian_form(kunci: str) -> type[forms.ModelForm]:
    """The ModelForm of one section, with exactly that section's fields."""
    bagian = BAGIAN[kunci]

    class BagianForm(forms.ModelForm):
        class Meta:
            model = LaporanKinerja
            fields = bagian.kolom
            widgets = {
                **{f: forms.Textarea(attrs={"rows": 8, "class": "form-control"})
                   for f in bagian.kolom if f not in ("tempat", "tanggal", "kertas")
                   and not f.startswith("penandatangan") and f != "bagan_organisasi"},
                "tanggal": forms.DateInput(attrs={"type": "date", "class": "form-control"},
                                           format="%Y-%m-%d"),
                "hambatan": forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
                "upaya": forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
            }

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            for f in self.fields.values():
                if not isinstance(f.widget, forms.Textarea | forms.ClearableFileInput):
                    f.widget.attrs.setdefault("class", "form-control")

    return BagianForm


KECIL = {"class": "form-control form-control-sm"}


class BarisSdmForm(forms.Form):
    uraian = forms.CharField(max_length=120, required=False, widget=forms.TextInput(KECIL))
    jumlah = forms.IntegerField(min_value=0, required=False, widget=forms.NumberInput(KECIL))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("jumlah") is not None and not (data.get("uraian") or "").strip():
            self.add_error("uraian", "Isi uraiannya, mis. S1 atau III/a.")
        return data


SdmFormSet = formset_factory(BarisSdmForm, extra=3)


def sdm_formset(laporan: LaporanKinerja, kelompok: str, data: Any = None) -> Any:
    awal = [{"uraian": b.uraian, "jumlah": b.jumlah}
            for b in laporan.sdm.filter(kelompok=kelompok)]
    return SdmFormSet(data, initial=awal, prefix=kelompok)


KELOMPOK_SDM = BarisSdm.Kelompok.choices


class AsetForm(forms.ModelForm):
    class Meta:
        model = AsetSarana
        fields = ["nama", "tahun_perolehan", "rusak_berat", "kurang_baik", "baik"]
        widgets = {f: forms.TextInput(attrs={"class": "form-control form-control-sm"})
                   for f in ["nama", "tahun_perolehan"]} | {
            f: forms.NumberInput(attrs={"class": "form-control form-control-sm", "min": 0})
            for f in ["rusak_berat", "kurang_baik", "baik"]}


AsetFormSet = modelformset_factory(AsetSarana, form=AsetForm, extra=3, can_delete=True)


class PrestasiForm(forms.ModelForm):
    class Meta:
        model = Prestasi
        fields = ["nama", "tingkat", "tanggal", "pemberi", "penerima"]
        widgets = {
            "nama": forms.TextInput(attrs={"class": "form-control form-control-sm"}),
            "tingkat": forms.Select(attrs={"class": "form-select form-select-sm"}),
            "tanggal": forms.DateInput(attrs={"type": "date",
                                              "class": "form-control form-control-sm"},
                                       format="%Y-%m-%d"),
            "pemberi": forms.TextInput(attrs={"class": "form-control form-control-sm"}),
            "penerima": forms.TextInput(attrs={"class": "form-control form-control-sm"}),
        }


PrestasiFormSet = modelformset_factory(Prestasi, form=PrestasiForm, extra=2, can_delete=True)


class NarasiForm(forms.Form):
    teks = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 8, "class": "form-control"}),
        help_text="Kosongkan atau samakan dengan teks otomatis agar narasi kembali mengikuti "
                  "data.")


class LogoForm(forms.Form):
    logo = forms.ImageField(required=False, help_text="PNG/JPG, paling besar 2 MB.")
    hapus = forms.BooleanField(required=False, label="Hapus logo")

    def clean_logo(self) -> Any:
        logo = self.cleaned_data.get("logo")
        if logo and logo.size > 2 * 1024 * 1024:
            raise forms.ValidationError("Logo paling besar 2 MB.")
        return logo


# --- workflow -------------------------------------------------------------------------------

_TEKS = {"rows": 3, "class": "form-control"}


class KembalikanForm(forms.Form):
    catatan = forms.CharField(
        label="Catatan untuk perencana", widget=forms.Textarea(attrs=_TEKS),
        error_messages={"required": "Tuliskan catatan mengapa LKjIP dikembalikan."})


class SetujuiForm(forms.Form):
    catatan = forms.CharField(label="Catatan (opsional)", required=False,
                              widget=forms.Textarea(attrs=_TEKS))
    konfirmasi = forms.BooleanField(
        required=False, label="Saya tetap menyetujui meskipun laporan belum lengkap; daftar "
                              "kekurangan dicatat pada riwayat persetujuan.",
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}))


class BukaKunciForm(forms.Form):
    alasan = forms.CharField(
        label="Alasan membuka kunci", min_length=10, widget=forms.Textarea(attrs=_TEKS),
        error_messages={"required": "Tuliskan alasan membuka kunci.",
                        "min_length": "Tuliskan alasan paling sedikit 10 huruf."})


class VerifikasiForm(forms.Form):
    """An uploaded PDF, or a typed hash/fingerprint (exactly one of the two)."""

    berkas = forms.FileField(
        label="Berkas PDF", required=False,
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".pdf"}),
        help_text="Berkas LKjIP atau Perjanjian Kinerja yang ingin diperiksa, paling "
                  "besar 20 MB.")
    kode = forms.CharField(
        label="atau sidik / SHA-256", required=False, max_length=100,
        widget=forms.TextInput(attrs={"class": "form-control font-monospace",
                                      "placeholder": "mis. 3f2a 9c1b 7e04 5d6a",
                                      "autocomplete": "off"}),
        help_text="Sidik pendek di kaki setiap halaman, sidik isi pada lembar verifikasi, "
                  "atau SHA-256 berkas.")

    def clean_berkas(self) -> Any:
        berkas = self.cleaned_data.get("berkas")
        if not berkas:
            return None
        if berkas.size > UKURAN_MAKS_PDF:
            raise forms.ValidationError(
                f"Berkas terlalu besar ({berkas.size / 1024 / 1024:.1f} MB). Dokumen yang "
                "dapat diperiksa paling besar 20 MB.")
        kepala = berkas.read(5)
        berkas.seek(0)
        if kepala != b"%PDF-":
            raise forms.ValidationError(
                "Berkas ini bukan PDF. Unggah berkas PDF yang diunduh dari SAKIP.")
        return berkas

    def clean_kode(self) -> str:
        teks = self.cleaned_data.get("kode", "").strip()
        if not teks:
            return ""
        kode = bersihkan_kode(teks)
        if kode is None:
            raise forms.ValidationError(
                "Sidik terdiri dari paling sedikit 12 angka heksadesimal (0–9, a–f), "
                "boleh dipisah spasi.")
        return kode

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and bool(data.get("berkas")) == bool(data.get("kode")):
            raise forms.ValidationError("Unggah berkas PDF atau ketik sidik, salah satu saja.")
        return data
