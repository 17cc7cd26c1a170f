"""Rate limits counted in Django's cache: in-process memory in the embedded default,
Redis (``CACHE_URL``) in production, so every web process shares the counts.

Fixed windows: "10/m" allows 10 hits per client in each calendar minute; "5/15m" 5
hits per 15 minutes. Client addresses become cache keys only as a keyed digest (HMAC with
the secret key, ``cpasonline.keyed``): a plain hash of an IPv4 address is reversed by
trying them all.

When the cache cannot be reached, a limit is not checked and the request goes
through (fail open, docs/notifications.md "Redis and broker outages"): a public
service takes the request. Each such request logs a WARNING without any address and
counts in ``cpasonline.degraded`` (shown by /health/).

    from cpasonline.ratelimit import is_limited, too_many_requests

    if is_limited(request, group="intake.send", rate=settings.SUBMISSION_RATE):
        return too_many_requests(request)  # the friendly 429 page
"""

from __future__ import annotations

import logging
import re
import time

from django.core.cache import cache
from django.shortcuts import render

from .client import client_ip
from .degraded import degraded_record
from .keyed import keyed_digest

logger = logging.getLogger(__name__)

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_RATE = re.compile(r"^(?P<count>\d+)/(?P<multiplier>\d*)(?P<unit>[smhd])$")


def parse_rate(rate: str) -> tuple[int, int]:
    """``"10/m"`` → (10, 60); ``"5/15m"`` → (5, 900)."""
    match = _RATE.match(rate)
    if not match:
        raise ValueError(f"Invalid rate {rate!r}: expected like '10/m' or '5/15m'.")
    multiplier = int(match["multiplier"] or 1)
    return int(match["count"]), multiplier * _PERIODS[match["unit"]]


def _cache_key(group: str, who: str, period: int) -> str:
    digest = keyed_digest("ratelimit", f"{group}\0{who}")
    return f"ratelimit:{digest}:{period}:{int(time.time() // period)}"


def limit_reset(*, group: str, rate: str, key: str) -> None:
    """Forget the hits counted for ``key`` in ``group`` in the current window."""
    _limit, period = parse_rate(rate)
    cache.delete(_cache_key(group, key, period))


def is_limited(
    request, *, group: str, rate: str, key: str | None = None, increment: bool = True
) -> bool:
    """Count one hit for ``key`` (default: the client's address) in ``group`` and say
    whether it is over ``rate``. With ``increment=False``, only look. False, with a
    WARNING, when the cache cannot be reached."""
    limit, period = parse_rate(rate)
    who = key if key is not None else client_ip(request)
    cache_key = _cache_key(group, who, period)
    try:
        if not increment:
            return cache.get(cache_key, 0) >= limit
        return _hit(cache_key, period) > limit
    except Exception as exc:  # any cache backend's connection or timeout error
        degraded_record("ratelimit_unchecked")
        logger.warning(
            "Rate limit %s not checked, the cache is unreachable (%s): request let through",
            group,
            type(exc).__name__,
        )
        return False


def _hit(cache_key: str, period: int) -> int:
    """Count one hit; the count so far in this window."""
    # add() creates the counter only if absent; incr() is atomic in Redis.
    cache.add(cache_key, 0, timeout=period + 1)
    try:
        return cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.add(cache_key, 1, timeout=period + 1)
        return 1


def too_many_requests(request):
    """The friendly 429 page."""
    return render(request, "429.html", status=429)
