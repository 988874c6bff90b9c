"""Automatic consistency review ("reviu otomatis") of an office's year: the errors real
LKjIPs contain, found before anyone signs.

`periksa(opd=…, tahun=…)` runs every registered rule and returns `Temuan` (findings),
errors first. Adding a rule is one decorated function in the module of its family
(`dasar.aturan`); importing this package registers them all.
"""

from . import anggaran, laporan, narasi, pengaturan, rencana, tercetak  # noqa: F401  (register)
from .dasar import ATURAN, Temuan, periksa

__all__ = ["ATURAN", "Temuan", "periksa"]
