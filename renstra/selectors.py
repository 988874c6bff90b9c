"""Reads of the Renstra: scoped lists and the whole tree from a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from sakip.models import Opd

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


def renstra_list(*, user: Any, opd: Opd | None) -> QuerySet[Renstra]:
    qs = Renstra.objects.for_user(user).select_related("opd", "sebelumnya")
    return qs.filter(opd=opd) if opd is not None else qs.none()


def renstra_get(*, user: Any, pk: int) -> Renstra:
    """The Renstra if the user may read it; another office's → Renstra.DoesNotExist (404)."""
    return (
        Renstra.objects.for_user(user)
        .select_related("opd__pemda", "rpjmd", "sebelumnya")
        .get(pk=pk)
    )


def kondisi_akhir(ind: Indikator, target: dict[int, TargetRenstra]) -> Decimal | None:
    """End-of-period target by the indicator's rule (pure: no queries)."""
    aturan = ind.aturan_kondisi_akhir
    if aturan == Indikator.AturanKondisiAkhir.MASUKAN:
        return ind.kondisi_akhir
    nilai = [target[t].nilai for t in sorted(target) if target[t].nilai is not None]
    if not nilai:
        return None
    if aturan == Indikator.AturanKondisiAkhir.JUMLAH:
        return sum(nilai, Decimal("0"))
    return nilai[-1]


def kondisi_akhir_pagu(ind: Indikator, target: dict[int, TargetRenstra]) -> Decimal | None:
    """Funding over the period is always the sum: baseline year plus every target year."""
    nilai = [t.pagu for t in target.values() if t.pagu is not None]
    if ind.kondisi_awal_pagu is not None:
        nilai.append(ind.kondisi_awal_pagu)
    return sum(nilai, Decimal("0")) if nilai else None


@dataclass
class IndikatorBaris:
    obj: Indikator
    target: dict[int, TargetRenstra]
    kondisi_akhir: Decimal | None
    kondisi_akhir_pagu: Decimal | None

    def target_list(self, tahun: list[int]) -> list[TargetRenstra | None]:
        return [self.target.get(t) for t in tahun]


@dataclass
class Simpul:
    level: str
    obj: Any
    indikator: list[IndikatorBaris] = field(default_factory=list)
    anak: list[Simpul] = field(default_factory=list)


@dataclass
class PohonRenstra:
    renstra: Renstra
    misi: list[Misi]
    tujuan: list[Simpul]
    tahun: list[int]
    jumlah: dict[str, int]
    indikator: dict[int, IndikatorBaris]


def renstra_tree(*, renstra: Renstra) -> PohonRenstra:
    """The whole tree in nine queries, however large the plan (asserted in tests)."""
    r = renstra
    misi = list(Misi.objects.filter(renstra=r).select_related("misi_rpjmd"))
    tujuan = list(Tujuan.objects.filter(renstra=r).select_related("misi"))
    sasaran = list(Sasaran.objects.filter(tujuan__renstra=r))
    program = list(Program.objects.filter(sasaran__tujuan__renstra=r))
    kegiatan = list(Kegiatan.objects.filter(program__sasaran__tujuan__renstra=r))
    sub = list(SubKegiatan.objects.filter(kegiatan__program__sasaran__tujuan__renstra=r))
    indikator = list(
        Indikator.objects.filter(renstra=r).select_related("unit_penanggung_jawab")
    )
    targets: dict[int, dict[int, TargetRenstra]] = defaultdict(dict)
    for t in TargetRenstra.objects.filter(indikator__renstra=r).order_by("tahun"):
        targets[t.indikator_id][t.tahun] = t

    baris = {
        i.pk: IndikatorBaris(i, targets[i.pk], kondisi_akhir(i, targets[i.pk]),
                             kondisi_akhir_pagu(i, targets[i.pk]))
        for i in indikator
    }
    ind_per: dict[tuple[str, int], list[IndikatorBaris]] = defaultdict(list)
    for i in indikator:
        ind_per[(i.level, getattr(i, f"{i.level}_id"))].append(baris[i.pk])

    def simpul(level: str, objs: list[Any], induk_attr: str | None) -> dict[int, list[Simpul]]:
        per_induk: dict[int, list[Simpul]] = defaultdict(list)
        for o in objs:
            s = Simpul(level, o, ind_per.get((level, o.pk), []))
            per_induk[getattr(o, induk_attr) if induk_attr else 0].append(s)
        return per_induk

    s_sub = simpul("sub_kegiatan", sub, "kegiatan_id")
    s_keg = simpul("kegiatan", kegiatan, "program_id")
    s_prog = simpul("program", program, "sasaran_id")
    s_sas = simpul("sasaran", sasaran, "tujuan_id")
    s_tuj = simpul("tujuan", tujuan, None)
    for lapis, bawah in ((s_keg, s_sub), (s_prog, s_keg), (s_sas, s_prog), (s_tuj, s_sas)):
        for daftar in lapis.values():
            for s in daftar:
                s.anak = bawah.get(s.obj.pk, [])

    return PohonRenstra(
        renstra=r,
        misi=misi,
        tujuan=s_tuj.get(0, []),
        tahun=r.tahun_target,
        jumlah={
            "tujuan": len(tujuan), "sasaran": len(sasaran), "program": len(program),
            "kegiatan": len(kegiatan), "sub_kegiatan": len(sub), "indikator": len(indikator),
            "iku": sum(1 for i in indikator if i.is_iku),
        },
        indikator=baris,
    )
