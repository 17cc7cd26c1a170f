"""Builders for the API tests: a vendor's client, its grants, its tokens."""

import base64

from backoffice.constants import Role
from routing.models import Cpas
from vendors.models import VendorClient
from vendors.services import client_secret_create, grant_create, vendor_client_id_new

from .conftest import make_staff


def vendor(name: str = "SocialSoft") -> tuple[VendorClient, str]:
    client = VendorClient.objects.create(name=name, client_id=vendor_client_id_new())
    _row, secret = client_secret_create(client=client)
    return client, secret


def grant(client: VendorClient, cpas_code: str, scopes=("read", "write")):
    manager = make_staff(f"manager-{cpas_code}-{client.pk}", cpas_code, Role.MANAGER)
    return grant_create(client=client, user=manager, scopes=list(scopes))


def basic(client_id: str, secret: str) -> dict:
    raw = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {raw}"}


def token_for(http, client: VendorClient, secret: str, cpas_code: str, **form) -> str:
    response = http.post(
        "/api/v1/token",
        {"grant_type": "client_credentials", "cpas": cpas_code, **form},
        **basic(client.client_id, secret),
    )
    assert response.status_code == 200, response.content
    return response.json()["access_token"]


def bearer(token: str, **headers) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}", **headers}


def write(http, token: str, reference: str, step: str, body: dict, key: str | None = "k-1"):
    headers = bearer(token, HTTP_ACCEPT_LANGUAGE="en")
    if key is not None:
        headers["HTTP_IDEMPOTENCY_KEY"] = key
    return http.post(
        f"/api/v1/requests/{reference}/{step}", body, content_type="application/json", **headers
    )


def cpas(code: str) -> Cpas:
    return Cpas.objects.get(code=code)
