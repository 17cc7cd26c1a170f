"""The project's scheduled tasks (``CELERY_BEAT_SCHEDULE``)."""

from celery import shared_task

from .retention import retention_apply
from .sessions import sessions_purge


@shared_task(acks_late=True, soft_time_limit=1800, time_limit=1900)
def apply_retention() -> dict:
    """Erase or delete what is past its retention period (docs/data-protection.md)."""
    return {line.kind: line.count for line in retention_apply()}


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def purge_sessions() -> int:
    """Delete the expired sessions (docs/data-protection.md, "Answers in the browser session")."""
    return sessions_purge()
