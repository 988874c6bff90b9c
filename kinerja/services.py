"""Writes of the kinerja app. Views call these; nothing else saves PK, realisasi or analysis."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from renstra.models import Indikator, Renstra, TargetRenstra
from sakip.kunci import pastikan_terbuka
from sakip.massal import ubah_massal
from sakip.models import Opd
from sakip.rekam import hapus as _hapus
from sakip.rekam import simpan as _simpan
from sakip.rules import boleh

from .models import (
    AnalisisIndikator,
    BarisPk,
    PeristiwaPk,
    PerjanjianKinerja,
    ProgramPk,
    Realisasi,
    StatusPk,
    TargetTriwulan,
    validasi_periode,
)
from .selectors import rantai_indikator, renstra_program_urut, terbaru_dari
from .signals import pk_disetujui

PESAN_PK_TERKUNCI = (
    "PK ini sudah diajukan atau disetujui, atau sudah digantikan versi baru: "
    "tidak dapat diubah. Buat PK perubahan bila targetnya perlu diganti."
)

PESAN_BUKTI_TANPA_NILAI = "Isi nilai realisasi; bukti tanpa nilai tidak disimpan."

# Header fields a PK version carries over to the next one.
KOLOM_KEPALA_PK = [
    "tanggal", "tempat", "pihak_pertama_nama", "pihak_pertama_jabatan", "pihak_pertama_pangkat",
    "pihak_pertama_nip", "pihak_kedua_nama", "pihak_kedua_jabatan", "pihak_kedua_pangkat",
    "pihak_kedua_nip", "klausul_komitmen",
]


def _hapus_bukti_setelah_commit(rekaman: list[Realisasi]) -> None:
    """Remove the evidence files of `rekaman` once the database change is final (a rollback
    keeps them). A file another record also references stays: after a Perubahan Renstra
    the current indicator's record may share the old version's file (and when both go
    together, the file is deleted once). One query."""
    rekaman = [r for r in rekaman if r.bukti_file]
    if not rekaman:
        return
    dipakai = set(Realisasi.objects.filter(
        bukti_file__in=[r.bukti_file.name for r in rekaman],
    ).exclude(pk__in=[r.pk for r in rekaman]).values_list("bukti_file", flat=True))
    for nama, storage in {r.bukti_file.name: r.bukti_file.storage for r in rekaman}.items():
        if nama not in dipakai:
            transaction.on_commit(partial(storage.delete, nama))


def _realisasi_hapus(rekaman: list[Realisasi], *, oleh: Any, alasan: str) -> None:
    _hapus_bukti_setelah_commit(rekaman)
    for r in rekaman:
        _hapus(r, oleh=oleh, alasan=alasan)


def _tanpa_nilai(nilai: Decimal | None, nilai_teks: str, pembilang: Decimal | None,
                 penyebut: Decimal | None) -> bool:
    """A realisation without any value removes the quarter: empty is not zero."""
    return nilai is None and not nilai_teks and pembilang is None and penyebut is None


def _rantai_kantor(indikator: list[Indikator]) -> dict[int, list[int]]:
    """`rantai_indikator` of the offices of `indikator` (one query per office)."""
    hasil: dict[int, list[int]] = {}
    for i in {i.renstra.opd_id: i for i in indikator}.values():
        hasil.update(rantai_indikator(i.renstra.opd))
    return hasil


def _pastikan_dapat_diubah(pk: PerjanjianKinerja) -> None:
    pastikan_terbuka(opd_id=pk.opd_id, tahun=pk.tahun)
    if not pk.dapat_diubah:
        raise PermissionDenied(PESAN_PK_TERKUNCI)


# --- Perjanjian Kinerja -----------------------------------------------------------------


def _indikator_iku(renstra: Renstra, tahun: int) -> list[Indikator]:
    """IKU of the office (tujuan/sasaran level) valid in the year, in tree order."""
    qs = (
        Indikator.objects.filter(renstra=renstra, is_iku=True, level__in=["tujuan", "sasaran"])
        .select_related("sasaran__tujuan", "tujuan")
        .order_by("level", "tujuan__urutan", "sasaran__tujuan__urutan", "sasaran__urutan",
                  "urutan", "pk")
    )
    return [i for i in qs if i.berlaku_pada(tahun)]


def _target_renstra(indikator_ids: list[int], tahun: int) -> dict[int, TargetRenstra]:
    return {
        t.indikator_id: t
        for t in TargetRenstra.objects.filter(indikator_id__in=indikator_ids, tahun=tahun)
    }


def _baris_baru(pk: PerjanjianKinerja, ind: Indikator, t: TargetRenstra | None,
                urutan: int) -> BarisPk:
    return BarisPk(
        perjanjian=pk, indikator=ind, urutan=urutan,
        target=t.nilai if t else None,
        target_atas=t.nilai_atas if t else None,
        target_teks=t.nilai_teks if t else "",
    )


@transaction.atomic
def pk_create(*, opd: Opd, renstra: Renstra, tahun: int, pk: PerjanjianKinerja,
              oleh: Any) -> PerjanjianKinerja:
    """PK awal: rows pre-filled with the IKU and their Renstra targets of the year, the
    program table with the Renstra's indicative funding of the year."""
    pastikan_terbuka(opd_id=opd.pk, tahun=tahun)
    if PerjanjianKinerja.objects.filter(opd=opd, renstra=renstra, tahun=tahun).exists():
        raise ValidationError(
            f"PK {tahun} untuk Renstra {renstra.periode} sudah ada. "
            "Bila targetnya berubah, buat PK perubahan dari PK yang sudah disetujui."
        )
    pk.opd, pk.renstra, pk.tahun, pk.versi = opd, renstra, tahun, 0
    _simpan(pk, oleh=oleh, alasan="PK awal")
    iku = _indikator_iku(renstra, tahun)
    target = _target_renstra([i.pk for i in iku], tahun)
    for n, ind in enumerate(iku, start=1):
        _simpan(_baris_baru(pk, ind, target.get(ind.pk), n), oleh=oleh,
                alasan="Diisi dari target Renstra")
    pagu: dict[int, Decimal] = defaultdict(Decimal)
    for t in TargetRenstra.objects.filter(
        indikator__renstra=renstra, indikator__level="program", tahun=tahun, pagu__gt=0
    ).select_related("indikator"):
        pagu[t.indikator.program_id] += t.pagu  # type: ignore[index,operator]
    program = renstra_program_urut(renstra)
    urutan = 0
    for p in program:
        if p.pk in pagu:
            urutan += 1
            _simpan(ProgramPk(perjanjian=pk, program=p, urutan=urutan, anggaran=pagu[p.pk]),
                    oleh=oleh, alasan="Diisi dari pagu indikatif Renstra")
    return pk


