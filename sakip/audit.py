"""Riwayat perubahan: the audit trail read back from django-simple-history.

Every domain model keeps `history = HistoricalRecords()` and names its office in
`OPD_PATH`; the services record who (`_history_user`) and why (`_change_reason`). This
module only reads: one feed per office (optionally per year, user, date range, kind) and
one per object (the object, the rows that point at it, and the rows that point at those:
an indicator with its targets and realisations, a PK with its rows and quarterly targets).

All kinds are merged with one UNION query per page, so a page costs the same number of
queries however many rows it shows: count, page, then per kind on the page its records and
their predecessors (for the diff), labels of the parents, and the users.

Imports: each applied workbook import (`laporan.LogImpor`) is one event of the office feed,
carrying the file's SHA-256; the rows it changed are in the feed as well.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any, cast

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import CharField, F, OuterRef, Q, QuerySet, Subquery, Value
from django.utils import formats, timezone

from .formatting import format_angka
from .models import Opd

PER_HALAMAN = 25
TEKS_RINGKAS = 160

# Kinds of object the feed can be filtered on; models not named here fall under their app.
GRUP: dict[str, tuple[str, tuple[str, ...]]] = {
    "renstra": ("Renstra (pohon dan indikator)", (
        "renstra.renstra", "renstra.misi", "renstra.tujuan", "renstra.sasaran",
        "renstra.program", "renstra.kegiatan", "renstra.subkegiatan", "renstra.indikator")),
    "target": ("Target Renstra", ("renstra.targetrenstra",)),
    "pk": ("Perjanjian Kinerja", (
        "kinerja.perjanjiankinerja", "kinerja.barispk", "kinerja.targettriwulan",
        "kinerja.programpk", "kinerja.peristiwapk")),
    "realisasi": ("Realisasi kinerja", ("kinerja.realisasi",)),
    "narasi": ("Analisis dan narasi", ("kinerja.analisisindikator", "laporan.narasianalisis")),
    "anggaran": ("Anggaran", (
        "anggaran.anggaran", "anggaran.barisanggaran", "anggaran.posanggaran",
        "anggaran.realisasianggaran", "anggaran.kendalianggaran",
        "anggaran.perlakuanprogram", "anggaran.pemetaansasaran")),
    "laporan": ("LKjIP", ("laporan.laporankinerja", "laporan.barissdm", "laporan.asetsarana",
                          "laporan.prestasi")),
    "organisasi": ("Organisasi dan pengguna", ("sakip.keanggotaan", "sakip.unitkerja",
                                              "sakip.pejabat")),
    "reviu": ("Reviu inspektorat", ("sakip.catatanreviu", "sakip.jawabancatatan",
                                    "sakip.pernyataanreviu")),
}
GRUP_IMPOR = "impor"
TIPE = {"+": "dibuat", "~": "diubah", "-": "dihapus", "impor": "impor"}
# The parent's column that describes a row better than the row itself; rows with an
# indicator use its name.
LABEL_INDUK = {
    "kinerja.targettriwulan": "baris__indikator__nama",
    "anggaran.barisanggaran": "kegiatan__nama",
    "anggaran.realisasianggaran": "baris__kegiatan__nama",
    "sakip.jawabancatatan": "catatan__objek_label",
}
# Bookkeeping columns: set on every save, or already shown in the row (time, object).
KOLOM_ABAIKAN = {"id", "diisi_pada", "diubah_pada", "dibuat", "diubah", "waktu",
                 "content_type", "object_id"}
KOSONG = "–"


# --- kinds ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Jenis:
    """One audited model: its live and historical classes and how to reach office and year."""

    label: str  # "kinerja.realisasi"
    model: type[models.Model]
    riwayat: type[models.Model]
    grup: str
    opd_path: str
    tahun_path: str | None  # "perjanjian__tahun"
    periode_path: str | None  # "renstra__": a Renstra whose period covers the year

    @property
    def nama(self) -> str:
        return str(self.model._meta.verbose_name)


def _jalur_tahun(model: type[models.Model], opd_path: str) -> tuple[str | None, str | None]:
    """The year of a row: its own `tahun`, else that of the first parent on the way to the
    office that has one, else the period of the Renstra it belongs to."""
    awalan, m = "", model
    for bagian in ["", *opd_path.split("__")[:-1]]:
        if bagian:
            m = m._meta.get_field(bagian).related_model  # type: ignore[assignment]
            awalan += f"{bagian}__"
        nama = {f.name for f in m._meta.fields}
        if "tahun" in nama:
            return f"{awalan}tahun", None
        if {"tahun_kondisi_awal", "tahun_akhir"} <= nama:
            return None, awalan
    return None, None


@cache
def semua_jenis() -> dict[str, Jenis]:
    """Every office-scoped model with a history, by label."""
    grup_dari = {lbl: g for g, (_, labels) in GRUP.items() for lbl in labels}
    hasil = {}
    for m in apps.get_models():
        opd_path = getattr(m, "OPD_PATH", None)
        riwayat = getattr(m, "history", None)
        if opd_path is None or riwayat is None or not opd_path:
            continue
        label = m._meta.label_lower
        tahun, periode = _jalur_tahun(m, opd_path)
        hasil[label] = Jenis(label, m, riwayat.model, grup_dari.get(label, m._meta.app_label),
                             opd_path, tahun, periode)
    return hasil


def pilihan_grup() -> list[tuple[str, str]]:
    ada = {j.grup for j in semua_jenis().values()}
    hasil = [(g, nama) for g, (nama, _) in GRUP.items() if g in ada]
    hasil += sorted((g, str(apps.get_app_config(g).verbose_name)) for g in ada if g not in GRUP)
    if model_impor() is not None:
        hasil.append((GRUP_IMPOR, "Impor berkas"))
    return hasil


def jenis_get(label: str) -> Jenis | None:
    return semua_jenis().get(label.lower())


# --- imports ---------------------------------------------------------------------------------


@cache
def model_impor() -> type[models.Model] | None:
    """`laporan.LogImpor` (office, year, who, when, file name, SHA-256, counts): one event
    per applied import. Looked up by name: the core app does not import the report app."""
    try:
        return apps.get_model("laporan", "LogImpor")
    except LookupError:
        return None


# --- filters ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Saring:
    """Filters of the office feed; every field optional."""

    tahun: int | None = None
    oleh: int | None = None
    dari: dt.date | None = None
    sampai: dt.date | None = None
    grup: str | None = None


def _awal_hari(d: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(d, dt.time.min))


def _saring_waktu(qs: QuerySet, kolom: str, s: Saring) -> QuerySet:
    if s.dari:
        qs = qs.filter(**{f"{kolom}__gte": _awal_hari(s.dari)})
    if s.sampai:
        qs = qs.filter(**{f"{kolom}__lt": _awal_hari(s.sampai + dt.timedelta(days=1))})
    return qs


# Prefixed so that no alias collides with a column of the audited model.
KOLOM_UNION = ("r_hid", "r_waktu", "r_tipe", "r_user", "r_alasan", "r_obj", "r_jenis")


def _baris_union(qs: QuerySet, jenis: str) -> QuerySet:
    """The same seven columns from any history table, in the same order, for the UNION."""
    return qs.order_by().annotate(
        r_hid=F("history_id"), r_waktu=F("history_date"), r_tipe=F("history_type"),
        r_user=F("history_user_id"), r_alasan=F("history_change_reason"), r_obj=F("id"),
        r_jenis=Value(jenis, output_field=CharField()),
    ).values_list(*KOLOM_UNION)


def _baris_impor(model: type[models.Model], opd: Opd, s: Saring) -> QuerySet:
    qs = model._default_manager.filter(opd=opd, diterapkan=True)
    if s.tahun:
        qs = qs.filter(tahun=s.tahun)
    if s.oleh:
        qs = qs.filter(oleh_id=s.oleh)
    qs = _saring_waktu(qs, "waktu", s)
    return qs.order_by().annotate(
        r_hid=F("pk"), r_waktu=F("waktu"), r_tipe=Value("impor", output_field=CharField()),
        r_user=F("oleh_id"), r_alasan=Value("", output_field=CharField()),
        r_obj=F("pk"), r_jenis=Value(GRUP_IMPOR, output_field=CharField()),
    ).values_list(*KOLOM_UNION)


def _feed_opd(opd: Opd, s: Saring) -> list[QuerySet]:
    bagian = []
    for j in semua_jenis().values():
        if s.grup and s.grup != j.grup:
            continue
        qs = j.riwayat._default_manager.filter(**{j.opd_path: opd})
        if s.tahun:
            if j.tahun_path:
                qs = qs.filter(**{j.tahun_path: s.tahun})
            elif j.periode_path is not None:
                qs = qs.filter(**{f"{j.periode_path}tahun_kondisi_awal__lte": s.tahun,
                                  f"{j.periode_path}tahun_akhir__gte": s.tahun})
            else:
                continue  # rows without a year belong to no year's feed
        if s.oleh:
            qs = qs.filter(history_user_id=s.oleh)
        bagian.append(_baris_union(_saring_waktu(qs, "history_date", s), j.label))
    impor = model_impor()
    if impor is not None and s.grup in (None, GRUP_IMPOR):
        bagian.append(_baris_impor(impor, opd, s))
    return bagian


def _feed_objek(jenis: Jenis, pk: int) -> list[QuerySet]:
    """The object, the audited rows pointing at it, and the rows pointing at those; a kind
    reached along several paths (an indicator under a Renstra and under its tujuan) is
    queried once with the paths OR-ed."""
    saring: dict[str, Q] = {jenis.label: Q(id=pk)}
    generasi = [jenis.label]
    for _ in range(2):
        berikut = []
        for label_induk in generasi:
            induk = semua_jenis()[label_induk]
            induk_ids = induk.riwayat._default_manager.filter(saring[label_induk]).values("id")
            for anak in semua_jenis().values():
                if anak.model is induk.model:
                    continue
                for f in anak.model._meta.fields:
                    if f.many_to_one and f.related_model is induk.model:
                        q = Q(**{f"{f.attname}__in": induk_ids})
                        saring[anak.label] = saring[anak.label] | q if anak.label in saring else q
                        berikut.append(anak.label)
        generasi = list(dict.fromkeys(berikut))
    return [_baris_union(semua_jenis()[lbl].riwayat._default_manager.filter(q), lbl)
            for lbl, q in saring.items()]


def _gabung(bagian: list[QuerySet]) -> QuerySet:
    pertama, *lain = bagian
    return pertama.union(*lain, all=True).order_by("-r_waktu", "-r_hid") if lain else (
        pertama.order_by("-r_waktu", "-r_hid"))


# --- one row of the feed -------------------------------------------------------------------


@dataclass
class Perubahan:
    kolom: str
    lama: str
    baru: str

    @property
    def panjang(self) -> bool:
        return len(self.lama) > TEKS_RINGKAS or len(self.baru) > TEKS_RINGKAS


@dataclass
class Peristiwa:
    waktu: dt.datetime
    tipe: str  # dibuat | diubah | dihapus | impor
    oleh: str
    alasan: str
    jenis: str  # the kind's verbose name
    label: str  # the object as people know it
    jenis_label: str = ""  # "kinerja.realisasi", for the link to the object's history
    obj_id: int | None = None
    perubahan: list[Perubahan] = field(default_factory=list)
    sha256: str = ""


def _teks(f: models.Field, v: Any, fk_label: dict[tuple[Any, Any], str]) -> str:
    if v is None or v == "":
        return KOSONG
    if f.is_relation:
        return fk_label.get((f.related_model, v), f"#{v}")
    if f.choices:
        return str(dict(f.flatchoices).get(v, v))
    if isinstance(v, bool):
        return "Ya" if v else "Tidak"
    if isinstance(v, Decimal | int) and not isinstance(f, models.PositiveSmallIntegerField):
        return format_angka(v)
    if isinstance(v, dt.datetime):
        return formats.date_format(timezone.localtime(v), "j F Y H:i")
    if isinstance(v, dt.date):
        return formats.date_format(v, "j F Y")
    if isinstance(v, list | dict):
        return ", ".join(str(x) for x in v) if isinstance(v, list) else str(v)
    return str(v)


def _kolom_diff(jenis: Jenis) -> list[models.Field]:
    return [f for f in jenis.model._meta.fields
            if f.name not in KOLOM_ABAIKAN and f.editable
            and not getattr(f, "auto_now", False) and not getattr(f, "auto_now_add", False)]


def _perubahan(jenis: Jenis, baru: Any, lama: Any | None) -> list[tuple[models.Field, Any, Any]]:
    """(field, old, new) per changed column; a created row against nothing (its filled
    columns, parents left out: the label already names them); a deleted row: nothing."""
    if baru.history_type == "-":
        return []
    hasil = []
    for f in _kolom_diff(jenis):
        b = getattr(baru, f.attname)
        if lama is None:
            if not f.is_relation and b not in (None, "", [], {}):
                hasil.append((f, None, b))
        else:
            a = getattr(lama, f.attname)
            if a != b:
                hasil.append((f, a, b))
    return hasil


def _nama_induk(jenis: Jenis, rekaman: list[Any]) -> dict[int, str]:
    """Per history row id: the name of the parent that describes it (an indicator's name
    for a realisation), in one query."""
    nama_kolom = {f.name for f in jenis.model._meta.fields}
    path = LABEL_INDUK.get(jenis.label) or (
        "indikator__nama" if "indikator" in nama_kolom else None)
    if path is None:
        return {}
    pertama, _, kolom = path.partition("__")
    f = cast(models.ForeignKey, jenis.model._meta.get_field(pertama))
    ids = {getattr(r, f.attname) for r in rekaman}
    nama = dict(f.related_model._default_manager.filter(pk__in=ids)  # type: ignore[union-attr]
                .values_list("pk", kolom))
    return {r.history_id: nama.get(getattr(r, f.attname)) or "" for r in rekaman}


def _label(jenis: Jenis, r: Any, induk: str) -> str:
    bagian = []
    for kolom in ("kode", "nama", "uraian", "objek_label"):
        v = getattr(r, kolom, "")
        if v and isinstance(v, str):
            bagian.append(v)
    if induk:
        bagian.append(induk)
    for kolom, awal in (("tahun", ""), ("triwulan", "TW "), ("versi", "versi "),
                        ("jenis", ""), ("kelompok", "")):
        try:
            f = cast(models.Field, jenis.model._meta.get_field(kolom))
        except FieldDoesNotExist:
            continue
        if f.is_relation:
            continue
        v = getattr(r, kolom, None)
        if v not in (None, ""):
            bagian.append(f"{awal}{_teks(f, v, {})}" if f.choices else f"{awal}{v}")
    return " · ".join(bagian) or f"#{r.id}"


def _muat(baris: list[tuple]) -> list[Peristiwa]:
    """Records and predecessors of the page's rows, per kind; users and parents in bulk."""
    per_jenis: dict[str, list[int]] = defaultdict(list)
    for b in baris:
        per_jenis[b[6]].append(b[0])
    rekaman: dict[tuple[str, int], Any] = {}
    sebelum: dict[tuple[str, int], Any] = {}
    induk: dict[tuple[str, int], str] = {}
    fk_perlu: dict[Any, set[Any]] = defaultdict(set)
    diff: dict[tuple[str, int], list[tuple[models.Field, Any, Any]]] = {}
    impor: dict[int, Any] = {}
    for label, hids in per_jenis.items():
        if label == GRUP_IMPOR:
            model = model_impor()
            assert model is not None
            impor = {o.pk: o for o in model._default_manager.filter(pk__in=hids)}
            continue
        j = semua_jenis()[label]
        H: Any = j.riwayat._default_manager  # a history manager: history_* columns
        # History ids grow with time: the predecessor is the largest smaller one.
        lalu = H.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id")).order_by(
            "-history_id").values("history_id")[:1]
        rows: list[Any] = list(H.filter(history_id__in=hids).annotate(lalu_id=Subquery(lalu)))
        prev: dict[int, Any] = {p.history_id: p for p in H.filter(
            history_id__in=[r.lalu_id for r in rows if r.lalu_id])}
        nama = _nama_induk(j, rows)
        for r in rows:
            kunci = (label, r.history_id)
            rekaman[kunci] = r
            sebelum[kunci] = prev.get(r.lalu_id)
            induk[kunci] = nama.get(r.history_id, "")
            diff[kunci] = _perubahan(j, r, sebelum[kunci])
            for f, a, b in diff[kunci]:
                if f.is_relation:
                    fk_perlu[f.related_model].update(v for v in (a, b) if v is not None)
    fk_label: dict[tuple[Any, Any], str] = {}
    for model, ids in fk_perlu.items():
        for o in model._default_manager.filter(pk__in=ids):
            fk_label[(model, o.pk)] = str(o)
    user_ids = {b[3] for b in baris if b[3]}
    pengguna = {u.pk: u.get_full_name() or u.get_username()
                for u in get_user_model()._default_manager.filter(pk__in=user_ids)}
    hasil = []
    for hid, waktu, tipe, user_id, alasan, obj_id, label in baris:
        oleh = pengguna.get(user_id, "sistem") if user_id else "sistem"
        if label == GRUP_IMPOR:
            o = impor[hid]
            hasil.append(Peristiwa(
                waktu, "impor", oleh, "", "impor buku kerja",
                f"{o.nama_file} · {o.jumlah_baru} baru, {o.jumlah_ubah} diubah, "
                f"{o.jumlah_tolak} ditolak", sha256=o.sha256))
            continue
        j, kunci = semua_jenis()[label], (label, hid)
        hasil.append(Peristiwa(
            waktu, TIPE[tipe], oleh, alasan or "", j.nama,
            _label(j, rekaman[kunci], induk[kunci]), label, obj_id,
            [Perubahan(str(f.verbose_name), _teks(f, a, fk_label), _teks(f, b, fk_label))
             for f, a, b in diff[kunci]],
        ))
    return hasil


