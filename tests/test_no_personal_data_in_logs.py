"""Nothing personal in addresses and logs (docs/data-protection.md): a whole day on a
real gunicorn, then its access log, its error log, the application's log and the Celery
worker's log are read for the national numbers, names and addresses used. None is there.

The citizen sends a request through the wizard; a social worker mistypes the password,
logs in with the second factor, searches by national number (typed two ways) and by
name, turns the page, exports, opens the request; a stale search and a forged token are
tried. The access log must show those pages (so the test reads what it should)."""

import base64
import os
import re
import secrets
import time

import pytest
import redis
from django.db import connection
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from backoffice.constants import Role
from backoffice.models import User
from intake.models import AidRequest
from notifications.models import OutgoingEmail
from routing.models import Cpas

from .live import Browser, Gunicorn, celery_worker, stop, walk_wizard

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/5")
NATIONAL_NUMBER = "78110200204"  # born 2 November 1978
FORMATTED = "78.11.02-002.04"
FIRST, LAST = "Zébulon", "Zylberstein"
EMAIL = "zebulon.zylberstein@example.org"
PASSWORD = "correct horse battery staple"

ANSWERS = {
    "eligibility": {"already_helped": "no"},
    "identification": {"method": "typed"},
    "identity": {
        "first_name": FIRST,
        "last_name": LAST,
        "national_number": FORMATTED,
        "birth_day": "2",
        "birth_month": "11",
        "birth_year": "1978",
    },
    "contact": {"email": EMAIL, "email_confirmation": EMAIL, "phone": "0470 12 34 56"},
    "place": {"in_institution": "no"},
    "student": {"full_time_student": "no"},
    "residence": {"lives_at_domicile": "yes", "domicile_commune": "Namur"},
    "needs": {"categories": ["income", "housing"], "needs_text": "Sans logement depuis mardi"},
    "review": {},
}
# Whatever form a value may take in a log line: as typed, URL-encoded, in parts.
NEVER_LOGGED = [
    NATIONAL_NUMBER,
    FORMATTED,
    "78.11.02",
    "781102",
    FIRST,
    "Z%C3%A9bulon",
    "Zebulon",
    "zébulon",
    LAST,
    LAST.lower(),
    "zebulon.zylberstein",
    "zebulon.zylberstein%40",
    "470 12 34",
    "0470123456",
    "Sans logement",
    "Sans+logement",
    "1978-11-02",
    "02/11/1978",
]


@pytest.fixture
def stack(tmp_path, communes):
    """gunicorn with production settings (DEBUG off) and a Celery worker, on the test
    database, with their logs in files."""
    broker = redis.Redis.from_url(REDIS_URL)
    broker.flushdb()  # this checkout's own database
    Cpas.objects.filter(code="92094").update(email="social-92094@cpas.example")
    db = connection.settings_dict
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "cpasonline.settings_test",
        "DEBUG": "off",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_BROKER_URL": REDIS_URL,
        "EMAIL_URL": "dummymail://",
        "TEST_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "TEST_EMAIL_FILE_PATH": str(tmp_path / "mail"),
        "NATIONAL_NUMBER_KEYS": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        "NATIONAL_NUMBER_HASH_KEY": secrets.token_urlsafe(32),
        "SECURE_SSL_REDIRECT": "off",
        "STAFF_OTP_REQUIRED": "on",
        "VAR_DIR": str(tmp_path),
        "LOG_LEVEL": "DEBUG",  # everything the application would ever say
    }
    worker = celery_worker(env, tmp_path / "worker.log")
    server = Gunicorn(env, tmp_path)
    try:
        yield server, tmp_path
    finally:
        server.close()
        stop(worker)
        broker.flushdb()
        broker.close()


def staff_member() -> TOTPDevice:
    user = User.objects.create_user(
        username="assistant",
        password=PASSWORD,
        role=Role.CASEWORKER,
        cpas=Cpas.objects.get(code="92094"),
    )
    return TOTPDevice.objects.create(user=user, name="TOTP", confirmed=True)


def code(device: TOTPDevice) -> str:
    device.refresh_from_db()
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def staff_day(server, device, reference: str) -> list[str]:
    """The social worker's pages, in order; the paths shown."""
    staff = Browser(server)
    status, path, page = staff.follow("GET", "/fr/backoffice/")
    staff.submit(path, page, {"username": "assistant", "password": "wrong"})
    status, path, page = staff.follow("GET", "/fr/backoffice/login/")
    status, path, page = staff.submit(path, page, {"username": "assistant", "password": PASSWORD})
    assert "/two-factor/verify/" in path
    status, path, page = staff.submit(path, page, {"token": code(device)})
    assert status == 200 and path == "/fr/backoffice/", (status, path)
    shown = []
    for searched in (NATIONAL_NUMBER, FORMATTED, LAST, f"{FIRST} {LAST}"):
        status, path, page = staff.submit("/fr/backoffice/", page, {"q": searched, "state": ""})
        assert status == 200 and reference in page, (searched, path)
        shown.append(path)
    status, path, page = staff.follow("GET", shown[-1] + "&page=1")
    status, _, csv = staff.submit(
        path, page, {"q": LAST, "state": ""}, action="/fr/backoffice/export.csv"
    )
    assert status == 200 and reference in csv
    status, path, page = staff.follow("GET", f"/fr/backoffice/requests/{reference}/")
    assert status == 200 and LAST in page
    staff.follow("GET", "/fr/backoffice/?search=stale")  # a search the session lost
    staff.follow("POST", "/fr/backoffice/", {"q": LAST})  # no CSRF token: refused
    staff.follow("GET", "/fr/backoffice/invitation/" + "x" * 43 + "/")  # a forged link
    return shown


def test_no_national_number_name_or_address_in_any_log(stack):
    server, folder = stack
    device = staff_member()
    reference = walk_wizard(Browser(server), "/fr/request/", ANSWERS)
    assert AidRequest.objects.get(reference=reference).last_name == LAST
    shown = staff_day(server, device, reference)

    deadline = time.monotonic() + 30  # the worker sends the acknowledgement and the alert
    while time.monotonic() < deadline and OutgoingEmail.objects.exclude(state="sent").exists():
        time.sleep(0.2)
    assert set(OutgoingEmail.objects.values_list("state", flat=True)) == {"sent"}
    server.close()
    time.sleep(0.5)

    logs = {
        name: (folder / name).read_text()
        for name in ("access.log", "gunicorn-error.log", "app.log", "worker.log")
    }
    access = logs["access.log"]
    assert re.search(r'"POST /fr/backoffice/ HTTP/1.1" 302', access)
    for path in shown:
        assert re.fullmatch(r"/fr/backoffice/\?search=[\w-]{4,12}", path)
        assert f'"GET {path} HTTP/1.1" 200' in access
    assert '"POST /fr/backoffice/export.csv HTTP/1.1" 200' in access
    assert f'"GET /fr/backoffice/requests/{reference}/ HTTP/1.1" 200' in access
    assert "submitted for CPAS 92094" in logs["app.log"]  # the application's log is read
    assert "succeeded" in logs["worker.log"]  # and the worker's
    found = [
        (name, value, line.strip()[:200])
        for name, text in logs.items()
        for line in text.splitlines()
        for value in NEVER_LOGGED
        if value in line
    ]
    assert found == []
