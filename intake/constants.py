from django.db import models
from django.utils.translation import gettext_lazy as _


class IdentificationMethod(models.TextChoices):
    EID = "eid", _("eID or itsme")
    TYPED = "typed", _("National number typed in")
    NONE = "none", _("No national number")


class State(models.TextChoices):
    NEW = "new", _("New (unread)")
    READ = "read", _("Read")
    REGISTERED = "registered", _("Registered")
    TRANSFERRED = "transferred", _("Transferred")
    DECIDED = "decided", _("Decided")


class Need(models.TextChoices):
    INCOME = "income", _("Money to live on (integration income)")
    HOUSING = "housing", _("Housing")
    ENERGY = "energy", _("Energy (gas, electricity, heating, water)")
    MEDICAL = "medical", _("Medical costs")
    DEBTS = "debts", _("Debts")
    FOOD = "food", _("Food")
    OTHER = "other", _("Something else")


NEEDS_TEXT_MAX_LENGTH = 1000
