"""Software vendors (docs/api.md, "Software vendors"): a client granted access by a
CPAS's manager gets expiring tokens for that CPAS, with the granted scopes; two secrets
at once for rotation; a revoked grant stops its tokens at once; a rate per client."""

import pytest
from django.test import override_settings

from backoffice.constants import Role
from tests.factories import submit
from vendors.models import AccessToken, Grant, VendorClient, secret_hash
from vendors.services import SecretRefused, client_secret_create

from .api_support import basic, bearer, grant, token_for, vendor
from .conftest import LIEGE, NAMUR, english_url, make_staff

pytestmark = pytest.mark.django_db


def _token(http, client_id, secret, cpas_code, **form):
    return http.post(
        "/api/v1/token",
        {"grant_type": "client_credentials", "cpas": cpas_code, **form},
        **basic(client_id, secret),
    )


def test_a_token_serves_the_one_cpas_that_granted_it(client):
    software, secret = vendor()
    grant(software, NAMUR, scopes=["read"])
    grant(software, LIEGE, scopes=["read"])
    mine, theirs = submit(), submit(nis_code=LIEGE, national_number="")
    response = _token(client, software.client_id, secret, NAMUR)
    assert response.status_code == 200
    body = response.json()
    assert (body["token_type"], body["expires_in"], body["scope"], body["cpas"]) == (
        "Bearer",
        3600,
        "read",
        NAMUR,
    )
    rows = client.get("/api/v1/requests?status=all", **bearer(body["access_token"])).json()
    assert [row["reference"] for row in rows] == [mine.reference]
    liege = token_for(client, software, secret, LIEGE)
    rows = client.get("/api/v1/requests?status=all", **bearer(liege)).json()
    assert [row["reference"] for row in rows] == [theirs.reference]
    assert Grant.objects.get(cpas__code=NAMUR).last_used_at is not None


def test_client_credentials_in_the_form_work_too(client):
    software, secret = vendor()
    grant(software, NAMUR)
    response = client.post(
        "/api/v1/token",
        {
            "grant_type": "client_credentials",
            "cpas": NAMUR,
            "client_id": software.client_id,
            "client_secret": secret,
            "scope": "read",
        },
    )
    assert response.json()["scope"] == "read"


def test_two_secrets_at_once_then_the_old_one_revoked(client):
    software, old = vendor()
    grant(software, NAMUR)
    _row, new = client_secret_create(client=software)
    with pytest.raises(SecretRefused):
        client_secret_create(client=software)
    assert _token(client, software.client_id, old, NAMUR).status_code == 200
    assert _token(client, software.client_id, new, NAMUR).status_code == 200
    software.secrets.filter(prefix=old[:8]).update(revoked_at="2026-12-01T00:00:00Z")
    assert _token(client, software.client_id, old, NAMUR).status_code == 401
    assert _token(client, software.client_id, new, NAMUR).status_code == 200


def test_a_revoked_grant_stops_its_tokens_at_once(client):
    software, secret = vendor()
    granted = grant(software, NAMUR)
    token = token_for(client, software, secret, NAMUR)
    assert client.get("/api/v1/requests", **bearer(token)).status_code == 200
    manager = make_staff("boss", NAMUR, Role.MANAGER)
    client.force_login(manager)
    page = client.post(english_url("backoffice:vendor_revoke", pk=granted.pk), follow=True)
    assert "can no longer serve your CPAS" in page.content.decode()
    client.logout()
    assert client.get("/api/v1/requests", **bearer(token)).status_code == 401
    assert AccessToken.objects.count() == 0
    assert _token(client, software.client_id, secret, NAMUR).json()["error"] == "invalid_grant"


