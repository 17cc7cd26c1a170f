"""A purged sandbox test request's events stay in the feed (docs/integration.md, "How it
is written"): no gap, no personal data, ``test`` true, ``request`` null."""

from datetime import UTC, datetime, timedelta

import pytest

from cpasonline.retention import retention_apply
from intake.models import AidRequest
from integration.models import FeedEvent
from tests.factories import submit
from tests.sandbox.conftest import open_sandbox

from .conftest import NAMUR

pytestmark = pytest.mark.django_db


def test_the_events_of_a_purged_test_request_stay_without_gap(feed_of):
    now = datetime.now(tz=UTC)
    test = submit(submitted_at=now - timedelta(days=8), sandbox_token=open_sandbox(NAMUR))
    real = submit(national_number="")
    _status, before = feed_of(NAMUR)
    retention_apply(now=now)
    assert not AidRequest.objects.filter(pk=test.pk).exists()
    status, after = feed_of(NAMUR)
    assert status == 200
    assert [e["seq"] for e in after["events"]] == list(range(1, after["last_seq"] + 1))
    assert [e["seq"] for e in after["events"]] == [e["seq"] for e in before["events"]]
    kept = [e for e in after["events"] if e["reference"] == test.reference]
    assert kept and all(e["test"] and e["request"] is None for e in kept)
    assert FeedEvent.objects.filter(reference=test.reference, aid_request=None).count() == len(kept)
    assert any(e["request"] for e in after["events"] if e["reference"] == real.reference)