@transaction.atomic
def pk_update(*, pk: PerjanjianKinerja, oleh: Any) -> PerjanjianKinerja:
    """Save header fields (place, date, parties, clause) already set on `pk` by a form."""
    _pastikan_dapat_diubah(pk)
    return _simpan(pk, oleh=oleh, alasan="Ubah data PK")


class GalatBaris(ValidationError):
    """Errors of several PK rows at once, by row id; nothing of the batch was saved."""

    message: str
    def __init__(self, per_baris: dict[int, ValidationError]) -> None:
        self.per_baris = per_baris
        super().__init__("Periksa isian yang ditandai merah. Belum ada yang disimpan.")


def _baris_update(baris: BarisPk, isian: dict[str, Any], *, oleh: Any) -> None:
    baris.target, baris.target_atas = isian["target"], isian["target_atas"]
    baris.target_teks, baris.alasan_target = isian["target_teks"], isian["alasan_target"]
    _simpan(baris, oleh=oleh, alasan=baris.alasan_target or "Ubah target PK")
    ada = {t.triwulan: t for t in baris.triwulan.all()}
    errors: dict[str, list[str]] = {}
    for tw, (nilai, teks) in sorted(isian["triwulan"].items()):
        t = ada.get(tw)
        if nilai is None and not teks:
            if t is not None:
                _hapus(t, oleh=oleh, alasan="Target triwulan dikosongkan")
            continue
        t = t or TargetTriwulan(baris=baris, triwulan=tw)
        if t.pk and (t.nilai, t.nilai_teks) == (nilai, teks):
            continue
        t.nilai, t.nilai_teks = nilai, teks
        try:
            _simpan(t, oleh=oleh, alasan="Rencana aksi triwulan")
        except ValidationError as e:
            errors[f"tw{tw}"] = e.messages
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def pk_target_update(*, pk: PerjanjianKinerja, isian: dict[BarisPk, dict[str, Any]],
                     oleh: Any) -> None:
    """Targets and quarterly targets of PK rows, all or nothing.

    `isian` per row: target, target_atas, target_teks, alasan_target (required when the
    target differs from the Renstra's) and triwulan {1..4: (nilai, teks)}; an empty
    quarter removes its target."""
    _pastikan_dapat_diubah(pk)
    galat: dict[int, ValidationError] = {}
    for baris, nilai in isian.items():
        if baris.perjanjian_id != pk.pk:
            raise PermissionDenied("Baris ini bukan bagian dari PK ini.")
        try:
            with transaction.atomic():
                _baris_update(baris, nilai, oleh=oleh)
        except ValidationError as e:
            galat[baris.pk] = e
    if galat:
        raise GalatBaris(galat)


