"""The ACS accepts a good response once, and refuses every bad one without logging in."""

import datetime
import logging

import pytest
from django.utils import translation
from onelogin.saml2.constants import OneLogin_Saml2_Constants as Constants

from eid import session, testidp
from eid.models import UsedAssertion
from eid.national_register import Person

from .conftest import (
    CAMILLE,
    LOTTE,
    NEXT,
    minutes,
    post_response,
    session_request,
    spec_for,
    start_login,
)

pytestmark = pytest.mark.django_db


def test_good_response_logs_in_and_prefills_from_the_register(client, idp_keys):
    login = start_login(client)
    response = post_response(
        client, testidp.signed_response(spec_for(login), **idp_keys), login.relay_state
    )
    assert response.status_code == 302
    assert response["Location"] == NEXT
    request = session_request(client)
    assert session.get_person(request) == Person(
        national_number=CAMILLE,
        first_name="Camille",
        last_name="Exemple",
        birth_date=datetime.date(1985, 7, 30),
        domicile_nis="21004",
    )
    assert session.pop_error(request) is None
    assert UsedAssertion.objects.count() == 1


def test_the_session_holds_no_national_number_in_clear(client, idp_keys):
    login = start_login(client)
    post_response(client, testidp.signed_response(spec_for(login), **idp_keys), login.relay_state)
    stored = client.session.load()
    assert session.PERSON in stored
    assert CAMILLE not in repr(stored)


def test_login_changes_the_session_key(client, idp_keys):
    login = start_login(client)
    before = client.cookies["sessionid"].value
    post_response(client, testidp.signed_response(spec_for(login), **idp_keys), login.relay_state)
    assert client.cookies["sessionid"].value != before


def test_names_come_from_the_assertion(client, idp_keys):
    login = start_login(client)
    spec = spec_for(login)
    spec.attributes["givenName"] = "Camille-Anne"
    post_response(client, testidp.signed_response(spec, **idp_keys), login.relay_state)
    assert session.get_person(session_request(client)).first_name == "Camille-Anne"


def test_a_number_unknown_to_the_register_takes_the_birth_date_it_encodes(client, idp_keys):
    unknown = _number("010203001", post_2000=True)  # born 3 February 2001
    login = start_login(client)
    spec = spec_for(
        login, attributes={"egovNRN": unknown, "surname": "Inconnu", "givenName": "Alex"}
    )
    post_response(client, testidp.signed_response(spec, **idp_keys), login.relay_state)
    person = session.get_person(session_request(client))
    assert person.birth_date == datetime.date(2001, 2, 3)
    assert person.domicile_nis is None


def test_a_number_unknown_to_the_register_without_a_full_birth_date_is_refused(client, idp_keys):
    unknown = _number("884000123")  # BIS number, birth month and day unknown
    login = start_login(client)
    spec = spec_for(
        login, attributes={"egovNRN": unknown, "surname": "Inconnu", "givenName": "Alex"}
    )
    response = post_response(client, testidp.signed_response(spec, **idp_keys), login.relay_state)
    assert response["Location"] == NEXT
    request = session_request(client)
    assert session.get_person(request) is None
    with translation.override("en"):
        assert "National Register" in session.pop_error(request)


def test_cancel_at_the_identity_provider(client, idp_keys):
    login = start_login(client)
    xml = testidp.failed_response(spec_for(login), **idp_keys)
    response = post_response(client, xml, login.relay_state)
    assert response["Location"] == NEXT
    request = session_request(client)
    assert session.get_person(request) is None
    with translation.override("en"):
        assert "cancelled" in session.pop_error(request)
    assert session.pop_error(request) is None  # shown once


def _number(first_nine: str, *, post_2000: bool = False) -> str:
    check = 97 - int(("2" if post_2000 else "") + first_nine) % 97
    return f"{first_nine}{check:02d}"


def _unsigned(login, keys, other):
    return testidp.signed_response(
        spec_for(login), **keys, sign_assertion=False, sign_response=False
    )


def _response_signed_only(login, keys, other):
    return testidp.signed_response(spec_for(login), **keys, sign_assertion=False)


