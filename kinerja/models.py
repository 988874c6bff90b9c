"""Annual performance: Perjanjian Kinerja (with versions), quarterly realisations, analyses.

Capaian is never stored: it is computed by `kinerja.capaian` from targets and
realisations whenever it is shown, so a corrected realisation corrects every page.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from simple_history.models import HistoricalRecords

from renstra.models import Indikator, Program, Renstra
from sakip.formatting import format_angka
from sakip.models import NILAI, TAHUN_VALIDATORS, UANG, Opd, OpdScopedQuerySet, Pemda, nip_validator

from . import capaian

TRIWULAN = [(1, "TW I"), (2, "TW II"), (3, "TW III"), (4, "TW IV")]
TRIWULAN_VALIDATORS = [MinValueValidator(1), MaxValueValidator(4)]
BUKTI_MAKS_BYTE = 5 * 1024 * 1024
BUKTI_EKSTENSI = ["pdf", "jpg", "jpeg", "png", "xlsx"]
# Units whose values can legitimately fall below zero (a growth rate, a change in points).
SATUAN_BOLEH_NEGATIF = {"poin", "pp", "persen poin"}


def boleh_negatif(ind: Indikator) -> bool:
    return (ind.jenis_rumus == Indikator.JenisRumus.PERTUMBUHAN
            or ind.satuan.strip().lower() in SATUAN_BOLEH_NEGATIF)


def skala_ordinal(ind: Indikator) -> capaian.SkalaOrdinal | None:
    """The indicator's qualitative scale (lowest first) as numbers 1..n, or None."""
    if ind.jenis_target != Indikator.JenisTarget.KUALITATIF or not ind.skala_kualitatif:
        return None
    return capaian.SkalaOrdinal(
        {label: i for i, label in enumerate(ind.skala_kualitatif, start=1)}, nama=ind.nama[:40]
    )


def tahun_realisasi(renstra: Renstra) -> range:
    """Years a realisation may be entered for: the baseline year up to the period's end."""
    return range(renstra.tahun_kondisi_awal, renstra.tahun_akhir + 1)


class SkalaKategori(models.Model):
    """A pemda's own category scale for capaian; without one, Permendagri 86/2017 applies.

    One row holds the whole scale because it can only be validated as a whole
    (`capaian.validasi_skala`: ordered, no gaps at the bottom, unique labels).
    """

    pemda = models.OneToOneField(Pemda, on_delete=models.CASCADE, related_name="skala_kategori")
    # [["91", "Sangat Tinggi"], …]: bounds as text so they stay exact decimals in JSON.
    kelas = models.JSONField(default=list)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "skala kategori capaian"
        verbose_name_plural = "skala kategori capaian"

    def __str__(self) -> str:
        return f"Skala kategori {self.pemda}"

    def daftar(self) -> list[tuple[Decimal, str]]:
        return [(Decimal(str(b)), str(label)) for b, label in self.kelas]

    def clean(self) -> None:
        # Errors of the scale as a whole, not of one field: forms show them on top.
        try:
            daftar = self.daftar()
        except (TypeError, ValueError, ArithmeticError) as exc:
            raise ValidationError("Setiap kelas berupa pasangan batas bawah dan label.") from exc
        masalah = capaian.validasi_skala(daftar)
        if masalah:
            raise ValidationError([m[0].upper() + m[1:] + "." for m in masalah])


class StatusPk(models.TextChoices):
    DRAFT = "draft", "Draf"
    DIAJUKAN = "diajukan", "Diajukan"
    DIKEMBALIKAN = "dikembalikan", "Dikembalikan"
    DISETUJUI = "disetujui", "Disetujui"


