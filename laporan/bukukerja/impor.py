"""Importing the office workbook: every row compared with the database, applied all or
nothing through the domain services, recorded in `LogImpor`.

The preview and the apply run the same path: parse and compare each row, then call the
services for the rows that change, inside a savepoint. The preview rolls it back; so does
an apply with any rejected row. The bulk services (realisations, budget) have a checking
twin that runs every rule without writing, which the preview uses. The services' own
refusals (validation, a locked period, a PK already submitted) therefore show in the
preview, against the row and cell they concern, exactly as the apply would meet them.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from anggaran.models import BarisAnggaran, KelompokBelanja
from anggaran.services import AnggaranMassal, anggaran_bulk_check, anggaran_bulk_update
from kinerja.models import validasi_nilai_target
from kinerja.services import (
    GalatBaris,
    RealisasiMassal,
    pk_target_update,
    realisasi_bulk_check,
    realisasi_bulk_update,
)
from renstra.models import Indikator
from renstra.services import indikator_save
from sakip.formatting import format_angka
from sakip.models import Opd

from ..models import LogImpor
from . import templat as t
from .data import DataBukuKerja, buku_kerja_data, indikator_kualitatif
from .validasi import BarisBaca, BukuBaca, GalatSel, LembarBaca, Sel, angka, baca, bulat, teks

BARU, UBAH, SAMA, TOLAK = "baru", "ubah", "sama", "tolak"
STATUS = {BARU: "baru", UBAH: "diubah", SAMA: "tetap", TOLAK: "ditolak"}
DESIMAL_NILAI = 4
DESIMAL_UANG = 2


@dataclass
class Perubahan:
    kolom: str
    lama: str
    baru: str


@dataclass
class BarisImpor:
    lembar: str
    nomor: int
    uraian: str
    status: str = SAMA
    perubahan: list[Perubahan] = field(default_factory=list)
    galat: list[str] = field(default_factory=list)
    # Columns whose cell could not be read: they show no old → new.
    kolom_gagal: set[str] = field(default_factory=set)

    def tolak(self, pesan: str) -> None:
        self.galat.append(pesan)
        self.status = TOLAK

    @property
    def label_status(self) -> str:
        return STATUS[self.status]


@dataclass
class HasilImpor:
    opd: Opd
    tahun: int
    nama_file: str
    sha256: str
    baris: list[BarisImpor]
    peringatan: list[str]
    diterapkan: bool = False
    log: LogImpor | None = None

    def jumlah(self, status: str) -> int:
        return sum(1 for b in self.baris if b.status == status)

    @property
    def jumlah_per_status(self) -> dict[str, int]:
        return {s: self.jumlah(s) for s in STATUS}

    @property
    def ada_perubahan(self) -> bool:
        return any(b.status in (BARU, UBAH) for b in self.baris)

    @property
    def dapat_diterapkan(self) -> bool:
        return self.ada_perubahan and not self.jumlah(TOLAK)

    @property
    def galat(self) -> list[str]:
        return [g for b in self.baris for g in b.galat]


def _tampil(v: Any) -> str:
    if v is None or v == "":
        return "-"
    if isinstance(v, Decimal | int):
        return format_angka(v)
    return str(v)


def _tampil_id(v: Any) -> str:
    """An id as typed in the key column: like a code, never with thousands separators."""
    if isinstance(v, Decimal | int):
        return format_angka(v, ribuan=False)
    return _tampil(v)


def _sama(lama: Any, baru: Any) -> bool:
    return (lama in (None, "")) == (baru in (None, "")) and (lama in (None, "") or lama == baru)


def _pesan_layanan(lb: t.Lembar, nomor: int, e: Exception,
                   kolom: dict[str, str]) -> list[str]:
    """A service's refusal as row messages, naming the column where the field has one."""
    dasar = f"Sheet {lb.nama}, baris {nomor}"
    if isinstance(e, ValidationError) and hasattr(e, "error_dict"):
        hasil = []
        for nama, pesan in e.message_dict.items():
            letak = f"{dasar}, kolom {lb.huruf(kolom[nama])}" if nama in kolom else dasar
            hasil += [f"{letak}: {p}" for p in pesan]
        return hasil
    pesan = e.messages if isinstance(e, ValidationError) else [str(e)]
    return [f"{dasar}: {p}" for p in pesan]


