"""SAML endpoints: metadata, login (AuthnRequest out), ACS (Response in), logout, and
the development test identity provider."""

import logging
import secrets

from django import forms
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import saml, session, testidp
from .keys import read_pem
from .models import UsedAssertion
from .national_register import FixtureNationalRegisterClient

logger = logging.getLogger(__name__)


def _require_enabled() -> None:
    if not settings.EID_ENABLED:
        raise Http404


def _next_path(value: str | None) -> str:
    return value if session.is_local_path(value) else "/"


@require_GET
def metadata(request):
    _require_enabled()
    return HttpResponse(saml.metadata_xml(), content_type="application/samlmetadata+xml")


@never_cache
@require_GET
def login(request):
    """Send the citizen to the identity provider with a signed AuthnRequest."""
    _require_enabled()
    next_path = _next_path(request.GET.get("next"))
    relay_token = secrets.token_urlsafe(24)
    url, request_id = saml.login_redirect(relay_token)
    session.add_pending(
        request, relay_token=relay_token, request_id=request_id, next_path=next_path
    )
    return redirect(url)


@csrf_exempt  # the identity provider posts here; the response's signature and ID bind it
@sensitive_post_parameters("SAMLResponse")
@never_cache
@require_POST
def acs(request):
    """Check the identity provider's response; on success keep the person in the session.
    Either way, back to the page the login started from."""
    _require_enabled()
    if settings.SESSION_COOKIE_NAME not in request.COOKIES and "bounced" not in request.POST:
        # A cross-site POST carries no SameSite=Lax cookie: post again from our own page.
        return render(
            request,
            "eid/post_form.html",
            {
                "action": request.path,
                "fields": {
                    "SAMLResponse": request.POST.get("SAMLResponse", ""),
                    "RelayState": request.POST.get("RelayState", ""),
                    "bounced": "1",
                },
            },
        )
    pending = session.pop_pending(request, request.POST.get("RelayState", ""))
    next_path = _next_path(pending["next"] if pending else None)
    try:
        if pending is None:
            raise saml.LoginRejected("unknown-relay-state")
        assertion = saml.validate_response(
            request.POST.get("SAMLResponse", ""), pending["request_id"]
        )
        _accept_once(assertion)
        person = session.person_from(assertion)
    except saml.LoginRejected as rejected:
        logger.warning("eID login rejected: %s", rejected.reason)
        session.set_error(request, session.CANCELLED if rejected.cancelled else session.FAILED)
        return redirect(next_path)
    if person is None:
        logger.warning("eID login: no National Register record to complete the identity")
        session.set_error(request, session.UNKNOWN_PERSON)
        return redirect(next_path)
    session.log_in(request, person)
    logger.info("eID login accepted")
    return redirect(next_path)


def _accept_once(assertion: saml.Assertion) -> None:
    now = timezone.now()
    UsedAssertion.objects.filter(expires_at__lt=now).delete()
    try:
        with transaction.atomic():
            UsedAssertion.objects.create(
                assertion_id=assertion.assertion_id, expires_at=assertion.expires_at
            )
    except IntegrityError as error:
        raise saml.LoginRejected("replayed-assertion") from error


@never_cache
@require_POST
def logout(request):
    """Forget the eID login in this session (the identity provider's session is its own)."""
    session.clear(request)
    return redirect(_next_path(request.POST.get("next")))


# The test identity provider (development only) ----------------------------------


class TestIdpForm(forms.Form):
    person = forms.ChoiceField(
        label=_("Log in as"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the person to log in as.")},
    )
    SAMLRequest = forms.CharField(widget=forms.HiddenInput)
    RelayState = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        # Positions, not national numbers: the page shows no number.
        self.fields["person"].choices = [
            (str(index), f"{person.first_name} {person.last_name} ({person.birth_date:%d/%m/%Y})")
            for index, person in enumerate(people)
        ]


@never_cache
@require_http_methods(["GET", "POST"])
def test_idp(request):
    """Sign in as a fictitious person: answers our AuthnRequest like the FAS would."""
    if not settings.SAML_TEST_IDP:
        raise Http404
    data = request.POST if request.method == "POST" else request.GET
    try:
        authn_request = testidp.read_authn_request(data.get("SAMLRequest", ""))
    except ValueError:
        return HttpResponseBadRequest("Not a SAML AuthnRequest")
    if authn_request.acs_url not in (None, saml.acs_url()):
        return HttpResponseBadRequest("Unknown AssertionConsumerServiceURL")
    relay_state = data.get("RelayState", "")
    pending = session.peek_pending(request, relay_state)
    language = translation.get_language_from_path(pending["next"]) if pending else None
    people = FixtureNationalRegisterClient().people()
    with translation.override(language or translation.get_language()):
        if request.method == "POST":
            form = TestIdpForm(request.POST, people=people)
            if "cancel" in request.POST:
                return _answer(request, authn_request, relay_state, person=None)
            if form.is_valid():
                chosen = people[int(form.cleaned_data["person"])]
                return _answer(request, authn_request, relay_state, person=chosen)
        else:
            form = TestIdpForm(
                initial={"SAMLRequest": data.get("SAMLRequest"), "RelayState": relay_state},
                people=people,
            )
        return render(request, "eid/test_idp.html", {"form": form})


def _answer(request, authn_request, relay_state, *, person):
    spec = testidp.ResponseSpec(
        issuer=saml.testidp_entity_id(),
        destination=saml.acs_url(),
        audience=saml.sp_entity_id(),
        in_response_to=authn_request.request_id,
        authn_context=settings.SAML_AUTHN_CONTEXTS[0],
    )
    keys = {
        "key_pem": read_pem(settings.SAML_TEST_IDP_KEY),
        "cert_pem": read_pem(settings.SAML_TEST_IDP_CERT),
    }
    if person is None:
        xml = testidp.failed_response(spec, **keys)
    else:
        spec.attributes = {
            settings.SAML_NRN_ATTRIBUTE: person.national_number,
            "surname": person.last_name,
            "givenName": person.first_name,
            "PrefLanguage": translation.get_language(),
        }
        xml = testidp.signed_response(spec, **keys)
    return render(
        request,
        "eid/post_form.html",
        {
            "action": saml.acs_url(),
            "fields": {"SAMLResponse": testidp.encode(xml), "RelayState": relay_state},
        },
    )
