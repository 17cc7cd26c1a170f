"""Correcting a mistake (docs/lifecycle.md, "Corrections"): a decision on the merits
recorded wrongly is superseded by a corrected one, or withdrawn, with a reason. Nothing
is deleted: the old row stays, marked superseded (when, by whom, why), and the history
says what changed."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from .. import lifecycle
from ..constants import EventKind, MeritsOutcome
from ..lifecycle import Step
from ..models import AidRequest, MeritsDecision
from .common import current_decision, facts, locked, set_state
from .history import aid_request_event_record


def _supersede(decision: MeritsDecision, *, user, at, reason: str) -> None:
    decision.superseded_at, decision.superseded_by = at, user
    decision.correction_reason = reason
    decision.save(update_fields=["superseded_at", "superseded_by", "correction_reason"])


def merits_decision_correct(
    *, aid_request: AidRequest, user, outcome: MeritsOutcome, decided_on: date, reason: str
) -> MeritsDecision:
    """Replace the decision on the merits by a corrected one."""
    with transaction.atomic(durable=True):
        aid_request = locked(aid_request)
        lifecycle.check(Step.CORRECT_DECISION, facts(aid_request))
        old = current_decision(aid_request)
        now = timezone.now()
        _supersede(old, user=user, at=now, reason=reason)
        new = MeritsDecision(
            aid_request=aid_request,
            cpas_id=aid_request.cpas_id,
            outcome=outcome,
            decided_on=decided_on,
            recorded_at=now,
            recorded_by=user,
        )
        new.full_clean(validate_unique=False)
        new.save()
        set_state(aid_request, Step.CORRECT_DECISION)
        aid_request_event_record(
            aid_request=aid_request,
            kind=EventKind.DECISION_CORRECTED,
            actor=user,
            at=now,
            old_outcome=old.outcome,
            old_decided_on=old.decided_on.isoformat(),
            outcome=str(outcome),
            decided_on=decided_on.isoformat(),
        )
    return new


def merits_decision_withdraw(*, aid_request: AidRequest, user, reason: str) -> MeritsDecision:
    """Withdraw a decision recorded by mistake (on the wrong request, say): the request
    is open again."""
    with transaction.atomic(durable=True):
        aid_request = locked(aid_request)
        lifecycle.check(Step.WITHDRAW_DECISION, facts(aid_request))
        old = current_decision(aid_request)
        now = timezone.now()
        _supersede(old, user=user, at=now, reason=reason)
        set_state(aid_request, Step.WITHDRAW_DECISION)
        aid_request_event_record(
            aid_request=aid_request,
            kind=EventKind.DECISION_WITHDRAWN,
            actor=user,
            at=now,
            old_outcome=old.outcome,
            old_decided_on=old.decided_on.isoformat(),
        )
    return old
