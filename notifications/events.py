"""What the notifications do when a request's history grows (in the same transaction).

Subscribed once at start-up (``NotificationsConfig.ready``) to the request core's
history (docs/architecture.md): a submitted request gets its acknowledgement and its
CPAS alert as outbox rows, committed with the request or not at all; a transferred one
the written notice to the applicant and the alert to the receiving CPAS.
"""

from intake.constants import EventKind
from intake.models import RequestEvent

from .outbox import queue_new_request_emails, queue_transfer_emails


def on_request_event(event: RequestEvent) -> None:
    if event.kind == EventKind.SUBMITTED:
        queue_new_request_emails(event.aid_request)
    elif event.kind == EventKind.TRANSFERRED:
        queue_transfer_emails(event)
