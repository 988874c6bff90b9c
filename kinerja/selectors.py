"""Reads of the kinerja app: scoped fetches, the PK document, the realisation grid and the
capaian dashboard. Each builds its dataset from a fixed number of queries (asserted in
tests) and computes every capaian through `kinerja.capaian`, nowhere else."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django.db.models import Q, QuerySet, Sum

from renstra.models import Indikator, Kegiatan, Program, Renstra, Sasaran, TargetRenstra
from renstra.selectors import kondisi_akhir, renstra_tree
from sakip.formatting import bulatkan, format_angka
from sakip.models import Opd, Pemda

from . import capaian
from .models import (
    AnalisisIndikator,
    BarisPk,
    PeristiwaPk,
    PerjanjianKinerja,
    ProgramPk,
    Realisasi,
    SkalaKategori,
    StatusPk,
    TargetTriwulan,
    skala_ordinal,
)

NAMA_TW = ["TW I", "TW II", "TW III", "TW IV"]
JUMLAH_TAHUN_LALU = 5
# Bootstrap colours from the best class of the category scale to the worst.
WARNA_KATEGORI = ["text-bg-success", "text-bg-primary", "text-bg-info", "text-bg-warning",
                  "text-bg-danger"]


# --- pemda rules --------------------------------------------------------------------------


@dataclass(frozen=True)
class Aturan:
    """How a pemda computes and shows capaian: `turun` formula, display rounding, scale."""

    metode_turun: str
    cara: str
    skala: tuple[tuple[Decimal, str], ...]

    def kategori(self, persen: Decimal | None) -> tuple[str, str]:
        """(label, Bootstrap class) of a capaian; empty strings when not computable."""
        label = capaian.kategori_capaian(persen, self.skala)
        if label is None:
            return "", ""
        i = [lbl for _, lbl in self.skala].index(label)
        # Spread the scale over the palette: the best class green, the worst red.
        terakhir = max(len(self.skala) - 1, 1)
        return label, WARNA_KATEGORI[round(i * (len(WARNA_KATEGORI) - 1) / terakhir)]

    def persen(self, nilai: Decimal | None) -> str:
        return capaian.tampil_persen(nilai, self.cara)


def aturan_pemda(pemda: Pemda) -> Aturan:
    sk = SkalaKategori.objects.filter(pemda=pemda).first()
    skala = tuple(sk.daftar()) if sk and sk.kelas else capaian.SKALA_PERMENDAGRI_86
    return Aturan(pemda.metode_turun, pemda.cara_pembulatan, skala)


# --- targets and values -------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    nilai: Decimal | None
    atas: Decimal | None = None
    teks: str = ""
    sumber: str = "Renstra"

    @property
    def kosong(self) -> bool:
        return self.nilai is None and not self.teks

    @property
    def tampil(self) -> str:
        if self.teks:
            return self.teks
        if self.atas is not None:
            return f"{format_angka(self.nilai)}–{format_angka(self.atas)}"
        return format_angka(self.nilai)


Nilai = Decimal | str | None


def tampil_nilai(ind: Indikator, v: Nilai) -> str:
    """A realisation at the precision the indicator states it (`desimal`), display only."""
    if v is None or isinstance(v, str):
        return "-" if v is None else v
    return format_angka(v, ind.desimal)


def agregasi(ind: Indikator, nilai_tw: list[Nilai], skala: capaian.SkalaOrdinal | None) -> Nilai:
    """Annual realisation from the quarters by the indicator's `cara_agregasi`."""
    if skala is None:
        return capaian.agregasi_triwulan(nilai_tw, ind.cara_agregasi)  # type: ignore[arg-type]
    angka = [None if v is None else skala.nilai(v) for v in nilai_tw]  # type: ignore[arg-type]
    hasil = capaian.agregasi_triwulan(angka, ind.cara_agregasi)
    if hasil is None:
        return None
    return skala.label(hasil) or hasil


def hitung(ind: Indikator, target: Target | None, realisasi: Nilai, aturan: Aturan,
           skala: capaian.SkalaOrdinal | None) -> capaian.HasilCapaian:
    """The one place that turns an indicator's settings into a `hitung_capaian` call."""
    if target is None or target.kosong:
        return capaian.HasilCapaian(None, "target belum diisi", False, ind.polaritas, None,
                                    None)
    try:
        return capaian.hitung_capaian(
            target=target.teks or target.nilai,
            realisasi=realisasi,
            polaritas=ind.polaritas,
            target_atas=target.atas,
            arah=ind.arah_rentang or "naik",
            metode_turun=aturan.metode_turun,
            skala=skala,
        )
    except (TypeError, ValueError) as exc:
        # Inconsistent settings (a range without upper bound, a label outside the scale)
        # are shown as "not computable" with the reason, never as a crash.
        return capaian.HasilCapaian(None, str(exc), False, ind.polaritas, None, None)


