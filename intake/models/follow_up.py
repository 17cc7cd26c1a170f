"""The follow-up of a request by the CPAS that holds it: read marks, the register,
decisions on competence and on the merits, and the request's history.

Written only by the lifecycle services (``intake.services``); see docs/lifecycle.md.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..constants import EventKind, MeritsOutcome

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
