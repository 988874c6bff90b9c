"""Demo data of the core app: Kabupaten Malang, two offices, units, signatories, demo users.

The real figures come from `fixtures/malang/` inside the project; the running app never
reads anything outside it. Every write goes through `pastikan`, which saves only when a
value differs, so a second run writes nothing at all (not even history rows).
"""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models

from .models import AksesPemda, Keanggotaan, Opd, Pejabat, Pemda, Peran, UnitKerja

DATA_DIR = settings.BASE_DIR / "fixtures" / "malang"
# Development-only logins, listed in the README; `load_demo` is never run in production.
SANDI_DEMO = "sakip-demo-2026"  # noqa: S105
ALASAN = "Data demo (load_demo)"

SLUG_PEMDA = "kab-malang"
SLUG_KOPERASI = "koperasi-malang"
SLUG_CONTOH = "dinas-contoh"

JENIS_UNIT = {
    "kepala_dinas": UnitKerja.Jenis.PIMPINAN,
    "kepala_upt": UnitKerja.Jenis.PIMPINAN,
    "sekretariat": UnitKerja.Jenis.SEKRETARIAT,
    "sub_bagian": UnitKerja.Jenis.SUBBAGIAN,
    "bidang": UnitKerja.Jenis.BIDANG,
    "seksi": UnitKerja.Jenis.SEKSI,
    "upt": UnitKerja.Jenis.UPT,
}

# username → (first_name, last_name, office slug or None, role); the names are invented.
PENGGUNA_DEMO = {
    "perencana.koperasi": ("Rina", "Wahyuningtyas", SLUG_KOPERASI, Peran.PERENCANA),
    "kepala.koperasi": ("Hendro", "Prasetyo", SLUG_KOPERASI, Peran.KEPALA),
    "perencana.contoh": ("Agus", "Setiawan", SLUG_CONTOH, Peran.PERENCANA),
    "inspektorat": ("Lilik", "Nurhayati", None, Peran.INSPEKTORAT),
    "admin": ("Dimas", "Kurniawan", None, Peran.ADMIN),
}

UNIT_CONTOH = [
    # (nama, jenis, eselon, induk)
    ("Kepala Dinas Contoh", UnitKerja.Jenis.PIMPINAN, "II.b", None),
    ("Sekretariat", UnitKerja.Jenis.SEKRETARIAT, "III.a", "Kepala Dinas Contoh"),
    ("Bidang Pemberdayaan Koperasi", UnitKerja.Jenis.BIDANG, "III.b", "Kepala Dinas Contoh"),
]


@cache
def data_json(nama: str) -> dict[str, Any]:
    """A data file of fixtures/malang/; decimals stay Decimal, never float."""
    with (DATA_DIR / nama).open(encoding="utf-8") as f:
        return json.load(f, parse_float=Decimal)


def simpan_bila_berubah(obj: models.Model, nilai: dict[str, Any]) -> bool:
    """Set `nilai` on `obj`, validate and save, but only if it is new or something differs."""
    berubah = obj.pk is None
    for k, v in nilai.items():
        field = obj._meta.get_field(k)
        if isinstance(field, models.ForeignKey):
            # Compare ids: reading an unset foreign key raises, and costs a query when set.
            k, v = field.attname, (v.pk if v is not None else None)
        if getattr(obj, k) != v:
            setattr(obj, k, v)
            berubah = True
    if berubah:
        obj.full_clean()
        obj._change_reason = ALASAN  # type: ignore[attr-defined]
        obj.save()
    return berubah


def pastikan(model: type[models.Model], kunci: dict[str, Any],
             nilai: dict[str, Any] | None = None) -> tuple[Any, bool]:
    """The row with natural key `kunci`, created or brought to `nilai`; (row, written?)."""
    obj = model._default_manager.filter(**kunci).first() or model(**kunci)
    return obj, simpan_bila_berubah(obj, nilai or {})


def _baris_huruf(daftar: list[dict[str, str]]) -> str:
    return "\n".join(f"{b['letter']}. {b['text']}" for b in daftar)


def _eselon(teks: str | None) -> str:
    # The data writes "III-b"; the app's convention is "III.b".
    return teks.replace("-", ".") if teks else ""


