"""Celery tasks of the notifications: a primary key in, the outbox does the rest.

The database is the outbox's scheduler (docs/notifications.md, "The outbox"): these
tasks never retry a failed send themselves; the row records when it is due again and
the sweeper queues it then.
"""

from celery import shared_task

from .outbox import outgoing_email_deliver, outgoing_email_sweep, queue_reminders
from .outbox.task_options import DELIVERY_TASK, SWEEP_TASK


@shared_task(**DELIVERY_TASK)  # docs/notifications.md (outbox/task_options.py)
def send_outgoing_email(pk: int) -> str:
    """Try outbox row ``pk`` now (published by name by ``notifications.outbox``)."""
    return outgoing_email_deliver(pk=pk).value


@shared_task(**SWEEP_TASK)
def sweep_outbox() -> dict:
    """Expire, settle interrupted attempts, queue the due rows."""
    return vars(outgoing_email_sweep())


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def send_reminders() -> int:
    """Remind each CPAS of its requests still unread after REMINDER_AFTER_DAYS days."""
    return queue_reminders()
