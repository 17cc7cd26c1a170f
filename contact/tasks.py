"""Celery tasks of the first contact: the applicant's messages' outbox (the database
schedules, docs/notifications.md) and the unanswered proposals."""

from celery import shared_task

from notifications.outbox.delivery import outbox_deliver, outbox_sweep
from notifications.outbox.task_options import DELIVERY_TASK, SWEEP_TASK

from .delivery import APPLICANT
from .services import appointments_no_reaction_mark


@shared_task(**DELIVERY_TASK)
def send_applicant_message(pk: int) -> str:
    return outbox_deliver(channel=APPLICANT, pk=pk).value


@shared_task(**SWEEP_TASK)
def sweep_applicant_messages() -> dict:
    return vars(outbox_sweep(channel=APPLICANT))


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def mark_no_reaction() -> int:
    return appointments_no_reaction_mark()