@transaction.atomic
def pk_baris_add(*, pk: PerjanjianKinerja, indikator: Indikator, oleh: Any) -> BarisPk:
    _pastikan_dapat_diubah(pk)
    if pk.baris.filter(indikator=indikator).exists():
        raise ValidationError("Indikator ini sudah ada di PK.")
    urutan = (pk.baris.aggregate(m=Max("urutan"))["m"] or 0) + 1
    t = _target_renstra([indikator.pk], pk.tahun).get(indikator.pk)
    return _simpan(_baris_baru(pk, indikator, t, urutan), oleh=oleh,
                   alasan="Tambah indikator ke PK")


@transaction.atomic
def pk_baris_delete(*, baris: BarisPk, oleh: Any) -> None:
    _pastikan_dapat_diubah(baris.perjanjian)
    for t in baris.triwulan.all():
        _hapus(t, oleh=oleh, alasan="Baris PK dihapus")
    _hapus(baris, oleh=oleh, alasan="Indikator dikeluarkan dari PK")


@transaction.atomic
def pk_program_update(*, pk: PerjanjianKinerja, simpan: list[ProgramPk],
                      hapus: list[ProgramPk], oleh: Any) -> None:
    _pastikan_dapat_diubah(pk)
    for p in hapus:
        _hapus(p, oleh=oleh, alasan="Program dikeluarkan dari PK")
    for p in simpan:
        p.perjanjian = pk
        _simpan(p, oleh=oleh, alasan="Tabel program PK")


PESAN_PERAN = {
    "ajukan": "Hanya perencana perangkat daerah ini yang dapat mengajukan PK.",
    "setujui": "Hanya kepala perangkat daerah ini yang dapat menyetujui PK yang diajukan.",
    "kembalikan": "Hanya kepala perangkat daerah ini yang dapat mengembalikan PK yang diajukan.",
}
PERM_TRANSISI = {"ajukan": "kinerja.submit_perjanjiankinerja",
                 "setujui": "kinerja.approve_perjanjiankinerja",
                 "kembalikan": "kinerja.approve_perjanjiankinerja"}


