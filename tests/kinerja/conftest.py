"""Kinerja fixtures: office A and B each with a Renstra 2016–2021 whose sasaran carries
two IKU shaped like Malang's (IKU 1 lower-is-better, IKU 2 higher-is-better, both ratios
reported "s.d. triwulan"), their 2019 targets, and a programme with 2019 funding."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from kinerja import services
from kinerja.models import PerjanjianKinerja
from renstra.models import Indikator
from tests.factories import IndikatorFactory, ProgramFactory, SasaranFactory, TargetRenstraFactory


def kantor(renstra) -> SimpleNamespace:
    sasaran = SasaranFactory(tujuan__renstra=renstra)
    iku1 = IndikatorFactory(
        sasaran=sasaran, nama="Persentase Koperasi Rehabilitasi", is_iku=True, urutan=1,
        polaritas=Indikator.Polaritas.TURUN, cara_agregasi=Indikator.CaraAgregasi.AKHIR,
        jenis_rumus=Indikator.JenisRumus.RASIO, desimal=2,
        aturan_kondisi_akhir=Indikator.AturanKondisiAkhir.MASUKAN, kondisi_akhir=Decimal("1"),
    )
    iku2 = IndikatorFactory(
        sasaran=sasaran, nama="Persentase Usaha Mikro Kecil berlegalitas", is_iku=True, urutan=2,
        cara_agregasi=Indikator.CaraAgregasi.AKHIR, jenis_rumus=Indikator.JenisRumus.RASIO,
        desimal=2, aturan_kondisi_akhir=Indikator.AturanKondisiAkhir.MASUKAN,
        kondisi_akhir=Decimal("0.15"),
    )
    TargetRenstraFactory(indikator=iku1, tahun=2019, nilai=Decimal("2.7"), pagu=None)
    TargetRenstraFactory(indikator=iku2, tahun=2019, nilai=Decimal("0.05"), pagu=None)
    program = ProgramFactory(sasaran=sasaran, kode="2.17.03")
    ind_program = IndikatorFactory(sasaran=None, program=program, level="program",
                                   renstra=renstra, nama="Persentase koperasi dibina")
    TargetRenstraFactory(indikator=ind_program, tahun=2019, nilai=Decimal("100"),
                         pagu=Decimal("661530700.00"))
    return SimpleNamespace(renstra=renstra, sasaran=sasaran, iku1=iku1, iku2=iku2,
                           program=program, ind_program=ind_program)


@pytest.fixture
def kin_a(renstra_a):
    return kantor(renstra_a)


@pytest.fixture
def kin_b(renstra_b):
    return kantor(renstra_b)


def pk_baru(k: SimpleNamespace, oleh, tahun: int = 2019) -> PerjanjianKinerja:
    return services.pk_create(opd=k.renstra.opd, renstra=k.renstra, tahun=tahun, oleh=oleh,
                              pk=PerjanjianKinerja(tempat="Contoh"))


@pytest.fixture
def pk_a(kin_a, perencana_a):
    return pk_baru(kin_a, perencana_a)


@pytest.fixture
def pk_b(kin_b, perencana_b):
    return pk_baru(kin_b, perencana_b)
