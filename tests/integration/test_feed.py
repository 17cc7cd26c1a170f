"""The change feed (docs/integration.md): every step of a request, in order, gapless per
CPAS, resumable by cursor; personal data only to the CPAS holding the request now."""

from datetime import UTC, date, datetime

import pytest
from django.db import transaction

from backoffice.api import _out
from backoffice.api_auth import ApiCaller
from backoffice.constants import AccessAction, Role
from backoffice.models import AccessLogEntry, ApiToken, Retrieval
from backoffice.services import aid_request_mark_retrieved
from intake.constants import EventKind, MeritsOutcome, TransferReason
from intake.models import AidRequest
from intake.services import (
    aid_request_decide,
    aid_request_declare_competent,
    aid_request_mark_read,
    aid_request_transfer,
)
from integration.kinds import _JSON, BY_TYPE, KINDS, event_schema
from integration.models import FeedEvent
from routing.models import Cpas
from tests.backoffice.conftest import make_staff
from tests.factories import submit

from .conftest import LIEGE, NAMUR

pytestmark = pytest.mark.django_db


def types(page: dict) -> list[str]:
    return [event["type"] for event in page["events"]]


def test_every_kind_of_history_line_has_its_row_in_the_table():
    assert set(KINDS) == set(EventKind.values)
    assert len(BY_TYPE) == len(KINDS) + 1  # and transferred_in; no type twice


def test_a_request_followed_up_in_order_with_what_the_software_needs(feed_of):
    aid_request = submit()
    staff = make_staff("namur", NAMUR)
    aid_request_mark_read(aid_request=aid_request, user=staff)
    aid_request_declare_competent(aid_request=aid_request, user=staff)
    aid_request_decide(
        aid_request=aid_request,
        user=staff,
        outcome=MeritsOutcome.GRANTED,
        decided_on=date(2026, 12, 1),
    )
    status, page = feed_of(NAMUR)
    assert status == 200
    assert types(page) == [
        "request.submitted",
        "request.registered",
        "request.read",
        "request.declared_competent",
        "request.decided",
    ]
    assert [e["seq"] for e in page["events"]] == [1, 2, 3, 4, 5]
    assert (page["next_after"], page["last_seq"], page["has_more"]) == (5, 5, False)
    submitted, registered, *_, decided = page["events"]
    assert submitted["data"] == {
        "rule": "art-1-residence",
        "reception_date": "2026-11-20",
        "competence_deadline": "2026-11-25",
        "decision_deadline": "2026-12-20",
        "channel": "online",
        "language": "fr",
        "urgent": False,
    }
    assert submitted["request"]["national_number"] == "85073003328"
    assert submitted["request"]["last_name"] == "Martin"
    assert registered["data"] == {"number": 1, "year": 2026, "late": False}
    assert registered["request"] is None  # personal data only where the request arrives
    assert decided["data"] == {"outcome": "granted", "decided_on": "2026-12-01"}
    assert submitted["test"] is False
    # The personal data shown is written to the access log, as for GET /requests.
    assert (
        AccessLogEntry.objects.filter(aid_request=aid_request, action=AccessAction.API_READ).count()
        == 1
    )


def test_a_transfer_takes_the_personal_data_out_of_the_old_cpas_feed(feed_of):
    aid_request = submit()
    staff = make_staff("namur", NAMUR)
    aid_request_transfer(
        aid_request=aid_request,
        user=staff,
        to_cpas=Cpas.objects.get(code=LIEGE),
        reasons=[TransferReason.RESIDENCE],
    )
    _, namur = feed_of(NAMUR)
    assert types(namur) == ["request.submitted", "request.registered", "request.transferred_out"]
    assert [e["request"] for e in namur["events"]] == [None, None, None]
    assert namur["events"][2]["data"]["to_cpas"] == LIEGE
    assert namur["events"][2]["data"]["reasons"] == ["residence"]
    assert "Martin" not in str(namur)
    _, liege = feed_of(LIEGE)
    assert types(liege) == ["request.transferred_in", "request.registered"]
    arrived = liege["events"][0]
    assert arrived["seq"] == 1  # Liège's own numbering
    assert arrived["data"]["from_cpas"] == NAMUR
    assert arrived["data"]["reasons"] == ["residence"]
    assert arrived["request"]["national_number"] == "85073003328"


def test_a_test_request_says_so_in_every_event(feed_of):
    aid_request = submit()
    AidRequest.objects.filter(pk=aid_request.pk).update(is_test=True)
    aid_request.refresh_from_db()
    aid_request_mark_read(aid_request=aid_request, user=make_staff("namur", NAMUR))
    _, page = feed_of(NAMUR)
    assert [e["test"] for e in page["events"]] == [False, False, True]


def test_erased_personal_data_is_not_shown(feed_of):
    aid_request = submit()
    AidRequest.objects.filter(pk=aid_request.pk).update(personal_data_erased_at=datetime.now(UTC))
    _, page = feed_of(NAMUR)
    assert page["events"][0]["request"] is None


