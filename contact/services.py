"""The first contact's writes (docs/first-contact.md): each owns its transaction and
writes its history line (``aid_request_event_record``), so the social software's feed
sees it."""

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intake.constants import EventKind, IdentificationMethod, State
from intake.lifecycle import StepRefused
from intake.models import AidRequest
from intake.services import aid_request_event_record
from notifications.constants import ApplicantMessageKind
from notifications.outbox.delivery import new_row_schedule, queue_on_commit

from .constants import AppointmentState, Medium, Refusal
from .delivery import APPLICANT
from .links import contact_link_create, usable_link
from .models import ApplicantMessage, Appointment, ContactChoice, ContactLink
from .rules import answer_refusal, no_reaction_due


class ForgedAnswer(Exception):
    """An answer about an appointment that is not this link's request's."""


def medium_of(aid_request: AidRequest) -> str:
    choice = ContactChoice.objects.filter(aid_request=aid_request).first()
    if choice and choice.medium == Medium.EBOX and ebox_offered(aid_request):
        return Medium.EBOX
    return Medium.EMAIL


def ebox_offered(aid_request: AidRequest) -> bool:
    """The eBox only for a request identified by eID or itsme, when it is on."""
    return (
        settings.EBOX_ENABLED
        and aid_request.identification_method == IdentificationMethod.EID
        and bool(aid_request.national_number_encrypted)
    )


def appointment_propose(
    *,
    aid_request: AidRequest,
    user,
    starts_at: datetime,
    mode: str,
    place: str = "",
    documents: list[int] = (),
    documents_text: str = "",
) -> Appointment:
    """A first meeting proposed to the applicant, and its message (outbox, email or
    eBox) when the applicant can be reached; an earlier unanswered proposal is replaced."""
    now = timezone.now()
    with transaction.atomic(durable=True):
        aid_request = AidRequest.objects.select_for_update().get(pk=aid_request.pk)
        if aid_request.state == State.DECIDED:
            raise StepRefused(_("A decision was taken: no appointment can be proposed now."))
        if starts_at <= now:
            raise StepRefused(_("Choose a time in the future."))
        appointments = Appointment.objects.filter(aid_request=aid_request)
        appointments.filter(state=AppointmentState.PROPOSED).update(
            state=AppointmentState.WITHDRAWN
        )
        appointment = Appointment.objects.create(
            aid_request=aid_request,
            cpas=aid_request.cpas,
            attempt=appointments.count() + 1,
            proposed_by=user,
            proposed_at=now,
            starts_at=starts_at,
            mode=mode,
            place=place,
            documents=[int(pk) for pk in documents],
            documents_text=documents_text,
        )
        aid_request_event_record(
            aid_request=aid_request,
            kind=EventKind.CONTACT_PROPOSED,
            actor=user,
            appointment=appointment.pk,
            attempt=appointment.attempt,
        )
        _queue_message(aid_request, appointment, now)
    return appointment


def _queue_message(aid_request, appointment, now) -> ApplicantMessage | None:
    medium = medium_of(aid_request)
    if medium == Medium.EMAIL and not aid_request.email:
        return None  # reached by phone, by the CPAS's own means
    if aid_request.channel == "online":
        link = usable_link(aid_request, now) or contact_link_create(aid_request=aid_request)
    else:
        link = None
    schedule = new_row_schedule(ApplicantMessageKind.APPOINTMENT, now)
    schedule["expires_at"] = appointment.starts_at  # useless once the meeting began
    row = ApplicantMessage.objects.create(
        **schedule,
        medium=medium,
        to=aid_request.email if medium == Medium.EMAIL else "",
        language=aid_request.language,
        aid_request=aid_request,
        context={"appointment": appointment.pk, "link": link.pk if link else None},
        idempotency_key=f"appointment:{appointment.pk}",
    )
    queue_on_commit(APPLICANT, [row.pk])
    return row


ANSWER_EVENTS = {
    AppointmentState.CONFIRMED: EventKind.CONTACT_CONFIRMED,
    AppointmentState.OTHER_TIME: EventKind.CONTACT_OTHER_TIME,
}


