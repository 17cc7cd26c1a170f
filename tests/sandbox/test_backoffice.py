"""Test requests in the back-office and the API (docs/sandbox.md): a list apart, TEST
badges, outside every count and the register, every step rehearsed with the same
screens, a transfer only into another open sandbox, and `"test": true` in the API."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from backoffice.constants import Role
from intake.constants import State
from intake.models import CompetenceDecision, MeritsDecision, RegisterCounter, RegisterEntry
from intake.services import (
    StepRefused,
    aid_request_refer_conflict,
    aid_request_transfer,
)
from routing.models import Cpas
from sandbox.models import SandboxLink
from tests.backoffice.conftest import post_confirmed
from tests.backoffice.test_api import auth, make_token
from tests.factories import submit

from .conftest import LIEGE, NAMUR, make_staff, open_sandbox

pytestmark = pytest.mark.django_db

SUBMITTED = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def url(name, aid_request):
    return reverse(f"backoffice:{name}", kwargs={"reference": aid_request.reference})


@pytest.fixture
def real_and_test(db):
    real = submit(submitted_at=SUBMITTED)
    test = submit(submitted_at=SUBMITTED, national_number="", sandbox_token=open_sandbox(NAMUR))
    return real, test


def test_the_inbox_keeps_test_requests_in_a_list_apart(namur_client, real_and_test):
    real, test = real_and_test
    inbox = reverse("backoffice:inbox")
    cases = [
        # (query, shown, hidden)
        ("", [real], [test]),  # the default view: what must I do today?
        ("?state=", [real], [test]),
        ("?state=new", [real], [test]),
        ("?state=&test=True", [test], [real]),
        ("?state=open&test=True", [test], [real]),
    ]
    for query, shown, hidden in cases:
        html = namur_client.get(inbox + query).content.decode()
        for row in shown:
            assert row.reference in html, query
        for row in hidden:
            assert row.reference not in html, query
    html = namur_client.get(inbox + "?state=&test=True").content.decode()
    assert "Test requests (sandbox) – CPAS Namur" in html
    assert '<span class="tag tag--test">TEST</span>' in html
    assert "1 test request (sandbox)" in namur_client.get(inbox).content.decode()


def test_test_requests_are_outside_every_count_and_the_register(namur_client, real_and_test):
    real, test = real_and_test
    html = namur_client.get(reverse("backoffice:inbox")).content.decode()
    assert "<strong>1</strong> unread" in html  # the real one only
    assert RegisterEntry.objects.filter(aid_request=test).count() == 0
    assert RegisterCounter.objects.get().last_number == 1  # the real request's number
    register = namur_client.get(reverse("backoffice:register") + "?year=2026").content.decode()
    assert real.reference in register and test.reference not in register
    csv = namur_client.get(reverse("backoffice:register_export") + "?year=2026")
    assert test.reference not in csv.content.decode()
    export = namur_client.post(reverse("backoffice:export"), {"state": ""})
    assert test.reference not in export.content.decode()


def test_every_step_is_rehearsed_with_the_same_screens(namur_client, namur_staff, real_and_test):
    _real, test = real_and_test
    detail = namur_client.get(url("detail", test)).content.decode()
    assert '<span class="tag tag--test">TEST</span>' in detail
    assert "Not entered: a test request takes no register number." in detail
    test.refresh_from_db()
    assert test.state == State.READ  # read on opening, as a real one
    post_confirmed(namur_client, url("competence", test), {"competent": "yes"})
    assert CompetenceDecision.objects.get(aid_request=test).competent
    post_confirmed(
        namur_client, url("decision", test), {"outcome": "granted", "decided_on": "2026-11-23"}
    )
    assert MeritsDecision.objects.get(aid_request=test).outcome == "granted"
    response = post_confirmed(
        namur_client,
        url("correct_decision", test),
        {"action": "correct", "outcome": "refused", "decided_on": "2026-11-23", "reason": "typo"},
    )
    assert response.status_code in (200, 302)
    current = MeritsDecision.objects.get(aid_request=test, superseded_at__isnull=True)
    assert current.outcome == "refused"
    assert RegisterCounter.objects.get().last_number == 1


def test_a_test_request_goes_only_into_an_open_sandbox(namur_staff, real_and_test):
    _real, test = real_and_test
    liege = Cpas.objects.get(code=LIEGE)
    with pytest.raises(StepRefused, match="sandbox is open"):
        aid_request_transfer(
            aid_request=test,
            user=namur_staff,
            to_cpas=liege,
            reasons=["residence"],
            notified_on=date(2026, 11, 20),
        )
    open_sandbox(LIEGE)
    aid_request_transfer(
        aid_request=test,
        user=namur_staff,
        to_cpas=liege,
        reasons=["residence"],
        notified_on=date(2026, 11, 20),
    )
    test.refresh_from_db()
    assert test.cpas == liege and test.is_test
    assert not RegisterEntry.objects.filter(aid_request=test).exists()
    assert not RegisterCounter.objects.filter(cpas=liege).exists()
    liege_staff = make_staff("liege", LIEGE)
    aid_request_refer_conflict(aid_request=test, user=liege_staff, reasons=["residence"])
    sppis = make_staff("sppis", None, Role.SPPIS_ADMIN)
    from django.test import Client

    client = Client()
    client.force_login(sppis)
    conflicts = client.get(reverse("backoffice:conflicts")).content.decode()
    assert test.reference not in conflicts  # a rehearsal: SPP-IS never sees it


def test_the_transfers_page_counts_only_real_transfers(namur_client, namur_staff, real_and_test):
    _real, test = real_and_test
    open_sandbox(LIEGE)
    aid_request_transfer(
        aid_request=test,
        user=namur_staff,
        to_cpas=Cpas.objects.get(code=LIEGE),
        reasons=["residence"],
        notified_on=date(2026, 11, 20),
    )
    html = namur_client.get(reverse("backoffice:transfers")).content.decode()
    assert test.reference not in html
    away = namur_client.get(reverse("backoffice:inbox") + "?state=transferred&test=True")
    assert test.reference in away.content.decode()  # its trace, in the test list


def test_the_api_serves_test_requests_marked_test(client, real_and_test):
    real, test = real_and_test
    rows = client.get("/api/v1/requests", **auth(make_token(NAMUR))).json()
    assert {row["reference"]: row["test"] for row in rows} == {
        real.reference: False,
        test.reference: True,
    }
    assert next(r for r in rows if r["test"])["reference"].startswith("TEST-")
    schema = client.get("/api/v1/openapi.json").json()
    assert "test" in schema["components"]["schemas"]["AidRequestOut"]["properties"]


@pytest.mark.parametrize(
    ("role", "status"),
    [
        pytest.param(Role.MANAGER, 200, id="manager"),
        pytest.param(Role.CASEWORKER, 403, id="caseworker"),
    ],
)
def test_only_the_cpas_manager_has_the_sandbox_page(client, role, status):
    client.force_login(make_staff("someone", NAMUR, role))
    page = reverse("backoffice:sandbox")
    assert client.get(page).status_code == status
    if status != 200:
        assert client.post(page, {"action": "issue"}).status_code == status
        assert not SandboxLink.objects.exists()
        return
    assert "Your CPAS has no test link." in client.get(page).content.decode()
    client.post(page, {"action": "issue"})
    first = SandboxLink.objects.get()
    html = client.get(page).content.decode()
    assert f"/request/sandbox/{first.pk}." in html
    client.post(page, {"action": "issue"})  # replace: the old one stops
    assert SandboxLink.objects.filter(revoked_at__isnull=True).exclude(pk=first.pk).count() == 1
    client.post(page, {"action": "revoke"})
    assert not SandboxLink.objects.filter(revoked_at__isnull=True).exists()
    assert "/request/sandbox/" not in client.get(page).content.decode()
