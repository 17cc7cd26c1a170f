"""The CPAS's steps on a request it holds: read, register, competence, decision.

Each service owns its transaction, locks the request row (two members of staff clicking
at once cannot record two decisions), asks ``intake.lifecycle`` whether the step may
follow, writes it and its history line, and sets the state the lifecycle gives. The
back-office pages and the API call these; nothing else changes a request's state
(docs/lifecycle.md).
"""

import logging
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from routing.models import Cpas

from .. import lifecycle
from ..constants import EventKind, MeritsOutcome
from ..lifecycle import Step, StepRefused
from ..models import (
    AidRequest,
    CompetenceDecision,
    MeritsDecision,
    ReadMark,
    RegisterCounter,
    RegisterEntry,
)
from .history import aid_request_event_record

logger = logging.getLogger(__name__)


def _locked(aid_request: AidRequest) -> AidRequest:
    return AidRequest.objects.select_for_update().select_related("cpas").get(pk=aid_request.pk)


def _facts(aid_request: AidRequest) -> lifecycle.Facts:
    return lifecycle.Facts(
        state=aid_request.state,
        competence_decided=CompetenceDecision.objects.filter(
            aid_request=aid_request, cpas_id=aid_request.cpas_id
        ).exists(),
        merits_decided=MeritsDecision.objects.filter(aid_request=aid_request).exists(),
    )


def _set_state(aid_request: AidRequest, step: Step) -> None:
    state = lifecycle.state_after(step, aid_request.state)
    if state != aid_request.state:
        aid_request.state = state
        aid_request.save(update_fields=["state"])


def aid_request_mark_read(*, aid_request: AidRequest, user) -> bool:
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
            _set_state(aid_request, Step.READ)
            aid_request_event_record(
                aid_request=aid_request, kind=EventKind.READ, actor=user, at=now
            )
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


def aid_request_register(*, aid_request: AidRequest, user) -> RegisterEntry:
    """Give the request the next number of its CPAS's register for the year of R
    (docs/register.md). Registering twice returns the first entry."""
    with transaction.atomic(durable=True):
        aid_request = _locked(aid_request)
        existing = RegisterEntry.objects.filter(
            aid_request=aid_request, cpas_id=aid_request.cpas_id
        ).first()
        if existing:
            return existing
        lifecycle.check(Step.REGISTER, _facts(aid_request))
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
        _set_state(aid_request, Step.REGISTER)
        aid_request_event_record(
            aid_request=aid_request,
            kind=EventKind.REGISTERED,
            actor=user,
            at=now,
            number=entry.number,
            year=year,
        )
    logger.info("Request %s registered as %s/%s", aid_request.reference, entry.number, year)
    return entry


def aid_request_declare_competent(*, aid_request: AidRequest, user) -> CompetenceDecision:
    """The CPAS holding the request declares itself territorially competent."""
    with transaction.atomic(durable=True):
        aid_request = _locked(aid_request)
        lifecycle.check(Step.DECLARE_COMPETENT, _facts(aid_request))
        now = timezone.now()
        decision = CompetenceDecision.objects.create(
            aid_request=aid_request,
            cpas_id=aid_request.cpas_id,
            competent=True,
            decided_at=now,
            decided_by=user,
        )
        _set_state(aid_request, Step.DECLARE_COMPETENT)
        aid_request_event_record(
            aid_request=aid_request, kind=EventKind.COMPETENT, actor=user, at=now
        )
    return decision


def aid_request_transfer(
    *, aid_request: AidRequest, user, to_cpas: Cpas, notified_on: date
) -> CompetenceDecision:
    """Not competent: the request goes to ``to_cpas`` with its reception date
    (docs/transfers.md). The receiving CPAS sees it as new."""
    with transaction.atomic(durable=True):
        aid_request = _locked(aid_request)
        lifecycle.check(Step.TRANSFER, _facts(aid_request))
        if to_cpas.pk == aid_request.cpas_id:
            raise StepRefused(_("Choose another CPAS than your own."))
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
        aid_request.save(update_fields=["cpas"])
        _set_state(aid_request, Step.TRANSFER)
        aid_request_event_record(
            aid_request=aid_request,
            kind=EventKind.TRANSFERRED,
            actor=user,
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
    *, aid_request: AidRequest, user, outcome: MeritsOutcome, decided_on: date
) -> MeritsDecision:
    """Record the decision on the merits."""
    with transaction.atomic(durable=True):
        aid_request = _locked(aid_request)
        lifecycle.check(Step.DECIDE, _facts(aid_request))
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
        _set_state(aid_request, Step.DECIDE)
        aid_request_event_record(
            aid_request=aid_request,
            kind=EventKind.DECIDED,
            actor=user,
            at=now,
            outcome=str(outcome),
            decided_on=decided_on.isoformat(),
        )
    return decision
