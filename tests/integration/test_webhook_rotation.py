"""Rotating a webhook secret without downtime (docs/integration.md, "Rotating the
secret"): during the overlap both the new and the old secret sign each message
(Standard Webhooks: several signatures in ``webhook-signature``, separated by spaces),
so a receiver verifying with either key accepts it; after the overlap the old one is
dropped."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from backoffice.constants import Role
from connector.verify import InvalidSignature as ConnectorInvalid
from connector.verify import verify as connector_verify
from integration import signing
from integration.models import WebhookDelivery, WebhookEndpoint
from integration.webhooks import (
    webhook_deliver,
    webhook_secret_rotate,
    webhook_sweep,
)
from tests.backoffice.conftest import make_staff
from tests.factories import submit

from .conftest import NAMUR

pytestmark = pytest.mark.django_db

VERIFIERS = [signing.verify, connector_verify]


def _received_with(receiver, *, now=None):
    """Deliver the next waiting delivery; what the receiver got."""
    delivery = WebhookDelivery.objects.filter(state="pending").order_by("first_seq").first()
    assert webhook_deliver(pk=delivery.pk) == "sent"
    return receiver.received[-1]


def _accepts(secret: str, got) -> bool:
    now = int(timezone.now().timestamp())
    results = set()
    for verify in VERIFIERS:
        try:
            verify(secret, headers=got.headers, body=got.body, now=now)
            results.add(True)
        except (signing.InvalidSignature, ConnectorInvalid):
            results.add(False)
    [result] = results  # ours and the connector's agree
    return result


def test_during_the_overlap_both_secrets_sign(endpoint, receiver):
    old = endpoint.plain_secret
    new, until = webhook_secret_rotate(endpoint=endpoint)
    assert new != old and new.startswith("whsec_")
    assert timedelta(hours=23) < until - timezone.now() <= timedelta(hours=24)
    submit()
    got = _received_with(receiver)
    assert len(got.headers["webhook-signature"].split()) == 2
    assert _accepts(new, got) and _accepts(old, got)
    stored = WebhookEndpoint.objects.get()
    assert old not in stored.previous_secret_encrypted and new not in stored.secret_encrypted


@override_settings(WEBHOOK_SECRET_OVERLAP_HOURS=1)
def test_after_the_overlap_only_the_new_secret_signs_and_the_old_is_dropped(endpoint, receiver):
    old = endpoint.plain_secret
    new, until = webhook_secret_rotate(endpoint=endpoint)
    assert timedelta(minutes=59) < until - timezone.now() <= timedelta(hours=1)
    WebhookEndpoint.objects.update(previous_secret_expires_at=timezone.now() - timedelta(seconds=1))
    submit()
    got = _received_with(receiver)
    assert len(got.headers["webhook-signature"].split()) == 1
    assert _accepts(new, got) and not _accepts(old, got)
    webhook_sweep()  # the periodic sweep forgets the old secret
    stored = WebhookEndpoint.objects.get()
    assert (stored.previous_secret_encrypted, stored.previous_secret_expires_at) == ("", None)


def test_a_second_rotation_drops_the_oldest_at_once(endpoint, receiver):
    first = endpoint.plain_secret
    second, _until = webhook_secret_rotate(endpoint=endpoint)
    third, _until = webhook_secret_rotate(endpoint=WebhookEndpoint.objects.get())
    submit()
    got = _received_with(receiver)
    assert _accepts(third, got) and _accepts(second, got) and not _accepts(first, got)


URL = "/en/backoffice/integration/webhooks/"


def test_the_manager_rotates_on_the_screen_and_sees_the_new_secret_once(client, endpoint):
    client.force_login(make_staff("manager", NAMUR, Role.MANAGER))
    response = client.post(f"{URL}{endpoint.pk}/rotate/")
    assert response.status_code == 200
    page = response.content.decode()
    stored = WebhookEndpoint.objects.get()
    assert stored.secret != endpoint.plain_secret and stored.secret in page
    assert stored.previous_secret == endpoint.plain_secret
    assert "The old secret still signs until" in page
    assert stored.secret not in client.get(URL).content.decode()
    # Another CPAS's manager cannot rotate it.
    client.force_login(make_staff("other", "62063", Role.MANAGER))
    assert (
        client.post(reverse("integration:webhook_rotate", kwargs={"pk": endpoint.pk})).status_code
        == 404
    )
    assert WebhookEndpoint.objects.get().secret == stored.secret


def test_an_inactive_address_is_not_rotated(client, endpoint):
    WebhookEndpoint.objects.update(is_active=False)
    client.force_login(make_staff("manager", NAMUR, Role.MANAGER))
    response = client.post(reverse("integration:webhook_rotate", kwargs={"pk": endpoint.pk}))
    assert response.status_code == 404
    assert WebhookEndpoint.objects.get().previous_secret_encrypted == ""
