"""The change feed of each CPAS and the webhooks that announce it (docs/integration.md)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intake import crypto
from notifications.constants import WEBHOOK_KIND
from notifications.models import OutboxMessage

_CPAS = "routing.Cpas"


class FeedCounter(models.Model):
    """The last sequence number of a CPAS's feed (locked to draw the next)."""

    cpas = models.OneToOneField(_CPAS, on_delete=models.PROTECT, related_name="+")
    last_seq = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return f"{self.cpas_id}: {self.last_seq}"


class FeedEvent(models.Model):
    """One event of a CPAS's feed: numbered 1, 2, 3… per CPAS, without gaps, never
    changed nor deleted. ``data`` holds no personal data: the request's personal data is
    added when the feed is read, for the CPAS that holds the request then."""

    cpas = models.ForeignKey(_CPAS, verbose_name=_("CPAS"), on_delete=models.PROTECT)
    seq = models.PositiveBigIntegerField(_("sequence number"))
    type = models.CharField(_("type"), max_length=40)
    occurred_at = models.DateTimeField(_("occurred at"))
    # Kept when a request is purged (the sandbox's test requests): the feed has no gaps.
    aid_request = models.ForeignKey(
        "intake.AidRequest", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reference = models.CharField(_("reference"), max_length=20)
    test = models.BooleanField(_("test request"), default=False)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("feed event")
        verbose_name_plural = _("feed events")
        constraints = [
            models.UniqueConstraint(fields=["cpas", "seq"], name="feed_event_seq_per_cpas")
        ]

    def __str__(self):
        return f"{self.cpas_id}/{self.seq} {self.type}"

    @property
    def event_id(self) -> str:
        """Stable and unique across CPAS: the webhook-id of its deliveries."""
        return f"evt_{self.cpas_id}_{self.seq}"


class WebhookEndpoint(models.Model):
    """An HTTPS address of a CPAS's software that receives each event of its feed."""

    cpas = models.ForeignKey(
        _CPAS, verbose_name=_("CPAS"), on_delete=models.PROTECT, related_name="+"
    )
    url = models.URLField(_("address"), max_length=500)
    # The signing secret (whsec_…), encrypted at rest; shown once, when created.
    secret_encrypted = models.TextField(editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    # Or subscribed through the API by a vendor the CPAS granted the scope "webhooks".
    created_by_client = models.ForeignKey(
        "vendors.VendorClient",
        verbose_name=_("created by the software"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The secret before the last rotation: it still signs until this instant, beside
    # the new one, so that the receiver can move to the new one without downtime.
    previous_secret_encrypted = models.TextField(default="", blank=True, editable=False)
    previous_secret_expires_at = models.DateTimeField(
        _("previous secret valid until"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.url

    @property
    def secret(self) -> str:
        return crypto.decrypt(self.secret_encrypted)

    @secret.setter
    def secret(self, value: str) -> None:
        self.secret_encrypted = crypto.encrypt(value)

    @property
    def previous_secret(self) -> str:
        encrypted = self.previous_secret_encrypted
        return crypto.decrypt(encrypted) if encrypted else ""

    def signing_secrets(self, now) -> list[str]:
        """The secrets that sign a message sent at ``now``: the current one, and the
        previous one during its overlap (docs/integration.md, "Rotating the secret")."""
        secrets = [self.secret]
        expires = self.previous_secret_expires_at
        if self.previous_secret_encrypted and expires is not None and expires > now:
            secrets.append(self.previous_secret)
        return secrets


class WebhookDelivery(OutboxMessage):
    """The events of one step (a range of the CPAS's feed) to POST to one endpoint: a row
    of the outbox, its own channel (``integration.webhooks``), its own policy
    (``notifications.policy``)."""

    kind = models.CharField(_("kind"), max_length=20, default=WEBHOOK_KIND, editable=False)
    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    first_seq = models.PositiveBigIntegerField(_("first event"))
    last_seq = models.PositiveBigIntegerField(_("last event"))
    # The receiver's HTTP status of the last failed attempt (0: no answer).
    last_status = models.PositiveSmallIntegerField(_("last status"), default=0)

    class Meta(OutboxMessage.Meta):
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        constraints = [
            models.UniqueConstraint(fields=["endpoint", "first_seq"], name="webhook_once_per_event")
        ]

    def __str__(self):
        return f"{self.endpoint_id}: {self.first_seq}–{self.last_seq}"

    @property
    def webhook_id(self) -> str:
        """The same on every copy (retries, "send again"): the receiver dedupes by it."""
        return f"msg_{self.endpoint.cpas_id}_{self.first_seq}_{self.last_seq}"
