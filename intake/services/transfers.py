"""Transfers and referrals to SPP-IS (docs/transfers.md).

A CPAS that deems itself not territorially competent forwards the request to the CPAS
it deems competent, with its reasons, and the applicant gets a written notice within
R + 5 (art. 18 §4 of the law of 26 May 2002; art. 58 §3 of the organic law). The
receiving CPAS holds the request with its original R, enters it in its register and is
alerted; the sender keeps a trace without the applicant's personal data. A CPAS that
received the request by transfer and deems itself not competent either refers it to
SPP-IS's competence-conflict service within five working days.

A test request goes only to a CPAS whose sandbox is open, into that CPAS's sandbox:
never in a register, never to SPP-IS's list (docs/sandbox.md).
"""

import logging
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from routing.models import Cpas
from sandbox.services import sandbox_is_open

from .. import lifecycle
from ..constants import EventKind, NoticeTiming, TransferReason
from ..deadlines import NoticeRefused, brussels_date, conflict_referral_deadline, notice_is_late
from ..lifecycle import Step, StepRefused
from ..models import AidRequest, CompetenceDecision, ConflictReferral
from .common import facts, locked, set_state, transfer_in
from .history import aid_request_event_record
from .links import request_links_record
from .register import register_line_write

logger = logging.getLogger(__name__)


def _check_reasons(reasons: list[str], reasons_text: str) -> list[str]:
    """A transfer or referral states why (a notice without reasons is void)."""
    reasons = [TransferReason(reason).value for reason in reasons]
    if not reasons and not reasons_text.strip():
        raise StepRefused(_("Give the reasons why your CPAS is not competent."))
    if TransferReason.OTHER in reasons and not reasons_text.strip():
        raise StepRefused(_("Explain the other reason in your own words."))
    return reasons


def _notice(aid_request: AidRequest, notified_on: date | None, today: date) -> tuple[date, bool]:
    """The notice's date and whether CPAS Online sends it: by email when the applicant
    gave an address (its date is today's), else the date the CPAS sent it itself."""
    by_email = bool(aid_request.email)
    notice = today if by_email else notified_on
    if notice is None:
        raise StepRefused(_("Type the date the applicant was sent the written notice."))
    return notice, by_email


def aid_request_transfer(
    *,
    aid_request: AidRequest,
    user,
    to_cpas: Cpas,
    reasons: list[str],
    reasons_text: str = "",
    notified_on: date | None = None,
) -> CompetenceDecision:
    """Not competent: the request goes to ``to_cpas`` with its reception date."""
    with transaction.atomic(durable=True):
        aid_request = locked(aid_request)
        lifecycle.check(Step.TRANSFER, facts(aid_request))
        if to_cpas.pk == aid_request.cpas_id:
            raise StepRefused(_("Choose another CPAS than your own."))
        if aid_request.is_test and not sandbox_is_open(to_cpas):
            raise StepRefused(
                _(
                    "A test request goes only to a CPAS whose sandbox is open: that CPAS's "
                    "manager must first create its test link."
                )
            )
        reasons = _check_reasons(reasons, reasons_text)
        now = timezone.now()
        today = brussels_date(now)
        notice, by_email = _notice(aid_request, notified_on, today)
        earliest = min(brussels_date(aid_request.submitted_at), aid_request.reception_date)
        try:
            late = notice_is_late(
                earliest=earliest,
                competence_deadline=aid_request.competence_deadline,
                notice=notice,
                today=today,
            )
        except NoticeRefused:
            raise StepRefused(
                _(
                    "The notice date must be between the day the request reached your CPAS "
                    "and today."
                )
            ) from None
        from_cpas = aid_request.cpas
        decision = CompetenceDecision.objects.create(
            aid_request=aid_request,
            cpas=from_cpas,
            competent=False,
            transferred_to=to_cpas,
            notified_on=notice,
            reasons=reasons,
            reasons_text=reasons_text.strip(),
            notice_by_email=by_email,
            notice_timing=NoticeTiming.LATE if late else NoticeTiming.ON_TIME,
            decided_at=now,
            decided_by=user,
        )
        aid_request.cpas = to_cpas
        aid_request.save(update_fields=["cpas"])
        set_state(aid_request, Step.TRANSFER)
        # Its subscribers queue the notice to the applicant and the alert to the
        # receiving CPAS (notifications).
        aid_request_event_record(
            aid_request=aid_request,
            kind=EventKind.TRANSFERRED,
            actor=user,
            cpas=from_cpas,
            at=now,
            to_cpas=to_cpas.code,
            notified_on=notice.isoformat(),
            notice_by_email=by_email,
            late=late,
            reasons=reasons,
        )
        register_line_write(aid_request=aid_request, at=now, transferred_from=from_cpas)
        request_links_record(aid_request=aid_request, at=now)
    logger.info(
        "Request %s transferred from CPAS %s to CPAS %s",
        aid_request.reference,
        from_cpas.code,
        to_cpas.code,
    )
    return decision


def aid_request_refer_conflict(
    *, aid_request: AidRequest, user, reasons: list[str], reasons_text: str = ""
) -> ConflictReferral:
    """The receiving CPAS is not competent either: the case goes to SPP-IS's
    competence-conflict service, which designates the CPAS provisionally competent. The
    request stays with this CPAS until then."""
    with transaction.atomic(durable=True):
        aid_request = locked(aid_request)
        lifecycle.check(Step.REFER_CONFLICT, facts(aid_request))
        reasons = _check_reasons(reasons, reasons_text)
        now = timezone.now()
        received_on = brussels_date(transfer_in(aid_request).decided_at)
        deadline = conflict_referral_deadline(received_on)
        referral = ConflictReferral.objects.create(
            aid_request=aid_request,
            cpas_id=aid_request.cpas_id,
            received_on=received_on,
            deadline=deadline,
            late=brussels_date(now) > deadline,
            reasons=reasons,
            reasons_text=reasons_text.strip(),
            referred_at=now,
            referred_by=user,
        )
        set_state(aid_request, Step.REFER_CONFLICT)
        aid_request_event_record(
            aid_request=aid_request,
            kind=EventKind.REFERRED,
            actor=user,
            at=now,
            deadline=deadline.isoformat(),
            late=referral.late,
            reasons=reasons,
        )
    return referral
