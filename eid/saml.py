"""Our SAML 2.0 service provider towards the federal authentication service (FAS).

python3-saml does the XML, signatures and most checks; its defaults are not safe for
us (docs/identification.md), so the settings below are explicit, and a few checks
the library leaves optional are made mandatory here:

- the response must answer the AuthnRequest we sent from this browser session
  (``InResponseTo`` present and equal; unsolicited / IdP-initiated responses refused);
- ``Destination``, the audience and the ``Recipient`` must be present and name us
  exactly (the library accepts them missing);
- the national number attribute must hold exactly one valid national or BIS number.

Replay of an accepted assertion is refused by the caller (``views.acs``) through the
``UsedAssertion`` table. Clock skew: the library's 300 seconds.

The public URLs (entity id, ACS) are built from ``SITE_URL``, never from the request's
Host header, so the Destination and Recipient checks compare with our real address.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from onelogin.saml2.auth import OneLogin_Saml2_Auth
from onelogin.saml2.constants import OneLogin_Saml2_Constants as Constants
from onelogin.saml2.idp_metadata_parser import OneLogin_Saml2_IdPMetadataParser
from onelogin.saml2.response import OneLogin_Saml2_Response
from onelogin.saml2.settings import OneLogin_Saml2_Settings
from onelogin.saml2.utils import OneLogin_Saml2_Utils, OneLogin_Saml2_ValidationError

from intake import identity

from .keys import read_pem

# python3-saml's validation error codes by name, for readable log lines.
_ERROR_NAMES = {
    value: name
    for name, value in vars(OneLogin_Saml2_ValidationError).items()
    if name.isupper() and isinstance(value, int)
}


class LoginRejected(Exception):
    """The IdP's answer is not accepted. ``reason`` is a fixed slug, safe to log;
    ``cancelled`` tells a citizen's cancel or failed authentication at the IdP from
    a response we refuse."""

    def __init__(self, reason: str, *, cancelled: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.cancelled = cancelled


@dataclass(frozen=True)
class Assertion:
    """What we keep from a valid response."""

    assertion_id: str
    expires_at: datetime.datetime
    national_number: str
    first_name: str
    last_name: str


def site_url(name: str) -> str:
    return settings.SITE_URL + reverse(name)


def sp_entity_id() -> str:
    return settings.SAML_SP_ENTITY_ID or site_url("eid:metadata")


def acs_url() -> str:
    return site_url("eid:acs")


def testidp_entity_id() -> str:
    return site_url("eid:test_idp")


def _idp_settings() -> dict:
    if settings.SAML_IDP_METADATA:
        parsed = OneLogin_Saml2_IdPMetadataParser.parse(
            Path(settings.SAML_IDP_METADATA).read_text(),
            required_sso_binding=Constants.BINDING_HTTP_REDIRECT,
        )
        return parsed["idp"]
    if settings.SAML_TEST_IDP:
        return {
            "entityId": testidp_entity_id(),
            "singleSignOnService": {
                "url": site_url("eid:test_idp"),
                "binding": Constants.BINDING_HTTP_REDIRECT,
            },
            "x509cert": read_pem(settings.SAML_TEST_IDP_CERT),
        }
    raise ImproperlyConfigured("eID needs SAML_IDP_METADATA (or SAML_TEST_IDP in development).")


def saml_settings() -> OneLogin_Saml2_Settings:
    contexts = list(settings.SAML_AUTHN_CONTEXTS)
    return OneLogin_Saml2_Settings(
        {
            "strict": True,
            "debug": False,
            "sp": {
                "entityId": sp_entity_id(),
                "assertionConsumerService": {
                    "url": acs_url(),
                    "binding": Constants.BINDING_HTTP_POST,
                },
                "NameIDFormat": Constants.NAMEID_UNSPECIFIED,
                "x509cert": read_pem(settings.SAML_SP_CERT),
                "privateKey": read_pem(settings.SAML_SP_KEY),
            },
            "idp": _idp_settings(),
            "security": {
                "authnRequestsSigned": True,
                "wantAssertionsSigned": True,
                "wantMessagesSigned": False,
                "wantAssertionsEncrypted": False,
                "wantNameId": False,
                "wantAttributeStatement": True,
                "requestedAuthnContext": contexts,
                "requestedAuthnContextComparison": "exact",
                "failOnAuthnContextMismatch": True,
                "rejectDeprecatedAlgorithm": True,
                "signatureAlgorithm": Constants.RSA_SHA256,
                "digestAlgorithm": Constants.SHA256,
                "allowRepeatAttributeName": False,
                # Only a format check of our own URLs ("localhost" has no dot).
                "allowSingleLabelDomains": True,
            },
        },
        sp_validation_only=False,
    )


def metadata_xml() -> str:
    saml = saml_settings()
    metadata = saml.get_sp_metadata()
    errors = saml.validate_metadata(metadata)
    if errors:
        raise ImproperlyConfigured(f"Invalid SP metadata: {', '.join(errors)}")
    return metadata.decode() if isinstance(metadata, bytes) else metadata


def login_redirect(relay_state: str) -> tuple[str, str]:
    """The IdP URL carrying our signed AuthnRequest (HTTP-Redirect binding), and the
    request's ID, to keep in the session."""
    auth = OneLogin_Saml2_Auth(_request_data({}), saml_settings())
    url = auth.login(return_to=relay_state, set_nameid_policy=False)
    return url, auth.get_last_request_id()


