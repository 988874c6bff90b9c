"""`manage.py load_demo`: idempotent, and the Renstra of Dinas Koperasi dan Usaha Mikro
Kabupaten Malang exactly as Tabel 5.1 of its LKjIP 2019 (figures from the data README)."""

from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Sum
from django.test import Client
from django.urls import reverse

from laporan.models import ArsipLaporan
from renstra.models import Indikator, Kegiatan, Misi, Program, Renstra, TargetRenstra, Tujuan
from renstra.selectors import renstra_tree
from sakip.demo import SANDI_DEMO, data_json
from sakip.models import AksesPemda, Keanggotaan, Opd, Pejabat, Pemda, UnitKerja

from .conftest import login

# README "Program totals" (Rp): 2017 (kondisi awal), 2018–2021, kondisi akhir = Σ 2017–2021.
PROGRAM_TOTAL = {
    "I": (721121296, 964528800, 1099585400, 1213745800, 1339245800, 5338227096),
    "II": (189054304, 215958500, 550433800, 385592190, 721523800, 2062562594),
    "III": (27860000, 0, 35300000, 30800000, 40300000, 134260000),
    "IV": (6000000, 7200000, 8000000, 9000000, 10000000, 40200000),
    "V": (12564000, 19939000, 28564000, 35564000, 42720000, 139351000),
    "VI": (0, 191560400, 204560150, 214457215, 229450800, 840028565),
    "VII": (0, 235734000, 335000000, 410000000, 460000000, 1440734000),
    "VIII": (0, 146723300, 533148950, 558148950, 583148950, 1821170150),
    "IX": (21052500, 0, 0, 0, 0, 21052500),
    "X": (1631430000, 0, 0, 0, 0, 1631430000),
    "XI": (315065000, 0, 0, 0, 0, 315065000),
    "XII": (0, 127000000, 947500000, 1102500000, 1267125000, 3444125000),
    "XIII": (0, 325000000, 330000000, 335000000, 340000000, 1330000000),
    "XIV": (0, 2425000000, 2425000000, 2546250000, 2673562500, 10069812500),
    "XV": (1495513900, 0, 0, 0, 0, 1495513900),
    "XVI": (614655372, 0, 0, 0, 0, 614655372),
}
TAHUN = (2017, 2018, 2019, 2020, 2021)
PENGGUNA = ("perencana.koperasi", "kepala.koperasi", "perencana.contoh", "inspektorat", "admin")


