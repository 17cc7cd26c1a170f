import secrets

import pytest

from backoffice.models import ApiToken, hash_token
from integration.webhooks import webhook_endpoint_create
from routing.models import Cpas

from .receiver import Receiver

NAMUR = "92094"
LIEGE = "62063"


def make_token(cpas_code: str) -> str:
    token = secrets.token_urlsafe(32)
    ApiToken.objects.create(
        cpas=Cpas.objects.get(code=cpas_code),
        name="Social software",
        prefix=token[:8],
        token_hash=hash_token(token),
    )
    return token


@pytest.fixture
def feed_of(client):
    """GET the feed of a CPAS with its token: ``feed_of(NAMUR, after=0)`` → (status, json)."""
    tokens = {}

    def read(cpas_code: str, **params):
        token = tokens.setdefault(cpas_code, make_token(cpas_code))
        response = client.get(
            "/api/v1/feed", params, HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_ACCEPT_LANGUAGE="en"
        )
        return response.status_code, response.json()

    return read


@pytest.fixture
def receiver():
    """A webhook receiver on this machine (``receiver.Receiver``), stopped after the test."""
    server = Receiver().start()
    yield server
    server.stop()


@pytest.fixture
def endpoint(receiver):
    """The CPAS de Namur's webhook to ``receiver``, with its secret in ``plain_secret``."""
    endpoint, secret = webhook_endpoint_create(
        cpas=Cpas.objects.get(code=NAMUR), url=receiver.url, user=None
    )
    endpoint.plain_secret = secret
    return endpoint
