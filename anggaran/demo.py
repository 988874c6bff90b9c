"""Demo budget: Dinas Koperasi dan Usaha Mikro Kabupaten Malang 2019, from the LKjIP 2019
table "Realisasi Anggaran" (54 printed rows) and the allocation of Tabel 3.4/3.5.

The table prints two programs' rows misaligned (Akses Pembiayaan and Restrukturisasi);
the lines follow `realisasi_anggaran.derived.corrected_tree`, which makes every program
equal the sum of its kegiatan and reproduces Tabel 3.5. The report prints only the final
DPA per kegiatan, so each line carries that figure as its pagu, without a perubahan
split (the PK of January 2019 has the murni figures per program only).

Every write goes through `pastikan`: a second run changes nothing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from renstra.models import Indikator, Kegiatan, Program, Renstra
from sakip.demo import SLUG_KOPERASI, data_json, pastikan
from sakip.models import Opd

from .models import (
    Anggaran,
    BarisAnggaran,
    KelompokBelanja,
    KendaliAnggaran,
    PemetaanSasaran,
    PerlakuanProgram,
    PosAnggaran,
    RealisasiAnggaran,
)

TAHUN = 2019
SUMBER = "LKjIP 2019, tabel Realisasi Anggaran"
# Only the year's total is printed; it is recorded in TW IV with this note.
CATATAN_REALISASI = "Realisasi setahun (LKjIP 2019); rincian per triwulan tidak tercetak."
URAIAN_PENDAPATAN = "Pendapatan dinas (tidak dirinci dalam LKjIP 2019)"

# DPA 2019 name → Renstra 2016–2021 code. The DPA names differ slightly from Tabel 5.1
# (case, "dan Usaha Mikro" dropped, "Pemeran"/"Pameran", "Inkubakator"/"Inkubator"),
# so the mapping is written out instead of matched by text.
PROGRAM: dict[str, tuple[str, dict[str, str]]] = {
    "Program Pelayanan Administrasi Perkantoran": ("I", {
        "Penyediaan Jasa Surat Menyurat": "1",
        "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik": "2",
        "Penyediaan Jasa Administrasi Keuangan": "3",
        # Renstra kegiatan 4 (Jasa Kebersihan Kantor) has no budget in 2019.
        "Penyediaan Alat Tulis Kantor": "5",
        "Penyediaan Barang Cetak dan Penggandaan": "6",
        "Penyediaan Komponen Instalasi Listrik/Penerangan Bangunan Kantor": "7",
        "Penyediaan Bahan Bacaan dan Peraturan Perundang-Undangan": "8",
        "Penyediaan Bahan Logistik Kantor": "9",
        "Penyediaan Makanan dan Minuman": "10",
        "Rapat-Rapat Koordinasi dan Konsultasi Ke Luar Daerah": "11",
        "Rapat-Rapat Koordinasi dan Konsultasi Ke Dalam Daerah": "12",
    }),
    "Program Peningkatan Sarana dan Prasarana Aparatur": ("II", {
        "Pengadaan kendaraan Dinas / Operasional": "13",
        "Pengadaan Perlengkapan Gedung Kantor": "14",
        "Pengadaan Peralatan Gedung Kantor": "15",  # Renstra: "Perlatan"
        "Pengadaan Mebeleur": "16",
        "Pemeliharaan Rutin/Berkala Gedung Kantor": "17",
        "Pemeliharaan Rutin/Berkala Kendaraan Dinas/Operasional": "18",
        "Pemeliharaan Rutin/Berkala Peralatan Gedung Kantor": "19",
    }),
    "Program Peningkatan Disiplin Aparatur": ("III", {
        "Pengadaan Pakaian Khusus Hari-Hari tertentu": "22",
    }),
    "Program Peningkatan Kapasitas Sumber Daya Aparatur": ("IV", {
        "Pendidikan dan latihan Formal": "23",
    }),
    "Program Peningkatan Pengembangan Sistem Pelaporan Capaian Kinerja dan Keuangan": ("V", {
        "Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD": "24",
        "Penyusunan Pelaporan Keuangan Akhir Tahun": "25",
    }),
    "Program Peningkatan Kelembagaan dan pengawasan Koperasi": ("VI", {
        "Peningkatan Sarana Dan Prasarana Pendidikan Dan Pelatihan Perkoperasian": "26",
        "Sosialisasi Prinsip-prinsip Pemahaman Perkoperasian": "27",
        "Pembinaan, Pengawasan Dan Penghargaan Koperasi Berprestasi": "28",
    }),
    "Program Peningkatan Produksi Dan Pemasaran Koperasi Dan Usaha Mikro": ("VII", {
        "Penguatan Manajemen Usaha Dan Daya Saing Produk Koperasi Dan Usaha Mikro": "29",
        "Pemberdayaan Koperasi Dan Usaha Mikro Melalui Pemeran Tingkat Regional Dan "
        "Nasional": "30",
        # Renstra: "Pembinaan Inkubator Teknologi dan Bisnis …"
        "Pengembangan Inkubakator Teknologi Dan Bisnis Serta Diversifikasi Usaha Produk "
        "Koperasi": "31",
    }),
    # Program XII is unnamed in Tabel 5.1; Bab II and the DPA call it so.
    "Program Pengembangan Dan Restrukturisasi Usaha": ("XII", {
        "Pengembangan Jaringan Kerja Sama": "43",
        "Pengembangan Sarana Pemasaran Produk Usaha Mikro": "45",
    }),
    "Program Peningkatan Akses Pembiayaan Koperasi Dan Usaha Mikro": ("VIII", {
        "Koordinasi Penguatan Akses Permodalan Koperasi Serta Jaringan Kerjasama Usaha "
        "Simpan Pinjam Antar Koperasi": "32",
        "Penataan Menejemen Usaha Simpan Pinjam Koperasi": "33",
        "Penilaian Kesehatan Koperasi": "34",
    }),
    "Program Pembinaan Lingkungan Sosial": ("XIV", {
        "Pembinaan Dan Pelatihan Ketrampilan Kerja Bagi Tenaga Kerja Dan Masyarakat": "48",
        "Fasilitasi Promosi Bagi usaha Mandiri Masyarakat": "49",
    }),
    "Program Peningkatan Permodalan Koperasi dan Usaha Mikro": ("XIII", {
        "Peningkatan Permodalan KUMKM melalui UPT Pengelola Dana Bergulir": "47",
    }),
}

# Tabel 3.4/3.5: the programs behind each IKU (T4: "3 Program / 9 Kegiatan" and
# "3 Program / 5 Kegiatan"); the five administrative programs I–V serve every sasaran
# and are shown as a block of their own, as the report leaves them out of both IKU.
IKU_PROGRAM = {
    "Persentase Koperasi Rehabilitasi": ("VI", "VII", "VIII"),
    "Persentase Usaha Mikro Kecil yang mendapatkan legalitas usaha": ("XII", "XIII", "XIV"),
}
PROGRAM_PENUNJANG = ("I", "II", "III", "IV", "V")


def _realisasi(anggaran: Anggaran, induk: dict[str, Any], nilai: str) -> bool:
    _, berubah = pastikan(RealisasiAnggaran, {**induk, "triwulan": 4, "bulan": None}, {
        "anggaran": anggaran, "nilai": Decimal(nilai), "catatan": CATATAN_REALISASI,
    })
    return berubah


def _kendali(anggaran: Anggaran, tingkat: str, nilai: str,
             kelompok: KelompokBelanja | None = None) -> bool:
    _, berubah = pastikan(KendaliAnggaran, {
        "anggaran": anggaran, "tingkat": tingkat, "kelompok": kelompok, "program": None,
    }, {"pagu_murni": Decimal(nilai), "pagu_perubahan": None, "sumber": SUMBER})
    return berubah


def load_demo() -> list[str]:
    """Malang 2019 budget, realisation, control totals and allocation; summary lines."""
    opd = Opd.objects.get(slug=SLUG_KOPERASI)
    renstra = Renstra.objects.get(opd=opd, versi=0, tahun_awal=2016, tahun_akhir=2021)
    tabel = data_json("malang-2019.json")["realisasi_anggaran"]
    baris_cetak = {r["level"]: r for r in tabel["rows"] if r["level"] != "btl_item"}
    btl_item = [r for r in tabel["rows"] if r["level"] == "btl_item"]
    jenis_belanja = {r["uraian"]: r for r in tabel["rows"] if r["level"] == "jenis_belanja"}
    btl = KelompokBelanja.objects.get(nama="Belanja Tidak Langsung", tahun_mulai=None)
    bl = KelompokBelanja.objects.get(nama="Belanja Langsung", tahun_mulai=None)

    anggaran, baru = pastikan(Anggaran, {"opd": opd, "tahun": TAHUN}, {
        "catatan": f"Dari {SUMBER}; baris dua program yang tertukar di cetakan diperbaiki.",
    })
    tertulis = int(baru)
    tertulis += _kendali(anggaran, KendaliAnggaran.Tingkat.BELANJA,
                         baris_cetak["belanja_total"]["anggaran"])
    tertulis += _kendali(anggaran, KendaliAnggaran.Tingkat.PENDAPATAN,
                         baris_cetak["pendapatan"]["anggaran"])
    for kelompok in (btl, bl):
        tertulis += _kendali(anggaran, KendaliAnggaran.Tingkat.KELOMPOK,
                             jenis_belanja[kelompok.nama.upper()]["anggaran"], kelompok)

    pendapatan = baris_cetak["pendapatan"]
    pos, berubah = pastikan(PosAnggaran, {
        "anggaran": anggaran, "jenis": PosAnggaran.Jenis.PENDAPATAN, "uraian": URAIAN_PENDAPATAN,
    }, {"kelompok": None, "urutan": 1, "pagu_murni": Decimal(pendapatan["anggaran"])})
    tertulis += berubah + _realisasi(anggaran, {"pos": pos}, pendapatan["realisasi"])
    for urutan, r in enumerate(btl_item, 1):
        pos, berubah = pastikan(PosAnggaran, {
            "anggaran": anggaran, "jenis": PosAnggaran.Jenis.BELANJA, "uraian": r["uraian"],
        }, {"kelompok": btl, "urutan": urutan, "pagu_murni": Decimal(r["anggaran"])})
        tertulis += berubah + _realisasi(anggaran, {"pos": pos}, r["realisasi"])

    program = {p.kode: p for p in Program.objects.filter(sasaran__tujuan__renstra=renstra)}
    jumlah_baris = 0
    for p in tabel["derived"]["corrected_tree"]:
        kode, kegiatan_kode = PROGRAM[p["program"]]
        kegiatan = {k.kode: k for k in Kegiatan.objects.filter(program=program[kode])}
        for k in p["kegiatan"]:
            baris, berubah = pastikan(BarisAnggaran, {
                "anggaran": anggaran, "kelompok": bl,
                "kegiatan": kegiatan[kegiatan_kode[k["kegiatan"]]], "sub_kegiatan": None,
            }, {"pagu_murni": Decimal(k["anggaran"]), "pagu_perubahan": None})
            tertulis += berubah + _realisasi(anggaran, {"baris": baris}, k["realisasi"])
            jumlah_baris += 1

    for kode in PROGRAM_PENUNJANG:
        _, berubah = pastikan(PerlakuanProgram, {"anggaran": anggaran, "program": program[kode]},
                              {"perlakuan": PerlakuanProgram.Perlakuan.BLOK})
        tertulis += berubah
    for nama, kode_program in IKU_PROGRAM.items():
        iku = Indikator.objects.get(renstra=renstra, nama=nama, is_iku=True)
        for kode in kode_program:
            _, berubah = pastikan(PemetaanSasaran, {
                "anggaran": anggaran, "program": program[kode], "kegiatan": None,
                "sasaran": iku.sasaran, "indikator": iku,
            })
            tertulis += berubah
    return [
        f"Anggaran {TAHUN} {opd.singkatan}: {jumlah_baris} baris kegiatan pada "
        f"{len(PROGRAM)} program, {len(btl_item)} pos belanja tidak langsung, pendapatan, "
        f"pemetaan ke {len(IKU_PROGRAM)} IKU; {tertulis} baris dibuat atau diperbarui."
    ]
