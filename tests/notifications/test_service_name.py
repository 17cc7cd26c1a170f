"""The service's name in each language: CPAS Online, OCMW Online, ÖSHZ Online (CPAS Online
in English), on the pages, in every email (sender, subject, body) and in the PDF
(docs/notifications.md, "What is sent when")."""

from pathlib import Path

import polib
import pytest
from django.template.loader import render_to_string
from django.utils import translation

from notifications.acknowledgement import acknowledgement_context
from notifications.constants import EmailKind
from notifications.emails import build_message, render_email
from notifications.models import OutgoingEmail
from routing.models import Cpas
from tests.factories import submit

NAMES = {"fr": "CPAS Online", "nl": "OCMW Online", "de": "ÖSHZ Online", "en": "CPAS Online"}
LOCALE = Path(__file__).resolve().parent.parent.parent / "locale"
UNTIL = "2026-12-03T10:00:00+00:00"


def wrong_names(language: str) -> set[str]:
    return set(NAMES.values()) - {NAMES[language]}


@pytest.mark.parametrize("language", ["fr", "nl", "de"])
def test_every_translation_names_the_service_in_its_language(language):
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    wrong, missing = [], []
    for entry in po.translated_entries():
        texts = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in texts:
            if any(name in text for name in wrong_names(language)):
                wrong.append(text)
            if "CPAS Online" in entry.msgid and NAMES[language] not in text:
                missing.append(text)
    assert (wrong, missing) == ([], [])


def rendered_emails(aid_request, language: str) -> list[str]:
    """Every email a person or a CPAS of that language gets, rendered as sent: its
    sender, subject, text and HTML in one piece (not every body repeats the name)."""
    cpas = aid_request.cpas
    emails = list(OutgoingEmail.objects.filter(aid_request=aid_request, language=language))
    for kind, context in [
        (EmailKind.REMINDER, {"waiting": 2}),
        (EmailKind.STAFF_INVITATION, {"salt": "s", "until": UNTIL}),
        (EmailKind.LOGIN_WARNING, {"until": UNTIL}),
    ]:
        emails.append(OutgoingEmail(kind=kind, cpas=cpas, language=language, context=context))
    texts = []
    for email in emails:
        rendered = render_email(email)
        sender = build_message(email).from_email if email.pk else ""
        texts.append("\n".join([sender, rendered.subject, rendered.text, rendered.html]))
    return texts


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "nis"),
    [("fr", "92094"), ("nl", "44021"), ("de", "63023"), ("en", "92094")],
)
def test_pages_emails_and_the_pdf_name_the_service_in_their_language(
    language, nis, client, cpas_emails
):
    cpas_emails(nis)
    aid_request = submit(nis_code=nis, language=language)
    kinds = set(
        OutgoingEmail.objects.filter(aid_request=aid_request, language=language).values_list(
            "kind", flat=True
        )
    )
    # The applicant's acknowledgement; the CPAS's alert when the CPAS reads this language.
    expected = {EmailKind.ACKNOWLEDGEMENT} | ({EmailKind.CPAS_ALERT} if language != "en" else set())
    assert kinds == expected
    assert Cpas.objects.get(code=nis).pk == aid_request.cpas.pk
    texts = rendered_emails(aid_request, language)
    with translation.override(language):
        texts.append(
            render_to_string(
                "notifications/pdf/acknowledgement.html", acknowledgement_context(aid_request)
            )
        )
    for path in ("", "about/", "no-such-page/", "request/expired/"):
        texts.append(client.get(f"/{language}/{path}").content.decode())

    assert [text for text in texts if NAMES[language] not in text] == []
    assert [text for text in texts if any(name in text for name in wrong_names(language))] == []
