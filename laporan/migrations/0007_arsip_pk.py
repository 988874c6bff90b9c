"""ArsipLaporan also archives signed Perjanjian Kinerja: a kind, the office and year of the
document (filled from the LKjIP for existing rows), and a link to the PK version."""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


def isi_opd_tahun(apps, schema_editor):
    ArsipLaporan = apps.get_model("laporan", "ArsipLaporan")
    for a in ArsipLaporan.objects.select_related("laporan"):
        a.opd_id, a.tahun = a.laporan.opd_id, a.laporan.tahun
        a.save(update_fields=["opd", "tahun"])


class Migration(migrations.Migration):

    dependencies = [
        ("kinerja", "0001_initial"),
        ("laporan", "0006_pengakuan_diharapkan"),
        ("sakip", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="arsiplaporan",
            name="jenis",
            field=models.CharField(choices=[("lkjip", "LKjIP"), ("pk", "Perjanjian Kinerja")],
                                   default="lkjip", max_length=5),
        ),
        migrations.AddField(
            model_name="arsiplaporan",
            name="opd",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="+", to="sakip.opd"),
        ),
        migrations.AddField(
            model_name="arsiplaporan",
            name="tahun",
            field=models.PositiveSmallIntegerField(null=True),
        ),
        migrations.AddField(
            model_name="arsiplaporan",
            name="perjanjian",
            field=models.OneToOneField(blank=True, null=True,
                                       on_delete=django.db.models.deletion.PROTECT,
                                       related_name="arsip", to="kinerja.perjanjiankinerja",
                                       verbose_name="PK"),
        ),
        migrations.AlterField(
            model_name="arsiplaporan",
            name="laporan",
            field=models.ForeignKey(blank=True, null=True,
                                    on_delete=django.db.models.deletion.PROTECT,
                                    related_name="arsip", to="laporan.laporankinerja"),
        ),
        migrations.RunPython(isi_opd_tahun, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="arsiplaporan",
            name="opd",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT,
                                    related_name="+", to="sakip.opd"),
        ),
        migrations.AlterField(
            model_name="arsiplaporan",
            name="tahun",
            field=models.PositiveSmallIntegerField(validators=[
                django.core.validators.MinValueValidator(2000),
                django.core.validators.MaxValueValidator(2100)]),
        ),
        migrations.AlterModelOptions(
            name="arsiplaporan",
            options={"ordering": ["opd", "-tahun", "jenis", "-versi"],
                     "verbose_name": "arsip dokumen yang disetujui",
                     "verbose_name_plural": "arsip dokumen yang disetujui"},
        ),
        migrations.AddConstraint(
            model_name="arsiplaporan",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("jenis", "lkjip"), ("laporan__isnull", False),
                             ("perjanjian__isnull", True)),
                    models.Q(("jenis", "pk"), ("laporan__isnull", True),
                             ("perjanjian__isnull", False)),
                    _connector="OR"),
                name="arsip_satu_dokumen_sesuai_jenis"),
        ),
    ]
