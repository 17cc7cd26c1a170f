"""Erasing an applicant's data when its retention period ends (docs/data-protection.md,
"Retention"); the rule of how long is ``intake.retention``."""

from datetime import date, datetime

from django.db.models import Exists, OuterRef, Q, QuerySet

from ..models import AidRequest, CompetenceDecision, ConflictReferral, MeritsDecision
from ..retention import RequestRetention, erased_values


def aid_requests_due_for_erasure(
    *, retention: RequestRetention, today: date
) -> QuerySet[AidRequest]:
    """The requests whose personal data is still kept and whose period has ended."""
    current = MeritsDecision.objects.filter(aid_request=OuterRef("pk"), superseded_at__isnull=True)
    decided = Exists(current.filter(decided_on__lt=retention.decided_before(today)))
    undecided = ~Exists(current) & Q(reception_date__lt=retention.received_before(today))
    return AidRequest.objects.filter(personal_data_erased_at__isnull=True, is_test=False).filter(
        decided | undecided
    )


def decided_requests() -> Exists:
    """The request has a current decision on the merits (not superseded)."""
    return Exists(
        MeritsDecision.objects.filter(aid_request=OuterRef("pk"), superseded_at__isnull=True)
    )


def aid_request_personal_data_erase(*, pks: list[int], now: datetime) -> int:
    """Erase the personal data of these requests (called inside the caller's
    transaction, which also writes the retention log's line); how many."""
    return AidRequest.objects.filter(pk__in=pks, personal_data_erased_at__isnull=True).update(
        **erased_values(), personal_data_erased_at=now
    )


def test_requests_due_for_purge(*, before: datetime) -> QuerySet[AidRequest]:
    """The test requests sent before this instant (docs/sandbox.md)."""
    return AidRequest.objects.filter(is_test=True, submitted_at__lt=before)


def test_requests_delete(*, pks: list[int]) -> int:
    """Delete these test requests with every record of theirs in the request core
    (called inside the caller's transaction, after the other apps deleted theirs); how
    many requests."""
    rows = AidRequest.objects.filter(pk__in=pks, is_test=True)
    count = rows.count()
    MeritsDecision.objects.filter(aid_request__in=rows).update(superseded_by=None)
    for model in (MeritsDecision, ConflictReferral, CompetenceDecision):
        model.objects.filter(aid_request__in=rows).delete()
    rows.delete()  # read marks, history and links go with them (CASCADE)
    return count
