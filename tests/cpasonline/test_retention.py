"""Retention (docs/data-protection.md, "Retention"): when each kind of data ends, what of
a request is erased and what stays as statistics, the request whose acknowledgement is
not sent, the retention log, and the nightly task."""

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.db import connection

from backoffice.constants import AccessAction, Role
from backoffice.models import AccessLogEntry, StaffInvitation, User
from cpasonline.models import RetentionRun
from cpasonline.retention import retention_apply
from cpasonline.tasks import apply_retention
from intake.constants import IdentificationMethod, State
from intake.models import AidRequest, RegisterEntry, RequestEvent
from intake.services import (
    Contact,
    Identity,
    Needs,
    aid_request_decide,
    aid_request_submit,
)
from notifications.models import OutgoingEmail
from routing.models import Cpas
from routing.rules import RoutingAnswers

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 6, 1, 2, 0, tzinfo=UTC)  # the night the task runs
TODAY = date(2027, 6, 1)
NUMBER = "85073003328"


@pytest.fixture
def worker(db):
    return User.objects.create_user(
        "worker", password="x" * 16, role=Role.CASEWORKER, cpas=Cpas.objects.get(code="92094")
    )


def filed(received: date, *, acknowledged: bool = True) -> AidRequest:
    """A request received on ``received`` (a weekday: R is that day), with everything a
    person gives; its acknowledgement sent the same day unless told otherwise."""
    aid_request = aid_request_submit(
        submission_key=uuid.uuid4(),
        submitted_at=datetime(received.year, received.month, received.day, 9, 0, tzinfo=UTC),
        language="fr",
        identity=Identity(
            method=IdentificationMethod.TYPED,
            first_name="Zébulon",
            last_name="Zylberstein",
            birth_date=date(1985, 7, 30),
            national_number=NUMBER,
            asserted_first_name="Zébulon",
            asserted_last_name="Zylberstein-Asserted",
        ),
        contact=Contact(
            email="zebulon@example.org",
            phone="+32470123456",
            contact_name="Marie Aidante",
            contact_relation="voisine",
            contact_email="marie@example.org",
            contact_phone="+32470999999",
        ),
        routing=RoutingAnswers(in_institution=False, current_commune="92094"),
        needs=Needs(categories=["income", "housing"], text="Sans logement depuis mardi"),
        confirms_not_helped=True,
    )
    if acknowledged:
        sent = aid_request.submitted_at + timedelta(minutes=1)
        OutgoingEmail.objects.filter(aid_request=aid_request).update(state="sent", sent_at=sent)
    return aid_request


def decided(aid_request: AidRequest, user, on: date) -> AidRequest:
    aid_request_decide(aid_request=aid_request, user=user, outcome="granted", decided_on=on)
    return aid_request


def erased(aid_request: AidRequest) -> bool:
    return AidRequest.objects.get(pk=aid_request.pk).personal_data_erased_at is not None


# The periods: settings.RETENTION_DECIDED_DAYS = 120 after the decision's
# date (three months of appeal, art. 47 § 1 law of 26 May 2002 and art. 71 organic law,
# and a month more), RETENTION_UNDECIDED_DAYS = 365 after R otherwise.
@pytest.mark.parametrize(
    ("decided_days_ago", "erased_now"),
    [(119, False), (120, False), (121, True), (400, True)],
    ids=["119-days", "120-days", "121-days", "400-days"],
)
def test_a_decided_request_is_erased_120_days_after_its_decision(
    communes, worker, decided_days_ago, erased_now
):
    on = TODAY - timedelta(days=decided_days_ago)
    aid_request = decided(filed(on - timedelta(days=10)), worker, on)
    retention_apply(now=NOW)
    assert erased(aid_request) is erased_now


@pytest.mark.parametrize(
    ("received_days_ago", "erased_now"),
    [(364, False), (365, False), (366, True)],
    ids=["364-days", "365-days", "366-days"],
)
def test_a_request_never_decided_here_is_erased_365_days_after_its_reception(
    communes, received_days_ago, erased_now
):
    received = TODAY - timedelta(days=received_days_ago)
    while received.weekday() >= 5:  # R must be the day itself: a weekday, not a holiday
        received -= timedelta(days=1)
        received_days_ago += 1
    aid_request = filed(received)
    assert aid_request.reception_date == received
    retention_apply(now=NOW)
    assert erased(aid_request) is (received_days_ago > 365)


