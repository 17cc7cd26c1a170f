"""Celery tasks of the notifications: a primary key in, the outbox does the rest.

The database is the outbox's scheduler (docs/notifications.md, "The outbox"): these
tasks never retry a failed send themselves; the row records when it is due again and
the sweeper queues it then.
"""

from celery import shared_task
from django.db import DatabaseError

from .outbox import outgoing_email_deliver, outgoing_email_sweep, queue_reminders


# A database error before the claim leaves the row untouched: try again a few times
# within a minute or two, then the sweeper queues the row again.
@shared_task(
    acks_late=True,
    soft_time_limit=60,
    time_limit=90,
    autoretry_for=(DatabaseError,),
    max_retries=5,
    retry_backoff=2,
    retry_backoff_max=60,
    retry_jitter=False,
)
def send_outgoing_email(pk: int) -> str:
    """Try outbox row ``pk`` now (published by name by ``notifications.outbox``)."""
    return outgoing_email_deliver(pk=pk).value


@shared_task(acks_late=True, soft_time_limit=120, time_limit=180)
def sweep_outbox() -> dict:
    """Expire, settle interrupted attempts, queue the due rows."""
    return vars(outgoing_email_sweep())


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def send_reminders() -> int:
    """Remind each CPAS of its requests still unread after REMINDER_AFTER_DAYS days."""
    return queue_reminders()
