"""Transfers as the sending CPAS keeps them, and the referrals to SPP-IS (behind the
staff gate; docs/transfers.md). The trace shows no personal data of the applicant."""

from django.shortcuts import render

from ..access import get_trace_or_404
from ..selectors.transfers import conflict_referrals, trace_of, transfers_by


def trace(request, reference):
    aid_request = get_trace_or_404(request.user, reference)
    return render(
        request, "backoffice/trace.html", {"trace": trace_of(aid_request, request.user.cpas)}
    )


def transfers(request):
    """The transfers this CPAS made, with the count of late notices."""
    listing = transfers_by(request.user.cpas) if request.user.cpas_id else None
    return render(request, "backoffice/transfers.html", {"listing": listing})


def conflicts(request):
    """For SPP-IS administrators: every referral to the competence-conflict service."""
    return render(request, "backoffice/conflicts.html", {"rows": conflict_referrals()})
