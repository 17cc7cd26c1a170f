"""What /health/ says of the outbox, per channel (docs/notifications.md, "What operators
see"): the emails, the messages to the applicant, the webhook deliveries.

The alerting figures, those that make the status "degraded", count real requests only:
an acknowledgement or a message to the applicant late, a row of theirs held as "maybe
sent" or stuck. The sandbox's test rows (``is_test``) are shown apart, so that a CPAS
rehearsing with a test link never pages an operator. Webhooks inform only: a receiver
that is down is the CPAS's software's, and its managers' page lists its dead letters.
"""

from datetime import datetime

from contact.models import ApplicantMessage
from integration.models import WebhookDelivery
from notifications.models import OutgoingEmail
from notifications.selectors import late_acknowledgements_health, outbox_rows_health

# channel → its rows, and whether its rows belong to a request that may be a test one
CHANNELS = {
    "email": (OutgoingEmail, True),
    "applicant_message": (ApplicantMessage, True),
    "webhook": (WebhookDelivery, False),
}


def _channel(model, *, with_tests: bool, now: datetime) -> dict:
    rows = model.objects.all()
    if not with_tests:
        return outbox_rows_health(rows, now=now)
    figures = outbox_rows_health(rows.exclude(aid_request__is_test=True), now=now)
    figures["test"] = outbox_rows_health(rows.filter(aid_request__is_test=True), now=now)
    return figures


def outbox_health(*, now: datetime) -> dict:
    """The outbox's part of /health/: the alerting figures (real requests only), the same
    for the sandbox's test rows apart, and every channel's own figures."""
    channels = {
        name: _channel(model, with_tests=with_tests, now=now)
        for name, (model, with_tests) in CHANNELS.items()
    }
    email, message = channels["email"], channels["applicant_message"]
    real = late_acknowledgements_health(now=now, test=False)
    test = late_acknowledgements_health(now=now, test=True)

    def troubled(figures: dict) -> int:
        return figures["maybe_sent"] + figures["stuck"]

    return {
        "late_acknowledgements": real["count"],
        "oldest_late_acknowledgement_minutes": real["oldest_minutes"],
        "late_applicant_messages": message["late"],
        "maybe_sent": troubled(email) + troubled(message),
        "expired_last_24_hours": email["expired_last_24_hours"],
        "test": {
            "late_acknowledgements": test["count"],
            "late_applicant_messages": message["test"]["late"],
            "maybe_sent": troubled(email["test"]) + troubled(message["test"]),
        },
        "channels": channels,
    }


def outbox_troubled(outbox: dict) -> bool:
    """Whether the outbox's figures make /health/ "degraded" (real requests only)."""
    return bool(
        outbox["late_acknowledgements"] or outbox["late_applicant_messages"] or outbox["maybe_sent"]
    )
