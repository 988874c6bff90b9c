"""`python manage.py verifikasi FILE.pdf`: is this file a signed LKjIP or Perjanjian Kinerja,
byte for byte?

Prints the same as the page /verifikasi/: which document, office, year, version, who
approved and when.
Exit status 0 when the file's SHA-256 matches an archived approved version, 1 otherwise
(no match, unreadable file, not a PDF, too large): scripts outside SAKIP rely on it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from laporan import alur


class Command(BaseCommand):
    help = ("Memeriksa apakah berkas PDF adalah LKjIP atau Perjanjian Kinerja yang disetujui "
            "di SAKIP (SHA-256 berkas dicocokkan dengan arsip). Status keluar 0 bila cocok, 1 "
            "bila tidak.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("berkas", type=Path, help="berkas PDF yang diperiksa")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["berkas"]
        try:
            with path.open("rb") as f:
                if path.stat().st_size > alur.UKURAN_MAKS_PDF:
                    raise CommandError(f"{path}: lebih dari 20 MB, bukan dokumen dari SAKIP.")
                if f.read(5) != b"%PDF-":
                    raise CommandError(f"{path}: bukan berkas PDF.")
                f.seek(0)
                sha256 = alur.sha256_berkas(f)
        except OSError as exc:
            raise CommandError(f"{path}: tidak dapat dibaca ({exc.strerror}).") from exc
        hasil = alur.hasil_verifikasi(alur.arsip_dari_sha256(sha256))
        if hasil is None:
            raise CommandError(
                f"TIDAK COCOK: {path} tidak sama dengan dokumen mana pun yang disetujui "
                f"(SHA-256 {sha256}).")
        self.stdout.write(f"COCOK: {path} adalah dokumen asli yang disetujui.")
        if hasil.digantikan:
            self.stdout.write(f"Catatan: sudah digantikan oleh {hasil.terbaru.nama_versi}.")
        for label, nilai in hasil.baris():
            self.stdout.write(f"{label:<18}: {nilai}")
