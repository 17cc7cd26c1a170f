"""Links between requests of the same person, recorded when they are made
(circular 9.2; docs/linked-requests.md).

When a request reaches a CPAS (submitted, entered, transferred in), it is compared with
the requests that CPAS holds — only those: another CPAS's requests are never looked at
(9.2.3 goes through the BCSS flows). Each match is recorded once, with whether the
earlier request was already decided then (9.2.2); a names match waits for staff to
confirm or dismiss it, and that choice is recorded (who, when).
"""

from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .. import lifecycle, linking
from ..constants import EventKind, LinkStatus
from ..lifecycle import Step
from ..models import AidRequest, MeritsDecision, RequestLink
from .common import facts, locked
from .history import aid_request_event_record


def _person(aid_request: AidRequest) -> linking.Person:
    return linking.Person(
        number_hash=aid_request.national_number_hash,
        first_name=aid_request.first_name,
        last_name=aid_request.last_name,
        birth=(aid_request.birth_year, aid_request.birth_month, aid_request.birth_day),
    )


_FIELDS = (
    "reference",
    "cpas_id",
    "reception_date",
    "submitted_at",
    "first_name",
    "last_name",
    "birth_year",
    "birth_month",
    "birth_day",
    "national_number_hash",
)


def _order(aid_request: AidRequest) -> tuple:
    return (aid_request.reception_date, aid_request.submitted_at, aid_request.pk)


MAX_LINKS = 20  # per request when it arrives: the oldest open ones, the latest decided


def _bounded(matches):
    """A person has a few requests at one CPAS; a flood of requests with one number
    would make every new one write as many links. The oldest undecided ones count
    (9.2.1: the first date), and the latest decided one says "decided on …" (9.2.2)."""
    if len(matches) <= MAX_LINKS:
        return matches
    decided = set(
        MeritsDecision.objects.filter(
            aid_request__in=[other for other, _kind in matches], superseded_at__isnull=True
        ).values_list("aid_request_id", flat=True)
    )
    open_ones = [m for m in matches if m[0].pk not in decided][: MAX_LINKS - 1]
    closed = [m for m in matches if m[0].pk in decided][-1:]
    return sorted(open_ones + closed, key=lambda m: _order(m[0]))


def request_links_record(*, aid_request: AidRequest, at: datetime) -> list[RequestLink]:
    """Record the links of ``aid_request`` with the other requests of its CPAS.

    Runs inside the transaction that brings the request to that CPAS."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("links are recorded in their step's transaction")
    # Two index scans (the number's keyed hash; the CPAS and birth date), not one OR.
    # A test request and a real one are never linked (docs/sandbox.md).
    mine = (
        AidRequest.objects.filter(cpas_id=aid_request.cpas_id, is_test=aid_request.is_test)
        .exclude(pk=aid_request.pk)
        .only(*_FIELDS)
    )
    same_birth = mine.filter(
        birth_year=aid_request.birth_year,
        birth_month=aid_request.birth_month,
        birth_day=aid_request.birth_day,
    )
    if aid_request.national_number_hash:
        # With a number, a names match is possible only with a request without one.
        same_birth = same_birth.filter(national_number_hash="")
    others = {o.pk: o for o in same_birth}
    if aid_request.national_number_hash:
        others.update(
            (o.pk, o) for o in mine.filter(national_number_hash=aid_request.national_number_hash)
        )
    person = _person(aid_request)
    links = []
    matches = [
        (other, kind)
        for other in sorted(others.values(), key=_order)
        if (kind := linking.match(person, _person(other))) is not None
    ]
    for other, kind in _bounded(matches):
        earlier, later = sorted((aid_request, other), key=_order)
        if RequestLink.objects.filter(
            Q(later=later, earlier=earlier) | Q(later=earlier, earlier=later)
        ).exists():
            continue
        decision = MeritsDecision.objects.filter(
            aid_request=earlier, superseded_at__isnull=True
        ).first()
        link = RequestLink.objects.create(
            later=later,
            earlier=earlier,
            cpas_id=aid_request.cpas_id,
            kind=kind,
            status=linking.initial_status(kind),
            earlier_decided_on=decision.decided_on if decision else None,
            created_at=at,
        )
        links.append(link)
        for this, that in ((later, earlier), (earlier, later)):
            aid_request_event_record(
                aid_request=this,
                kind=EventKind.LINKED,
                at=at,
                cpas=aid_request.cpas,
                other=that.reference,
                why=str(kind),
                status=str(link.status),
            )
    return links


def _decide(*, link: RequestLink, user, status: LinkStatus, step: Step) -> RequestLink:
    with transaction.atomic(durable=True):
        later = locked(link.later)
        link = RequestLink.objects.select_for_update().get(pk=link.pk)
        if later.cpas_id != user.cpas_id or link.cpas_id != user.cpas_id:
            raise lifecycle.StepRefused("not this CPAS's link")
        lifecycle.check(step, facts(later, link_status=link.status))
        now = timezone.now()
        link.status, link.decided_at, link.decided_by = status, now, user
        link.save(update_fields=["status", "decided_at", "decided_by"])
        kind = (
            EventKind.MATCH_CONFIRMED
            if status == LinkStatus.CONFIRMED
            else EventKind.MATCH_DISMISSED
        )
        for this, that in ((link.later, link.earlier), (link.earlier, link.later)):
            aid_request_event_record(
                aid_request=this, kind=kind, actor=user, at=now, other=that.reference
            )
    return link


def request_link_confirm(*, link: RequestLink, user) -> RequestLink:
    """Staff confirm that a names match is the same person: the requests are linked."""
    return _decide(link=link, user=user, status=LinkStatus.CONFIRMED, step=Step.CONFIRM_MATCH)


def request_link_dismiss(*, link: RequestLink, user) -> RequestLink:
    """Staff dismiss a names match: two people; the link is kept, dismissed."""
    return _decide(link=link, user=user, status=LinkStatus.DISMISSED, step=Step.DISMISS_MATCH)
