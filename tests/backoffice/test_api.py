"""The social software API: per-CPAS token, new requests, mark retrieved, access log."""

import secrets

import pytest

from backoffice.models import AccessLogEntry, ApiToken, hash_token
from routing.models import Cpas
from tests.factories import submit

from .conftest import LIEGE, NAMUR

pytestmark = pytest.mark.django_db


def make_token(cpas_code: str, *, active: bool = True) -> str:
    token = secrets.token_urlsafe(32)
    ApiToken.objects.create(
        cpas=Cpas.objects.get(code=cpas_code),
        name="Social software",
        prefix=token[:8],
        token_hash=hash_token(token),
        is_active=active,
    )
    return token


def auth(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({}, id="no-token"),
        pytest.param({"HTTP_AUTHORIZATION": "Bearer wrong"}, id="wrong-token"),
        pytest.param("inactive", id="inactive-token"),
    ],
)
def test_without_a_valid_token_401(client, headers):
    submit()
    if headers == "inactive":
        headers = auth(make_token(NAMUR, active=False))
    assert client.get("/api/v1/requests", **headers).status_code == 401
    assert (
        client.post("/api/v1/requests/CPAS-2026-0000-0000/retrieved", **headers).status_code == 401
    )


def test_new_requests_of_the_tokens_cpas(client):
    mine = submit(national_number="85073003328")
    submit(nis_code=LIEGE)
    token = make_token(NAMUR)
    response = client.get("/api/v1/requests?status=new", **auth(token))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    [row] = response.json()
    assert row["reference"] == mine.reference
    assert row["national_number"] == "85073003328"
    assert row["reception_date"] == "2026-11-20"
    assert row["competence_deadline"] == "2026-11-25"
    assert row["contact_person"] == {"name": "", "relation": "", "email": "", "phone": ""}
    assert row["retrieved_at"] is None
    log = AccessLogEntry.objects.get()
    assert (log.aid_request, log.action, log.user, log.api_token.prefix) == (
        mine,
        "api_read",
        None,
        token[:8],
    )


def test_mark_retrieved_removes_it_from_new(client):
    aid_request = submit()
    token = make_token(NAMUR)
    url = f"/api/v1/requests/{aid_request.reference}/retrieved"
    first = client.post(url, **auth(token))
    assert first.status_code == 200
    assert first.json()["reference"] == aid_request.reference
    assert client.post(url, **auth(token)).json() == first.json()  # idempotent
    assert client.get("/api/v1/requests?status=new", **auth(token)).json() == []
    [row] = client.get("/api/v1/requests?status=all", **auth(token)).json()
    assert row["retrieved_at"] == first.json()["retrieved_at"]
    aid_request.refresh_from_db()
    assert (
        aid_request.events.exclude(kind__in=["submitted", "registered"]).get().kind == "retrieved"
    )


def test_another_cpas_request_is_404(client):
    aid_request = submit()
    token = make_token(LIEGE)
    url = f"/api/v1/requests/{aid_request.reference}/retrieved"
    assert client.post(url, **auth(token)).status_code == 404
    assert client.get("/api/v1/requests?status=all", **auth(token)).json() == []


def test_openapi_schema_is_published_and_versioned(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["version"] == "1"
    assert "/api/v1/requests" in schema["paths"]
    assert "/api/v1/requests/{reference}/retrieved" in schema["paths"]
    assert "AidRequestOut" in schema["components"]["schemas"]


def test_token_is_created_in_the_admin_and_shown_once(client, sppis_admin):
    sppis_admin.is_staff = True
    sppis_admin.is_superuser = True
    sppis_admin.save()
    client.force_login(sppis_admin)
    response = client.post(
        "/admin/backoffice/apitoken/add/",
        {"cpas": Cpas.objects.get(code=NAMUR).pk, "name": "Logiciel", "is_active": "on"},
        follow=True,
        headers={"accept-language": "en"},
    )
    api_token = ApiToken.objects.get()
    [message] = [str(m) for m in response.context["messages"] if "only this once" in str(m)]
    token = message.rsplit(" ", 1)[-1]
    assert api_token.token_hash == hash_token(token)
    assert (
        token
        not in client.get(f"/admin/backoffice/apitoken/{api_token.pk}/change/").content.decode()
    )
