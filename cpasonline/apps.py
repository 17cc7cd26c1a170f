from django.apps import AppConfig


class CpasOnlineConfig(AppConfig):
    name = "cpasonline"
    verbose_name = "CPAS Online"

    def ready(self):
        from . import logins  # noqa: F401  (connects its signal receivers)