def _transisi(pk: PerjanjianKinerja, aksi: str, *, oleh: Any,
              catatan: str = "") -> PeristiwaPk:
    # A locked year keeps its PK as signed, status included, until an admin reopens it.
    pastikan_terbuka(opd_id=pk.opd_id, tahun=pk.tahun)
    # The row lock makes a second, simultaneous approval wait and then see the new status.
    di_basis_data = PerjanjianKinerja.objects.select_for_update().values_list(
        "status", flat=True).get(pk=pk.pk)
    if di_basis_data != pk.status:
        raise PermissionDenied("Status PK ini baru saja diubah orang lain. Muat ulang halaman.")
    if not boleh(oleh, PERM_TRANSISI[aksi], pk):
        raise PermissionDenied(PESAN_PERAN[aksi])
    dari = pk.status
    getattr(pk, aksi)()
    _simpan(pk, oleh=oleh, alasan=catatan or f"PK {pk.get_status_display().lower()}")
    return PeristiwaPk.objects.create(perjanjian=pk, oleh=oleh, dari=dari, ke=pk.status,
                                      catatan=catatan)


def _pastikan_ada_baris(pk: PerjanjianKinerja) -> None:
    if not pk.baris.exists():
        raise ValidationError("PK belum berisi indikator: tambahkan indikator dan targetnya.")


@transaction.atomic
def pk_submit(*, pk: PerjanjianKinerja, oleh: Any) -> PerjanjianKinerja:
    if pk.digantikan:
        raise PermissionDenied(PESAN_PK_TERKUNCI)
    _pastikan_ada_baris(pk)
    return _transisi(pk, "ajukan", oleh=oleh).perjanjian


@transaction.atomic
def pk_approve(*, pk: PerjanjianKinerja, oleh: Any,
               url_verifikasi: str = "") -> PerjanjianKinerja:
    """Approve (sign) the PK. Receivers of `pk_disetujui` run in this transaction (laporan
    renders and archives the signed PDF there), so the approval and its archive stand or
    fall together. `url_verifikasi` is handed on to them for the QR code."""
    peristiwa = _transisi(pk, "setujui", oleh=oleh)
    pk_disetujui.send(sender=PerjanjianKinerja, perjanjian=pk, peristiwa=peristiwa,
                      url_verifikasi=url_verifikasi)
    return pk


@transaction.atomic
def pk_return(*, pk: PerjanjianKinerja, catatan: str, oleh: Any) -> PerjanjianKinerja:
    if not catatan.strip():
        raise ValidationError("Tuliskan catatan mengapa PK dikembalikan.")
    return _transisi(pk, "kembalikan", oleh=oleh, catatan=catatan.strip()).perjanjian


@transaction.atomic
def pk_revise(*, pk: PerjanjianKinerja, alasan: str, oleh: Any) -> PerjanjianKinerja:
    """PK perubahan: a new draft version with copies of every row; the old one stays."""
    pastikan_terbuka(opd_id=pk.opd_id, tahun=pk.tahun)
    if pk.status != StatusPk.DISETUJUI or pk.digantikan:
        raise PermissionDenied("PK perubahan hanya dapat dibuat dari versi terakhir yang "
                               "sudah disetujui.")
    baru = PerjanjianKinerja(
        opd=pk.opd, renstra=pk.renstra, tahun=pk.tahun, versi=pk.versi + 1, sebelumnya=pk,
        alasan_perubahan=alasan.strip(), **{k: getattr(pk, k) for k in KOLOM_KEPALA_PK},
    )
    _simpan(baru, oleh=oleh, alasan=f"PK perubahan {baru.versi}: {alasan.strip()}")
    for b in pk.baris.prefetch_related("triwulan"):
        tw = list(b.triwulan.all())
        b.pk, b.perjanjian = None, baru
        _simpan(b, oleh=oleh, alasan="Salinan dari versi sebelumnya")
        for t in tw:
            t.pk, t.baris = None, b
            _simpan(t, oleh=oleh, alasan="Salinan dari versi sebelumnya")
    for p in pk.program.all():
        p.pk, p.perjanjian = None, baru
        _simpan(p, oleh=oleh, alasan="Salinan dari versi sebelumnya")
    return baru


# --- Realisasi dan analisis ---------------------------------------------------------------


