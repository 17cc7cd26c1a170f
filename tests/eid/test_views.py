"""Login, metadata and the development test identity provider, through the client."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from lxml import etree

from eid import saml, session

from .conftest import CAMILLE, NEXT, session_request, start_login

pytestmark = pytest.mark.django_db

MD = "urn:oasis:names:tc:SAML:2.0:metadata"


def test_metadata_names_our_acs(client):
    response = client.get("/saml/metadata/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/samlmetadata+xml"
    root = etree.fromstring(response.content)
    assert root.get("entityID") == "http://127.0.0.1:8000/saml/metadata/"
    descriptor = root.find(f"{{{MD}}}SPSSODescriptor")
    assert descriptor.get("WantAssertionsSigned") == "true"
    assert descriptor.get("AuthnRequestsSigned") == "true"
    acs = descriptor.find(f"{{{MD}}}AssertionConsumerService")
    assert acs.get("Location") == "http://127.0.0.1:8000/saml/acs/"
    assert acs.get("Binding") == "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"


def test_login_sends_a_signed_request_with_an_opaque_relay_state(client):
    login = start_login(client)
    url = urlsplit(login.location)
    query = parse_qs(url.query)
    assert f"{url.scheme}://{url.netloc}{url.path}" == "http://127.0.0.1:8000/saml/test-idp/"
    assert set(query) == {"SAMLRequest", "RelayState", "SigAlg", "Signature"}
    assert "request" not in login.relay_state and "/" not in login.relay_state
    pending = client.session[session.PENDING]
    assert pending == {login.relay_state: {"request_id": login.request_id, "next": NEXT}}


@pytest.mark.parametrize(
    "next_path",
    ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)", ""],
)
def test_login_only_returns_to_a_local_path(client, next_path):
    client.get("/saml/login/", {"next": next_path})
    [entry] = client.session[session.PENDING].values()
    assert entry["next"] == "/"


@pytest.mark.parametrize("next_path", ["https://evil.example/", "//evil.example/", "fr/x/"])
def test_login_url_refuses_a_non_local_path(next_path):
    with pytest.raises(ValueError, match="local path"):
        session.login_url(next_path)


def test_login_url_keeps_the_language_in_next():
    assert session.login_url("/nl/aanvraag/") == "/saml/login/?next=%2Fnl%2Faanvraag%2F"


def test_pending_logins_are_capped(client):
    for _ in range(session.MAX_PENDING + 3):
        start_login(client)
    assert len(client.session[session.PENDING]) == session.MAX_PENDING


def test_eid_disabled_hides_the_endpoints(client, settings):
    settings.EID_ENABLED = False
    assert client.get("/saml/login/", {"next": NEXT}).status_code == 404
    assert client.get("/saml/metadata/").status_code == 404
    assert client.post("/saml/acs/").status_code == 404


def _idp_page(client, next_path=NEXT):
    login = start_login(client, next_path)
    url = urlsplit(login.location)
    return login, client.get(url.path, parse_qs(url.query))


def _form_fields(html):
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))


def test_test_idp_lists_the_fictitious_people_in_the_citizens_language(client):
    _login, response = _idp_page(client, "/nl/aanvraag/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl">' in html
    assert "Camille Exemple (30/07/1985)" in html
    assert html.count('type="radio"') == 11
    assert CAMILLE not in html


def test_test_idp_full_round_trip_logs_in(client):
    login, page = _idp_page(client)
    fields = _form_fields(page.content.decode())
    answer = client.post("/saml/test-idp/", {**fields, "person": "0", "login": ""}).content.decode()
    assert 'action="http://127.0.0.1:8000/saml/acs/"' in answer
    assert '<button type="submit">' in answer  # works without JavaScript
    posted = _form_fields(answer)
    assert posted["RelayState"] == login.relay_state
    response = client.post("/saml/acs/", posted)
    assert response["Location"] == NEXT
    person = session.get_person(session_request(client))
    assert (person.first_name, person.domicile_nis) == ("Camille", "21004")


def test_test_idp_cancel_comes_back_with_a_message(client):
    _login, page = _idp_page(client)
    fields = _form_fields(page.content.decode())
    answer = client.post("/saml/test-idp/", {**fields, "cancel": ""})
    response = client.post("/saml/acs/", _form_fields(answer.content.decode()))
    assert response["Location"] == NEXT
    request = session_request(client)
    assert session.get_person(request) is None
    assert session.pop_error(request) is not None


def test_test_idp_asks_to_choose_someone(client):
    _login, page = _idp_page(client)
    fields = _form_fields(page.content.decode())
    response = client.post("/saml/test-idp/", {**fields, "login": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in html
    assert 'href="#id_person_0"' in html


def test_test_idp_refuses_what_is_not_an_authn_request(client):
    assert client.get("/saml/test-idp/", {"SAMLRequest": "bm9wZQ=="}).status_code == 400


def test_test_idp_is_off_unless_enabled(client, settings):
    settings.SAML_TEST_IDP = False
    assert client.get("/saml/test-idp/").status_code == 404


def test_acs_url_is_built_from_site_url(settings):
    settings.SITE_URL = "https://cpas-online.example"
    assert saml.acs_url() == "https://cpas-online.example/saml/acs/"
    assert saml.sp_entity_id() == "https://cpas-online.example/saml/metadata/"
