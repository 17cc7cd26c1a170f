"""The provisionally competent CPAS (docs/routing.md).

Law of 2 April 1965 on taking charge of aid granted by the CPAS: art. 1, the CPAS of
the commune where the person habitually lives on the day of the request; art. 2, the
strictly interpreted exceptions (§1 institutions: the commune where the person was
registered when admitted, and §3, when admitted to the first of the establishments
passed through without a break; §6 full-time students: the commune where they are
registered; §7 people without a residence: the commune where they stay). The form
names a *provisional* CPAS; the CPAS checks it during its inquiry.

Communes are NIS codes. Pure functions of the answers: no database, no clock.
"""

import calendar
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class RoutingAnswers:
    in_institution: bool
    registered_commune_at_admission: str | None = None
    institution_commune: str | None = None
    full_time_student: bool = False
    domicile_commune: str | None = None
    lives_at_domicile: bool | None = None
    # Where the person usually lives; with no fixed place, where they stay now.
    current_commune: str | None = None
    no_fixed_residence: bool = False


class Rule(StrEnum):
    INSTITUTION = "art-2-1"
    INSTITUTION_UNREGISTERED = "art-1-institution"
    STUDENT = "art-2-6"
    DOMICILE = "art-1-domicile"
    RESIDENCE = "art-1-residence"
    NO_RESIDENCE = "art-2-7"

    @property
    def label(self) -> str:
        return RULE_LABELS[self]


RULE_LABELS = {
    Rule.INSTITUTION: _(
        "Law of 2 April 1965, art. 2 §1 and §3: the commune where the person was registered "
        "when admitted to the institution (the first one, when they went from one to another "
        "without a break)."
    ),
    Rule.INSTITUTION_UNREGISTERED: _(
        "Law of 2 April 1965, art. 1: the commune of the institution, the person not "
        "having been registered anywhere when admitted."
    ),
    Rule.STUDENT: _(
        "Law of 2 April 1965, art. 2 §6: the commune where the full-time student is "
        "registered as their main residence."
    ),
    Rule.DOMICILE: _(
        "Law of 2 April 1965, art. 1: the commune where the person habitually lives, "
        "their domicile."
    ),
    Rule.RESIDENCE: _(
        "Law of 2 April 1965, art. 1: the commune where the person usually lives, "
        "elsewhere than at their domicile."
    ),
    Rule.NO_RESIDENCE: _(
        "Law of 2 April 1965, art. 2 §7: the commune where the person, who has no fixed "
        "place to live, stays at the time of the request."
    ),
}


@dataclass(frozen=True)
class Designation:
    nis_code: str
    rule: Rule


class IncompleteAnswers(ValueError):
    """The answers do not lead to a commune (a question is unanswered)."""


def designate(answers: RoutingAnswers) -> Designation:
    """The commune whose CPAS is provisionally competent, and the rule applied."""
    if answers.in_institution:
        if answers.registered_commune_at_admission:
            return Designation(answers.registered_commune_at_admission, Rule.INSTITUTION)
        if answers.institution_commune:
            return Designation(answers.institution_commune, Rule.INSTITUTION_UNREGISTERED)
        raise IncompleteAnswers("the commune of admission or of the institution")
    if answers.full_time_student and answers.domicile_commune:
        return Designation(answers.domicile_commune, Rule.STUDENT)
    if answers.lives_at_domicile and answers.domicile_commune:
        return Designation(answers.domicile_commune, Rule.DOMICILE)
    if answers.current_commune:
        rule = Rule.NO_RESIDENCE if answers.no_fixed_residence else Rule.RESIDENCE
        return Designation(answers.current_commune, rule)
    raise IncompleteAnswers("the commune where the person lives or stays")


# The establishments of art. 2 §1, in plain words (docs/routing.md). The list is
# limitative; the places for young people count for minors only.
@dataclass(frozen=True)
class InstitutionKind:
    key: str
    label: str
    minors_only: bool = False


INSTITUTION_KINDS = [
    InstitutionKind("psychiatric", _("a hospital or clinic for mental health")),
    InstitutionKind("elderly", _("a rest home, a rest and care home, or service flats")),
    InstitutionKind("disability", _("a home for people with a disability")),
    InstitutionKind(
        "shelter",
        _("a shelter, a home for adults or for mothers and children, or a night shelter"),
    ),
    InstitutionKind(
        "detention", _("a prison, or a place where a judge or the state made you stay")
    ),
    InstitutionKind(
        "youth", _("an institution or a foster family for young people"), minors_only=True
    ),
    InstitutionKind("detox", _("a detox centre")),
    InstitutionKind("sheltered", _("a care home for mental health, or sheltered housing")),
]
ADULT_AGE = 18


def institution_kinds(*, minor: bool) -> list[InstitutionKind]:
    """The places of art. 2 §1 the question names: for an adult, not the places for
    young people (an adult there falls under the general rule, art. 1)."""
    return [kind for kind in INSTITUTION_KINDS if minor or not kind.minors_only]


def may_be_minor(*, year: int, month: int | None, day: int | None, today: date) -> bool:
    """Under 18 on ``today``, or possibly so when the day or month of birth is unknown
    (the latest date the birth can be is taken)."""
    month_of_birth = month or 12
    day_of_birth = day or calendar.monthrange(year, month_of_birth)[1]
    before_birthday = (today.month, today.day) < (month_of_birth, day_of_birth)
    age = today.year - year - before_birthday
    return age < ADULT_AGE
