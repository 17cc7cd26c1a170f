from django.db import models
from django.utils.translation import gettext_lazy as _

from .. import crypto
from ..constants import NEEDS_TEXT_MAX_LENGTH, Channel, IdentificationMethod, State
from ..identity import BirthDateParts, format_birth_date


class AidRequest(models.Model):
    """A first request for social aid, as the applicant submitted it.

    The applicant's answers are kept as given; the back-office adds its follow-up.
    The national number is stored encrypted with a keyed hash beside it (docs/data-protection.md).
    """

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    submission_key = models.UUIDField(
        _("submission key"),
        unique=True,
        editable=False,
        help_text=_("Makes submission idempotent: one wizard, one request."),
    )
    # For a request entered by staff: the instant it was entered (docs/register.md).
    submitted_at = models.DateTimeField(_("submitted at"))
    channel = models.CharField(
        _("channel"), max_length=12, choices=Channel.choices, default=Channel.ONLINE
    )
    language = models.CharField(_("language"), max_length=2)
    identification_method = models.CharField(
        _("identified by"), max_length=5, choices=IdentificationMethod.choices
    )
    national_number_encrypted = models.TextField(blank=True, editable=False)
    national_number_hash = models.CharField(
        max_length=64, blank=True, editable=False, db_index=True
    )
    first_name = models.CharField(_("first names"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    # With eID or itsme: the names the authentication service asserted, kept beside the
    # ones the applicant may have corrected (docs/identification.md).
    asserted_first_name = models.CharField(
        _("first names from the National Register"), max_length=100, blank=True
    )
    asserted_last_name = models.CharField(
        _("last name from the National Register"), max_length=100, blank=True
    )
    # The birth date as given: the year always, month and day when known (the 00 of
    # many BIS numbers); ``birth_date`` is the full date, empty when a part is unknown
    # (docs/identification.md, "Birth date and number must agree"). Once the personal
    # data is erased, the year alone stays (docs/data-protection.md, "Retention").
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"))
    birth_month = models.PositiveSmallIntegerField(_("month of birth"), null=True, blank=True)
    birth_day = models.PositiveSmallIntegerField(_("day of birth"), null=True, blank=True)

    # Required online (circular 3); a request entered by staff may have none.
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_relation = models.CharField(_("relation to the applicant"), max_length=100, blank=True)
    contact_email = models.EmailField(_("contact person's email"), blank=True)
    contact_phone = models.CharField(_("contact person's phone"), max_length=30, blank=True)

    # Empty for a request entered by staff: no question was asked.
    routing_answers = models.JSONField(_("routing answers"), blank=True)
    routing_rule = models.CharField(_("rule applied"), max_length=30, blank=True)
    commune = models.ForeignKey(
        "routing.Commune",
        verbose_name=_("designated commune"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    designated_cpas = models.ForeignKey(
        "routing.Cpas",
        verbose_name=_("provisionally competent CPAS"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    cpas = models.ForeignKey(
        "routing.Cpas",
        verbose_name=_("CPAS handling the request"),
        on_delete=models.PROTECT,
        related_name="aid_requests",
    )

    needs = models.JSONField(_("help asked for"), default=list, blank=True)
    needs_text = models.TextField(
        _("in their own words"), max_length=NEEDS_TEXT_MAX_LENGTH, blank=True
    )
    # The applicant said it cannot wait: no place to sleep tonight, no food, no money for
    # urgent medicine, the energy cut (docs/emergency-contacts.md). The inbox lists these
    # first; the CPAS alert counts them, and says nothing else.
    urgent = models.BooleanField(_("marked urgent by the applicant"), default=False)
    # A CPAS's rehearsal request, sent to itself through its sandbox link: marked TEST
    # everywhere, outside the register and the statistics, never reminded, purged
    # after a set time (docs/sandbox.md).
    is_test = models.BooleanField(_("test request (sandbox)"), default=False, db_index=True)

    reception_date = models.DateField(_("reception date"), db_index=True)
    competence_deadline = models.DateField(_("competence deadline"), db_index=True)
    decision_deadline = models.DateField(_("decision deadline"), db_index=True)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.NEW)
    # When the retention period ended and the applicant's data was erased; what stays is
    # the request's statistics (docs/data-protection.md, "Retention").
    personal_data_erased_at = models.DateTimeField(
        _("personal data erased at"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("request for aid")
        verbose_name_plural = _("requests for aid")
        ordering = ["-reception_date", "-submitted_at"]
        indexes = [
            models.Index(
                fields=["cpas", "-reception_date", "-submitted_at"],
                name="aid_request_inbox",
            ),
            models.Index(fields=["cpas", "state"], name="aid_request_cpas_state"),
            # Possible matches of a person without a national number (linked-requests.md).
            models.Index(fields=["cpas", "birth_year"], name="aid_request_cpas_birth"),
            # The back-office's default view: a CPAS's undecided requests, those marked
            # urgent first, then oldest first. With the deadlines (and the key, for the
            # steps done), its "overdue" count reads the index alone, not one table page
            # per request. Test requests stand outside it: the real views never count
            # them (docs/sandbox.md).
            models.Index(
                fields=["cpas", "-urgent", "reception_date", "submitted_at"],
                include=["competence_deadline", "decision_deadline", "id"],
                condition=models.Q(
                    state__in=[State.NEW, State.READ, State.REGISTERED], is_test=False
                ),
                name="aid_request_open",
            ),
        ]

    def __str__(self):
        return self.reference

    @property
    def birth_date_parts(self) -> BirthDateParts:
        return BirthDateParts(self.birth_year, self.birth_month, self.birth_day)

    @property
    def birth_date_text(self) -> str:
        """ "30/07/1985", or "00/03/1985" when the day is unknown (the Register's 00)."""
        return format_birth_date(self.birth_date_parts)

    @property
    def names_changed_by_applicant(self) -> bool:
        """The applicant typed other names than the ones eID or itsme asserted."""
        return bool(self.asserted_first_name or self.asserted_last_name) and (
            (self.asserted_first_name, self.asserted_last_name) != (self.first_name, self.last_name)
        )

    @property
    def national_number(self) -> str:
        if not self.national_number_encrypted:
            return ""
        return crypto.decrypt(self.national_number_encrypted)

    @national_number.setter
    def national_number(self, value: str) -> None:
        self.national_number_encrypted = crypto.encrypt(value) if value else ""
        self.national_number_hash = crypto.keyed_hash(value) if value else ""
