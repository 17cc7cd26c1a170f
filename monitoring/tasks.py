"""The rollup's refreshes, run by beat (docs/monitoring.md, "Freshness")."""

from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from intake.deadlines import brussels_date

from .rollup import rollup_refresh

# R + 30 and a fortnight for decisions recorded late: these days change most.
RECENT_DAYS = 45
# Reminders of the last week (the outbox keeps a sent row a month).
REMINDER_DAYS = 7
YEAR_DAYS = 400


@shared_task
def refresh_recent() -> int:
    now = timezone.now()
    today = brussels_date(now)
    return rollup_refresh(
        since=today - timedelta(days=RECENT_DAYS),
        until=today,
        now=now,
        reminders_since=today - timedelta(days=REMINDER_DAYS),
    )


@shared_task
def refresh_year() -> int:
    now = timezone.now()
    today = brussels_date(now)
    return rollup_refresh(
        since=today - timedelta(days=YEAR_DAYS),
        until=today,
        now=now,
        reminders_since=today - timedelta(days=REMINDER_DAYS),
    )
