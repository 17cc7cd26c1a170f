"""With a real Celery worker on the real Redis (database 5): delivery, and a broker outage.

The worker runs as a subprocess on the test database; it writes its mail to files.
"""

import email
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection

from intake.models import AidRequest
from notifications.constants import DeliveryState, EmailKind
from notifications.models import CpasNotificationSettings, OutgoingEmail
from notifications.tasks import sweep_outbox
from routing.models import Cpas
from tests.factories import submit
from tests.faults import broker

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

# A database of this suite's own (flushed); parallel checkouts each set their own.
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/5")
SEPARATOR = "-" * 79


class Worker:
    def __init__(self, mail_dir: Path, process: subprocess.Popen):
        self.mail_dir = mail_dir
        self.process = process

    def messages(self) -> list[email.message.Message]:
        found = []
        for path in sorted(self.mail_dir.glob("*.log")):
            for chunk in path.read_bytes().split(SEPARATOR.encode()):
                if chunk.strip():
                    found.append(email.message_from_bytes(chunk.strip()))
        return found

    def wait_for(self, count: int, timeout: float = 60) -> list[email.message.Message]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "the worker stopped"
            if len(messages := self.messages()) >= count:
                return messages
            time.sleep(0.2)
        return self.messages()


@pytest.fixture
def worker(tmp_path, communes):
    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()  # database 5 is this suite's own
    mail_dir = tmp_path / "mail"
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cpasonline.settings_test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_BROKER_URL": REDIS_URL,
        "TEST_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "TEST_EMAIL_FILE_PATH": str(mail_dir),
        "OUTBOX_SWEEP_AFTER_MINUTES": "0",
    }
    log = (tmp_path / "worker.log").open("w")
    process = subprocess.Popen(  # noqa: S603
        [
            *(sys.executable, "-m", "celery", "-A", "cpasonline", "worker"),
            *("--pool=solo", "--without-heartbeat", "--without-gossip", "--without-mingle"),
            *("--loglevel=INFO", f"--hostname=test-{os.getpid()}@%h"),
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        yield Worker(mail_dir, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        client.flushdb()
        client.close()


def settled_states(timeout: float = 10) -> set[str]:
    """The outbox's states once no row is pending or sending any more: the worker writes
    the mail just before it commits the row as sent, so a mail seen may still be a row
    being sent."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        unsettled = [DeliveryState.PENDING, DeliveryState.SENDING]
        if not OutgoingEmail.objects.filter(state__in=unsettled).exists():
            break
        time.sleep(0.1)
    return set(OutgoingEmail.objects.values_list("state", flat=True))


def give_contacts(*codes: str) -> None:
    for code in codes:
        Cpas.objects.filter(code=code).update(email=f"social-{code}@cpas.example")


def test_a_real_worker_delivers_the_acknowledgement_and_the_alert(worker):
    give_contacts("92094", "44021")
    started = time.monotonic()
    with broker(REDIS_URL):
        requests = [
            submit(nis_code="92094", language="fr", email="one@example.org"),
            submit(nis_code="44021", language="nl", email="two@example.org"),
        ]
    messages = worker.wait_for(4)
    elapsed = time.monotonic() - started

    print(f"\n[worker] 2 requests -> {len(messages)} mails delivered in {elapsed:.2f} s")
    assert sorted((m["X-CPAS-Online-Kind"], m["To"]) for m in messages) == [
        ("acknowledgement", "one@example.org"),
        ("acknowledgement", "two@example.org"),
        ("cpas_alert", "social-44021@cpas.example"),
        ("cpas_alert", "social-92094@cpas.example"),
    ]
    acknowledgement = next(m for m in messages if m["To"] == "two@example.org")
    text = acknowledgement.get_payload()[0].get_payload(decode=True).decode()
    assert requests[1].reference in text
    assert "vrijdag 20 november 2026" in text.replace("\u00a0", " ")  # no-break spaces
    assert settled_states() == {DeliveryState.SENT}


def test_a_broker_outage_loses_nothing_and_the_sweeper_sends_each_mail_once(worker):
    give_contacts("92094", "44021", "21004")  # 63023 has no address: no alert
    CpasNotificationSettings.objects.create(
        cpas=Cpas.objects.get(code="21004"), alerts_enabled=False
    )
    communes = ["92094", "44021", "21004", "63023"]

    # The test settings' broker is a closed port: every publication fails.
    started = time.monotonic()
    for i in range(100):
        submit(nis_code=communes[i % 4], email=f"person{i}@example.org")
    outage = time.monotonic() - started

    assert AidRequest.objects.count() == 100
    assert OutgoingEmail.objects.filter(state=DeliveryState.PENDING).count() == 150
    assert worker.messages() == []

    # The broker is back: the sweeper (run by the worker) queues everything again.
    started = time.monotonic()
    with broker(REDIS_URL):
        sweep_outbox.delay()
    messages = worker.wait_for(150, timeout=120)
    recovery = time.monotonic() - started
    # A second sweep finds nothing left: no duplicates.
    with broker(REDIS_URL):
        sweep_outbox.delay()
    time.sleep(2)
    messages = worker.messages()

    kinds = [m["X-CPAS-Online-Kind"] for m in messages]
    print(
        f"\n[outage] 100 submissions with the broker down in {outage:.2f} s "
        f"({outage * 10:.0f} ms each); after recovery {kinds.count('acknowledgement')} "
        f"acknowledgements and {kinds.count('cpas_alert')} CPAS alerts in {recovery:.2f} s"
    )
    assert kinds.count(EmailKind.ACKNOWLEDGEMENT) == 100
    assert kinds.count(EmailKind.CPAS_ALERT) == 50  # 25 for Namur, 25 for Gent
    assert len({m["Message-ID"] for m in messages}) == 150
    assert sorted(m["To"] for m in messages if m["X-CPAS-Online-Kind"] == "acknowledgement") == (
        sorted(f"person{i}@example.org" for i in range(100))
    )
    assert OutgoingEmail.objects.filter(state=DeliveryState.SENT).count() == 150
