"""The provisionally competent CPAS (docs/routing.md).

Law of 2 April 1965 on taking charge of aid granted by the CPAS: art. 1, the CPAS of
the commune where the person habitually lives on the day of the request; art. 2, the
strictly interpreted exceptions (§1 institutions: the commune where the person was
registered when admitted; §6 full-time students: the commune of their domicile;
§7 people without a residence: the commune where they stay). The form names a
*provisional* CPAS; the CPAS checks it during its inquiry.

Communes are NIS codes. A pure function of the answers: no database, no clock.
"""

from dataclasses import dataclass
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
    current_commune: str | None = None


class Rule(StrEnum):
    INSTITUTION = "art-2-1"
    INSTITUTION_UNREGISTERED = "art-1-institution"
    STUDENT = "art-2-6"
    DOMICILE = "art-1-domicile"
    RESIDENCE = "art-1-residence"

    @property
    def label(self) -> str:
        return RULE_LABELS[self]


RULE_LABELS = {
    Rule.INSTITUTION: _(
        "Law of 2 April 1965, art. 2 §1: the commune where the person was registered "
        "when admitted to the institution."
    ),
    Rule.INSTITUTION_UNREGISTERED: _(
        "Law of 2 April 1965, art. 1: the commune of the institution, the person not "
        "having been registered anywhere when admitted."
    ),
    Rule.STUDENT: _(
        "Law of 2 April 1965, art. 2 §6: the commune of the full-time student's domicile."
    ),
    Rule.DOMICILE: _(
        "Law of 2 April 1965, art. 1: the commune where the person habitually lives, "
        "their domicile."
    ),
    Rule.RESIDENCE: _(
        "Law of 2 April 1965, art. 1 and art. 2 §7: the commune where the person lives "
        "or stays now."
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
        return Designation(answers.current_commune, Rule.RESIDENCE)
    raise IncompleteAnswers("the commune where the person lives or stays")
