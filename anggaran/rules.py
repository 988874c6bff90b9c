"""Who may read and change an office's budget (django-rules). Views ask; templates only hide.

The object is the office (`Opd`) or anything of its budget that has `anggaran`.
Kepala and inspektorat read; only the office's perencana writes.
"""

from __future__ import annotations

from typing import Any

import rules

from sakip.models import Opd
from sakip.rules import is_pembaca, is_perencana

from .models import Anggaran


def _opd(obj: Any) -> Opd | None:
    if obj is None or isinstance(obj, Opd):
        return obj
    anggaran = obj if isinstance(obj, Anggaran) else obj.anggaran
    return anggaran.opd


@rules.predicate
def perencana_anggaran(user: Any, obj: Any) -> bool:
    return is_perencana(user, _opd(obj))


@rules.predicate
def pembaca_anggaran(user: Any, obj: Any) -> bool:
    return is_pembaca(user, _opd(obj))


rules.add_perm("anggaran.view_anggaran", rules.is_superuser | pembaca_anggaran)
rules.add_perm("anggaran.change_anggaran", rules.is_superuser | perencana_anggaran)
