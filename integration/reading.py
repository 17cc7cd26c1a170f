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

from .kinds import BY_TYPE, VERSION
from .models import FeedCounter, FeedEvent

MAX_LIMIT = 500


class UnknownCursor(Exception):
    def __init__(self, last_seq: int):
        self.last_seq = last_seq


@dataclass
class FeedPage:
    events: list[FeedEvent]
    last_seq: int
    holds: dict  # aid_request_id → AidRequest, for the events that carry it
    retrieved: dict  # aid_request_id → retrieved_at


def feed_last_seq(cpas_id: int) -> int:
    return (
        FeedCounter.objects.filter(cpas_id=cpas_id).values_list("last_seq", flat=True).first() or 0
    )


def feed_page_read(*, reader, cpas_id: int, after: int, limit: int) -> FeedPage:
    """The events after ``after``, oldest first, at most ``limit``. A cursor beyond the
    last event is unknown (another CPAS's, or made up): ``UnknownCursor``."""
    last_seq = feed_last_seq(cpas_id)
    if after > last_seq:
        raise UnknownCursor(last_seq)
    events = list(FeedEvent.objects.filter(cpas_id=cpas_id, seq__gt=after).order_by("seq")[:limit])
    if events:
        last_seq = max(last_seq, events[-1].seq)  # committed since the counter was read
    wanted = {e.aid_request_id for e in events if e.aid_request_id and BY_TYPE[e.type].arrival}
    holds, retrieved = {}, {}
    if wanted:
        visible = requests_visible_to(reader).filter(
            pk__in=wanted, personal_data_erased_at__isnull=True
        )
        holds = {row.pk: row for row in visible}
        retrieved = dict(
            Retrieval.objects.filter(cpas_id=cpas_id, aid_request_id__in=holds).values_list(
                "aid_request_id", "retrieved_at"
            )
        )
    return FeedPage(events, last_seq, holds, retrieved)


def event_dict(event: FeedEvent, request: dict | None) -> dict:
    return {
        "id": event.event_id,
        "seq": event.seq,
        "type": event.type,
        "version": VERSION,
        "occurred_at": event.occurred_at,
        "reference": event.reference,
        "test": event.test,
        "data": event.data,
        "request": request,
    }
