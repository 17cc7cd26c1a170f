"""Keyed digests (docs/data-protection.md): the rate limits' cache keys name an address
or a username only through HMAC with the secret key, never a plain hash that trying
every IPv4 address would reverse."""

import hashlib
import re

import pytest
from django.core.cache import cache

from cpasonline.keyed import keyed_digest
from cpasonline.ratelimit import is_limited


def test_a_keyed_digest_depends_on_the_secret_key_and_the_purpose(settings):
    settings.SECRET_KEY = "first secret " * 4
    first = keyed_digest("ratelimit", "192.0.2.1")
    assert first == keyed_digest("ratelimit", "192.0.2.1")
    assert first != keyed_digest("login", "192.0.2.1")
    settings.SECRET_KEY = "second secret " * 4
    assert keyed_digest("ratelimit", "192.0.2.1") != first


@pytest.fixture
def own_cache(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "k"}
    }
    cache.clear()
    yield cache
    cache.clear()


def test_rate_limit_keys_are_not_a_plain_hash_of_the_address(rf, own_cache):
    address = "192.0.2.77"
    is_limited(rf.post("/", REMOTE_ADDR=address), group="submission", rate="5/h")
    keys = list(own_cache._cache)  # locmem's own store: the keys as written
    assert len(keys) == 1
    digest = re.search(r"ratelimit:([0-9a-f]+):", keys[0])[1]
    unsalted = hashlib.sha256(f"submission\0{address}".encode()).hexdigest()[:32]
    assert digest != unsalted
    assert address not in keys[0]
    assert digest == keyed_digest("ratelimit", f"submission\0{address}")
