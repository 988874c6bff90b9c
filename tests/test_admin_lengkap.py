"""The pemda administrator reaches every model through Django admin (issue 3): each model
is registered, or edited inline on the page of its parent."""

import pytest
from django.apps import apps
from django.contrib import admin

APPS = ("sakip", "renstra", "kinerja", "anggaran", "laporan")


def _inline_models() -> set[type]:
    return {
        inline.model
        for model_admin in admin.site._registry.values()
        for inline in model_admin.inlines
    }


def test_setiap_model_dapat_dikelola_di_admin():
    terjangkau = set(admin.site._registry) | _inline_models()
    hilang = [
        m._meta.label
        for m in apps.get_models()
        if m._meta.app_label in APPS
        and not m.__name__.startswith("Historical")
        and m not in terjangkau
    ]
    assert hilang == []


@pytest.mark.django_db
def test_halaman_daftar_admin_terbuka_dengan_pencarian(admin_user):
    from django.test import Client
    from django.urls import reverse

    c = Client()
    c.force_login(admin_user)
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in APPS:
            continue
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        params = {"q": "x"} if model_admin.search_fields else {}
        assert c.get(url, params).status_code == 200, url
