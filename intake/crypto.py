"""Protection of national numbers at rest (docs/data-protection.md).

The number is encrypted with Fernet (AES-128-CBC + HMAC-SHA256) under
``NATIONAL_NUMBER_KEYS`` (the first encrypts, every key decrypts: keys can rotate),
and a keyed HMAC-SHA256 under ``NATIONAL_NUMBER_HASH_KEY`` is stored beside it so
that a person's other requests (duplicates) and a staff search can be found without
decrypting every row.
"""

import functools
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


@functools.lru_cache(maxsize=4)
def _fernets(keys: tuple[str, ...]) -> tuple[Fernet, ...]:
    return tuple(Fernet(key) for key in keys)


def _fernet() -> MultiFernet:
    return MultiFernet(list(_fernets(tuple(settings.NATIONAL_NUMBER_KEYS))))


def encrypt(national_number: str) -> str:
    return _fernet().encrypt(national_number.encode()).decode()


def decrypt(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode()


def encrypt_bytes(data: bytes) -> bytes:
    """``data`` encrypted under the newest key (a Fernet token, ASCII)."""
    return _fernets(tuple(settings.NATIONAL_NUMBER_KEYS))[0].encrypt(data)


def decrypt_bytes(token: bytes) -> tuple[bytes, bool]:
    """The data of a token, and whether it was encrypted under the newest key (when not,
    the caller writes it again, so that an old key can be retired). Raises
    ``InvalidToken`` when no key opens it."""
    newest, *older = _fernets(tuple(settings.NATIONAL_NUMBER_KEYS))
    try:
        return newest.decrypt(token), True
    except InvalidToken:
        return MultiFernet(older).decrypt(token) if older else newest.decrypt(token), False


def keyed_hash(national_number: str) -> str:
    key = settings.NATIONAL_NUMBER_HASH_KEY.encode()
    return hmac.new(key, national_number.encode(), hashlib.sha256).hexdigest()
