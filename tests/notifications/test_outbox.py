"""The outbox: rows in the submission's transaction, idempotent sends, retries, sweeper."""

import logging
import time
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from intake.constants import State
from intake.models import AidRequest
from notifications.constants import EmailKind, EmailState
from notifications.models import CpasNotificationSettings, OutgoingEmail
from notifications.outbox import outbox_sweep, queue_reminders
from notifications.services import SendOutcome, outgoing_email_resend, outgoing_email_send
from notifications.tasks import send_outgoing_email
from tests.factories import submit

from .backends import BusyDatabaseBackend, FlakySMTPBackend

pytestmark = pytest.mark.django_db

SUBMITTED = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)


def test_the_submission_writes_the_acknowledgement_and_the_alert_and_queues_them_on_commit(
    cpas_emails, django_capture_on_commit_callbacks
):
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
    # Queued once, after the commit; nothing sent within the transaction.
    assert len(callbacks) == 1
    assert mail.outbox == []


def test_a_cpas_without_address_or_with_alerts_off_gets_no_alert(cpas_emails):
    no_address = submit(nis_code="92094", submitted_at=SUBMITTED)
    cpas_emails("44021")
    CpasNotificationSettings.objects.create(
        cpas=AidRequest.objects.get(pk=no_address.pk).cpas.__class__.objects.get(code="44021"),
        alerts_enabled=False,
    )
    alerts_off = submit(nis_code="44021", submitted_at=SUBMITTED)

    for aid_request in (no_address, alerts_off):
        kinds = list(OutgoingEmail.objects.filter(aid_request=aid_request).values_list("kind"))
        assert kinds == [(EmailKind.ACKNOWLEDGEMENT,)]


def test_the_notification_address_replaces_the_public_email(cpas_emails):
    cpas_emails("92094")
    from routing.models import Cpas

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
    with django_capture_on_commit_callbacks(execute=True):
        aid_request = submit(nis_code="92094", submitted_at=SUBMITTED, email="z.q@example.org")

    # The broker (test settings: a closed port) refused: the rows wait for the sweeper.
    assert set(OutgoingEmail.objects.values_list("state", flat=True)) == {EmailState.PENDING}
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("left to the sweeper" in message for message in warnings)
    for message in warnings:
        assert "z.q@example.org" not in message
        assert aid_request.reference not in message


def test_sending_twice_mails_once():
    aid_request = submit(submitted_at=SUBMITTED)
    row = OutgoingEmail.objects.get(aid_request=aid_request, kind=EmailKind.ACKNOWLEDGEMENT)

    first = send_outgoing_email.apply(args=[row.pk])
    second = send_outgoing_email.apply(args=[row.pk])

    assert (first.result, second.result) == ("sent", "nothing to do")
    assert len(mail.outbox) == 1
    row.refresh_from_db()
    assert (row.state, row.attempts, row.last_error) == (EmailState.SENT, 1, "")
    assert row.sent_at is not None
    assert (
        mail.outbox[0].extra_headers["Message-ID"] == f"<outbox-{row.pk}-acknowledgement@127.0.0.1>"
    )


def send_through_failures(settings, backend, failures: int) -> OutgoingEmail:
    """Send an acknowledgement through a backend failing ``failures`` times: exactly one
    mail leaves. Run eagerly, Celery performs the retries the task asks for at once."""
    settings.EMAIL_BACKEND = f"tests.notifications.backends.{backend.__name__}"
    backend.failures_left = failures
    aid_request = submit(submitted_at=SUBMITTED)
    row = OutgoingEmail.objects.get(aid_request=aid_request, kind=EmailKind.ACKNOWLEDGEMENT)

    result = send_outgoing_email.apply(args=[row.pk])

    assert (result.state, result.result) == ("SUCCESS", "sent")
    assert len(mail.outbox) == 1
    row.refresh_from_db()
    return row


def test_smtp_failing_three_times_then_succeeding_sends_one_mail(settings, caplog):
    row = send_through_failures(settings, FlakySMTPBackend, 3)

    failures = [r.getMessage() for r in caplog.records if "failed" in r.getMessage()]
    assert len(failures) == 3
    assert not any("applicant@example.org" in message for message in failures)
    assert (row.state, row.attempts, row.last_error) == (EmailState.SENT, 4, "")