def _target_renstra(t: TargetRenstra) -> Target:
    return Target(t.nilai, t.nilai_atas, t.nilai_teks, "Renstra")


def pk_berlaku(pks: Iterable[PerjanjianKinerja]) -> dict[tuple[int, int], PerjanjianKinerja]:
    """The PK version that counts per (Renstra, year): the newest approved one, else the
    newest draft (shown as not yet approved)."""
    hasil: dict[tuple[int, int], PerjanjianKinerja] = {}
    for p in sorted(pks, key=lambda p: (p.status == StatusPk.DISETUJUI, p.versi)):
        hasil[(p.renstra_id, p.tahun)] = p
    return hasil


@dataclass
class _Sumber:
    """Everything needed to compute capaian for a set of indicators and years."""

    pk: dict[tuple[int, int], PerjanjianKinerja]
    # (indicator, year) → (PK row id, its target), from the PK version that counts.
    baris: dict[tuple[int, int], tuple[int, Target]]
    target_tw: dict[int, dict[int, Target]]
    target_renstra: dict[int, dict[int, Target]]
    # (indicator, year) → TW I–IV as the engine takes them (number, or scale label).
    realisasi: dict[tuple[int, int], list[Nilai]]
    rekaman: dict[tuple[int, int, int], dict[str, Any]]

    def target(self, ids: Iterable[int], tahun: int) -> Target | None:
        ids = list(ids)
        for i in ids:
            b = self.baris.get((i, tahun))
            if b is not None:
                return b[1]
        for i in ids:
            t = self.target_renstra.get(i, {}).get(tahun)
            if t is not None:
                return t
        return None

    def tw(self, ids: Iterable[int], tahun: int) -> dict[int, Target]:
        for i in ids:
            b = self.baris.get((i, tahun))
            if b is not None:
                return self.target_tw.get(b[0], {})
        return {}

    def nilai_tw(self, ids: Iterable[int], tahun: int) -> list[Nilai]:
        """TW I–IV of the year. A Renstra revised during the year leaves the earlier
        quarters on the old version's indicator: each quarter counts from the newest
        version that has it."""
        hasil: list[Nilai] | None = None
        for i in ids:
            v = self.realisasi.get((i, tahun))
            if v is None:
                continue
            if hasil is None:
                hasil = v
            elif None in hasil:
                hasil = [a if a is not None else b for a, b in zip(hasil, v, strict=True)]
        return hasil if hasil is not None else [None, None, None, None]

    def pk_renstra(self, renstra: Renstra, tahun: int) -> PerjanjianKinerja | None:
        """The year's PK for `renstra`, possibly made on an earlier version of it (see
        `pk_berlaku_periode`; `pk` then holds one PK per period and year)."""
        return next((p for (_, t), p in self.pk.items() if t == tahun
                     and _periode(p.renstra) == _periode(renstra)), None)


def _periode(r: Renstra) -> tuple[int, int]:
    return r.tahun_awal, r.tahun_akhir


def pk_berlaku_periode(pks: Iterable[PerjanjianKinerja]) -> dict[tuple[int, int],
                                                                  PerjanjianKinerja]:
    """`pk_berlaku` across the versions of a Renstra: the PK that counts per office, Renstra
    period and year, keyed by its (Renstra, year). A Perubahan Renstra copies the tree
    but leaves the PK of the year on the old version; that PK stays the agreement until
    one made on the revised Renstra is approved (a draft does not replace a signed PK,
    as within one version). Its targets then count for the copied indicators too
    (`_Sumber.target` follows them back through `asal`)."""
    menang: dict[tuple[int, int, int, int], PerjanjianKinerja] = {}
    for p in sorted(pks, key=lambda p: (p.status == StatusPk.DISETUJUI, p.renstra.versi,
                                        p.versi)):
        menang[(p.opd_id, *_periode(p.renstra), p.tahun)] = p
    return {(p.renstra_id, p.tahun): p for p in menang.values()}


