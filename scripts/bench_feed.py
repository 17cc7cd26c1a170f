"""The change feed and the webhooks at 1 M requests (docs/integration.md; README "Performance").

    createdb -h 127.0.0.1 -U postgres cpas_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/cpas_bench
    .venv/bin/python scripts/bench_feed.py            # fill 1 M requests if fewer, then time
    .venv/bin/python scripts/bench_feed.py --json     # one JSON line last (scripts/bench.py)
    .venv/bin/python scripts/bench_feed.py --refill   # fill the feed again even if it is there

The database must be named "*bench*": its requests and feeds are replaced. The requests
come from ``scripts/bench_inbox.py``'s fill (1 M rows, three years, 565 CPAS); the feed
gets, with one ``INSERT … SELECT`` over them, the events those requests went through
(submitted, registered, read; decided for the decided ones: about 3.4 M events), numbered
per CPAS as the counter would have. The large CPAS's national numbers are encrypted, so
that the events carrying the request cost their decryption.

Figures:
- the feed, served through Django's test client (the server's time: middleware, token,
  queries, the request's data on arrival events, the access log, JSON): the large CPAS's
  whole feed read from 0 in pages of 500 (events/s), and pages of 500 from random cursors
  (p50, p95), and the same pages without the requests' data (``with_requests=false``);
- webhook delivery with a real Celery worker on Redis (``BENCH_BROKER_URL``, db 15): a
  receiver on this machine notes when each POST arrives; 50 steps (a request marked
  retrieved through the API) at 5 per second; the time from each step's commit to its
  webhook (p50, p95, max).
"""

import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
BROKER = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/15")
os.environ["CELERY_BROKER_URL"] = BROKER

import bench_inbox  # noqa: E402  (sets Django up)
from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from backoffice.api_auth import ApiCaller  # noqa: E402
from backoffice.models import ApiToken, hash_token  # noqa: E402
from backoffice.services import aid_request_mark_retrieved  # noqa: E402
from intake import crypto  # noqa: E402
from intake.models import AidRequest  # noqa: E402
from integration.models import FeedEvent, WebhookEndpoint  # noqa: E402
from integration.webhooks import webhook_endpoint_create  # noqa: E402
from routing.models import Cpas  # noqa: E402

PAGE = 500
RANDOM_PAGES = int(os.environ.get("BENCH_FEED_PAGES", "200"))
STEPS, RATE = 50, 5.0

FEED = """
-- The rows are consistent by construction: no foreign-key triggers row by row.
SET LOCAL session_replication_role = replica;
TRUNCATE integration_webhookdelivery, integration_webhookendpoint, integration_feedevent,
         integration_feedcounter;
INSERT INTO integration_feedevent (cpas_id, seq, type, occurred_at, aid_request_id,
                                   reference, test, data)
SELECT r.cpas_id,
       row_number() OVER (PARTITION BY r.cpas_id ORDER BY r.submitted_at, r.id, k),
       (ARRAY['request.submitted', 'request.registered', 'request.read',
              'request.decided'])[k + 1],
       r.submitted_at + k * interval '1 day', r.id, r.reference, false,
       CASE k
         WHEN 0 THEN jsonb_build_object(
           'rule', r.routing_rule, 'reception_date', r.reception_date,
           'competence_deadline', r.competence_deadline,
           'decision_deadline', r.decision_deadline, 'channel', 'online',
           'language', r.language, 'urgent', false)
         WHEN 1 THEN jsonb_build_object('number', r.id, 'year', 2026, 'late', false)
         WHEN 2 THEN '{}'::jsonb
         ELSE jsonb_build_object('outcome', 'granted', 'decided_on', r.reception_date + 20)
       END
FROM intake_aidrequest AS r
CROSS JOIN generate_series(0, 3) AS k
WHERE k < 3 OR r.state = 'decided';
INSERT INTO integration_feedcounter (cpas_id, last_seq)
SELECT cpas_id, max(seq) FROM integration_feedevent GROUP BY cpas_id;
"""


def fill() -> dict:
    began = time.perf_counter()
    requests = AidRequest.objects.count()
    if requests < 1_000_000:
        bench_inbox.fill(1_000_000, bench_inbox.bench_user())
    large = Cpas.objects.get(code=bench_inbox.LARGE_CPAS)
    token = crypto.encrypt("85073003328")  # one token for all: the same cost per row
    AidRequest.objects.filter(cpas=large).update(national_number_encrypted=token)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(FEED)
    with connection.cursor() as cursor:
        for table in ("integration_feedevent", "integration_feedcounter"):
            cursor.execute(f"VACUUM ANALYZE {table}")
        cursor.execute("SELECT count(*) FROM integration_feedevent")
        events = cursor.fetchone()[0]
    return {
        "requests": AidRequest.objects.count(),
        "events": events,
        "seconds": time.perf_counter() - began,
    }


def api_client(cpas: Cpas) -> tuple[Client, dict]:
    ApiToken.objects.get_or_create(
        token_hash=hash_token("b"), defaults={"cpas": cpas, "name": "bench", "prefix": "bench"}
    )
    return Client(), {"HTTP_AUTHORIZATION": "Bearer b"}


def get_page(client, headers, after: int, **params) -> tuple[float, dict]:
    began = time.perf_counter()
    response = client.get("/api/v1/feed", {"after": after, "limit": PAGE, **params}, **headers)
    elapsed = time.perf_counter() - began
    if response.status_code != 200:
        raise RuntimeError(f"the feed answered {response.status_code}")
    return elapsed, response.json()


