"""How long the outbox keeps its rows (docs/data-protection.md, "Retention").

A row holds its recipient's address and what its email is written from: once it has
been sent (or, for an email other than an acknowledgement, given up or held as
"maybe sent"), it is kept
``RETENTION_OUTBOX_DAYS`` days for the admins' questions, then deleted. An
acknowledgement not sent is never deleted, and keeps its request's data from being
erased (``requests_with_unsent_acknowledgement``).
"""

from datetime import datetime

from django.db.models import Q, QuerySet

from .constants import DeliveryState, EmailKind
from .models import OutgoingEmail


def requests_with_unsent_acknowledgement() -> QuerySet:
    """The ids of the requests whose acknowledgement has not been sent."""
    return (
        OutgoingEmail.objects.filter(kind=EmailKind.ACKNOWLEDGEMENT, aid_request__isnull=False)
        .exclude(state=DeliveryState.SENT)
        .values("aid_request_id")
    )


def outgoing_emails_purge(*, before: datetime) -> int:
    """Delete the rows done with before ``before``; how many."""
    sent = Q(state=DeliveryState.SENT, sent_at__lt=before)
    given_up = Q(
        ~Q(kind=EmailKind.ACKNOWLEDGEMENT),
        state__in=[DeliveryState.EXPIRED, DeliveryState.MAYBE_SENT],
        created_at__lt=before,
    )
    deleted, _by_model = OutgoingEmail.objects.filter(sent | given_up).delete()
    return deleted


def outgoing_emails_of_requests_purge(*, aid_request_pks: list[int]) -> int:
    """Delete the sent rows of requests whose data is being erased; how many."""
    deleted, _by_model = OutgoingEmail.objects.filter(
        aid_request_id__in=aid_request_pks, state=DeliveryState.SENT
    ).delete()
    return deleted


def outgoing_emails_of_test_requests_purge(*, aid_request_pks: list[int]) -> int:
    """Delete every row of these test requests, sent or not: they are purged whole
    (docs/sandbox.md)."""
    deleted, _by_model = OutgoingEmail.objects.filter(aid_request_id__in=aid_request_pks).delete()
    return deleted