def appointment_answer(
    *, link: ContactLink, appointment_pk: int, answer: str, new_phone: str = "", wish: str = ""
) -> Refusal | None:
    """The applicant confirms or asks for another time; None when recorded, else why not.
    Recorded once: the row is locked and a second identical answer is refused."""
    if answer not in ANSWER_EVENTS:
        raise ForgedAnswer
    now = timezone.now()
    with transaction.atomic(durable=True):
        appointment = (
            Appointment.objects.select_for_update()
            .select_related("aid_request")
            .filter(pk=appointment_pk, aid_request_id=link.aid_request_id)
            .first()
        )
        if appointment is None:
            raise ForgedAnswer
        refusal = answer_refusal(
            state=appointment.state, starts_at=appointment.starts_at, now=now, wanted=answer
        )
        if refusal is not None:
            return refusal
        appointment.state = answer
        appointment.answered_at = now
        if answer == AppointmentState.OTHER_TIME:
            appointment.new_phone, appointment.wish = new_phone, wish
        appointment.save(update_fields=["state", "answered_at", "new_phone", "wish"])
        aid_request_event_record(
            aid_request=appointment.aid_request,
            kind=ANSWER_EVENTS[answer],
            cpas=appointment.cpas,
            appointment=appointment.pk,
            attempt=appointment.attempt,
        )
    return None


def appointments_no_reaction_mark(*, now: datetime | None = None) -> int:
    """Mark the proposals left unanswered past their deadline (point 9.3), once each."""
    now = now or timezone.now()
    days = settings.CONTACT_NO_REACTION_DAYS
    marked = 0
    for pk in Appointment.objects.filter(state=AppointmentState.PROPOSED).values_list(
        "pk", flat=True
    ):
        with transaction.atomic(durable=True):
            appointment = (
                Appointment.objects.select_for_update(skip_locked=True)
                .select_related("aid_request")
                .filter(pk=pk)
                .first()
            )
            if appointment is None or not no_reaction_due(
                state=appointment.state,
                proposed_at=appointment.proposed_at,
                starts_at=appointment.starts_at,
                days=days,
                now=now,
            ):
                continue
            appointment.state = AppointmentState.NO_REACTION
            appointment.save(update_fields=["state"])
            aid_request_event_record(
                aid_request=appointment.aid_request,
                kind=EventKind.CONTACT_NO_REACTION,
                cpas=appointment.cpas,
                at=now,
                appointment=appointment.pk,
                attempt=appointment.attempt,
                days=days,
            )
            marked += 1
    return marked


def contact_link_revoke(*, aid_request: AidRequest, user) -> int:
    """Revoke the request's links (a member of staff, e.g. the applicant says their
    email was read by someone else); the next appointment's message brings a new one."""
    now = timezone.now()
    with transaction.atomic(durable=True):
        revoked = ContactLink.objects.filter(aid_request=aid_request, revoked_at=None).update(
            revoked_at=now, revoked_by=user
        )
        if revoked:
            aid_request_event_record(
                aid_request=aid_request, kind=EventKind.CONTACT_LINK_REVOKED, actor=user
            )
    return revoked


def contact_choice_set(*, aid_request: AidRequest, medium: str, person) -> bool:
    """The applicant's choice of medium. The eBox only when offered and when the person
    logged in with eID now is the request's applicant; False when refused."""
    if medium == Medium.EBOX and not (
        ebox_offered(aid_request)
        and person is not None
        and person.national_number == aid_request.national_number
    ):
        return False
    with transaction.atomic(durable=True):
        choice, created = ContactChoice.objects.select_for_update().get_or_create(
            aid_request=aid_request, defaults={"medium": medium}
        )
        if not created and choice.medium == medium:
            return True
        choice.medium, choice.chosen_at = medium, timezone.now()
        choice.save()
        aid_request_event_record(
            aid_request=aid_request, kind=EventKind.CONTACT_MEDIUM, medium=medium
        )
    return True
