"""Server time and query count of the Renstra tree and matrix pages on a large plan.

Goal: each page under 0.5 s on SQLite and on PostgreSQL. Run from the project root:

    .venv/bin/python bench/bench_renstra.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sakip .venv/bin/python bench/bench_renstra.py

It migrates the database it is pointed at and adds the synthetic office ("sintetis",
see `manage.py renstra_sintetis`) and a superuser "bench-admin" without password there
when missing, so point it at a scratch database. Exits 1 when a page is over the goal.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

# Run as a script (not a package): the project root is not on sys.path yet.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from renstra.management.commands.renstra_sintetis import pastikan_renstra_sintetis  # noqa: E402
from sakip.formatting import format_angka  # noqa: E402

ULANG = 7
BATAS_DETIK = 0.5


def ukur(client: Client, url: str) -> tuple[float, float, int]:
    """Median wall and CPU seconds over ULANG requests (after a warm-up), query count.

    CPU time is this process only (Django, and SQLite in it): on a busy shared machine it
    shows what the page costs when the wall clock also counts waiting for a core.
    """
    client.get(url)
    waktu, cpu = [], []
    for _ in range(ULANG):
        with CaptureQueriesContext(connection) as kueri:
            mulai, mulai_cpu = time.perf_counter(), time.process_time()
            resp = client.get(url)
            waktu.append(time.perf_counter() - mulai)
            cpu.append(time.process_time() - mulai_cpu)
        if resp.status_code != 200:
            raise SystemExit(f"{url}: HTTP {resp.status_code}")
    return statistics.median(waktu), statistics.median(cpu), len(kueri.captured_queries)


def detik(s: float) -> str:
    return format_angka(Decimal(f"{s:.2f}"), 2)


def main() -> int:
    call_command("migrate", verbosity=0)
    renstra, _ = pastikan_renstra_sintetis(slug="sintetis")
    n_ind = renstra.indikator.count()
    admin, dibuat = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    if dibuat:
        admin.set_unusable_password()
        admin.save()
    client = Client()
    client.force_login(admin)

    print(f"{connection.vendor}, Renstra {renstra.periode} id {renstra.pk}, "
          f"median dari {ULANG}, batas {detik(BATAS_DETIK)} s:")
    lambat = False
    for nama, url_name in (("pohon", "renstra:renstra-detail"),
                           ("matriks", "renstra:renstra-matriks")):
        dinding, cpu, kueri = ukur(client, reverse(url_name, args=[renstra.pk]))
        lambat |= dinding >= BATAS_DETIK
        print(f"{nama:8} {format_angka(n_ind):>6} indikator  {detik(dinding)} s  "
              f"{kueri} kueri  (CPU {detik(cpu)} s)")
    return 1 if lambat else 0


if __name__ == "__main__":
    raise SystemExit(main())
