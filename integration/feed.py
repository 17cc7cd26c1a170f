"""The change feed: written in the step's transaction, read by cursor (docs/integration.md).

Each history line (``RequestEvent``) becomes, through ``KINDS``, one event in the feed
of the CPAS it concerns (two for a transfer: out and in), numbered by that CPAS's
counter row, locked until the step commits. So the numbers have no gaps, and they
become visible in their order: a reader that saw N has seen everything before N.
Each new event is also queued to the CPAS's active webhooks, in the same transaction.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from intake.constants import EventKind
from intake.models import AidRequest, RequestEvent

from .kinds import ARRIVAL, KINDS, TRANSFERRED_IN, FeedKind, pick
from .models import FeedCounter, FeedEvent
from .webhooks import webhooks_queue


@dataclass(frozen=True)
class Draft:
    cpas_id: int
    kind: FeedKind
    data: dict


def drafts_for(event: RequestEvent, aid_request: AidRequest) -> list[Draft]:
    """The feed events of one history line: which CPAS, which type, which fields."""
    kind = KINDS[event.kind]
    drafts = [Draft(event.cpas_id or aid_request.cpas_id, kind, pick(kind, event.data))]
    if event.kind == EventKind.TRANSFERRED:
        data = pick(TRANSFERRED_IN, {**event.data, "from_cpas": event.cpas.code})
        drafts.append(Draft(aid_request.cpas_id, TRANSFERRED_IN, data))
    for draft in drafts:
        if draft.kind.arrival:
            draft.data.update(_arrival_fields(aid_request))
    return drafts


def _arrival_fields(aid_request: AidRequest) -> dict:
    values = {}
    for name in ARRIVAL:
        value = getattr(aid_request, name)
        values[name] = value.isoformat() if hasattr(value, "isoformat") else value
    return values


def _next_seqs(cpas_ids: list[int], count: dict[int, int]) -> dict[int, int]:
    """Reserve ``count[cpas]`` numbers of each CPAS's feed; the first of each. The
    counters are locked in a fixed order (by CPAS) so two transfers crossing each other
    wait rather than deadlock; the locks last until the commit."""
    FeedCounter.objects.bulk_create(
        [FeedCounter(cpas_id=cpas_id) for cpas_id in cpas_ids], ignore_conflicts=True
    )
    first = {}
    counters = FeedCounter.objects.select_for_update().filter(cpas_id__in=cpas_ids)
    for counter in counters.order_by("cpas_id"):
        first[counter.cpas_id] = counter.last_seq + 1
        counter.last_seq += count[counter.cpas_id]
        counter.save(update_fields=["last_seq"])
    return first


def feed_events_append(
    *, drafts: list[Draft], aid_request: AidRequest, at: datetime
) -> list[FeedEvent]:
    """Number the drafts in their CPAS's feeds and store them; queue their webhooks."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("a feed event is written in its step's transaction")
    count: dict[int, int] = {}
    for draft in drafts:
        count[draft.cpas_id] = count.get(draft.cpas_id, 0) + 1
    seqs = _next_seqs(sorted(count), count)
    rows = []
    for draft in drafts:
        rows.append(
            FeedEvent(
                cpas_id=draft.cpas_id,
                seq=seqs[draft.cpas_id],
                type=draft.kind.type,
                occurred_at=at,
                aid_request=aid_request,
                reference=aid_request.reference,
                test=aid_request.is_test,
                data=draft.data,
            )
        )
        seqs[draft.cpas_id] += 1
    FeedEvent.objects.bulk_create(rows)
    webhooks_queue(rows)
    return rows


def on_request_event(event: RequestEvent) -> None:
    """The history's subscriber (``IntegrationConfig.ready``): inside the step's
    transaction, so a step rolled back leaves no event and no webhook."""
    aid_request = event.aid_request
    feed_events_append(drafts=drafts_for(event, aid_request), aid_request=aid_request, at=event.at)
