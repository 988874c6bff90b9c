"""The automatic review on the real Dinas Koperasi dan Usaha Mikro Kabupaten Malang, 2019.

The clean demo (`load_demo`, the report's figures with its slips corrected) has no
error-level finding. The report's printed tables and sentences, imported on top exactly as
printed (`fixtures/malang/malang-2019.json`), give each documented inconsistency with its
level; figures the report printed correctly give none.
"""

from decimal import Decimal
from io import StringIO
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction

from anggaran.demo import PROGRAM
from laporan import services as laporan_services
from laporan.models import Besaran, LaporanKinerja
from laporan.reviu import periksa
from laporan.reviu.dasar import GALAT, INFO, PERINGATAN
from laporan.reviu.services import SelTercetak, pengakuan_simpan, tabel_tercetak_simpan
from renstra.models import Indikator, Kegiatan, Program
from sakip.demo import SLUG_KOPERASI, data_json
from sakip.formatting import format_angka
from sakip.models import Opd

TAHUN = 2019


def _cetak(v: str) -> str:
    """A JSON decimal as the report printed it: "101.4" → "101,4", "2994246463.43" →
    "2.994.246.463,43"."""
    return format_angka(Decimal(v), len(v.partition(".")[2]))


def _tabel_iku(opd, oleh, d, kunci, nomor, kolom, iku):
    """A Bab III table: one row per IKU, the columns after the sasaran/indicator names."""
    t = d[kunci]
    judul = t["columns"][-len(kolom):]
    sel = [SelTercetak(baris=n, kolom=header, teks=_cetak(row[k]), uraian=row["iku"],
                       indikator=iku[row["iku"]])
           for n, row in enumerate(t["rows"], start=1)
           for k, header in zip(kolom, judul, strict=True)]
    return tabel_tercetak_simpan(opd=opd, tahun=TAHUN, nomor=nomor, judul=t["title"], sel=sel,
                                 oleh=oleh, sumber="LKjIP 2019")


def _tabel_realisasi_anggaran(opd, oleh, d):
    """The Realisasi Anggaran table, every row as printed (two programs' rows shifted): each
    row summed into the one above it in the hierarchy, programs and kegiatan named as
    printed."""
    program = {p.kode: p for p in Program.objects.filter(sasaran__tujuan__renstra__opd=opd)}
    kegiatan = {(k.program.kode, k.kode): k for k in Kegiatan.objects.filter(
        program__sasaran__tujuan__renstra__opd=opd).select_related("program")}
    rows = d["realisasi_anggaran"]["rows"]
    nomor = {r["level"]: r["order"] for r in rows if r["level"] in ("belanja_total",)}
    sel, induk, prog = [], None, None
    for r in rows:
        level, n = r["level"], r["order"]
        obj = {}
        if level == "jenis_belanja":
            induk = nomor["belanja_total"]
            nomor[r["uraian"]] = n
        elif level == "btl_item":
            induk = nomor["BELANJA TIDAK LANGSUNG"]
        elif level == "program":
            induk = nomor["BELANJA LANGSUNG"]
            prog = PROGRAM[r["uraian"]]
            obj = {"program": program[prog[0]]}
        elif level == "kegiatan":
            induk = nomor["program"]
            kode = prog[1].get(r["uraian"])  # "Pengembangan Informasi Bisnis" is no 2019 kegiatan
            obj = {"kegiatan": kegiatan[(prog[0], kode)]} if kode else {}
        else:
            induk = None
        if level == "program":
            nomor["program"] = n
        for kolom, teks, besaran in (("Anggaran", _cetak(r["anggaran"]), Besaran.PAGU),
                                     ("Realisasi (Rp)", _cetak(r["realisasi"]),
                                      Besaran.REALISASI_ANGGARAN),
                                     ("%", r["persen_printed"], Besaran.SERAPAN)):
            sel.append(SelTercetak(baris=n, kolom=kolom, teks=teks, uraian=r["uraian"],
                                   induk_baris=induk, besaran=besaran, **obj))
    return tabel_tercetak_simpan(opd=opd, tahun=TAHUN, judul="Realisasi Anggaran", sel=sel,
                                 oleh=oleh, sumber="LKjIP 2019, Bab III B")


