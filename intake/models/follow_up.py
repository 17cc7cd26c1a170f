"""The follow-up of a request by the CPAS that holds it: read marks, decisions on
competence (and transfers, referrals to SPP-IS) and on the merits, and the request's
history. The register is in ``register.py``, links between requests in ``links.py``.

Written only by the lifecycle services (``intake.services``); see docs/lifecycle.md.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..constants import (
    CORRECTION_REASON_MAX_LENGTH,
    REASONS_TEXT_MAX_LENGTH,
    EventKind,
    MeritsOutcome,
    NoticeTiming,
)

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
    # A transfer's reasons (docs/transfers.md): codes of TransferReason and a text.
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    reasons_text = models.TextField(
        _("reasons in the CPAS's words"), max_length=REASONS_TEXT_MAX_LENGTH, blank=True
    )
    notice_by_email = models.BooleanField(_("notice sent by CPAS Online"), default=False)
    notice_timing = models.CharField(
        _("notice"), max_length=10, choices=NoticeTiming.choices, blank=True
    )
    decided_at = models.DateTimeField(_("recorded at"))
    # Empty when the CPAS's social software recorded it through the API (docs/api.md):
    # the history line names the software.
    decided_by = models.ForeignKey(
        _USER, verbose_name=_("recorded by"), on_delete=models.PROTECT, null=True, blank=True
    )

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


class ConflictReferral(models.Model):
    """A CPAS that received a request by transfer and deems itself not competent either
    refers it to SPP-IS's competence-conflict service (docs/transfers.md)."""

    aid_request = models.ForeignKey(
        _REQUEST, on_delete=models.PROTECT, related_name="conflict_referrals"
    )
    cpas = models.ForeignKey(
        _CPAS, verbose_name=_("CPAS"), on_delete=models.PROTECT, related_name="+"
    )
    received_on = models.DateField(_("received by transfer on"))
    deadline = models.DateField(_("referral deadline (5 working days)"))
    late = models.BooleanField(_("late"), default=False)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    reasons_text = models.TextField(
        _("reasons in the CPAS's words"), max_length=REASONS_TEXT_MAX_LENGTH, blank=True
    )
    referred_at = models.DateTimeField(_("referred at"))
    referred_by = models.ForeignKey(
        _USER,
        verbose_name=_("referred by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,  # empty when referred by the social software (docs/api.md)
        blank=True,
    )

    class Meta:
        verbose_name = _("referral to SPP-IS")
        verbose_name_plural = _("referrals to SPP-IS")
        ordering = ["referred_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["aid_request", "cpas"], name="conflict_referral_once_per_cpas"
            )
        ]

    def __str__(self):
        return f"{self.aid_request_id} @ {self.cpas_id}"


class MeritsDecision(models.Model):
    """The decision on the merits (R + 30). A correction supersedes it: the old row stays,
    with when, by whom and why (docs/lifecycle.md, "Corrections")."""

    aid_request = models.ForeignKey(
        _REQUEST, on_delete=models.PROTECT, related_name="merits_decisions"
    )
    cpas = models.ForeignKey(
        _CPAS, verbose_name=_("CPAS"), on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(_("decision"), max_length=10, choices=MeritsOutcome.choices)
    decided_on = models.DateField(_("decided on"))
    recorded_at = models.DateTimeField(_("recorded at"))
    # Empty when recorded by the social software through the API (docs/api.md).
    recorded_by = models.ForeignKey(
        _USER, verbose_name=_("recorded by"), on_delete=models.PROTECT, null=True, blank=True
    )
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)
    superseded_by = models.ForeignKey(
        _USER,
        verbose_name=_("superseded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    correction_reason = models.CharField(
        _("reason of the correction"), max_length=CORRECTION_REASON_MAX_LENGTH, blank=True
    )

    class Meta:
        verbose_name = _("decision on the merits")
        verbose_name_plural = _("decisions on the merits")
        ordering = ["recorded_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["aid_request"],
                condition=models.Q(superseded_at__isnull=True),
                name="merits_decision_one_current",
            )
        ]

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
