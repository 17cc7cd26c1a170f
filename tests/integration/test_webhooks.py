"""Webhooks (docs/integration.md): Standard Webhooks signatures, the outbox's retries and
dead letter, the manager's "send again", no personal data in a body."""

import json
from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from backoffice.constants import Role
from connector.verify import InvalidSignature as ConnectorInvalid
from connector.verify import verify as connector_verify
from integration import signing
from integration.models import FeedEvent, WebhookDelivery, WebhookEndpoint
from integration.webhooks import (
    WEBHOOK,
    webhook_deliver,
    webhook_deliveries_resend,
    webhook_endpoint_deactivate,
)
from notifications.constants import DeliveryState
from notifications.outbox.delivery import outbox_deliver
from tests.backoffice.conftest import make_staff
from tests.factories import submit

from .conftest import NAMUR

pytestmark = pytest.mark.django_db


# The example of the Standard Webhooks specification's reference libraries.
SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
SPEC_ID, SPEC_TIMESTAMP = "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330
SPEC_BODY = b'{"test": 2432232314}'
SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


@pytest.mark.parametrize("verify", [signing.verify, connector_verify], ids=["ours", "connector"])
@pytest.mark.parametrize(
    ("change", "valid"),
    [
        pytest.param({}, True, id="as-signed"),
        pytest.param({"now": SPEC_TIMESTAMP + 300}, True, id="5-minutes-late"),
        pytest.param({"now": SPEC_TIMESTAMP + 301}, False, id="replayed-after-the-window"),
        pytest.param({"now": SPEC_TIMESTAMP - 301}, False, id="from-the-future"),
        pytest.param({"body": b'{"test": 2432232315}'}, False, id="body-changed"),
        pytest.param({"id": "msg_other"}, False, id="id-changed"),
        pytest.param(
            {"signature": "v1,bad v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="},
            True,
            id="one-of-several",
        ),
        pytest.param({"signature": ""}, False, id="no-signature"),
    ],
)
def test_the_signature_of_the_standard(verify, change, valid):
    assert signing.sign(SPEC_SECRET, msg_id=SPEC_ID, timestamp=SPEC_TIMESTAMP, body=SPEC_BODY) == (
        SPEC_SIGNATURE
    )
    headers = {
        "webhook-id": change.get("id", SPEC_ID),
        "webhook-timestamp": str(SPEC_TIMESTAMP),
        "webhook-signature": change.get("signature", SPEC_SIGNATURE),
    }
    call = lambda: verify(  # noqa: E731
        SPEC_SECRET,
        headers=headers,
        body=change.get("body", SPEC_BODY),
        now=change.get("now", SPEC_TIMESTAMP),
    )
    if valid:
        assert call() == headers["webhook-id"]
    else:
        with pytest.raises((signing.InvalidSignature, ConnectorInvalid)):
            call()


def test_each_event_is_posted_signed_thin_and_without_personal_data(endpoint, receiver):
    aid_request = submit()
    deliveries = list(WebhookDelivery.objects.order_by("first_seq"))
    # One per history line: submitted, registered.
    assert [(d.first_seq, d.last_seq) for d in deliveries] == [(1, 1), (2, 2)]
    assert webhook_deliver(pk=deliveries[0].pk) == "sent"
    [got] = receiver.received
    msg_id = signing.verify(
        endpoint.plain_secret,
        headers=got.headers,
        body=got.body,
        now=int(timezone.now().timestamp()),
    )
    event = FeedEvent.objects.get(cpas__code=NAMUR, seq=1)
    assert msg_id == f"msg_{event.cpas_id}_1_1"
    assert json.loads(got.body) == {
        "type": "feed.events",
        "timestamp": deliveries[0].created_at.isoformat(),
        "data": {
            "first_seq": 1,
            "last_seq": 1,
            "events": [
                {
                    "id": event.event_id,
                    "seq": 1,
                    "type": "request.submitted",
                    "reference": aid_request.reference,
                    "test": False,
                }
            ],
        },
    }
    assert "Martin" not in got.body.decode() and "85073003328" not in got.body.decode()
    assert endpoint.plain_secret not in WebhookEndpoint.objects.get().secret_encrypted


