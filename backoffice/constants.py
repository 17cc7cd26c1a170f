from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CASEWORKER = "caseworker", _("Social worker or reception staff")
    MANAGER = "manager", _("CPAS manager")
    SPPIS_ADMIN = "sppis_admin", _("SPP-IS administrator")
    # Reads the monitoring figures of its federation's CPAS, nothing else (docs/monitoring.md).
    FEDERATION = "federation", _("Federation of CPAS")


class Federation(models.TextChoices):
    """The four federations of CPAS, by the CPAS's region and language area
    (docs/monitoring.md, "Who sees what")."""

    BRUSSELS = "brussels", _("CPAS of the Brussels-Capital Region")
    WALLONIA = "wallonia", _("CPAS of Wallonia")
    FLANDERS = "flanders", _("CPAS of Flanders")
    GERMAN = "german", _("CPAS of the German-speaking Community")


class AccessAction(models.TextChoices):
    VIEW = "view", _("Viewed the request")
    EXPORT = "export", _("Exported (CSV)")
    API_READ = "api_read", _("Read through the API")
    API_WRITE = "api_write", _("Step recorded through the API")
