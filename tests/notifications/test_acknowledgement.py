"""What the acknowledgement says (art. 58 § 2 organic law of 8 July 1976, art. 18 § 3
law of 26 May 2002, circular of 28 May 2025 points 6 and 10; docs/acknowledgement.md)."""

from datetime import UTC, datetime

import pytest
from django.template.loader import render_to_string

from notifications.acknowledgement import acknowledgement_context
from notifications.constants import EmailKind
from notifications.emails import build_message, cpas_alert_context, render_email
from notifications.models import OutgoingEmail
from notifications.outbox import queue_reminders
from routing.contacts import in_language, language_order
from routing.models import Cpas
from tests.factories import submit

pytestmark = pytest.mark.django_db
NBSP, NNBSP = "\u00a0", "\u202f"


def plain(text: str) -> str:
    return text.replace(NBSP, " ").replace(NNBSP, " ")


@pytest.mark.parametrize(
    ("submitted_at", "sent_on", "time", "reception", "reason"),
    [
        # Circular point 9.1.1, example 1: a Friday (not a holiday) at 18:00 counts that day.
        pytest.param(
            datetime(2026, 11, 20, 17, 0, tzinfo=UTC),
            "vendredi 20 novembre 2026",
            "18 h 00",
            "vendredi 20 novembre 2026",
            "",
            id="weekday-friday-18h",
        ),
        # Example 2: a Saturday → the next working day, Monday (art. 58 § 1 al. 6).
        pytest.param(
            datetime(2026, 11, 21, 9, 12, tzinfo=UTC),
            "samedi 21 novembre 2026",
            "10 h 12",
            "lundi 23 novembre 2026",
            "saturday",
            id="saturday",
        ),
        pytest.param(
            datetime(2026, 11, 22, 12, 0, tzinfo=UTC),
            "dimanche 22 novembre 2026",
            "13 h 00",
            "lundi 23 novembre 2026",
            "sunday",
            id="sunday",
        ),
        # A legal public holiday (Armistice, Wednesday 11 November 2026) → Thursday.
        pytest.param(
            datetime(2026, 11, 11, 10, 0, tzinfo=UTC),
            "mercredi 11 novembre 2026",
            "11 h 00",
            "jeudi 12 novembre 2026",
            "holiday",
            id="holiday",
        ),
        # New Year's Day 2027 is a Friday and a holiday: R is Monday 4 January.
        pytest.param(
            datetime(2027, 1, 1, 8, 0, tzinfo=UTC),
            "vendredi 1er janvier 2027",
            "9 h 00",
            "lundi 4 janvier 2027",
            "holiday",
            id="holiday-1er",
        ),
        # 23:59 in Brussels on a Friday is still Friday (22:59 UTC in winter).
        pytest.param(
            datetime(2026, 11, 20, 22, 59, tzinfo=UTC),
            "vendredi 20 novembre 2026",
            "23 h 59",
            "vendredi 20 novembre 2026",
            "",
            id="friday-23h59",
        ),
        # 00:30 on Saturday in Brussels is Friday 23:30 UTC: Saturday, so Monday.
        pytest.param(
            datetime(2026, 11, 20, 23, 30, tzinfo=UTC),
            "samedi 21 novembre 2026",
            "0 h 30",
            "lundi 23 novembre 2026",
            "saturday",
            id="saturday-0h30",
        ),
        # Summer time: Friday 21:59 UTC = 23:59 CEST, the same Friday.
        pytest.param(
            datetime(2026, 7, 3, 21, 59, tzinfo=UTC),
            "vendredi 3 juillet 2026",
            "23 h 59",
            "vendredi 3 juillet 2026",
            "",
            id="dst-summer-23h59",
        ),
        # The night summer time starts (Sunday 29 March 2026): 01:30 UTC = 03:30 CEST.
        pytest.param(
            datetime(2026, 3, 29, 1, 30, tzinfo=UTC),
            "dimanche 29 mars 2026",
            "3 h 30",
            "lundi 30 mars 2026",
            "sunday",
            id="dst-starts",
        ),
    ],
)
def test_the_filing_date_and_time_stand_beside_r_and_the_difference_is_explained(
    submitted_at, sent_on, time, reception, reason
):
    aid_request = submit(submitted_at=submitted_at, language="fr")

    context = acknowledgement_context(aid_request)
    text = plain(
        render_email(
            OutgoingEmail.objects.get(aid_request=aid_request, kind=EmailKind.ACKNOWLEDGEMENT)
        ).text
    )

    assert plain(context["filed"]["date_words"]) == sent_on
    assert plain(context["filed"]["time_words"]) == time
    assert plain(context["reception_date_words"]) == reception
    assert context["filed"]["reason"] == reason
    assert f"{sent_on} à {time}" in text
    assert reception in text
    explained = "est reçue le jour ouvrable qui suit" in text
    assert explained is bool(reason)


