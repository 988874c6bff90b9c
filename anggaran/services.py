"""Writes to an office's budget. Views call these; nothing else saves budget data.

Every change goes through `full_clean()` and records who and why in the history tables.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from kinerja.services import GalatBaris
from renstra.models import Indikator, Kegiatan, Program, Sasaran, SubKegiatan
from sakip.kunci import pastikan_terbuka
from sakip.massal import ubah_massal
from sakip.models import Opd
from sakip.rekam import hapus as _hapus
from sakip.rekam import simpan as _simpan

from .models import (
    Anggaran,
    BarisAnggaran,
    KelompokBelanja,
    KendaliAnggaran,
    PemetaanSasaran,
    PerlakuanProgram,
    PosAnggaran,
    RealisasiAnggaran,
)
from .selectors import Periode


def _terbuka(anggaran: Anggaran) -> None:
    pastikan_terbuka(opd_id=anggaran.opd_id, tahun=anggaran.tahun)


@transaction.atomic
def anggaran_create(*, opd: Opd, tahun: int, oleh: Any) -> Anggaran:
    pastikan_terbuka(opd_id=opd.pk, tahun=tahun)
    if Anggaran.objects.filter(opd=opd, tahun=tahun).exists():
        raise ValidationError(f"Anggaran {tahun} perangkat daerah ini sudah ada.")
    return _simpan(Anggaran(opd=opd, tahun=tahun), oleh=oleh, alasan="Anggaran baru")


@transaction.atomic
def anggaran_update(*, anggaran: Anggaran, oleh: Any, nomor_dpa: str | None = None,
                    catatan: str | None = None, kunci_sebaran: str | None = None) -> Anggaran:
    """Change the DPA data and/or the key that spreads support programs; None keeps."""
    _terbuka(anggaran)
    for nama, nilai in (("nomor_dpa", nomor_dpa), ("catatan", catatan),
                        ("kunci_sebaran", kunci_sebaran)):
        if nilai is not None:
            setattr(anggaran, nama, nilai)
    return _simpan(anggaran, oleh=oleh, alasan="Ubah data anggaran")


@transaction.atomic
def kendali_set(*, anggaran: Anggaran, oleh: Any, tingkat: str,
                kelompok: KelompokBelanja | None = None, program: Program | None = None,
                pagu_murni: Decimal | None, pagu_perubahan: Decimal | None,
                sumber: str = "") -> KendaliAnggaran | None:
    """Set (or, with both figures empty, remove) a typed control total of the DPA."""
    _terbuka(anggaran)
    kendali = KendaliAnggaran.objects.filter(
        anggaran=anggaran, tingkat=tingkat, kelompok=kelompok, program=program).first()
    if pagu_murni is None and pagu_perubahan is None:
        if kendali is not None:
            _hapus(kendali, oleh=oleh, alasan="Hapus total kendali DPA")
        return None
    if program is not None and program.sasaran.tujuan.renstra.opd_id != anggaran.opd_id:
        raise ValidationError("Program ini bukan milik perangkat daerah ini.")
    kendali = kendali or KendaliAnggaran(anggaran=anggaran, tingkat=tingkat, kelompok=kelompok,
                                         program=program)
    kendali.pagu_murni, kendali.pagu_perubahan, kendali.sumber = (
        pagu_murni, pagu_perubahan, sumber)
    return _simpan(kendali, oleh=oleh, alasan="Total kendali DPA")


@transaction.atomic
def baris_create(*, anggaran: Anggaran, oleh: Any, kelompok: KelompokBelanja,
                 kegiatan: Kegiatan, sub_kegiatan: SubKegiatan | None,
                 pagu_murni: Decimal, pagu_perubahan: Decimal | None) -> BarisAnggaran:
    _terbuka(anggaran)
    sama = BarisAnggaran.objects.filter(anggaran=anggaran, kelompok=kelompok, kegiatan=kegiatan,
                                        sub_kegiatan=sub_kegiatan)
    if sama.exists():
        raise ValidationError(
            f"{sub_kegiatan or kegiatan} sudah ada pada {kelompok}; ubah baris yang ada.")
    baris = BarisAnggaran(anggaran=anggaran, kelompok=kelompok, kegiatan=kegiatan,
                          sub_kegiatan=sub_kegiatan, pagu_murni=pagu_murni,
                          pagu_perubahan=pagu_perubahan)
    return _simpan(baris, oleh=oleh, alasan="Tambah baris anggaran")


@transaction.atomic
def baris_update(*, baris: BarisAnggaran, oleh: Any, kelompok: KelompokBelanja,
                 pagu_murni: Decimal, pagu_perubahan: Decimal | None) -> BarisAnggaran:
    _terbuka(baris.anggaran)
    if (baris.kelompok_id != kelompok.pk and BarisAnggaran.objects.filter(
            anggaran_id=baris.anggaran_id, kelompok=kelompok, kegiatan_id=baris.kegiatan_id,
            sub_kegiatan_id=baris.sub_kegiatan_id).exists()):
        raise ValidationError({"kelompok": f"Baris yang sama sudah ada pada {kelompok}."})
    baris.kelompok, baris.pagu_murni, baris.pagu_perubahan = kelompok, pagu_murni, pagu_perubahan
    return _simpan(baris, oleh=oleh, alasan="Ubah pagu")


def _pastikan_tanpa_realisasi(obj: BarisAnggaran | PosAnggaran) -> None:
    if obj.realisasi.exists():
        raise ValidationError(
            "Baris ini sudah memiliki realisasi. Kosongkan realisasinya dulu agar data "
            "belanja tidak hilang tanpa jejak.")


@transaction.atomic
def baris_delete(*, baris: BarisAnggaran, oleh: Any) -> None:
    _terbuka(baris.anggaran)
    _pastikan_tanpa_realisasi(baris)
    _hapus(baris, oleh=oleh, alasan="Hapus baris anggaran")


@transaction.atomic
def pos_create(*, anggaran: Anggaran, oleh: Any, jenis: str, kelompok: KelompokBelanja | None,
               kode: str, uraian: str, pagu_murni: Decimal,
               pagu_perubahan: Decimal | None) -> PosAnggaran:
    _terbuka(anggaran)
    urutan = PosAnggaran.objects.filter(anggaran=anggaran, jenis=jenis).count() + 1
    pos = PosAnggaran(anggaran=anggaran, jenis=jenis, kelompok=kelompok, kode=kode,
                      uraian=uraian, urutan=urutan, pagu_murni=pagu_murni,
                      pagu_perubahan=pagu_perubahan)
    return _simpan(pos, oleh=oleh, alasan="Tambah pos anggaran")


@transaction.atomic
def pos_update(*, pos: PosAnggaran, oleh: Any, kelompok: KelompokBelanja | None, kode: str,
               uraian: str, pagu_murni: Decimal, pagu_perubahan: Decimal | None) -> PosAnggaran:
    _terbuka(pos.anggaran)
    pos.kelompok, pos.kode, pos.uraian = kelompok, kode, uraian
    pos.pagu_murni, pos.pagu_perubahan = pagu_murni, pagu_perubahan
    return _simpan(pos, oleh=oleh, alasan="Ubah pos anggaran")


@transaction.atomic
def pos_delete(*, pos: PosAnggaran, oleh: Any) -> None:
    _terbuka(pos.anggaran)
    _pastikan_tanpa_realisasi(pos)
    _hapus(pos, oleh=oleh, alasan="Hapus pos anggaran")


def pesan_sudah_per_bulan(periode: Periode) -> str:
    return (f"{periode.nama} sudah diisi per bulan. Ubah isian bulanannya, atau kosongkan "
            "dulu semua bulan di triwulan ini.")


@transaction.atomic
def realisasi_set(*, induk: BarisAnggaran | PosAnggaran, periode: Periode,
                  nilai: Decimal | None, catatan: str = "", oleh: Any) -> RealisasiAnggaran | None:
    """Enter the spending of one period; empty removes the entry (empty is not zero).

    A quarter is entered as one figure or month by month, never both: mixing would count
    the same money twice.
    """
    _terbuka(induk.anggaran)
    kunci: dict[str, Any] = (
        {"baris": induk} if isinstance(induk, BarisAnggaran) else {"pos": induk})
    dalam_tw = RealisasiAnggaran.objects.select_for_update().filter(
        triwulan=periode.triwulan, **kunci)
    ada = next((r for r in dalam_tw if r.bulan == periode.bulan), None)
    if nilai is None:
        if ada is not None:
            _hapus(ada, oleh=oleh, alasan=f"Kosongkan realisasi {periode.nama}")
        return None
    lain = [r for r in dalam_tw if r.bulan != periode.bulan]
    if periode.bulan is None and lain:
        raise ValidationError({"nilai": pesan_sudah_per_bulan(periode)})
    if periode.bulan is not None and any(r.bulan is None for r in lain):
        raise ValidationError({"nilai": (
            f"Triwulan {Periode.ROMAWI[periode.triwulan - 1]} sudah diisi sebagai satu nilai "
            "triwulan. Kosongkan nilai triwulan itu dulu bila ingin mengisi per bulan.")})
    r = ada or RealisasiAnggaran(anggaran_id=induk.anggaran_id, triwulan=periode.triwulan,
                                 bulan=periode.bulan, **kunci)
    r.nilai, r.catatan, r.dicatat_oleh = nilai, catatan, oleh
    return _simpan(r, oleh=oleh, alasan=f"Realisasi {periode.nama}")


@transaction.atomic
def perlakuan_set(*, anggaran: Anggaran, program: Program, perlakuan: str, oleh: Any) -> None:
    """Mark a program as penunjang (block or spread); "" makes it a direct program again."""
    _terbuka(anggaran)
    ada = PerlakuanProgram.objects.filter(anggaran=anggaran, program=program).first()
    if not perlakuan:
        if ada is not None:
            _hapus(ada, oleh=oleh, alasan="Program langsung (bukan penunjang)")
        return
    if PemetaanSasaran.objects.filter(anggaran=anggaran).filter(
            models.Q(program=program) | models.Q(kegiatan__program=program)).exists():
        raise ValidationError(
            "Program ini sudah dipetakan ke sasaran. Hapus pemetaannya dulu bila program ini "
            "program penunjang.")
    p = ada or PerlakuanProgram(anggaran=anggaran, program=program)
    p.perlakuan = perlakuan
    _simpan(p, oleh=oleh, alasan="Perlakuan program penunjang")


@transaction.atomic
def pemetaan_create(*, anggaran: Anggaran, oleh: Any, program: Program | None = None,
                    kegiatan: Kegiatan | None = None, sasaran: Sasaran,
                    indikator: Indikator | None) -> PemetaanSasaran:
    _terbuka(anggaran)
    induk = program or (kegiatan.program if kegiatan else None)
    if induk is not None and PerlakuanProgram.objects.filter(anggaran=anggaran,
                                                             program=induk).exists():
        raise ValidationError(
            f"{induk} ditandai sebagai program penunjang; ubah perlakuannya menjadi program "
            "langsung dulu.")
    if PemetaanSasaran.objects.filter(anggaran=anggaran, program=program, kegiatan=kegiatan,
                                      sasaran=sasaran, indikator=indikator).exists():
        raise ValidationError("Pemetaan ini sudah ada.")
    m = PemetaanSasaran(anggaran=anggaran, program=program, kegiatan=kegiatan, sasaran=sasaran,
                        indikator=indikator)
    return _simpan(m, oleh=oleh, alasan="Pemetaan anggaran ke sasaran")


@transaction.atomic
def pemetaan_delete(*, pemetaan: PemetaanSasaran, oleh: Any) -> None:
    _terbuka(pemetaan.anggaran)
    _hapus(pemetaan, oleh=oleh, alasan="Hapus pemetaan anggaran ke sasaran")


@dataclass(frozen=True)
class AnggaranMassal:
    """One budget line as the Excel import reads it: its pagu (and kelompok), and the
    quarters to set (TW → figure, None empties it); quarters not named stay as they are."""

    induk: BarisAnggaran | PosAnggaran  # loaded with kelompok and the path to its Renstra
    kelompok: KelompokBelanja | None
    pagu_murni: Decimal
    pagu_perubahan: Decimal | None
    realisasi: dict[int, Decimal | None] = field(default_factory=dict)


def _cek(obj: models.Model, relasi: list[str]) -> None:
    """The model's own checks; relations are loaded objects, the database keeps uniqueness."""
    obj.full_clean(exclude=relasi, validate_unique=False, validate_constraints=False)


