"""Write-back: the CPAS's social software records what the social worker did there
(docs/api.md, "Write-back"). Each write goes through the same service of the request
core as the back-office's page (``intake.services``: the same lifecycle rules, the same
history, the same notices), is written to the access log, needs the ``write`` scope and
an ``Idempotency-Key`` (``vendors.idempotency``)."""

import json
from collections.abc import Callable
from datetime import date, datetime

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from pydantic import ConfigDict

from cpasonline.client import client_ip
from intake import services as intake_services
from intake.constants import MeritsOutcome, TransferReason
from intake.models import AidRequest
from routing.models import Cpas
from vendors.idempotency import (
    KEY_MAX_LENGTH,
    KeyInProgress,
    KeyReused,
    idempotency_claim,
    idempotency_complete,
    idempotency_release,
    request_fingerprint,
)
from vendors.models import Scope

from . import services
from .access import request_held_by, transferred_away_by_cpas
from .api_auth import ApiCaller
from .api_problems import ProblemError
from .constants import AccessAction

router = Router(tags=["write-back"])


# Every input declares extra="forbid": an unknown field is a 422, never silently dropped.


class RegistrationIn(Schema):
    external_number: str = Field(
        min_length=1,
        max_length=50,
        pattern=r"^[\w./ -]+$",
        description="The request's number in the register the CPAS keeps in its software.",
    )
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"external_number": "2026/00412"}]}
    )


class RegistrationOut(Schema):
    reference: str
    register_year: int = Field(description="Year of this service's register line.")
    register_number: int = Field(description="This service's number (never renumbered).")
    external_number: str
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "reference": "CPAS-2026-7K4M-Q9XD",
                    "register_year": 2026,
                    "register_number": 118,
                    "external_number": "2026/00412",
                }
            ]
        }
    )


class CompetenceIn(Schema):
    competent: bool = Field(
        description="true: the CPAS is territorially competent. A CPAS that is not "
        "competent transfers the request instead (POST …/transfer)."
    )
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"competent": True}]})


class CompetenceOut(Schema):
    reference: str
    competent: bool
    decided_at: datetime
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "reference": "CPAS-2026-7K4M-Q9XD",
                    "competent": True,
                    "decided_at": "2026-11-21T09:30:00+01:00",
                }
            ]
        }
    )


class TransferIn(Schema):
    to_cpas: str = Field(description="The code of the CPAS deemed competent.", max_length=10)
    reasons: list[TransferReason] = Field(description="Why this CPAS is not competent.")
    reasons_text: str = Field("", max_length=2000, description="Reasons in the CPAS's words.")
    notified_on: date | None = Field(
        None,
        description="When the applicant was sent the written notice; ignored when the "
        "applicant gave an email address (CPAS Online sends it today).",
    )
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"to_cpas": "62063", "reasons": ["residence"], "reasons_text": ""}]
        },
    )


class TransferOut(Schema):
    reference: str
    transferred_to: str
    notified_on: date
    notice_timing: str = Field(description="on_time or late (after R + 5).")
    decided_at: datetime
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "reference": "CPAS-2026-7K4M-Q9XD",
                    "transferred_to": "62063",
                    "notified_on": "2026-11-21",
                    "notice_timing": "on_time",
                    "decided_at": "2026-11-21T09:30:00+01:00",
                }
            ]
        }
    )


class DecisionIn(Schema):
    outcome: MeritsOutcome
    decided_on: date = Field(description="The date of the decision on the merits.")
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"outcome": "granted", "decided_on": "2026-12-10"}]},
    )


class DecisionOut(Schema):
    reference: str
    outcome: str
    decided_on: date
    recorded_at: datetime
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "reference": "CPAS-2026-7K4M-Q9XD",
                    "outcome": "granted",
                    "decided_on": "2026-12-10",
                    "recorded_at": "2026-12-10T14:02:00+01:00",
                }
            ]
        }
    )


IDEMPOTENCY_HEADER = {
    "parameters": [
        {
            "in": "header",
            "name": "Idempotency-Key",
            "required": True,
            "schema": {"type": "string", "maxLength": KEY_MAX_LENGTH},
            "example": "9f2c4d1e-6b7a-4f0e-8a51-3c2d9e7b1a60",
            "description": "A unique key per write (a UUID): a retry with the same key and "
            "body gets the first response and records nothing.",
        }
    ]
}


def _held(caller: ApiCaller, reference: str) -> AidRequest:
    """The request if this caller's CPAS holds it; a precise problem otherwise, that
    reveals nothing of another CPAS's requests."""
    aid_request = request_held_by(caller, reference)
    if aid_request is not None:
        return aid_request
    if transferred_away_by_cpas(caller.cpas_id, reference):
        raise ProblemError(
            409,
            "no-longer-held",
            "Request no longer held",
            _("Your CPAS transferred this request: it no longer holds it. Nothing was recorded."),
        )
    raise ProblemError(
        404,
        "not-found",
        "Not found",
        _("Your CPAS holds no request with this reference. Nothing was recorded."),
    )


def _json(status: int, body, **headers) -> HttpResponse:
    response = HttpResponse(json.dumps(body), status=status, content_type="application/json")
    for name, value in headers.items():
        response[name] = value
    return response


