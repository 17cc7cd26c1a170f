"""The outbox: rows in the submission's transaction, claim → send → mark, the backoff,
what a kind may give up, and reminders (docs/notifications.md)."""

import logging
import time
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail

from intake.constants import State
from intake.models import AidRequest
from notifications.constants import DeliveryState, EmailKind
from notifications.models import CpasNotificationSettings, OutgoingEmail
from notifications.outbox import (
    Outcome,
    outgoing_email_deliver,
    outgoing_email_sweep,
    queue_reminders,
)
from notifications.tasks import send_outgoing_email
from routing.models import Cpas
from tests.factories import submit

from .backends import BusyDatabaseBackend, FlakySMTPBackend

pytestmark = pytest.mark.django_db

SUBMITTED = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)


def acknowledgement(**submit_args) -> OutgoingEmail:
    aid_request = submit(submitted_at=SUBMITTED, **submit_args)
    return OutgoingEmail.objects.get(aid_request=aid_request, kind=EmailKind.ACKNOWLEDGEMENT)


def test_the_submission_writes_the_acknowledgement_and_the_alert_and_queues_them_on_commit(
    cpas_emails, django_capture_on_commit_callbacks, settings
):
    settings.NOTIFICATIONS_ALERT_LIFETIME_HOURS = 48
    cpas_emails("92094")
    with django_capture_on_commit_callbacks() as callbacks:
        aid_request = submit(nis_code="92094", submitted_at=SUBMITTED, language="de")

    rows = OutgoingEmail.objects.filter(aid_request=aid_request).order_by("kind")
    assert [(row.kind, row.to, row.language, row.state) for row in rows] == [
        ("acknowledgement", "applicant@example.org", "de", "pending"),
        ("cpas_alert", "social-92094@cpas.example", "fr", "pending"),
    ]
    assert {row.idempotency_key for row in rows} == {
        f"acknowledgement:{aid_request.pk}",
        f"cpas_alert:{aid_request.pk}",
    }
    # Due at once; the acknowledgement is never given up, the alert after 48 hours.
    ack, alert = rows
    assert ack.next_attempt_at == ack.created_at and ack.expires_at is None
    assert alert.expires_at == alert.created_at + timedelta(hours=48)
    # Queued once, after the commit; nothing sent within the transaction.
    assert len(callbacks) == 1
    assert mail.outbox == []


def test_a_cpas_without_address_or_with_alerts_off_gets_no_alert(cpas_emails):
    no_address = submit(nis_code="92094", submitted_at=SUBMITTED)
    cpas_emails("44021")
    CpasNotificationSettings.objects.create(
        cpas=Cpas.objects.get(code="44021"), alerts_enabled=False
    )
    alerts_off = submit(nis_code="44021", submitted_at=SUBMITTED)

    for aid_request in (no_address, alerts_off):
        kinds = list(OutgoingEmail.objects.filter(aid_request=aid_request).values_list("kind"))
        assert kinds == [(EmailKind.ACKNOWLEDGEMENT,)]


def test_the_notification_address_replaces_the_public_email(cpas_emails):
    cpas_emails("92094")
    CpasNotificationSettings.objects.create(
        cpas=Cpas.objects.get(code="92094"), email="intake@namur.example"
    )
    aid_request = submit(nis_code="92094", submitted_at=SUBMITTED)
    alert = OutgoingEmail.objects.get(aid_request=aid_request, kind=EmailKind.CPAS_ALERT)
    assert alert.to == "intake@namur.example"


def test_a_broken_broker_at_commit_time_costs_the_citizen_nothing(
    cpas_emails, django_capture_on_commit_callbacks, caplog
):
    cpas_emails("92094")
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        aid_request = submit(nis_code="92094", submitted_at=SUBMITTED, email="z.q@example.org")
    assert time.monotonic() - started < 3

    # The broker (test settings: a closed port) refused: the rows wait for the sweeper,
    # marked as not queued, so that the very next sweep takes them.
    rows = OutgoingEmail.objects.all()
    assert {(row.state, row.queued_at) for row in rows} == {(DeliveryState.PENDING, None)}
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("left to the sweeper" in message for message in warnings)
    for message in warnings:
        assert "z.q@example.org" not in message
        assert aid_request.reference not in message