@transaction.atomic
def realisasi_update(
    *,
    indikator: Indikator,
    tahun: int,
    triwulan: int,
    nilai: Decimal | None,
    nilai_teks: str,
    pembilang: Decimal | None,
    penyebut: Decimal | None,
    bukti_catatan: str,
    bukti_file: UploadedFile | None,
    hapus_file: bool,
    oleh: Any,
) -> Realisasi | None:
    """Save one quarter's realisation. All value fields empty removes it, on every version of
    the indicator: empty is not zero."""
    pastikan_terbuka(opd_id=indikator.renstra.opd_id, tahun=tahun)
    validasi_periode(indikator, tahun, triwulan)
    # The quarter on this indicator and on its versions from before a Perubahan Renstra:
    # the grid, dashboard and reports show the newest version that has it.
    rantai = rantai_indikator(indikator.renstra.opd)[indikator.pk]
    ada = {r.indikator_id: r for r in Realisasi.objects.filter(
        indikator_id__in=rantai, tahun=tahun, triwulan=triwulan)}
    if _tanpa_nilai(nilai, nilai_teks, pembilang, penyebut):
        if bukti_catatan.strip() or bukti_file:
            raise ValidationError({"nilai": PESAN_BUKTI_TANPA_NILAI})
        # Every version's record: one left behind would show through.
        _realisasi_hapus(list(ada.values()), oleh=oleh, alasan="Realisasi dikosongkan")
        return None
    r = ada.get(indikator.pk)
    if r is None:
        r = Realisasi(indikator=indikator, tahun=tahun, triwulan=triwulan)
        # A quarter entered before a Perubahan Renstra: the grid showed the old version's
        # record, so its evidence carries over (the same stored file; the old record stays).
        lama = terbaru_dari(ada, rantai[1:])
        if lama is not None and lama.bukti_file and not (hapus_file or bukti_file):
            r.bukti_file = lama.bukti_file.name  # type: ignore[assignment]
    r.nilai, r.nilai_teks = nilai, nilai_teks
    r.pembilang, r.penyebut = pembilang, penyebut
    r.bukti_catatan = bukti_catatan.strip()
    if r.bukti_file and (hapus_file or bukti_file):
        _hapus_bukti_setelah_commit([r])
        r.bukti_file = None  # type: ignore[assignment]
    if bukti_file:
        r.bukti_file = bukti_file  # type: ignore[assignment]
    r.diisi_oleh = oleh
    return _simpan(r, oleh=oleh, alasan=f"Realisasi {tahun} TW {triwulan}")


@transaction.atomic
def analisis_update(*, analisis: AnalisisIndikator, oleh: Any) -> AnalisisIndikator:
    """Save the narrative fields already set on `analisis` by a form."""
    pastikan_terbuka(opd_id=analisis.indikator.renstra.opd_id, tahun=analisis.tahun)
    analisis.diisi_oleh = oleh
    return _simpan(analisis, oleh=oleh, alasan="Analisis indikator")


@dataclass(frozen=True)
class RealisasiMassal:
    """One quarter's realisation as `realisasi_update` takes it, without evidence files."""

    indikator: Indikator  # with `renstra` loaded: every row's checks read it
    tahun: int
    triwulan: int
    nilai: Decimal | None
    nilai_teks: str
    pembilang: Decimal | None
    penyebut: Decimal | None
    bukti_catatan: str

    @property
    def kosong(self) -> bool:
        """No value: the row removes the quarter, as in `realisasi_update`."""
        return _tanpa_nilai(self.nilai, self.nilai_teks, self.pembilang, self.penyebut)


# Fields an import row sets, by attname: what it had before decides what is rewritten.
_KOLOM_REALISASI = ["nilai", "nilai_teks", "pembilang", "penyebut", "bukti_catatan"]


@dataclass
class _RencanaRealisasi:
    baru: list[Realisasi]
    ubah: list[Realisasi]
    lama: list[dict[str, Any]]  # the stored values of each `ubah` row
    hapus: list[Realisasi]


