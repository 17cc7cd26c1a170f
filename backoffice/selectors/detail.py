"""What the request's detail page shows, read in one place."""

from dataclasses import dataclass
from datetime import date

from intake.constants import Need
from intake.identity import format_number
from intake.models import AidRequest, CompetenceDecision, MeritsDecision, ReadMark, RegisterEntry

from ..access import can_act, requests_visible_to
from ..countdown import Countdown, countdown
from ..models import User
from ..presenters import history, routing_answers, rule_label
from .inbox import merits_decided


@dataclass(frozen=True)
class Duplicates:
    visible: list[AidRequest]
    hidden_count: int  # at a CPAS this user may not see
    earliest_reception: date


def duplicates_of(aid_request: AidRequest, user: User) -> Duplicates | None:
    """Requests of the same person where the earlier of the two has no decision yet
    (circular 9.2.1): they are linked, and the earliest reception date counts."""
    if not aid_request.national_number_hash:
        return None
    key = (aid_request.reception_date, aid_request.submitted_at)
    this_decided = MeritsDecision.objects.filter(aid_request=aid_request).exists()
    linked = []
    others = (
        AidRequest.objects.filter(national_number_hash=aid_request.national_number_hash)
        .exclude(pk=aid_request.pk)
        .annotate(merits_done=merits_decided())
        .order_by("reception_date", "submitted_at")
    )
    for other in others:
        earlier_decided = (
            other.merits_done if (other.reception_date, other.submitted_at) < key else this_decided
        )
        if not earlier_decided:
            linked.append(other)
    if not linked:
        return None
    visible_ids = set(
        requests_visible_to(user).filter(pk__in=[o.pk for o in linked]).values_list("pk", flat=True)
    )
    return Duplicates(
        visible=[o for o in linked if o.pk in visible_ids],
        hidden_count=sum(o.pk not in visible_ids for o in linked),
        earliest_reception=min([aid_request.reception_date, *(o.reception_date for o in linked)]),
    )


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
    merits: MeritsDecision | None
    register_entries: list[RegisterEntry]
    registered_here: bool
    read_marks: list[ReadMark]
    history: list[dict]
    duplicates: Duplicates | None


def request_detail(aid_request: AidRequest, user: User, *, today: date) -> RequestDetail:
    """Everything the detail page shows of a request this user may see."""
    actionable = can_act(user, aid_request)
    competence_decisions = list(
        CompetenceDecision.objects.filter(aid_request=aid_request).select_related(
            "cpas", "transferred_to", "decided_by"
        )
    )
    competence_done = any(d.cpas_id == aid_request.cpas_id for d in competence_decisions)
    merits = MeritsDecision.objects.filter(aid_request=aid_request).first()
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
        merits=merits,
        register_entries=register_entries,
        registered_here=any(e.cpas_id == aid_request.cpas_id for e in register_entries),
        read_marks=list(
            ReadMark.objects.filter(aid_request=aid_request).select_related("read_by", "cpas")
        ),
        history=history(aid_request),
        duplicates=duplicates_of(aid_request, user),
    )
