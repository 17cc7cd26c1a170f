"""The first contact's share of the retention (docs/data-protection.md,
docs/first-contact.md): its messages to the applicant once done, and its part of a
request's erasure and of a test request's purge, run by the retention task with the
request's own."""

from datetime import datetime

from notifications.retention import outbox_rows_purge

from .models import ApplicantMessage, Appointment, ContactLink


def applicant_messages_purge(*, before: datetime) -> int:
    """Delete the messages to the applicant done with before ``before`` (sent, given up,
    held as "maybe sent"), like every outbox row; never one not yet sent."""
    return outbox_rows_purge(ApplicantMessage, before=before)


def contact_data_of_requests_erase(*, aid_request_pks: list[int]) -> int:
    """What the applicant or the social worker wrote (a new phone number, the times that
    suit, the place, the free text) is blanked; the links and the messages are deleted.
    The attempts, their dates and answers stay, like the request's history."""
    Appointment.objects.filter(aid_request__in=aid_request_pks).update(
        new_phone="", wish="", place="", documents_text=""
    )
    ContactLink.objects.filter(aid_request__in=aid_request_pks).delete()
    deleted, _by_model = ApplicantMessage.objects.filter(aid_request__in=aid_request_pks).delete()
    return deleted


def contact_data_of_test_requests_delete(*, aid_request_pks: list[int]) -> int:
    """Delete the messages of these test requests, sent or not: a test request is purged
    whole (docs/sandbox.md), and its messages would keep it from being deleted."""
    deleted, _by_model = ApplicantMessage.objects.filter(aid_request__in=aid_request_pks).delete()
    return deleted