def _realisasi_rencana(isian: list[RealisasiMassal], *, kunci: bool) -> _RencanaRealisasi:
    """The records the rows become, every rule checked; GalatBaris when any row fails."""
    for opd_id, tahun in {(i.indikator.renstra.opd_id, i.tahun) for i in isian}:
        pastikan_terbuka(opd_id=opd_id, tahun=tahun)
    # Records on earlier versions of the indicators count, as in `realisasi_update`: an
    # emptied quarter goes from every version, a new one keeps the old evidence file.
    rantai = _rantai_kantor([i.indikator for i in isian])
    qs = Realisasi.objects.select_for_update() if kunci else Realisasi.objects
    ada = {
        (r.indikator_id, r.tahun, r.triwulan): r
        for r in qs.filter(indikator_id__in=set().union(*(rantai[i.indikator.pk]
                                                         for i in isian)),
                           tahun__in={i.tahun for i in isian})
    }
    rencana = _RencanaRealisasi([], [], [], [])
    galat: dict[int, ValidationError] = {}
    dilihat: set[tuple[int, int, int]] = set()
    for n, i in enumerate(isian):
        k = (i.indikator.pk, i.tahun, i.triwulan)
        if k in dilihat:
            galat[n] = ValidationError("Triwulan yang sama diisi dua kali.")
            continue
        dilihat.add(k)
        r = ada.get(k)
        if i.kosong:
            if i.bukti_catatan.strip():
                galat[n] = ValidationError({"nilai": PESAN_BUKTI_TANPA_NILAI})
            else:
                # Popped: two rows whose chains share an old record remove it once.
                rencana.hapus += [x for j in rantai[i.indikator.pk]
                                  if (x := ada.pop((j, i.tahun, i.triwulan), None))]
            continue
        lama = {f: getattr(r, f) for f in _KOLOM_REALISASI} if r else {}
        if r is None:
            r = Realisasi(tahun=i.tahun, triwulan=i.triwulan)
            sebelum = terbaru_dari(ada, [(j, i.tahun, i.triwulan)
                                         for j in rantai[i.indikator.pk][1:]])
            if sebelum is not None and sebelum.bukti_file:
                r.bukti_file = sebelum.bukti_file.name  # type: ignore[assignment]
        r.indikator = i.indikator
        r.nilai, r.nilai_teks, r.pembilang, r.penyebut = (
            i.nilai, i.nilai_teks, i.pembilang, i.penyebut)
        r.bukti_catatan = i.bukti_catatan.strip()
        try:
            # Relations are loaded objects and uniqueness is settled by `ada` above: only
            # the checks that need no query run per row.
            r.full_clean(exclude=["indikator", "diisi_oleh", "bukti_file"],
                         validate_unique=False, validate_constraints=False)
        except ValidationError as e:
            galat[n] = e
            continue
        if r.pk:
            rencana.ubah.append(r)
            rencana.lama.append(lama)
        else:
            rencana.baru.append(r)
    if galat:
        raise GalatBaris(galat)
    return rencana


def realisasi_bulk_check(*, isian: list[RealisasiMassal]) -> None:
    """Every check of `realisasi_bulk_update`, nothing written (the import's preview)."""
    _realisasi_rencana(isian, kunci=False)


@transaction.atomic
def realisasi_bulk_update(*, isian: list[RealisasiMassal], oleh: Any, alasan: str) -> None:
    """Many quarters at once (the Excel import) by the rules of `realisasi_update`: the
    period lock, the model's checks on every record, empty removes. Nothing is written
    unless every row passes; errors come back per position in `isian` (GalatBaris).

    A few queries for the whole batch instead of some fifteen per row, so that thousands
    of rows take seconds."""
    rencana = _realisasi_rencana(isian, kunci=True)
    _realisasi_hapus(rencana.hapus, oleh=oleh, alasan=alasan)
    siapa = {"diisi_oleh": oleh, "diisi_pada": timezone.now()}
    for r in rencana.baru:
        r.diisi_oleh, r.diisi_pada = oleh, siapa["diisi_pada"]
    bulk_create_with_history(rencana.baru, Realisasi, batch_size=500, default_user=oleh,
                             default_change_reason=alasan)
    ubah_massal(Realisasi, rencana.ubah, lama=rencana.lama, umum=siapa, oleh=oleh,
                alasan=alasan)