def test_erasure_keeps_the_statistics_and_the_register_line(communes, worker):
    aid_request = filed(date(2026, 11, 2))
    decided(aid_request, worker, date(2026, 11, 20))
    AccessLogEntry.objects.create(
        at=NOW - timedelta(days=10),
        user=worker,
        aid_request=aid_request,
        action=AccessAction.VIEW,
        ip_address="192.0.2.1",
    )
    before = AidRequest.objects.get(pk=aid_request.pk)
    events = list(RequestEvent.objects.filter(aid_request=aid_request).values_list("kind", "data"))

    retention_apply(now=NOW)

    after = AidRequest.objects.get(pk=aid_request.pk)
    for field in (
        *("first_name", "last_name", "asserted_first_name", "asserted_last_name"),
        *("email", "phone", "contact_name", "contact_relation"),
        *("contact_email", "contact_phone", "needs_text"),
        *("national_number_encrypted", "national_number_hash"),
    ):
        assert getattr(after, field) == "", field
    assert after.birth_date is None and after.routing_answers == {}
    assert (after.birth_month, after.birth_day) == (None, None)
    assert after.birth_year == 1985  # the year stays: ages are statistics
    assert after.national_number == ""
    kept = (
        *("reference", "submitted_at", "language", "identification_method", "routing_rule"),
        *("commune_id", "designated_cpas_id", "cpas_id", "needs", "reception_date"),
        "birth_year",
        *("competence_deadline", "decision_deadline", "state"),
    )
    assert {f: getattr(after, f) for f in kept} == {f: getattr(before, f) for f in kept}
    assert after.state == State.DECIDED and after.needs == ["income", "housing"]
    assert RegisterEntry.objects.get(aid_request=aid_request).number == 1
    assert (
        list(RequestEvent.objects.filter(aid_request=aid_request).values_list("kind", "data"))
        == events
    )
    assert AccessLogEntry.objects.filter(aid_request=aid_request).count() == 1
    assert not OutgoingEmail.objects.filter(aid_request=aid_request).exists()


def test_no_personal_value_is_left_in_the_raw_row(communes, worker):
    aid_request = decided(filed(date(2026, 11, 2)), worker, date(2026, 11, 20))
    retention_apply(now=NOW)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM intake_aidrequest WHERE id = %s", [aid_request.pk])
        row = " ".join(str(value) for value in cursor.fetchone())
    for value in (
        "Zébulon",
        "Zylberstein",
        "zebulon@",
        "470123456",
        "Marie",
        "Sans logement",
        "1985-07-30",
        "gAAAA",
    ):
        assert value not in row


def test_a_request_whose_acknowledgement_is_not_sent_keeps_its_data(communes, worker):
    # A very old request whose acknowledgement never left: the law's proof of filing is
    # still owed (art. 18 § 3 law of 26 May 2002): nothing of it is erased.
    for state in ("pending", "maybe_sent"):
        aid_request = decided(
            filed(date(2025, 3, 3), acknowledged=False), worker, date(2025, 3, 20)
        )
        OutgoingEmail.objects.filter(aid_request=aid_request, kind="acknowledgement").update(
            state=state
        )
        retention_apply(now=NOW)
        assert not erased(aid_request)
        assert AidRequest.objects.get(pk=aid_request.pk).last_name == "Zylberstein"
        assert OutgoingEmail.objects.filter(
            aid_request=aid_request, kind="acknowledgement"
        ).exists()


def test_the_outbox_rows_end_30_days_after_they_are_done(communes):
    aid_request = filed(TODAY - timedelta(days=40))
    rows = OutgoingEmail.objects.filter(aid_request=aid_request)
    ack = rows.get(kind="acknowledgement")
    alert = rows.get(kind="cpas_alert") if rows.filter(kind="cpas_alert").exists() else None
    cases = {
        "sent-31-days-ago": (NOW - timedelta(days=31), "sent", "acknowledgement", False),
        "sent-29-days-ago": (NOW - timedelta(days=29), "sent", "acknowledgement", True),
    }
    kept = {}
    for name, (sent_at, state, kind, stays) in cases.items():
        row = OutgoingEmail.objects.create(
            kind=kind,
            to="x@example.org",
            language="fr",
            cpas=ack.cpas,
            idempotency_key=name,
            state=state,
            sent_at=sent_at,
        )
        kept[name] = (row.pk, stays)
    old_failed_alert = OutgoingEmail.objects.create(
        kind="cpas_alert",
        to="cpas@example.org",
        language="fr",
        cpas=ack.cpas,
        idempotency_key="failed-alert",
        state="expired",
    )
    OutgoingEmail.objects.filter(pk=old_failed_alert.pk).update(created_at=NOW - timedelta(days=31))
    pending_ack = OutgoingEmail.objects.create(
        kind="acknowledgement",
        to="y@example.org",
        language="fr",
        cpas=ack.cpas,
        idempotency_key="pending-ack",
        state="pending",
    )
    OutgoingEmail.objects.filter(pk=pending_ack.pk).update(created_at=NOW - timedelta(days=400))
    retention_apply(now=NOW)
    for name, (pk, stays) in kept.items():
        assert OutgoingEmail.objects.filter(pk=pk).exists() is stays, name
    assert not OutgoingEmail.objects.filter(pk=old_failed_alert.pk).exists()
    assert OutgoingEmail.objects.filter(pk=pending_ack.pk).exists()  # never given up
    assert not OutgoingEmail.objects.filter(pk=ack.pk).exists()  # sent 40 days ago
    if alert:
        assert not OutgoingEmail.objects.filter(pk=alert.pk).exists()


