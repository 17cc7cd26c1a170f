"""Webhook addresses subscribed through the API by the software a CPAS authorised
(docs/api.md, "Webhooks"; docs/integration.md): the scope ``webhooks`` of a vendor's
grant. The same validation as the manager's screen (``forms.WebhookEndpointForm``), the
same services; the address is listed on the manager's screen with the software that
added it, and the manager may deactivate it. A vendor sees and changes only the
addresses its client added for the CPAS of its token; any other is a 404.

No ``Idempotency-Key`` here: a creation's answer holds the secret, which is never kept
in the clear (an idempotency record would keep it). A retry of a creation finds the
address already there (409 ``webhook-exists``); a deletion and a rotation are retried by
listing first."""

import json
from datetime import datetime

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from pydantic import ConfigDict

from backoffice.api_auth import ApiCaller
from backoffice.api_problems import ProblemError
from vendors.models import Scope

from .forms import WebhookEndpointForm
from .models import WebhookEndpoint
from .webhooks import webhook_endpoint_create, webhook_endpoint_deactivate, webhook_secret_rotate

router = Router(tags=["webhooks"])

_EXAMPLE_URL = "https://software.example.be/hooks"
_EXAMPLE_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"  # noqa: S105  # nosec B105 (the standard's example)


class WebhookIn(Schema):
    url: str = Field(
        min_length=1,
        max_length=500,
        description="An https:// address of your software's receiver, without user name "
        "or password.",
    )
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"url": _EXAMPLE_URL}]}
    )


_OUT_EXAMPLE = {
    "id": 7,
    "url": _EXAMPLE_URL,
    "active": True,
    "created_at": "2026-03-02T08:14:03.120000+00:00",
    "previous_secret_expires_at": None,  # nosec B105 (a date, not a secret)
}


class WebhookOut(Schema):
    id: int
    url: str
    active: bool
    created_at: datetime
    previous_secret_expires_at: datetime | None = Field(
        description="During a rotation: until when the previous secret still signs."
    )
    model_config = ConfigDict(json_schema_extra={"examples": [_OUT_EXAMPLE]})


class WebhookSecretOut(Schema):
    id: int
    url: str
    active: bool
    created_at: datetime
    secret: str = Field(description="The signing secret, given once: keep it now.")
    previous_secret_expires_at: datetime | None
    model_config = ConfigDict(
        json_schema_extra={"examples": [{**_OUT_EXAMPLE, "secret": _EXAMPLE_SECRET}]}
    )


_EXISTS = {
    "responses": {
        409: {
            "description": "Webhook address already subscribed",
            "content": {
                "application/problem+json": {
                    "schema": {"$ref": "#/components/schemas/Problem"},
                    "example": {
                        "type": "urn:cpas-online:problem:webhook-exists",
                        "title": "Webhook address already subscribed",
                        "status": 409,
                        "detail": "This address already receives this CPAS's webhooks: "
                        "nothing was created.",
                        "instance": "/api/v1/webhooks",
                    },
                }
            },
        }
    }
}


def _caller(request) -> ApiCaller:
    caller: ApiCaller = request.auth
    caller.require_scope(Scope.WEBHOOKS)
    return caller


def _mine(caller: ApiCaller, pk: int) -> WebhookEndpoint:
    """An active address this client added for this CPAS; 404 otherwise (nothing said of
    another CPAS's or another vendor's)."""
    endpoint = WebhookEndpoint.objects.filter(
        pk=pk, cpas_id=caller.cpas_id, created_by_client=caller.client, is_active=True
    ).first()
    if endpoint is None:
        raise ProblemError(
            404,
            "not-found",
            "Not found",
            _("Your software has no active webhook address with this id for this CPAS."),
        )
    return endpoint


def _out(endpoint: WebhookEndpoint, **extra) -> dict:
    expires = endpoint.previous_secret_expires_at
    return {
        "id": endpoint.pk,
        "url": endpoint.url,
        "active": endpoint.is_active,
        "created_at": endpoint.created_at.isoformat(),
        **extra,
        "previous_secret_expires_at": expires.isoformat() if expires else None,
    }


def _secret_answer(status: int, body: dict) -> HttpResponse:
    response = HttpResponse(json.dumps(body), status=status, content_type="application/json")
    response["Cache-Control"] = "no-store"  # a secret
    return response


@router.get("/webhooks", response=list[WebhookOut], summary="Your software's webhook addresses")
def webhooks_list(request):
    """The addresses your client added for this CPAS, active or not, newest first."""
    caller = _caller(request)
    rows = WebhookEndpoint.objects.filter(cpas_id=caller.cpas_id, created_by_client=caller.client)
    return [_out(endpoint) for endpoint in rows]


@router.post(
    "/webhooks",
    response={201: WebhookSecretOut},
    summary="Subscribe an address to this CPAS's webhooks",
    openapi_extra=_EXISTS,
)
def webhooks_create(request, payload: WebhookIn):
    """Every event of this CPAS's feed is then announced to the address, signed with the
    secret of the answer (given once). The same active address twice: 409."""
    caller = _caller(request)
    form = WebhookEndpointForm({"url": payload.url})
    if not form.is_valid():
        raise ProblemError(
            422,
            "invalid-request",
            "Invalid request",
            _("The address is refused: nothing was created."),
            errors=[
                {"loc": ["body", "url"], "msg": str(message)} for message in form.errors["url"]
            ],
        )
    url = form.cleaned_data["url"]
    if WebhookEndpoint.objects.filter(cpas_id=caller.cpas_id, url=url, is_active=True).exists():
        raise ProblemError(
            409,
            "webhook-exists",
            "Webhook address already subscribed",
            _("This address already receives this CPAS's webhooks: nothing was created."),
        )
    endpoint, secret = webhook_endpoint_create(
        cpas=caller.cpas, url=url, user=None, client=caller.client
    )
    return _secret_answer(201, _out(endpoint, secret=secret))


@router.post(
    "/webhooks/{webhook_id}/rotate-secret",
    response=WebhookSecretOut,
    summary="A new signing secret, the old one still valid for an overlap",
)
def webhooks_rotate(request, webhook_id: int):
    """The new secret signs at once; the old one signs beside it until
    ``previous_secret_expires_at`` (``webhook-signature`` then carries two signatures)."""
    endpoint = _mine(_caller(request), webhook_id)
    secret, _until = webhook_secret_rotate(endpoint=endpoint)
    endpoint.refresh_from_db()
    return _secret_answer(200, _out(endpoint, secret=secret))


@router.delete(
    "/webhooks/{webhook_id}", response={204: None}, summary="Stop the webhooks to an address"
)
def webhooks_delete(request, webhook_id: int):
    """No more deliveries to it; those waiting are given up (the feed keeps the events)."""
    endpoint = _mine(_caller(request), webhook_id)
    webhook_endpoint_deactivate(endpoint=endpoint)
    return HttpResponse(status=204)
