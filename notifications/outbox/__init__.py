"""The outbox: the one place that writes outbox rows (docs/notifications.md).

``mail`` writes the email rows (``queue_new_request_emails``, ``queue_reminders``,
``queue_staff_email``) and
binds the email channel; ``delivery`` is the machinery any channel shares: claim →
send → mark, the sweeper, an admin's "send again". Import from here.
"""

from .delivery import INTERRUPTED, Channel, Outcome, SweepReport
from .mail import (
    EMAIL,
    cpas_language,
    notification_settings_for,
    outgoing_email_deliver,
    outgoing_email_resend,
    outgoing_email_sweep,
    queue_new_request_emails,
    queue_reminders,
    queue_staff_email,
    queue_transfer_emails,
    staff_language,
)

__all__ = [
    "EMAIL",
    "INTERRUPTED",
    "Channel",
    "Outcome",
    "SweepReport",
    "cpas_language",
    "notification_settings_for",
    "outgoing_email_deliver",
    "outgoing_email_resend",
    "outgoing_email_sweep",
    "queue_new_request_emails",
    "queue_reminders",
    "queue_staff_email",
    "queue_transfer_emails",
    "staff_language",
]
