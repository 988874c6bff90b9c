"""Events of the kinerja app that apps above it act on.

kinerja sits below laporan in the dependency chain and must not import it, yet approving a
PK has to sign and archive its PDF, which laporan renders: laporan connects a receiver to
`pk_disetujui` in its `ready()`.
"""

from django.dispatch import Signal

# Sent by `services.pk_approve` inside its transaction, after the status change, with
# `perjanjian` (the approved PK), `peristiwa` (its PeristiwaPk: who and when) and
# `url_verifikasi` (the public verification page as seen by the approver, "" outside a
# request). A receiver that raises undoes the approval.
pk_disetujui = Signal()
