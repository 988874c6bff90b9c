"""Reads of the Renstra: scoped lists and the whole tree from a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from html import escape
from typing import Any, NamedTuple

from django.db.models import Count, Q, QuerySet
from django.utils.safestring import SafeString, mark_safe

from sakip.formatting import format_angka
from sakip.models import Opd, UnitKerja

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


def kondisi_akhir(ind: Indikator | IndikatorRingkas,
                  target: Mapping[int, NilaiTarget | SelTahun]) -> Decimal | None:
    """End-of-period target by the indicator's rule (pure: no queries)."""
    aturan = ind.aturan_kondisi_akhir
    if aturan == Indikator.AturanKondisiAkhir.MASUKAN:
        return ind.kondisi_akhir
    nilai = [v for t in sorted(target) if (v := target[t].nilai) is not None]
    if not nilai:
        return None
    if aturan == Indikator.AturanKondisiAkhir.JUMLAH:
        return sum(nilai, Decimal("0"))
    return nilai[-1]


def kondisi_akhir_pagu(ind: Indikator | IndikatorRingkas,
                       target: Mapping[int, NilaiTarget | SelTahun]) -> Decimal | None:
    """Funding over the period is always the sum: baseline year plus every target year."""
    nilai = [t.pagu for t in target.values() if t.pagu is not None]
    if ind.kondisi_awal_pagu is not None:
        nilai.append(ind.kondisi_awal_pagu)
    return sum(nilai, Decimal("0")) if nilai else None


@dataclass(frozen=True, slots=True)
class NilaiTarget:
    """A year's target as read for display: the fields of TargetRenstra without the model
    machinery (a large plan has thousands; building model instances was the bulk of the
    matrix page's time)."""

    pk: int
    indikator_id: int
    tahun: int
    nilai: Decimal | None
    nilai_atas: Decimal | None
    nilai_teks: str
    pagu: Decimal | None
    sumber_dana: str


@dataclass
class IndikatorBaris:
    obj: Indikator
    target: dict[int, NilaiTarget]
    kondisi_akhir: Decimal | None
    kondisi_akhir_pagu: Decimal | None
    # Targets in the order of the Renstra's target years (None where a year is empty):
    # templates loop over this instead of looking years up one by one.
    per_tahun: list[NilaiTarget | None] = field(default_factory=list)

    def target_list(self, tahun: list[int]) -> list[NilaiTarget | None]:
        return [self.target.get(t) for t in tahun]


@dataclass
class Simpul:
    level: str
    obj: Any
    # IndikatorBaris on the tree, IndikatorMatriks in the matrix.
    indikator: list[Any] = field(default_factory=list)
    anak: list[Simpul] = field(default_factory=list)
    # False for a program whose kegiatan were not loaded (the tree page loads them on demand).
    dimuat: bool = True
    jumlah_anak: int = 0


@dataclass
class PohonRenstra:
    renstra: Renstra
    misi: list[Misi]
    tujuan: list[Simpul]
    tahun: list[int]
    jumlah: dict[str, int]
    indikator: dict[int, IndikatorBaris]
    program: dict[int, Simpul] = field(default_factory=dict)


_DI_ATAS_KEGIATAN = ("tujuan", "sasaran", "program")
_JENJANG_POHON = ("tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan")
# The parent's foreign key of each level on the models.
_FK_INDUK = {"sasaran": "tujuan_id", "program": "sasaran_id", "kegiatan": "program_id",
             "sub_kegiatan": "kegiatan_id"}


def _rakit(node: dict[str, list[Any]], ind_per: dict[tuple[str, int], list[Any]],
           induk_id: Callable[[str, Any], int]) -> dict[str, dict[int, list[Simpul]]]:
    """Hang the nodes of each level under their parents, in order, with their indicator
    rows (`ind_per`: (level, node id) → rows). Per level: parent id → its nodes; the
    tujuan hang under 0."""
    per: dict[str, dict[int, list[Simpul]]] = {}
    for level in _JENJANG_POHON:
        per_induk: dict[int, list[Simpul]] = defaultdict(list)
        for o in node[level]:
            per_induk[induk_id(level, o)].append(Simpul(level, o, ind_per.get((level, o.pk), [])))
        per[level] = per_induk
    for atas, bawah in zip(_JENJANG_POHON, _JENJANG_POHON[1:], strict=False):
        for daftar in per[atas].values():
            for s in daftar:
                s.anak = per[bawah].get(s.obj.pk, [])
                s.jumlah_anak = len(s.anak)
    return per


