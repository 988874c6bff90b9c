"""The LKjIP of an office and year: what the staff write and enter; the rest comes from data.

`LaporanKinerja` holds the narrative sections, the signatory and the paper; SDM, asset and
award tables are entered rows (their totals are computed, never typed). `NarasiAnalisis`
keeps, per IKU and kind of analysis, the sentence generated from the data and the text the
staff edited: regeneration refreshes the generated text but never overwrites an edit.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django_fsm import ConcurrentTransitionMixin, FSMField, FSMModelMixin, transition
from simple_history.models import HistoricalRecords

from kinerja.models import PerjanjianKinerja
from renstra.models import Indikator, Kegiatan, Program
from sakip.models import Opd, OpdScopedQuerySet, nip_validator

from .pdf import KERTAS_PILIHAN

TAHUN_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]
GAMBAR_MAKS_BYTE = 5 * 1024 * 1024


class StatusLaporan(models.TextChoices):
    # The same states as the PK; the transitions of LaporanKinerja move between them.
    DRAFT = "draft", "Draf"
    DIAJUKAN = "diajukan", "Diajukan"
    DIKEMBALIKAN = "dikembalikan", "Dikembalikan"
    DISETUJUI = "disetujui", "Disetujui"


def _ukuran_gambar(f: object) -> None:
    if getattr(f, "size", 0) > GAMBAR_MAKS_BYTE:
        raise ValidationError("Gambar paling besar 5 MB.")


def _path_bagan(instance: LaporanKinerja, filename: str) -> str:
    return f"laporan/{instance.opd_id}/{instance.tahun}/bagan-{Path(filename).name}"


class LaporanKinerja(ConcurrentTransitionMixin, FSMModelMixin, models.Model):
    """The LKjIP of one office for one year.

    One row per office and year; each approval archives a signed PDF as a new version
    (`ArsipLaporan`), so `versi` counts the approvals: 0 until the first one.
    """

    OPD_PATH = "opd"

    # Narrative sections the staff write, in report order: (field, title) — used by the
    # edit forms, the HTML preview and the completeness list.
    BAGIAN_NARASI = [
        ("kata_pengantar", "Kata Pengantar"),
        ("ikhtisar", "Ikhtisar Eksekutif"),
        ("hambatan", "Hambatan dan kendala"),
        ("upaya", "Upaya mengatasi hambatan"),
        ("latar_belakang", "Latar Belakang"),
        ("maksud_tujuan", "Maksud dan Tujuan"),
        ("tugas_fungsi", "Tugas Pokok dan Fungsi"),
        ("struktur_organisasi", "Struktur Organisasi"),
        ("sdm_uraian", "Sumber Daya Manusia"),
        ("sarana_prasarana", "Sarana dan Prasarana"),
        ("isu_strategis", "Isu Strategis"),
        ("kebijakan", "Kebijakan (Bab II)"),
        ("capaian_umum", "Gambaran Umum Capaian Kinerja"),
        ("penutup", "Penutup"),
    ]

    opd = models.ForeignKey(Opd, on_delete=models.PROTECT, related_name="laporan_kinerja")
    tahun = models.PositiveSmallIntegerField(validators=TAHUN_VALIDATORS)
    versi = models.PositiveSmallIntegerField(default=0)
    # protected: the status only moves through the transitions below (services save).
    status = FSMField(max_length=12, choices=StatusLaporan.choices, default=StatusLaporan.DRAFT,
                      protected=True)
    kertas = models.CharField("ukuran kertas", max_length=2, choices=KERTAS_PILIHAN,
                              default="A4")
    tempat = models.CharField("tempat penandatanganan", max_length=100, blank=True)
    tanggal = models.DateField("tanggal penandatanganan", null=True, blank=True)
    # The signatory is copied per document: the head may change before the next report.
    penandatangan_nama = models.CharField("nama penandatangan", max_length=200, blank=True)
    penandatangan_jabatan = models.CharField("jabatan penandatangan", max_length=200,
                                             blank=True)
    penandatangan_pangkat = models.CharField("pangkat/golongan penandatangan", max_length=100,
                                             blank=True)
    penandatangan_nip = models.CharField("NIP penandatangan", max_length=21, blank=True,
                                         validators=[nip_validator])

    kata_pengantar = models.TextField(blank=True)
    ikhtisar = models.TextField(
        "ikhtisar eksekutif", blank=True,
        help_text="Paragraf pembuka; tabel IKU, anggaran dan jumlah per kategori disusun "
                  "otomatis dari data.")
    hambatan = models.TextField("hambatan dan kendala", blank=True,
                                help_text="Satu butir per baris.")
    upaya = models.TextField("upaya mengatasi hambatan", blank=True,
                             help_text="Satu butir per baris.")
    latar_belakang = models.TextField(blank=True)
    maksud_tujuan = models.TextField("maksud dan tujuan", blank=True)
    tugas_fungsi = models.TextField("tugas pokok dan fungsi", blank=True)
    struktur_organisasi = models.TextField(
        blank=True, help_text="Dasar hukum dan uraian; daftar unit kerja diambil dari data.")
    bagan_organisasi = models.ImageField(
        "bagan organisasi", upload_to=_path_bagan, blank=True,
        validators=[FileExtensionValidator(["png", "jpg", "jpeg"]), _ukuran_gambar],
        help_text="Opsional: gambar bagan susunan organisasi (PNG/JPG, paling besar 5 MB).")
    sdm_uraian = models.TextField("uraian sumber daya manusia", blank=True)
    sarana_prasarana = models.TextField("uraian sarana dan prasarana", blank=True)
    isu_strategis = models.TextField(blank=True)
    kebijakan = models.TextField(
        "kebijakan", blank=True,
        help_text="Kebijakan yang ditempuh untuk mencapai tujuan dan sasaran (Bab II); "
                  "strategi dan arah kebijakan per sasaran diambil dari Renstra.")
    capaian_umum = models.TextField("gambaran umum capaian kinerja", blank=True)
    penutup = models.TextField(blank=True)

    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)

    objects = OpdScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "laporan kinerja (LKjIP)"
        verbose_name_plural = "laporan kinerja (LKjIP)"
        ordering = ["opd", "-tahun", "-versi"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun", "versi"], name="lkjip_versi_unik"),
        ]

    def __str__(self) -> str:
        return f"LKjIP {self.opd} {self.tahun}"

    @property
    def dapat_diubah(self) -> bool:
        return self.status in (StatusLaporan.DRAFT, StatusLaporan.DIKEMBALIKAN)

    def clean_fields(self, exclude: Any = None) -> None:
        # clean_fields re-assigns every field, which the protected status refuses.
        super().clean_fields(exclude={*(exclude or ()), "status"})

    @transition(field=status, source=[StatusLaporan.DRAFT, StatusLaporan.DIKEMBALIKAN],
                target=StatusLaporan.DIAJUKAN)
    def ajukan(self) -> None:
        """Submitted by the planners for the head's approval."""

    @transition(field=status, source=StatusLaporan.DIAJUKAN,
                target=StatusLaporan.DIKEMBALIKAN)
    def kembalikan(self) -> None:
        """Returned to the planners with a note."""

    @transition(field=status, source=StatusLaporan.DIAJUKAN, target=StatusLaporan.DISETUJUI)
    def setujui(self) -> None:
        """Approved and signed by the head: a new archived version."""

    @transition(field=status, source=StatusLaporan.DISETUJUI, target=StatusLaporan.DRAFT)
    def buka(self) -> None:
        """Reopened by an administrator; the next approval archives the next version."""


