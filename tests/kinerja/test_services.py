"""Kinerja services: PK versions and workflow, realisations, and every kind of bad input
answered with an Indonesian message while nothing is saved."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja import services
from kinerja.models import (
    BarisPk,
    PeristiwaPk,
    PerjanjianKinerja,
    ProgramPk,
    Realisasi,
    SkalaKategori,
    StatusPk,
    TargetTriwulan,
)
from renstra.models import Indikator
from tests.factories import IndikatorFactory, RenstraFactory

from .conftest import pk_baru

D = Decimal


def isi(ind, *, tahun=2019, triwulan=4, nilai=None, nilai_teks="", pembilang=None,
        penyebut=None, catatan="", berkas=None, hapus_file=False, oleh=None):
    return services.realisasi_update(
        indikator=ind, tahun=tahun, triwulan=triwulan, nilai=nilai, nilai_teks=nilai_teks,
        pembilang=pembilang, penyebut=penyebut, bukti_catatan=catatan, bukti_file=berkas,
        hapus_file=hapus_file, oleh=oleh,
    )


def pesan(e: pytest.ExceptionInfo) -> str:
    return " ".join(e.value.messages)


# --- Perjanjian Kinerja -------------------------------------------------------------------


def test_pk_create_prefills_iku_targets_and_program_funding(pk_a, kin_a):
    baris = list(pk_a.baris.select_related("indikator"))
    assert [(b.indikator, b.target) for b in baris] == [(kin_a.iku1, D("2.7")),
                                                        (kin_a.iku2, D("0.05"))]
    assert [(p.program, p.anggaran) for p in pk_a.program.all()] == [
        (kin_a.program, D("661530700.00"))]
    assert pk_a.versi == 0 and pk_a.status == StatusPk.DRAFT


def test_second_pk_for_the_same_period_and_year_is_refused(pk_a, kin_a, perencana_a):
    with pytest.raises(ValidationError) as e:
        pk_baru(kin_a, perencana_a)
    assert "sudah ada" in pesan(e)
    assert PerjanjianKinerja.objects.count() == 1


def test_pk_year_outside_the_renstra_target_years_is_refused(kin_a, perencana_a):
    with pytest.raises(ValidationError) as e:
        pk_baru(kin_a, perencana_a, tahun=2017)  # the baseline year carries no targets
    assert "Tahun 2017 di luar periode target Renstra 2016–2021 (2018–2021)" in pesan(e)
    assert not PerjanjianKinerja.objects.exists()


def test_transition_year_has_one_pk_per_renstra_period(opd_a, perencana_a):
    lama = RenstraFactory(opd=opd_a, tahun_awal=2015, tahun_akhir=2019, tahun_kondisi_awal=2014)
    baru = RenstraFactory(opd=opd_a, tahun_awal=2019, tahun_akhir=2024, tahun_kondisi_awal=2018)
    for r in (lama, baru):
        services.pk_create(opd=opd_a, renstra=r, tahun=2019, oleh=perencana_a,
                           pk=PerjanjianKinerja())
    assert PerjanjianKinerja.objects.filter(opd=opd_a, tahun=2019).count() == 2


def _isian(baris, **kw):
    d = {"target": baris.target, "target_atas": None, "target_teks": "", "alasan_target": "",
         "triwulan": {}}
    d.update(kw)
    return d


def test_target_change_without_reason_is_refused_and_nothing_saved(pk_a, perencana_a):
    b1, b2 = pk_a.baris.all()
    with pytest.raises(services.GalatBaris) as e:
        services.pk_target_update(pk=pk_a, oleh=perencana_a, isian={
            b1: _isian(b1, triwulan={1: (D("2.3"), "")}),  # valid on its own
            b2: _isian(b2, target=D("0.06")),
        })
    assert "tuliskan alasannya" in " ".join(e.value.per_baris[b2.pk].messages)
    assert b1.pk not in e.value.per_baris
    # All or nothing: the valid row's quarter target was rolled back too.
    assert not TargetTriwulan.objects.exists()
    assert BarisPk.objects.get(pk=b2.pk).target == D("0.05")


def test_target_change_with_reason_and_quarter_targets(pk_a, perencana_a):
    b1, b2 = pk_a.baris.all()
    services.pk_target_update(pk=pk_a, oleh=perencana_a, isian={
        b1: _isian(b1, triwulan={1: (D("2.3"), ""), 2: (D("1.9"), ""), 3: (None, "")}),
        b2: _isian(b2, target=D("0.06"), alasan_target="Hasil pembahasan anggaran"),
    })
    assert BarisPk.objects.get(pk=b2.pk).target == D("0.06")
    assert list(TargetTriwulan.objects.filter(baris=b1).values_list("triwulan", "nilai")) == [
        (1, D("2.3")), (2, D("1.9"))]
    assert BarisPk.history.filter(id=b2.pk).first().history_change_reason == (
        "Hasil pembahasan anggaran")


def test_negative_quarter_target_is_refused(pk_a, perencana_a):
    b1, _ = pk_a.baris.all()
    with pytest.raises(services.GalatBaris) as e:
        services.pk_target_update(pk=pk_a, oleh=perencana_a,
                                  isian={b1: _isian(b1, triwulan={2: (D("-1"), "")})})
    assert "tidak boleh bernilai negatif" in " ".join(e.value.per_baris[b1.pk].messages)


def test_workflow_events_and_lock(pk_a, perencana_a, kepala_a):
    services.pk_submit(pk=pk_a, oleh=perencana_a)
    with pytest.raises(PermissionDenied):
        services.pk_update(pk=pk_a, oleh=perencana_a)
    services.pk_return(pk=pk_a, catatan="Target IKU 2 terlalu rendah", oleh=kepala_a)
    services.pk_submit(pk=pk_a, oleh=perencana_a)
    services.pk_approve(pk=pk_a, oleh=kepala_a)
    pk_a.refresh_from_db()
    assert pk_a.status == StatusPk.DISETUJUI
    peristiwa = PeristiwaPk.objects.filter(perjanjian=pk_a)
    assert list(peristiwa.values_list("dari", "ke", "catatan")) == [
        ("draft", "diajukan", ""),
        ("diajukan", "dikembalikan", "Target IKU 2 terlalu rendah"),
        ("dikembalikan", "diajukan", ""),
        ("diajukan", "disetujui", ""),
    ]


def test_status_cannot_be_assigned_directly(pk_a):
    with pytest.raises(AttributeError):
        pk_a.status = StatusPk.DISETUJUI


def test_return_needs_a_note(pk_a, perencana_a, kepala_a):
    services.pk_submit(pk=pk_a, oleh=perencana_a)
    with pytest.raises(ValidationError) as e:
        services.pk_return(pk=pk_a, catatan="  ", oleh=kepala_a)
    assert "catatan" in pesan(e)
    assert PerjanjianKinerja.objects.get(pk=pk_a.pk).status == StatusPk.DIAJUKAN


def test_submit_needs_rows(kin_a, perencana_a):
    pk = pk_baru(kin_a, perencana_a)
    for b in pk.baris.all():
        services.pk_baris_delete(baris=b, oleh=perencana_a)
    with pytest.raises(ValidationError) as e:
        services.pk_submit(pk=pk, oleh=perencana_a)
    assert "belum berisi indikator" in pesan(e)


def test_revise_makes_a_new_version_and_keeps_the_old_one(pk_a, perencana_a, kepala_a):
    b1, _ = pk_a.baris.all()
    services.pk_target_update(pk=pk_a, oleh=perencana_a,
                              isian={b1: _isian(b1, triwulan={4: (D("1"), "")})})
    services.pk_submit(pk=pk_a, oleh=perencana_a)
    services.pk_approve(pk=pk_a, oleh=kepala_a)

    baru = services.pk_revise(pk=pk_a, alasan="Refocusing anggaran", oleh=perencana_a)

    assert (baru.versi, baru.status, baru.sebelumnya, baru.alasan_perubahan) == (
        1, StatusPk.DRAFT, pk_a, "Refocusing anggaran")
    assert baru.nama_versi == "PK perubahan 1"
    assert baru.baris.count() == pk_a.baris.count() == 2
    assert TargetTriwulan.objects.filter(baris__perjanjian=baru).count() == 1
    assert ProgramPk.objects.filter(perjanjian=baru).count() == 1
    lama = PerjanjianKinerja.objects.get(pk=pk_a.pk)
    assert lama.digantikan and not lama.dapat_diubah and lama.status == StatusPk.DISETUJUI
    with pytest.raises(PermissionDenied):
        services.pk_revise(pk=lama, alasan="Sekali lagi", oleh=perencana_a)


def test_revise_only_from_an_approved_pk(pk_a, perencana_a):
    with pytest.raises(PermissionDenied):
        services.pk_revise(pk=pk_a, alasan="Belum disetujui", oleh=perencana_a)


def test_program_row_of_another_renstra_is_refused(pk_a, kin_b, perencana_a):
    with pytest.raises(ValidationError) as e:
        services.pk_program_update(pk=pk_a, oleh=perencana_a, hapus=[], simpan=[
            ProgramPk(program=kin_b.program, anggaran=D("1"))])
    assert "bukan bagian dari Renstra PK ini" in pesan(e)


def test_indicator_of_another_renstra_cannot_join_the_pk(pk_a, kin_b, perencana_a):
    with pytest.raises(ValidationError) as e:
        services.pk_baris_add(pk=pk_a, indikator=kin_b.iku1, oleh=perencana_a)
    assert "bukan bagian dari Renstra PK ini" in pesan(e)


# --- Realisasi ----------------------------------------------------------------------------


def test_ratio_is_rounded_to_the_indicator_precision(kin_a, perencana_a):
    r = isi(kin_a.iku2, pembilang=D("613"), penyebut=D("423350"), oleh=perencana_a)
    r.refresh_from_db()
    assert (r.nilai, r.diisi_oleh) == (D("0.14"), perencana_a)
    assert Realisasi.history.get().history_user == perencana_a


def test_growth_formula_may_be_negative(kin_a, perencana_a):
    ind = IndikatorFactory(sasaran=kin_a.sasaran, jenis_rumus=Indikator.JenisRumus.PERTUMBUHAN,
                           desimal=2)
    r = isi(ind, pembilang=D("420995"), penyebut=D("423350"), oleh=perencana_a)
    assert r.nilai == D("-0.56")


@pytest.mark.parametrize(("kwargs", "kutipan"), [
    ({"triwulan": 5}, "Triwulan harus 1 sampai 4."),
    ({"triwulan": 0}, "Triwulan harus 1 sampai 4."),
    ({"tahun": 2022, "nilai": D("1")}, "Tahun 2022 di luar periode Renstra 2016–2021"),
    ({"tahun": 2015, "nilai": D("1")}, "realisasi dapat diisi 2017–2021"),
    ({"nilai": D("-1")}, "Satuan % tidak boleh bernilai negatif."),
    ({"pembilang": D("5"), "penyebut": D("0")}, "Penyebut tidak boleh 0."),
    ({"pembilang": D("-5"), "penyebut": D("10")}, "Pembilang tidak boleh negatif."),
    ({"pembilang": D("5")}, "Isi pembilang dan penyebut, atau kosongkan keduanya."),
    ({"nilai_teks": "WTP"}, "Nilai kualitatif hanya untuk indikator berskala."),
    ({"catatan": "ada bukti"}, "Isi nilai realisasi"),
])
def test_bad_realisation_is_refused_and_nothing_saved(kin_a, perencana_a, kwargs, kutipan):
    kwargs.setdefault("triwulan", 4)
    with pytest.raises(ValidationError) as e:
        isi(kin_a.iku1, oleh=perencana_a, **kwargs)
    assert kutipan in pesan(e)
    assert not Realisasi.objects.exists()


def test_retired_indicator_takes_no_realisation_after_its_last_year(kin_a, perencana_a):
    ind = IndikatorFactory(sasaran=kin_a.sasaran, tahun_selesai=2018)
    isi(ind, tahun=2018, nilai=D("99.2"), oleh=perencana_a)
    with pytest.raises(ValidationError) as e:
        isi(ind, tahun=2019, nilai=D("99.2"), oleh=perencana_a)
    assert "tidak berlaku pada tahun 2019" in pesan(e)


def test_qualitative_value_must_come_from_the_scale(kin_a, perencana_a):
    ind = IndikatorFactory(sasaran=kin_a.sasaran, satuan="opini",
                           jenis_target=Indikator.JenisTarget.KUALITATIF,
                           skala_kualitatif=["TMP", "TW", "WDP", "WTP"])
    with pytest.raises(ValidationError) as e:
        isi(ind, nilai_teks="Baik", oleh=perencana_a)
    assert "'Baik' tidak ada dalam skala (TMP, TW, WDP, WTP)." in pesan(e)
    with pytest.raises(ValidationError) as e:
        isi(ind, nilai=D("4"), oleh=perencana_a)
    assert "pilih nilai dari skala" in pesan(e)
    assert isi(ind, nilai_teks="WTP", oleh=perencana_a).nilai_teks == "WTP"


def test_empty_is_not_zero_clearing_removes_the_row(kin_a, perencana_a):
    isi(kin_a.iku1, nilai=D("0"), oleh=perencana_a)
    assert Realisasi.objects.get().nilai == D("0")  # zero is a value
    assert isi(kin_a.iku1, oleh=perencana_a) is None
    assert not Realisasi.objects.exists()


def test_evidence_file_is_kept_and_replaced(kin_a, perencana_a, settings, tmp_path,
                                            django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    pdf = SimpleUploadedFile("bukti.pdf", b"%PDF-1.4 bukti", content_type="application/pdf")
    r = isi(kin_a.iku1, nilai=D("2.66"), berkas=pdf, oleh=perencana_a)
    lama = tmp_path / r.bukti_file.name
    assert lama.exists()
    with django_capture_on_commit_callbacks(execute=True):
        r = isi(kin_a.iku1, nilai=D("2.66"), hapus_file=True, oleh=perencana_a)
    assert not r.bukti_file and not lama.exists()


def test_evidence_file_type_and_size_are_limited(kin_a, perencana_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    exe = SimpleUploadedFile("bukti.exe", b"MZ", content_type="application/octet-stream")
    with pytest.raises(ValidationError):
        isi(kin_a.iku1, nilai=D("2.66"), berkas=exe, oleh=perencana_a)
    besar = SimpleUploadedFile("besar.pdf", b"0" * (5 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError) as e:
        isi(kin_a.iku1, nilai=D("2.66"), berkas=besar, oleh=perencana_a)
    assert "paling besar 5 MB" in pesan(e)
    assert not Realisasi.objects.exists()


def test_category_scale_is_validated_as_a_whole(pemda):
    with pytest.raises(ValidationError) as e:
        SkalaKategori(pemda=pemda, kelas=[["76", "Tinggi"], ["91", "Sangat Tinggi"]]).full_clean()
    assert "urut dari terbesar ke terkecil" in pesan(e)
    SkalaKategori(pemda=pemda, kelas=[["90", "Baik"], ["0", "Kurang"]]).full_clean()
