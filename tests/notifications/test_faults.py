"""Faults, with a real Celery worker and beat, a real Redis and a real SMTP server
(docs/notifications.md): SMTP down for long, sweeps during a backoff, a worker killed
in the middle of a send, Redis stopped during a citizen's submission.

Small backoffs (settings) keep each test well under a minute; each prints its figures.
"""

import logging
import os
import time
from collections import Counter

import pytest
import redis

from notifications.constants import DeliveryState, EmailKind
from notifications.models import OutgoingEmail
from notifications.outbox import INTERRUPTED
from routing.models import Cpas
from tests.factories import submit
from tests.faults import CeleryProcess, RedisServer, SmtpServer, broker, wait_until

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/5")
NAMUR, EUPEN = "92094", "63023"  # Eupen's CPAS has no address here: no alert


@pytest.fixture
def stack(tmp_path, communes):
    """Starts what a test asks for; stops all of it at teardown, by PID."""
    started = []

    class Stack:
        def celery(self, kind, *, smtp, broker_url=REDIS_URL, name="", **env):
            process = CeleryProcess(
                kind,
                tmp_path,
                {
                    "CELERY_BROKER_URL": broker_url,
                    "TEST_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                    "EMAIL_URL": f"smtp://127.0.0.1:{smtp.port}",
                    "OUTBOX_SWEEP_SECONDS": "0.25",
                    **{key: str(value) for key, value in env.items()},
                },
                name=name,
            )
            started.append(process)
            return process.start()

        def smtp(self, **options):
            server = SmtpServer(**options)
            started.append(server)
            return server

        def redis(self):
            server = RedisServer(tmp_path)
            started.append(server)
            server.start()
            return server

    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()  # this checkout's own database (TEST_REDIS_URL)
    try:
        yield Stack()
    finally:
        for component in reversed(started):
            component.stop()
        client.flushdb()
        client.close()


def give_address(*codes):
    Cpas.objects.filter(code__in=codes).update(email="social@cpas.example")


def test_smtp_down_longer_than_the_old_retry_chain_then_back_every_acknowledgement_once(
    stack,
):
    """The former chain gave up after 4 tries per chain and 8 in all: with SMTP down for
    12 attempts per row, every acknowledgement and alert still arrives, once each."""
    started = time.monotonic()
    give_address(NAMUR)
    smtp = stack.smtp()  # not started: the port refuses connections
    backoff = {"NOTIFICATIONS_RETRY_BACKOFF_SECONDS": 0.2, "NOTIFICATIONS_RETRY_BACKOFF_MAX": 0.8}
    stack.celery("worker", smtp=smtp, **backoff)
    stack.celery("beat", smtp=smtp, **backoff)
    with broker(REDIS_URL):
        requests = [submit(nis_code=NAMUR, email=f"person{i}@example.org") for i in range(5)]
    rows = OutgoingEmail.objects.filter(aid_request__in=requests)
    assert rows.count() == 10

    wait_until(
        lambda: not rows.filter(attempts__lt=12).exists(), timeout=90, what="12 attempts each"
    )
    outage = time.monotonic() - started
    assert set(rows.values_list("state", flat=True)) <= {"pending", "sending"}
    assert set(rows.values_list("last_error", flat=True)) <= {"ConnectionRefusedError", ""}

    smtp.start()
    back = time.monotonic()
    wait_until(lambda: len(set(smtp.message_ids())) == 10, timeout=45, what="10 messages")
    waited = max(r.at for r in smtp.received) - back
    time.sleep(1.5)  # sweeps go on: nothing is sent a second time

    print(
        f"\n[smtp-down] 10 rows, {min(rows.values_list('attempts', flat=True))}+ attempts "
        f"each in {outage:.1f} s of outage; all delivered {waited:.2f} s after SMTP came "
        f"back (backoff 0.2 s doubling, cap 0.8 s); test {time.monotonic() - started:.1f} s"
    )
    counts = Counter(smtp.message_ids())
    assert set(counts.values()) == {1}
    assert sorted(counts) == sorted(rows.values_list("message_id", flat=True))
    assert set(rows.values_list("state", flat=True)) == {DeliveryState.SENT}
    kinds = Counter(r.kind for r in smtp.received)
    assert kinds == {EmailKind.ACKNOWLEDGEMENT: 5, EmailKind.CPAS_ALERT: 5}


