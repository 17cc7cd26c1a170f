"""The request's history, and who must act on it in the same transaction.

Every step of a request is a line of its history (``RequestEvent``), written by
``aid_request_event_record`` in the transaction of the step itself. Other apps that
must react in that transaction — the notifications' outbox writes the acknowledgement
when a request is submitted — subscribe once at start-up (``AppConfig.ready``), so that
the core does not import them (docs/architecture.md).
"""

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from ..constants import EventKind
from ..models import AidRequest, RequestEvent

logger = logging.getLogger(__name__)

Subscriber = Callable[[RequestEvent], None]
_subscribers: list[Subscriber] = []
_through: ContextVar[str] = ContextVar("through", default="")


@contextmanager
def acting_through(software: str) -> Iterator[None]:
    """Every history line written inside says which software recorded the step
    (``data["via"]``): the CPAS's social software, through the API, has no staff
    account here (docs/api.md, "Write-back")."""
    token = _through.set(software)
    try:
        yield
    finally:
        _through.reset(token)


def subscribe(subscriber: Subscriber) -> None:
    """Call ``subscriber(event)`` for every history line, inside its transaction."""
    if subscriber not in _subscribers:
        _subscribers.append(subscriber)


def aid_request_event_record(
    *,
    aid_request: AidRequest,
    kind: EventKind,
    actor=None,
    cpas=None,
    at: datetime | None = None,
    **data,
) -> RequestEvent:
    """Write one line of the request's history and tell the subscribers.

    ``data`` carries no personal data (codes, dates, numbers only). Must run inside the
    transaction of the step it records."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("a history line is written in its step's transaction")
    if _through.get():
        data.setdefault("via", _through.get())
    event = RequestEvent.objects.create(
        aid_request=aid_request,
        kind=kind,
        actor=actor,
        cpas=cpas or aid_request.cpas,
        at=at or timezone.now(),
        data=data,
    )
    for subscriber in _subscribers:
        subscriber(event)
    return event
