from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement of receipt")
    CPAS_ALERT = "cpas_alert", _("New request alert to the CPAS")
    REMINDER = "reminder", _("Reminder of unread requests")
    TRANSFER_NOTICE = "transfer_notice", _("Notice of a transfer to the applicant")


class EmailState(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


# Emails to a CPAS of the bilingual Brussels area are written in French and Dutch.
BILINGUAL = "fr+nl"
