"""The outbox: every email is first a row, written in the transaction that needs it.

Rows are queued to Celery only once that transaction commits. If the broker is down
then, nothing is lost and the citizen sees no error: the sweeper (``outbox_sweep``,
every minute) queues again the rows still pending after a few minutes (DESIGN §9).
"""

import logging
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from intake.constants import State
from intake.deadlines import brussels_date
from intake.models import AidRequest
from routing.models import Cpas

from .constants import BILINGUAL, EmailKind, EmailState
from .models import CpasNotificationSettings, OutgoingEmail

logger = logging.getLogger(__name__)

SWEEP_BATCH = 500


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


def queue_new_request_emails(aid_request: AidRequest) -> list[OutgoingEmail]:
    """The acknowledgement to the applicant and the alert to the CPAS, as outbox rows.

    Called inside the submission's transaction; the rows are queued on commit.
    """
    now = timezone.now()
    cpas = aid_request.cpas
    emails = [
        OutgoingEmail(
            kind=EmailKind.ACKNOWLEDGEMENT,
            to=aid_request.email,
            language=aid_request.language,
            aid_request=aid_request,
            cpas=cpas,
            idempotency_key=f"acknowledgement:{aid_request.pk}",
            queued_at=now,
        )
    ]
    preferences = notification_settings_for(cpas)
    if preferences.alerts_enabled and preferences.address:
        emails.append(
            OutgoingEmail(
                kind=EmailKind.CPAS_ALERT,
                to=preferences.address,
                language=cpas_language(cpas),
                aid_request=aid_request,
                cpas=cpas,
                idempotency_key=f"cpas_alert:{aid_request.pk}",
                queued_at=now,
            )
        )
    elif preferences.alerts_enabled:
        logger.warning("CPAS %s has no notification address: no alert", cpas.code)
    emails = OutgoingEmail.objects.bulk_create(emails)
    queue_on_commit([email.pk for email in emails])
    return emails


def queue_on_commit(pks: list[int]) -> None:
    if pks:
        transaction.on_commit(partial(_publish, pks), robust=True)


def _publish(pks: list[int]) -> None:
    """Hand the rows to the broker; on failure, leave them to the sweeper."""
    from .tasks import send_outgoing_email

    for index, pk in enumerate(pks):
        try:
            send_outgoing_email.apply_async(args=[pk])
        except Exception as exc:  # kombu/redis/socket errors: the broker is unreachable
            logger.warning(
                "Broker unreachable (%s): outgoing emails %s left to the sweeper",
                type(exc).__name__,
                pks[index:],
            )
            return


def outbox_sweep(*, now: datetime | None = None) -> int:
    """Queue again the pending rows last queued more than N minutes ago."""
    now = now or timezone.now()
    cutoff = now - timedelta(minutes=settings.OUTBOX_SWEEP_AFTER_MINUTES)
    with transaction.atomic():
        pks = list(
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(state=EmailState.PENDING)
            .filter(Q(queued_at__lt=cutoff) | Q(queued_at__isnull=True))
            .order_by("pk")
            .values_list("pk", flat=True)[:SWEEP_BATCH]
        )
        OutgoingEmail.objects.filter(pk__in=pks).update(queued_at=now)
        queue_on_commit(pks)
    if pks:
        logger.info("Outbox sweeper queued %s pending emails again", len(pks))
    return len(pks)


def queue_reminders(*, now: datetime | None = None) -> int:
    """One reminder per CPAS and day for requests still unread after N days (DESIGN §7)."""
    now = now or timezone.now()
    today = brussels_date(now)
    cutoff = now - timedelta(days=settings.REMINDER_AFTER_DAYS)
    waiting = dict(
        AidRequest.objects.filter(state=State.NEW, submitted_at__lte=cutoff)
        .values_list("cpas")
        .annotate(n=Count("pk"))
        .values_list("cpas", "n")
    )
    pks = []
    with transaction.atomic():
        for cpas in Cpas.objects.filter(pk__in=waiting).select_related("notification_settings"):
            preferences = notification_settings_for(cpas)
            if not (preferences.reminders_enabled and preferences.address):
                continue
            email, created = OutgoingEmail.objects.get_or_create(
                idempotency_key=f"reminder:{cpas.code}:{today.isoformat()}",
                defaults={
                    "kind": EmailKind.REMINDER,
                    "to": preferences.address,
                    "language": cpas_language(cpas),
                    "cpas": cpas,
                    "context": {"waiting": waiting[cpas.pk]},
                    "queued_at": now,
                },
            )
            if created:
                pks.append(email.pk)
        queue_on_commit(pks)
    return len(pks)
