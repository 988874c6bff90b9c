"""Test settings: the main settings, faster and deterministic."""

from .settings import *  # noqa: F403
from .settings import BASE_DIR

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / ".test-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Persistent connections outlive the live-server threads of browser tests and keep the
# PostgreSQL test database busy at teardown.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405

# django-axes needs the request at authenticate(), which Client.login() does not pass;
# tests/test_akun.py switches it on to test the lockout.
AXES_ENABLED = False
