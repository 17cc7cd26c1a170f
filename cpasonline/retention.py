"""The retention task: each kind of data erased or deleted when its period ends, each
run written to the retention log (docs/data-protection.md, "Retention").

Every app says what of its own data is past its period; this module, at the project's
top, runs them in order and writes the log's lines, each batch in one transaction with
the count it adds to its line. A request whose acknowledgement has not been sent keeps
its data, whatever its age.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from backoffice.retention import (
    access_log_of_requests_purge,
    access_log_purge,
    login_records_purge,
    staff_invitations_purge,
)
from contact.retention import (
    applicant_messages_purge,
    contact_data_of_requests_erase,
    contact_data_of_test_requests_delete,
)
from intake.deadlines import brussels_date
from intake.retention import RequestRetention
from intake.services import (
    aid_request_personal_data_erase,
    aid_requests_due_for_erasure,
    decided_requests,
    test_requests_delete,
    test_requests_due_for_purge,
)
from integration.models import WebhookDelivery
from notifications.retention import (
    outbox_rows_purge,
    outgoing_emails_of_requests_purge,
    outgoing_emails_of_test_requests_purge,
    outgoing_emails_purge,
    requests_with_unsent_acknowledgement,
)

from .models import RetentionKind, RetentionRun

BATCH = 500


@dataclass(frozen=True)
class Purge:
    kind: RetentionKind
    setting: str  # the period, in days
    purge: Callable[..., int]  # before=… → rows deleted


PURGES = [
    # Every channel of the outbox, the same period from when a row is done; a row not yet
    # sent stays. A dead-lettered webhook delivery holds no personal data, but it is only
    # a wake-up call whose events the feed keeps for good: past the period a "send again"
    # adds nothing the receiver's cursor does not get, so it goes like the others
    # (docs/data-protection.md, "Retention").
    Purge(RetentionKind.OUTBOX, "RETENTION_OUTBOX_DAYS", outgoing_emails_purge),
    Purge(RetentionKind.APPLICANT_MESSAGES, "RETENTION_OUTBOX_DAYS", applicant_messages_purge),
    Purge(
        RetentionKind.WEBHOOKS, "RETENTION_OUTBOX_DAYS", partial(outbox_rows_purge, WebhookDelivery)
    ),
    Purge(RetentionKind.ACCESS_LOG, "RETENTION_ACCESS_LOG_DAYS", access_log_purge),
    Purge(RetentionKind.LOGIN_RECORDS, "RETENTION_LOGIN_RECORDS_DAYS", login_records_purge),
    Purge(RetentionKind.INVITATIONS, "RETENTION_INVITATIONS_DAYS", staff_invitations_purge),
]


def _line(kind: RetentionKind, *, days: int, cutoff: datetime, now: datetime) -> RetentionRun:
    return RetentionRun.objects.create(started_at=now, kind=kind, period_days=days, cutoff=cutoff)


def _finish(line: RetentionRun) -> None:
    RetentionRun.objects.filter(pk=line.pk).update(finished_at=timezone.now())
    line.refresh_from_db()


def requests_erase(*, now: datetime) -> list[RetentionRun]:
    """Erase the applicants' data of the requests past their period, in batches: one
    line for the decided ones, one for those never decided here."""
    retention = RequestRetention(
        after_decision_days=settings.RETENTION_DECIDED_DAYS,
        undecided_days=settings.RETENTION_UNDECIDED_DAYS,
    )
    due = aid_requests_due_for_erasure(retention=retention, today=brussels_date(now)).exclude(
        pk__in=requests_with_unsent_acknowledgement()
    )
    lines = []
    for kind, days, decided in (
        (RetentionKind.DECIDED, retention.after_decision_days, True),
        (RetentionKind.UNDECIDED, retention.undecided_days, False),
    ):
        line = _line(kind, days=days, cutoff=now - timedelta(days=days), now=now)
        rows = due.filter(decided_requests() if decided else ~decided_requests()).order_by("pk")
        while pks := list(rows.values_list("pk", flat=True)[:BATCH]):
            with transaction.atomic():
                count = aid_request_personal_data_erase(pks=pks, now=now)
                outgoing_emails_of_requests_purge(aid_request_pks=pks)
                contact_data_of_requests_erase(aid_request_pks=pks)
                RetentionRun.objects.filter(pk=line.pk).update(count=F("count") + count)
        _finish(line)
        lines.append(line)
    return lines


def test_requests_purge(*, now: datetime) -> RetentionRun:
    """Delete the sandbox's test requests older than SANDBOX_RETENTION_DAYS, whole: the
    request, its records, its emails and its access-log lines (docs/sandbox.md)."""
    days = settings.SANDBOX_RETENTION_DAYS
    cutoff = now - timedelta(days=days)
    line = _line(RetentionKind.TEST_REQUESTS, days=days, cutoff=cutoff, now=now)
    rows = test_requests_due_for_purge(before=cutoff).order_by("pk")
    while pks := list(rows.values_list("pk", flat=True)[:BATCH]):
        with transaction.atomic():
            outgoing_emails_of_test_requests_purge(aid_request_pks=pks)
            contact_data_of_test_requests_delete(aid_request_pks=pks)
            access_log_of_requests_purge(aid_request_pks=pks)
            count = test_requests_delete(pks=pks)
            RetentionRun.objects.filter(pk=line.pk).update(count=F("count") + count)
    _finish(line)
    return line


def retention_apply(*, now: datetime | None = None) -> list[RetentionRun]:
    """Run every retention rule once; the retention log's new lines."""
    now = now or timezone.now()
    lines = [test_requests_purge(now=now), *requests_erase(now=now)]
    for purge in PURGES:
        days = getattr(settings, purge.setting)
        cutoff = now - timedelta(days=days)
        line = _line(purge.kind, days=days, cutoff=cutoff, now=now)
        with transaction.atomic():
            count = purge.purge(before=cutoff)
            RetentionRun.objects.filter(pk=line.pk).update(count=count)
        _finish(line)
        lines.append(line)
    return lines
