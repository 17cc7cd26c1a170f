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


def outbox_health(*, now: datetime) -> dict:
    """Counts for /health/: late acknowledgements (and the oldest one's age), rows maybe
    sent, rows given up in the last 24 hours."""
    late = late_acknowledgements(now=now).aggregate(count=Count("pk"), oldest=Min("created_at"))
    oldest = late["oldest"]
    return {
        "late_acknowledgements": late["count"],
        "oldest_late_acknowledgement_minutes": (
            round((now - oldest).total_seconds() / 60) if oldest else None
        ),
        "maybe_sent": interrupted(now=now).count(),
        "expired_last_24_hours": OutgoingEmail.objects.filter(
            state=DeliveryState.EXPIRED, expires_at__gte=now - timedelta(hours=24)
        ).count(),
    }


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
