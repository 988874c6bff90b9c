from django.apps import AppConfig


class KinerjaConfig(AppConfig):
    name = "kinerja"