def test_sending_twice_mails_once_with_the_row_s_message_id():
    row = acknowledgement()

    first = send_outgoing_email.apply(args=[row.pk])
    second = send_outgoing_email.apply(args=[row.pk])

    assert (first.result, second.result) == ("sent", "nothing to do")
    assert len(mail.outbox) == 1
    row.refresh_from_db()
    assert (row.state, row.attempts, row.last_error) == (DeliveryState.SENT, 1, "")
    assert row.sent_at is not None and row.next_attempt_at is None
    assert row.message_id == f"<outbox-{row.pk}-acknowledgement@127.0.0.1>"
    assert mail.outbox[0].extra_headers["Message-ID"] == row.message_id


def fail_through(settings, backend, failures: int) -> tuple[OutgoingEmail, list[float]]:
    """Deliver an acknowledgement through a backend failing ``failures`` times, each
    attempt at the time its row says it is due; the delays between attempts."""
    settings.EMAIL_BACKEND = f"tests.notifications.backends.{backend.__name__}"
    settings.NOTIFICATIONS_RETRY_BACKOFF_SECONDS = 30
    settings.NOTIFICATIONS_RETRY_BACKOFF_MAX = 600
    backend.failures_left = failures
    row = acknowledgement()
    now, delays = row.next_attempt_at, []
    for _ in range(failures):
        assert outgoing_email_deliver(pk=row.pk, now=now) == Outcome.RETRY
        row.refresh_from_db()
        assert row.state == DeliveryState.PENDING
        delays.append((row.next_attempt_at - now).total_seconds())
        # Early, the row is not tried: it waits in its backoff.
        early = row.next_attempt_at - timedelta(seconds=5)
        assert outgoing_email_deliver(pk=row.pk, now=early) == Outcome.NOTHING_TO_DO
        now = row.next_attempt_at
    assert outgoing_email_deliver(pk=row.pk, now=now) == Outcome.SENT
    assert len(mail.outbox) == 1
    row.refresh_from_db()
    return row, delays


def test_smtp_failing_longer_than_the_old_retry_chain_still_sends_one_mail(settings, caplog):
    """The former chain stopped after 4 tries and failed rows for good after 8: an
    acknowledgement is now tried until it goes, 30 s doubling up to 10 minutes."""
    row, delays = fail_through(settings, FlakySMTPBackend, 12)

    assert delays == [30, 60, 120, 240, 480, 600, 600, 600, 600, 600, 600, 600]
    assert (row.state, row.attempts, row.last_error) == (DeliveryState.SENT, 13, "")
    failures = [r.getMessage() for r in caplog.records if "failed" in r.getMessage()]
    assert len(failures) == 12
    assert not any("applicant@example.org" in message for message in failures)


def test_the_error_kept_is_its_class_and_code_never_its_text(settings):
    settings.EMAIL_BACKEND = "tests.notifications.backends.FlakySMTPBackend"
    FlakySMTPBackend.failures_left = 1
    row = acknowledgement()
    assert outgoing_email_deliver(pk=row.pk) == Outcome.RETRY
    row.refresh_from_db()
    assert row.last_error == "SMTPRecipientsRefused 451"


def test_a_database_error_raised_while_sending_is_a_failed_attempt(settings):
    """The attempt is committed before sending: a failure while sending, whatever its
    kind, is counted and tried again later (formerly it was rolled back unseen)."""
    row, _delays = fail_through(settings, BusyDatabaseBackend, 2)

    assert (row.state, row.attempts) == (DeliveryState.SENT, 3)


