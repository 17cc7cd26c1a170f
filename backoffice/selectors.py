"""Reads of the back-office: the inbox's filters and counters, duplicates.

Everything starts from ``access.requests_visible_to``.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet, Value

from intake import crypto, identity
from intake.constants import State
from intake.models import AidRequest
from intake.references import normalise_reference

from .access import requests_visible_to
from .models import CompetenceDecision, MeritsDecision, User

OPEN = "open"  # the inbox's default: what must still be done
# Not decided yet. The state (indexed with the CPAS) says it: the decision service
# sets DECIDED in the same transaction as it records the decision.
OPEN_STATES = [State.NEW, State.READ, State.REGISTERED]
TRANSFERRED = "transferred"


def competence_decided() -> Exists:
    """The CPAS now handling the request has decided on its competence."""
    return Exists(
        CompetenceDecision.objects.filter(aid_request=OuterRef("pk"), cpas=OuterRef("cpas"))
    )


def merits_decided() -> Exists:
    return Exists(MeritsDecision.objects.filter(aid_request=OuterRef("pk")))


def overdue(today: date) -> Q:
    """A deadline has passed and its step is not done."""
    return Q(state__in=OPEN_STATES) & (
        Q(competence_deadline__lt=today, competence_done=False) | Q(decision_deadline__lt=today)
    )


def inbox_queryset(user: User) -> QuerySet[AidRequest]:
    queryset = requests_visible_to(user).annotate(
        competence_done=competence_decided(), merits_done=merits_decided()
    )
    transferred_out = (
        Value(False)
        if user.is_sppis_admin
        else ExpressionWrapper(~Q(cpas_id=user.cpas_id), output_field=BooleanField())
    )
    return queryset.annotate(transferred_out=transferred_out).select_related("cpas")


def search(queryset: QuerySet[AidRequest], text: str) -> QuerySet[AidRequest]:
    """By reference, national number (through its keyed hash) or name."""
    text = text.strip()
    if not text:
        return queryset
    reference = normalise_reference(text)
    if reference:
        return queryset.filter(reference=reference)
    digits = identity.compact(text)
    if digits.isdigit() and len(digits) == 11:
        return queryset.filter(national_number_hash=crypto.keyed_hash(digits))
    for word in text.split():
        queryset = queryset.filter(Q(last_name__icontains=word) | Q(first_name__icontains=word))
    return queryset


@dataclass(frozen=True)
class InboxFilters:
    q: str = ""
    state: str = OPEN
    overdue: bool = False
    within_days: int | None = None
    received_from: date | None = None
    received_to: date | None = None


def filter_inbox(
    queryset: QuerySet[AidRequest], filters: InboxFilters, *, user: User, today: date
) -> QuerySet[AidRequest]:
    queryset = search(queryset, filters.q)
    own = Q() if user.is_sppis_admin else Q(cpas_id=user.cpas_id)
    if filters.state == OPEN:
        queryset = queryset.filter(own, state__in=OPEN_STATES)
    elif filters.state == TRANSFERRED:
        if user.is_sppis_admin:
            queryset = queryset.filter(
                Exists(
                    CompetenceDecision.objects.filter(aid_request=OuterRef("pk"), competent=False)
                )
            )
        else:
            # What a CPAS sees and is no longer its own: what it transferred away.
            queryset = queryset.exclude(cpas_id=user.cpas_id)
    elif filters.state in State.values:
        queryset = queryset.filter(own, state=filters.state)
    if filters.overdue:
        queryset = queryset.filter(own, overdue(today))
    if filters.within_days is not None:
        horizon = today + timedelta(days=filters.within_days)
        queryset = queryset.filter(own, state__in=OPEN_STATES).filter(
            Q(competence_deadline__range=(today, horizon), competence_done=False)
            | Q(decision_deadline__range=(today, horizon))
        )
    if filters.received_from:
        queryset = queryset.filter(reception_date__gte=filters.received_from)
    if filters.received_to:
        queryset = queryset.filter(reception_date__lte=filters.received_to)
    if filters.state == OPEN:
        # Both deadlines are R + a constant: the oldest reception is the most urgent.
        return queryset.order_by("reception_date", "submitted_at")
    return queryset.order_by("-reception_date", "-submitted_at")


@dataclass(frozen=True)
class Counters:
    unread: int
    competence_today: int
    overdue: int


def counters(own: QuerySet[AidRequest], user: User, today: date) -> Counters:
    """On ``inbox_queryset(user)``."""
    if not user.is_sppis_admin:
        own = own.filter(cpas_id=user.cpas_id)
    return Counters(
        unread=own.filter(state=State.NEW).count(),
        competence_today=own.filter(competence_deadline=today, competence_done=False).count(),
        overdue=own.filter(overdue(today)).count(),
    )


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
