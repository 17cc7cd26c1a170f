"""The lifecycle table (docs/lifecycle.md): what may follow what, and the state left."""

import pytest

from intake.constants import Channel, LinkStatus, State
from intake.lifecycle import Facts, Step, StepRefused, check

NEW = Facts(state=State.NEW)


@pytest.mark.parametrize(
    ("step", "facts", "after"),
    [
        pytest.param(Step.SUBMIT, NEW, State.NEW, id="submit-leaves-new"),
        # The staff member who enters a request has it in hand (docs/register.md).
        pytest.param(
            Step.ENTER, Facts(state=State.NEW, channel=Channel.DESK), State.READ, id="enter"
        ),
        pytest.param(Step.READ, NEW, State.READ, id="read"),
        # The register changes no state: every request is in it from its reception.
        pytest.param(Step.REGISTER, Facts(state=State.READ), State.READ, id="register"),
        pytest.param(Step.DECLARE_COMPETENT, Facts(state=State.READ), State.READ, id="competent"),
        # Transfers: the receiving CPAS starts from "new" (art. 58 §3).
        pytest.param(Step.TRANSFER, Facts(state=State.READ), State.NEW, id="transfer"),
        pytest.param(
            Step.REFER_CONFLICT,
            Facts(state=State.READ, received_by_transfer=True),
            State.READ,
            id="refer-after-a-transfer",
        ),
        pytest.param(Step.DECIDE, Facts(state=State.READ), State.DECIDED, id="decide"),
        pytest.param(
            Step.CORRECT_DECISION,
            Facts(state=State.DECIDED, merits_decided=True),
            State.DECIDED,
            id="correct",
        ),
        pytest.param(
            Step.WITHDRAW_DECISION,
            Facts(state=State.DECIDED, merits_decided=True),
            State.READ,
            id="withdraw-opens-again",
        ),
        pytest.param(
            Step.CORRECT_RECEPTION,
            Facts(state=State.READ, channel=Channel.LETTER),
            State.READ,
            id="correct-reception-of-a-letter",
        ),
        pytest.param(
            Step.CONFIRM_MATCH,
            Facts(state=State.READ, link_status=LinkStatus.POSSIBLE),
            State.READ,
            id="confirm-match",
        ),
    ],
)
def test_allowed_steps_and_the_state_they_leave(step, facts, after):
    assert check(step, facts) == after


@pytest.mark.parametrize(
    ("step", "facts"),
    [
        pytest.param(
            Step.TRANSFER, Facts(state=State.READ, competence_decided=True), id="competence-twice"
        ),
        pytest.param(
            Step.TRANSFER, Facts(state=State.DECIDED, merits_decided=True), id="transfer-decided"
        ),
        # docs/transfers.md rule 6: a second refusal goes to SPP-IS, not to a third CPAS.
        pytest.param(
            Step.TRANSFER, Facts(state=State.NEW, received_by_transfer=True), id="transfer-again"
        ),
        pytest.param(Step.REFER_CONFLICT, Facts(state=State.NEW), id="refer-without-transfer"),
        pytest.param(
            Step.REFER_CONFLICT,
            Facts(state=State.NEW, received_by_transfer=True, competence_decided=True),
            id="refer-twice",
        ),
        pytest.param(
            Step.DECIDE, Facts(state=State.DECIDED, merits_decided=True), id="decide-twice"
        ),
        pytest.param(Step.CORRECT_DECISION, Facts(state=State.READ), id="correct-nothing"),
        pytest.param(Step.WITHDRAW_DECISION, Facts(state=State.READ), id="withdraw-nothing"),
        # Art. 58 §1 al. 6 fixes R of an online request: no correction.
        pytest.param(Step.CORRECT_RECEPTION, Facts(state=State.READ), id="correct-online-R"),
        pytest.param(
            Step.DISMISS_MATCH,
            Facts(state=State.READ, link_status=LinkStatus.CONFIRMED),
            id="dismiss-decided-match",
        ),
    ],
)
def test_refused_steps(step, facts):
    with pytest.raises(StepRefused):
        check(step, facts)
