"""The liveness view: it answers without touching the database (also the bench's bare view)."""

import pytest

pytestmark = pytest.mark.django_db


def test_liveness_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/health/live/")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]


@pytest.fixture
def acknowledgement(settings):
    from notifications.models import OutgoingEmail
    from tests.factories import submit

    settings.NOTIFICATIONS_LATE_AFTER_MINUTES = 15
    aid_request = submit()
    return OutgoingEmail.objects.filter(aid_request=aid_request, kind="acknowledgement")


@pytest.mark.parametrize(
    ("fields", "status", "outbox"),
    [
        pytest.param({"minutes": 5}, "ok", {"late_acknowledgements": 0}, id="pending-not-late"),
        pytest.param(
            {"minutes": 42},
            "degraded",
            {"late_acknowledgements": 1, "oldest_late_acknowledgement_minutes": 42},
            id="late-acknowledgement",
        ),
        pytest.param(
            {"minutes": 42, "state": "sent"}, "ok", {"late_acknowledgements": 0}, id="sent-late"
        ),
        pytest.param(
            {"minutes": 1, "state": "maybe_sent"}, "degraded", {"maybe_sent": 1}, id="maybe-sent"
        ),
    ],
)
def test_health_reports_the_outbox_trouble_an_operator_must_see(
    client, acknowledgement, fields, status, outbox
):
    from datetime import timedelta

    from django.utils import timezone

    minutes = fields.pop("minutes")
    acknowledgement.update(created_at=timezone.now() - timedelta(minutes=minutes), **fields)

    response = client.get("/health/")

    assert response.status_code == 200  # the site takes requests: it stays in service
    health = response.json()
    assert health["status"] == status
    assert outbox.items() <= health["outbox"].items()


def test_health_says_when_the_cache_is_unreachable_and_stays_200(client, settings):
    from tests.faults import free_port

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",  # no Redis there
        }
    }
    response = client.get("/health/")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["cache"]["reachable"]) == (
        "degraded",
        False,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/fr/", 200),
        ("/nl/request/", 302),
        ("/de/page-that-does-not-exist/", 404),
    ],
)
def test_every_citizen_page_names_the_applicants_helpdesk(client, path, status):
    """Circular of 28 May 2025, point 10: Eranova, +32 2 545 50 70, Monday to Friday
    8–17, contactcenter@support.eranova.fgov.be (docs/emergency-contacts.md)."""
    response = client.get(path)
    assert response.status_code == status
    if status == 302:
        response = client.get(response["Location"])
    html = response.content.decode()
    assert 'href="tel:+3225455070"' in html
    assert "contactcenter@support.eranova.fgov.be" in html


@pytest.mark.django_db
def test_the_500_page_rendered_without_a_request_names_the_helpdesk():
    from django.template.loader import render_to_string

    assert "+32 2 545 50 70" in render_to_string("500.html")


@pytest.mark.django_db
def test_the_start_page_says_where_to_go_without_email_and_gives_the_countrys_lines(client):
    html = client.get("/fr/").content.decode()
    assert "accueil de n’importe quel CPAS" in html
    assert 'href="tel:112"' in html
    assert "0800 99 340" not in html  # Brussels only: the region is not known yet
