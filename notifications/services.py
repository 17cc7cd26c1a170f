"""Changing a CPAS's notification settings (the outbox's rows: ``notifications.outbox``)."""

from django.db import transaction

from .models import CpasNotificationSettings, NotificationSettingsChange

TRACKED_FIELDS = ("email", "alerts_enabled", "reminders_enabled")


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
