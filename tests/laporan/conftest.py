"""Report fixtures: the demo loaded once per module, text out of a PDF, a small office."""

import shutil
import subprocess
from decimal import Decimal
from io import BytesIO, StringIO
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from pypdf import PdfReader

from kinerja.models import BarisPk, PerjanjianKinerja, Realisasi
from laporan.models import LaporanKinerja
from renstra.models import Indikator, TargetRenstra
from tests.factories import IndikatorFactory, RenstraFactory, SasaranFactory


@pytest.fixture(scope="module")
def demo_dimuat(django_db_setup, django_db_blocker):
    """`load_demo` once per module, rolled back at the end; tests run in savepoints on top."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_dimuat, db):
    return demo_dimuat


def teks_pdf(isi: bytes) -> str:
    """The text of a PDF as a reader sees it (pdftotext keeps the layout of table rows)."""
    if shutil.which("pdftotext"):
        hasil = subprocess.run(["pdftotext", "-layout", "-", "-"], input=isi,  # noqa: S607
                               capture_output=True, check=True)
        return hasil.stdout.decode("utf-8")
    return "\n".join(p.extract_text() for p in PdfReader(BytesIO(isi)).pages)


def verifikasi_cli(path) -> tuple[int, str]:
    """`manage.py verifikasi FILE`: the exit status as a shell sees it (Django's
    `run_from_argv` exits with a CommandError's `returncode`) and what it printed; run
    in-process, since the test database is not shared."""
    keluar = StringIO()
    try:
        call_command("verifikasi", str(path), stdout=keluar)
    except CommandError as e:
        return e.returncode, str(e)
    return 0, keluar.getvalue()


def kantor_kecil(opd, *, jumlah_iku: int, tahun: int = 2019, renstra=None) -> SimpleNamespace:
    """An office's Renstra with one sasaran carrying `jumlah_iku` IKU, each with a target
    for `tahun`, a PK row and a realisation in TW IV."""
    renstra = renstra or RenstraFactory(opd=opd)
    sasaran = SasaranFactory(tujuan__renstra=renstra)
    pk = PerjanjianKinerja.objects.create(opd=opd, renstra=renstra, tahun=tahun,
                                          pihak_pertama_nama="Kepala Dinas A",
                                          pihak_pertama_nip="19700101 199001 1 001",
                                          pihak_kedua_nama="Bupati Contoh",
                                          pihak_kedua_nip="19650202 198503 1 002")
    iku = []
    for n in range(jumlah_iku):
        ind = IndikatorFactory(sasaran=sasaran, is_iku=True, urutan=n,
                               cara_agregasi=Indikator.CaraAgregasi.AKHIR,
                               nama=f"Persentase uji {n}")
        TargetRenstra.objects.create(indikator=ind, tahun=tahun, nilai=Decimal("80"))
        BarisPk.objects.create(perjanjian=pk, indikator=ind, target=Decimal("80"), urutan=n)
        Realisasi.objects.create(indikator=ind, tahun=tahun, triwulan=4, nilai=Decimal("84"))
        iku.append(ind)
    laporan = LaporanKinerja.objects.create(opd=opd, tahun=tahun)
    return SimpleNamespace(renstra=renstra, sasaran=sasaran, pk=pk, iku=iku, laporan=laporan)