def _muat_sumber(*, opd: Opd, tahun_dari: int, tahun_sampai: int,
                 indikator: dict[str, Any], untuk_grid: bool = False,
                 lalu_iku_saja: bool = False) -> _Sumber:
    """Four queries (six `untuk_grid`: the quarterly targets and the full records of
    `tahun_sampai`), whatever the number of indicators: PKs, their rows, Renstra targets,
    realisations. `indikator` filters on the indicator (level, id); `lalu_iku_saja` loads
    the earlier years of the IKU only (the trend chart), not of every indicator."""
    rentang = {"tahun__gte": tahun_dari, "tahun__lte": tahun_sampai}

    def tahun_ini_atau_iku(tahun: str) -> Q:
        if not lalu_iku_saja:
            return Q()
        return Q(**{tahun: tahun_sampai}) | Q(indikator__is_iku=True)

    pk = pk_berlaku_periode(
        PerjanjianKinerja.objects.filter(opd=opd, **rentang).select_related("renstra")
        .only("id", "renstra", "tahun", "versi", "status", "opd_id", "renstra__tahun_awal",
              "renstra__tahun_akhir", "renstra__versi")
    )
    pk_ids = {p.pk for p in pk.values()}
    ind_f = {f"indikator__{k}": v for k, v in indikator.items()}
    baris: dict[tuple[int, int], tuple[int, Target]] = {}
    for b in BarisPk.objects.filter(
        tahun_ini_atau_iku("perjanjian__tahun"), perjanjian__opd=opd,
        perjanjian__tahun__gte=tahun_dari, perjanjian__tahun__lte=tahun_sampai, **ind_f,
    ).values("id", "indikator_id", "perjanjian_id", "perjanjian__tahun", "target",
             "target_atas", "target_teks"):
        if b["perjanjian_id"] in pk_ids:
            baris[(b["indikator_id"], b["perjanjian__tahun"])] = (
                b["id"], Target(b["target"], b["target_atas"], b["target_teks"], "PK"))
    # Target instances serve `renstra.selectors.kondisi_akhir` too: it only reads `.nilai`.
    target_renstra: dict[int, dict[int, Target]] = defaultdict(dict)
    for ind_id, tahun, nilai, atas, teks in TargetRenstra.objects.filter(
        tahun_ini_atau_iku("tahun"), indikator__renstra__opd=opd, **ind_f
    ).values_list("indikator_id", "tahun", "nilai", "nilai_atas", "nilai_teks"):
        target_renstra[ind_id][tahun] = Target(nilai, atas, teks, "Renstra")
    kualitatif = Indikator.JenisTarget.KUALITATIF
    realisasi: dict[tuple[int, int], list[Nilai]] = {}
    for ind_id, tahun, tw, nilai, teks, jenis in Realisasi.objects.filter(
        tahun_ini_atau_iku("tahun"), indikator__renstra__opd=opd, **rentang, **ind_f
    ).order_by().values_list("indikator_id", "tahun", "triwulan", "nilai", "nilai_teks",
                             "indikator__jenis_target"):
        realisasi.setdefault((ind_id, tahun), [None] * 4)[tw - 1] = (
            (teks or None) if jenis == kualitatif else nilai)
    target_tw: dict[int, dict[int, Target]] = defaultdict(dict)
    rekaman_tw: dict[tuple[int, int, int], dict[str, Any]] = {}
    if untuk_grid:
        for baris_id, tw, nilai, teks in TargetTriwulan.objects.filter(
            baris__perjanjian__opd=opd, baris__perjanjian__tahun=tahun_sampai,
            **{f"baris__{k}": v for k, v in ind_f.items()},
        ).values_list("baris_id", "triwulan", "nilai", "nilai_teks"):
            target_tw[baris_id][tw] = Target(nilai, None, teks, "PK")
        for r in Realisasi.objects.filter(
            indikator__renstra__opd=opd, tahun=tahun_sampai, **ind_f
        ).values("id", "indikator_id", "tahun", "triwulan", "nilai", "nilai_teks",
                 "pembilang", "penyebut", "bukti_catatan", "bukti_file", "diisi_pada",
                 "diisi_oleh__username", "diisi_oleh__first_name", "diisi_oleh__last_name"):
            # Who filled it in, as colleagues know them (the login name if no name is set).
            nama = (r.pop("diisi_oleh__first_name"), r.pop("diisi_oleh__last_name"))
            r["diisi_oleh"] = " ".join(filter(None, nama)) or r["diisi_oleh__username"]
            rekaman_tw[(r["indikator_id"], r["tahun"], r["triwulan"])] = r
    return _Sumber(pk, baris, target_tw, target_renstra, realisasi, rekaman_tw)


# --- Perjanjian Kinerja -------------------------------------------------------------------


def pk_get(*, user: Any, pk: int) -> PerjanjianKinerja:
    """The PK if the user may read it; another office's → DoesNotExist (404)."""
    return (
        PerjanjianKinerja.objects.for_user(user)
        .select_related("opd__pemda", "renstra", "sebelumnya", "penggantinya")
        .get(pk=pk)
    )


def pk_list(*, user: Any, opd: Opd | None, tahun: int) -> QuerySet[PerjanjianKinerja]:
    if opd is None:
        return PerjanjianKinerja.objects.none()
    return (
        PerjanjianKinerja.objects.for_user(user)
        .filter(opd=opd, tahun=tahun)
        .select_related("renstra", "penggantinya")
        .annotate(jumlah_anggaran=Sum("program__anggaran"))
        .order_by("renstra__tahun_awal", "-versi")
    )