def _induk_model(level: str, o: Any) -> int:
    return getattr(o, _FK_INDUK[level]) if level in _FK_INDUK else 0


def renstra_tree(
    *, renstra: Renstra, program_dimuat: Collection[int] | None = None
) -> PohonRenstra:
    """The Renstra tree from a fixed number of queries, however large the plan (tested).

    With `program_dimuat` only those programs get their kegiatan (and the indicators
    below them): the tree page shows programs folded and loads a program's content when
    it is opened. `None` loads everything (comparisons, reports; the matrix reads a
    leaner tree of its own, `_pohon_matriks`).
    """
    r = renstra
    misi = list(Misi.objects.filter(renstra=r).select_related("misi_rpjmd"))
    tujuan = list(Tujuan.objects.filter(renstra=r).select_related("misi"))
    sasaran = list(Sasaran.objects.filter(tujuan__renstra=r))
    program = list(
        Program.objects.filter(sasaran__tujuan__renstra=r).annotate(n_kegiatan=Count("kegiatan"))
    )
    kegiatan_qs = Kegiatan.objects.filter(program__sasaran__tujuan__renstra=r)
    sub_qs = SubKegiatan.objects.filter(kegiatan__program__sasaran__tujuan__renstra=r)
    indikator_qs = Indikator.objects.filter(renstra=r)
    if program_dimuat is not None:
        ids = list(program_dimuat)
        kegiatan_qs = kegiatan_qs.filter(program_id__in=ids)
        sub_qs = sub_qs.filter(kegiatan__program_id__in=ids)
        indikator_qs = indikator_qs.filter(
            Q(level__in=_DI_ATAS_KEGIATAN) | Q(kegiatan__program_id__in=ids)
            | Q(sub_kegiatan__kegiatan__program_id__in=ids)
        )
    kegiatan, sub = list(kegiatan_qs), list(sub_qs)
    indikator = list(indikator_qs.select_related("unit_penanggung_jawab"))
    targets: dict[int, dict[int, NilaiTarget]] = defaultdict(dict)
    for row in (TargetRenstra.objects.filter(indikator__in=indikator_qs).order_by("tahun")
                .values_list("pk", "indikator_id", "tahun", "nilai", "nilai_atas", "nilai_teks",
                             "pagu", "sumber_dana")):
        t = NilaiTarget(*row)
        targets[t.indikator_id][t.tahun] = t

    tahun = r.tahun_target
    baris = {
        i.pk: IndikatorBaris(i, targets[i.pk], kondisi_akhir(i, targets[i.pk]),
                             kondisi_akhir_pagu(i, targets[i.pk]),
                             [targets[i.pk].get(t) for t in tahun])
        for i in indikator
    }
    ind_per: dict[tuple[str, int], list[IndikatorBaris]] = defaultdict(list)
    for i in indikator:
        ind_per[(i.level, getattr(i, f"{i.level}_id"))].append(baris[i.pk])
    per = _rakit({"tujuan": tujuan, "sasaran": sasaran, "program": program,
                  "kegiatan": kegiatan, "sub_kegiatan": sub}, ind_per, _induk_model)
    per_program = {s.obj.pk: s for daftar in per["program"].values() for s in daftar}
    for s in per_program.values():
        s.jumlah_anak = s.obj.n_kegiatan
        s.dimuat = program_dimuat is None or s.obj.pk in program_dimuat

    if program_dimuat is None:
        jumlah_keg, jumlah_sub = len(kegiatan), len(sub)
        jumlah_ind, jumlah_iku = len(indikator), sum(1 for i in indikator if i.is_iku)
    else:
        # Folded programs were not loaded: count them in the database instead.
        jumlah_keg = sum(p.n_kegiatan for p in program)
        jumlah_sub = SubKegiatan.objects.filter(
            kegiatan__program__sasaran__tujuan__renstra=r).count()
        agg = Indikator.objects.filter(renstra=r).aggregate(
            n=Count("pk"), iku=Count("pk", filter=Q(is_iku=True)))
        jumlah_ind, jumlah_iku = agg["n"], agg["iku"]

    return PohonRenstra(
        renstra=r,
        misi=misi,
        tujuan=per["tujuan"].get(0, []),
        tahun=tahun,
        jumlah={
            "tujuan": len(tujuan), "sasaran": len(sasaran), "program": len(program),
            "kegiatan": jumlah_keg, "sub_kegiatan": jumlah_sub, "indikator": jumlah_ind,
            "iku": jumlah_iku,
        },
        indikator=baris,
        program=per_program,
    )


