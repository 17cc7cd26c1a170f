"""Staff, their access log, and the API tokens of the CPAS's social software."""

import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import AccessAction, Federation, Role


class StaffManager(UserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("role", Role.SPPIS_ADMIN)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """A member of staff: of one CPAS, or of SPP-IS (who sees every CPAS)."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.CASEWORKER)
    cpas = models.ForeignKey(
        "routing.Cpas",
        verbose_name=_("CPAS"),
        on_delete=models.PROTECT,
        related_name="staff",
        null=True,
        blank=True,
    )
    # The federation whose monitoring figures a federation account reads (docs/monitoring.md).
    federation = models.CharField(
        _("federation"), max_length=10, choices=Federation.choices, blank=True
    )

    objects = StaffManager()

    class Meta(AbstractUser.Meta):
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")

    def clean(self):
        super().clean()
        without_cpas = (Role.SPPIS_ADMIN, Role.FEDERATION)
        if self.role in without_cpas and self.cpas_id:
            raise ValidationError({"cpas": _("An SPP-IS or federation account has no CPAS.")})
        if self.role not in without_cpas and not self.cpas_id:
            raise ValidationError({"cpas": _("Choose the CPAS this person works for.")})
        if (self.role == Role.FEDERATION) != bool(self.federation):
            raise ValidationError(
                {"federation": _("A federation account, and only it, has a federation.")}
            )

    @property
    def is_sppis_admin(self) -> bool:
        return self.role == Role.SPPIS_ADMIN

    @property
    def is_federation(self) -> bool:
        return self.role == Role.FEDERATION and bool(self.federation)


_USER = settings.AUTH_USER_MODEL
_REQUEST = "intake.AidRequest"
_CPAS = "routing.Cpas"


def hash_token(token: str) -> str:
    """API tokens are random (256 bits): a plain SHA-256 is enough to store them."""
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(models.Model):
    """A CPAS's token for the read API; only its hash is kept (shown once on creation)."""

    cpas = models.ForeignKey(
        _CPAS, verbose_name=_("CPAS"), on_delete=models.PROTECT, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("Which software uses it."))
    prefix = models.CharField(_("prefix"), max_length=8, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, editable=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"


class Retrieval(models.Model):
    """The CPAS's social software marked the request as retrieved."""

    aid_request = models.ForeignKey(_REQUEST, on_delete=models.CASCADE, related_name="retrievals")
    cpas = models.ForeignKey(_CPAS, on_delete=models.PROTECT, related_name="+")
    # The CPAS's own token, or a vendor's client (docs/api.md).
    token = models.ForeignKey(ApiToken, on_delete=models.PROTECT, related_name="+", null=True)
    client = models.ForeignKey(
        "vendors.VendorClient", on_delete=models.PROTECT, related_name="+", null=True
    )
    retrieved_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["aid_request", "cpas"], name="retrieved_once_per_cpas")
        ]

    def __str__(self):
        return f"{self.aid_request_id} @ {self.cpas_id}"


class AccessLogEntry(models.Model):
    """Who consulted which request's personal data, when, from where
    (docs/data-protection.md)."""

    at = models.DateTimeField(_("at"), db_index=True)
    user = models.ForeignKey(
        _USER, verbose_name=_("staff member"), on_delete=models.PROTECT, null=True
    )
    api_token = models.ForeignKey(
        ApiToken, verbose_name=_("API token"), on_delete=models.PROTECT, null=True
    )
    api_client = models.ForeignKey(
        "vendors.VendorClient",
        verbose_name=_("software vendor client"),
        on_delete=models.PROTECT,
        null=True,
    )
    aid_request = models.ForeignKey(
        _REQUEST, verbose_name=_("request"), on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(_("action"), max_length=10, choices=AccessAction.choices)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.aid_request_id}"


class StaffInvitation(models.Model):
    """A one-time link to set up a staff member's second factor (docs/data-protection.md,
    "Staff accounts").

    Only the hash of the link's token is kept. The token is derived from ``salt`` with
    the secret key (``cpasonline.keyed.keyed_token``), so the email can be written when
    it is sent, and a copy of the database alone gives no link."""

    user = models.ForeignKey(
        _USER, verbose_name=_("staff member"), on_delete=models.CASCADE, related_name="+"
    )
    created_by = models.ForeignKey(
        _USER,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"))
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    salt = models.CharField(max_length=32, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)

    class Meta:
        verbose_name = _("second-factor invitation")
        verbose_name_plural = _("second-factor invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user_id} {self.created_at:%Y-%m-%d %H:%M}"
