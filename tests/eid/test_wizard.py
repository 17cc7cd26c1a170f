"""The wizard with an eID login: number locked, identity and domicile prefilled."""

import pytest

from eid import testidp
from intake.models import AidRequest
from tests.wizard.test_wizard import CONTACT, Wizard

from .conftest import CAMILLE, post_response, spec_for, start_login

pytestmark = pytest.mark.django_db
BRUSSELS = "21004"  # Camille's domicile in the fictitious National Register


def through_eid_login(client, idp_keys, *, cancel=False):
    wizard = Wizard(client)
    wizard.start()
    wizard.answer("eligibility", {"already_helped": "no"})
    response = wizard.post("identification", {"method": "eid"})
    assert response["Location"].startswith("/saml/login/?next=")
    login = start_login(client, "/fr/request/identity/")
    if cancel:
        xml = testidp.failed_response(spec_for(login), **idp_keys)
    else:
        xml = testidp.signed_response(spec_for(login), **idp_keys)
    response = post_response(client, xml, login.relay_state)
    assert response["Location"] == "/fr/request/identity/"
    return wizard, client.get(response["Location"])


def test_eid_locks_the_number_and_prefills_identity_and_domicile(client, idp_keys):
    wizard, response = through_eid_login(client, idp_keys)

    page = response.content.decode()
    assert "85.07.30-034.27" in page
    assert 'name="identity-national_number"' not in page
    form = response.context["form"]
    assert form["first_name"].value() == "Camille"
    assert form["birth_year"].value() == 1985

    identity = {
        "first_name": "Camille",
        "last_name": "Exemple",
        "birth_day": "30",
        "birth_month": "7",
        "birth_year": "1985",
    }
    assert wizard.answer("identity", identity) == "contact"
    assert wizard.answer("contact", CONTACT) == "place"
    wizard.answer("place", {"in_institution": "no"})
    assert wizard.answer("student", {"full_time_student": "no"}) == "residence"
    response = client.get(wizard.url("residence"))
    assert "domicile_commune" not in response.context["form"].fields
    assert wizard.answer("residence", {"lives_at_domicile": "yes"}) == "needs"
    wizard.send()

    aid_request = AidRequest.objects.get()
    assert aid_request.identification_method == "eid"
    assert aid_request.national_number == CAMILLE
    assert aid_request.commune_id == BRUSSELS


def test_a_student_with_a_known_domicile_gets_no_domicile_question(client, idp_keys):
    wizard, _response = through_eid_login(client, idp_keys)
    wizard.answer(
        "identity",
        {
            "first_name": "Camille",
            "last_name": "Exemple",
            "birth_day": "30",
            "birth_month": "7",
            "birth_year": "1985",
        },
    )
    wizard.answer("contact", CONTACT)
    wizard.answer("place", {"in_institution": "no"})
    assert wizard.answer("student", {"full_time_student": "yes"}) == "needs"
    wizard.send()
    assert AidRequest.objects.get().routing_rule == "art-2-6"


def test_a_cancelled_login_returns_to_the_choice_with_a_message(client, idp_keys):
    _wizard, response = through_eid_login(client, idp_keys, cancel=True)
    assert response.status_code == 302
    assert response["Location"] == "/fr/request/identification/"
    response = client.get(response["Location"])
    assert response.context["eid_error"]
    assert response.context["eid_error"] in response.content.decode()
    assert AidRequest.objects.count() == 0
