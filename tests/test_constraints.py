"""Database constraints hold even when a writer skips validation (objects.create, bulk,
raw imports). Each case first saves a valid row, so a failure means the constraint, not a
broken fixture; run on SQLite and on PostgreSQL (DATABASE_URL)."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction

from renstra.models import Indikator, Renstra, TargetRenstra
from sakip.models import AksesPemda, Keanggotaan, Opd, Peran, UnitKerja
from tests.factories import (
    IndikatorFactory,
    KegiatanFactory,
    ProgramFactory,
    SasaranFactory,
    TujuanFactory,
    UserFactory,
)


def ditolak(buat) -> None:
    # atomic(): on PostgreSQL a failed statement poisons the surrounding test transaction.
    with pytest.raises(IntegrityError), transaction.atomic():
        buat()


@pytest.fixture
def indikator(renstra_a):
    return IndikatorFactory(sasaran=SasaranFactory(tujuan=TujuanFactory(renstra=renstra_a)))


def test_target_unik_per_indikator_dan_tahun(indikator):
    TargetRenstra.objects.create(indikator=indikator, tahun=2019, nilai=Decimal("2.7"))
    TargetRenstra.objects.create(indikator=indikator, tahun=2020, nilai=Decimal("2.7"))
    ditolak(lambda: TargetRenstra.objects.create(indikator=indikator, tahun=2019,
                                                 nilai=Decimal("3")))
    assert indikator.target.count() == 2


@pytest.mark.parametrize(("nilai", "atas", "sah"), [
    (Decimal("3"), Decimal("5.5"), True),
    (Decimal("3"), Decimal("3"), True),
    (None, Decimal("3"), True),
    (Decimal("5.5"), Decimal("3"), False),
    (Decimal("3.0001"), Decimal("3"), False),
])
def test_rentang_batas_atas_tidak_di_bawah_batas_bawah(indikator, nilai, atas, sah):
    buat = lambda: TargetRenstra.objects.create(  # noqa: E731
        indikator=indikator, tahun=2019, nilai=nilai, nilai_atas=atas)
    if sah:
        buat()
    else:
        ditolak(buat)
    assert indikator.target.count() == int(sah)


@pytest.mark.parametrize(("pagu", "sah"), [
    (Decimal("0"), True), (Decimal("1099585400.00"), True), (None, True),
    (Decimal("-0.01"), False), (Decimal("-1000000"), False),
])
def test_pagu_tidak_negatif(indikator, pagu, sah):
    buat = lambda: TargetRenstra.objects.create(  # noqa: E731
        indikator=indikator, tahun=2019, pagu=pagu)
    if sah:
        buat()
        assert indikator.target.get().pagu == pagu
    else:
        ditolak(buat)


@pytest.mark.parametrize("pagu", [
    Decimal("5313115447.01"),
    # SQLite keeps non-integer decimals as REAL (15–17 significant digits), so the full
    # width of DecimalField(18, 2) is only exact on PostgreSQL.
    pytest.param(Decimal("9999999999999999.99"), marks=pytest.mark.skipif(
        connection.vendor == "sqlite", reason="SQLite menyimpan desimal sebagai REAL")),
])
def test_pagu_disimpan_tepat_sampai_sen(indikator, pagu):
    TargetRenstra.objects.create(indikator=indikator, tahun=2019, pagu=pagu,
                                 nilai=Decimal("0.0001"))
    t = TargetRenstra.objects.get()
    assert (t.pagu, t.nilai) == (pagu, Decimal("0.0001"))


@pytest.fixture
def simpul(renstra_a):
    tujuan = TujuanFactory(renstra=renstra_a)
    sasaran = SasaranFactory(tujuan=tujuan)
    program = ProgramFactory(sasaran=sasaran)
    return {"tujuan": tujuan, "sasaran": sasaran, "program": program,
            "kegiatan": KegiatanFactory(program=program)}


@pytest.mark.parametrize("level", ["tujuan", "sasaran", "program", "kegiatan"])
def test_indikator_dengan_satu_induk_sesuai_jenjang_sah(renstra_a, simpul, level):
    Indikator.objects.create(renstra=renstra_a, level=level, nama="x", satuan="%",
                             **{level: simpul[level]})
    assert Indikator.objects.get().induk == simpul[level]


@pytest.mark.parametrize(("level", "induk"), [
    ("sasaran", []),                          # no parent
    ("sasaran", ["program"]),                 # parent of another level
    ("sasaran", ["sasaran", "program"]),      # two parents
    ("program", ["tujuan", "sasaran"]),
    ("kegiatan", ["program"]),
    ("sub_kegiatan", ["kegiatan"]),
    ("bukan_jenjang", ["sasaran"]),
])
def test_indikator_harus_tepat_satu_induk_sesuai_jenjang(renstra_a, simpul, level, induk):
    ditolak(lambda: Indikator.objects.create(renstra=renstra_a, level=level, nama="x",
                                             satuan="%", **{i: simpul[i] for i in induk}))
    assert not Indikator.objects.exists()


def test_desimal_indikator_paling_banyak_empat(renstra_a, simpul):
    Indikator.objects.create(renstra=renstra_a, level="sasaran", sasaran=simpul["sasaran"],
                             nama="x", satuan="%", desimal=4)
    ditolak(lambda: Indikator.objects.create(renstra=renstra_a, level="sasaran",
                                             sasaran=simpul["sasaran"], nama="y", satuan="%",
                                             desimal=5))


def test_renstra_versi_unik_per_kantor_dan_periode(opd_a, opd_b):
    periode = {"tahun_awal": 2016, "tahun_akhir": 2021, "tahun_kondisi_awal": 2017}
    Renstra.objects.create(opd=opd_a, versi=0, **periode)
    Renstra.objects.create(opd=opd_a, versi=1, **periode)
    Renstra.objects.create(opd=opd_b, versi=0, **periode)
    Renstra.objects.create(opd=opd_a, versi=0, tahun_awal=2021, tahun_akhir=2026,
                           tahun_kondisi_awal=2020)
    ditolak(lambda: Renstra.objects.create(opd=opd_a, versi=1, **periode))
    assert Renstra.objects.count() == 4


def test_periode_renstra_berurutan(opd_a):
    ditolak(lambda: Renstra.objects.create(opd=opd_a, tahun_awal=2021, tahun_akhir=2016,
                                           tahun_kondisi_awal=2020))


def test_renstra_hanya_satu_pengganti(renstra_a):
    Renstra.objects.create(opd=renstra_a.opd, tahun_awal=2016, tahun_akhir=2021,
                           tahun_kondisi_awal=2017, versi=1, sebelumnya=renstra_a)
    ditolak(lambda: Renstra.objects.create(opd=renstra_a.opd, tahun_awal=2016,
                                           tahun_akhir=2021, tahun_kondisi_awal=2017, versi=2,
                                           sebelumnya=renstra_a))


def test_keanggotaan_unik_per_pengguna_dan_kantor(opd_a, opd_b):
    user = UserFactory(username="ganda")
    Keanggotaan.objects.create(user=user, opd=opd_a, peran=Peran.PERENCANA)
    Keanggotaan.objects.create(user=user, opd=opd_b, peran=Peran.KEPALA)
    ditolak(lambda: Keanggotaan.objects.create(user=user, opd=opd_a, peran=Peran.KEPALA))
    assert Keanggotaan.objects.filter(user=user).count() == 2


def test_akses_pemda_unik(pemda):
    user = UserFactory(username="apip")
    AksesPemda.objects.create(user=user, pemda=pemda, peran=Peran.INSPEKTORAT)
    ditolak(lambda: AksesPemda.objects.create(user=user, pemda=pemda, peran=Peran.ADMIN))


def test_nama_kantor_unik_per_pemda_dan_slug_unik(pemda, opd_a):
    ditolak(lambda: Opd.objects.create(pemda=pemda, nama=opd_a.nama, slug="slug-lain"))
    ditolak(lambda: Opd.objects.create(pemda=pemda, nama="Dinas Lain", slug=opd_a.slug))
    Opd.objects.create(pemda=pemda, nama="Dinas Lain", slug="dinas-lain")


def test_unit_kerja_unik_per_kantor(opd_a, opd_b):
    UnitKerja.objects.create(opd=opd_a, nama="Bidang Koperasi")
    UnitKerja.objects.create(opd=opd_b, nama="Bidang Koperasi")
    ditolak(lambda: UnitKerja.objects.create(opd=opd_a, nama="Bidang Koperasi"))
