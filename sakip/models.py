"""Core of SAKIP: the pemda, its offices (OPD), who works where in which role."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

# Field options shared by every app. Typed as Any so that `**UANG` type-checks as keywords.
UANG: dict[str, Any] = {"max_digits": 18, "decimal_places": 2}
NILAI: dict[str, Any] = {"max_digits": 20, "decimal_places": 4}
TAHUN_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class Peran(models.TextChoices):
    PERENCANA = "perencana", "Perencana"
    KEPALA = "kepala", "Kepala Perangkat Daerah"
    INSPEKTORAT = "inspektorat", "Inspektorat (APIP)"
    ADMIN = "admin", "Administrator"


# Roles that may change an office's planning data; kepala approves, the rest only read.
PERAN_TULIS = (Peran.PERENCANA,)


class OpdScopedQuerySet(models.QuerySet):
    """One scope for every queryset a user sees: `Model.objects.for_user(user)`.

    Each model names the path from itself to its office in `OPD_PATH`
    ("" for `Opd` itself). Another office's object is simply not in the queryset,
    which makes fetch helpers answer 404.
    """

    def for_user(self, user: Any, *, write: bool = False) -> OpdScopedQuerySet:
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        path = self.model.OPD_PATH  # type: ignore[attr-defined]
        field = f"{path}__in" if path else "pk__in"
        return self.filter(**{field: opd_ids_for_user(user, write=write)})


def opd_ids_for_user(user: Any, *, write: bool = False) -> models.QuerySet:
    """Subquery of the office ids the user may read (or write)."""
    if write:
        return Keanggotaan.objects.filter(user=user, peran__in=PERAN_TULIS).values("opd_id")
    pemda_ids = AksesPemda.objects.filter(user=user).values("pemda_id")
    return Opd.objects.filter(
        Q(keanggotaan__user=user) | Q(pemda_id__in=pemda_ids)
    ).values("pk")


class Pemda(models.Model):
    class MetodeTurun(models.TextChoices):
        RESMI = "resmi", "(2T − R) / T × 100 (PermenPAN-RB)"
        RASIO = "rasio", "T / R × 100 (praktik pemda)"

    class CaraPembulatan(models.TextChoices):
        HALF_UP = "half_up", "Pembulatan ke atas dari 0,5 (101,486 → 101,49)"
        POTONG = "potong", "Pemotongan (101,486 → 101,48)"

    nama = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    ibukota = models.CharField(
        "tempat penandatanganan", max_length=100, help_text="mis. Malang (kota tanda tangan)"
    )
    logo = models.ImageField(upload_to="logo/", blank=True)
    metode_turun = models.CharField(
        "rumus capaian indikator turun", max_length=10,
        choices=MetodeTurun.choices, default=MetodeTurun.RESMI,
    )
    cara_pembulatan = models.CharField(
        "pembulatan tampilan", max_length=10,
        choices=CaraPembulatan.choices, default=CaraPembulatan.HALF_UP,
    )

    class Meta:
        verbose_name = "pemerintah daerah"
        verbose_name_plural = "pemerintah daerah"
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama


class Opd(models.Model):
    OPD_PATH = ""

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="opd")
    nama = models.CharField(max_length=200)
    singkatan = models.CharField(max_length=40, blank=True)
    slug = models.SlugField(max_length=60, unique=True)
    urusan = models.CharField(max_length=200, blank=True)
    alamat = models.TextField(blank=True)
    # Quarters and deadlines follow the office's clock (WIB/WITA/WIT).
    zona_waktu = models.CharField(max_length=40, default="Asia/Jakarta")

    objects = OpdScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "perangkat daerah"
        verbose_name_plural = "perangkat daerah"
        ordering = ["nama"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "nama"], name="opd_nama_unik_per_pemda")
        ]

    def __str__(self) -> str:
        return self.nama


class Keanggotaan(models.Model):
    """A user's role in one office (Healthchecks' Member)."""

    OPD_PATH = "opd"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="keanggotaan"
    )
    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="keanggotaan")
    peran = models.CharField(max_length=20, choices=Peran.choices)

    objects = OpdScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "keanggotaan"
        verbose_name_plural = "keanggotaan"
        constraints = [
            models.UniqueConstraint(fields=["user", "opd"], name="keanggotaan_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_peran_display()} {self.opd}"


class AksesPemda(models.Model):
    """Read access to every office of a pemda (inspectorate reviewers, Bappeda admins)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="akses_pemda"
    )
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="akses")
    peran = models.CharField(
        max_length=20,
        choices=[(Peran.INSPEKTORAT.value, Peran.INSPEKTORAT.label),
                 (Peran.ADMIN.value, Peran.ADMIN.label)],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "akses seluruh pemda"
        verbose_name_plural = "akses seluruh pemda"
        constraints = [
            models.UniqueConstraint(fields=["user", "pemda"], name="akses_pemda_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_peran_display()} {self.pemda}"


class UnitKerja(models.Model):
    """Bidang / seksi / subbagian of an office, responsible for indicators."""

    OPD_PATH = "opd"

    class Jenis(models.TextChoices):
        PIMPINAN = "pimpinan", "Pimpinan"
        SEKRETARIAT = "sekretariat", "Sekretariat"
        SUBBAGIAN = "subbagian", "Subbagian"
        BIDANG = "bidang", "Bidang"
        SEKSI = "seksi", "Seksi"
        UPT = "upt", "UPT"
        LAINNYA = "lainnya", "Lainnya"

    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="unit_kerja")
    induk = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="anak"
    )
    urutan = models.PositiveSmallIntegerField(default=0)
    nama = models.CharField(max_length=200)
    jenis = models.CharField(max_length=20, choices=Jenis.choices, default=Jenis.BIDANG)
    eselon = models.CharField(max_length=10, blank=True, help_text="mis. II.b, III.a, IV.a")
    tugas = models.TextField(blank=True)
    fungsi = models.TextField(blank=True)

    objects = OpdScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "unit kerja"
        verbose_name_plural = "unit kerja"
        ordering = ["opd", "urutan", "nama"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "nama"], name="unit_kerja_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.nama} ({self.eselon})" if self.eselon else self.nama


nip_validator = RegexValidator(
    r"^\d{8} ?\d{6} ?\d ?\d{3}$", "NIP terdiri dari 18 angka (boleh dipisah spasi)."
)


class Pejabat(models.Model):
    """A signatory as named on a document; documents keep their own copy of these fields."""

    OPD_PATH = "opd"

    opd = models.ForeignKey(
        Opd, on_delete=models.CASCADE, related_name="pejabat", null=True, blank=True
    )
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="pejabat")
    nama = models.CharField(max_length=200)
    jabatan = models.CharField(max_length=200)
    pangkat = models.CharField(max_length=100, blank=True)
    nip = models.CharField("NIP", max_length=21, blank=True, validators=[nip_validator])
    aktif = models.BooleanField(default=True)

    objects = OpdScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "pejabat penandatangan"
        verbose_name_plural = "pejabat penandatangan"
        ordering = ["nama"]

    def __str__(self) -> str:
        return f"{self.nama} — {self.jabatan}"


