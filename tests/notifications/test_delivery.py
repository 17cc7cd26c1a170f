"""Claim → send → mark, the sweeper's choices, interrupted attempts and "send again"
(docs/notifications.md, "The outbox" and "Maybe sent")."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail

from notifications.constants import DeliveryState, EmailKind
from notifications.models import OutgoingEmail
from notifications.outbox import (
    EMAIL,
    INTERRUPTED,
    Outcome,
    outgoing_email_deliver,
    outgoing_email_resend,
    outgoing_email_sweep,
)
from notifications.outbox.delivery import (
    outbox_claim,
    outbox_mark_failed,
    outbox_mark_sent,
    outbox_sweep,
)
from routing.models import Cpas
from tests.factories import submit

from .backends import ObservingBackend

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)
S, MIN = timedelta(seconds=1), timedelta(minutes=1)
PENDING, SENDING, SENT = DeliveryState.PENDING, DeliveryState.SENDING, DeliveryState.SENT
MAYBE_SENT, EXPIRED = DeliveryState.MAYBE_SENT, DeliveryState.EXPIRED


@pytest.fixture
def make_row(settings):
    settings.OUTBOX_SWEEP_AFTER_MINUTES = 5
    settings.OUTBOX_CLAIM_LEASE_SECONDS = 300
    aid_request = submit(submitted_at=NOW)
    OutgoingEmail.objects.all().delete()
    cpas = Cpas.objects.get(code="92094")

    def make(kind=EmailKind.ACKNOWLEDGEMENT, **fields) -> OutgoingEmail:
        fields = {"next_attempt_at": NOW - S, "created_at": NOW - 10 * MIN, **fields}
        return OutgoingEmail.objects.create(
            kind=kind,
            to="someone@example.org",
            language="fr",
            aid_request=None if kind == EmailKind.REMINDER else aid_request,
            cpas=cpas,
            context={"waiting": 1} if kind == EmailKind.REMINDER else {},
            idempotency_key=str(uuid.uuid4()),
            **fields,
        )

    return make


@pytest.mark.django_db(transaction=True)
def test_the_attempt_is_committed_before_sending_and_nothing_is_held_while_sending(
    settings, communes
):
    settings.EMAIL_BACKEND = "tests.notifications.backends.ObservingBackend"
    ObservingBackend.seen = []
    aid_request = submit(submitted_at=NOW)
    row = OutgoingEmail.objects.get(aid_request=aid_request, kind=EmailKind.ACKNOWLEDGEMENT)

    assert outgoing_email_deliver(pk=row.pk) == Outcome.SENT

    # Seen from another connection during the send: "sending", attempt 1, claimed, and
    # FOR UPDATE NOWAIT got the row (no lock held); no transaction open in the worker.
    assert ObservingBackend.seen == [{"row": ("sending", 1, True), "in_transaction": False}]
    row.refresh_from_db()
    assert (row.state, row.attempts) == (SENT, 1)


# What one sweep at NOW does with each row (lease 5 minutes, lost message after 5).
SWEEP_TABLE = [
    pytest.param({}, "queued", PENDING, id="due-never-queued"),
    pytest.param({"queued_at": NOW - 10 * S}, "left", PENDING, id="due-queued-just-now"),
    pytest.param({"queued_at": NOW - 6 * MIN}, "queued", PENDING, id="due-message-lost"),
    pytest.param({"next_attempt_at": NOW + 20 * S}, "left", PENDING, id="waiting-in-backoff"),
    pytest.param(
        {"next_attempt_at": NOW + 20 * S, "queued_at": NOW - 6 * MIN, "attempts": 3},
        "left",
        PENDING,
        id="waiting-in-backoff-queued-long-ago",
    ),
    pytest.param(
        {"state": SENDING, "next_attempt_at": None, "claimed_at": NOW - 10 * S, "attempts": 1},
        "left",
        SENDING,
        id="attempt-in-progress",
    ),
    pytest.param(
        {"state": SENDING, "next_attempt_at": None, "claimed_at": NOW - 6 * MIN, "attempts": 1},
        "queued",  # an acknowledgement: sent again at once, same Message-ID
        PENDING,
        id="attempt-interrupted",
    ),
    pytest.param({"state": SENT, "next_attempt_at": None}, "left", SENT, id="sent"),
    pytest.param({"state": MAYBE_SENT, "next_attempt_at": None}, "left", MAYBE_SENT, id="maybe"),
    pytest.param({"state": EXPIRED, "next_attempt_at": None}, "left", EXPIRED, id="expired"),
    pytest.param(
        {"kind": EmailKind.CPAS_ALERT, "expires_at": NOW - S},
        "left",
        EXPIRED,
        id="alert-past-its-lifetime",
    ),
]


@pytest.mark.parametrize(("fields", "expected", "state"), SWEEP_TABLE)
def test_what_the_sweeper_does_with_a_row(
    make_row, django_capture_on_commit_callbacks, fields, expected, state
):
    row = make_row(**fields)

    with django_capture_on_commit_callbacks() as callbacks:
        outgoing_email_sweep(now=NOW)

    queued = [pk for callback in callbacks for pk in callback.args[1]]
    assert queued == ([row.pk] if expected == "queued" else [])
    row.refresh_from_db()
    assert row.state == state
    if expected == "queued":
        assert row.queued_at == NOW
        # Queued now: the next sweeps leave it alone until the message counts as lost.
        with django_capture_on_commit_callbacks() as callbacks:
            outgoing_email_sweep(now=NOW + 4 * MIN)
        assert callbacks == []


def test_sweeps_during_a_backoff_never_advance_the_attempt(make_row):
    """The former sweeper started a second retry chain on a row waiting in its
    backoff; now every "try now" arriving early is refused."""
    row = make_row(attempts=4, next_attempt_at=NOW + 8 * MIN)
    for minute in range(8):
        outbox_sweep(channel=EMAIL, now=NOW + minute * MIN)
        assert outgoing_email_deliver(pk=row.pk, now=NOW + minute * MIN) == Outcome.NOTHING_TO_DO
    row.refresh_from_db()
    assert (row.attempts, row.state, row.claimed_at) == (4, PENDING, None)
    assert outgoing_email_deliver(pk=row.pk, now=NOW + 8 * MIN) == Outcome.SENT


@pytest.mark.parametrize(
    ("kind", "state", "sent_again"),
    [
        # The proof of filing: sent again, with the same Message-ID.
        pytest.param(EmailKind.ACKNOWLEDGEMENT, PENDING, True, id="acknowledgement-resent"),
        # A second "a request is waiting" is not worth the doubt: held for an admin.
        pytest.param(EmailKind.CPAS_ALERT, MAYBE_SENT, False, id="alert-held"),
        pytest.param(EmailKind.REMINDER, MAYBE_SENT, False, id="reminder-held"),
    ],
)
def test_an_interrupted_attempt_is_settled_by_the_kind_s_policy(make_row, kind, state, sent_again):
    row = make_row(kind=kind, next_attempt_at=NOW - 10 * MIN)
    claimed = outbox_claim(channel=EMAIL, pk=row.pk, now=NOW - 10 * MIN)
    assert claimed.message_id == f"<outbox-{row.pk}-{kind}@127.0.0.1>"
    # ... the worker dies here, after SMTP may have accepted the message.

    report = outgoing_email_sweep(now=NOW)

    assert report.interrupted == 1
    row.refresh_from_db()
    assert (row.state, row.attempts, row.last_error) == (state, 1, INTERRUPTED)
    assert (row.claimed_at, row.maybe_sent_at) == (NOW - 10 * MIN, NOW)
    assert outgoing_email_deliver(pk=row.pk, now=NOW) == (
        Outcome.SENT if sent_again else Outcome.NOTHING_TO_DO
    )
    assert [m.extra_headers["Message-ID"] for m in mail.outbox] == (
        [claimed.message_id] if sent_again else []
    )


class AnsweringTransport(type(EMAIL.transport)):
    """A transport that can say whether an interrupted message was delivered."""

    def __init__(self, answer):
        self.answer = answer

    def was_delivered(self, row):
        return self.answer


@pytest.mark.parametrize(
    ("answer", "state", "maybe_sent_recorded"),
    [
        pytest.param(True, SENT, True, id="delivered-no-second-message"),
        pytest.param(False, PENDING, False, id="not-delivered-a-clean-retry"),
        pytest.param(None, MAYBE_SENT, True, id="cannot-tell-the-policy-decides"),
    ],
)
def test_a_transport_that_can_tell_settles_an_interrupted_attempt_without_doubt(
    make_row, answer, state, maybe_sent_recorded
):
    from dataclasses import replace

    channel = replace(EMAIL, transport=AnsweringTransport(answer))
    row = make_row(kind=EmailKind.CPAS_ALERT, next_attempt_at=NOW - 10 * MIN)
    outbox_claim(channel=channel, pk=row.pk, now=NOW - 10 * MIN)

    outbox_sweep(channel=channel, now=NOW)

    row.refresh_from_db()
    assert row.state == state
    assert (row.maybe_sent_at is not None) == maybe_sent_recorded


def test_a_late_success_wins_and_a_late_failure_changes_nothing(make_row):
    first = make_row(next_attempt_at=NOW - 10 * MIN)
    claimed = outbox_claim(channel=EMAIL, pk=first.pk, now=NOW - 10 * MIN)
    outgoing_email_sweep(now=NOW)  # taken for dead: pending again, due now
    # The slow worker was alive after all and reports success: the message left.
    assert outbox_mark_sent(channel=EMAIL, row=claimed, now=NOW + S)
    first.refresh_from_db()
    assert first.state == SENT
    assert outgoing_email_deliver(pk=first.pk, now=NOW + 2 * S) == Outcome.NOTHING_TO_DO

    second = make_row(next_attempt_at=NOW - 10 * MIN)
    slow = outbox_claim(channel=EMAIL, pk=second.pk, now=NOW - 10 * MIN)
    outgoing_email_sweep(now=NOW)
    newer = outbox_claim(channel=EMAIL, pk=second.pk, now=NOW)
    assert newer.attempts == 2
    outbox_mark_failed(channel=EMAIL, row=slow, error="TimeoutError", now=NOW + S)
    second.refresh_from_db()
    assert (second.state, second.attempts, second.last_error) == (SENDING, 2, INTERRUPTED)


@pytest.mark.parametrize(
    ("fields", "message_id_kept"),
    [
        pytest.param({"state": SENT, "message_id": "<outbox-x@h>"}, False, id="sent-a-new-copy"),
        pytest.param(
            {"state": MAYBE_SENT, "message_id": "<outbox-x@h>"}, True, id="maybe-sent-same-id"
        ),
        pytest.param(
            {"state": PENDING, "attempts": 9, "next_attempt_at": NOW + 9 * MIN},
            True,
            id="in-backoff-now",
        ),
        pytest.param(
            {"state": EXPIRED, "kind": EmailKind.CPAS_ALERT, "expires_at": NOW - MIN},
            True,
            id="expired-alert-a-fresh-lifetime",
        ),
    ],
)
def test_send_again_makes_the_row_due_now(
    make_row, settings, django_capture_on_commit_callbacks, fields, message_id_kept
):
    settings.NOTIFICATIONS_ALERT_LIFETIME_HOURS = 48
    row = make_row(**fields)
    with django_capture_on_commit_callbacks() as callbacks:
        assert outgoing_email_resend(pks=[row.pk]) == [row.pk]
    assert callbacks[0].args[1] == [row.pk]

    before = row.message_id
    row.refresh_from_db()
    assert row.state == PENDING
    assert row.next_attempt_at > NOW and row.sent_at is None
    if row.kind == EmailKind.CPAS_ALERT:
        assert row.expires_at > row.next_attempt_at
    assert outgoing_email_deliver(pk=row.pk) == Outcome.SENT
    row.refresh_from_db()
    if message_id_kept:
        assert row.message_id == (before or f"<outbox-{row.pk}-{row.kind}@127.0.0.1>")
    else:
        assert (row.resends, row.message_id) == (
            1,
            f"<outbox-{row.pk}-acknowledgement-1@127.0.0.1>",
        )
    assert mail.outbox[-1].extra_headers["Message-ID"] == row.message_id


def test_send_again_leaves_an_attempt_in_progress_alone_but_not_a_dead_one(make_row):
    from django.utils import timezone

    alive = make_row(state=SENDING, claimed_at=timezone.now() - MIN, next_attempt_at=None)
    dead = make_row(state=SENDING, claimed_at=timezone.now() - 6 * MIN, next_attempt_at=None)
    assert outgoing_email_resend(pks=[alive.pk, dead.pk]) == [dead.pk]
    alive.refresh_from_db()
    assert alive.state == SENDING