def _unit_kerja(opd: Opd, organisasi: dict[str, Any]) -> int:
    tertulis = 0
    unit: dict[str, UnitKerja] = {}
    # Parents come before their children in the list; the printed numbering is faulty
    # (1.4 and 1.5 used twice), so the list order is the order.
    for urutan, u in enumerate(organisasi["units"], 1):
        unit[u["name"]], berubah = pastikan(UnitKerja, {"opd": opd, "nama": u["name"]}, {
            "induk": unit[u["parent"]] if u["parent"] else None,
            "urutan": urutan,
            "jenis": JENIS_UNIT[u["unit_type"]],
            "eselon": _eselon(u["derived"]["eselon_inferred"]),
            "tugas": _baris_huruf(u["tugas"]),
            "fungsi": _baris_huruf(u["fungsi"]),
        })
        tertulis += berubah
    return tertulis


def _pejabat(pemda: Pemda, opd: Opd, penandatangan: dict[str, Any]) -> int:
    baris = [
        # The head at report time signs the LKjIP; the PK 2019 was signed by her predecessor.
        (opd, penandatangan["kepala_dinas_at_report"], True),
        (opd, penandatangan["pk_pihak_pertama"], False),
        # Pihak kedua is the head's superior: a pemda-level official, no office.
        (None, penandatangan["pk_pihak_kedua"], True),
    ]
    tertulis = 0
    for o, p, aktif in baris:
        _, berubah = pastikan(Pejabat, {"pemda": pemda, "opd": o, "nama": p["nama"]}, {
            "jabatan": p["jabatan"], "pangkat": p["pangkat"] or "", "nip": p["nip"] or "",
            "aktif": aktif,
        })
        tertulis += berubah
    return tertulis


def _pengguna(opd: dict[str, Opd], pemda: Pemda) -> int:
    User = get_user_model()
    tertulis = 0
    for username, (depan, belakang, slug, peran) in PENGGUNA_DEMO.items():
        user = User.objects.filter(username=username).first() or User(username=username)
        # Only a new account gets the demo password: a changed one is left as it is.
        if user.pk is None or not user.has_usable_password():
            user.set_password(SANDI_DEMO)
        super_ = peran == Peran.ADMIN
        tertulis += simpan_bila_berubah(user, {
            "first_name": depan, "last_name": belakang,
            "is_staff": super_, "is_superuser": super_, "is_active": True,
        })
        if slug:
            _, berubah = pastikan(Keanggotaan, {"user": user, "opd": opd[slug]}, {"peran": peran})
            tertulis += berubah
        elif peran == Peran.INSPEKTORAT:
            _, berubah = pastikan(AksesPemda, {"user": user, "pemda": pemda}, {"peran": peran})
            tertulis += berubah
    return tertulis


def load_demo() -> list[str]:
    """Pemda, offices, units, signatories and demo users; returns summary lines."""
    data = data_json("malang-2019.json")
    organisasi = data["organisation"]
    pemda, t_pemda = pastikan(Pemda, {"slug": SLUG_PEMDA},
                              {"nama": "Kabupaten Malang", "ibukota": "Malang"})
    koperasi, t_kop = pastikan(Opd, {"slug": SLUG_KOPERASI}, {
        "pemda": pemda, "nama": organisasi["name"], "singkatan": "Diskop UM",
        "urusan": organisasi["urusan"],
    })
    contoh, t_contoh = pastikan(Opd, {"slug": SLUG_CONTOH}, {
        "pemda": pemda, "nama": "Dinas Contoh (fiktif)", "singkatan": "Dinas Contoh",
        "urusan": "Koperasi, Usaha Kecil, dan Menengah (contoh fiktif)",
    })
    tertulis = t_pemda + t_kop + t_contoh + _unit_kerja(koperasi, organisasi)
    for urutan, (nama, jenis, eselon, induk) in enumerate(UNIT_CONTOH, 1):
        _, berubah = pastikan(UnitKerja, {"opd": contoh, "nama": nama}, {
            "induk": UnitKerja.objects.get(opd=contoh, nama=induk) if induk else None,
            "urutan": urutan, "jenis": jenis, "eselon": eselon,
        })
        tertulis += berubah
    tertulis += _pejabat(pemda, koperasi, data["signatories"])
    tertulis += _pengguna({SLUG_KOPERASI: koperasi, SLUG_CONTOH: contoh}, pemda)
    unit = ", ".join(f"{o.singkatan} ({o.unit_kerja.count()} unit kerja)"
                     for o in (koperasi, contoh))
    return [
        f"{pemda}: {unit}, {Pejabat.objects.filter(pemda=pemda).count()} pejabat, "
        f"{len(PENGGUNA_DEMO)} pengguna demo; {tertulis} baris dibuat atau diperbarui.",
        f"Login demo (sandi {SANDI_DEMO}): {', '.join(PENGGUNA_DEMO)}.",
    ]
