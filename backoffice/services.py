"""Writes of the back-office: read marks, register, decisions, access log (DESIGN §8).

Each service owns its transaction and locks the request row, so two members of staff
clicking at once cannot record two decisions; every step goes into the history.
"""

import logging
from collections.abc import Iterable
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intake.constants import State
from intake.models import AidRequest
from routing.models import Cpas

from .constants import AccessAction, EventKind, MeritsOutcome
from .models import (
    AccessLogEntry,
    ApiToken,
    CompetenceDecision,
    MeritsDecision,
    ReadMark,
    RegisterCounter,
    RegisterEntry,
    RequestEvent,
    Retrieval,
    User,
)

logger = logging.getLogger(__name__)


class ActionRefused(ValueError):
    """The step cannot be taken in the request's present state (message for the user)."""


def access_log_record(
    *,
    aid_requests: Iterable[AidRequest],
    action: AccessAction,
    ip_address: str | None,
    user: User | None = None,
    api_token: ApiToken | None = None,
) -> None:
    """Write one access-log line per request consulted (DESIGN §8)."""
    at = timezone.now()
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            at=at,
            user=user,
            api_token=api_token,
            aid_request=aid_request,
            action=action,
            ip_address=ip_address or None,
        )
        for aid_request in aid_requests
    )


def _event(aid_request, kind, *, user=None, cpas=None, at=None, **data) -> RequestEvent:
    return RequestEvent.objects.create(
        aid_request=aid_request,
        kind=kind,
        actor=user,
        cpas=cpas or aid_request.cpas,
        at=at or timezone.now(),
        data=data,
    )


def aid_request_event_record(
    *, aid_request: AidRequest, kind: EventKind, at: datetime | None = None
) -> RequestEvent:
    """A line in the request's history written by another app (the notifications'
    "CPAS alerted" once the alert email is sent). No personal data."""
    return _event(aid_request, kind, at=at)


def _locked(aid_request: AidRequest) -> AidRequest:
    return AidRequest.objects.select_for_update().select_related("cpas").get(pk=aid_request.pk)


def aid_request_mark_read(*, aid_request: AidRequest, user: User) -> bool:
    """Mark the request read by its CPAS; the first reader and time are kept.

    Returns True the first time (for this CPAS)."""
    with transaction.atomic(durable=True):
        aid_request = _locked(aid_request)
        if aid_request.cpas_id != user.cpas_id:
            return False
        now = timezone.now()
        _mark, created = ReadMark.objects.get_or_create(
            aid_request=aid_request,
            cpas_id=aid_request.cpas_id,
            defaults={"read_by": user, "read_at": now},
        )
        if created:
            if aid_request.state == State.NEW:
                aid_request.state = State.READ
                aid_request.save(update_fields=["state"])
            _event(aid_request, EventKind.READ, user=user, at=now)
        return created


