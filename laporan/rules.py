"""Who may do what with the reports (django-rules). Views ask; templates only hide buttons.

Everyone who may read an office reads and downloads its reports; its planners (perencana)
create the LKjIP, write its narrative while it is a draft (or returned) and submit it; the
office's head (kepala) returns or approves it; the pemda's administrators reopen an
approved report and change the pemda logo printed on the covers.
"""

from __future__ import annotations

from typing import Any

import rules

from sakip.models import AksesPemda, Pemda, Peran
from sakip.rules import is_kepala, is_pembaca, is_perencana

from .models import LaporanKinerja, StatusLaporan


@rules.predicate
def pembaca_laporan(user: Any, laporan: LaporanKinerja | None) -> bool:
    return laporan is not None and is_pembaca(user, laporan.opd)


@rules.predicate
def perencana_laporan(user: Any, laporan: LaporanKinerja | None) -> bool:
    return laporan is not None and is_perencana(user, laporan.opd)


@rules.predicate
def laporan_dapat_diubah(user: Any, laporan: LaporanKinerja | None) -> bool:
    return laporan is not None and laporan.dapat_diubah


@rules.predicate
def kepala_laporan(user: Any, laporan: LaporanKinerja | None) -> bool:
    return laporan is not None and is_kepala(user, laporan.opd)


@rules.predicate
def laporan_diajukan(user: Any, laporan: LaporanKinerja | None) -> bool:
    return laporan is not None and laporan.status == StatusLaporan.DIAJUKAN


@rules.predicate
def laporan_disetujui(user: Any, laporan: LaporanKinerja | None) -> bool:
    return laporan is not None and laporan.status == StatusLaporan.DISETUJUI


@rules.predicate
def admin_pemda(user: Any, pemda: Pemda | None) -> bool:
    return pemda is not None and user.is_authenticated and AksesPemda.objects.filter(
        user=user, pemda=pemda, peran=Peran.ADMIN).exists()


@rules.predicate
def admin_pemda_laporan(user: Any, laporan: LaporanKinerja | None) -> bool:
    return laporan is not None and admin_pemda(user, laporan.opd.pemda)


# Object: the office (reading its reports, creating its LKjIP).
rules.add_perm("laporan.view_laporan", rules.is_superuser | is_pembaca)
rules.add_perm("laporan.add_laporankinerja", rules.is_superuser | is_perencana)
# A finding of the automatic review is acknowledged by the office itself, never by readers.
rules.add_perm("laporan.akui_temuan", is_perencana | is_kepala)
# Object: the LKjIP.
rules.add_perm("laporan.change_laporankinerja",
               (rules.is_superuser | perencana_laporan) & laporan_dapat_diubah)
# The workflow is bound to roles in the office: no administrator submits or signs for it.
rules.add_perm("laporan.submit_laporankinerja", perencana_laporan & laporan_dapat_diubah)
rules.add_perm("laporan.approve_laporankinerja", kepala_laporan & laporan_diajukan)
rules.add_perm("laporan.unlock_laporankinerja",
               (rules.is_superuser | admin_pemda_laporan) & laporan_disetujui)
# Object: the pemda.
rules.add_perm("laporan.change_logo", rules.is_superuser | admin_pemda)
