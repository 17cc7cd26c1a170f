from django.db import models
from django.utils.translation import gettext_lazy as _


class Medium(models.TextChoices):
    """How the applicant's messages reach them (docs/first-contact.md, "The eBox")."""

    EMAIL = "email", _("Email")
    EBOX = "ebox", _("eBox")


class MeetingMode(models.TextChoices):
    AT_CPAS = "at_cpas", _("At the CPAS")
    AT_HOME = "at_home", _("At the applicant's home")
    PHONE = "phone", _("By phone")


class AppointmentState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed, no answer yet")
    CONFIRMED = "confirmed", _("Confirmed by the applicant")
    OTHER_TIME = "other_time", _("The applicant asks for another time")
    NO_REACTION = "no_reaction", _("No reaction")
    WITHDRAWN = "withdrawn", _("Withdrawn (replaced or request transferred)")


class LinkState(models.TextChoices):
    """Why a link opens or not (contact/rules.py)."""

    OK = "ok", _("Usable")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")
    ERASED = "erased", _("The request's data were erased")


class Refusal(models.TextChoices):
    """Why an applicant's answer is not recorded (contact/rules.py)."""

    ALREADY = "already", _("Already answered")
    PAST = "past", _("The meeting time has passed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CLOSED = "closed", _("No longer open")
