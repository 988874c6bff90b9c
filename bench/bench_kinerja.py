"""Time the capaian dashboard of a synthetic large office (target: < 0,5 s server time,
a query count that does not grow with the number of indicators).

The office: one Renstra 2019–2025, 30 sasaran, 1.500 sasaran indicators, targets for every
year, realisations for four quarters of 2024 and of the five previous years, and a PK
2024 with quarterly targets. A one-indicator office is timed next to it: both must issue
the same number of queries.

Run from the project root: ``.venv/bin/python bench/bench_kinerja.py``. It uses its own
SQLite file (``--db``), never the development database, and builds the data once. On
PostgreSQL: ``--db postgres://postgres@127.0.0.1:5432/sakip_bench`` (an empty database
created beforehand; decimals then arrive without SQLite's conversions).
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
SASARAN = 30
INDIKATOR = 1500


def _siapkan_django(db: str) -> None:
    os.environ["DATABASE_URL"] = db if "://" in db else f"sqlite:///{db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _kantor(slug: str, jumlah_indikator: int, jumlah_sasaran: int):
    """Bulk-built office (history rows are skipped: this is load data, not user edits)."""
    from kinerja.models import BarisPk, PerjanjianKinerja, Realisasi, StatusPk, TargetTriwulan
    from renstra.models import Indikator, Sasaran, TargetRenstra

    user, opd = pengguna(slug)
    if opd is not None:
        return user, opd
    opd, renstra, tujuan = kantor_baru(user, slug)
    sasaran = Sasaran.objects.bulk_create(
        Sasaran(tujuan=tujuan, nama=f"Sasaran {i}", urutan=i) for i in range(jumlah_sasaran)
    )
    polaritas = ["naik", "turun", "naik", "stabil"]
    agregasi = ["kumulatif", "akhir", "rata_rata", "maks"]
    indikator = Indikator.objects.bulk_create(
        Indikator(renstra=renstra, level="sasaran", sasaran=sasaran[i % jumlah_sasaran],
                  urutan=i, nama=f"Persentase capaian indikator {i}", satuan="%",
                  is_iku=i % 50 == 0, polaritas=polaritas[i % 4],
                  cara_agregasi=agregasi[i % 4], kondisi_awal=Decimal(40))
        for i in range(jumlah_indikator)
    )
    TargetRenstra.objects.bulk_create(
        TargetRenstra(indikator=ind, tahun=t, nilai=Decimal(50 + (ind.urutan + t) % 50))
        for ind in indikator for t in renstra.tahun_target
    )
    Realisasi.objects.bulk_create(
        (Realisasi(indikator=ind, tahun=t, triwulan=tw,
                   nilai=Decimal(30 + (ind.urutan * 7 + t + tw) % 80) / 4, diisi_oleh=user)
         for ind in indikator for t in range(TAHUN - 5, TAHUN + 1) for tw in (1, 2, 3, 4)),
        batch_size=2000,
    )
    pk = PerjanjianKinerja.objects.create(opd=opd, renstra=renstra, tahun=TAHUN,
                                          status=StatusPk.DISETUJUI)
    baris = BarisPk.objects.bulk_create(
        BarisPk(perjanjian=pk, indikator=ind, urutan=ind.urutan,
                target=Decimal(50 + (ind.urutan + TAHUN) % 50))
        for ind in indikator
    )
    TargetTriwulan.objects.bulk_create(
        (TargetTriwulan(baris=b, triwulan=tw, nilai=b.target * tw / 4)
         for b in baris for tw in (1, 2, 3, 4)),
        batch_size=2000,
    )
    return user, opd


HALAMAN = {
    "dasbor (tab capaian dan grafik)": "/kinerja/capaian/",
    "tab perbandingan (dimuat saat dibuka)": "/kinerja/capaian/perbandingan/",
}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", default=str(Path(tempfile.gettempdir()) / "sakip-bench.sqlite3"),
                   help="berkas SQLite atau URL PostgreSQL khusus benchmark")
    p.add_argument("--ulang", type=int, default=5, help="jumlah permintaan yang diukur")
    a = p.parse_args()
    _siapkan_django(a.db)
    from sakip.formatting import format_angka

    mulai = time.perf_counter()
    besar = _kantor("bench-besar", INDIKATOR, SASARAN)
    kecil = _kantor("bench-kecil", 1, 1)
    print(f"Data siap dalam {time.perf_counter() - mulai:.1f} s ({a.db})")
    print(f"Kantor {SASARAN} sasaran × {format_angka(INDIKATOR)} indikator, tahun {TAHUN} "
          f"+ 5 tahun sebelumnya, 4 triwulan; median {a.ulang} permintaan:")
    lolos = True
    for nama, url in HALAMAN.items():
        u = ukur(*besar, TAHUN, url, a.ulang, pemanasan=True, HTTP_HX_REQUEST="true")
        dinding, cpu, q_besar, ukuran = u.dinding, u.cpu, u.kueri, u.ukuran
        q_kecil = ukur(*kecil, TAHUN, url, 1, pemanasan=True, HTTP_HX_REQUEST="true").kueri
        waktu = statistics.median(cpu)
        lolos &= waktu < BATAS_DETIK and q_besar == q_kecil
        print(f"  {nama}: CPU server median {waktu:.3f} s (min {min(cpu):.3f}), jam dinding "
              f"median {statistics.median(dinding):.3f} s (batas {BATAS_DETIK} s); "
              f"{q_besar} kueri (kantor 1 indikator: {q_kecil}); HTML {format_angka(ukuran)} byte")
    # Other work on the machine slows every figure above; the load shows how much to trust them.
    print(f"  beban mesin (loadavg 1 menit): {os.getloadavg()[0]:.2f} pada {os.cpu_count()} CPU")
    return 0 if lolos else 1


if __name__ == "__main__":
    sys.exit(main())