# --- Matriks Renstra (Permendagri 86/2017, tabel T-C.27) ------------------------------


def berlaku_pada(obj: Any, tahun: int) -> bool:
    """Whether a kegiatan, sub kegiatan or indicator applies in `tahun` (its validity range)."""
    mulai = getattr(obj, "tahun_mulai", None)
    selesai = getattr(obj, "tahun_selesai", None)
    return (mulai is None or tahun >= mulai) and (selesai is None or tahun <= selesai)


# The matrix reads plain records instead of model instances, which took most of its read
# time on a large plan. NamedTuples build several times faster than frozen dataclasses,
# and being immutable, one empty cell can stand for every empty year.


class NodeRingkas(NamedTuple):
    """A tujuan, sasaran, program, kegiatan or sub kegiatan with what the matrix shows;
    `induk_id` is the parent node (0 for a tujuan)."""

    pk: int
    induk_id: int
    nama: str
    kode: str = ""
    tahun_mulai: int | None = None
    tahun_selesai: int | None = None


class IndikatorRingkas(NamedTuple):
    """An indicator with the fields the matrix shows, named as on the model."""

    pk: int
    level: str
    induk_id: int
    nama: str
    satuan: str
    is_iku: bool
    kondisi_awal: Decimal | None
    kondisi_awal_teks: str
    kondisi_awal_pagu: Decimal | None
    aturan_kondisi_akhir: str
    kondisi_akhir: Decimal | None
    kondisi_akhir_teks: str
    tahun_mulai: int | None
    tahun_selesai: int | None
    unit_penanggung_jawab: str | None  # the unit as it displays (its __str__)
    penanggung_jawab: str
    lokasi: str


class SelTahun(NamedTuple):
    """One year of an indicator line: target and pagu, or "–" outside its validity range."""

    berlaku: bool
    nilai: Decimal | None = None
    nilai_atas: Decimal | None = None
    nilai_teks: str = ""
    pagu: Decimal | None = None
    sumber_dana: str = ""


# Immutable, so every empty or out-of-range cell can be the same object.
_SEL_KOSONG = SelTahun(berlaku=True)
_SEL_LUAR = SelTahun(berlaku=False)


@dataclass(slots=True)
class IndikatorMatriks:
    """An indicator line's data; the matrix's counterpart of IndikatorBaris."""

    obj: IndikatorRingkas
    target: dict[int, SelTahun]  # year → the cell of its target
    kondisi_akhir: Decimal | None
    kondisi_akhir_pagu: Decimal | None


# Columns of the indicator's parent, in the order of `_JENJANG_POHON`.
_KOLOM_INDUK_INDIKATOR = tuple(f"{level}_id" for level in _JENJANG_POHON)


