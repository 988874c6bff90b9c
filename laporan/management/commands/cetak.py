"""`python manage.py cetak lkjip|pk|triwulan|renstra --opd SLUG [--tahun N] --output FILE`.

Prints a report to a PDF or Excel file (by the output's extension). An unknown office, a
year without data or an unsupported file type ends with a message on stderr, exit status
1 and no file written: the file appears only once it is complete.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kinerja.models import PerjanjianKinerja
from kinerja.selectors import pk_berlaku_periode
from laporan import dokumen, selectors
from laporan.pdf import KERTAS
from sakip.formatting import format_angka
from sakip.models import Opd

JENIS = ("lkjip", "pk", "triwulan", "renstra")
# Which file types each report can be printed to.
FORMAT = {"lkjip": (".pdf", ".xlsx"), "pk": (".pdf",), "triwulan": (".pdf", ".xlsx"),
          "renstra": (".pdf", ".xlsx")}


class Command(BaseCommand):
    help = (
        "Mencetak laporan ke berkas PDF atau Excel: lkjip (LKjIP tahunan), pk (Perjanjian "
        "Kinerja), triwulan (laporan kinerja triwulan), renstra (matriks Renstra T-C.27)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("jenis", choices=JENIS, help="jenis laporan")
        parser.add_argument("--opd", required=True, help="slug perangkat daerah, mis. "
                                                         "koperasi-malang")
        parser.add_argument("--tahun", type=int, help="tahun laporan (wajib kecuali renstra; "
                                                      "untuk renstra: Renstra yang mencakup "
                                                      "tahun itu)")
        parser.add_argument("--output", required=True, help="berkas keluaran .pdf atau .xlsx")
        parser.add_argument("--kertas", choices=sorted(KERTAS), help="ukuran kertas PDF "
                                                                     "(bawaan: A4; LKjIP: "
                                                                     "sesuai pengaturan "
                                                                     "laporan)")

    def handle(self, *args: Any, **opsi: Any) -> None:
        jenis: str = opsi["jenis"]
        keluaran = Path(opsi["output"])
        akhiran = keluaran.suffix.lower()
        if akhiran not in FORMAT[jenis]:
            bisa = " atau ".join(FORMAT[jenis])
            raise CommandError(f"Laporan {jenis} hanya dapat dicetak ke berkas {bisa}, "
                               f"bukan '{keluaran.name}'.")
        if jenis != "renstra" and opsi["tahun"] is None:
            raise CommandError(f"Laporan {jenis} memerlukan --tahun.")
        opd = Opd.objects.select_related("pemda").filter(slug=opsi["opd"]).first()
        if opd is None:
            raise CommandError(f"Perangkat daerah dengan slug '{opsi['opd']}' tidak ditemukan.")
        buat: Callable[[], bytes] = getattr(self, f"_{jenis}")(opd, opsi["tahun"], akhiran,
                                                               opsi["kertas"])
        try:
            isi = buat()
        except selectors.DataTidakAda as exc:
            raise CommandError(str(exc)) from exc
        _tulis(keluaran, isi)
        self.stdout.write(self.style.SUCCESS(
            f"Tertulis {keluaran} ({format_angka(len(isi))} byte)."))

    def _lkjip(self, opd: Opd, tahun: int, akhiran: str, kertas: str | None
               ) -> Callable[[], bytes]:
        def buat() -> bytes:
            data = selectors.lkjip_dataset(opd=opd, tahun=tahun)
            if akhiran == ".xlsx":
                return dokumen.lkjip_xlsx(data)
            if kertas:
                data.kertas = selectors.halaman(kertas)
            return dokumen.lkjip_pdf(data)
        return buat

    def _pk(self, opd: Opd, tahun: int, akhiran: str, kertas: str | None
            ) -> Callable[[], bytes]:
        def buat() -> bytes:
            # The PK that counts per Renstra period, as on the capaian dashboard.
            berlaku = pk_berlaku_periode(PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun)
                                         .select_related("renstra"))
            if not berlaku:
                raise selectors.DataTidakAda(
                    f"{opd.nama} belum memiliki Perjanjian Kinerja tahun {tahun}.")
            daftar = [selectors.pk_dataset(pk=p) for _, p in sorted(berlaku.items())]
            return dokumen.pk_pdf(daftar, kertas or "A4")
        return buat

    def _triwulan(self, opd: Opd, tahun: int, akhiran: str, kertas: str | None
                  ) -> Callable[[], bytes]:
        def buat() -> bytes:
            data = selectors.triwulan_dataset(opd=opd, tahun=tahun)
            if akhiran == ".xlsx":
                return dokumen.triwulan_xlsx(data)
            return dokumen.triwulan_pdf(data, kertas or "A4")
        return buat

    def _renstra(self, opd: Opd, tahun: int | None, akhiran: str, kertas: str | None
                 ) -> Callable[[], bytes]:
        def buat() -> bytes:
            renstra = selectors.renstra_pilih(opd=opd, tahun=tahun)
            if renstra is None:
                pada = f" yang mencakup tahun {tahun}" if tahun else ""
                raise selectors.DataTidakAda(f"{opd.nama} belum memiliki Renstra{pada}.")
            data = selectors.matriks_dataset(renstra=renstra)
            if akhiran == ".xlsx":
                return dokumen.renstra_xlsx(data)
            return dokumen.renstra_pdf(data, kertas or "A4")
        return buat


def _tulis(keluaran: Path, isi: bytes) -> None:
    """Write next to the target and rename: a reader never sees half a file."""
    folder = keluaran.resolve().parent
    if not folder.is_dir():
        raise CommandError(f"Folder '{folder}' tidak ada.")
    fd, sementara = tempfile.mkstemp(dir=folder, prefix=f".{keluaran.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(isi)
        os.replace(sementara, keluaran)
    except BaseException:
        Path(sementara).unlink(missing_ok=True)
        raise
