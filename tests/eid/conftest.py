"""A real SAML round trip: key pairs made at test time, a real `login/` call for a real
AuthnRequest ID, responses signed like an identity provider's and posted to the ACS."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import RequestFactory

from eid import saml, session, testidp
from eid.keys import make_self_signed

NEXT = "/fr/request/identity/"
CAMILLE = "85073003427"  # in eid/data/fictitious-people.json
LOTTE = "92031412253"


@pytest.fixture(scope="session")
def idp_keys() -> dict[str, str]:
    cert, key = make_self_signed("Test IdP")
    return {"cert_pem": cert, "key_pem": key}


@pytest.fixture(scope="session")
def other_keys() -> dict[str, str]:
    cert, key = make_self_signed("Someone else")
    return {"cert_pem": cert, "key_pem": key}


@pytest.fixture(scope="session")
def sp_keys() -> tuple[str, str]:
    return make_self_signed("Test SP")


@pytest.fixture(autouse=True)
def saml_settings(settings, idp_keys, sp_keys):
    settings.EID_ENABLED = True
    settings.SAML_TEST_IDP = True
    settings.SAML_IDP_METADATA = ""
    settings.SAML_SP_ENTITY_ID = ""
    settings.SAML_SP_CERT, settings.SAML_SP_KEY = sp_keys
    settings.SAML_TEST_IDP_CERT = idp_keys["cert_pem"]
    settings.SAML_TEST_IDP_KEY = idp_keys["key_pem"]
    settings.NATIONAL_REGISTER_CLIENT = "eid.national_register.FixtureNationalRegisterClient"
    return settings


@dataclass
class Login:
    request_id: str
    relay_state: str
    location: str


def start_login(client, next_path: str = NEXT) -> Login:
    response = client.get(session.login_url(next_path))
    assert response.status_code == 302
    query = parse_qs(urlsplit(response["Location"]).query)
    request = testidp.read_authn_request(query["SAMLRequest"][0])
    return Login(request.request_id, query["RelayState"][0], response["Location"])


def spec_for(login: Login | None, **changes) -> testidp.ResponseSpec:
    values = {
        "issuer": saml.testidp_entity_id(),
        "destination": saml.acs_url(),
        "audience": saml.sp_entity_id(),
        "in_response_to": login.request_id if login else None,
        "attributes": {
            "egovNRN": CAMILLE,
            "surname": "Exemple",
            "givenName": "Camille",
            "PrefLanguage": "fr",
        },
    }
    values.update(changes)
    return testidp.ResponseSpec(**values)


def post_response(client, xml: str, relay_state: str, *, encode: bool = True):
    return client.post(
        "/saml/acs/",
        {"SAMLResponse": testidp.encode(xml) if encode else xml, "RelayState": relay_state},
    )


def session_request(client):
    """A request carrying the test client's session, to call eid.session's functions."""
    request = RequestFactory().get("/")
    request.session = client.session
    return request


def minutes(n: int) -> datetime.timedelta:
    return datetime.timedelta(minutes=n)
