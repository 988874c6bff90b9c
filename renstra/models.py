"""The five-year strategic plan (Renstra) of an office and its tree.

Renstra → Tujuan → Sasaran → Program → Kegiatan → SubKegiatan; an `Indikator`
hangs on any level and carries yearly `TargetRenstra` rows (value and pagu).
Every node keeps `asal`, the node of the previous version it was copied from,
so that versions can be compared node by node.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from sakip.models import NILAI, TAHUN_VALIDATORS, UANG, Opd, OpdScopedQuerySet, Pemda, UnitKerja


class Rpjmd(models.Model):
    """The pemda's five-year plan; offices link their misi to its misi."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="rpjmd")
    tahun_awal = models.PositiveSmallIntegerField(validators=TAHUN_VALIDATORS)
    tahun_akhir = models.PositiveSmallIntegerField(validators=TAHUN_VALIDATORS)
    visi = models.TextField()

    class Meta:
        verbose_name = "RPJMD"
        verbose_name_plural = "RPJMD"
        ordering = ["-tahun_awal"]

    def __str__(self) -> str:
        return f"RPJMD {self.pemda} {self.tahun_awal}–{self.tahun_akhir}"


class MisiRpjmd(models.Model):
    rpjmd = models.ForeignKey(Rpjmd, on_delete=models.CASCADE, related_name="misi")
    nomor = models.PositiveSmallIntegerField()
    teks = models.TextField()

    class Meta:
        verbose_name = "misi RPJMD"
        verbose_name_plural = "misi RPJMD"
        ordering = ["rpjmd", "nomor"]

    def __str__(self) -> str:
        return f"Misi {self.nomor}: {self.teks[:80]}"


class Renstra(models.Model):
    OPD_PATH = "opd"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draf"
        BERLAKU = "berlaku", "Berlaku"
        DIGANTIKAN = "digantikan", "Digantikan versi baru"

    opd = models.ForeignKey(Opd, on_delete=models.PROTECT, related_name="renstra")
    tahun_awal = models.PositiveSmallIntegerField("tahun awal periode", validators=TAHUN_VALIDATORS)
    tahun_akhir = models.PositiveSmallIntegerField(
        "tahun akhir periode", validators=TAHUN_VALIDATORS
    )
    tahun_kondisi_awal = models.PositiveSmallIntegerField(
        "tahun kondisi awal",
        validators=TAHUN_VALIDATORS,
        help_text="Tahun data capaian awal (baseline); target tahunan dimulai sesudahnya.",
    )
    versi = models.PositiveSmallIntegerField(default=0, help_text="0 = Renstra awal")
    sebelumnya = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="penggantinya"
    )
    alasan_perubahan = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    nomor_penetapan = models.CharField(max_length=200, blank=True)
    tanggal_penetapan = models.DateField(null=True, blank=True)
    visi = models.TextField(blank=True, help_text="Kosongkan bila mendukung visi RPJMD.")
    rpjmd = models.ForeignKey(
        Rpjmd, on_delete=models.PROTECT, null=True, blank=True, related_name="renstra",
        verbose_name="RPJMD yang didukung",
    )
    dibuat = models.DateTimeField(auto_now_add=True)

    objects = OpdScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Renstra"
        verbose_name_plural = "Renstra"
        ordering = ["opd", "-tahun_awal", "-versi"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "tahun_awal", "tahun_akhir", "versi"], name="renstra_versi_unik"
            ),
            models.CheckConstraint(
                condition=Q(tahun_akhir__gte=models.F("tahun_awal")), name="renstra_periode_urut"
            ),
        ]

    def __str__(self) -> str:
        return f"Renstra {self.opd} {self.periode} ({self.nama_versi})"

    @property
    def periode(self) -> str:
        return f"{self.tahun_awal}–{self.tahun_akhir}"

    @property
    def nama_versi(self) -> str:
        return "Renstra awal" if self.versi == 0 else f"Perubahan {self.versi}"

    @property
    def tahun_target(self) -> list[int]:
        """Years that carry targets: after the baseline year up to the period's end."""
        return list(range(self.tahun_kondisi_awal + 1, self.tahun_akhir + 1))

    @property
    def dapat_diubah(self) -> bool:
        return self.status != self.Status.DIGANTIKAN

    def clean(self) -> None:
        errors = {}
        if self.tahun_awal and self.tahun_akhir:
            if self.tahun_akhir < self.tahun_awal:
                errors["tahun_akhir"] = "Tahun akhir tidak boleh sebelum tahun awal."
            elif self.tahun_akhir - self.tahun_awal > 6:
                errors["tahun_akhir"] = "Periode Renstra paling lama 7 tahun."
            if self.tahun_kondisi_awal and not (
                self.tahun_awal - 1 <= self.tahun_kondisi_awal < self.tahun_akhir
            ):
                errors["tahun_kondisi_awal"] = (
                    f"Tahun kondisi awal harus antara {self.tahun_awal - 1} dan "
                    f"{self.tahun_akhir - 1}."
                )
        if not errors and self.pk:
            # Changing the baseline year must not strand targets outside the target years.
            luar = sorted(set(
                TargetRenstra.objects.filter(indikator__renstra=self)
                .exclude(tahun__in=self.tahun_target).values_list("tahun", flat=True)
            ))
            if luar:
                daftar = ", ".join(str(t) for t in luar)
                errors["tahun_kondisi_awal"] = (
                    f"Masih ada target tahun {daftar} yang berada di luar tahun target "
                    f"({self.tahun_kondisi_awal + 1}–{self.tahun_akhir}). Pindahkan atau "
                    "kosongkan target tersebut terlebih dahulu."
                )
        if errors:
            raise ValidationError(errors)


