"""Who may see and act on which request: the one place
(docs/data-protection.md).

Staff of a CPAS see the requests assigned to their CPAS, including those transferred
to it. Of a request they transferred away they keep a trace only — reference, dates, to
whom, why — never the applicant's personal data: only the designated CPAS consults a
request (circular 5, 7 and 8.2; docs/transfers.md). SPP-IS administrators see no
request: they configure, they do not read (docs/data-protection.md); a federation reads
only aggregated figures (docs/monitoring.md). Everyone else sees
nothing. A request outside this set and a request
that does not exist give the same 404.
"""

from django.db.models import QuerySet
from django.http import Http404

from intake.models import AidRequest, CompetenceDecision
from intake.references import normalise_reference

from .api_auth import ApiCaller
from .constants import Role
from .models import ApiToken, User


def is_back_office_user(user) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and isinstance(user, User)
        and (user.is_sppis_admin or user.cpas_id or user.is_federation)
    )


def sees_no_request(user) -> bool:
    """SPP-IS administrators and federations read no request (docs/monitoring.md)."""
    return user.is_sppis_admin or user.role == Role.FEDERATION


def _transfers_by(user) -> QuerySet[CompetenceDecision]:
    """The decisions by which this user's CPAS transferred requests away (a partial
    index serves them)."""
    return _transfers_by_cpas(user.cpas_id)


def requests_visible_to(user) -> QuerySet[AidRequest]:
    """Every request this user may see; every view, export and API goes through it.

    ``user`` is a member of staff, or the CPAS's social software (``ApiCaller`` or an
    API token), which sees the requests now assigned to its CPAS."""
    if isinstance(user, ApiToken | ApiCaller):
        if not user.is_active:
            return AidRequest.objects.none()
        return AidRequest.objects.filter(cpas_id=user.cpas_id)
    if not is_back_office_user(user):
        return AidRequest.objects.none()
    if sees_no_request(user):
        return AidRequest.objects.none()
    return AidRequest.objects.filter(cpas_id=user.cpas_id)


def requests_transferred_away_by(user) -> QuerySet[AidRequest]:
    """The requests this user's CPAS transferred away (and that did not come back to it):
    their trace only. Whoever reads these rows shows the reference, the dates and the
    CPAS now holding them, never a name, a number, a contact or the situation; a search
    on them is by reference only (selectors.inbox)."""
    if not is_back_office_user(user) or sees_no_request(user):
        return AidRequest.objects.none()
    # Alone (no OR), a subquery is a semi-join on the partial index of transfers: no
    # list of keys to send, which costs more than the rows once a CPAS has hundreds.
    transferred = _transfers_by(user).values("aid_request_id")
    return AidRequest.objects.filter(pk__in=transferred).exclude(cpas_id=user.cpas_id)


def transferred_away_by_cpas(cpas_id: int, reference: str) -> bool:
    """Whether this CPAS transferred the request away (it keeps its trace, so saying so
    tells it nothing new; docs/transfers.md)."""
    reference = normalise_reference(reference)
    return (
        reference is not None
        and _transfers_by_cpas(cpas_id)
        .filter(aid_request__reference=reference)
        .exclude(aid_request__cpas_id=cpas_id)
        .exists()
    )


def _transfers_by_cpas(cpas_id: int) -> QuerySet[CompetenceDecision]:
    return CompetenceDecision.objects.filter(cpas_id=cpas_id, competent=False)


def requests_actionable_by(user) -> QuerySet[AidRequest]:
    """The visible requests this user may act on: those now assigned to their CPAS."""
    if not is_back_office_user(user) or sees_no_request(user):
        return AidRequest.objects.none()
    # The visible ones assigned to their CPAS are simply those assigned to it: a plain
    # "cpas = X", which the indexes serve in order, without the list of transfers.
    return AidRequest.objects.filter(cpas_id=user.cpas_id)


def can_act(user, aid_request: AidRequest) -> bool:
    return (
        is_back_office_user(user)
        and not sees_no_request(user)
        and aid_request.cpas_id == user.cpas_id
    )


def _lookup(queryset: QuerySet[AidRequest], reference_or_pk) -> AidRequest:
    if isinstance(reference_or_pk, int):
        return queryset.get(pk=reference_or_pk)
    reference = normalise_reference(str(reference_or_pk))
    if reference is None:
        raise AidRequest.DoesNotExist
    return queryset.get(reference=reference)


def request_held_by(caller, reference: str) -> AidRequest | None:
    """The request the social software's CPAS now holds, by reference, or None."""
    try:
        return _lookup(requests_visible_to(caller).select_related("cpas"), reference)
    except AidRequest.DoesNotExist:
        return None


def get_request_or_404(user, reference_or_pk, *, for_action: bool = False) -> AidRequest:
    """The request if this user may see it (or act on it, with ``for_action``), else 404."""
    queryset = requests_actionable_by(user) if for_action else requests_visible_to(user)
    try:
        return _lookup(
            queryset.select_related("cpas", "commune", "designated_cpas"), reference_or_pk
        )
    except AidRequest.DoesNotExist:
        raise Http404 from None


def get_trace_or_404(user, reference) -> AidRequest:
    """A request this user's CPAS transferred away: for its trace page only."""
    try:
        return _lookup(requests_transferred_away_by(user).select_related("cpas"), reference)
    except AidRequest.DoesNotExist:
        raise Http404 from None