@override_settings(API_CLIENT_RATE="3/m")
def test_the_rate_counts_per_client_in_every_cpas(client):
    software, secret = vendor()
    grant(software, NAMUR)
    grant(software, LIEGE)
    namur = token_for(client, software, secret, NAMUR)
    liege = token_for(client, software, secret, LIEGE)
    statuses = [
        client.get("/api/v1/requests", **bearer(token)).status_code
        for token in (namur, liege, namur, liege)
    ]
    assert statuses == [200, 200, 200, 429]
    limited = client.get("/api/v1/requests", **bearer(namur))
    assert limited["Content-Type"] == "application/problem+json"
    assert 0 < int(limited["Retry-After"]) <= 60
    other, other_secret = vendor("Other")
    grant(other, NAMUR)
    other_token = token_for(client, other, other_secret, NAMUR)
    assert client.get("/api/v1/requests", **bearer(other_token)).status_code == 200


@override_settings(
    API_CLIENT_RATE="1/m",
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens: the cache is down
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    },
)
def test_the_rate_fails_open_when_the_cache_is_down(client):
    software, secret = vendor()
    grant(software, NAMUR)
    token = token_for(client, software, secret, NAMUR)
    assert [client.get("/api/v1/requests", **bearer(token)).status_code for _ in "ab"] == [200, 200]


def test_the_manager_grants_lists_and_revokes(client):
    software, _secret = vendor()
    manager = make_staff("boss", NAMUR, Role.MANAGER)
    client.force_login(manager)
    url = english_url("backoffice:vendors")
    assert "No software has access" in client.get(url).content.decode()
    response = client.post(url, {"client": software.pk, "scopes": ["read"]}, follow=True)
    assert "SocialSoft may now serve your CPAS" in response.content.decode()
    granted = Grant.objects.get()
    assert (granted.cpas.code, granted.scopes, granted.granted_by) == (NAMUR, ["read"], manager)
    page = client.get(url).content.decode()
    assert "Read the requests" in page and "Never" in page
    # Another CPAS's manager neither sees nor revokes it.
    client.force_login(make_staff("other-boss", LIEGE, Role.MANAGER))
    assert "SocialSoft" not in client.get(url).content.decode().split("</table>")[0]
    revoke = english_url("backoffice:vendor_revoke", pk=granted.pk)
    assert client.post(revoke).status_code == 404


def test_only_managers_reach_the_page(client, namur_staff):
    client.force_login(namur_staff)
    assert client.get(english_url("backoffice:vendors")).status_code == 403


def test_sppis_admin_sees_vendors_in_the_admin(client, sppis_admin):
    software, _secret = vendor()
    grant(software, NAMUR)
    client.force_login(sppis_admin)
    page = client.get("/admin/vendors/vendorclient/")
    assert page.status_code == 200 and "SocialSoft" in page.content.decode()
    response = client.post(
        "/admin/vendors/vendorclient/add/",
        {
            "name": "New vendor",
            "is_active": "on",
            "secrets-TOTAL_FORMS": "0",
            "secrets-INITIAL_FORMS": "0",
            "grants-TOTAL_FORMS": "0",
            "grants-INITIAL_FORMS": "0",
        },
        follow=True,
        headers={"accept-language": "en"},
    )
    [message] = [str(m) for m in response.context["messages"] if "only this once" in str(m)]
    secret = message.rsplit(" ", 1)[-1]
    assert secret.startswith("cps_")
    [row] = VendorClient.objects.get(name="New vendor").secrets.all()
    assert row.secret_hash == secret_hash(secret)


def test_a_vendor_marks_a_request_retrieved_for_its_cpas(client):
    software, secret = vendor()
    grant(software, NAMUR, scopes=["read"])
    aid_request = submit()
    token = token_for(client, software, secret, NAMUR)
    response = client.post(f"/api/v1/requests/{aid_request.reference}/retrieved", **bearer(token))
    assert response.status_code == 200
    retrieval = aid_request.retrievals.get()
    assert (retrieval.client, retrieval.token) == (software, None)
    assert aid_request.events.get(kind="retrieved").data == {"client": software.client_id}
    assert client.get("/api/v1/requests?status=new", **bearer(token)).json() == []
