"""Reading the feed by cursor, and the request's data added at read time
(docs/integration.md, "Personal data").

The stored events carry no personal data. The request's data (as ``GET /requests``
gives it) is added to the events that bring a request to the CPAS (submitted, entered,
transferred in) only if the reader's CPAS holds the request now, through
``backoffice.access`` like every page, and its data is not erased: once a request is
transferred away, the old CPAS's feed shows its events without it.
"""

import json
from dataclasses import dataclass

from django.db import connection
from django.db.models import F, Func, OuterRef, Subquery, TextField
from django.db.models.functions import Cast, JSONObject

from backoffice.access import requests_visible_to
from backoffice.models import Retrieval
from intake import crypto

from .kinds import BY_TYPE, VERSION
from .models import FeedCounter, FeedEvent

MAX_LIMIT = 500
_dumps = json.JSONEncoder().encode


class UnknownCursor(Exception):
    def __init__(self, last_seq: int):
        self.last_seq = last_seq


@dataclass
class FeedPage:
    events: list[str]  # each event as the API gives it, already written as JSON
    last_seq: int
    next_after: int  # the last seq of the page (the cursor given when it is empty)
    shown: list[int]  # the requests whose data the page shows (for the access log)

    def json(self) -> str:
        """The page as ``integration.api.FeedPageOut`` says, written at once."""
        return (
            '{"events":[' + ",".join(self.events) + "]"
            f',"next_after":{self.next_after},"last_seq":{self.last_seq}'
            f',"has_more":{"true" if self.next_after < self.last_seq else "false"}}}'
        )


# ``data`` as PostgreSQL writes the jsonb (valid JSON): put into the page as it is, not
# parsed and written again for each of the 500 events.
EVENT_FIELDS = ("aid_request_id", "cpas_id", "seq", "type", "occurred_text", "reference", "test")
_TYPE_JSON = {type_: json.dumps(type_) for type_ in BY_TYPE}


class _InstantText(Func):
    """An instant as ``_instant`` writes it (ISO 8601 in UTC, microseconds only when not
    zero, ``Z``), written by PostgreSQL: no datetime object per event."""

    _AT = "(%(expressions)s AT TIME ZONE 'UTC')"
    template = (
        f"CASE WHEN to_char({_AT}, 'US') = '000000'"
        f' THEN to_char({_AT}, \'YYYY-MM-DD"T"HH24:MI:SS"Z"\')'
        f' ELSE to_char({_AT}, \'YYYY-MM-DD"T"HH24:MI:SS.US"Z"\') END'
    )
    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        # Django keeps an instant there as UTC text, str(datetime): "2026-03-02 08:14:03"
        # or "… 08:14:03.120000", which is the same but for the "T" and the "Z".
        template = "(REPLACE(%(expressions)s, ' ', 'T') || 'Z')"
        return self.as_sql(compiler, connection, template=template, **extra_context)


REQUEST_FIELDS = (
    *("id", "reference", "submitted_at", "reception_date", "competence_deadline"),
    *("decision_deadline", "state", "channel", "language", "identification_method"),
    *("national_number_encrypted", "first_name", "last_name", "asserted_first_name"),
    *("asserted_last_name", "birth_date", "birth_year", "birth_month", "birth_day"),
    *("email", "phone", "contact_name", "contact_relation", "contact_email"),
    *("contact_phone", "needs", "needs_text", "commune_id", "routing_rule", "is_test"),
)


def _instant(value):
    """As the API's schemas write an instant (pydantic): ISO 8601, UTC as Z."""
    return value.isoformat().replace("+00:00", "Z") if value is not None else None


def _day(value):
    return value.isoformat() if value is not None else None


def request_dict(row: dict, retrieved_at) -> dict:
    """The request as ``GET /requests`` gives it (``backoffice.api.AidRequestOut``; a test
    holds the two equal), built without a schema object: a page has hundreds."""
    encrypted = row["national_number_encrypted"]
    return {
        "reference": row["reference"],
        "submitted_at": _instant(row["submitted_at"]),
        "reception_date": _day(row["reception_date"]),
        "competence_deadline": _day(row["competence_deadline"]),
        "decision_deadline": _day(row["decision_deadline"]),
        "state": row["state"],
        "channel": row["channel"],
        "language": row["language"],
        "identification_method": row["identification_method"],
        "national_number": crypto.decrypt(encrypted) if encrypted else None,
        "first_name": row["first_name"],
        "last_name": row["last_name"],
        "asserted_first_name": row["asserted_first_name"],
        "asserted_last_name": row["asserted_last_name"],
        "birth_date": _day(row["birth_date"]),
        "birth_year": row["birth_year"],
        "birth_month": row["birth_month"],
        "birth_day": row["birth_day"],
        "email": row["email"],
        "phone": row["phone"],
        "contact_person": {
            "name": row["contact_name"],
            "relation": row["contact_relation"],
            "email": row["contact_email"],
            "phone": row["contact_phone"],
        },
        "needs": list(row["needs"]),
        "needs_text": row["needs_text"],
        "commune_nis_code": row["commune_id"],
        "routing_rule": row["routing_rule"],
        "retrieved_at": _instant(retrieved_at),
        "test": row["is_test"],
    }


