"""The CPAS's register: every request, one gapless sequence per CPAS and calendar year of
R, numbered at the instant it is entered (docs/register.md)."""

import threading
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.db import connection
from django.urls import reverse

from intake.constants import Channel
from intake.models import AidRequest, RegisterEntry, RequestEvent
from intake.services import Contact, Identity, Needs, aid_request_enter
from routing.models import Cpas
from sandbox.services import sandbox_link_issue, sandbox_link_token
from tests.factories import submit

from .conftest import LIEGE, NAMUR, make_staff, post_confirmed

pytestmark = pytest.mark.django_db


def brussels(y, m, d, h=10, minute=0):
    """A Brussels wall-clock instant in winter (UTC+1)."""
    return datetime(y, m, d, h - 1, minute, tzinfo=UTC)


def enter(user, channel=Channel.DESK, received_on=None, **identity):
    return aid_request_enter(
        user=user,
        channel=channel,
        received_on=received_on,
        language="fr",
        identity=Identity(
            method="none",
            first_name=identity.get("first_name", "Sam"),
            last_name=identity.get("last_name", "Dupont"),
            birth_date=identity.get("birth_date", date(1970, 1, 1)),
            national_number=identity.get("national_number", ""),
        ),
        contact=Contact(email=identity.get("email", "")),
        needs=Needs(),
    )


def entry(aid_request) -> RegisterEntry:
    return RegisterEntry.objects.get(aid_request=aid_request, cpas_id=aid_request.cpas_id)


def test_an_online_request_is_in_the_register_at_its_submission():
    # Art. 58 §1 al. 2 and al. 5; circular 8.3: entered on R, nobody has to click.
    aid_request = submit()
    line = entry(aid_request)
    assert (line.number, line.year, line.reception_date) == (1, 2026, date(2026, 11, 20))
    assert line.registered_by is None and line.late is False
    assert line.channel == Channel.ONLINE
    assert aid_request.state == "new"  # still unread: the register changes no state
    assert RequestEvent.objects.filter(aid_request=aid_request, kind="registered").count() == 1


def test_numbers_follow_the_order_of_reception_whatever_order_staff_act_in(namur_client):
    # The issue's example (art. 58 §1 al. 2: "par ordre chronologique"): received 8 March
    # and 9 March; staff open the 9 March request first. Numbers follow reception.
    march_8 = submit(submitted_at=brussels(2027, 3, 8))
    march_9 = submit(submitted_at=brussels(2027, 3, 9))
    for aid_request in (march_9, march_8):  # staff open and follow up 9 March first
        namur_client.get(reverse("backoffice:detail", kwargs={"reference": aid_request.reference}))
    assert [entry(march_8).number, entry(march_9).number] == [1, 2]


def test_register_sequences_are_per_cpas_and_year_of_R():
    namur = [submit() for _ in range(3)]
    liege = submit(nis_code=LIEGE)
    assert [entry(r).number for r in namur] == [1, 2, 3]
    assert entry(liege).number == 1
    # Thursday 31 December 2026 21:00 in Brussels: R = 31/12/2026 (year 2026).
    december = submit(submitted_at=datetime(2026, 12, 31, 20, 0, tzinfo=UTC))
    # 31 December 23:30 UTC = Friday 1 January 2027 00:30 in Brussels, a holiday:
    # R = Monday 4 January 2027, number 1 of 2027 (art. 58 §1 al. 6).
    new_year = submit(submitted_at=datetime(2026, 12, 31, 23, 30, tzinfo=UTC))
    assert (entry(december).year, entry(december).number) == (2026, 4)
    assert (entry(new_year).year, entry(new_year).number) == (2027, 1)
    assert entry(new_year).reception_date == date(2027, 1, 4)


def test_a_weekend_online_request_is_numbered_at_submission_with_monday_as_R():
    # Art. 58 §1 al. 6; circular 9.1.1 example 2: sent Saturday 21 November 2026, R is
    # Monday 23 November. It is entered at its submission, with R as its date: not late.
    saturday = submit(submitted_at=brussels(2026, 11, 21, 15))
    line = entry(saturday)
    assert line.reception_date == date(2026, 11, 23)
    assert line.late is False
    assert line.registered_at == brussels(2026, 11, 21, 15)