class _Lembar:
    """One sheet: `rencana` reads and compares its rows, `terapkan` calls the services
    for the rows that change and puts their refusals back on those rows."""

    lembar: t.Lembar
    # Model field → column, to place the services' errors.
    kolom_galat: dict[str, str] = {}

    def __init__(self, data: DataBukuKerja, isi: LembarBaca) -> None:
        self.data, self.isi = data, isi
        self.baris: list[BarisImpor] = []
        self._kunci: dict[Any, int] = {}

    def _mulai(self, b: BarisBaca) -> BarisImpor:
        bi = BarisImpor(self.lembar.nama, b.nomor, "")
        for g in b.galat:
            bi.tolak(g)
        self.baris.append(bi)
        return bi

    def _baca(self, bi: BarisImpor, b: BarisBaca, nama: str,
              fungsi: Callable[..., Any], **opsi: Any) -> Any:
        try:
            return fungsi(b.sel[nama], **opsi)
        except GalatSel as exc:
            self._tolak_sel(bi, nama, exc)
            return None

    def _tolak_sel(self, bi: BarisImpor, nama: str, galat: GalatSel) -> None:
        bi.tolak(str(galat))
        bi.kolom_gagal.add(nama)

    def _kunci_unik(self, bi: BarisImpor, kunci: Any, label: str) -> bool:
        """A record may appear once; a copied row would apply twice."""
        if kunci in self._kunci:
            bi.tolak(f"Sheet {self.lembar.nama}, baris {bi.nomor}: {label} sudah ada di baris "
                     f"{self._kunci[kunci]}; setiap baris hanya boleh muncul sekali.")
            return False
        self._kunci[kunci] = bi.nomor
        return True

    def _tidak_dikenal(self, bi: BarisImpor, label: str) -> None:
        d = self.data
        bi.tolak(f"Sheet {self.lembar.nama}, baris {bi.nomor}: {label} tidak dikenal untuk "
                 f"{d.opd} tahun {d.tahun}. Jangan mengubah kolom kunci; unduh buku kerja baru "
                 "bila datanya sudah berubah.")

    def _nilai_indikator(self, bi: BarisImpor, b: BarisBaca, nama: str,
                         ind: Indikator) -> tuple[Decimal | None, str]:
        """(number, label) of a value column: a label of the scale for a qualitative
        indicator, a number otherwise."""
        if not indikator_kualitatif(ind):
            return self._baca(bi, b, nama, angka, desimal=DESIMAL_NILAI, negatif=True), ""
        s: Sel = b.sel[nama]
        label = self._baca(bi, b, nama, teks, maks=60) or ""
        if label and label not in ind.skala_kualitatif:
            self._tolak_sel(bi, nama, s.galat(f"'{label}' tidak ada dalam skala "
                                              f"({', '.join(ind.skala_kualitatif)})"))
        return None, label

    def _bandingkan(self, bi: BarisImpor, pasangan: Iterable[tuple[str, Any, Any]],
                    baru: bool) -> bool:
        """Record what changes (column title, old, new); True when something does."""
        for nama, lama, isi in pasangan:
            if nama not in bi.kolom_gagal and not _sama(lama, isi):
                bi.perubahan.append(Perubahan(self.lembar.judul_kolom(nama), _tampil(lama),
                                              _tampil(isi)))
        if bi.perubahan and bi.status != TOLAK:
            bi.status = BARU if baru else UBAH
        return bool(bi.perubahan)

    def _tolak_layanan(self, bi: BarisImpor, e: Exception) -> None:
        for p in _pesan_layanan(self.lembar, bi.nomor, e, self.kolom_galat):
            bi.tolak(p)

    def rencana(self) -> None:
        for b in self.isi.baris:
            self._rencana_baris(self._mulai(b), b)

    def _rencana_baris(self, bi: BarisImpor, b: BarisBaca) -> None:
        raise NotImplementedError

    def terapkan(self, *, oleh: Any, alasan: str, tulis: bool) -> None:
        """Call the services; with `tulis` False the bulk ones only check (the preview)."""
        raise NotImplementedError


