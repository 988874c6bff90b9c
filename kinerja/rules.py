"""Who may do what in the kinerja app (django-rules). Views ask; templates only hide buttons.

Planners (perencana) of the office write; the head (kepala) approves or returns a PK;
inspectorate and everyone else with read access only read.
"""

from __future__ import annotations

from typing import Any

import rules

from renstra.models import Indikator
from sakip.kunci import kunci_aktif
from sakip.rules import is_kepala, is_pembaca, is_perencana

from .models import PerjanjianKinerja, StatusPk


@rules.predicate
def perencana_pk(user: Any, pk: PerjanjianKinerja | None) -> bool:
    return pk is not None and is_perencana(user, pk.opd)


@rules.predicate
def kepala_pk(user: Any, pk: PerjanjianKinerja | None) -> bool:
    return pk is not None and is_kepala(user, pk.opd)


@rules.predicate
def pembaca_pk(user: Any, pk: PerjanjianKinerja | None) -> bool:
    return pk is not None and is_pembaca(user, pk.opd)


@rules.predicate
def pk_dapat_diubah(user: Any, pk: PerjanjianKinerja | None) -> bool:
    return pk is not None and pk.dapat_diubah


@rules.predicate
def pk_diajukan(user: Any, pk: PerjanjianKinerja | None) -> bool:
    return pk is not None and pk.status == StatusPk.DIAJUKAN and not pk.digantikan


@rules.predicate
def pk_dapat_direvisi(user: Any, pk: PerjanjianKinerja | None) -> bool:
    return pk is not None and pk.status == StatusPk.DISETUJUI and not pk.digantikan


@rules.predicate
def pk_periode_terbuka(user: Any, pk: PerjanjianKinerja | None) -> bool:
    # An approved LKjIP locks the year's PK, status included, until an admin reopens it.
    return pk is not None and kunci_aktif(opd_id=pk.opd_id, tahun=pk.tahun) is None


@rules.predicate
def perencana_indikator(user: Any, ind: Indikator | None) -> bool:
    return ind is not None and is_perencana(user, ind.renstra.opd)


@rules.predicate
def renstra_indikator_berlaku(user: Any, ind: Indikator | None) -> bool:
    # A superseded Renstra version is read-only; its realisations remain as history.
    return ind is not None and ind.renstra.dapat_diubah


penulis_pk = rules.is_superuser | perencana_pk

rules.add_perm("kinerja.view_perjanjiankinerja", rules.is_superuser | pembaca_pk)
rules.add_perm("kinerja.add_perjanjiankinerja", rules.is_superuser | is_perencana)
rules.add_perm("kinerja.change_perjanjiankinerja",
               penulis_pk & pk_dapat_diubah & pk_periode_terbuka)
rules.add_perm("kinerja.submit_perjanjiankinerja",
               penulis_pk & pk_dapat_diubah & pk_periode_terbuka)
# Approval is the head's signature: no administrator stands in for it.
rules.add_perm("kinerja.approve_perjanjiankinerja", kepala_pk & pk_diajukan & pk_periode_terbuka)
rules.add_perm("kinerja.revise_perjanjiankinerja",
               penulis_pk & pk_dapat_direvisi & pk_periode_terbuka)
rules.add_perm("kinerja.change_realisasi",
               (rules.is_superuser | perencana_indikator) & renstra_indikator_berlaku)
rules.add_perm("kinerja.view_capaian", rules.is_superuser | is_pembaca)
