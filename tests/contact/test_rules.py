"""The first contact's pure rules (docs/first-contact.md; circular of 28 May 2025, 9.3)."""

from datetime import UTC, datetime, timedelta

import pytest

from contact.constants import AppointmentState as S
from contact.constants import LinkState, Refusal
from contact.rules import (
    answer_refusal,
    link_state,
    no_reaction_count,
    no_reaction_due,
    reaction_deadline,
    status_steps,
)
from intake.constants import EventKind as E
from intake.constants import State

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
DAY = timedelta(days=1)


@pytest.mark.parametrize(
    ("expires", "revoked", "erased", "expected"),
    [
        pytest.param(NOW + DAY, None, False, LinkState.OK, id="valid"),
        pytest.param(NOW, None, False, LinkState.EXPIRED, id="expires-now"),
        pytest.param(NOW + DAY, NOW - DAY, False, LinkState.REVOKED, id="revoked"),
        pytest.param(NOW - DAY, NOW - DAY, False, LinkState.REVOKED, id="revoked-wins-expired"),
        pytest.param(NOW + DAY, None, True, LinkState.ERASED, id="erased-wins"),
    ],
)
def test_link_state(expires, revoked, erased, expected):
    assert link_state(expires_at=expires, revoked_at=revoked, erased=erased, now=NOW) == expected


@pytest.mark.parametrize(
    ("starts", "days", "expected"),
    [
        # Point 9.3: no reaction to the CPAS's request; N days to react ...
        pytest.param(NOW + 10 * DAY, 7, NOW + 7 * DAY, id="n-days"),
        # ... or until the meeting itself when it comes first.
        pytest.param(NOW + 2 * DAY, 7, NOW + 2 * DAY, id="meeting-first"),
    ],
)
def test_reaction_deadline(starts, days, expected):
    assert reaction_deadline(proposed_at=NOW, starts_at=starts, days=days) == expected


@pytest.mark.parametrize(
    ("state", "now", "expected"),
    [
        pytest.param(S.PROPOSED, NOW + 6 * DAY, False, id="before-deadline"),
        pytest.param(S.PROPOSED, NOW + 7 * DAY, True, id="at-deadline"),
        pytest.param(S.CONFIRMED, NOW + 8 * DAY, False, id="answered"),
        pytest.param(S.NO_REACTION, NOW + 8 * DAY, False, id="marked-once"),
        pytest.param(S.WITHDRAWN, NOW + 8 * DAY, False, id="withdrawn"),
    ],
)
def test_no_reaction_due(state, now, expected):
    due = no_reaction_due(state=state, proposed_at=NOW, starts_at=NOW + 10 * DAY, days=7, now=now)
    assert due is expected


@pytest.mark.parametrize(
    ("state", "wanted", "now", "expected"),
    [
        pytest.param(S.PROPOSED, S.CONFIRMED, NOW, None, id="confirm"),
        pytest.param(S.PROPOSED, S.OTHER_TIME, NOW, None, id="other-time"),
        pytest.param(S.CONFIRMED, S.CONFIRMED, NOW, Refusal.ALREADY, id="replayed-confirm"),
        pytest.param(S.CONFIRMED, S.OTHER_TIME, NOW, None, id="move-a-confirmed-one"),
        pytest.param(S.OTHER_TIME, S.CONFIRMED, NOW, Refusal.CLOSED, id="after-other-time"),
        pytest.param(S.PROPOSED, S.CONFIRMED, NOW + DAY, Refusal.PAST, id="after-the-meeting"),
        pytest.param(S.WITHDRAWN, S.CONFIRMED, NOW, Refusal.WITHDRAWN, id="withdrawn"),
        pytest.param(S.NO_REACTION, S.CONFIRMED, NOW, Refusal.CLOSED, id="too-late"),
    ],
)
def test_answer_refusal(state, wanted, now, expected):
    assert answer_refusal(state=state, starts_at=NOW + DAY / 2, now=now, wanted=wanted) == expected


def test_status_steps_show_one_read_per_cpas_and_only_a_standing_decision():
    events = [
        (E.SUBMITTED, NOW, 1),
        (E.ALERT_SENT, NOW, 1),
        (E.READ, NOW, 1),
        (E.READ, NOW, 1),
        (E.TRANSFERRED, NOW, 1),
        (E.READ, NOW, 2),
        (E.CONTACT_PROPOSED, NOW, 2),
        (E.CONTACT_LINK_REVOKED, NOW, 2),
        (E.DECIDED, NOW, 2),
        (E.DECISION_WITHDRAWN, NOW, 2),
    ]
    codes = [step.code for step in status_steps(events, state=State.READ)]
    assert codes == ["received", "read", "transferred", "read", "proposed"]
    decided = [*events, (E.DECIDED, NOW, 2)]
    codes = [step.code for step in status_steps(decided, state=State.DECIDED)]
    assert codes == ["received", "read", "transferred", "read", "proposed", "decided"]


def test_two_attempts_without_reaction_are_counted():
    assert no_reaction_count([S.NO_REACTION, S.OTHER_TIME, S.NO_REACTION]) == 2