def test_access_log_login_records_and_invitations_end_with_their_periods(communes, worker):
    aid_request = filed(date(2026, 11, 2))
    for days in (729, 731):
        AccessLogEntry.objects.create(
            at=NOW - timedelta(days=days),
            user=worker,
            aid_request=aid_request,
            action=AccessAction.VIEW,
            ip_address="192.0.2.1",
        )
    for days in (89, 91):
        for model in (AccessAttempt, AccessLog):
            row = model.objects.create(
                username="worker",
                ip_address="192.0.2.1",
                user_agent=f"x{days}",
                http_accept="x",
                path_info="/",
                **({"failures_since_start": 1} if model is AccessAttempt else {}),
            )
            model.objects.filter(pk=row.pk).update(attempt_time=NOW - timedelta(days=days))
    for days in (29, 31):
        StaffInvitation.objects.create(
            user=worker,
            created_at=NOW - timedelta(days=days + 3),
            expires_at=NOW - timedelta(days=days),
            salt=f"s{days}",
            token_hash=f"h{days}",
        )
    retention_apply(now=NOW)
    assert [e.at for e in AccessLogEntry.objects.all()] == [NOW - timedelta(days=729)]
    for model in (AccessAttempt, AccessLog):
        assert [r.attempt_time for r in model.objects.all()] == [NOW - timedelta(days=89)]
    assert [i.salt for i in StaffInvitation.objects.all()] == ["s29"]


def test_each_run_writes_the_retention_log(communes, worker):
    decided(filed(date(2026, 11, 2)), worker, date(2026, 11, 20))
    filed(date(2026, 3, 2))  # never decided here, 456 days ago
    filed(TODAY - timedelta(days=3))  # recent: kept
    lines = {line.kind: line for line in retention_apply(now=NOW)}
    assert set(lines) == {
        "decided",
        "undecided",
        "outbox",
        "access_log",
        "login_records",
        "invitations",
        "test_requests",
        "applicant_messages",
        "webhooks",
    }
    assert (lines["decided"].count, lines["undecided"].count) == (1, 1)
    assert lines["decided"].period_days == settings.RETENTION_DECIDED_DAYS
    assert lines["undecided"].cutoff == NOW - timedelta(days=365)
    assert all(line.finished_at is not None for line in lines.values())
    # Again: nothing left to erase, and the log says so.
    again = {line.kind: line.count for line in retention_apply(now=NOW)}
    assert (again["decided"], again["undecided"]) == (0, 0)
    assert RetentionRun.objects.count() == 18


def test_the_task_runs_every_night_from_beat(communes):
    entry = settings.CELERY_BEAT_SCHEDULE["cpasonline-apply-retention"]
    assert entry["task"] == "cpasonline.tasks.apply_retention"
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({3}, {15})
    filed(date(2020, 3, 2))
    assert apply_retention.run()["undecided"] == 1


def test_an_erased_request_is_found_by_no_name_and_no_number(communes, worker, client):
    aid_request = decided(filed(date(2026, 11, 2)), worker, date(2026, 11, 20))
    retention_apply(now=NOW)
    client.force_login(worker)
    for searched in (NUMBER, "Zylberstein"):
        location = client.post("/en/backoffice/", {"q": searched, "state": ""})["Location"]
        assert not list(client.get(location).context["page_obj"])
    html = client.get("/en/backoffice/", {"state": ""}).content.decode()
    assert aid_request.reference in html
    assert "Personal data erased" in html