def test_sweeps_during_a_backoff_do_not_queue_the_row_again(stack):
    """SMTP refuses the first 4 attempts (451): the attempts come 1, 2, 4 and 4 s apart
    (1 s doubling, cap 4 s) while the sweeper runs every 0.25 s, and there are 5."""
    started = time.monotonic()
    smtp = stack.smtp(refuse_next=4)
    smtp.start()
    backoff = {"NOTIFICATIONS_RETRY_BACKOFF_SECONDS": 1, "NOTIFICATIONS_RETRY_BACKOFF_MAX": 4}
    worker = stack.celery("worker", smtp=smtp, **backoff)
    stack.celery("beat", smtp=smtp, **backoff)
    with broker(REDIS_URL):
        aid_request = submit(nis_code=EUPEN)
    row = OutgoingEmail.objects.get(aid_request=aid_request)

    wait_until(lambda: smtp.message_ids(), timeout=60, what="the acknowledgement")
    time.sleep(2)  # more sweeps: no sixth attempt

    gaps = [round(b - a, 2) for a, b in zip(smtp.sessions, smtp.sessions[1:], strict=False)]
    sweeps = worker.log().count("notifications.tasks.sweep_outbox[")
    print(
        f"\n[backoff] attempts {len(smtp.sessions)}, gaps {gaps} s, {sweeps} sweeps run; "
        f"test {time.monotonic() - started:.1f} s"
    )
    assert len(smtp.sessions) == 5
    for gap, delay in zip(gaps, [1, 2, 4, 4], strict=True):
        # Never early; late by a sweep, or by a loaded machine's scheduling, at most.
        assert delay - 0.05 <= gap <= delay + 2.5
    assert sweeps >= 20  # the sweeper ran all along the 11 s of backoff (every 0.25 s)
    row.refresh_from_db()
    assert (row.state, row.attempts) == (DeliveryState.SENT, 5)
    assert smtp.message_ids() == [row.message_id]


@pytest.mark.parametrize(
    ("kind", "expected_state", "copies"),
    [
        # Sent again with the same Message-ID: the mail system can drop the copy.
        pytest.param(EmailKind.ACKNOWLEDGEMENT, DeliveryState.SENT, 2, id="acknowledgement"),
        # Held as "maybe sent" for an admin: never a second alert.
        pytest.param(EmailKind.CPAS_ALERT, DeliveryState.MAYBE_SENT, 1, id="cpas-alert"),
    ],
)
def test_a_worker_killed_in_the_middle_of_a_send(stack, kind, expected_state, copies):
    started = time.monotonic()
    give_address(NAMUR)
    smtp = stack.smtp(stall={kind: 60})  # stores the message, answers 250 a minute later
    smtp.start()
    env = {"OUTBOX_CLAIM_LEASE_SECONDS": 3, "OUTBOX_SWEEP_AFTER_MINUTES": 0.05}
    first = stack.celery("worker", smtp=smtp, name="-first", **env)
    stack.celery("beat", smtp=smtp, **env)
    with broker(REDIS_URL):
        aid_request = submit(nis_code=NAMUR)
    rows = OutgoingEmail.objects.filter(aid_request=aid_request)
    row = rows.get(kind=kind)

    wait_until(lambda: smtp.message_ids(kind), timeout=30, what="the server to have it")
    first.kill()
    row.refresh_from_db()
    # The killed attempt left its trace: counted, claimed, committed before SMTP.
    assert (row.state, row.attempts) == (DeliveryState.SENDING, 1)
    assert row.claimed_at is not None and row.message_id
    killed = time.monotonic()

    smtp.stall = {}
    stack.celery("worker", smtp=smtp, name="-second", **env)
    wait_until(
        lambda: (
            rows.filter(state=expected_state, kind=kind).exists()
            and not rows.exclude(state__in=[DeliveryState.SENT, DeliveryState.MAYBE_SENT]).exists()
        ),
        timeout=30,
        what="the interrupted attempt to be settled",
    )
    settled = time.monotonic() - killed
    time.sleep(1.5)  # sweeps go on: no further copy

    row.refresh_from_db()
    counts = Counter(smtp.message_ids())
    print(
        f"\n[kill -9, {kind}] settled {settled:.1f} s after the kill (lease 3 s): "
        f"{row.state}, {counts[row.message_id]} cop(ies) of {row.message_id}; "
        f"test {time.monotonic() - started:.1f} s"
    )
    assert row.state == expected_state
    assert row.last_error == ("" if expected_state == DeliveryState.SENT else INTERRUPTED)
    assert row.maybe_sent_at is not None  # sent or not, the interruption stays recorded
    assert counts[row.message_id] == copies  # every copy carries the row's Message-ID
    other = rows.exclude(kind=kind).get()
    assert (other.state, counts[other.message_id]) == (DeliveryState.SENT, 1)
    assert sorted(counts) == sorted(rows.values_list("message_id", flat=True))