def renstra_untuk_tahun(*, user: Any, opd: Opd | None, tahun: int,
                        target: bool = True) -> list[Renstra]:
    """Current Renstra versions of the office covering the year (a transition year → two).

    `target=True`: years with targets (after the baseline); otherwise the baseline year
    counts too, for entering history."""
    if opd is None:
        return []
    qs = (
        Renstra.objects.for_user(user)
        .filter(opd=opd, tahun_akhir__gte=tahun)
        .exclude(status=Renstra.Status.DIGANTIKAN)
        .order_by("tahun_awal", "-versi")
    )
    qs = qs.filter(tahun_kondisi_awal__lt=tahun) if target else qs.filter(
        tahun_kondisi_awal__lte=tahun)
    return list(qs)


@dataclass
class BarisDokumen:
    obj: BarisPk
    target_renstra: Target | None
    triwulan: list[TargetTriwulan | None]

    @property
    def berbeda(self) -> bool:
        b = self.obj
        t = self.target_renstra or Target(None)
        return (b.target, b.target_atas, b.target_teks) != (t.nilai, t.atas, t.teks)


@dataclass
class DokumenPk:
    pk: PerjanjianKinerja
    baris: list[BarisDokumen]
    program: list[ProgramPk]
    jumlah_anggaran: Decimal
    peristiwa: list[PeristiwaPk]
    versi: list[PerjanjianKinerja]


def pk_dokumen(*, pk: PerjanjianKinerja) -> DokumenPk:
    """The PK with rows, quarterly targets, program table, events and all its versions
    (six queries)."""
    baris = list(
        pk.baris.select_related("indikator__sasaran", "indikator__tujuan",
                                "indikator__program", "indikator__kegiatan")
        .prefetch_related("triwulan")
    )
    target = {
        t.indikator_id: _target_renstra(t)
        for t in TargetRenstra.objects.filter(indikator__baris_pk__perjanjian=pk, tahun=pk.tahun)
    }
    dokumen_baris = []
    for b in baris:
        tw: list[TargetTriwulan | None] = [None] * 4
        for t in b.triwulan.all():
            tw[t.triwulan - 1] = t
        dokumen_baris.append(BarisDokumen(b, target.get(b.indikator_id), tw))
    program = list(pk.program.select_related("program"))
    return DokumenPk(
        pk=pk,
        baris=dokumen_baris,
        program=program,
        jumlah_anggaran=sum((p.anggaran for p in program), Decimal("0")),
        peristiwa=list(pk.peristiwa.select_related("oleh")),
        versi=list(PerjanjianKinerja.objects.filter(opd_id=pk.opd_id, renstra_id=pk.renstra_id,
                                                    tahun=pk.tahun).order_by("versi")),
    )


def renstra_program_urut(renstra: Renstra) -> list[Program]:
    return list(
        Program.objects.filter(sasaran__tujuan__renstra=renstra)
        .order_by("sasaran__tujuan__urutan", "sasaran__urutan", "urutan", "pk")
    )


def pk_sebelumnya(*, opd: Opd, tahun: int) -> PerjanjianKinerja | None:
    """The office's most recent earlier PK: its signatories pre-fill a new one."""
    return (PerjanjianKinerja.objects.filter(opd=opd, tahun__lt=tahun)
            .order_by("-tahun", "-versi").first())


# --- realisation grid ---------------------------------------------------------------------

LINGKUP = {
    "iku": "IKU",
    "sasaran": "Indikator tujuan dan sasaran",
    "semua": "Semua indikator",
}


@dataclass
class BarisGrid:
    indikator: Indikator
    induk: str
    target: Target | None
    target_tw: Target | None
    # The quarter's record: the indicator's own, else its earlier version's (`rekaman_lama`).
    rekaman: dict[str, Any] | None
    rekaman_lama: bool
    tw_lain: list[tuple[str, str]]
    hasil: capaian.HasilCapaian
    capaian_teks: str
    rumus: str
    dasar: str
    kategori: str
    kategori_kelas: str


@dataclass
class BagianGrid:
    renstra: Renstra
    pk: PerjanjianKinerja | None
    baris: list[BarisGrid]


