"""Celery tasks of the webhooks: a primary key in, the outbox does the rest
(docs/integration.md; the same rules as notifications.tasks)."""

from celery import shared_task
from django.db import DatabaseError

from .webhooks import webhook_deliver, webhook_sweep


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
def deliver_webhook(pk: int) -> str:
    """Try webhook delivery ``pk`` now (published by name by ``notifications.outbox``)."""
    return webhook_deliver(pk=pk)


@shared_task(acks_late=True, soft_time_limit=120, time_limit=180)
def sweep_webhooks() -> dict:
    """Dead-letter what its policy gave up, settle interrupted attempts, queue due rows."""
    return webhook_sweep()
