"""Reading the feed by cursor, and the request's data added at read time
(docs/integration.md, "Personal data").

The stored events carry no personal data. The request's data (as ``GET /requests``
gives it) is added to the events that bring a request to the CPAS (submitted, entered,
transferred in) only if the reader's CPAS holds the request now, through
``backoffice.access`` like every page, and its data is not erased: once a request is
transferred away, the old CPAS's feed shows its events without it.
"""

from dataclasses import dataclass

from backoffice.access import requests_visible_to
from backoffice.models import Retrieval
from intake import crypto

from .kinds import BY_TYPE, VERSION
from .models import FeedCounter, FeedEvent

MAX_LIMIT = 500


class UnknownCursor(Exception):
    def __init__(self, last_seq: int):
        self.last_seq = last_seq


@dataclass
class FeedPage:
    events: list[dict]  # as the API gives them
    last_seq: int
    shown: list[int]  # the requests whose data the page shows (for the access log)


EVENT_FIELDS = ("cpas_id", "seq", "type", "occurred_at", "reference", "test", "data")
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


def feed_page_read(*, reader, cpas_id: int, after: int, limit: int) -> FeedPage:
    """The events after ``after``, oldest first, at most ``limit``, as the API gives
    them. A cursor beyond the last event is unknown (another CPAS's, or made up):
    ``UnknownCursor``."""
    last_seq = feed_last_seq(cpas_id)
    if after > last_seq:
        raise UnknownCursor(last_seq)
    rows = list(
        FeedEvent.objects.filter(cpas_id=cpas_id, seq__gt=after)
        .order_by("seq")
        .values_list("aid_request_id", *EVENT_FIELDS)[:limit]
    )
    if rows:
        last_seq = max(last_seq, rows[-1][2])  # committed since the counter was read
    wanted = {row[0] for row in rows if row[0] and BY_TYPE[row[3]].arrival}
    held, retrieved = {}, {}
    if wanted:
        visible = requests_visible_to(reader).filter(
            pk__in=wanted, personal_data_erased_at__isnull=True
        )
        held = {row["id"]: row for row in visible.values(*REQUEST_FIELDS)}
        retrieved = dict(
            Retrieval.objects.filter(cpas_id=cpas_id, aid_request_id__in=held).values_list(
                "aid_request_id", "retrieved_at"
            )
        )
    events = []
    shown = []
    for aid_request_id, event_cpas, seq, type_, occurred_at, reference, test, data in rows:
        request = None
        if aid_request_id in held and BY_TYPE[type_].arrival:
            request = request_dict(held[aid_request_id], retrieved.get(aid_request_id))
            shown.append(aid_request_id)
        events.append(
            {
                "id": f"evt_{event_cpas}_{seq}",
                "seq": seq,
                "type": type_,
                "version": VERSION,
                "occurred_at": _instant(occurred_at),
                "reference": reference,
                "test": test,
                "data": data,
                "request": request,
            }
        )
    return FeedPage(events, last_seq, shown)