def _tabel_renstra(opd, oleh, d):
    """Tabel 5.1's programs and TOTAL row: Rp per year and at the end of the period."""
    m = d["renstra_matrix"]
    total = len(m["programs"]) + 1

    def kolom(rp: dict, akhir: str) -> dict[str, str]:
        return {**{f"Tahun {th} Rp.": rp[th] for th in sorted(rp)}, "Kondisi Akhir Rp.": akhir}

    baris = [(n, f"{p['code']}. {p['name'] or ''}".strip(),  # program XII is printed unnamed
              kolom({th: y["rp"] for th, y in p["years"].items()}, p["kondisi_akhir"]["rp"]),
              total) for n, p in enumerate(m["programs"], start=1)]
    baris.append((total, "TOTAL", kolom(m["total_row"]["rp"], m["total_row"]["akhir_rp"]),
                  None))
    sel = [SelTercetak(baris=n, kolom=k, teks=_cetak(v), uraian=uraian, induk_baris=induk)
           for n, uraian, isi, induk in baris for k, v in isi.items()]
    return tabel_tercetak_simpan(opd=opd, tahun=TAHUN, nomor="5.1", judul="Rencana Program, "
                                 "Kegiatan, Indikator Kinerja, Kelompok Sasaran dan Pendanaan "
                                 "Indikatif", sel=sel, oleh=oleh, sumber="LKjIP 2019, lampiran")


def _narasi(opd, oleh, d, iku):
    """The report's own sentences with its slips, typed into the LKjIP and its analyses."""
    lp = LaporanKinerja.objects.get(opd=opd, tahun=TAHUN)
    a = {r["iku"]: r for r in d["analisis_per_indikator"]["rows"]}
    laporan_services.narasi_update(
        laporan=lp, indikator=iku["IKU2"], jenis="target", oleh=oleh,
        teks="Berdasarkan data tersebut, diketahui bahwa ada beberapa Indikator Kinerja yang "
             f"mengalami keberhasilan. Formulasi perhitungannya adalah "
             f"{a['IKU2']['formula_sentence']}")
    laporan_services.narasi_update(
        laporan=lp, indikator=iku["IKU1"], jenis="penyebab", oleh=oleh,
        teks=f"Adapun hal-hal utama yang menjadi {a['IKU1']['penyebab_header_printed']} "
             "antara lain:\n" + "\n".join(f"- {p}" for p in a["IKU1"]["penyebab"]))
    r = d["ringkasan_eksekutif"]["dbhct"]
    laporan_services.laporan_update(laporan=lp, oleh=oleh, alasan="uji", data={
        "ikhtisar": f"Sedangkan program yang anggarannya bersumber dari DBHCT adalah "
                    f"{r['program']} pada kegiatan {' dan kegiatan '.join(r['kegiatan'])} "
                    f"dengan anggaran sebesar Rp {_cetak(r['anggaran'])} atau sebesar "
                    f"{r['persen_of_total_printed']} dari Anggaran Dinas Koperasi dan Usaha "
                    f"Mikro Kabupaten Malang dan terealisasi {r['realisasi_persen_printed']}.",
        "penutup": f"{lp.penutup}\n\nDengan melaksanakan 11 program, "
                   f"{d['penutup']['closing_claim']}.",
    })


