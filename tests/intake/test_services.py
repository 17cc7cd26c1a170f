import uuid
from datetime import UTC, date, datetime

import pytest

from intake.constants import IdentificationMethod
from intake.identity import BirthDateParts
from intake.models import AidRequest
from intake.services import Contact, Identity, Needs, SubmissionRefused, aid_request_submit
from routing.rules import RoutingAnswers, Rule
from tests.factories import submit

pytestmark = pytest.mark.django_db


def test_submission_records_the_designation_and_the_legal_dates():
    # Friday 20 November 2026, 18:00 in Brussels: R is that Friday (circular's example).
    aid_request = submit(nis_code="92094", submitted_at=datetime(2026, 11, 20, 17, 0, tzinfo=UTC))

    assert aid_request.cpas.code == "92094"
    assert aid_request.designated_cpas == aid_request.cpas
    assert aid_request.routing_rule == Rule.RESIDENCE
    assert aid_request.reception_date == date(2026, 11, 20)
    assert aid_request.competence_deadline == date(2026, 11, 25)
    assert aid_request.decision_deadline == date(2026, 12, 20)
    assert aid_request.reference.startswith("CPAS-2026-")


def test_the_national_number_is_stored_encrypted_with_a_keyed_hash():
    aid_request = submit(national_number="85073003328")
    row = AidRequest.objects.values("national_number_encrypted", "national_number_hash").get()

    assert "85073003328" not in row["national_number_encrypted"]
    assert "85073003328" not in row["national_number_hash"]
    assert AidRequest.objects.get().national_number == "85073003328"
    assert submit(national_number="85073003328").national_number_hash == (
        aid_request.national_number_hash
    )


def test_without_national_number_nothing_is_stored():
    aid_request = submit(national_number="")
    assert aid_request.national_number == ""
    assert aid_request.national_number_hash == ""
    assert aid_request.identification_method == IdentificationMethod.NONE


def test_the_same_submission_key_gives_the_same_request():
    arguments = {
        "submission_key": uuid.uuid4(),
        "submitted_at": datetime(2026, 11, 23, 9, 0, tzinfo=UTC),
        "language": "nl",
        "identity": Identity(
            method=IdentificationMethod.NONE,
            first_name="Sam",
            last_name="Peeters",
            birth_date=date(1990, 1, 1),
        ),
        "contact": Contact(email="sam@example.org"),
        "routing": RoutingAnswers(in_institution=False, current_commune="11002"),
        "needs": Needs(),
        "confirms_not_helped": True,
    }
    first = aid_request_submit(**arguments)
    second = aid_request_submit(**arguments)

    assert first.pk == second.pk
    assert AidRequest.objects.count() == 1


def test_references_are_unique():
    references = {submit().reference for _ in range(20)}
    assert len(references) == 20


@pytest.mark.parametrize(
    "confirms_not_helped",
    [
        # Circular of 28 May 2025, point 3: "Les personnes déjà aidées par le CPAS ne
        # peuvent pas utiliser CPAS Online" — the person must confirm it.
        pytest.param(False, id="already-helped"),
        pytest.param(None, id="not-answered"),
    ],
)
def test_a_person_already_helped_cannot_file_online(confirms_not_helped):
    with pytest.raises(SubmissionRefused):
        aid_request_submit(
            submission_key=uuid.uuid4(),
            submitted_at=datetime(2026, 11, 23, 9, 0, tzinfo=UTC),
            language="fr",
            identity=Identity(
                method=IdentificationMethod.NONE,
                first_name="Sam",
                last_name="Peeters",
                birth_date=date(1990, 1, 1),
            ),
            contact=Contact(email="sam@example.org"),
            routing=RoutingAnswers(in_institution=False, current_commune="11002"),
            needs=Needs(),
            confirms_not_helped=confirms_not_helped,
        )
    assert AidRequest.objects.count() == 0


@pytest.mark.parametrize(
    ("born", "stored"),
    [
        # docs/identification.md, "Birth date and number must agree": parts kept as given.
        pytest.param(date(1985, 7, 30), (date(1985, 7, 30), 1985, 7, 30, "30/07/1985"), id="full"),
        pytest.param(
            BirthDateParts(1985, 3, None), (None, 1985, 3, None, "00/03/1985"), id="day-unknown"
        ),
        pytest.param(
            BirthDateParts(1985, None, None),
            (None, 1985, None, None, "00/00/1985"),
            id="month-and-day-unknown",
        ),
    ],
)
def test_a_partly_known_birth_date_is_stored_as_given(born, stored):
    aid_request = submit(national_number="", birth_date=born)
    aid_request.refresh_from_db()
    assert (
        aid_request.birth_date,
        aid_request.birth_year,
        aid_request.birth_month,
        aid_request.birth_day,
        aid_request.birth_date_text,
    ) == stored


@pytest.mark.parametrize(
    ("asserted", "typed", "changed"),
    [
        pytest.param(("Camille", "Exemple"), ("Camille", "Exemple"), False, id="kept"),
        pytest.param(("Camille", "Exemple"), ("Mallory", "Someone-Else"), True, id="changed"),
        pytest.param(("", ""), ("Alex", "Martin"), False, id="not-eid"),
    ],
)
def test_names_typed_over_the_asserted_ones_are_visible(asserted, typed, changed):
    aid_request = submit(
        first_name=typed[0],
        last_name=typed[1],
        asserted_first_name=asserted[0],
        asserted_last_name=asserted[1],
    )
    aid_request.refresh_from_db()
    assert (aid_request.asserted_first_name, aid_request.asserted_last_name) == asserted
    assert aid_request.names_changed_by_applicant is changed
