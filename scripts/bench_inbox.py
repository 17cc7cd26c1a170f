"""Server time of the back-office inbox for a large CPAS at 1 k and at 1 M requests.

    createdb -h 127.0.0.1 -U postgres cpas_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/cpas_bench
    .venv/bin/python scripts/bench_inbox.py            # fill 1 k, time, fill 1 M, time
    .venv/bin/python scripts/bench_inbox.py --again    # time the rows already there

The database must be named "*bench*": its requests are deleted. The page is timed
through Django's test client (middleware, queries, template: the server's time, no
network) as in production: DEBUG off, a session verified by a second factor. Two
views: the default one ("what must I do today?", open requests, oldest first) and the
full list, newest first. ``scripts/bench.py`` (``make bench``) runs the same fill with
``--fill`` and ``--sessions`` and times the pages through gunicorn.

What is filled, and why (like with like). The question is whether the inbox slows
down as the table grows, so both sizes must show the same page: the same 50 rows,
the same counters, the same count. A three-year history spread evenly cannot do
that at 1 k (each CPAS would have one or two requests, and the large CPAS three open
ones), and giving the large CPAS more at 1 k only would not compare like with like.
So the rows come from one stream at a steady rate, and the two sizes differ by the
history they hold, as a young and an old database of the same service would:

- the large CPAS (``LARGE_CPAS``) receives ``LARGE_PER_DAY`` requests a day. Its last
  ``OPEN_DAYS`` days (``WORKLOAD`` rows, still open) are rows 1 … ``WORKLOAD``, so
  they are in both databases; its older requests, decided, are spread over the rest
  of the three years at the same rate (about 21 000 rows at 1 M);
- everything else goes to the 564 other CPAS, evenly over three years (1 095 days):
  at 1 M about 1 700 requests each, the last 35 days of them open;
- as requests age they are read (after a day), registered (after three), declared
  competent (nine in ten, after three days) and decided after ``OPEN_DAYS`` days,
  with the decision rows a real CPAS would have (competence, merits); two in a
  hundred were transferred between CPAS (half of the large CPAS's away, half to it).

So at both sizes the large CPAS has the same ``WORKLOAD`` open requests (its default
page: the same 50 rows, full), and at 1 M the table also holds three years of
decided history, 564 busy neighbours and about 2 M decision rows. Each row's draws
come from a hash of its number, so the 1 k rows are the same at 1 M; rows are
inserted in order of submission, as a real table grows. Simplifications: reception
dates ignore week-ends and holidays; names and contact data are placeholders.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cpasonline.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from backoffice.models import User  # noqa: E402
from routing.models import Cpas  # noqa: E402

LARGE_CPAS = "11002"  # Antwerpen, the largest
LARGE_PER_DAY = 20  # requests a day for the large CPAS
OPEN_DAYS = 35  # requests older than this are decided
HISTORY_DAYS = 1095  # three years
WORKLOAD = LARGE_PER_DAY * OPEN_DAYS  # the large CPAS's open requests: 700, 14 pages
SMALL = 1000
RUNS = int(os.environ.get("BENCH_RUNS", "40"))
TOTAL = int(os.environ.get("BENCH_TOTAL", "1000000"))
VIEWS = {"to do (default)": "/fr/backoffice/", "all, newest first": "/fr/backoffice/?state="}

# One row per request, in a temporary table: where it went, when, and what happened.
# u1 … u4: uniform draws in [0, 1) from the row number's hash (the same at every size).
ROWS = """
CREATE TEMPORARY TABLE bench_rows ON COMMIT DROP AS
WITH communes AS (
    SELECT (row_number() OVER (ORDER BY nis_code) - 1)::int AS idx, nis_code, cpas_id
    FROM routing_commune
), large AS (
    SELECT idx FROM communes WHERE nis_code = %(large)s
), draws AS (
    SELECT g, h,
           ('x' || substr(h, 1, 8))::bit(32)::bigint / 4294967296.0 AS u1,
           ('x' || substr(h, 9, 8))::bit(32)::bigint / 4294967296.0 AS u2,
           ('x' || substr(h, 17, 8))::bit(32)::bigint / 4294967296.0 AS u3,
           ('x' || substr(h, 25, 8))::bit(32)::bigint / 4294967296.0 AS u4,
           (g * 7919) %% 564 AS other,  -- a CPAS among the 564 others (0 … 563)
           (g * 7919 + 1 + g %% 563) %% 564 AS other2  -- another one
    FROM (SELECT g, md5('bench' || g) AS h FROM generate_series(1::bigint, %(total)s) AS g) AS s
), kinds AS (
    SELECT d.*,
           CASE WHEN g <= %(workload)s THEN 'open'
                WHEN (g - %(workload)s) %% %(every)s = 0 THEN 'history'
                ELSE 'other' END AS kind,
           (SELECT idx FROM large) AS large
    FROM draws AS d
), placed AS (
    SELECT g, h, u3, u4,
           CASE kind WHEN 'open' THEN u1 * %(open_days)s
                     WHEN 'history' THEN %(open_days)s
                                         + u1 * (%(history_days)s - %(open_days)s)
                     ELSE u1 * %(history_days)s END AS age,
           u2 < 0.02 AS transferred,
           CASE WHEN kind = 'other' THEN other + (other >= large)::int
                WHEN u2 < 0.01 THEN large  -- transferred away by the large CPAS
                WHEN u2 < 0.02 THEN other + (other >= large)::int  -- transferred to it
                ELSE large END AS designated,
           CASE WHEN kind = 'other' AND u2 < 0.02 THEN other2 + (other2 >= large)::int
                WHEN kind = 'other' THEN other + (other >= large)::int
                WHEN u2 < 0.01 THEN other + (other >= large)::int
                ELSE large END AS handling
    FROM kinds
)
SELECT row_number() OVER (ORDER BY p.age DESC) AS id, p.g, p.h, p.age,
       now() - p.age * interval '1 day' AS ts,
       p.transferred, p.u3 < 0.9 AS competence_checked, p.u4 AS u_outcome,
       d.nis_code AS commune, d.cpas_id AS designated_cpas, h.cpas_id AS cpas