def _idempotent_write(request, reference: str, payload: Schema, write: Callable):
    """Claim the key, find the request, run ``write(aid_request)`` (the service),
    store and return its response."""
    caller: ApiCaller = request.auth
    caller.require_scope(Scope.WRITE)
    key = request.headers.get("Idempotency-Key", "").strip()
    if not key or len(key) > KEY_MAX_LENGTH:
        raise ProblemError(
            400,
            "idempotency-key-missing",
            "Idempotency-Key missing",
            _("Every write needs an Idempotency-Key header (at most 255 characters)."),
        )
    fingerprint = request_fingerprint(request.method, request.path, payload.model_dump(mode="json"))
    try:
        claimed = idempotency_claim(caller=caller.caller_key, key=key, fingerprint=fingerprint)
    except KeyReused:
        raise ProblemError(
            422,
            "idempotency-key-reused",
            "Idempotency-Key reused",
            _("This Idempotency-Key was used for another write: use a new key."),
        ) from None
    except KeyInProgress:
        raise ProblemError(
            409,
            "idempotency-key-in-progress",
            "Idempotency-Key in progress",
            _("The first call with this Idempotency-Key is still being processed: retry later."),
        ) from None
    if claimed.replay:
        return _json(claimed.status, claimed.body, **{"Idempotent-Replayed": "true"})
    try:
        aid_request = _held(caller, reference)
        with intake_services.acting_through(caller.label):
            # The response's very bytes are stored: a replay is the same.
            body = json.loads(DjangoJSONEncoder().encode(write(aid_request).model_dump()))
    except intake_services.StepRefused as refused:
        idempotency_release(claimed)
        raise ProblemError(
            409, "step-refused", "Step refused", str(refused) + " " + _("Nothing was recorded.")
        ) from None
    except BaseException:
        idempotency_release(claimed)
        raise
    services.access_log_record(
        aid_requests=[aid_request],
        action=AccessAction.API_WRITE,
        api_token=caller.api_token,
        api_client=caller.client,
        ip_address=client_ip(request),
    )
    idempotency_complete(claimed, status=200, body=body)
    return _json(200, body)


@router.post(
    "/requests/{reference}/registration",
    response=RegistrationOut,
    summary="Record the CPAS's own register number",
    openapi_extra=IDEMPOTENCY_HEADER,
)
def record_registration(request, reference: str, payload: RegistrationIn):
    """For a CPAS that keeps its register in its social software (docs/register.md):
    the request's number there, kept beside this service's register line."""

    def write(aid_request):
        entry = intake_services.register_entry_record_external_number(
            aid_request=aid_request, user=None, number=payload.external_number
        )
        return RegistrationOut(
            reference=aid_request.reference,
            register_year=entry.year,
            register_number=entry.number,
            external_number=entry.external_number,
        )

    return _idempotent_write(request, reference, payload, write)


@router.post(
    "/requests/{reference}/competence",
    response=CompetenceOut,
    summary="Record the competence decision (competent)",
    openapi_extra=IDEMPOTENCY_HEADER,
)
def record_competence(request, reference: str, payload: CompetenceIn):
    """Within R + 5 (docs/transfers.md). ``competent: false`` is a transfer."""

    def write(aid_request):
        if not payload.competent:
            raise intake_services.StepRefused(
                _("A CPAS that is not competent transfers the request (…/transfer).")
            )
        decision = intake_services.aid_request_declare_competent(aid_request=aid_request, user=None)
        return CompetenceOut(
            reference=aid_request.reference, competent=True, decided_at=decision.decided_at
        )

    return _idempotent_write(request, reference, payload, write)


@router.post(
    "/requests/{reference}/transfer",
    response=TransferOut,
    summary="Transfer the request to the competent CPAS, with reasons",
    openapi_extra=IDEMPOTENCY_HEADER,
)
def record_transfer(request, reference: str, payload: TransferIn):
    """Art. 58 §3 of the organic law; art. 18 §4 of the law of 26 May 2002
    (docs/transfers.md). After it, the request and its personal data leave this CPAS."""

    def write(aid_request):
        to_cpas = Cpas.objects.filter(code=payload.to_cpas).first()
        if to_cpas is None:
            raise ProblemError(
                422, "unknown-cpas", "Unknown CPAS", _("There is no CPAS with this code.")
            )
        decision = intake_services.aid_request_transfer(
            aid_request=aid_request,
            user=None,
            to_cpas=to_cpas,
            reasons=list(payload.reasons),
            reasons_text=payload.reasons_text,
            notified_on=payload.notified_on,
        )
        return TransferOut(
            reference=aid_request.reference,
            transferred_to=to_cpas.code,
            notified_on=decision.notified_on,
            notice_timing=decision.notice_timing,
            decided_at=decision.decided_at,
        )

    return _idempotent_write(request, reference, payload, write)


@router.post(
    "/requests/{reference}/decision",
    response=DecisionOut,
    summary="Record the decision on the merits",
    openapi_extra=IDEMPOTENCY_HEADER,
)
def record_decision(request, reference: str, payload: DecisionIn):
    """Within R + 30 (docs/legal-dates.md)."""

    def write(aid_request):
        decision = intake_services.aid_request_decide(
            aid_request=aid_request,
            user=None,
            outcome=payload.outcome,
            decided_on=payload.decided_on,
        )
        return DecisionOut(
            reference=aid_request.reference,
            outcome=decision.outcome,
            decided_on=decision.decided_on,
            recorded_at=decision.recorded_at,
        )

    return _idempotent_write(request, reference, payload, write)
