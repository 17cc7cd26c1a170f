"""Standard Webhooks signatures (https://www.standardwebhooks.com; docs/integration.md).

The signed content is ``<webhook-id>.<webhook-timestamp>.<body>``; the signature is the
base64 HMAC-SHA256 of it under the secret's bytes (what follows ``whsec_``, base64),
sent as ``webhook-signature: v1,<signature>``. Pure: no ORM, no settings, no clock.
"""

import base64
import hashlib
import hmac
import secrets
from collections.abc import Sequence

PREFIX = "whsec_"
# A receiver refuses a timestamp further than this from its clock (replay window).
TOLERANCE_SECONDS = 5 * 60


class InvalidSignature(Exception):
    pass


def new_secret() -> str:
    return PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def _key(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix(PREFIX))


def sign(secret: str, *, msg_id: str, timestamp: int, body: bytes) -> str:
    content = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(_key(secret), content, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def headers(secrets: Sequence[str], *, msg_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    """The headers of one attempt. One signature per secret (during a rotation: the new
    one, then the old one), separated by spaces, as the standard allows: a receiver
    holding either key accepts the message."""
    signature = " ".join(
        sign(key, msg_id=msg_id, timestamp=timestamp, body=body) for key in secrets
    )
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature,
        "content-type": "application/json",
    }


def verify(secret: str, *, headers: dict[str, str], body: bytes, now: int) -> str:
    """The receiver's check: the webhook-id if the signature and timestamp hold.

    ``headers`` with lower-case names. Several space-separated signatures may come
    (during a rotation of secrets): one that matches is enough."""
    try:
        msg_id = headers["webhook-id"]
        timestamp = int(headers["webhook-timestamp"])
        signatures = headers["webhook-signature"].split()
    except (KeyError, ValueError):
        raise InvalidSignature("missing or malformed webhook headers") from None
    if abs(now - timestamp) > TOLERANCE_SECONDS:
        raise InvalidSignature("timestamp outside the replay window")
    expected = sign(secret, msg_id=msg_id, timestamp=timestamp, body=body)
    if not any(hmac.compare_digest(expected, candidate) for candidate in signatures):
        raise InvalidSignature("no signature matches")
    return msg_id