def test_a_database_error_while_sending_is_tried_again_and_sends_one_mail(settings):
    """Seen with a real worker on SQLite ("database is locked"): the task must not give up
    and leave the row to the five-minute sweeper."""
    row = send_through_failures(settings, BusyDatabaseBackend, 2)

    assert (row.state, row.attempts) == (EmailState.SENT, 1)  # failed tries rolled back


def test_the_error_kept_names_no_one_and_the_row_fails_after_the_last_attempt(settings):
    settings.EMAIL_BACKEND = "tests.notifications.backends.FlakySMTPBackend"
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 2
    FlakySMTPBackend.failures_left = 5
    aid_request = submit(submitted_at=SUBMITTED)
    row = OutgoingEmail.objects.get(aid_request=aid_request, kind=EmailKind.ACKNOWLEDGEMENT)

    assert outgoing_email_send(pk=row.pk) == SendOutcome.RETRY
    row.refresh_from_db()
    assert row.last_error == "SMTPRecipientsRefused"
    assert outgoing_email_send(pk=row.pk) == SendOutcome.FAILED
    assert outgoing_email_send(pk=row.pk) == SendOutcome.NOTHING_TO_DO
    row.refresh_from_db()
    assert (row.state, row.attempts) == (EmailState.FAILED, 2)

    # The admin's "send again" makes it pending with a fresh count.
    FlakySMTPBackend.failures_left = 0
    assert outgoing_email_resend(pks=[row.pk]) == 1
    assert outgoing_email_send(pk=row.pk) == SendOutcome.SENT
    assert len(mail.outbox) == 1


def test_the_sweeper_queues_again_only_the_rows_pending_for_long(
    settings, django_capture_on_commit_callbacks
):
    settings.OUTBOX_SWEEP_AFTER_MINUTES = 5
    now = timezone.now()
    rows = {}
    for name, minutes_ago, state in [
        ("old pending", 6, EmailState.PENDING),
        ("never queued", None, EmailState.PENDING),
        ("fresh pending", 2, EmailState.PENDING),
        ("old sent", 60, EmailState.SENT),
        ("old failed", 60, EmailState.FAILED),
    ]:
        aid_request = submit(submitted_at=SUBMITTED)
        row = OutgoingEmail.objects.get(aid_request=aid_request, kind=EmailKind.ACKNOWLEDGEMENT)
        row.queued_at = None if minutes_ago is None else now - timedelta(minutes=minutes_ago)
        row.state = state
        row.save()
        rows[name] = row.pk

    with django_capture_on_commit_callbacks() as callbacks:
        assert outbox_sweep(now=now) == 2

    assert len(callbacks) == 1
    assert callbacks[0].args == ([rows["old pending"], rows["never queued"]],)
    queued = dict(OutgoingEmail.objects.values_list("pk", "queued_at"))
    assert queued[rows["old pending"]] == now
    assert queued[rows["fresh pending"]] < now
    # Queued again just now: the next sweep leaves them alone.
    assert outbox_sweep(now=now + timedelta(minutes=1)) == 0


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
        ("92094", {"waiting": 2}, "reminder:92094:2026-11-23"),
        ("92094", {"waiting": 3}, "reminder:92094:2026-11-24"),
    ]


def test_queueing_with_the_broker_down_is_quick(cpas_emails, django_capture_on_commit_callbacks):
    cpas_emails("92094")
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        submit(nis_code="92094", submitted_at=SUBMITTED)
    assert time.monotonic() - started < 3


def test_the_alert_sent_goes_into_the_request_history(django_capture_on_commit_callbacks):
    from intake.constants import EventKind
    from intake.models import RequestEvent
    from notifications.constants import EmailKind
    from notifications.models import OutgoingEmail
    from notifications.services import outgoing_email_send
    from routing.models import Cpas
    from tests.factories import submit

    Cpas.objects.filter(code="92094").update(email="cpas@namur.example")
    aid_request = submit(nis_code="92094")
    alert = OutgoingEmail.objects.get(aid_request=aid_request, kind=EmailKind.CPAS_ALERT)
    outgoing_email_send(pk=alert.pk)
    assert RequestEvent.objects.filter(aid_request=aid_request, kind=EventKind.ALERT_SENT).exists()
