from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CASEWORKER = "caseworker", _("Social worker or reception staff")
    MANAGER = "manager", _("CPAS manager")
    SPPIS_ADMIN = "sppis_admin", _("SPP-IS administrator")


class EventKind(models.TextChoices):
    ALERT_SENT = "alert_sent", _("CPAS alerted by email")
    READ = "read", _("Read")
    REGISTERED = "registered", _("Registered")
    COMPETENT = "competent", _("Declared competent")
    TRANSFERRED = "transferred", _("Transferred")
    DECIDED = "decided", _("Decision on the merits")
    RETRIEVED = "retrieved", _("Retrieved by the social software")


class AccessAction(models.TextChoices):
    VIEW = "view", _("Viewed the request")
    EXPORT = "export", _("Exported (CSV)")
    API_READ = "api_read", _("Read through the API")


class MeritsOutcome(models.TextChoices):
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")
    OTHER = "other", _("Other (withdrawn, no follow-up…)")
