from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import EmailKind, EmailState


class OutgoingEmail(models.Model):
    """One email to send (outbox): written in the transaction that makes it necessary.

    The message is rendered when it is sent, from the request (acknowledgement, CPAS
    alert) or from ``context`` (reminder: a count only). The body is never stored:
    an acknowledgement carries personal data, and the request keeps the facts.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=EmailKind.choices)
    to = models.EmailField(_("to"))
    language = models.CharField(_("language"), max_length=5)
    aid_request = models.ForeignKey(
        "intake.AidRequest",
        verbose_name=_("request for aid"),
        # An unsent acknowledgement keeps its request from being purged (DESIGN §9).
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="outgoing_emails",
    )
    # None for an email to a staff member of SPP-IS (notifications/staff.py).
    cpas = models.ForeignKey(
        "routing.Cpas",
        verbose_name=_("CPAS"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    context = models.JSONField(_("context"), default=dict, blank=True)
    idempotency_key = models.CharField(_("idempotency key"), max_length=100, unique=True)
    state = models.CharField(
        _("state"), max_length=10, choices=EmailState.choices, default=EmailState.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    queued_at = models.DateTimeField(_("last queued at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "queued_at"], name="outgoing_email_sweep")]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"


class CpasNotificationSettings(models.Model):
    """How a CPAS wants to be told of new requests (DESIGN §7); on by default."""

    cpas = models.OneToOneField(
        "routing.Cpas",
        verbose_name=_("CPAS"),
        on_delete=models.CASCADE,
        related_name="notification_settings",
    )
    email = models.EmailField(
        _("notification address"),
        blank=True,
        help_text=_("Leave empty to use the CPAS's public email address."),
    )
    alerts_enabled = models.BooleanField(_("email for each new request"), default=True)
    reminders_enabled = models.BooleanField(_("daily reminder of unread requests"), default=True)

    class Meta:
        verbose_name = _("CPAS notification settings")
        verbose_name_plural = _("CPAS notification settings")
        ordering = ["cpas__name"]

    def __str__(self):
        return str(self.cpas)

    @property
    def address(self) -> str:
        """Where the CPAS's notifications go: the address set, else its public email."""
        return self.email or self.cpas.email


class NotificationSettingsChange(models.Model):
    """Who changed a CPAS's notification settings, when, from what to what."""

    cpas = models.ForeignKey(
        "routing.Cpas", verbose_name=_("CPAS"), on_delete=models.CASCADE, related_name="+"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    field = models.CharField(_("setting"), max_length=40)
    old_value = models.CharField(_("old value"), max_length=254, blank=True)
    new_value = models.CharField(_("new value"), max_length=254, blank=True)

    class Meta:
        verbose_name = _("notification settings change")
        verbose_name_plural = _("notification settings changes")
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.cpas} {self.field}"

    @property
    def setting(self) -> str:
        return CpasNotificationSettings._meta.get_field(self.field).verbose_name
