"""Period locks and reporting deadlines.

Every service that writes an office's yearly data (PK, realisasi, analisis, anggaran)
asks `pastikan_terbuka` first; the report pages show the deadline and whether a
submission came late.
"""

from __future__ import annotations

import calendar
import datetime as dt

from django.core.exceptions import PermissionDenied
from django.utils import dateformat, timezone, translation

from .models import JadwalPelaporan, KunciPeriode


def tanggal_id(tanggal: dt.date) -> str:
    """`29 Februari 2020`, whatever language the request or command runs in."""
    with translation.override("id"):
        return dateformat.format(tanggal, "j F Y")


def kunci_aktif(*, opd_id: int, tahun: int) -> KunciPeriode | None:
    return (KunciPeriode.objects.aktif().filter(opd_id=opd_id, tahun=tahun)
            .select_related("opd").first())


def pesan_kunci(kunci: KunciPeriode) -> str:
    sejak = tanggal_id(timezone.localtime(kunci.dikunci_pada).date())
    return (f"Data {kunci.opd} tahun {kunci.tahun} terkunci sejak {sejak} ({kunci.sebab}): "
            "target PK, realisasi dan anggaran tahun ini tidak dapat diubah. Hanya "
            "administrator yang dapat membuka kunci, dengan alasan.")


def pastikan_terbuka(*, opd_id: int, tahun: int) -> None:
    """Refuse a write to a locked year (views turn PermissionDenied into 403)."""
    kunci = kunci_aktif(opd_id=opd_id, tahun=tahun)
    if kunci is not None:
        raise PermissionDenied(pesan_kunci(kunci))


def batas_bawaan(jenis: str, tahun: int) -> dt.date | None:
    """The statutory deadline when the pemda set none: an office's LKjIP reaches the head
    of region at most two months after the fiscal year (Perpres 29/2014), i.e. the end of
    February. The PK depends on when the budget is passed, so it has no default."""
    if jenis != JadwalPelaporan.Jenis.LKJIP:
        return None
    return dt.date(tahun + 1, 2, calendar.monthrange(tahun + 1, 2)[1])


def terlambat(*, batas: dt.date | None, diajukan: dt.date | None,
              hari_ini: dt.date) -> bool:
    """Late: first submitted after the deadline, or not submitted and the deadline passed."""
    if batas is None:
        return False
    return (diajukan or hari_ini) > batas
