"""The inbox's reads: its filters, its two-part list and its counters.

Everything starts from ``access``: the requests visible to a member of a CPAS, in two
parts for lists (its CPAS's own, and those it transferred away). SPP-IS administrators
see no request (``access.requests_visible_to``): the inbox is not theirs. The test
requests of the CPAS's sandbox are a list apart (``InboxFilters.test``), never mixed with
the real ones and never counted (docs/sandbox.md).
"""

from dataclasses import dataclass, replace
from datetime import date, timedelta
from operator import attrgetter

from django.db import connections
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q, QuerySet

from intake import crypto, identity
from intake.constants import State
from intake.models import AidRequest, CompetenceDecision, MeritsDecision
from intake.references import normalise_reference

from ..access import requests_actionable_by, requests_transferred_away_by
from ..models import User

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
    """A decision on the merits stands (not superseded by a correction)."""
    return Exists(
        MeritsDecision.objects.filter(aid_request=OuterRef("pk"), superseded_at__isnull=True)
    )


def overdue(today: date) -> Q:
    """A deadline has passed and its step is not done."""
    # The decision deadline first: PostgreSQL then looks for a competence decision only
    # where that one has not passed.
    return Q(state__in=OPEN_STATES) & (
        Q(decision_deadline__lt=today) | Q(competence_deadline__lt=today, competence_done=False)
    )


def _with_follow_up(queryset: QuerySet[AidRequest], user: User) -> QuerySet[AidRequest]:
    """What the inbox shows of each request besides its fields: steps done, transferred
    away, the CPAS now handling it."""
    transferred_out = ExpressionWrapper(~Q(cpas_id=user.cpas_id), output_field=BooleanField())
    return queryset.annotate(
        competence_done=competence_decided(),
        merits_done=merits_decided(),
        transferred_out=transferred_out,
    ).select_related("cpas")


def inbox_queryset(user: User) -> QuerySet[AidRequest]:
    """The requests the inbox works on: those now assigned to the user's CPAS.
    ``filter_inbox`` adds those it transferred away."""
    return _with_follow_up(requests_actionable_by(user), user)


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
    decision_within_days: int | None = None
    received_from: date | None = None
    received_to: date | None = None
    test: bool = False  # the sandbox's test requests, instead of the real ones

    @property
    def own_only(self) -> bool:
        """Only the requests now assigned to the user's CPAS: every filter but "all" and
        "transferred" (a state, "open", a deadline filter) is about the CPAS's own work."""
        by_state = self.state == OPEN or (self.state in State.values and self.state != TRANSFERRED)
        deadlines = self.within_days is not None or self.decision_within_days is not None
        return by_state or self.overdue or deadlines


class InboxRows:
    """A CPAS's requests and those it transferred away, as one list in the inbox's order.

    One query "cpas = X OR pk IN (…)" has no index that gives its rows in order: with a
    million requests PostgreSQL reads tens of thousands of rows for a page of 50, and as
    many to count them. So the two parts are read apart, each in order and only up to the
    page's end, and merged by one UNION ALL (a merge of two sorted inputs); each part is
    counted apart. Pages and the CSV export slice it as they slice a QuerySet.
    """

    ordered = True  # for Paginator

    def __init__(self, own: QuerySet[AidRequest], away: QuerySet[AidRequest]):
        self.own, self.away = own, away

    def count_at_most(self, limit: int) -> int:
        own = count_at_most(self.own, limit)
        return limit if own == limit else min(limit, own + count_at_most(self.away, limit))

    def __getitem__(self, key: slice) -> list[AidRequest]:
        if not isinstance(key, slice) or key.stop is None or key.step is not None:
            raise TypeError("InboxRows are read by slices with an end.")
        start = key.start or 0
        if key.stop <= start:  # an empty page: Paginator asks for [0:0]
            return []
        ordering = self.own.query.order_by
        if not connections[self.own.db].features.supports_slicing_ordering_in_compound:
            # SQLite (the embedded default) takes no LIMIT inside a UNION: merge here.
            rows = [*self.own[: key.stop], *self.away[: key.stop]]
            for field in reversed(ordering):  # stable sorts, the last key first
                rows.sort(key=attrgetter(field.lstrip("-")), reverse=field.startswith("-"))
            return rows[start : key.stop]
        both = self.own[: key.stop].union(self.away[: key.stop], all=True)
        return list(both.order_by(*ordering)[start : key.stop])


def count_at_most(rows: QuerySet[AidRequest] | InboxRows, limit: int) -> int:
    """How many rows, counting no further than ``limit``. Without their order: any
    ``limit`` rows give the same count, and PostgreSQL need not sort them (or walk an
    index in order) to find them."""
    if isinstance(rows, InboxRows):
        return rows.count_at_most(limit)
    return rows.order_by()[:limit].count()