def test_a_holiday_is_named():
    aid_request = submit(submitted_at=datetime(2026, 11, 11, 10, 0, tzinfo=UTC), language="nl")

    assert acknowledgement_context(aid_request)["filed"]["holiday"] == "Wapenstilstand"


@pytest.mark.parametrize(
    ("language", "area", "held", "expected"),
    [
        # The applicant's language first (circular point 6: contact data for the applicant).
        pytest.param(
            "nl", "fr+nl", {"fr": "Rue A", "nl": "Straat A"}, ("Straat A", "nl"), id="own-language"
        ),
        # Then the languages of the CPAS's area: German, then French, in East Belgium.
        pytest.param(
            "en",
            "de",
            {"fr": "Rue B", "de": "Straße B"},
            ("Straße B", "de"),
            id="area-first-language",
        ),
        pytest.param("nl", "de", {"fr": "Rue B"}, ("Rue B", "fr"), id="area-second-language"),
        # Brussels: French, then Dutch.
        pytest.param("de", "fr+nl", {"nl": "Straat C"}, ("Straat C", "nl"), id="brussels-nl"),
        # Then any language held, not only French.
        pytest.param("fr", "fr", {"en": "Street D"}, ("Street D", "en"), id="any-language"),
        pytest.param(
            "de",
            "nl",
            {"fr": "Rue E", "en": "Street E"},
            ("Rue E", "fr"),
            id="any-language-in-order",
        ),
        pytest.param("fr", "nl", {"fr": "  ", "nl": None}, ("", ""), id="nothing-held"),
    ],
)
def test_contact_data_fall_back_through_the_languages(language, area, held, expected):
    found = in_language(held, language_order(language, area))

    assert (found.value, found.language) == expected


def test_the_acknowledgement_shows_the_address_in_another_language_with_its_lang():
    Cpas.objects.filter(code="63023").update(address_de="Aachener Straße 1, 4700 Eupen")
    aid_request = submit(nis_code="63023", language="nl")

    html = render_to_string(
        "notifications/acknowledgement_content.html", acknowledgement_context(aid_request)
    )

    assert '<dd lang="de">Aachener Straße 1, 4700 Eupen</dd>' in html


@pytest.mark.parametrize("language", ["fr", "nl", "de", "en"])
def test_a_cpas_without_contact_data_never_shows_an_empty_block(language, client):
    """Circular point 6: the confirmation and the acknowledgement say how to reach the
    CPAS; with no data, where to ask (any CPAS's reception) and the helpdesk (point 10)."""
    aid_request = submit(language=language)
    assert Cpas.objects.get(code="92094").phone == ""
    email = OutgoingEmail.objects.get(aid_request=aid_request, kind=EmailKind.ACKNOWLEDGEMENT)
    rendered = render_email(email)
    session = client.session
    session["intake_submitted"] = aid_request.pk
    session.save()

    page = client.get(f"/{language}/request/confirmation/").content.decode()

    for html in (rendered.html, page):
        assert '<dl class="summary-list summary-list--compact">' not in html
        assert "+32 2 545 50 70" in html
    hint = {
        "fr": "accueil de n’importe quel CPAS",
        "nl": "onthaal van een OCMW",
        "de": "Empfang eines ÖSHZ",
        "en": "front desk of any CPAS",
    }[language]
    assert hint in plain(rendered.text)
    assert hint in plain(page)