class PeristiwaLaporan(models.Model):
    """One status change of an LKjIP: who, when, from → to, and the note."""

    OPD_PATH = "laporan__opd"

    laporan = models.ForeignKey(LaporanKinerja, on_delete=models.CASCADE,
                                related_name="peristiwa")
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="+")
    waktu = models.DateTimeField(auto_now_add=True)
    dari = models.CharField(max_length=12, choices=StatusLaporan.choices)
    ke = models.CharField(max_length=12, choices=StatusLaporan.choices)
    catatan = models.TextField(blank=True)

    objects = OpdScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "peristiwa LKjIP"
        verbose_name_plural = "peristiwa LKjIP"
        ordering = ["waktu", "pk"]

    def __str__(self) -> str:
        return f"{self.get_dari_display()} → {self.get_ke_display()}"


def _path_arsip(instance: ArsipLaporan, filename: str) -> str:
    return f"arsip/{instance.jenis}/{instance.opd_id}/{instance.tahun}/{filename}"


class JenisArsip(models.TextChoices):
    LKJIP = "lkjip", "LKjIP"
    PK = "pk", "Perjanjian Kinerja"


class ArsipLaporan(models.Model):
    """The signed PDF of one approved document, exactly as every later download returns it:
    a version of an LKjIP, or a version (awal or perubahan) of a Perjanjian Kinerja.

    One table for both keeps verification single: an uploaded file or a typed code is looked
    up here whatever was signed. `sha256` is the hash of the stored file. The PDF cannot
    print its own hash, so it prints `sidik` instead: the SHA-256 of the document id, the
    approval time and the document's HTML before the verification stamp was added (see
    `laporan.alur.sidik_isi`). `opd` and `tahun` repeat the document's: one scope path and
    one folder whatever the kind.
    """

    OPD_PATH = "opd"

    jenis = models.CharField(max_length=5, choices=JenisArsip.choices, default=JenisArsip.LKJIP)
    opd = models.ForeignKey(Opd, on_delete=models.PROTECT, related_name="+")
    tahun = models.PositiveSmallIntegerField(validators=TAHUN_VALIDATORS)
    laporan = models.ForeignKey(LaporanKinerja, on_delete=models.PROTECT, null=True,
                                blank=True, related_name="arsip")
    # A PK version is approved once: later changes are a new version, its own row.
    perjanjian = models.OneToOneField(PerjanjianKinerja, on_delete=models.PROTECT, null=True,
                                      blank=True, related_name="arsip", verbose_name="PK")
    # LKjIP: the approval's number (1, 2, … after each unlock); PK: its version (0 = awal).
    versi = models.PositiveSmallIntegerField()
    berkas = models.FileField(upload_to=_path_arsip, max_length=255)
    ukuran = models.PositiveIntegerField("ukuran (byte)")
    sha256 = models.CharField("SHA-256 berkas", max_length=64, unique=True)
    sidik = models.CharField("sidik isi", max_length=64, unique=True)
    disetujui_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                       related_name="+")
    # Copied: the account may be renamed or removed, the signature may not change.
    nama_penyetuju = models.CharField(max_length=200)
    disetujui_pada = models.DateTimeField()

    objects = OpdScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "arsip dokumen yang disetujui"
        verbose_name_plural = "arsip dokumen yang disetujui"
        ordering = ["opd", "-tahun", "jenis", "-versi"]
        constraints = [
            models.UniqueConstraint(fields=["laporan", "versi"], name="arsip_lkjip_versi_unik"),
            models.CheckConstraint(
                condition=(Q(jenis=JenisArsip.LKJIP, laporan__isnull=False,
                             perjanjian__isnull=True)
                           | Q(jenis=JenisArsip.PK, perjanjian__isnull=False,
                               laporan__isnull=True)),
                name="arsip_satu_dokumen_sesuai_jenis"),
        ]

    def __str__(self) -> str:
        return f"{self.dokumen} ({self.nama_versi})"

    @property
    def dokumen(self) -> LaporanKinerja | PerjanjianKinerja:
        dok = self.perjanjian if self.jenis == JenisArsip.PK else self.laporan
        assert dok is not None  # arsip_satu_dokumen_sesuai_jenis
        return dok

    @property
    def nama_versi(self) -> str:
        if self.jenis == JenisArsip.PK:
            return "PK awal" if self.versi == 0 else f"PK perubahan {self.versi}"
        return f"versi {self.versi}"

    @property
    def id_dokumen(self) -> str:
        return id_dokumen(self.dokumen, self.versi)

    def clean(self) -> None:
        dok = self.perjanjian if self.jenis == JenisArsip.PK else self.laporan
        if dok is not None and (dok.opd_id, dok.tahun) != (self.opd_id, self.tahun):
            raise ValidationError("Perangkat daerah dan tahun arsip harus sama dengan "
                                  "dokumennya.")


