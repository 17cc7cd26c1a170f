"""Benchmark: throughput and latency of CPAS Online under gunicorn, measured in one run.

    make bench                      # or: .venv/bin/python scripts/bench.py --help
    make bench BENCH_ARGS="--database-url postgres://postgres@127.0.0.1:5432/cpasonline_bench"

Starts gunicorn (production settings, DEBUG off, ``--workers`` sync workers) on a fresh
database (a SQLite file by default, or ``--database-url``), then drives load with a
small multi-threaded HTTP client (standard library only; each request opens its own
connection, as gunicorn's sync workers close it) and prints requests/s and latency
percentiles. The same client and server measure every row, so the rows compare.

Extension points: the ``bench_*`` functions below. Each receives the running ``Server``
and returns ``Row``s, or raises ``NotMeasuredYet`` with the reason; ``main`` prints them
all. A row's ``target`` states the goal it is checked against (issue 7).
"""

from __future__ import annotations

import argparse
import base64
import http.client
import os
import platform
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

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
    cookies = {}
    for path in ("/fr/request/", "/fr/request/eligibility/"):
        connection = http.client.HTTPConnection(server.host, server.port, timeout=30)
        connection.request("GET", path, headers={"Cookie": cookie_header(cookies)})
        response = connection.getresponse()
        response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, value = header.split(";", 1)[0].split("=", 1)
            cookies[name] = value
        connection.close()
    headers = {"Cookie": cookie_header(cookies)}
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


def bench_submissions(server: Server) -> list[Row]:
    """Full submissions per second: each thread walks the wizard to the end and submits.
    To fill: a callable doing the whole journey with its own cookie jar, in ``load()``."""
    raise NotMeasuredYet("the citizen wizard has not landed yet")


def bench_acknowledgement_latency(server: Server) -> list[Row]:
    """Time from submission to the acknowledgement leaving the outbox, with a real
    Celery worker on Redis (start ``celery -A cpasonline worker`` with ``server.env``).
    Target: p95 < 2 s."""
    raise NotMeasuredYet("notifications have not landed yet")


def bench_inbox(server: Server) -> list[Row]:
    """A caseworker's inbox at 1 k and at 1 M requests in the database (PostgreSQL):
    generate the rows (COPY or bulk_create), log in, ``load()`` the inbox page.
    Target: 1 M ≤ 1.5 x 1 k."""
    raise NotMeasuredYet("the back-office has not landed yet")


BENCHMARKS = [bench_bare_and_home, bench_wizard_step, bench_submissions]
BENCHMARKS += [bench_acknowledgement_latency, bench_inbox]


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
        "CELERY_BROKER_URL": os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0"),
        "EMAIL_URL": "dummymail://",
        "NATIONAL_NUMBER_KEYS": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        "NATIONAL_NUMBER_HASH_KEY": secrets.token_urlsafe(32),
        "SECURE_SSL_REDIRECT": "off",  # plain HTTP on the loopback
        "VAR_DIR": str(var_dir),
        "LOG_LEVEL": "WARNING",
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