def _pohon_matriks(renstra: Renstra) -> tuple[list[Simpul], dict[str, int]]:
    """The whole tree for the matrix from eight queries: the tujuan with everything below
    them, and the counts of the TOTAL line."""
    r = renstra
    tujuan = [NodeRingkas(pk, 0, nama)
              for pk, nama in Tujuan.objects.filter(renstra=r).values_list("pk", "nama")]
    sasaran = [NodeRingkas(*row) for row in Sasaran.objects.filter(tujuan__renstra=r)
               .values_list("pk", "tujuan_id", "nama")]
    program = [NodeRingkas(*row) for row in Program.objects.filter(sasaran__tujuan__renstra=r)
               .values_list("pk", "sasaran_id", "nama", "kode")]
    kegiatan = [NodeRingkas(*row) for row in Kegiatan.objects.filter(
        program__sasaran__tujuan__renstra=r).values_list(
        "pk", "program_id", "nama", "kode", "tahun_mulai", "tahun_selesai")]
    sub = [NodeRingkas(*row) for row in SubKegiatan.objects.filter(
        kegiatan__program__sasaran__tujuan__renstra=r).values_list(
        "pk", "kegiatan_id", "nama", "kode", "tahun_mulai", "tahun_selesai")]
    indikator_qs = Indikator.objects.filter(renstra=r)
    # A handful of units serve every indicator: read once, shown by their __str__.
    unit = {u.pk: str(u) for u in UnitKerja.objects.filter(
        pk__in=indikator_qs.values("unit_penanggung_jawab_id"))}
    target: dict[int, dict[int, SelTahun]] = defaultdict(dict)
    for ind_id, tahun, *isi in (
            TargetRenstra.objects.filter(indikator__in=indikator_qs).order_by("tahun")
            .values_list("indikator_id", "tahun", "nilai", "nilai_atas", "nilai_teks", "pagu",
                         "sumber_dana")):
        target[ind_id][tahun] = SelTahun(True, *isi)
    ind_per: dict[tuple[str, int], list[IndikatorMatriks]] = defaultdict(list)
    for (pk, level, *induk, nama, satuan, is_iku, awal, awal_teks, awal_pagu, aturan, akhir,
         akhir_teks, mulai, selesai, unit_id, penanggung_jawab, lokasi) in (
            indikator_qs.values_list("pk", "level", *_KOLOM_INDUK_INDIKATOR, "nama", "satuan",
                                     "is_iku", "kondisi_awal", "kondisi_awal_teks",
                                     "kondisi_awal_pagu", "aturan_kondisi_akhir",
                                     "kondisi_akhir", "kondisi_akhir_teks", "tahun_mulai",
                                     "tahun_selesai", "unit_penanggung_jawab_id",
                                     "penanggung_jawab", "lokasi")):
        i = IndikatorRingkas(pk, level, induk[_JENJANG_POHON.index(level)], nama, satuan,
                             is_iku, awal, awal_teks, awal_pagu, aturan, akhir, akhir_teks,
                             mulai, selesai, unit.get(unit_id), penanggung_jawab, lokasi)
        t = target[pk]
        ind_per[(level, i.induk_id)].append(
            IndikatorMatriks(i, t, kondisi_akhir(i, t), kondisi_akhir_pagu(i, t)))
    per = _rakit({"tujuan": tujuan, "sasaran": sasaran, "program": program,
                  "kegiatan": kegiatan, "sub_kegiatan": sub}, ind_per,
                 lambda level, o: o.induk_id)
    akar = per["tujuan"].get(0, [])
    # Counts for the TOTAL line, as Tabel 5.1 prints them; empty levels are left out.
    jumlah = {k: v for k, v in (
        ("tujuan", len(tujuan)), ("sasaran", len(sasaran)),
        ("indikator sasaran", sum(len(s.indikator) for t in akar for s in t.anak)),
        ("program", len(program)), ("kegiatan", len(kegiatan)), ("sub kegiatan", len(sub)),
    ) if v}
    return akar, jumlah


@dataclass(slots=True)
class SelGabung:
    """A merged cascade cell: shown on the first line of its block, `rowspan` lines tall."""

    simpul: Simpul
    rowspan: int
    nomor: int = 0


@dataclass(slots=True)
class BarisMatriks:
    """One line of the matrix: one indicator of a program / kegiatan / sub kegiatan.

    Cascade cells are None on the lines a rowspan above already covers.
    """

    level: str
    indikator: IndikatorMatriks | None
    awal: SelTahun
    tahun: list[SelTahun]
    tujuan: SelGabung | None = None
    sasaran: SelGabung | None = None
    node: SelGabung | None = None

    # The page's template reads these two instead of testing each cascade cell and the
    # level on every one of ~1,500 lines (each lookup costs µs there).
    @property
    def kelas(self) -> str:
        return f"baris-{self.level or 'kosong'}"

    @property
    def gabung(self) -> bool:
        """Whether the line opens a merged cell, or needs the two blank cells of a line
        without program."""
        return bool(self.tujuan or self.sasaran or self.node or not self.level)

    @property
    def sel_html(self) -> SafeString:
        """The indicator's cells, from its name to lokasi, as escaped HTML.

        Built here rather than in the template: a large plan has ~30,000 of these cells
        and the template engine needs ~10 µs a cell, which alone would take the page past
        its 0.5 s budget (bench/bench_renstra.py). Every text goes through `escape`
        (the standard library's: Django's lazy-aware wrapper costs three times as much).
        """
        b = self.indikator
        assert b is not None, "only lines with an indicator have these cells"
        i = b.obj
        satuan = escape(i.satuan)
        akhir = escape(i.kondisi_akhir_teks) if i.kondisi_akhir_teks else _teks_nilai(
            b.kondisi_akhir, None, satuan)
        unit = i.unit_penanggung_jawab or i.penanggung_jawab
        # Safe: every text part is escaped, the rest are formatted numbers.
        return mark_safe(
            f"<td>{escape(i.nama)}</td>"
            + _html_sel(self.awal, satuan)
            + "".join(_html_sel(s, satuan) for s in self.tahun)
            + f'<td class="angka">{akhir}</td>'
            + f'<td class="angka">{_teks_pagu(b.kondisi_akhir_pagu)}</td>'
            + f"<td>{escape(str(unit))}</td><td>{escape(i.lokasi)}</td>"
        )