def filter_inbox(
    filters: InboxFilters, *, user: User, today: date
) -> QuerySet[AidRequest] | InboxRows:
    """The rows the inbox lists for these filters, in its order."""
    if filters.own_only:
        return _filtered(inbox_queryset(user), filters, user=user, today=today)
    away = _with_follow_up(requests_transferred_away_by(user), user)
    # Of a request transferred away the CPAS keeps a trace, not the applicant's data: a
    # name or a national number finds nothing there, a reference does (access.py).
    by_reference = normalise_reference(filters.q.strip()) if filters.q.strip() else ""
    if filters.q.strip() and not by_reference:
        away = away.none()
    away = _filtered(away, replace(filters, q=by_reference or ""), user=user, today=today)
    if filters.state == TRANSFERRED:
        return away
    return InboxRows(_filtered(inbox_queryset(user), filters, user=user, today=today), away)


def _filtered(
    queryset: QuerySet[AidRequest], filters: InboxFilters, *, user: User, today: date
) -> QuerySet[AidRequest]:
    queryset = search(queryset, filters.q).filter(is_test=filters.test)
    if filters.state == OPEN:
        queryset = queryset.filter(state__in=OPEN_STATES)
    elif filters.state == TRANSFERRED:
        pass  # filter_inbox already reads only what the CPAS transferred away
    elif filters.state in State.values:
        queryset = queryset.filter(state=filters.state)
    if filters.overdue:
        queryset = queryset.filter(overdue(today))
    if filters.within_days is not None:
        horizon = today + timedelta(days=filters.within_days)
        queryset = queryset.filter(state__in=OPEN_STATES).filter(
            Q(competence_deadline__range=(today, horizon), competence_done=False)
            | Q(decision_deadline__range=(today, horizon))
        )
    if filters.decision_within_days is not None:
        horizon = today + timedelta(days=filters.decision_within_days)
        queryset = queryset.filter(state__in=OPEN_STATES, decision_deadline__range=(today, horizon))
    if filters.received_from:
        queryset = queryset.filter(reception_date__gte=filters.received_from)
    if filters.received_to:
        queryset = queryset.filter(reception_date__lte=filters.received_to)
    if filters.state == OPEN:
        # Those the applicant marked urgent first (docs/emergency-contacts.md); then, as
        # both deadlines are R + a constant, the oldest reception first. The index
        # aid_request_open gives the rows in this order.
        return queryset.order_by("-urgent", "reception_date", "submitted_at")
    return queryset.order_by("-reception_date", "-submitted_at")


DECISION_SOON_DAYS = 7  # "decisions due this week": today and the next 7 days


@dataclass(frozen=True)
class Counters:
    unread: int
    competence_today: int
    decision_soon: int
    overdue: int
    # The urgent flag's counter joins these when the wizard asks about urgency.


def counters(user: User, today: date) -> Counters:
    """The real work's counters: test requests are never counted (docs/sandbox.md)."""
    own = inbox_queryset(user).filter(is_test=False)
    horizon = today + timedelta(days=DECISION_SOON_DAYS)
    return Counters(
        unread=own.filter(state=State.NEW).count(),
        competence_today=own.filter(competence_deadline=today, competence_done=False).count(),
        decision_soon=own.filter(
            state__in=OPEN_STATES, decision_deadline__range=(today, horizon)
        ).count(),
        overdue=own.filter(overdue(today)).count(),
    )


def same_person_counts(rows: list[AidRequest], user: User) -> dict[int, int]:
    """For each row of the CPAS's own, how many other requests of the CPAS's own carry
    the same national number (its keyed hash): one query for the page. Requests of
    other CPAS are never counted (circular of 28 May 2025, point 5); the detail page
    says which are linked and which date counts (docs/linked-requests.md)."""
    hashes = {
        row.national_number_hash
        for row in rows
        if row.national_number_hash and not row.transferred_out
    }
    if not hashes:
        return {}
    counts = dict(
        requests_actionable_by(user)
        .filter(national_number_hash__in=hashes, is_test__in={row.is_test for row in rows})
        .order_by()
        .values_list("national_number_hash")
        .annotate(n=Count("pk"))
        .values_list("national_number_hash", "n")
    )
    return {
        row.pk: counts[row.national_number_hash] - 1
        for row in rows
        if not row.transferred_out and counts.get(row.national_number_hash, 0) > 1
    }


def test_requests_count(user: User) -> int:
    """How many test requests the user's CPAS holds (the sandbox tab's figure)."""
    return requests_actionable_by(user).filter(is_test=True).count()