def _baris_grid(ind: Indikator, induk: str, rantai: list[int], tahun: int, triwulan: int,
                sumber: _Sumber, aturan: Aturan) -> BarisGrid:
    """`rantai`: the indicator and its earlier versions, as the dashboard reads them."""
    skala = skala_ordinal(ind)
    nilai = sumber.nilai_tw(rantai, tahun)
    target = sumber.target(rantai, tahun)
    target_tw = sumber.tw(rantai, tahun).get(triwulan)
    if target_tw is not None and not target_tw.kosong:
        # Against the quarter's own target (rencana aksi) when the PK sets one.
        hasil = hitung(ind, target_tw, nilai[triwulan - 1], aturan, skala)
        dasar = f"terhadap target {NAMA_TW[triwulan - 1]}"
    else:
        sd = agregasi(ind, nilai[:triwulan], skala)
        hasil = hitung(ind, target, sd, aturan, skala)
        dasar = f"s.d. {NAMA_TW[triwulan - 1]} terhadap target tahunan"
    label, kelas = aturan.kategori(hasil.persen)
    # As the dashboard counts the quarter: the newest version that has it.
    rekaman = terbaru_dari(sumber.rekaman, ((i, tahun, triwulan) for i in rantai))
    return BarisGrid(
        indikator=ind, induk=induk, target=target, target_tw=target_tw, rekaman=rekaman,
        rekaman_lama=rekaman is not None and rekaman["indikator_id"] != ind.pk,
        tw_lain=[(NAMA_TW[i], tampil_nilai(ind, v)) for i, v in enumerate(nilai)
                 if i != triwulan - 1 and v is not None],
        hasil=hasil, capaian_teks=aturan.persen(hasil.persen),
        rumus=hasil.rumus_tampil(cara=aturan.cara) or hasil.keterangan, dasar=dasar,
        kategori=label, kategori_kelas=kelas,
    )


def _urut_pohon(renstra: Renstra, lingkup: str) -> list[tuple[Indikator, str]]:
    """Indicators of the Renstra in tree order with the node they hang on."""
    pohon = renstra_tree(renstra=renstra)
    hasil: list[tuple[Indikator, str]] = []

    def jalan(simpul: Any) -> None:
        label = label_simpul(simpul.level, simpul.obj)
        hasil.extend((b.obj, label) for b in simpul.indikator)
        for a in simpul.anak:
            jalan(a)

    for t in pohon.tujuan:
        jalan(t)
    if lingkup == "iku":
        return [(i, n) for i, n in hasil if i.is_iku]
    if lingkup == "sasaran":
        return [(i, n) for i, n in hasil if i.level in ("tujuan", "sasaran")]
    return hasil


def realisasi_grid(*, user: Any, opd: Opd, tahun: int, triwulan: int,
                   lingkup: str) -> list[BagianGrid]:
    """One row per indicator of every current Renstra covering the year."""
    aturan = aturan_pemda(opd.pemda)
    bagian = []
    sumber = _muat_sumber(opd=opd, tahun_dari=tahun, tahun_sampai=tahun,
                          indikator={}, untuk_grid=True)
    rantai = rantai_indikator(opd)
    for r in renstra_untuk_tahun(user=user, opd=opd, tahun=tahun, target=False):
        baris = [
            _baris_grid(ind, induk, rantai[ind.pk], tahun, triwulan, sumber, aturan)
            for ind, induk in _urut_pohon(r, lingkup) if ind.berlaku_pada(tahun)
        ]
        bagian.append(BagianGrid(r, sumber.pk_renstra(r, tahun), baris))
    return bagian


def realisasi_grid_baris(*, indikator: Indikator, induk: str, tahun: int,
                         triwulan: int) -> BarisGrid:
    """The same row for one indicator, re-rendered after an htmx save."""
    opd = indikator.renstra.opd
    rantai = rantai_indikator(opd)[indikator.pk]
    sumber = _muat_sumber(opd=opd, tahun_dari=tahun, tahun_sampai=tahun,
                          indikator={"id__in": rantai}, untuk_grid=True)
    return _baris_grid(indikator, induk, rantai, tahun, triwulan, sumber,
                       aturan_pemda(opd.pemda))


# --- Renstra versions: what was entered on a row before a Perubahan Renstra -----------------

Berversi = type[Indikator] | type[Sasaran] | type[Program] | type[Kegiatan]


def rantai_versi(model: Berversi, opd: Opd) -> dict[int, list[int]]:
    """Every row of `model` of the office with its earlier versions, newest first (one
    query)."""
    return _garis_keturunan(list(model.objects.filter(**{model.OPD_PATH: opd})
                                 .values("id", "asal_id")))


def rantai_indikator(opd: Opd) -> dict[int, list[int]]:
    return rantai_versi(Indikator, opd)


def versi_terkini(rantai: dict[int, list[int]]) -> dict[int, int]:
    """Each row → its copy in the newest Renstra version (itself when never copied): what
    a budget mapping, PK row or budget line made before a Perubahan Renstra stands for."""
    hasil: dict[int, int] = {}
    # The longest chain is the newest copy's: it is written last and wins.
    for i, r in sorted(rantai.items(), key=lambda x: len(x[1])):
        hasil.update(dict.fromkeys(r, i))
    return hasil


K = TypeVar("K")
V = TypeVar("V")


