from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CASEWORKER = "caseworker", _("Social worker or reception staff")
    MANAGER = "manager", _("CPAS manager")
    SPPIS_ADMIN = "sppis_admin", _("SPP-IS administrator")


class AccessAction(models.TextChoices):
    VIEW = "view", _("Viewed the request")
    EXPORT = "export", _("Exported (CSV)")
    API_READ = "api_read", _("Read through the API")
    API_WRITE = "api_write", _("Step recorded through the API")
