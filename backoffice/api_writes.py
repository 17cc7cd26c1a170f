"""Write-back: the CPAS's social software records what the social worker did there
(docs/api.md, "Write-back"). Each write goes through the same service of the request
core as the back-office's page (``intake.services``: the same lifecycle rules, the same
history, the same notices), is written to the access log, needs the ``write`` scope and
an ``Idempotency-Key`` (``vendors.idempotency``)."""

import json
from collections.abc import Callable

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Schema

from cpasonline.client import client_ip
from intake import services as intake_services
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
from .api_schemas import (
    IDEMPOTENCY_HEADER,
    CompetenceIn,
    CompetenceOut,
    ConflictReferralIn,
    ConflictReferralOut,
    DecisionIn,
    DecisionOut,
    RegistrationIn,
    RegistrationOut,
    TransferIn,
    TransferOut,
)
from .constants import AccessAction

router = Router(tags=["write-back"])


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


@router.post(
    "/requests/{reference}/conflict-referral",
    response=ConflictReferralOut,
    summary="Refer a request received by transfer to SPP-IS (competence conflict)",
    openapi_extra=IDEMPOTENCY_HEADER,
)
def record_conflict_referral(request, reference: str, payload: ConflictReferralIn):
    """A CPAS that received the request by transfer and is not competent either refers it
    to SPP-IS's competence-conflict service within five working days (docs/transfers.md,
    rule 6)."""

    def write(aid_request):
        referral = intake_services.aid_request_refer_conflict(
            aid_request=aid_request,
            user=None,
            reasons=list(payload.reasons),
            reasons_text=payload.reasons_text,
        )
        return ConflictReferralOut(
            reference=aid_request.reference,
            deadline=referral.deadline,
            late=referral.late,
            referred_at=referral.referred_at,
        )

    return _idempotent_write(request, reference, payload, write)
