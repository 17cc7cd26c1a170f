"""Rendering the outbox's emails, at send time, in the recipient's language.

Templates: ``notifications/email/<kind>/{subject.txt,body.txt,body.html}``; the HTML
bodies are fragments wrapped in ``notifications/email/layout.html``. Emails to a CPAS
of the bilingual Brussels area carry the French and the Dutch text.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from .acknowledgement import acknowledgement_context
from .constants import BILINGUAL, STAFF_KINDS, EmailKind
from .staff import staff_email_context
from .transfer import transfer_notice_context


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


def cpas_alert_context(cpas) -> dict:
    """Everything the CPAS alert may say: an allow-list, no personal data
    (docs/notifications.md).

    Not even the CPAS's name: in most cases it is the applicant's commune's.
    """
    return {
        "backoffice_url": f"{settings.SITE_URL}/{translation.get_language()}/backoffice/",
    }


def reminder_context(cpas, waiting: int) -> dict:
    """The reminder's allow-list: how many requests wait, nothing about them."""
    return {
        **cpas_alert_context(cpas),
        "waiting": waiting,
        "after_days": settings.REMINDER_AFTER_DAYS,
    }


def _context(email) -> dict:
    if email.kind == EmailKind.ACKNOWLEDGEMENT:
        return acknowledgement_context(email.aid_request)
    if email.kind == EmailKind.CPAS_ALERT:
        return cpas_alert_context(email.cpas)
    if email.kind == EmailKind.TRANSFER_NOTICE:
        return transfer_notice_context(email.aid_request, email.context["decision"])
    if email.kind in STAFF_KINDS:
        return staff_email_context(email)
    return reminder_context(email.cpas, email.context["waiting"])


def _languages(language: str) -> list[str]:
    return ["fr", "nl"] if language == BILINGUAL else [language]


def render_email(email) -> RenderedEmail:
    subjects, texts, htmls = [], [], []
    for language in _languages(email.language):
        with translation.override(language):
            context = _context(email)
            folder = f"notifications/email/{email.kind}"
            subjects.append(" ".join(render_to_string(f"{folder}/subject.txt", context).split()))
            texts.append(render_to_string(f"{folder}/body.txt", context).strip())
            htmls.append(
                {"language": language, "html": render_to_string(f"{folder}/body.html", context)}
            )
    html = render_to_string(
        "notifications/email/layout.html",
        {"parts": htmls, "language": htmls[0]["language"], "subject": subjects[0]},
    )
    return RenderedEmail(
        subject=" / ".join(dict.fromkeys(subjects)),
        text="\n\n* * *\n\n".join(texts) + "\n",
        html=html,
    )


def message_id_for(email) -> str:
    """``<outbox-PK-KIND@host>``; after an admin had a sent email sent again,
    ``<outbox-PK-KIND-N@host>``, so that no mail system drops the new copy as a duplicate.

    Fixed at the first attempt and kept on the row: every copy sent after an
    interrupted attempt carries the same one (docs/notifications.md, "Maybe sent").
    """
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    suffix = f"-{email.resends}" if email.resends else ""
    return f"<outbox-{email.pk}-{email.kind}{suffix}@{host}>"


def build_message(email) -> EmailMultiAlternatives:
    rendered = render_email(email)
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        headers={
            # The same row always gives the same Message-ID: a mail server or client
            # can drop the copy if a crash ever made us send one twice.
            "Message-ID": email.message_id or message_id_for(email),
            "X-CPAS-Online-Kind": email.kind,
        },
    )
    message.attach_alternative(rendered.html, "text/html")
    return message
