"""Protection of national numbers at rest (docs/data-protection.md).

The number is encrypted with Fernet (AES-128-CBC + HMAC-SHA256) under
``NATIONAL_NUMBER_KEYS`` (the first encrypts, every key decrypts: keys can rotate),
and a keyed HMAC-SHA256 under ``NATIONAL_NUMBER_HASH_KEY`` is stored beside it so
that a person's other requests (duplicates) and a staff search can be found without
decrypting every row.
"""

import hashlib
import hmac

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings


def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in settings.NATIONAL_NUMBER_KEYS])


def encrypt(national_number: str) -> str:
    return _fernet().encrypt(national_number.encode()).decode()


def decrypt(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode()


def keyed_hash(national_number: str) -> str:
    key = settings.NATIONAL_NUMBER_HASH_KEY.encode()
    return hmac.new(key, national_number.encode(), hashlib.sha256).hexdigest()
