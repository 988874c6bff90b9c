"""Notifications: in-app (the bell) and e-mail for whoever has an address.

The workflow code never calls this module: `sambungkan()` (from `SakipConfig.ready`)
connects receivers to `post_save` of the status-event models of the documents and of the
review comments, so a submit, return or approval, a comment and an answer each notify the
people who have to act on them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db import models, transaction
from django.db.models.signals import post_save
from django.urls import reverse

from .models import CatatanReviu, JawabanCatatan, Keanggotaan, Notifikasi, Opd, Peran


@dataclass(frozen=True)
class Dokumen:
    """A document with a status workflow: its event model, and how to name and link it."""

    peristiwa: str  # "kinerja.PeristiwaPk"
    kolom: str  # the event's foreign key to the document
    nama: str
    url: str


DOKUMEN = (
    Dokumen("kinerja.PeristiwaPk", "perjanjian", "Perjanjian Kinerja", "kinerja:pk-detail"),
    Dokumen("laporan.PeristiwaLaporan", "laporan", "LKjIP", "laporan:lkjip-detail"),
)
# Who acts next on a document in each state.
PENERIMA_STATUS = {
    "diajukan": (Peran.KEPALA,),
    "dikembalikan": (Peran.PERENCANA,),
    "disetujui": (Peran.PERENCANA,),
}
KATA_STATUS = {"diajukan": "diajukan", "dikembalikan": "dikembalikan",
               "disetujui": "disetujui"}


# --- writes -------------------------------------------------------------------------------


def _alamat_lengkap(url: str) -> str:
    return f"{settings.SAKIP_URL_DASAR.rstrip('/')}{url}"


@transaction.atomic
def kirim(*, penerima: Iterable[Any], judul: str, teks: str, url: str,
          kecuali: Any = None) -> list[Notifikasi]:
    """One notification per recipient (the actor excluded); e-mail after the commit."""
    orang = {u.pk: u for u in penerima if u.is_active and u != kecuali}.values()
    dibuat = []
    for u in orang:
        n = Notifikasi(user=u, judul=judul[:200], teks=teks, url=url)
        n.full_clean()
        dibuat.append(n)
    Notifikasi.objects.bulk_create(dibuat)
    surat = [(f"[SAKIP] {judul}", f"{teks}\n\n{_alamat_lengkap(url)}\n",
              settings.DEFAULT_FROM_EMAIL, [u.email]) for u in orang if u.email]
    if surat:
        # A rolled-back event sends nothing; a mail server failure never undoes the event.
        transaction.on_commit(lambda: send_mass_mail(surat, fail_silently=True))
    return dibuat


@transaction.atomic
def tandai_dibaca(*, user: Any, notifikasi: Notifikasi | None = None) -> int:
    """Mark one notification (or, without one, all of the user's) as read."""
    qs = Notifikasi.objects.filter(user=user, dibaca=False)
    if notifikasi is not None:
        qs = qs.filter(pk=notifikasi.pk)
    return qs.update(dibaca=True)


# --- who ----------------------------------------------------------------------------------


def anggota(opd_id: int, peran: Iterable[str]) -> models.QuerySet:
    return get_user_model()._default_manager.filter(
        keanggotaan__opd_id=opd_id, keanggotaan__peran__in=list(peran)).distinct()


def peninjau(opd: Opd) -> models.QuerySet:
    """The inspectorate reviewers of an office: by role in it or pemda-wide."""
    return get_user_model()._default_manager.filter(
        models.Q(keanggotaan__opd=opd, keanggotaan__peran=Peran.INSPEKTORAT)
        | models.Q(akses_pemda__pemda_id=opd.pemda_id, akses_pemda__peran=Peran.INSPEKTORAT)
    ).distinct()


def dari_kantor(user: Any, opd_id: int) -> bool:
    return Keanggotaan.objects.filter(
        user=user, opd_id=opd_id, peran__in=[Peran.PERENCANA, Peran.KEPALA]).exists()


# --- receivers ----------------------------------------------------------------------------


def _penerima_dokumen(dok: Dokumen) -> Callable[..., None]:
    def terima(sender: Any, instance: Any, created: bool, raw: bool = False,
               **kwargs: Any) -> None:
        peran = PENERIMA_STATUS.get(instance.ke)
        if not created or raw or peran is None:
            return
        objek = getattr(instance, dok.kolom)
        oleh = instance.oleh
        catatan = f"\nCatatan: {instance.catatan}" if instance.catatan else ""
        kirim(
            penerima=anggota(objek.opd_id, peran),
            judul=f"{dok.nama} {objek.tahun} {objek.opd} {KATA_STATUS[instance.ke]}",
            teks=f"{oleh.get_full_name() or oleh.get_username()} mengubah status "
                 f"{dok.nama} {objek.tahun} menjadi {instance.get_ke_display()}.{catatan}",
            url=reverse(dok.url, args=[objek.pk]), kecuali=oleh,
        )

    return terima


def catatan_dibuat(sender: Any, instance: CatatanReviu, created: bool, raw: bool = False,
                   **kwargs: Any) -> None:
    if not created or raw:
        return
    kirim(penerima=anggota(instance.opd_id, (Peran.PERENCANA, Peran.KEPALA)),
          judul=f"Catatan reviu baru: {instance.objek_label}"[:200],
          teks=instance.teks, url=reverse("laporan:catatan-detail", args=[instance.pk]),
          kecuali=instance.oleh)


def jawaban_dibuat(sender: Any, instance: JawabanCatatan, created: bool, raw: bool = False,
                   **kwargs: Any) -> None:
    """An answer from the office goes to the reviewers; a reviewer's reply to the office."""
    if not created or raw:
        return
    c = instance.catatan
    if dari_kantor(instance.oleh, c.opd_id):
        penerima = [c.oleh, *peninjau(c.opd)]
        judul = f"Jawaban atas catatan reviu: {c.objek_label}"
    else:
        penerima = list(anggota(c.opd_id, (Peran.PERENCANA, Peran.KEPALA)))
        judul = f"Tanggapan peninjau: {c.objek_label}"
    kirim(penerima=penerima, judul=judul[:200], teks=instance.teks,
          url=reverse("laporan:catatan-detail", args=[c.pk]), kecuali=instance.oleh)


_RECEIVERS: list[Any] = []  # strong references: signals keep only weak ones to closures


def sambungkan() -> None:
    """Connect the receivers; event models of apps that are not installed are skipped."""
    for dok in DOKUMEN:
        try:
            model = apps.get_model(dok.peristiwa)
        except LookupError:
            continue
        terima = _penerima_dokumen(dok)
        _RECEIVERS.append(terima)
        post_save.connect(terima, sender=model, dispatch_uid=f"notifikasi-{dok.peristiwa}")
    post_save.connect(catatan_dibuat, sender=CatatanReviu, dispatch_uid="notifikasi-catatan")
    post_save.connect(jawaban_dibuat, sender=JawabanCatatan, dispatch_uid="notifikasi-jawaban")


def jumlah_belum_dibaca(user: Any) -> int:
    return Notifikasi.objects.filter(user=user, dibaca=False).count()