def terbaru_dari(nilai: Mapping[K, V], kunci: Iterable[K]) -> V | None:
    """The value of the first key that has one, keys of the newest indicator version first:
    what was entered on an indicator before a Perubahan Renstra counts for its copy until
    the copy has its own."""
    return next((nilai[k] for k in kunci if k in nilai), None)


def semua_dari(nilai: Mapping[K, V], kunci: Iterable[K]) -> list[V]:
    """The values of every key that has one, in the keys' order (newest version first):
    what `terbaru_dari` picks from, and the earlier versions' behind it."""
    return [nilai[k] for k in kunci if k in nilai]


def analisis_tahun(*, opd: Opd, tahun: int, rantai: dict[int, list[int]]
                   ) -> dict[int, AnalisisIndikator]:
    """The year's analysis of each indicator in `rantai` (the dashboard's standard, the
    LKjIP's causes and solutions): its own, else the one its earlier version has. One
    query."""
    return {i: v[0] for i, v in analisis_rantai(opd=opd, tahun=tahun, rantai=rantai).items()}


def analisis_rantai(*, opd: Opd, tahun: int, rantai: dict[int, list[int]]
                    ) -> dict[int, list[AnalisisIndikator]]:
    """The year's analyses of every version of each indicator in `rantai`, newest first
    (the review knows a text by its row, and the row changes when the copy gets its own).
    One query."""
    ada = {a.indikator_id: a for a in AnalisisIndikator.objects.filter(
        indikator__renstra__opd=opd, tahun=tahun)}
    return {i: v for i, r in rantai.items() if (v := semua_dari(ada, r))}


def analisis_get(*, indikator: Indikator, tahun: int) -> AnalisisIndikator:
    """The analysis form's row: the indicator's own, else a new one starting from the text
    of its earlier version, so an edit after a Perubahan Renstra goes to the current
    indicator and begins where the old one left off."""
    a = analisis_tahun(opd=indikator.renstra.opd, tahun=tahun, rantai={
        indikator.pk: rantai_indikator(indikator.renstra.opd)[indikator.pk]}).get(indikator.pk)
    if a is None:
        return AnalisisIndikator(indikator=indikator, tahun=tahun)
    if a.indikator_id != indikator.pk:
        a.pk, a.indikator, a.diisi_oleh = None, indikator, None
        a._state.adding = True
    return a


def label_simpul(level: str, node: Any) -> str:
    """The node an indicator hangs on, e.g. "Program: 2.17.03 Nama program"."""
    jenjang = {"sub_kegiatan": "Sub kegiatan"}.get(level, level.capitalize())
    kode = f"{node.kode} " if getattr(node, "kode", "") else ""
    return f"{jenjang}: {kode}{node.nama}"


# --- capaian dashboard --------------------------------------------------------------------


@dataclass
class NilaiTahun:
    tahun: int
    realisasi_teks: str
    capaian_teks: str
    catatan: str = ""


@dataclass
class Perbandingan:
    """The comparisons of one indicator (LKjIP Bab III A): previous years, progress toward
    the Renstra end target, the national standard."""

    lalu: list[NilaiTahun]
    target_akhir_teks: str
    kemajuan_teks: str
    kemajuan_ket: str
    standar_teks: str
    standar_sumber: str


@dataclass
class BarisCapaian:
    indikator: Indikator
    target: Target | None
    nilai_tw: list[Nilai]
    realisasi_teks: str
    hasil: capaian.HasilCapaian
    capaian_teks: str
    cara: str
    kategori: str
    kategori_kelas: str
    # Capaian per year, oldest first, for the trend chart of the IKU (None = not computable).
    tren: list[Decimal | None]
    banding: Perbandingan | None

    @property
    def rumus(self) -> str:
        """The formula with its numbers (or why there is none), rounded the pemda's way."""
        return self.hasil.rumus_tampil(cara=self.cara) or self.hasil.keterangan

    @property
    def triwulan(self) -> list[str]:
        """TW I–IV as displayed ("–" when empty); formatted only where a page shows them."""
        return [tampil_nilai(self.indikator, v) if v is not None else "–" for v in self.nilai_tw]


@dataclass
class KelompokSasaran:
    sasaran: Sasaran
    baris: list[BarisCapaian]
    rata_rata_teks: str
    n: int
    kategori: str
    kategori_kelas: str


@dataclass
class BagianCapaian:
    renstra: Renstra
    pk: PerjanjianKinerja | None
    tahun_lalu: list[int]
    sasaran: list[KelompokSasaran]
    rata_rata_teks: str
    n: int
    kategori: str
    kategori_kelas: str


@dataclass
class DasborCapaian:
    opd: Opd
    tahun: int
    aturan: Aturan
    bagian: list[BagianCapaian]
    rata_rata_teks: str
    n: int
    kategori: str
    kategori_kelas: str
    grafik: dict[str, Any]


