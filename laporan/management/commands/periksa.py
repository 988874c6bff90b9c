"""`python manage.py periksa --opd SLUG --tahun YYYY`: the automatic consistency review on the
command line.

Prints every finding (errors first) and exits with status 1 when an error-level finding
is not acknowledged, so it can guard a script or CI; 0 otherwise. An unknown office ends
with a message and status 2.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from laporan.reviu import periksa
from laporan.reviu.dasar import GALAT, TINGKAT, hitung_tingkat
from sakip.models import Opd


class Command(BaseCommand):
    help = ("Pemeriksaan konsistensi (reviu otomatis) data, narasi dan angka tercetak satu "
            "perangkat daerah dan tahun. Status keluar 1 bila ada galat yang belum diakui.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--opd", required=True, help="slug perangkat daerah, mis. "
                                                         "koperasi-malang")
        parser.add_argument("--tahun", type=int, required=True, help="tahun laporan")
        parser.add_argument("--tingkat", choices=TINGKAT, default="info",
                            help="tampilkan temuan sampai tingkat ini (bawaan: semua)")

    def handle(self, *args: Any, **opsi: Any) -> None:
        opd = Opd.objects.select_related("pemda").filter(slug=opsi["opd"]).first()
        if opd is None:
            raise CommandError(f"Perangkat daerah '{opsi['opd']}' tidak ada.", returncode=2)
        tahun: int = opsi["tahun"]
        temuan = periksa(opd=opd, tahun=tahun)
        batas = TINGKAT.index(opsi["tingkat"])
        gaya = {GALAT: self.style.ERROR, "peringatan": self.style.WARNING}
        for t in temuan:
            if TINGKAT.index(t.tingkat) > batas:
                continue
            tanda = " (diakui)" if t.diakui else ""
            self.stdout.write(gaya.get(t.tingkat, str)(f"[{t.label_tingkat}{tanda}] {t.judul}"))
            self.stdout.write(f"    lokasi     : {t.lokasi}")
            self.stdout.write(f"    seharusnya : {t.diharapkan}")
            self.stdout.write(f"    ditemukan  : {t.ditemukan}")
            self.stdout.write(f"    perbaikan  : {t.saran}")
            if t.diakui:
                self.stdout.write(f"    alasan     : {t.alasan_pengakuan}")
            self.stdout.write(f"    kode       : {t.kode}")
        jumlah = hitung_tingkat(temuan)
        diakui = sum(t.diakui for t in temuan)
        self.stdout.write(
            f"{opd.nama} {tahun}: {jumlah[GALAT]} galat, {jumlah['peringatan']} peringatan, "
            f"{jumlah['info']} info belum diakui; {diakui} temuan diakui.")
        if jumlah[GALAT]:
            raise CommandError(f"{jumlah[GALAT]} galat belum diperbaiki atau diakui.",
                               returncode=1)
