"""The applicant's page, the appointment and its answers, end to end on PostgreSQL
(docs/first-contact.md; circular of 28 May 2025, point 9.3)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from contact.constants import AppointmentState
from contact.links import token_hash
from contact.models import ApplicantMessage, Appointment, ContactLink
from contact.services import appointment_propose, appointments_no_reaction_mark
from intake.constants import EventKind
from notifications.models import OutgoingEmail
from notifications.outbox import outgoing_email_deliver
from tests.factories import submit

from .conftest import deliver_all, link_in

pytestmark = pytest.mark.django_db


def acknowledged(language="fr"):
    aid_request = submit(language=language, submitted_at=timezone.now())
    ack = OutgoingEmail.objects.get(aid_request=aid_request, kind="acknowledgement")
    outgoing_email_deliver(pk=ack.pk, now=timezone.now() + timedelta(seconds=1))
    return aid_request, link_in(mail.outbox[-1].body)


def propose(aid_request, worker, *, in_days=3, **extra):
    return appointment_propose(
        aid_request=aid_request,
        user=worker,
        starts_at=timezone.now() + timedelta(days=in_days),
        mode="at_cpas",
        place="Rue de l'Aide 1",
        **extra,
    )


def events(aid_request, kind):
    return aid_request.events.filter(kind=kind).count()


def test_the_acknowledgement_carries_a_link_whose_token_is_not_stored(client):
    aid_request, url = acknowledged("nl")
    token = url.rstrip("/").rsplit("/", 1)[-1]
    assert "/nl/follow/" in url and aid_request.reference not in url
    link = ContactLink.objects.get(aid_request=aid_request)
    assert link.token_hash == token_hash(token) and token not in (link.salt, link.token_hash)
    response = client.get(url)
    assert response.status_code == 302 and token not in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert aid_request.reference in page and "Uw aanvraag" in page
    assert aid_request.first_name not in page and aid_request.email not in page


@pytest.mark.parametrize(
    ("change", "status", "words"),
    [
        pytest.param({"expires_at": timezone.now()}, 410, "has expired", id="expired"),
        pytest.param({"revoked_at": timezone.now()}, 410, "was revoked", id="revoked"),
    ],
)
def test_a_dead_link_says_why_in_the_person_s_language(client, change, status, words):
    aid_request, url = acknowledged("en")
    ContactLink.objects.filter(aid_request=aid_request).update(**change)
    response = client.get(url)
    assert response.status_code == status
    assert words in response.content.decode()
    assert aid_request.reference not in response.content.decode()


def test_an_unknown_token_and_the_rate_limit(client, settings):
    settings.CONTACT_LINK_RATE = "3/h"
    assert client.get("/fr/follow/" + "x" * 43 + "/").status_code == 404
    assert "Ce lien" in client.get("/fr/follow/" + "y" * 43 + "/").content.decode()
    client.get("/fr/follow/z/")
    assert client.get("/fr/follow/" + "w" * 43 + "/").status_code == 429


def test_propose_confirm_once_and_no_reply_after_the_meeting(client, worker):
    aid_request, url = acknowledged("de")
    client.get(url)
    appointment = propose(aid_request, worker)
    deliver_all()
    message = mail.outbox[-1]
    assert "Termin" in message.subject or aid_request.reference in message.subject
    assert "/de/follow/" in message.body
    assert events(aid_request, EventKind.CONTACT_PROPOSED) == 1
    data = {"appointment": appointment.pk, "answer": "confirmed"}
    assert client.post("/de/follow/answer/", data).status_code == 302
    assert client.post("/de/follow/answer/", data).status_code == 302  # replayed
    assert events(aid_request, EventKind.CONTACT_CONFIRMED) == 1
    page = client.get("/de/follow/").content.decode()
    assert "bereits" in page  # "already recorded", in German

    Appointment.objects.filter(pk=appointment.pk).update(
        starts_at=timezone.now() - timedelta(hours=1)
    )
    client.post("/de/follow/answer/", {**data, "answer": "other_time"})
    assert Appointment.objects.get(pk=appointment.pk).state == AppointmentState.CONFIRMED


def test_a_forged_answer_records_nothing(client, worker):
    _mine, url = acknowledged("fr")
    other, _url = acknowledged("fr")
    theirs = propose(other, worker)
    client.get(url)
    response = client.post("/fr/follow/answer/", {"appointment": theirs.pk, "answer": "confirmed"})
    assert response.status_code == 400 and other.reference not in response.content.decode()
    bad = client.post("/fr/follow/answer/", {"appointment": "x", "answer": "delete"})
    assert bad.status_code == 400
    assert Appointment.objects.get(pk=theirs.pk).state == AppointmentState.PROPOSED
    no_csrf = type(client)(enforce_csrf_checks=True)
    no_csrf.get(url)
    assert no_csrf.post("/fr/follow/answer/", {"appointment": theirs.pk}).status_code == 403


def test_another_time_with_a_new_phone_then_no_reaction_to_the_second(client, worker, settings):
    aid_request, url = acknowledged("fr")
    client.get(url)
    first = propose(aid_request, worker)
    bad = client.post(
        "/fr/follow/answer/",
        {"appointment": first.pk, "answer": "other_time", "new_phone": "abc"},
    )
    assert bad.status_code == 400
    client.post(
        "/fr/follow/answer/",
        {
            "appointment": first.pk,
            "answer": "other_time",
            "new_phone": "0470 12 34 56",
            "wish": "le matin",
        },
    )
    first.refresh_from_db()
    assert (first.state, first.new_phone) == (AppointmentState.OTHER_TIME, "+32470123456")
    second = propose(aid_request, worker, in_days=20)
    assert second.attempt == 2
    later = timezone.now() + timedelta(days=settings.CONTACT_NO_REACTION_DAYS)
    assert appointments_no_reaction_mark(now=later) == 1
    assert appointments_no_reaction_mark(now=later) == 0  # once
    assert events(aid_request, EventKind.CONTACT_NO_REACTION) == 1
    second.refresh_from_db()
    assert second.state == AppointmentState.NO_REACTION


def test_smtp_down_keeps_the_message_and_sends_it_later(settings, worker):
    aid_request, _url = acknowledged("fr")
    propose(aid_request, worker)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 1
    deliver_all()
    row = ApplicantMessage.objects.get(aid_request=aid_request)
    assert (row.state, row.attempts) == ("pending", 1)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    ApplicantMessage.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    deliver_all()
    assert ApplicantMessage.objects.get(pk=row.pk).state == "sent"


def test_the_retention_task_erases_what_the_applicant_wrote(client, worker, settings):
    from cpasonline.retention import retention_apply

    aid_request, url = acknowledged("fr")
    appointment = propose(aid_request, worker)
    deliver_all()
    client.get(url)
    client.post(
        "/fr/follow/answer/",
        {"appointment": appointment.pk, "answer": "other_time", "new_phone": "0470123456"},
    )
    settings.RETENTION_UNDECIDED_DAYS = 0
    retention_apply(now=timezone.now() + timedelta(days=1))
    appointment.refresh_from_db()
    assert (appointment.new_phone, appointment.place) == ("", "")
    assert not ContactLink.objects.filter(aid_request=aid_request).exists()
    assert not ApplicantMessage.objects.filter(aid_request=aid_request).exists()
    assert client.get(url).status_code == 404
