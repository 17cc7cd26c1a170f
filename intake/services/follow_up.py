"""The CPAS's steps on a request it holds: read, competence, decision on the merits.

Each service owns its transaction, locks the request row (two members of staff clicking
at once cannot record two decisions), asks ``intake.lifecycle`` whether the step may
follow, writes it and its history line, and sets the state the lifecycle gives. The
back-office pages and the API call these; nothing else changes a request's state
(docs/lifecycle.md). Transfers are in ``transfers.py``, corrections in
``corrections.py``, the register in ``register.py``.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from .. import lifecycle
from ..constants import EventKind, MeritsOutcome
from ..lifecycle import Step
from ..models import AidRequest, CompetenceDecision, MeritsDecision, ReadMark
from .common import facts, locked, set_state
from .history import aid_request_event_record


def aid_request_mark_read(*, aid_request: AidRequest, user) -> bool:
    """Mark the request read by its CPAS; the first reader and time are kept.

    Returns True the first time (for this CPAS)."""
    with transaction.atomic(durable=True):
        aid_request = locked(aid_request)
        if aid_request.cpas_id != user.cpas_id:
            return False
        now = timezone.now()
        _mark, created = ReadMark.objects.get_or_create(
            aid_request=aid_request,
            cpas_id=aid_request.cpas_id,
            defaults={"read_by": user, "read_at": now},
        )
        if created:
            set_state(aid_request, Step.READ)
            aid_request_event_record(
                aid_request=aid_request, kind=EventKind.READ, actor=user, at=now
            )
        return created


def aid_request_declare_competent(*, aid_request: AidRequest, user) -> CompetenceDecision:
    """The CPAS holding the request declares itself territorially competent."""
    with transaction.atomic(durable=True):
        aid_request = locked(aid_request)
        lifecycle.check(Step.DECLARE_COMPETENT, facts(aid_request))
        now = timezone.now()
        decision = CompetenceDecision.objects.create(
            aid_request=aid_request,
            cpas_id=aid_request.cpas_id,
            competent=True,
            decided_at=now,
            decided_by=user,
        )
        set_state(aid_request, Step.DECLARE_COMPETENT)
        aid_request_event_record(
            aid_request=aid_request, kind=EventKind.COMPETENT, actor=user, at=now
        )
    return decision


def aid_request_decide(
    *, aid_request: AidRequest, user, outcome: MeritsOutcome, decided_on: date
) -> MeritsDecision:
    """Record the decision on the merits."""
    with transaction.atomic(durable=True):
        aid_request = locked(aid_request)
        lifecycle.check(Step.DECIDE, facts(aid_request))
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
        set_state(aid_request, Step.DECIDE)
        aid_request_event_record(
            aid_request=aid_request,
            kind=EventKind.DECIDED,
            actor=user,
            at=now,
            outcome=str(outcome),
            decided_on=decided_on.isoformat(),
        )
    return decision