FROM placed AS p
JOIN communes AS d ON d.idx = p.designated
JOIN communes AS h ON h.idx = p.handling
"""

REQUESTS = """
INSERT INTO intake_aidrequest (
    id, reference, submission_key, submitted_at, language, identification_method,
    national_number_encrypted, national_number_hash, first_name, last_name, birth_date,
    email, phone, contact_name, contact_relation, contact_email, contact_phone,
    routing_answers, routing_rule, commune_id, designated_cpas_id, cpas_id, needs,
    needs_text, reception_date, competence_deadline, decision_deadline, state,
    asserted_first_name, asserted_last_name, birth_year, channel, urgent, is_test
)
SELECT id, 'BENCH-' || lpad(g::text, 8, '0'), gen_random_uuid(), ts, 'fr',
       CASE WHEN g %% 3 = 0 THEN 'eid' ELSE 'typed' END,
       '', h || h, 'Alex', 'Bench' || g, DATE '1985-07-30',
       'bench@example.org', '', '', '', '', '',
       '{}'::jsonb, 'art-1-residence', commune, designated_cpas, cpas, '["income"]'::jsonb,
       '', (ts AT TIME ZONE 'Europe/Brussels')::date,
       (ts AT TIME ZONE 'Europe/Brussels')::date + 5,
       (ts AT TIME ZONE 'Europe/Brussels')::date + 30,
       CASE WHEN age < 1 THEN 'new' WHEN age < 3 THEN 'read'
            WHEN age < %(open_days)s THEN 'registered' ELSE 'decided' END,
       '', '', 1985, 'online', false, false
FROM bench_rows ORDER BY id
"""

DECISIONS = """
INSERT INTO intake_competencedecision (
    aid_request_id, cpas_id, competent, transferred_to_id, notified_on, decided_at,
    decided_by_id, notice_by_email, notice_timing, reasons, reasons_text
)
SELECT id, designated_cpas, false, cpas, (ts AT TIME ZONE 'Europe/Brussels')::date + 1,
       ts + least(age / 2, 1) * interval '1 day', %(user)s, true, 'on_time',
       '["residence"]'::jsonb, ''
FROM bench_rows WHERE transferred
UNION ALL
SELECT id, cpas, true, NULL, NULL, ts + interval '2 days', %(user)s, false, '', '[]'::jsonb, ''
FROM bench_rows WHERE age >= 3 AND competence_checked
ORDER BY 1;

INSERT INTO intake_meritsdecision (
    aid_request_id, cpas_id, outcome, decided_on, recorded_at, recorded_by_id,
    correction_reason
)
SELECT id, cpas,
       CASE WHEN u_outcome < 0.6 THEN 'granted' WHEN u_outcome < 0.9 THEN 'refused'
            ELSE 'other' END,
       (ts AT TIME ZONE 'Europe/Brussels')::date + 20, ts + interval '21 days', %(user)s, ''
FROM bench_rows WHERE age >= %(open_days)s ORDER BY id;

