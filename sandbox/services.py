"""Issuing, revoking and checking a CPAS's sandbox link (docs/sandbox.md).

A link is ``<pk>.<token>``: the row's number and an HMAC of it and its nonce with the
secret key. Nothing in it names a person; only the CPAS's manager sees it.
"""

import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cpasonline.keyed import keyed_token
from routing.models import Cpas

from .models import SandboxLink

PURPOSE = "sandbox-link"


class Refusal(StrEnum):
    FORGED = "forged"  # not a link we issued (or mistyped)
    EXPIRED = "expired"  # older than SANDBOX_LINK_DAYS
    REVOKED = "revoked"  # revoked by the manager, or replaced by a new one


class SandboxLinkRefused(ValueError):
    def __init__(self, reason: Refusal):
        super().__init__(reason.value)
        self.reason = reason


def sandbox_link_token(link: SandboxLink) -> str:
    return f"{link.pk}.{keyed_token(PURPOSE, f'{link.pk}:{link.nonce}')}"


def expires_at(link: SandboxLink) -> datetime:
    return link.issued_at + timedelta(days=settings.SANDBOX_LINK_DAYS)


def sandbox_link_current(cpas: Cpas) -> SandboxLink | None:
    """The CPAS's link not revoked (it may have expired), or None."""
    return SandboxLink.objects.filter(cpas=cpas, revoked_at__isnull=True).first()


def sandbox_link_issue(*, cpas: Cpas, now: datetime | None = None) -> SandboxLink:
    """A new link for the CPAS; the one before stops working."""
    now = now or timezone.now()
    with transaction.atomic():
        SandboxLink.objects.filter(cpas=cpas, revoked_at__isnull=True).update(revoked_at=now)
        return SandboxLink.objects.create(cpas=cpas, nonce=secrets.token_hex(16), issued_at=now)


def sandbox_link_revoke(*, cpas: Cpas, now: datetime | None = None) -> int:
    """The CPAS's link stops working; no new one is issued."""
    now = now or timezone.now()
    return SandboxLink.objects.filter(cpas=cpas, revoked_at__isnull=True).update(revoked_at=now)


@dataclass(frozen=True)
class Opened:
    link: SandboxLink
    cpas: Cpas


def sandbox_link_check(token: str, *, now: datetime | None = None) -> Opened:
    """The CPAS whose sandbox this link opens, or ``SandboxLinkRefused`` with why."""
    now = now or timezone.now()
    number, _dot, _mac = str(token).partition(".")
    link = None
    if number.isdigit() and len(number) < 12:
        link = SandboxLink.objects.select_related("cpas").filter(pk=int(number)).first()
    if link is None or not hmac.compare_digest(sandbox_link_token(link), str(token)):
        raise SandboxLinkRefused(Refusal.FORGED)
    if link.revoked_at is not None:
        raise SandboxLinkRefused(Refusal.REVOKED)
    if expires_at(link) <= now:
        raise SandboxLinkRefused(Refusal.EXPIRED)
    return Opened(link=link, cpas=link.cpas)


def sandbox_is_open(cpas: Cpas, *, now: datetime | None = None) -> bool:
    """The CPAS has a working link: it takes test requests (a test transfer's target)."""
    now = now or timezone.now()
    link = sandbox_link_current(cpas)
    return link is not None and expires_at(link) > now
