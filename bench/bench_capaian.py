"""Ukur waktu 100.000 panggilan ``hitung_capaian`` (target: < 1 detik).

Jalankan dari akar proyek: ``.venv/bin/python bench/bench_capaian.py``.
"""

from __future__ import annotations

import random
import sys
import time
from decimal import Decimal
from pathlib import Path

# Skrip dijalankan langsung (bukan sebagai paket), jadi akar proyek belum ada di sys.path.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kinerja.capaian import hitung_capaian  # noqa: E402

JUMLAH = 100_000
BATAS_DETIK = 1.0


def _kasus(n: int) -> list[dict[str, object]]:
    """Campuran realistis: sebagian besar naik/turun, sebagian rentang/stabil/kosong."""
    acak = random.Random(2019)
    kasus: list[dict[str, object]] = []
    for i in range(n):
        target = Decimal(acak.randint(1, 100_000)).scaleb(-2)
        realisasi = Decimal(acak.randint(0, 150_000)).scaleb(-2)
        jenis = i % 10
        if jenis < 5:
            kasus.append({"target": target, "realisasi": realisasi})
        elif jenis < 8:
            kasus.append({"target": target, "realisasi": realisasi, "polaritas": "turun"})
        elif jenis == 8:
            kasus.append(
                {
                    "target": target,
                    "target_atas": target * 2,
                    "realisasi": realisasi,
                    "polaritas": "rentang",
                }
            )
        else:
            kasus.append({"target": target, "realisasi": None, "polaritas": "stabil"})
    return kasus


def main() -> int:
    kasus = _kasus(JUMLAH)
    mulai = time.perf_counter()
    for k in kasus:
        hitung_capaian(**k)  # type: ignore[arg-type]
    durasi = time.perf_counter() - mulai
    print(
        f"{JUMLAH:,} panggilan hitung_capaian: {durasi:.3f} s "
        f"({durasi / JUMLAH * 1e6:.2f} µs/panggilan; batas {BATAS_DETIK:.1f} s)"
    )
    return 0 if durasi < BATAS_DETIK else 1


if __name__ == "__main__":
    raise SystemExit(main())
