"""Celery tasks of the notifications: arguments are primary keys only."""

from celery import shared_task
from django.conf import settings

from .outbox import outbox_sweep, queue_reminders
from .services import SendOutcome, outgoing_email_send


@shared_task(bind=True, acks_late=True, soft_time_limit=60, time_limit=90)
def send_outgoing_email(self, pk: int) -> str:
    """Send one outbox row; on an SMTP error, try again later (exponential backoff).

    The row counts the attempts and stops at NOTIFICATIONS_MAX_ATTEMPTS (state failed).
    """
    outcome = outgoing_email_send(pk=pk)
    if outcome == SendOutcome.RETRY:
        base = settings.NOTIFICATIONS_RETRY_BACKOFF_SECONDS
        countdown = min(base * 2**self.request.retries, settings.NOTIFICATIONS_RETRY_BACKOFF_MAX)
        raise self.retry(countdown=countdown, max_retries=None)
    return outcome.value


@shared_task(acks_late=True, soft_time_limit=120, time_limit=180)
def sweep_outbox() -> int:
    """Queue again the outbox rows still pending (broker down at commit time, lost task)."""
    return outbox_sweep()


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def send_reminders() -> int:
    """Remind each CPAS of its requests still unread after REMINDER_AFTER_DAYS days."""
    return queue_reminders()