@dataclass
class _RencanaAnggaran:
    pagu: dict[type[models.Model], list[tuple[models.Model, dict[str, Any]]]] = field(
        default_factory=lambda: defaultdict(list))  # model → (line, its stored values)
    baru: list[RealisasiAnggaran] = field(default_factory=list)
    ubah: list[tuple[RealisasiAnggaran, dict[str, Any]]] = field(default_factory=list)
    hapus: list[RealisasiAnggaran] = field(default_factory=list)


def _anggaran_rencana(anggaran: Anggaran, isian: list[AnggaranMassal], *,
                      kunci: bool) -> _RencanaAnggaran:
    """The records the lines become, every rule checked; GalatBaris when any line fails."""
    pastikan_terbuka(opd_id=anggaran.opd_id, tahun=anggaran.tahun)
    kunci_baris: dict[tuple[int | None, int, int | None], int] = defaultdict(int)
    for k in BarisAnggaran.objects.filter(anggaran=anggaran).values_list(
            "kelompok_id", "kegiatan_id", "sub_kegiatan_id"):
        kunci_baris[k] += 1
    per_tw: dict[tuple[str, int, int], list[RealisasiAnggaran]] = defaultdict(list)
    qs = RealisasiAnggaran.objects.select_for_update() if kunci else RealisasiAnggaran.objects
    for r in qs.filter(anggaran=anggaran):
        jenis, induk_id = ("baris", r.baris_id) if r.baris_id else ("pos", r.pos_id)
        per_tw[(jenis, induk_id, r.triwulan)].append(r)  # type: ignore[index]
    rencana = _RencanaAnggaran()
    galat: dict[int, ValidationError] = {}
    for n, i in enumerate(isian):
        induk, jenis = i.induk, "baris" if isinstance(i.induk, BarisAnggaran) else "pos"
        if induk.anggaran_id != anggaran.pk:
            raise PermissionDenied("Baris ini bukan bagian dari anggaran ini.")
        kelompok_id = i.kelompok.pk if i.kelompok else None
        try:
            if (induk.kelompok_id, induk.pagu_murni, induk.pagu_perubahan) != (
                    kelompok_id, i.pagu_murni, i.pagu_perubahan):
                if isinstance(induk, BarisAnggaran) and kelompok_id is None:
                    raise ValidationError({"kelompok": "Pilih kelompok belanja."})
                if isinstance(induk, BarisAnggaran) and induk.kelompok_id != kelompok_id:
                    lama = (induk.kelompok_id, induk.kegiatan_id, induk.sub_kegiatan_id)
                    kunci_baru = (kelompok_id, *lama[1:])
                    kunci_baris[lama] -= 1
                    kunci_baris[kunci_baru] += 1
                    if kunci_baris[kunci_baru] > 1:
                        raise ValidationError(
                            {"kelompok": f"Baris yang sama sudah ada pada {i.kelompok}."})
                if i.pagu_murni < 0 or (i.pagu_perubahan or 0) < 0:
                    raise ValidationError({"pagu_murni": "Pagu tidak boleh negatif."})
                lama_pagu = {"kelompok_id": induk.kelompok_id, "pagu_murni": induk.pagu_murni,
                             "pagu_perubahan": induk.pagu_perubahan}
                induk.kelompok = i.kelompok
                induk.pagu_murni, induk.pagu_perubahan = i.pagu_murni, i.pagu_perubahan
                _cek(induk, ["anggaran", "kelompok", "kegiatan", "sub_kegiatan"])
                rencana.pagu[type(induk)].append((induk, lama_pagu))
            for tw, nilai in sorted(i.realisasi.items()):
                periode = Periode(tw)
                ada = per_tw.get((jenis, induk.pk, tw), [])
                triwulan = next((r for r in ada if r.bulan is None), None)
                if nilai is None:
                    if triwulan is not None:
                        rencana.hapus.append(triwulan)
                    continue
                if any(r.bulan is not None for r in ada):
                    raise ValidationError({"nilai": pesan_sudah_per_bulan(periode)})
                if nilai < 0:
                    raise ValidationError({"nilai": f"Realisasi {periode.nama} tidak boleh "
                                                    "negatif."})
                r = triwulan or RealisasiAnggaran(anggaran=anggaran, triwulan=tw, **{jenis: induk})
                lama_nilai = {"nilai": r.nilai}
                r.nilai = nilai
                _cek(r, ["anggaran", "baris", "pos", "dicatat_oleh"])
                if r.pk:
                    rencana.ubah.append((r, lama_nilai))
                else:
                    rencana.baru.append(r)
        except ValidationError as e:
            galat[n] = e
    if galat:
        raise GalatBaris(galat)
    return rencana


