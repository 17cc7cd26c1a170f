"""The reference connector against the real thing (docs/integration.md): PostgreSQL,
gunicorn, Redis and a Celery worker delivering the webhooks. The connector is killed
(SIGKILL) in the middle of a catch-up, its webhook receiver with it; events keep coming;
both restart. Over 10 000 events: none missed, none applied twice, every webhook-id
received at least once."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
import redis
from django.conf import settings
from django.db import connection, transaction

from intake.constants import EventKind
from intake.models import AidRequest
from integration.feed import Draft, feed_events_append
from integration.kinds import KINDS
from integration.models import WebhookDelivery
from integration.webhooks import webhook_endpoint_create, webhook_sweep
from notifications.constants import DeliveryState
from routing.models import Cpas
from tests.factories import submit
from tests.faults import broker, free_port, wait_until
from tests.live import Gunicorn, celery_worker, stop

from .conftest import NAMUR, make_token

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/5")
TOTAL = 10_000
BATCH = 500


def append(aid_request: AidRequest, count: int) -> None:
    """``count`` events in the CPAS's feed through the feed's own service, in batches of
    one transaction each (their webhooks queued on each commit)."""
    kind = KINDS[EventKind.READ]
    for start in range(0, count, BATCH):
        size = min(BATCH, count - start)
        with transaction.atomic():
            drafts = [Draft(aid_request.cpas_id, kind, {}) for _ in range(size)]
            feed_events_append(drafts=drafts, aid_request=aid_request, at=aid_request.submitted_at)


class Connector:
    def __init__(self, tmp_path, api: str, token: str, secret: str):
        self.db_path = tmp_path / "social.sqlite3"
        self.port = free_port()
        self.log = tmp_path / "connector.log"
        self.args = [
            *(sys.executable, "-m", "connector", "--api", api, "--db", str(self.db_path)),
            *("--listen", f"127.0.0.1:{self.port}", "--poll", "30"),
        ]
        self.env = {**os.environ, "CONNECTOR_TOKEN": token, "CONNECTOR_WEBHOOK_SECRET": secret}
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 — our connector, fixed arguments
            self.args,
            cwd=settings.BASE_DIR,
            env=self.env,
            stdout=self.log.open("a"),
            stderr=subprocess.STDOUT,
        )
        wait_until(lambda: "ready" in self.log.read_text(), timeout=10, what="the connector")

    def kill(self):
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self):
        """At the end of the test, whatever happened: no connector outlives it."""
        if self.process is not None and self.process.poll() is None:
            self.kill()

    def query(self, sql: str):
        with sqlite3.connect(self.db_path, timeout=30) as db:
            return db.execute(sql).fetchone()

    def cursor(self) -> int:
        try:
            return self.query("SELECT after FROM cursor")[0]
        except sqlite3.OperationalError:  # not created yet
            return 0


@pytest.fixture
def stack(tmp_path, communes):
    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cpasonline.settings_test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_BROKER_URL": REDIS_URL,
        "WEBHOOK_ALLOW_LOOPBACK_HTTP": "on",
        "NOTIFICATIONS_RETRY_BACKOFF_SECONDS": "0.5",
        "NOTIFICATIONS_RETRY_BACKOFF_MAX": "1",
        "LOG_LEVEL": "WARNING",
    }
    worker = celery_worker(env, tmp_path / "worker.log")
    server = Gunicorn(env, tmp_path)
    try:
        with broker(REDIS_URL):
            yield server
    finally:
        server.close()
        stop(worker)
        client.flushdb()
        client.close()


def test_killed_and_down_then_restarted_nothing_missed_nothing_twice(
    stack, tmp_path, settings, request
):
    settings.OUTBOX_SWEEP_AFTER_MINUTES = 0
    token = make_token(NAMUR)
    connector = Connector(tmp_path, f"http://127.0.0.1:{stack.port}", token, "")
    request.addfinalizer(connector.stop)
    _endpoint, secret = webhook_endpoint_create(
        cpas=Cpas.objects.get(code=NAMUR), url=f"http://127.0.0.1:{connector.port}/", user=None
    )
    connector.env["CONNECTOR_WEBHOOK_SECRET"] = secret
    aid_request = submit()  # 2 events: submitted, registered
    started = time.monotonic()
    append(aid_request, 4_000)  # a backlog: the connector was not there yet
    connector.start()
    # Killed in the middle of its catch-up, its receiver with it.
    wait_until(lambda: connector.cursor() >= 1_000, timeout=30, what="the catch-up to start")
    connector.kill()
    killed_at = connector.cursor()
    assert 0 < killed_at < 4_002, "killed mid-sync"
    append(aid_request, 3_000)  # while it is down: the webhooks fail and wait
    time.sleep(1)
    connector.start()
    append(aid_request, TOTAL - 2 - 7_000)  # and while it catches up again

    def settled():
        webhook_sweep()  # the beat's sweep: queue the deliveries due again
        waiting = WebhookDelivery.objects.exclude(state=DeliveryState.SENT).count()
        return connector.cursor() == TOTAL and waiting == 0

    wait_until(settled, timeout=60, every=0.5, what="every event applied and delivered")
    count, distinct, low, high = connector.query(
        "SELECT count(*), count(DISTINCT seq), min(seq), max(seq) FROM applied"
    )
    assert (count, distinct, low, high) == (TOTAL, TOTAL, 1, TOTAL)  # 0 missed, 0 twice
    announced, low, high = connector.query("SELECT count(*), min(seq), max(seq) FROM announced")
    assert (announced, low, high) == (TOTAL, 1, TOTAL)  # every event POSTed at least once
    ids, copies = connector.query(
        "SELECT count(*), (SELECT count(*) FROM webhook_log) FROM webhooks"
    )
    assert ids == WebhookDelivery.objects.count()
    assert copies >= ids
    national_number, register_number = connector.query(
        "SELECT national_number, register_number FROM cases"
    )
    assert (national_number, register_number) == ("85073003328", 1)
    failed = WebhookDelivery.objects.filter(attempts__gt=1).count()
    assert failed > 0, "the receiver was down: some deliveries were retried"
    print(
        f"\n{TOTAL} events in {time.monotonic() - started:.1f} s; killed at {killed_at}; "
        f"{failed} deliveries retried; {copies - ids} duplicate webhooks deduped"
    )
