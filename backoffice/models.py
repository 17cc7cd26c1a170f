"""Staff, and the CPAS's follow-up of a request: read marks, register, decisions,
history, access log and API tokens (DESIGN §8)."""

import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import AccessAction, EventKind, MeritsOutcome, Role


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

    objects = StaffManager()

    class Meta(AbstractUser.Meta):
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")

    def clean(self):
        super().clean()
        if self.role == Role.SPPIS_ADMIN and self.cpas_id:
            raise ValidationError({"cpas": _("An SPP-IS administrator has no CPAS.")})
        if self.role != Role.SPPIS_ADMIN and not self.cpas_id:
            raise ValidationError({"cpas": _("Choose the CPAS this person works for.")})

    @property
    def is_sppis_admin(self) -> bool:
        return self.role == Role.SPPIS_ADMIN


_USER = settings.AUTH_USER_MODEL
_REQUEST = "intake.AidRequest"
_CPAS = "routing.Cpas"


class ReadMark(models.Model):
    """The first reader of a request in a CPAS (a transfer gives the receiver its own)."""

    aid_request = models.ForeignKey(_REQUEST, on_delete=models.CASCADE, related_name="read_marks")
    cpas = models.ForeignKey(_CPAS, verbose_name=_("CPAS"), on_delete=models.PROTECT)
    read_by = models.ForeignKey(_USER, verbose_name=_("read by"), on_delete=models.PROTECT)
    read_at = models.DateTimeField(_("read at"))

    class Meta:
        verbose_name = _("read mark")
        verbose_name_plural = _("read marks")
        constraints = [
            models.UniqueConstraint(fields=["aid_request", "cpas"], name="read_mark_once_per_cpas")
        ]

    def __str__(self):
        return f"{self.aid_request_id} @ {self.cpas_id}"


class RegisterCounter(models.Model):
    """The last number given in a CPAS's register for one year (locked to draw the next)."""

    cpas = models.ForeignKey(_CPAS, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cpas", "year"], name="register_counter_per_year")
        ]

    def __str__(self):
        return f"{self.cpas_id}/{self.year}: {self.last_number}"


class RegisterEntry(models.Model):
    """A line of the CPAS's chronological register of requests."""

    cpas = models.ForeignKey(_CPAS, verbose_name=_("CPAS"), on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("register number"))
    aid_request = models.ForeignKey(
        _REQUEST, on_delete=models.PROTECT, related_name="register_entries"
    )
    reception_date = models.DateField(_("reception date"))
    registered_at = models.DateTimeField(_("registered at"))
    registered_by = models.ForeignKey(
        _USER, verbose_name=_("registered by"), on_delete=models.PROTECT
    )

    class Meta:
        verbose_name = _("register entry")
        verbose_name_plural = _("register entries")
        ordering = ["cpas", "year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["cpas", "year", "number"], name="register_number_unique"
            ),
            models.UniqueConstraint(fields=["cpas", "aid_request"], name="register_once_per_cpas"),
        ]

    def __str__(self):
        return f"{self.number}/{self.year}"


class CompetenceDecision(models.Model):
    """A CPAS's decision on its territorial competence; not competent = a transfer."""

    aid_request = models.ForeignKey(
        _REQUEST, on_delete=models.PROTECT, related_name="competence_decisions"
    )
    cpas = models.ForeignKey(
        _CPAS, verbose_name=_("CPAS"), on_delete=models.PROTECT, related_name="+"
    )
    competent = models.BooleanField(_("competent"))
    transferred_to = models.ForeignKey(
        _CPAS,
        verbose_name=_("transferred to"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    notified_on = models.DateField(_("applicant notified on"), null=True, blank=True)
    decided_at = models.DateTimeField(_("recorded at"))
    decided_by = models.ForeignKey(_USER, verbose_name=_("recorded by"), on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("competence decision")
        verbose_name_plural = _("competence decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["aid_request", "cpas"], name="competence_decision_once_per_cpas"
            ),
            models.CheckConstraint(
                condition=models.Q(competent=True, transferred_to__isnull=True)
                | models.Q(competent=False, transferred_to__isnull=False),
                name="competence_decision_transfer_iff_not_competent",
            ),
        ]
        indexes = [
            # The requests a CPAS transferred away (access.requests_visible_to), on every
            # list: a few, where the CPAS's competence decisions are as many as its requests.
            models.Index(
                fields=["cpas", "aid_request"],
                condition=models.Q(competent=False),
                name="competence_decision_transfer",
            ),
        ]

    def __str__(self):
        return f"{self.aid_request_id}: {self.competent}"


class MeritsDecision(models.Model):
    """The decision on the merits (R + 30)."""

    aid_request = models.OneToOneField(
        _REQUEST, on_delete=models.PROTECT, related_name="merits_decision"
    )
    cpas = models.ForeignKey(
        _CPAS, verbose_name=_("CPAS"), on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(_("decision"), max_length=10, choices=MeritsOutcome.choices)
    decided_on = models.DateField(_("decided on"))
    recorded_at = models.DateTimeField(_("recorded at"))
    recorded_by = models.ForeignKey(_USER, verbose_name=_("recorded by"), on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("decision on the merits")
        verbose_name_plural = _("decisions on the merits")

    def __str__(self):
        return f"{self.aid_request_id}: {self.outcome}"


class RequestEvent(models.Model):
    """A line of a request's history. ``data`` carries no personal data."""

    aid_request = models.ForeignKey(_REQUEST, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("at"))
    kind = models.CharField(_("event"), max_length=20, choices=EventKind.choices)
    cpas = models.ForeignKey(
        _CPAS, verbose_name=_("CPAS"), on_delete=models.PROTECT, related_name="+", null=True
    )
    actor = models.ForeignKey(
        _USER, verbose_name=_("by"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("history event")
        verbose_name_plural = _("history events")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.aid_request_id}: {self.kind}"


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
    token = models.ForeignKey(ApiToken, on_delete=models.PROTECT, related_name="+")
    retrieved_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["aid_request", "cpas"], name="retrieved_once_per_cpas")
        ]

    def __str__(self):
        return f"{self.aid_request_id} @ {self.cpas_id}"


class AccessLogEntry(models.Model):
    """Who consulted which request's personal data, when, from where (DESIGN §8)."""

    at = models.DateTimeField(_("at"), db_index=True)
    user = models.ForeignKey(
        _USER, verbose_name=_("staff member"), on_delete=models.PROTECT, null=True
    )
    api_token = models.ForeignKey(
        ApiToken, verbose_name=_("API token"), on_delete=models.PROTECT, null=True
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