def test_an_alert_failing_beyond_its_lifetime_expires_and_the_acknowledgement_does_not(
    settings, cpas_emails
):
    settings.EMAIL_BACKEND = "tests.notifications.backends.FlakySMTPBackend"
    settings.NOTIFICATIONS_ALERT_LIFETIME_HOURS = 1
    FlakySMTPBackend.failures_left = 1000
    cpas_emails("92094")
    aid_request = submit(nis_code="92094", submitted_at=SUBMITTED)
    rows = {row.kind: row for row in OutgoingEmail.objects.filter(aid_request=aid_request)}
    later = rows["cpas_alert"].created_at + timedelta(minutes=59, seconds=45)

    assert outgoing_email_deliver(pk=rows["cpas_alert"].pk, now=later) == Outcome.EXPIRED
    assert outgoing_email_deliver(pk=rows["acknowledgement"].pk, now=later) == Outcome.RETRY
    states = dict(OutgoingEmail.objects.values_list("kind", "state"))
    assert states == {"cpas_alert": DeliveryState.EXPIRED, "acknowledgement": DeliveryState.PENDING}
    assert mail.outbox == []


def test_the_alert_sent_goes_into_the_request_history_and_only_then():
    from intake.constants import EventKind
    from intake.models import RequestEvent

    Cpas.objects.filter(code="92094").update(email="cpas@namur.example")
    aid_request = submit(nis_code="92094")
    alert = OutgoingEmail.objects.get(aid_request=aid_request, kind=EmailKind.CPAS_ALERT)
    events = RequestEvent.objects.filter(aid_request=aid_request, kind=EventKind.ALERT_SENT)
    assert not events.exists()
    outgoing_email_deliver(pk=alert.pk)
    outgoing_email_deliver(pk=alert.pk)
    assert events.count() == 1


def test_reminders_go_once_a_day_to_each_cpas_with_requests_unread_for_n_days(
    settings, cpas_emails
):
    settings.REMINDER_AFTER_DAYS = 2
    cpas_emails("92094", "44021", "21004")
    monday = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)  # 08:00 in Brussels
    submit(nis_code="92094", submitted_at=monday - timedelta(days=3))
    submit(nis_code="92094", submitted_at=monday - timedelta(days=2))
    submit(nis_code="92094", submitted_at=monday - timedelta(days=1))  # too recent
    read = submit(nis_code="44021", submitted_at=monday - timedelta(days=5))
    AidRequest.objects.filter(pk=read.pk).update(state=State.READ)  # read: no reminder
    off = submit(nis_code="21004", submitted_at=monday - timedelta(days=5))
    CpasNotificationSettings.objects.create(cpas=off.cpas, reminders_enabled=False)

    assert queue_reminders(now=monday) == 1
    assert queue_reminders(now=monday + timedelta(hours=3)) == 0  # same day
    assert queue_reminders(now=monday + timedelta(days=1)) == 1  # next day

    reminders = OutgoingEmail.objects.filter(kind=EmailKind.REMINDER).order_by("pk")
    assert [(r.cpas.code, r.context, r.idempotency_key) for r in reminders] == [
        ("92094", {"waiting": 2, "urgent": 0}, "reminder:92094:2026-11-23"),
        ("92094", {"waiting": 3, "urgent": 0}, "reminder:92094:2026-11-24"),
    ]
    # Each is worth sending until the midnight (Brussels) that ends its day.
    assert [r.expires_at for r in reminders] == [
        datetime(2026, 11, 23, 23, 0, tzinfo=UTC),
        datetime(2026, 11, 24, 23, 0, tzinfo=UTC),
    ]

    # Not sent on its day (SMTP down all day, say): expired by the sweeper, not failed.
    outgoing_email_sweep(now=datetime(2026, 11, 24, 23, 0, tzinfo=UTC))
    assert set(reminders.values_list("state", flat=True)) == {DeliveryState.EXPIRED}


def test_in_the_embedded_default_the_rows_are_sent_in_process_at_commit(
    celery_eager, django_capture_on_commit_callbacks
):
    Cpas.objects.filter(code="92094").update(email="cpas@namur.example")
    with django_capture_on_commit_callbacks(execute=True):
        aid_request = submit(nis_code="92094", submitted_at=SUBMITTED)
    assert sorted(m.extra_headers["X-CPAS-Online-Kind"] for m in mail.outbox) == [
        "acknowledgement",
        "cpas_alert",
    ]
    assert set(aid_request.outgoing_emails.values_list("state", flat=True)) == {"sent"}


@pytest.fixture
def celery_eager():
    from celery import current_app

    before = current_app.conf.task_always_eager
    current_app.conf.task_always_eager = True
    yield
    current_app.conf.task_always_eager = before
