"""The applicant's messages, rendered when they are sent, in the applicant's language
(templates ``contact/email/<kind>/``). An appointment's message names the CPAS, the
meeting, the documents to bring and the link to the applicant's page; nothing else."""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from cpasonline.dates import date_in_words, time_in_words
from intake.deadlines import brussels_date
from routing.contacts import cpas_contact

from .constants import LinkState, MeetingMode
from .links import link_url, state_of
from .models import Appointment, ContactLink, DocumentItem


@dataclass(frozen=True)
class RenderedMessage:
    subject: str
    text: str
    html: str


def meeting_words(appointment: Appointment, language: str) -> dict:
    """The meeting in words: its day, time, how and where."""
    day = brussels_date(appointment.starts_at)
    return {
        "date_words": date_in_words(day, language),
        "time_words": time_in_words(appointment.starts_at, language),
        "mode": appointment.mode,
        "mode_label": str(MeetingMode(appointment.mode).label),
        "place": appointment.place,
    }


def document_labels(appointment: Appointment, language: str) -> list[str]:
    items = DocumentItem.objects.filter(pk__in=appointment.documents)
    return [item.label(language) for item in items if item.label(language)]


def appointment_context(appointment: Appointment, language: str, *, link=None) -> dict:
    aid_request = appointment.aid_request
    return {
        "service_name": _("CPAS Online"),
        "reference": aid_request.reference,
        "attempt": appointment.attempt,
        "cpas": cpas_contact(appointment.cpas, language),
        "meeting": meeting_words(appointment, language),
        "documents": document_labels(appointment, language),
        "documents_text": appointment.documents_text,
        "status_url": link_url(link, language) if link else "",
        "language": language,
    }


def render_message(row) -> RenderedMessage:
    appointment = Appointment.objects.select_related("aid_request", "cpas").get(
        pk=row.context["appointment"]
    )
    link = ContactLink.objects.filter(pk=row.context.get("link")).first()
    if link is not None and state_of(link) != LinkState.OK:
        link = None
    with translation.override(row.language):
        context = appointment_context(appointment, row.language, link=link)
        folder = f"contact/email/{row.kind}"
        subject = " ".join(render_to_string(f"{folder}/subject.txt", context).split())
        text = render_to_string(f"{folder}/body.txt", context).strip() + "\n"
        body = render_to_string(f"{folder}/body.html", context)
        html = render_to_string(
            "notifications/email/layout.html",
            {
                "parts": [{"language": row.language, "html": body}],
                "language": row.language,
                "subject": subject,
            },
        )
    return RenderedMessage(subject=subject, text=text, html=html)
