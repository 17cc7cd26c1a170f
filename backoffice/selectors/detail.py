"""What the request's detail page shows, read in one place."""

from dataclasses import dataclass
from datetime import date

from intake.constants import Need
from intake.identity import format_number
from intake.models import (
    AidRequest,
    CompetenceDecision,
    ConflictReferral,
    MeritsDecision,
    ReadMark,
    RegisterEntry,
)

from ..access import can_act
from ..countdown import Countdown, countdown
from ..models import User
from ..presenters import history, routing_answers, rule_label
from .links import SamePerson, same_person
from .transfers import reason_labels


@dataclass(frozen=True)
class RequestDetail:
    aid_request: AidRequest
    actionable: bool
    national_number: str
    needs: list[str]
    routing_answers: list[tuple[str, str]]
    rule_label: str
    competence_countdown: Countdown
    decision_countdown: Countdown
    competence_decisions: list[CompetenceDecision]
    competence_done: bool
    received_by_transfer: bool
    referral: ConflictReferral | None
    merits: MeritsDecision | None
    superseded: list[MeritsDecision]
    register_entries: list[RegisterEntry]
    register_entry_here: RegisterEntry | None
    read_marks: list[ReadMark]
    history: list[dict]
    same_person: SamePerson | None


def request_detail(aid_request: AidRequest, user: User, *, today: date) -> RequestDetail:
    """Everything the detail page shows of a request this user may see."""
    actionable = can_act(user, aid_request)
    competence_decisions = list(
        CompetenceDecision.objects.filter(aid_request=aid_request).select_related(
            "cpas", "transferred_to", "decided_by"
        )
    )
    for decision in competence_decisions:
        decision.reason_labels = reason_labels(decision.reasons)
    referral = ConflictReferral.objects.filter(
        aid_request=aid_request, cpas_id=aid_request.cpas_id
    ).first()
    competence_done = referral is not None or any(
        d.cpas_id == aid_request.cpas_id for d in competence_decisions
    )
    decisions = list(
        MeritsDecision.objects.filter(aid_request=aid_request).select_related("superseded_by")
    )
    merits = next((d for d in decisions if d.superseded_at is None), None)
    register_entries = list(
        RegisterEntry.objects.filter(aid_request=aid_request).select_related("cpas")
    )
    return RequestDetail(
        aid_request=aid_request,
        actionable=actionable,
        national_number=(
            format_number(aid_request.national_number)
            if aid_request.national_number_encrypted
            else ""
        ),
        needs=[Need(n).label if n in Need.values else n for n in aid_request.needs],
        routing_answers=routing_answers(aid_request),
        rule_label=rule_label(aid_request),
        competence_countdown=countdown(
            aid_request.competence_deadline, today, done=competence_done or not actionable
        ),
        decision_countdown=countdown(
            aid_request.decision_deadline, today, done=merits is not None or not actionable
        ),
        competence_decisions=competence_decisions,
        competence_done=competence_done,
        received_by_transfer=any(
            d.transferred_to_id == aid_request.cpas_id for d in competence_decisions
        ),
        referral=referral,
        merits=merits,
        superseded=[d for d in decisions if d.superseded_at is not None],
        register_entries=register_entries,
        register_entry_here=next(
            (e for e in register_entries if e.cpas_id == aid_request.cpas_id), None
        ),
        read_marks=list(
            ReadMark.objects.filter(aid_request=aid_request).select_related("read_by", "cpas")
        ),
        history=history(aid_request),
        same_person=same_person(aid_request),
    )


def received_by_transfer(aid_request: AidRequest) -> bool:
    """The CPAS now holding the request received it by transfer (a second refusal goes
    to SPP-IS: docs/transfers.md)."""
    return CompetenceDecision.objects.filter(
        aid_request=aid_request, competent=False, transferred_to_id=aid_request.cpas_id
    ).exists()