def _garis_keturunan(indikator: list[dict[str, Any]]) -> dict[int, list[int]]:
    """Each indicator with the ones it was copied from in earlier Renstra versions
    (`asal`), newest first, so that history entered on an old version still counts."""
    asal = {i["id"]: i["asal_id"] for i in indikator}
    hasil = {}
    for i in asal:
        rantai, x = [i], asal[i]
        while x is not None and x in asal and x not in rantai:
            rantai.append(x)
            x = asal[x]
        hasil[i] = rantai
    return hasil


def _rata_rata(aturan: Aturan, nilai: list[capaian.HasilCapaian]) -> tuple[str, int, str, str]:
    rata, n = capaian.rata_rata_capaian(nilai)
    label, kelas = aturan.kategori(rata)
    return aturan.persen(rata), n, label, kelas


def _angka_grafik(v: Decimal | None) -> str | None:
    # Chart.js gets numbers as text (json_script), rounded only for drawing.
    return None if v is None else str(bulatkan(v, 2))


def capaian_dasbor(*, user: Any, opd: Opd, tahun: int,
                   perbandingan: bool = False) -> DasborCapaian:
    """Per Renstra period covering the year, per sasaran: its indicators with target,
    quarters, annual realisation, capaian, category; means per sasaran, period and office;
    chart data (capaian per IKU, IKU trend). With `perbandingan` also, per indicator, the
    previous years, the progress toward the Renstra end target and the national standard
    (a tab of its own: a large office would otherwise pay for it on every visit).

    Eight queries (nine with `perbandingan`) however many indicators: tests assert 1 vs 20,
    bench/bench_kinerja.py times 1.500."""
    aturan = aturan_pemda(opd.pemda)
    renstra = renstra_untuk_tahun(user=user, opd=opd, tahun=tahun)
    dari = min([max(tahun - JUMLAH_TAHUN_LALU, r.tahun_kondisi_awal) for r in renstra],
               default=tahun)
    semua = list(
        Indikator.objects.filter(renstra__opd=opd, level="sasaran").order_by("urutan", "pk")
    )
    rantai = _garis_keturunan([{"id": i.pk, "asal_id": i.asal_id} for i in semua])
    sumber = _muat_sumber(opd=opd, tahun_dari=dari, tahun_sampai=tahun,
                          indikator={"level": "sasaran"}, lalu_iku_saja=not perbandingan)
    analisis = analisis_tahun(opd=opd, tahun=tahun, rantai=rantai) if perbandingan else {}
    renstra_ids = {r.pk for r in renstra}
    sasaran_per: dict[int, list[Sasaran]] = defaultdict(list)
    for s in Sasaran.objects.filter(tujuan__renstra_id__in=renstra_ids).select_related(
        "tujuan"
    ).order_by("tujuan__urutan", "tujuan_id", "urutan", "pk"):
        sasaran_per[s.tujuan.renstra_id].append(s)
    per_sasaran: dict[int, list[Indikator]] = defaultdict(list)
    for i in semua:
        if i.renstra_id in renstra_ids and i.berlaku_pada(tahun):
            per_sasaran[i.sasaran_id].append(i)  # type: ignore[index]

    bagian = []
    semua_hasil: list[capaian.HasilCapaian] = []
    grafik_iku: dict[str, list[Any]] = {"label": [], "capaian": [], "kategori": [], "kelas": []}
    tren: list[dict[str, Any]] = []
    tahun_grafik: list[int] = list(range(dari, tahun + 1))
    for r in renstra:
        lalu = list(range(max(tahun - JUMLAH_TAHUN_LALU, r.tahun_kondisi_awal), tahun))
        kelompok = []
        hasil_bagian: list[capaian.HasilCapaian] = []
        for s in sasaran_per[r.pk]:
            baris = [
                _baris_capaian(i, rantai[i.pk], tahun, lalu, sumber, aturan, r,
                               perbandingan=perbandingan, analisis=analisis.get(i.pk))
                for i in per_sasaran[s.pk]
            ]
            hasil = [b.hasil for b in baris]
            hasil_bagian.extend(hasil)
            kelompok.append(KelompokSasaran(s, baris, *_rata_rata(aturan, hasil)))
            for b in baris:
                if not b.indikator.is_iku:
                    continue
                nama = b.indikator.nama if len(renstra) == 1 else (
                    f"{b.indikator.nama} ({r.periode})")
                grafik_iku["label"].append(nama)
                grafik_iku["capaian"].append(_angka_grafik(b.hasil.persen))
                grafik_iku["kategori"].append(b.kategori)
                grafik_iku["kelas"].append(b.kategori_kelas)
                per_tahun = dict(zip([*lalu, tahun], b.tren, strict=True))
                tren.append({"label": nama,
                             "data": [_angka_grafik(per_tahun.get(t)) for t in tahun_grafik]})
        semua_hasil.extend(hasil_bagian)
        bagian.append(BagianCapaian(r, sumber.pk_renstra(r, tahun), lalu, kelompok,
                                    *_rata_rata(aturan, hasil_bagian)))
    return DasborCapaian(
        opd, tahun, aturan, bagian, *_rata_rata(aturan, semua_hasil),
        grafik={
            "iku": grafik_iku,
            "tren": {"tahun": tahun_grafik, "seri": tren},
            # Nothing to draw until some IKU capaian is computable: the page says so instead.
            "ada": any(v is not None for v in grafik_iku["capaian"]),
            "ada_tren": any(v is not None for s in tren for v in s["data"]),
        },
    )


