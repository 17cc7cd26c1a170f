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
    REGISTERED = "registered", _("Registered")
    DECIDED = "decided", _("Decided")


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


class MeritsOutcome(models.TextChoices):
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")
    OTHER = "other", _("Other (withdrawn, no follow-up…)")


class Need(models.TextChoices):
    INCOME = "income", _("Money to live on (integration income)")
    HOUSING = "housing", _("Housing")
    ENERGY = "energy", _("Energy (gas, electricity, heating, water)")
    MEDICAL = "medical", _("Medical costs")
    DEBTS = "debts", _("Debts")
    FOOD = "food", _("Food")
    OTHER = "other", _("Something else")


NEEDS_TEXT_MAX_LENGTH = 1000