class Misi(models.Model):
    OPD_PATH = "renstra__opd"

    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="misi")
    nomor = models.PositiveSmallIntegerField()
    teks = models.TextField(blank=True, help_text="Kosongkan bila sama dengan misi RPJMD.")
    misi_rpjmd = models.ForeignKey(
        MisiRpjmd, on_delete=models.PROTECT, null=True, blank=True, related_name="misi_opd",
        verbose_name="misi RPJMD yang didukung",
    )
    asal = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+")

    objects = OpdScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "misi"
        verbose_name_plural = "misi"
        ordering = ["renstra", "nomor"]

    def __str__(self) -> str:
        return f"Misi {self.nomor}: {self.teks_tampil[:80]}"

    @property
    def teks_tampil(self) -> str:
        return self.teks or (self.misi_rpjmd.teks if self.misi_rpjmd_id else "")  # type: ignore[union-attr]

    def clean(self) -> None:
        if not self.teks and not self.misi_rpjmd_id:
            raise ValidationError("Isi teks misi atau pilih misi RPJMD yang didukung.")


class Node(models.Model):
    """Fields shared by every level of the tree."""

    urutan = models.PositiveSmallIntegerField(default=0)
    nama = models.TextField()
    asal = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+")

    objects = OpdScopedQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["urutan", "pk"]

    def __str__(self) -> str:
        return self.nama


class Tujuan(Node):
    OPD_PATH = "renstra__opd"
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="tujuan")
    misi = models.ForeignKey(Misi, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="tujuan")
    history = HistoricalRecords()

    class Meta(Node.Meta):
        verbose_name = "tujuan"
        verbose_name_plural = "tujuan"


class Sasaran(Node):
    OPD_PATH = "tujuan__renstra__opd"
    tujuan = models.ForeignKey(Tujuan, on_delete=models.CASCADE, related_name="sasaran")
    strategi = models.TextField(blank=True)
    arah_kebijakan = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta(Node.Meta):
        verbose_name = "sasaran"
        verbose_name_plural = "sasaran"


kode_program_validator = RegexValidator(
    r"^(\d|[A-Z])\.\d{2}\.\d{2}$|^[IVXLC]+$",
    "Kode program harus berpola U.BB.PP (mis. 2.17.03) atau angka Romawi (data lama).",
)
kode_kegiatan_validator = RegexValidator(
    r"^(\d|[A-Z])\.\d{2}\.\d{2}\.\d\.\d{2}$|^\d{1,3}$",
    "Kode kegiatan harus berpola U.BB.PP.K.KK (mis. 2.17.03.2.01) atau nomor urut (data lama).",
)
kode_sub_validator = RegexValidator(
    r"^(\d|[A-Z])\.\d{2}\.\d{2}\.\d\.\d{2}\.(\d{4}|\d{2})$",
    "Kode sub kegiatan harus berpola U.BB.PP.K.KK.SSSS (mis. 2.17.03.2.01.0001).",
)


