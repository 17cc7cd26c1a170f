"""API for the CPAS's social software, version 1 (OpenAPI at /api/v1/openapi.json; the
contract and its versioning rules: docs/api.md).

Authenticated by a bearer token (``Authorization: Bearer <token>``): a software vendor's
access token for one CPAS that granted it access (``POST /api/v1/token``), or a CPAS's
own API token created in the admin. The caller sees the requests now assigned to its
CPAS, through ``access.requests_visible_to`` like every page; every request returned or
written is in the access log. The steps the social worker took in the social software
are recorded back through the request core's services (write-back, with an
``Idempotency-Key``). Every error is a problem+json (RFC 9457).

For routers mounted on this API (``api.add_router``): ``request.auth`` is an
``api_auth.ApiCaller``; ``request.auth.cpas`` is the CPAS whose data the call serves and
``request.auth.has_scope("read")`` (or ``require_scope``) checks a scope. Raise
``ninja.errors.HttpError`` (or ``api_problems.ProblemError``): it becomes a problem.

Test requests, sent through the CPAS's sandbox link to try a connector end to end, are
served like the others with `"test": true` and a reference starting with `TEST-`; a
connector that is live keeps them out of its real files (docs/sandbox.md).
"""

import json
from datetime import date, datetime
from typing import Literal

from django.http import HttpResponse
from ninja import Field, Query, Schema
from pydantic import ConfigDict

from cpasonline.client import client_ip
from intake.models import AidRequest
from vendors.models import Scope

from . import services
from .access import get_request_or_404, requests_visible_to
from .api_auth import ApiCaller, TokenAuth
from .api_contract import ContractApi
from .api_problems import problem_handlers_install
from .api_token import router as token_router
from .api_writes import router as writes_router
from .constants import AccessAction
from .models import Retrieval

api = ContractApi(
    title="CPAS Online – social software API",
    version="1",
    description=__doc__,
    auth=TokenAuth(),
    urls_namespace="api-v1",
)
problem_handlers_install(api)


class ContactPerson(Schema):
    name: str = Field(description="Someone who helps the applicant; may be empty.")
    relation: str
    email: str
    phone: str


REQUEST_EXAMPLE = {
    "reference": "CPAS-2026-7K4M-Q9XD",
    "submitted_at": "2026-11-20T08:41:12+01:00",
    "reception_date": "2026-11-20",
    "competence_deadline": "2026-11-25",
    "decision_deadline": "2026-12-20",
    "state": "new",
    "channel": "online",
    "language": "fr",
    "identification_method": "typed",
    "national_number": "85073003328",
    "first_name": "Marie",
    "last_name": "Exemple",
    "asserted_first_name": "",
    "asserted_last_name": "",
    "birth_date": "1985-07-30",
    "birth_year": 1985,
    "birth_month": 7,
    "birth_day": 30,
    "email": "marie@example.org",
    "phone": "",
    "contact_person": {"name": "", "relation": "", "email": "", "phone": ""},
    "needs": ["income", "housing"],
    "needs_text": "",
    "commune_nis_code": "92094",
    "routing_rule": "residence",
    "retrieved_at": None,
    "test": False,
}


class AidRequestOut(Schema):
    reference: str = Field(examples=["CPAS-2026-7K4M-Q9XD"])
    submitted_at: datetime
    reception_date: date = Field(description="R, the date recorded in the register.")
    competence_deadline: date = Field(description="R + 5 calendar days.")
    decision_deadline: date = Field(description="R + 30 calendar days.")
    state: str = Field(description="new, read, registered, transferred or decided.")
    channel: str = Field(
        "online",
        description="online (the form), or desk, letter, email, phone, ex_officio: entered by "
        "the CPAS's staff in its register.",
    )
    language: str = Field(description="fr, nl, de or en: the applicant's language.")
    identification_method: str = Field(description="eid, typed or none.")
    national_number: str | None = Field(description="11 digits; null when not given.")
    first_name: str
    last_name: str
    asserted_first_name: str = Field(
        description="With eID or itsme: the asserted first names; empty otherwise."
    )
    asserted_last_name: str = Field(
        description="With eID or itsme: the asserted last name; empty otherwise."
    )
    birth_date: date | None = Field(description="The full date; null when a part is unknown.")
    birth_year: int
    birth_month: int | None = Field(description="Null when not known (00).")
    birth_day: int | None = Field(description="Null when not known (00).")
    email: str
    phone: str
    contact_person: ContactPerson
    needs: list[str] = Field(description="income, housing, energy, medical, debts, food, other.")
    needs_text: str
    commune_nis_code: str = Field(description="The commune that designated the CPAS.")
    routing_rule: str = Field(description="The rule of the law of 2 April 1965 applied.")
    retrieved_at: datetime | None = Field(description="When this CPAS marked it retrieved.")
    test: bool = Field(
        False,
        description="true: a test request of the CPAS's sandbox (reference TEST-…), not a real "
        "request for aid; not in the register, deleted after a few days.",
    )
    model_config = ConfigDict(json_schema_extra={"examples": [REQUEST_EXAMPLE]})


