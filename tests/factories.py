"""factory_boy factories: Pemda → Opd → Renstra → Tujuan → Sasaran → Program → Kegiatan."""

from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from renstra.models import (
    Indikator,
    Kegiatan,
    Program,
    Renstra,
    Sasaran,
    TargetRenstra,
    Tujuan,
)
from sakip.models import Keanggotaan, Opd, Pemda


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True  # the hook below saves what it changes

    username = factory.Sequence(lambda n: f"user{n}")

    @factory.post_generation
    def password(self, create: bool, extracted: str | None, **kwargs: object) -> None:
        self.set_password(extracted or "rahasia-uji-123")
        if create:
            self.save(update_fields=["password"])


class PemdaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pemda

    nama = factory.Sequence(lambda n: f"Kabupaten Uji {n}")
    slug = factory.Sequence(lambda n: f"kab-uji-{n}")
    ibukota = "Kota Uji"


class OpdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opd

    pemda = factory.SubFactory(PemdaFactory)
    nama = factory.Sequence(lambda n: f"Dinas Uji {n}")
    slug = factory.Sequence(lambda n: f"dinas-uji-{n}")


class KeanggotaanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Keanggotaan

    user = factory.SubFactory(UserFactory)
    opd = factory.SubFactory(OpdFactory)
    peran = "perencana"


class RenstraFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Renstra

    opd = factory.SubFactory(OpdFactory)
    tahun_awal = 2016
    tahun_akhir = 2021
    tahun_kondisi_awal = 2017
    status = Renstra.Status.BERLAKU


class TujuanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tujuan

    renstra = factory.SubFactory(RenstraFactory)
    nama = factory.Sequence(lambda n: f"Tujuan {n}")
    urutan = factory.Sequence(lambda n: n)


class SasaranFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sasaran

    tujuan = factory.SubFactory(TujuanFactory)
    nama = factory.Sequence(lambda n: f"Sasaran {n}")
    urutan = factory.Sequence(lambda n: n)


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    sasaran = factory.SubFactory(SasaranFactory)
    nama = factory.Sequence(lambda n: f"Program {n}")
    kode = factory.Sequence(lambda n: f"2.17.{n % 100:02d}")
    urutan = factory.Sequence(lambda n: n)


class KegiatanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kegiatan

    program = factory.SubFactory(ProgramFactory)
    nama = factory.Sequence(lambda n: f"Kegiatan {n}")
    kode = factory.Sequence(lambda n: f"2.17.03.2.{n % 100:02d}")
    urutan = factory.Sequence(lambda n: n)


class IndikatorFactory(factory.django.DjangoModelFactory):
    """An indicator of a sasaran by default; pass level/program/kegiatan for others."""

    class Meta:
        model = Indikator

    sasaran = factory.SubFactory(SasaranFactory)
    renstra = factory.LazyAttribute(lambda o: o.sasaran.tujuan.renstra)
    level = "sasaran"
    nama = factory.Sequence(lambda n: f"Persentase indikator {n}")
    satuan = "%"
    jenis = "hasil"


class TargetRenstraFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetRenstra

    indikator = factory.SubFactory(IndikatorFactory)
    tahun = 2019
    nilai = Decimal("2.7")
    pagu = Decimal("1000000.00")
