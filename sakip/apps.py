from django.apps import AppConfig


class SakipConfig(AppConfig):
    name = "sakip"
    verbose_name = "SAKIP inti"

    def ready(self) -> None:
        from . import notifikasi

        notifikasi.sambungkan()
