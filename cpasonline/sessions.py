"""Sessions in the database, encrypted at rest (docs/data-protection.md, "Answers in the
browser session").

``SESSION_ENGINE = "cpasonline.sessions"``. Django's database backend, with the session's
JSON encrypted under the keys of the stored national numbers (``intake.crypto``: Fernet,
the first key encrypts, every key decrypts). A row read under an older key, or an old
row in Django's signed plaintext form, is read once and written again under the newest
key at the end of that request; a row no key opens is an empty session (the person
starts again). Nothing in ``django_session`` can be read without the keys.

Expired rows are deleted by ``sessions_purge`` (Celery beat, ``cpasonline.tasks``); in the
embedded default, where no beat runs, a process purges them itself at most every
``SESSION_PURGE_SECONDS`` when it writes a session.

``SessionSizeMiddleware`` refuses to write a session larger than ``SESSION_MAX_BYTES``:
the person gets a page in their language and the session keeps what it held before.
"""

from __future__ import annotations

import json
import logging
import threading
import time

from cryptography.fernet import InvalidToken
from django.conf import settings
from django.contrib.sessions.backends import db
from django.shortcuts import render

from intake import crypto

logger = logging.getLogger(__name__)

FERNET_PREFIX = "gAAAAA"  # every Fernet token starts so (version byte, then a timestamp)


class SessionStore(db.SessionStore):
    def encode(self, session_dict) -> str:
        data = json.dumps(session_dict, separators=(",", ":"), ensure_ascii=False).encode()
        return crypto.encrypt_bytes(data).decode()

    def decode(self, session_data: str) -> dict:
        if not session_data.startswith(FERNET_PREFIX):
            self._stale = True  # Django's signed plaintext: rewritten encrypted
            return super().decode(session_data)
        try:
            data, newest = crypto.decrypt_bytes(session_data.encode())
        except InvalidToken:
            logger.warning("A session no key opens was read as empty")
            return {}
        self._stale = not newest
        return json.loads(data)

    def load(self) -> dict:
        self._stale = False
        session = super().load()
        if self._stale and session:
            self.modified = True  # written again under the newest key after this request
        return session

    def save(self, must_create: bool = False) -> None:
        super().save(must_create=must_create)
        _purge_now_and_then()


def sessions_purge() -> int:
    """Delete the expired sessions; how many were deleted."""
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


_purged_at = [time.monotonic()]
_purge_lock = threading.Lock()


def _purge_now_and_then() -> None:
    """Without beat (tasks run in-process), the writing process purges, now and then."""
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        return
    now = time.monotonic()
    with _purge_lock:
        if now - _purged_at[0] < settings.SESSION_PURGE_SECONDS:
            return
        _purged_at[0] = now
    sessions_purge()


def session_size(session) -> int:
    """The size of the session's data as it is written (JSON, before encryption)."""
    return len(json.dumps(session._session, separators=(",", ":"), ensure_ascii=False).encode())


class SessionSizeMiddleware:
    """A session grown past ``SESSION_MAX_BYTES`` is not written: the page says so in the
    person's language (413) and the row keeps what it held. After LocaleMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if (
            session is not None
            and session.modified
            and session_size(session) > settings.SESSION_MAX_BYTES
        ):
            session.modified = False
            response = render(request, "session_too_large.html", status=413)
        return response