class RetrievedOut(Schema):
    reference: str
    retrieved_at: datetime
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"reference": "CPAS-2026-7K4M-Q9XD", "retrieved_at": "2026-11-20T10:15:00+01:00"}
            ]
        }
    )


def _out(aid_request: AidRequest, retrieved_at: datetime | None) -> AidRequestOut:
    return AidRequestOut(
        reference=aid_request.reference,
        submitted_at=aid_request.submitted_at,
        reception_date=aid_request.reception_date,
        competence_deadline=aid_request.competence_deadline,
        decision_deadline=aid_request.decision_deadline,
        state=aid_request.state,
        channel=aid_request.channel,
        language=aid_request.language,
        identification_method=aid_request.identification_method,
        national_number=aid_request.national_number or None,
        first_name=aid_request.first_name,
        last_name=aid_request.last_name,
        asserted_first_name=aid_request.asserted_first_name,
        asserted_last_name=aid_request.asserted_last_name,
        birth_date=aid_request.birth_date,
        birth_year=aid_request.birth_year,
        birth_month=aid_request.birth_month,
        birth_day=aid_request.birth_day,
        email=aid_request.email,
        phone=aid_request.phone,
        contact_person=ContactPerson(
            name=aid_request.contact_name,
            relation=aid_request.contact_relation,
            email=aid_request.contact_email,
            phone=aid_request.contact_phone,
        ),
        needs=list(aid_request.needs),
        needs_text=aid_request.needs_text,
        commune_nis_code=aid_request.commune_id,
        routing_rule=aid_request.routing_rule,
        retrieved_at=retrieved_at,
        test=aid_request.is_test,
    )


class ListFilters(Schema):
    status: Literal["new", "all"] = Field(
        "new", description="new: not yet marked retrieved by this CPAS; all: every request."
    )
    limit: int = Field(100, ge=1, le=500)


@api.get("/requests", response=list[AidRequestOut], summary="This CPAS's requests")
def list_requests(request, response: HttpResponse, filters: Query[ListFilters]):
    """Oldest reception first. Each request returned is written to the access log."""
    response["Cache-Control"] = "no-store"  # personal data
    caller: ApiCaller = request.auth
    caller.require_scope(Scope.READ)
    retrievals = Retrieval.objects.filter(cpas_id=caller.cpas_id)
    queryset = requests_visible_to(caller).order_by("reception_date", "submitted_at", "pk")
    if filters.status == "new":
        queryset = queryset.exclude(pk__in=retrievals.values("aid_request_id"))
    rows = list(queryset[: filters.limit])
    retrieved = dict(
        retrievals.filter(aid_request__in=rows).values_list("aid_request_id", "retrieved_at")
    )
    services.access_log_record(
        aid_requests=rows,
        action=AccessAction.API_READ,
        api_token=caller.api_token,
        api_client=caller.client,
        ip_address=client_ip(request),
    )
    return [_out(row, retrieved.get(row.pk)) for row in rows]


@api.post(
    "/requests/{reference}/retrieved",
    response=RetrievedOut,
    summary="Mark a request as retrieved",
)
def mark_retrieved(request, reference: str):
    """Idempotent by nature: the first time is kept (no Idempotency-Key needed; it
    existed before them). A request of another CPAS gives 404."""
    request.auth.require_scope(Scope.READ)
    aid_request = get_request_or_404(request.auth, reference)
    retrieval = services.aid_request_mark_retrieved(aid_request=aid_request, caller=request.auth)
    return RetrievedOut(reference=aid_request.reference, retrieved_at=retrieval.retrieved_at)


@api.get(
    "/schemas/request.json",
    auth=None,
    summary="JSON Schema of a request",
    tags=["contract"],
    openapi_extra={
        "responses": {
            "200": {
                "description": "A JSON Schema (2020-12)",
                "content": {
                    "application/schema+json": {
                        "example": {
                            "$schema": "https://json-schema.org/draft/2020-12/schema",
                            "title": "AidRequestOut",
                            "type": "object",
                        }
                    }
                },
            }
        }
    },
)
def request_schema(request):
    """The JSON Schema (2020-12) of a request as the API returns it (``AidRequestOut``)."""
    schema = AidRequestOut.model_json_schema(ref_template="#/$defs/{model}")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = request.build_absolute_uri()
    response = HttpResponse(json.dumps(schema), content_type="application/schema+json")
    response["Cache-Control"] = "public, max-age=3600"
    return response


api.add_router("", token_router)
api.add_router("", writes_router)
