from __future__ import annotations

from django import forms


class UnggahForm(forms.Form):
    berkas = forms.FileField(
        label="Buku kerja (.xlsx)",
        widget=forms.ClearableFileInput(attrs={
            "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "class": "form-control"}),
        error_messages={"required": "Pilih berkas buku kerja .xlsx.",
                        "empty": "Berkas ini kosong."},
    )
