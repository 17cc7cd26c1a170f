"""Keyed digests: HMAC-SHA256 with the project's secret key (docs/data-protection.md).

A plain hash of a small space (an IPv4 address, a username) is reversed by trying
every value; keyed with ``SECRET_KEY`` it is not, without the key. Each use names its
``purpose``, so that one digest never stands for another.
"""

import base64
import hashlib
import hmac

from django.conf import settings


def keyed_digest(purpose: str, value: str, *, length: int = 32) -> str:
    """The first ``length`` hex digits of HMAC-SHA256(SECRET_KEY, purpose NUL value)."""
    message = f"{purpose}\0{value}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:length]


def keyed_token(purpose: str, value: str) -> str:
    """A URL-safe token (43 characters, 256 bits) derived from ``value`` with the key."""
    message = f"{purpose}\0{value}".encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")
