"""The daily rollup: counts per CPAS and day, recomputed from the requests (docs/monitoring.md,
"Freshness").

``rollup_refresh`` recomputes every row of a window of days in one transaction, in a few
SQL statements (the work is the database's; nothing is loaded in Python). A request
counts on its reception date R at the CPAS the form designated, so that the share decided
by R + 5 is the designated CPAS's; what became of it later (a transfer, a decision by the
receiving CPAS) counts on that same row. Reminders count on the day they were sent.
Sandbox requests (``is_test``) and requests entered by staff (other channels) are left out.
"""

# Every piece of these statements is a constant of this module (table and column names,
# choice values); the values go as parameters. Hence the "nosec B608" of each statement.
# ruff: noqa: S608

from datetime import date, datetime, timedelta

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction

from intake.constants import Channel, IdentificationMethod, LinkStatus, Need, NoticeTiming
from intake.deadlines import BRUSSELS, brussels_date
from intake.models import (
    AidRequest,
    CompetenceDecision,
    MeritsDecision,
    ReadMark,
    RequestLink,
)
from notifications.constants import DeliveryState, EmailKind
from notifications.models import OutgoingEmail
from routing.models import Commune, Cpas

from .cache import rollup_generation_bump
from .geography import FEDERATION_SQL
from .models import COUNTS, DailyRollup, PeriodRollup

UNREAD_AFTER = timedelta(days=2)
LANGUAGES = ("fr", "nl", "de", "en")
REQUEST_COUNTS = [name for name in COUNTS if name != "reminders"]

_COUNTED = {
    "received": "count(*)",
    "urgent": "count(*) FILTER (WHERE r.urgent)",
    **{
        f"id_{method}": f"count(*) FILTER (WHERE r.identification_method = '{method}')"
        for method in IdentificationMethod.values
    },
    **{f"lang_{code}": f"count(*) FILTER (WHERE r.language = '{code}')" for code in LANGUAGES},
    **{
        f"need_{need}": f"""count(*) FILTER (WHERE r.needs @> '["{need}"]'::jsonb)"""
        for need in Need.values
    },
    "read_count": "count(fr.read_at)",
    "read_seconds": "coalesce(sum(extract(epoch FROM fr.read_at - r.submitted_at)), 0)::bigint",
    "unread_2d": """count(*) FILTER (WHERE r.submitted_at + %(unread)s <= %(now)s
        AND (fr.read_at IS NULL OR fr.read_at > r.submitted_at + %(unread)s))""",
    "competence_due": "count(*) FILTER (WHERE r.competence_deadline < %(today)s)",
    "competence_on_time": """count(*) FILTER (WHERE r.competence_deadline < %(today)s
        AND cd.first_day <= r.competence_deadline)""",
    "merits_due": "count(*) FILTER (WHERE r.decision_deadline < %(today)s)",
    "merits_on_time": """count(*) FILTER (WHERE r.decision_deadline < %(today)s
        AND md.decided_on <= r.decision_deadline)""",
    "transfers": "count(*) FILTER (WHERE cd.transferred)",
    "late_notices": "count(*) FILTER (WHERE cd.late_notice)",
    "linked": "count(*) FILTER (WHERE lk.linked)",
}
if list(_COUNTED) != REQUEST_COUNTS:  # one list of columns, in the rollup's order
    raise ImproperlyConfigured("monitoring.rollup counts other columns than DailyRollup's")

_GEOGRAPHY = f"""
    SELECT c.id AS cpas_id, m.region, m.province_nis AS province, {FEDERATION_SQL} AS federation
    FROM {Cpas._meta.db_table} AS c
    JOIN LATERAL (
        SELECT region, language_area, province_nis FROM {Commune._meta.db_table}
        WHERE cpas_id = c.id ORDER BY (nis_code = c.code) DESC, nis_code LIMIT 1
    ) AS m ON true
"""  # nosec B608 — constants only, values as parameters

_REQUESTS = f"""
    SELECT r.designated_cpas_id AS cpas_id, r.reception_date AS day,
           {", ".join(f"{sql} AS {name}" for name, sql in _COUNTED.items())}
    FROM {AidRequest._meta.db_table} AS r
    LEFT JOIN LATERAL (
        SELECT min(read_at) AS read_at FROM {ReadMark._meta.db_table}
        WHERE aid_request_id = r.id AND cpas_id = r.designated_cpas_id
    ) AS fr ON true
    LEFT JOIN LATERAL (
        SELECT min((decided_at AT TIME ZONE 'Europe/Brussels')::date) AS first_day,
               bool_or(NOT competent) AS transferred,
               bool_or(notice_timing = '{NoticeTiming.LATE.value}') AS late_notice
        FROM {CompetenceDecision._meta.db_table} WHERE aid_request_id = r.id
    ) AS cd ON true
    LEFT JOIN LATERAL (
        SELECT decided_on FROM {MeritsDecision._meta.db_table}
        WHERE aid_request_id = r.id AND superseded_at IS NULL LIMIT 1
    ) AS md ON true
    LEFT JOIN LATERAL (
        SELECT true AS linked FROM {RequestLink._meta.db_table}
        WHERE later_id = r.id
          AND status IN ('{LinkStatus.LINKED.value}', '{LinkStatus.CONFIRMED.value}')
        LIMIT 1
    ) AS lk ON true
    WHERE NOT r.is_test AND r.channel = '{Channel.ONLINE.value}'
      AND r.reception_date BETWEEN %(since)s AND %(until)s
    GROUP BY 1, 2
"""  # nosec B608 — constants only, values as parameters

