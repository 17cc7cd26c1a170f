"""What the first contact does when a request's history grows (same transaction):
a submitted request gets its applicant's link (the acknowledgement carries it); a
transferred one has its open appointments withdrawn, the new CPAS makes its own
(docs/first-contact.md)."""

from intake.constants import EventKind
from intake.models import RequestEvent

from .constants import AppointmentState
from .links import contact_link_create
from .models import Appointment

OPEN = (AppointmentState.PROPOSED, AppointmentState.CONFIRMED)


def on_request_event(event: RequestEvent) -> None:
    if event.kind == EventKind.SUBMITTED:
        contact_link_create(aid_request=event.aid_request, now=event.at)
    elif event.kind == EventKind.TRANSFERRED:
        Appointment.objects.filter(aid_request=event.aid_request, state__in=OPEN).update(
            state=AppointmentState.WITHDRAWN
        )
