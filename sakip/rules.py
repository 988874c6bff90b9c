"""Object permissions of the core app (django-rules); views enforce, templates only hide."""

from __future__ import annotations

from typing import Any

import rules

from .models import AksesPemda, Keanggotaan, Opd, Peran


def _peran_di(user: Any, opd: Opd | None) -> set[str]:
    if opd is None or not user.is_authenticated:
        return set()
    # Cached on the user object: one query per request however many checks a page makes.
    cache = user.__dict__.setdefault("_peran_cache", {})
    if opd.pk not in cache:
        cache[opd.pk] = set(
            Keanggotaan.objects.filter(user=user, opd_id=opd.pk).values_list("peran", flat=True)
        )
    return cache[opd.pk]


@rules.predicate
def is_perencana(user: Any, opd: Opd | None) -> bool:
    return Peran.PERENCANA in _peran_di(user, opd)


@rules.predicate
def is_kepala(user: Any, opd: Opd | None) -> bool:
    return Peran.KEPALA in _peran_di(user, opd)


@rules.predicate
def is_pembaca(user: Any, opd: Opd | None) -> bool:
    if opd is None or not user.is_authenticated:
        return False
    if _peran_di(user, opd):
        return True
    return AksesPemda.objects.filter(user=user, pemda_id=opd.pemda_id).exists()


@rules.predicate
def is_inspektorat(user: Any, opd: Opd | None) -> bool:
    if opd is None or not user.is_authenticated:
        return False
    return Peran.INSPEKTORAT in _peran_di(user, opd) or AksesPemda.objects.filter(
        user=user, pemda_id=opd.pemda_id, peran=Peran.INSPEKTORAT
    ).exists()


rules.add_perm("sakip.view_opd", is_pembaca)
rules.add_perm("sakip.edit_data_opd", is_perencana)
# Audit trail: everyone who reads the office reads its history.
rules.add_perm("sakip.view_riwayat", rules.is_superuser | is_pembaca)
# Review comments: the inspectorate writes and closes them, the office answers. No
# administrator stands in for a reviewer, whose name signs the review statement.
rules.add_perm("sakip.review_opd", is_inspektorat)
rules.add_perm("sakip.answer_catatanreviu", is_perencana | is_kepala | is_inspektorat)


def boleh(user: Any, perm: str, obj: Any) -> bool:
    """The rule exactly as written. `user.has_perm` answers True for every active superuser
    before any rule is asked, which would let an administrator submit or sign for an office
    and skip the state checks; the workflow and the edit checks ask here instead."""
    return bool(user.is_active and rules.has_perm(perm, user, obj))