class KunciPeriodeQuerySet(OpdScopedQuerySet):
    def aktif(self) -> KunciPeriodeQuerySet:
        return self.filter(dibuka_pada__isnull=True)


class KunciPeriode(models.Model):
    """A closed year of an office: its PK targets, realisations and budget are frozen.

    Approving the LKjIP closes the year; only an administrator reopens it, with a reason.
    Rows are never deleted, so each lock keeps who reopened it, when and why.
    """

    OPD_PATH = "opd"

    opd = models.ForeignKey(Opd, on_delete=models.PROTECT, related_name="kunci_periode")
    tahun = models.PositiveSmallIntegerField(validators=TAHUN_VALIDATORS)
    sebab = models.CharField(max_length=300, help_text="mis. LKjIP 2019 versi 1 disetujui")
    dikunci_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+")
    dikunci_pada = models.DateTimeField()
    dibuka_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    dibuka_pada = models.DateTimeField(null=True, blank=True)
    alasan_buka = models.TextField("alasan membuka kunci", blank=True)

    objects = KunciPeriodeQuerySet.as_manager()

    class Meta:
        verbose_name = "kunci periode"
        verbose_name_plural = "kunci periode"
        ordering = ["opd", "-tahun", "-dikunci_pada"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun"],
                                    condition=Q(dibuka_pada__isnull=True),
                                    name="kunci_periode_satu_aktif"),
        ]

    def __str__(self) -> str:
        return f"Kunci {self.opd} {self.tahun}"