# The legal dates of each channel (docs/legal-dates.md, "Other channels"): the weekend
# rule of art. 58 §1 al. 6 is for electronic requests only.
@pytest.mark.parametrize(
    ("channel", "received_on", "deadlines"),
    [
        # At the desk on Friday 20 November 2026: R that day (art. 58 §1 al. 2).
        pytest.param(
            Channel.DESK,
            date(2026, 11, 20),
            (date(2026, 11, 25), date(2026, 12, 20)),
            id="desk-friday",
        ),
        # A letter opened on Saturday 21 November: R = Saturday, no shift (al. 6 is for
        # the electronic form only).
        pytest.param(
            Channel.LETTER,
            date(2026, 11, 21),
            (date(2026, 11, 26), date(2026, 12, 21)),
            id="letter-saturday",
        ),
        # An email received on Easter Monday 6 April 2026: R that day.
        pytest.param(
            Channel.EMAIL,
            date(2026, 4, 6),
            (date(2026, 4, 11), date(2026, 5, 6)),
            id="email-holiday",
        ),
        pytest.param(
            Channel.PHONE, date(2026, 11, 23), (date(2026, 11, 28), date(2026, 12, 23)), id="phone"
        ),
        # Art. 58 §1 al. 1: opened by the centre of its own motion.
        pytest.param(
            Channel.EX_OFFICIO,
            date(2026, 11, 23),
            (date(2026, 11, 28), date(2026, 12, 23)),
            id="ex-officio",
        ),
    ],
)
def test_manual_entries_per_channel_with_their_legal_dates(
    namur_staff, channel, received_on, deadlines
):
    with time_machine.travel(
        datetime(received_on.year, received_on.month, received_on.day, 15, tzinfo=UTC)
    ):
        aid_request = enter(namur_staff, channel=channel, received_on=received_on)
    assert aid_request.channel == channel
    assert aid_request.reception_date == received_on
    assert (aid_request.competence_deadline, aid_request.decision_deadline) == deadlines
    line = entry(aid_request)
    assert (line.channel, line.registered_by, line.late) == (channel, namur_staff, False)
    assert aid_request.state == "read"
    assert list(aid_request.events.values_list("kind", flat=True)) == ["entered", "registered"]
    assert not aid_request.outgoing_emails.exists()  # the CPAS hands its own receipt


def test_manual_and_online_entries_share_one_sequence(namur_staff):
    # Circular 8.3: "toutes les demandes, quelles qu'elles soient".
    with time_machine.travel(brussels(2026, 11, 23, 9)):
        online = submit(submitted_at=brussels(2026, 11, 23, 8))
        desk = enter(namur_staff, received_on=date(2026, 11, 23))
        online_2 = submit(submitted_at=brussels(2026, 11, 23, 9))
    assert [entry(r).number for r in (online, desk, online_2)] == [1, 2, 3]


# Art. 58 §1 al. 2 ("inscrite le jour de sa réception"): a later entry is allowed, keeps
# its true reception date, and is marked late, visibly, and counted.
@pytest.mark.parametrize(
    ("received_on", "late"),
    [
        pytest.param(date(2026, 11, 23), False, id="same-day"),
        pytest.param(date(2026, 11, 20), True, id="three-days-before"),
    ],
)
def test_late_entries_are_flagged_and_counted(namur_client, namur_staff, received_on, late):
    with time_machine.travel(brussels(2026, 11, 23, 11)):
        submit(submitted_at=brussels(2026, 11, 23, 9))
        aid_request = enter(namur_staff, received_on=received_on)
        page = namur_client.get(reverse("backoffice:register"), {"year": 2026})
    line = entry(aid_request)
    assert (line.reception_date, line.late) == (received_on, late)
    register = page.context["register"]
    assert register.late_count == int(late)
    assert register.out_of_order_count == int(late)  # R 20/11 after a line of 23/11
    assert ("late entry" in page.content.decode()) is late


def test_entry_in_the_future_is_refused(namur_client):
    with time_machine.travel(brussels(2026, 11, 23, 11)):
        response = namur_client.post(
            reverse("backoffice:enter"),
            {
                "channel": "desk",
                "received_on": "2026-11-24",
                "first_name": "A",
                "last_name": "B",
                "birth_date": "1970-01-01",
                "language": "fr",
            },
        )
    assert response.status_code == 400
    assert "The date of reception cannot be in the future." in response.content.decode()
    assert not AidRequest.objects.exists()


def test_the_entry_page_confirms_then_enters(namur_client):
    data = {
        "channel": "letter",
        "received_on": "2026-11-20",
        "first_name": "Ana",
        "last_name": "Lopez",
        "birth_date": "1980-02-03",
        "language": "nl",
    }
    with time_machine.travel(brussels(2026, 11, 23, 11)):
        first = namur_client.post(reverse("backoffice:enter"), data)
        html = first.content.decode()
        assert "the entry will be marked late" in html
        assert "Enter in the register" in html  # a verb on the button
        assert not AidRequest.objects.exists()
        response = post_confirmed(namur_client, reverse("backoffice:enter"), data)
    aid_request = AidRequest.objects.get()
    assert response["Location"].endswith(f"/requests/{aid_request.reference}/")
    assert (aid_request.channel, aid_request.email, entry(aid_request).late) == ("letter", "", True)


