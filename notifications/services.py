"""Sending one outbox row (idempotent), and changing a CPAS's notification settings."""

import enum
import logging
import smtplib

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from intake.constants import EventKind
from intake.services import aid_request_event_record

from .constants import EmailKind, EmailState
from .emails import build_message
from .models import CpasNotificationSettings, NotificationSettingsChange, OutgoingEmail

logger = logging.getLogger(__name__)

TRACKED_FIELDS = ("email", "alerts_enabled", "reminders_enabled")


class SendOutcome(enum.StrEnum):
    SENT = "sent"
    NOTHING_TO_DO = "nothing to do"  # already sent or failed, gone, or another worker has it
    RETRY = "retry"
    FAILED = "failed"


def _describe(exc: Exception) -> str:
    """The error without its message: SMTP messages may quote the recipient."""
    code = getattr(exc, "smtp_code", None)
    return f"{type(exc).__name__} {code}" if code else type(exc).__name__


def outgoing_email_send(*, pk: int) -> SendOutcome:
    """Send the row once: locked while sending, skipped unless pending."""
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("aid_request", "cpas")
            .filter(pk=pk, state=EmailState.PENDING)
            .first()
        )
        if email is None:
            return SendOutcome.NOTHING_TO_DO
        message = build_message(email)
        email.attempts += 1
        try:
            message.send()
        except (smtplib.SMTPException, OSError) as exc:
            email.last_error = _describe(exc)
            if email.attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS:
                email.state = EmailState.FAILED
            email.save(update_fields=["attempts", "last_error", "state"])
            logger.warning(
                "Outgoing email %s (%s) attempt %s failed: %s",
                email.pk,
                email.kind,
                email.attempts,
                email.last_error,
            )
            return SendOutcome.FAILED if email.state == EmailState.FAILED else SendOutcome.RETRY
        email.state = EmailState.SENT
        email.sent_at = timezone.now()
        email.last_error = ""
        email.save(update_fields=["attempts", "last_error", "state", "sent_at"])
        if email.kind == EmailKind.CPAS_ALERT and email.aid_request_id:
            aid_request_event_record(aid_request=email.aid_request, kind=EventKind.ALERT_SENT)
    logger.info("Outgoing email %s (%s) sent", email.pk, email.kind)
    return SendOutcome.SENT


def outgoing_email_resend(*, pks: list[int]) -> int:
    """Make failed or sent rows pending again and queue them (admin's "send again")."""
    from .outbox import queue_on_commit

    with transaction.atomic():
        count = OutgoingEmail.objects.filter(pk__in=pks).update(
            state=EmailState.PENDING, attempts=0, last_error="", queued_at=timezone.now()
        )
        queue_on_commit(list(pks))
    return count


def _shown(value) -> str:
    return "" if value is None else str(value)


def notification_settings_update(
    *, preferences: CpasNotificationSettings, by, **changes
) -> list[NotificationSettingsChange]:
    """Save the settings and log each change (who, when, old → new)."""
    with transaction.atomic():
        before = (
            CpasNotificationSettings.objects.filter(pk=preferences.pk).first()
            if preferences.pk
            else None
        )
        for name, value in changes.items():
            setattr(preferences, name, value)
        preferences.full_clean()
        preferences.save()
        return record_settings_changes(before=before, after=preferences, by=by)


def record_settings_changes(*, before, after, by) -> list[NotificationSettingsChange]:
    defaults = CpasNotificationSettings(cpas=after.cpas)
    before = before or defaults
    return NotificationSettingsChange.objects.bulk_create(
        NotificationSettingsChange(
            cpas=after.cpas,
            changed_by=by,
            field=name,
            old_value=_shown(getattr(before, name)),
            new_value=_shown(getattr(after, name)),
        )
        for name in TRACKED_FIELDS
        if getattr(before, name) != getattr(after, name)
    )
