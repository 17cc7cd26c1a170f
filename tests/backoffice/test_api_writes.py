"""Write-back (docs/api.md, "Write-back"): the social software records the steps the
social worker took there through the request core's services — the same rules, history
and access log as the back-office's pages — each with an Idempotency-Key."""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from backoffice.constants import Role
from backoffice.models import AccessLogEntry
from intake.deadlines import brussels_date
from intake.models import (
    CompetenceDecision,
    ConflictReferral,
    MeritsDecision,
    RegisterEntry,
    RequestEvent,
)
from intake.services import aid_request_transfer
from routing.models import Cpas
from tests.factories import submit
from vendors.models import IdempotencyRecord

from .api_support import grant, token_for, vendor, write
from .conftest import LIEGE, NAMUR, english_url, make_staff

pytestmark = pytest.mark.django_db
TODAY = brussels_date(timezone.now()).isoformat()


@pytest.fixture
def namur_token(client):
    software, secret = vendor()
    grant(software, NAMUR)
    return token_for(client, software, secret, NAMUR)


def _events(aid_request, kind):
    return list(RequestEvent.objects.filter(aid_request=aid_request, kind=kind))


# (step, body, the kind of history line, the record the service writes)
STEPS = [
    pytest.param(
        "registration",
        {"external_number": "2026/00412"},
        "external_number",
        lambda r: RegisterEntry.objects.filter(aid_request=r, external_number="2026/00412"),
        id="registration-with-the-cpas-own-number",
    ),
    pytest.param(
        "competence",
        {"competent": True},
        "competent",
        lambda r: CompetenceDecision.objects.filter(aid_request=r, competent=True),
        id="competence-art-58-3",
    ),
    pytest.param(
        "transfer",
        {"to_cpas": LIEGE, "reasons": ["residence"]},
        "transferred",
        lambda r: CompetenceDecision.objects.filter(aid_request=r, competent=False),
        id="transfer-with-reasons-art-58-3",
    ),
    pytest.param(
        "decision",
        {"outcome": "granted", "decided_on": TODAY},
        "decided",
        lambda r: MeritsDecision.objects.filter(aid_request=r, outcome="granted"),
        id="decision-on-the-merits",
    ),
]


@pytest.mark.parametrize(("step", "body", "kind", "records"), STEPS)
def test_each_step_through_the_core_once_however_often_retried(
    client, namur_token, step, body, kind, records
):
    aid_request = submit()
    first = write(client, namur_token, aid_request.reference, step, body)
    assert first.status_code == 200, first.content
    again = write(client, namur_token, aid_request.reference, step, body)
    assert (again.status_code, again.json()) == (200, first.json())
    assert again["Idempotent-Replayed"] == "true"
    assert records(aid_request).count() == 1
    [event] = _events(aid_request, kind)
    assert event.actor is None and event.data["via"] == "SocialSoft"  # the history names it
    log = AccessLogEntry.objects.get(action="api_write")
    assert (log.aid_request_id, log.api_client.name, log.user) == (
        aid_request.pk,
        "SocialSoft",
        None,
    )


def test_the_history_page_names_the_social_software(client, namur_token, namur_staff):
    aid_request = submit()
    write(client, namur_token, aid_request.reference, "competence", {"competent": True})
    client.force_login(namur_staff)
    page = client.get(english_url("backoffice:detail", reference=aid_request.reference))
    assert "Declared competent by the social software (SocialSoft)" in page.content.decode()


def test_transfer_through_the_api_moves_the_request_like_the_page(client, namur_token):
    aid_request = submit()
    response = write(
        client, namur_token, aid_request.reference, "transfer", {"to_cpas": LIEGE, "reasons": []}
    )
    assert response.status_code == 409  # a transfer states its reasons (docs/transfers.md)
    assert "reasons" in response.json()["detail"]
    response = write(
        client,
        namur_token,
        aid_request.reference,
        "transfer",
        {"to_cpas": LIEGE, "reasons": ["residence"]},
        key="k-2",
    )
    assert response.json()["transferred_to"] == LIEGE
    aid_request.refresh_from_db()
    assert aid_request.cpas.code == LIEGE
    assert RegisterEntry.objects.filter(aid_request=aid_request, cpas__code=LIEGE).exists()


