"""What the applicant's page and the staff's summary show (docs/first-contact.md)."""

from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from cpasonline.dates import date_in_words
from intake.constants import EventKind
from intake.models import CompetenceDecision
from notifications.transfer import transfer_notice_context
from routing.contacts import cpas_contact
from routing.models import Cpas

from .constants import AppointmentState
from .messages import document_labels, meeting_words
from .models import ApplicantMessage, Appointment
from .rules import (
    NEGATIVE_DECISION_AFTER,
    answer_refusal,
    no_reaction_count,
    reaction_deadline,
    status_steps,
)
from .services import ebox_offered, medium_of


@dataclass
class ShownStep:
    code: str
    date_words: str
    cpas_name: str


def applicant_status(aid_request, language: str) -> dict:
    """The applicant's page: the reference, the CPAS, the steps, the open appointment.
    Little personal data: a link can be forwarded."""
    events = list(aid_request.events.order_by("at", "pk").values_list("kind", "at", "cpas_id"))
    steps = status_steps(events, state=aid_request.state)
    names = {
        cpas.pk: cpas_contact(cpas, language).name.value
        for cpas in Cpas.objects.filter(pk__in={s.cpas_id for s in steps if s.cpas_id})
    }
    shown = [
        ShownStep(
            step.code,
            date_in_words(timezone.localtime(step.at).date(), language),
            names.get(step.cpas_id, ""),
        )
        for step in steps
    ]
    transfer = transfer_cpas = None
    decision = (
        CompetenceDecision.objects.filter(aid_request=aid_request, competent=False)
        .order_by("-decided_at")
        .first()
    )
    if decision is not None:
        transfer = transfer_notice_context(aid_request, decision.pk)
        transfer_cpas = cpas_contact(decision.transferred_to, language)
    appointment = (
        Appointment.objects.filter(aid_request=aid_request)
        .exclude(state=AppointmentState.WITHDRAWN)
        .order_by("-attempt")
        .first()
    )
    return {
        "reference": aid_request.reference,
        "reception_date_words": date_in_words(aid_request.reception_date, language),
        "cpas": cpas_contact(aid_request.cpas, language),
        "steps": shown,
        "transfer": transfer,
        "transfer_cpas": transfer_cpas,
        "language": language,
        "appointment": appointment_shown(appointment, language) if appointment else None,
        "ebox_offered": ebox_offered(aid_request),
        "medium": medium_of(aid_request),
    }


def appointment_shown(appointment, language: str) -> dict:
    now = timezone.now()
    return {
        "pk": appointment.pk,
        "state": appointment.state,
        "meeting": meeting_words(appointment, language),
        "documents": document_labels(appointment, language),
        "documents_text": appointment.documents_text,
        "can_confirm": answer_refusal(
            state=appointment.state,
            starts_at=appointment.starts_at,
            now=now,
            wanted=AppointmentState.CONFIRMED,
        )
        is None,
        "can_move": answer_refusal(
            state=appointment.state,
            starts_at=appointment.starts_at,
            now=now,
            wanted=AppointmentState.OTHER_TIME,
        )
        is None,
    }


def staff_contact_summary(aid_request) -> dict:
    """The detail page's "First contact" section: every attempt, its answer or the
    absence of one, the messages' delivery, the count that point 9.3 needs."""
    appointments = list(Appointment.objects.filter(aid_request=aid_request).order_by("attempt"))
    messages = {
        row.context.get("appointment"): row
        for row in ApplicantMessage.objects.filter(aid_request=aid_request)
    }
    days = settings.CONTACT_NO_REACTION_DAYS
    rows = [
        {
            "appointment": appointment,
            "message": messages.get(appointment.pk),
            "deadline": reaction_deadline(
                proposed_at=appointment.proposed_at, starts_at=appointment.starts_at, days=days
            ),
        }
        for appointment in appointments
    ]
    without = no_reaction_count([a.state for a in appointments])
    return {
        "rows": rows,
        "no_reaction_days": days,
        "without_reaction": without,
        "negative_possible": without >= NEGATIVE_DECISION_AFTER,
        "has_link": aid_request.contact_links.filter(revoked_at=None).exists(),
        "medium": medium_of(aid_request),
        "events": EventKind,
    }
