"""Celery tasks of the webhooks: a primary key in, the outbox does the rest
(docs/integration.md; the same rules as notifications.tasks)."""

from celery import shared_task

from notifications.outbox.task_options import DELIVERY_TASK, SWEEP_TASK

from .webhooks import webhook_deliver, webhook_sweep


@shared_task(**DELIVERY_TASK)
def deliver_webhook(pk: int) -> str:
    """Try webhook delivery ``pk`` now (published by name by ``notifications.outbox``)."""
    return webhook_deliver(pk=pk)


@shared_task(**SWEEP_TASK)
def sweep_webhooks() -> dict:
    """Dead-letter what its policy gave up, settle interrupted attempts, queue due rows."""
    return webhook_sweep()
