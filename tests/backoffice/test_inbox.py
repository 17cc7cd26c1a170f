"""The inbox: my CPAS's requests, deadlines in words, filters, search, counters, CSV."""

import csv
import io
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backoffice.models import AccessLogEntry
from intake.services import (
    aid_request_decide,
    aid_request_declare_competent,
    aid_request_transfer,
)
from routing.models import Cpas
from tests.backoffice.conftest import english_url
from tests.factories import national_number, submit

from .conftest import LIEGE, NAMUR

pytestmark = pytest.mark.django_db
INBOX = english_url("backoffice:inbox")

# Submitted Friday 20 November 2026 at 18:00 in Brussels: R = 20/11, R+5 = 25/11, R+30 = 20/12.
FRIDAY = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)


class travel(time_machine.travel):
    """A frozen clock; log in again inside it (the session would have expired)."""

    def __init__(self, when, client, user):
        super().__init__(when, tick=False)
        self.client, self.user = client, user

    def __enter__(self):
        result = super().__enter__()
        self.client.force_login(self.user)
        return result


def brussels_noon(day: int, month: int = 11) -> datetime:
    return datetime(2026, month, day, 11, 0, tzinfo=UTC)


def test_login_required(client):
    response = client.get(INBOX)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("backoffice:login"))


def test_a_user_of_no_cpas_is_refused(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("x", role="caseworker"))
    assert client.get(INBOX).status_code == 403


@pytest.mark.parametrize(
    ("now", "competence", "decision"),
    [
        # R = Friday 20/11; the countdown uses the date in Brussels.
        pytest.param(brussels_noon(22), "3 days left", "28 days left", id="sunday"),
        pytest.param(brussels_noon(25), "today", "25 days left", id="competence-day"),
        pytest.param(
            datetime(2026, 11, 26, 23, 30, tzinfo=UTC),
            "2 days late",
            "23 days left",
            id="after-midnight-in-brussels",
        ),
        pytest.param(brussels_noon(21, 12), "26 days late", "1 day late", id="both-late"),
    ],
)
def test_deadlines_in_words_with_a_frozen_clock(
    namur_client, namur_staff, now, competence, decision
):
    submit(submitted_at=FRIDAY)
    with travel(now, namur_client, namur_staff):
        html = namur_client.get(INBOX).content.decode()
    assert f">{competence}</span>" in html
    assert f">{decision}</span>" in html


def test_colour_comes_with_text(namur_client, namur_staff):
    submit(submitted_at=FRIDAY)
    with travel(brussels_noon(27), namur_client, namur_staff):
        html = namur_client.get(INBOX).content.decode()
    assert '<span class="tag tag--late">2 days late</span>' in html


def test_default_view_is_open_requests_most_urgent_first(namur_client, namur_staff):
    old = submit(submitted_at=brussels_noon(2))
    new = submit(submitted_at=brussels_noon(20))
    decided = submit(submitted_at=brussels_noon(10))
    aid_request_decide(
        aid_request=decided, user=namur_staff, outcome="granted", decided_on=FRIDAY.date()
    )
    with travel(brussels_noon(23), namur_client, namur_staff):
        page = namur_client.get(INBOX).context["page_obj"]
        assert [r.reference for r in page] == [old.reference, new.reference]
        everything = namur_client.get(INBOX, {"state": ""}).context["page_obj"]
    assert [r.reference for r in everything] == [new.reference, decided.reference, old.reference]


def _list(client, params):
    """The inbox for these filters; a search (q) is posted, as the page's form does."""
    if "q" in params:
        response = client.post(INBOX, params)
        assert response.status_code == 302
        return client.get(response["Location"])
    return client.get(INBOX, params)


def test_requests_marked_urgent_come_first_in_the_default_view_with_a_marker(
    namur_client, namur_staff
):
    """docs/emergency-contacts.md: the applicant said it cannot wait; then oldest first."""
    old = submit(submitted_at=brussels_noon(2))
    urgent_new = submit(submitted_at=brussels_noon(20), urgent=True)
    urgent_old = submit(submitted_at=brussels_noon(5), urgent=True)
    with travel(brussels_noon(23), namur_client, namur_staff):
        response = namur_client.get(INBOX)
        everything = namur_client.get(INBOX, {"state": ""}).context["page_obj"]
    assert [r.reference for r in response.context["page_obj"]] == [
        urgent_old.reference,
        urgent_new.reference,
        old.reference,
    ]
    assert response.content.decode().count('<span class="tag tag--urgent">Urgent</span>') == 2
    # The full list keeps its order: newest reception first.
    assert [r.reference for r in everything] == [
        urgent_new.reference,
        urgent_old.reference,
        old.reference,
    ]