_HTML_LUAR = '<td class="luar">–</td><td class="luar">–</td>'


def _teks_pagu(pagu: Decimal | None) -> str:
    """Rupiah as Tabel 5.1 prints them ("1.099.585.400"); sen only when there are any."""
    if pagu is None:
        return ""
    # Whole rupiah take format_angka's plain form: the same text, without its rounding step.
    return format_angka(pagu) if pagu == pagu.to_integral_value() else format_angka(pagu, 2)


# Targets repeat a lot (100 %, 12 Bulan …); equal Decimals format alike, so a cache is safe.
_angka = lru_cache(maxsize=4096)(format_angka)


def _teks_nilai(nilai: Decimal | None, nilai_atas: Decimal | None, satuan: str) -> str:
    if nilai is None:
        return ""
    if nilai_atas is None:
        return f"{_angka(nilai)} {satuan}"
    return f"{_angka(nilai)}–{_angka(nilai_atas)} {satuan}"


def _html_sel(s: SelTahun, satuan: str) -> str:
    """Target and Rp cells of one year; greyed dashes outside the validity range."""
    if not s.berlaku:
        return _HTML_LUAR
    target = escape(s.nilai_teks) if s.nilai_teks else _teks_nilai(s.nilai, s.nilai_atas, satuan)
    dana = f'<div class="sumber-dana">{escape(s.sumber_dana)}</div>' if s.sumber_dana else ""
    return f'<td class="angka">{target}</td><td class="angka">{_teks_pagu(s.pagu)}{dana}</td>'


@dataclass
class MatriksRenstra:
    renstra: Renstra
    tahun: list[int]
    baris: list[BarisMatriks]
    total_awal: Decimal
    total_tahun: list[Decimal]
    total_akhir: Decimal
    jumlah: dict[str, int]

    @property
    def kolom_target(self) -> int:
        return 2 * len(self.tahun)

    @property
    def kolom_kosong(self) -> int:
        """Columns right of the indicator: awal, the years, akhir (2 each), unit, lokasi."""
        return self.kolom_target + 6

    @property
    def nomor_kolom(self) -> list[int]:
        return list(range(1, 8 + self.kolom_kosong + 1))

    @property
    def total_teks(self) -> list[str]:
        """The TOTAL line's Rp cells (awal, each year, akhir), formatted like the lines."""
        return [_teks_pagu(p) for p in (self.total_awal, *self.total_tahun, self.total_akhir)]


def _jumlah_pagu(nilai: list[Decimal | None]) -> Decimal | None:
    ada = [n for n in nilai if n is not None]
    return sum(ada, Decimal("0")) if ada else None


def _baris_indikator(level: str, b: IndikatorMatriks, ruang: list[Any],
                     kolom: list[int]) -> BarisMatriks:
    """`ruang`: the indicator and the kegiatan / sub kegiatan above it, each with a validity
    range; a column counts where all of them apply."""
    mulai = max((o.tahun_mulai for o in ruang if o.tahun_mulai is not None), default=None)
    selesai = min((o.tahun_selesai for o in ruang if o.tahun_selesai is not None),
                  default=None)

    def luar(tahun: int) -> bool:
        return (mulai is not None and tahun < mulai) or (selesai is not None and tahun > selesai)

    i = b.obj
    return BarisMatriks(
        level=level,
        indikator=b,
        awal=_SEL_LUAR if luar(kolom[0]) else SelTahun(
            True, i.kondisi_awal, None, i.kondisi_awal_teks, i.kondisi_awal_pagu),
        tahun=[_SEL_LUAR if luar(t) else b.target.get(t, _SEL_KOSONG) for t in kolom[1:]],
    )


