"""The change feed and the events' contract, on the social software API
(``/api/v1/``; docs/integration.md). Mounted on ``backoffice.api.api`` by the project's
URLs, so that the back-office never imports this app."""

from datetime import datetime

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from backoffice.api import AidRequestOut
from backoffice.constants import AccessAction
from backoffice.services import access_log_record
from cpasonline.client import client_ip

from .examples import FEED_EXAMPLE
from .kinds import BY_TYPE, event_schema
from .reading import MAX_LIMIT, UnknownCursor, feed_page_read

router = Router(tags=["feed"])


class FeedEventOut(Schema):
    id: str = Field(description="Unique, stable: the webhook-id of its webhooks.")
    seq: int = Field(description="1, 2, 3… in this CPAS's feed, without gaps.")
    type: str = Field(examples=["request.submitted"])
    version: int = Field(description="The event's version (docs/integration.md).")
    occurred_at: datetime
    reference: str
    test: bool = Field(description="A sandbox request (docs/sandbox.md).")
    data: dict = Field(description="The type's fields: GET /schemas/events/<type>.json.")
    request: AidRequestOut | None = Field(
        description="The request, on the events that bring it to this CPAS, while this CPAS "
        "holds it; null otherwise."
    )


class FeedPageOut(Schema):
    events: list[FeedEventOut]
    next_after: int = Field(description="The cursor of the next page: the last seq returned.")
    last_seq: int = Field(description="The last event of the feed now.")
    has_more: bool


class FeedQuery(Schema):
    after: int = Field(0, ge=0, description="The last seq already applied; 0 from the start.")
    limit: int = Field(100, ge=1, le=MAX_LIMIT)
    with_requests: bool = Field(
        True,
        description="false: every `request` is null, for a software that already has the "
        "requests' data (nothing is written to the access log then). Default true.",
    )


@router.get(
    "/feed",
    response=FeedPageOut,
    summary="This CPAS's change feed",
    openapi_extra={
        "responses": {200: {"content": {"application/json": {"example": FEED_EXAMPLE}}}}
    },
)
def feed(request, query: Query[FeedQuery]):
    """Every event on this CPAS's requests, oldest first, after the cursor ``after``.

    Apply the events and store ``next_after`` in the same transaction; ask again with
    it until ``has_more`` is false. A cursor beyond the last event gives 400."""
    request.auth.require_scope("read")
    cpas = request.auth.cpas
    try:
        page = feed_page_read(
            reader=request.auth,
            cpas_id=cpas.pk,
            after=query.after,
            limit=query.limit,
            with_requests=query.with_requests,
        )
    except UnknownCursor as unknown:
        raise HttpError(
            400,
            _("Unknown cursor: after=%(after)s is beyond the last event (%(last)s) of this feed.")
            % {"after": query.after, "last": unknown.last_seq},
        ) from None
    if page.shown:
        access_log_record(
            aid_requests=page.shown,
            action=AccessAction.API_READ,
            api_token=request.auth.api_token,
            api_client=request.auth.client,
            ip_address=client_ip(request),
        )
    # Written as FeedPageOut says, without a schema object per event (a page has 500).
    response = HttpResponse(page.json(), content_type="application/json")
    response["Cache-Control"] = "no-store"  # personal data
    return response


def _example(example) -> dict:
    return {
        "responses": {
            200: {"description": "OK", "content": {"application/json": {"example": example}}}
        }
    }


_SUBMITTED = BY_TYPE["request.submitted"]
_SUBMITTED_SCHEMA = f"/api/v1/schemas/events/{_SUBMITTED.type}.json"


@router.get(
    "/schemas/events",
    auth=None,
    summary="The event types and their JSON Schemas",
    openapi_extra=_example(
        {
            "types": [
                {
                    "type": _SUBMITTED.type,
                    "schema": f"/api/v1/schemas/events/{_SUBMITTED.type}.json",
                }
            ]
        }
    ),
)
def event_types(request):
    return {
        "types": [
            {"type": kind.type, "schema": f"/api/v1/schemas/events/{kind.type}.json"}
            for kind in BY_TYPE.values()
        ]
    }


@router.get(
    "/schemas/events/{event_type}.json",
    auth=None,
    summary="An event's JSON Schema",
    openapi_extra=_example(event_schema(_SUBMITTED)),
)
def event_type_schema(request, event_type: str):
    kind = BY_TYPE.get(event_type)
    if kind is None:
        raise HttpError(404, _("Unknown event type."))
    return event_schema(kind)
