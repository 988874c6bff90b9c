"""Writes to the Renstra: validation, the superseded-version lock, deletion, revision."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ProtectedError

from renstra import services
from renstra.models import (
    Indikator,
    Kegiatan,
    Misi,
    Program,
    Renstra,
    Sasaran,
    SubKegiatan,
    TargetRenstra,
    Tujuan,
)
from tests.factories import (
    IndikatorFactory,
    KegiatanFactory,
    ProgramFactory,
    RenstraFactory,
    SasaranFactory,
    TargetRenstraFactory,
    TujuanFactory,
)

POHON = (Misi, Tujuan, Sasaran, Program, Kegiatan, SubKegiatan, Indikator, TargetRenstra)


def _renstra_dari(obj) -> Renstra:
    for attr in ("renstra", "tujuan", "sasaran", "program", "kegiatan", "indikator"):
        if hasattr(obj, f"{attr}_id"):
            induk = getattr(obj, attr)
            return induk if attr == "renstra" else _renstra_dari(induk)
    raise AssertionError(obj)


def jumlah(renstra: Renstra) -> dict[str, int]:
    return {m.__name__: sum(1 for o in m.objects.all() if _renstra_dari(o) == renstra)
            for m in POHON}


@pytest.fixture
def pohon(renstra_a):
    """Two programs, kegiatan and sub kegiatan, indicators on four levels, one replacing
    another (new unit from 2019), targets with pagu."""
    misi = Misi.objects.create(renstra=renstra_a, nomor=1, teks="Misi satu")
    tujuan = TujuanFactory(renstra=renstra_a, misi=misi)
    sasaran = SasaranFactory(tujuan=tujuan, strategi="Pendampingan")
    p1 = ProgramFactory(sasaran=sasaran, kode="2.17.03")
    p2 = ProgramFactory(sasaran=sasaran, kode="2.17.04")
    k1 = KegiatanFactory(program=p1, kode="2.17.03.2.01", tahun_selesai=2019)
    KegiatanFactory(program=p2, kode="2.17.04.2.01")
    sub = SubKegiatan.objects.create(kegiatan=k1, kode="2.17.03.2.01.0001", nama="Sub satu")
    lama = IndikatorFactory(sasaran=sasaran, satuan="koperasi", tahun_selesai=2018)
    baru = IndikatorFactory(sasaran=sasaran, satuan="%", tahun_mulai=2019, menggantikan=lama,
                            is_iku=True)
    ind_prog = IndikatorFactory(sasaran=None, program=p1, level="program", renstra=renstra_a)
    IndikatorFactory(sasaran=None, sub_kegiatan=sub, level="sub_kegiatan", renstra=renstra_a)
    IndikatorFactory(sasaran=None, tujuan=tujuan, level="tujuan", renstra=renstra_a)
    for tahun in (2018, 2019, 2020, 2021):
        TargetRenstraFactory(indikator=baru, tahun=tahun, nilai=Decimal("2.7"))
        TargetRenstraFactory(indikator=ind_prog, tahun=tahun, nilai=Decimal(100),
                             pagu=Decimal("1099585400.00"))
    TargetRenstraFactory(indikator=lama, tahun=2018, nilai=Decimal(12))
    return renstra_a


# --- indicator and its targets ------------------------------------------------------------

def _indikator_baru(renstra) -> Indikator:
    sasaran = Sasaran.objects.filter(tujuan__renstra=renstra).first() or SasaranFactory(
        tujuan=TujuanFactory(renstra=renstra))
    return Indikator(level="sasaran", sasaran=sasaran, nama="Persentase UMKM berizin",
                     satuan="%")


def test_indikator_save_menyimpan_target(renstra_a, perencana_a):
    ind = services.indikator_save(
        renstra=renstra_a, indikator=_indikator_baru(renstra_a), oleh=perencana_a,
        target={2018: {"nilai": Decimal("2.7"), "pagu": Decimal("1234567.89")},
                2019: {"nilai": None, "pagu": None}},
    )
    assert list(ind.target.values_list("tahun", "nilai", "pagu")) == [
        (2018, Decimal("2.7"), Decimal("1234567.89"))]
    assert ind.renstra == renstra_a


@pytest.mark.parametrize("tahun", [2017, 2022, 2030])
def test_indikator_save_menolak_tahun_di_luar_periode(renstra_a, perencana_a, tahun):
    with pytest.raises(ValidationError) as e:
        services.indikator_save(renstra=renstra_a, indikator=_indikator_baru(renstra_a),
                                oleh=perencana_a, target={tahun: {"nilai": Decimal(1)}})
    assert e.value.messages == [
        f"Tahun {tahun} di luar periode target Renstra (2018–2021)."]
    assert not Indikator.objects.exists()
    assert not TargetRenstra.objects.exists()


def test_indikator_save_menghapus_tahun_yang_dikosongkan(pohon, perencana_a):
    ind = Indikator.objects.get(is_iku=True)
    services.indikator_save(renstra=pohon, indikator=ind, oleh=perencana_a,
                            target={2018: {"nilai": None, "pagu": None},
                                    2019: {"nilai": Decimal("2.7"), "pagu": Decimal("1000000")}})
    assert list(ind.target.values_list("tahun", flat=True)) == [2019, 2020, 2021]


def test_indikator_save_tidak_mencatat_target_yang_tidak_berubah(pohon, perencana_a):
    ind = Indikator.objects.get(is_iku=True)
    t = ind.target.get(tahun=2019)
    sebelum = t.history.count()
    services.indikator_save(renstra=pohon, indikator=ind, oleh=perencana_a,
                            target={2019: {"nilai": t.nilai, "pagu": t.pagu}})
    assert t.history.count() == sebelum
    services.indikator_save(renstra=pohon, indikator=ind, oleh=perencana_a, alasan="Koreksi",
                            target={2019: {"nilai": Decimal("2.8"), "pagu": t.pagu}})
    assert t.history.count() == sebelum + 1
    assert t.history.latest().history_change_reason == "Koreksi"


def test_indikator_save_menolak_rentang_terbalik(renstra_a, perencana_a):
    with pytest.raises(ValidationError):
        services.indikator_save(
            renstra=renstra_a, indikator=_indikator_baru(renstra_a), oleh=perencana_a,
            target={2019: {"nilai": Decimal(5), "nilai_atas": Decimal(3)}})
    assert not Indikator.objects.exists()


# --- codes --------------------------------------------------------------------------------

@pytest.mark.parametrize(("model", "induk", "kode"), [
    (Program, "sasaran", "2.17.03"),
    (Kegiatan, "program", "2.17.03.2.01"),
    (SubKegiatan, "kegiatan", "2.17.03.2.01.0001"),
])
def test_kode_kembar_dalam_satu_versi_ditolak(pohon, perencana_a, model, induk, kode):
    ada = model.objects.get(kode=kode)
    kembar = model(nama="Kembar", kode=kode, **{induk: getattr(ada, induk)})
    with pytest.raises(ValidationError) as e:
        services.node_save(renstra=pohon, obj=kembar, oleh=perencana_a)
    assert e.value.message_dict["kode"] == [
        f"Kode {kode} sudah dipakai {model._meta.verbose_name} lain di Renstra ini."]
    assert model.objects.filter(kode=kode).count() == 1


def test_kode_sama_di_renstra_lain_boleh(pohon, perencana_a, opd_b):
    lain = TujuanFactory(renstra=RenstraFactory(opd=opd_b))
    p = Program(sasaran=SasaranFactory(tujuan=lain), nama="Program lain", kode="2.17.03")
    services.node_save(renstra=lain.renstra, obj=p, oleh=perencana_a)
    assert Program.objects.filter(kode="2.17.03").count() == 2


def test_menyimpan_ulang_node_dengan_kodenya_sendiri_boleh(pohon, perencana_a):
    p = Program.objects.get(kode="2.17.03")
    p.nama = "Program Pengembangan Kewirausahaan"
    services.node_save(renstra=pohon, obj=p, oleh=perencana_a)
    assert Program.objects.get(kode="2.17.03").nama == "Program Pengembangan Kewirausahaan"


@pytest.mark.parametrize("kode", ["2.17.3", "abc", "2.17.03.2", "2,17,03", ""])
def test_kode_program_salah_bentuk_ditolak(pohon, perencana_a, kode):
    p = Program(sasaran=Sasaran.objects.first(), nama="Program", kode=kode)
    with pytest.raises(ValidationError) as e:
        services.node_save(renstra=pohon, obj=p, oleh=perencana_a)
    assert "kode" in e.value.message_dict


@pytest.mark.parametrize("kode", ["2.17.05", "I", "XII", "X.01.02"])
def test_kode_program_sah(pohon, perencana_a, kode):
    p = Program(sasaran=Sasaran.objects.first(), nama="Program", kode=kode, urutan=9)
    services.node_save(renstra=pohon, obj=p, oleh=perencana_a)
    assert Program.objects.filter(kode=kode).exists()


# --- Renstra period -----------------------------------------------------------------------

@pytest.mark.parametrize(("kondisi_awal", "sah"), [
    (2014, False), (2015, True), (2016, True), (2020, True), (2021, False), (2022, False)])
def test_tahun_kondisi_awal_antara_tahun_awal_kurang_satu_dan_tahun_akhir_kurang_satu(
    opd_a, perencana_a, kondisi_awal, sah
):
    r = Renstra(tahun_awal=2016, tahun_akhir=2021, tahun_kondisi_awal=kondisi_awal)
    if sah:
        services.renstra_create(opd=opd_a, renstra=r, oleh=perencana_a)
        assert Renstra.objects.get().tahun_target[0] == kondisi_awal + 1
    else:
        with pytest.raises(ValidationError) as e:
            services.renstra_create(opd=opd_a, renstra=r, oleh=perencana_a)
        assert e.value.message_dict["tahun_kondisi_awal"] == [
            "Tahun kondisi awal harus antara 2015 dan 2020."]
        assert not Renstra.objects.exists()


@pytest.mark.parametrize(("awal", "akhir", "pesan"), [
    (2021, 2016, "Tahun akhir tidak boleh sebelum tahun awal."),
    (2016, 2024, "Periode Renstra paling lama 7 tahun."),
])
def test_periode_renstra_salah_ditolak(opd_a, perencana_a, awal, akhir, pesan):
    r = Renstra(tahun_awal=awal, tahun_akhir=akhir, tahun_kondisi_awal=awal)
    with pytest.raises(ValidationError) as e:
        services.renstra_create(opd=opd_a, renstra=r, oleh=perencana_a)
    assert e.value.message_dict["tahun_akhir"] == [pesan]


def test_renstra_versi_awal_kembar_ditolak(renstra_a, perencana_a):
    r = Renstra(tahun_awal=2016, tahun_akhir=2021, tahun_kondisi_awal=2017)
    with pytest.raises(ValidationError):
        services.renstra_create(opd=renstra_a.opd, renstra=r, oleh=perencana_a)
    assert Renstra.objects.count() == 1


def test_memindah_tahun_kondisi_awal_tidak_boleh_meninggalkan_target(pohon, perencana_a):
    pohon.tahun_kondisi_awal = 2018
    with pytest.raises(ValidationError) as e:
        services.node_save(renstra=pohon, obj=pohon, oleh=perencana_a)
    assert "target tahun 2018" in e.value.message_dict["tahun_kondisi_awal"][0]
    pohon.refresh_from_db()
    assert pohon.tahun_kondisi_awal == 2017


def test_memindah_tahun_kondisi_awal_ke_belakang_boleh(pohon, perencana_a):
    pohon.tahun_kondisi_awal = 2015
    services.node_save(renstra=pohon, obj=pohon, oleh=perencana_a)
    pohon.refresh_from_db()
    assert pohon.tahun_target == [2016, 2017, 2018, 2019, 2020, 2021]


# --- deleting -----------------------------------------------------------------------------

def test_hapus_sasaran_ikut_menghapus_indikator_dan_target(pohon, perencana_a):
    services.node_delete(renstra=pohon, obj=Sasaran.objects.get(), oleh=perencana_a)
    assert set(Indikator.objects.values_list("level", flat=True)) == {"tujuan"}
    assert not TargetRenstra.objects.exists()
    assert not Program.objects.exists()


def test_hapus_yang_dilindungi_ditolak_dengan_alasan(pohon, perencana_a, monkeypatch):
    def dilindungi(self, *a, **k):
        raise ProtectedError("dilindungi", set())

    monkeypatch.setattr(Sasaran, "delete", dilindungi)
    with pytest.raises(ValidationError) as e:
        services.node_delete(renstra=pohon, obj=Sasaran.objects.get(), oleh=perencana_a)
    assert e.value.messages[0].startswith("Tidak dapat dihapus: masih ada data yang bergantung")


# --- superseded version -------------------------------------------------------------------

@pytest.fixture
def lama(pohon, perencana_a):
    services.renstra_revise(renstra=pohon, oleh=perencana_a, alasan="Perubahan RPJMD 2019")
    pohon.refresh_from_db()
    return pohon


@pytest.mark.parametrize("tulis", [
    lambda r, u: services.node_save(renstra=r, obj=Tujuan(renstra=r, nama="Baru"), oleh=u),
    lambda r, u: services.node_delete(renstra=r, obj=Sasaran.objects.get(tujuan__renstra=r),
                                      oleh=u),
    lambda r, u: services.indikator_save(renstra=r, indikator=Indikator.objects.filter(
        renstra=r).first(), target={2019: {"nilai": Decimal(9)}}, oleh=u),
    lambda r, u: services.renstra_set_berlaku(renstra=r, oleh=u),
    lambda r, u: services.renstra_revise(renstra=r, oleh=u, alasan="Sekali lagi diubah"),
], ids=["node_save", "node_delete", "indikator_save", "renstra_set_berlaku", "renstra_revise"])
def test_versi_digantikan_tidak_dapat_ditulis(lama, perencana_a, tulis):
    sebelum = jumlah(lama)
    with pytest.raises(PermissionDenied) as e:
        tulis(lama, perencana_a)
    assert str(e.value) == services.PESAN_DIGANTIKAN
    assert jumlah(lama) == sebelum
    assert TargetRenstra.objects.filter(nilai=9).count() == 0


# --- revision -----------------------------------------------------------------------------

def test_perubahan_menyalin_seluruh_pohon(pohon, perencana_a):
    pohon.nomor_penetapan = "Perbup 12/2016"
    pohon.save()
    baru = services.renstra_revise(renstra=pohon, oleh=perencana_a,
                                   alasan="Perubahan RPJMD 2019")
    assert jumlah(baru) == jumlah(pohon)
    assert jumlah(baru)["TargetRenstra"] == 9
    assert (baru.versi, baru.status, baru.sebelumnya, baru.opd) == (
        1, Renstra.Status.DRAFT, pohon, pohon.opd)
    assert (baru.alasan_perubahan, baru.nomor_penetapan) == ("Perubahan RPJMD 2019", "")
    assert (baru.tahun_awal, baru.tahun_akhir, baru.tahun_kondisi_awal) == (2016, 2021, 2017)
    pohon.refresh_from_db()
    assert pohon.status == Renstra.Status.DIGANTIKAN
    assert pohon.nomor_penetapan == "Perbup 12/2016"


@pytest.mark.parametrize("model", [Misi, Tujuan, Sasaran, Program, Kegiatan, SubKegiatan,
                                   Indikator])
def test_perubahan_menandai_asal_setiap_simpul(pohon, perencana_a, model):
    baru = services.renstra_revise(renstra=pohon, oleh=perencana_a, alasan="Perubahan RPJMD")
    salinan = [o for o in model.objects.all() if _renstra_dari(o) == baru]
    asli = {o.pk: o for o in model.objects.all() if _renstra_dari(o) == pohon}
    assert salinan
    assert sorted(o.asal_id for o in salinan) == sorted(asli)
    teks = [f for f in ("nama", "teks", "kode", "satuan") if hasattr(model, f)]
    for o in salinan:
        assert [getattr(o, f) for f in teks] == [getattr(asli[o.asal_id], f) for f in teks]


def test_perubahan_menyambung_induk_di_versi_baru(pohon, perencana_a):
    baru = services.renstra_revise(renstra=pohon, oleh=perencana_a, alasan="Perubahan RPJMD")
    for ind in Indikator.objects.filter(renstra=baru):
        assert _renstra_dari(ind.induk) == baru
        assert ind.induk.asal == getattr(ind.asal, ind.level)
    tujuan = Tujuan.objects.get(renstra=baru)
    assert tujuan.misi.renstra == baru
    assert tujuan.misi.asal.renstra == pohon


def test_perubahan_menyalin_target_dan_memetakan_menggantikan(pohon, perencana_a):
    baru = services.renstra_revise(renstra=pohon, oleh=perencana_a, alasan="Perubahan RPJMD")
    ind = Indikator.objects.get(renstra=baru, is_iku=True)
    assert ind.menggantikan.renstra == baru
    assert ind.menggantikan.asal == ind.asal.menggantikan
    assert (ind.tahun_mulai, ind.satuan) == (2019, "%")
    salin = list(ind.target.values_list("tahun", "nilai", "pagu"))
    asli = list(ind.asal.target.values_list("tahun", "nilai", "pagu"))
    assert salin == asli
    prog = Indikator.objects.get(renstra=baru, level="program")
    assert prog.target.get(tahun=2019).pagu == Decimal("1099585400.00")


def test_versi_baru_dapat_diubah_dan_diubah_lagi(lama, perencana_a):
    baru = Renstra.objects.get(sebelumnya=lama)
    services.node_save(renstra=baru, obj=Tujuan(renstra=baru, nama="Tujuan tambahan"),
                       oleh=perencana_a)
    ketiga = services.renstra_revise(renstra=baru, oleh=perencana_a, alasan="Perubahan kedua")
    assert ketiga.versi == 2
    assert jumlah(ketiga)["Tujuan"] == 2
    assert jumlah(lama)["Tujuan"] == 1


def test_perubahan_wajib_beralasan(pohon, perencana_a):
    with pytest.raises(ValidationError):
        services.renstra_revise(renstra=pohon, oleh=perencana_a, alasan="   ")
    pohon.refresh_from_db()
    assert pohon.status == Renstra.Status.BERLAKU
    assert Renstra.objects.count() == 1
