"""Rate limits in the cache: in-process memory (embedded default) and the real Redis."""

import uuid
from datetime import UTC, datetime

import pytest
import time_machine
from django.http import HttpResponse
from django.utils import translation

from cpasonline.client import client_ip
from cpasonline.ratelimit import is_limited, parse_rate, too_many_requests


@pytest.fixture(
    params=[
        pytest.param("django.core.cache.backends.locmem.LocMemCache", id="locmem"),
        pytest.param("django.core.cache.backends.redis.RedisCache", id="redis"),
    ]
)
def cache_backend(request, settings):
    """Each test counts in a cache of its own (a fresh key prefix in the shared Redis)."""
    settings.CACHES = {
        "default": {
            "BACKEND": request.param,
            "LOCATION": "redis://127.0.0.1:6379/0" if "redis" in request.param else "",
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }
    return request.param


@pytest.fixture
def clock():
    with time_machine.travel(datetime(2026, 3, 2, 10, 0, 0, tzinfo=UTC), tick=False) as traveller:
        yield traveller


@pytest.mark.parametrize(
    ("rate", "expected"),
    [
        ("10/s", (10, 1)),
        ("10/m", (10, 60)),
        ("5/15m", (5, 900)),
        ("100/h", (100, 3600)),
        ("1000/d", (1000, 86400)),
    ],
)
def test_parse_rate(rate, expected):
    assert parse_rate(rate) == expected


@pytest.mark.parametrize("rate", ["10", "10/", "/m", "ten/m", "10/w", "10/m ", "-1/m"])
def test_parse_rate_refuses_typos(rate):
    with pytest.raises(ValueError, match="Invalid rate"):
        parse_rate(rate)


def test_limit_counts_per_client_and_group(rf, cache_backend, clock):
    alice = rf.post("/", REMOTE_ADDR="192.0.2.1")
    bob = rf.post("/", REMOTE_ADDR="192.0.2.2")
    answers = [is_limited(alice, group="submit", rate="3/m") for _ in range(4)]
    assert answers == [False, False, False, True]
    assert is_limited(bob, group="submit", rate="3/m") is False
    assert is_limited(alice, group="login", rate="3/m") is False


def test_limit_resets_in_the_next_window(rf, cache_backend, clock):
    request = rf.post("/", REMOTE_ADDR="192.0.2.1")
    for _ in range(3):
        is_limited(request, group="submit", rate="3/m")
    assert is_limited(request, group="submit", rate="3/m") is True
    clock.shift(60)
    assert is_limited(request, group="submit", rate="3/m") is False


def test_an_explicit_key_replaces_the_address(rf, cache_backend, clock):
    first = rf.post("/", REMOTE_ADDR="192.0.2.1")
    second = rf.post("/", REMOTE_ADDR="192.0.2.2")
    assert is_limited(first, group="login", key="alice", rate="1/m") is False
    assert is_limited(second, group="login", key="alice", rate="1/m") is True


def test_looking_does_not_count(rf, cache_backend, clock):
    request = rf.post("/", REMOTE_ADDR="192.0.2.1")
    is_limited(request, group="submit", rate="1/m")
    for _ in range(3):
        assert is_limited(request, group="submit", rate="2/m", increment=False) is False
    assert is_limited(request, group="submit", rate="2/m") is False
    assert is_limited(request, group="submit", rate="2/m", increment=False) is True


def test_cache_keys_carry_no_address(rf, settings, clock):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "k"}
    }
    from django.core.cache import cache

    is_limited(rf.post("/", REMOTE_ADDR="192.0.2.77"), group="submit", rate="3/m")
    assert not any("192.0.2.77" in key for key in cache._cache)


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        pytest.param(0, "", "10.0.0.1", id="direct"),
        pytest.param(0, "203.0.113.9", "10.0.0.1", id="no-proxy-trusted-ignores-header"),
        pytest.param(1, "203.0.113.9", "203.0.113.9", id="one-proxy"),
        pytest.param(1, "198.51.100.1, 203.0.113.9", "203.0.113.9", id="spoofed-first-entry"),
        pytest.param(2, "198.51.100.1, 203.0.113.9, 10.0.0.2", "203.0.113.9", id="two-proxies"),
        pytest.param(2, "203.0.113.9", "10.0.0.1", id="header-shorter-than-proxy-chain"),
    ],
)
def test_client_ip(rf, settings, proxies, forwarded_for, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for)
    assert client_ip(request) == expected


def test_too_many_requests_is_a_friendly_page(rf, cache_backend, clock):
    with translation.override("en"):
        responses = []
        for _ in range(3):
            request = rf.post("/", REMOTE_ADDR="192.0.2.1")
            limited = is_limited(request, group="submit", rate="2/m")
            responses.append(too_many_requests(request) if limited else HttpResponse("sent"))
    assert [response.status_code for response in responses] == [200, 200, 429]
    html = responses[2].content.decode()
    assert "Too many attempts" in html
    assert 'href="/en/"' in html


def redis_cache(location: str) -> dict:
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": location,
            # As the settings give a Redis cache (docs/notifications.md).
            "OPTIONS": {"socket_timeout": 0.5, "socket_connect_timeout": 0.5},
        }
    }


def test_with_redis_stopped_the_limit_lets_the_request_through_and_says_so(
    rf, settings, tmp_path, caplog
):
    """Fail open: a public service takes the request (docs/notifications.md, "Redis and
    broker outages"). A WARNING without any address, and a count shown by /health/."""
    from cpasonline.degraded import degraded_counts
    from tests.faults import RedisServer

    server = RedisServer(tmp_path)
    server.start()
    try:
        settings.CACHES = redis_cache(server.url(0))
        request = rf.post("/", REMOTE_ADDR="192.0.2.55")
        assert [is_limited(request, group="submit", rate="1/h") for _ in range(2)] == [
            False,
            True,
        ]
        server.stop()
        before = degraded_counts().get("ratelimit_unchecked", 0)

        assert is_limited(request, group="submit", rate="1/h") is False
        assert is_limited(request, group="submit", rate="1/h", increment=False) is False

        assert degraded_counts()["ratelimit_unchecked"] == before + 2
        (warning, _second) = [r for r in caplog.records if r.name == "cpasonline.ratelimit"]
        assert warning.levelname == "WARNING"
        assert warning.getMessage() == (
            "Rate limit submit not checked, the cache is unreachable (ConnectionError): "
            "request let through"
        )
        server.start()  # back (empty): counting again
        settings.CACHES = redis_cache(server.url(0))
        assert is_limited(request, group="submit", rate="1/h") is False
        assert is_limited(request, group="submit", rate="1/h") is True
    finally:
        server.stop()


def test_a_redis_that_hangs_costs_half_a_second_not_the_request(rf, settings):
    import socket
    import time

    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        settings.CACHES = redis_cache(f"redis://127.0.0.1:{silent.getsockname()[1]}/0")
        started = time.monotonic()
        assert is_limited(rf.post("/", REMOTE_ADDR="192.0.2.56"), group="s", rate="1/h") is False
        assert time.monotonic() - started < 1.5
