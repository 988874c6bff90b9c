"""Writes to the Renstra tree. Views call these; nothing else saves Renstra data."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError, RestrictedError
from simple_history.utils import bulk_create_with_history

from sakip.models import Opd
from sakip.rekam import simpan as _simpan

from .models import (
    Indikator,
    Kegiatan,
    Misi,
    Program,
    Renstra,
    Sasaran,
    SubKegiatan,
    TargetRenstra,
    Tujuan,
)

PESAN_DIGANTIKAN = (
    "Versi Renstra ini sudah digantikan oleh versi yang lebih baru dan hanya dapat dibaca. "
    "Ubah versi terbarunya."
)


def renstra_pastikan_dapat_diubah(renstra: Renstra) -> None:
    if not renstra.dapat_diubah:
        raise PermissionDenied(PESAN_DIGANTIKAN)


@transaction.atomic
def renstra_create(*, opd: Opd, renstra: Renstra, oleh: Any) -> Renstra:
    renstra.opd = opd
    renstra.versi = 0
    return _simpan(renstra, oleh=oleh, alasan="Renstra baru")


@transaction.atomic
def node_save(*, renstra: Renstra, obj: models.Model, oleh: Any, alasan: str = "") -> models.Model:
    """Create or update one node (misi, tujuan … sub kegiatan) of a Renstra version."""
    renstra_pastikan_dapat_diubah(renstra)
    return _simpan(obj, oleh=oleh, alasan=alasan)


@transaction.atomic
def node_delete(*, renstra: Renstra, obj: models.Model, oleh: Any) -> None:
    renstra_pastikan_dapat_diubah(renstra)
    obj._history_user = oleh  # type: ignore[attr-defined]
    try:
        obj.delete()
    except (ProtectedError, RestrictedError) as exc:
        # Realisations and PK rows protect their indicator: their data must not vanish.
        raise ValidationError(
            "Tidak dapat dihapus: masih ada data yang bergantung (realisasi, Perjanjian Kinerja "
            "atau anggaran). Hapus atau pindahkan data tersebut terlebih dahulu."
        ) from exc


def _periksa_tahun(renstra: Renstra, tahun: int) -> None:
    if tahun not in renstra.tahun_target:
        raise ValidationError(
            f"Tahun {tahun} di luar periode target Renstra "
            f"({renstra.tahun_target[0]}–{renstra.tahun_target[-1]})."
        )


@transaction.atomic
def indikator_save(
    *,
    renstra: Renstra,
    indikator: Indikator,
    target: dict[int, dict[str, Any]],
    oleh: Any,
    alasan: str = "",
) -> Indikator:
    """Save an indicator and its yearly targets; an all-empty year removes that year's row."""
    renstra_pastikan_dapat_diubah(renstra)
    for tahun in target:
        _periksa_tahun(renstra, tahun)
    indikator.renstra = renstra
    _simpan(indikator, oleh=oleh, alasan=alasan)
    ada = {t.tahun: t for t in indikator.target.all()}
    for tahun, nilai in target.items():
        kosong = all(v in (None, "") for v in nilai.values())
        t = ada.get(tahun)
        if kosong:
            if t is not None:
                t._history_user = oleh  # type: ignore[attr-defined]
                t.delete()
            continue
        if t is None:
            t = TargetRenstra(indikator=indikator, tahun=tahun)
        changed = t.pk is None or any(getattr(t, k) != v for k, v in nilai.items())
        if changed:
            for k, v in nilai.items():
                setattr(t, k, v)
            _simpan(t, oleh=oleh, alasan=alasan)
    return indikator


@transaction.atomic
def renstra_set_berlaku(*, renstra: Renstra, oleh: Any) -> Renstra:
    renstra_pastikan_dapat_diubah(renstra)
    renstra.status = Renstra.Status.BERLAKU
    return _simpan(renstra, oleh=oleh, alasan="Renstra ditetapkan berlaku")


