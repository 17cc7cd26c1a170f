"""Delivering outbox rows, for any channel (docs/notifications.md, "The outbox").

The database is the scheduler: a pending row is due once ``next_attempt_at`` has
passed. Celery only carries "try row N now", published when the writing transaction
commits and by the sweeper for due rows; a row waiting in its backoff is never queued.

Delivering a row is claim → send → mark:

1. claim, in a transaction of its own: the row becomes "sending", the attempt is
   counted, the claim time and the Message-ID are written, and that is committed;
2. send, with no transaction open and no lock held;
3. mark, in a transaction of its own: sent; or pending again after the backoff; or
   expired when the kind's policy (``notifications.policy``) gives it up.

A claim older than ``OUTBOX_CLAIM_LEASE_SECONDS`` is an attempt that was interrupted
(the worker died): the message may have left. The sweeper settles it by the kind's
policy: sent again with the same Message-ID, or held as "maybe sent" for an admin.

Every function takes a ``Channel`` (the row model, its transport, its Celery task):
a second channel (a webhook to a CPAS's software) brings its own and reuses all this.
"""

import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from celery import current_app
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..constants import DeliveryState
from ..models import OutboxMessage
from ..policy import OnMaybeSent, expiry, next_attempt, policy_for
from ..transports import Transport

logger = logging.getLogger(__name__)

SWEEP_BATCH = 500
# ``last_error`` of an attempt found interrupted (its worker died while it was open).
INTERRUPTED = "AttemptInterrupted"
# A row written by a web server whose clock is a little ahead is still due for the
# worker; a "try now" arriving in the middle of a backoff is still refused.
CLOCK_TOLERANCE = timedelta(seconds=2)


@dataclass(frozen=True)
class Channel:
    name: str  # for log lines
    model: type[OutboxMessage]
    transport: Transport
    task: str  # the Celery task that carries "try row N now", published by name
    select_related: tuple[str, ...] = ()
    on_sent: Callable[[OutboxMessage], None] = lambda row: None


class Outcome(enum.StrEnum):
    SENT = "sent"
    RETRY = "retry"  # failed; pending again after its backoff
    EXPIRED = "expired"  # given up by the kind's policy
    NOTHING_TO_DO = "nothing to do"  # not due, already done, or another worker has it


def lifetime_end(kind: str, created_at: datetime) -> datetime | None:
    """When a row of this kind written at ``created_at`` is given up (None: never)."""
    policy = policy_for(kind)
    hours = getattr(settings, policy.lifetime_setting) if policy.lifetime_setting else 0
    return expiry(policy, created_at=created_at, hours=hours)


def new_row_schedule(kind: str, now: datetime) -> dict:
    """A new row's schedule: due now, queued on commit, given up when its policy says."""
    return {
        "kind": kind,
        "created_at": now,
        "next_attempt_at": now,
        "queued_at": now,
        "expires_at": lifetime_end(kind, now),
    }


# --- delivery: claim → send → mark -------------------------------------------------------


def outbox_claim(*, channel: Channel, pk: int, now: datetime) -> OutboxMessage | None:
    """Claim a due pending row for one attempt and commit the claim; None when the row
    is not due, not pending, taken by another worker, or expired (then marked so)."""
    model = channel.model
    with transaction.atomic(durable=True):
        row = (
            model.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related(*channel.select_related)
            .filter(pk=pk, state=DeliveryState.PENDING, next_attempt_at__lte=now + CLOCK_TOLERANCE)
            .first()
        )
        if row is None:
            return None
        if row.expires_at is not None and row.expires_at <= now:
            row.state, row.next_attempt_at, row.queued_at = DeliveryState.EXPIRED, None, None
            row.save(update_fields=["state", "next_attempt_at", "queued_at"])
            logger.info("Outgoing %s %s (%s) expired unsent", channel.name, pk, row.kind)
            return None
        row.state = DeliveryState.SENDING
        row.attempts += 1
        row.claimed_at = now
        row.queued_at = None
        if not row.message_id:
            row.message_id = channel.transport.message_id(row)
        row.save(update_fields=["state", "attempts", "claimed_at", "queued_at", "message_id"])
    return row


