"""The eID login as the citizen wizard sees it: where to send the citizen, who came
back, and why a login failed.

Session keys (nothing else is stored):

- ``eid.pending``: the AuthnRequests in flight, ``{relay_token: {"request_id", "next"}}``
  (a few at most; an entry is removed when its response arrives, whatever the outcome);
- ``eid.person``: the logged-in person, encrypted like stored national numbers
  (``intake.crypto``), so the session table holds no national number in clear;
- ``eid.error``: why the last login did not succeed, a code turned into a translated
  message by ``pop_error``.

Who the person is: the national number comes from the signed assertion; the names from
the assertion too (the FAS reads them from the National Register), or from the register
when the assertion has none; the birth date and domicile from the National Register
client. When the register has no record, the birth date is read from the number when
it encodes a complete date, and the domicile is unknown (None); when neither gives a
birth date the login is refused with a message pointing to the other two ways.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from stdnum.be import ssn

from intake import crypto

from .national_register import Person, get_national_register_client
from .saml import Assertion

PENDING = "eid.pending"
PERSON = "eid.person"
ERROR = "eid.error"
MAX_PENDING = 5

CANCELLED = "cancelled"
FAILED = "failed"
UNKNOWN_PERSON = "unknown-person"


def is_local_path(path: str | None) -> bool:
    return bool(
        path
        and path.startswith("/")
        and url_has_allowed_host_and_scheme(path, allowed_hosts=set(), require_https=False)
    )


def login_url(next_path: str) -> str:
    """Our login view's URL; after the login the citizen comes back to ``next_path``
    (a local path such as ``/fr/request/identity/``: it keeps the language)."""
    if not is_local_path(next_path):
        raise ValueError("next_path must be a local path")
    return f"{reverse('eid:login')}?{urlencode({'next': next_path})}"


def get_person(request) -> Person | None:
    """The person logged in with eID or itsme in this browser session, or None."""
    token = request.session.get(PERSON)
    if not token:
        return None
    try:
        return Person.from_dict(json.loads(crypto.decrypt(token)))
    except Exception:  # a rotated-out key or a damaged value: not logged in
        return None


def clear(request) -> None:
    """Forget the eID login (the answers of the wizard stay)."""
    request.session.pop(PERSON, None)


def forget(request) -> None:
    """Forget everything of the eID login (after the request is sent)."""
    for key in (PERSON, PENDING, ERROR):
        request.session.pop(key, None)


def pop_error(request) -> str | None:
    """A message for the citizen when the last login failed or was cancelled, once."""
    code = request.session.pop(ERROR, None)
    if code == CANCELLED:
        return gettext(
            "The login with eID or itsme was cancelled or did not succeed. You can try again, "
            "or give your national number another way."
        )
    if code == UNKNOWN_PERSON:
        return gettext(
            "You are logged in, but we could not find your details in the National Register. "
            "Please type your national number yourself, or choose “I have no national number”."
        )
    if code:
        return gettext(
            "We could not check your login with eID or itsme. You can try again, or give "
            "your national number another way."
        )
    return None


# Used by the views ---------------------------------------------------------------


def add_pending(request, *, relay_token: str, request_id: str, next_path: str) -> None:
    pending = dict(request.session.get(PENDING, {}))
    pending[relay_token] = {"request_id": request_id, "next": next_path}
    request.session[PENDING] = dict(list(pending.items())[-MAX_PENDING:])


def peek_pending(request, relay_token: str) -> dict | None:
    return request.session.get(PENDING, {}).get(relay_token)


def pop_pending(request, relay_token: str) -> dict | None:
    """The login in flight for this RelayState, removed: a request ID serves once."""
    pending = dict(request.session.get(PENDING, {}))
    entry = pending.pop(relay_token, None)
    if entry is not None:
        request.session[PENDING] = pending
    return entry


def set_error(request, code: str) -> None:
    request.session[ERROR] = code


def person_from(assertion: Assertion) -> Person | None:
    """The person of a valid assertion, completed from the National Register."""
    record = get_national_register_client().lookup(assertion.national_number)
    birth_date = record.birth_date if record else ssn.get_birth_date(assertion.national_number)
    first_name = assertion.first_name or (record.first_name if record else "")
    last_name = assertion.last_name or (record.last_name if record else "")
    if birth_date is None or not (first_name and last_name):
        return None
    return Person(
        national_number=assertion.national_number,
        first_name=first_name,
        last_name=last_name,
        birth_date=birth_date,
        domicile_nis=record.domicile_nis if record else None,
    )


def log_in(request, person: Person) -> None:
    """Keep the person in the session, under a new session key (no fixation)."""
    request.session.cycle_key()
    request.session[PERSON] = crypto.encrypt(json.dumps(person.to_dict()))
    request.session.pop(ERROR, None)