def feed_last_seq(cpas_id: int) -> int:
    counter = FeedCounter.objects.filter(cpas_id=cpas_id).values_list("last_seq", flat=True)
    return counter.first() or 0


def _event_json(row, data: str, request: str | None) -> str:
    """One event, written as ``json.dumps`` of its dict would; ``data`` and ``request``
    already JSON."""
    _aid_request_id, cpas, seq, type_, occurred_at, reference, test = row
    return (
        f'{{"id":"evt_{cpas}_{seq}","seq":{seq},"type":{_TYPE_JSON[type_]},"version":{VERSION}'
        f',"occurred_at":"{occurred_at}","reference":{_dumps(reference)}'
        f',"test":{"true" if test else "false"},"data":{data}'
        f',"request":{"null" if request is None else request}}}'
    )


def _request_object():
    """The request as ``request_dict`` gives it but the national number (decrypted
    here), built by PostgreSQL as one JSON object: no value converted per field."""
    days = ("reception_date", "competence_deadline", "decision_deadline", "birth_date")
    plain = (
        *("reference", "state", "channel", "language", "identification_method"),
        *("first_name", "last_name", "asserted_first_name", "asserted_last_name"),
        *("birth_year", "birth_month", "birth_day", "email", "phone", "needs", "needs_text"),
        "routing_rule",
    )
    return {
        **{name: F(name) for name in (*plain, *days)},
        "submitted_at": _InstantText("submitted_at"),
        "contact_person": JSONObject(
            name=F("contact_name"),
            relation=F("contact_relation"),
            email=F("contact_email"),
            phone=F("contact_phone"),
        ),
        "commune_nis_code": F("commune_id"),
        "test": F("is_test"),
    }


def _requests_held(reader, cpas_id: int, wanted: set[int]) -> dict[int, str]:
    """The requests ``wanted`` that the reader's CPAS holds now (its data not erased),
    with when it retrieved them, each written as JSON: one query."""
    if not wanted:
        return {}
    visible = (
        requests_visible_to(reader)
        .filter(pk__in=wanted, personal_data_erased_at__isnull=True)
        .order_by()  # a dict by key: no sort
    )
    retrieval = Retrieval.objects.filter(aid_request=OuterRef("pk"), cpas_id=cpas_id)
    if connection.vendor != "postgresql":  # the embedded database: built here
        rows = visible.annotate(retrieved_at=Subquery(retrieval.values("retrieved_at")))
        return {
            row["id"]: _dumps(request_dict(row, row["retrieved_at"]))
            for row in rows.values(*REQUEST_FIELDS, "retrieved_at")
        }
    fields = _request_object()
    retrieved = retrieval.annotate(at=_InstantText("retrieved_at")).values("at")
    rows = visible.annotate(
        written=Cast(JSONObject(**fields, retrieved_at=Subquery(retrieved)), TextField())
    ).values_list("id", "national_number_encrypted", "written")
    held = {}
    for pk, encrypted, written in rows:
        number = _dumps(crypto.decrypt(encrypted)) if encrypted else "null"
        held[pk] = f'{{"national_number":{number},{written[1:]}'
    return held


def feed_page_read(
    *, reader, cpas_id: int, after: int, limit: int, with_requests: bool = True
) -> FeedPage:
    """The events after ``after``, oldest first, at most ``limit``, as the API gives
    them; without the requests' data when ``with_requests`` is false. A cursor beyond
    the last event is unknown (another CPAS's, or made up): ``UnknownCursor``.

    One query for the events (the unique index on cpas and seq) and the feed's counter,
    one for the requests they bring with their retrievals."""
    counter = FeedCounter.objects.filter(cpas_id=cpas_id).values("last_seq")
    rows = list(
        FeedEvent.objects.filter(cpas_id=cpas_id, seq__gt=after)
        .order_by("seq")
        .annotate(
            occurred_text=_InstantText("occurred_at"),
            data_text=Cast("data", TextField()),
            counter=Subquery(counter),  # read with the events: one query
        )
        .values_list(*EVENT_FIELDS, "data_text", "counter")[:limit]
    )
    if rows:
        last_seq = max(rows[0][-1] or 0, rows[-1][2])
    else:
        last_seq = feed_last_seq(cpas_id)
        if after > last_seq:
            raise UnknownCursor(last_seq)
    wanted = set()
    if with_requests:
        wanted = {row[0] for row in rows if row[0] and BY_TYPE[row[3]].arrival}
    held = _requests_held(reader, cpas_id, wanted)
    events, shown = [], []
    for *row, data, _counter in rows:
        aid_request_id = row[0]
        request = None
        if aid_request_id in held and BY_TYPE[row[3]].arrival:
            request = held[aid_request_id]
            shown.append(aid_request_id)
        events.append(_event_json(row, data, request))
    next_after = rows[-1][2] if rows else after
    return FeedPage(events, last_seq, next_after, shown)