class JadwalPelaporan(models.Model):
    """A pemda's deadline for one kind of document of one year (e.g. LKjIP 2019 by
    29 February 2020). Without a row the statutory default of `sakip.kunci` applies."""

    class Jenis(models.TextChoices):
        LKJIP = "lkjip", "LKjIP"
        PK = "pk", "Perjanjian Kinerja"

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="jadwal")
    tahun = models.PositiveSmallIntegerField("tahun kinerja", validators=TAHUN_VALIDATORS)
    jenis = models.CharField(max_length=8, choices=Jenis.choices)
    batas = models.DateField("batas penyampaian")
    keterangan = models.CharField(max_length=200, blank=True,
                                  help_text="mis. dasar surat edaran kepala daerah")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "jadwal pelaporan"
        verbose_name_plural = "jadwal pelaporan"
        ordering = ["pemda", "-tahun", "jenis"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "tahun", "jenis"],
                                    name="jadwal_pelaporan_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.tahun}: {self.batas:%d-%m-%Y}"


# --- review comments, review statements, notifications ----------------------------------


class StatusCatatan(models.TextChoices):
    TERBUKA = "terbuka", "Terbuka"
    DIJAWAB = "dijawab", "Dijawab"
    DITUTUP = "ditutup", "Ditutup"


class CatatanReviu(models.Model):
    """An inspectorate reviewer's comment on a report, a sasaran or an indicator of an
    office for a year. It points at its object and never changes it; the office answers
    (`JawabanCatatan`), the reviewer closes it."""

    OPD_PATH = "opd"

    opd = models.ForeignKey(Opd, on_delete=models.PROTECT, related_name="catatan_reviu")
    tahun = models.PositiveSmallIntegerField(validators=TAHUN_VALIDATORS)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    objek = GenericForeignKey("content_type", "object_id")
    # The object as it was named when commented on: stays readable if it is renamed.
    objek_label = models.CharField("objek", max_length=300)
    teks = models.TextField("catatan")
    status = models.CharField(max_length=10, choices=StatusCatatan.choices,
                              default=StatusCatatan.TERBUKA)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="+")
    waktu = models.DateTimeField(default=timezone.now)

    objects = OpdScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "catatan reviu"
        verbose_name_plural = "catatan reviu"
        ordering = ["-waktu", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="catatan_objek_idx"),
            models.Index(fields=["opd", "tahun"], name="catatan_opd_tahun_idx"),
        ]

    def __str__(self) -> str:
        return f"Catatan reviu {self.objek_label}"


class JawabanCatatan(models.Model):
    """One message in a review comment's thread: the office's answer or the reviewer's reply."""

    OPD_PATH = "catatan__opd"

    catatan = models.ForeignKey(CatatanReviu, on_delete=models.CASCADE, related_name="jawaban")
    teks = models.TextField("jawaban")
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="+")
    waktu = models.DateTimeField(default=timezone.now)

    objects = OpdScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "jawaban catatan reviu"
        verbose_name_plural = "jawaban catatan reviu"
        ordering = ["waktu", "pk"]

    def __str__(self) -> str:
        return f"Jawaban atas {self.catatan}"


class PernyataanReviu(models.Model):
    """The signed "Pernyataan Telah Direviu" of a report: the PDF rendered once, its hash,
    and the reviewer's signature block as printed."""

    OPD_PATH = "opd"

    opd = models.ForeignKey(Opd, on_delete=models.PROTECT, related_name="pernyataan_reviu")
    tahun = models.PositiveSmallIntegerField(validators=TAHUN_VALIDATORS)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    objek = GenericForeignKey("content_type", "object_id")
    berkas = models.FileField(upload_to="reviu/%Y/", max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64)
    tempat = models.CharField(max_length=100)
    tanggal = models.DateField()
    penandatangan_nama = models.CharField("nama", max_length=200)
    penandatangan_jabatan = models.CharField("jabatan", max_length=200)
    penandatangan_pangkat = models.CharField("pangkat/golongan", max_length=100, blank=True)
    penandatangan_nip = models.CharField("NIP", max_length=21, blank=True,
                                         validators=[nip_validator])
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="+")
    waktu = models.DateTimeField(default=timezone.now)

    objects = OpdScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "pernyataan telah direviu"
        verbose_name_plural = "pernyataan telah direviu"
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"],
                                    name="pernyataan_reviu_unik"),
        ]

    def __str__(self) -> str:
        return f"Pernyataan telah direviu {self.opd} {self.tahun}"


class Notifikasi(models.Model):
    """An in-app message to one user (the bell in the navigation bar)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="notifikasi")
    judul = models.CharField(max_length=200)
    teks = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    dibaca = models.BooleanField(default=False)
    waktu = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "notifikasi"
        verbose_name_plural = "notifikasi"
        ordering = ["-waktu", "-pk"]
        indexes = [models.Index(fields=["user", "dibaca"], name="notifikasi_belum_dibaca_idx")]

    def __str__(self) -> str:
        return self.judul
