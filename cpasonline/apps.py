from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CpasOnlineConfig(AppConfig):
    """The project's top: settings, URLs, shared tools, and the retention of data."""

    name = "cpasonline"
    verbose_name = _("Data retention")
