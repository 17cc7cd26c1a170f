"""The outbox's retry policy per kind, and its backoff (docs/notifications.md)."""

from datetime import UTC, datetime, timedelta

import pytest

from notifications.constants import WEBHOOK_KIND, ApplicantMessageKind, EmailKind
from notifications.policy import (
    POLICIES,
    DeliveryPolicy,
    Lifetime,
    OnMaybeSent,
    expiry,
    next_attempt,
    policy_for,
    retry_delay,
)

# 17:00 in Brussels (CET, UTC+1) on Friday 20 November 2026.
WRITTEN = datetime(2026, 11, 20, 16, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        # Art. 18 §3 law of 26 May 2002 and art. 58 §2 law of 8 July 1976: the
        # acknowledgement is due the same day and is the proof of filing: never given up,
        # and sent again after an interrupted attempt (a copy beats no proof).
        pytest.param(
            EmailKind.ACKNOWLEDGEMENT,
            DeliveryPolicy(Lifetime.FOREVER, OnMaybeSent.RESEND),
            id="acknowledgement-forever-resent",
        ),
        # Circular of 28 May 2025, point 8.1: the alert only says a request is waiting;
        # the inbox and the daily reminder also say it. Given up after N hours; an
        # interrupted attempt is not sent again.
        pytest.param(
            EmailKind.CPAS_ALERT,
            DeliveryPolicy(Lifetime.HOURS, OnMaybeSent.HOLD, "NOTIFICATIONS_ALERT_LIFETIME_HOURS"),
            id="alert-hours-held",
        ),
        # Circular point 8.1 (reminder of unread requests): the count of day D is
        # pointless after D.
        pytest.param(
            EmailKind.REMINDER,
            DeliveryPolicy(Lifetime.END_OF_DAY, OnMaybeSent.HOLD),
            id="reminder-end-of-day-held",
        ),
        # Circular point 9.3: a proposed first meeting; contact sets the row's end to the
        # meeting's start (docs/first-contact.md), a copy does no harm.
        pytest.param(
            ApplicantMessageKind.APPOINTMENT,
            DeliveryPolicy(Lifetime.FOREVER, OnMaybeSent.RESEND),
            id="appointment-resent",
        ),
    ],
)
def test_the_policy_of_each_kind(kind, expected):
    assert policy_for(kind) == expected


def test_every_kind_has_a_policy_and_the_table_nothing_else():
    assert set(POLICIES) == {*EmailKind.values, *ApplicantMessageKind.values, WEBHOOK_KIND}
    with pytest.raises(KeyError):
        policy_for("sms")  # a new kind needs its row in the table


def test_the_alert_s_lifetime_setting_exists(settings):
    for policy in POLICIES.values():
        if policy.lifetime == Lifetime.HOURS:
            assert hasattr(settings, policy.lifetime_setting)


@pytest.mark.parametrize(
    ("kind", "written", "hours", "expected"),
    [
        pytest.param(EmailKind.ACKNOWLEDGEMENT, WRITTEN, 48, None, id="acknowledgement-never"),
        pytest.param(
            EmailKind.CPAS_ALERT,
            WRITTEN,
            48,
            datetime(2026, 11, 22, 16, 0, tzinfo=UTC),
            id="alert-48-hours-later",
        ),
        pytest.param(
            EmailKind.REMINDER,
            datetime(2026, 11, 23, 7, 0, tzinfo=UTC),  # Monday 08:00 in Brussels
            48,
            datetime(2026, 11, 23, 23, 0, tzinfo=UTC),  # midnight ending Monday, Brussels
            id="reminder-midnight-brussels-winter",
        ),
        pytest.param(
            EmailKind.REMINDER,
            datetime(2026, 6, 1, 22, 30, tzinfo=UTC),  # 00:30 on 2 June in Brussels (CEST)
            48,
            datetime(2026, 6, 2, 22, 0, tzinfo=UTC),
            id="reminder-after-midnight-utc-still-brussels-day",
        ),
    ],
)
def test_when_a_kind_is_given_up(kind, written, hours, expected):
    assert expiry(policy_for(kind), created_at=written, hours=hours) == expected


@pytest.mark.parametrize(
    ("failures", "seconds"),
    [
        pytest.param(1, 30, id="first-failure-30s"),
        pytest.param(2, 60, id="doubling"),
        pytest.param(3, 120, id="doubling-again"),
        pytest.param(5, 480, id="fifth"),
        pytest.param(6, 600, id="capped"),
        pytest.param(10_000, 600, id="capped-after-days"),
    ],
)
def test_the_backoff_doubles_from_30_seconds_up_to_its_cap(failures, seconds):
    assert retry_delay(failures, first=30, cap=600) == timedelta(seconds=seconds)


def test_the_next_attempt_is_none_when_it_would_come_after_the_lifetime():
    now = WRITTEN
    assert next_attempt(failures=1, now=now, first=30, cap=600, expires_at=None) == now + timedelta(
        seconds=30
    )
    assert (
        next_attempt(failures=1, now=now, first=30, cap=600, expires_at=now + timedelta(seconds=29))
        is None
    )
    assert next_attempt(
        failures=1, now=now, first=30, cap=600, expires_at=now + timedelta(seconds=31)
    ) == now + timedelta(seconds=30)


def test_attempts_during_an_hour_long_outage_with_the_default_settings():
    """The figure the docs give: with 30 s doubling up to 10 minutes, an acknowledgement
    written when SMTP went down is tried 10 times in the first hour, and waits at most
    10 minutes (plus one sweep) once SMTP is back."""
    at, times = 0.0, [0.0]
    while True:
        at += retry_delay(len(times), first=30, cap=600).total_seconds()
        if at >= 3600:
            break
        times.append(at)
    assert times == [0, 30, 90, 210, 450, 930, 1530, 2130, 2730, 3330]