def test_a_receiver_down_retries_then_dead_letter_then_send_again(endpoint, receiver):
    submit()
    delivery = WebhookDelivery.objects.get(first_seq=1)
    receiver.status = 503
    assert webhook_deliver(pk=delivery.pk) == "retry"
    delivery.refresh_from_db()
    assert (delivery.state, delivery.last_status, delivery.last_error) == (
        DeliveryState.PENDING,
        503,
        "HTTPError 503",
    )
    assert delivery.next_attempt_at > timezone.now()  # waits its backoff
    assert webhook_deliver(pk=delivery.pk) == "nothing to do"
    # Three days later (WEBHOOK_LIFETIME_HOURS): given up, the dead letter.
    later = delivery.created_at + timedelta(hours=72, seconds=1)
    assert outbox_deliver(channel=WEBHOOK, pk=delivery.pk, now=later).value == "nothing to do"
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.EXPIRED
    # The manager sends it again; the receiver is back: delivered, with the same webhook-id.
    receiver.status = 200
    assert webhook_deliveries_resend(cpas=endpoint.cpas) == 1
    assert webhook_deliver(pk=delivery.pk) == "sent"
    ids = {r.headers["webhook-id"] for r in receiver.received}
    assert ids == {delivery.webhook_id} and len(receiver.received) == 2


def test_a_redirect_is_a_failure(endpoint, receiver):
    submit()
    receiver.status = 302
    delivery = WebhookDelivery.objects.get(first_seq=1)
    assert webhook_deliver(pk=delivery.pk) == "retry"
    assert len(receiver.received) == 1


def test_a_deactivated_endpoint_gets_nothing_more(endpoint):
    submit()
    webhook_endpoint_deactivate(endpoint=endpoint)
    assert set(WebhookDelivery.objects.values_list("state", flat=True)) == {DeliveryState.EXPIRED}
    submit(national_number="")
    assert WebhookDelivery.objects.count() == 2
    assert webhook_deliveries_resend(cpas=endpoint.cpas) == 0


URL = "/en/backoffice/integration/webhooks/"


@pytest.mark.parametrize(
    ("role", "status"), [(Role.MANAGER, 200), (Role.CASEWORKER, 403)], ids=["manager", "caseworker"]
)
def test_the_webhooks_page_is_for_managers(client, role, status):
    client.force_login(make_staff("someone", NAMUR, role))
    assert client.get(URL).status_code == status


@override_settings(WEBHOOK_ALLOW_LOOPBACK_HTTP=False)
@pytest.mark.parametrize(
    ("url", "status"),
    [
        pytest.param("https://software.example.be/hooks", 200, id="https"),
        pytest.param("http://software.example.be/hooks", 400, id="http"),
        pytest.param("http://127.0.0.1:9/hooks", 400, id="loopback-http-off"),
        pytest.param("https://user:pw@software.example.be/", 400, id="credentials"),
        pytest.param("not an address", 400, id="garbage"),
        pytest.param("", 400, id="empty"),
    ],
)
def test_a_manager_adds_an_https_address_and_sees_its_secret_once(client, url, status):
    client.force_login(make_staff("manager", NAMUR, Role.MANAGER))
    response = client.post(URL, {"url": url})
    assert response.status_code == status
    page = response.content.decode()
    if status == 200:
        endpoint = WebhookEndpoint.objects.get()
        assert endpoint.secret in page and endpoint.secret.startswith("whsec_")
        assert endpoint.secret not in client.get(URL).content.decode()
    else:
        assert WebhookEndpoint.objects.count() == 0
        assert "There is a problem" in page


def test_the_manager_sends_the_dead_letters_again(client, endpoint):
    submit()
    WebhookDelivery.objects.update(state=DeliveryState.EXPIRED, next_attempt_at=None)
    client.force_login(make_staff("manager", NAMUR, Role.MANAGER))
    assert "Send them again" in client.get(URL).content.decode()
    response = client.post(reverse("integration:webhook_resend"))
    assert response.status_code == 302
    assert set(WebhookDelivery.objects.values_list("state", flat=True)) == {DeliveryState.PENDING}
    other = make_staff("other", "62063", Role.MANAGER)
    client.force_login(other)
    assert (
        client.post(
            reverse("integration:webhook_deactivate", kwargs={"pk": endpoint.pk})
        ).status_code
        == 404
    )
