"""The email channel's rows: what is written when, and the channel itself
(docs/notifications.md, "What is sent when")."""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from intake.constants import EventKind, State
from intake.deadlines import brussels_date
from intake.models import AidRequest, CompetenceDecision, RequestEvent
from intake.services import aid_request_event_record
from routing.models import Cpas

from ..constants import BILINGUAL, EmailKind
from ..models import CpasNotificationSettings, OutgoingEmail
from ..transports import EmailTransport
from .delivery import (
    Channel,
    Outcome,
    SweepReport,
    new_row_schedule,
    outbox_deliver,
    outbox_resend,
    outbox_sweep,
    queue_on_commit,
)

logger = logging.getLogger(__name__)


def _alert_recorded(email: OutgoingEmail) -> None:
    """The "CPAS alerted" line of the request's history, in the transaction that marks
    the alert sent."""
    if email.kind == EmailKind.CPAS_ALERT and email.aid_request_id:
        aid_request_event_record(aid_request=email.aid_request, kind=EventKind.ALERT_SENT)


EMAIL = Channel(
    name="email",
    model=OutgoingEmail,
    transport=EmailTransport(),
    task="notifications.tasks.send_outgoing_email",
    select_related=("aid_request", "cpas"),
    on_sent=_alert_recorded,
)


# --- writing rows ----------------------------------------------------------------------


def notification_settings_for(cpas: Cpas) -> CpasNotificationSettings:
    """The CPAS's settings, or the defaults (everything on, to its public email)."""
    try:
        return cpas.notification_settings
    except CpasNotificationSettings.DoesNotExist:
        return CpasNotificationSettings(cpas=cpas)


def cpas_language(cpas: Cpas) -> str:
    """The language of the CPAS's area; French and Dutch in Brussels."""
    area = cpas.communes.order_by("nis_code").values_list("language_area", flat=True).first()
    return {"nl": "nl", "de": "de", "fr+nl": BILINGUAL}.get(area, "fr")


def _new_email(*, kind: str, now: datetime, **fields) -> OutgoingEmail:
    return OutgoingEmail(**new_row_schedule(kind, now), **fields)


def queue_new_request_emails(aid_request: AidRequest) -> list[OutgoingEmail]:
    """The acknowledgement to the applicant and the alert to the CPAS, as outbox rows.

    Called inside the submission's transaction; the rows are queued on commit.
    """
    now = timezone.now()
    cpas = aid_request.cpas
    emails = [
        _new_email(
            kind=EmailKind.ACKNOWLEDGEMENT,
            now=now,
            to=aid_request.email,
            language=aid_request.language,
            aid_request=aid_request,
            cpas=cpas,
            idempotency_key=f"acknowledgement:{aid_request.pk}",
        )
    ]
    preferences = notification_settings_for(cpas)
    if preferences.alerts_enabled and preferences.address:
        emails.append(
            _new_email(
                kind=EmailKind.CPAS_ALERT,
                now=now,
                to=preferences.address,
                language=cpas_language(cpas),
                aid_request=aid_request,
                cpas=cpas,
                idempotency_key=f"cpas_alert:{aid_request.pk}",
            )
        )
    elif preferences.alerts_enabled:
        logger.warning("CPAS %s has no notification address: no alert", cpas.code)
    emails = OutgoingEmail.objects.bulk_create(emails)
    queue_on_commit(EMAIL, [email.pk for email in emails])
    return emails


def queue_transfer_emails(event: RequestEvent) -> list[OutgoingEmail]:
    """The written notice to the applicant (when the platform sends it) and the alert to
    the receiving CPAS (no personal data), in the transfer's transaction
    (docs/transfers.md)."""
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
            _new_email(
                kind=EmailKind.TRANSFER_NOTICE,
                now=now,
                to=aid_request.email,
                language=aid_request.language,
                aid_request=aid_request,
                cpas=to_cpas,
                context={"decision": decision.pk},
                idempotency_key=f"transfer_notice:{decision.pk}",
            )
        )
    preferences = notification_settings_for(to_cpas)
    if preferences.alerts_enabled and preferences.address:
        emails.append(
            _new_email(
                kind=EmailKind.CPAS_ALERT,
                now=now,
                to=preferences.address,
                language=cpas_language(to_cpas),
                aid_request=aid_request,
                cpas=to_cpas,
                idempotency_key=f"cpas_alert:{aid_request.pk}:{decision.pk}",
            )
        )
    elif preferences.alerts_enabled:
        logger.warning("CPAS %s has no notification address: no alert", to_cpas.code)
    emails = OutgoingEmail.objects.bulk_create(emails)
    queue_on_commit(EMAIL, [email.pk for email in emails])
    return emails


def queue_reminders(*, now: datetime | None = None) -> int:
    """One reminder per CPAS and day for requests still unread after N days
    (docs/notifications.md); test requests are never reminded (docs/sandbox.md)."""
    now = now or timezone.now()
    today = brussels_date(now)
    cutoff = now - timedelta(days=settings.REMINDER_AFTER_DAYS)
    counts = (
        AidRequest.objects.filter(state=State.NEW, submitted_at__lte=cutoff, is_test=False)
        .values_list("cpas")
        .annotate(n=Count("pk"), urgent=Count("pk", filter=Q(urgent=True)))
        .values_list("cpas", "n", "urgent")
    )
    waiting = {cpas: (n, urgent) for cpas, n, urgent in counts}
    pks = []
    with transaction.atomic():
        for cpas in Cpas.objects.filter(pk__in=waiting).select_related("notification_settings"):
            preferences = notification_settings_for(cpas)
            if not (preferences.reminders_enabled and preferences.address):
                continue
            email, created = OutgoingEmail.objects.get_or_create(
                idempotency_key=f"reminder:{cpas.code}:{today.isoformat()}",
                defaults={
                    **new_row_schedule(EmailKind.REMINDER, now),
                    "to": preferences.address,
                    "language": cpas_language(cpas),
                    "cpas": cpas,
                    "context": {"waiting": waiting[cpas.pk][0], "urgent": waiting[cpas.pk][1]},
                },
            )
            if created:
                pks.append(email.pk)
        queue_on_commit(EMAIL, pks)
    return len(pks)


def staff_language(user) -> str:
    """A CPAS's staff get their CPAS's language(s); SPP-IS, French and Dutch."""
    return cpas_language(user.cpas) if user.cpas_id else BILINGUAL


def queue_staff_email(
    *, user, kind: str, context: dict, idempotency_key: str
) -> OutgoingEmail | None:
    """One row to a staff member's own address about their account (notifications/
    staff.py), queued on commit; None without an address, or when a row with this key
    exists already."""
    if not user.email:
        return None
    now = timezone.now()
    email, created = OutgoingEmail.objects.get_or_create(
        idempotency_key=idempotency_key,
        defaults={
            **new_row_schedule(kind, now),
            "to": user.email,
            "language": staff_language(user),
            "cpas": user.cpas,
            "context": context,
        },
    )
    if not created:
        return None
    queue_on_commit(EMAIL, [email.pk])
    return email


def outgoing_email_deliver(*, pk: int, now: datetime | None = None) -> Outcome:
    return outbox_deliver(channel=EMAIL, pk=pk, now=now)


def outgoing_email_sweep(*, now: datetime | None = None) -> SweepReport:
    return outbox_sweep(channel=EMAIL, now=now)


def outgoing_email_resend(*, pks: list[int]) -> list[int]:
    return outbox_resend(channel=EMAIL, pks=pks)
