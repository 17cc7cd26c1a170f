"""The provisionally competent CPAS: every branch of docs/routing.md.

Law of 2 April 1965: art. 1 (habitual residence), art. 2 §1 (institutions; places
for young people: minors only), §3 (continuity between institutions), §6 (full-time
students), §7 (people without a residence).
"""

from datetime import date

import pytest

from routing.rules import (
    Designation,
    IncompleteAnswers,
    RoutingAnswers,
    Rule,
    designate,
    institution_kinds,
    may_be_minor,
)

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
        id="lives-elsewhere-commune-where-they-usually-live",
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


NEW_CASES = [
    # Art. 1: the habitual residence, elsewhere than the domicile.
    pytest.param(
        RoutingAnswers(in_institution=False, lives_at_domicile=False, current_commune=LIEGE),
        Designation(LIEGE, Rule.RESIDENCE),
        id="art-1-usually-lives-elsewhere",
    ),
    # Art. 2 §7: no fixed place to live: where the person stays at the time of the request.
    pytest.param(
        RoutingAnswers(
            in_institution=False,
            lives_at_domicile=False,
            current_commune=BRUSSELS,
            no_fixed_residence=True,
        ),
        Designation(BRUSSELS, Rule.NO_RESIDENCE),
        id="art-2-7-no-fixed-place",
    ),
    pytest.param(
        RoutingAnswers(
            in_institution=False,
            domicile_commune=NAMUR,
            lives_at_domicile=False,
            current_commune=GHENT,
            no_fixed_residence=True,
        ),
        Designation(GHENT, Rule.NO_RESIDENCE),
        id="art-2-7-reference-address-does-not-decide",
    ),
    # Art. 2 §3: continuity — the registration at the first of the places passed
    # through without a break is the one asked and used.
    pytest.param(
        RoutingAnswers(
            in_institution=True, registered_commune_at_admission=EUPEN, institution_commune=LIEGE
        ),
        Designation(EUPEN, Rule.INSTITUTION),
        id="art-2-3-first-admission",
    ),
    # Art. 2 §6: a student's registration, whatever the student did not answer.
    pytest.param(
        RoutingAnswers(
            in_institution=False,
            full_time_student=True,
            domicile_commune=GHENT,
            no_fixed_residence=True,
            current_commune=BRUSSELS,
        ),
        Designation(GHENT, Rule.STUDENT),
        id="art-2-6-registration-wins",
    ),
]


@pytest.mark.parametrize(("answers", "expected"), NEW_CASES)
def test_designate_habitual_residence_continuity_and_no_residence(answers, expected):
    assert designate(answers) == expected


@pytest.mark.parametrize(
    ("minor", "youth_listed"),
    [
        # Art. 2 §1: the places for young people count for minors only (docs/routing.md).
        pytest.param(True, True, id="minor-sees-youth-places"),
        pytest.param(False, False, id="adult-does-not"),
    ],
)
def test_places_for_young_people_are_for_minors_only(minor, youth_listed):
    keys = [kind.key for kind in institution_kinds(minor=minor)]
    assert ("youth" in keys) is youth_listed
    assert {"psychiatric", "elderly", "shelter", "detention"} <= set(keys)


TODAY = date(2026, 12, 2)


@pytest.mark.parametrize(
    ("born", "minor"),
    [
        pytest.param((2008, 12, 2), False, id="eighteen-today"),
        pytest.param((2008, 12, 3), True, id="eighteen-tomorrow"),
        pytest.param((2000, 1, 1), False, id="adult"),
        pytest.param((2015, 6, 1), True, id="child"),
        pytest.param((2008, None, None), True, id="year-only-may-still-be-17"),
        pytest.param((2007, None, None), False, id="year-only-surely-adult"),
        pytest.param((2008, 11, None), False, id="november-2008-day-unknown"),
        pytest.param((2008, 12, None), True, id="december-2008-day-unknown"),
    ],
)
def test_may_be_minor(born, minor):
    year, month, day = born
    assert may_be_minor(year=year, month=month, day=day, today=TODAY) is minor
