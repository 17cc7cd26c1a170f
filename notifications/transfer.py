"""The emails of a transfer (docs/transfers.md), written in the transfer's transaction:

- the written notice to the applicant, in their language: to which CPAS (its name and
  contact data) the request was forwarded, why, and that R stays (art. 18 §4 of the law
  of 26 May 2002; art. 58 §3 of the organic law); its date is the transfer's;
- the alert to the receiving CPAS, as for a new request: no personal data.

Rows follow the outbox's pattern (``outbox.queue_new_request_emails``) and are queued on
commit.
"""

import logging

from django.utils import timezone
from django.utils.translation import gettext as _

from intake.constants import TransferReason
from intake.models import CompetenceDecision, RequestEvent

from .acknowledgement import date_in_words
from .constants import EmailKind
from .models import OutgoingEmail
from .outbox import cpas_language, notification_settings_for, queue_on_commit

logger = logging.getLogger(__name__)


def queue_transfer_emails(event: RequestEvent) -> list[OutgoingEmail]:
    aid_request = event.aid_request
    decision = (
        CompetenceDecision.objects.filter(aid_request=aid_request, competent=False)
        .select_related("transferred_to")
        .latest("decided_at")
    )
    to_cpas = decision.transferred_to
    now = timezone.now()
    emails = []
    if decision.notice_by_email:
        emails.append(
            OutgoingEmail(
                kind=EmailKind.TRANSFER_NOTICE,
                to=aid_request.email,
                language=aid_request.language,
                aid_request=aid_request,
                cpas=to_cpas,
                context={"decision": decision.pk},
                idempotency_key=f"transfer_notice:{decision.pk}",
                queued_at=now,
            )
        )
    preferences = notification_settings_for(to_cpas)
    if preferences.alerts_enabled and preferences.address:
        emails.append(
            OutgoingEmail(
                kind=EmailKind.CPAS_ALERT,
                to=preferences.address,
                language=cpas_language(to_cpas),
                aid_request=aid_request,
                cpas=to_cpas,
                idempotency_key=f"cpas_alert:{aid_request.pk}:{decision.pk}",
                queued_at=now,
            )
        )
    elif preferences.alerts_enabled:
        logger.warning("CPAS %s has no notification address: no alert", to_cpas.code)
    emails = OutgoingEmail.objects.bulk_create(emails)
    queue_on_commit([email.pk for email in emails])
    return emails


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
