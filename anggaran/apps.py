from django.apps import AppConfig


class AnggaranConfig(AppConfig):
    name = "anggaran"
