"""Writes of the automatic review: acknowledging a finding, and recording a report's printed
table (what an import of a printed or typed report calls)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from kinerja.selectors import terbaru_dari
from renstra.models import Indikator, Kegiatan, Program
from sakip.formatting import parse_angka
from sakip.models import Opd

from ..models import AngkaTercetak, PengakuanTemuan, TabelTercetak
from .dasar import Temuan
from .teks import besaran_kolom, tahun_disebut


@transaction.atomic
def pengakuan_simpan(*, opd: Opd, tahun: int, temuan: Temuan, alasan: str,
                     oleh: Any) -> PengakuanTemuan:
    """Acknowledge a finding as it stands now; acknowledging it again replaces the reason
    (the history keeps the earlier one).

    An acknowledgement made before a Perubahan Renstra, under the key of an earlier version
    of the object, is the same one: it moves to the current key rather than leaving a
    second row behind (its history keeps the old key)."""
    kunci = (temuan.kunci, *temuan.kunci_lama)
    ada: dict[str, PengakuanTemuan] = {p.kunci_objek: p for p in PengakuanTemuan.objects.filter(
        opd=opd, tahun=tahun, kode_temuan=temuan.aturan, kunci_objek__in=kunci)}
    p = terbaru_dari(ada, kunci)
    if p is None:
        p = PengakuanTemuan(opd=opd, tahun=tahun, kode_temuan=temuan.aturan)
    p.kunci_objek = temuan.kunci
    p.diharapkan, p.ditemukan = temuan.diharapkan, temuan.ditemukan
    p.alasan, p.oleh = alasan.strip(), oleh
    p.full_clean()
    p._change_reason = f"Temuan reviu diakui: {temuan.judul}"[:100]  # type: ignore[attr-defined]
    p._history_user = oleh  # type: ignore[attr-defined]
    p.save()
    return p


@dataclass(frozen=True)
class SelTercetak:
    """One printed cell to record. `besaran` and `tahun_kolom` default to what the column
    header says ("ANGGARAN: Capaian (%)" → serapan, "REALISASI Th. 2018" → 2018)."""

    baris: int
    kolom: str
    teks: str
    uraian: str = ""
    induk_baris: int | None = None
    besaran: str | None = None
    tahun_kolom: int | None = None
    indikator: Indikator | None = None
    program: Program | None = None
    kegiatan: Kegiatan | None = None


def _tahun_kolom(sel: SelTercetak, tahun: int) -> int | None:
    if sel.tahun_kolom is not None:
        return sel.tahun_kolom
    lain = tahun_disebut(sel.kolom) - {tahun}
    return lain.pop() if len(lain) == 1 and tahun not in tahun_disebut(sel.kolom) else None


def _milik_opd(sel: SelTercetak, opd: Opd) -> bool:
    """The cell's object belongs to the office (an import must not point elsewhere)."""
    if sel.indikator is not None:
        return sel.indikator.renstra.opd_id == opd.pk
    if sel.program is not None:
        return sel.program.sasaran.tujuan.renstra.opd_id == opd.pk
    if sel.kegiatan is not None:
        return sel.kegiatan.program.sasaran.tujuan.renstra.opd_id == opd.pk
    return True


@transaction.atomic
def tabel_tercetak_simpan(*, opd: Opd, tahun: int, judul: str, sel: Iterable[SelTercetak],
                          oleh: Any, nomor: str = "", sumber: str = "") -> TabelTercetak:
    """Record a printed table, replacing an earlier record of the same table (office, year,
    number, title). Each cell's number is read from its printed text."""
    tabel: TabelTercetak | None = TabelTercetak.objects.filter(
        opd=opd, tahun=tahun, nomor=nomor, judul=judul).first()
    if tabel is None:
        tabel = TabelTercetak(opd=opd, tahun=tahun, nomor=nomor, judul=judul)
    tabel.sumber, tabel.dicatat_oleh = sumber, oleh
    tabel.full_clean()
    tabel._change_reason = "Tabel tercetak dicatat"  # type: ignore[attr-defined]
    tabel.save()
    AngkaTercetak.objects.filter(tabel=tabel).delete()
    angka, galat, terlihat = [], [], set()
    for s in sel:
        posisi = f"baris {s.baris}, kolom “{s.kolom}”"
        if (s.baris, s.kolom) in terlihat:
            galat.append(f"{posisi}: sel ini tercatat dua kali")
            continue
        terlihat.add((s.baris, s.kolom))
        try:
            nilai = parse_angka(s.teks)
        except ValueError as exc:
            galat.append(f"{posisi}: {exc}")
            continue
        if not _milik_opd(s, opd):
            galat.append(f"{posisi}: objeknya bukan milik {opd.nama}")
            continue
        a = AngkaTercetak(
            tabel=tabel, baris=s.baris, uraian=s.uraian, induk_baris=s.induk_baris,
            kolom=s.kolom, besaran=s.besaran or besaran_kolom(s.kolom),
            tahun_kolom=_tahun_kolom(s, tahun), indikator=s.indikator, program=s.program,
            kegiatan=s.kegiatan, teks=s.teks.strip(), nilai=nilai)
        try:
            a.full_clean(exclude=["tabel"], validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            galat.extend(f"{posisi}: {m}" for m in exc.messages)
            continue
        angka.append(a)
    if galat:
        raise ValidationError(galat)
    bulk_create_with_history(angka, AngkaTercetak, default_user=oleh,
                             default_change_reason="Tabel tercetak dicatat")
    return tabel
