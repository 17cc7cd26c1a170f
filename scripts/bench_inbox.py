"""Server time of the back-office inbox for a large CPAS at 1 k and at 1 M requests.

    createdb -h 127.0.0.1 -U postgres cpas_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/cpas_bench
    .venv/bin/python scripts/bench_inbox.py

The database must be named "*bench*": its requests are deleted. Requests are spread
over the 565 CPAS and three years (a tenth for the large CPAS, so that its inbox
shows full pages at 1 k too); those older than 35 days are decided. The page is timed
through Django's test client (middleware, queries, template: the server's time, no
network), the default view ("what must I do today?") and the full list, newest first.
"""

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
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from backoffice.models import User  # noqa: E402
from routing.models import Cpas  # noqa: E402

LARGE_CPAS = "11002"  # Antwerpen, the largest
RUNS = int(os.environ.get("BENCH_RUNS", "40"))
TOTAL = int(os.environ.get("BENCH_TOTAL", "1000000"))
VIEWS = {"to do today (default)": "/fr/backoffice/", "all, newest first": "/fr/backoffice/?state="}

FILL = """
WITH communes AS (
    SELECT row_number() OVER (ORDER BY nis_code) - 1 AS idx, nis_code, cpas_id
    FROM routing_commune
), large AS (
    SELECT idx FROM communes WHERE nis_code = %(large)s
), rows AS (
    SELECT g, now() - random() * interval '1095 days' AS ts,
           CASE WHEN g %% 10 = 0 THEN (SELECT idx FROM large)
                ELSE (g::bigint * 7919) %% 565 END AS idx
    FROM generate_series(%(start)s, %(stop)s) AS g
)
INSERT INTO intake_aidrequest (
    reference, submission_key, submitted_at, language, identification_method,
    national_number_encrypted, national_number_hash, first_name, last_name, birth_date,
    email, phone, contact_name, contact_relation, contact_email, contact_phone,
    routing_answers, routing_rule, commune_id, designated_cpas_id, cpas_id, needs,
    needs_text, reception_date, competence_deadline, decision_deadline, state
)
SELECT 'BENCH-' || lpad(g::text, 8, '0'), gen_random_uuid(), ts, 'fr', 'typed',
       '', md5(g::text) || md5(g::text), 'Alex', 'Bench' || g, DATE '1985-07-30',
       'bench@example.org', '', '', '', '', '',
       '{}'::jsonb, 'art-1-residence', c.nis_code, c.cpas_id, c.cpas_id, '["income"]'::jsonb,
       '', (ts AT TIME ZONE 'Europe/Brussels')::date,
       (ts AT TIME ZONE 'Europe/Brussels')::date + 5,
       (ts AT TIME ZONE 'Europe/Brussels')::date + 30,
       CASE WHEN ts > now() - interval '35 days' THEN 'new' ELSE 'decided' END
FROM rows JOIN communes c USING (idx)
"""


def fill(start: int, stop: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(FILL, {"large": LARGE_CPAS, "start": start, "stop": stop})
        cursor.execute("VACUUM ANALYZE intake_aidrequest")


def check(response) -> None:
    if response.status_code != 200:
        sys.exit(f"The inbox answered {response.status_code}.")


def measure(client: Client) -> dict[str, tuple[float, float]]:
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


def main() -> None:
    if "bench" not in connection.settings_dict["NAME"] or connection.vendor != "postgresql":
        sys.exit("Use a PostgreSQL database whose name contains 'bench': it is emptied.")
    # As in production: no query log, no template debug info, no test instrumentation.
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    staff, _created = User.objects.update_or_create(
        username="bench", defaults={"cpas": Cpas.objects.get(code=LARGE_CPAS)}
    )
    client = Client()
    client.force_login(staff)

    if "--again" in sys.argv:  # measure the rows already there
        report = {"as is": measure(client)}
        for total, results in report.items():
            for name, (p50, p95) in results.items():
                print(f"  {total:>9} rows  {name:<24} {p50:7.1f} / {p95:7.1f}")
        return
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE intake_aidrequest CASCADE")
    report = {}
    fill(1, 1000)
    report["1 k"] = measure(client)
    began = time.perf_counter()
    fill(1001, TOTAL)
    print(f"Filled {TOTAL:,} rows in {time.perf_counter() - began:.0f} s", file=sys.stderr)
    report[f"{TOTAL // 1000:,} k"] = measure(client)

    print(f"Inbox server time, CPAS {LARGE_CPAS}, {RUNS} runs (ms, p50 / p95)")
    for total, results in report.items():
        for name, (p50, p95) in results.items():
            print(f"  {total:>9} rows  {name:<24} {p50:7.1f} / {p95:7.1f}")


if __name__ == "__main__":
    main()
