"""Budget fixtures: office A (and B) with a Renstra 2016–2021, a sasaran with one IKU, a
direct program with kegiatan, a support program, and a 2019 budget holding lines, a BTL
pos, a realisation and a mapping of the direct program to the IKU."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.test import Client

from anggaran.models import (
    Anggaran,
    BarisAnggaran,
    KelompokBelanja,
    KendaliAnggaran,
    PemetaanSasaran,
    PerlakuanProgram,
    PosAnggaran,
    RealisasiAnggaran,
)
from sakip.middleware import SESSION_TAHUN
from tests.conftest import login
from tests.factories import IndikatorFactory, KegiatanFactory, ProgramFactory, SasaranFactory

TAHUN = 2019
MODEL = (Anggaran, BarisAnggaran, PosAnggaran, RealisasiAnggaran, KendaliAnggaran,
         PemetaanSasaran, PerlakuanProgram)


def jejak() -> dict[str, tuple[int, int]]:
    """Rows and history rows of every budget table: any create, change or delete moves it."""
    return {m.__name__: (m.objects.count(), m.history.count()) for m in MODEL}


def kelompok(nama: str) -> KelompokBelanja:
    return KelompokBelanja.objects.get(nama=nama, tahun_mulai=None)


def kantor(renstra, *, jumlah_kegiatan: int = 2) -> SimpleNamespace:
    sasaran = SasaranFactory(tujuan__renstra=renstra)
    iku = IndikatorFactory(sasaran=sasaran, is_iku=True, nama="Persentase koperasi sehat")
    program = ProgramFactory(sasaran=sasaran, kode="2.17.03")
    program2 = ProgramFactory(sasaran=sasaran, kode="2.17.04")
    penunjang = ProgramFactory(sasaran=sasaran, kode="2.17.01",
                               nama="Program Pelayanan Administrasi Perkantoran")
    kegiatan = [KegiatanFactory(program=program) for _ in range(jumlah_kegiatan)]
    kegiatan2 = KegiatanFactory(program=program2)
    keg_penunjang = KegiatanFactory(program=penunjang)
    bl, btl = kelompok("Belanja Langsung"), kelompok("Belanja Tidak Langsung")
    anggaran = Anggaran.objects.create(opd=renstra.opd, tahun=TAHUN)
    baris = [
        BarisAnggaran.objects.create(anggaran=anggaran, kelompok=bl, kegiatan=k,
                                     pagu_murni=Decimal("1000000.00") * (i + 1))
        for i, k in enumerate(kegiatan)
    ]
    baris_penunjang = BarisAnggaran.objects.create(
        anggaran=anggaran, kelompok=bl, kegiatan=keg_penunjang, pagu_murni=Decimal("300000.00"))
    pos = PosAnggaran.objects.create(anggaran=anggaran, kelompok=btl, uraian="Gaji dan Tunjangan",
                                     pagu_murni=Decimal("5000000.00"))
    realisasi = RealisasiAnggaran.objects.create(anggaran=anggaran, baris=baris[0], triwulan=1,
                                                 nilai=Decimal("250000.50"))
    pemetaan = PemetaanSasaran.objects.create(anggaran=anggaran, program=program,
                                              sasaran=sasaran, indikator=iku)
    return SimpleNamespace(
        renstra=renstra, sasaran=sasaran, iku=iku, program=program, program2=program2,
        penunjang=penunjang, kegiatan=kegiatan, kegiatan2=kegiatan2,
        keg_penunjang=keg_penunjang, bl=bl, btl=btl, anggaran=anggaran, baris=baris,
        baris_penunjang=baris_penunjang, pos=pos, realisasi=realisasi, pemetaan=pemetaan,
    )


@pytest.fixture
def ang_a(renstra_a):
    return kantor(renstra_a)


@pytest.fixture
def ang_b(renstra_b):
    return kantor(renstra_b)


def masuk(user, tahun: int = TAHUN) -> Client:
    """A logged-in client working on `tahun` (the top bar's year)."""
    c = login(user)
    sesi = c.session
    sesi[SESSION_TAHUN] = tahun
    sesi.save()
    return c
