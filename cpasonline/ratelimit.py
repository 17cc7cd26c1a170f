"""Rate limits counted in Django's cache: in-process memory in the embedded default,
Redis (``CACHE_URL``) in production, so every web process shares the counts.

Fixed windows: "10/m" allows 10 hits per client in each calendar minute; "5/15m" 5
hits per 15 minutes. Client addresses become cache keys only as a keyed digest (HMAC with
the secret key, ``cpasonline.keyed``): a plain hash of an IPv4 address is reversed by
trying them all.

    from cpasonline.ratelimit import is_limited, ratelimit

    @ratelimit(group="submission", rate="10/h")  # answers 429 with a friendly page
    def submit(request): ...

    if is_limited(request, group="login", key=username, rate="5/15m"): ...
"""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.shortcuts import render

from .client import client_ip
from .keyed import keyed_digest

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
    whether it is over ``rate``. With ``increment=False``, only look."""
    limit, period = parse_rate(rate)
    who = key if key is not None else client_ip(request)
    cache_key = _cache_key(group, who, period)
    if not increment:
        return cache.get(cache_key, 0) >= limit
    # add() creates the counter only if absent; incr() is atomic in Redis.
    cache.add(cache_key, 0, timeout=period + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.add(cache_key, 1, timeout=period + 1)
        count = 1
    return count > limit


def too_many_requests(request):
    """The friendly 429 page."""
    return render(request, "429.html", status=429)


def ratelimit(
    *,
    group: str | None = None,
    rate: str,
    key: Callable[[object], str] | None = None,
    methods: Iterable[str] = ("POST",),
):
    """Decorate a view: requests with one of ``methods`` over ``rate`` get the 429 page.
    ``group`` defaults to the view's dotted name; ``key(request)`` to the client address."""
    methods = {method.upper() for method in methods}
    parse_rate(rate)  # fail at import on a typo, not on the first request

    def decorator(view):
        view_group = group or f"{view.__module__}.{view.__qualname__}"

        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods and is_limited(
                request,
                group=view_group,
                rate=rate,
                key=key(request) if key else None,
            ):
                return too_many_requests(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
