"""Demo kinerja of Dinas Koperasi dan Usaha Mikro Kabupaten Malang, from its LKjIP 2019 and
its quarterly report 2021 (`fixtures/malang/`):

- PK 2019 (targets 2,7 % and 0,05 %, the program table with anggaran, both signatories),
  submitted by the planner and approved by the head;
- realisations 2019 from the printed counts (35 / 1.316 → 2,66; 613 / 423.350 → 0,14,
  hence capaian 101,48 % and 280 %) and the analysis of Bab III A.2;
- the two 2018 IKU printed in Bab I (different indicators, hence "tidak dapat
  dibandingkan" in Tabel 3.2) with their 2018 target and realisation;
- PK 2021 with the quarterly targets and TW I–IV realisations of the quarterly report.

Everything goes through the services, as the users' own edits would. What already
exists is left alone, so a second run writes nothing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model

from renstra import services as renstra_services
from renstra.models import Indikator, Level, Renstra
from sakip.demo import ALASAN, SLUG_KOPERASI, data_json
from sakip.formatting import format_angka, format_rupiah
from sakip.models import Opd

from . import services
from .models import AnalisisIndikator, BarisPk, PerjanjianKinerja, ProgramPk, Realisasi
from .selectors import renstra_program_urut

PERENCANA = "perencana.koperasi"
KEPALA = "kepala.koperasi"
# The realisations of 2018 and 2019 are annual: they stand at the year's end, TW IV
# (both IKU aggregate by "akhir", so the year's value is the last quarter's).
TW_TAHUNAN = 4


def _daftar(butir: list[str]) -> str:
    return "\n".join(f"{chr(ord('a') + i)}. {t}" for i, t in enumerate(butir))


def _program(renstra: Renstra, nama: str) -> Any:
    """The Renstra programme a PK line names. The PK prints names as in the Renstra except
    "… Lingkungan Sosial Industri" for "… Lingkungan Sosial": the longest Renstra name
    the PK name starts with wins."""
    kunci = nama.casefold().strip()
    cocok = [p for p in renstra_program_urut(renstra) if kunci.startswith(p.nama.casefold())]
    if not cocok:
        raise ValueError(f"Program PK {nama!r} tidak ada di Renstra {renstra.periode}")
    return max(cocok, key=lambda p: len(p.nama))


def _realisasi(ind: Indikator, tahun: int, triwulan: int, pembilang: Any, penyebut: Any,
               catatan: str, oleh: Any) -> bool:
    if Realisasi.objects.filter(indikator=ind, tahun=tahun, triwulan=triwulan).exists():
        return False
    services.realisasi_update(
        indikator=ind, tahun=tahun, triwulan=triwulan, nilai=None, nilai_teks="",
        pembilang=Decimal(pembilang), penyebut=Decimal(penyebut), bukti_catatan=catatan,
        bukti_file=None, hapus_file=False, oleh=oleh,
    )
    return True


def _pk_2019(opd: Opd, renstra: Renstra, iku: dict[str, Indikator], perencana: Any,
             kepala: Any) -> str:
    if PerjanjianKinerja.objects.filter(opd=opd, renstra=renstra, tahun=2019).exists():
        return "PK 2019: sudah dimuat sebelumnya, dibiarkan."
    d = data_json("malang-2019.json")["perjanjian_kinerja"]
    p1, p2 = d["pihak_pertama"], d["pihak_kedua"]
    # "Malang, Januari 2019": the place is printed, the day is not, so the date stays empty.
    pk = services.pk_create(opd=opd, renstra=renstra, tahun=2019, oleh=perencana,
                            pk=PerjanjianKinerja(
        tempat=d["place_date"].split(",")[0],
        pihak_pertama_nama=p1["nama"], pihak_pertama_jabatan=p1["jabatan"],
        pihak_pertama_pangkat=p1["pangkat"] or "", pihak_pertama_nip=p1["nip"] or "",
        pihak_kedua_nama=p2["nama"], pihak_kedua_jabatan=p2["jabatan"],
        pihak_kedua_pangkat=p2["pangkat"] or "", pihak_kedua_nip=p2["nip"] or "",
        klausul_komitmen=d["commitment_clause"],
    ))
    baris = {b.indikator.nama: b for b in pk.baris.select_related("indikator")}
    isian: dict[BarisPk, dict[str, Any]] = {}
    for row in d["indicator_table"]["rows"]:
        b = baris[row["iku"]]
        target = Decimal(row["target"]["value"])
        isian[b] = {"target": target, "target_atas": None, "target_teks": "",
                    "alasan_target": "" if b.target == target else "Sesuai PK 2019 tercetak",
                    "triwulan": {}}
    services.pk_target_update(pk=pk, isian=isian, oleh=perencana)
    # The printed program table replaces the Renstra's indicative funding pre-filled.
    program = [
        ProgramPk(program=_program(renstra, r["program"]), urutan=r["no"],
                  anggaran=Decimal(r["anggaran"]), keterangan=r["ket_sumber_dana"])
        for r in d["program_table"]["rows"]
    ]
    services.pk_program_update(pk=pk, simpan=program, hapus=list(pk.program.all()),
                               oleh=perencana)
    services.pk_submit(pk=pk, oleh=perencana)
    services.pk_approve(pk=pk, oleh=kepala)
    jumlah = sum((p.anggaran for p in program), Decimal("0"))
    return (f"PK 2019 dibuat dan disetujui: {len(isian)} IKU, {len(program)} program, "
            f"{format_rupiah(jumlah)}.")


def _tahun_2019(iku: dict[str, Indikator], perencana: Any) -> int:
    data = data_json("malang-2019.json")
    analisis = {a["iku"]: a for a in data["analisis_per_indikator"]["rows"]}
    ditulis = 0
    for d in data["iku"]:
        ind = iku[d["name"]]
        a = analisis[d["id"]]
        ditulis += _realisasi(ind, 2019, TW_TAHUNAN, d["numerator"]["value"],
                              d["denominator"]["value"],
                              f"LKjIP 2019 Bab III A.2: {a['formula_sentence']}", perencana)
        if not AnalisisIndikator.objects.filter(indikator=ind, tahun=2019).exists():
            services.analisis_update(analisis=AnalisisIndikator(
                indikator=ind, tahun=2019, penyebab_keberhasilan=_daftar(a["penyebab"]),
                solusi=_daftar(a["langkah"]), program_pendukung=a["program_pendukung"],
            ), oleh=perencana)
            ditulis += 1
    return ditulis


def _tahun_2018(renstra: Renstra, sasaran: Any, perencana: Any) -> int:
    """The 2018 IKU (Bab I C.2) as indicators retired after 2018, with target and realisation.
    Tabel 3.2 prints "-" for the 2018 realisation of the 2019 IKU: nothing is entered there."""
    ditulis = 0
    rumus = {
        "Persentase Koperasi Aktif": (Indikator.JenisRumus.RASIO, 1, "numerator", "denominator"),
        # Growth: this year's UMKM count against last year's (423.350 against 420.995).
        "Persentase Pertumbuhan UMKM": (Indikator.JenisRumus.PERTUMBUHAN, 2, "umkm_2018",
                                        "umkm_2017"),
    }
    for urutan, row in enumerate(data_json("malang-2019.json")["iku_previous_year"]["rows"],
                                 start=10):
        jenis_rumus, desimal, kunci_p, kunci_q = rumus[row["uraian"]]
        ind = Indikator.objects.filter(renstra=renstra, nama=row["uraian"]).first()
        if ind is None:
            ind = renstra_services.indikator_save(
                renstra=renstra, oleh=perencana, alasan=ALASAN,
                indikator=Indikator(
                    level=Level.SASARAN, sasaran=sasaran, urutan=urutan, nama=row["uraian"],
                    satuan="%", jenis=Indikator.Jenis.HASIL, is_iku=True,
                    cara_agregasi=Indikator.CaraAgregasi.AKHIR, desimal=desimal,
                    jenis_rumus=jenis_rumus, rumus=row["formula_printed"], tahun_selesai=2018,
                ),
                target={2018: {"nilai": Decimal(row["target"]["value"])}},
            )
            ditulis += 1
        ditulis += _realisasi(ind, 2018, TW_TAHUNAN, row[kunci_p], row[kunci_q],
                              f"LKjIP 2019 Bab I C.2: {row['formula_printed']}", perencana)
    return ditulis


def _tahun_2021(opd: Opd, renstra: Renstra, iku: dict[str, Indikator], perencana: Any) -> int:
    data = data_json("malang-2021-quarterly.json")
    ditulis = 0
    pk = PerjanjianKinerja.objects.filter(opd=opd, renstra=renstra, tahun=2021).first()
    if pk is None:
        # The quarterly report names no signatories: the PK stays a draft without them.
        pk = services.pk_create(opd=opd, renstra=renstra, tahun=2021, oleh=perencana,
                                pk=PerjanjianKinerja(tempat=opd.pemda.ibukota))
        baris = {b.indikator_id: b for b in pk.baris.all()}
        isian = {}
        for d in data["indicators"]:
            b = baris[iku[d["name"]].pk]
            target = Decimal(d["target_total"])
            isian[b] = {
                "target": target, "target_atas": None, "target_teks": "",
                "alasan_target": "" if b.target == target else "Laporan triwulan 2021",
                "triwulan": {n: (Decimal(q["target"]), "")
                             for n, q in enumerate(d["quarters"], start=1)},
            }
        services.pk_target_update(pk=pk, isian=isian, oleh=perencana)
        ditulis += 1
    for d in data["indicators"]:
        ind = iku[d["name"]]
        for n, q in enumerate(d["quarters"], start=1):
            tercetak = Decimal(q["realisasi"])
            catatan = f"Laporan Kinerja Triwulan 2021, {q['period']}."
            dihitung = Decimal(q["derived"]["realisasi_round_half_up"])
            if tercetak != dihitung:
                catatan += (f" Laporan mencetak {format_angka(tercetak)}; dari "
                            f"{format_angka(Decimal(q['numerator']))} / "
                            f"{format_angka(Decimal(q['denominator']))} dihitung "
                            f"{format_angka(dihitung)}.")
            ditulis += _realisasi(ind, 2021, n, q["numerator"], q["denominator"], catatan,
                                  perencana)
    return ditulis


def load_demo() -> list[str]:
    """Needs `sakip.demo` and `renstra.demo` first; returns summary lines."""
    User = get_user_model()
    perencana, kepala = User.objects.get(username=PERENCANA), User.objects.get(username=KEPALA)
    opd = Opd.objects.get(slug=SLUG_KOPERASI)
    renstra = (Renstra.objects.filter(opd=opd, tahun_awal=2016, tahun_akhir=2021)
               .exclude(status=Renstra.Status.DIGANTIKAN).order_by("-versi").first())
    if renstra is None:
        return ["Kinerja: Renstra 2016–2021 Diskop UM belum ada; demo kinerja dilewati."]
    nama_iku = [d["name"] for d in data_json("malang-2019.json")["iku"]]
    iku = {i.nama: i for i in Indikator.objects.filter(renstra=renstra, nama__in=nama_iku)
           .select_related("sasaran", "renstra__opd")}
    baris = [_pk_2019(opd, renstra, iku, perencana, kepala)]
    ditulis = _tahun_2019(iku, perencana)
    ditulis += _tahun_2018(renstra, iku[nama_iku[0]].sasaran, perencana)
    ditulis += _tahun_2021(opd, renstra, iku, perencana)
    baris.append(f"Kinerja {opd.singkatan}: realisasi 2018, 2019 dan TW I–IV 2021, "
                 f"analisis 2019, PK 2021; {ditulis} data baru.")
    return baris