def _salin(objs: list[models.Model], **ganti: Any) -> tuple[list[models.Model], dict[int, Any]]:
    """Copies of `objs` with `asal` pointing back; returns (new objects, old pk → new)."""
    baru = []
    for o in objs:
        c = type(o)()
        for f in o._meta.concrete_fields:
            if f.primary_key or f.name == "asal":
                continue
            setattr(c, f.attname, getattr(o, f.attname))
        c.asal_id = o.pk  # type: ignore[attr-defined]
        for attname, mapping in ganti.items():
            setattr(c, attname, mapping(o))
        baru.append(c)
    if baru:
        # SQLite ≥ 3.35 and PostgreSQL hand back primary keys from bulk inserts.
        baru = bulk_create_with_history(baru, type(objs[0]), batch_size=500)
    peta = {c.asal_id: c for c in baru}  # type: ignore[attr-defined]
    return baru, peta


@transaction.atomic
def renstra_revise(*, renstra: Renstra, oleh: Any, alasan: str) -> Renstra:
    """Perubahan Renstra: a new version with a full copy of the tree; the old one is kept."""
    renstra = Renstra.objects.select_for_update().get(pk=renstra.pk)
    renstra_pastikan_dapat_diubah(renstra)
    if not alasan.strip():
        raise ValidationError("Alasan perubahan Renstra wajib diisi.")
    baru = Renstra.objects.get(pk=renstra.pk)
    baru.pk = None
    baru.versi = (
        Renstra.objects.filter(opd=renstra.opd, tahun_awal=renstra.tahun_awal,
                               tahun_akhir=renstra.tahun_akhir)
        .aggregate(m=models.Max("versi"))["m"] + 1
    )
    baru.sebelumnya = renstra
    baru.alasan_perubahan = alasan
    baru.status = Renstra.Status.DRAFT
    # The revision is a new document with its own decree, not the old one's.
    baru.nomor_penetapan, baru.tanggal_penetapan = "", None
    _simpan(baru, oleh=oleh, alasan=f"Perubahan Renstra: {alasan}")

    renstra.status = Renstra.Status.DIGANTIKAN
    _simpan(renstra, oleh=oleh, alasan=f"Digantikan oleh perubahan {baru.versi}")

    _, misi = _salin(list(Misi.objects.filter(renstra=renstra)), renstra_id=lambda o: baru.pk)
    _, tujuan = _salin(
        list(Tujuan.objects.filter(renstra=renstra)),
        renstra_id=lambda o: baru.pk,
        misi_id=lambda o: misi[o.misi_id].pk if o.misi_id else None,
    )
    _, sasaran = _salin(list(Sasaran.objects.filter(tujuan__renstra=renstra)),
                        tujuan_id=lambda o: tujuan[o.tujuan_id].pk)
    _, program = _salin(list(Program.objects.filter(sasaran__tujuan__renstra=renstra)),
                        sasaran_id=lambda o: sasaran[o.sasaran_id].pk)
    _, kegiatan = _salin(list(Kegiatan.objects.filter(program__sasaran__tujuan__renstra=renstra)),
                         program_id=lambda o: program[o.program_id].pk)
    _, sub = _salin(
        list(SubKegiatan.objects.filter(kegiatan__program__sasaran__tujuan__renstra=renstra)),
        kegiatan_id=lambda o: kegiatan[o.kegiatan_id].pk,
    )
    induk = {"tujuan": tujuan, "sasaran": sasaran, "program": program,
             "kegiatan": kegiatan, "sub_kegiatan": sub}
    lama_ind = list(Indikator.objects.filter(renstra=renstra))
    ganti: dict[str, Any] = {"renstra_id": lambda o: baru.pk, "menggantikan_id": lambda o: None}
    for level, peta in induk.items():
        ganti[f"{level}_id"] = (
            lambda o, level=level, peta=peta: peta[getattr(o, f"{level}_id")].pk
            if getattr(o, f"{level}_id") else None
        )
    _, indikator = _salin(lama_ind, **ganti)
    # "menggantikan" points inside the same version: remap after all rows exist.
    for o in lama_ind:
        if o.menggantikan_id and o.menggantikan_id in indikator:
            Indikator.objects.filter(pk=indikator[o.pk].pk).update(
                menggantikan_id=indikator[o.menggantikan_id].pk
            )
    targets = list(TargetRenstra.objects.filter(indikator__renstra=renstra))
    salinan = []
    for t in targets:
        t.pk = None
        t.indikator_id = indikator[t.indikator_id].pk
        salinan.append(t)
    if salinan:
        bulk_create_with_history(salinan, TargetRenstra, batch_size=500)
    return baru