def measure_feed(cpas: Cpas) -> dict:
    client, headers = api_client(cpas)
    get_page(client, headers, 0)  # warm up
    after, events, began = 0, 0, time.perf_counter()
    while True:
        _, page = get_page(client, headers, after)
        events += len(page["events"])
        after = page["next_after"]
        if not page["has_more"]:
            break
    catch_up = time.perf_counter() - began
    last = after
    times = [
        get_page(client, headers, random.randrange(0, last - PAGE))[0]  # noqa: S311
        for _ in range(RANDOM_PAGES)
    ]
    ordered = sorted(times)
    thin = sorted(
        get_page(client, headers, random.randrange(0, last - PAGE), with_requests="false")[0]  # noqa: S311
        for _ in range(RANDOM_PAGES)
    )
    return {
        "feed_events": events,
        "events_per_second": events / catch_up,
        "page_p50_ms": 1000 * statistics.median(ordered),
        "page_p95_ms": 1000 * ordered[int(0.95 * len(ordered)) - 1],
        "pages": len(times),
        "thin_page_p50_ms": 1000 * statistics.median(thin),
        "thin_page_p95_ms": 1000 * thin[int(0.95 * len(thin)) - 1],
    }


class Arrivals:
    def __init__(self):
        self.at: dict[str, float] = {}
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["content-length"])))
                now = time.time()
                for event in body["data"]["events"]:
                    owner.at.setdefault(event["reference"] + event["type"], now)
                self.send_response(204)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def measure_webhooks(cpas: Cpas) -> dict:
    import redis

    redis.Redis.from_url(BROKER).flushdb()
    WebhookEndpoint.objects.filter(cpas=cpas).update(is_active=False)
    arrivals = Arrivals()
    url = f"http://127.0.0.1:{arrivals.server.server_port}/"
    webhook_endpoint_create(cpas=cpas, url=url, user=None)
    env = {**os.environ, "WEBHOOK_ALLOW_LOOPBACK_HTTP": "on", "LOG_LEVEL": "WARNING"}
    worker = subprocess.Popen(  # noqa: S603 — our venv's Celery, fixed arguments
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "cpasonline",
            "worker",
            "--pool=solo",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
            f"--hostname=bench-feed-{os.getpid()}@%h",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(5)  # the worker connects to Redis
        token = ApiToken.objects.get(name="bench")
        caller = ApiCaller(cpas=cpas, scopes=frozenset({"read"}), label=token.name, api_token=token)
        fresh = AidRequest.objects.filter(cpas=cpas).exclude(retrievals__isnull=False)
        committed = {}
        for aid_request in fresh.order_by("?")[:STEPS]:
            aid_request_mark_retrieved(aid_request=aid_request, caller=caller)
            committed[aid_request.reference + "request.retrieved"] = time.time()
            time.sleep(1 / RATE)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not set(committed) <= set(arrivals.at):
            time.sleep(0.1)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        arrivals.server.shutdown()
    delays = sorted(arrivals.at[key] - at for key, at in committed.items() if key in arrivals.at)
    if len(delays) < len(committed):
        raise RuntimeError(f"{len(committed) - len(delays)} webhooks never arrived")
    return {
        "webhooks": len(delays),
        "webhook_p50_ms": 1000 * statistics.median(delays),
        "webhook_p95_ms": 1000 * delays[int(0.95 * len(delays)) - 1],
        "webhook_max_ms": 1000 * delays[-1],
    }


def main() -> None:
    bench_inbox.prepare()
    settings.DEBUG = False  # as in production (no query log)
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.SECURE_SSL_REDIRECT = False
    filled = FeedEvent.objects.exists() and AidRequest.objects.count() >= 1_000_000
    if filled and "--refill" not in sys.argv:
        events = FeedEvent.objects.count()
        result = {"fill": {"requests": AidRequest.objects.count(), "events": events, "seconds": 0}}
    else:
        result = {"fill": fill()}
    large = Cpas.objects.get(code=bench_inbox.LARGE_CPAS)
    result.update(measure_feed(large))
    result.update(measure_webhooks(large))
    if "--json" in sys.argv:
        print(json.dumps(result))
        return
    fill_ = result["fill"]
    print(
        f"{fill_['requests']:,} requests, {fill_['events']:,} feed events "
        f"(filled in {fill_['seconds']:.0f} s)"
    )
    print(
        f"feed, large CPAS read from 0 ({result['feed_events']:,} events): "
        f"{result['events_per_second']:,.0f} events/s   target ≥ 2,000"
    )
    print(
        f"feed, a page of {PAGE} from a random cursor ({result['pages']} pages): "
        f"p50 {result['page_p50_ms']:.1f} ms, p95 {result['page_p95_ms']:.1f} ms   "
        f"target p95 < 50 ms"
    )
    print(
        f"the same without the requests' data (with_requests=false): "
        f"p50 {result['thin_page_p50_ms']:.1f} ms, p95 {result['thin_page_p95_ms']:.1f} ms"
    )
    print(
        f"webhook from the step's commit ({result['webhooks']} at {RATE:.0f}/s): "
        f"p50 {result['webhook_p50_ms']:.0f} ms, p95 {result['webhook_p95_ms']:.0f} ms, "
        f"max {result['webhook_max_ms']:.0f} ms   target p95 < 2 s"
    )


if __name__ == "__main__":
    main()