@pytest.fixture(scope="module")
def malang(django_db_setup, django_db_blocker):
    """The demo, reviewed clean; then the printed report imported and reviewed again."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        opd = Opd.objects.select_related("pemda").get(slug=SLUG_KOPERASI)
        bersih = periksa(opd=opd, tahun=TAHUN)
        galat_demo = {(o.slug, th): [t.judul for t in periksa(opd=o, tahun=th)
                                     if t.tingkat == GALAT]
                      for o in Opd.objects.select_related("pemda") for th in range(2016, 2025)}
        oleh = get_user_model().objects.get(username="perencana.koperasi")
        d = data_json("malang-2019.json")
        iku = {x["id"]: Indikator.objects.get(renstra__opd=opd, nama=x["name"], is_iku=True)
               for x in d["iku"]}
        tabel = {
            "3.1": _tabel_iku(opd, oleh, d, "tabel_3_1", "3.1",
                              ["target", "realisasi", "capaian"], iku),
            "3.3": _tabel_iku(opd, oleh, d, "tabel_3_3", "3.3",
                              ["target_akhir_renstra", "realisasi", "tingkat_kemajuan"], iku),
            "3.4": _tabel_iku(opd, oleh, d, "tabel_3_4", "3.4", ["anggaran", "persen"], iku),
            "3.5": _tabel_iku(opd, oleh, d, "tabel_3_5", "3.5",
                              ["target", "realisasi", "capaian", "alokasi",
                               "realisasi_anggaran", "capaian_anggaran_printed"], iku),
            "3.6": _tabel_iku(opd, oleh, d, "tabel_3_6", "3.6",
                              ["capaian_kinerja", "penyerapan_printed", "tingkat_efisiensi"],
                              iku),
            "anggaran": _tabel_realisasi_anggaran(opd, oleh, d),
            "5.1": _tabel_renstra(opd, oleh, d),
        }
        _narasi(opd, oleh, d, iku)
        yield SimpleNamespace(opd=opd, bersih=bersih, galat_demo=galat_demo,
                              temuan=periksa(opd=opd, tahun=TAHUN),
                              tabel=tabel, iku=iku, oleh=oleh)
        transaction.set_rollback(True)


@pytest.fixture
def m(malang, db):
    return malang


def _cari(temuan, aturan, *kata):
    """The findings of one rule whose title holds every word given."""
    return [t for t in temuan if t.aturan == aturan and all(k in t.judul for k in kata)]


def _satu(temuan, aturan, *kata):
    hasil = _cari(temuan, aturan, *kata)
    assert len(hasil) == 1, [t.judul for t in temuan if t.aturan == aturan]
    return hasil[0]


def test_demo_bersih_tanpa_galat(m):
    """Every office of the demo, every year of its plans."""
    assert {k: v for k, v in m.galat_demo.items() if v} == {}
    assert len([k for k in m.galat_demo if k[0] == SLUG_KOPERASI]) == 9


def test_demo_bersih_memuat_peringatan_nyata(m):
    """What the real data do leave open: the PK signed on the original budget, the manual
    IKU without data source, the 2019 denominator that is the 2018 UMKM count."""
    aturan = {t.aturan for t in m.bersih if t.tingkat == PERINGATAN}
    assert aturan == {"anggaran-pk", "rencana-manual-iku", "rencana-penyebut"}


def test_capaian_104_tercetak_lawan_101_48(m):
    t = _satu(m.temuan, "tercetak-beda", "Capaian Persentase Koperasi Rehabilitasi", "104")
    assert t.tingkat == GALAT
    assert "101,48%" in t.diharapkan and "(2 × 2,7 − 2,66) / 2,7" in t.diharapkan
    sel = m.tabel["3.1"].angka.get(baris=1, kolom="CAPAIAN (%)")
    assert t.url.endswith(f"#angka-{sel.pk}")
    # 280 % of IKU 2 was printed right: no finding for it.
    assert not _cari(m.temuan, "tercetak-beda", "280")


def test_capaian_101_4_dipotong_hanya_info(m):
    temuan = _cari(m.temuan, "tercetak-pembulatan", "101,4")
    assert len(temuan) == 2  # Tabel 3.5 and Tabel 3.6
    assert {t.tingkat for t in temuan} == {INFO}
    assert "101,4815 yang dipotong" in temuan[0].judul
    assert "101,5" in temuan[0].diharapkan


def test_realisasi_0_56_dalam_narasi_lawan_0_14(m):
    t = _satu(m.temuan, "narasi-angka", "0,56%")
    assert t.tingkat == GALAT
    assert "0,14%" in t.judul and "Persentase Usaha Mikro Kecil" in t.judul
    assert "/narasi/" in t.url
    # The counts 613 and 423.350 of the same sentence are the data's: no finding for them.
    assert not _cari(m.temuan, "narasi-angka", "613")


def test_kolom_capaian_anggaran_berisi_porsi(m):
    for nomor, kolom in (("3.5", "ANGGARAN: Capaian (%)"), ("3.6", "% PENYERAPAN ANGGARAN")):
        temuan = _cari(m.temuan, "tercetak-kolom", kolom)
        assert len(temuan) == 2, nomor
        for t in temuan:
            assert t.tingkat == GALAT
            assert "porsi dari total belanja" in t.judul
    t = _satu(m.temuan, "tercetak-kolom", "ANGGARAN: Capaian (%)", "Koperasi Rehabilitasi")
    assert "98,12%" in t.diharapkan and t.ditemukan.startswith("11,64")


def test_kolom_realisasi_2018_berisi_2019(m):
    temuan = _cari(m.temuan, "tercetak-kolom", "REALISASI Th. 2018")
    assert len(temuan) == 2
    assert all(t.tingkat == GALAT and "realisasi tahun 2019" in t.judul for t in temuan)


def test_tingkat_efisiensi_tidak_dari_data(m):
    temuan = _cari(m.temuan, "tercetak-beda", "Tingkat efisiensi", "tercetak")
    assert sorted(t.ditemukan for t in temuan) == ["0,35 (tercetak)", "0,99 (tercetak)"]
    assert all(t.tingkat == GALAT for t in temuan)


def test_angka_tercetak_yang_benar_tanpa_temuan(m):
    """Targets, realisations, kemajuan, allocation and shares printed right give nothing."""
    sel = {f"#angka-{a.pk}" for n in ("3.3", "3.4") for a in m.tabel[n].angka.all()}
    ditemukan = [t for t in m.temuan if t.aturan.startswith("tercetak")
                 and "#" + t.url.partition("#")[2] in sel]
    assert [t.judul for t in ditemukan if "REALISASI Th. 2018" not in t.judul] == []


def test_dua_program_bergeser(m):
    akses = _satu(m.temuan, "tercetak-jumlah", "Akses Pembiayaan", "kolom “Anggaran”")
    assert akses.tingkat == GALAT
    assert "177.000.000" in akses.ditemukan and "323.723.100,00" in akses.diharapkan
    restrukturisasi = _satu(m.temuan, "tercetak-jumlah", "Restrukturisasi", "kolom “Anggaran”")
    assert "45.217.300" in restrukturisasi.ditemukan
    assert "101.505.800" in restrukturisasi.diharapkan
    # Against the DPA data: each printed program amount is the other program's.
    beda = _satu(m.temuan, "tercetak-beda", "Akses Pembiayaan", "177.000.000")
    assert "Rp 146.723.100,00" in beda.judul
    assert "Pengembangan dan Restrukturisasi Usaha" in beda.saran
    assert "tertukar atau bergeser" in beda.saran
    # The correct programs' rows add up: no finding for them.
    assert not _cari(m.temuan, "tercetak-jumlah", "Administrasi Perkantoran")


def test_pk_lawan_dpa(m):
    for pk, dpa in (("127.000.000", "177.000.000"), ("330.000.000", "392.246.463,43")):
        t = _satu(m.temuan, "anggaran-pk", pk, dpa)
        assert t.tingkat == PERINGATAN
        assert "/program/" in t.url


def test_total_renstra_kondisi_akhir_tiga_tahun(m):
    t = _satu(m.temuan, "tercetak-jumlah", "TOTAL", "Kondisi Akhir")
    assert t.tingkat == GALAT
    assert "21.045.227.305" in t.ditemukan and "30.738.187.677" in t.diharapkan
    assert "“Tahun 2019 Rp.” s.d. “Tahun 2021 Rp.”" in t.saran
    # Each year's total is right.
    assert len(_cari(m.temuan, "tercetak-jumlah", "TOTAL")) == 1


def test_dbhct_terealisasi_93_02_lawan_100(m):
    t = _satu(m.temuan, "narasi-angka", "93,02")
    assert t.tingkat == GALAT
    assert "Pembinaan Lingkungan Sosial" in t.judul and "100,00%" in t.judul
    # Its amount (Rp 2.425.000.000) and share (27,03 %) are the data's.
    assert len(_cari(m.temuan, "narasi-angka")) == 2


def test_nama_iku_2018_dalam_analisis_2019(m):
    t = _satu(m.temuan, "narasi-iku-lain", "Persentase Koperasi Aktif")
    assert t.tingkat == PERINGATAN
    assert "Persentase Koperasi Rehabilitasi" in t.diharapkan


def test_predikat_sangat_baik_100_persen(m):
    t = _satu(m.temuan, "narasi-kategori", "Sangat Baik")
    assert t.tingkat == GALAT
    assert t.diharapkan.startswith("Sangat Tinggi")
    assert "190,74%" in t.saran  # the mean capaian of the two IKU the data give


def test_cli_keluar_1_bila_ada_galat(m):
    keluar = StringIO()
    with pytest.raises(CommandError) as e:
        call_command("periksa", opd=SLUG_KOPERASI, tahun=TAHUN, stdout=keluar)
    assert e.value.returncode == 1
    assert "Capaian Persentase Koperasi Rehabilitasi tercetak 104" in keluar.getvalue()


def test_cli_keluar_0_setelah_semua_galat_diakui(m):
    for t in periksa(opd=m.opd, tahun=TAHUN):
        if t.tingkat == GALAT:
            pengakuan_simpan(opd=m.opd, tahun=TAHUN, temuan=t, oleh=m.oleh,
                             alasan="Cetakan lama, diperbaiki pada LKjIP perubahan.")
    keluar = StringIO()
    call_command("periksa", opd=SLUG_KOPERASI, tahun=TAHUN, stdout=keluar)
    assert "0 galat" in keluar.getvalue() and "(diakui)" in keluar.getvalue()
