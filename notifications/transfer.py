"""What the written notice of a transfer says to the applicant (docs/transfers.md): to
which CPAS (its name and contact data) the request was forwarded, why, and that R stays
(art. 18 §4 of the law of 26 May 2002; art. 58 §3 of the organic law). Its rows are
written by ``outbox.queue_transfer_emails``."""

from django.utils.translation import gettext as _

from intake.constants import TransferReason
from intake.models import CompetenceDecision

from .acknowledgement import date_in_words


def transfer_notice_context(aid_request, decision_pk: int) -> dict:
    """What the notice says, in the applicant's language (rendered at send time)."""
    decision = CompetenceDecision.objects.select_related("cpas", "transferred_to").get(
        pk=decision_pk
    )
    language = aid_request.language
    to_cpas = decision.transferred_to
    labels = dict(TransferReason.choices)
    reasons = [str(labels[code]) for code in decision.reasons if code != TransferReason.OTHER]
    return {
        "language": language,
        "reference": aid_request.reference,
        "from_cpas": decision.cpas.name,
        "reception_date_words": date_in_words(aid_request.reception_date, language),
        "decision_deadline_words": date_in_words(aid_request.decision_deadline, language),
        "notice_date_words": date_in_words(decision.notified_on, language),
        "reasons": reasons,
        "reasons_text": decision.reasons_text,
        "cpas": {
            "name": to_cpas.name,
            "address": to_cpas.address,
            "phone": to_cpas.phone,
            "email": to_cpas.email,
            "website": to_cpas.website,
        },
        "no_contact": _("Ask your commune's administration how to reach this CPAS.")
        if not (to_cpas.address or to_cpas.phone or to_cpas.email or to_cpas.website)
        else "",
    }