class _Renstra(_Lembar):
    lembar = t.RENSTRA
    kolom_galat = {"target": "target", "target_teks": "target", "target_atas": "target_atas",
                   "nilai": "target", "nilai_teks": "target", "nilai_atas": "target_atas",
                   "pagu": "pagu", "sumber_dana": "sumber_dana"}

    def __init__(self, data: DataBukuKerja, isi: LembarBaca) -> None:
        super().__init__(data, isi)
        self.per_id = {x.indikator.pk: x for x in data.renstra}
        self.tulis: list[tuple[BarisImpor, Indikator, dict[str, Any]]] = []

    def _rencana_baris(self, bi: BarisImpor, b: BarisBaca) -> None:
        ind_id = self._baca(bi, b, "id", bulat)
        x = self.per_id.get(ind_id) if ind_id is not None else None
        if x is None:
            return self._tidak_dikenal(bi, f"ID indikator '{_tampil_id(b.sel['id'].nilai)}'")
        if not self._kunci_unik(bi, ind_id, f"ID indikator {ind_id}"):
            return None
        ind = x.indikator
        bi.uraian = ind.nama
        nilai, label = self._nilai_indikator(bi, b, "target", ind)
        atas = self._baca(bi, b, "target_atas", angka, desimal=DESIMAL_NILAI, negatif=True)
        isi = {"nilai": nilai, "nilai_atas": atas, "nilai_teks": label,
               "pagu": self._baca(bi, b, "pagu", angka, desimal=DESIMAL_UANG),
               "sumber_dana": self._baca(bi, b, "sumber_dana", teks, maks=100) or ""}
        if any(v not in (None, "") for v in isi.values()):
            galat = validasi_nilai_target(ind, nilai, atas, label)
            if galat:
                self._tolak_layanan(bi, ValidationError(galat))
        lama = x.target
        berubah = self._bandingkan(bi, [
            ("target", (lama.nilai_teks or lama.nilai) if lama else None, label or nilai),
            ("target_atas", lama.nilai_atas if lama else None, atas),
            ("pagu", lama.pagu if lama else None, isi["pagu"]),
            ("sumber_dana", lama.sumber_dana if lama else None, isi["sumber_dana"]),
        ], baru=lama is None)
        if berubah and bi.status != TOLAK:
            self.tulis.append((bi, ind, isi))
        return None

    def terapkan(self, *, oleh: Any, alasan: str, tulis: bool) -> None:
        for bi, ind, isi in self.tulis:
            try:
                indikator_save(renstra=ind.renstra, indikator=ind, target={self.data.tahun: isi},
                               oleh=oleh, alasan=alasan)
            except (ValidationError, PermissionDenied) as e:
                self._tolak_layanan(bi, e)


class _Pk(_Lembar):
    lembar = t.PK
    kolom_galat = {"target": "target", "target_teks": "target", "target_atas": "target_atas",
                   "alasan_target": "alasan", **{f"tw{n}": f"tw{n}" for n in t.TW}}

    def __init__(self, data: DataBukuKerja, isi: LembarBaca) -> None:
        super().__init__(data, isi)
        self.per_id = {x.baris.pk: x for x in data.pk}
        self.tulis: list[tuple[BarisImpor, Any, dict[str, Any]]] = []

    def _rencana_baris(self, bi: BarisImpor, b: BarisBaca) -> None:
        baris_id = self._baca(bi, b, "id", bulat)
        x = self.per_id.get(baris_id) if baris_id is not None else None
        if x is None:
            return self._tidak_dikenal(bi, f"ID baris PK '{_tampil(b.sel['id'].nilai)}'")
        if not self._kunci_unik(bi, baris_id, f"ID baris PK {baris_id}"):
            return None
        baris, ind = x.baris, x.baris.indikator
        bi.uraian = ind.nama
        nilai, label = self._nilai_indikator(bi, b, "target", ind)
        isi: dict[str, Any] = {
            "target": nilai, "target_teks": label,
            "target_atas": self._baca(bi, b, "target_atas", angka, desimal=DESIMAL_NILAI,
                                      negatif=True),
            "alasan_target": self._baca(bi, b, "alasan", teks, maks=2000) or "",
            "triwulan": {n: self._nilai_indikator(bi, b, f"tw{n}", ind) for n in t.TW},
        }
        lama_tw = {n: x.triwulan.get(n) for n in t.TW}
        berubah = self._bandingkan(bi, [
            ("target", baris.target_teks or baris.target, label or nilai),
            ("target_atas", baris.target_atas, isi["target_atas"]),
            ("alasan", baris.alasan_target, isi["alasan_target"]),
            *((f"tw{n}", (lama.nilai_teks or lama.nilai) if lama else None,
               isi["triwulan"][n][1] or isi["triwulan"][n][0]) for n, lama in lama_tw.items()),
        ], baru=False)
        if berubah and bi.status != TOLAK:
            self.tulis.append((bi, baris, isi))
        return None

    def terapkan(self, *, oleh: Any, alasan: str, tulis: bool) -> None:
        per_pk: dict[int, list[tuple[BarisImpor, Any, dict[str, Any]]]] = defaultdict(list)
        for item in self.tulis:
            per_pk[item[1].perjanjian_id].append(item)
        for daftar in per_pk.values():
            pk = daftar[0][1].perjanjian
            try:
                pk_target_update(pk=pk, isian={baris: isi for _, baris, isi in daftar},
                                 oleh=oleh)
            except GalatBaris as e:
                for bi, baris, _ in daftar:
                    if baris.pk in e.per_baris:
                        self._tolak_layanan(bi, e.per_baris[baris.pk])
            except (ValidationError, PermissionDenied) as e:
                for bi, _, _ in daftar:
                    self._tolak_layanan(bi, e)