class PerjanjianKinerja(ConcurrentTransitionMixin, models.Model):
    """The annual agreement of an office for one Renstra period.

    A transition year has one PK per Renstra period. `versi` 0 is the PK awal, N the
    N-th PK perubahan; each version is its own row so earlier ones stay readable.
    """

    OPD_PATH = "opd"

    opd = models.ForeignKey(Opd, on_delete=models.PROTECT, related_name="perjanjian_kinerja")
    renstra = models.ForeignKey(Renstra, on_delete=models.PROTECT,
                                related_name="perjanjian_kinerja")
    tahun = models.PositiveSmallIntegerField(validators=TAHUN_VALIDATORS)
    versi = models.PositiveSmallIntegerField(default=0, help_text="0 = PK awal")
    sebelumnya = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="penggantinya")
    alasan_perubahan = models.TextField(blank=True)
    tanggal = models.DateField("tanggal penandatanganan", null=True, blank=True)
    tempat = models.CharField(max_length=100, blank=True)
    # protected: the status only moves through the transitions below (services save).
    status = FSMField(max_length=12, choices=StatusPk.choices, default=StatusPk.DRAFT,
                      protected=True)
    # Signatories are copied per document: the head who signed in January may be gone
    # by the time the LKjIP is signed.
    pihak_pertama_nama = models.CharField("nama pihak pertama", max_length=200, blank=True)
    pihak_pertama_jabatan = models.CharField("jabatan pihak pertama", max_length=200, blank=True)
    pihak_pertama_pangkat = models.CharField("pangkat pihak pertama", max_length=100, blank=True)
    pihak_pertama_nip = models.CharField("NIP pihak pertama", max_length=21, blank=True,
                                         validators=[nip_validator])
    pihak_kedua_nama = models.CharField("nama pihak kedua", max_length=200, blank=True)
    pihak_kedua_jabatan = models.CharField("jabatan pihak kedua", max_length=200, blank=True)
    pihak_kedua_pangkat = models.CharField("pangkat pihak kedua", max_length=100, blank=True)
    pihak_kedua_nip = models.CharField("NIP pihak kedua", max_length=21, blank=True,
                                       validators=[nip_validator])
    klausul_komitmen = models.TextField(blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)

    objects = OpdScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Perjanjian Kinerja"
        verbose_name_plural = "Perjanjian Kinerja"
        ordering = ["opd", "-tahun", "renstra__tahun_awal", "-versi"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "renstra", "tahun", "versi"],
                                    name="pk_versi_unik"),
        ]

    def __str__(self) -> str:
        return f"PK {self.tahun} {self.opd} ({self.nama_versi})"

    @property
    def nama_versi(self) -> str:
        return "PK awal" if self.versi == 0 else f"PK perubahan {self.versi}"

    @property
    def dapat_diubah(self) -> bool:
        return self.status in (StatusPk.DRAFT, StatusPk.DIKEMBALIKAN) and not self.digantikan

    @property
    def digantikan(self) -> bool:
        try:
            self.penggantinya  # noqa: B018 — the reverse one-to-one raises when absent
        except PerjanjianKinerja.DoesNotExist:
            return False
        return True

    def clean_fields(self, exclude: Any = None) -> None:
        # clean_fields re-assigns every field, which the protected status refuses; the
        # status only ever comes from the transitions below.
        super().clean_fields(exclude={*(exclude or ()), "status"})

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.renstra_id and self.opd_id and self.renstra.opd_id != self.opd_id:
            errors["renstra"] = "Renstra ini milik perangkat daerah lain."
        if self.renstra_id and self.tahun and self.tahun not in self.renstra.tahun_target:
            r = self.renstra
            errors["tahun"] = (
                f"Tahun {self.tahun} di luar periode target Renstra {r.periode} "
                f"({r.tahun_target[0]}–{r.tahun_target[-1]})."
            )
        if self.versi and not self.alasan_perubahan.strip():
            errors["alasan_perubahan"] = "Alasan PK perubahan wajib diisi."
        if errors:
            raise ValidationError(errors)

    @transition(field=status, source=[StatusPk.DRAFT, StatusPk.DIKEMBALIKAN],
                target=StatusPk.DIAJUKAN)
    def ajukan(self) -> None:
        """Submitted for the head's approval."""

    @transition(field=status, source=StatusPk.DIAJUKAN, target=StatusPk.DISETUJUI)
    def setujui(self) -> None:
        """Approved (signed) by the head of office."""

    @transition(field=status, source=StatusPk.DIAJUKAN, target=StatusPk.DIKEMBALIKAN)
    def kembalikan(self) -> None:
        """Returned to the planners with a note."""


