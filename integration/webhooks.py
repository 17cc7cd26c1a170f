"""Webhooks: each feed event POSTed to the CPAS's endpoints through the outbox
(docs/integration.md, "Webhooks").

A delivery is an outbox row (``WebhookDelivery``) written in the step's transaction and
delivered by ``notifications.outbox``'s claim → send → mark, with the webhook policy of
``notifications.policy``: retried with a capped backoff for ``WEBHOOK_LIFETIME_HOURS``,
then dead-lettered ("expired") until the CPAS's manager sends it again. One delivery
carries the events one history line added to the CPAS's feed (one to three for a step;
a whole batch for a bulk append), so every event is POSTed at least once. The body is
thin — which events, of which requests — and never personal data: the receiver reads
the feed for the rest. Its webhook-id is the same on every copy.
"""

import json
import logging
import urllib.error
import urllib.request
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from notifications.constants import WEBHOOK_KIND, DeliveryState
from notifications.outbox.delivery import (
    Channel,
    new_row_schedule,
    outbox_deliver,
    outbox_resend,
    outbox_sweep,
    queue_on_commit,
)

from . import signing
from .models import FeedEvent, WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)
TIMEOUT_SECONDS = 10


def webhook_body(row: WebhookDelivery) -> bytes:
    """The thin body (Standard Webhooks' type, timestamp, data)."""
    events = FeedEvent.objects.filter(
        cpas_id=row.endpoint.cpas_id, seq__range=(row.first_seq, row.last_seq)
    ).order_by("seq")
    listed = [
        {"id": e.event_id, "seq": e.seq, "type": e.type, "reference": e.reference, "test": e.test}
        for e in events
    ]
    payload = {
        "type": "feed.events",
        "timestamp": row.created_at.isoformat(),
        "data": {"first_seq": row.first_seq, "last_seq": row.last_seq, "events": listed},
    }
    return json.dumps(payload, separators=(",", ":")).encode()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is a failure: the event goes where it was subscribed


_opener = urllib.request.build_opener(_NoRedirect)


class WebhookTransport:
    """One signed POST per attempt; any status outside 2xx is a failure (urllib raises
    on 4xx and 5xx, and on a 3xx once redirects are refused)."""

    def message_id(self, row: WebhookDelivery) -> str:
        return row.webhook_id

    def send(self, row: WebhookDelivery) -> None:
        body = webhook_body(row)
        now = timezone.now()
        timestamp = int(now.timestamp())
        request = urllib.request.Request(  # noqa: S310 — https (or loopback) checked on entry
            row.endpoint.url,
            data=body,
            method="POST",
            headers={
                **signing.headers(
                    row.endpoint.signing_secrets(now),
                    msg_id=row.message_id,
                    timestamp=timestamp,
                    body=body,
                ),
                "user-agent": "CPAS-Online-Webhooks/1",
            },
        )
        try:
            with _opener.open(request, timeout=TIMEOUT_SECONDS) as response:
                response.read()
        except Exception as error:
            # What the manager's screen shows: the receiver's status (0: no answer).
            status = error.code if isinstance(error, urllib.error.HTTPError) else 0
            WebhookDelivery.objects.filter(pk=row.pk).update(last_status=status)
            raise

    def was_delivered(self, row: WebhookDelivery) -> bool | None:
        return None  # HTTP cannot tell; the policy sends it again (the receiver dedupes)

    def describe(self, error: Exception) -> str:
        """The error's class and HTTP status, never the receiver's text."""
        code = getattr(error, "code", None)
        return f"{type(error).__name__} {code}" if code else type(error).__name__


WEBHOOK = Channel(
    name="webhook",
    model=WebhookDelivery,
    transport=WebhookTransport(),
    task="integration.tasks.deliver_webhook",
    select_related=("endpoint",),
)


