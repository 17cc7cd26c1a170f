"""Transfers as the sending CPAS keeps them — a trace without the applicant's personal
data — and the referrals to SPP-IS that its administrators follow (docs/transfers.md)."""

from dataclasses import dataclass
from datetime import date

from intake.constants import NoticeTiming, TransferReason
from intake.deadlines import brussels_date
from intake.models import AidRequest, CompetenceDecision, ConflictReferral, RegisterEntry
from notifications.constants import EmailKind
from notifications.models import OutgoingEmail


def reason_labels(codes: list[str]) -> list[str]:
    labels = dict(TransferReason.choices)
    return [str(labels[code]) for code in codes if code in labels and code != TransferReason.OTHER]


@dataclass(frozen=True)
class Trace:
    """What the sender keeps of a request it transferred: no name, number, contact or
    situation."""

    reference: str
    reception_date: date
    competence_deadline: date
    decision: CompetenceDecision
    transferred_on: date
    reasons: list[str]
    notice_late: bool
    notice_email: OutgoingEmail | None
    register_entry: RegisterEntry | None


def _notice_email(decision: CompetenceDecision) -> OutgoingEmail | None:
    return OutgoingEmail.objects.filter(
        kind=EmailKind.TRANSFER_NOTICE, idempotency_key=f"transfer_notice:{decision.pk}"
    ).first()


def trace_of(aid_request: AidRequest, cpas) -> Trace:
    decision = (
        CompetenceDecision.objects.filter(aid_request=aid_request, cpas=cpas, competent=False)
        .select_related("transferred_to", "decided_by")
        .get()
    )
    return Trace(
        reference=aid_request.reference,
        reception_date=aid_request.reception_date,
        competence_deadline=aid_request.competence_deadline,
        decision=decision,
        transferred_on=brussels_date(decision.decided_at),
        reasons=reason_labels(decision.reasons),
        notice_late=decision.notice_timing == NoticeTiming.LATE,
        notice_email=_notice_email(decision),
        register_entry=RegisterEntry.objects.filter(aid_request=aid_request, cpas=cpas).first(),
    )


@dataclass(frozen=True)
class TransfersList:
    rows: list[CompetenceDecision]
    late_count: int


def transfers_by(cpas, *, limit: int = 200) -> TransfersList:
    """The transfers this CPAS made, newest first, with the count of late notices; a
    test request's transfer is in the inbox's test list only (docs/sandbox.md)."""
    decisions = CompetenceDecision.objects.filter(
        cpas=cpas, competent=False, aid_request__is_test=False
    )
    return TransfersList(
        rows=list(
            decisions.select_related("aid_request", "transferred_to").order_by("-decided_at")[
                :limit
            ]
        ),
        late_count=decisions.filter(notice_timing=NoticeTiming.LATE).count(),
    )


@dataclass(frozen=True)
class ReferralRow:
    referral: ConflictReferral
    reasons: list[str]


def conflict_referrals(*, limit: int = 500) -> list[ReferralRow]:
    """Every referral to SPP-IS's competence-conflict service, oldest first; a test
    request's referral is recorded on it only, SPP-IS never sees it (docs/sandbox.md)."""
    referrals = ConflictReferral.objects.filter(aid_request__is_test=False).select_related(
        "aid_request", "cpas", "referred_by"
    )
    return [
        ReferralRow(referral=referral, reasons=reason_labels(referral.reasons))
        for referral in referrals.order_by("referred_at", "pk")[:limit]
    ]
