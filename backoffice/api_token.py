"""``POST /api/v1/token``: a software vendor's client gets an access token for one CPAS
that granted it access (OAuth 2.0 client credentials, RFC 6749 4.4; docs/api.md,
"Software vendors"). The client authenticates with HTTP Basic or with ``client_id`` and
``client_secret`` in the form; ``cpas`` names the CPAS (its code). Errors are problems
whose ``error`` member is the OAuth error code."""

import base64
import binascii

from django.conf import settings
from django.utils.translation import gettext as _
from ninja import Field, Form, Router, Schema
from pydantic import ConfigDict

from cpasonline.ratelimit import is_limited
from vendors.services import TokenRefused, access_token_issue

from .api_auth import RateLimited
from .api_problems import ProblemError

router = Router(tags=["authentication"])


class TokenIn(Schema):
    grant_type: str = Field(examples=["client_credentials"])
    cpas: str = Field(description="The code of the CPAS this token serves.", examples=["92094"])
    scope: str = Field("", description="Space-separated; default: every scope granted.")
    client_id: str = Field("", description="Or in HTTP Basic.")
    client_secret: str = Field("", description="Or in HTTP Basic.")
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"grant_type": "client_credentials", "cpas": "92094", "scope": "read"}]
        }
    )


class TokenOut(Schema):
    access_token: str
    token_type: str
    expires_in: int
    scope: str
    cpas: str
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "access_token": "cpt_3q2-7Yc…",  # nosec B105 (an example)
                    "token_type": "Bearer",  # nosec B105 (RFC 6750)
                    "expires_in": 3600,
                    "scope": "read write",
                    "cpas": "92094",
                }
            ]
        }
    )


def _refused(status: int, error: str, detail: str) -> ProblemError:
    return ProblemError(status, f"oauth-{error.replace('_', '-')}", error, detail, error=error)


def _basic(request) -> tuple[str, str] | None:
    header = request.headers.get("Authorization", "")
    if not header.lower().startswith("basic "):
        return None
    try:
        client_id, _sep, secret = base64.b64decode(header[6:]).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return client_id, secret


@router.post("/token", auth=None, response=TokenOut, summary="Get an access token for one CPAS")
def token(request, form: Form[TokenIn]):
    if form.grant_type != "client_credentials":
        raise _refused(
            400, "unsupported_grant_type", _("Only grant_type=client_credentials is supported.")
        )
    client_id, secret = _basic(request) or (form.client_id, form.client_secret)
    if not client_id or not secret:
        raise _refused(401, "invalid_client", _("Give the client id and secret."))
    rate = settings.API_CLIENT_RATE
    if is_limited(request, group="api.token", rate=rate, key=client_id[:60]):
        raise RateLimited(retry_after=60)
    try:
        issued, access = access_token_issue(
            client_id=client_id, secret=secret, cpas_code=form.cpas, scope=form.scope
        )
    except TokenRefused as refused:
        status = 401 if refused.error == "invalid_client" else 400
        raise _refused(status, refused.error, refused.detail) from None
    response = TokenOut(
        access_token=issued,
        token_type="Bearer",  # noqa: S106  # nosec B106 (RFC 6750)
        expires_in=settings.VENDOR_TOKEN_SECONDS,
        scope=" ".join(access.scopes),
        cpas=form.cpas,
    )
    return response
