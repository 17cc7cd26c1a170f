"""Rendering the outbox's emails, at send time, in the recipient's language.

Templates: ``notifications/email/<kind>/{subject.txt,body.txt,body.html}``; the HTML
bodies are fragments wrapped in ``notifications/email/layout.html``. Emails to a CPAS
of the bilingual Brussels area carry the French and the Dutch text.
"""

from dataclasses import dataclass
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _

from .acknowledgement import acknowledgement_context, test_notice
from .constants import BILINGUAL, STAFF_KINDS, EmailKind
from .staff import staff_email_context
from .transfer import transfer_notice_context


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


def service_name() -> str:
    """The service's name in the active language: CPAS / OCMW / ÖSHZ Online."""
    return _("CPAS Online")


def cpas_alert_context(cpas, *, urgent: int = 0) -> dict:
    """Everything the CPAS alert may say: an allow-list, no personal data
    (docs/notifications.md).

    Not even the CPAS's name: in most cases it is the applicant's commune's. Only how
    many of the new requests the applicant marked urgent (0 or 1), a flag that names
    no one.
    """
    return {
        "backoffice_url": f"{settings.SITE_URL}/{translation.get_language()}/backoffice/",
        "service_name": service_name(),
        "urgent": urgent,
    }


def reminder_context(cpas, waiting: int, urgent: int = 0) -> dict:
    """The reminder's allow-list: how many requests wait, how many of them are marked
    urgent, nothing about them."""
    return {
        **cpas_alert_context(cpas, urgent=urgent),
        "waiting": waiting,
        "after_days": settings.REMINDER_AFTER_DAYS,
    }


def _context(email) -> dict:
    if email.kind == EmailKind.ACKNOWLEDGEMENT:
        return acknowledgement_context(email.aid_request)
    if email.kind == EmailKind.CPAS_ALERT:
        return cpas_alert_context(email.cpas, urgent=int(email.aid_request.urgent))
    if email.kind == EmailKind.TRANSFER_NOTICE:
        return transfer_notice_context(email.aid_request, email.context["decision"])
    if email.kind in STAFF_KINDS:
        return staff_email_context(email)
    return reminder_context(email.cpas, email.context["waiting"], email.context.get("urgent", 0))


def _languages(language: str) -> list[str]:
    return ["fr", "nl"] if language == BILINGUAL else [language]


def sender(language: str) -> str:
    """DEFAULT_FROM_EMAIL's address under the service's name in the email's language(s):
    "OCMW Online <no-reply@…>", "CPAS Online / OCMW Online <…>" in Brussels."""
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    names = []
    for code in _languages(language):
        with translation.override(code):
            names.append(service_name())
    return f'"{" / ".join(dict.fromkeys(names))}" <{address}>'


def render_email(email) -> RenderedEmail:
    """Every email about a test request says TEST before its subject and in its first
    line, in each of its languages (docs/sandbox.md)."""
    subjects, texts, htmls = [], [], []
    aid_request = email.aid_request if email.aid_request_id else None
    for language in _languages(email.language):
        with translation.override(language):
            context = _context(email)
            folder = f"notifications/email/{email.kind}"
            subject = " ".join(render_to_string(f"{folder}/subject.txt", context).split())
            text = render_to_string(f"{folder}/body.txt", context).strip()
            html = render_to_string(f"{folder}/body.html", context)
            notice = test_notice(aid_request)
            if notice:
                subject = f"[{_('TEST')}] {subject}"
                text = f"{notice}\n\n{text}"
                html = format_html(
                    '<p style="background:#5b2a86;color:#fff;padding:8px;font-weight:bold">'
                    "{}</p>{}",
                    notice,
                    html,
                )
            subjects.append(subject)
            texts.append(text)
            htmls.append({"language": language, "html": html})
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
        from_email=sender(email.language),
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