def renstra_matriks(*, renstra: Renstra) -> MatriksRenstra:
    """The T-C.27 matrix as ready-made lines, from `_pohon_matriks`'s eight queries.

    Pagu of a program for a year is the sum of its own indicators' pagu; a program (or
    kegiatan) without pagu of its own counts the sum of its children instead, so the
    TOTAL never adds a level twice.
    """
    akar, jumlah = _pohon_matriks(renstra)
    tahun = renstra.tahun_target
    kolom = [renstra.tahun_kondisi_awal, *tahun]
    baris: list[BarisMatriks] = []

    def baris_node(s: Simpul, ruang: list[Any]) -> list[Decimal | None]:
        """Append the lines of `s` and its children; return its pagu per column."""
        if s.level in ("kegiatan", "sub_kegiatan"):
            ruang = [*ruang, s.obj]
        milik = [_baris_indikator(s.level, b, [*ruang, b.obj], kolom) for b in s.indikator
                 ] or [_baris_kosong(s.level, tahun)]
        milik[0].node = SelGabung(s, len(milik))
        baris.extend(milik)
        sendiri = [_jumlah_pagu([b.awal.pagu for b in milik])] + [
            _jumlah_pagu([b.tahun[k].pagu for b in milik]) for k in range(len(tahun))
        ]
        anak = [baris_node(a, ruang) for a in s.anak]
        return [
            p if p is not None else _jumlah_pagu([a[k] for a in anak])
            for k, p in enumerate(sendiri)
        ]

    total = [Decimal("0")] * len(kolom)
    for nomor, tujuan in enumerate(akar, start=1):
        awal_tujuan = len(baris)
        for sasaran in tujuan.anak:
            awal_sasaran = len(baris)
            for program in sasaran.anak:
                pagu = baris_node(program, [])
                total = [t + (p or 0) for t, p in zip(total, pagu, strict=True)]
            if len(baris) == awal_sasaran:
                baris.append(_baris_kosong("", tahun))
            baris[awal_sasaran].sasaran = SelGabung(sasaran, len(baris) - awal_sasaran)
        if len(baris) == awal_tujuan:
            baris.append(_baris_kosong("", tahun))
        baris[awal_tujuan].tujuan = SelGabung(tujuan, len(baris) - awal_tujuan, nomor)

    return MatriksRenstra(
        renstra=renstra,
        tahun=tahun,
        baris=baris,
        total_awal=total[0],
        total_tahun=total[1:],
        total_akhir=sum(total, Decimal("0")),
        jumlah=jumlah,
    )


def _baris_kosong(level: str, tahun: list[int]) -> BarisMatriks:
    """A line without indicator: a node without indicators, or a tujuan / sasaran
    without programs, so that it still shows."""
    return BarisMatriks(level, None, _SEL_KOSONG, [_SEL_KOSONG] * len(tahun))


# --- Perbandingan versi (Perubahan Renstra) ---------------------------------------------

JENJANG_DIFF = [
    ("misi", "Misi"), ("tujuan", "Tujuan"), ("sasaran", "Sasaran"), ("program", "Program"),
    ("kegiatan", "Kegiatan"), ("sub_kegiatan", "Sub kegiatan"), ("indikator", "Indikator"),
]
_ATRIBUT_KEGIATAN = [("kode", "Kode"), ("nama", "Nama"), ("tahun_mulai", "Berlaku mulai"),
                     ("tahun_selesai", "Berlaku sampai")]