@dataclass
class HalamanRiwayat:
    halaman: Page
    peristiwa: list[Peristiwa]


def _halaman(bagian: list[QuerySet], nomor: Any) -> HalamanRiwayat:
    hal = Paginator(_gabung(bagian), PER_HALAMAN).get_page(nomor)
    return HalamanRiwayat(hal, _muat(list(hal.object_list)))


def riwayat_opd(*, opd: Opd, saring: Saring, halaman: Any = 1) -> HalamanRiwayat:
    """The office's feed, newest first, PER_HALAMAN rows a page."""
    bagian = _feed_opd(opd, saring)
    if not bagian:
        return HalamanRiwayat(Paginator([], PER_HALAMAN).get_page(1), [])
    return _halaman(bagian, halaman)


def riwayat_objek(*, jenis: Jenis, pk: int, halaman: Any = 1) -> HalamanRiwayat:
    return _halaman(_feed_objek(jenis, pk), halaman)


def pengguna_opd(opd: Opd) -> Iterable[Any]:
    """People who may appear in the office's feed: its members and the pemda's readers."""
    User = get_user_model()
    return User._default_manager.filter(
        models.Q(keanggotaan__opd=opd) | models.Q(akses_pemda__pemda_id=opd.pemda_id)
        | models.Q(is_superuser=True)
    ).distinct().order_by("username")
