"""`python manage.py load_demo`: the demo data, one call per app, in one transaction.

Lives in `laporan`, the top of the dependency chain, so every app's demo can be added
here in dependency order. Safe to run again: nothing is duplicated or overwritten.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from anggaran import demo as anggaran_demo
from kinerja import demo as kinerja_demo
from laporan import demo as laporan_demo
from renstra import demo as renstra_demo
from sakip import demo as sakip_demo


class Command(BaseCommand):
    help = (
        "Memuat data demo: Kabupaten Malang, Dinas Koperasi dan Usaha Mikro dengan Renstra "
        "2016–2021, Dinas Contoh (fiktif) dan pengguna demo. Aman dijalankan berulang."
    )

    def handle(self, *args: object, **options: object) -> None:
        with transaction.atomic():
            ringkasan = [*sakip_demo.load_demo(), *renstra_demo.load_demo(),
                         *kinerja_demo.load_demo(), *anggaran_demo.load_demo(),
                         *laporan_demo.load_demo()]
        for baris in ringkasan:
            self.stdout.write(baris)
        self.stdout.write(self.style.SUCCESS("Data demo siap."))
