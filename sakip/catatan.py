"""Review comments (catatan reviu): the inspectorate comments on a report, a sasaran or an
indicator; the office answers; the reviewer closes. Writing a comment never touches the
object it is about: the object is only named (content type, id and a label).
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction

from .models import CatatanReviu, JawabanCatatan, Opd, StatusCatatan

# What can be commented on, and how a comment names it.
OBJEK = {
    "laporan.laporankinerja": "LKjIP",
    "renstra.sasaran": "Sasaran",
    "renstra.indikator": "Indikator",
}
PESAN_DITUTUP = "Catatan ini sudah ditutup: tidak dapat dijawab lagi."


def opd_objek(obj: models.Model) -> Opd:
    """The office of any office-scoped object, along its `OPD_PATH`."""
    for bagian in obj.OPD_PATH.split("__"):  # type: ignore[attr-defined]
        obj = getattr(obj, bagian)
    assert isinstance(obj, Opd)
    return obj


def label_objek(obj: models.Model, tahun: int) -> str:
    jenis = OBJEK[obj._meta.label_lower]
    if jenis == "LKjIP":
        return f"LKjIP {tahun}"
    return f"{jenis}: {obj.nama}"[:300]  # type: ignore[attr-defined]


def kunci_objek(obj: models.Model) -> str:
    """"renstra.indikator:12": how forms and URLs name an object."""
    return f"{obj._meta.label_lower}:{obj.pk}"


@transaction.atomic
def catatan_create(*, objek: models.Model, tahun: int, teks: str, oleh: Any) -> CatatanReviu:
    if objek._meta.label_lower not in OBJEK:
        raise ValidationError("Catatan reviu hanya untuk LKjIP, sasaran atau indikator.")
    c = CatatanReviu(
        opd=opd_objek(objek), tahun=tahun,
        content_type=ContentType.objects.get_for_model(objek), object_id=objek.pk,
        objek_label=label_objek(objek, tahun), teks=teks.strip(), oleh=oleh,
    )
    c.full_clean()
    c._history_user = oleh  # type: ignore[attr-defined]
    c.save()
    return c


@transaction.atomic
def jawaban_create(*, catatan: CatatanReviu, teks: str, oleh: Any,
                   dari_kantor: bool) -> JawabanCatatan:
    """An answer of the office marks the comment answered; a reviewer's reply reopens it."""
    catatan = CatatanReviu.objects.select_for_update().get(pk=catatan.pk)
    if catatan.status == StatusCatatan.DITUTUP:
        raise PermissionDenied(PESAN_DITUTUP)
    j = JawabanCatatan(catatan=catatan, teks=teks.strip(), oleh=oleh)
    j.full_clean()
    j._history_user = oleh  # type: ignore[attr-defined]
    j.save()
    catatan.status = StatusCatatan.DIJAWAB if dari_kantor else StatusCatatan.TERBUKA
    catatan._history_user = oleh  # type: ignore[attr-defined]
    catatan._change_reason = "Dijawab" if dari_kantor else "Ditanggapi peninjau"  # type: ignore[attr-defined]
    catatan.save(update_fields=["status"])
    return j


@transaction.atomic
def catatan_tutup(*, catatan: CatatanReviu, oleh: Any) -> CatatanReviu:
    catatan.status = StatusCatatan.DITUTUP
    catatan._history_user = oleh  # type: ignore[attr-defined]
    catatan._change_reason = "Ditutup peninjau"  # type: ignore[attr-defined]
    catatan.save(update_fields=["status"])
    return catatan


# --- reads ----------------------------------------------------------------------------------


def _dengan_jawaban(qs: models.QuerySet) -> list[CatatanReviu]:
    return list(qs.select_related("oleh").prefetch_related("jawaban__oleh"))


def catatan_objek(*, objek: models.Model) -> list[CatatanReviu]:
    """Comments on one object, newest first, with their threads (three queries)."""
    return _dengan_jawaban(CatatanReviu.objects.filter(
        content_type=ContentType.objects.get_for_model(objek), object_id=objek.pk))


def catatan_opd(*, opd: Opd, tahun: int, label: list[str]) -> list[CatatanReviu]:
    """Comments of an office and year on the given kinds of object ("renstra.indikator")."""
    tipe = [ContentType.objects.get_by_natural_key(*lbl.split(".")) for lbl in label]
    return _dengan_jawaban(CatatanReviu.objects.filter(opd=opd, tahun=tahun,
                                                       content_type__in=tipe))