def _next_register_number(cpas_id: int, year: int) -> int:
    """The next number of the CPAS's register for the year: a locked counter row, so
    concurrent registrations wait for each other and no number is lost or doubled."""
    RegisterCounter.objects.bulk_create(
        [RegisterCounter(cpas_id=cpas_id, year=year)], ignore_conflicts=True
    )
    counter = RegisterCounter.objects.select_for_update().get(cpas_id=cpas_id, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def aid_request_register(*, aid_request: AidRequest, user: User) -> RegisterEntry:
    """Give the request the next number of its CPAS's register for the year of R.

    Registering twice returns the first entry."""
    with transaction.atomic(durable=True):
        aid_request = _locked(aid_request)
        existing = RegisterEntry.objects.filter(
            aid_request=aid_request, cpas_id=aid_request.cpas_id
        ).first()
        if existing:
            return existing
        year = aid_request.reception_date.year
        now = timezone.now()
        entry = RegisterEntry(
            cpas_id=aid_request.cpas_id,
            year=year,
            number=_next_register_number(aid_request.cpas_id, year),
            aid_request=aid_request,
            reception_date=aid_request.reception_date,
            registered_at=now,
            registered_by=user,
        )
        entry.full_clean(validate_unique=False)
        entry.save()
        if aid_request.state in (State.NEW, State.READ):
            aid_request.state = State.REGISTERED
            aid_request.save(update_fields=["state"])
        _event(aid_request, EventKind.REGISTERED, user=user, at=now, number=entry.number, year=year)
    logger.info("Request %s registered as %s/%s", aid_request.reference, entry.number, year)
    return entry


def _refuse_if_competence_decided(aid_request: AidRequest) -> None:
    if CompetenceDecision.objects.filter(
        aid_request=aid_request, cpas_id=aid_request.cpas_id
    ).exists():
        raise ActionRefused(_("The competence decision has already been recorded."))


def aid_request_declare_competent(*, aid_request: AidRequest, user: User) -> CompetenceDecision:
    with transaction.atomic(durable=True):
        aid_request = _locked(aid_request)
        _refuse_if_competence_decided(aid_request)
        now = timezone.now()
        decision = CompetenceDecision.objects.create(
            aid_request=aid_request,
            cpas_id=aid_request.cpas_id,
            competent=True,
            decided_at=now,
            decided_by=user,
        )
        _event(aid_request, EventKind.COMPETENT, user=user, at=now)
    return decision


def aid_request_transfer(
    *, aid_request: AidRequest, user: User, to_cpas: Cpas, notified_on: date
) -> CompetenceDecision:
    """Not competent: the request goes to ``to_cpas`` with its reception date.

    The receiving CPAS sees it as new; the sender keeps a read-only view."""
    with transaction.atomic(durable=True):
        aid_request = _locked(aid_request)
        _refuse_if_competence_decided(aid_request)
        if to_cpas.pk == aid_request.cpas_id:
            raise ActionRefused(_("Choose another CPAS than your own."))
        if hasattr(aid_request, "merits_decision"):
            raise ActionRefused(_("A decided request cannot be transferred."))
        now = timezone.now()
        from_cpas = aid_request.cpas
        decision = CompetenceDecision.objects.create(
            aid_request=aid_request,
            cpas=from_cpas,
            competent=False,
            transferred_to=to_cpas,
            notified_on=notified_on,
            decided_at=now,
            decided_by=user,
        )
        aid_request.cpas = to_cpas
        aid_request.state = State.NEW
        aid_request.save(update_fields=["cpas", "state"])
        _event(
            aid_request,
            EventKind.TRANSFERRED,
            user=user,
            cpas=from_cpas,
            at=now,
            to_cpas=to_cpas.code,
            notified_on=notified_on.isoformat(),
        )
    logger.info(
        "Request %s transferred from CPAS %s to CPAS %s",
        aid_request.reference,
        from_cpas.code,
        to_cpas.code,
    )
    return decision


def aid_request_decide(
    *, aid_request: AidRequest, user: User, outcome: MeritsOutcome, decided_on: date
) -> MeritsDecision:
    """Record the decision on the merits."""
    with transaction.atomic(durable=True):
        aid_request = _locked(aid_request)
        if MeritsDecision.objects.filter(aid_request=aid_request).exists():
            raise ActionRefused(_("The decision on the merits has already been recorded."))
        now = timezone.now()
        decision = MeritsDecision(
            aid_request=aid_request,
            cpas_id=aid_request.cpas_id,
            outcome=outcome,
            decided_on=decided_on,
            recorded_at=now,
            recorded_by=user,
        )
        decision.full_clean(validate_unique=False)
        decision.save()
        aid_request.state = State.DECIDED
        aid_request.save(update_fields=["state"])
        _event(
            aid_request,
            EventKind.DECIDED,
            user=user,
            at=now,
            outcome=str(outcome),
            decided_on=decided_on.isoformat(),
        )
    return decision


def aid_request_mark_retrieved(*, aid_request: AidRequest, api_token: ApiToken) -> Retrieval:
    """The CPAS's social software has the request; idempotent."""
    with transaction.atomic(durable=True):
        aid_request = _locked(aid_request)
        now = timezone.now()
        retrieval, created = Retrieval.objects.get_or_create(
            aid_request=aid_request,
            cpas_id=api_token.cpas_id,
            defaults={"token": api_token, "retrieved_at": now},
        )
        if created:
            _event(aid_request, EventKind.RETRIEVED, at=now, token=api_token.prefix)
    return retrieval