class _Realisasi(_Lembar):
    lembar = t.REALISASI
    kolom_galat = {"nilai": "nilai", "nilai_teks": "nilai", "pembilang": "pembilang",
                   "penyebut": "penyebut", "bukti_catatan": "bukti", "triwulan": "triwulan"}

    def __init__(self, data: DataBukuKerja, isi: LembarBaca) -> None:
        super().__init__(data, isi)
        self.per_id = {x.indikator.pk: x for x in data.realisasi}
        self.tulis: list[tuple[BarisImpor, RealisasiMassal]] = []

    def _rencana_baris(self, bi: BarisImpor, b: BarisBaca) -> None:
        ind_id = self._baca(bi, b, "id", bulat)
        tw = self._baca(bi, b, "triwulan", bulat)
        x = self.per_id.get(ind_id) if ind_id is not None else None
        if x is None or tw not in t.TW:
            label = (f"ID indikator '{_tampil_id(b.sel['id'].nilai)}' triwulan "
                     f"'{_tampil(b.sel['triwulan'].nilai)}'")
            return self._tidak_dikenal(bi, label)
        if not self._kunci_unik(bi, (ind_id, tw), f"ID indikator {ind_id} {t.TW[tw]}"):
            return None
        ind = x.indikator
        bi.uraian = f"{ind.nama} — {t.TW[tw]}"
        nilai, label = self._nilai_indikator(bi, b, "nilai", ind)
        pembilang = self._baca(bi, b, "pembilang", angka, desimal=DESIMAL_NILAI, negatif=True)
        penyebut = self._baca(bi, b, "penyebut", angka, desimal=DESIMAL_NILAI, negatif=True)
        letak = f"Sheet {self.lembar.nama}, baris {bi.nomor}"
        if (pembilang is not None or penyebut is not None) and (
                indikator_kualitatif(ind) or ind.jenis_rumus == Indikator.JenisRumus.LANGSUNG):
            bi.tolak(f"{letak}, kolom {self.lembar.huruf('pembilang')}: indikator ini diisi "
                     "nilai langsung; kosongkan pembilang dan penyebut.")
        elif nilai is not None and pembilang is not None:
            bi.tolak(f"{letak}, kolom {self.lembar.huruf('nilai')}: isi realisasi langsung "
                     "atau pembilang/penyebut, jangan keduanya.")
        bukti = self._baca(bi, b, "bukti", teks, maks=2000) or ""
        r = self.data.rekaman.get((ind.pk, tw))
        lama_nilai = None if r is None else (r.nilai_teks or None if indikator_kualitatif(ind)
                                             else None if r.pembilang is not None else r.nilai)
        berubah = self._bandingkan(bi, [
            ("nilai", lama_nilai, label or nilai),
            ("pembilang", r.pembilang if r else None, pembilang),
            ("penyebut", r.penyebut if r else None, penyebut),
            ("bukti", r.bukti_catatan if r else None, bukti),
        ], baru=r is None)
        if berubah and bi.status != TOLAK:
            self.tulis.append((bi, RealisasiMassal(ind, self.data.tahun, tw, nilai, label,
                                                   pembilang, penyebut, bukti)))
        return None

    def terapkan(self, *, oleh: Any, alasan: str, tulis: bool) -> None:
        if not self.tulis:
            return
        isian = [r for _, r in self.tulis]
        try:
            if tulis:
                realisasi_bulk_update(isian=isian, oleh=oleh, alasan=alasan)
            else:
                realisasi_bulk_check(isian=isian)
        except GalatBaris as e:
            for n, galat in e.per_baris.items():
                self._tolak_layanan(self.tulis[n][0], galat)
        except PermissionDenied as e:
            for bi, _ in self.tulis:
                self._tolak_layanan(bi, e)


