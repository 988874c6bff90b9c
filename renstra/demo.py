"""Demo Renstra: the real plan 2016–2021 of Dinas Koperasi dan Usaha Mikro Kabupaten Malang
(Tabel 5.1 of its LKjIP 2019) and a small fictional plan of Dinas Contoh with an RPJMD.

The trees are written through the Renstra services, as a planner's edits would be. An
office that already has its demo Renstra (same period, versi 0) is left alone, so running
the loader again never duplicates or overwrites a tree.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, NamedTuple

from sakip.demo import ALASAN, SLUG_CONTOH, SLUG_KOPERASI, data_json, pastikan
from sakip.models import Opd, UnitKerja

from . import selectors, services
from .models import (
    Indikator,
    Kegiatan,
    Level,
    Misi,
    MisiRpjmd,
    Program,
    Renstra,
    Rpjmd,
    Sasaran,
    Tujuan,
)

# Tabel 5.1: period 2016–2021, the 2017 column is "Kondisi Kinerja Awal", targets 2018–2021.
PERIODE_KOPERASI = {"tahun_awal": 2016, "tahun_akhir": 2021, "tahun_kondisi_awal": 2017}
# Program XII has no name in print; its outcome indicator and kegiatan are those of this
# programme, and Bab II and the budget table name it so.
NAMA_PROGRAM_XII = "Program Pengembangan dan Restrukturisasi Usaha"
# Kegiatan 36 prints a bare "0" without unit in every year; its indicator counts peserta
# (participants), which the matrix counts in "Orang" everywhere else.
SATUAN_TANPA_CETAK = "Orang"
POLARITAS_IKU = {
    "lower_is_better": Indikator.Polaritas.TURUN,
    "higher_is_better": Indikator.Polaritas.NAIK,
}

PERIODE_CONTOH = {"tahun_awal": 2019, "tahun_akhir": 2024, "tahun_kondisi_awal": 2018}
VISI_RPJMD_CONTOH = (
    "(Contoh fiktif, bukan RPJMD Kabupaten Malang) Terwujudnya masyarakat yang sejahtera, "
    "mandiri dan berdaya saing melalui ekonomi kerakyatan."
)
MISI_RPJMD_CONTOH = [
    "(Contoh fiktif) Meningkatkan daya saing ekonomi daerah berbasis koperasi dan usaha mikro.",
    "(Contoh fiktif) Mewujudkan tata kelola pemerintahan yang bersih dan akuntabel.",
]


class KegiatanContoh(NamedTuple):
    kode: str
    nama: str
    indikator: str
    satuan: str
    kondisi_awal: str
    target: tuple[str, ...]  # one value per target year 2019–2024
    pagu: tuple[str, ...]  # rupiah, one per target year
    pagu_awal: str  # rupiah of the baseline year 2018


class ProgramContoh(NamedTuple):
    kode: str
    nama: str
    indikator: str
    kondisi_awal: str
    target: tuple[str, ...]
    kegiatan: tuple[KegiatanContoh, ...]


PROGRAM_CONTOH = (
    ProgramContoh(
        "2.17.03", "Program Pengawasan dan Pemeriksaan Koperasi",
        "Persentase koperasi yang diperiksa sesuai ketentuan", "50",
        ("55", "60", "65", "70", "75", "80"),
        (
            KegiatanContoh(
                "2.17.03.2.01", "Pemeriksaan dan Pengawasan Koperasi",
                "Jumlah koperasi yang diperiksa", "Koperasi", "40",
                ("45", "50", "55", "60", "65", "70"),
                ("150000000", "160000000", "170000000", "180000000", "190000000", "200000000"),
                "140000000",
            ),
            KegiatanContoh(
                "2.17.03.2.02", "Penilaian Kesehatan Koperasi",
                "Jumlah koperasi yang dinilai kesehatannya", "Koperasi", "60",
                ("70", "80", "90", "100", "110", "120"),
                ("85500000", "92750000", "99000000", "105250000", "112500000", "118750000"),
                "78250000",
            ),
        ),
    ),
    ProgramContoh(
        "2.17.05", "Program Pendidikan dan Latihan Perkoperasian",
        "Persentase pengurus koperasi yang telah dilatih", "20",
        ("25", "30", "35", "40", "45", "50"),
        (
            KegiatanContoh(
                "2.17.05.2.01", "Pendidikan dan Latihan Perkoperasian",
                "Jumlah peserta pelatihan perkoperasian", "Orang", "120",
                ("150", "150", "175", "175", "200", "200"),
                ("210000000", "215000000", "240000000", "245000000", "275000000", "280000000"),
                "175000000",
            ),
        ),
    ),
)


def _node(renstra: Renstra, obj: Any) -> Any:
    return services.node_save(renstra=renstra, obj=obj, oleh=None, alasan=ALASAN)


def _indikator(renstra: Renstra, indikator: Indikator,
               target: dict[int, dict[str, Any]]) -> Indikator:
    return services.indikator_save(renstra=renstra, indikator=indikator, target=target,
                                   oleh=None, alasan=ALASAN)


def _ringkas(renstra: Renstra) -> str:
    j = selectors.renstra_tree(renstra=renstra).jumlah
    return (f"{j['tujuan']} tujuan, {j['sasaran']} sasaran, {j['program']} program, "
            f"{j['kegiatan']} kegiatan, {j['indikator']} indikator ({j['iku']} IKU)")


def _kolom_tahun(renstra: Renstra, baris: dict[str, Any]) -> tuple[dict[str, Any], dict]:
    """Baseline fields and yearly targets of one matrix line (program or kegiatan indicator).

    The baseline column has no funding source field in the model; it is dropped there.
    """
    awal = baris["years"][str(renstra.tahun_kondisi_awal)]
    kolom = {
        "kondisi_awal": Decimal(awal["capaian"]["value"]),
        "kondisi_awal_pagu": Decimal(awal["rp"]),
    }
    target = {t: _target(baris["years"][str(t)]) for t in renstra.tahun_target}
    return kolom, target


def _target(sel: dict[str, Any]) -> dict[str, Any]:
    return {
        "nilai": Decimal(sel["target"]["value"]),
        "pagu": Decimal(sel["rp"]),
        "sumber_dana": sel["sumber_dana"] or "",
    }


def _satuan(baris: dict[str, Any]) -> str:
    satuan = {
        sel["unit"]
        for b in baris["years"].values()
        for sel in (b.get("capaian"), b.get("target"))
        if sel and sel["unit"]
    }
    if not satuan:
        return SATUAN_TANPA_CETAK
    if len(satuan) > 1:
        raise ValueError(f"Satuan tidak seragam pada {baris['indikator']!r}: {satuan}")
    return satuan.pop()


def _iku(renstra: Renstra, sasaran: Sasaran, urutan: int, d: dict[str, Any],
         triwulan: dict[str, Any]) -> None:
    pembilang, penyebut = d["numerator"]["label"], d["denominator"]["label"]
    indikator = Indikator(
        level=Level.SASARAN, sasaran=sasaran, urutan=urutan, nama=d["name"], satuan=d["unit"],
        jenis=Indikator.Jenis.HASIL, is_iku=True,
        polaritas=POLARITAS_IKU[d["derived"]["polarity"]],
        # Both IKU are reported "s.d. triwulan": the year's value is the last quarter's.
        cara_agregasi=Indikator.CaraAgregasi.AKHIR, desimal=2,
        definisi=d["definition_printed"], jenis_rumus=Indikator.JenisRumus.RASIO,
        rumus=f"{pembilang} / {penyebut} × {d['multiplier']}",
        pembilang=pembilang, penyebut=penyebut,
        # The end target is printed (Tabel 3.3): a level for IKU 1, a 3-year sum for IKU 2.
        aturan_kondisi_akhir=Indikator.AturanKondisiAkhir.MASUKAN,
        kondisi_akhir=Decimal(d["target_akhir_renstra"]["value"]),
    )
    _indikator(renstra, indikator, {
        2019: {"nilai": Decimal(d["target_2019"]["value"])},
        # The 2021 quarterly report: the year's target is the TW IV target.
        2021: {"nilai": Decimal(triwulan["target_total"])},
    })


def _renstra_koperasi(opd: Opd) -> str:
    judul = f"Renstra {opd.singkatan} 2016–2021"
    if Renstra.objects.filter(opd=opd, versi=0, tahun_awal=PERIODE_KOPERASI["tahun_awal"],
                              tahun_akhir=PERIODE_KOPERASI["tahun_akhir"]).exists():
        return f"{judul} sudah ada; tidak diubah."
    data = data_json("malang-2019.json")
    matriks = data["renstra_matrix"]
    iku = {d["name"]: d for d in data["iku"]}
    triwulan = {d["id"]: d for d in data_json("malang-2021-quarterly.json")["indicators"]}

    # Visi and misi are not stated in the report: left empty, the page says so.
    renstra = services.renstra_create(
        opd=opd, renstra=Renstra(status=Renstra.Status.BERLAKU, **PERIODE_KOPERASI), oleh=None
    )
    sasaran_program: dict[str, Sasaran] = {}
    for t_urutan, t in enumerate(matriks["tujuan"], 1):
        tujuan = _node(renstra, Tujuan(renstra=renstra, nama=t["tujuan"], urutan=t_urutan))
        for i, nama in enumerate(t["indikator_tujuan"], 1):
            _indikator(renstra, Indikator(level=Level.TUJUAN, tujuan=tujuan, urutan=i, nama=nama,
                                          satuan="%", jenis=Indikator.Jenis.HASIL), {})
        for s_urutan, s in enumerate(t["sasaran"], 1):
            sasaran = _node(renstra, Sasaran(tujuan=tujuan, nama=s["sasaran"], urutan=s_urutan))
            for i, nama in enumerate(s["indikator_sasaran"], 1):
                if nama in iku:
                    _iku(renstra, sasaran, i, iku[nama], triwulan[iku[nama]["id"]])
                else:
                    _indikator(renstra, Indikator(
                        level=Level.SASARAN, sasaran=sasaran, urutan=i, nama=nama, satuan="%",
                        jenis=Indikator.Jenis.HASIL), {})
            # Codes are listed as printed, e.g. "XII(unnamed)".
            sasaran_program.update({kode.split("(")[0]: sasaran for kode in s["programs"]})

    for p_urutan, p in enumerate(matriks["programs"], 1):
        program = _node(renstra, Program(
            sasaran=sasaran_program[p["code"]], kode=p["code"], urutan=p_urutan,
            nama=p["name"] or NAMA_PROGRAM_XII,
        ))
        kolom, target = _kolom_tahun(renstra, p)
        _indikator(renstra, Indikator(
            level=Level.PROGRAM, program=program, urutan=1, nama=p["indikator"],
            satuan=_satuan(p), jenis=Indikator.Jenis.HASIL,
            aturan_kondisi_akhir=Indikator.AturanKondisiAkhir.TERAKHIR,
            penanggung_jawab=p["pd_penanggung_jawab"], lokasi=p["lokasi"] or "", **kolom,
        ), target)
        # Programs of the old nomenclature (IX, X, XI, XV, XVI) only have a baseline-year
        # budget: their kegiatan ended with that year.
        lama = kolom["kondisi_awal_pagu"] > 0 and all(v["pagu"] == 0 for v in target.values())
        for k in p["kegiatan"]:
            kegiatan = _node(renstra, Kegiatan(
                program=program, kode=str(k["no"]), nama=k["name"], urutan=k["no"],
                tahun_selesai=renstra.tahun_kondisi_awal if lama else None,
            ))
            for i, b in enumerate(k["indicators"], 1):
                kolom, target = _kolom_tahun(renstra, b)
                _indikator(renstra, Indikator(
                    level=Level.KEGIATAN, kegiatan=kegiatan, urutan=i, nama=b["indikator"],
                    satuan=_satuan(b), jenis=Indikator.Jenis.KELUARAN, desimal=0,
                    # Printed end targets sum 2019–2021 only, so they are kept as entered.
                    aturan_kondisi_akhir=Indikator.AturanKondisiAkhir.MASUKAN,
                    kondisi_akhir=Decimal(b["kondisi_akhir"]["target"]["value"]),
                    penanggung_jawab=b["pd_penanggung_jawab"], lokasi=b["lokasi"] or "",
                    **kolom,
                ), target)
    return f"{judul} dibuat: {_ringkas(renstra)}."


def _rpjmd_contoh(opd: Opd) -> list[MisiRpjmd]:
    rpjmd, _ = pastikan(Rpjmd, {"pemda": opd.pemda, "tahun_awal": PERIODE_CONTOH["tahun_awal"],
                                "tahun_akhir": PERIODE_CONTOH["tahun_akhir"]},
                        {"visi": VISI_RPJMD_CONTOH})
    return [
        pastikan(MisiRpjmd, {"rpjmd": rpjmd, "nomor": nomor}, {"teks": teks})[0]
        for nomor, teks in enumerate(MISI_RPJMD_CONTOH, 1)
    ]


def _per_tahun(renstra: Renstra, nilai: tuple[str, ...]) -> dict[int, Decimal]:
    tahun = renstra.tahun_target
    if len(nilai) != len(tahun):
        raise ValueError(f"{len(nilai)} nilai untuk {len(tahun)} tahun target")
    return {t: Decimal(v) for t, v in zip(tahun, nilai, strict=True)}


def _renstra_contoh(opd: Opd) -> str:
    misi_rpjmd = _rpjmd_contoh(opd)
    judul = f"Renstra {opd.singkatan} 2019–2024"
    if Renstra.objects.filter(opd=opd, versi=0, tahun_awal=PERIODE_CONTOH["tahun_awal"],
                              tahun_akhir=PERIODE_CONTOH["tahun_akhir"]).exists():
        return f"{judul} sudah ada; tidak diubah."
    renstra = services.renstra_create(opd=opd, oleh=None, renstra=Renstra(
        status=Renstra.Status.BERLAKU, rpjmd=misi_rpjmd[0].rpjmd, **PERIODE_CONTOH,
    ))
    misi = [_node(renstra, Misi(renstra=renstra, nomor=m.nomor, misi_rpjmd=m))
            for m in misi_rpjmd]
    tujuan = _node(renstra, Tujuan(
        renstra=renstra, misi=misi[0], urutan=1,
        nama="Meningkatnya kualitas dan daya saing koperasi (contoh fiktif)",
    ))
    sasaran = _node(renstra, Sasaran(
        tujuan=tujuan, urutan=1, nama="Meningkatnya koperasi yang sehat",
        strategi="Pengawasan koperasi yang terjadwal dan pendampingan pengurus.",
        arah_kebijakan="Memprioritaskan koperasi dengan predikat cukup sehat dan dalam pengawasan.",
    ))
    _indikator(renstra, Indikator(
        level=Level.SASARAN, sasaran=sasaran, urutan=1, nama="Persentase koperasi sehat",
        satuan="%", jenis=Indikator.Jenis.HASIL, is_iku=True,
        cara_agregasi=Indikator.CaraAgregasi.AKHIR, desimal=2,
        definisi="Koperasi berpredikat sehat menurut penilaian kesehatan terhadap seluruh "
                 "koperasi aktif.",
        jenis_rumus=Indikator.JenisRumus.RASIO,
        rumus="jumlah koperasi sehat tahun (n) / jumlah koperasi aktif tahun (n) × 100",
        pembilang="jumlah koperasi sehat tahun (n)", penyebut="jumlah koperasi aktif tahun (n)",
        sumber_data="Hasil penilaian kesehatan koperasi (contoh)",
        unit_penanggung_jawab=UnitKerja.objects.get(opd=opd, nama="Bidang Pemberdayaan Koperasi"),
        kondisi_awal=Decimal("35.5"),
    ), {t: {"nilai": v} for t, v in _per_tahun(renstra, (
        "38", "41", "44", "47", "50", "53")).items()})

    for p_urutan, p in enumerate(PROGRAM_CONTOH, 1):
        program = _node(renstra, Program(sasaran=sasaran, kode=p.kode, nama=p.nama,
                                         urutan=p_urutan))
        pagu_program = dict.fromkeys(renstra.tahun_target, Decimal("0"))
        for k_urutan, k in enumerate(p.kegiatan, 1):
            kegiatan = _node(renstra, Kegiatan(program=program, kode=k.kode, nama=k.nama,
                                               urutan=k_urutan))
            pagu = _per_tahun(renstra, k.pagu)
            for t, v in pagu.items():
                pagu_program[t] += v
            _indikator(renstra, Indikator(
                level=Level.KEGIATAN, kegiatan=kegiatan, urutan=1, nama=k.indikator,
                satuan=k.satuan, jenis=Indikator.Jenis.KELUARAN, desimal=0,
                aturan_kondisi_akhir=Indikator.AturanKondisiAkhir.JUMLAH,
                kondisi_awal=Decimal(k.kondisi_awal), kondisi_awal_pagu=Decimal(k.pagu_awal),
                lokasi=opd.pemda.nama,
            ), {t: {"nilai": v, "pagu": pagu[t], "sumber_dana": "APBD Kabupaten"}
                for t, v in _per_tahun(renstra, k.target).items()})
        _indikator(renstra, Indikator(
            level=Level.PROGRAM, program=program, urutan=1, nama=p.indikator, satuan="%",
            jenis=Indikator.Jenis.HASIL, kondisi_awal=Decimal(p.kondisi_awal),
            kondisi_awal_pagu=sum((Decimal(k.pagu_awal) for k in p.kegiatan), Decimal("0")),
        ), {t: {"nilai": v, "pagu": pagu_program[t]}
            for t, v in _per_tahun(renstra, p.target).items()})
    return f"{judul} dibuat: {_ringkas(renstra)}."


def load_demo() -> list[str]:
    """The two demo Renstra trees (needs `sakip.demo.load_demo` first); summary lines."""
    return [
        _renstra_koperasi(Opd.objects.get(slug=SLUG_KOPERASI)),
        _renstra_contoh(Opd.objects.get(slug=SLUG_CONTOH)),
    ]
