"""What every step's service shares: the locked row, the facts the lifecycle reads, the
state it leaves (docs/lifecycle.md)."""

from datetime import date

from django.utils import timezone

from .. import lifecycle
from ..deadlines import brussels_date
from ..lifecycle import Step
from ..models import AidRequest, CompetenceDecision, ConflictReferral, MeritsDecision


def locked(aid_request: AidRequest) -> AidRequest:
    """The request's row, locked for the step's transaction: two members of staff
    clicking at once cannot record two decisions. Only the request's row: locking its
    CPAS's row too made two transfers crossing each other deadlock at their commit (each
    one's rows point to the CPAS the other had locked)."""
    return (
        AidRequest.objects.select_for_update(of=("self",))
        .select_related("cpas")
        .get(pk=aid_request.pk)
    )


def transfer_in(aid_request: AidRequest) -> CompetenceDecision | None:
    """The transfer by which the CPAS now holding the request received it, if any."""
    return (
        CompetenceDecision.objects.filter(
            aid_request=aid_request, competent=False, transferred_to_id=aid_request.cpas_id
        )
        .order_by("-decided_at")
        .first()
    )


def current_decision(aid_request: AidRequest) -> MeritsDecision | None:
    return MeritsDecision.objects.filter(
        aid_request=aid_request, superseded_at__isnull=True
    ).first()


def facts(aid_request: AidRequest, **extra) -> lifecycle.Facts:
    cpas_id = aid_request.cpas_id
    return lifecycle.Facts(
        state=aid_request.state,
        competence_decided=(
            CompetenceDecision.objects.filter(aid_request=aid_request, cpas_id=cpas_id).exists()
            or ConflictReferral.objects.filter(aid_request=aid_request, cpas_id=cpas_id).exists()
        ),
        merits_decided=current_decision(aid_request) is not None,
        received_by_transfer=transfer_in(aid_request) is not None,
        channel=aid_request.channel,
        **extra,
    )


def set_state(aid_request: AidRequest, step: Step) -> None:
    state = lifecycle.state_after(step, aid_request.state)
    if state != aid_request.state:
        aid_request.state = state
        aid_request.save(update_fields=["state"])


def today() -> date:
    """Today in Brussels: the day the law counts."""
    return brussels_date(timezone.now())
