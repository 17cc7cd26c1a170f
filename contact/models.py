"""The first contact between a CPAS and the applicant (docs/first-contact.md)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notifications.models import OutboxMessage

from .constants import AppointmentState, Medium, MeetingMode

_REQUEST = "intake.AidRequest"


class ContactLink(models.Model):
    """The applicant's link to their request's page. Only the token's hash is stored;
    the token is derived from ``salt`` with the secret key when an email is written
    (contact/links.py)."""

    aid_request = models.ForeignKey(
        _REQUEST, on_delete=models.CASCADE, related_name="contact_links"
    )
    salt = models.CharField(max_length=32, unique=True, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("applicant's link")
        verbose_name_plural = _("applicant's links")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.aid_request_id} #{self.pk}"


class DocumentItem(models.Model):
    """One document a CPAS may ask the applicant to bring, kept by its managers, in the
    four languages (the applicant reads their own; an empty one falls back)."""

    cpas = models.ForeignKey(
        "routing.Cpas", on_delete=models.CASCADE, related_name="document_items"
    )
    label_fr = models.CharField(_("in French"), max_length=200, blank=True)
    label_nl = models.CharField(_("in Dutch"), max_length=200, blank=True)
    label_de = models.CharField(_("in German"), max_length=200, blank=True)
    label_en = models.CharField(_("in English"), max_length=200, blank=True)
    active = models.BooleanField(_("offered"), default=True)

    class Meta:
        verbose_name = _("document to bring")
        verbose_name_plural = _("documents to bring")
        ordering = ["pk"]

    def __str__(self):
        return self.label("fr")

    def label(self, language: str) -> str:
        order = [language, "fr", "nl", "de", "en"]
        return next(
            (
                getattr(self, f"label_{code}")
                for code in order
                if getattr(self, f"label_{code}", "")
            ),
            "",
        )


class Appointment(models.Model):
    """A first meeting proposed by a social worker (circular of 28 May 2025, point 9.3)."""

    aid_request = models.ForeignKey(_REQUEST, on_delete=models.CASCADE, related_name="appointments")
    cpas = models.ForeignKey("routing.Cpas", on_delete=models.PROTECT, related_name="+")
    attempt = models.PositiveSmallIntegerField(_("attempt"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed at"), default=timezone.now)
    starts_at = models.DateTimeField(_("meeting at"))
    mode = models.CharField(_("how"), max_length=10, choices=MeetingMode.choices)
    place = models.CharField(_("place"), max_length=200, blank=True)
    documents = models.JSONField(_("documents to bring"), default=list, blank=True)
    documents_text = models.TextField(_("other documents"), max_length=1000, blank=True)
    state = models.CharField(
        _("answer"),
        max_length=12,
        choices=AppointmentState.choices,
        default=AppointmentState.PROPOSED,
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    new_phone = models.CharField(_("new phone number"), max_length=30, blank=True)
    wish = models.CharField(_("times that suit the applicant"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["aid_request", "attempt"]
        constraints = [
            models.UniqueConstraint(fields=["aid_request", "attempt"], name="appointment_attempt")
        ]

    def __str__(self):
        return f"{self.aid_request_id} #{self.attempt}"


class ContactChoice(models.Model):
    """How the applicant wants the CPAS's messages: email, or the eBox (only after an
    eID login, docs/first-contact.md)."""

    aid_request = models.OneToOneField(
        _REQUEST, on_delete=models.CASCADE, related_name="contact_choice"
    )
    medium = models.CharField(_("medium"), max_length=5, choices=Medium.choices)
    chosen_at = models.DateTimeField(_("chosen at"), default=timezone.now)

    class Meta:
        verbose_name = _("contact choice")
        verbose_name_plural = _("contact choices")

    def __str__(self):
        return f"{self.aid_request_id} {self.medium}"


class ApplicantMessage(OutboxMessage):
    """One message to the applicant (outbox, docs/notifications.md): email or eBox,
    chosen when it is written; rendered when it is sent."""

    kind = models.CharField(_("kind"), max_length=20)
    medium = models.CharField(_("medium"), max_length=5, choices=Medium.choices)
    to = models.EmailField(_("to"), blank=True)
    language = models.CharField(_("language"), max_length=2)
    aid_request = models.ForeignKey(
        _REQUEST, on_delete=models.PROTECT, related_name="applicant_messages"
    )
    context = models.JSONField(_("context"), default=dict, blank=True)
    idempotency_key = models.CharField(_("idempotency key"), max_length=100, unique=True)

    class Meta(OutboxMessage.Meta):
        verbose_name = _("message to the applicant")
        verbose_name_plural = _("messages to the applicant")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.kind} #{self.pk}"
