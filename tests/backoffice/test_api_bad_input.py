"""Bad input (docs/api.md, "Errors"): each a precise 4xx problem+json (RFC 9457), nothing
recorded, nothing leaked — no other CPAS's request, name or existence revealed."""

import json
import secrets
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from backoffice.models import AccessLogEntry, ApiToken, hash_token
from intake.models import CompetenceDecision, MeritsDecision, RegisterEntry, RequestEvent
from intake.services import aid_request_transfer
from tests.factories import submit
from vendors.models import AccessToken, IdempotencyRecord

from .api_support import bearer, cpas, grant, token_for, vendor, write
from .conftest import LIEGE, NAMUR, make_staff

pytestmark = pytest.mark.django_db

DECISION = {"outcome": "granted", "decided_on": "2026-11-30"}


@dataclass
class World:
    token: str  # read and write, Namur
    read_only: str
    expired: str
    revoked: str
    legacy: str
    legacy_inactive: str
    mine: object
    liege: object
    transferred: object


@pytest.fixture
def world(client) -> World:
    software, secret = vendor()
    grant(software, NAMUR)
    reader, reader_secret = vendor("Reader")
    grant(reader, NAMUR, scopes=["read"])
    gone, gone_secret = vendor("Gone")
    gone_grant = grant(gone, NAMUR)
    revoked = token_for(client, gone, gone_secret, NAMUR)
    gone_grant.revoked_at = timezone.now()
    gone_grant.save()
    expired = token_for(client, software, secret, NAMUR)
    AccessToken.objects.filter(pk=AccessToken.objects.order_by("-pk")[0].pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    legacy, legacy_inactive = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    for token, active in ((legacy, True), (legacy_inactive, False)):
        ApiToken.objects.create(
            cpas=cpas(NAMUR),
            name="Own",
            prefix=token[:8],
            token_hash=hash_token(token),
            is_active=active,
        )
    transferred = submit(national_number="", last_name="Transferredname")
    aid_request_transfer(
        aid_request=transferred,
        user=make_staff("sender", NAMUR),
        to_cpas=cpas(LIEGE),
        reasons=["residence"],
    )
    return World(
        token=token_for(client, software, secret, NAMUR),
        read_only=token_for(client, reader, reader_secret, NAMUR),
        expired=expired,
        revoked=revoked,
        legacy=legacy,
        legacy_inactive=legacy_inactive,
        mine=submit(),
        liege=submit(nis_code=LIEGE, national_number="", last_name="Liegename"),
        transferred=transferred,
    )


def _decide(world, http, token, aid_request=None, body=DECISION, key="key-1"):
    return write(http, token, (aid_request or world.mine).reference, "decision", body, key)


def _first_then_other_body(world, http):
    assert _decide(world, http, world.token).status_code == 200
    return _decide(world, http, world.token, body={**DECISION, "outcome": "refused"})


def _raw(http, path, body, token, **headers):
    return http.post(path, body, content_type="application/json", **bearer(token, **headers))


CASES = [
    # (id, call, status, problem type)
    ("no-token", lambda w, h: h.get("/api/v1/requests"), 401, "unauthenticated"),
    (
        "expired-token",
        lambda w, h: h.get("/api/v1/requests", **bearer(w.expired)),
        401,
        "unauthenticated",
    ),
    ("revoked-grant", lambda w, h: _decide(w, h, w.revoked), 401, "unauthenticated"),
    (
        "inactive-own-token",
        lambda w, h: h.get("/api/v1/requests", **bearer(w.legacy_inactive)),
        401,
        "unauthenticated",
    ),
    ("wrong-scope-read-only", lambda w, h: _decide(w, h, w.read_only), 403, "forbidden"),
    ("own-token-cannot-write", lambda w, h: _decide(w, h, w.legacy), 403, "forbidden"),
    ("no-longer-held", lambda w, h: _decide(w, h, w.token, w.transferred), 409, "no-longer-held"),
    ("another-cpas-request", lambda w, h: _decide(w, h, w.token, w.liege), 404, "not-found"),
    (
        "unknown-reference",
        lambda w, h: write(h, w.token, "CPAS-2026-AAAA-AAAA", "decision", DECISION),
        404,
        "not-found",
    ),
    ("replayed-key-other-body", _first_then_other_body, 422, "idempotency-key-reused"),
    (
        "no-idempotency-key",
        lambda w, h: write(h, w.token, w.mine.reference, "decision", DECISION, key=None),
        400,
        "idempotency-key-missing",
    ),
    (
        "unknown-field",
        lambda w, h: _decide(w, h, w.token, body={**DECISION, "comment": "x"}),
        422,
        "invalid-request",
    ),
    (
        "unknown-outcome",
        lambda w, h: _decide(w, h, w.token, body={**DECISION, "outcome": "maybe"}),
        422,
        "invalid-request",
    ),
    (
        "not-json",
        lambda w, h: _raw(
            h,
            f"/api/v1/requests/{w.mine.reference}/decision",
            "{oops",
            w.token,
            HTTP_IDEMPOTENCY_KEY="k",
        ),
        400,
        "bad-request",
    ),
    (
        "unknown-cpas",
        lambda w, h: write(
            h, w.token, w.mine.reference, "transfer", {"to_cpas": "00000", "reasons": ["residence"]}
        ),
        422,
        "unknown-cpas",
    ),
    (
        "decided-twice",
        lambda w, h: (_decide(w, h, w.token), _decide(w, h, w.token, key="key-2"))[1],
        409,
        "step-refused",
    ),
    (
        "unknown-path",
        lambda w, h: h.get("/api/v1/nothing-here", **bearer(w.token)),
        404,
        "not-found",
    ),
    (
        "wrong-method",
        lambda w, h: h.delete("/api/v1/requests", **bearer(w.token)),
        405,
        "method-not-allowed",
    ),
    (
        "limit-out-of-range",
        lambda w, h: h.get("/api/v1/requests?limit=100000", **bearer(w.token)),
        422,
        "invalid-request",
    ),
]


def _recorded():
    return (
        RequestEvent.objects.count(),
        AccessLogEntry.objects.filter(action="api_write").count(),
        IdempotencyRecord.objects.filter(completed_at__isnull=False).count(),
        IdempotencyRecord.objects.filter(completed_at__isnull=True).count(),
        CompetenceDecision.objects.count(),
        MeritsDecision.objects.count(),
        RegisterEntry.objects.exclude(external_number="").count(),
    )


@pytest.mark.parametrize(("call", "status", "kind"), [pytest.param(*c[1:], id=c[0]) for c in CASES])
def test_bad_input_is_a_precise_problem_and_records_nothing(client, world, call, status, kind):
    before = None

    def counted(*args, **kwargs):
        nonlocal before
        before = _recorded()
        return original(*args, **kwargs)

    # Count just before the bad call itself (a case may first make a good call).
    original = client.generic
    client.generic = counted
    response = call(world, client)
    client.generic = original
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert set(body) >= {"type", "title", "status", "detail", "instance"}
    assert (body["type"], body["status"]) == (f"urn:cpas-online:problem:{kind}", status)
    assert body["instance"].startswith("/api/v1/")
    assert body["detail"] and body["title"]
    if status == 401:
        assert response["WWW-Authenticate"].startswith("Bearer")
    assert _recorded() == before  # nothing recorded by the bad call
    text = json.dumps(body)
    for secret in ("Liegename", "Transferredname", "Martin", "85073003328", LIEGE, "Liège"):
        assert secret not in text  # nothing leaked


def test_another_cpas_request_and_no_request_answer_alike(client, world):
    """A request of another CPAS cannot be told from one that does not exist."""
    theirs = _decide(world, client, world.token, world.liege).json()
    none = write(client, world.token, "CPAS-2026-AAAA-AAAA", "decision", DECISION).json()
    assert {**theirs, "instance": ""} == {**none, "instance": ""}


def test_a_token_for_an_ungranted_cpas_says_nothing_of_it(client):
    software, secret = vendor()
    grant(software, NAMUR)
    answers = [
        client.post(
            "/api/v1/token",
            {
                "grant_type": "client_credentials",
                "cpas": code,
                "client_id": software.client_id,
                "client_secret": secret,
            },
        )
        for code in (LIEGE, "00000")
    ]
    assert [a.status_code for a in answers] == [400, 400]
    assert answers[0].json() == answers[1].json()
    assert answers[0].json()["error"] == "invalid_grant"
    wrong = client.post(
        "/api/v1/token",
        {
            "grant_type": "client_credentials",
            "cpas": NAMUR,
            "client_id": software.client_id,
            "client_secret": "nope",
        },
    )
    assert (wrong.status_code, wrong.json()["error"]) == (401, "invalid_client")
    assert wrong["Content-Type"] == "application/problem+json"
