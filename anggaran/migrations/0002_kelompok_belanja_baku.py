"""The account groups of the two national nomenclatures; offices' budgets refer to them."""

from django.db import migrations

KELOMPOK = [
    # (kode, nama, urutan, tahun_mulai, tahun_selesai)
    # Permendagri 13/2006 (APBD sampai 2020)
    ("5.1", "Belanja Tidak Langsung", 1, None, 2020),
    ("5.2", "Belanja Langsung", 2, None, 2020),
    # Permendagri 90/2019 (APBD mulai 2021)
    ("5.1", "Belanja Operasi", 11, 2021, None),
    ("5.2", "Belanja Modal", 12, 2021, None),
    ("5.3", "Belanja Tidak Terduga", 13, 2021, None),
    ("5.4", "Belanja Transfer", 14, 2021, None),
]


def tambah(apps, schema_editor):
    KelompokBelanja = apps.get_model("anggaran", "KelompokBelanja")
    for kode, nama, urutan, mulai, selesai in KELOMPOK:
        KelompokBelanja.objects.get_or_create(
            nama=nama, tahun_mulai=mulai,
            defaults={"kode": kode, "urutan": urutan, "tahun_selesai": selesai},
        )


class Migration(migrations.Migration):
    dependencies = [("anggaran", "0001_initial")]

    operations = [migrations.RunPython(tambah, migrations.RunPython.noop)]