def _other_key(login, keys, other):
    return testidp.signed_response(spec_for(login), **other)


def _tampered(login, keys, other):
    xml = testidp.signed_response(spec_for(login), **keys)
    assert xml.count(f">{CAMILLE}<") == 1
    return xml.replace(f">{CAMILLE}<", f">{LOTTE}<")


def _signed(**changes):
    return lambda login, keys, other: testidp.signed_response(spec_for(login, **changes), **keys)


def _without(attribute):
    def build(login, keys, other):
        spec = spec_for(login)
        del spec.attributes[attribute]
        return testidp.signed_response(spec, **keys)

    return build


def _national_number(value):
    def build(login, keys, other):
        spec = spec_for(login)
        spec.attributes["egovNRN"] = value
        return testidp.signed_response(spec, **keys)

    return build


def _sha1(login, keys, other):
    return testidp.signed_response(
        spec_for(login), **keys, algorithm=Constants.RSA_SHA1, digest=Constants.SHA1
    )


def _raw(text):
    return lambda login, keys, other: text


NOW = datetime.datetime.now(datetime.UTC)
BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">&lol9;</samlp:Response>"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">&xxe;</samlp:Response>"""

REJECTED = [
    pytest.param(_unsigned, "invalid:NO_SIGNED_ASSERTION", id="unsigned"),
    pytest.param(
        _response_signed_only, "invalid:NO_SIGNED_ASSERTION", id="only-the-response-signed"
    ),
    pytest.param(_other_key, "invalid:INVALID_SIGNATURE", id="signed-by-another-key"),
    pytest.param(_tampered, "invalid:INVALID_SIGNATURE", id="attribute-tampered-after-signing"),
    pytest.param(_sha1, "invalid:DEPRECATED_SIGNATURE_METHOD", id="deprecated-rsa-sha1"),
    pytest.param(
        _signed(audience="https://other.example/saml/metadata/"),
        "invalid:WRONG_AUDIENCE",
        id="wrong-audience",
    ),
    pytest.param(_signed(audience=""), "audience", id="no-audience"),
    pytest.param(
        _signed(
            destination="https://other.example/saml/acs/",
            recipient="http://127.0.0.1:8000/saml/acs/",
        ),
        "invalid:WRONG_DESTINATION",
        id="wrong-destination",
    ),
    pytest.param(_signed(destination=""), "destination", id="no-destination"),
    pytest.param(
        _signed(recipient="https://other.example/saml/acs/"),
        "invalid:WRONG_SUBJECTCONFIRMATION",
        id="wrong-recipient",
    ),
    pytest.param(_signed(recipient=""), "recipient", id="no-recipient"),
    pytest.param(_signed(now=NOW - minutes(60)), "invalid:ASSERTION_EXPIRED", id="expired"),
    pytest.param(
        _signed(now=NOW - minutes(11)),
        "invalid:ASSERTION_EXPIRED",
        id="expired-beyond-the-5-minute-skew",
    ),
    pytest.param(
        _signed(not_before=NOW + minutes(60)), "invalid:ASSERTION_TOO_EARLY", id="not-yet-valid"
    ),
    pytest.param(
        _signed(confirmation_expires=False), "no-expiry", id="confirmation-without-expiry"
    ),
    pytest.param(
        _signed(issuer="https://other-idp.example/"), "invalid:WRONG_ISSUER", id="wrong-issuer"
    ),
    pytest.param(
        _signed(authn_context="urn:oasis:names:tc:SAML:2.0:ac:classes:Password"),
        "invalid:AUTHN_CONTEXT_MISMATCH",
        id="authn-context-not-requested",
    ),
    pytest.param(
        _signed(in_response_to="ONELOGIN_not_our_request"),
        "in-response-to",
        id="unknown-in-response-to",
    ),
    pytest.param(_signed(in_response_to=None), "in-response-to", id="idp-initiated"),
    pytest.param(_without("egovNRN"), "attribute-egovNRN", id="missing-egovNRN"),
    pytest.param(_national_number("85073003428"), "national-number", id="invalid-national-number"),
    pytest.param(
        _national_number(["85073003427", "92031412253"]),
        "attribute-egovNRN",
        id="two-national-numbers",
    ),
    pytest.param(_raw("<samlp:Response xmlns:samlp="), "malformed", id="malformed-xml"),
    pytest.param(_raw("not xml at all"), "malformed", id="not-xml"),
    pytest.param(_raw(BILLION_LAUGHS), "malformed", id="xml-bomb-billion-laughs"),
    pytest.param(_raw(XXE), "malformed", id="external-entity"),
]


