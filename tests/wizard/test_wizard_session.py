"""What the wizard keeps in the session, and for how long (docs/data-protection.md,
"Answers in the browser session"): nothing before the first answer, only the declared
fields, nothing of the answers once sent; the time-out and its extension; the per-session
submission limit."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from cpasonline.sessions import SessionStore
from intake.models import AidRequest
from tests.wizard.test_wizard import PREFIX, Wizard

pytestmark = pytest.mark.django_db

CITIZEN_PAGES = [
    "/fr/",
    "/nl/",
    "/fr/request/",
    "/fr/request/eligibility/",
    "/de/request/eligibility/",
    "/en/request/identity/",  # too early: leads back to the first question
    "/fr/request/already-helped/",
    "/fr/request/expired/",
    "/nl/about/",
    "/fr/request/confirmation/",
]


def stored(client) -> dict:
    return SessionStore(client.cookies["sessionid"].value).load()


def ready_to_send(client, language="fr") -> Wizard:
    wizard = Wizard(client, language)
    wizard.through_identity()
    wizard.answer("place", {"in_institution": "no"})
    wizard.answer("student", {"full_time_student": "no"})
    wizard.answer("residence", {"lives_at_domicile": "no", "current_commune": "Namur"})
    wizard.answer("needs", {})
    client.post(wizard.url("review"), {f"{PREFIX}-current_step": "review"})
    return wizard


def test_a_thousand_cookieless_visits_create_no_session_row():
    """Looking is not starting: no row until the first answer (1 000 visits as the audit)."""
    for number in range(1000):
        response = Client().get(CITIZEN_PAGES[number % len(CITIZEN_PAGES)])
        assert response.status_code in (200, 302)
        assert "sessionid" not in response.cookies
    assert Session.objects.count() == 0


def test_the_first_answer_creates_the_row(client):
    wizard = Wizard(client)
    wizard.start()
    assert Session.objects.count() == 0
    wizard.answer("eligibility", {"already_helped": "no"})
    assert Session.objects.count() == 1


def test_only_the_forms_own_fields_are_stored_never_the_rest_of_the_post(client):
    wizard = Wizard(client)
    wizard.start()
    junk = {f"junk{n}": "x" * 1000 for n in range(150)}
    wizard.answer("eligibility", {"already_helped": "no"}, **junk, **{"return": "nowhere"})
    step_data = stored(client)["wizard_request_wizard"]["step_data"]
    assert step_data == {"eligibility": {"eligibility-already_helped": ["no"]}}
    assert Session.objects.get().session_data.__len__() < 2000


def test_once_sent_the_session_keeps_only_which_request_to_show(client):
    ready_to_send(client)
    client.get("/fr/request/send/")
    assert AidRequest.objects.count() == 1
    assert set(stored(client)) <= {"intake_submitted", "_session_expiry"}
    page = client.get("/fr/request/confirmation/").content.decode()
    assert AidRequest.objects.get().reference in page


def test_sending_is_limited_per_session_and_a_household_behind_one_address_still_sends(
    settings,
):
    """Two browsers behind one address: the first stops at its own limit, the second
    still sends (docs/data-protection.md, "Answers in the browser session")."""
    cache.clear()
    settings.SUBMISSION_SESSION_RATE = "1/h"
    settings.SUBMISSION_RATE = "3/h"
    first, second = Client(), Client()
    ready_to_send(first)
    assert first.get("/fr/request/send/").status_code == 302
    first.get("/fr/request/")
    ready_to_send(first)
    assert first.get("/fr/request/send/").status_code == 429
    assert first.get("/fr/request/review/").status_code == 200  # the answers are kept
    ready_to_send(second)
    assert second.get("/fr/request/send/").status_code == 302
    assert AidRequest.objects.count() == 2


def test_the_session_limit_fails_open_when_the_cache_is_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_timeout": 0.5, "socket_connect_timeout": 0.5},
        }
    }
    settings.SUBMISSION_SESSION_RATE = settings.SUBMISSION_RATE = "1/h"
    client = Client()
    for _ in range(2):
        ready_to_send(client)
        assert client.get("/fr/request/send/").status_code == 302
        client.get("/fr/request/")
    assert AidRequest.objects.count() == 2


def test_the_first_step_says_how_long_answers_are_kept(client, settings):
    settings.WIZARD_IDLE_TIMEOUT = timedelta(minutes=60)
    page = Wizard(client, "nl").start().content.decode()
    assert "60 minuten" in page
    assert "timeout-dialog" not in page  # nothing to lose yet: no warning


def test_a_step_with_answers_carries_the_warning(client, settings):
    settings.WIZARD_IDLE_TIMEOUT = timedelta(minutes=60)
    settings.WIZARD_WARNING = timedelta(minutes=5)
    wizard = Wizard(client, "de")
    wizard.start()
    wizard.answer("eligibility", {"already_helped": "no"})
    page = client.get(wizard.url("identification")).content.decode()
    assert 'data-warning="300"' in page
    assert 'data-remaining="3599"' in page or 'data-remaining="3600"' in page
    assert "Brauchen Sie mehr Zeit?" in page
    assert "wizard/timeout.js" in page


def test_more_time_keeps_the_answers_for_another_window(client, settings):
    settings.WIZARD_IDLE_TIMEOUT = timedelta(minutes=60)
    settings.WIZARD_WARNING = timedelta(minutes=5)
    wizard = Wizard(client)
    wizard.through_identity()
    start = timezone.now()
    with time_machine.travel(start + timedelta(minutes=58)):
        answer = client.post("/fr/request/more-time/", HTTP_ACCEPT="application/json")
        assert answer.json() == {"remaining": 3600.0, "warning": 300.0}
    with time_machine.travel(start + timedelta(minutes=110)):
        assert client.get(wizard.url("place")).status_code == 200
    # Without a script, the button's form post leads back to the request.
    with time_machine.travel(start + timedelta(minutes=111)):
        assert client.post("/fr/request/more-time/")["Location"] == "/fr/request/"
    assert client.get("/fr/request/more-time/").status_code == 405


def test_more_time_after_the_end_says_the_answers_are_gone(client, settings):
    settings.WIZARD_IDLE_TIMEOUT = timedelta(minutes=60)
    wizard = Wizard(client)
    wizard.through_identity()
    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        answer = client.post("/fr/request/more-time/", HTTP_ACCEPT="application/json")
        assert answer.json()["remaining"] is None
        assert client.post("/fr/request/more-time/")["Location"] == "/fr/request/expired/"
    assert Client().post("/fr/request/more-time/").status_code in (302, 403)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fr", "avons donc effacé vos réponses"),
        ("nl", "hebben we uw antwoorden gewist"),
        ("de", "sind Ihre Antworten gelöscht"),
        ("en", "So we deleted your answers"),
    ],
)
def test_after_the_end_a_calm_page_says_what_happened(client, settings, language, words):
    """Even once the row is purged: the cookie comes back with nothing behind it."""
    settings.WIZARD_IDLE_TIMEOUT = timedelta(minutes=60)
    wizard = Wizard(client, language)
    wizard.through_identity()
    later = timezone.now() + timedelta(minutes=65)
    with time_machine.travel(later):
        from cpasonline.sessions import sessions_purge

        assert sessions_purge() == 1
        response = client.get(wizard.url("place"), follow=True)
    assert response.redirect_chain[-1][0] == f"/{language}/request/expired/"
    assert words in response.content.decode()
    assert "60" in response.content.decode()
    assert Wizard(client, language).start().status_code == 200  # and starts again
