"""Benchmark: throughput and latency of CPAS Online under gunicorn, measured in one run.

    make bench                      # or: .venv/bin/python scripts/bench.py --help
    make bench BENCH_ARGS="--database-url postgres://postgres@127.0.0.1:5432/cpasonline_bench"

Starts gunicorn (production settings, DEBUG off, ``--workers`` sync workers) on a fresh
database (a SQLite file by default, or ``--database-url``), then drives load with a
small multi-threaded HTTP client (standard library only; each request opens its own
connection, as gunicorn's sync workers close it) and prints requests/s and latency
percentiles. The same client and server measure every row, so the rows compare.
Redis: the broker on db 15 (``BENCH_BROKER_URL``) and the cache on db 14
(``BENCH_CACHE_URL``), so that a benchmark never takes the tasks of a test run.

Extension points: the ``bench_*`` functions below. Each receives the running ``Server``
and returns ``Row``s, or raises ``NotMeasuredYet`` with the reason; ``main`` prints them
all. A row's ``target`` states the goal it is checked against.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import http.client
import itertools
import json
import math
import os
import platform
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


class NotMeasuredYet(Exception):
    """A figure whose feature has not landed yet."""


@dataclass
class Result:
    """What a load run measured."""

    requests: int
    errors: int
    seconds: float
    latencies: list[float] = field(repr=False)

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds

    def percentile(self, p: float) -> float:
        """Latency percentile in milliseconds."""
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return 1000 * ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


@dataclass
class Row:
    name: str
    value: str
    detail: str = ""
    target: str = ""


@dataclass
class Server:
    """The running gunicorn and the environment it was started with."""

    host: str
    port: int
    env: dict[str, str]
    workers: int
    duration: float
    concurrency: int
    process: subprocess.Popen | None = None

    def manage(self, *args: str) -> None:
        """Run a manage.py command against the benchmark's database and settings."""
        subprocess.run(  # noqa: S603 — our own manage.py with fixed arguments
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, check=True
        )

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            connection.request("GET", path, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def load(self, path: str, *, duration: float | None = None) -> Result:
        """GET ``path`` from ``concurrency`` threads for ``duration`` seconds."""
        return load(lambda: self.get(path)[0], self.concurrency, duration or self.duration)

    def compare(self, requests: dict[str, Callable[[], int]], rounds: int = 3) -> dict:
        """Load each named request callable in turn, ``rounds`` times, ``duration`` seconds
        each in all: alternating spreads any drift of the machine's load over all of them."""
        results: dict[str, Result] = {}
        for _ in range(rounds):
            for name, request in requests.items():
                result = load(request, self.concurrency, self.duration / rounds)
                results[name] = merge(results[name], result) if name in results else result
        return results


def load(request: Callable[[], int], concurrency: int, duration: float) -> Result:
    """Call ``request`` (returns an HTTP status) in a loop from ``concurrency`` threads
    for ``duration`` seconds, after a one-second warm-up."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    measuring = threading.Event()
    stop = threading.Event()

    def worker() -> None:
        nonlocal errors
        mine: list[float] = []
        failed = 0
        while not stop.is_set():
            started = time.perf_counter()
            try:
                ok = request() < 400
            except OSError:
                ok = False
            if measuring.is_set() and not stop.is_set():
                mine.append(time.perf_counter() - started)
                failed += not ok
        with lock:
            latencies.extend(mine)
            errors += failed

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    time.sleep(1.0)
    measuring.set()
    started = time.perf_counter()
    time.sleep(duration)
    stop.set()
    seconds = time.perf_counter() - started
    for thread in threads:
        thread.join()
    return Result(len(latencies), errors, seconds, latencies)


def merge(first: Result, second: Result) -> Result:
    return Result(
        first.requests + second.requests,
        first.errors + second.errors,
        first.seconds + second.seconds,
        first.latencies + second.latencies,
    )


def describe(result: Result) -> str:
    return (
        f"{result.per_second:7.0f} req/s  p50 {result.percentile(50):6.1f} ms  "
        f"p95 {result.percentile(95):6.1f} ms  ({result.requests} requests, "
        f"{result.errors} errors)"
    )


def cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


# --- The figures -------------------------------------------------------------------------


def bench_bare_and_home(server: Server) -> list[Row]:
    """A bare Django view (liveness: middleware, no database, no template) against the
    home page (template, language switcher, static manifest) under the same server."""
    results = server.compare(
        {"bare": lambda: server.get("/health/live/")[0], "home": lambda: server.get("/fr/")[0]}
    )
    bare, home = results["bare"], results["home"]
    ratio = home.per_second / bare.per_second
    return [
        Row("bare view /health/live/", describe(bare)),
        Row("home page /fr/", describe(home), f"{ratio:.0%} of the bare view"),
    ]


def bench_wizard_step(server: Server) -> list[Row]:
    """GET of a wizard step page (session read from the database, form rendered)
    against the bare view. The client keeps its cookies as a browser does: the session
    and the CSRF cookie, both set by the first two pages."""
    browser = Browser(server)
    for path in ("/fr/request/", "/fr/request/eligibility/"):
        browser.request("GET", path)
    headers = {"Cookie": cookie_header(browser.cookies)}
    if server.get("/fr/request/eligibility/", headers)[0] != 200:
        raise RuntimeError("the wizard's first step did not answer 200")
    results = server.compare(
        {
            "bare": lambda: server.get("/health/live/")[0],
            "step": lambda: server.get("/fr/request/eligibility/", headers)[0],
        }
    )
    bare, step = results["bare"], results["step"]
    ratio = step.per_second / bare.per_second
    return [
        Row("bare view /health/live/", describe(bare)),
        Row("wizard step /fr/request/eligibility/", describe(step), f"{ratio:.0%} of bare"),
    ]


WIZARD_ANSWERS = {  # the typed national number path of tests/intake/test_wizard.py, at home
    "eligibility": {"already_helped": "no"},
    "identification": {"method": "typed"},
    "identity": {"first_name": "Alex", "last_name": "Martin"},  # + number and birth date
    "contact": {},  # an address per request, below
    "place": {"in_institution": "no"},
    "student": {"full_time_student": "no"},
    "residence": {"lives_at_domicile": "yes", "domicile_commune": "Namur"},
    "needs": {"categories": ["income", "housing"]},
    "review": {},
}
WIZARD_START = "/fr/request/"
CONFIRMATION = "/fr/request/confirmation/"
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CURRENT_STEP = re.compile(r'name="([\w-]+-current_step)" value="([^"]+)"')
REFERENCE = re.compile(r'class="panel__reference">(CPAS-[\dA-Z-]+)<')
REDIRECTS = {301, 302, 303, 307, 308}


class JourneyFailed(Exception):
    """A wizard walk that did not end on the confirmation page."""


class Browser:
    """One visitor: its own cookie jar; redirects followed with GET, as a browser does."""

    def __init__(self, server: Server):
        self.server = server
        self.cookies: dict[str, str] = {}
        self.requests = 0

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, str, str]:
        """One request on its own connection: (status, Location, page)."""
        self.requests += 1
        headers = {}
        if self.cookies:
            headers["Cookie"] = cookie_header(self.cookies)
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"http://{self.server.host}:{self.server.port}"
        connection = http.client.HTTPConnection(self.server.host, self.server.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            page = response.read().decode()
            for cookie in response.headers.get_all("Set-Cookie") or []:
                name, _, value = cookie.split(";", 1)[0].partition("=")
                if "max-age=0" in cookie.lower():
                    self.cookies.pop(name.strip(), None)
                else:
                    self.cookies[name.strip()] = value
            return response.status, response.getheader("Location", ""), page
        finally:
            connection.close()

    def follow(self, method: str, path: str, body: str | None = None) -> tuple[int, str, str]:
        """Request, then GET each redirect: (final status, final path, page)."""
        for _ in range(5):
            status, location, page = self.request(method, path, body)
            if status not in REDIRECTS:
                return status, path, page
            target = urlsplit(urljoin(path, location))
            method, body = "GET", None
            path = target.path + (f"?{target.query}" if target.query else "")
        raise JourneyFailed(f"too many redirects from {path}")


def national_number(sequence: int) -> str:
    """A valid national number born 30 July 1985, sequence 1 to 997 (check: 97 - mod 97)."""
    nine = f"850730{sequence % 997 + 1:03d}"
    return f"{nine}{97 - int(nine) % 97:02d}"


def submit_request(server: Server, serial: int, browser: Browser | None = None) -> str:
    """Walk the whole wizard as a browser would (GET each step, POST its answers with the
    form's CSRF token, follow the redirects), send, and return the reference shown on the
    confirmation page. ``serial`` varies the national number and the email address."""
    answers = {
        **WIZARD_ANSWERS,
        "identity": {
            **WIZARD_ANSWERS["identity"],
            "national_number": national_number(serial),
            "birth_day": "30",
            "birth_month": "7",
            "birth_year": "1985",
        },
        "contact": {"email": f"bench{serial}@example.org"},
    }
    answers["contact"]["email_confirmation"] = answers["contact"]["email"]
    browser = browser or Browser(server)
    status, path, page = browser.follow("GET", WIZARD_START)
    posted = None
    while path != CONFIRMATION:
        token, step = CSRF_TOKEN.search(page), CURRENT_STEP.search(page)
        if status != 200 or not token or not step:
            raise JourneyFailed(f"{path} answered {status} without the wizard's form")
        management, name = step.groups()
        if name == posted:
            raise JourneyFailed(f"the step {name} refused its answers")
        if name not in answers:
            raise JourneyFailed(f"unexpected step {name}")
        fields = {f"{name}-{key}": value for key, value in answers.pop(name).items()}
        body = urlencode({"csrfmiddlewaretoken": token[1], management: name, **fields}, doseq=True)
        posted = name
        status, path, page = browser.follow("POST", path, body)
    reference = REFERENCE.search(page)
    if status != 200 or not reference:
        raise JourneyFailed(f"the confirmation page answered {status} without a reference")
    return reference[1]


def run_json(server: Server, *arguments: str, data: object = None) -> object:
    """Run one of our Python scripts with the server's environment (its database), ``data``
    as JSON on stdin; it prints a JSON value last, returned."""
    completed = subprocess.run(  # noqa: S603 — our own scripts with fixed arguments
        [sys.executable, *arguments],
        cwd=ROOT,
        env=server.env,
        input=json.dumps(data),
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode:
        raise RuntimeError(f"{arguments[0]} failed:\n{completed.stderr[-2000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def query(server: Server, code: str, data: object = None) -> object:
    """Run ``code`` in Django's shell on the benchmark's database; it reads ``DATA`` (``data``
    sent as JSON on stdin) and prints one JSON value, returned."""
    prelude = "import json, sys\nDATA = json.load(sys.stdin)\n"
    return run_json(server, "manage.py", "shell", "--verbosity=0", "-c", prelude + code, data=data)


def requests_count(server: Server, references: list[str]) -> tuple[int, int]:
    """(requests in the database, of them with one of ``references``)."""
    return query(
        server,
        "from intake.models import AidRequest\n"
        "print(json.dumps([AidRequest.objects.count(), "
        "AidRequest.objects.filter(reference__in=DATA).count()]))",
        references,
    )


def celery(server: Server, *args: str, **options) -> subprocess.Popen:
    """``celery -A cpasonline …`` with the server's environment (its broker, its database)."""
    return subprocess.Popen(  # noqa: S603 — our venv's celery, fixed arguments
        [str(VENV_BIN / "celery"), "-A", "cpasonline", *args], cwd=ROOT, env=server.env, **options
    )


def purge_broker(server: Server) -> None:
    """Drop the tasks waiting on the benchmark's own broker (nobody else's: BENCH_BROKER_URL)."""
    process = celery(server, "purge", "-f", stdout=subprocess.DEVNULL)
    if process.wait(timeout=60):
        raise RuntimeError("celery purge failed")


def give_contact(server: Server) -> None:
    """Give the wizard's CPAS (Namur) an address, as ``import_cpas_contacts`` does: each
    request then queues its acknowledgement and the CPAS's alert, as in production."""
    query(
        server,
        "from routing.models import Cpas\n"
        "print(Cpas.objects.filter(code='92094').update(email='social@cpas-namur.example'))",
    )


def bench_submissions(server: Server) -> list[Row]:
    """Full submissions per second: each thread walks the whole wizard over HTTP with its
    own cookie jar (every step's page, its answers with the form's CSRF token, the review,
    the sending, the confirmation page), typed national number path; p50/p95 of a journey.

    The benchmark's environment sets ``SUBMISSION_RATE`` very high (``production_env``):
    the real limit (20 sendings an hour per client address) would stop the loopback
    client after 20. Afterwards the database must hold exactly the requests whose
    confirmation page was seen (those of the warm-up and of the last second included),
    or the benchmark stops. No worker runs: the emails queued meanwhile are purged from
    the benchmark's broker.
    """
    give_contact(server)
    before, _ = requests_count(server, [])
    serials = itertools.count()
    references: list[str] = []
    failures: list[str] = []
    lock = threading.Lock()
    http_requests = 0

    def journey() -> int:
        nonlocal http_requests
        browser = Browser(server)
        try:
            reference = submit_request(server, next(serials), browser)
        except JourneyFailed as failure:
            with lock:
                failures.append(str(failure))
            return 599
        with lock:
            references.append(reference)
            http_requests += browser.requests
        return 200

    result = load(journey, server.concurrency, server.duration)
    total, found = requests_count(server, references)
    purge_broker(server)
    if total - before != len(references) or found != len(references):
        raise RuntimeError(
            f"{len(references)} confirmations seen, but {total - before} new requests in the "
            f"database ({found} of them with a reference seen)"
        )
    done = result.requests - result.errors
    per_journey = http_requests / max(1, len(references))
    detail = f"{per_journey:.0f} HTTP requests each, {result.per_second * per_journey:.0f}/s"
    if failures:
        detail += f"; first failure: {failures[0]}"
    return [
        Row(
            "submissions (whole wizard)",
            f"{done / result.seconds:7.1f} sub/s  p50 {result.percentile(50):6.1f} ms  "
            f"p95 {result.percentile(95):6.1f} ms  ({done} submissions, {result.errors} "
            f"errors; {len(references)} in all, each found in the database)",
            detail,
        )
    ]


ACKNOWLEDGED = """
from notifications.models import OutgoingEmail
rows = OutgoingEmail.objects.filter(kind="acknowledgement", aid_request__reference__in=DATA)
print(json.dumps([
    [row.aid_request.submitted_at.timestamp(), row.sent_at and row.sent_at.timestamp()]
    for row in rows.select_related("aid_request")
]))
"""


def acknowledgement_times(server: Server, references: list[str], timeout: float) -> list:
    """[submitted, sent or None] of the references' acknowledgements, waiting until all
    are sent or ``timeout`` seconds have passed."""
    deadline = time.monotonic() + timeout
    while True:
        rows = query(server, ACKNOWLEDGED, references)
        if all(sent for _, sent in rows) and len(rows) == len(references):
            return rows
        if time.monotonic() > deadline:
            return rows
        time.sleep(0.5)


ACKNOWLEDGEMENT_REQUESTS = 50
ACKNOWLEDGEMENT_PACE = 5  # requests started per second
ACKNOWLEDGEMENT_WAIT = 30  # seconds after the last submission


def bench_acknowledgement_latency(server: Server) -> list[Row]:
    """Time from submission to the acknowledgement leaving the outbox, with a real
    Celery worker on Redis (``celery -A cpasonline worker``, as ``make worker``, with
    ``server.env``: the benchmark's broker, by default Redis database 15).

    The broker's waiting tasks are purged first (the submissions figure leaves some);
    once the worker answers a ping, one request warms it up (not counted), then
    ``ACKNOWLEDGEMENT_REQUESTS`` wizard walks start ``ACKNOWLEDGEMENT_PACE`` a second.
    Latency: the row's ``sent_at`` minus the request's ``submitted_at`` (both the
    server's clock); one not sent ``ACKNOWLEDGEMENT_WAIT`` s after the last submission
    counts as infinitely late, and the row says why (the worker's last error).
    Target: p95 < 2 s.
    """
    give_contact(server)
    purge_broker(server)
    log_path = Path(server.env["VAR_DIR"]) / "celery-worker.log"
    with log_path.open("wb") as log:
        worker = celery(
            server,
            *("worker", "--loglevel=WARNING", f"--hostname={worker_name()}"),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its pool processes in one group, stopped with it
        )
    try:
        return _acknowledgements(server, worker, log_path)
    finally:
        worker.terminate()  # warm shutdown: the pool finishes its tasks and exits
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(worker.pid, signal.SIGKILL)  # a pool process left behind


def worker_name() -> str:
    return f"bench-{os.getpid()}@{socket.gethostname()}"


def wait_for_worker(server: Server, worker: subprocess.Popen, log_path: Path) -> None:
    """Until the worker answers ``celery inspect ping`` (at most 60 s)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            raise RuntimeError(f"the Celery worker stopped: {last_error(log_path)}")
        ping = celery(
            server,
            *("inspect", "ping", "--timeout=1", f"--destination={worker_name()}"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if ping.wait(timeout=60) == 0:
            return
    raise RuntimeError("the Celery worker did not answer within 60 s")


def _acknowledgements(server: Server, worker: subprocess.Popen, log_path: Path) -> list[Row]:
    wait_for_worker(server, worker, log_path)
    serials = itertools.count(10_000)
    acknowledgement_times(server, [submit_request(server, next(serials))], timeout=10)

    references: list[str] = []
    failures: list[str] = []

    def submit() -> None:
        try:
            references.append(submit_request(server, next(serials)))
        except (JourneyFailed, OSError) as failure:
            failures.append(str(failure))

    threads = []
    started = time.monotonic()
    for index in range(ACKNOWLEDGEMENT_REQUESTS):
        time.sleep(max(0.0, started + index / ACKNOWLEDGEMENT_PACE - time.monotonic()))
        threads.append(threading.Thread(target=submit))
        threads[-1].start()
    for thread in threads:
        thread.join()
    if failures:
        raise RuntimeError(f"{len(failures)} submissions failed; first: {failures[0]}")
    if worker.poll() is not None:
        raise RuntimeError("the Celery worker stopped")

    rows = acknowledgement_times(server, references, timeout=ACKNOWLEDGEMENT_WAIT)
    if len(rows) != len(references):
        raise RuntimeError(f"{len(references)} requests sent, {len(rows)} acknowledgements")
    # An acknowledgement never sent is infinitely late: the percentiles say so.
    latencies = sorted(sent - submitted if sent else math.inf for submitted, sent in rows)
    unsent = latencies.count(math.inf)
    result = Result(len(latencies), unsent, 1, latencies)
    p95 = result.percentile(95)
    detail = ""
    if unsent:
        detail = (
            f"{unsent} of {len(rows)} NOT sent within {ACKNOWLEDGEMENT_WAIT} s "
            f"(worker: {last_error(log_path)})"
        )
    return [
        Row(
            "acknowledgement latency",
            f"p50 {result.percentile(50):6.0f} ms  p95 {p95:6.0f} ms  "
            f"max {1000 * latencies[-1]:6.0f} ms  ({len(rows)} requests at "
            f"{ACKNOWLEDGEMENT_PACE}/s, real worker)",
            detail,
            target=f"target p95 < 2 s: {'met' if p95 < 2000 else 'MISSED'}",
        )
    ]


def last_error(log_path: Path) -> str:
    """The last exception line of the worker's log."""
    errors = [
        line.strip()
        for line in log_path.read_text(errors="replace").splitlines()
        if re.match(r"^[\w.]+(Error|Exception)\b", line)
    ]
    return errors[-1] if errors else f"no error logged; log {log_path}"


def _bench_inbox_script(server: Server, *args: str) -> dict:
    """Run ``scripts/bench_inbox.py`` on the benchmark's database; the JSON it prints."""
    return run_json(server, "scripts/bench_inbox.py", *args)


def _inbox_client(server: Server, cookies: list[str]) -> Callable[[str], int]:
    """GET a back-office page with one logged-in session per client thread."""
    local = threading.local()
    lock = threading.Lock()
    handed_out = [0]

    def get(path: str) -> int:
        if not hasattr(local, "headers"):
            with lock:
                local.headers = {"Cookie": cookies[handed_out[0] % len(cookies)]}
                handed_out[0] += 1
        return server.get(path, local.headers)[0]

    return get


def bench_inbox(server: Server) -> list[Row]:
    """A caseworker's inbox at 1 k and at 1 M requests in the database (PostgreSQL).

    ``scripts/bench_inbox.py`` fills the database (its docstring says what and why: the
    same open workload for the large CPAS at both sizes, three years of history at 1 M)
    and opens one session per client thread (staff of that CPAS, second factor passed);
    both views are then loaded through gunicorn like every other row. Its requests are
    replaced, so the database's name must contain "bench". Target: 1 M ≤ 1.5 x 1 k."""
    url = server.env["DATABASE_URL"]
    if not url.startswith(("postgres://", "postgresql://")):
        raise NotMeasuredYet(
            "needs PostgreSQL: --database-url postgres://postgres@127.0.0.1:5432/cpas_bench"
        )
    if "bench" not in url.rsplit("/", 1)[-1]:
        raise NotMeasuredYet("needs a database whose name contains 'bench': it is emptied")
    results: dict[str, dict[str, Result]] = {}
    fill_seconds = 0.0
    for size, total in (("1 k", 1_000), ("1 M", 1_000_000)):
        fill_seconds = _bench_inbox_script(server, "--fill", str(total))["seconds"]
        sessions = _bench_inbox_script(server, "--sessions", str(server.concurrency))
        get = _inbox_client(server, sessions["cookies"])
        for path in sessions["views"].values():
            if get(path) != 200:
                raise RuntimeError(f"the inbox {path} did not answer 200")
        results[size] = server.compare(
            {view: (lambda p=path, g=get: g(p)) for view, path in sessions["views"].items()}
        )
    rows = []
    for view in results["1 k"]:
        small, large = results["1 k"][view], results["1 M"][view]
        p50 = large.percentile(50) / small.percentile(50)
        p95 = large.percentile(95) / small.percentile(95)
        verdict = "met" if p50 <= 1.5 else "missed"
        rows += [
            Row(f"inbox {view}, 1 k", describe(small)),
            Row(
                f"inbox {view}, 1 M",
                describe(large),
                f"{p50:.2f}x p50, {p95:.2f}x p95 of 1 k (filled in {fill_seconds:.0f} s)",
                f"target 1 M ≤ 1.5x 1 k: {verdict}",
            ),
        ]
    return rows


def bench_feed(server: Server) -> list[Row]:
    """The change feed and the webhooks at 1 M requests (``scripts/bench_feed.py``: its
    docstring says what is filled and measured; the feed through Django's test client,
    the webhooks with a real Celery worker). Same database rule as the inbox."""
    url = server.env["DATABASE_URL"]
    if not url.startswith(("postgres://", "postgresql://")) or "bench" not in url:
        raise NotMeasuredYet("needs a PostgreSQL database whose name contains 'bench'")
    result = run_json(server, "scripts/bench_feed.py", "--json")
    fill = result["fill"]
    events_ok = "met" if result["events_per_second"] >= 2000 else "missed"
    page_ok = "met" if result["page_p95_ms"] < 50 else "missed"
    hook_ok = "met" if result["webhook_p95_ms"] < 2000 else "missed"
    return [
        Row(
            "feed, read from 0",
            f"{result['events_per_second']:,.0f} events/s",
            f"{result['feed_events']:,} events of the large CPAS; {fill['requests']:,} "
            f"requests, {fill['events']:,} events in all",
            f"target ≥ 2,000/s: {events_ok}",
        ),
        Row(
            "feed, a page of 500",
            f"p50 {result['page_p50_ms']:.1f} ms, p95 {result['page_p95_ms']:.1f} ms",
            f"{result['pages']} pages from random cursors",
            f"target p95 < 50 ms: {page_ok}",
        ),
        Row(
            "feed, a page of 500, with_requests=false",
            f"p50 {result['thin_page_p50_ms']:.1f} ms, p95 {result['thin_page_p95_ms']:.1f} ms",
            f"{result['pages']} pages, no request's data (for a software that has it)",
            "",
        ),
        Row(
            "webhook from the commit",
            f"p50 {result['webhook_p50_ms']:.0f} ms, p95 {result['webhook_p95_ms']:.0f} ms, "
            f"max {result['webhook_max_ms']:.0f} ms",
            f"{result['webhooks']} steps at 5/s, real worker on Redis",
            f"target p95 < 2 s: {hook_ok}",
        ),
    ]


def bench_step_server_time(server: Server) -> list[Row]:
    """The wizard step's server time in-process (``scripts/bench_step.py``, its docstring
    says what each figure is) beside a plain formtools wizard and the step's floor, on the
    benchmark's database. Targets: step ≤ 1.3 x floor, ≤ 0.7 x plain."""
    times = run_json(server, "scripts/bench_step.py")
    step, floor, plain = times["step"], times["floor"], times["plain"]
    to_floor, to_plain = step / floor, step / plain
    met = "met" if to_floor <= 1.3 and to_plain <= 0.7 else "missed"
    return [
        Row("in-process: bare view", f"{times['bare']:.2f} ms"),
        Row("in-process: step's floor", f"{floor:.2f} ms", "same session, small form + CSRF"),
        Row("in-process: plain formtools", f"{plain:.2f} ms", "NamedUrlSessionWizardView, db"),
        Row(
            "in-process: wizard step",
            f"{step:.2f} ms",
            f"{to_floor:.2f}x floor, {to_plain:.2f}x plain (sessions encrypted)",
            f"target ≤ 1.3x floor and ≤ 0.7x plain: {met}",
        ),
    ]


BENCHMARKS = [bench_bare_and_home, bench_step_server_time, bench_wizard_step, bench_submissions]
BENCHMARKS += [bench_acknowledgement_latency, bench_inbox, bench_feed]


# --- Running ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(var_dir: Path, database_url: str) -> dict[str, str]:
    return {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "cpasonline.settings",
        "DEBUG": "off",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        # The benchmark's own Redis database: never the one tests or a dev worker use.
        "CELERY_BROKER_URL": os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/15"),
        # As in production: one cache for all workers (rate limits count per site).
        "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "rediscache://127.0.0.1:6379/14"),
        "EMAIL_URL": "dummymail://",
        "NATIONAL_NUMBER_KEYS": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        "NATIONAL_NUMBER_HASH_KEY": secrets.token_urlsafe(32),
        "SECURE_SSL_REDIRECT": "off",  # plain HTTP on the loopback
        "VAR_DIR": str(var_dir),
        "LOG_LEVEL": "WARNING",
        # The loopback client is one address: the real limit (20/h) would stop it at 20.
        "SUBMISSION_RATE": "1000000/h",
        "SUBMISSION_SESSION_RATE": "1000000/h",  # each client thread keeps its session
    }


def start(server: Server) -> None:
    server.process = subprocess.Popen(  # noqa: S603 — our venv's gunicorn, fixed arguments
        [
            str(VENV_BIN / "gunicorn"),
            "cpasonline.wsgi",
            f"--bind={server.host}:{server.port}",
            f"--workers={server.workers}",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=server.env,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if server.get("/health/")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer /health/ within 30 s")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return (
        f"{cpu}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"load average before the run {load}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (3)")
    parser.add_argument("--concurrency", type=int, default=8, help="client threads (8)")
    parser.add_argument("--duration", type=float, default=10, help="seconds per figure (10)")
    parser.add_argument(
        "--database-url",
        help="an empty PostgreSQL database to use (default: a fresh SQLite file)",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="cpas-bench-") as folder:
        var_dir = Path(folder)
        database_url = args.database_url or f"sqlite:///{var_dir / 'bench.sqlite3'}"
        server = Server(
            "127.0.0.1",
            free_port(),
            production_env(var_dir, database_url),
            args.workers,
            args.duration,
            args.concurrency,
        )
        print("Preparing: migrate, reference data, static files…", flush=True)
        server.manage("migrate", "--no-input", "--verbosity=0")
        server.manage("load_reference_data")
        server.manage("collectstatic", "--no-input", "--verbosity=0")
        start(server)
        engine = database_url.split(":", 1)[0]
        print(
            f"\nCPAS Online benchmark — {machine()}\n"
            f"gunicorn {server.workers} sync workers, {engine}, {server.concurrency} client "
            f"threads on the same machine, {server.duration:.0f} s per figure\n"
        )
        try:
            for benchmark in BENCHMARKS:
                try:
                    rows = benchmark(server)
                except NotMeasuredYet as reason:
                    rows = [Row(benchmark.__name__.removeprefix("bench_"), f"— ({reason})")]
                for row in rows:
                    extra = "  ".join(part for part in (row.detail, row.target) if part)
                    print(f"{row.name:28} {row.value}  {extra}".rstrip(), flush=True)
        finally:
            server.process.terminate()
            server.process.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