def _request_data(post_data: dict) -> dict:
    url = urlsplit(acs_url())
    return {
        "https": "on" if url.scheme == "https" else "off",
        "http_host": url.netloc,
        "script_name": url.path,
        "get_data": {},
        "post_data": post_data,
    }


def _one(attributes: dict, name: str) -> str:
    values = attributes.get(name) or []
    if len(values) != 1 or not (values[0] or "").strip():
        raise LoginRejected(f"attribute-{name}")
    return values[0].strip()


def validate_response(saml_response: str, request_id: str) -> Assertion:
    """The assertion of a base64 SAMLResponse answering ``request_id``, or raise
    ``LoginRejected``."""
    saml = saml_settings()
    try:
        response = OneLogin_Saml2_Response(saml, saml_response)
    except Exception as error:  # malformed base64 or XML, DTD, entities: all refused
        raise LoginRejected("malformed") from error
    if response.get_in_response_to() != request_id:
        raise LoginRejected("in-response-to")
    try:
        status = OneLogin_Saml2_Utils.get_status(response.document)
    except Exception as error:
        raise LoginRejected("status") from error
    if status["code"] != Constants.STATUS_SUCCESS:
        raise LoginRejected("status-not-success", cancelled=True)
    try:
        response.is_valid(_request_data({}), request_id, raise_exceptions=True)
    except Exception as error:
        name = _ERROR_NAMES.get(getattr(error, "code", None), "other")
        raise LoginRejected(f"invalid:{name}") from error
    # Checks python3-saml makes only when the element is present.
    if response.document.get("Destination") != acs_url():
        raise LoginRejected("destination")
    if sp_entity_id() not in response.get_audiences():
        raise LoginRejected("audience")
    recipients = [
        node.get("Recipient")
        # _query_assertion reads the signed assertion only (no signature wrapping).
        for node in response._query_assertion(
            "/saml:Subject/saml:SubjectConfirmation/saml:SubjectConfirmationData"
        )
    ]
    if acs_url() not in recipients:
        raise LoginRejected("recipient")
    attributes = response.get_attributes()
    try:
        national_number = identity.validate(_one(attributes, settings.SAML_NRN_ATTRIBUTE))
    except identity.InvalidNationalNumber as error:
        raise LoginRejected("national-number") from error
    assertion_id = response.get_assertion_id()
    if not assertion_id:
        raise LoginRejected("assertion-id")
    # The bearer confirmation's NotOnOrAfter (the Web SSO profile makes it mandatory)
    # bounds the assertion's life, hence how long the replay cache must remember it.
    not_on_or_after = response.get_assertion_not_on_or_after()
    if not not_on_or_after:
        raise LoginRejected("no-expiry")
    return Assertion(
        assertion_id=assertion_id,
        expires_at=datetime.datetime.fromtimestamp(
            not_on_or_after + Constants.ALLOWED_CLOCK_DRIFT, tz=datetime.UTC
        ),
        national_number=national_number,
        first_name=_first(attributes, "givenName"),
        last_name=_first(attributes, "surname"),
    )


def _first(attributes: dict, name: str) -> str:
    values = attributes.get(name) or [""]
    return (values[0] or "").strip()