def test_a_step_rolled_back_leaves_no_event_and_no_gap(feed_of):
    submit()
    with pytest.raises(RuntimeError), transaction.atomic():
        submit(national_number="", first_name="Sam")
        raise RuntimeError("the step fails after its history line")
    submit(national_number="", first_name="Kim")
    _, page = feed_of(NAMUR)
    assert [e["seq"] for e in page["events"]] == list(range(1, len(page["events"]) + 1))
    assert FeedEvent.objects.filter(cpas__code=NAMUR).count() == len(page["events"])


def test_resumed_by_cursor_nothing_missed_nothing_twice(feed_of):
    for _ in range(3):
        submit(national_number="")
    seen = []
    after = 0
    while True:
        status, page = feed_of(NAMUR, after=after, limit=2)
        assert status == 200
        seen += [e["seq"] for e in page["events"]]
        after = page["next_after"]
        if not page["has_more"]:
            break
    assert seen == list(range(1, page["last_seq"] + 1))
    # At the end: an empty page, the same cursor.
    assert feed_of(NAMUR, after=after)[1] == {
        "events": [],
        "next_after": after,
        "last_seq": after,
        "has_more": False,
    }


@pytest.mark.parametrize(
    ("params", "status", "says"),
    [
        pytest.param({"after": 99}, 400, "Unknown cursor: after=99", id="beyond-the-last"),
        pytest.param({"after": -1}, 422, "", id="negative"),
        pytest.param({"after": "abc"}, 422, "", id="not-a-number"),
        pytest.param({"limit": 501}, 422, "", id="limit-too-high"),
        pytest.param({"limit": 0}, 422, "", id="limit-zero"),
    ],
)
def test_a_bad_cursor_is_a_precise_4xx(feed_of, params, status, says):
    submit()  # Namur's feed has 2 events
    got, body = feed_of(NAMUR, **params)
    assert got == status
    assert says in str(body)


def test_without_a_token_401(client):
    assert client.get("/api/v1/feed").status_code == 401


def _valid(value, schema: dict) -> bool:
    """The few JSON Schema keywords the events' schemas use."""
    if "const" in schema:
        return value == schema["const"]
    kinds = schema.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    python = {"string": str, "integer": int, "boolean": bool, "array": list, "object": dict}
    python["null"] = type(None)
    if None not in kinds and not any(isinstance(value, python[k]) for k in kinds):
        return False
    if isinstance(value, dict) and "properties" in schema:
        return set(schema.get("required", [])) <= set(value) and all(
            name in schema["properties"] and _valid(item, schema["properties"][name])
            for name, item in value.items()
        )
    if isinstance(value, list) and "items" in schema:
        return all(_valid(item, schema["items"]) for item in value)
    return True


def test_every_event_matches_its_published_schema(client, feed_of):
    aid_request = submit()
    staff = make_staff("manager", NAMUR, Role.MANAGER)
    aid_request_mark_read(aid_request=aid_request, user=staff)
    aid_request_transfer(
        aid_request=aid_request,
        user=staff,
        to_cpas=Cpas.objects.get(code=LIEGE),
        reasons=["residence"],
    )
    events = feed_of(NAMUR)[1]["events"] + feed_of(LIEGE)[1]["events"]
    for event in events:
        response = client.get(f"/api/v1/schemas/events/{event['type']}.json")
        assert response.status_code == 200
        assert _valid(event, response.json()), event["type"]
    assert not _valid({**events[0], "seq": "1"}, event_schema(BY_TYPE[events[0]["type"]]))
    index = client.get("/api/v1/schemas/events").json()["types"]
    assert len(index) == len(BY_TYPE)
    assert client.get("/api/v1/schemas/events/request.unknown.json").status_code == 404
    assert set(_JSON) >= {t for k in BY_TYPE.values() for t in k.fields.values()}


# Core: the embedded database writes the request in Python (``request_dict``), PostgreSQL
# in SQL (``_request_object``); both are held to the schema of GET /requests.
@pytest.mark.core
@pytest.mark.parametrize("retrieved", [False, True], ids=["not-retrieved", "retrieved"])
def test_the_request_in_an_event_is_the_request_of_get_requests(feed_of, client, retrieved):
    aid_request = submit(email="someone@example.org")
    _status, page = feed_of(NAMUR)
    token = ApiToken.objects.get()
    if retrieved:
        aid_request_mark_retrieved(
            aid_request=aid_request,
            caller=ApiCaller(
                cpas=token.cpas, scopes=frozenset({"read"}), label=token.name, api_token=token
            ),
        )
        _status, page = feed_of(NAMUR)
    retrieval = Retrieval.objects.filter(aid_request=aid_request).first()
    expected = _out(aid_request, retrieval.retrieved_at if retrieval else None)
    assert page["events"][0]["request"] == expected.model_dump(mode="json")


def test_the_openapi_document_shows_the_feed_with_an_example(client):
    document = client.get("/api/v1/openapi.json").json()
    operation = document["paths"]["/api/v1/feed"]["get"]
    example = operation["responses"]["200"]["content"]["application/json"]["example"]
    assert example["events"][0]["type"] == "request.submitted"