SELECT setval(pg_get_serial_sequence('intake_aidrequest', 'id'), max(id))
FROM intake_aidrequest;
"""

TABLES = ["intake_aidrequest", "intake_competencedecision", "intake_meritsdecision"]


def bench_user() -> User:
    """The large CPAS's caseworker, with a confirmed second factor."""
    staff, _created = User.objects.update_or_create(
        username="bench", defaults={"cpas": Cpas.objects.get(code=LARGE_CPAS)}
    )
    TOTPDevice.objects.get_or_create(user=staff, name="bench", defaults={"confirmed": True})
    return staff


def prepare() -> User:
    if "bench" not in connection.settings_dict["NAME"] or connection.vendor != "postgresql":
        sys.exit("Use a PostgreSQL database whose name contains 'bench': it is emptied.")
    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    return bench_user()


def fill(total: int, user: User) -> float:
    """Replace every request by rows 1 … ``total`` of the stream; the seconds it took."""
    began = time.perf_counter()
    every = max(1, (TOTAL - WORKLOAD) // (LARGE_PER_DAY * (HISTORY_DAYS - OPEN_DAYS)))
    params = {
        "large": LARGE_CPAS,
        "total": total,
        "workload": WORKLOAD,
        "every": every,
        "open_days": OPEN_DAYS,
        "history_days": HISTORY_DAYS,
        "user": user.pk,
    }
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE intake_aidrequest RESTART IDENTITY CASCADE")
        cursor.execute(ROWS, params)
        cursor.execute(REQUESTS, params)
        cursor.execute(DECISIONS, params)
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"VACUUM ANALYZE {table}")
        cursor.execute("ANALYZE")  # the reference data too, as autovacuum would have
    return time.perf_counter() - began


def verified_client(user: User) -> Client:
    """A test client logged in as ``user`` whose session passed the second factor."""
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
    session.save()
    return client


def check(response) -> None:
    if response.status_code != 200:
        sys.exit(f"The inbox answered {response.status_code}.")


def measure(client: Client) -> dict[str, tuple[float, float]]:
    """p50 and p95 server time (ms) of each view, after a warm-up."""
    results = {}
    for name, url in VIEWS.items():
        for _ in range(5):  # warm-up
            check(client.get(url))
        times = []
        for _ in range(RUNS):
            began = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - began) * 1000)
            check(response)
        cuts = statistics.quantiles(times, n=20)
        results[name] = (statistics.median(times), cuts[18])
    return results


def print_report(report: dict[str, dict[str, tuple[float, float]]]) -> None:
    print(f"Inbox server time, CPAS {LARGE_CPAS}, {RUNS} runs (ms, p50 / p95)")
    for total, results in report.items():
        for name, (p50, p95) in results.items():
            print(f"  {total:>9} rows  {name:<20} {p50:7.1f} / {p95:7.1f}")
    if len(report) == 2:
        small, large = report.values()
        for name in VIEWS:
            print(
                f"  1 M / 1 k   {name:<20} {large[name][0] / small[name][0]:.2f}x p50, "
                f"{large[name][1] / small[name][1]:.2f}x p95  (target ≤ 1.5x)"
            )


def main() -> None:
    staff = prepare()
    if "--fill" in sys.argv:  # for scripts/bench.py: fill to the given size, say how long
        total = int(sys.argv[sys.argv.index("--fill") + 1])
        print(json.dumps({"rows": total, "seconds": round(fill(total, staff), 1)}))
        return
    if "--sessions" in sys.argv:  # for scripts/bench.py: session cookies for HTTP clients
        count = int(sys.argv[sys.argv.index("--sessions") + 1])
        cookies = [
            f"{settings.SESSION_COOKIE_NAME}="
            + verified_client(staff).cookies[settings.SESSION_COOKIE_NAME].value
            for _ in range(count)
        ]
        print(json.dumps({"cookies": cookies, "views": VIEWS}))
        return
    # As in production: no query log, no template debug info, a second factor.
    settings.DEBUG = False
    settings.STAFF_OTP_REQUIRED = True
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = verified_client(staff)
    if "--again" in sys.argv:
        print_report({"as is": measure(client)})
        return
    report = {}
    fill(SMALL, staff)
    report["1 k"] = measure(client)
    seconds = fill(TOTAL, staff)
    print(f"Filled {TOTAL:,} rows in {seconds:.0f} s", file=sys.stderr)
    report[f"{TOTAL // 1000:,} k"] = measure(client)
    print_report(report)


if __name__ == "__main__":
    main()
