"""The request's lifecycle: which step may follow which, and the state it leaves.

A request is received — submitted online, or entered by staff — and entered in the
register of the CPAS that receives it at that instant; it is read by the CPAS that
holds it, declared within its territorial competence or transferred to the CPAS it
deems competent (which then holds it, with the same reception date, and may only refer
it to SPP-IS if it deems itself not competent either), and decided on the merits. A
decision can be corrected or withdrawn, with a reason; a link between two requests of
the same person made on a possible match is confirmed or dismissed (docs/lifecycle.md).
This module is the rule only: no database, no clock. The services of
``intake.services`` apply it, write the step and its history line in one transaction,
and are the only code that changes a request's state.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from .constants import Channel, LinkStatus, State


class Step(StrEnum):
    SUBMIT = "submit"
    ENTER = "enter"
    READ = "read"
    REGISTER = "register"
    DECLARE_COMPETENT = "declare_competent"
    TRANSFER = "transfer"
    REFER_CONFLICT = "refer_conflict"
    DECIDE = "decide"
    CORRECT_DECISION = "correct_decision"
    WITHDRAW_DECISION = "withdraw_decision"
    CORRECT_RECEPTION = "correct_reception"
    CONFIRM_MATCH = "confirm_match"
    DISMISS_MATCH = "dismiss_match"


@dataclass(frozen=True)
class Facts:
    """What is known of a request when a step is asked for, for the CPAS holding it."""

    state: State
    competence_decided: bool = False  # by the CPAS holding it (or referred by it)
    merits_decided: bool = False
    received_by_transfer: bool = False  # the CPAS holding it received it by transfer
    channel: Channel = Channel.ONLINE
    link_status: LinkStatus | None = None  # for the match steps


class StepRefused(ValueError):
    """The step cannot follow in the request's present state; the message is for staff."""


def refusal(step: Step, facts: Facts):
    """Why ``step`` may not be taken now (a translatable message), or None."""
    competence_steps = (Step.DECLARE_COMPETENT, Step.TRANSFER, Step.REFER_CONFLICT)
    if step in competence_steps and facts.competence_decided:
        return _("The competence decision has already been recorded.")
    if step in (Step.TRANSFER, Step.REFER_CONFLICT) and facts.merits_decided:
        return _("A decided request cannot be transferred.")
    if step == Step.TRANSFER and facts.received_by_transfer:
        # docs/transfers.md, rule 6: a second refusal goes to SPP-IS, not to a third CPAS.
        return _(
            "Your CPAS received this request by transfer: if it is not competent either, "
            "refer the request to SPP-IS."
        )
    if step == Step.REFER_CONFLICT and not facts.received_by_transfer:
        return _("Only a CPAS that received the request by transfer refers it to SPP-IS.")
    if step == Step.DECIDE and facts.merits_decided:
        return _("The decision on the merits has already been recorded.")
    if step in (Step.CORRECT_DECISION, Step.WITHDRAW_DECISION) and not facts.merits_decided:
        return _("There is no decision on the merits to correct.")
    if step == Step.CORRECT_RECEPTION and facts.channel == Channel.ONLINE:
        return _("The reception date of an online request is set by the law: it cannot be changed.")
    if (
        step in (Step.CONFIRM_MATCH, Step.DISMISS_MATCH)
        and facts.link_status != LinkStatus.POSSIBLE
    ):
        return _("This match has already been confirmed or dismissed.")
    return None


# The state each step leaves, from the states it changes (absent: unchanged). Entering
# in the register changes no state: every request is in it from its reception.
_NEXT_STATE: dict[Step, dict[State | None, State]] = {
    Step.SUBMIT: {None: State.NEW},
    # The member of staff who enters a request has it in hand: it is read.
    Step.ENTER: {None: State.READ},
    Step.READ: {State.NEW: State.READ},
    # The receiving CPAS starts from the beginning: it has not read the request yet.
    Step.TRANSFER: {None: State.NEW},
    Step.DECIDE: {None: State.DECIDED},
    Step.CORRECT_DECISION: {None: State.DECIDED},
    # Withdrawn (recorded on the wrong request, say): open again, and read.
    Step.WITHDRAW_DECISION: {None: State.READ},
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
