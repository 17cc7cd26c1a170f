"""How long the outbox keeps its rows (docs/data-protection.md, "Retention").

A row holds its recipient's address and what its message is written from: once it has
been sent (or given up, or held as "maybe sent"), it is kept ``RETENTION_OUTBOX_DAYS``
days for the admins' questions, then deleted. The rule is the same for every channel
(``outbox_rows_done``: the emails here, the messages to the applicant, the webhook
deliveries); a row pending or being sent is never deleted. An acknowledgement not sent
is never deleted either, and keeps its request's data from being erased
(``requests_with_unsent_acknowledgement``).
"""

from datetime import datetime

from django.db.models import Q, QuerySet
from django.db.models.functions import Greatest

from .constants import DeliveryState, EmailKind
from .models import OutboxMessage, OutgoingEmail

GIVEN_UP = [DeliveryState.EXPIRED, DeliveryState.MAYBE_SENT]


def outbox_rows_done(model: type[OutboxMessage], *, before: datetime) -> QuerySet:
    """The rows of an outbox channel done with before ``before``: sent before it, or given
    up (expired, held as "maybe sent") and not touched since. A row given up, sent again
    and given up again counts from the last time: the latest instant it records (written,
    its lifetime's end, its attempt found interrupted). Never a row pending or sending."""
    sent = Q(state=DeliveryState.SENT, sent_at__lt=before)
    given_up = Q(state__in=GIVEN_UP, given_up_at__lt=before)
    return model.objects.alias(
        given_up_at=Greatest("created_at", "expires_at", "maybe_sent_at")
    ).filter(sent | given_up)


def outbox_rows_purge(model: type[OutboxMessage], *, before: datetime) -> int:
    """Delete a channel's rows done with before ``before`` (``outbox_rows_done``); how many."""
    deleted, _by_model = outbox_rows_done(model, before=before).delete()
    return deleted


def requests_with_unsent_acknowledgement() -> QuerySet:
    """The ids of the requests whose acknowledgement has not been sent."""
    return (
        OutgoingEmail.objects.filter(kind=EmailKind.ACKNOWLEDGEMENT, aid_request__isnull=False)
        .exclude(state=DeliveryState.SENT)
        .values("aid_request_id")
    )


def outgoing_emails_purge(*, before: datetime) -> int:
    """Delete the emails done with before ``before``; how many. An acknowledgement is
    never given up (``notifications.policy``): whatever its state says, only "sent" ends
    it."""
    done = outbox_rows_done(OutgoingEmail, before=before).exclude(
        ~Q(state=DeliveryState.SENT), kind=EmailKind.ACKNOWLEDGEMENT
    )
    deleted, _by_model = done.delete()
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
