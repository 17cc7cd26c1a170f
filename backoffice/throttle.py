"""The login's limits beyond django-axes (docs/data-protection.md, "Staff accounts").

django-axes locks one username from one address after ``AXES_FAILURE_LIMIT`` failures.
Two more limits count failed logins in the cache (``cpasonline.ratelimit``):

- per account, whatever the address (``STAFF_LOGIN_ACCOUNT_RATE``): guesses spread over
  many addresses stop too. Counted for the username as typed (folded), whether or not
  such an account exists, and the page says the same in both cases. When the limit is
  reached, the account's owner is told by email (once per window). The browser where
  the owner last logged in (a signed cookie) is not held back by this limit, so that
  whoever attacks an account cannot lock its owner out;
- per address, whatever the username (``STAFF_LOGIN_ADDRESS_RATE``): one address trying
  many usernames (spraying) stops.
"""

import time
import unicodedata
from datetime import UTC, datetime

from django.conf import settings
from django.contrib.auth import get_user_model

from cpasonline.keyed import keyed_digest
from cpasonline.ratelimit import is_limited, limit_reset, parse_rate
from notifications.constants import EmailKind
from notifications.outbox import queue_staff_email

DEVICE_COOKIE = "staff_device"
_DEVICE_SALT = "backoffice.throttle.device"
DEVICE_DAYS = 90
ACCOUNT = "login-account"
ADDRESS = "login-address"


def folded(username: str) -> str:
    """One key for every way of typing a username (case, width, spaces)."""
    return unicodedata.normalize("NFKC", username).strip().casefold()[:150]


def _known_device(request, username: str) -> bool:
    value = request.get_signed_cookie(
        DEVICE_COOKIE, default=None, salt=_DEVICE_SALT, max_age=DEVICE_DAYS * 86400
    )
    return value is not None and value == keyed_digest("staff-device", folded(username))


def login_refused(request, username: str) -> bool:
    """Whether this attempt is refused before the password is even checked."""
    if is_limited(request, group=ADDRESS, rate=settings.STAFF_LOGIN_ADDRESS_RATE, increment=False):
        return True
    if _known_device(request, username):
        return False
    return is_limited(
        request,
        group=ACCOUNT,
        key=folded(username),
        rate=settings.STAFF_LOGIN_ACCOUNT_RATE,
        increment=False,
    )


def login_failure_record(request, username: str) -> None:
    """Count a failed login for the address and the account; tell the owner when the
    account's limit is reached."""
    is_limited(request, group=ADDRESS, rate=settings.STAFF_LOGIN_ADDRESS_RATE)
    if not username:
        return
    rate = settings.STAFF_LOGIN_ACCOUNT_RATE
    is_limited(request, group=ACCOUNT, key=folded(username), rate=rate)
    if is_limited(request, group=ACCOUNT, key=folded(username), rate=rate, increment=False):
        _warn_owner(username, rate)  # at most one email per account and window


def _warn_owner(username: str, rate: str) -> None:
    user = (
        get_user_model()
        .objects.filter(username__iexact=username.strip(), is_active=True)
        .select_related("cpas")
        .first()
    )
    if user is None:
        return
    _limit, period = parse_rate(rate)
    window = int(time.time() // period)
    until = datetime.fromtimestamp((window + 1) * period, tz=UTC)
    queue_staff_email(
        user=user,
        kind=EmailKind.LOGIN_WARNING,
        context={"until": until.isoformat()},
        idempotency_key=f"login_warning:{user.pk}:{period}:{window}",
    )


def remember_device(response, username: str) -> None:
    """After a successful login: this browser is the owner's (signed, ``DEVICE_DAYS``)."""
    response.set_signed_cookie(
        DEVICE_COOKIE,
        keyed_digest("staff-device", folded(username)),
        salt=_DEVICE_SALT,
        max_age=DEVICE_DAYS * 86400,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def login_throttle_reset(username: str) -> None:
    """Forget the account's failures (an administrator unlocked it)."""
    limit_reset(group=ACCOUNT, rate=settings.STAFF_LOGIN_ACCOUNT_RATE, key=folded(username))
