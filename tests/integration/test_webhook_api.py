"""Webhook addresses subscribed by an authorised vendor through the API (docs/api.md,
"Webhooks"; docs/integration.md): the ``webhooks`` scope of a grant, HTTPS only as on
the manager's screen, listed there with who created it, revocable by the manager; a
caller without the scope or the grant gets a precise problem and nothing is created."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from backoffice.constants import Role
from integration import signing
from integration.models import WebhookDelivery, WebhookEndpoint
from integration.webhooks import webhook_deliver, webhook_endpoint_create
from tests.backoffice.api_support import basic, bearer, cpas, grant, token_for, vendor
from tests.backoffice.conftest import make_staff
from tests.factories import submit
from vendors.services import grant_revoke

from .conftest import LIEGE, NAMUR, make_token
from .receiver import Receiver

pytestmark = pytest.mark.django_db

HOOKS = "/api/v1/webhooks"
HTTPS = "https://software.example.be/hooks"
PROBLEM = "application/problem+json"


@pytest.fixture
def software():
    client, secret = vendor()
    grant(client, NAMUR, scopes=["read", "webhooks"])
    return client, secret


@pytest.fixture
def token(client, software):
    return token_for(client, *software, NAMUR)


def _post(http, token, body, **headers):
    return http.post(
        HOOKS, body, content_type="application/json", **bearer(token, HTTP_ACCEPT_LANGUAGE="en")
    )


def test_a_vendor_subscribes_an_address_shown_to_the_manager_with_who_created_it(
    client, software, token
):
    response = _post(client, token, {"url": HTTPS})
    assert response.status_code == 201, response.content
    body = response.json()
    endpoint = WebhookEndpoint.objects.get()
    assert body["id"] == endpoint.pk and body["url"] == HTTPS and body["active"] is True
    assert body["secret"] == endpoint.secret and body["secret"].startswith("whsec_")
    assert endpoint.created_by_client == software[0] and endpoint.cpas.code == NAMUR
    assert response["Cache-Control"] == "no-store"
    listed = client.get(HOOKS, **bearer(token)).json()
    assert listed == [
        {
            "id": endpoint.pk,
            "url": HTTPS,
            "active": True,
            "created_at": listed[0]["created_at"],
            "previous_secret_expires_at": None,
        }
    ]
    client.force_login(make_staff("manager", NAMUR, Role.MANAGER))
    page = client.get("/en/backoffice/integration/webhooks/").content.decode()
    assert HTTPS in page and "SocialSoft" in page
    assert body["secret"] not in page


@override_settings(WEBHOOK_ALLOW_LOOPBACK_HTTP=True)
def test_the_secret_given_signs_the_deliveries(client, token):
    receiver = Receiver().start()
    try:
        secret = _post(client, token, {"url": receiver.url}).json()["secret"]
        submit()
        delivery = WebhookDelivery.objects.order_by("first_seq").first()
        assert webhook_deliver(pk=delivery.pk) == "sent"
        got = receiver.received[0]
        now = int(timezone.now().timestamp())
        assert signing.verify(secret, headers=got.headers, body=got.body, now=now)
    finally:
        receiver.stop()


@override_settings(WEBHOOK_ALLOW_LOOPBACK_HTTP=False)
@pytest.mark.parametrize(
    ("body", "status", "slug"),
    [
        pytest.param(
            {"url": "http://software.example.be/hooks"}, 422, "invalid-request", id="http"
        ),
        pytest.param({"url": "http://127.0.0.1:9/"}, 422, "invalid-request", id="loopback-off"),
        pytest.param(
            {"url": "https://user:pw@software.example.be/"},
            422,
            "invalid-request",
            id="credentials",
        ),
        pytest.param({"url": "not an address"}, 422, "invalid-request", id="garbage"),
        pytest.param({}, 422, "invalid-request", id="no-url"),
        pytest.param({"url": HTTPS, "secret": "mine"}, 422, "invalid-request", id="unknown-field"),
    ],
)
def test_a_bad_address_is_refused_as_on_the_manager_screen(client, token, body, status, slug):
    response = _post(client, token, body)
    assert (response.status_code, response["Content-Type"]) == (status, PROBLEM)
    problem = response.json()
    assert problem["type"] == f"urn:cpas-online:problem:{slug}"
    assert "user:pw" not in response.content.decode() and "mine" not in problem["detail"]
    assert WebhookEndpoint.objects.count() == 0


def test_the_same_active_address_twice_is_a_conflict(client, token):
    assert _post(client, token, {"url": HTTPS}).status_code == 201
    response = _post(client, token, {"url": HTTPS})
    assert response.status_code == 409
    assert response.json()["type"] == "urn:cpas-online:problem:webhook-exists"
    assert WebhookEndpoint.objects.count() == 1


def _status(response) -> tuple[int, str]:
    assert response["Content-Type"] == PROBLEM
    return response.status_code, response.json()["type"].rsplit(":", 1)[1]


@pytest.mark.parametrize(
    ("caller", "expected"),
    [
        pytest.param("read-write-grant", (403, "forbidden"), id="grant-without-webhooks-scope"),
        pytest.param("cpas-own-token", (403, "forbidden"), id="cpas-own-token-read-only"),
        pytest.param("revoked-grant", (401, "unauthenticated"), id="revoked-grant"),
        pytest.param("no-token", (401, "unauthenticated"), id="no-token"),
        pytest.param("unknown-token", (401, "unauthenticated"), id="unknown-token"),
    ],
)
def test_a_caller_without_the_scope_or_the_grant_creates_nothing(client, caller, expected):
    software, secret = vendor("OtherSoft")
    if caller == "read-write-grant":
        grant(software, NAMUR, scopes=["read", "write"])
        headers = bearer(token_for(client, software, secret, NAMUR))
    elif caller == "cpas-own-token":
        headers = bearer(make_token(NAMUR))
    elif caller == "revoked-grant":
        given = grant(software, NAMUR, scopes=["read", "webhooks"])
        headers = bearer(token_for(client, software, secret, NAMUR))
        grant_revoke(grant=given, user=given.granted_by)
    elif caller == "unknown-token":
        headers = bearer("cpt_made-up")
    else:
        headers = {}
    response = client.post(HOOKS, {"url": HTTPS}, content_type="application/json", **headers)
    assert _status(response) == expected
    assert WebhookEndpoint.objects.count() == 0


def test_a_vendor_without_a_grant_for_a_cpas_gets_no_token_for_it(client, software):
    response = client.post(
        "/api/v1/token",
        {"grant_type": "client_credentials", "cpas": LIEGE, "scope": "webhooks"},
        **basic(software[0].client_id, software[1]),
    )
    assert (response.status_code, response.json()["error"]) == (400, "invalid_grant")


def test_a_vendor_sees_and_changes_only_its_own_addresses_of_its_cpas(client, token):
    liege, _secret = webhook_endpoint_create(cpas=cpas(LIEGE), url=HTTPS, user=None)
    managers, _secret = webhook_endpoint_create(
        cpas=cpas(NAMUR), url="https://other.example.be/", user=None
    )
    assert client.get(HOOKS, **bearer(token)).json() == []
    for endpoint in (liege, managers):
        for method, path in (
            (client.delete, f"{HOOKS}/{endpoint.pk}"),
            (client.post, f"{HOOKS}/{endpoint.pk}/rotate-secret"),
        ):
            assert _status(method(path, **bearer(token))) == (404, "not-found")
    assert set(WebhookEndpoint.objects.values_list("is_active", flat=True)) == {True}
    assert set(WebhookEndpoint.objects.values_list("previous_secret_encrypted", flat=True)) == {""}


def test_the_vendor_deletes_its_address(client, token):
    pk = _post(client, token, {"url": HTTPS}).json()["id"]
    response = client.delete(f"{HOOKS}/{pk}", **bearer(token))
    assert response.status_code == 204
    assert WebhookEndpoint.objects.get().is_active is False
    assert client.get(HOOKS, **bearer(token)).json()[0]["active"] is False
    # Gone: a second delete finds nothing active.
    assert _status(client.delete(f"{HOOKS}/{pk}", **bearer(token))) == (404, "not-found")


def test_the_manager_revokes_an_address_a_vendor_created(client, token):
    pk = _post(client, token, {"url": HTTPS}).json()["id"]
    manager = make_staff("manager", NAMUR, Role.MANAGER)
    client.force_login(manager)
    response = client.post(reverse("integration:webhook_deactivate", kwargs={"pk": pk}))
    assert response.status_code == 302
    assert client.get(HOOKS, **bearer(token)).json()[0]["active"] is False


def test_the_vendor_rotates_its_secret(client, token):
    created = _post(client, token, {"url": HTTPS}).json()
    response = client.post(f"{HOOKS}/{created['id']}/rotate-secret", **bearer(token))
    assert response.status_code == 200, response.content
    body = response.json()
    endpoint = WebhookEndpoint.objects.get()
    assert body["secret"] == endpoint.secret != created["secret"]
    assert endpoint.previous_secret == created["secret"]
    assert body["previous_secret_expires_at"] is not None
    assert response["Cache-Control"] == "no-store"


def test_the_manager_grants_the_webhooks_scope_on_the_social_software_page(client):
    software, secret = vendor("HookSoft")
    client.force_login(make_staff("boss", NAMUR, Role.MANAGER))
    url = "/en/backoffice/software/"
    assert "Subscribe addresses to the webhooks" in client.get(url).content.decode()
    client.post(url, {"client": software.pk, "scopes": ["read", "webhooks"]})
    token = token_for(client, software, secret, NAMUR, scope="webhooks")
    assert _post(client, token, {"url": HTTPS}).status_code == 201
