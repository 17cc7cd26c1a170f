"""What admins see of the outbox: what is stuck, why, since when; and "send again"
(docs/notifications.md, "What admins see")."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.utils import timezone

from backoffice.models import User
from notifications.constants import DeliveryState, EmailKind
from notifications.models import OutgoingEmail
from routing.models import Cpas
from tests.factories import submit

pytestmark = pytest.mark.django_db

URL = "/admin/notifications/outgoingemail/"


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("sppis", "sppis@example.org", "x" * 16))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the labels in the source language
    return client


@pytest.fixture
def rows(settings):
    """One request per situation; each row's fields as the outbox leaves them."""
    settings.NOTIFICATIONS_LATE_AFTER_MINUTES = 15
    settings.OUTBOX_CLAIM_LEASE_SECONDS = 300
    Cpas.objects.filter(code="92094").update(email="cpas@namur.example")
    now = timezone.now()
    situations = {
        "late": {
            "created_at": now - timedelta(minutes=40),
            "attempts": 6,
            "last_error": "ConnectionRefusedError",
            "next_attempt_at": now + timedelta(minutes=9),
        },
        "fresh": {"created_at": now - timedelta(minutes=1), "attempts": 1},
        "sent": {"state": DeliveryState.SENT, "created_at": now - timedelta(hours=2)},
        "resent after an interrupted attempt": {
            "state": DeliveryState.SENT,
            "maybe_sent_at": now - timedelta(minutes=5),
        },
    }
    made = {}
    for name, fields in situations.items():
        aid_request = submit(email=f"{name.split()[0]}@example.org")
        made[name] = OutgoingEmail.objects.get(aid_request=aid_request, kind="acknowledgement")
        OutgoingEmail.objects.filter(pk=made[name].pk).update(**fields)
        alert = OutgoingEmail.objects.get(aid_request=aid_request, kind=EmailKind.CPAS_ALERT)
        OutgoingEmail.objects.filter(pk=alert.pk).update(state=DeliveryState.SENT)
    made["maybe sent alert"] = alert
    OutgoingEmail.objects.filter(pk=alert.pk).update(
        state=DeliveryState.MAYBE_SENT, maybe_sent_at=now, last_error="AttemptInterrupted"
    )
    made["expired alert"] = OutgoingEmail.objects.get(
        aid_request=made["fresh"].aid_request, kind=EmailKind.CPAS_ALERT
    )
    OutgoingEmail.objects.filter(pk=made["expired alert"].pk).update(
        state=DeliveryState.EXPIRED, expires_at=now - timedelta(hours=1)
    )
    return made


@pytest.mark.parametrize(
    ("attention", "expected"),
    [
        pytest.param("late", ["late"], id="late-acknowledgements"),
        pytest.param(
            "maybe_sent",
            ["resent after an interrupted attempt", "maybe sent alert"],
            id="interrupted-attempts",
        ),
        pytest.param("retrying", ["late", "fresh"], id="failed-to-be-tried-again"),
        pytest.param("expired", ["expired alert"], id="expired"),
    ],
)
def test_the_needs_attention_filter(admin_client, rows, attention, expected):
    listing = admin_client.get(URL, {"attention": attention})
    assert listing.status_code == 200
    shown = {row.pk for row in listing.context["cl"].result_list}
    assert shown == {rows[name].pk for name in expected}


def test_the_list_says_what_is_late_why_and_since_when(admin_client, rows):
    listing = admin_client.get(URL)
    text = listing.text
    assert "1 acknowledgement is not sent 15 minutes after its request" in text
    assert "ConnectionRefusedError" in text  # why: the error's class, never its text
    assert "Next attempt at" in text and "Created at" in text
    # The list names no applicant.
    assert "late@example.org" not in text


def test_a_sandbox_test_request_s_late_acknowledgement_raises_no_banner(admin_client, rows):
    """The banner is an operator's alert: the sandbox's test rows are counted apart, as on
    /health/ (docs/notifications.md, "What admins see"); the filter still lists them."""
    rows["late"].aid_request.__class__.objects.filter(pk=rows["late"].aid_request_id).update(
        is_test=True
    )
    assert "is not sent 15 minutes after" not in admin_client.get(URL).text
    listing = admin_client.get(URL, {"attention": "late"})
    assert {row.pk for row in listing.context["cl"].result_list} == {rows["late"].pk}


def test_the_detail_shows_the_schedule_and_the_message_id(admin_client, rows):
    row = rows["maybe sent alert"]
    page = admin_client.get(f"{URL}{row.pk}/change/")
    for label in (
        "Attempt interrupted at",
        "Last attempt started at",
        "Message ID",
        "Worth sending until",
    ):
        assert label in page.text


def test_send_again_now_queues_the_rows_and_is_logged(admin_client, rows):
    selected = [rows["late"].pk, rows["maybe sent alert"].pk, rows["expired alert"].pk]
    before = timezone.now()

    response = admin_client.post(URL, {"action": "send_again", "_selected_action": selected})

    assert response.status_code == 302
    for row in OutgoingEmail.objects.filter(pk__in=selected):
        assert row.state == DeliveryState.PENDING
        assert row.next_attempt_at >= before  # due now, not after its backoff
    assert LogEntry.objects.filter(object_id__in=[str(pk) for pk in selected]).count() == 3
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["3 emails queued to be sent again."]
