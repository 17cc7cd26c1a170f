"""Reading the outbox: what an operator or an admin must see (docs/notifications.md)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet

from routing.contacts import LANGUAGES
from routing.models import Cpas

from .constants import DeliveryState, EmailKind
from .models import CpasNotificationSettings, OutgoingEmail


def late_acknowledgements(*, now: datetime) -> QuerySet[OutgoingEmail]:
    """Acknowledgements still not sent NOTIFICATIONS_LATE_AFTER_MINUTES after the request."""
    cutoff = now - timedelta(minutes=settings.NOTIFICATIONS_LATE_AFTER_MINUTES)
    return OutgoingEmail.objects.filter(
        kind=EmailKind.ACKNOWLEDGEMENT, created_at__lt=cutoff
    ).exclude(state=DeliveryState.SENT)


def interrupted(*, now: datetime) -> QuerySet[OutgoingEmail]:
    """Rows held as "maybe sent", and rows whose attempt is open past the lease (the
    sweeper will settle them)."""
    stale = now - timedelta(seconds=settings.OUTBOX_CLAIM_LEASE_SECONDS)
    return OutgoingEmail.objects.filter(state=DeliveryState.MAYBE_SENT) | (
        OutgoingEmail.objects.filter(state=DeliveryState.SENDING, claimed_at__lt=stale)
    )


# Not sent and not given up: what may be late.
OPEN = [DeliveryState.PENDING, DeliveryState.SENDING, DeliveryState.MAYBE_SENT]


def _minutes_since(now: datetime, instant: datetime | None) -> int | None:
    return round((now - instant).total_seconds() / 60) if instant else None


def outbox_rows_health(rows: QuerySet, *, now: datetime) -> dict:
    """The figures of one outbox channel's rows for /health/: how many are late (neither
    sent nor given up NOTIFICATIONS_LATE_AFTER_MINUTES after they were written) and the
    oldest one's age, how many are held as "maybe sent", how many attempts are open past
    the lease (stuck: the sweeper will settle them), how many were given up in the last
    24 hours. Counts only."""
    cutoff = now - timedelta(minutes=settings.NOTIFICATIONS_LATE_AFTER_MINUTES)
    stale = now - timedelta(seconds=settings.OUTBOX_CLAIM_LEASE_SECONDS)
    late = Q(state__in=OPEN, created_at__lt=cutoff)
    # Sent rows, nearly all of them, count for nothing here: left out by the state index.
    figures = rows.filter(state__in=[*OPEN, DeliveryState.EXPIRED]).aggregate(
        late=Count("pk", filter=late),
        oldest=Min("created_at", filter=late),
        maybe_sent=Count("pk", filter=Q(state=DeliveryState.MAYBE_SENT)),
        stuck=Count("pk", filter=Q(state=DeliveryState.SENDING, claimed_at__lt=stale)),
        expired_last_24_hours=Count(
            "pk",
            filter=Q(state=DeliveryState.EXPIRED, expires_at__gte=now - timedelta(hours=24)),
        ),
    )
    figures["oldest_late_minutes"] = _minutes_since(now, figures.pop("oldest"))
    return figures


def late_acknowledgements_health(*, now: datetime, test: bool) -> dict:
    """The late acknowledgements of real requests (``test`` False) or of the sandbox's
    test requests (True): how many, and the oldest one's age in minutes."""
    rows = late_acknowledgements(now=now)
    rows = (
        rows.filter(aid_request__is_test=True) if test else rows.exclude(aid_request__is_test=True)
    )
    late = rows.aggregate(count=Count("pk"), oldest=Min("created_at"))
    return {"count": late["count"], "oldest_minutes": _minutes_since(now, late["oldest"])}


def _empty(field: str) -> Q:
    return Q(**{f"{field}__isnull": True}) | Q(**{field: ""})


def without_contact_data() -> QuerySet[Cpas]:
    """The CPAS whose applicants read no address, phone, email or website: their pages
    say where to ask instead (docs/acknowledgement.md)."""
    empty = _empty("phone") & _empty("email")
    for code in LANGUAGES:
        empty &= _empty(f"address_{code}") & _empty(f"website_{code}")
    return Cpas.objects.filter(empty)


def without_notification_address() -> QuerySet[Cpas]:
    """The CPAS that receive no alert and no reminder: no notification address set and
    no public email to fall back to (docs/notifications.md, "No address, no alert")."""
    own = CpasNotificationSettings.objects.filter(cpas=OuterRef("pk")).exclude(email="")
    return Cpas.objects.filter(_empty("email")).exclude(Exists(own))