class KodeNode(Node):
    """A level with a Permendagri 90/2019 code, unique per level within one Renstra version.

    Checked in `clean()` so that every writer (forms, services, imports) hears about it.
    """

    RENSTRA_PATH = ""  # from the node up to its Renstra, e.g. "sasaran__tujuan__renstra"

    class Meta(Node.Meta):
        abstract = True

    def renstra_id_induk(self) -> int | None:
        *naik, _ = self.RENSTRA_PATH.split("__")
        o: object = self
        for attr in naik:
            if getattr(o, f"{attr}_id") is None:
                return None
            o = getattr(o, attr)
        return o.renstra_id  # type: ignore[attr-defined]

    def clean(self) -> None:
        super().clean()
        renstra_id = self.renstra_id_induk()
        kode = getattr(self, "kode", "")
        if not kode or renstra_id is None:
            return
        # Each level declares its own `kode` (the widths differ), hence the ignore.
        kembar = type(self).objects.filter(  # type: ignore[misc]
            kode=kode, **{self.RENSTRA_PATH: renstra_id})
        if kembar.exclude(pk=self.pk).exists():
            raise ValidationError({"kode": (
                f"Kode {kode} sudah dipakai {self._meta.verbose_name} lain di Renstra ini."
            )})


class Program(KodeNode):
    OPD_PATH = "sasaran__tujuan__renstra__opd"
    RENSTRA_PATH = "sasaran__tujuan__renstra"
    sasaran = models.ForeignKey(Sasaran, on_delete=models.CASCADE, related_name="program")
    # Codes are text: "2.17.03" must never become a number.
    kode = models.CharField(max_length=20, validators=[kode_program_validator])
    history = HistoricalRecords()

    class Meta(Node.Meta):
        verbose_name = "program"
        verbose_name_plural = "program"


class Kegiatan(KodeNode):
    OPD_PATH = "program__sasaran__tujuan__renstra__opd"
    RENSTRA_PATH = "program__sasaran__tujuan__renstra"
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="kegiatan")
    kode = models.CharField(max_length=20, validators=[kode_kegiatan_validator])
    tahun_mulai = models.PositiveSmallIntegerField(null=True, blank=True,
                                                   validators=TAHUN_VALIDATORS)
    tahun_selesai = models.PositiveSmallIntegerField(null=True, blank=True,
                                                     validators=TAHUN_VALIDATORS)
    history = HistoricalRecords()

    class Meta(Node.Meta):
        verbose_name = "kegiatan"
        verbose_name_plural = "kegiatan"


class SubKegiatan(KodeNode):
    OPD_PATH = "kegiatan__program__sasaran__tujuan__renstra__opd"
    RENSTRA_PATH = "kegiatan__program__sasaran__tujuan__renstra"
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.CASCADE, related_name="sub_kegiatan")
    kode = models.CharField(max_length=24, validators=[kode_sub_validator])
    tahun_mulai = models.PositiveSmallIntegerField(null=True, blank=True,
                                                   validators=TAHUN_VALIDATORS)
    tahun_selesai = models.PositiveSmallIntegerField(null=True, blank=True,
                                                     validators=TAHUN_VALIDATORS)
    history = HistoricalRecords()

    class Meta(Node.Meta):
        verbose_name = "sub kegiatan"
        verbose_name_plural = "sub kegiatan"


class Level(models.TextChoices):
    TUJUAN = "tujuan", "Tujuan"
    SASARAN = "sasaran", "Sasaran"
    PROGRAM = "program", "Program"
    KEGIATAN = "kegiatan", "Kegiatan"
    SUB_KEGIATAN = "sub_kegiatan", "Sub kegiatan"


