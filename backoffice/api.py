"""Read API for the CPAS's social software, version 1 (OpenAPI at /api/v1/openapi.json).

Authenticated per CPAS by a bearer token (``Authorization: Bearer <token>``), created
in the admin and shown once. A token sees the requests now assigned to its CPAS,
through ``access.requests_visible_to`` like every page. Every request returned is
written to the access log. The schema only grows within v1 (new optional fields);
anything else is /api/v2/.

Test requests, sent through the CPAS's sandbox link to try a connector end to end, are
served like the others with `"test": true` and a reference starting with `TEST-`; a
connector that is live keeps them out of its real files (docs/sandbox.md).
"""

from datetime import date, datetime
from typing import Literal

from django.http import HttpResponse
from django.utils import timezone
from ninja import Field, NinjaAPI, Query, Schema
from ninja.security import HttpBearer

from cpasonline.client import client_ip
from intake.models import AidRequest

from . import services
from .access import get_request_or_404, requests_visible_to
from .constants import AccessAction
from .models import ApiToken, Retrieval, hash_token


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str) -> ApiToken | None:
        api_token = (
            ApiToken.objects.select_related("cpas")
            .filter(token_hash=hash_token(token), is_active=True)
            .first()
        )
        if api_token is not None:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=timezone.now())
        return api_token


api = NinjaAPI(
    title="CPAS Online – social software API",
    version="1",
    description=__doc__,
    auth=TokenAuth(),
    urls_namespace="api-v1",
)


class ContactPerson(Schema):
    name: str = Field(description="Someone who helps the applicant; may be empty.")
    relation: str
    email: str
    phone: str


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


class RetrievedOut(Schema):
    reference: str
    retrieved_at: datetime


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
    api_token: ApiToken = request.auth
    retrievals = Retrieval.objects.filter(cpas_id=api_token.cpas_id)
    queryset = requests_visible_to(api_token).order_by("reception_date", "submitted_at", "pk")
    if filters.status == "new":
        queryset = queryset.exclude(pk__in=retrievals.values("aid_request_id"))
    rows = list(queryset[: filters.limit])
    retrieved = dict(
        retrievals.filter(aid_request__in=rows).values_list("aid_request_id", "retrieved_at")
    )
    services.access_log_record(
        aid_requests=rows,
        action=AccessAction.API_READ,
        api_token=api_token,
        ip_address=client_ip(request),
    )
    return [_out(row, retrieved.get(row.pk)) for row in rows]


@api.post(
    "/requests/{reference}/retrieved",
    response=RetrievedOut,
    summary="Mark a request as retrieved",
)
def mark_retrieved(request, reference: str):
    """Idempotent: the first time is kept. A request of another CPAS gives 404."""
    aid_request = get_request_or_404(request.auth, reference)
    retrieval = services.aid_request_mark_retrieved(aid_request=aid_request, api_token=request.auth)
    return RetrievedOut(reference=aid_request.reference, retrieved_at=retrieval.retrieved_at)
