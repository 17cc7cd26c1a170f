"""What each kind of outbox message may do when its delivery fails (docs/notifications.md).

One table, ``POLICIES``: how long a kind is worth trying, and what becomes of an
attempt that was interrupted after the message may already have left ("maybe sent").
The retry delays are the same for every kind: the first delay, doubling, capped.

Pure rules: no ORM, no settings, no clock. The caller passes the instants and the
values of the settings the table names.
"""

import enum
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from .constants import WEBHOOK_KIND, ApplicantMessageKind, EmailKind

BRUSSELS = ZoneInfo("Europe/Brussels")


class Lifetime(enum.StrEnum):
    FOREVER = "forever"  # tried until it is sent, for days if need be
    HOURS = "hours"  # given up (expired) a number of hours after it was written
    END_OF_DAY = "end of day"  # given up at the midnight (Brussels) ending its day


class OnMaybeSent(enum.StrEnum):
    # Sent again with the same Message-ID: a mail system that already has the first
    # copy can recognise the second one.
    RESEND = "resend"
    # Left in the state "maybe sent", shown to admins; never sent again by itself.
    HOLD = "hold"


@dataclass(frozen=True)
class DeliveryPolicy:
    lifetime: Lifetime
    on_maybe_sent: OnMaybeSent
    # With Lifetime.HOURS: the setting that gives the number of hours.
    lifetime_setting: str = ""


POLICIES: dict[str, DeliveryPolicy] = {
    # The applicant's proof of filing, due the same day (art. 18 §3 law of 26 May 2002,
    # art. 58 §2 law of 8 July 1976): never given up; a copy is better than no proof.
    EmailKind.ACKNOWLEDGEMENT: DeliveryPolicy(Lifetime.FOREVER, OnMaybeSent.RESEND),
    # Only says a request is waiting (circular of 28 May 2025, point 8.1): the inbox
    # shows it, and the daily reminder names unread requests after REMINDER_AFTER_DAYS.
    EmailKind.CPAS_ALERT: DeliveryPolicy(
        Lifetime.HOURS, OnMaybeSent.HOLD, "NOTIFICATIONS_ALERT_LIFETIME_HOURS"
    ),
    # The written notice of a transfer (art. 18 §4 law of 26 May 2002, art. 58 §3 law of
    # 8 July 1976): a legal notice like the acknowledgement, never given up.
    EmailKind.TRANSFER_NOTICE: DeliveryPolicy(Lifetime.FOREVER, OnMaybeSent.RESEND),
    # The count of unread requests on day D: pointless after D, the next day's
    # reminder counts again.
    EmailKind.REMINDER: DeliveryPolicy(Lifetime.END_OF_DAY, OnMaybeSent.HOLD),
    # A staff member's invitation to set up the second factor: worth sending while its
    # link works; a second copy of the same link does no harm.
    EmailKind.STAFF_INVITATION: DeliveryPolicy(
        Lifetime.HOURS, OnMaybeSent.RESEND, "STAFF_INVITATION_HOURS"
    ),
    # Logins to the account are paused for the rest of the hour: pointless the next day.
    EmailKind.LOGIN_WARNING: DeliveryPolicy(Lifetime.END_OF_DAY, OnMaybeSent.HOLD),
    # A proposed first meeting (circular of 28 May 2025, point 9.3; docs/first-contact.md):
    # worth sending until the meeting starts (the row's ``expires_at`` is set to it by
    # ``contact``); a second copy of the same proposal does no harm.
    ApplicantMessageKind.APPOINTMENT: DeliveryPolicy(Lifetime.FOREVER, OnMaybeSent.RESEND),
    # An event POSTed to a CPAS's software (docs/integration.md): retried for
    # WEBHOOK_LIFETIME_HOURS, then dead-lettered ("expired") until its manager sends it
    # again; the feed keeps it meanwhile. A second copy is harmless: the receiver
    # dedupes by its webhook-id.
    WEBHOOK_KIND: DeliveryPolicy(Lifetime.HOURS, OnMaybeSent.RESEND, "WEBHOOK_LIFETIME_HOURS"),
}


def policy_for(kind: str) -> DeliveryPolicy:
    """The kind's policy; a kind missing from the table is an error, not a default."""
    return POLICIES[kind]


def expiry(policy: DeliveryPolicy, *, created_at: datetime, hours: float = 0) -> datetime | None:
    """When a message written at ``created_at`` stops being worth sending (None: never)."""
    if policy.lifetime == Lifetime.FOREVER:
        return None
    if policy.lifetime == Lifetime.HOURS:
        return created_at + timedelta(hours=hours)
    day = created_at.astimezone(BRUSSELS).date() + timedelta(days=1)
    return datetime.combine(day, time(0), tzinfo=BRUSSELS)


def retry_delay(failures: int, *, first: float, cap: float) -> timedelta:
    """The wait after the ``failures``-th failed attempt: ``first``, doubling, at most ``cap``.

    1 → first, 2 → twice first, 3 → four times first, …; the exponent is bounded so that the
    arithmetic stays small after thousands of failures.
    """
    exponent = min(max(failures - 1, 0), 32)
    return timedelta(seconds=min(first * 2**exponent, cap))


def next_attempt(
    *, failures: int, now: datetime, first: float, cap: float, expires_at: datetime | None
) -> datetime | None:
    """When to try again after a failure; None when the message expires first."""
    at = now + retry_delay(failures, first=first, cap=cap)
    if expires_at is not None and at >= expires_at:
        return None
    return at