def _load() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def _demo_dimuat(django_db_setup, django_db_blocker):
    """The demo loads once per module in a transaction rolled back at the end; every test
    runs in its own savepoint on top of it (pytest-django's `db`), so changes stay local."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _load()
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_dimuat, db):
    return _demo_dimuat


@pytest.fixture
def renstra_kop(demo):
    return Renstra.objects.get(opd__slug="koperasi-malang")


def _jumlah_semua_model() -> dict[str, int]:
    tabel = set(connection.introspection.table_names())
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models() if m._meta.db_table in tabel
    }


def _pagu_program(renstra: Renstra) -> dict[str, list[Decimal]]:
    """Program code → Rp for 2017 (baseline column) … 2021, from the database."""
    pagu = {
        i.program.kode: [i.kondisi_awal_pagu]
        for i in Indikator.objects.filter(renstra=renstra, level="program").select_related(
            "program"
        )
    }
    for t in TargetRenstra.objects.filter(
        indikator__renstra=renstra, indikator__level="program"
    ).select_related("indikator__program").order_by("tahun"):
        pagu[t.indikator.program.kode].append(t.pagu)
    return pagu


def test_load_twice_duplicates_and_changes_nothing(demo):
    User = get_user_model()
    sebelum = _jumlah_semua_model()
    akun = list(User.objects.order_by("username").values_list())

    kedua = _load()

    # Historical tables count too: a no-op save would have added history rows.
    assert _jumlah_semua_model() == sebelum
    assert list(User.objects.order_by("username").values_list()) == akun
    # Malang 90 + Dinas Contoh 6 + the two 2018 IKU that kinerja's demo adds (retired 2018).
    assert sebelum["renstra.Indikator"] == 90 + 6 + 2
    assert sebelum["renstra.HistoricalIndikator"] == 90 + 6 + 2
    assert "0 baris dibuat atau diperbarui" in kedua
    assert kedua.count("sudah ada; tidak diubah") == 2


def test_second_run_repairs_core_rows_but_leaves_the_tree_alone(demo):
    Opd.objects.filter(slug="koperasi-malang").update(singkatan="X")
    UnitKerja.objects.filter(nama="Seksi Permodalan").delete()
    Program.objects.filter(kode="I").update(nama="diubah perencana")

    keluaran = _load()

    assert Opd.objects.get(slug="koperasi-malang").singkatan == "Diskop UM"
    assert UnitKerja.objects.filter(opd__slug="koperasi-malang").count() == 24
    assert Program.objects.get(kode="I").nama == "diubah perencana"
    assert "2 baris dibuat atau diperbarui" in keluaran


def test_renstra_koperasi_shape(renstra_kop):
    r = renstra_kop
    assert (r.tahun_awal, r.tahun_akhir, r.tahun_kondisi_awal, r.versi) == (2016, 2021, 2017, 0)
    assert r.status == Renstra.Status.BERLAKU
    assert r.visi == "" and r.rpjmd is None
    assert not Misi.objects.filter(renstra=r).exists()

    tujuan = Tujuan.objects.get(renstra=r)
    assert tujuan.nama == "Meningkatnya kualitas Koperasi dan Usaha Mikro"
    ind_tujuan = Indikator.objects.filter(tujuan=tujuan)
    assert [i.nama for i in ind_tujuan] == [
        "Persentase Koperasi Stabilisasi", "Persentase pertumbuhan Usaha Mikro",
    ]
    assert not TargetRenstra.objects.filter(indikator__in=ind_tujuan).exists()

    program = list(Program.objects.filter(sasaran__tujuan__renstra=r).select_related("sasaran"))
    assert [p.kode for p in program] == list(PROGRAM_TOTAL)
    assert [p.sasaran.urutan for p in program] == [1] * 5 + [2] * 11
    assert program[1].sasaran.nama == (
        "Meningkatnya kualitas pengelolaan administrasi umum dan sumber daya aparatur yang "
        "handal dan akuntabel"
    )
    assert program[11].nama == "Program Pengembangan dan Restrukturisasi Usaha"

    kegiatan = Kegiatan.objects.filter(program__sasaran__tujuan__renstra=r)
    assert [k.kode for k in kegiatan.order_by("urutan")] == [str(n) for n in range(1, 58)]
    assert Indikator.objects.filter(renstra=r, level="kegiatan").count() == 69
    assert Indikator.objects.filter(renstra=r, level="program").count() == 16
    # Programs IX, X, XI, XV and XVI only had a 2017 budget: their kegiatan ended then.
    selesai = sorted(int(k) for k in kegiatan.filter(tahun_selesai=2017).values_list("kode",
                                                                                     flat=True))
    assert selesai == [*range(35, 43), *range(50, 58)]
    assert not kegiatan.exclude(tahun_selesai=2017).exclude(tahun_selesai=None).exists()


def test_program_totals_equal_tabel_5_1(renstra_kop):
    pagu = _pagu_program(renstra_kop)
    assert pagu == {
        k: [Decimal(x) for x in v[:5]] for k, v in PROGRAM_TOTAL.items()
    }
    pohon = renstra_tree(renstra=renstra_kop)
    akhir = {
        b.obj.program.kode: b.kondisi_akhir_pagu
        for b in pohon.indikator.values() if b.obj.level == "program"
    }
    assert akhir == {k: Decimal(v[5]) for k, v in PROGRAM_TOTAL.items()}

    total = data_json("malang-2019.json")["renstra_matrix"]["total_row"]
    for n, tahun in enumerate(TAHUN):
        assert sum(p[n] for p in pagu.values()) == Decimal(total["rp"][str(tahun)])
    assert sum(p[2] for p in pagu.values()) == Decimal("6497092300")
    # The printed TOTAL "kondisi akhir" sums 2019–2021 only (README c.12).
    assert sum(sum(p[2:]) for p in pagu.values()) == Decimal(total["akhir_rp"])


def test_kegiatan_rp_add_up_to_program_rp(renstra_kop):
    r = renstra_kop
    per_program: dict[tuple[str, int], Decimal] = {}
    for i in Indikator.objects.filter(renstra=r, level="kegiatan").select_related(
        "kegiatan__program"
    ):
        kunci = (i.kegiatan.program.kode, 2017)
        per_program[kunci] = per_program.get(kunci, Decimal(0)) + i.kondisi_awal_pagu
    for row in (
        TargetRenstra.objects.filter(indikator__renstra=r, indikator__level="kegiatan")
        .values("indikator__kegiatan__program__kode", "tahun").annotate(s=Sum("pagu"))
    ):
        per_program[(row["indikator__kegiatan__program__kode"], row["tahun"])] = row["s"]
    selisih = {
        (kode, tahun): per_program[(kode, tahun)] - Decimal(v[n])
        for kode, v in PROGRAM_TOTAL.items() for n, tahun in enumerate(TAHUN)
        if per_program[(kode, tahun)] != Decimal(v[n])
    }
    # The one printed inconsistency: kegiatan 6's 2017 Rp is 200 too high (README c.12).
    assert selisih == {("I", 2017): Decimal("200")}


def test_kegiatan_lines_as_printed(renstra_kop):
    ind = Indikator.objects.filter(renstra=renstra_kop, level="kegiatan")

    surat = ind.get(kegiatan__kode="1")
    assert (surat.satuan, surat.jenis, surat.kondisi_awal, surat.kondisi_awal_pagu) == (
        "Buah", "keluaran", Decimal("4500"), Decimal("173015000"),
    )
    assert surat.aturan_kondisi_akhir == "masukan" and surat.kondisi_akhir == Decimal("13500")
    assert surat.lokasi == "Dinas Koperasi Dan Usaha Mikro"
    assert surat.penanggung_jawab == "Dinas Koperasi Dan Usaha Mikro"
    assert {t.tahun: (t.nilai, t.pagu) for t in surat.target.all()} == {
        2018: (4500, Decimal("5050000")), 2019: (4500, Decimal("8050000")),
        2020: (4500, Decimal("11050000")), 2021: (4500, Decimal("14050000")),
    }

    # Kegiatan 26, second line: DAK from 2019 on, the only DAK cells of the matrix.
    sosialisasi = ind.get(kegiatan__kode="26", urutan=2)
    assert [t.sumber_dana for t in sosialisasi.target.all()] == [
        "APBD Kabupaten", "DAK", "DAK", "DAK",
    ]
    assert TargetRenstra.objects.filter(indikator__renstra=renstra_kop,
                                        sumber_dana="DAK").count() == 3
    assert ind.get(kegiatan__kode="52").lokasi == "Gedung PLUT-KUMKM"
    # Printed as a bare "0" without unit.
    assert ind.get(kegiatan__kode="36").satuan == "Orang"
    assert ind.filter(kegiatan__kode="44").count() == 3


def test_iku_and_manual_iku(renstra_kop):
    # The 2019 IKU; the 2018 set (Koperasi Aktif, Pertumbuhan UMKM) ends in 2018.
    iku = [i for i in Indikator.objects.filter(renstra=renstra_kop, is_iku=True)
           .select_related("sasaran") if i.berlaku_pada(2019)]
    assert [i.nama for i in iku] == [
        "Persentase Koperasi Rehabilitasi",
        "Persentase Usaha Mikro Kecil yang mendapatkan legalitas usaha",
    ]
    for i in iku:
        assert i.level == "sasaran"
        assert i.sasaran.nama == "Meningkatnya usaha Koperasi dan Usaha Mikro"
        assert (i.satuan, i.jenis, i.jenis_rumus, i.cara_agregasi, i.desimal) == (
            "%", "hasil", "rasio", "akhir", 2,
        )
        assert i.aturan_kondisi_akhir == "masukan"
    satu, dua = iku
    assert satu.polaritas == "turun" and dua.polaritas == "naik"
    assert satu.pembilang == "jumlah Koperasi Rehabilitasi tahun (n)"
    assert satu.penyebut == "jumlah Koperasi tahun (n)"
    assert dua.pembilang == "jumlah Usaha mikro kecil yang mendapatkan legalitas usaha tahun (n)"
    assert dua.penyebut == "jumlah UMKM tahun (n)"
    assert satu.definisi.startswith("jumlah Koperasi Rehabilitasi tahun (n) dibagi")
    assert (satu.kondisi_akhir, dua.kondisi_akhir) == (Decimal("1"), Decimal("0.15"))
    assert {t.tahun: t.nilai for t in satu.target.all()} == {2019: Decimal("2.7"),
                                                             2021: Decimal("1")}
    assert {t.tahun: t.nilai for t in dua.target.all()} == {2019: Decimal("0.05"),
                                                            2021: Decimal("0.05")}


def test_units_and_signatories(demo):
    kop = Opd.objects.get(slug="koperasi-malang")
    assert kop.nama == "Dinas Koperasi dan Usaha Mikro Kabupaten Malang"
    assert (kop.singkatan, kop.urusan, kop.pemda.slug) == (
        "Diskop UM", "Koperasi dan Usaha Mikro", "kab-malang",
    )
    assert kop.pemda.ibukota == "Malang"
    unit = {u.nama: u for u in UnitKerja.objects.filter(opd=kop).select_related("induk")}
    assert len(unit) == 24
    kadin = unit["Kepala Dinas Koperasi dan Usaha Mikro"]
    assert (kadin.jenis, kadin.eselon, kadin.induk) == ("pimpinan", "II.b", None)
    assert unit["Sekretariat"].eselon == "III.a"
    assert unit["Seksi Permodalan"].induk.nama == "Bidang Bina Fasilitas Pembiayaan"
    assert unit["Seksi Permodalan"].jenis == "seksi"
    assert unit["Sub Bagian Tata Usaha"].eselon == "IV.b"
    assert unit["Unit Pelaksana Teknis (UPT) Pengelola Dana Bergulir"].jenis == "upt"
    assert unit["Sekretariat"].fungsi.splitlines()[0] == "a. Perencanaan kegiatan kesekretariatan."
    assert len(unit["Sekretariat"].fungsi.splitlines()) == 7

    pejabat = {p.nama: p for p in Pejabat.objects.filter(pemda=kop.pemda)}
    kepala = pejabat["Dra. PANTJANINGSIH SRI REJEKI"]
    assert (kepala.opd, kepala.nip, kepala.aktif) == (kop, "19681207 198803 2 002", True)
    assert pejabat["Dra. MADE DEWI ANGGRAENI, M.Si."].aktif is False
    wakil = pejabat["SANUSI"]
    assert (wakil.opd, wakil.jabatan, wakil.nip) == (None, "Wakil Bupati Malang", "")


def test_demo_pk_2019_is_approved_through_the_service_hence_signed(demo):
    arsip = ArsipLaporan.objects.select_related("perjanjian").get(
        perjanjian__opd__slug="koperasi-malang", perjanjian__tahun=2019)
    assert (arsip.jenis, arsip.perjanjian.status, arsip.versi) == ("pk", "disetujui", 0)
    assert arsip.disetujui_oleh.username == "kepala.koperasi"


def test_dinas_contoh_and_fictional_rpjmd(demo):
    r = Renstra.objects.get(opd__slug="dinas-contoh")
    assert (r.tahun_awal, r.tahun_akhir, r.tahun_kondisi_awal) == (2019, 2024, 2018)
    assert r.opd.pemda.slug == "kab-malang" and "fiktif" in r.opd.nama
    assert "fiktif" in r.rpjmd.visi
    misi = list(Misi.objects.filter(renstra=r).select_related("misi_rpjmd"))
    assert [m.misi_rpjmd.nomor for m in misi] == [1, 2]
    assert all(m.misi_rpjmd.rpjmd_id == r.rpjmd_id for m in misi)

    pohon = renstra_tree(renstra=r)
    assert (pohon.jumlah["tujuan"], pohon.jumlah["sasaran"], pohon.jumlah["program"],
            pohon.jumlah["iku"]) == (1, 1, 2, 1)
    program = pohon.tujuan[0].anak[0].anak
    assert [p.obj.kode for p in program] == ["2.17.03", "2.17.05"]
    assert [[k.obj.kode for k in p.anak] for p in program] == [
        ["2.17.03.2.01", "2.17.03.2.02"], ["2.17.05.2.01"],
    ]
    for p in program:
        pagu_program = p.indikator[0].target
        for tahun in r.tahun_target:
            assert pagu_program[tahun].pagu == sum(k.indikator[0].target[tahun].pagu
                                                   for k in p.anak)
    iku = pohon.tujuan[0].anak[0].indikator[0].obj
    assert iku.unit_penanggung_jawab.opd_id == r.opd_id
    assert sorted(t.tahun for t in iku.target.all()) == list(range(2019, 2025))


def test_demo_users_log_in_and_see_their_offices(demo):
    User = get_user_model()
    for username in PENGGUNA:
        assert Client().login(username=username, password=SANDI_DEMO), username
        user = User.objects.get(username=username)
        assert user.first_name and user.last_name

    def terlihat(username):
        user = User.objects.get(username=username)
        return set(Opd.objects.for_user(user).values_list("slug", flat=True))

    assert terlihat("perencana.koperasi") == {"koperasi-malang"}
    assert terlihat("kepala.koperasi") == {"koperasi-malang"}
    assert terlihat("perencana.contoh") == {"dinas-contoh"}
    assert terlihat("inspektorat") == {"koperasi-malang", "dinas-contoh"}
    assert terlihat("admin") == {"koperasi-malang", "dinas-contoh"}
    assert User.objects.get(username="admin").is_superuser
    assert Keanggotaan.objects.get(user__username="kepala.koperasi").peran == "kepala"
    assert AksesPemda.objects.get(user__username="inspektorat").pemda == Pemda.objects.get(
        slug="kab-malang")


def test_tree_page_of_the_demo(renstra_kop):
    User = get_user_model()
    url = reverse("renstra:renstra-detail", args=[renstra_kop.pk])
    resp = login(User.objects.get(username="perencana.koperasi")).get(url)
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "Program Pengembangan dan Restrukturisasi Usaha" in html
    assert "Persentase Koperasi Rehabilitasi" in html
    assert "Belum diisi" in html
    other = login(User.objects.get(username="perencana.contoh")).get(url)
    assert other.status_code == 404
