"""The purge of test requests (docs/sandbox.md, "Purged after a few days"): the nightly
retention task deletes them whole after SANDBOX_RETENTION_DAYS, with its line in the
retention log; real requests are untouched."""

from datetime import UTC, date, datetime, timedelta

import pytest

from backoffice.constants import AccessAction
from backoffice.models import AccessLogEntry
from backoffice.services import access_log_record
from cpasonline.models import RetentionRun
from cpasonline.retention import retention_apply
from intake.models import AidRequest, CompetenceDecision, MeritsDecision, RequestEvent
from intake.services import aid_request_decide, aid_request_declare_competent
from notifications.models import OutgoingEmail
from tests.factories import submit

from .conftest import NAMUR, make_staff, open_sandbox

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("age", "purged"),
    [
        pytest.param(timedelta(days=8), True, id="8-days-old"),
        pytest.param(timedelta(days=7, minutes=1), True, id="just-past-7-days"),
        pytest.param(timedelta(days=6, hours=23), False, id="not-yet-7-days"),
    ],
)
def test_test_requests_are_deleted_whole_after_the_period(age, purged, settings):
    assert settings.SANDBOX_RETENTION_DAYS == 7
    worker = make_staff("worker", NAMUR)
    token = open_sandbox(NAMUR)
    test = submit(submitted_at=NOW - age, sandbox_token=token)
    real = submit(submitted_at=NOW - age - timedelta(days=30))
    for aid_request in (test, real):
        aid_request_declare_competent(aid_request=aid_request, user=worker)
        aid_request_decide(
            aid_request=aid_request, user=worker, outcome="granted", decided_on=date(2026, 11, 30)
        )
        access_log_record(
            aid_requests=[aid_request], action=AccessAction.VIEW, user=worker, ip_address=None
        )
    lines = {line.kind: line for line in retention_apply(now=NOW)}
    line = lines["test_requests"]
    assert (line.count, line.period_days) == (int(purged), 7)
    assert line.cutoff == NOW - timedelta(days=7)
    assert line.finished_at is not None
    assert AidRequest.objects.filter(pk=test.pk).exists() is not purged
    for model in (RequestEvent, CompetenceDecision, MeritsDecision, OutgoingEmail):
        assert model.objects.filter(aid_request=test).exists() is not purged
    assert AccessLogEntry.objects.filter(aid_request=test).exists() is not purged
    # The real request is left to the ordinary retention rules.
    real.refresh_from_db()
    assert real.first_name == "Alex"
    assert AccessLogEntry.objects.filter(aid_request=real).exists()
    assert RetentionRun.objects.filter(kind="test_requests").count() == 1
