"""The first contact's rules (docs/first-contact.md). Pure: no ORM, no settings, no clock;
the caller passes the instants and the settings' values."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from intake.constants import EventKind, State

from .constants import AppointmentState, LinkState, Refusal


def link_state(
    *, expires_at: datetime, revoked_at: datetime | None, erased: bool, now: datetime
) -> LinkState:
    """Whether the applicant's link opens: revoked and erased win over expired."""
    if erased:
        return LinkState.ERASED
    if revoked_at is not None:
        return LinkState.REVOKED
    if now >= expires_at:
        return LinkState.EXPIRED
    return LinkState.OK


def reaction_deadline(*, proposed_at: datetime, starts_at: datetime, days: int) -> datetime:
    """Until when an answer counts: N days after the proposal, or the meeting itself
    when it comes first (point 9.3: "si le demandeur ne réagit pas")."""
    return min(proposed_at + timedelta(days=days), starts_at)


def answer_refusal(
    *, state: str, starts_at: datetime, now: datetime, wanted: str
) -> Refusal | None:
    """Why an answer (``wanted``: confirmed or other_time) is not recorded, or None.

    The same answer twice is "already" (a replayed form records nothing twice); a
    confirmed meeting may still be moved before it starts; nothing after its start."""
    if state == AppointmentState.WITHDRAWN:
        return Refusal.WITHDRAWN
    if state == wanted:
        return Refusal.ALREADY
    if now >= starts_at:
        return Refusal.PAST
    if state in (AppointmentState.PROPOSED, AppointmentState.CONFIRMED):
        return None
    return Refusal.CLOSED


def no_reaction_due(
    *, state: str, proposed_at: datetime, starts_at: datetime, days: int, now: datetime
) -> bool:
    """A proposal left unanswered past its reaction deadline."""
    return state == AppointmentState.PROPOSED and now >= reaction_deadline(
        proposed_at=proposed_at, starts_at=starts_at, days=days
    )


# What the applicant's page says of each history line (docs/first-contact.md, "The page").
# The decision's line says only that a decision was taken and sent: never its content.
STEP_OF_EVENT = {
    EventKind.SUBMITTED: "received",
    EventKind.ENTERED: "received",
    EventKind.READ: "read",
    EventKind.REGISTERED: "registered",
    EventKind.TRANSFERRED: "transferred",
    EventKind.CONTACT_PROPOSED: "proposed",
    EventKind.CONTACT_CONFIRMED: "confirmed",
    EventKind.CONTACT_OTHER_TIME: "other_time",
    EventKind.DECIDED: "decided",
}


@dataclass(frozen=True)
class Step:
    code: str
    at: datetime
    cpas_id: int | None


def status_steps(events, *, state: str) -> list[Step]:
    """The steps shown, oldest first, from ``(kind, at, cpas_id)`` rows: one "read" per
    CPAS, the decision only while the request is decided (a withdrawn decision is not
    one), nothing the applicant need not know (alerts, links, corrections)."""
    steps, read_by = [], set()
    for kind, at, cpas_id in events:
        code = STEP_OF_EVENT.get(kind)
        if code is None or (code == "decided" and state != State.DECIDED):
            continue
        if code == "read":
            if cpas_id in read_by:
                continue
            read_by.add(cpas_id)
        steps.append(Step(code, at, cpas_id))
    if state == State.DECIDED:  # only the last decision counts
        last = max(i for i, step in enumerate(steps) if step.code == "decided")
        steps = [s for i, s in enumerate(steps) if s.code != "decided" or i == last]
    return steps


def no_reaction_count(states: list[str]) -> int:
    """Attempts left without reaction: with two or more (the first contact and a later
    one), point 9.3 lets the CPAS decide negatively."""
    return sum(1 for state in states if state == AppointmentState.NO_REACTION)


NEGATIVE_DECISION_AFTER = 2