def test_the_cpas_own_number_is_kept_beside_ours_once(client, namur_token):
    aid_request = submit()
    other = submit(national_number="")
    body = {"external_number": "2026/7"}
    assert (
        write(client, namur_token, aid_request.reference, "registration", body).status_code == 200
    )
    entry = RegisterEntry.objects.get(aid_request=aid_request)
    assert (entry.number, entry.external_number) == (1, "2026/7")  # ours is not renumbered
    taken = write(client, namur_token, other.reference, "registration", body, key="k-2")
    assert taken.status_code == 409
    manager = make_staff("boss", NAMUR, Role.MANAGER)
    client.force_login(manager)
    page = client.get(english_url("backoffice:register")).content.decode()
    assert "number in your own register: 2026/7" in page
    csv_text = client.get(english_url("backoffice:register_export")).content.decode()
    assert csv_text.splitlines()[0].endswith("Number in the CPAS's own register")
    assert csv_text.splitlines()[1].endswith(",2026/7")
    changed = write(
        client, namur_token, aid_request.reference, "registration", {"external_number": "8"}, "k-3"
    )
    assert changed.status_code == 409
    assert "2026/7" in changed.json()["detail"]


@pytest.mark.django_db(transaction=True)
def test_two_identical_calls_at_once_record_once(client, communes):
    """Threads on PostgreSQL: the second waits for the first's claim, then gets either
    the first's response or a 409 "in progress"; the decision is recorded once."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks: PostgreSQL")
    software, secret = vendor()
    grant(software, NAMUR)
    token = token_for(client, software, secret, NAMUR)
    aid_request = submit()
    body = {"outcome": "refused", "decided_on": TODAY}
    barrier = threading.Barrier(4)
    statuses = []

    def call():
        from django.test import Client

        barrier.wait(timeout=10)
        try:
            response = write(Client(), token, aid_request.reference, "decision", body, "same")
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=call) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(statuses) == 4 and set(statuses) <= {200, 409}, statuses
    assert 200 in statuses
    assert MeritsDecision.objects.filter(aid_request=aid_request).count() == 1
    assert len(_events(aid_request, "decided")) == 1
    assert IdempotencyRecord.objects.get().completed_at is not None


def test_a_cpas_not_competent_either_refers_to_sppis(client, namur_token):
    """docs/transfers.md, rule 6: only a CPAS that received the request by transfer refers
    it to SPP-IS's competence-conflict service."""
    own = submit()
    refused = write(
        client, namur_token, own.reference, "conflict-referral", {"reasons": ["residence"]}
    )
    assert refused.status_code == 409
    assert "Only a CPAS that received the request by transfer" in refused.json()["detail"]
    received = submit(nis_code=LIEGE, national_number="")
    aid_request_transfer(
        aid_request=received,
        user=make_staff("liege-worker", LIEGE),
        to_cpas=Cpas.objects.get(code=NAMUR),
        reasons=["residence"],
    )
    response = write(
        client, namur_token, received.reference, "conflict-referral", {"reasons": ["residence"]}
    )
    assert response.status_code == 200, response.content
    referral = ConflictReferral.objects.get(aid_request=received)
    assert referral.referred_by is None
    [event] = _events(received, "referred")
    assert event.data["via"] == "SocialSoft"


def test_a_connector_rehearses_on_a_test_request_outside_the_register(client, namur_token):
    """docs/sandbox.md: a test request has no register line, so no number of the CPAS's
    own register either; the other steps are rehearsed like on a real request."""
    from sandbox.services import sandbox_link_issue, sandbox_link_token

    token = sandbox_link_token(sandbox_link_issue(cpas=Cpas.objects.get(code=NAMUR)))
    rehearsal = submit(national_number="", sandbox_token=token)
    refused = write(
        client, namur_token, rehearsal.reference, "registration", {"external_number": "T-1"}
    )
    assert refused.status_code == 409
    assert "test request is never entered in the register" in refused.json()["detail"]
    competent = write(client, namur_token, rehearsal.reference, "competence", {"competent": True})
    assert competent.status_code == 200
