"""Time the office workbook import of a large synthetic office (target: preview < 10 s
and apply < 10 s on PostgreSQL).

The office: a Renstra 2019–2025 with 1.250 indicators (1.000 direct values, 250 ratios
entered as numerator/denominator), a 2024 PK, and a 2024 budget of 2.000 sub kegiatan
lines (1.500 with realisations already in TW I–III). The workbook is exported from the
database, then every realisation row is given a value (5.000 rows: new, and for TW I
changed) and every budget line a pagu perubahan and a TW IV realisation (2.000 lines),
as a planner filling a whole year offline would. Timed: the export, the preview (read,
compare, run the services in a rolled-back savepoint) and the apply (the same, committed,
with history rows and the import log).

Run from the project root: ``.venv/bin/python bench/bench_impor.py`` (PostgreSQL at
``postgres://postgres@127.0.0.1:5432/sakip_bench_impor``, created when missing; another
with ``--database-url``). The data is built once and reset to its starting state before
each run, so the figures are repeatable.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlparse

# Run as a script (not a package): the project root is not on sys.path yet.
AKAR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(AKAR))

BATAS_DETIK = 10.0
TAHUN = 2024
SLUG = "impor-besar"
INDIKATOR, RASIO, BARIS = 1_250, 250, 2_000


def _siapkan_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")
    if url.startswith("postgres"):
        import psycopg

        u = urlparse(url)
        nama = u.path.lstrip("/")
        induk = url.replace(f"/{nama}", "/postgres", 1)
        with psycopg.connect(induk, autocommit=True) as c:
            if not c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [nama]).fetchone():
                c.execute(f'CREATE DATABASE "{nama}"')
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _kantor():
    """Bulk-built office (no history rows: this is load data, not user edits)."""
    from django.contrib.auth import get_user_model

    from anggaran.models import Anggaran, BarisAnggaran, KelompokBelanja, RealisasiAnggaran
    from kinerja.models import BarisPk, PerjanjianKinerja, Realisasi
    from renstra.models import (
        Indikator,
        Kegiatan,
        Program,
        Renstra,
        Sasaran,
        SubKegiatan,
        TargetRenstra,
        Tujuan,
    )
    from sakip.models import Keanggotaan, Opd, Pemda, Peran

    user, _ = get_user_model().objects.get_or_create(username="bench-impor")
    opd = Opd.objects.filter(slug=SLUG).first()
    if opd is not None:
        return user, opd
    pemda, _ = Pemda.objects.get_or_create(slug="bench", defaults={"nama": "Kabupaten Bench",
                                                                    "ibukota": "Bench"})
    opd = Opd.objects.create(pemda=pemda, nama="Dinas Impor Besar", slug=SLUG)
    Keanggotaan.objects.create(user=user, opd=opd, peran=Peran.PERENCANA)
    renstra = Renstra.objects.create(opd=opd, tahun_awal=2019, tahun_akhir=2025,
                                     tahun_kondisi_awal=2018, status=Renstra.Status.BERLAKU)
    tujuan = Tujuan.objects.create(renstra=renstra, nama="Tujuan", urutan=1)
    sas = Sasaran.objects.bulk_create(
        Sasaran(tujuan=tujuan, nama=f"Sasaran {i}", urutan=i) for i in range(10))
    prog = Program.objects.bulk_create(
        Program(sasaran=sas[i % 10], kode=f"1.{i // 100:02d}.{i % 100:02d}", urutan=i,
                nama=f"Program {i}") for i in range(50))
    keg = Kegiatan.objects.bulk_create(
        Kegiatan(program=prog[i % 50], kode=f"1.{i % 50 // 100:02d}.{i % 50:02d}.2.{i:02d}",
                 urutan=i, nama=f"Kegiatan {i}") for i in range(400))
    ind = Indikator.objects.bulk_create(
        Indikator(renstra=renstra, level="kegiatan", kegiatan=keg[i % 400], urutan=i,
                  nama=f"Jumlah keluaran {i}", satuan="%", desimal=2,
                  jenis_rumus="rasio" if i < RASIO else "langsung",
                  is_iku=i < 20) for i in range(INDIKATOR))
    TargetRenstra.objects.bulk_create(
        TargetRenstra(indikator=i, tahun=TAHUN, nilai=Decimal(80)) for i in ind)
    pk = PerjanjianKinerja.objects.create(opd=opd, renstra=renstra, tahun=TAHUN)
    BarisPk.objects.bulk_create(BarisPk(perjanjian=pk, indikator=i, target=Decimal(80),
                                        urutan=n) for n, i in enumerate(ind[:20]))
    Realisasi.objects.bulk_create(
        Realisasi(indikator=i, tahun=TAHUN, triwulan=1, nilai=Decimal(10))
        for i in ind[RASIO:])
    sub = SubKegiatan.objects.bulk_create(
        SubKegiatan(kegiatan=keg[i % 400], urutan=i, nama=f"Sub kegiatan {i}",
                    kode=f"{keg[i % 400].kode}.{i:04d}") for i in range(BARIS))
    operasi = KelompokBelanja.objects.get(nama="Belanja Operasi")
    a = Anggaran.objects.create(opd=opd, tahun=TAHUN)
    baris = BarisAnggaran.objects.bulk_create(
        BarisAnggaran(anggaran=a, kelompok=operasi, kegiatan_id=s.kegiatan_id, sub_kegiatan=s,
                      pagu_murni=Decimal(1_000_000 + 1_000 * i)) for i, s in enumerate(sub))
    RealisasiAnggaran.objects.bulk_create(
        (RealisasiAnggaran(anggaran=a, baris=b, triwulan=tw, nilai=Decimal(200_000 + i))
         for i, b in enumerate(baris[:1500]) for tw in (1, 2, 3)), batch_size=2000)
    return user, opd


def _awal(opd) -> None:
    """Back to the built state: what an apply wrote is removed (history included)."""
    from anggaran.models import BarisAnggaran, RealisasiAnggaran
    from kinerja.models import Realisasi
    from laporan.models import LogImpor

    Realisasi.objects.filter(indikator__renstra__opd=opd, tahun=TAHUN).exclude(
        triwulan=1, pembilang__isnull=True).delete()
    Realisasi.objects.filter(indikator__renstra__opd=opd, tahun=TAHUN).update(
        nilai=Decimal(10))
    RealisasiAnggaran.objects.filter(anggaran__opd=opd, triwulan=4).delete()
    BarisAnggaran.objects.filter(anggaran__opd=opd).update(pagu_perubahan=None)
    for model in (Realisasi, RealisasiAnggaran, BarisAnggaran):
        model.history.filter(history_change_reason__startswith="Impor buku kerja").delete()
    LogImpor.objects.filter(opd=opd).delete()


def _isi(isi: bytes) -> tuple[bytes, int, int]:
    """The workbook a planner sends back: every realisation row and budget line filled."""
    from openpyxl import load_workbook

    from laporan.bukukerja import templat as t

    wb = load_workbook(io.BytesIO(isi))
    r, a = t.REALISASI, t.ANGGARAN
    ws = wb[r.nama]
    n_realisasi = 0
    for n, row in enumerate(ws.iter_rows(min_row=t.BARIS_DATA), start=1):
        if row[r.indeks("rumus")].value.startswith("Rasio"):
            row[r.indeks("pembilang")].value = 40 + n % 50
            row[r.indeks("penyebut")].value = "1316"
        else:
            row[r.indeks("nilai")].value = f"{n % 97},{n % 10}"  # Indonesian text
        n_realisasi += 1
    ws = wb[a.nama]
    n_baris = 0
    for n, row in enumerate(ws.iter_rows(min_row=t.BARIS_DATA), start=1):
        row[a.indeks("pagu_perubahan")].value = 1_100_000 + n
        row[a.indeks("tw4")].value = 250_000.5 + n  # an Excel number with decimals
        n_baris += 1
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue(), n_realisasi, n_baris


def _waktu(fungsi):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as q:
        mulai = time.perf_counter()
        hasil = fungsi()
        detik = time.perf_counter() - mulai
    return hasil, detik, len(q)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--database-url",
                   default="postgres://postgres@127.0.0.1:5432/sakip_bench_impor")
    a = p.parse_args()
    _siapkan_django(a.database_url)
    from django.db import connection

    from laporan.bukukerja.data import buku_kerja_data
    from laporan.bukukerja.export import buku_kerja_export
    from laporan.bukukerja.impor import BARU, SAMA, TOLAK, UBAH, impor_apply, impor_periksa

    mulai = time.perf_counter()
    user, opd = _kantor()
    _awal(opd)
    print(f"Data siap dalam {time.perf_counter() - mulai:.1f} s ({connection.vendor}, "
          f"{connection.settings_dict['NAME']})")
    if connection.vendor != "postgresql":
        print("PERINGATAN: batas waktu berlaku untuk PostgreSQL.")

    kosong, t_ekspor, q_ekspor = _waktu(
        lambda: buku_kerja_export(data=buku_kerja_data(opd=opd, tahun=TAHUN)))
    isi, n_realisasi, n_baris = _isi(kosong)
    print(f"Ekspor: {t_ekspor:.2f} s, {q_ekspor} kueri, {len(kosong) / 1024:.0f} kB; "
          f"diisi: {n_realisasi} baris realisasi, {n_baris} baris anggaran "
          f"({len(isi) / 1024:.0f} kB)")

    def jumlah(h):
        return (f"{h.jumlah(BARU)} baru, {h.jumlah(UBAH)} diubah, {h.jumlah(SAMA)} tetap, "
                f"{h.jumlah(TOLAK)} ditolak")

    pratinjau, t_pratinjau, q_pratinjau = _waktu(lambda: impor_periksa(
        isi=isi, nama_file="bench.xlsx", opd=opd, tahun=TAHUN, oleh=user))
    print(f"Pratinjau: {t_pratinjau:.2f} s (batas {BATAS_DETIK:.0f} s), {q_pratinjau} kueri; "
          f"{jumlah(pratinjau)}")
    terap, t_terap, q_terap = _waktu(lambda: impor_apply(
        isi=isi, nama_file="bench.xlsx", opd=opd, tahun=TAHUN, oleh=user, terapkan=True))
    print(f"Terapkan: {t_terap:.2f} s (batas {BATAS_DETIK:.0f} s), {q_terap} kueri; "
          f"{jumlah(terap)}; diterapkan: {'ya' if terap.diterapkan else 'tidak'}")
    for g in terap.galat[:5]:
        print(f"  {g}")
    _awal(opd)
    lulus = (terap.diterapkan and not terap.galat and t_pratinjau < BATAS_DETIK
             and t_terap < BATAS_DETIK)
    return 0 if lulus else 1


if __name__ == "__main__":
    sys.exit(main())
