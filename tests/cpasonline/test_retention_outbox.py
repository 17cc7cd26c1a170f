"""The outbox's rows of every channel end RETENTION_OUTBOX_DAYS after they are done
(docs/data-protection.md, "Retention"): the emails, the messages to the applicant and the
webhook deliveries, each with its line in the retention log; a row not yet sent is never
deleted, nor an acknowledgement that has not left (art. 18 § 3 law of 26 May 2002)."""

from datetime import UTC, datetime, timedelta

import pytest

from contact.models import ApplicantMessage
from cpasonline.retention import retention_apply
from integration.models import WebhookDelivery
from integration.webhooks import webhook_endpoint_create
from notifications.models import OutgoingEmail
from routing.models import Cpas
from tests.factories import submit

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 6, 1, 2, 0, tzinfo=UTC)
NAMUR = "92094"


def days_ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


@pytest.fixture
def aid_request(communes):
    # Old enough for nothing of its own to be erased: only the outbox's rule applies.
    request = submit(submitted_at=NOW - timedelta(days=2))
    OutgoingEmail.objects.filter(aid_request=request).update(state="sent", sent_at=NOW)
    return request


@pytest.fixture
def make(aid_request):
    endpoint, _secret = webhook_endpoint_create(
        cpas=Cpas.objects.get(code=NAMUR), url="https://cpas.example.org/hook", user=None
    )
    counter = iter(range(1, 1000))

    def email(**fields):
        return OutgoingEmail.objects.create(
            kind=fields.pop("kind", "cpas_alert"),
            to="cpas@example.org",
            language="fr",
            cpas=aid_request.cpas,
            aid_request=aid_request,
            idempotency_key=f"e{next(counter)}",
            **fields,
        )

    def message(**fields):
        return ApplicantMessage.objects.create(
            kind="appointment",
            medium="email",
            to="applicant@example.org",
            language="fr",
            aid_request=aid_request,
            idempotency_key=f"m{next(counter)}",
            **fields,
        )

    def webhook(**fields):
        seq = next(counter)
        return WebhookDelivery.objects.create(
            endpoint=endpoint, first_seq=seq, last_seq=seq, **fields
        )

    return {"email": email, "message": message, "webhook": webhook}


CHANNELS = ["email", "message", "webhook"]

# (state, the row's instants, kept after tonight's run)
CASES = [
    pytest.param("sent", {"sent_at": days_ago(31)}, False, id="sent-31-days-ago"),
    pytest.param("sent", {"sent_at": days_ago(29)}, True, id="sent-29-days-ago"),
    pytest.param("pending", {"created_at": days_ago(400)}, True, id="pending-for-400-days"),
    pytest.param(
        "sending",
        {"created_at": days_ago(400), "claimed_at": days_ago(400)},
        True,
        id="sending-for-400-days",
    ),
    pytest.param(
        "expired",
        {"created_at": days_ago(35), "expires_at": days_ago(31)},
        False,
        id="given-up-31-days-ago",
    ),
    pytest.param(
        "expired",
        {"created_at": days_ago(60), "expires_at": days_ago(29)},
        True,
        # A dead letter sent again (a fresh lifetime) and given up again: the period
        # runs from the last time it was given up, not from when it was written.
        id="given-up-again-29-days-ago",
    ),
    pytest.param(
        "expired", {"created_at": days_ago(31)}, False, id="given-up-no-lifetime-written-31-ago"
    ),
    pytest.param(
        "maybe_sent",
        {"created_at": days_ago(40), "maybe_sent_at": days_ago(31)},
        False,
        id="held-maybe-sent-31-days-ago",
    ),
    pytest.param(
        "maybe_sent",
        {"created_at": days_ago(40), "maybe_sent_at": days_ago(29)},
        True,
        id="held-maybe-sent-29-days-ago",
    ),
]


@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize(("state", "instants", "kept"), CASES)
def test_every_channel_s_rows_end_30_days_after_they_are_done(
    make, settings, channel, state, instants, kept
):
    assert settings.RETENTION_OUTBOX_DAYS == 30
    row = make[channel](state=state, **instants)
    retention_apply(now=NOW)
    assert type(row).objects.filter(pk=row.pk).exists() is kept


@pytest.mark.parametrize("state", ["pending", "sending", "maybe_sent", "expired"])
def test_an_acknowledgement_not_sent_is_never_deleted(make, state):
    # The applicant's proof of filing is owed whatever its age (art. 18 § 3 law of
    # 26 May 2002): an acknowledgement is never given up, so only "sent" ends it.
    row = make["email"](
        kind="acknowledgement",
        state=state,
        created_at=days_ago(400),
        expires_at=days_ago(399),
        maybe_sent_at=days_ago(399),
    )
    retention_apply(now=NOW)
    assert OutgoingEmail.objects.filter(pk=row.pk).exists()


def test_each_channel_has_its_line_in_the_retention_log(make, settings):
    for channel in CHANNELS:
        make[channel](state="sent", sent_at=days_ago(31))
        make[channel](state="expired", created_at=days_ago(40), expires_at=days_ago(35))
        make[channel](state="pending", created_at=days_ago(400))
    lines = {line.kind: line for line in retention_apply(now=NOW)}
    for kind in ("outbox", "applicant_messages", "webhooks"):
        line = lines[kind]
        assert (line.count, line.period_days) == (2, settings.RETENTION_OUTBOX_DAYS), kind
        assert line.cutoff == NOW - timedelta(days=30)
        assert line.finished_at is not None
    assert lines["applicant_messages"].get_kind_display() == "Messages to the applicant (deleted)"
    assert lines["webhooks"].get_kind_display() == "Webhook deliveries (deleted)"
    for model in (OutgoingEmail, ApplicantMessage, WebhookDelivery):
        assert model.objects.filter(state="pending").count() == 1


def test_a_sandbox_test_request_with_a_message_to_the_applicant_is_purged_whole(communes, settings):
    # docs/sandbox.md: a test request goes whole after SANDBOX_RETENTION_DAYS, with its
    # messages to the applicant, sent or not (they protect the request from deletion).
    from tests.sandbox.conftest import open_sandbox

    test = submit(submitted_at=NOW - timedelta(days=8), sandbox_token=open_sandbox(NAMUR))
    for state in ("sent", "pending"):
        ApplicantMessage.objects.create(
            kind="appointment",
            medium="email",
            to="applicant@example.org",
            language="fr",
            aid_request=test,
            idempotency_key=f"test-{state}",
            state=state,
        )
    lines = {line.kind: line for line in retention_apply(now=NOW)}
    assert lines["test_requests"].count == 1
    assert not ApplicantMessage.objects.filter(aid_request_id=test.pk).exists()
