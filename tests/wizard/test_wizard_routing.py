"""The routing questions as the person sees them (docs/routing.md): habitual residence,
no fixed place, places for young people for minors only, the commune as a question."""

from datetime import date

import pytest
import time_machine

from intake.models import AidRequest
from routing.rules import Rule

from .test_wizard import IDENTITY, Wizard

pytestmark = pytest.mark.django_db

NAMUR, BRUSSELS, LIEGE = "92094", "21004", "62063"


@pytest.mark.parametrize(
    ("residence", "nis_code", "rule"),
    [
        # Art. 1: where the person usually lives.
        pytest.param(
            {"lives_at_domicile": "yes", "domicile_commune": "Namur"},
            NAMUR,
            Rule.DOMICILE,
            id="art-1-domicile",
        ),
        pytest.param(
            {"lives_at_domicile": "no", "current_commune": "Liège"},
            LIEGE,
            Rule.RESIDENCE,
            id="art-1-usually-lives-elsewhere",
        ),
        # Art. 2 §7: no fixed place: where they stay at the time of the request.
        pytest.param(
            {"lives_at_domicile": "nofixed", "stay_commune": "Bruxelles"},
            BRUSSELS,
            Rule.NO_RESIDENCE,
            id="art-2-7-no-fixed-place",
        ),
    ],
)
def test_residence(client, residence, nis_code, rule):
    wizard = Wizard(client)
    wizard.through_identity()
    wizard.answer("place", {"in_institution": "no"})
    wizard.answer("student", {"full_time_student": "no"})
    assert wizard.answer("residence", residence) == "needs"
    wizard.send()
    aid_request = AidRequest.objects.get()
    assert (aid_request.commune_id, aid_request.routing_rule) == (nis_code, rule)
    assert aid_request.routing_answers["no_fixed_residence"] is (rule == Rule.NO_RESIDENCE)


def test_the_other_branchs_commune_is_not_used(client):
    wizard = Wizard(client)
    wizard.through_identity()
    wizard.answer("place", {"in_institution": "no"})
    wizard.answer("student", {"full_time_student": "no"})
    wizard.answer(
        "residence",
        {"lives_at_domicile": "nofixed", "stay_commune": "Namur", "current_commune": "Atlantis"},
    )
    wizard.send()
    assert AidRequest.objects.get().commune_id == NAMUR


@pytest.mark.parametrize(
    ("birth_year", "youth_listed"),
    [
        # Art. 2 §1: the places for young people count for minors only.
        pytest.param("1985", False, id="adult"),
        pytest.param("2012", True, id="minor"),
    ],
)
def test_places_for_young_people_are_listed_for_minors_only(client, birth_year, youth_listed):
    identity = {k: v for k, v in IDENTITY.items() if k != "national_number"} | {
        "birth_year": birth_year
    }
    with time_machine.travel(date(2026, 12, 2)):
        wizard = Wizard(client)
        wizard.through_identity(method="none", identity=identity)
        page = client.get(wizard.url("place")).content.decode()
    assert ("une famille d’accueil pour jeunes" in page) is youth_listed
    assert page.index("Vous dormez seulement") < page.index('name="place-in_institution"')


def test_the_follow_up_fields_come_under_their_answer(client):
    """UX audit #6: one commune field per answer, revealed by CSS without script."""
    wizard = Wizard(client)
    wizard.through_identity()
    wizard.answer("place", {"in_institution": "no"})
    wizard.answer("student", {"full_time_student": "no"})
    page = client.get(wizard.url("residence")).content.decode()
    assert 'class="choices choices--branch"' in page
    for answer, field in (
        ("0", "domicile_commune"),
        ("1", "current_commune"),
        ("2", "stay_commune"),
    ):
        follow_up = page.index(f'id="id_residence-lives_at_domicile_{answer}-follow-up"')
        assert page.index(f'name="residence-{field}"') > follow_up


def test_choosing_among_communes_is_a_question_not_an_error(client):
    """UX audit #7: no error summary, no "Erreur" in the title."""
    wizard = Wizard(client)
    wizard.through_identity()
    wizard.answer("place", {"in_institution": "no"})
    wizard.answer("student", {"full_time_student": "no"})
    response = wizard.post("residence", {"lives_at_domicile": "no", "current_commune": "Moerbeke"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="error-summary"' not in page
    assert "<title>Erreur" not in page
    assert 'class="error-message"' not in page
    choices = dict(response.context["form"].fields["current_commune_pick"].choices)
    assert set(choices) == {"41018", "46029"}  # Geraardsbergen and Lokeren


def test_a_cut_list_says_so(client):
    wizard = Wizard(client)
    wizard.through_identity()
    wizard.answer("place", {"in_institution": "no"})
    wizard.answer("student", {"full_time_student": "no"})
    response = wizard.post("residence", {"lives_at_domicile": "no", "current_commune": "Sint"})
    assert "tapez plus de lettres ou le code postal" in response.content.decode()


def test_already_helped_page_asks_which_commune_too(client):
    response = client.post("/fr/request/already-helped/", {"commune": "Deurne"})
    page = response.content.decode()
    assert 'class="error-summary"' not in page
    assert "Diest" in page and "Anvers" in page