def id_dokumen(dokumen: LaporanKinerja | PerjanjianKinerja, versi: int) -> str:
    """The identifier printed on every page of a signed version, e.g. LKJIP-12-2019-V1 or
    PK-7-2019-V0 (the PK awal)."""
    awalan = "PK" if isinstance(dokumen, PerjanjianKinerja) else "LKJIP"
    return f"{awalan}-{dokumen.pk}-{dokumen.tahun}-V{versi}"


class BarisSdm(models.Model):
    """One line of a staff table (e.g. pendidikan S1: 28); totals and shares are computed."""

    OPD_PATH = "laporan__opd"

    class Kelompok(models.TextChoices):
        STATUS = "status", "Status kepegawaian"
        JENIS_KELAMIN = "jenis_kelamin", "Jenis kelamin"
        PENDIDIKAN = "pendidikan", "Pendidikan"
        GOLONGAN = "golongan", "Pangkat/golongan"
        ESELON = "eselon", "Eselon"

    laporan = models.ForeignKey(LaporanKinerja, on_delete=models.CASCADE, related_name="sdm")
    kelompok = models.CharField(max_length=14, choices=Kelompok.choices)
    urutan = models.PositiveSmallIntegerField(default=0)
    uraian = models.CharField(max_length=120)
    jumlah = models.PositiveIntegerField(default=0)

    objects = OpdScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "baris SDM"
        verbose_name_plural = "baris SDM"
        ordering = ["laporan", "kelompok", "urutan", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["laporan", "kelompok", "uraian"],
                                    name="lkjip_sdm_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kelompok_display()}: {self.uraian} {self.jumlah}"


class AsetSarana(models.Model):
    """A line of the office's asset list (BMD); jumlah = rusak berat + kurang baik + baik."""

    OPD_PATH = "laporan__opd"

    laporan = models.ForeignKey(LaporanKinerja, on_delete=models.CASCADE, related_name="aset")
    urutan = models.PositiveSmallIntegerField(default=0)
    nama = models.CharField("nama/jenis barang", max_length=200)
    tahun_perolehan = models.CharField(max_length=20, blank=True,
                                       help_text="Tahun atau rentang, mis. 1992–2014.")
    rusak_berat = models.PositiveIntegerField("rusak berat (RB)", default=0)
    kurang_baik = models.PositiveIntegerField("kurang baik (KB)", default=0)
    baik = models.PositiveIntegerField("baik (B)", default=0)

    objects = OpdScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "aset sarana prasarana"
        verbose_name_plural = "aset sarana prasarana"
        ordering = ["laporan", "urutan", "pk"]

    def __str__(self) -> str:
        return self.nama


class Prestasi(models.Model):
    """An award received in the report year (Bab III C)."""

    OPD_PATH = "laporan__opd"

    class Tingkat(models.TextChoices):
        INTERNASIONAL = "internasional", "Internasional"
        NASIONAL = "nasional", "Nasional"
        PROVINSI = "provinsi", "Provinsi"
        KABUPATEN = "kabupaten", "Kabupaten/Kota"

    laporan = models.ForeignKey(LaporanKinerja, on_delete=models.CASCADE,
                                related_name="prestasi")
    urutan = models.PositiveSmallIntegerField(default=0)
    nama = models.CharField("nama penghargaan", max_length=300)
    tingkat = models.CharField(max_length=14, choices=Tingkat.choices)
    tanggal = models.DateField(null=True, blank=True)
    pemberi = models.CharField("diserahkan oleh / penyelenggara", max_length=200, blank=True)
    penerima = models.CharField(max_length=200, blank=True)

    objects = OpdScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "prestasi"
        verbose_name_plural = "prestasi"
        ordering = ["laporan", "urutan", "pk"]

    def __str__(self) -> str:
        return self.nama


class JenisAnalisis(models.TextChoices):
    """The seven analyses of an IKU in Bab III A (DESIGN §6)."""

    TARGET = "target", "Target, realisasi dan capaian"
    TAHUNAN = "tahunan", "Perbandingan dengan tahun-tahun sebelumnya"
    RENSTRA = "renstra", "Kemajuan terhadap target akhir Renstra"
    STANDAR = "standar", "Perbandingan dengan standar nasional/provinsi"
    PENYEBAB = "penyebab", "Penyebab keberhasilan/kegagalan dan solusi"
    EFISIENSI = "efisiensi", "Efisiensi penggunaan sumber daya"
    PROGRAM = "program", "Program/kegiatan pendukung"


class NarasiAnalisis(models.Model):
    """The text of one analysis of one IKU in one report.

    `teks_otomatis` is the latest sentence generated from the data; `teks` is what the
    report prints. While `diubah` is false, regeneration copies the new draft into `teks`;
    once the staff edit it, `diubah` is set and regeneration leaves `teks` alone.
    """

    OPD_PATH = "laporan__opd"

    laporan = models.ForeignKey(LaporanKinerja, on_delete=models.CASCADE,
                                related_name="narasi")
    indikator = models.ForeignKey(Indikator, on_delete=models.PROTECT, related_name="+")
    jenis = models.CharField(max_length=10, choices=JenisAnalisis.choices)
    teks_otomatis = models.TextField(blank=True)
    teks = models.TextField(blank=True)
    diubah = models.BooleanField(default=False)
    diubah_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    diubah_pada = models.DateTimeField(auto_now=True)

    objects = OpdScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "narasi analisis"
        verbose_name_plural = "narasi analisis"
        ordering = ["laporan", "indikator", "jenis"]
        constraints = [
            models.UniqueConstraint(fields=["laporan", "indikator", "jenis"],
                                    name="lkjip_narasi_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} — {self.indikator}"


class LogImpor(models.Model):
    """One check of an uploaded office workbook (web or command line), and whether it was
    applied. The file itself is kept in storage under its SHA-256 (`laporan.bukukerja`)."""

    OPD_PATH = "opd"

    opd = models.ForeignKey(Opd, on_delete=models.PROTECT, related_name="log_impor")
    tahun = models.PositiveSmallIntegerField(validators=TAHUN_VALIDATORS)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             blank=True, related_name="+",
                             help_text="Kosong bila dijalankan dari baris perintah.")
    waktu = models.DateTimeField(default=timezone.now)
    nama_file = models.CharField("nama berkas", max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64)
    jumlah_baru = models.PositiveIntegerField(default=0)
    jumlah_ubah = models.PositiveIntegerField(default=0)
    jumlah_sama = models.PositiveIntegerField(default=0)
    jumlah_tolak = models.PositiveIntegerField(default=0)
    diterapkan = models.BooleanField(default=False)

    objects = OpdScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "log impor buku kerja"
        verbose_name_plural = "log impor buku kerja"
        ordering = ["-waktu", "-pk"]
        indexes = [models.Index(fields=["opd", "sha256"], name="log_impor_opd_sha")]

    def __str__(self) -> str:
        return f"Impor {self.nama_file} ({self.opd}, {self.tahun})"


# --- automatic consistency review (laporan.reviu) -------------------------------------------


class PengakuanTemuan(models.Model):
    """An office's acknowledgement, with its reason, of one finding of the automatic review.

    A finding is never hidden: once acknowledged it stays listed, marked with this reason.
    The acknowledgement covers the finding as it stood (`diharapkan` and `ditemukan`): when
    either figure changes, the finding shows unacknowledged again. The history keeps every
    change.
    """

    OPD_PATH = "opd"

    opd = models.ForeignKey(Opd, on_delete=models.PROTECT, related_name="pengakuan_temuan")
    tahun = models.PositiveSmallIntegerField(validators=TAHUN_VALIDATORS)
    kode_temuan = models.CharField("kode aturan", max_length=60)
    kunci_objek = models.CharField(max_length=200)
    diharapkan = models.TextField("yang diharapkan saat diakui", blank=True)
    ditemukan = models.TextField("yang ditemukan saat diakui")
    alasan = models.TextField()
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="+")
    waktu = models.DateTimeField(auto_now=True)

    objects = OpdScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "pengakuan temuan reviu"
        verbose_name_plural = "pengakuan temuan reviu"
        ordering = ["opd", "-tahun", "kode_temuan", "kunci_objek"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun", "kode_temuan", "kunci_objek"],
                                    name="lkjip_pengakuan_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.kode_temuan}:{self.kunci_objek} ({self.tahun})"

    def clean(self) -> None:
        if len(self.alasan.strip()) < 10:
            raise ValidationError({"alasan": "Tuliskan alasan pengakuan (paling sedikit 10 "
                                             "huruf): mengapa temuan ini dibiarkan."})


class Besaran(models.TextChoices):
    """What a printed figure claims to be; the review computes the same from the data."""

    TARGET = "target", "Target"
    REALISASI = "realisasi", "Realisasi"
    CAPAIAN = "capaian", "Capaian kinerja (%)"
    KEMAJUAN = "kemajuan", "Tingkat kemajuan terhadap target akhir (%)"
    TARGET_AKHIR = "target_akhir", "Target akhir Renstra"
    PAGU = "pagu", "Anggaran / pagu / alokasi (Rp)"
    REALISASI_ANGGARAN = "realisasi_anggaran", "Realisasi anggaran (Rp)"
    SERAPAN = "serapan", "Serapan / capaian anggaran (%)"
    PORSI = "porsi", "Porsi dari total belanja (%)"
    EFISIENSI = "efisiensi", "Tingkat efisiensi (rasio)"
    LAIN = "lain", "Lainnya (hanya dijumlahkan)"


class TabelTercetak(models.Model):
    """A table as printed in a report of the office, imported or typed cell by cell, so that
    the automatic review can set what was printed against what the data give."""

    OPD_PATH = "opd"

    opd = models.ForeignKey(Opd, on_delete=models.PROTECT, related_name="tabel_tercetak")
    tahun = models.PositiveSmallIntegerField(validators=TAHUN_VALIDATORS)
    nomor = models.CharField(max_length=20, blank=True,
                             help_text='Nomor tabel, mis. "3.1"; kosong bila tidak bernomor.')
    judul = models.CharField(max_length=300)
    sumber = models.CharField(max_length=300, blank=True,
                              help_text="mis. LKjIP 2019 (PDF), halaman 28")
    dicatat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+")
    dicatat_pada = models.DateTimeField(auto_now_add=True)

    objects = OpdScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "tabel tercetak"
        verbose_name_plural = "tabel tercetak"
        ordering = ["opd", "-tahun", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun", "nomor", "judul"],
                                    name="lkjip_tabel_tercetak_unik"),
        ]

    def __str__(self) -> str:
        return f"Tabel {self.nomor} {self.judul}" if self.nomor else self.judul


class AngkaTercetak(models.Model):
    """One cell of a printed table, exactly as printed (`teks`) and as a number (`nilai`).

    The row says which object it is about (an indicator, a program or a kegiatan) and which
    row it is summed into (`induk_baris`, for total and subtotal rows); the column says which
    quantity it holds (`besaran`) and, when its header names another year, that year.
    The decimals written in `teks` are the precision it is compared at (101,4 at one).
    """

    OPD_PATH = "tabel__opd"

    tabel = models.ForeignKey(TabelTercetak, on_delete=models.CASCADE, related_name="angka")
    baris = models.PositiveSmallIntegerField(help_text="Nomor urut baris, mulai 1.")
    uraian = models.CharField("uraian baris", max_length=500, blank=True)
    induk_baris = models.PositiveSmallIntegerField(
        null=True, blank=True,
        help_text="Baris jumlah/subtotal yang memuat baris ini (nomor barisnya).")
    kolom = models.CharField("judul kolom", max_length=200)
    besaran = models.CharField(max_length=20, choices=Besaran.choices, default=Besaran.LAIN)
    tahun_kolom = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=TAHUN_VALIDATORS,
        help_text="Tahun yang disebut judul kolom, bila bukan tahun laporan.")
    indikator = models.ForeignKey(Indikator, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+")
    program = models.ForeignKey(Program, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+")
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+")
    teks = models.CharField("tercetak", max_length=100)
    nilai = models.DecimalField(max_digits=22, decimal_places=4, null=True, blank=True)

    objects = OpdScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "angka tercetak"
        verbose_name_plural = "angka tercetak"
        ordering = ["tabel", "baris", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["tabel", "baris", "kolom"],
                                    name="lkjip_angka_tercetak_unik"),
            models.CheckConstraint(
                name="lkjip_angka_tercetak_satu_objek",
                condition=Q(indikator__isnull=True, program__isnull=True)
                | Q(indikator__isnull=True, kegiatan__isnull=True)
                | Q(program__isnull=True, kegiatan__isnull=True),
            ),
            models.CheckConstraint(
                name="lkjip_angka_tercetak_induk_lain",
                condition=Q(induk_baris__isnull=True) | ~Q(induk_baris=models.F("baris")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tabel} baris {self.baris} · {self.kolom}: {self.teks}"

    def clean(self) -> None:
        if sum(x is not None for x in (self.indikator_id, self.program_id,
                                       self.kegiatan_id)) > 1:
            raise ValidationError("Satu baris tentang satu objek saja: indikator, program "
                                  "atau kegiatan.")
        if self.induk_baris is not None and self.induk_baris == self.baris:
            raise ValidationError({"induk_baris": "Baris tidak dapat menjadi induknya sendiri."})
