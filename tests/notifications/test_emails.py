"""The emails' content: the acknowledgement's legal mentions, nothing personal to a CPAS."""

from datetime import UTC, date, datetime

import pytest
from django.template.loader import render_to_string

from notifications.acknowledgement import acknowledgement_context
from notifications.constants import EmailKind
from notifications.emails import build_message, cpas_alert_context, render_email
from notifications.legal import legal_mentions
from notifications.models import OutgoingEmail
from notifications.outbox import queue_reminders
from tests.factories import national_number, submit

pytestmark = pytest.mark.django_db


def plain(text: str) -> str:
    """Dates and French punctuation carry no-break spaces (docs/acknowledgement.md)."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


# Friday 20 November 2026, 18:00 in Brussels: R = that Friday, R+5 = Wednesday 25
# November, R+30 = Sunday 20 December (docs/legal-dates.md).
SUBMITTED = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)

ACKNOWLEDGEMENT_PHRASES = {
    "fr": [
        "vendredi 20 novembre 2026",
        "mercredi 25 novembre 2026",
        "dimanche 20 décembre 2026",
        "l'enregistrement de celle-ci équivaut à la signature",  # art. 58 § 1 (quoted)
        # art. 58 § 2, last sentence added by the law of 29 February 2024, art. 3 (quoted)
        "le demandeur reçoit le même jour un accusé de réception",
        "texte officiel",
        # art. 18 § 3 in its current wording, as quoted by the circular of 28 May 2025,
        # point 1; art. 20 and 22 § 1 al. 2 of the law of 26 May 2002 (quoted)
        "Le centre ou le formulaire électronique visé au §2 adresse ou remet le même jour",
        "Lors de son audition, l'intéressé peut se faire assister ou représenter",
        "l'intéressé doit faire déclaration immédiate de tout élément nouveau",
        "Art. 20 de la loi du 26 mai 2002",
        "Art. 22, § 1er, alinéa 2, de la loi du 26 mai 2002",
        # art. 47 / art. 71 (summary): three months from the notification
        "tribunal du travail dans les trois mois de sa notification",
    ],
    "nl": [
        "vrijdag 20 november 2026",
        "woensdag 25 november 2026",
        "zondag 20 december 2026",
        "staat de registratie ervan gelijk met de handtekening",
        "ontvangt de aanvrager dezelfde dag een ontvangstbewijs",
        "Niet-officiële vertaling",
        "Het centrum of het elektronisch formulier bedoeld in § 2 stuurt of overhandigt",
        "zich laten bijstaan of vertegenwoordigen door een persoon naar keuze",
        "onmiddellijk aangifte doen van elk nieuw gegeven",
        "Art. 20 van de wet van 26 mei 2002",
        "Art. 22, § 1, tweede lid, van de wet van 26 mei 2002",
        "arbeidsrechtbank binnen drie maanden na de kennisgeving",
    ],
    "de": [
        "Freitag, 20. November 2026",
        "Mittwoch, 25. November 2026",
        "Sonntag, 20. Dezember 2026",
        "gilt seine Registrierung als Unterschrift",
        "erhält der Antragsteller am selben Tag eine Empfangsbestätigung",
        "Nicht amtliche Übersetzung",
        "Das Zentrum oder das in § 2 erwähnte elektronische Formular schickt oder übergibt",
        "von einer Person seiner Wahl beistehen oder vertreten lassen",
        "unverzüglich jede neue Gegebenheit melden",
        "Art. 20 des Gesetzes vom 26. Mai 2002",
        "Art. 22 § 1 Absatz 2 des Gesetzes vom 26. Mai 2002",
        "Sie haben dafür drei Monate ab der Mitteilung der Entscheidung",
    ],
    "en": [
        "Friday 20 November 2026",
        "Wednesday 25 November 2026",
        "Sunday 20 December 2026",
        "its registration is equivalent to a signature",
        "the applicant receives an acknowledgement of receipt the same day",
        "Informative translation",
        "The centre or the electronic form referred to in § 2 sends or hands the applicant",
        "may be assisted or represented by a person of their choice",
        "must immediately declare any new element",
        "Art. 20 of the law of 26 May 2002",
        "Art. 22 § 1 paragraph 2 of the law of 26 May 2002",
        "labour court within three months of its notification",
    ],
}


def acknowledgement_of(aid_request) -> OutgoingEmail:
    return OutgoingEmail.objects.get(aid_request=aid_request, kind=EmailKind.ACKNOWLEDGEMENT)


@pytest.mark.parametrize("language", ["fr", "nl", "de", "en"])
def test_the_acknowledgement_carries_the_dates_in_words_and_the_legal_mentions(
    language, cpas_emails
):
    cpas_emails("92094")
    aid_request = submit(nis_code="92094", submitted_at=SUBMITTED, language=language)

    message = build_message(acknowledgement_of(aid_request))

    html = plain(message.alternatives[0].content)
    for phrase in [*ACKNOWLEDGEMENT_PHRASES[language], aid_request.reference]:
        assert phrase in plain(message.body), phrase
        assert phrase.replace("'", "&#x27;") in html, phrase
    assert aid_request.reference in message.subject
    assert f'lang="{language}"' in html
    # The competent CPAS's name (in the language) and its contact data.
    assert aid_request.cpas.code == "92094"
    assert {"fr": "CPAS de Namur", "nl": "OCMW Namen", "de": "ÖSHZ Namur"}.get(
        language, "CPAS Namur"
    ) in message.body
    for contact in ("social-92094@cpas.example", "081 00 00 00", "https://cpas-92094.example"):
        assert contact in message.body
    assert message.to == ["applicant@example.org"]


def test_the_acknowledgement_context_is_in_the_request_language(cpas_emails):
    aid_request = submit(nis_code="92094", submitted_at=SUBMITTED, language="nl")

    context = acknowledgement_context(aid_request)

    assert plain(context["reception_date_words"]) == "vrijdag 20 november 2026"
    assert context["cpas"].name.value == "OCMW Namen"
    assert context["reference"] == aid_request.reference


FICTITIOUS_APPLICANTS = [
    # name, national number, email, phone, commune of the applicant
    ("Zoë", "Vandersteenhoven", "85073003328", "zoe.vdsh@example.org", "0470123456", "92094"),
    (
        "Jean-Édouard",
        "Dupont-Lambert",
        "90020212345",
        "jed@example.net",
        "+32 81 12 34 56",
        "21004",
    ),
    ("Ayşe", "Yildirim-Öztürk", "", "ayse.y@example.com", "", "44021"),
]


@pytest.mark.parametrize(
    ("first", "last", "number", "email", "phone", "nis"), FICTITIOUS_APPLICANTS
)
def test_the_cpas_alert_contains_no_personal_data(
    first, last, number, email, phone, nis, cpas_emails
):
    cpas_emails(nis)
    national = number and national_number(date(1985, 7, 30), sequence=int(number[6:9]))
    aid_request = submit(
        nis_code=nis,
        submitted_at=SUBMITTED,
        national_number=national,
        email=email,
        first_name=first,
        last_name=last,
    )
    aid_request.phone = phone
    aid_request.save()
    alert = OutgoingEmail.objects.get(aid_request=aid_request, kind=EmailKind.CPAS_ALERT)

    message = build_message(alert)

    rendered = "\n".join(
        [message.subject, message.body, message.alternatives[0].content, str(message.message())]
    )
    commune = aid_request.commune
    forbidden = [first, last, email, aid_request.reference, aid_request.reference[-4:], "1985"]
    forbidden += [national, national[:6]] if national else []
    forbidden += [phone] if phone else []
    forbidden += [n for n in (commune.name_fr, commune.name_nl, commune.name_de) if n]
    for value in forbidden:
        assert value not in rendered, value
    assert "/backoffice/" in message.body
    assert message.to == [f"social-{nis}@cpas.example"]


def test_the_cpas_alert_context_is_an_allow_list(cpas_emails):
    aid_request = submit(submitted_at=SUBMITTED)
    # A link, the service's name, how many of the new requests are marked urgent.
    assert set(cpas_alert_context(aid_request.cpas)) == {"backoffice_url", "service_name", "urgent"}


@pytest.mark.parametrize(
    ("nis", "language", "phrases"),
    [
        ("92094", "fr", ["http://127.0.0.1:8000/fr/backoffice/"]),
        ("44021", "nl", ["http://127.0.0.1:8000/nl/backoffice/"]),
        ("63023", "de", ["http://127.0.0.1:8000/de/backoffice/"]),
        # Brussels: French and Dutch in one email.
        ("21004", "fr+nl", ["/fr/backoffice/", "/nl/backoffice/"]),
    ],
)
def test_the_cpas_alert_is_in_the_language_of_its_area(nis, language, phrases, cpas_emails):
    cpas_emails(nis)
    aid_request = submit(nis_code=nis, submitted_at=SUBMITTED)
    alert = OutgoingEmail.objects.get(aid_request=aid_request, kind=EmailKind.CPAS_ALERT)

    rendered = render_email(alert)

    assert alert.language == language
    for phrase in phrases:
        assert phrase in rendered.text


def test_the_reminder_says_only_how_many_requests_wait(cpas_emails):
    cpas_emails("92094")
    requests = [
        submit(
            nis_code="92094",
            submitted_at=SUBMITTED,
            email=f"person{i}@example.org",
            first_name="Bérénice",
            last_name=f"Quarante{i}",
        )
        for i in range(3)
    ]

    assert queue_reminders(now=datetime(2026, 11, 23, 7, 0, tzinfo=UTC)) == 1
    reminder = OutgoingEmail.objects.get(kind=EmailKind.REMINDER)
    rendered = render_email(reminder)

    text = rendered.text + rendered.html + rendered.subject
    assert reminder.context == {"waiting": 3, "urgent": 0}
    assert "3" in rendered.text
    for aid_request in requests:
        for value in (aid_request.reference, aid_request.email, aid_request.last_name):
            assert value not in text
    assert "Bérénice" not in text


def test_the_acknowledgement_content_renders_on_its_own_for_the_confirmation_page():
    aid_request = submit(submitted_at=SUBMITTED, language="fr")

    html = render_to_string(
        "notifications/acknowledgement_content.html", acknowledgement_context(aid_request)
    )

    assert '<section class="acknowledgement" lang="fr">' in html
    assert "<h2>" in html
    assert 'class="summary-list"' in html
    assert aid_request.reference in html
    assert "vendredi 20 novembre 2026" in plain(html)


def test_the_beat_schedule_names_registered_tasks(settings):
    from cpasonline.celery import app

    app.loader.import_default_modules()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks


@pytest.mark.parametrize("language", ["fr", "nl", "de", "en"])
def test_the_articles_the_acknowledgement_must_carry_are_quoted_not_summarised(language):
    """Art. 18 § 3 asks for the dispositions of art. 20 and 22 § 1 al. 2 themselves: only
    the appeal (not required on an acknowledgement) may stay a summary."""
    summaries = [text.article for text in legal_mentions(language).texts if not text.quoted]

    assert len(summaries) == 1
    assert "47" in summaries[0]


@pytest.mark.parametrize("language", ["fr", "nl", "de", "en"])
def test_every_quoted_text_names_where_its_words_come_from(language):
    """docs/sources.md: a quotation without a source cannot be checked."""
    unsourced = [t.article for t in legal_mentions(language).texts if t.quoted and not t.source]

    assert unsourced == []


@pytest.mark.parametrize(
    ("language", "official"),
    [
        ("fr", True),  # the French text is the law's own (Moniteur belge)
        ("nl", False),  # official Dutch text not read: a rendering, labelled as such
        ("de", False),  # official German translation not read: a rendering, labelled
        ("en", False),  # informative only
    ],
)
def test_only_texts_read_in_an_official_source_are_presented_as_official(language, official):
    mentions = legal_mentions(language)
    renderings = [t for t in mentions.texts if t.quoted and t.source.startswith("Rendering")]

    assert (renderings == []) is official
    assert ("texte officiel" in mentions.status) is official