def test_the_cpas_phone_is_a_tel_link(cpas_emails):
    cpas_emails("92094")
    aid_request = submit()

    html = render_to_string(
        "notifications/acknowledgement_content.html", acknowledgement_context(aid_request)
    )

    assert '<a href="tel:+3281000000">081 00 00 00</a>' in html


@pytest.mark.parametrize(
    ("urgent", "count"),
    [
        pytest.param(False, 0, id="not-urgent"),
        pytest.param(True, 1, id="urgent"),  # docs/emergency-contacts.md
    ],
)
def test_the_cpas_alert_says_whether_the_request_is_urgent_and_nothing_else(
    urgent, count, cpas_emails
):
    cpas_emails("92094")
    aid_request = submit(urgent=urgent)
    alert = OutgoingEmail.objects.get(aid_request=aid_request, kind=EmailKind.CPAS_ALERT)

    rendered = render_email(alert)

    assert set(cpas_alert_context(aid_request.cpas, urgent=count)) == {
        "backoffice_url",
        "service_name",
        "urgent",
    }
    assert ("marquée urgente" in rendered.text) is urgent
    for value in (aid_request.reference, aid_request.last_name, aid_request.email):
        assert value not in rendered.text + rendered.html + rendered.subject


def test_the_reminder_counts_the_urgent_requests(cpas_emails):
    cpas_emails("92094")
    for i, urgent in enumerate([True, False, False]):
        submit(email=f"p{i}@example.org", urgent=urgent)

    queue_reminders(now=datetime(2026, 11, 23, 7, 0, tzinfo=UTC))
    reminder = OutgoingEmail.objects.get(kind=EmailKind.REMINDER)

    assert reminder.context == {"waiting": 3, "urgent": 1}
    assert "Dont 1 marquée urgente" in plain(render_email(reminder).text)


@pytest.mark.parametrize(
    ("nis", "language", "sender"),
    [
        # The service's name in each language (CPAS / OCMW / ÖSHZ Online).
        ("92094", "fr", '"CPAS Online"'),
        ("44021", "nl", '"OCMW Online"'),
        ("63023", "de", "ÖSHZ Online"),
        ("92094", "en", '"CPAS Online"'),
    ],
)
def test_the_service_name_is_in_the_applicants_language(nis, language, sender):
    aid_request = submit(nis_code=nis, language=language)
    message = build_message(
        OutgoingEmail.objects.get(aid_request=aid_request, kind=EmailKind.ACKNOWLEDGEMENT)
    )

    name = sender.strip('"')
    assert sender in message.from_email
    assert message.subject.startswith(name)
    assert name in message.body.splitlines()[-1]


@pytest.mark.parametrize("language", ["fr", "nl", "de", "en"])
def test_the_first_ten_lines_of_the_email_say_what_matters(language, cpas_emails):
    cpas_emails("92094")
    aid_request = submit(language=language, submitted_at=datetime(2026, 11, 21, 9, 12, tzinfo=UTC))
    text = render_email(
        OutgoingEmail.objects.get(aid_request=aid_request, kind=EmailKind.ACKNOWLEDGEMENT)
    ).text

    first = plain("\n".join(text.splitlines()[:10]))

    context = acknowledgement_context(aid_request)
    for what in (
        aid_request.reference,
        plain(context["filed"]["time_words"]),
        plain(context["reception_date_words"]),  # R (circular point 6)
        plain(context["decision_deadline_words"]),  # the examination period (art. 18 § 3)
        context["cpas"].name.value,
        "081 00 00 00",
        "112",
    ):
        assert what in first, what
