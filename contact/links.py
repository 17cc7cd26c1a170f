"""The applicant's link (docs/first-contact.md, "The link"): an unguessable token, of
which the database keeps only the SHA-256; the token itself is HMAC(secret key, salt),
recomputed when an email that carries it is written. No personal data in the URL."""

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from cpasonline.keyed import keyed_token

from .constants import LinkState
from .models import ContactLink
from .rules import link_state

PURPOSE = "contact.link"


def token_of(link: ContactLink) -> str:
    return keyed_token(PURPOSE, link.salt)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def contact_link_create(*, aid_request, now: datetime | None = None) -> ContactLink:
    now = now or timezone.now()
    salt = secrets.token_hex(16)
    return ContactLink.objects.create(
        aid_request=aid_request,
        salt=salt,
        token_hash=token_hash(keyed_token(PURPOSE, salt)),
        created_at=now,
        expires_at=now + timedelta(days=settings.CONTACT_LINK_DAYS),
    )


def state_of(link: ContactLink, now: datetime | None = None) -> LinkState:
    return link_state(
        expires_at=link.expires_at,
        revoked_at=link.revoked_at,
        erased=link.aid_request.personal_data_erased_at is not None,
        now=now or timezone.now(),
    )


def link_find(token: str) -> ContactLink | None:
    """The link of this token, whatever its state; None for an unknown or malformed one."""
    if not token or len(token) > 100:
        return None
    return (
        ContactLink.objects.select_related("aid_request", "aid_request__cpas")
        .filter(token_hash=token_hash(token))
        .first()
    )


def usable_link(aid_request, now: datetime | None = None) -> ContactLink | None:
    """The request's newest link that still opens, if any."""
    now = now or timezone.now()
    for link in aid_request.contact_links.filter(revoked_at=None, expires_at__gt=now)[:1]:
        if state_of(link, now) == LinkState.OK:
            return link
    return None


def link_url(link: ContactLink, language: str) -> str:
    with translation.override(language):
        path = reverse("contact:open", kwargs={"token": token_of(link)})
    return f"{settings.SITE_URL}{path}"


def status_url_for(aid_request) -> str:
    """The acknowledgement's link (``notifications.acknowledgement``'s provider): the
    request's usable link in its language, or nothing."""
    link = usable_link(aid_request)
    return link_url(link, aid_request.language) if link else ""