def outbox_mark_sent(*, channel: Channel, row: OutboxMessage, now: datetime) -> bool:
    """Mark the row sent, whatever became of its claim meanwhile: a message that left
    has left. False when it was already marked sent."""
    with transaction.atomic(durable=True):
        updated = (
            channel.model.objects.filter(pk=row.pk)
            .exclude(state=DeliveryState.SENT)
            .update(
                state=DeliveryState.SENT,
                sent_at=now,
                next_attempt_at=None,
                queued_at=None,
                last_error="",
            )
        )
        if updated:
            channel.on_sent(row)
    return bool(updated)


def outbox_mark_failed(
    *, channel: Channel, row: OutboxMessage, error: str, now: datetime
) -> Outcome:
    """Pending again after the backoff, or expired when the next attempt would come
    after the kind's lifetime. Only while the claim is still this attempt's."""
    at = next_attempt(
        failures=row.attempts,
        now=now,
        first=settings.NOTIFICATIONS_RETRY_BACKOFF_SECONDS,
        cap=settings.NOTIFICATIONS_RETRY_BACKOFF_MAX,
        expires_at=row.expires_at,
    )
    state = DeliveryState.PENDING if at else DeliveryState.EXPIRED
    with transaction.atomic(durable=True):
        channel.model.objects.filter(
            pk=row.pk, state=DeliveryState.SENDING, attempts=row.attempts
        ).update(state=state, next_attempt_at=at, queued_at=None, last_error=error[:200])
    return Outcome.RETRY if at else Outcome.EXPIRED


def outbox_deliver(*, channel: Channel, pk: int, now: datetime | None = None) -> Outcome:
    """One attempt at the row: claim (committed), send (no transaction), mark."""
    row = outbox_claim(channel=channel, pk=pk, now=now or timezone.now())
    if row is None:
        return Outcome.NOTHING_TO_DO
    try:
        channel.transport.send(row)
    except Exception as exc:  # any failure: SMTP, network, rendering; the row says which
        error = channel.transport.describe(exc)
        outcome = outbox_mark_failed(
            channel=channel, row=row, error=error, now=now or timezone.now()
        )
        logger.warning(
            "Outgoing %s %s (%s) attempt %s failed: %s (%s)",
            *(channel.name, row.pk, row.kind, row.attempts, error, outcome.value),
        )
        return outcome
    outbox_mark_sent(channel=channel, row=row, now=now or timezone.now())
    logger.info("Outgoing %s %s (%s) sent", channel.name, row.pk, row.kind)
    return Outcome.SENT


# --- the sweeper ---------------------------------------------------------------------


@dataclass(frozen=True)
class SweepReport:
    expired: int = 0
    interrupted: int = 0
    queued: int = 0


def outbox_sweep(*, channel: Channel, now: datetime | None = None) -> SweepReport:
    """Expire what its policy gave up, settle interrupted attempts, queue the due rows."""
    now = now or timezone.now()
    report = SweepReport(
        expired=_expire(channel, now),
        interrupted=_settle_interrupted(channel, now),
        queued=_queue_due(channel, now),
    )
    if report != SweepReport():
        logger.info(
            "Outbox sweep (%s): %s expired, %s interrupted attempts settled, %s queued",
            *(channel.name, report.expired, report.interrupted, report.queued),
        )
    return report


def _expire(channel: Channel, now: datetime) -> int:
    with transaction.atomic(durable=True):
        return channel.model.objects.filter(
            state=DeliveryState.PENDING, expires_at__lte=now
        ).update(state=DeliveryState.EXPIRED, next_attempt_at=None, queued_at=None)


