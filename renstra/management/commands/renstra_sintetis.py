"""A large, deterministic synthetic Renstra for the speed benchmark (bench/bench_renstra.py).

    python manage.py renstra_sintetis --opd sintetis \\
        --tujuan 10 --sasaran 30 --program 60 --kegiatan 400 --indikator 1500 --tahun 6

An office slug that does not exist yet is created in a synthetic pemda. Running the
command again for the same office and period changes nothing.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from renstra.models import (
    Indikator,
    Kegiatan,
    Misi,
    Program,
    Renstra,
    Sasaran,
    TargetRenstra,
    Tujuan,
)
from renstra.selectors import berlaku_pada
from sakip.formatting import format_angka
from sakip.models import Opd, Pemda, UnitKerja

NOMOR_PENETAPAN = "SINTETIS (data uji kecepatan)"
SATUAN_KEGIATAN = ["Koperasi", "UMKM", "Orang", "Dokumen", "Kali", "Unit", "Kelompok"]
SUMBER_DANA = ["APBD Kabupaten"] * 6 + ["DAK", "DBHCHT"]
UNIT = ["Sekretariat", "Bidang Kelembagaan", "Bidang Usaha Mikro", "Bidang Pembiayaan"]
BATCH = 1000


@dataclass(frozen=True)
class Ukuran:
    tujuan: int = 10
    sasaran: int = 30
    program: int = 60
    kegiatan: int = 400
    indikator: int = 1500
    tahun: int = 6


def _opd(slug: str) -> Opd:
    opd = Opd.objects.filter(slug=slug).first()
    if opd is not None:
        return opd
    pemda, _ = Pemda.objects.get_or_create(
        slug="pemda-sintetis",
        defaults={"nama": "Pemerintah Kabupaten Sintetis", "ibukota": "Sintetis"},
    )
    return Opd.objects.create(pemda=pemda, slug=slug, nama=f"Dinas Sintetis ({slug})",
                              singkatan="SINTETIS")


def _bagi(i: int, n: int, induk: list[Any]) -> Any:
    """The parent of child i of n, in contiguous blocks so the tree reads in order."""
    return induk[i * len(induk) // n]


def pastikan_renstra_sintetis(
    *, slug: str, ukuran: Ukuran = Ukuran(), tahun_awal: int = 2025, seed: int = 2016
) -> tuple[Renstra, bool]:
    """The synthetic Renstra of office `slug`; created (True) only when it does not exist."""
    tahun_akhir = tahun_awal + ukuran.tahun - 1
    with transaction.atomic():
        opd = _opd(slug)
        ada = Renstra.objects.filter(opd=opd, tahun_awal=tahun_awal, tahun_akhir=tahun_akhir,
                                     versi=0).first()
        if ada is not None:
            return ada, False
        # Seeded on purpose: the same data every run, nothing secret about it.
        acak = random.Random(seed)  # noqa: S311
        return _buat(opd, ukuran, tahun_awal, tahun_akhir, acak), True


def _buat(opd: Opd, u: Ukuran, tahun_awal: int, tahun_akhir: int,
          acak: random.Random) -> Renstra:
    unit = [UnitKerja.objects.get_or_create(opd=opd, nama=n, defaults={"urutan": k})[0]
            for k, n in enumerate(UNIT)]
    r = Renstra.objects.create(
        opd=opd, tahun_awal=tahun_awal, tahun_akhir=tahun_akhir,
        tahun_kondisi_awal=tahun_awal - 1, status=Renstra.Status.BERLAKU,
        nomor_penetapan=NOMOR_PENETAPAN,
        visi="Terwujudnya koperasi dan usaha mikro yang mandiri dan berdaya saing (sintetis)",
    )
    tahun = r.tahun_target
    misi = Misi.objects.bulk_create(
        Misi(renstra=r, nomor=k + 1, teks=f"Misi sintetis {k + 1}") for k in range(3)
    )
    tujuan = Tujuan.objects.bulk_create(
        Tujuan(renstra=r, urutan=k, misi=misi[k % len(misi)],
               nama=f"Meningkatnya kualitas layanan sintetis {k + 1}")
        for k in range(u.tujuan)
    )
    sasaran = Sasaran.objects.bulk_create(
        Sasaran(tujuan=_bagi(k, u.sasaran, tujuan), urutan=k,
                nama=f"Meningkatnya kinerja sasaran sintetis {k + 1}",
                strategi="Pembinaan berkelanjutan", arah_kebijakan="Penguatan kelembagaan")
        for k in range(u.sasaran)
    )
    program = Program.objects.bulk_create(
        Program(sasaran=_bagi(k, u.program, sasaran), urutan=k,
                kode=f"{1 + k // 99}.17.{k % 99 + 1:02d}",
                nama=f"Program Pengembangan Sintetis {k + 1}")
        for k in range(u.program)
    )
    per_program: dict[int, int] = {}
    kegiatan = []
    for k in range(u.kegiatan):
        p = _bagi(k, u.kegiatan, program)
        per_program[p.pk] = per_program.get(p.pk, 0) + 1
        keg = Kegiatan(program=p, urutan=k, kode=f"{p.kode}.2.{per_program[p.pk] % 100:02d}",
                       nama=f"Pembinaan dan fasilitasi sintetis {k + 1}")
        # Some kegiatan end mid-period or start late: the matrix greys those years.
        if k % 10 == 9:
            keg.tahun_selesai = tahun[len(tahun) // 2]
        elif k % 10 == 4:
            keg.tahun_mulai = tahun[min(1, len(tahun) - 1)]
        kegiatan.append(keg)
    kegiatan = Kegiatan.objects.bulk_create(kegiatan, batch_size=BATCH)

    # One indicator per node top-down while they last, the rest spread over the kegiatan.
    induk: list[tuple[str, Any]] = [("tujuan", o) for o in tujuan] + [
        ("sasaran", o) for o in sasaran] + [("program", o) for o in program] + [
        ("kegiatan", o) for o in kegiatan]
    induk = induk[: u.indikator] + [
        ("kegiatan", acak.choice(kegiatan)) for _ in range(u.indikator - len(induk)) if kegiatan
    ]
    indikator = []
    for k, (level, o) in enumerate(induk):
        persen = level != "kegiatan"
        ind = Indikator(
            renstra=r, level=level, urutan=k, **{level: o},
            nama=(f"Persentase capaian {level} sintetis {k + 1}" if persen
                  else f"Jumlah sasaran layanan kegiatan sintetis {k + 1}"),
            satuan="%" if persen else acak.choice(SATUAN_KEGIATAN),
            jenis=Indikator.Jenis.HASIL if persen else Indikator.Jenis.KELUARAN,
            polaritas=Indikator.Polaritas.TURUN if k % 11 == 0 else Indikator.Polaritas.NAIK,
            is_iku=level == "sasaran" and k % 3 == 0,
            aturan_kondisi_akhir=(Indikator.AturanKondisiAkhir.TERAKHIR if persen
                                  else Indikator.AturanKondisiAkhir.JUMLAH),
            kondisi_awal=Decimal(acak.randrange(300, 900)) / 10 if persen
            else Decimal(acak.randrange(5, 200)),
            unit_penanggung_jawab=acak.choice(unit),
            lokasi="Kabupaten Sintetis",
        )
        if level == "kegiatan":
            ind.kondisi_awal_pagu = Decimal(acak.randrange(5_000, 500_000) * 1000)
            if k % 25 == 0 and len(tahun) > 2:
                ind.tahun_mulai = tahun[2]
        indikator.append(ind)
    indikator = Indikator.objects.bulk_create(indikator, batch_size=BATCH)

    target = []
    pagu_kegiatan: dict[tuple[int, int], Decimal] = {}
    for ind in indikator:
        induk_keg = ind.kegiatan
        nilai = ind.kondisi_awal or Decimal(0)
        for t in tahun:
            if not berlaku_pada(ind, t) or (induk_keg and not berlaku_pada(induk_keg, t)):
                continue
            if ind.satuan == "%":
                # Percentages climb from the baseline towards 100.
                nilai = min(nilai + Decimal(acak.randrange(0, 30)) / 10, Decimal(100))
            else:
                nilai = Decimal(acak.randrange(5, 200))
            tr = TargetRenstra(indikator=ind, tahun=t, nilai=nilai)
            if induk_keg is not None:
                pagu = Decimal(acak.randrange(5_000, 500_000) * 1000)
                tr.pagu, tr.sumber_dana = pagu, acak.choice(SUMBER_DANA)
                kunci = (induk_keg.program_id, t)
                pagu_kegiatan[kunci] = pagu_kegiatan.get(kunci, Decimal(0)) + pagu
            target.append(tr)
    # Every other program carries its own pagu (= Σ kegiatan; a program has at most one
    # indicator here); the others leave the total to their kegiatan, as both occur.
    berpagu = {p.pk for p in program[::2]}
    for tr in target:
        ind = tr.indikator
        if ind.level == "program" and ind.program_id in berpagu:
            tr.pagu = pagu_kegiatan.get((ind.program_id, tr.tahun), Decimal(0))
    TargetRenstra.objects.bulk_create(target, batch_size=BATCH)
    return r


class Command(BaseCommand):
    help = "Buat Renstra sintetis berukuran besar (deterministik) untuk uji kecepatan."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--opd", default="sintetis",
                            help="slug perangkat daerah; dibuat di pemda sintetis bila belum ada")
        bawaan = Ukuran()
        for nama in ("tujuan", "sasaran", "program", "kegiatan", "indikator"):
            parser.add_argument(f"--{nama}", type=int, default=getattr(bawaan, nama),
                                help=f"jumlah {nama} (bawaan {getattr(bawaan, nama)})")
        parser.add_argument("--tahun", type=int, default=bawaan.tahun, choices=range(1, 8),
                            metavar="1..7", help="jumlah tahun target (bawaan 6)")
        parser.add_argument("--tahun-awal", type=int, default=2025)
        parser.add_argument("--seed", type=int, default=2016)

    def handle(self, *args: Any, **o: Any) -> None:
        ukuran = Ukuran(o["tujuan"], o["sasaran"], o["program"], o["kegiatan"],
                        o["indikator"], o["tahun"])
        if ukuran.tujuan < 1 or min(ukuran.sasaran, ukuran.program, ukuran.kegiatan,
                                    ukuran.indikator) < 0:
            raise CommandError("Jumlah tujuan paling sedikit 1; jumlah lain tidak boleh negatif.")
        if (ukuran.program and not ukuran.sasaran) or (ukuran.kegiatan and not ukuran.program):
            raise CommandError("Program memerlukan sasaran, dan kegiatan memerlukan program.")
        mulai = time.perf_counter()
        r, dibuat = pastikan_renstra_sintetis(slug=o["opd"], ukuran=ukuran,
                                              tahun_awal=o["tahun_awal"], seed=o["seed"])
        n_ind = Indikator.objects.filter(renstra=r).count()
        if not dibuat:
            self.stdout.write(
                f"Renstra {r.periode} untuk {r.opd} sudah ada (id {r.pk}, "
                f"{format_angka(n_ind)} indikator); tidak ada yang dibuat. "
                "Hapus Renstra itu lebih dahulu untuk membuat ulang dengan ukuran lain."
            )
            return
        n_target = TargetRenstra.objects.filter(indikator__renstra=r).count()
        self.stdout.write(self.style.SUCCESS(
            f"Renstra sintetis {r.periode} dibuat untuk {r.opd} (id {r.pk}): "
            f"{ukuran.tujuan} tujuan, {ukuran.sasaran} sasaran, {ukuran.program} program, "
            f"{ukuran.kegiatan} kegiatan, {format_angka(n_ind)} indikator, "
            f"{format_angka(n_target)} target tahunan "
            f"({format_angka(Decimal(f'{time.perf_counter() - mulai:.1f}'))} s)."
        ))
