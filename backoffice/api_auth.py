"""Who calls the social software API (docs/api.md, "Authentication").

Two kinds of bearer token:

- a **vendor's access token** (``cpt_…``), obtained at ``POST /api/v1/token`` with the
  client's id and secret for one CPAS that granted that client access; it expires
  (``VENDOR_TOKEN_SECONDS``) and stops at once when the grant is revoked;
- a **CPAS's own API token**, created in the admin (the first API's), scope ``read``.

Either way ``request.auth`` is an ``ApiCaller``:

- ``request.auth.cpas`` / ``.cpas_id``: the CPAS whose data this call serves;
- ``request.auth.has_scope("read")`` / ``.has_scope("write")``: whether the call may;
  ``request.auth.require_scope("write")`` raises the API's 403 problem otherwise;
- ``request.auth.label``: the software's name, for the history (no personal data).

Every authenticated call counts against its client's rate (``API_CLIENT_RATE``; fail
open when the cache is down, like every limit, ``cpasonline.ratelimit``).
"""

import time
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer

from cpasonline.ratelimit import is_limited, parse_rate
from routing.models import Cpas
from vendors.models import Grant, Scope, VendorClient
from vendors.services import access_token_authenticate, last_use_touch

from .models import ApiToken, hash_token

VENDOR_TOKEN_PREFIX = "cpt_"  # noqa: S105  # nosec B105 (a prefix, not a secret)
LEGACY_TOKEN_SCOPES = frozenset({Scope.READ.value})


class RateLimited(Exception):
    def __init__(self, retry_after: int):
        super().__init__("rate limited")
        self.retry_after = retry_after


@dataclass(frozen=True)
class ApiCaller:
    cpas: Cpas
    scopes: frozenset[str]
    label: str
    api_token: ApiToken | None = None
    client: VendorClient | None = None
    grant: Grant | None = field(default=None, compare=False)
    is_active: bool = True

    @property
    def cpas_id(self) -> int:
        return self.cpas.pk

    @property
    def caller_key(self) -> str:
        """Who, for the idempotency keys and the rate limit: one client in every CPAS."""
        if self.client is not None:
            return f"client:{self.client.pk}"
        return f"token:{self.api_token.pk}"

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes

    def require_scope(self, scope: str) -> None:
        if not self.has_scope(scope):
            raise HttpError(
                403,
                _("Your access to this CPAS does not include the scope “%(scope)s”.")
                % {"scope": scope},
            )


def _legacy(token: str) -> ApiCaller | None:
    api_token = (
        ApiToken.objects.select_related("cpas")
        .filter(token_hash=hash_token(token), is_active=True)
        .first()
    )
    if api_token is None:
        return None
    last_use_touch(
        ApiToken.objects.filter(pk=api_token.pk), timezone.now(), known=api_token.last_used_at
    )
    return ApiCaller(
        cpas=api_token.cpas,
        scopes=LEGACY_TOKEN_SCOPES,
        label=api_token.name,
        api_token=api_token,
    )


def _vendor(token: str) -> ApiCaller | None:
    found = access_token_authenticate(token)
    if found is None:
        return None
    return ApiCaller(
        cpas=found.cpas,
        scopes=found.scopes,
        label=found.client.name,
        client=found.client,
        grant=found.grant,
    )


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str) -> ApiCaller | None:
        caller = _vendor(token) if token.startswith(VENDOR_TOKEN_PREFIX) else _legacy(token)
        if caller is not None:
            rate = settings.API_CLIENT_RATE
            if is_limited(request, group="api.client", rate=rate, key=caller.caller_key):
                period = parse_rate(rate)[1]
                raise RateLimited(retry_after=period - int(time.time()) % period)
        return caller