class Indikator(models.Model):
    """An indicator of one node; `renstra` is kept on the row so a whole tree loads in one query."""

    OPD_PATH = "renstra__opd"

    class Jenis(models.TextChoices):
        MASUKAN = "masukan", "Masukan (input)"
        KELUARAN = "keluaran", "Keluaran (output)"
        HASIL = "hasil", "Hasil (outcome)"
        DAMPAK = "dampak", "Dampak (impact)"

    class Polaritas(models.TextChoices):
        NAIK = "naik", "Naik (makin tinggi makin baik)"
        TURUN = "turun", "Turun (makin rendah makin baik)"
        RENTANG = "rentang", "Rentang (target berupa rentang)"
        STABIL = "stabil", "Stabil (makin dekat target makin baik)"

    class CaraAgregasi(models.TextChoices):
        KUMULATIF = "kumulatif", "Kumulatif (jumlah triwulan)"
        AKHIR = "akhir", "Akhir (nilai triwulan terakhir / s.d. triwulan)"
        RATA_RATA = "rata_rata", "Rata-rata triwulan"
        MAKS = "maks", "Nilai tertinggi triwulan"

    class JenisTarget(models.TextChoices):
        ANGKA = "angka", "Angka"
        RENTANG = "rentang", "Rentang (min–maks)"
        KUALITATIF = "kualitatif", "Kualitatif (skala ordinal)"

    class JenisRumus(models.TextChoices):
        LANGSUNG = "langsung", "Nilai langsung"
        RASIO = "rasio", "Rasio (pembilang / penyebut × 100)"
        PERTUMBUHAN = "pertumbuhan", "Pertumbuhan ((Xₙ − Xₙ₋₁) / Xₙ₋₁ × 100)"
        PROGRES = "progres", "Progres terhadap target akhir"

    class AturanKondisiAkhir(models.TextChoices):
        MASUKAN = "masukan", "Diisi langsung"
        JUMLAH = "jumlah", "Jumlah target tahunan (untuk hitungan per tahun)"
        TERAKHIR = "terakhir", "Target tahun terakhir (untuk tingkat / persentase)"

    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="indikator")
    level = models.CharField(max_length=14, choices=Level.choices)
    tujuan = models.ForeignKey(Tujuan, on_delete=models.CASCADE, null=True, blank=True,
                               related_name="indikator")
    sasaran = models.ForeignKey(Sasaran, on_delete=models.CASCADE, null=True, blank=True,
                                related_name="indikator")
    program = models.ForeignKey(Program, on_delete=models.CASCADE, null=True, blank=True,
                                related_name="indikator")
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="indikator")
    sub_kegiatan = models.ForeignKey(SubKegiatan, on_delete=models.CASCADE, null=True,
                                     blank=True, related_name="indikator")
    urutan = models.PositiveSmallIntegerField(default=0)
    nama = models.TextField()
    satuan = models.CharField(max_length=60)
    jenis = models.CharField(max_length=10, choices=Jenis.choices, default=Jenis.KELUARAN)
    polaritas = models.CharField(max_length=10, choices=Polaritas.choices,
                                 default=Polaritas.NAIK)
    arah_rentang = models.CharField(
        "arah di luar rentang", max_length=10, blank=True,
        choices=[("naik", "Naik"), ("turun", "Turun")],
        help_text="Untuk polaritas rentang: arah rumus bila realisasi di luar rentang.",
    )
    cara_agregasi = models.CharField("cara agregasi triwulan", max_length=10,
                                     choices=CaraAgregasi.choices, default=CaraAgregasi.KUMULATIF)
    desimal = models.PositiveSmallIntegerField(default=2, validators=[MaxValueValidator(4)])
    jenis_target = models.CharField(max_length=10, choices=JenisTarget.choices,
                                    default=JenisTarget.ANGKA)
    skala_kualitatif = models.JSONField(
        default=list, blank=True,
        help_text='Urutan label dari terendah ke tertinggi, mis. ["TMP","TW","WDP","WTP"].',
    )
    is_iku = models.BooleanField("IKU", default=False)
    # Manual IKU
    definisi = models.TextField(blank=True)
    jenis_rumus = models.CharField(max_length=12, choices=JenisRumus.choices,
                                   default=JenisRumus.LANGSUNG)
    rumus = models.TextField("rumus (teks)", blank=True)
    pembilang = models.CharField(max_length=300, blank=True)
    penyebut = models.CharField(max_length=300, blank=True)
    sumber_data = models.CharField(max_length=300, blank=True)
    frekuensi = models.CharField(max_length=60, blank=True, default="Triwulanan")
    unit_penanggung_jawab = models.ForeignKey(
        UnitKerja, on_delete=models.SET_NULL, null=True, blank=True, related_name="indikator"
    )
    penanggung_jawab = models.CharField(
        max_length=200, blank=True, help_text="Teks bebas bila unit kerja tidak terdaftar."
    )
    lokasi = models.CharField(max_length=200, blank=True)
    # Baseline and end target
    kondisi_awal = models.DecimalField(**NILAI, null=True, blank=True)
    kondisi_awal_teks = models.CharField(max_length=60, blank=True,
                                         help_text="Untuk target kualitatif.")
    kondisi_awal_pagu = models.DecimalField("pagu tahun kondisi awal", **UANG,
                                            null=True, blank=True)
    aturan_kondisi_akhir = models.CharField(max_length=10, choices=AturanKondisiAkhir.choices,
                                            default=AturanKondisiAkhir.TERAKHIR)
    kondisi_akhir = models.DecimalField(**NILAI, null=True, blank=True,
                                        help_text="Diisi bila aturan 'Diisi langsung'.")
    kondisi_akhir_teks = models.CharField(max_length=60, blank=True)
    tahun_mulai = models.PositiveSmallIntegerField(null=True, blank=True,
                                                   validators=TAHUN_VALIDATORS)
    tahun_selesai = models.PositiveSmallIntegerField(null=True, blank=True,
                                                     validators=TAHUN_VALIDATORS)
    menggantikan = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="pengganti",
        help_text="Indikator lama yang diganti (mis. satuan baru mulai 2018).",
    )
    asal = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+")

    objects = OpdScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "indikator"
        verbose_name_plural = "indikator"
        ordering = ["urutan", "pk"]
        constraints = [
            models.CheckConstraint(
                name="indikator_satu_induk",
                condition=(
                    Q(level="tujuan", tujuan__isnull=False, sasaran__isnull=True,
                      program__isnull=True, kegiatan__isnull=True, sub_kegiatan__isnull=True)
                    | Q(level="sasaran", tujuan__isnull=True, sasaran__isnull=False,
                        program__isnull=True, kegiatan__isnull=True, sub_kegiatan__isnull=True)
                    | Q(level="program", tujuan__isnull=True, sasaran__isnull=True,
                        program__isnull=False, kegiatan__isnull=True, sub_kegiatan__isnull=True)
                    | Q(level="kegiatan", tujuan__isnull=True, sasaran__isnull=True,
                        program__isnull=True, kegiatan__isnull=False, sub_kegiatan__isnull=True)
                    | Q(level="sub_kegiatan", tujuan__isnull=True, sasaran__isnull=True,
                        program__isnull=True, kegiatan__isnull=True, sub_kegiatan__isnull=False)
                ),
            ),
            models.CheckConstraint(name="indikator_desimal_0_4", condition=Q(desimal__lte=4)),
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def induk(self) -> models.Model:
        return getattr(self, self.level)

    def berlaku_pada(self, tahun: int) -> bool:
        return (self.tahun_mulai is None or tahun >= self.tahun_mulai) and (
            self.tahun_selesai is None or tahun <= self.tahun_selesai
        )


class TargetRenstra(models.Model):
    OPD_PATH = "indikator__renstra__opd"

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="target")
    tahun = models.PositiveSmallIntegerField(validators=TAHUN_VALIDATORS)
    nilai = models.DecimalField(**NILAI, null=True, blank=True)
    nilai_atas = models.DecimalField("batas atas", **NILAI, null=True, blank=True)
    nilai_teks = models.CharField("nilai kualitatif", max_length=60, blank=True)
    pagu = models.DecimalField("pagu indikatif (Rp)", **UANG, null=True, blank=True)
    sumber_dana = models.CharField(max_length=100, blank=True)

    objects = OpdScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "target Renstra"
        verbose_name_plural = "target Renstra"
        ordering = ["indikator", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun"], name="target_renstra_unik"),
            models.CheckConstraint(
                name="target_rentang_urut",
                condition=Q(nilai_atas__isnull=True) | Q(nilai__isnull=True)
                | Q(nilai_atas__gte=models.F("nilai")),
            ),
            models.CheckConstraint(
                name="target_pagu_tidak_negatif",
                condition=Q(pagu__isnull=True) | Q(pagu__gte=Decimal("0")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indikator} {self.tahun}"