_REMINDERS = f"""
    SELECT cpas_id, (sent_at AT TIME ZONE 'Europe/Brussels')::date AS day, count(*) AS reminders
    FROM {OutgoingEmail._meta.db_table}
    WHERE kind = '{EmailKind.REMINDER.value}' AND state = '{DeliveryState.SENT.value}'
      AND cpas_id IS NOT NULL
      AND sent_at >= %(reminders_from)s AND sent_at < %(reminders_until)s
    GROUP BY 1, 2
"""  # nosec B608 — constants only, values as parameters

_TABLE = DailyRollup._meta.db_table
_PERIODS = PeriodRollup._meta.db_table
# The weeks and months touched by the days refreshed, recomputed from the daily rows.
_PERIOD_DELETE = f"""
    DELETE FROM {_PERIODS} WHERE unit = %(unit)s
        AND period BETWEEN date_trunc(%(unit)s, %(first)s::date)::date AND %(last)s
"""  # nosec B608 — constants only, values as parameters
_PERIOD_INSERT = f"""
    INSERT INTO {_PERIODS} (cpas_id, unit, period, region, province, federation,
                            {", ".join(COUNTS)})
    SELECT cpas_id, %(unit)s, date_trunc(%(unit)s, day)::date, region, province, federation,
           {", ".join(f"sum({c})" for c in COUNTS)}
    FROM {_TABLE}
    WHERE day >= date_trunc(%(unit)s, %(first)s::date)::date
      AND day < (date_trunc(%(unit)s, %(last)s::date) + %(step)s::interval)::date
    GROUP BY cpas_id, 3, region, province, federation
"""  # nosec B608 — constants only, values as parameters


def _upsert(select: str, columns: list[str]) -> str:
    return f"""
        INSERT INTO {_TABLE} (cpas_id, day, region, province, federation, refreshed_at,
                              {", ".join(COUNTS)})
        SELECT a.cpas_id, a.day, g.region, g.province, g.federation, %(now)s,
               {", ".join(f"a.{c}" if c in columns else "0" for c in COUNTS)}
        FROM ({select}) AS a JOIN ({_GEOGRAPHY}) AS g ON g.cpas_id = a.cpas_id
        ON CONFLICT (cpas_id, day) DO UPDATE SET refreshed_at = EXCLUDED.refreshed_at,
            {", ".join(f"{c} = EXCLUDED.{c}" for c in columns)}
    """  # nosec B608 — constants only, values as parameters


def _brussels_midnight(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=BRUSSELS)


def rollup_refresh(
    *, since: date, until: date, now: datetime, reminders_since: date | None = None
) -> int:
    """Recompute the rows of the days ``since`` … ``until`` (R for the requests), and the
    reminders of the days from ``reminders_since`` (default ``since``) to ``until``: the
    outbox keeps its rows for a month only, so older days keep the count they had.
    Returns the rows written."""
    reminders_since = max(since, reminders_since or since)
    params = {
        "since": since,
        "until": until,
        "now": now,
        "today": brussels_date(now),
        "unread": UNREAD_AFTER,
        "reminders_since": reminders_since,
        "reminders_from": _brussels_midnight(reminders_since),
        "reminders_until": _brussels_midnight(until + timedelta(days=1)),
    }
    zero = ", ".join(f"{c} = 0" for c in REQUEST_COUNTS)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Its cost estimates of the per-request joins are far above what they take: JIT
            # compilation would cost more than the refresh (docs/monitoring.md, "Freshness").
            cursor.execute("SET LOCAL jit = off")
        cursor.execute(
            f"UPDATE {_TABLE} SET {zero} WHERE day BETWEEN %(since)s AND %(until)s",  # nosec B608
            params,
        )
        cursor.execute(
            f"UPDATE {_TABLE} SET reminders = 0"  # nosec B608 — constants only
            " WHERE day BETWEEN %(reminders_since)s AND %(until)s",
            params,
        )
        cursor.execute(_upsert(_REQUESTS, REQUEST_COUNTS), params)
        written = cursor.rowcount
        cursor.execute(_upsert(_REMINDERS, ["reminders"]), params)
        written += cursor.rowcount
        first = min(since, reminders_since)
        for unit, step in (("week", "7 days"), ("month", "1 month")):
            period_params = {"unit": unit, "first": first, "last": until, "step": step}
            cursor.execute(_PERIOD_DELETE, period_params)
            cursor.execute(_PERIOD_INSERT, period_params)
    rollup_generation_bump()  # after the commit: pages kept in the cache are out of date
    return written