def test_the_default_view_reads_the_open_requests_index_in_order():
    """The index aid_request_open gives the default view's rows in order: PostgreSQL
    needs no sort (keep the inbox fast at a million rows, scripts/bench_inbox.py)."""
    from intake.models import AidRequest

    index = next(i for i in AidRequest._meta.indexes if i.name == "aid_request_open")
    assert index.fields == ["cpas", "-urgent", "reception_date", "submitted_at"]


def _references(client, **params):
    return {r.reference for r in _list(client, params).context["page_obj"]}


def test_filters(namur_client, namur_staff):
    late = submit(submitted_at=brussels_noon(2))  # R 2/11: competence 7/11 passed
    due_today = submit(submitted_at=brussels_noon(18))  # R 18/11: competence 23/11
    recent = submit(submitted_at=brussels_noon(23))  # R 23/11: competence 28/11
    late_but_competent = submit(submitted_at=brussels_noon(3))
    aid_request_declare_competent(aid_request=late_but_competent, user=namur_staff)
    with travel(brussels_noon(23), namur_client, namur_staff):
        assert _references(namur_client, state="open", overdue="on") == {late.reference}
        assert _references(namur_client, state="open", within_days="0") == {due_today.reference}
        assert _references(namur_client, state="open", within_days="5") == {
            due_today.reference,
            recent.reference,
        }
        assert _references(namur_client, state="", received_from="2026-11-18") == {
            due_today.reference,
            recent.reference,
        }
        assert _references(namur_client, state="", received_to="2026-11-03") == {
            late.reference,
            late_but_competent.reference,
        }
        assert _references(namur_client, state="new") == {
            late.reference,
            due_today.reference,
            recent.reference,
            late_but_competent.reference,
        }
        counters = namur_client.get(INBOX).context["counters"]
    assert (counters.unread, counters.competence_today, counters.overdue) == (4, 1, 1)
    # R + 30 of every one of them is more than 7 days away on 23/11.
    assert counters.decision_soon == 0


@pytest.mark.parametrize(
    "query",
    [
        pytest.param("{reference}", id="reference"),
        pytest.param("{reference_typed}", id="reference-typed-loosely"),
        pytest.param("85.07.30-033.28", id="national-number-formatted"),
        pytest.param("85073003328", id="national-number"),
        pytest.param("martin", id="last-name"),
        pytest.param("Alex Martin", id="full-name"),
    ],
)
def test_search(namur_client, query):
    wanted = submit(national_number="85073003328")
    other = submit(
        national_number=national_number(date(1990, 1, 2)),
        first_name="Jo",
        last_name="Peeters",
        birth_date=date(1990, 1, 2),
    )
    text = query.format(
        reference=wanted.reference,
        reference_typed=wanted.reference.lower().replace("-", " ").replace("0", "o"),
    )
    found = _references(namur_client, state="", q=text)
    assert found == {wanted.reference}
    assert other.reference not in found


def test_other_cpas_requests_are_not_listed(namur_client):
    mine = submit()
    submit(nis_code=LIEGE)
    assert _references(namur_client, state="") == {mine.reference}


def _requests_of_every_kind(namur_staff, liege_staff, day: int) -> None:
    """New, competent, decided, transferred away, transferred in: all that a row shows.
    One person a day: each row has requests of the same person (the inbox counts them),
    and each arrival records a few links, not MAX_LINKS (docs/linked-requests.md)."""
    number = national_number(date(1985, 7, 30), 100 + day)

    def one(**fields):
        return submit(submitted_at=brussels_noon(day), national_number=number, **fields)

    one()
    aid_request_declare_competent(aid_request=one(), user=namur_staff)
    aid_request_decide(
        aid_request=one(),
        user=namur_staff,
        outcome="granted",
        decided_on=brussels_noon(day).date(),
    )
    liege = Cpas.objects.get(code=LIEGE)
    namur = Cpas.objects.get(code=NAMUR)
    for sender, to_cpas, nis_code in ((namur_staff, liege, NAMUR), (liege_staff, namur, LIEGE)):
        aid_request_transfer(
            aid_request=one(nis_code=nis_code),
            user=sender,
            to_cpas=to_cpas,
            reasons=["residence"],
        )


