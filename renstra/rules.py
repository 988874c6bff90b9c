"""Who may do what to a Renstra (django-rules). Views ask; templates only hide buttons."""

from __future__ import annotations

from typing import Any

import rules

from sakip.rules import is_pembaca, is_perencana

from .models import Renstra


@rules.predicate
def perencana_renstra(user: Any, renstra: Renstra | None) -> bool:
    return renstra is not None and is_perencana(user, renstra.opd)


@rules.predicate
def pembaca_renstra(user: Any, renstra: Renstra | None) -> bool:
    return renstra is not None and is_pembaca(user, renstra.opd)


@rules.predicate
def renstra_dapat_diubah(user: Any, renstra: Renstra | None) -> bool:
    return renstra is not None and renstra.dapat_diubah


rules.add_perm("renstra.view_renstra", rules.is_superuser | pembaca_renstra)
rules.add_perm("renstra.change_renstra",
               (rules.is_superuser | perencana_renstra) & renstra_dapat_diubah)
rules.add_perm("renstra.add_renstra", rules.is_superuser | is_perencana)