ATRIBUT_DIFF: dict[str, list[tuple[str, str]]] = {
    "misi": [("nomor", "Nomor"), ("teks_tampil", "Teks")],
    "tujuan": [("nama", "Nama")],
    "sasaran": [("nama", "Nama"), ("strategi", "Strategi"), ("arah_kebijakan", "Arah kebijakan")],
    "program": [("kode", "Kode"), ("nama", "Nama")],
    "kegiatan": _ATRIBUT_KEGIATAN,
    "sub_kegiatan": _ATRIBUT_KEGIATAN,
    "indikator": [
        ("nama", "Nama"), ("satuan", "Satuan"), ("jenis", "Jenis"), ("polaritas", "Polaritas"),
        ("cara_agregasi", "Cara agregasi"), ("desimal", "Desimal"), ("is_iku", "IKU"),
        ("jenis_target", "Jenis target"), ("kondisi_awal", "Kondisi awal"),
        ("kondisi_awal_teks", "Kondisi awal (kualitatif)"),
        ("kondisi_awal_pagu", "Pagu kondisi awal (Rp)"),
        ("aturan_kondisi_akhir", "Aturan kondisi akhir"),
        ("kondisi_akhir_teks", "Kondisi akhir (kualitatif)"),
        ("tahun_mulai", "Berlaku mulai"), ("tahun_selesai", "Berlaku sampai"),
        ("unit_penanggung_jawab", "Unit penanggung jawab"),
        ("penanggung_jawab", "Penanggung jawab"), ("lokasi", "Lokasi"),
    ],
}
# Where each level hangs; the indicator's parent depends on its own `level`.
INDUK_DIFF = {"tujuan": "misi", "sasaran": "tujuan", "program": "sasaran",
              "kegiatan": "program", "sub_kegiatan": "kegiatan"}


@dataclass
class Perubahan:
    atribut: str
    lama: str
    baru: str


@dataclass
class BedaItem:
    nama: str
    letak: str
    perubahan: list[Perubahan] = field(default_factory=list)


@dataclass
class BedaJenjang:
    level: str
    judul: str
    tambah: list[BedaItem] = field(default_factory=list)
    hapus: list[BedaItem] = field(default_factory=list)
    ubah: list[BedaItem] = field(default_factory=list)

    @property
    def ada(self) -> bool:
        return bool(self.tambah or self.hapus or self.ubah)


@dataclass
class BedaRenstra:
    lama: Renstra
    baru: Renstra
    jenjang: list[BedaJenjang]

    @property
    def ada(self) -> bool:
        return any(j.ada for j in self.jenjang)

    @property
    def jumlah(self) -> dict[str, int]:
        return {k: sum(len(getattr(j, k)) for j in self.jenjang)
                for k in ("tambah", "hapus", "ubah")}


def _tampil(nilai: Any) -> str:
    """Display text of one compared value; years and codes stay ungrouped."""
    if nilai is None or nilai == "":
        return "-"
    if isinstance(nilai, bool):
        return "Ya" if nilai else "Tidak"
    if isinstance(nilai, Decimal):
        return format_angka(nilai)
    return str(nilai)


def _tampil_atribut(obj: Any, attr: str) -> str:
    tampilan = getattr(obj, f"get_{attr}_display", None)
    if tampilan:
        return tampilan()
    if attr.endswith("pagu"):
        return _tampil_pagu(getattr(obj, attr))
    return _tampil(getattr(obj, attr))


def _tampil_pagu(pagu: Decimal | None) -> str:
    return _teks_pagu(pagu) or "-"


def _tampil_target(t: NilaiTarget | None) -> str:
    if t is None:
        return "-"
    if t.nilai_teks:
        return t.nilai_teks
    if t.nilai_atas is not None:
        return f"{_tampil(t.nilai)}–{_tampil(t.nilai_atas)}"
    return _tampil(t.nilai)


@dataclass
class _Versi:
    """One version flattened: nodes per level in tree order, and their labels."""

    node: dict[str, dict[int, Any]]
    indikator: dict[int, IndikatorBaris]

    @classmethod
    def dari(cls, pohon: PohonRenstra) -> _Versi:
        node: dict[str, dict[int, Any]] = {lv: {} for lv, _ in JENJANG_DIFF[:-1]}
        node["misi"] = {m.pk: m for m in pohon.misi}
        indikator: dict[int, IndikatorBaris] = {}

        def jalan(s: Simpul) -> None:
            node[s.level][s.obj.pk] = s.obj
            indikator.update((b.obj.pk, b) for b in s.indikator)
            for a in s.anak:
                jalan(a)

        for t in pohon.tujuan:
            jalan(t)
        return cls(node, indikator)

    def induk(self, level: str, obj: Any) -> tuple[str, Any | None]:
        if level == "indikator":
            level_induk = obj.level
            pk = getattr(obj, f"{obj.level}_id")
        elif level in INDUK_DIFF:
            level_induk = INDUK_DIFF[level]
            pk = getattr(obj, f"{level_induk}_id")
        else:
            return "", None
        return level_induk, self.node[level_induk].get(pk)

    def letak(self, level: str, obj: Any) -> str:
        level_induk, induk = self.induk(level, obj)
        if induk is None:
            return ""
        return f"{dict(JENJANG_DIFF)[level_induk]} {_label(level_induk, induk)}"


