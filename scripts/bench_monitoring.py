"""Server time of the monitoring pages with 10 M requests on PostgreSQL (docs/monitoring.md).

    make bench                                 # runs this after scripts/bench.py
    .venv/bin/python scripts/bench_monitoring.py [--total 10000000] [--refill]

Works in its own database, ``BENCH_MONITORING_DATABASE_URL`` (default
``postgres://postgres@127.0.0.1:5432/cpas_monitoring_bench``; its name must contain
"bench": its requests are replaced), created when missing. The first run fills it in
bulk with SQL (``generate_series``): ``--total`` requests spread evenly over three years
and the 565 CPAS, then builds the whole rollup; later runs keep the rows when the count
is right (``--refill`` fills again). What is filled: every request (languages,
identification, needs, urgent, sandbox ones among them, as fixed fractions); for the
last 60 days only, the follow-up the quarter-hourly refresh reads (read marks, competence
decisions with transfers and late notices, decisions on the merits). Older days' rollup
rows have the same size whatever their counts, so the pages cost what they would.
Simplifications: reception dates ignore week-ends and holidays; no personal data.

Then it times, through Django's test client (middleware, queries, template: the
server's time, no network), with DEBUG off: the national page, a federation's page (the
largest, Flanders), a CPAS's page (Antwerpen), weekly and monthly, a CSV export and the
printed report; p50 and p95 of ``BENCH_RUNS`` (20) loads after a warm-up, against the
targets (national < 500 ms, the others < 300 ms), the first load after a refresh (nothing
kept in the cache: ``monitoring/cache.py``), and the time of the refreshes.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
URL = os.environ.get(
    "BENCH_MONITORING_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cpas_monitoring_bench"
)
os.environ["DATABASE_URL"] = URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cpasonline.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")
RUNS = int(os.environ.get("BENCH_RUNS", "20"))
DAYS = 1095


def ensure_database() -> None:
    import psycopg

    name = URL.rsplit("/", 1)[-1]
    if "bench" not in name:
        sys.exit("BENCH_MONITORING_DATABASE_URL must name a database containing 'bench'.")
    with psycopg.connect(URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            admin.execute(f'CREATE DATABASE "{name}"')


ensure_database()

import django  # noqa: E402

django.setup()

from datetime import timedelta  # noqa: E402

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from backoffice.constants import Federation, Role  # noqa: E402
from backoffice.models import User  # noqa: E402
from intake.deadlines import brussels_date  # noqa: E402
from intake.models import AidRequest  # noqa: E402
from monitoring.rollup import rollup_refresh  # noqa: E402
from monitoring.tasks import RECENT_DAYS, REMINDER_DAYS, YEAR_DAYS  # noqa: E402
from routing.models import Cpas  # noqa: E402


def fill(total: int, user: User) -> float:
    from bench_monitoring_fill import requests_fill

    today = brussels_date(timezone.now())
    return requests_fill(connection, total=total, days=DAYS, today=today, user_id=user.pk)


# --rollup-only: the rows the whole rollup would hold for ``--total`` requests (every CPAS,
# every day of three years, about total / (565 x 1095) requests each, fixed fractions).
ROLLUP_SHARES = {
    "received": "p",
    "urgent": "p / 20",
    "id_eid": "p / 4",
    "id_typed": "p / 2",
    "id_none": "p - p / 4 - p / 2",
    "lang_fr": "p / 2",
    "lang_nl": "p - p / 2 - p / 10",
    "lang_de": "p / 20",
    "lang_en": "p / 10 - p / 20",
    "need_income": "p / 2",
    "need_housing": "p / 4",
    "need_energy": "p / 4",
    "need_food": "p / 5",
    "need_medical": "p / 6",
    "need_debts": "p / 7",
    "need_other": "p / 10",
    "read_count": "p * 9 / 10",
    "read_seconds": "p * 9 / 10 * 30000",
    "unread_2d": "p / 10",
    "competence_due": "p",
    "competence_on_time": "p * 8 / 10",
    "merits_due": "p",
    "merits_on_time": "p * 7 / 10",
    "transfers": "p / 50",
    "late_notices": "p / 200",
    "linked": "p / 30",
    "reminders": "1",
}


def fill_rollup_only(total: int) -> float:
    from monitoring.models import COUNTS
    from monitoring.rollup import _GEOGRAPHY, _PERIOD_DELETE, _PERIOD_INSERT

    began = time.perf_counter()
    today = brussels_date(timezone.now())
    start = today - timedelta(days=DAYS - 1)
    mean = total / (565 * DAYS)
    columns = ", ".join(COUNTS)
    values = ", ".join(ROLLUP_SHARES[name] for name in COUNTS)
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE intake_aidrequest, monitoring_dailyrollup, monitoring_periodrollup "
            "RESTART IDENTITY CASCADE"
        )
        # The module's own column names and expressions; the values go as parameters.
        cursor.execute(
            f"""INSERT INTO monitoring_dailyrollup (cpas_id, day, region, province, federation,
                                                    refreshed_at, {columns})
            SELECT cpas_id, day, region, province, federation, now(), {values}
            FROM (
                SELECT g.*, d::date AS day,
                       greatest(1, round(%(mean)s * (0.5 + ((g.cpas_id * 7919
                           + extract(doy FROM d)::int) %% 101) / 100.0)))::bigint AS p
                FROM ({_GEOGRAPHY}) AS g
                CROSS JOIN generate_series(%(start)s::date, %(today)s::date, '1 day') AS d
            ) AS rows""",  # noqa: S608
            {"mean": mean, "start": start, "today": today},
        )
        for unit, step in (("week", "7 days"), ("month", "1 month")):
            period = {"unit": unit, "first": start, "last": today, "step": step}
            cursor.execute(_PERIOD_DELETE, period)
            cursor.execute(_PERIOD_INSERT, period)
        cursor.execute("ANALYZE")
    return time.perf_counter() - began


def users() -> dict[str, User]:
    found = {}
    for name, fields in {
        "bench-sppis": {"role": Role.SPPIS_ADMIN},
        "bench-flanders": {"role": Role.FEDERATION, "federation": Federation.FLANDERS},
        "bench-manager": {"role": Role.MANAGER, "cpas": Cpas.objects.get(code="11002")},
    }.items():
        found[name], _created = User.objects.update_or_create(username=name, defaults=fields)
    return found


def rollup_build(today, now) -> None:
    """The first build of the whole rollup, as `monitoring_rollup_refresh --since` does it,
    with room to sort in memory (a one-off, not the quarter-hourly refresh)."""
    with connection.cursor() as cursor:
        cursor.execute("SET work_mem = '256MB'")
    rollup_refresh(since=today - timedelta(days=DAYS), until=today, now=now)
    with connection.cursor() as cursor:
        cursor.execute("RESET work_mem")
        cursor.execute("ANALYZE monitoring_dailyrollup")
        cursor.execute("ANALYZE monitoring_periodrollup")


def timed(seconds_of) -> float:
    began = time.perf_counter()
    seconds_of()
    return time.perf_counter() - began


def measure(client: Client, url: str) -> tuple[float, float, float, float]:
    """The first load after a refresh of the rollup (nothing kept in the cache), then
    p50 and p95 of the next ones, and p95 counting the first (ms). Every page was loaded
    once before: the process's own first load (templates, catalogues) is not a refresh's."""
    from monitoring.cache import rollup_generation_bump

    rollup_generation_bump()
    began = time.perf_counter()
    assert client.get(url).status_code == 200, url  # noqa: S101
    first = (time.perf_counter() - began) * 1000
    for _ in range(3):
        assert client.get(url).status_code == 200, url  # noqa: S101
    times = []
    for _ in range(RUNS):
        began = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200, url  # noqa: S101
    with_first = statistics.quantiles([first, *times], n=20)[18]
    return first, statistics.median(times), statistics.quantiles(times, n=20)[18], with_first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--total", type=int, default=10_000_000)
    parser.add_argument("--refill", action="store_true")
    parser.add_argument("--nightly", action="store_true", help="time the nightly refresh too")
    parser.add_argument(
        "--fill-only", action="store_true", help="fill and build the rollup, time nothing"
    )
    parser.add_argument(
        "--rollup-only",
        action="store_true",
        help="fill the rollup as --total requests would (no requests): the pages only",
    )
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    if not Cpas.objects.exists():
        call_command("load_reference_data", verbosity=0)
    accounts = users()
    now = timezone.now()
    today = brussels_date(now)
    if args.rollup_only:
        seconds = fill_rollup_only(args.total)
        print(f"Rollup of {args.total:,} requests written in {seconds:.0f} s", flush=True)
    elif args.refill or AidRequest.objects.count() != args.total:
        print(f"Filling {args.total:,} requests", flush=True)
        seconds = fill(args.total, accounts["bench-sppis"])
        print(f"Filled {args.total:,} requests in {seconds:.0f} s", flush=True)
        full = timed(lambda: rollup_build(today, now))
        print(f"Whole rollup built (three years) in {full:.0f} s", flush=True)
        print(f"Fill and rollup: {seconds + full:.0f} s", flush=True)
    if args.fill_only:
        return
    if args.nightly:
        nightly = timed(
            lambda: rollup_refresh(
                since=today - timedelta(days=YEAR_DAYS),
                until=today,
                now=now,
                reminders_since=today - timedelta(days=REMINDER_DAYS),
            )
        )
        print(f"Nightly refresh ({YEAR_DAYS} days): {nightly:.0f} s", flush=True)
    recent = timed(
        lambda: rollup_refresh(
            since=today - timedelta(days=RECENT_DAYS),
            until=today,
            now=now,
            reminders_since=today - timedelta(days=REMINDER_DAYS),
        )
    )
    rows = connection.cursor()
    rows.execute("SELECT count(*) FROM monitoring_dailyrollup")
    settings.DEBUG = False
    settings.STAFF_OTP_REQUIRED = False
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    clients = {}
    for name, user in accounts.items():
        clients[name] = Client()
        clients[name].force_login(user)
    base = "/fr/backoffice/monitoring"
    year = f"?start={today - timedelta(days=364)}&end={today}"
    three = f"?start={today - timedelta(days=DAYS - 1)}&end={today}"
    pages = [
        ("national, 12 months by month", "bench-sppis", f"{base}/country/", 500),
        ("national, 12 months by week", "bench-sppis", f"{base}/country/{year}&unit=week", 500),
        ("national, 3 years by month", "bench-sppis", f"{base}/country/{three}&unit=month", 500),
        ("national, CSV by province", "bench-sppis", f"{base}/country/provinces.csv", 500),
        ("federation Flanders, 12 months", "bench-flanders", f"{base}/federation/flanders/", 300),
        ("federation, printed report", "bench-flanders", f"{base}/federation/flanders/print/", 300),
        ("CPAS Antwerpen, 12 months", "bench-manager", f"{base}/cpas/11002/", 300),
        ("CPAS Antwerpen, by week", "bench-manager", f"{base}/cpas/11002/{year}&unit=week", 300),
    ]
    print(
        f"\nMonitoring pages, {AidRequest.objects.count():,} requests in the table, "
        f"{rows.fetchone()[0]:,} rollup rows, {RUNS} runs (server time, ms)"
    )
    print(f"  quarter-hourly refresh ({RECENT_DAYS} days): {recent * 1000:.0f} ms")
    for _name, who, url, _target in pages:  # the process's own first load (templates…)
        assert clients[who].get(url).status_code == 200, url  # noqa: S101
    for name, who, url, target in pages:
        first, p50, p95, with_first = measure(clients[who], url)
        verdict = "met" if max(p95, first) < target else "MISSED"
        print(
            f"  {name:<32} first {first:6.0f}  p50 {p50:6.1f}  p95 {p95:6.1f}"
            f"  p95 with first {with_first:6.1f}  (target < {target}: {verdict})",
            flush=True,
        )


if __name__ == "__main__":
    main()
