"""Rules on the budget: control totals against the lines, spending above the pagu, money not
allocated to any sasaran, and the PK's program budget against the DPA."""

from __future__ import annotations

from collections.abc import Iterator

from anggaran.models import PerlakuanProgram
from anggaran.selectors import Simpul
from sakip.formatting import format_rupiah

from .dasar import GALAT, PERINGATAN, Temuan, aturan
from .konteks import Konteks


@aturan("anggaran-kendali", "anggaran",
        "Baris anggaran (kegiatan) tidak berjumlah sama dengan total kendali DPA (program, "
        "kelompok belanja, total belanja/pendapatan)")
def anggaran_kendali(k: Konteks) -> Iterator[Temuan]:
    if k.alokasi is None:
        return
    for nama, s in k.alokasi.data.selisih_kendali:
        yield Temuan(
            kode=f"{nama}-{s.label}", tingkat=GALAT,
            judul=f"{nama}: {s.label} {format_rupiah(s.kendali)}, jumlah barisnya "
                  f"{format_rupiah(s.jumlah)}",
            lokasi=f"Anggaran {k.tahun} › total kendali › {nama}",
            url=k.url_anggaran("pagu", "kendali"),
            diharapkan=f"{format_rupiah(s.jumlah)} (jumlah baris anggaran di bawahnya)",
            ditemukan=f"{format_rupiah(s.kendali)} (total kendali; selisih "
                      f"{format_rupiah(s.selisih)})",
            saran="Periksa baris kegiatan yang kurang, lebih atau salah angka terhadap DPA; "
                  "atau perbaiki total kendali bila salah ketik.")


@aturan("anggaran-lebih", "anggaran", "Realisasi anggaran melebihi pagu")
def anggaran_lebih(k: Konteks) -> Iterator[Temuan]:
    if k.alokasi is None:
        return
    d = k.alokasi.data
    for s in [*d.baris(), *d.pos_belanja]:
        if not s.melebihi_pagu:
            continue
        induk = s.obj["kegiatan"] if isinstance(s.obj, dict) else "belanja di luar program"
        yield Temuan(
            kode=s.dom_id, tingkat=GALAT,
            judul=f"Realisasi {s.nama} {format_rupiah(s.realisasi)} melebihi pagu "
                  f"{format_rupiah(s.akhir)}",
            lokasi=f"Anggaran {k.tahun} › {induk} › {s.nama}",
            url=k.url_anggaran("realisasi", s.dom_id),
            diharapkan=f"realisasi ≤ pagu {format_rupiah(s.akhir)}",
            ditemukan=f"realisasi {format_rupiah(s.realisasi)} (lebih "
                      f"{format_rupiah(s.realisasi - s.akhir)})",
            saran="Periksa realisasi per triwulan (salah ketik atau tercatat dua kali), atau "
                  "catat pagu DPA perubahan bila pagunya memang bertambah.")


@aturan("anggaran-alokasi", "anggaran",
        "Alokasi anggaran per sasaran tidak mencakup seluruh belanja langsung (program yang "
        "belum dipetakan ke sasaran)")
def anggaran_alokasi(k: Konteks) -> Iterator[Temuan]:
    if k.alokasi is None:
        return
    belum = next((b for b in k.alokasi.baris if b.jenis == "belum_dipetakan"), None)
    if belum is None or not belum.pagu:
        return
    program = sorted({p.simpul.nama for p in belum.porsi})
    langsung = k.alokasi.data.program.akhir
    yield Temuan(
        kode="belum-dipetakan", tingkat=GALAT,
        judul=f"{format_rupiah(belum.pagu)} belanja program belum dialokasikan ke sasaran",
        lokasi=f"Anggaran {k.tahun} › alokasi per sasaran", url=k.url_anggaran("alokasi"),
        diharapkan=f"alokasi sasaran + program penunjang = belanja program "
                   f"{format_rupiah(langsung)}",
        ditemukan=f"{len(program)} kegiatan belum dipetakan: {'; '.join(program)}",
        saran="Petakan program/kegiatan itu ke sasaran atau IKU yang didukungnya, atau "
              f"tandai programnya sebagai penunjang ("
              f"{PerlakuanProgram.Perlakuan.BLOK.label.lower()} atau disebar).")


@aturan("anggaran-pk", "anggaran",
        "Anggaran program pada Perjanjian Kinerja berbeda dari data anggaran (DPA)")
def anggaran_pk(k: Konteks) -> Iterator[Temuan]:
    if k.alokasi is None or not k.pk:
        return
    # The budget and the PK may hang on different Renstra versions: compared by the program
    # they stand for in the current one.
    dpa: dict[int, Simpul] = {}
    for s in k.alokasi.data.program.anak:
        assert s.pk is not None
        dpa[k.program_kini.get(s.pk, s.pk)] = s
    versi = {p.pk: p for p in k.pk}
    ada = set()
    for row in k.program_pk:
        pk = versi[row["perjanjian_id"]]
        program = k.program_kini.get(row["program_id"], row["program_id"])
        ada.add(program)
        nama = f"{row['program__kode']} {row['program__nama']}".strip()
        p = dpa.get(program)
        # A PK awal is signed on the DPA murni; a PK perubahan follows the DPA in force.
        pagu = (p.murni if pk.versi == 0 else p.akhir) if p is not None else None
        if pagu == row["anggaran"]:
            continue
        jenis = "DPA murni" if pk.versi == 0 else "DPA yang berlaku"
        yield Temuan(
            kode=f"{row['id']}", tingkat=PERINGATAN,
            judul=f"Anggaran {nama} di {pk.nama_versi} {format_rupiah(row['anggaran'])}, "
                  + (f"{jenis} {format_rupiah(pagu)}" if pagu is not None
                     else "tidak ada di data anggaran"),
            lokasi=f"PK {k.tahun} ({pk.nama_versi}) › program › {nama}",
            url=k.url_pk(pk.pk, "pk-program"),
            diharapkan=f"{format_rupiah(pagu)} ({jenis})" if pagu is not None
            else "program ini beranggaran di DPA",
            ditemukan=f"{format_rupiah(row['anggaran'])} (PK)",
            saran="Bila anggaran berubah setelah PK ditandatangani, buat PK perubahan; bila "
                  "salah ketik, perbaiki tabel program PK atau baris anggarannya.")
    for kini, p in dpa.items():
        if kini in ada or not p.akhir:
            continue
        assert p.pk is not None
        kode, lama = k.kunci_versi(("program", p.pk), awal="tanpa-pk-")
        yield Temuan(
            kode=kode, kunci_lama=lama, tingkat=PERINGATAN,
            judul=f"{p.kode} {p.nama} beranggaran {format_rupiah(p.akhir)} tetapi "
                  "tidak ada di tabel program PK",
            lokasi=f"PK {k.tahun} › program", url=k.url_pk(k.pk[0].pk, "pk-program"),
            diharapkan="setiap program ber-DPA tercantum di PK dengan anggarannya",
            ditemukan=f"tidak tercantum (DPA {format_rupiah(p.akhir)})",
            saran="Tambahkan program ini ke tabel program PK; bila digabung ke program lain, "
                  "catat penggabungan itu dan samakan angkanya dengan DPA.")
