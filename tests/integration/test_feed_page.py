"""How a page of the feed is written (docs/integration.md, "The feed"): the events as
PostgreSQL gives them, each as the API's schema says; a page without the requests' data
for a software that already has it; every request shown written to the access log."""

import json
from datetime import UTC, datetime

import pytest

from backoffice.constants import AccessAction
from backoffice.models import AccessLogEntry
from integration.models import FeedEvent
from integration.reading import _instant
from tests.factories import submit

from .conftest import NAMUR

# Core: the embedded database writes a page on its own path (integration/reading.py).
pytestmark = [pytest.mark.django_db, pytest.mark.core]


@pytest.mark.parametrize(
    "at",
    [
        datetime(2026, 3, 2, 8, 14, 3, tzinfo=UTC),
        datetime(2026, 3, 2, 8, 14, 3, 120000, tzinfo=UTC),
        datetime(2026, 12, 31, 23, 59, 59, 1, tzinfo=UTC),
    ],
    ids=["whole-second", "milliseconds", "one-microsecond"],
)
def test_an_instant_is_written_as_the_schemas_write_it(feed_of, at):
    submit()
    FeedEvent.objects.filter(seq=1).update(occurred_at=at)
    _status, page = feed_of(NAMUR)
    assert page["events"][0]["occurred_at"] == _instant(at)


def test_data_with_accents_and_quotes_is_valid_json(feed_of):
    submit()
    FeedEvent.objects.filter(seq=1).update(data={"why": 'Liège "urgent" \\ ok', "n": 1.5})
    _status, page = feed_of(NAMUR)
    assert page["events"][0]["data"] == {"why": 'Liège "urgent" \\ ok', "n": 1.5}


def test_a_page_without_the_requests_shows_and_logs_none(feed_of):
    aid_request = submit()
    _status, full = feed_of(NAMUR)
    assert full["events"][0]["request"]["reference"] == aid_request.reference
    assert AccessLogEntry.objects.filter(action=AccessAction.API_READ).count() == 1
    status, thin = feed_of(NAMUR, with_requests="false")
    assert status == 200
    assert [event["request"] for event in thin["events"]] == [None, None]
    assert [{**event, "request": None} for event in full["events"]] == thin["events"]
    assert {k: v for k, v in thin.items() if k != "events"} == {
        k: v for k, v in full.items() if k != "events"
    }
    assert AccessLogEntry.objects.filter(action=AccessAction.API_READ).count() == 1


def test_each_request_shown_is_one_line_of_the_access_log(feed_of):
    shown = [submit(national_number="") for _ in range(3)]
    _status, page = feed_of(NAMUR)
    lines = AccessLogEntry.objects.filter(action=AccessAction.API_READ)
    assert sorted(lines.values_list("aid_request_id", flat=True)) == sorted(r.pk for r in shown)
    assert {(line.api_token_id is not None, line.ip_address, line.user_id) for line in lines} == {
        (True, "127.0.0.1", None)
    }
    assert len({line.at for line in lines}) == 1
    assert json.loads(json.dumps(page)) == page
