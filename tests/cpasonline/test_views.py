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


# --- /health/ per channel; the sandbox's test rows apart (docs/notifications.md, "What
# operators see") --------------------------------------------------------------------------


@pytest.fixture
def outbox_rows(settings):
    """Writes one row of a channel, for a real or a test request, written ``minutes`` ago."""
    from datetime import timedelta
    from itertools import count

    from django.utils import timezone

    from contact.models import ApplicantMessage
    from integration.models import WebhookDelivery
    from integration.webhooks import webhook_endpoint_create
    from notifications.models import OutgoingEmail
    from routing.models import Cpas
    from tests.factories import submit
    from tests.sandbox.conftest import open_sandbox

    settings.NOTIFICATIONS_LATE_AFTER_MINUTES = 15
    cpas = Cpas.objects.get(code="92094")
    real, test = submit(), submit(sandbox_token=open_sandbox("92094"))
    OutgoingEmail.objects.update(state="sent", sent_at=timezone.now())  # their own emails
    endpoint, _secret = webhook_endpoint_create(
        cpas=cpas, url="https://cpas.example.org/hook", user=None
    )
    numbers = count(1)

    def make(channel, *, minutes, state="pending", is_test=False, **fields):
        at = timezone.now() - timedelta(minutes=minutes)
        aid_request = test if is_test else real
        n = next(numbers)
        if channel == "email":
            return OutgoingEmail.objects.create(
                kind=fields.pop("kind", "acknowledgement"),
                to="a@example.org",
                language="fr",
                cpas=cpas,
                aid_request=aid_request,
                idempotency_key=f"h{n}",
                state=state,
                created_at=at,
                **fields,
            )
        if channel == "applicant_message":
            return ApplicantMessage.objects.create(
                kind="appointment",
                medium="email",
                to="a@example.org",
                language="fr",
                aid_request=aid_request,
                idempotency_key=f"h{n}",
                state=state,
                created_at=at,
                **fields,
            )
        return WebhookDelivery.objects.create(
            endpoint=endpoint, first_seq=n, last_seq=n, state=state, created_at=at, **fields
        )

    return make


CHANNEL_CASES = [
    # (rows written: channel, minutes ago, state, test?), status, figures expected
    pytest.param([], "ok", {}, id="nothing-late"),
    pytest.param(
        [("email", 42, "pending", False)],
        "degraded",
        {"late_acknowledgements": 1, "channels.email.late": 1},
        id="real-late-acknowledgement",
    ),
    pytest.param(
        [("email", 42, "pending", True)],
        "ok",
        {
            "late_acknowledgements": 0,
            "channels.email.late": 0,
            "channels.email.test.late": 1,
            "test.late_acknowledgements": 1,
        },
        id="sandbox-late-acknowledgement-apart",
    ),
    pytest.param(
        [("applicant_message", 42, "pending", False)],
        "degraded",
        {"late_applicant_messages": 1, "channels.applicant_message.late": 1},
        id="real-late-message-to-the-applicant",
    ),
    pytest.param(
        [("applicant_message", 42, "pending", True)],
        "ok",
        {
            "late_applicant_messages": 0,
            "channels.applicant_message.test.late": 1,
            "test.late_applicant_messages": 1,
        },
        id="sandbox-late-message-apart",
    ),
    pytest.param(
        [("applicant_message", 1, "maybe_sent", False)],
        "degraded",
        {"maybe_sent": 1, "channels.applicant_message.maybe_sent": 1},
        id="message-maybe-sent",
    ),
    pytest.param(
        [("email", 1, "maybe_sent", True)],
        "ok",
        {"maybe_sent": 0, "channels.email.test.maybe_sent": 1, "test.maybe_sent": 1},
        id="sandbox-maybe-sent-apart",
    ),
    pytest.param(
        [("webhook", 600, "pending", False), ("webhook", 6000, "expired", False)],
        "ok",  # the CPAS's receiver is down: its managers' page says so, not an alert
        {"channels.webhook.late": 1, "channels.webhook.oldest_late_minutes": 600},
        id="webhook-late-informs-only",
    ),
    pytest.param(
        [("email", 5, "pending", False), ("applicant_message", 10, "pending", False)],
        "ok",
        {"channels.email.late": 0, "channels.applicant_message.late": 0},
        id="pending-not-yet-late",
    ),
]


def _figure(health, dotted):
    for part in dotted.split("."):
        health = health[part]
    return health


@pytest.mark.django_db
@pytest.mark.parametrize(("rows", "status", "figures"), CHANNEL_CASES)
def test_health_says_per_channel_what_is_late_and_keeps_test_rows_apart(
    client, outbox_rows, rows, status, figures
):
    for channel, minutes, state, is_test in rows:
        outbox_rows(channel, minutes=minutes, state=state, is_test=is_test)
    health = client.get("/health/").json()
    assert health["status"] == status
    assert set(health["outbox"]["channels"]) == {"email", "applicant_message", "webhook"}
    for dotted, value in figures.items():
        assert _figure(health["outbox"], dotted) == value, dotted


@pytest.mark.django_db
def test_health_names_a_stuck_attempt_per_channel(client, outbox_rows, settings):
    from datetime import timedelta

    from django.utils import timezone

    stale = timezone.now() - timedelta(seconds=settings.OUTBOX_CLAIM_LEASE_SECONDS + 60)
    outbox_rows("webhook", minutes=1, state="sending", claimed_at=stale)
    outbox_rows("applicant_message", minutes=1, state="sending", claimed_at=stale)
    outbox = client.get("/health/").json()["outbox"]
    assert outbox["channels"]["webhook"]["stuck"] == 1
    assert outbox["channels"]["applicant_message"]["stuck"] == 1
    assert outbox["channels"]["email"]["stuck"] == 0
    assert outbox["maybe_sent"] == 1  # the applicant's: held or stuck, an operator looks


@pytest.mark.django_db
def test_health_stays_a_few_queries_whatever_the_outbox_holds(
    client, outbox_rows, django_assert_max_num_queries
):
    for channel in ("email", "applicant_message", "webhook"):
        for state in ("sent", "pending", "expired", "maybe_sent"):
            outbox_rows(channel, minutes=60, state=state)
            outbox_rows(channel, minutes=60, state=state, is_test=channel != "webhook")
    # SELECT 1, two per channel that has test rows, one for the webhooks, two for the
    # acknowledgements.
    with django_assert_max_num_queries(8):
        assert client.get("/health/").status_code == 200
