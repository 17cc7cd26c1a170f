from django.db import models
from django.utils.translation import gettext_lazy as _


class IdentificationMethod(models.TextChoices):
    # The back-office's words; the citizen's wizard has its own (wizard/forms/person.py).
    EID = "eid", _("Identified by eID or itsme")
    TYPED = "typed", _("National number typed by the applicant")
    NONE = "none", _("No national number")


class State(models.TextChoices):
    NEW = "new", _("New (unread)")
    READ = "read", _("Read")
    # No longer given: every request is in the register from its reception
    # (docs/register.md); migration 0006 turned the old "registered" rows into "read".
    # The value stays so that the partial index's condition and the API's list of
    # values do not change.
    REGISTERED = "registered", _("Registered")
    DECIDED = "decided", _("Decided")


class Channel(models.TextChoices):
    """How a request reached the CPAS (organic law art. 58 §1 al. 1; docs/register.md)."""

    ONLINE = "online", _("Online form (CPAS Online)")
    DESK = "desk", _("At the desk")
    LETTER = "letter", _("By letter")
    EMAIL = "email", _("By email")
    PHONE = "phone", _("By telephone")
    EX_OFFICIO = "ex_officio", _("Opened by the CPAS of its own motion")


class EventKind(models.TextChoices):
    """What happens to a request, as its history records it (docs/lifecycle.md)."""

    SUBMITTED = "submitted", _("Submitted online")
    ALERT_SENT = "alert_sent", _("CPAS alerted by email")
    READ = "read", _("Read")
    REGISTERED = "registered", _("Registered")
    COMPETENT = "competent", _("Declared competent")
    TRANSFERRED = "transferred", _("Transferred")
    DECIDED = "decided", _("Decision on the merits")
    RETRIEVED = "retrieved", _("Retrieved by the social software")
    ENTERED = "entered", _("Entered in the register by staff")
    REFERRED = "referred", _("Referred to SPP-IS (competence conflict)")
    DECISION_CORRECTED = "decision_corrected", _("Decision on the merits corrected")
    DECISION_WITHDRAWN = "decision_withdrawn", _("Decision on the merits withdrawn")
    RECEPTION_CORRECTED = "reception_corrected", _("Reception date corrected")
    LINKED = "linked", _("Linked to another request of the same person")
    MATCH_CONFIRMED = "match_confirmed", _("Possible match confirmed")
    MATCH_DISMISSED = "match_dismissed", _("Possible match dismissed")
    # The first contact (docs/first-contact.md).
    CONTACT_PROPOSED = "contact_proposed", _("First appointment proposed")
    CONTACT_CONFIRMED = "contact_confirmed", _("Appointment confirmed by the applicant")
    CONTACT_OTHER_TIME = "contact_other_time", _("Applicant asked for another time")
    CONTACT_NO_REACTION = "contact_no_reaction", _("No reaction to the appointment")
    CONTACT_LINK_REVOKED = "contact_link_revoked", _("Applicant's link revoked")
    CONTACT_MEDIUM = "contact_medium", _("Applicant chose email or the eBox for messages")
    EXTERNAL_NUMBER = "external_number", _("Number in the CPAS's own register recorded")


class MeritsOutcome(models.TextChoices):
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")
    OTHER = "other", _("Other (withdrawn, no follow-up…)")


class TransferReason(models.TextChoices):
    """Common reasons why a CPAS is not territorially competent (law of 2 April 1965;
    docs/routing.md, docs/transfers.md). The notice to the applicant states them."""

    RESIDENCE = (
        "residence",
        _("You usually live in another commune (law of 2 April 1965, art. 1, 1°)."),
    )
    INSTITUTION = (
        "institution",
        _(
            "You live in an establishment listed in art. 2 §1 of the law of 2 April 1965: the "
            "CPAS of the commune where you were registered when you entered it is competent."
        ),
    )
    STUDENT = (
        "student",
        _(
            "As a full-time student, the CPAS of the commune where you are registered as your "
            "main residence is competent (law of 2 April 1965, art. 2 §6)."
        ),
    )
    NO_RESIDENCE = (
        "no_residence",
        _(
            "You have no habitual residence: the CPAS of the commune where you actually stay is "
            "competent (law of 2 April 1965, art. 2 §7)."
        ),
    )
    OTHER = "other", _("Another reason (explained below).")


class NoticeTiming(models.TextChoices):
    """The written notice of a transfer against R + 5 (docs/transfers.md)."""

    ON_TIME = "on_time", _("On time")
    LATE = "late", _("Late (after R + 5)")


class LinkKind(models.TextChoices):
    """Why two requests are of the same person (docs/linked-requests.md)."""

    SAME_NUMBER = "same_number", _("Same national number")
    SAME_NAMES = "same_names", _("Same names and date of birth")


class LinkStatus(models.TextChoices):
    LINKED = "linked", _("Linked")
    POSSIBLE = "possible", _("Possible match, to confirm")
    CONFIRMED = "confirmed", _("Confirmed")
    DISMISSED = "dismissed", _("Dismissed")


class Need(models.TextChoices):
    INCOME = "income", _("Money to live on (integration income)")
    HOUSING = "housing", _("Housing")
    ENERGY = "energy", _("Energy (gas, power, heat, water)")
    MEDICAL = "medical", _("Medical costs")
    DEBTS = "debts", _("Debts")
    FOOD = "food", _("Food")
    OTHER = "other", _("Something else")


NEEDS_TEXT_MAX_LENGTH = 1000
REASONS_TEXT_MAX_LENGTH = 1000
CORRECTION_REASON_MAX_LENGTH = 500