def test_redis_stopped_during_a_submission_the_citizen_sends_and_the_mail_follows(
    stack, client, settings, caplog
):
    """The cache and the broker share one Redis, as in docker-compose; it stops between
    the review and the send step."""
    from tests.wizard.test_wizard import PREFIX, Wizard

    started = time.monotonic()
    give_address(NAMUR)
    own_redis = stack.redis()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": own_redis.url(1),
            "OPTIONS": {"socket_timeout": 0.5, "socket_connect_timeout": 0.5},
        }
    }
    smtp = stack.smtp()
    smtp.start()

    with broker(own_redis.url(0)):
        wizard = Wizard(client)
        wizard.through_identity()
        wizard.answer("place", {"in_institution": "no"})
        wizard.answer("student", {"full_time_student": "no"})
        wizard.answer("residence", {"lives_at_domicile": "no", "current_commune": "Namur"})
        wizard.answer("needs", {"categories": ["income"]})
        assert client.get(wizard.url("review")).status_code == 200

        own_redis.stop()
        sending = time.monotonic()
        with caplog.at_level(logging.WARNING):
            response = client.post(wizard.url("review"), {f"{PREFIX}-current_step": "review"})
            assert response.status_code == 302
            response = client.get(response["Location"])  # the send step
            assert (response.status_code, response["Location"]) == (
                302,
                "/fr/request/confirmation/",
            )
        send_step = time.monotonic() - sending
        confirmation = client.get(response["Location"])

    # The confirmation, with the request's reference; the request and its rows exist.
    assert confirmation.status_code == 200
    rows = OutgoingEmail.objects.all()
    assert sorted(rows.values_list("kind", flat=True)) == ["acknowledgement", "cpas_alert"]
    assert rows.first().aid_request.reference in confirmation.text
    assert {(row.state, row.queued_at) for row in rows} == {(DeliveryState.PENDING, None)}
    ours = [
        r.getMessage()
        for r in caplog.records
        if r.levelno >= logging.WARNING and r.name.split(".")[0] in ("cpasonline", "notifications")
    ]
    assert any("Rate limit intake.send not checked" in w for w in ours)
    assert any("left to the sweeper" in w for w in ours)
    assert not any("127.0.0.1" in w or "alex@example.org" in w for w in ours)  # no one
    health = client.get("/health/").json()
    assert health["status"] == "degraded"
    assert health["cache"]["reachable"] is False
    assert health["cache"]["this_process"]["ratelimit_unchecked"] >= 1

    own_redis.start()  # the same port, empty: nothing of the outage was kept in Redis
    back = time.monotonic()
    stack.celery("worker", smtp=smtp, broker_url=own_redis.url(0))
    stack.celery("beat", smtp=smtp, broker_url=own_redis.url(0))
    wait_until(lambda: len(smtp.received) == 2, timeout=30, what="both emails")
    delivered = time.monotonic() - back
    time.sleep(1)

    print(
        f"\n[redis down] send step {send_step * 1000:.0f} ms with Redis stopped; both "
        f"emails delivered {delivered:.1f} s after Redis came back (worker and beat "
        f"start included); test {time.monotonic() - started:.1f} s"
    )
    assert Counter(r.kind for r in smtp.received) == {"acknowledgement": 1, "cpas_alert": 1}
    assert set(rows.values_list("state", flat=True)) == {DeliveryState.SENT}
    assert client.get("/health/").json()["cache"]["reachable"] is True
