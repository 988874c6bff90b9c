"""Time the budget summary and efficiency pages of a synthetic large office (target:
< 0,5 s server time each, a query count that does not grow with the number of lines).

The office: a Renstra 2019–2025 with 6 sasaran and 12 IKU, 60 programs, 400 kegiatan and
2.000 sub kegiatan; a 2024 budget with one line per sub kegiatan (belanja operasi or
modal), 12 monthly realisations per line (24.000 rows), a BTL-like pos, the programs
mapped to the IKU (five support programs: three as a block, two spread) and a 2024
realisation per IKU. A one-line office is timed next to it: both must issue the same
number of queries.

Run from the project root: ``.venv/bin/python bench/bench_anggaran.py``. It uses its own
SQLite file (``--db``), never the development database, and builds the data once.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

# Run as a script (not a package): the project root is not on sys.path yet.
AKAR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(AKAR))

from bench._ukur import kantor_baru, pengguna, ukur  # noqa: E402

BATAS_DETIK = 0.5
TAHUN = 2024
HALAMAN = ("/anggaran/", "/anggaran/efisiensi/")


def _siapkan_django(db: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _kantor(slug: str, *, sasaran: int, program: int, kegiatan: int, sub: int):
    """Bulk-built office (history rows are skipped: this is load data, not user edits)."""
    from anggaran.models import (
        Anggaran,
        BarisAnggaran,
        KelompokBelanja,
        PemetaanSasaran,
        PerlakuanProgram,
        PosAnggaran,
        RealisasiAnggaran,
    )
    from kinerja.models import Realisasi
    from renstra.models import Indikator, Kegiatan, Program, Sasaran, SubKegiatan, TargetRenstra

    user, opd = pengguna(slug)
    if opd is not None:
        return user, opd
    opd, renstra, tujuan = kantor_baru(user, slug)
    sas = Sasaran.objects.bulk_create(
        Sasaran(tujuan=tujuan, nama=f"Sasaran {i}", urutan=i) for i in range(sasaran))
    iku = Indikator.objects.bulk_create(
        Indikator(renstra=renstra, level="sasaran", sasaran=sas[i % sasaran], urutan=i,
                  nama=f"Persentase IKU {i}", satuan="%", is_iku=True)
        for i in range(2 * sasaran))
    TargetRenstra.objects.bulk_create(
        TargetRenstra(indikator=i, tahun=TAHUN, nilai=Decimal(80)) for i in iku)
    Realisasi.objects.bulk_create(
        Realisasi(indikator=i, tahun=TAHUN, triwulan=4, nilai=Decimal(70 + 3 * n))
        for n, i in enumerate(iku))
    prog = Program.objects.bulk_create(
        Program(sasaran=sas[i % sasaran], kode=f"1.{i // 100:02d}.{i % 100:02d}", urutan=i,
                nama=f"Program {i}") for i in range(program))
    keg = Kegiatan.objects.bulk_create(
        Kegiatan(program=prog[i % program], kode=f"1.{i // 100:02d}.{i % 100:02d}.2.01",
                 urutan=i, nama=f"Kegiatan {i}") for i in range(kegiatan))
    subk = SubKegiatan.objects.bulk_create(
        SubKegiatan(kegiatan=keg[i % kegiatan], urutan=i, nama=f"Sub kegiatan {i}",
                    kode=f"1.{i // 100:02d}.{i % 100:02d}.2.01.{i:04d}") for i in range(sub))

    operasi = KelompokBelanja.objects.get(nama="Belanja Operasi")
    modal = KelompokBelanja.objects.get(nama="Belanja Modal")
    a = Anggaran.objects.create(opd=opd, tahun=TAHUN)
    baris = BarisAnggaran.objects.bulk_create(
        BarisAnggaran(anggaran=a, kelompok=modal if i % 5 == 0 else operasi,
                      kegiatan_id=s.kegiatan_id, sub_kegiatan=s,
                      pagu_murni=Decimal(1_000_000 + 1_000 * i) + Decimal("0.25"),
                      pagu_perubahan=Decimal(1_200_000 + 999 * i) if i % 7 == 0 else None)
        for i, s in enumerate(subk))
    pos = PosAnggaran.objects.create(anggaran=a, kelompok=operasi, uraian="Gaji dan tunjangan",
                                     pagu_murni=Decimal("3725298962.00"))
    RealisasiAnggaran.objects.bulk_create(
        (RealisasiAnggaran(anggaran=a, baris=b, triwulan=(bulan - 1) // 3 + 1, bulan=bulan,
                           nilai=Decimal(60_000 + bulan * 37 + i % 100) + Decimal("0.37"))
         for i, b in enumerate(baris) for bulan in range(1, 13)),
        batch_size=2000)
    RealisasiAnggaran.objects.bulk_create(
        RealisasiAnggaran(anggaran=a, pos=pos, triwulan=tw, nilai=Decimal("800000000.00"))
        for tw in (1, 2, 3, 4))
    penunjang = {0: "blok", 1: "blok", 2: "blok", 3: "sebar", 4: "sebar"}
    PerlakuanProgram.objects.bulk_create(
        PerlakuanProgram(anggaran=a, program=prog[i], perlakuan=v)
        for i, v in penunjang.items() if i < program)
    PemetaanSasaran.objects.bulk_create(
        PemetaanSasaran(anggaran=a, program=p, sasaran_id=iku[i % len(iku)].sasaran_id,
                        indikator=iku[i % len(iku)])
        for i, p in enumerate(prog) if i not in penunjang or program == 1)
    return user, opd


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", type=Path,
                   default=Path(tempfile.gettempdir()) / "sakip-bench-anggaran.sqlite3")
    p.add_argument("--ulang", type=int, default=5, help="jumlah permintaan yang diukur")
    a = p.parse_args()
    _siapkan_django(a.db)

    mulai = time.perf_counter()
    besar = _kantor("anggaran-besar", sasaran=6, program=60, kegiatan=400, sub=2000)
    kecil = _kantor("anggaran-kecil", sasaran=1, program=1, kegiatan=1, sub=1)
    print(f"Data siap dalam {time.perf_counter() - mulai:.1f} s ({a.db})")
    print("Kantor sintetis: 60 program, 400 kegiatan, 2.000 baris sub kegiatan × 12 realisasi "
          f"bulanan, tahun {TAHUN}")

    from anggaran.models import Anggaran
    from anggaran.selectors import alokasi_dataset, anggaran_dataset

    anggaran = Anggaran.objects.get(opd=besar[1], tahun=TAHUN)
    lulus = True
    for url in HALAMAN:
        u = ukur(*besar, TAHUN, url, a.ulang)
        waktu, q_besar, ukuran = u.dinding, u.kueri, u.ukuran
        q_kecil = ukur(*kecil, TAHUN, url, 1).kueri
        median = statistics.median(waktu)
        print(f"{url}: waktu server median {a.ulang}× {median:.3f} s (min {min(waktu):.3f}, "
              f"maks {max(waktu):.3f}; batas {BATAS_DETIK} s); kueri {q_besar} "
              f"(kantor 1 baris: {q_kecil}); HTML {ukuran:,} byte")
        lulus &= median < BATAS_DETIK and q_besar == q_kecil
    for nama, fn in (("anggaran_dataset", lambda: anggaran_dataset(anggaran=anggaran)),
                     ("alokasi_dataset", lambda: alokasi_dataset(anggaran=anggaran,
                                                                 user=besar[0]).kemenkeu)):
        mulai = time.perf_counter()
        fn()
        print(f"  selector {nama}: {time.perf_counter() - mulai:.3f} s")
    return 0 if lulus else 1


if __name__ == "__main__":
    sys.exit(main())
