"""One object saved or deleted by a service with its audit record: django-simple-history
stores who (`_history_user`) and why (`_change_reason`), `sakip.audit` reads them back."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


def simpan(obj: M, *, oleh: Any, alasan: str = "") -> M:
    """Validate (`full_clean`) and save `obj`."""
    obj.full_clean()
    obj._change_reason = alasan  # type: ignore[attr-defined]
    obj._history_user = oleh  # type: ignore[attr-defined]
    obj.save()
    return obj


def hapus(obj: models.Model, *, oleh: Any, alasan: str = "") -> None:
    obj._change_reason = alasan  # type: ignore[attr-defined]
    obj._history_user = oleh  # type: ignore[attr-defined]
    obj.delete()
