"""The API's clients: software vendors, their secrets, the access each CPAS grants them,
the short-lived access tokens, and the idempotency keys of their writes (docs/api.md).

Secrets and tokens are random (256 bits) and kept as a SHA-256 only, like the per-CPAS
API tokens: shown once, never stored in the clear."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

_USER = settings.AUTH_USER_MODEL
_CPAS = "routing.Cpas"


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class Scope(models.TextChoices):
    READ = "read", _("Read the requests")
    WRITE = "write", _("Record steps (registration, transfer, decisions)")
    WEBHOOKS = "webhooks", _("Subscribe addresses to the webhooks")


class VendorClient(models.Model):
    """One software vendor's client: it serves every CPAS that grants it access."""

    name = models.CharField(_("name"), max_length=100, help_text=_("The vendor and software."))
    client_id = models.CharField(_("client id"), max_length=40, unique=True, editable=False)
    contact_email = models.EmailField(_("technical contact"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("software vendor client")
        verbose_name_plural = _("software vendor clients")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.client_id})"


class ClientSecret(models.Model):
    """A client's secret. Two may be active at once: a new one is added, the software
    moves to it, the old one is revoked (rotation without downtime)."""

    client = models.ForeignKey(VendorClient, on_delete=models.CASCADE, related_name="secrets")
    prefix = models.CharField(_("prefix"), max_length=8, editable=False)
    secret_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, editable=False)

    class Meta:
        verbose_name = _("client secret")
        verbose_name_plural = _("client secrets")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.prefix}…"


class Grant(models.Model):
    """A CPAS's manager lets a vendor's client serve that CPAS, with scopes."""

    client = models.ForeignKey(
        VendorClient,
        verbose_name=_("software vendor client"),
        on_delete=models.PROTECT,
        related_name="grants",
    )
    cpas = models.ForeignKey(
        _CPAS, verbose_name=_("CPAS"), on_delete=models.PROTECT, related_name="vendor_grants"
    )
    scopes = models.JSONField(_("scopes"), default=list)
    granted_at = models.DateTimeField(_("granted at"))
    granted_by = models.ForeignKey(
        _USER, verbose_name=_("granted by"), on_delete=models.PROTECT, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        _USER,
        verbose_name=_("revoked by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("access granted to a vendor")
        verbose_name_plural = _("access granted to vendors")
        ordering = ["-granted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "cpas"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_active_grant_per_client_and_cpas",
            )
        ]

    def __str__(self):
        return f"{self.client_id} → {self.cpas_id}"


class AccessToken(models.Model):
    """A short-lived bearer token for one grant (``VENDOR_TOKEN_SECONDS``)."""

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="tokens")
    token_hash = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(default=list)  # the grant's, or fewer if asked
    issued_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.grant_id} until {self.expires_at:%Y-%m-%d %H:%M}"


class IdempotencyRecord(models.Model):
    """One ``Idempotency-Key`` of one caller: claimed before the write, then holding the
    first response, kept ``IDEMPOTENCY_KEY_HOURS`` (docs/api.md, "Idempotency")."""

    caller = models.CharField(max_length=60)  # "client:<id>" or "token:<id>"
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)  # method, path and body
    claim = models.CharField(max_length=32)  # who is processing it now
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)
    completed_at = models.DateTimeField(null=True)
    response_status = models.PositiveSmallIntegerField(null=True)
    response_body = models.JSONField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["caller", "key"], name="idempotency_key_once")
        ]

    def __str__(self):
        return f"{self.caller} {self.key}"