def _tahun_lalu(ind: Indikator, rantai: list[int], lalu: list[int], sumber: _Sumber,
                aturan: Aturan, skala: capaian.SkalaOrdinal | None,
                renstra: Renstra) -> list[tuple[int, Nilai, capaian.HasilCapaian, str]]:
    """(year, annual realisation, capaian, note) of each previous year."""
    hasil = []
    for t in lalu:
        r_lalu = agregasi(ind, sumber.nilai_tw(rantai, t), skala)
        catatan = ""
        if r_lalu is None and t == renstra.tahun_kondisi_awal:
            # The baseline of the Renstra is the realisation of its base year.
            r_lalu = ind.kondisi_awal_teks or ind.kondisi_awal
            catatan = "kondisi awal" if r_lalu is not None else ""
        hasil.append((t, r_lalu, hitung(ind, sumber.target(rantai, t), r_lalu, aturan, skala),
                      catatan))
    return hasil


def _baris_capaian(ind: Indikator, rantai: list[int], tahun: int, lalu: list[int],
                   sumber: _Sumber, aturan: Aturan, renstra: Renstra, *, perbandingan: bool,
                   analisis: AnalisisIndikator | None) -> BarisCapaian:
    """One dashboard row; previous years only for the IKU trend unless `perbandingan`."""
    skala = skala_ordinal(ind)
    nilai_tw = sumber.nilai_tw(rantai, tahun)
    target = sumber.target(rantai, tahun)
    realisasi = agregasi(ind, nilai_tw, skala)
    hasil = hitung(ind, target, realisasi, aturan, skala)
    label, kelas = aturan.kategori(hasil.persen)
    dengan_lalu = ind.is_iku or perbandingan
    riwayat = _tahun_lalu(ind, rantai, lalu, sumber, aturan, skala, renstra) if dengan_lalu else []
    banding = None
    if perbandingan:
        akhir = kondisi_akhir(ind, sumber.target_renstra.get(ind.pk, {}))  # type: ignore[arg-type]
        kemajuan, kemajuan_ket = _kemajuan(ind, realisasi, akhir)
        standar = analisis if analisis and analisis.standar_nasional is not None else None
        banding = Perbandingan(
            lalu=[NilaiTahun(t, tampil_nilai(ind, r), aturan.persen(h.persen), c)
                  for t, r, h, c in riwayat],
            target_akhir_teks=ind.kondisi_akhir_teks or format_angka(akhir),
            kemajuan_teks=aturan.persen(kemajuan), kemajuan_ket=kemajuan_ket,
            standar_teks=format_angka(standar.standar_nasional) if standar else "-",
            standar_sumber=standar.standar_nasional_sumber if standar else "",
        )
    return BarisCapaian(
        indikator=ind, target=target,
        nilai_tw=nilai_tw,
        realisasi_teks=tampil_nilai(ind, realisasi), hasil=hasil,
        capaian_teks=aturan.persen(hasil.persen), cara=aturan.cara,
        kategori=label, kategori_kelas=kelas,
        tren=[*(h.persen for _, _, h, _ in riwayat), hasil.persen] if dengan_lalu else [],
        banding=banding,
    )


def _kemajuan(ind: Indikator, realisasi: Nilai,
              akhir: Decimal | None) -> tuple[Decimal | None, str]:
    """Tingkat kemajuan: how far this year's realisation is toward the Renstra end target."""
    if ind.polaritas not in (Indikator.Polaritas.NAIK, Indikator.Polaritas.TURUN):
        return None, "tidak berlaku untuk polaritas rentang/stabil"
    if not isinstance(realisasi, Decimal) or akhir is None:
        return None, "belum ada data" if akhir is not None else "target akhir belum diisi"
    try:
        # Four decimals of precision; the page rounds for display like every capaian.
        return capaian.realisasi_progres(realisasi, akhir, desimal=4,
                                         polaritas=ind.polaritas), ""
    except ValueError as exc:
        return None, str(exc)
