"""The bulk fill of scripts/bench_monitoring.py: ``--total`` requests in a few set-based
statements (docs/monitoring.md, "Performance").

In one transaction (a failure leaves the table as it was, indexes included): the requests
table is emptied, its secondary indexes, unique and foreign-key constraints are dropped,
the rows are written by one ``INSERT … SELECT FROM generate_series``, the indexes and
constraints are built again from their own definitions (``pg_get_indexdef``,
``pg_get_constraintdef``: whatever the migrations made), the follow-up of the last 60 days
is written, then everything is analysed. The session runs with ``synchronous_commit`` off
and a large ``maintenance_work_mem`` (the index builds sort in memory).

The requests come in the order they were sent (ids follow the days, as in production: a
refresh of the last days reads the last pages of the table), as many each day. What each
request holds (fixed fractions of its number ``g``): language fr 40 %, nl 40 %,
de 10 %, en 10 %; identification eID 25 %, typed 50 %, none 25 %; needs in five patterns
(income; housing and energy; food; medical and debts; other); urgent 5 %; sandbox 0.2 %.
Personal-data columns hold empty strings and a birth year: the monitoring pages never
read them (they read the rollup only), and nothing else runs on this database.
"""

# Every piece of these statements is a constant of this module; values go as parameters.
# ruff: noqa: S608

import time
from datetime import timedelta

TABLE = "intake_aidrequest"

REQUESTS = f"""
INSERT INTO {TABLE} (
    reference, submission_key, submitted_at, channel, language, identification_method,
    national_number_encrypted, national_number_hash, first_name, last_name,
    asserted_first_name, asserted_last_name, birth_year, email, phone, contact_name,
    contact_relation, contact_email, contact_phone, routing_answers, routing_rule,
    commune_id, designated_cpas_id, cpas_id, needs, needs_text, urgent, is_test,
    reception_date, competence_deadline, decision_deadline, state
)
SELECT 'BENCH-' || g, md5(g::text)::uuid, ts, 'online',
       (ARRAY['fr', 'fr', 'fr', 'fr', 'nl', 'nl', 'nl', 'nl', 'de', 'en'])[1 + g %% 10],
       (ARRAY['eid', 'typed', 'typed', 'none'])[1 + g %% 4],
       '', '', '', '', '', '', 1985, '', '', '', '', '', '', '{{}}'::jsonb, 'art-1-residence',
       c.nis_code, c.cpas_id, c.cpas_id,
       (ARRAY['["income"]', '["housing", "energy"]', '["food"]', '["medical", "debts"]',
              '["other"]'])[1 + g %% 5]::jsonb,
       '', g %% 20 = 0, g %% 500 = 0,
       ts::date, ts::date + 5, ts::date + 30, 'decided'
FROM (
    SELECT g, %(start)s::timestamptz + ((g - 1) * %(days)s / %(total)s) * interval '1 day'
              + (g %% 600) * interval '1 minute' AS ts,
           (g * 7919 + g / %(days)s) %% 565 AS idx
    FROM generate_series(1::bigint, %(total)s) AS g
) AS s
JOIN (SELECT (row_number() OVER (ORDER BY nis_code) - 1)::int AS idx, nis_code, cpas_id
      FROM routing_commune) AS c ON c.idx = s.idx
"""

FOLLOW_UP = f"""
INSERT INTO intake_readmark (aid_request_id, cpas_id, read_by_id, read_at)
SELECT id, designated_cpas_id, %(user)s, submitted_at + (id %% 96) * interval '1 hour'
FROM {TABLE} WHERE reception_date >= %(recent)s AND id %% 10 <> 0;

INSERT INTO intake_competencedecision (
    aid_request_id, cpas_id, competent, transferred_to_id, notified_on, reasons,
    reasons_text, notice_by_email, notice_timing, decided_at, decided_by_id)
SELECT id, designated_cpas_id, id %% 50 <> 0,
       CASE WHEN id %% 50 = 0 THEN (SELECT min(id) FROM routing_cpas) END,
       CASE WHEN id %% 50 = 0 THEN reception_date + (id %% 7)::int END,
       '[]'::jsonb, '', false,
       CASE WHEN id %% 50 <> 0 THEN '' WHEN id %% 7 > 5 THEN 'late' ELSE 'on_time' END,
       submitted_at + (id %% 7) * interval '1 day', %(user)s
FROM {TABLE} WHERE reception_date >= %(recent)s AND id %% 20 <> 1;

INSERT INTO intake_meritsdecision (aid_request_id, cpas_id, outcome, decided_on, recorded_at,
                                   recorded_by_id, correction_reason)
SELECT id, cpas_id, 'granted', reception_date + (id %% 35)::int,
       submitted_at + (id %% 35) * interval '1 day', %(user)s, ''
FROM {TABLE} WHERE reception_date >= %(recent)s AND reception_date < %(month_ago)s;
"""

# The table's own indexes and constraints, except its primary key (other tables refer to it).
CONSTRAINTS = f"""
SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
WHERE conrelid = '{TABLE}'::regclass AND contype IN ('u', 'f') ORDER BY contype DESC, conname
"""
INDEXES = f"""
SELECT i.relname, pg_get_indexdef(i.oid)
FROM pg_index AS x JOIN pg_class AS i ON i.oid = x.indexrelid
WHERE x.indrelid = '{TABLE}'::regclass AND NOT x.indisprimary
  AND NOT EXISTS (SELECT 1 FROM pg_constraint AS c WHERE c.conindid = i.oid
                                                    AND c.conrelid = x.indrelid)
ORDER BY i.relname
"""


def requests_fill(connection, *, total: int, days: int, today, user_id: int, say=print) -> float:
    """Fill; returns the seconds it took. ``say`` reports each step's time."""
    from django.db import transaction

    began = time.perf_counter()
    step = [began]

    def done(what: str) -> None:
        now = time.perf_counter()
        say(f"  {what}: {now - step[0]:.0f} s")
        step[0] = now

    params = {
        "total": total,
        "days": days,
        "start": str(today - timedelta(days=days - 1)),
        "recent": today - timedelta(days=60),
        "month_ago": today - timedelta(days=30),
        "user": user_id,
    }
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit = off")
        cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
        cursor.execute("SET LOCAL work_mem = '256MB'")
        cursor.execute(
            f"TRUNCATE {TABLE}, monitoring_dailyrollup, monitoring_periodrollup "
            "RESTART IDENTITY CASCADE"
        )
        cursor.execute(CONSTRAINTS)
        constraints = cursor.fetchall()
        cursor.execute(INDEXES)
        indexes = cursor.fetchall()
        for name, _definition in constraints:
            cursor.execute(f'ALTER TABLE {TABLE} DROP CONSTRAINT "{name}"')
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        done(f"emptied, {len(indexes)} indexes and {len(constraints)} constraints dropped")
        cursor.execute(REQUESTS, params)
        done(f"{total:,} requests written")
        for _name, definition in indexes:
            cursor.execute(definition)
        done(f"{len(indexes)} indexes built")
        for name, definition in constraints:
            cursor.execute(f'ALTER TABLE {TABLE} ADD CONSTRAINT "{name}" {definition}')
        done(f"{len(constraints)} constraints added (unique and foreign keys checked)")
        cursor.execute(FOLLOW_UP, params)
        done("follow-up of the last 60 days written")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    done("analysed")
    return time.perf_counter() - began