def _settle_interrupted(channel: Channel, now: datetime) -> int:
    """Claims older than the lease: ask the transport, else follow the kind's policy."""
    stale = now - timedelta(seconds=settings.OUTBOX_CLAIM_LEASE_SECONDS)
    rows = list(
        channel.model.objects.filter(state=DeliveryState.SENDING, claimed_at__lt=stale)
        .select_related(*channel.select_related)
        .order_by("pk")[:SWEEP_BATCH]
    )
    settled = []
    for row in rows:
        delivered = channel.transport.was_delivered(row)  # outside any transaction
        if delivered:
            change = {"state": DeliveryState.SENT, "sent_at": now, "next_attempt_at": None}
        elif delivered is False or policy_for(row.kind).on_maybe_sent == OnMaybeSent.RESEND:
            change = {"state": DeliveryState.PENDING, "next_attempt_at": now}
        else:
            change = {"state": DeliveryState.MAYBE_SENT, "next_attempt_at": None}
        if delivered is not False:
            change["maybe_sent_at"] = now
        with transaction.atomic(durable=True):
            updated = channel.model.objects.filter(
                pk=row.pk, state=DeliveryState.SENDING, attempts=row.attempts
            ).update(last_error=INTERRUPTED, queued_at=None, **change)
            if updated and delivered:
                channel.on_sent(row)
        if updated:
            settled.append(row.pk)
            logger.warning(
                "Outgoing %s %s (%s): attempt %s was interrupted, now %s",
                *(channel.name, row.pk, row.kind, row.attempts, change["state"]),
            )
    return len(settled)


def _queue_due(channel: Channel, now: datetime) -> int:
    """Due rows not queued yet, or queued so long ago that the message was lost."""
    lost = now - timedelta(minutes=settings.OUTBOX_SWEEP_AFTER_MINUTES)
    with transaction.atomic(durable=True):
        pks = list(
            channel.model.objects.select_for_update(skip_locked=True)
            .filter(state=DeliveryState.PENDING, next_attempt_at__lte=now)
            .filter(Q(queued_at__isnull=True) | Q(queued_at__lt=lost))
            .order_by("next_attempt_at", "pk")
            .values_list("pk", flat=True)[:SWEEP_BATCH]
        )
        channel.model.objects.filter(pk__in=pks).update(queued_at=now)
        queue_on_commit(channel, pks)
    return len(pks)


# --- an admin's "send again" -------------------------------------------------------------


def outbox_resend(*, channel: Channel, pks: list[int], now: datetime | None = None) -> list[int]:
    """Send the rows again now: due at once, with a fresh lifetime. A row already sent
    becomes a new message (a new Message-ID); any other keeps its Message-ID. An
    attempt in progress is left alone. The rows queued."""
    now = now or timezone.now()
    lease = now - timedelta(seconds=settings.OUTBOX_CLAIM_LEASE_SECONDS)
    queued = []
    with transaction.atomic(durable=True):
        rows = (
            channel.model.objects.select_for_update()
            .filter(pk__in=pks)
            .exclude(state=DeliveryState.SENDING, claimed_at__gte=lease)
        )
        for row in rows:
            if row.state == DeliveryState.SENT:
                row.resends += 1
                row.message_id = ""
            row.state = DeliveryState.PENDING
            row.next_attempt_at = row.queued_at = now
            row.expires_at = lifetime_end(row.kind, now)
            row.sent_at = None
            row.save(
                update_fields=[
                    *("state", "next_attempt_at", "queued_at", "expires_at", "sent_at"),
                    *("resends", "message_id"),
                ]
            )
            queued.append(row.pk)
        queue_on_commit(channel, queued)
    return queued


# --- publishing "try row N now" ----------------------------------------------------------


def queue_on_commit(channel: Channel, pks: list[int]) -> None:
    if pks:
        transaction.on_commit(partial(_publish, channel, list(pks)), robust=True)


def _publish(channel: Channel, pks: list[int]) -> None:
    """Hand the rows to the broker; on failure, leave them to the sweeper."""
    if current_app.conf.task_always_eager:  # the embedded default: no broker
        for pk in pks:
            outbox_deliver(channel=channel, pk=pk)
        return
    for index, pk in enumerate(pks):
        try:
            current_app.send_task(channel.task, args=[pk])
        except Exception as exc:  # kombu/redis/socket errors: the broker is unreachable
            left = pks[index:]
            logger.warning(
                "Broker unreachable (%s): outgoing %s rows %s left to the sweeper",
                *(type(exc).__name__, channel.name, left),
            )
            # Not queued after all: the next sweep takes them, not the one after N minutes.
            channel.model.objects.filter(pk__in=left, state=DeliveryState.PENDING).update(
                queued_at=None
            )
            return