@pytest.mark.parametrize(("build", "reason"), REJECTED)
def test_rejected_without_session_change(client, idp_keys, other_keys, caplog, build, reason):
    login = start_login(client)
    before_key = client.cookies["sessionid"].value
    before = {k: v for k, v in client.session.items() if k != session.PENDING}
    response = post_response(client, build(login, idp_keys, other_keys), login.relay_state)
    assert response.status_code == 302
    assert response["Location"] == NEXT
    assert client.cookies["sessionid"].value == before_key
    after = {k: v for k, v in client.session.items() if k not in (session.PENDING, session.ERROR)}
    assert after == before
    request = session_request(client)
    assert session.get_person(request) is None
    with translation.override("en"):
        assert "could not check your login" in session.pop_error(request)
    assert not UsedAssertion.objects.exists()
    assert [r.getMessage() for r in caplog.records if r.name == "eid.views"] == [
        f"eID login rejected: {reason}"
    ]


def test_response_not_base64_is_rejected(client):
    login = start_login(client)
    response = post_response(client, "%%% not base64 %%%", login.relay_state, encode=False)
    assert response["Location"] == NEXT
    assert session.get_person(session_request(client)) is None


def test_a_rejected_response_keeps_an_earlier_login(client, idp_keys, other_keys):
    login = start_login(client)
    post_response(client, testidp.signed_response(spec_for(login), **idp_keys), login.relay_state)
    login = start_login(client)
    spec = spec_for(login)
    spec.attributes["egovNRN"] = LOTTE
    post_response(client, testidp.signed_response(spec, **other_keys), login.relay_state)
    assert session.get_person(session_request(client)).national_number == CAMILLE


def test_replayed_assertion_id_is_rejected(client, idp_keys):
    login = start_login(client)
    first = spec_for(login)
    post_response(client, testidp.signed_response(first, **idp_keys), login.relay_state)
    client.post("/saml/logout/", {"next": NEXT})
    # A new login; an answer re-using the accepted assertion's ID, correctly signed.
    login = start_login(client)
    replay = spec_for(login, assertion_id=first.assertion_id)
    post_response(client, testidp.signed_response(replay, **idp_keys), login.relay_state)
    request = session_request(client)
    assert session.get_person(request) is None
    assert session.pop_error(request) is not None


def test_the_request_id_serves_once(client, idp_keys):
    login = start_login(client)
    xml = testidp.signed_response(spec_for(login), **idp_keys)
    post_response(client, xml, login.relay_state)
    client.post("/saml/logout/", {"next": NEXT})
    second = spec_for(login)  # same InResponseTo, a fresh assertion ID
    response = post_response(client, testidp.signed_response(second, **idp_keys), login.relay_state)
    assert response["Location"] == "/"  # the login it answered is gone
    request = session_request(client)
    assert session.get_person(request) is None
    assert session.pop_error(request) is not None


def test_a_response_meant_for_another_browser_session_is_rejected(
    client, idp_keys, django_user_model
):
    from django.test import Client

    login = start_login(client)
    other = Client()
    start_login(other)
    xml = testidp.signed_response(spec_for(login), **idp_keys)
    post_response(other, xml, login.relay_state)
    assert session.get_person(session_request(other)) is None