def anggaran_bulk_check(*, anggaran: Anggaran, isian: list[AnggaranMassal]) -> None:
    """Every check of `anggaran_bulk_update`, nothing written (the import's preview)."""
    _anggaran_rencana(anggaran, isian, kunci=False)


@transaction.atomic
def anggaran_bulk_update(*, anggaran: Anggaran, isian: list[AnggaranMassal], oleh: Any,
                         alasan: str) -> None:
    """Pagu and quarterly realisations of many lines at once (the Excel import), by the
    rules of `baris_update`, `pos_update` and `realisasi_set`: the period lock, the model's
    checks, one line per kelompok, a quarter entered month by month stays so. Nothing is
    written unless every line passes; errors come back per position in `isian`
    (GalatBaris). A few queries for the whole batch, not some fifteen per figure."""
    rencana = _anggaran_rencana(anggaran, isian, kunci=True)
    for model, daftar in rencana.pagu.items():
        ubah_massal(model, [o for o, _ in daftar], lama=[dulu for _, dulu in daftar], umum={},
                    oleh=oleh, alasan=alasan)
    for r in rencana.hapus:
        _hapus(r, oleh=oleh, alasan=alasan)
    siapa = {"dicatat_oleh": oleh, "diubah": timezone.now()}
    for r in rencana.baru:
        r.dicatat_oleh, r.diubah = oleh, siapa["diubah"]
    bulk_create_with_history(rencana.baru, RealisasiAnggaran, batch_size=500, default_user=oleh,
                             default_change_reason=alasan)
    ubah_massal(RealisasiAnggaran, [r for r, _ in rencana.ubah],
                lama=[dulu for _, dulu in rencana.ubah], umum=siapa, oleh=oleh, alasan=alasan)
