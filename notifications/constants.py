from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement of receipt")
    CPAS_ALERT = "cpas_alert", _("New request alert to the CPAS")
    REMINDER = "reminder", _("Reminder of unread requests")
    TRANSFER_NOTICE = "transfer_notice", _("Notice of a transfer to the applicant")
    # To a staff member, about their own account (notifications/staff.py).
    STAFF_INVITATION = "staff_invitation", _("Invitation to set up the second factor")
    LOGIN_WARNING = "login_warning", _("Warning of failed logins")


class ApplicantMessageKind(models.TextChoices):
    """The messages of the first contact to the applicant (docs/first-contact.md), by
    email or eBox: rows of ``contact.ApplicantMessage``."""

    APPOINTMENT = "appointment", _("Proposed first appointment")


class DeliveryState(models.TextChoices):
    """Where an outbox row stands (docs/notifications.md, "States")."""

    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    MAYBE_SENT = "maybe_sent", _("Maybe sent")
    EXPIRED = "expired", _("Expired")


# Emails to a CPAS of the bilingual Brussels area are written in French and Dutch.
BILINGUAL = "fr+nl"

# The emails to a staff member about their own account: no applicant's data.
STAFF_KINDS = (EmailKind.STAFF_INVITATION, EmailKind.LOGIN_WARNING)

# The outbox row kind of the integration app's webhooks (docs/integration.md): its policy
# stands in ``notifications.policy`` beside the emails'.
WEBHOOK_KIND = "webhook"