def test_a_post_without_session_cookie_is_posted_again_from_our_site(client, idp_keys):
    """A cross-site POST carries no SameSite=Lax cookie: the ACS re-posts it from its own page."""
    from django.test import Client

    login = start_login(client)
    xml = testidp.signed_response(spec_for(login), **idp_keys)
    response = Client().post(
        "/saml/acs/", {"SAMLResponse": testidp.encode(xml), "RelayState": login.relay_state}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="bounced" value="1"' in html
    assert '<button type="submit">' in html
    response = client.post(
        "/saml/acs/",
        {"SAMLResponse": testidp.encode(xml), "RelayState": login.relay_state, "bounced": "1"},
    )
    assert session.get_person(session_request(client)).national_number == CAMILLE


@pytest.mark.parametrize("outcome", ["success", "failure"])
def test_the_national_number_is_in_no_url_and_no_log(client, idp_keys, other_keys, caplog, outcome):
    caplog.set_level(logging.DEBUG)
    login = start_login(client)
    keys = idp_keys if outcome == "success" else other_keys
    response = post_response(
        client, testidp.signed_response(spec_for(login), **keys), login.relay_state
    )
    assert (session.get_person(session_request(client)) is not None) == (outcome == "success")
    assert CAMILLE not in response["Location"]
    assert caplog.records, "the login's outcome is logged"
    for record in caplog.records:
        assert CAMILLE not in record.getMessage()
        assert "Exemple" not in record.getMessage()


def test_logout_forgets_the_person(client, idp_keys):
    login = start_login(client)
    post_response(client, testidp.signed_response(spec_for(login), **idp_keys), login.relay_state)
    response = client.post("/saml/logout/", {"next": NEXT})
    assert response["Location"] == NEXT
    assert session.get_person(session_request(client)) is None
    assert client.get("/saml/logout/").status_code == 405


@pytest.mark.parametrize("xml", [BILLION_LAUGHS, XXE], ids=["billion-laughs", "external-entity"])
def test_the_saml_parser_refuses_entities_quickly(xml):
    """python3-saml parses without resolving entities and refuses any DTD (defusedxml's
    rules); libxml2 also caps entity amplification. Either refusal is fine."""
    import time

    from lxml import etree
    from onelogin.saml2.xml_utils import OneLogin_Saml2_XML

    started = time.monotonic()
    with pytest.raises((ValueError, etree.XMLSyntaxError)) as refused:
        OneLogin_Saml2_XML.to_etree(xml)
    assert "DTD" in str(refused.value) or "amplification" in str(refused.value)
    assert time.monotonic() - started < 1


def test_the_identity_provider_from_its_metadata_file(client, settings, tmp_path, other_keys):
    """Production reads the FAS from SAML_IDP_METADATA: its SSO URL, entity id and key."""
    metadata = tmp_path / "fas-metadata.xml"
    metadata.write_text(
        testidp.idp_metadata_xml(
            entity_id="https://idp.iamfas.example/fas",
            sso_url="https://idp.iamfas.example/fas/sso",
            cert_pem=other_keys["cert_pem"],
        )
    )
    settings.SAML_IDP_METADATA = str(metadata)
    settings.SAML_TEST_IDP = False
    login = start_login(client)
    assert login.location.startswith("https://idp.iamfas.example/fas/sso?SAMLRequest=")
    xml = testidp.signed_response(
        spec_for(login, issuer="https://idp.iamfas.example/fas"), **other_keys
    )
    post_response(client, xml, login.relay_state)
    assert session.get_person(session_request(client)).national_number == CAMILLE


def test_the_replay_cache_remembers_until_the_assertion_expires_then_forgets(client, idp_keys):
    old = UsedAssertion.objects.create(
        assertion_id="_old", expires_at=NOW - datetime.timedelta(seconds=1)
    )
    login = start_login(client)
    spec = spec_for(login, now=datetime.datetime.now(datetime.UTC))
    post_response(client, testidp.signed_response(spec, **idp_keys), login.relay_state)
    [used] = UsedAssertion.objects.all()
    assert used.assertion_id == spec.assertion_id != old.assertion_id
    # 5 minutes of validity + 5 minutes of clock skew, to the second
    expected = spec.now.replace(microsecond=0) + minutes(10)
    assert used.expires_at == expected
