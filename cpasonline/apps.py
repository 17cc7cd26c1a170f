from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CpasOnlineConfig(AppConfig):
    """The project's top: settings, URLs, shared tools, and the retention log."""

    name = "cpasonline"
    verbose_name = _("Data retention")  # its one model in the admin: the retention log

    def ready(self):
        from . import logins  # noqa: F401  (connects its signal receivers)