class _Anggaran(_Lembar):
    lembar = t.ANGGARAN
    kolom_galat = {"kelompok": "kelompok", "pagu_murni": "pagu_murni",
                   "pagu_perubahan": "pagu_perubahan"}

    def __init__(self, data: DataBukuKerja, isi: LembarBaca) -> None:
        super().__init__(data, isi)
        self.per_kunci = {(x.jenis, x.induk.pk): x for x in data.anggaran_baris}
        self.kelompok = data.pilihan_kelompok()
        self.tulis: list[tuple[BarisImpor, AnggaranMassal]] = []

    def _kelompok(self, bi: BarisImpor, b: BarisBaca, pendapatan: bool
                  ) -> KelompokBelanja | None:
        s: Sel = b.sel["kelompok"]
        nama = self._baca(bi, b, "kelompok", teks, maks=120)
        if pendapatan:
            if nama:
                self._tolak_sel(bi, "kelompok", s.galat(
                    "pendapatan tidak memakai kelompok belanja; kosongkan"))
            return None
        if not nama:
            self._tolak_sel(bi, "kelompok", s.galat("pilih kelompok belanja"))
        elif nama not in self.kelompok:
            self._tolak_sel(bi, "kelompok", s.galat(
                f"'{nama}' bukan kelompok belanja tahun {self.data.tahun} (pilihan: "
                f"{', '.join(self.kelompok)})"))
        return self.kelompok.get(nama or "")

    def _rencana_baris(self, bi: BarisImpor, b: BarisBaca) -> None:
        jenis_teks = self._baca(bi, b, "jenis", teks, maks=60) or ""
        jenis = "baris" if jenis_teks == t.JENIS_BARIS else "pos"
        induk_id = self._baca(bi, b, "id", bulat)
        x = self.per_kunci.get((jenis, induk_id))
        if x is None:
            return self._tidak_dikenal(bi, f"{jenis_teks or 'Jenis'} dengan ID "
                                           f"'{_tampil(b.sel['id'].nilai)}'")
        if not self._kunci_unik(bi, (jenis, induk_id), f"{jenis_teks} ID {induk_id}"):
            return None
        induk = x.induk
        bi.uraian = f"{x.kode} {x.uraian}".strip()
        pendapatan = not isinstance(induk, BarisAnggaran) and induk.kelompok_id is None
        kelompok = self._kelompok(bi, b, pendapatan)
        murni = self._baca(bi, b, "pagu_murni", angka, desimal=DESIMAL_UANG)
        if b.sel["pagu_murni"].kosong:
            self._tolak_sel(bi, "pagu_murni",
                            b.sel["pagu_murni"].galat("wajib diisi (tulis 0 bila tidak ada)"))
        perubahan = self._baca(bi, b, "pagu_perubahan", angka, desimal=DESIMAL_UANG)
        tw_baru = {n: self._baca(bi, b, f"tw{n}", angka, desimal=DESIMAL_UANG) for n in t.TW}
        tw_ubah = {}
        for n, nama in t.TW.items():
            lama = x.tw.get(n)
            if _sama(lama.nilai if lama else None, tw_baru[n]):
                continue
            if lama is not None and lama.bulanan:
                bi.tolak(str(b.sel[f"tw{n}"].galat(
                    f"{nama} diisi per bulan di aplikasi; ubah di halaman Realisasi anggaran")))
            else:
                tw_ubah[n] = tw_baru[n]
        berubah = self._bandingkan(bi, [
            ("kelompok", induk.kelompok.nama if induk.kelompok else None,
             kelompok.nama if kelompok else None),
            ("pagu_murni", induk.pagu_murni, murni),
            ("pagu_perubahan", induk.pagu_perubahan, perubahan),
            *((f"tw{n}", x.tw[n].nilai if n in x.tw else None, tw_baru[n]) for n in t.TW),
        ], baru=False)
        if berubah and bi.status != TOLAK and murni is not None:
            self.tulis.append((bi, AnggaranMassal(induk, kelompok, murni, perubahan, tw_ubah)))
        return None

    def terapkan(self, *, oleh: Any, alasan: str, tulis: bool) -> None:
        if not self.tulis or self.data.anggaran is None:
            return
        isian = [a for _, a in self.tulis]
        try:
            if tulis:
                anggaran_bulk_update(anggaran=self.data.anggaran, isian=isian, oleh=oleh,
                                     alasan=alasan)
            else:
                anggaran_bulk_check(anggaran=self.data.anggaran, isian=isian)
        except GalatBaris as e:
            for n, galat in e.per_baris.items():
                self._tolak_layanan(self.tulis[n][0], galat)
        except PermissionDenied as e:
            for bi, _ in self.tulis:
                self._tolak_layanan(bi, e)


