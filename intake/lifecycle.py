"""The request's lifecycle: which step may follow which, and the state it leaves.

A request is received, read by the CPAS that holds it, entered in that CPAS's register,
declared within its territorial competence or transferred to the CPAS it deems
competent (which then holds it, with the same reception date), and decided on the
merits (docs/lifecycle.md). This module is the rule only: no database, no clock. The
services of ``intake.services`` apply it, write the step and its history line in one
transaction, and are the only code that changes a request's state.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from .constants import State


class Step(StrEnum):
    READ = "read"
    REGISTER = "register"
    DECLARE_COMPETENT = "declare_competent"
    TRANSFER = "transfer"
    DECIDE = "decide"


@dataclass(frozen=True)
class Facts:
    """What is known of a request when a step is asked for, for the CPAS holding it."""

    state: State
    competence_decided: bool = False  # by the CPAS holding it
    merits_decided: bool = False


class StepRefused(ValueError):
    """The step cannot follow in the request's present state; the message is for staff."""


def refusal(step: Step, facts: Facts):
    """Why ``step`` may not be taken now (a translatable message), or None."""
    if step in (Step.DECLARE_COMPETENT, Step.TRANSFER) and facts.competence_decided:
        return _("The competence decision has already been recorded.")
    if step == Step.TRANSFER and facts.merits_decided:
        return _("A decided request cannot be transferred.")
    if step == Step.DECIDE and facts.merits_decided:
        return _("The decision on the merits has already been recorded.")
    return None


# The state each step leaves, from the states it changes (absent: unchanged).
_NEXT_STATE: dict[Step, dict[State | None, State]] = {
    Step.READ: {State.NEW: State.READ},
    Step.REGISTER: {State.NEW: State.REGISTERED, State.READ: State.REGISTERED},
    # The receiving CPAS starts from the beginning: it has not read the request yet.
    Step.TRANSFER: {None: State.NEW},
    Step.DECIDE: {None: State.DECIDED},
}


def state_after(step: Step, state: State) -> State:
    """The request's state once ``step`` is taken (refusals checked before)."""
    changes = _NEXT_STATE.get(step, {})
    return changes.get(state, changes.get(None, state))


def check(step: Step, facts: Facts) -> State:
    """Raise ``StepRefused`` if the step may not follow; else the state it leaves."""
    reason = refusal(step, facts)
    if reason is not None:
        raise StepRefused(str(reason))
    return state_after(step, facts.state)
