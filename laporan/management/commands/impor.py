"""`python manage.py impor FILE.xlsx --opd SLUG [--dry-run] [--oleh USERNAME]`.

Imports an office workbook (downloaded from the app, filled offline) the way the web page
does: every row checked, everything applied in one transaction or nothing. Exit status 0
when applied (or, with --dry-run, when it would apply); otherwise 1, with every row error
on stderr ("Sheet Realisasi, baris 14, kolom F: '1,2,3' bukan angka"). Outside checks
rely on this status.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from laporan.bukukerja.impor import BARU, SAMA, TOLAK, UBAH, berkas_simpan, impor_apply
from laporan.bukukerja.validasi import GalatBerkas, periksa_ukuran
from sakip.models import Opd


class Command(BaseCommand):
    help = ("Mengimpor buku kerja Excel perangkat daerah (Renstra, PK, Realisasi, Anggaran): "
            "semua baris diperiksa, lalu diterapkan sekaligus atau tidak sama sekali.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("berkas", help="buku kerja .xlsx yang diunduh dari aplikasi")
        parser.add_argument("--opd", required=True, help="slug perangkat daerah, mis. "
                                                         "koperasi-malang")
        parser.add_argument("--dry-run", action="store_true",
                            help="hanya memeriksa; tidak ada yang diubah")
        parser.add_argument("--oleh", help="nama pengguna yang dicatat sebagai pengubah "
                                           "(bawaan: kosong, 'baris perintah')")

    def handle(self, *args: Any, **opsi: Any) -> None:
        path = Path(opsi["berkas"])
        if not path.is_file():
            raise CommandError(f"Berkas '{path}' tidak ditemukan.")
        opd = Opd.objects.select_related("pemda").filter(slug=opsi["opd"]).first()
        if opd is None:
            raise CommandError(f"Perangkat daerah dengan slug '{opsi['opd']}' tidak ditemukan.")
        oleh = None
        if opsi["oleh"]:
            oleh = get_user_model().objects.filter(username=opsi["oleh"]).first()
            if oleh is None:
                raise CommandError(f"Pengguna '{opsi['oleh']}' tidak ditemukan.")
        try:
            periksa_ukuran(path.stat().st_size)
            isi = path.read_bytes()
            hasil = impor_apply(isi=isi, nama_file=path.name, opd=opd, tahun=None, oleh=oleh,
                                terapkan=not opsi["dry_run"])
        except GalatBerkas as exc:
            raise CommandError(str(exc)) from exc
        # Kept like an upload's: the log's preview page can show what this run checked.
        berkas_simpan(opd=opd, isi=isi)
        for p in hasil.peringatan:
            self.stderr.write(f"Peringatan: {p}")
        for g in hasil.galat:
            self.stderr.write(g)
        ringkas = (f"{hasil.jumlah(BARU)} baru, {hasil.jumlah(UBAH)} diubah, "
                   f"{hasil.jumlah(SAMA)} tetap, {hasil.jumlah(TOLAK)} ditolak")
        if hasil.jumlah(TOLAK):
            raise CommandError(f"{path.name} ditolak ({ringkas}); tidak ada yang diubah.")
        if hasil.diterapkan:
            pesan = f"{path.name} diterapkan untuk {opd} tahun {hasil.tahun}: {ringkas}."
        elif opsi["dry_run"]:
            pesan = f"{path.name} valid (uji coba, tidak ada yang diubah): {ringkas}."
        else:
            pesan = f"{path.name} tidak berisi perubahan: {ringkas}."
        self.stdout.write(self.style.SUCCESS(pesan))