def webhooks_queue(events: list[FeedEvent], *, now: datetime | None = None) -> list[int]:
    """One delivery per CPAS's range of ``events`` and active endpoint of that CPAS,
    queued on commit. ``events`` are numbered in a row per CPAS (one append)."""
    now = now or timezone.now()
    ranges: dict[int, list[int]] = {}
    for event in events:
        first, last = ranges.setdefault(event.cpas_id, [event.seq, event.seq])
        ranges[event.cpas_id] = [min(first, event.seq), max(last, event.seq)]
    active = WebhookEndpoint.objects.filter(cpas_id__in=ranges, is_active=True)
    rows = [
        WebhookDelivery(
            endpoint_id=pk,
            first_seq=ranges[cpas_id][0],
            last_seq=ranges[cpas_id][1],
            **new_row_schedule(WEBHOOK_KIND, now),
        )
        for pk, cpas_id in active.values_list("pk", "cpas_id")
    ]
    if not rows:
        return []
    WebhookDelivery.objects.bulk_create(rows)
    pks = [row.pk for row in rows]
    queue_on_commit(WEBHOOK, pks)
    return pks


def webhook_deliver(*, pk: int) -> str:
    return outbox_deliver(channel=WEBHOOK, pk=pk).value


def webhook_sweep() -> dict:
    swept = vars(outbox_sweep(channel=WEBHOOK))
    webhook_previous_secrets_drop()
    return swept


# --- the manager's screen -----------------------------------------------------------------


def webhook_endpoint_create(*, cpas, url: str, user, client=None) -> tuple[WebhookEndpoint, str]:
    """A new endpoint and its secret, returned once (only its encryption is kept), added
    by a manager (``user``) or through the API by a vendor's ``client``."""
    secret = signing.new_secret()
    endpoint = WebhookEndpoint(cpas=cpas, url=url, created_by=user, created_by_client=client)
    endpoint.secret = secret
    endpoint.save()
    logger.info("Webhook endpoint %s added for CPAS %s", endpoint.pk, cpas.code)
    return endpoint, secret


def webhook_secret_rotate(
    *, endpoint: WebhookEndpoint, now: datetime | None = None
) -> tuple[str, datetime]:
    """A new secret for an active endpoint, returned once; the current one becomes the
    previous one and still signs until the instant returned
    (``WEBHOOK_SECRET_OVERLAP_HOURS``). An older previous secret is dropped at once."""
    now = now or timezone.now()
    until = now + timedelta(hours=settings.WEBHOOK_SECRET_OVERLAP_HOURS)
    secret = signing.new_secret()
    with transaction.atomic():
        locked = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
        locked.previous_secret_encrypted = locked.secret_encrypted
        locked.previous_secret_expires_at = until
        locked.secret = secret
        locked.save(
            update_fields=[
                "secret_encrypted",
                "previous_secret_encrypted",
                "previous_secret_expires_at",
            ]
        )
    logger.info("Webhook endpoint %s: secret rotated", endpoint.pk)
    return secret, until


def webhook_previous_secrets_drop(*, now: datetime | None = None) -> int:
    """The previous secrets whose overlap has ended, forgotten (run by the sweep)."""
    return WebhookEndpoint.objects.filter(
        previous_secret_expires_at__lte=now or timezone.now()
    ).update(previous_secret_encrypted="", previous_secret_expires_at=None)  # nosec B106 (erased)


def webhook_endpoint_deactivate(*, endpoint: WebhookEndpoint) -> None:
    """No new deliveries; those waiting are given up (the feed keeps the events)."""
    with transaction.atomic(durable=True):
        WebhookEndpoint.objects.filter(pk=endpoint.pk).update(is_active=False)
        WebhookDelivery.objects.filter(endpoint=endpoint, state=DeliveryState.PENDING).update(
            state=DeliveryState.EXPIRED, next_attempt_at=None, queued_at=None
        )
    logger.info("Webhook endpoint %s deactivated", endpoint.pk)


def webhook_deliveries_resend(*, cpas, pks: list[int] | None = None) -> int:
    """The manager's "send again": the CPAS's dead-lettered deliveries (or those of
    ``pks``) of its active endpoints, due now with a fresh lifetime."""
    rows = WebhookDelivery.objects.filter(
        endpoint__cpas=cpas,
        endpoint__is_active=True,
        state__in=[DeliveryState.EXPIRED, DeliveryState.MAYBE_SENT],
    )
    if pks is not None:
        rows = rows.filter(pk__in=pks)
    return len(outbox_resend(channel=WEBHOOK, pks=list(rows.values_list("pk", flat=True))))
