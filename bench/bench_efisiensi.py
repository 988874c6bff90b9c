"""Benchmark mesin efisiensi: efisiensi_kemenkeu atas 100.000 baris dan 100.000 panggilan
efisiensi_program.

Jalankan: ``.venv/bin/python bench/bench_efisiensi.py [jumlah]``
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

# Skrip dijalankan langsung (bukan sebagai paket), jadi akar proyek ditambahkan sendiri.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from anggaran.efisiensi import efisiensi_kemenkeu, efisiensi_program  # noqa: E402

T = TypeVar("T")

JUMLAH_BAWAAN = 100_000


def build_rows(jumlah: int, *, seed: int = 2019) -> list[tuple[Decimal, Decimal, Decimal | None]]:
    """Baris (pagu, realisasi, capaian) acak tetapi dapat diulang; ~2 % capaian kosong."""
    acak = random.Random(seed)
    rows: list[tuple[Decimal, Decimal, Decimal | None]] = []
    for _ in range(jumlah):
        pagu_sen = acak.randint(1_000_000, 500_000_000_000)  # Rp 10.000 .. Rp 5 miliar, sen
        realisasi_sen = pagu_sen * acak.randint(50, 100) // 100
        capaian = None if acak.random() < 0.02 else Decimal(acak.randint(0, 30_000)).scaleb(-2)
        rows.append((Decimal(pagu_sen).scaleb(-2), Decimal(realisasi_sen).scaleb(-2), capaian))
    return rows


def measure(label: str, fungsi: Callable[[], T]) -> T:
    mulai = time.perf_counter()
    hasil = fungsi()
    detik = time.perf_counter() - mulai
    print(f"{label:<60} {detik:8.3f} s")
    return hasil


def main() -> None:
    jumlah = int(sys.argv[1]) if len(sys.argv) > 1 else JUMLAH_BAWAAN
    rows = build_rows(jumlah)
    pasangan = [(capaian, Decimal(r) * 100 / Decimal(p)) for p, r, capaian in rows]
    teks_jumlah = f"{jumlah:,}".replace(",", ".")

    print(f"Python {sys.version.split()[0]}, {teks_jumlah} baris")
    r = measure(f"efisiensi_kemenkeu atas {teks_jumlah} baris", lambda: efisiensi_kemenkeu(rows))
    hasil = measure(
        f"efisiensi_program × {teks_jumlah} panggilan",
        lambda: [efisiensi_program(capaian=c, serapan=s) for c, s in pasangan],
    )
    # Teks rumus disusun malas (cached_property); diukur terpisah.
    measure(
        f"  + teks rumus {teks_jumlah} hasil efisiensi_program", lambda: [e.rumus for e in hasil]
    )
    print(f"  E = {r.e:.4f} %, nilai = {r.nilai:.2f}, n = {r.n}, dikecualikan = {r.dikecualikan}")


if __name__ == "__main__":
    main()
