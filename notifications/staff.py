"""Emails to a staff member about their own account (docs/data-protection.md, "Staff
accounts"): the invitation to set up the second factor, and the warning that someone
is trying passwords on the account. They go through the outbox like every email
(``outbox.queue_staff_email``), and say nothing of any applicant, nor the address or
the password tried. This module says what they may contain.
"""

from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from cpasonline.keyed import keyed_token

from .constants import EmailKind

INVITATION_PURPOSE = "staff-invitation"  # what the keyed token is for


def invitation_token(salt: str) -> str:
    """The invitation link's token: derived from the row's salt with the secret key."""
    return keyed_token(INVITATION_PURPOSE, salt)


def _moment(value: str) -> datetime:
    return timezone.localtime(parse_datetime(value))


def staff_email_context(email) -> dict:
    """What the staff emails may say: an allow-list (in the current language)."""
    if email.kind == EmailKind.STAFF_INVITATION:
        path = reverse(
            "backoffice:invitation",
            kwargs={"token": invitation_token(email.context["salt"])},
        )
        return {"link": f"{settings.SITE_URL}{path}", "expires_at": _moment(email.context["until"])}
    login = reverse("backoffice:login")
    return {"until": _moment(email.context["until"]), "login_url": f"{settings.SITE_URL}{login}"}
