"""The provisionally competent CPAS: every branch of docs/routing.md.

Law of 2 April 1965: art. 1 (habitual residence), art. 2 §1 (institutions), §6
(full-time students), §7 (people without a residence).
"""

import pytest

from routing.rules import Designation, IncompleteAnswers, RoutingAnswers, Rule, designate

pytestmark = pytest.mark.core

NAMUR, LIEGE, GHENT, EUPEN, BRUSSELS = "92094", "62063", "44021", "63023", "21004"

CASES = [
    # Q1 yes: an institution of art. 2 §1's list.
    pytest.param(
        RoutingAnswers(
            in_institution=True, registered_commune_at_admission=LIEGE, institution_commune=NAMUR
        ),
        Designation(LIEGE, Rule.INSTITUTION),
        id="institution-commune-of-registration-at-admission",
    ),
    pytest.param(
        RoutingAnswers(in_institution=True, registered_commune_at_admission=LIEGE),
        Designation(LIEGE, Rule.INSTITUTION),
        id="institution-registered-place-unknown",
    ),
    pytest.param(
        RoutingAnswers(in_institution=True, institution_commune=NAMUR),
        Designation(NAMUR, Rule.INSTITUTION_UNREGISTERED),
        id="institution-not-registered-commune-of-the-place",
    ),
    pytest.param(
        RoutingAnswers(
            in_institution=True,
            registered_commune_at_admission=LIEGE,
            full_time_student=True,
            domicile_commune=GHENT,
        ),
        Designation(LIEGE, Rule.INSTITUTION),
        id="institution-wins-over-student",
    ),
    # Q2 yes: a full-time student registered somewhere.
    pytest.param(
        RoutingAnswers(
            in_institution=False,
            full_time_student=True,
            domicile_commune=GHENT,
            lives_at_domicile=False,
            current_commune=BRUSSELS,
        ),
        Designation(GHENT, Rule.STUDENT),
        id="student-domicile-even-when-living-elsewhere",
    ),
    pytest.param(
        RoutingAnswers(in_institution=False, full_time_student=True, domicile_commune=GHENT),
        Designation(GHENT, Rule.STUDENT),
        id="student-domicile",
    ),
    pytest.param(
        RoutingAnswers(in_institution=False, full_time_student=True, current_commune=BRUSSELS),
        Designation(BRUSSELS, Rule.RESIDENCE),
        id="student-not-registered-where-they-live",
    ),
    # Q3: where the person lives.
    pytest.param(
        RoutingAnswers(in_institution=False, domicile_commune=EUPEN, lives_at_domicile=True),
        Designation(EUPEN, Rule.DOMICILE),
        id="lives-at-domicile",
    ),
    pytest.param(
        RoutingAnswers(
            in_institution=False,
            domicile_commune=EUPEN,
            lives_at_domicile=False,
            current_commune=LIEGE,
        ),
        Designation(LIEGE, Rule.RESIDENCE),
        id="lives-elsewhere-than-domicile",
    ),
    pytest.param(
        RoutingAnswers(in_institution=False, current_commune=NAMUR),
        Designation(NAMUR, Rule.RESIDENCE),
        id="domicile-unknown-commune-where-they-live",
    ),
    pytest.param(
        RoutingAnswers(in_institution=False, lives_at_domicile=True, current_commune=NAMUR),
        Designation(NAMUR, Rule.RESIDENCE),
        id="says-lives-at-domicile-but-domicile-unknown",
    ),
    pytest.param(
        RoutingAnswers(in_institution=False, lives_at_domicile=False, current_commune=BRUSSELS),
        Designation(BRUSSELS, Rule.RESIDENCE),
        id="homeless-commune-where-they-stay",
    ),
]


@pytest.mark.parametrize(("answers", "expected"), CASES)
def test_designate(answers, expected):
    assert designate(answers) == expected


@pytest.mark.parametrize(
    "answers",
    [
        pytest.param(RoutingAnswers(in_institution=True), id="institution-without-commune"),
        pytest.param(RoutingAnswers(in_institution=False), id="nothing-answered"),
        pytest.param(
            RoutingAnswers(in_institution=False, domicile_commune=NAMUR, lives_at_domicile=False),
            id="lives-elsewhere-without-commune",
        ),
    ],
)
def test_incomplete_answers_are_refused(answers):
    with pytest.raises(IncompleteAnswers):
        designate(answers)


def test_every_rule_has_a_label():
    assert all(str(rule.label) for rule in Rule)