def _periksa(buku: BukuBaca, *, opd: Opd, nama_file: str, sha256: str, oleh: Any,
             terapkan: bool) -> HasilImpor:
    """Compare and run the services in a savepoint; keep the writes only when applying
    and every row passed."""
    alasan = f"Impor buku kerja {nama_file}"[:100]
    with transaction.atomic():
        data = buku_kerja_data(opd=opd, tahun=buku.tahun)
        lembar = [kelas(data, buku.lembar[kelas.lembar.nama])
                  for kelas in (_Renstra, _Pk, _Realisasi, _Anggaran)]
        for lb in lembar:
            lb.rencana()
        # Writing in bulk only pays when it may be kept; otherwise checking says as much.
        tulis = terapkan and not any(b.status == TOLAK for lb in lembar for b in lb.baris)
        # In this order: a Renstra target changed above is what a PK row is compared to.
        for lb in lembar:
            lb.terapkan(oleh=oleh, alasan=alasan, tulis=tulis)
        hasil = HasilImpor(opd, buku.tahun, nama_file, sha256,
                           [b for lb in lembar for b in lb.baris], buku.peringatan)
        hasil.diterapkan = terapkan and hasil.dapat_diterapkan
        if not hasil.diterapkan:
            transaction.set_rollback(True)
    return hasil


def sha256(isi: bytes) -> str:
    return hashlib.sha256(isi).hexdigest()


def impor_periksa(*, isi: bytes, nama_file: str, opd: Opd, tahun: int | None,
                  oleh: Any) -> HasilImpor:
    """What importing the file would do, without writing anything (the preview)."""
    buku = baca(isi, slug=opd.slug, tahun=tahun)
    return _periksa(buku, opd=opd, nama_file=nama_file, sha256=sha256(isi), oleh=oleh,
                    terapkan=False)


@transaction.atomic
def impor_apply(*, isi: bytes, nama_file: str, opd: Opd, tahun: int | None, oleh: Any,
                terapkan: bool) -> HasilImpor:
    """Check the file and, with `terapkan`, apply it when every row passes; either way
    record the check in `LogImpor` (in the same transaction as the data it applied).
    A file that cannot be this office's workbook raises `GalatBerkas` and is not logged."""
    buku = baca(isi, slug=opd.slug, tahun=tahun)
    hasil = _periksa(buku, opd=opd, nama_file=nama_file, sha256=sha256(isi), oleh=oleh,
                     terapkan=terapkan)
    hasil.log = LogImpor.objects.create(
        opd=opd, tahun=hasil.tahun, oleh=oleh, nama_file=nama_file[:255],
        sha256=hasil.sha256, jumlah_baru=hasil.jumlah(BARU), jumlah_ubah=hasil.jumlah(UBAH),
        jumlah_sama=hasil.jumlah(SAMA), jumlah_tolak=hasil.jumlah(TOLAK),
        diterapkan=hasil.diterapkan,
    )
    return hasil


# --- the uploaded file, kept server-side so the preview needs nothing from the client ---


def _path(opd_id: int, sha: str) -> str:
    return f"impor/{opd_id}/{sha}.xlsx"


def berkas_simpan(*, opd: Opd, isi: bytes) -> str:
    """Store an upload under its hash (once); returns the hash."""
    sha = sha256(isi)
    if not default_storage.exists(_path(opd.pk, sha)):
        default_storage.save(_path(opd.pk, sha), ContentFile(isi))
    return sha


def berkas_baca(log: LogImpor) -> bytes | None:
    """The file a log checked, or None when it is no longer stored."""
    path = _path(log.opd_id, log.sha256)
    if not default_storage.exists(path):
        return None
    with default_storage.open(path, "rb") as f:
        isi: bytes = f.read()
    return isi if sha256(isi) == log.sha256 else None
