"""Saving many changed rows at once, with history, for the Excel import.

Django's `bulk_update` builds one CASE branch per row for every field named; most of an
import's rows change one or two fields, and who/when is the same value on every row. So:
the common values in one UPDATE, each other field only on the rows where it changed,
then one history row per object (simple-history's own bulk writer).
"""

from __future__ import annotations

from typing import Any

from django.db import models

BATCH = 500


def ubah_massal(model: type[models.Model], objs: list[Any], *, lama: list[dict[str, Any]],
                umum: dict[str, Any], oleh: Any, alasan: str) -> None:
    """Save `objs` (already changed in memory). `lama[i]` holds the stored values of the
    fields that may have changed on `objs[i]`, by attname ("kelompok_id"); `umum` the
    values every row gets (set on the objects here too)."""
    if not objs:
        return
    if umum:
        pk = [o.pk for o in objs]
        for o in objs:
            for nama, nilai in umum.items():
                setattr(o, nama, nilai)
        for i in range(0, len(pk), BATCH):
            model._default_manager.filter(pk__in=pk[i:i + BATCH]).update(**umum)
    for attname in lama[0]:
        berubah = [o for o, dulu in zip(objs, lama, strict=True)
                   if getattr(o, attname) != dulu[attname]]
        if berubah:
            model._default_manager.bulk_update(berubah, [attname], batch_size=BATCH)
    model.history.bulk_history_create(  # type: ignore[attr-defined]
        objs, batch_size=BATCH, update=True, default_user=oleh, default_change_reason=alasan)
