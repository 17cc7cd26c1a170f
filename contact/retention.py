"""The first contact's share of a request's erasure (docs/data-protection.md,
docs/first-contact.md): run by the retention task with the request's own."""

from .models import ApplicantMessage, Appointment, ContactLink


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