def _query_count(client, params) -> int:
    if "q" in params:  # the search is kept in the session: count the list's reading
        params = {"search": client.post(INBOX, params)["Location"].split("search=")[1]}
    with CaptureQueriesContext(connection) as queries:
        assert client.get(INBOX, params).status_code == 200
    return len(queries)


# Each list the inbox shows; the search last, as it is kept in the session.
LISTS = {
    "to-do": {},
    "all": {"state": ""},
    "transferred": {"state": "transferred"},
    "overdue": {"state": "open", "overdue": "on"},
    "search": {"state": "", "q": "Martin", "received_from": "2026-11-02"},
}


def test_inbox_query_count_does_not_grow_with_rows(namur_client, namur_staff, liege_staff):
    """Every list, read with a few rows of every kind, then with more than a page: as many
    queries (the rows are built once for the five lists)."""
    _requests_of_every_kind(namur_staff, liege_staff, day=2)
    few = {name: _query_count(namur_client, params) for name, params in LISTS.items()}
    for day in range(3, 16):  # 13 more of each kind: more than a page of 50 at Namur
        _requests_of_every_kind(namur_staff, liege_staff, day=day)
    assert namur_client.get(INBOX, {"state": ""}).context["page_obj"].paginator.num_pages == 2
    assert {name: _query_count(namur_client, params) for name, params in LISTS.items()} == few


def test_all_lists_own_and_transferred_away_requests_in_one_order(
    namur_client, namur_staff, liege_staff, monkeypatch
):
    from backoffice.views import inbox as views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    liege = Cpas.objects.get(code=LIEGE)
    namur = Cpas.objects.get(code=NAMUR)
    rows = {day: submit(submitted_at=brussels_noon(day)) for day in (2, 3, 4, 6, 7)}
    for day in (3, 7):
        aid_request_transfer(
            aid_request=rows[day], user=namur_staff, to_cpas=liege, reasons=["residence"]
        )
    # Received by transfer from Liège: Namur's own, listed once.
    rows[9] = submit(nis_code=LIEGE, submitted_at=brussels_noon(9))
    aid_request_transfer(
        aid_request=rows[9], user=liege_staff, to_cpas=namur, reasons=["residence"]
    )
    pages = [
        namur_client.get(INBOX, {"state": "", "page": number}).context["page_obj"]
        for number in (1, 2, 3)
    ]
    assert pages[0].paginator.count == 6
    assert [[r.reference for r in page] for page in pages] == [
        [rows[9].reference, rows[7].reference],
        [rows[6].reference, rows[4].reference],
        [rows[3].reference, rows[2].reference],
    ]
    assert [r.transferred_out for r in pages[0]] == [False, True]
    assert _references(namur_client, state="transferred") == {rows[3].reference, rows[7].reference}


def test_csv_export_of_the_filtered_inbox_is_logged(namur_client, namur_staff):
    wanted = submit(last_name="=HYPERLINK(1)")
    submit(last_name="Other", submitted_at=brussels_noon(2))
    response = namur_client.post(
        reverse("backoffice:export"), {"state": "", "received_from": "2026-11-20"}
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Reference"
    assert [row[0] for row in rows[1:]] == [wanted.reference]
    assert rows[1][1:5] == ["2026-11-20", "2026-11-25", "2026-12-20", "New (unread)"]
    assert rows[1][5] == "'=HYPERLINK(1)"  # no formula
    log = AccessLogEntry.objects.get()
    assert (log.user, log.aid_request, log.action) == (namur_staff, wanted, "export")


def test_a_long_list_is_not_counted_to_the_end(namur_client, monkeypatch):
    from backoffice.views import inbox as views

    monkeypatch.setattr(views, "COUNT_CAP", 3)
    for _ in range(5):
        submit()
    response = namur_client.get(INBOX, {"state": ""})
    assert "More than 3 requests: narrow the search to see older ones" in response.content.decode()
    assert response.context["page_obj"].paginator.count == 4