class PeristiwaPk(models.Model):
    """One status change of a PK: who, when, from → to, and the note."""

    OPD_PATH = "perjanjian__opd"

    perjanjian = models.ForeignKey(PerjanjianKinerja, on_delete=models.CASCADE,
                                   related_name="peristiwa", verbose_name="PK")
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="+")
    pada = models.DateTimeField(auto_now_add=True)
    dari = models.CharField(max_length=12, choices=StatusPk.choices)
    ke = models.CharField(max_length=12, choices=StatusPk.choices)
    catatan = models.TextField(blank=True)

    objects = OpdScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "peristiwa PK"
        verbose_name_plural = "peristiwa PK"
        ordering = ["pada", "pk"]

    def __str__(self) -> str:
        return f"{self.get_dari_display()} → {self.get_ke_display()}"


class BarisPk(models.Model):
    """One indicator of a PK with the year's target (from the Renstra unless a reason is given)."""

    OPD_PATH = "perjanjian__opd"

    perjanjian = models.ForeignKey(PerjanjianKinerja, on_delete=models.CASCADE,
                                   related_name="baris", verbose_name="PK")
    indikator = models.ForeignKey(Indikator, on_delete=models.PROTECT, related_name="baris_pk")
    urutan = models.PositiveSmallIntegerField(default=0)
    target = models.DecimalField(**NILAI, null=True, blank=True)
    target_atas = models.DecimalField("batas atas target", **NILAI, null=True, blank=True)
    target_teks = models.CharField("target kualitatif", max_length=60, blank=True)
    alasan_target = models.TextField(
        "alasan target berbeda dari Renstra", blank=True,
        help_text="Wajib bila target PK tidak sama dengan target Renstra tahun itu.",
    )

    objects = OpdScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "baris PK"
        verbose_name_plural = "baris PK"
        ordering = ["perjanjian", "urutan", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["perjanjian", "indikator"], name="baris_pk_unik"),
            models.CheckConstraint(
                name="baris_pk_rentang_urut",
                condition=Q(target_atas__isnull=True) | Q(target__isnull=True)
                | Q(target_atas__gte=models.F("target")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indikator} — {self.target_tampil}"

    @property
    def target_tampil(self) -> str:
        if self.target_teks:
            return self.target_teks
        if self.target_atas is not None:
            return f"{format_angka(self.target)}–{format_angka(self.target_atas)}"
        return format_angka(self.target)

    def target_renstra(self) -> tuple[Decimal | None, Decimal | None, str]:
        from renstra.models import TargetRenstra

        t = TargetRenstra.objects.filter(indikator_id=self.indikator_id,
                                         tahun=self.perjanjian.tahun).first()
        return (t.nilai, t.nilai_atas, t.nilai_teks) if t else (None, None, "")

    def clean(self) -> None:
        ind, pj = self.indikator, self.perjanjian
        errors: dict[str, str] = {}
        if ind.renstra_id != pj.renstra_id:
            errors["indikator"] = "Indikator ini bukan bagian dari Renstra PK ini."
        elif not ind.berlaku_pada(pj.tahun):
            errors["indikator"] = f"Indikator ini tidak berlaku pada tahun {pj.tahun}."
        errors.update(validasi_nilai_target(ind, self.target, self.target_atas, self.target_teks))
        if (self.target, self.target_atas, self.target_teks) != self.target_renstra() and (
            not self.alasan_target.strip()
        ):
            errors["alasan_target"] = (
                "Target berbeda dari target Renstra tahun ini: tuliskan alasannya."
            )
        if errors:
            raise ValidationError(errors)


def validasi_nilai_target(ind: Indikator, nilai: Decimal | None, atas: Decimal | None,
                          teks: str, *, prefix: str = "target") -> dict[str, str]:
    """Checks of one target value against the indicator's kind; shared by PK rows and TW."""
    errors: dict[str, str] = {}
    jenis = ind.jenis_target
    if jenis == Indikator.JenisTarget.KUALITATIF:
        if nilai is not None or atas is not None:
            errors[prefix] = "Indikator ini bertarget kualitatif: isi pilihan skala, bukan angka."
        elif teks and teks not in ind.skala_kualitatif:
            errors[f"{prefix}_teks"] = (
                f"'{teks}' tidak ada dalam skala ({', '.join(ind.skala_kualitatif)})."
            )
        return errors
    if teks:
        errors[f"{prefix}_teks"] = "Target kualitatif hanya untuk indikator berskala."
    if jenis == Indikator.JenisTarget.RENTANG:
        if (nilai is None) != (atas is None):
            errors[f"{prefix}_atas"] = "Isi batas bawah dan batas atas."
        elif nilai is not None and atas is not None and nilai > atas:
            errors[f"{prefix}_atas"] = "Batas atas tidak boleh lebih kecil dari batas bawah."
    elif atas is not None:
        errors[f"{prefix}_atas"] = "Batas atas hanya untuk target rentang."
    if not boleh_negatif(ind):
        for f, v in ((prefix, nilai), (f"{prefix}_atas", atas)):
            if v is not None and v < 0:
                errors[f] = f"Satuan {ind.satuan} tidak boleh bernilai negatif."
    return errors


class TargetTriwulan(models.Model):
    """Rencana aksi: the target of one quarter for one PK row."""

    OPD_PATH = "baris__perjanjian__opd"

    baris = models.ForeignKey(BarisPk, on_delete=models.CASCADE, related_name="triwulan")
    triwulan = models.PositiveSmallIntegerField(choices=TRIWULAN, validators=TRIWULAN_VALIDATORS)
    nilai = models.DecimalField(**NILAI, null=True, blank=True)
    nilai_teks = models.CharField(max_length=60, blank=True)

    objects = OpdScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "target triwulan"
        verbose_name_plural = "target triwulan"
        ordering = ["baris", "triwulan"]
        constraints = [
            models.UniqueConstraint(fields=["baris", "triwulan"], name="target_tw_unik"),
            models.CheckConstraint(name="target_tw_1_4",
                                   condition=Q(triwulan__gte=1, triwulan__lte=4)),
        ]

    def __str__(self) -> str:
        return f"{self.get_triwulan_display()}: {self.nilai_teks or format_angka(self.nilai)}"

    def clean(self) -> None:
        errors = validasi_nilai_target(self.baris.indikator, self.nilai, None, self.nilai_teks,
                                       prefix="nilai")
        if errors:
            raise ValidationError(errors)


class ProgramPk(models.Model):
    """A row of the PK's program table: the programme and its budget for the year."""

    OPD_PATH = "perjanjian__opd"

    perjanjian = models.ForeignKey(PerjanjianKinerja, on_delete=models.CASCADE,
                                   related_name="program", verbose_name="PK")
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="program_pk")
    urutan = models.PositiveSmallIntegerField(default=0)
    anggaran = models.DecimalField("anggaran (Rp)", **UANG)
    keterangan = models.CharField(max_length=200, blank=True, help_text="mis. sumber dana APBD/DAK")

    objects = OpdScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "program PK"
        verbose_name_plural = "program PK"
        ordering = ["perjanjian", "urutan", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["perjanjian", "program"], name="program_pk_unik"),
            models.CheckConstraint(name="program_pk_anggaran_tidak_negatif",
                                   condition=Q(anggaran__gte=Decimal("0"))),
        ]

    def __str__(self) -> str:
        return f"{self.program} — {self.anggaran}"

    def clean(self) -> None:
        if self.program_id and self.perjanjian_id and (
            self.program.sasaran.tujuan.renstra_id != self.perjanjian.renstra_id
        ):
            raise ValidationError({"program": "Program ini bukan bagian dari Renstra PK ini."})