def _label(level: str, obj: Any) -> str:
    if level == "misi":
        return f"{obj.nomor}: {obj.teks_tampil}"
    kode = getattr(obj, "kode", "")
    return f"{kode} {obj.nama}" if kode else obj.nama


def _beda_atribut(level: str, a: Any, b: Any) -> list[Perubahan]:
    return [
        Perubahan(label, _tampil_atribut(a, attr), _tampil_atribut(b, attr))
        for attr, label in ATRIBUT_DIFF[level]
        if getattr(a, attr) != getattr(b, attr)
    ]


def _beda_target(a: IndikatorBaris, b: IndikatorBaris) -> list[Perubahan]:
    hasil = []
    if a.kondisi_akhir != b.kondisi_akhir:
        hasil.append(Perubahan("Kondisi akhir", _tampil(a.kondisi_akhir),
                               _tampil(b.kondisi_akhir)))
    for tahun in sorted(a.target.keys() | b.target.keys()):
        ta, tb = a.target.get(tahun), b.target.get(tahun)
        nilai_a = (ta.nilai, ta.nilai_atas, ta.nilai_teks) if ta else None
        nilai_b = (tb.nilai, tb.nilai_atas, tb.nilai_teks) if tb else None
        if nilai_a != nilai_b:
            hasil.append(Perubahan(f"Target {tahun}", _tampil_target(ta), _tampil_target(tb)))
        pagu_a, pagu_b = ta.pagu if ta else None, tb.pagu if tb else None
        if pagu_a != pagu_b:
            hasil.append(Perubahan(f"Pagu {tahun} (Rp)", _tampil_pagu(pagu_a),
                                   _tampil_pagu(pagu_b)))
        dana_a, dana_b = ta.sumber_dana if ta else "", tb.sumber_dana if tb else ""
        if dana_a != dana_b:
            hasil.append(Perubahan(f"Sumber dana {tahun}", _tampil(dana_a), _tampil(dana_b)))
    return hasil


def renstra_diff(*, lama: Renstra, baru: Renstra) -> BedaRenstra:
    """What a newer version changed, level by level, matched through `asal`.

    Added: new nodes whose `asal` is not in the old version; removed: old nodes no new
    node points to; changed: attributes, the parent (moved), and for indicators the
    yearly targets and pagu. Two `renstra_tree` reads: a fixed number of queries.
    """
    va, vb = _Versi.dari(renstra_tree(renstra=lama)), _Versi.dari(renstra_tree(renstra=baru))
    jenjang = []
    for level, judul in JENJANG_DIFF:
        if level == "indikator":
            objs_a = {pk: b.obj for pk, b in va.indikator.items()}
            objs_b = {pk: b.obj for pk, b in vb.indikator.items()}
        else:
            objs_a, objs_b = va.node[level], vb.node[level]
        j = BedaJenjang(level, judul)
        dipakai = set()
        for b in objs_b.values():
            a = objs_a.get(b.asal_id) if b.asal_id is not None else None
            if a is None:
                j.tambah.append(BedaItem(_label(level, b), vb.letak(level, b)))
                continue
            dipakai.add(a.pk)
            perubahan = _beda_atribut(level, a, b)
            level_a, induk_a = va.induk(level, a)
            level_b, induk_b = vb.induk(level, b)
            # An indicator may move between levels: compare the level as well as the node.
            if (level_a, induk_a.pk if induk_a else None) != (
                    level_b, induk_b.asal_id if induk_b else None):
                perubahan.append(Perubahan("Induk", va.letak(level, a) or "-",
                                           vb.letak(level, b) or "-"))
            if level == "indikator":
                perubahan += _beda_target(va.indikator[a.pk], vb.indikator[b.pk])
            if perubahan:
                j.ubah.append(BedaItem(_label(level, b), vb.letak(level, b), perubahan))
        j.hapus = [BedaItem(_label(level, a), va.letak(level, a))
                   for pk, a in objs_a.items() if pk not in dipakai]
        jenjang.append(j)
    return BedaRenstra(lama=lama, baru=baru, jenjang=jenjang)
