"""A test request's emails (docs/sandbox.md, "Emails"): TEST before the subject and in
the first line, in the email's languages; never reminded."""

from datetime import UTC, datetime

import pytest

from notifications.constants import EmailKind
from notifications.emails import build_message
from notifications.models import OutgoingEmail
from notifications.outbox import queue_reminders
from tests.factories import submit

from .conftest import NAMUR, open_sandbox

pytestmark = pytest.mark.django_db

SUBMITTED = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
FIRST_LINE = {
    "fr": "TEST\u00a0: cette demande a été envoyée par le bac à sable d’un CPAS",
    "nl": "TEST: deze aanvraag werd verstuurd via de zandbak van een OCMW",
    "de": "TEST: Dieser Antrag wurde über die Sandbox eines ÖSHZ gesendet",
    "en": "TEST: this request was sent through a CPAS's sandbox",
}
SUBJECT = {"fr": "[TEST] ", "nl": "[TEST] ", "de": "[TEST] ", "en": "[TEST] "}


def email(aid_request, kind):
    return build_message(OutgoingEmail.objects.get(aid_request=aid_request, kind=kind))


@pytest.mark.parametrize("language", ["fr", "nl", "de", "en"])
def test_the_acknowledgement_says_test_first_in_its_language(language, cpas_emails):
    cpas_emails(NAMUR)
    aid_request = submit(
        submitted_at=SUBMITTED, language=language, sandbox_token=open_sandbox(NAMUR)
    )
    message = email(aid_request, EmailKind.ACKNOWLEDGEMENT)
    assert message.subject.startswith(SUBJECT[language])
    assert message.body.startswith(FIRST_LINE[language])
    html = message.alternatives[0].content.replace("&#x27;", "'")
    body = html[html.index("<body") :]
    assert FIRST_LINE[language] in body
    assert body.index(FIRST_LINE[language]) < body.index(aid_request.reference)


@pytest.mark.parametrize(
    ("nis", "languages"),
    [
        pytest.param(NAMUR, ["fr"], id="namur-fr"),
        pytest.param("44021", ["nl"], id="ghent-nl"),
        pytest.param("63023", ["de"], id="eupen-de"),
        pytest.param("21004", ["fr", "nl"], id="brussels-both"),
    ],
)
def test_the_cpas_alert_says_test_in_each_of_its_languages(nis, languages, cpas_emails):
    cpas_emails(nis)
    aid_request = submit(nis_code=nis, sandbox_token=open_sandbox(nis))
    message = email(aid_request, EmailKind.CPAS_ALERT)
    assert all(part.startswith("[TEST] ") for part in message.subject.split(" / "))
    for language in languages:
        assert FIRST_LINE[language] in message.body


def test_a_real_request_s_emails_do_not_say_test(cpas_emails):
    cpas_emails(NAMUR)
    aid_request = submit()
    for kind in (EmailKind.ACKNOWLEDGEMENT, EmailKind.CPAS_ALERT):
        message = email(aid_request, kind)
        assert "TEST" not in message.subject and "TEST" not in message.body


def test_test_requests_are_never_reminded(cpas_emails):
    cpas_emails(NAMUR)
    token = open_sandbox(NAMUR)
    for _ in range(2):
        submit(submitted_at=SUBMITTED, sandbox_token=token)
    monday = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)  # unread for 2 days and more
    assert queue_reminders(now=monday) == 0
    submit(submitted_at=SUBMITTED)  # one real request waits
    assert queue_reminders(now=monday) == 1
    assert OutgoingEmail.objects.get(kind=EmailKind.REMINDER).context["waiting"] == 1
