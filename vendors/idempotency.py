"""The ``Idempotency-Key`` of the API's writes (IETF draft
httpapi-idempotency-key-header; docs/api.md, "Idempotency").

A write first claims its key in a transaction of its own: the unique (caller, key)
row makes two identical calls at once wait for each other's claim, and the second sees
the first's. Then the write runs through its service (which owns its transaction),
and the first response is stored on the row; a retry gets that response again. A
write that fails (4xx, 5xx) releases its claim: nothing was recorded, the same key may
be used again. A claim left by a process that died between its write and storing the
response is taken over after ``PENDING_LEASE``: the lifecycle's rules then refuse a
second record of the same step (docs/lifecycle.md)."""

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import IdempotencyRecord

PENDING_LEASE = timedelta(minutes=2)
KEY_MAX_LENGTH = 255


class KeyReused(Exception):
    """The key was used with another method, path or body (the draft's 422)."""


class KeyInProgress(Exception):
    """The first call with this key is still being processed (the draft's 409)."""


@dataclass(frozen=True)
class Claimed:
    record: IdempotencyRecord
    replay: bool  # True: record holds the first response

    @property
    def status(self) -> int:
        return self.record.response_status

    @property
    def body(self):
        return self.record.response_body


def request_fingerprint(method: str, path: str, body) -> str:
    canonical = json.dumps([method, path, body], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def idempotency_claim(*, caller: str, key: str, fingerprint: str) -> Claimed:
    now = timezone.now()
    mine = secrets.token_hex(16)
    with transaction.atomic():
        # Keys past their period are forgotten (this one's call is a new one): each
        # caller's write deletes its own, so the table holds one period's keys at most.
        IdempotencyRecord.objects.filter(caller=caller, expires_at__lte=now).delete()
        IdempotencyRecord.objects.bulk_create(
            [
                IdempotencyRecord(
                    caller=caller,
                    key=key,
                    fingerprint=fingerprint,
                    claim=mine,
                    created_at=now,
                    expires_at=now + timedelta(hours=settings.IDEMPOTENCY_KEY_HOURS),
                )
            ],
            ignore_conflicts=True,
        )
        record = IdempotencyRecord.objects.select_for_update().get(caller=caller, key=key)
        if record.fingerprint != fingerprint:
            raise KeyReused
        if record.completed_at is not None:
            return Claimed(record, replay=True)
        if record.claim != mine:
            if record.created_at > now - PENDING_LEASE:
                raise KeyInProgress
            record.claim, record.created_at = mine, now
            record.save(update_fields=["claim", "created_at"])
    return Claimed(record, replay=False)


def idempotency_complete(claimed: Claimed, *, status: int, body) -> None:
    IdempotencyRecord.objects.filter(pk=claimed.record.pk, claim=claimed.record.claim).update(
        completed_at=timezone.now(), response_status=status, response_body=body
    )


def idempotency_release(claimed: Claimed) -> None:
    IdempotencyRecord.objects.filter(
        pk=claimed.record.pk, claim=claimed.record.claim, completed_at__isnull=True
    ).delete()
