from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .constants import DeliveryState, EmailKind


class OutboxMessage(models.Model):
    """What any outbox row needs to be delivered (docs/notifications.md, "The outbox").

    The state, the attempts made, when the next one is due, the claim of the attempt
    in progress and the error of the last one (its class, never its text). The email
    outbox is one channel; another one (a webhook to a CPAS's software) would subclass
    this and reuse ``notifications.outbox``'s machinery.
    """

    state = models.CharField(
        _("state"), max_length=10, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=200, blank=True)
    # Set at the first attempt and kept: every copy of this message carries it.
    message_id = models.CharField(_("message ID"), max_length=200, blank=True)
    # How many times an admin had a sent message sent again (each time a new Message-ID).
    resends = models.PositiveSmallIntegerField(_("times sent again by an admin"), default=0)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    queued_at = models.DateTimeField(_("last queued at"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("last attempt started at"), null=True, blank=True)
    maybe_sent_at = models.DateTimeField(_("attempt interrupted at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("worth sending until"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        abstract = True
        # The sweeper's questions: which rows are due, which claims went stale.
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="%(class)s_due")]


class OutgoingEmail(OutboxMessage):
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
        # An unsent acknowledgement keeps its request from being purged
        # (docs/notifications.md).
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

    class Meta(OutboxMessage.Meta):
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"


class CpasNotificationSettings(models.Model):
    """How a CPAS wants to be told of new requests (docs/notifications.md); on by default."""

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
