"""The pemda's category scale is configured in the admin, validated as a whole."""

from decimal import Decimal

from django.urls import reverse

from kinerja.models import PerjanjianKinerja, SkalaKategori
from tests.conftest import login


def test_admin_sets_a_category_scale(admin_user, pemda):
    c = login(admin_user)
    url = reverse("admin:kinerja_skalakategori_add")
    r = c.post(url, {"pemda": pemda.pk, "kelas_teks": "76 Tinggi\n91 Sangat Tinggi"})
    assert "batas harus urut dari terbesar ke terkecil" in r.content.decode().lower()
    assert not SkalaKategori.objects.exists()
    c.post(url, {"pemda": pemda.pk, "kelas_teks": "90,5 Baik\n0 Kurang"})
    assert SkalaKategori.objects.get().daftar() == [(Decimal("90.5"), "Baik"),
                                                    (Decimal("0"), "Kurang")]


def test_admin_pk_page_does_not_touch_the_status(admin_user, pk_a):
    r = login(admin_user).get(reverse("admin:kinerja_perjanjiankinerja_change",
                                      args=[pk_a.pk]))
    assert r.status_code == 200
    assert 'name="status"' not in r.content.decode()
    assert PerjanjianKinerja.objects.get(pk=pk_a.pk).status == "draft"
