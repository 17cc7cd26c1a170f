"""Nothing personal in the inbox's addresses (docs/data-protection.md): a search by name
or national number is posted and kept in the session; the address carries a short
random id; the export is posted; a ``q`` in an address is ignored. And what the inbox
counts and marks."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse

from backoffice.constants import Role
from intake.services import aid_request_decide, aid_request_transfer
from routing.models import Cpas
from tests.factories import national_number, submit

from .conftest import LIEGE, NAMUR, english_url, make_staff

pytestmark = pytest.mark.django_db
INBOX = english_url("backoffice:inbox")
EXPORT = english_url("backoffice:export")
NUMBER = "85073003328"


def listed(response) -> set[str]:
    return {row.reference for row in response.context["page_obj"]}


@pytest.mark.parametrize(
    "searched",
    [NUMBER, "85.07.30-033.28", "Zylberstein", "Zébulon Zylberstein"],
    ids=["number", "formatted-number", "last-name", "full-name"],
)
def test_a_search_is_posted_and_its_address_names_no_one(namur_client, searched):
    wanted = submit(national_number=NUMBER, first_name="Zébulon", last_name="Zylberstein")
    submit(national_number=national_number(date(1990, 1, 2)), birth_date=date(1990, 1, 2))
    response = namur_client.post(INBOX, {"q": searched, "state": ""})
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(INBOX + "?search=")
    assert "Zylberstein" not in location and NUMBER not in location and "q=" not in location
    assert len(location.split("search=")[1]) <= 10  # short and opaque
    page = namur_client.get(location)
    assert listed(page) == {wanted.reference}
    assert f'value="{searched}"' in page.content.decode()  # the box shows what was searched


def test_a_search_keeps_its_pages(namur_client, monkeypatch):
    from backoffice.views import inbox as views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    wanted = {submit(last_name="Zylberstein").reference for _ in range(3)}
    submit(last_name="Other")
    location = namur_client.post(INBOX, {"q": "Zylberstein", "state": ""})["Location"]
    first = namur_client.get(location)
    html = first.content.decode()
    search_id = location.split("search=")[1]
    assert f"?search={search_id}&amp;page=2" in html
    second = namur_client.get(location + "&page=2")
    assert listed(first) | listed(second) == wanted


def test_a_name_in_the_address_is_ignored(namur_client):
    mine = submit(last_name="Zylberstein")
    other = submit(last_name="Other")
    page = namur_client.get(INBOX, {"q": "Zylberstein", "state": ""})
    assert listed(page) == {mine.reference, other.reference}
    assert 'value="Zylberstein"' not in page.content.decode()


def test_filters_without_personal_data_stay_in_the_address(namur_client):
    response = namur_client.post(INBOX, {"q": "", "state": "new", "overdue": "on"})
    assert response["Location"] in (
        INBOX + "?state=new&overdue=on",
        INBOX + "?overdue=on&state=new",
    )


def test_a_search_of_another_session_is_not_there(client, namur_client, namur_staff):
    submit(last_name="Zylberstein")
    location = namur_client.post(INBOX, {"q": "Zylberstein", "state": ""})["Location"]
    client.force_login(make_staff("namur2", NAMUR))
    response = client.get(location)
    assert response.status_code == 302
    assert response["Location"] == INBOX
    assert 'value="Zylberstein"' not in client.get(INBOX).content.decode()


def test_the_export_is_posted_with_the_form(namur_client):
    wanted = submit(last_name="Zylberstein")
    submit(last_name="Other")
    assert namur_client.get(EXPORT, {"q": "Zylberstein"}).status_code == 405
    response = namur_client.post(EXPORT, {"q": "Zylberstein", "state": ""})
    assert response.status_code == 200
    body = response.content.decode("utf-8-sig")
    assert wanted.reference in body and "Other" not in body
    html = namur_client.get(INBOX).content.decode()
    assert f'formaction="{EXPORT}"' in html
    assert f'href="{EXPORT}' not in html


FRIDAY = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)  # R 20/11, R + 30 = 20/12


@pytest.mark.parametrize(
    ("today", "due"),
    [
        (date(2026, 12, 12), 0),  # 8 days before R + 30
        (date(2026, 12, 13), 1),  # 7 days before: within the week
        (date(2026, 12, 20), 1),  # the day itself
        (date(2026, 12, 21), 0),  # late: counted as overdue, not as due
    ],
    ids=["8-days-before", "7-days-before", "the-day", "the-day-after"],
)
def test_decisions_due_within_seven_days_are_counted(namur_client, namur_staff, today, due):
    submit(submitted_at=FRIDAY)
    decided = submit(submitted_at=FRIDAY)
    aid_request_decide(
        aid_request=decided, user=namur_staff, outcome="granted", decided_on=FRIDAY.date()
    )
    at = datetime(today.year, today.month, today.day, 11, 0, tzinfo=UTC)
    with time_machine.travel(at, tick=False):
        namur_client.force_login(namur_staff)
        page = namur_client.get(INBOX)
        assert page.context["counters"].decision_soon == due
        shown = namur_client.get(INBOX, {"state": "open", "decision_within_days": "7"})
        assert len(listed(shown)) == due
    assert "decision_within_days=7" in page.content.decode()


def test_the_same_person_is_marked_among_the_cpas_s_own_requests_only(
    namur_client, namur_staff, liege_staff
):
    first = submit(national_number=NUMBER)
    second = submit(national_number=NUMBER)
    alone = submit(national_number=national_number(date(1990, 1, 2)), birth_date=date(1990, 1, 2))
    submit(national_number=NUMBER, nis_code=LIEGE)  # at another CPAS: not counted
    page = namur_client.get(INBOX)
    rows = {row.aid_request.reference: row.same_person for row in page.context["rows"]}
    assert rows == {first.reference: 1, second.reference: 1, alone.reference: 0}
    assert "Same person: 1 other request" in page.content.decode()
    # Transferred away: no longer the CPAS's own, no longer counted or marked.
    aid_request_transfer(
        aid_request=second,
        user=namur_staff,
        to_cpas=Cpas.objects.get(code=LIEGE),
        reasons=["residence"],
        notified_on=date(2026, 11, 21),
    )
    page = namur_client.get(INBOX, {"state": ""})
    rows = {row.aid_request.reference: row.same_person for row in page.context["rows"]}
    assert rows[first.reference] == 0 and rows[second.reference] == 0


def test_managers_find_their_settings_in_the_navigation(client, namur_staff):
    manager = make_staff("manager", NAMUR, Role.MANAGER)
    client.force_login(manager)
    settings_url = reverse("backoffice:cpas_settings")
    assert f'href="{settings_url}"' in client.get(INBOX).content.decode()
    page = client.get(settings_url).content.decode()
    assert 'class="site-nav backoffice-nav"' in page  # the back-office's navigation
    client.force_login(namur_staff)
    assert f'href="{settings_url}"' not in client.get(INBOX).content.decode()


def test_settings_changes_read_yes_and_no(client, cpas_emails):
    cpas_emails(NAMUR)
    manager = make_staff("manager", NAMUR, Role.MANAGER)
    client.force_login(manager)
    client.post(reverse("backoffice:cpas_settings"), {"email": "", "alerts_enabled": "on"})
    html = client.get(reverse("backoffice:cpas_settings")).content.decode()
    assert "<td>Yes</td><td>No</td>" in html
    assert "True" not in html and "False" not in html


def test_staff_pages_use_the_whole_width(namur_client):
    assert '<body class="staff">' in namur_client.get(INBOX).content.decode()


def test_sppis_administrators_get_their_own_page_and_no_list(client, sppis_admin):
    submit(last_name="Zylberstein")
    client.force_login(sppis_admin)
    page = client.get(INBOX)
    html = page.content.decode()
    assert page.status_code == 200
    assert "SPP-IS administrators see no request" in html
    assert "Zylberstein" not in html
    assert client.post(EXPORT, {"state": ""}).status_code == 403
