"""Demo LKjIP 2019 of Dinas Koperasi dan Usaha Mikro Kabupaten Malang.

The narrative is the report's own text (LKjIP 2019), with its slips corrected: the year it
reports is 2019 (the printed text says 2016 and 2018 in places), PermenPAN-RB 53 is of 2014,
the office's current name is used throughout. Staff counts, the asset list, the awards,
the policies and the obstacles come from `fixtures/malang/malang-2019.json`. The asset
list's Jumlah is computed from the condition columns, so the printed 91 of "Meja Kerja
Pegawai Non Struktural" (85 in good condition, none in the others) becomes 85.

Everything goes through the services, as staff would enter it. An LKjIP 2019 that already
exists is left alone, so a second run writes nothing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth import get_user_model

from sakip.demo import SLUG_KOPERASI, data_json
from sakip.models import Opd

from . import services
from .models import AsetSarana, BarisSdm, LaporanKinerja, Prestasi

PERENCANA = "perencana.koperasi"
TAHUN = 2019

NARASI = {
    "latar_belakang": (
        "Laporan Kinerja Instansi Pemerintah merupakan media yang menerangkan kewajiban "
        "untuk mempertanggungjawabkan keberhasilan atau kegagalan pelaksanaan misi "
        "organisasi dalam mencapai tujuan dan sasaran yang telah ditetapkan, dalam bentuk "
        "pertanggungjawaban yang dilaksanakan secara periodik.\n\n"
        "Berpedoman pada Peraturan Presiden Republik Indonesia Nomor 29 Tahun 2014 tentang "
        "Sistem Akuntabilitas Kinerja Instansi Pemerintah serta Peraturan Menteri "
        "Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 Tahun 2014 tentang "
        "Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu atas "
        "Laporan Kinerja Instansi Pemerintah, disusunlah Laporan Kinerja Dinas Koperasi dan "
        "Usaha Mikro Kabupaten Malang Tahun 2019.\n\n"
        "Dinas Koperasi dan Usaha Mikro sebagai salah satu dinas teknis yang mengelola dan "
        "memanfaatkan seluruh kekuatan ekonomi potensial di wilayah Kabupaten Malang, baik "
        "berupa potensi sumber daya alam, sumber daya manusia maupun sumber daya lainnya, "
        "untuk menjadi kekuatan ekonomi riil yang dapat tumbuh dan berkembang lebih cepat, "
        "harus memberikan pelayanan yang sebaik-baiknya kepada masyarakat, khususnya "
        "masyarakat pelaku ekonomi.\n\n"
        "Guna menjaga konsistensi antara tugas dan kewajiban yang diemban, tugas dan fungsi "
        "Dinas Koperasi dan Usaha Mikro dilaksanakan berdasarkan Peraturan Bupati Malang "
        "Nomor 35 Tahun 2016 tentang Kedudukan, Susunan Organisasi, Tugas dan Fungsi, serta "
        "Tata Kerja Dinas Koperasi dan Usaha Mikro."),
    "maksud_tujuan": (
        "Laporan Kinerja ini merupakan media informasi pertanggungjawaban Kepala Dinas "
        "Koperasi dan Usaha Mikro Kabupaten Malang kepada Bupati Malang untuk menilai "
        "keberhasilan dan kegagalan pencapaian tujuan dan sasaran. Di dalamnya diuraikan "
        "hasil evaluasi berupa analisis akuntabilitas kinerja sasaran dalam rangka "
        "mewujudkan tujuan, misi dan visi sebagaimana ditetapkan dalam Renstra.\n\n"
        "Evaluasi terhadap capaian kinerja ditujukan untuk memberikan:\n"
        "1. peningkatan akuntabilitas Dinas Koperasi dan Usaha Mikro Kabupaten Malang;\n"
        "2. umpan balik bagi peningkatan kinerja Dinas Koperasi dan Usaha Mikro Kabupaten "
        "Malang;\n"
        "3. peningkatan kredibilitas terhadap pemberi wewenang;\n"
        "4. gambaran tingkat keberhasilan dan kegagalan dalam melaksanakan tugas, sehingga "
        "tugas-tugas dapat dilaksanakan lebih efektif, efisien dan responsif terhadap "
        "lingkungannya."),
    "struktur_organisasi": (
        "Sesuai Peraturan Daerah Kabupaten Malang Nomor 1 Tahun 2008 dan Keputusan Bupati "
        "Malang Nomor 15 Tahun 2008 tentang Susunan Organisasi dan Tata Kerja Dinas Koperasi "
        "dan Usaha Mikro, Kecil dan Menengah, dinas ini merupakan lembaga teknis daerah yang "
        "berada di bawah dan bertanggung jawab kepada Bupati melalui Sekretaris Daerah. "
        "Sesuai Peraturan Pemerintah Nomor 18 Tahun 2016 tentang Perangkat Daerah, Peraturan "
        "Daerah Kabupaten Malang Nomor 6 Tahun 2016 tentang Pembentukan dan Susunan "
        "Perangkat Daerah dan Peraturan Bupati Malang Nomor 35 Tahun 2016, Dinas Koperasi "
        "dan Usaha Mikro, Kecil dan Menengah berubah menjadi Dinas Koperasi dan Usaha Mikro "
        "dengan susunan organisasi sebagai berikut."),
    "sdm_uraian": (
        "Pegawai Dinas Koperasi dan Usaha Mikro Kabupaten Malang ditempatkan pada Sekretariat, "
        "bidang-bidang dan Unit Pelaksana Teknis sesuai tugas pokok dan fungsinya. Sebagian "
        "besar berpendidikan terakhir sarjana (S1), sehingga sumber daya manusia yang "
        "mendukung kinerja dinas dinilai cukup kompeten dan dapat ditingkatkan kapasitasnya "
        "ke jenjang pendidikan yang lebih tinggi."),
    "sarana_prasarana": (
        "Dinas Koperasi dan Usaha Mikro Kabupaten Malang memiliki 3 gedung: gedung di Jalan "
        "Trunojoyo Kav. 1 Kepanjen sebagai kantor pusat kegiatan dinas dengan luas tanah dan "
        "bangunan 1.600 m² (2 lantai @ 800 m²); Gedung Griya KUMKM di Bedali, Kecamatan "
        "Lawang, sebagai tempat promosi produk UMKM dengan luas 1.067,36 m²; dan Gedung "
        "PLUT-KUMKM di Jalan Trunojoyo Kepanjen dengan luas tanah dan bangunan 1.000 m². "
        "Ketiga gedung dalam kondisi baik.\n\n"
        "Sarana dan prasarana kantor merupakan Barang Milik Daerah (BMD) Pemerintah "
        "Kabupaten Malang dengan Pengguna Barang Kepala Dinas Koperasi dan Usaha Mikro, yang "
        "berasal dari pembelian (belanja modal), hibah dan pinjam pakai dengan berita acara "
        "yang sah dari perangkat daerah lain."),
    "isu_strategis": (
        "Perkembangan koperasi di Kabupaten Malang yang terus meningkat menjadi tantangan "
        "bagi Dinas Koperasi dan Usaha Mikro untuk membina agar organisasi koperasi "
        "berkualitas dan usahanya berkembang, sehingga peran koperasi terhadap pertumbuhan "
        "perekonomian daerah semakin besar.\n\n"
        "Bertambahnya wirausaha baru dan usaha mikro menuntut pembinaan dan pendampingan "
        "yang terus-menerus dalam manajemen usaha, keterampilan, permodalan dan pemasaran, "
        "agar kualitas produknya mampu bersaing di pasar lokal maupun nasional.\n\n"
        "Di sisi internal, pelaksanaan program masih dibatasi oleh sarana dan prasarana, "
        "jumlah dan kualitas sumber daya manusia, serta koordinasi antarinstansi yang "
        "terkait dengan pelaksanaan kegiatan."),
    "capaian_umum": (
        "Dinas Koperasi dan Usaha Mikro Kabupaten Malang melaksanakan urusan pemerintahan "
        "daerah di bidang koperasi dan usaha mikro. Pelayanan kepada koperasi dan usaha "
        "mikro dilakukan dengan memperhatikan kepentingan para pihak serta mengacu pada "
        "norma dan peraturan, sehingga pelayanan yang diberikan berkualitas.\n\n"
        "Dengan semakin banyaknya wirausaha baru dan usaha mikro, pembinaan dan "
        "pendampingan dalam manajemen usaha, keterampilan, permodalan dan pemasaran terus "
        "digalakkan agar semangat kewirausahaan masyarakat berkembang. Capaian kinerja "
        "tahun 2019 diuraikan berikut."),
    "penutup": (
        "Laporan Kinerja Instansi Pemerintah ini disusun berdasarkan Renstra Dinas Koperasi "
        "dan Usaha Mikro Kabupaten Malang Tahun 2016–2021 sebagai pertanggungjawaban kepada "
        "pemberi delegasi wewenang. Validitas data sangat bergantung pada sistem informasi "
        "kinerja; pengembangannya akan menjadi sarana pelacakan kinerja organisasi dan "
        "pengendalian fungsi-fungsi organisasi secara menyeluruh.\n\n"
        "Untuk mempertahankan dan meningkatkan kinerja, Dinas Koperasi dan Usaha Mikro "
        "Kabupaten Malang akan melaksanakan Rencana Strategis yang telah ditetapkan secara "
        "konsisten dan penuh tanggung jawab, melanjutkan pembinaan koperasi secara "
        "berkelanjutan, memperluas akses usaha mikro melalui PLUT-KUMKM, serta memperkuat "
        "koordinasi antarinstansi."),
}


def _tugas_fungsi() -> str:
    o = data_json("malang-2019.json")["organisation"]
    tugas = "\n".join(f"{t['letter']}. {t['text']}" for t in o["tugas"])
    fungsi = "\n".join(f"{t['letter']}. {t['text']}" for t in o["fungsi"])
    return (f"Berdasarkan {o['established_by']}, Dinas Koperasi dan Usaha Mikro mempunyai "
            f"tugas:\n{tugas}\n\nUntuk melaksanakan tugas tersebut, Dinas Koperasi dan Usaha "
            f"Mikro menyelenggarakan fungsi:\n{fungsi}")


def _sdm() -> dict[str, list[tuple[str, int]]]:
    s = data_json("malang-2019.json")["organisation"]["staff"]
    n = s["narrative"]
    golongan = s["derived"]["golongan_of_pangkat_standard"]
    return {
        BarisSdm.Kelompok.STATUS: [("PNS", n["pns"]), ("Non-PNS", n["non_pns"])],
        BarisSdm.Kelompok.JENIS_KELAMIN: [("Laki-laki", n["laki_laki"]),
                                          ("Perempuan", n["perempuan"])],
        BarisSdm.Kelompok.PENDIDIKAN: [(u, j or 0) for u, j in s["pendidikan"]],
        BarisSdm.Kelompok.GOLONGAN: [(f"{u} ({golongan[u]})", j or 0) for u, j in s["pangkat"]],
        # "II - b" → "II.b", the app's way of writing eselon.
        BarisSdm.Kelompok.ESELON: [(u.replace(" ", "").replace("-", "."), j or 0)
                                   for u, j in s["eselon"]],
    }


def _aset() -> list[AsetSarana]:
    rows = data_json("malang-2019.json")["organisation"]["assets"]["rows"]
    return [AsetSarana(nama=r["nama_jenis_barang"], tahun_perolehan=r["tahun_perolehan"]
                       .replace("-", "–"), rusak_berat=r["kondisi"]["RB"] or 0,
                       kurang_baik=r["kondisi"]["KB"] or 0, baik=r["kondisi"]["B"] or 0)
            for r in rows]


def _prestasi() -> list[Prestasi]:
    rows = data_json("malang-2019.json")["prestasi"]["rows"]
    return [Prestasi(nama=r["nama_penghargaan"], tingkat=r["tingkat"].lower(),
                     tanggal=date.fromisoformat(r["tanggal"]), pemberi=r["diserahkan_oleh"],
                     penerima=r["penerima"]) for r in rows]


def load_demo() -> list[str]:
    """Needs the core, Renstra and kinerja demos first; returns summary lines."""
    opd = Opd.objects.select_related("pemda").get(slug=SLUG_KOPERASI)
    if LaporanKinerja.objects.filter(opd=opd, tahun=TAHUN).exists():
        return [f"LKjIP {TAHUN} {opd.singkatan}: sudah dimuat sebelumnya, dibiarkan."]
    oleh: Any = get_user_model().objects.get(username=PERENCANA)
    d = data_json("malang-2019.json")
    laporan = services.laporan_create(opd=opd, tahun=TAHUN, oleh=oleh)
    ringkasan = d["ringkasan_eksekutif"]
    kebijakan = "\n".join(f"{n}. {k}" for n, k in enumerate(d["renstra"]["kebijakan"], 1))
    services.laporan_update(laporan=laporan, oleh=oleh, alasan="Data demo (load_demo)", data={
        **NARASI, "tugas_fungsi": _tugas_fungsi(), "kebijakan": kebijakan,
        "hambatan": "\n".join(ringkasan["hambatan"]), "upaya": "\n".join(ringkasan["upaya"]),
    })
    for kelompok, baris in _sdm().items():
        services.sdm_update(laporan=laporan, kelompok=kelompok, baris=baris, oleh=oleh)
    aset = _aset()
    services.aset_update(laporan=laporan, baris=aset, oleh=oleh)
    prestasi = _prestasi()
    services.prestasi_update(laporan=laporan, baris=prestasi, oleh=oleh)
    diperbarui, _ = services.narasi_regenerate(laporan=laporan, oleh=oleh)
    return [f"LKjIP {TAHUN} {opd.singkatan} dibuat (draf): narasi, data pegawai, {len(aset)} "
            f"sarana, {len(prestasi)} prestasi, {diperbarui} draf analisis IKU."]
