"""The LKjIP dataset: fixed query count, transition years, the staff's texts kept."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from laporan import dokumen, services
from laporan.models import AsetSarana, BarisSdm, JenisAnalisis, NarasiAnalisis
from laporan.narasi import terbilang_rupiah
from laporan.selectors import DataTidakAda, lkjip_dataset
from tests.factories import RenstraFactory

from .conftest import kantor_kecil


def _jumlah_query(opd, tahun=2019) -> int:
    with CaptureQueriesContext(connection) as q:
        lkjip_dataset(opd=opd, tahun=tahun)
    return len(q)


def test_query_count_does_not_grow_with_indicators(opd_a, opd_b):
    kecil = kantor_kecil(opd_a, jumlah_iku=1)
    besar = kantor_kecil(opd_b, jumlah_iku=20)
    for laporan in (kecil.laporan, besar.laporan):
        BarisSdm.objects.create(laporan=laporan, kelompok="pendidikan", uraian="S1", jumlah=3)
    BarisSdm.objects.create(laporan=besar.laporan, kelompok="pendidikan", uraian="S2",
                            jumlah=2)
    # Warm up per-process caches (content types, the pemda's rules) before counting.
    lkjip_dataset(opd=opd_a, tahun=2019)
    assert _jumlah_query(opd_a) == _jumlah_query(opd_b)
    assert len(lkjip_dataset(opd=opd_b, tahun=2019).semua_iku) == 20


def test_year_without_renstra_is_refused(opd_a):
    kantor_kecil(opd_a, jumlah_iku=1)
    with pytest.raises(DataTidakAda, match="tidak memiliki Renstra yang berlaku pada tahun 2030"):
        lkjip_dataset(opd=opd_a, tahun=2030)


def test_transition_year_presents_both_periods_in_turn(opd_a):
    lama = RenstraFactory(opd=opd_a, tahun_awal=2015, tahun_akhir=2019, tahun_kondisi_awal=2014)
    baru = RenstraFactory(opd=opd_a, tahun_awal=2019, tahun_akhir=2024, tahun_kondisi_awal=2018)
    k1 = kantor_kecil(opd_a, jumlah_iku=1, renstra=lama)
    k1.laporan.delete()
    kantor_kecil(opd_a, jumlah_iku=2, renstra=baru)
    data = lkjip_dataset(opd=opd_a, tahun=2019)
    assert data.transisi
    assert [p.periode for p in data.periode] == ["2015–2019", "2019–2024"]
    assert [(p.huruf_renstra, p.huruf_pk) for p in data.periode] == [("A", "B"), ("C", "D")]
    assert [len(p.iku) for p in data.periode] == [1, 2]
    assert all(p.pk is not None for p in data.periode)
    judul = [t.judul for t in data.daftar_tabel]
    assert any("(Renstra 2015–2019)" in j for j in judul)
    assert any("(Renstra 2019–2024)" in j for j in judul)
    # Tables numbered per chapter in document order, each number once.
    nomor = [t.nomor for t in data.daftar_tabel]
    assert len(nomor) == len(set(nomor))
    assert nomor.index("2.1") < nomor.index("3.1")
    html = dokumen.lkjip_html(data)
    for teks_judul in ("A. Rencana Strategis 2015–2019", "B. Perjanjian Kinerja Tahun 2019 "
                       "(Renstra 2015–2019)", "C. Rencana Strategis 2019–2024",
                       "D. Perjanjian Kinerja Tahun 2019 (Renstra 2019–2024)",
                       "Renstra 2015–2019</h2>", "Renstra 2019–2024</h2>",
                       "Matriks Renstra 2015–2019", "Matriks Renstra 2019–2024"):
        assert teks_judul in html, teks_judul
    # One budget chapter for the year, whatever the number of periods.
    assert html.count('id="realisasi-anggaran"') == 1


def test_capaian_category_and_draft_sentence(opd_a):
    k = kantor_kecil(opd_a, jumlah_iku=1)
    iku = lkjip_dataset(opd=opd_a, tahun=2019).semua_iku[0]
    # 84 against a target of 80, higher is better: 105 %.
    assert (iku.capaian, iku.kategori) == ("105,00%", "Sangat Tinggi")
    assert iku.realisasi in ("84%", "84,00%") and iku.target == "80%"
    assert iku.teks(JenisAnalisis.TARGET).teks.startswith(
        f"Realisasi indikator {k.iku[0].nama} tahun 2019 sebesar {iku.realisasi} dari target "
        "80%, "
        "sehingga capaian kinerja 105,00% dengan kategori Sangat Tinggi (capaian ≥ 91% pada "
        "skala Permendagri 86/2017).")


def test_edited_text_survives_regeneration(opd_a, perencana_a):
    k = kantor_kecil(opd_a, jumlah_iku=1)
    ind = k.iku[0]
    services.narasi_update(laporan=k.laporan, indikator=ind, jenis="target",
                           teks="Teks dari staf.", oleh=perencana_a)
    diperbarui, dipertahankan = services.narasi_regenerate(laporan=k.laporan, oleh=perencana_a)
    assert (diperbarui, dipertahankan) == (6, 1)
    obj = NarasiAnalisis.objects.get(laporan=k.laporan, indikator=ind, jenis="target")
    assert obj.diubah and obj.teks == "Teks dari staf."
    assert obj.teks_otomatis.startswith("Realisasi indikator")
    iku = lkjip_dataset(opd=opd_a, tahun=2019).semua_iku[0]
    assert iku.teks("target").teks == "Teks dari staf." and iku.teks("target").diubah
    # The data changes: the edit stays, the preview flags it.
    from kinerja.models import Realisasi
    Realisasi.objects.filter(indikator=ind).update(nilai=Decimal("70"))
    iku = lkjip_dataset(opd=opd_a, tahun=2019).semua_iku[0]
    assert iku.teks("target").teks == "Teks dari staf." and iku.teks("target").usang
    assert "87,50%" in iku.teks("target").otomatis
    # Saving the current draft (or nothing) hands the text back to the data.
    services.narasi_update(laporan=k.laporan, indikator=ind, jenis="target", teks="",
                           oleh=perencana_a)
    obj.refresh_from_db()
    assert not obj.diubah and "87,50%" in obj.teks


def test_staff_and_asset_totals_are_computed(opd_a, perencana_a):
    k = kantor_kecil(opd_a, jumlah_iku=1)
    services.sdm_update(laporan=k.laporan, kelompok="status", baris=[("PNS", 31),
                                                                    ("Non-PNS", 23)],
                        oleh=perencana_a)
    services.aset_update(laporan=k.laporan, oleh=perencana_a, baris=[
        AsetSarana(nama="Meja", tahun_perolehan="1995–2017", baik=85),
        AsetSarana(nama="Mobil", rusak_berat=1, kurang_baik=1, baik=6)])
    data = lkjip_dataset(opd=opd_a, tahun=2019)
    sdm = data.tabel_sdm[0]
    assert [s.teks for s in sdm.baris[-1].sel] == ["Jumlah", "54", "100,00%"]
    assert [s.teks for s in sdm.baris[0].sel][2:] == ["31", "57,41%"]
    assert "54 orang" in data.ringkasan_sdm
    jumlah = data.tabel_aset.baris[-1].sel
    assert [s.nilai for s in jumlah[1:]] == [Decimal(93), Decimal(1), Decimal(1), Decimal(91)]


def test_terbilang_with_sen():
    assert terbilang_rupiah(Decimal("8970162625.43")) == (
        "Delapan Miliar Sembilan Ratus Tujuh Puluh Juta Seratus Enam Puluh Dua Ribu Enam "
        "Ratus Dua Puluh Lima Rupiah Empat Puluh Tiga Sen")
    assert terbilang_rupiah(Decimal("1100000")) == "Satu Juta Seratus Ribu Rupiah"
    assert terbilang_rupiah(Decimal("0.05")) == "Nol Rupiah Lima Sen"
