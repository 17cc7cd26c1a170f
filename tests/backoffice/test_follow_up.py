"""Follow-up: competence (competent, or transfer), decision on the merits, history."""

from datetime import date

import pytest
from django.urls import reverse

from intake.models import CompetenceDecision, MeritsDecision, RequestEvent
from intake.services import StepRefused, aid_request_register, aid_request_transfer
from routing.models import Cpas
from tests.factories import submit

from .conftest import LIEGE

pytestmark = pytest.mark.django_db


def url(name, aid_request):
    return reverse(f"backoffice:{name}", kwargs={"reference": aid_request.reference})


def test_declare_competent(namur_client):
    aid_request = submit()
    response = namur_client.post(url("competence", aid_request), {"competent": "yes"}, follow=True)
    html = response.content.decode()
    assert "Recorded: your CPAS is competent." in html
    assert "Declared competent by namur" in html
    assert CompetenceDecision.objects.get().competent is True
    assert "Record the competence decision" not in html  # once


def test_transfer_keeps_the_reception_date_and_moves_the_request(client, namur_staff, liege_staff):
    aid_request = submit()
    liege = Cpas.objects.get(code=LIEGE)
    client.force_login(namur_staff)
    response = client.post(
        url("competence", aid_request),
        {"competent": "no", "transferred_to": liege.pk, "notified_on": "2026-11-23"},
    )
    assert response.status_code == 302
    aid_request.refresh_from_db()
    assert (aid_request.cpas, aid_request.state) == (liege, "new")
    assert aid_request.reception_date == date(2026, 11, 20)

    # The sender still sees it, read-only, and can no longer act.
    html = client.get(url("detail", aid_request)).content.decode()
    assert "This request was transferred to" in html
    assert "Record the decision" not in html
    assert client.post(url("register", aid_request)).status_code == 404
    inbox = client.get(reverse("backoffice:inbox"), {"state": "transferred"})
    assert [r.reference for r in inbox.context["page_obj"]] == [aid_request.reference]

    # The receiver sees it as new, with its original dates, and can act.
    client.force_login(liege_staff)
    inbox = client.get(reverse("backoffice:inbox"))
    assert [r.reference for r in inbox.context["page_obj"]] == [aid_request.reference]
    html = client.get(url("detail", aid_request)).content.decode()
    assert "20/11/2026" in html
    assert "Transferred to" in html and "applicant notified on 2026-11-23" in html
    entry = aid_request_register(aid_request=aid_request, user=liege_staff)
    assert (entry.cpas, entry.number, entry.reception_date) == (liege, 1, date(2026, 11, 20))


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        pytest.param({}, ["This field is required."], id="nothing-chosen"),
        pytest.param(
            {"competent": "no"},
            ["Choose the CPAS to transfer to.", "Enter the date the applicant was notified."],
            id="transfer-without-cpas-or-date",
        ),
    ],
)
def test_competence_form_errors_in_a_summary(namur_client, data, errors):
    aid_request = submit()
    response = namur_client.post(url("competence", aid_request), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    for error in errors:
        assert error in html
    assert 'href="#id_competent_0"' in html or "competent" in data  # the first radio
    assert not CompetenceDecision.objects.exists()


def test_cannot_transfer_to_itself(namur_staff):
    aid_request = submit()
    with pytest.raises(StepRefused):
        aid_request_transfer(
            aid_request=aid_request,
            user=namur_staff,
            to_cpas=aid_request.cpas,
            notified_on=date(2026, 11, 23),
        )


def test_decision_on_the_merits(namur_client):
    aid_request = submit()
    response = namur_client.post(
        url("decision", aid_request), {"outcome": "granted", "decided_on": "2026-12-01"}
    )
    assert response.status_code == 302
    aid_request.refresh_from_db()
    assert aid_request.state == "decided"
    decision = MeritsDecision.objects.get()
    assert (decision.outcome, decision.decided_on) == ("granted", date(2026, 12, 1))
    again = namur_client.post(
        url("decision", aid_request), {"outcome": "refused", "decided_on": "2026-12-02"}
    )
    assert again.status_code == 302
    assert MeritsDecision.objects.get().outcome == "granted"
    kinds = list(RequestEvent.objects.values_list("kind", flat=True))
    assert kinds == ["submitted", "decided"]


def test_decision_needs_a_date(namur_client):
    aid_request = submit()
    response = namur_client.post(url("decision", aid_request), {"outcome": "granted"})
    assert response.status_code == 400
    assert 'href="#id_decided_on"' in response.content.decode()


def test_actions_need_csrf(client, namur_staff):
    from django.test import Client

    aid_request = submit()
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(namur_staff)
    assert strict.post(url("register", aid_request)).status_code == 403
