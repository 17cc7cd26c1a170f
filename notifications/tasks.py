"""Celery tasks of the notifications: arguments are primary keys only."""

from celery import shared_task
from django.conf import settings
from django.db import DatabaseError

from .outbox import outbox_sweep, queue_reminders
from .services import SendOutcome, outgoing_email_send

# A database error rolls the row back untouched: try again this often, then leave the
# row, still pending, to the sweeper.
DATABASE_RETRIES = 10


@shared_task(bind=True, acks_late=True, soft_time_limit=60, time_limit=90)
def send_outgoing_email(self, pk: int) -> str:
    """Send one outbox row; on an SMTP or database error, try again later (exponential
    backoff).

    The row counts the SMTP attempts and stops at NOTIFICATIONS_MAX_ATTEMPTS (state failed).
    """
    try:
        outcome = outgoing_email_send(pk=pk)
    except DatabaseError as error:  # busy (SQLite) or restarting: nothing was sent
        raise self.retry(
            exc=error, countdown=backoff(self.request.retries), max_retries=DATABASE_RETRIES
        ) from error
    if outcome == SendOutcome.RETRY:
        raise self.retry(countdown=backoff(self.request.retries), max_retries=None)
    return outcome.value


def backoff(retries: int) -> int:
    base = settings.NOTIFICATIONS_RETRY_BACKOFF_SECONDS
    return min(base * 2**retries, settings.NOTIFICATIONS_RETRY_BACKOFF_MAX)


@shared_task(acks_late=True, soft_time_limit=120, time_limit=180)
def sweep_outbox() -> int:
    """Queue again the outbox rows still pending (broker down at commit time, lost task)."""
    return outbox_sweep()


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def send_reminders() -> int:
    """Remind each CPAS of its requests still unread after REMINDER_AFTER_DAYS days."""
    return queue_reminders()
