from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.urls import reverse

from kinerja.signals import pk_disetujui


def _arsipkan_pk(sender: Any, *, perjanjian: Any, peristiwa: Any, url_verifikasi: str,
                 **kwargs: Any) -> None:
    """An approved PK is signed and archived here: kinerja sends the event, the PDF is
    laporan's (kinerja may not import laporan)."""
    from . import services  # imports models: not before the app registry is ready

    # Outside a request (demo loader, scripts) the QR code uses the configured address.
    url = url_verifikasi or f"{settings.SAKIP_URL_DASAR.rstrip('/')}{reverse('verifikasi')}"
    services.pk_archive(pk=perjanjian, oleh=peristiwa.oleh, waktu=peristiwa.pada,
                        url_verifikasi=url)


class LaporanConfig(AppConfig):
    name = "laporan"

    def ready(self) -> None:
        pk_disetujui.connect(_arsipkan_pk, dispatch_uid="laporan-arsip-pk")
