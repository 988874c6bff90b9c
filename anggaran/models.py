"""Budget of an office per year: lines on the Renstra tree, realisations, allocation to sasaran.

`Anggaran` (office, year) holds `BarisAnggaran` (kegiatan or sub kegiatan × account group,
pagu DPA murni and perubahan), `PosAnggaran` (pendapatan and belanja outside programs,
e.g. BTL salaries) and their `RealisasiAnggaran` per quarter or month. Totals at every level
are computed by the selectors; only typed control totals from a DPA (`KendaliAnggaran`)
are stored, to show where they differ from the lines. `PemetaanSasaran` and
`PerlakuanProgram` say which sasaran/IKU each program's money serves.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from renstra.models import Indikator, Kegiatan, Program, Sasaran, SubKegiatan
from sakip.models import TAHUN_VALIDATORS, UANG, Opd, OpdScopedQuerySet, Pemda

_NOL = Decimal("0")


def _tidak_negatif(nama: str) -> Q:
    return Q(**{f"{nama}__isnull": True}) | Q(**{f"{nama}__gte": _NOL})


def _kelompok_tidak_berlaku(tahun: int) -> str:
    return f"Kelompok belanja ini tidak berlaku pada tahun {tahun}."


class KelompokBelanja(models.Model):
    """An account group (BTL/BL until 2020; belanja operasi/modal/tidak terduga/transfer
    under Permendagri 90/2019). Rows, not code: the admin adds what a year needs."""

    kode = models.CharField(max_length=20, help_text="mis. 5.1, 5.2")
    nama = models.CharField(max_length=120)
    urutan = models.PositiveSmallIntegerField(default=0)
    tahun_mulai = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=TAHUN_VALIDATORS,
        help_text="Kosong = berlaku sejak dulu.",
    )
    tahun_selesai = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=TAHUN_VALIDATORS,
        help_text="Kosong = masih berlaku.",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "kelompok belanja"
        verbose_name_plural = "kelompok belanja"
        ordering = ["urutan", "kode", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["nama", "tahun_mulai"], name="ang_kelompok_belanja_unik"
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    def berlaku_pada(self, tahun: int) -> bool:
        return (self.tahun_mulai is None or tahun >= self.tahun_mulai) and (
            self.tahun_selesai is None or tahun <= self.tahun_selesai
        )

    @classmethod
    def untuk_tahun(cls, tahun: int) -> models.QuerySet[KelompokBelanja]:
        return cls.objects.filter(
            Q(tahun_mulai__isnull=True) | Q(tahun_mulai__lte=tahun),
            Q(tahun_selesai__isnull=True) | Q(tahun_selesai__gte=tahun),
        )


class Anggaran(models.Model):
    """The budget of one office for one year (DPA-SKPD)."""

    OPD_PATH = "opd"

    class KunciSebaran(models.TextChoices):
        PROPORSIONAL = "proporsional", "sebanding dengan anggaran langsung tiap sasaran"
        RATA = "rata", "sama besar untuk setiap sasaran"

    opd = models.ForeignKey(Opd, on_delete=models.PROTECT, related_name="anggaran")
    tahun = models.PositiveSmallIntegerField(validators=TAHUN_VALIDATORS)
    nomor_dpa = models.CharField("nomor DPA", max_length=120, blank=True)
    kunci_sebaran = models.CharField(
        "kunci sebaran program penunjang", max_length=14,
        choices=KunciSebaran.choices, default=KunciSebaran.PROPORSIONAL,
    )
    catatan = models.TextField(blank=True)

    objects = OpdScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "anggaran"
        verbose_name_plural = "anggaran"
        ordering = ["opd", "-tahun"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun"], name="ang_anggaran_unik_per_tahun"),
        ]

    def __str__(self) -> str:
        return f"Anggaran {self.opd} {self.tahun}"


class _Pagu(models.Model):
    """Pagu of the DPA murni and of the DPA perubahan; both are kept."""

    pagu_murni = models.DecimalField("pagu DPA murni", **UANG, default=_NOL)
    pagu_perubahan = models.DecimalField(
        "pagu DPA perubahan", **UANG, null=True, blank=True,
        help_text="Kosong = tidak berubah pada perubahan anggaran.",
    )

    class Meta:
        abstract = True

    @property
    def pagu(self) -> Decimal:
        """The pagu in force: perubahan when there is one."""
        return self.pagu_murni if self.pagu_perubahan is None else self.pagu_perubahan


class BarisAnggaran(_Pagu):
    """One budget line: a kegiatan (or one of its sub kegiatan) in one account group."""

    OPD_PATH = "anggaran__opd"

    anggaran = models.ForeignKey(Anggaran, on_delete=models.CASCADE, related_name="baris")
    kelompok = models.ForeignKey(KelompokBelanja, on_delete=models.PROTECT, related_name="baris")
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.PROTECT, related_name="baris_anggaran")
    sub_kegiatan = models.ForeignKey(
        SubKegiatan, on_delete=models.PROTECT, null=True, blank=True,
        related_name="baris_anggaran",
    )

    objects = OpdScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "baris anggaran"
        verbose_name_plural = "baris anggaran"
        # Display order (Renstra order) is the selectors' job; a join-free default here.
        ordering = ["anggaran", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["anggaran", "kelompok", "kegiatan"], condition=Q(sub_kegiatan__isnull=True),
                name="ang_baris_kegiatan_unik",
            ),
            models.UniqueConstraint(
                fields=["anggaran", "kelompok", "sub_kegiatan"],
                condition=Q(sub_kegiatan__isnull=False), name="ang_baris_sub_kegiatan_unik",
            ),
            models.CheckConstraint(condition=Q(pagu_murni__gte=_NOL), name="ang_baris_murni_min_0"),
            models.CheckConstraint(
                condition=_tidak_negatif("pagu_perubahan"), name="ang_baris_perubahan_min_0"
            ),
        ]

    def __str__(self) -> str:
        return str(self.sub_kegiatan or self.kegiatan)

    def clean(self) -> None:
        if not (self.anggaran_id and self.kegiatan_id):
            return
        tahun, opd_id = self.anggaran.tahun, self.anggaran.opd_id
        program = self.kegiatan.program
        renstra = program.sasaran.tujuan.renstra
        if renstra.opd_id != opd_id or not renstra.tahun_awal <= tahun <= renstra.tahun_akhir:
            raise ValidationError({"kegiatan": (
                f"Program {program.kode} tidak ada dalam Renstra perangkat daerah ini "
                f"yang berlaku pada tahun {tahun}."
            )})
        if self.sub_kegiatan is not None and self.sub_kegiatan.kegiatan_id != self.kegiatan_id:
            raise ValidationError(
                {"sub_kegiatan": "Sub kegiatan ini bukan bagian kegiatan yang dipilih."}
            )
        if self.kelompok_id and not self.kelompok.berlaku_pada(tahun):
            raise ValidationError({"kelompok": _kelompok_tidak_berlaku(tahun)})


class PosAnggaran(_Pagu):
    """Pendapatan, or belanja outside any program (e.g. BTL: gaji dan tunjangan)."""

    OPD_PATH = "anggaran__opd"

    class Jenis(models.TextChoices):
        PENDAPATAN = "pendapatan", "Pendapatan"
        BELANJA = "belanja", "Belanja di luar program"

    anggaran = models.ForeignKey(Anggaran, on_delete=models.CASCADE, related_name="pos")
    jenis = models.CharField(max_length=10, choices=Jenis.choices, default=Jenis.BELANJA)
    kelompok = models.ForeignKey(
        KelompokBelanja, on_delete=models.PROTECT, null=True, blank=True, related_name="pos",
        help_text="Wajib untuk belanja, kosong untuk pendapatan.",
    )
    kode = models.CharField("kode rekening", max_length=40, blank=True)
    uraian = models.CharField(max_length=300)
    urutan = models.PositiveSmallIntegerField(default=0)

    objects = OpdScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "pos anggaran"
        verbose_name_plural = "pos anggaran"
        ordering = ["anggaran", "jenis", "urutan", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["anggaran", "jenis", "uraian"], name="ang_pos_uraian_unik"
            ),
            models.CheckConstraint(
                condition=Q(jenis="pendapatan", kelompok__isnull=True)
                | Q(jenis="belanja", kelompok__isnull=False),
                name="ang_pos_kelompok_sesuai_jenis",
            ),
            models.CheckConstraint(condition=Q(pagu_murni__gte=_NOL), name="ang_pos_murni_min_0"),
            models.CheckConstraint(
                condition=_tidak_negatif("pagu_perubahan"), name="ang_pos_perubahan_min_0"
            ),
        ]

    def __str__(self) -> str:
        return self.uraian

    def clean(self) -> None:
        if self.jenis == self.Jenis.PENDAPATAN:
            if self.kelompok_id:
                raise ValidationError({"kelompok": "Pendapatan tidak memakai kelompok belanja."})
            return
        if not self.kelompok_id:
            raise ValidationError({"kelompok": "Pilih kelompok belanja."})
        if (self.anggaran_id and self.kelompok is not None
                and not self.kelompok.berlaku_pada(self.anggaran.tahun)):
            raise ValidationError({"kelompok": _kelompok_tidak_berlaku(self.anggaran.tahun)})


class RealisasiAnggaran(models.Model):
    """Spending (or revenue) of one line in one quarter, or in one month of it.

    A quarter is entered either as one figure or month by month, never both; the year's
    realisation is the sum. `anggaran` is repeated here so that every sum of a budget is
    one query without joins.
    """

    OPD_PATH = "anggaran__opd"

    anggaran = models.ForeignKey(Anggaran, on_delete=models.CASCADE, related_name="realisasi")
    baris = models.ForeignKey(
        BarisAnggaran, on_delete=models.CASCADE, null=True, blank=True, related_name="realisasi"
    )
    pos = models.ForeignKey(
        PosAnggaran, on_delete=models.CASCADE, null=True, blank=True, related_name="realisasi"
    )
    triwulan = models.PositiveSmallIntegerField(
        choices=[(1, "TW I"), (2, "TW II"), (3, "TW III"), (4, "TW IV")]
    )
    bulan = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    nilai = models.DecimalField(**UANG)
    catatan = models.CharField(max_length=300, blank=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    diubah = models.DateTimeField(auto_now=True)

    objects = OpdScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "realisasi anggaran"
        verbose_name_plural = "realisasi anggaran"
        ordering = ["triwulan", "bulan"]
        constraints = [
            models.CheckConstraint(
                condition=Q(baris__isnull=False, pos__isnull=True)
                | Q(baris__isnull=True, pos__isnull=False),
                name="ang_realisasi_satu_induk",
            ),
            models.CheckConstraint(
                condition=Q(triwulan__gte=1, triwulan__lte=4), name="ang_realisasi_triwulan_1_4"
            ),
            models.CheckConstraint(
                condition=Q(bulan__isnull=True)
                | Q(bulan__gte=F("triwulan") * 3 - 2, bulan__lte=F("triwulan") * 3),
                name="ang_realisasi_bulan_dalam_triwulan",
            ),
            models.CheckConstraint(condition=Q(nilai__gte=_NOL), name="ang_realisasi_min_0"),
            models.UniqueConstraint(
                fields=["baris", "triwulan"], condition=Q(bulan__isnull=True),
                name="ang_realisasi_baris_triwulan_unik",
            ),
            models.UniqueConstraint(
                fields=["baris", "bulan"], condition=Q(bulan__isnull=False),
                name="ang_realisasi_baris_bulan_unik",
            ),
            models.UniqueConstraint(
                fields=["pos", "triwulan"], condition=Q(bulan__isnull=True),
                name="ang_realisasi_pos_triwulan_unik",
            ),
            models.UniqueConstraint(
                fields=["pos", "bulan"], condition=Q(bulan__isnull=False),
                name="ang_realisasi_pos_bulan_unik",
            ),
        ]

    def __str__(self) -> str:
        periode = f"bulan {self.bulan}" if self.bulan else f"TW {self.triwulan}"
        return f"{self.baris or self.pos} {periode}"


class KendaliAnggaran(models.Model):
    """A control total typed from an imported DPA; never used as a total, only compared."""

    OPD_PATH = "anggaran__opd"

    class Tingkat(models.TextChoices):
        PENDAPATAN = "pendapatan", "Total pendapatan"
        BELANJA = "belanja", "Total belanja"
        KELOMPOK = "kelompok", "Kelompok belanja"
        PROGRAM = "program", "Program"

    anggaran = models.ForeignKey(Anggaran, on_delete=models.CASCADE, related_name="kendali")
    tingkat = models.CharField(max_length=10, choices=Tingkat.choices)
    kelompok = models.ForeignKey(
        KelompokBelanja, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    program = models.ForeignKey(
        Program, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    pagu_murni = models.DecimalField("pagu DPA murni", **UANG, null=True, blank=True)
    pagu_perubahan = models.DecimalField("pagu DPA perubahan", **UANG, null=True, blank=True)
    sumber = models.CharField(max_length=200, blank=True, help_text="mis. DPA-SKPD nomor …")

    objects = OpdScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "total kendali DPA"
        verbose_name_plural = "total kendali DPA"
        constraints = [
            models.CheckConstraint(
                condition=Q(tingkat__in=["pendapatan", "belanja"], kelompok__isnull=True,
                            program__isnull=True)
                | Q(tingkat="kelompok", kelompok__isnull=False, program__isnull=True)
                | Q(tingkat="program", kelompok__isnull=True, program__isnull=False),
                name="ang_kendali_sasaran_sesuai_tingkat",
            ),
            models.UniqueConstraint(
                fields=["anggaran", "tingkat"], condition=Q(tingkat__in=["pendapatan", "belanja"]),
                name="ang_kendali_total_unik",
            ),
            models.UniqueConstraint(
                fields=["anggaran", "kelompok"], condition=Q(kelompok__isnull=False),
                name="ang_kendali_kelompok_unik",
            ),
            models.UniqueConstraint(
                fields=["anggaran", "program"], condition=Q(program__isnull=False),
                name="ang_kendali_program_unik",
            ),
            models.CheckConstraint(
                condition=_tidak_negatif("pagu_murni") & _tidak_negatif("pagu_perubahan"),
                name="ang_kendali_min_0",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_tingkat_display()} {self.kelompok or self.program or ''}".strip()


class PerlakuanProgram(models.Model):
    """A support program (administrasi perkantoran, aparatur, pelaporan) serves every sasaran:
    the office shows it as a separate block or spreads it by the budget's `kunci_sebaran`.
    Programs without a row here are allocated through `PemetaanSasaran`."""

    OPD_PATH = "anggaran__opd"

    class Perlakuan(models.TextChoices):
        BLOK = "blok", "Penunjang, blok tersendiri"
        SEBAR = "sebar", "Penunjang, disebar ke sasaran"

    anggaran = models.ForeignKey(Anggaran, on_delete=models.CASCADE, related_name="perlakuan")
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    perlakuan = models.CharField(max_length=6, choices=Perlakuan.choices)

    objects = OpdScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "perlakuan program penunjang"
        verbose_name_plural = "perlakuan program penunjang"
        constraints = [
            models.UniqueConstraint(
                fields=["anggaran", "program"], name="ang_perlakuan_program_unik"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program} — {self.get_perlakuan_display()}"


class PemetaanSasaran(models.Model):
    """Program or kegiatan → the sasaran (and optionally its IKU) it serves; many-to-many.

    A kegiatan's own mapping replaces its program's. Money serving n sasaran is split
    equally among them, so allocations add up to total belanja.
    """

    OPD_PATH = "anggaran__opd"

    anggaran = models.ForeignKey(Anggaran, on_delete=models.CASCADE, related_name="pemetaan")
    program = models.ForeignKey(
        Program, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kegiatan = models.ForeignKey(
        Kegiatan, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sasaran = models.ForeignKey(Sasaran, on_delete=models.PROTECT, related_name="+")
    indikator = models.ForeignKey(
        Indikator, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text="IKU sasaran yang didukung; kosong = sasaran secara keseluruhan.",
    )

    objects = OpdScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "pemetaan ke sasaran"
        verbose_name_plural = "pemetaan ke sasaran"
        constraints = [
            models.CheckConstraint(
                condition=Q(program__isnull=False, kegiatan__isnull=True)
                | Q(program__isnull=True, kegiatan__isnull=False),
                name="ang_pemetaan_program_atau_kegiatan",
            ),
            models.UniqueConstraint(
                fields=["anggaran", "program", "sasaran", "indikator"],
                condition=Q(program__isnull=False, indikator__isnull=False),
                name="ang_pemetaan_program_iku_unik",
            ),
            models.UniqueConstraint(
                fields=["anggaran", "program", "sasaran"],
                condition=Q(program__isnull=False, indikator__isnull=True),
                name="ang_pemetaan_program_sasaran_unik",
            ),
            models.UniqueConstraint(
                fields=["anggaran", "kegiatan", "sasaran", "indikator"],
                condition=Q(kegiatan__isnull=False, indikator__isnull=False),
                name="ang_pemetaan_kegiatan_iku_unik",
            ),
            models.UniqueConstraint(
                fields=["anggaran", "kegiatan", "sasaran"],
                condition=Q(kegiatan__isnull=False, indikator__isnull=True),
                name="ang_pemetaan_kegiatan_sasaran_unik",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program or self.kegiatan} → {self.indikator or self.sasaran}"

    def clean(self) -> None:
        if not (self.anggaran_id and self.sasaran_id):
            return
        renstra = self.sasaran.tujuan.renstra
        a = self.anggaran
        if renstra.opd_id != a.opd_id or not renstra.tahun_awal <= a.tahun <= renstra.tahun_akhir:
            raise ValidationError({"sasaran": (
                f"Sasaran ini tidak ada dalam Renstra perangkat daerah ini yang berlaku pada "
                f"tahun {a.tahun}."
            )})
        if self.indikator is not None and self.indikator.sasaran_id != self.sasaran_id:
            raise ValidationError(
                {"indikator": "Indikator ini bukan indikator sasaran yang dipilih."}
            )
        node = self.program or (self.kegiatan.program if self.kegiatan is not None else None)
        if node is not None and node.sasaran.tujuan.renstra_id != renstra.pk:
            raise ValidationError(
                "Program/kegiatan dan sasaran harus berasal dari Renstra yang sama."
            )


class PengaturanEfisiensi(models.Model):
    """Thresholds of the efficiency status (capaian / serapan) chosen by the pemda."""

    pemda = models.OneToOneField(
        Pemda, on_delete=models.CASCADE, related_name="pengaturan_efisiensi"
    )
    ambang_efisien = models.DecimalField(
        max_digits=6, decimal_places=4, default=Decimal("1"),
        help_text="Rasio capaian/serapan paling kecil yang disebut efisien.",
    )
    ambang_cukup = models.DecimalField(
        max_digits=6, decimal_places=4, default=Decimal("0.9"),
        help_text="Rasio paling kecil yang disebut cukup efisien.",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "pengaturan efisiensi"
        verbose_name_plural = "pengaturan efisiensi"
        constraints = [
            models.CheckConstraint(
                condition=Q(ambang_cukup__lte=F("ambang_efisien"), ambang_cukup__gte=_NOL),
                name="ang_ambang_efisiensi_urut",
            ),
        ]

    def __str__(self) -> str:
        return f"Ambang efisiensi {self.pemda}"

    def clean(self) -> None:
        if (self.ambang_cukup is not None and self.ambang_efisien is not None
                and self.ambang_cukup > self.ambang_efisien):
            raise ValidationError(
                "Ambang cukup efisien tidak boleh lebih besar dari ambang efisien."
            )