def test_the_register_page_reads_prints_and_exports_in_order(namur_client, namur_staff):
    with time_machine.travel(brussels(2026, 11, 23, 11)):
        online = submit(submitted_at=brussels(2026, 11, 20, 9))
        desk = enter(namur_staff, received_on=date(2026, 11, 23), first_name="=HYPERLINK(1)")
        page = namur_client.get(reverse("backoffice:register"))
        export = namur_client.get(reverse("backoffice:register_export"), {"year": 2026})
    html = page.content.decode()
    assert html.index(online.reference) < html.index(desk.reference)
    assert "Dupont" not in html  # a line holds no personal data: the reference finds it
    assert 'class="register"' in html  # the print style of site.css lays it out
    body = export.content.decode("utf-8-sig")
    rows = body.strip().splitlines()
    assert rows[1].startswith("1/2026,2026-11-20,Online form (CPAS Online)," + online.reference)
    assert rows[2].startswith("2/2026,2026-11-23,At the desk," + desk.reference + ",")
    assert ",namur," in rows[2]
    assert "HYPERLINK" not in body
    from backoffice.models import AccessLogEntry

    assert AccessLogEntry.objects.filter(action="export").count() == 2


def test_the_register_click_is_gone(namur_client):
    aid_request = submit()
    html = namur_client.get(
        reverse("backoffice:detail", kwargs={"reference": aid_request.reference})
    ).content.decode()
    assert "/register/" not in html.split("<main")[1].split("History")[0].replace(
        reverse("backoffice:register"), ""
    )
    assert "Number 1/2026" in html


def test_correcting_a_reception_date_keeps_the_number_and_marks_the_line(namur_client, namur_staff):
    with time_machine.travel(brussels(2026, 11, 23, 11)):
        aid_request = enter(namur_staff, received_on=date(2026, 11, 23))
        url = reverse("backoffice:correct_reception", kwargs={"reference": aid_request.reference})
        assert namur_client.get(url).status_code == 200
        post_confirmed(namur_client, url, {"received_on": "2026-11-20", "reason": "Typo"})
    aid_request.refresh_from_db()
    line = entry(aid_request)
    assert (line.number, line.reception_date, line.late) == (1, date(2026, 11, 20), True)
    assert line.corrected_at is not None and line.correction_reason == "Typo"
    assert aid_request.competence_deadline == date(2026, 11, 25)
    event = aid_request.events.get(kind="reception_corrected")
    assert event.data == {"old": "2026-11-23", "new": "2026-11-20", "number": 1, "year": 2026}


def test_an_online_reception_date_cannot_be_corrected(namur_client):
    aid_request = submit()
    url = reverse("backoffice:correct_reception", kwargs={"reference": aid_request.reference})
    response = namur_client.post(
        url, {"received_on": "2026-11-19", "reason": "x", "confirm": "yes"}
    )
    assert response.status_code == 302
    assert entry(aid_request).corrected_at is None


CONCURRENT = 50  # at once; PostgreSQL's 100 connections are shared with other runs


@pytest.mark.django_db(transaction=True)
def test_concurrent_online_and_manual_entries_are_unique_and_gapless(communes):
    """Online submissions and staff entries, 50 at once, race for one sequence: every
    number once, none missing (the locked counter, docs/register.md). Test requests of
    the CPAS's sandbox sent among them take no number (docs/sandbox.md)."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    staff = make_staff("namur", NAMUR)
    sandbox = sandbox_link_token(sandbox_link_issue(cpas=Cpas.objects.get(code=NAMUR)))
    barrier = threading.Barrier(CONCURRENT)
    errors = []
    tests = [index for index in range(CONCURRENT) if index % 5 == 1]

    def work(index):
        try:
            barrier.wait()
            if index in tests:
                submit(
                    submitted_at=datetime(2026, 11, 20, 9, index % 60, tzinfo=UTC),
                    sandbox_token=sandbox,
                )
            elif index % 3:
                submit(submitted_at=datetime(2026, 11, 20, 9, index % 60, tzinfo=UTC))
            else:
                with time_machine.travel(datetime(2026, 11, 20, 15, tzinfo=UTC), tick=False):
                    enter(staff, received_on=date(2026, 11, 20))
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=work, args=(i,)) for i in range(CONCURRENT)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(RegisterEntry.objects.values_list("number", flat=True))
    assert numbers == list(range(1, CONCURRENT - len(tests) + 1))
    assert AidRequest.objects.filter(is_test=True).count() == len(tests)


def test_sppis_reads_any_register_and_a_cpas_only_its_own(client, sppis_admin, liege_staff):
    aid_request = submit()
    client.force_login(sppis_admin)
    assert "Show the register" in client.get(reverse("backoffice:register")).content.decode()
    page = client.get(reverse("backoffice:register"), {"cpas": NAMUR, "year": 2026})
    assert aid_request.reference in page.content.decode()
    assert client.get(reverse("backoffice:enter")).status_code == 403  # entered by a CPAS
    client.force_login(liege_staff)
    page = client.get(reverse("backoffice:register"), {"cpas": NAMUR, "year": 2026})
    assert aid_request.reference not in page.content.decode()  # its own register only
