"""Requests of the same person (circular 9.2; docs/linked-requests.md): links recorded
when made, names matches that staff confirm or dismiss, and nothing of another CPAS."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from intake.models import RequestLink
from intake.services import aid_request_decide, aid_request_transfer
from routing.models import Cpas
from tests.factories import submit

from .conftest import LIEGE

pytestmark = pytest.mark.django_db

NOV_2 = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
NOV_20 = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def detail(client, aid_request) -> str:
    url = reverse("backoffice:detail", kwargs={"reference": aid_request.reference})
    return client.get(url).content.decode()


def test_two_requests_before_a_decision_are_linked_and_the_first_date_counts(namur_client):
    # 9.2.1: "la date de demande qui est la plus favorable au demandeur, à savoir la
    # première demande reçue".
    first = submit(submitted_at=NOV_2)
    second = submit(submitted_at=NOV_20)
    unrelated = submit(national_number="", submitted_at=NOV_2, first_name="Other")
    for this, other in ((first, second), (second, first)):
        html = detail(namur_client, this)
        assert "Other requests from the same person" in html
        assert f"/requests/{other.reference}/" in html
        assert "the earliest reception date counts (circular, 9.2.1): 02/11/2026." in html
        assert unrelated.reference not in html
    assert second.events.filter(kind="linked").count() == 1


def test_the_link_stays_after_the_first_is_decided(namur_client, namur_staff):
    # 9.2.1: filed before the decision, the second stays linked after it.
    first = submit(submitted_at=NOV_2)
    second = submit(submitted_at=NOV_20)
    aid_request_decide(
        aid_request=first, user=namur_staff, outcome="refused", decided_on=date(2026, 11, 25)
    )
    html = detail(namur_client, second)
    assert "the earliest reception date counts (circular, 9.2.1): 02/11/2026." in html


def test_a_request_after_a_decision_shows_the_earlier_decision_not_merged(
    namur_client, namur_staff
):
    # 9.2.2: a new request after a decision is examined for new elements, not merged.
    first = submit(submitted_at=NOV_2)
    aid_request_decide(
        aid_request=first, user=namur_staff, outcome="granted", decided_on=date(2026, 11, 10)
    )
    second = submit(submitted_at=NOV_20)
    html = detail(namur_client, second)
    assert f"Earlier request {first.reference} decided on 10/11/2026" in html
    assert "not merged (circular, 9.2.2)" in html
    assert "the earliest reception date counts" not in html


@pytest.mark.parametrize(
    ("second", "possible"),
    [
        # No national number on either: names and birth date make a possible match.
        pytest.param({"national_number": ""}, True, id="no-number-same-names"),
        pytest.param(
            {"national_number": "", "first_name": "ALEX", "last_name": "Martín"},
            True,
            id="case-and-accents",
        ),
        pytest.param({"national_number": "", "first_name": "Alexis"}, False, id="other-name"),
        pytest.param(
            {"national_number": "", "birth_date": date(1985, 7, 31)}, False, id="other-birth-date"
        ),
    ],
)
def test_possible_matches_without_a_number(namur_client, second, possible):
    submit(submitted_at=NOV_2)  # with a number
    later = submit(submitted_at=NOV_20, **second)
    html = detail(namur_client, later)
    assert ("Possible match: request" in html) is possible
    assert "the earliest reception date counts" not in html  # not until confirmed


@pytest.mark.parametrize(("decision", "merged"), [("confirm", True), ("dismiss", False)])
def test_staff_confirm_or_dismiss_a_possible_match(namur_client, namur_staff, decision, merged):
    first = submit(submitted_at=NOV_2, national_number="")
    later = submit(submitted_at=NOV_20, national_number="")
    link = RequestLink.objects.get()
    assert link.status == "possible"
    url = reverse("backoffice:match", kwargs={"reference": later.reference})
    namur_client.post(url, {"link": link.pk, "decision": decision})
    link.refresh_from_db()
    assert (link.status, link.decided_by) == (
        "confirmed" if merged else "dismissed",
        namur_staff,
    )
    assert link.decided_at is not None
    html = detail(namur_client, later)
    assert ("the earliest reception date counts (circular, 9.2.1): 02/11/2026." in html) is merged
    assert "Possible match: request" not in html
    kind = "match_confirmed" if merged else "match_dismissed"
    assert first.events.filter(kind=kind).count() == later.events.filter(kind=kind).count() == 1
    # Once decided, it cannot be decided again.
    namur_client.post(url, {"link": link.pk, "decision": "confirm"})
    link.refresh_from_db()
    assert link.status == ("confirmed" if merged else "dismissed")


def test_a_probe_request_reveals_nothing_of_another_cpas(namur_client):
    # 9.2.3 and circular 5, 8.2: only the designated CPAS consults a request. A staff
    # member who files a request with a person's number learns nothing of that person's
    # request at another CPAS: not that it exists, not its date.
    elsewhere = submit(nis_code=LIEGE, submitted_at=NOV_2)
    probe = submit(submitted_at=NOV_20)
    html = detail(namur_client, probe)
    assert "Other requests from the same person" not in html
    assert "02/11/2026" not in html
    assert elsewhere.reference not in html
    assert "request at another CPAS" not in html and "requests at other CPAS" not in html
    assert not RequestLink.objects.exists()


def test_a_transferred_request_is_linked_at_the_receiving_cpas(client, namur_staff, liege_staff):
    at_liege = submit(nis_code=LIEGE, submitted_at=NOV_2)
    at_namur = submit(submitted_at=NOV_20)
    assert not RequestLink.objects.exists()
    aid_request_transfer(
        aid_request=at_namur,
        user=namur_staff,
        to_cpas=Cpas.objects.get(code=LIEGE),
        reasons=["residence"],
    )
    link = RequestLink.objects.get()
    assert (link.earlier, link.later, link.cpas.code) == (at_liege, at_namur, LIEGE)
    client.force_login(liege_staff)
    assert "the earliest reception date counts (circular, 9.2.1): 02/11/2026." in detail(
        client, at_namur
    )


def test_a_flood_of_requests_links_the_oldest_open_ones_and_the_latest_decided(
    monkeypatch, namur_staff
):
    from intake.services import links

    monkeypatch.setattr(links, "MAX_LINKS", 3)
    days = [submit(submitted_at=datetime(2026, 11, day, 10, tzinfo=UTC)) for day in (2, 3, 4, 5)]
    aid_request_decide(
        aid_request=days[3], user=namur_staff, outcome="refused", decided_on=date(2026, 11, 6)
    )
    RequestLink.objects.all().delete()
    new = submit(submitted_at=NOV_20)
    linked = set(RequestLink.objects.filter(later=new).values_list("earlier", flat=True))
    # 9.2.1: the oldest undecided ones (the first date counts); 9.2.2: the latest decided.
    assert linked == {days[0].pk, days[1].pk, days[3].pk}
