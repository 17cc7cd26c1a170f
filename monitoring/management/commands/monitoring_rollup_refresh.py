"""Rebuild the monitoring rollup for a span of reception dates (docs/monitoring.md)."""

from datetime import date, timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from intake.deadlines import brussels_date
from monitoring.rollup import rollup_refresh


class Command(BaseCommand):
    help = "Recompute the monitoring rollup of the days since --since (default: 400 days)."

    def add_arguments(self, parser):
        parser.add_argument("--since", type=date.fromisoformat, help="YYYY-MM-DD")

    def handle(self, *args, **options):
        now = timezone.now()
        today = brussels_date(now)
        since = options["since"] or today - timedelta(days=400)
        rows = rollup_refresh(since=since, until=today, now=now)
        self.stdout.write(f"Monitoring rollup: {rows} rows written from {since} to {today}.")
