"""Transfers (art. 18 §4 of the law of 26 May 2002; art. 58 §3 of the organic law;
circular 5 and 9.1; docs/transfers.md): reasons, the written notice by R + 5, the
receiver's alert and register line, the sender's trace without personal data, and the
referral to SPP-IS when the receiver declines too."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse

from intake.constants import Channel
from intake.models import CompetenceDecision, ConflictReferral, RegisterEntry
from intake.services import (
    Contact,
    Identity,
    Needs,
    StepRefused,
    aid_request_enter,
    aid_request_refer_conflict,
    aid_request_transfer,
)
from notifications.emails import render_email
from notifications.models import OutgoingEmail
from routing.models import Cpas
from tests.factories import submit

from .conftest import LIEGE, post_confirmed

pytestmark = pytest.mark.django_db

# R = Monday 14 June 2027, R + 5 = Saturday 19 June 2027 (circular 9.1: calendar days).
R_INSTANT = datetime(2027, 6, 14, 8, 0, tzinfo=UTC)


def url(name, aid_request):
    return reverse(f"backoffice:{name}", kwargs={"reference": aid_request.reference})


def at(day: date):
    return time_machine.travel(datetime(day.year, day.month, day.day, 12, tzinfo=UTC), tick=False)


def liege():
    return Cpas.objects.get(code=LIEGE)


def transfer(aid_request, user, **kwargs):
    kwargs.setdefault("reasons", ["residence"])
    return aid_request_transfer(aid_request=aid_request, user=user, to_cpas=liege(), **kwargs)


# The platform sends the notice: its date is the day of the transfer.
@pytest.mark.parametrize(
    ("transfer_day", "timing"),
    [
        pytest.param(date(2027, 6, 14), "on_time", id="on-R"),
        pytest.param(date(2027, 6, 19), "on_time", id="on-R+5-a-saturday"),  # no extension
        pytest.param(date(2027, 6, 20), "late", id="R+6"),
        pytest.param(date(2027, 6, 25), "late", id="25-june"),  # the example
    ],
)
def test_notice_by_email_dated_the_day_of_the_transfer(namur_staff, transfer_day, timing):
    aid_request = submit(submitted_at=R_INSTANT)
    with at(transfer_day):
        decision = transfer(aid_request, namur_staff)
    assert (decision.notified_on, decision.notice_by_email) == (transfer_day, True)
    assert decision.notice_timing == timing


# No email address (a request entered at the desk): the CPAS sends the notice and types
# its date, which is checked against R and R + 5.
@pytest.mark.parametrize(
    ("notice", "outcome"),
    [
        pytest.param(date(2027, 6, 13), "refused", id="before-R"),
        pytest.param(date(2027, 6, 14), "on_time", id="on-R"),
        pytest.param(date(2027, 6, 19), "on_time", id="R+5"),
        pytest.param(date(2027, 6, 25), "late", id="25-june"),
        pytest.param(date(2027, 6, 27), "refused", id="in-the-future"),
    ],
)
def test_typed_notice_dates(namur_staff, notice, outcome):
    with at(date(2027, 6, 14)):
        aid_request = aid_request_enter(
            user=namur_staff,
            channel=Channel.DESK,
            received_on=date(2027, 6, 14),
            language="fr",
            identity=Identity(
                method="none", first_name="A", last_name="B", birth_date=date(1970, 1, 1)
            ),
            contact=Contact(email=""),
            needs=Needs(),
        )
    with at(date(2027, 6, 26)):
        if outcome == "refused":
            with pytest.raises(StepRefused):
                transfer(aid_request, namur_staff, notified_on=notice)
            assert not CompetenceDecision.objects.exists()
            return
        decision = transfer(aid_request, namur_staff, notified_on=notice)
    assert (decision.notified_on, decision.notice_timing, decision.notice_by_email) == (
        notice,
        outcome,
        False,
    )
    assert not OutgoingEmail.objects.filter(kind="transfer_notice").exists()


def test_reasons_are_required(namur_staff):
    aid_request = submit()
    with pytest.raises(StepRefused):
        transfer(aid_request, namur_staff, reasons=[])
    with pytest.raises(StepRefused):
        transfer(aid_request, namur_staff, reasons=["other"], reasons_text=" ")


def test_the_notice_and_the_alert(namur_staff, cpas_emails):
    cpas_emails(LIEGE)
    aid_request = submit(language="nl", submitted_at=R_INSTANT, first_name="Zébulon")
    with at(date(2027, 6, 16)):
        transfer(
            aid_request,
            namur_staff,
            reasons=["residence", "other"],
            reasons_text="Vous vivez à Liège.",
        )
    notice = OutgoingEmail.objects.get(kind="transfer_notice")
    assert (notice.to, notice.language, notice.cpas.code) == ("applicant@example.org", "nl", LIEGE)
    rendered = render_email(notice)
    assert liege().name_nl in rendered.subject or liege().name in rendered.subject
    assert "Vous vivez à Liège." in rendered.text
    assert "social-62063@cpas.example" in rendered.text  # the receiver's contact data
    assert "OCMW Online" in rendered.text and "CPAS Online" not in rendered.text  # nl
    alert = OutgoingEmail.objects.get(kind="cpas_alert", cpas__code=LIEGE)
    alert_text = render_email(alert).text
    assert "Zébulon" not in alert_text and aid_request.reference not in alert_text


def test_the_transfer_goes_through_a_commune_search_and_a_confirmation(
    client, namur_staff, liege_staff
):
    aid_request = submit()
    client.force_login(namur_staff)
    data = {"competent": "no", "commune": "Liège", "reasons": ["residence"]}
    first = client.post(url("competence", aid_request), data)
    html = first.content.decode()
    assert f"You are about to transfer request {aid_request.reference} to {liege().name}." in html
    assert "This cannot be undone" in html
    assert "Yes, transfer the request" in html
    assert not CompetenceDecision.objects.exists()
    response = post_confirmed(client, url("competence", aid_request), data)
    assert response["Location"] == url("trace", aid_request)
    aid_request.refresh_from_db()
    assert (aid_request.cpas, aid_request.state, aid_request.reception_date) == (
        liege(),
        "new",
        date(2026, 11, 20),
    )
    # The receiver: its register, with the sender's R, not late; the request as new.
    line = RegisterEntry.objects.get(cpas=liege())
    assert (line.number, line.reception_date, line.late, line.transferred_from.code) == (
        1,
        date(2026, 11, 20),
        False,
        "92094",
    )
    client.force_login(liege_staff)
    html = client.get(url("detail", aid_request)).content.decode()
    assert "20/11/2026" in html and "25/11/2026" in html  # R and R + 5 kept
    assert "Alex Martin" in html


def test_several_communes_match_then_a_list_to_choose_from(namur_client):
    aid_request = submit()
    response = namur_client.post(
        url("competence", aid_request),
        {"competent": "no", "commune": "Saint", "reasons": ["residence"]},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Several communes match. Which one do you mean?" in html
    assert "Choose the commune in the list." in html
    assert 'name="commune_pick"' in html
    assert html.count("<option") < 50  # not the 565-option select


SECRETS = ("Alex", "Martin", "85.07.30", "85073003328", "applicant@example.org", "30/07/1985")


def test_the_sender_keeps_a_trace_without_personal_data(client, namur_staff):
    aid_request = submit()
    transfer(aid_request, namur_staff, reasons=["student"])
    client.force_login(namur_staff)
    assert client.get(url("detail", aid_request))["Location"] == url("trace", aid_request)
    trace = client.get(url("trace", aid_request)).content.decode()
    assert aid_request.reference in trace and "20/11/2026" in trace and liege().name in trace
    assert "full-time student" in trace  # the reasons
    pages = [
        client.get(url("trace", aid_request)),
        client.get(reverse("backoffice:inbox"), {"state": ""}),
        client.get(reverse("backoffice:inbox"), {"state": "transferred"}),
        client.post(reverse("backoffice:export"), {"state": ""}),
        client.get(reverse("backoffice:register")),
        client.get(reverse("backoffice:register_export")),
        client.get(reverse("backoffice:transfers")),
    ]
    for response in pages:
        body = response.content.decode("utf-8-sig")
        assert response.status_code == 200
        for secret in SECRETS:
            assert secret not in body, (response.request["PATH_INFO"], secret)
    # Searching a transferred request by name or number finds nothing; by reference, it.
    for query, found in (("Martin", False), ("85073003328", False), (aid_request.reference, True)):
        inbox = client.post(reverse("backoffice:inbox"), {"state": "", "q": query}, follow=True)
        assert (aid_request.reference in inbox.content.decode()) is found, query
    for name in ("competence", "decision", "correct_decision", "correct_reception", "match"):
        assert client.post(url(name, aid_request), {"confirm": "yes"}).status_code == 404


def test_the_receiver_declining_too_refers_to_sppis(client, namur_staff, liege_staff, sppis_admin):
    aid_request = submit(submitted_at=R_INSTANT)
    with at(date(2027, 6, 15)):  # a Tuesday: five working days → Tuesday 22 June
        transfer(aid_request, namur_staff)
    with pytest.raises(StepRefused):  # docs/transfers.md rule 6: not to a third CPAS
        aid_request_transfer(
            aid_request=aid_request,
            user=liege_staff,
            to_cpas=Cpas.objects.get(code="21004"),
            reasons=["residence"],
        )
    client.force_login(liege_staff)
    html = client.get(url("detail", aid_request)).content.decode()
    assert "No: refer the request to SPP-IS (competence conflict)" in html
    with at(date(2027, 6, 23)):
        client.force_login(liege_staff)  # the idle timeout counts the travelled time
        response = post_confirmed(
            client,
            url("competence", aid_request),
            {"competent": "refer", "reasons": ["no_residence"]},
        )
    assert response.status_code == 302
    referral = ConflictReferral.objects.get()
    assert (referral.cpas, referral.received_on, referral.deadline, referral.late) == (
        liege(),
        date(2027, 6, 15),
        date(2027, 6, 22),
        True,
    )
    assert aid_request.events.filter(kind="referred").count() == 1
    assert client.get(reverse("backoffice:conflicts")).status_code == 403
    client.force_login(sppis_admin)
    page = client.get(reverse("backoffice:conflicts")).content.decode()
    assert aid_request.reference in page and "late" in page


def test_the_first_cpas_cannot_refer(namur_staff):
    aid_request = submit()
    with pytest.raises(StepRefused):
        aid_request_refer_conflict(aid_request=aid_request, user=namur_staff, reasons=["residence"])
