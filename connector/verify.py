"""Checking a webhook's Standard Webhooks signature, as a receiver does (docs/integration.md).

Standard library only: copy this file into your own software.
"""

import base64
import hashlib
import hmac

TOLERANCE_SECONDS = 5 * 60  # the replay window


class InvalidSignature(Exception):
    pass


def verify(secret: str, *, headers: dict[str, str], body: bytes, now: int) -> str:
    """The webhook-id if the signature matches and the timestamp is within the window.

    ``headers`` with lower-case names; ``secret`` as given once (``whsec_…``)."""
    try:
        msg_id = headers["webhook-id"]
        timestamp = int(headers["webhook-timestamp"])
        signatures = headers["webhook-signature"].split()
    except (KeyError, ValueError):
        raise InvalidSignature("missing or malformed webhook headers") from None
    if abs(now - timestamp) > TOLERANCE_SECONDS:
        raise InvalidSignature("timestamp outside the replay window")
    key = base64.b64decode(secret.removeprefix("whsec_"))
    content = f"{msg_id}.{timestamp}.".encode() + body
    expected = "v1," + base64.b64encode(hmac.new(key, content, hashlib.sha256).digest()).decode()
    if not any(hmac.compare_digest(expected, candidate) for candidate in signatures):
        raise InvalidSignature("no signature matches")
    return msg_id
