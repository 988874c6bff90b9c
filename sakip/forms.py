"""Form building blocks shared by every app."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from .formatting import format_angka, parse_angka


class AngkaField(forms.Field):
    """A number typed the Indonesian way ("1.234.567,89"; "2,7"; also "2.7").

    Django's localized DecimalField would read "2.7" as 27 once thousand separators are
    on; `parse_angka` refuses what it cannot read unambiguously instead of guessing.
    """

    widget = forms.TextInput

    def __init__(
        self,
        *,
        max_desimal: int | None = None,
        min_nilai: Decimal | None = None,
        max_digits: int = 18,
        **kwargs: Any,
    ) -> None:
        self.max_desimal = max_desimal
        self.min_nilai = min_nilai
        self.max_digits = max_digits
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "decimal", "autocomplete": "off", "class": "form-control angka"})
        return attrs

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal | int):
            return format_angka(Decimal(value))
        return value

    def to_python(self, value: Any) -> Decimal | None:
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        try:
            hasil = parse_angka(str(value))
        except ValueError as exc:
            raise ValidationError(str(exc), code="invalid") from exc
        return hasil

    def validate(self, value: Decimal | None) -> None:
        super().validate(value)
        if value is None:
            return
        exp = value.as_tuple().exponent
        desimal = -exp if isinstance(exp, int) and exp < 0 else 0
        if self.max_desimal is not None and desimal > self.max_desimal:
            raise ValidationError(
                f"Paling banyak {self.max_desimal} angka di belakang koma.", code="desimal"
            )
        if len(value.as_tuple().digits) - desimal > self.max_digits - (self.max_desimal or 0):
            raise ValidationError("Angka terlalu besar.", code="besar")
        if self.min_nilai is not None and value < self.min_nilai:
            raise ValidationError(
                f"Nilai tidak boleh kurang dari {format_angka(self.min_nilai)}.", code="min"
            )


class UangField(AngkaField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_desimal", 2)
        kwargs.setdefault("min_nilai", Decimal("0"))
        super().__init__(**kwargs)


def _tambah_kelas(widget: forms.Widget, css: str) -> None:
    kelas = widget.attrs.get("class", "").split()
    if css not in kelas:
        widget.attrs["class"] = " ".join([*kelas, css])


class BootstrapMixin:
    """Adds Bootstrap classes to every widget so templates stay plain.

    `ukuran = "sm"` makes every control compact (rows of a target table), `kecil` names
    the fields that are compact because they sit in such a table. A field with an
    error gets `is-invalid`, whichever step found it (field, form or model clean, or a
    service error the view adds): every one of them goes through `add_error`.
    """

    ukuran = ""
    kecil: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():  # type: ignore[attr-defined]
            w = field.widget
            ukuran = self.ukuran or ("sm" if name in self.kecil else "")
            if isinstance(w, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(w, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            _tambah_kelas(w, css)
            if ukuran and css != "form-check-input":
                _tambah_kelas(w, f"{css}-{ukuran}")
            # Django's Textarea defaults to 10 rows: far too tall for one-line names.
            if isinstance(w, forms.Textarea) and str(w.attrs.get("rows")) == "10":
                w.attrs["rows"] = 2

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)  # type: ignore[misc]
        for name in self.errors:  # type: ignore[attr-defined]
            if name in self.fields:  # type: ignore[attr-defined]
                w = self.fields[name].widget  # type: ignore[attr-defined]
                _tambah_kelas(w, "is-invalid")
                w.attrs["aria-invalid"] = "true"
