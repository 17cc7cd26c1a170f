"""A SAML identity provider's answers, built and signed here: for the development
test IdP (``views.test_idp``) and for the tests, never for production.

Signing: the Assertion is serialised on its own and signed,
then put in the Response, which is signed in turn (signing the Assertion inside the
Response puts the signature on the Response: "Duplicated ID").
"""

from __future__ import annotations

import base64
import datetime
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr  # nosec B406 — writes XML, parses none

from onelogin.saml2.constants import OneLogin_Saml2_Constants as Constants
from onelogin.saml2.utils import OneLogin_Saml2_Utils
from onelogin.saml2.xml_utils import OneLogin_Saml2_XML

SUCCESS = Constants.STATUS_SUCCESS
RESPONDER = Constants.STATUS_RESPONDER
AUTHN_FAILED = "urn:oasis:names:tc:SAML:2.0:status:AuthnFailed"
NAMESPACES = f'xmlns:samlp="{Constants.NS_SAMLP}" xmlns:saml="{Constants.NS_SAML}"'


def _instant(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _new_id() -> str:
    return OneLogin_Saml2_Utils.generate_unique_id()


@dataclass
class ResponseSpec:
    """Everything a response says; the defaults make a good one."""

    issuer: str
    destination: str
    audience: str
    in_response_to: str | None
    attributes: dict[str, str | list[str]] = field(default_factory=dict)
    authn_context: str = "urn:be:fedict:iam:fas:citizen:eid"
    recipient: str | None = None  # default: the destination
    now: datetime.datetime | None = None
    valid_for: datetime.timedelta = datetime.timedelta(minutes=5)
    not_before: datetime.datetime | None = None  # default: now
    response_id: str = field(default_factory=_new_id)
    assertion_id: str = field(default_factory=_new_id)
    name_id: str = "fas-test-subject"
    confirmation_expires: bool = True  # NotOnOrAfter on SubjectConfirmationData


def _attribute(name: str, values: str | list[str]) -> str:
    values = [values] if isinstance(values, str) else values
    items = "".join(
        f'<saml:AttributeValue xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        f'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:type="xs:string">{escape(value)}</saml:AttributeValue>'
        for value in values
    )
    return (
        f"<saml:Attribute Name={quoteattr(name)} "
        f'NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified">'
        f"{items}</saml:Attribute>"
    )


def assertion_xml(spec: ResponseSpec) -> str:
    now = spec.now or datetime.datetime.now(datetime.UTC)
    not_before = spec.not_before or now
    until = now + spec.valid_for
    recipient = spec.destination if spec.recipient is None else spec.recipient
    in_response_to = (
        f" InResponseTo={quoteattr(spec.in_response_to)}" if spec.in_response_to else ""
    )
    attributes = "".join(_attribute(name, values) for name, values in spec.attributes.items())
    confirmation_until = f' NotOnOrAfter="{_instant(until)}"' if spec.confirmation_expires else ""
    return (
        f'<saml:Assertion {NAMESPACES} ID="{spec.assertion_id}" Version="2.0" '
        f'IssueInstant="{_instant(now)}">'
        f"<saml:Issuer>{escape(spec.issuer)}</saml:Issuer>"
        f"<saml:Subject>"
        f'<saml:NameID Format="{Constants.NAMEID_TRANSIENT}">{escape(spec.name_id)}</saml:NameID>'
        f'<saml:SubjectConfirmation Method="{Constants.CM_BEARER}">'
        f"<saml:SubjectConfirmationData{confirmation_until} "
        f"Recipient={quoteattr(recipient)}{in_response_to}/>"
        f"</saml:SubjectConfirmation></saml:Subject>"
        f'<saml:Conditions NotBefore="{_instant(not_before)}" NotOnOrAfter="{_instant(until)}">'
        f"<saml:AudienceRestriction><saml:Audience>{escape(spec.audience)}</saml:Audience>"
        f"</saml:AudienceRestriction></saml:Conditions>"
        f'<saml:AuthnStatement AuthnInstant="{_instant(now)}" SessionIndex="_{spec.assertion_id}">'
        f"<saml:AuthnContext><saml:AuthnContextClassRef>{escape(spec.authn_context)}"
        f"</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>"
        f"<saml:AttributeStatement>{attributes}</saml:AttributeStatement>"
        f"</saml:Assertion>"
    )


def response_xml(
    spec: ResponseSpec, assertion: str = "", *, status: str = SUCCESS, sub_status: str = ""
) -> str:
    now = spec.now or datetime.datetime.now(datetime.UTC)
    in_response_to = (
        f" InResponseTo={quoteattr(spec.in_response_to)}" if spec.in_response_to else ""
    )
    destination = f" Destination={quoteattr(spec.destination)}" if spec.destination else ""
    inner = f'<samlp:StatusCode Value="{sub_status}"/>' if sub_status else ""
    return (
        f'<samlp:Response {NAMESPACES} ID="{spec.response_id}" Version="2.0" '
        f'IssueInstant="{_instant(now)}"{destination}{in_response_to}>'
        f"<saml:Issuer>{escape(spec.issuer)}</saml:Issuer>"
        f'<samlp:Status><samlp:StatusCode Value="{status}">{inner}</samlp:StatusCode>'
        f"</samlp:Status>{assertion}</samlp:Response>"
    )


def sign(
    xml: str,
    *,
    key_pem: str,
    cert_pem: str,
    algorithm: str = Constants.RSA_SHA256,
    digest: str = Constants.SHA256,
) -> str:
    """``xml`` with an enveloped signature (RSA-SHA256 by default) on its root element."""
    signed = OneLogin_Saml2_Utils.add_sign(
        xml, key_pem, cert_pem, sign_algorithm=algorithm, digest_algorithm=digest
    )
    return signed.decode() if isinstance(signed, bytes) else signed


def signed_response(
    spec: ResponseSpec,
    *,
    key_pem: str,
    cert_pem: str,
    sign_assertion: bool = True,
    sign_response: bool = True,
    algorithm: str = Constants.RSA_SHA256,
    digest: str = Constants.SHA256,
) -> str:
    """A successful response; the Assertion signed first, on its own, then the Response."""
    keys = {"key_pem": key_pem, "cert_pem": cert_pem, "algorithm": algorithm, "digest": digest}
    assertion = assertion_xml(spec)
    if sign_assertion:
        assertion = sign(assertion, **keys)
    xml = response_xml(spec, assertion)
    if sign_response:
        xml = sign(xml, **keys)
    return xml


def failed_response(spec: ResponseSpec, *, key_pem: str, cert_pem: str) -> str:
    """The citizen cancelled, or could not authenticate: Responder / AuthnFailed."""
    xml = response_xml(spec, status=RESPONDER, sub_status=AUTHN_FAILED)
    return sign(xml, key_pem=key_pem, cert_pem=cert_pem)


def encode(xml: str) -> str:
    """The ``SAMLResponse`` form value of the HTTP-POST binding."""
    return base64.b64encode(xml.encode()).decode()


@dataclass(frozen=True)
class AuthnRequestInfo:
    request_id: str
    acs_url: str | None


def read_authn_request(saml_request: str) -> AuthnRequestInfo:
    """The ID and ACS URL of an AuthnRequest received with the HTTP-Redirect binding
    (deflated, base64). Raises ``ValueError`` when it cannot be read."""
    try:
        xml = OneLogin_Saml2_Utils.decode_base64_and_inflate(saml_request)
        root = OneLogin_Saml2_XML.to_etree(xml)
    except Exception as error:
        raise ValueError("unreadable AuthnRequest") from error
    if root.tag != f"{{{Constants.NS_SAMLP}}}AuthnRequest" or not root.get("ID"):
        raise ValueError("not an AuthnRequest")
    return AuthnRequestInfo(
        request_id=root.get("ID"), acs_url=root.get("AssertionConsumerServiceURL")
    )


def idp_metadata_xml(*, entity_id: str, sso_url: str, cert_pem: str) -> str:
    """IdP metadata as the FAS publishes it (signing certificate, HTTP-Redirect SSO)."""
    cert = "".join(line for line in cert_pem.splitlines() if "-----" not in line)
    return (
        f'<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" '
        f'xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID={quoteattr(entity_id)}>'
        f'<md:IDPSSODescriptor WantAuthnRequestsSigned="true" '
        f'protocolSupportEnumeration="{Constants.NS_SAMLP}">'
        f'<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>'
        f"{cert}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"
        f'<md:SingleSignOnService Binding="{Constants.BINDING_HTTP_REDIRECT}" '
        f"Location={quoteattr(sso_url)}/>"
        f"</md:IDPSSODescriptor></md:EntityDescriptor>"
    )