def _ukuran_bukti(f: Any) -> None:
    if f.size > BUKTI_MAKS_BYTE:
        raise ValidationError(
            f"Berkas bukti paling besar 5 MB (berkas ini {f.size / 1024 / 1024:.1f} MB)."
        )


def _path_bukti(instance: Realisasi, filename: str) -> str:
    # Office/year in the path keeps files findable; the original name stays readable.
    return f"bukti/{instance.indikator.renstra.opd_id}/{instance.tahun}/{Path(filename).name}"


class Realisasi(models.Model):
    """What an indicator reached in one quarter: a value, or pembilang and penyebut.

    With pembilang/penyebut the value follows from the indicator's formula kind and is
    rounded to its `desimal` (how the published figures arise); `clean()` derives it.
    """

    OPD_PATH = "indikator__renstra__opd"

    indikator = models.ForeignKey(Indikator, on_delete=models.PROTECT, related_name="realisasi")
    tahun = models.PositiveSmallIntegerField(validators=TAHUN_VALIDATORS)
    triwulan = models.PositiveSmallIntegerField(choices=TRIWULAN, validators=TRIWULAN_VALIDATORS)
    nilai = models.DecimalField(**NILAI, null=True, blank=True)
    nilai_teks = models.CharField("nilai kualitatif", max_length=60, blank=True)
    pembilang = models.DecimalField(**NILAI, null=True, blank=True)
    penyebut = models.DecimalField(**NILAI, null=True, blank=True)
    bukti_catatan = models.TextField("catatan bukti dukung", blank=True)
    bukti_file = models.FileField(
        "berkas bukti dukung", upload_to=_path_bukti, blank=True, max_length=255,
        validators=[FileExtensionValidator(BUKTI_EKSTENSI), _ukuran_bukti],
        help_text="PDF, JPG, PNG atau XLSX, paling besar 5 MB.",
    )
    diisi_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    diisi_pada = models.DateTimeField(auto_now=True)

    objects = OpdScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "realisasi"
        verbose_name_plural = "realisasi"
        ordering = ["indikator", "tahun", "triwulan"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun", "triwulan"],
                                    name="realisasi_unik"),
            models.CheckConstraint(name="realisasi_triwulan_1_4",
                                   condition=Q(triwulan__gte=1, triwulan__lte=4)),
            models.CheckConstraint(name="realisasi_penyebut_bukan_nol",
                                   condition=Q(penyebut__isnull=True) | ~Q(penyebut=0)),
            models.CheckConstraint(
                name="realisasi_pembilang_penyebut_berpasangan",
                condition=Q(pembilang__isnull=True, penyebut__isnull=True)
                | Q(pembilang__isnull=False, penyebut__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indikator} {self.tahun} TW {self.triwulan}"

    @property
    def dari_rumus(self) -> bool:
        return self.pembilang is not None

    def clean(self) -> None:
        ind = self.indikator
        validasi_periode(ind, self.tahun, self.triwulan)
        if ind.jenis_target == Indikator.JenisTarget.KUALITATIF:
            self._clean_kualitatif(ind)
        else:
            self._clean_angka(ind)

    def _clean_kualitatif(self, ind: Indikator) -> None:
        if self.nilai is not None or self.pembilang is not None or self.penyebut is not None:
            raise ValidationError({"nilai_teks": "Indikator ini kualitatif: pilih nilai dari "
                                                 f"skala ({', '.join(ind.skala_kualitatif)})."})
        if self.nilai_teks and self.nilai_teks not in ind.skala_kualitatif:
            raise ValidationError({"nilai_teks": f"'{self.nilai_teks}' tidak ada dalam skala "
                                                 f"({', '.join(ind.skala_kualitatif)})."})

    def _clean_angka(self, ind: Indikator) -> None:
        if self.nilai_teks:
            raise ValidationError(
                {"nilai_teks": "Nilai kualitatif hanya untuk indikator berskala."}
            )
        errors: dict[str, str] = {}
        if (self.pembilang is None) != (self.penyebut is None):
            kosong = "penyebut" if self.penyebut is None else "pembilang"
            errors[kosong] = "Isi pembilang dan penyebut, atau kosongkan keduanya."
        for f in ("pembilang", "penyebut"):
            v = getattr(self, f)
            if v is not None and v < 0:
                errors[f] = f"{f.capitalize()} tidak boleh negatif."
        if self.penyebut == 0:
            errors["penyebut"] = "Penyebut tidak boleh 0."
        if errors:
            raise ValidationError(errors)
        if self.pembilang is not None:
            self.nilai = nilai_dari_rumus(ind, self.pembilang, self.penyebut)
        if self.nilai is not None and self.nilai < 0 and not boleh_negatif(ind):
            raise ValidationError({"nilai": f"Satuan {ind.satuan} tidak boleh bernilai negatif."})


def validasi_periode(ind: Indikator, tahun: int, triwulan: int) -> None:
    """A realisation's quarter and year: 1–4, inside the Renstra period, indicator valid."""
    errors: dict[str, str] = {}
    if triwulan not in (1, 2, 3, 4):
        errors["triwulan"] = "Triwulan harus 1 sampai 4."
    rentang = tahun_realisasi(ind.renstra)
    if tahun not in rentang:
        errors["tahun"] = (
            f"Tahun {tahun} di luar periode Renstra {ind.renstra.periode} "
            f"(realisasi dapat diisi {rentang[0]}–{rentang[-1]})."
        )
    elif not ind.berlaku_pada(tahun):
        errors["tahun"] = f"Indikator ini tidak berlaku pada tahun {tahun}."
    if errors:
        raise ValidationError(errors)


def nilai_dari_rumus(ind: Indikator, pembilang: Decimal, penyebut: Decimal | None) -> Decimal:
    """The realisation from its two counts by the indicator's formula kind (manual IKU)."""
    jenis = ind.jenis_rumus
    try:
        if jenis == Indikator.JenisRumus.PERTUMBUHAN:
            hasil = capaian.realisasi_pertumbuhan(pembilang, penyebut, ind.desimal)
        elif jenis == Indikator.JenisRumus.PROGRES:
            arah = "turun" if ind.polaritas == Indikator.Polaritas.TURUN else "naik"
            hasil = capaian.realisasi_progres(pembilang, penyebut, ind.desimal, polaritas=arah)
        else:
            hasil = capaian.realisasi_rasio(pembilang, penyebut, ind.desimal)
    except ValueError as exc:
        raise ValidationError({"penyebut": f"{str(exc).capitalize()}."}) from exc
    assert hasil is not None  # both counts are present here
    return hasil


class AnalisisIndikator(models.Model):
    """Narrative of one indicator for one year, used by the LKjIP (Bab III A)."""

    OPD_PATH = "indikator__renstra__opd"

    indikator = models.ForeignKey(Indikator, on_delete=models.PROTECT, related_name="analisis")
    tahun = models.PositiveSmallIntegerField(validators=TAHUN_VALIDATORS)
    penyebab_keberhasilan = models.TextField("faktor penyebab keberhasilan", blank=True)
    penyebab_kegagalan = models.TextField("faktor penyebab kegagalan", blank=True)
    solusi = models.TextField("solusi / langkah perbaikan", blank=True)
    program_pendukung = models.TextField("program/kegiatan pendukung", blank=True)
    standar_nasional = models.DecimalField("standar nasional/provinsi", **NILAI,
                                           null=True, blank=True)
    standar_nasional_sumber = models.CharField("sumber standar", max_length=300, blank=True)
    diisi_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    diisi_pada = models.DateTimeField(auto_now=True)

    objects = OpdScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "analisis indikator"
        verbose_name_plural = "analisis indikator"
        ordering = ["indikator", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun"], name="analisis_unik"),
        ]

    def __str__(self) -> str:
        return f"Analisis {self.indikator} {self.tahun}"

    def clean(self) -> None:
        rentang = tahun_realisasi(self.indikator.renstra)
        if self.tahun not in rentang:
            raise ValidationError({"tahun": f"Tahun {self.tahun} di luar periode Renstra "
                                            f"({rentang[0]}–{rentang[-1]})."})
        if self.standar_nasional is not None and not self.standar_nasional_sumber.strip():
            raise ValidationError({"standar_nasional_sumber": "Sebutkan sumber standar nasional."})
