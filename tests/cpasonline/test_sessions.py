"""Sessions at rest (docs/data-protection.md, "Answers in the browser session"): encrypted
with the national numbers' keys, rotated, purged by beat, capped in size."""

import base64
import contextlib
import json
import secrets
import zlib
from datetime import timedelta

import pytest
from cryptography.fernet import Fernet
from django.contrib.sessions.backends.db import SessionStore as PlainStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

from cpasonline.sessions import SessionStore
from tests.faults import CeleryProcess, wait_until
from tests.wizard.test_wizard import CONTACT, IDENTITY, Wizard

pytestmark = pytest.mark.django_db

NEEDS_TEXT = "Mon propriétaire me met dehors vendredi"
SECRETS = [
    "85.07.30-033.28",
    "85073003328",
    IDENTITY["first_name"],
    IDENTITY["last_name"],
    CONTACT["email"],
    NEEDS_TEXT,
    "propri",
]


def new_key() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def raw_rows() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT session_data FROM django_session")
        return [row[0] for row in cursor.fetchall()]


def readable_without_keys(raw: str) -> str:
    """What the audit read from a row without any key: Django's signed form is base64 of
    JSON, zlib-compressed when shorter (a leading dot)."""
    body = raw.removeprefix(".").split(":")[0]
    try:
        data = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except ValueError:
        return ""
    with contextlib.suppress(zlib.error):
        data = zlib.decompress(data)
    return raw + data.decode("utf-8", "replace")


def a_whole_wizard(client) -> Wizard:
    wizard = Wizard(client)
    wizard.through_identity()
    wizard.answer("place", {"in_institution": "no"})
    wizard.answer("student", {"full_time_student": "no"})
    wizard.answer("residence", {"lives_at_domicile": "no", "current_commune": "Namur"})
    wizard.answer("needs", {"categories": ["housing"], "text": NEEDS_TEXT})
    return wizard


def test_the_session_table_holds_no_answer_in_clear(client):
    """Decoded as the audit did, without the keys: no number, no name, no free text."""
    a_whole_wizard(client)
    rows = raw_rows()
    assert len(rows) == 1
    assert rows[0].startswith("gAAAAA")  # a Fernet token
    for row in rows:
        readable = readable_without_keys(row)
        for secret in SECRETS:
            assert secret not in readable
    # With the keys, the answers are there: the review shows them.
    assert NEEDS_TEXT in client.get("/fr/request/review/").content.decode()


def test_keys_rotate_old_sessions_are_rewritten_under_the_newest(client, settings):
    old, new = new_key(), new_key()
    settings.NATIONAL_NUMBER_KEYS = [old]
    a_whole_wizard(client)
    written_under_old = raw_rows()[0]
    Fernet(old).decrypt(written_under_old.encode())

    settings.NATIONAL_NUMBER_KEYS = [new, old]  # a new key first, the old one still read
    assert NEEDS_TEXT in client.get("/fr/request/review/").content.decode()
    rewritten = raw_rows()[0]
    assert json.loads(Fernet(new).decrypt(rewritten.encode()))["wizard_request_wizard"]

    settings.NATIONAL_NUMBER_KEYS = [new]  # the old key retired: nothing is lost
    assert NEEDS_TEXT in client.get("/fr/request/review/").content.decode()


def test_a_session_no_key_opens_is_empty_and_the_person_starts_again(client, settings):
    settings.NATIONAL_NUMBER_KEYS = [new_key()]
    a_whole_wizard(client)
    settings.NATIONAL_NUMBER_KEYS = [new_key()]
    response = client.get("/fr/request/review/")
    assert response.status_code == 302
    assert response["Location"] == "/fr/request/eligibility/"


def test_an_old_plaintext_session_is_read_once_and_written_encrypted(client):
    plain = PlainStore()
    plain["wizard_request_wizard"] = {
        "step": "identification",
        "step_data": {"eligibility": {"eligibility-already_helped": ["no"]}},
        "step_files": {},
        "extra_data": {"seen": timezone.now().timestamp(), "submission_key": "x"},
    }
    plain.save()
    assert not raw_rows()[0].startswith("gAAAAA")
    client.cookies["sessionid"] = plain.session_key

    assert client.get("/fr/request/identification/").status_code == 200
    assert raw_rows()[0].startswith("gAAAAA")
    assert SessionStore(plain.session_key).load()["wizard_request_wizard"]["step_data"]


def test_without_beat_a_process_purges_now_and_then(settings):
    """The embedded default (tasks in-process, no beat) purges when it writes a session."""
    expired = SessionStore()
    expired.set_expiry(-60)
    expired["x"] = 1
    expired.save()
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.SESSION_PURGE_SECONDS = 0
    SessionStore().save()
    assert Session.objects.filter(session_key=expired.session_key).exists()

    settings.CELERY_TASK_ALWAYS_EAGER = True
    SessionStore().save()
    assert not Session.objects.filter(session_key=expired.session_key).exists()


@pytest.mark.django_db(transaction=True)
def test_beat_purges_the_expired_sessions(tmp_path, communes):
    """A real beat and worker on Redis: the expired row goes, the live one stays."""
    import os

    live, expired = SessionStore(), SessionStore()
    live["x"] = expired["x"] = 1
    expired.set_expiry(-1)
    live.save()
    expired.save()
    env = {
        "CELERY_BROKER_URL": os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/5"),
        "SESSION_PURGE_SECONDS": "1",
    }
    worker = CeleryProcess("worker", tmp_path, env).start()
    beat = CeleryProcess("beat", tmp_path, env).start()
    try:
        wait_until(
            lambda: not Session.objects.filter(session_key=expired.session_key).exists(),
            timeout=40,
            what="the purge",
        )
    finally:
        beat.stop()
        worker.stop()
    assert Session.objects.filter(session_key=live.session_key).exists()
    assert "cpasonline.tasks.purge_sessions" in worker.log()


def test_the_purge_task_deletes_only_expired_rows(settings):
    from cpasonline.tasks import purge_sessions

    entry = settings.CELERY_BEAT_SCHEDULE["cpasonline-purge-sessions"]
    assert entry["task"] == "cpasonline.tasks.purge_sessions"
    live, expired = SessionStore(), SessionStore()
    live["x"] = expired["x"] = 1
    live.save()
    expired.set_expiry(-1)
    expired.save()
    Session.objects.filter(session_key=expired.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=5)
    )
    assert purge_sessions.run() == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]


@pytest.mark.parametrize(
    ("language", "words"),
    [("fr", "trop longue"), ("nl", "te lang"), ("de", "zu lang"), ("en", "too long")],
)
def test_a_session_past_the_size_cap_is_not_written_and_says_so(client, settings, language, words):
    wizard = Wizard(client, language)
    wizard.through_identity()
    kept = raw_rows()
    settings.SESSION_MAX_BYTES = 100

    response = wizard.post("place", {"in_institution": "no"})

    assert response.status_code == 413
    assert words in response.content.decode().lower()
    assert raw_rows() == kept  # the row keeps what it held
    settings.SESSION_MAX_BYTES = 32 * 1024
    assert wizard.post("place", {"in_institution": "no"}).status_code == 302
