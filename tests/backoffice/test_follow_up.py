"""Follow-up: competence, decision on the merits, their confirmation pages, the history."""

from datetime import date

import pytest
from django.urls import reverse

from intake.models import CompetenceDecision, MeritsDecision, RequestEvent
from tests.factories import submit

from .conftest import post_confirmed

pytestmark = pytest.mark.django_db


def url(name, aid_request):
    return reverse(f"backoffice:{name}", kwargs={"reference": aid_request.reference})


def test_declare_competent_after_confirmation(namur_client):
    aid_request = submit()
    first = namur_client.post(url("competence", aid_request), {"competent": "yes"})
    assert "You are about to record that your CPAS is territorially competent" in (
        first.content.decode()
    )
    assert not CompetenceDecision.objects.exists()  # nothing before the confirmation
    response = namur_client.post(
        url("competence", aid_request), {"competent": "yes", "confirm": "yes"}, follow=True
    )
    html = response.content.decode()
    assert "Recorded: your CPAS is competent." in html
    assert "Declared competent by namur" in html
    assert CompetenceDecision.objects.get().competent is True
    assert "Record the competence decision" not in html  # once


def test_change_on_the_confirmation_page_goes_back_to_the_filled_form(namur_client):
    aid_request = submit()
    response = namur_client.post(
        url("decision", aid_request),
        {"outcome": "refused", "decided_on": "2026-12-01", "change": "yes"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="2026-12-01"' in html  # the answers are kept
    assert "checked" in html
    assert not MeritsDecision.objects.exists()


# Issue 15, item 12: every back-office form says what is wrong.
@pytest.mark.parametrize(
    ("name", "data", "errors"),
    [
        pytest.param("competence", {}, ["Choose whether your CPAS is competent."], id="nothing"),
        pytest.param(
            "competence",
            {"competent": "no"},
            [
                "Type the commune of the CPAS you transfer to.",
                "Choose at least one reason, or explain it below.",
            ],
            id="transfer-without-commune-or-reason",
        ),
        pytest.param(
            "competence",
            {"competent": "no", "commune": "Namur", "reasons": ["residence"]},
            ["That commune is served by your own CPAS: choose another."],
            id="transfer-to-itself",
        ),
        pytest.param(
            "competence",
            {"competent": "no", "commune": "Zzyzx", "reasons": ["residence"]},
            ["No Belgian commune matches “Zzyzx”."],
            id="unknown-commune",
        ),
        pytest.param(
            "competence",
            {"competent": "no", "commune": "Liège", "reasons": ["other"]},
            ["Explain the other reason in your own words."],
            id="other-reason-unexplained",
        ),
        pytest.param(
            "decision",
            {},
            ["Choose the decision.", "Type the date of the decision."],
            id="decision-empty",
        ),
        pytest.param(
            "decision",
            {"outcome": "granted", "decided_on": "2026-11-19"},
            ["The date of the decision cannot be before the reception date."],
            id="decision-before-R",
        ),
    ],
)
def test_form_errors_say_what_is_wrong(namur_client, name, data, errors):
    aid_request = submit()
    response = namur_client.post(url(name, aid_request), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "This field is required." not in html
    for error in errors:
        assert error in html
    assert not CompetenceDecision.objects.exists()
    assert not MeritsDecision.objects.exists()


def test_decision_on_the_merits(namur_client):
    aid_request = submit()
    response = post_confirmed(
        namur_client,
        url("decision", aid_request),
        {"outcome": "granted", "decided_on": "2026-12-01"},
    )
    assert response.status_code == 302
    aid_request.refresh_from_db()
    assert aid_request.state == "decided"
    decision = MeritsDecision.objects.get()
    assert (decision.outcome, decision.decided_on) == ("granted", date(2026, 12, 1))
    again = namur_client.post(
        url("decision", aid_request),
        {"outcome": "refused", "decided_on": "2026-12-02", "confirm": "yes"},
    )
    assert again.status_code == 302
    assert MeritsDecision.objects.get().outcome == "granted"
    kinds = list(RequestEvent.objects.values_list("kind", flat=True))
    assert kinds == ["submitted", "registered", "decided"]


def test_actions_need_csrf(client, namur_staff):
    from django.test import Client

    aid_request = submit()
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(namur_staff)
    assert strict.post(url("decision", aid_request), {"confirm": "yes"}).status_code == 403


@pytest.mark.parametrize(
    ("data", "state", "current"),
    [
        pytest.param(
            {
                "action": "correct",
                "outcome": "refused",
                "decided_on": "2026-12-02",
                "reason": "Wrong box",
            },
            "decided",
            ("refused", date(2026, 12, 2)),
            id="correct",
        ),
        pytest.param(
            {"action": "withdraw", "reason": "Recorded on the wrong request"},
            "read",
            None,
            id="withdraw",
        ),
    ],
)
def test_a_decision_is_corrected_with_a_reason_the_history_keeps(
    namur_client, namur_staff, data, state, current
):
    from intake.services import aid_request_decide

    aid_request = submit()
    namur_client.get(url("detail", aid_request))
    aid_request_decide(
        aid_request=aid_request, user=namur_staff, outcome="granted", decided_on=date(2026, 12, 1)
    )
    page = namur_client.get(url("correct_decision", aid_request))
    assert page.status_code == 200
    missing = namur_client.post(url("correct_decision", aid_request), {"action": "correct"})
    assert "Say why you make this correction: the history keeps it." in missing.content.decode()
    post_confirmed(namur_client, url("correct_decision", aid_request), data)
    aid_request.refresh_from_db()
    assert aid_request.state == state
    old = MeritsDecision.objects.get(superseded_at__isnull=False)
    assert (old.outcome, old.superseded_by, old.correction_reason) == (
        "granted",
        namur_staff,
        data["reason"],
    )
    now = MeritsDecision.objects.filter(superseded_at__isnull=True).first()
    assert (now and (now.outcome, now.decided_on)) == current
    html = namur_client.get(url("detail", aid_request)).content.decode()
    assert data["reason"] in html  # the superseded decision and why
    assert ("corrected by namur" in html) or ("withdrawn by namur" in html)
