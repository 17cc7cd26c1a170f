"""The vendors' writes: clients and their secrets, grants, access tokens
(docs/api.md, "Software vendors")."""

import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from routing.models import Cpas

from .models import AccessToken, ClientSecret, Grant, Scope, VendorClient, secret_hash

MAX_ACTIVE_SECRETS = 2
# "Last use" is kept to the minute: a busy client's calls do not each write (and commit)
# a row before doing what they came for (docs/api.md, "Rate").
LAST_USE_PRECISION = timedelta(minutes=1)


def last_use_touch(rows, now, *, known=None) -> None:
    """Set ``last_used_at`` of ``rows`` (a queryset of one row) to ``now`` unless it was
    set less than ``LAST_USE_PRECISION`` ago (``known``: the value just read, which
    spares the query when it is recent)."""
    if known is not None and known >= now - LAST_USE_PRECISION:
        return
    rows.filter(Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USE_PRECISION)).update(
        last_used_at=now
    )


class SecretRefused(ValueError):
    """A third active secret: revoke one first (the message is for the admin)."""


class TokenRefused(Exception):
    """No token: ``error`` is the OAuth 2.0 error code (RFC 6749, 5.2)."""

    def __init__(self, error: str, detail: str):
        super().__init__(detail)
        self.error = error
        self.detail = detail


def vendor_client_id_new() -> str:
    return f"cpo_{secrets.token_hex(12)}"


def client_secret_create(*, client: VendorClient) -> tuple[ClientSecret, str]:
    """A new secret for ``client`` (shown once); at most two active at once."""
    with transaction.atomic():
        VendorClient.objects.select_for_update().get(pk=client.pk)
        if client.secrets.filter(revoked_at__isnull=True).count() >= MAX_ACTIVE_SECRETS:
            raise SecretRefused(
                _("This client already has two active secrets: revoke the older one first.")
            )
        secret = f"cps_{secrets.token_urlsafe(32)}"
        row = ClientSecret.objects.create(
            client=client, prefix=secret[:8], secret_hash=secret_hash(secret)
        )
    return row, secret


def grant_create(*, client: VendorClient, user, scopes: list[str]) -> Grant:
    """The manager's CPAS lets ``client`` serve it; a grant already active is replaced
    (its scopes change, its tokens stop)."""
    scopes = sorted({Scope(scope).value for scope in scopes})
    now = timezone.now()
    with transaction.atomic():
        for old in Grant.objects.select_for_update().filter(
            client=client, cpas_id=user.cpas_id, revoked_at__isnull=True
        ):
            grant_revoke(grant=old, user=user)
        return Grant.objects.create(
            client=client, cpas_id=user.cpas_id, scopes=scopes, granted_at=now, granted_by=user
        )


def grant_revoke(*, grant: Grant, user) -> None:
    """Revoked at once: its tokens stop working on the next call."""
    with transaction.atomic():
        Grant.objects.filter(pk=grant.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revoked_by=user
        )
        AccessToken.objects.filter(grant_id=grant.pk).delete()


def _secret_of(client_id: str, secret: str) -> ClientSecret | None:
    row = (
        ClientSecret.objects.select_related("client")
        .filter(secret_hash=secret_hash(secret), revoked_at__isnull=True)
        .first()
    )
    # Compare the client id in constant time too: a secret belongs to one client.
    if row is None or not hmac.compare_digest(row.client.client_id, client_id):
        return None
    if not row.client.is_active:
        return None
    return row


def access_token_issue(*, client_id: str, secret: str, cpas_code: str, scope: str = ""):
    """An access token for one CPAS that granted ``client_id`` access, with the granted
    scopes (or fewer, when ``scope`` asks for fewer). Returns (token, AccessToken)."""
    row = _secret_of(client_id, secret)
    if row is None:
        raise TokenRefused("invalid_client", _("Unknown client or wrong secret."))
    grant = (
        Grant.objects.select_related("cpas")
        .filter(client=row.client, cpas__code=cpas_code, revoked_at__isnull=True)
        .first()
    )
    if grant is None:
        # The same answer whether the CPAS exists or not: nothing about other CPAS.
        raise TokenRefused(
            "invalid_grant", _("This CPAS has not granted your client access (or revoked it).")
        )
    asked = set(scope.split()) if scope.strip() else set(grant.scopes)
    if not asked <= set(grant.scopes):
        raise TokenRefused("invalid_scope", _("A scope asked for is not granted by this CPAS."))
    now = timezone.now()
    AccessToken.objects.filter(grant=grant, expires_at__lte=now).delete()  # expired: gone
    token = f"cpt_{secrets.token_urlsafe(32)}"
    access = AccessToken.objects.create(
        grant=grant,
        token_hash=secret_hash(token),
        scopes=sorted(asked),
        issued_at=now,
        expires_at=now + timedelta(seconds=settings.VENDOR_TOKEN_SECONDS),
    )
    ClientSecret.objects.filter(pk=row.pk).update(last_used_at=now)
    return token, access


@dataclass(frozen=True)
class Authenticated:
    grant: Grant
    client: VendorClient
    cpas: Cpas
    scopes: frozenset[str]


def access_token_authenticate(token: str) -> Authenticated | None:
    """The grant behind a live token, or None (unknown, expired, grant revoked, client
    deactivated)."""
    now = timezone.now()
    access = (
        AccessToken.objects.select_related("grant__client", "grant__cpas")
        .filter(
            token_hash=secret_hash(token),
            expires_at__gt=now,
            grant__revoked_at__isnull=True,
            grant__client__is_active=True,
        )
        .first()
    )
    if access is None:
        return None
    last_use_touch(Grant.objects.filter(pk=access.grant_id), now, known=access.grant.last_used_at)
    # A scope revoked from the grant since the token was issued is gone at once too.
    scopes = frozenset(access.scopes) & frozenset(access.grant.scopes)
    return Authenticated(
        grant=access.grant, client=access.grant.client, cpas=access.grant.cpas, scopes=scopes
    )
