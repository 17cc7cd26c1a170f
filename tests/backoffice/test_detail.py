"""The request page: everything the applicant gave, read mark, access log, duplicates."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from backoffice.models import AccessLogEntry
from intake.models import ReadMark
from intake.services import aid_request_decide
from tests.factories import submit

from .conftest import LIEGE, make_staff

pytestmark = pytest.mark.django_db


def detail_url(aid_request):
    return reverse("backoffice:detail", kwargs={"reference": aid_request.reference})


def test_shows_what_the_applicant_gave(namur_client):
    aid_request = submit(national_number="85073003328")
    html = namur_client.get(detail_url(aid_request)).content.decode()
    for shown in (
        "Alex Martin",
        "30/07/1985",
        "85.07.30-033.28",  # decrypted for display, formatted
        "applicant@example.org",
        "Money to live on (integration income)",
        "Commune where they usually live, or stay now",
        "Law of 2 April 1965, art. 1: the commune where the person usually lives",
        "20/11/2026",  # R
        "25/11/2026",  # R + 5
        "20/12/2026",  # R + 30
        "Submitted online",
    ):
        assert shown in html, shown


def test_opening_marks_read_once_keeping_the_first_reader(client, namur_staff):
    aid_request = submit()
    colleague = make_staff("colleague", "92094")
    client.force_login(namur_staff)
    client.get(detail_url(aid_request))
    client.force_login(colleague)
    html = client.get(detail_url(aid_request)).content.decode()
    mark = ReadMark.objects.get()
    assert mark.read_by == namur_staff
    aid_request.refresh_from_db()
    assert aid_request.state == "read"
    assert html.count("Read by namur") == 1


def test_every_view_is_in_the_access_log(client, namur_staff):
    aid_request = submit()
    client.force_login(namur_staff)
    client.get(detail_url(aid_request), REMOTE_ADDR="192.0.2.7")
    client.get(detail_url(aid_request), REMOTE_ADDR="192.0.2.8")
    log = list(
        AccessLogEntry.objects.order_by("pk").values_list(
            "user", "aid_request", "action", "ip_address"
        )
    )
    assert log == [
        (namur_staff.pk, aid_request.pk, "view", "192.0.2.7"),
        (namur_staff.pk, aid_request.pk, "view", "192.0.2.8"),
    ]


def test_an_admin_sees_without_marking_read(client, sppis_admin):
    aid_request = submit()
    client.force_login(sppis_admin)
    html = client.get(detail_url(aid_request)).content.decode()
    assert "Read-only view." in html
    assert "Record the decision" not in html
    aid_request.refresh_from_db()
    assert aid_request.state == "new"
    assert AccessLogEntry.objects.filter(user=sppis_admin).count() == 1


def test_access_log_is_read_only_in_the_admin(client, sppis_admin):
    sppis_admin.is_staff = True
    sppis_admin.save()
    aid_request = submit()
    client.force_login(sppis_admin)
    client.get(detail_url(aid_request))
    changelist = client.get(reverse("admin:backoffice_accesslogentry_changelist"))
    assert changelist.status_code == 200
    assert aid_request.reference in changelist.content.decode()
    assert client.get(reverse("admin:backoffice_accesslogentry_add")).status_code == 403
    entry = AccessLogEntry.objects.get()
    delete = reverse("admin:backoffice_accesslogentry_delete", args=[entry.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert AccessLogEntry.objects.count() == 1


# Duplicates (circular 9.2.1): the same national number, no decision on the earlier one.
def test_duplicates_are_linked_both_ways_with_the_earliest_date(namur_client):
    first = submit(submitted_at=datetime(2026, 11, 2, 10, 0, tzinfo=UTC))
    second = submit(submitted_at=datetime(2026, 11, 20, 10, 0, tzinfo=UTC))
    unrelated = submit(national_number="", submitted_at=datetime(2026, 11, 1, 10, 0, tzinfo=UTC))
    for this, other in ((first, second), (second, first)):
        html = namur_client.get(detail_url(this)).content.decode()
        assert "Other requests from the same person" in html
        assert detail_url(other) in html
        assert "The earliest reception date counts (circular, 9.2.1): 02/11/2026." in html
        assert detail_url(unrelated) not in html


def test_no_link_once_the_earlier_request_is_decided(namur_client, namur_staff):
    first = submit(submitted_at=datetime(2026, 11, 2, 10, 0, tzinfo=UTC))
    second = submit(submitted_at=datetime(2026, 11, 20, 10, 0, tzinfo=UTC))
    aid_request_decide(
        aid_request=first, user=namur_staff, outcome="refused", decided_on=date(2026, 11, 10)
    )
    html = namur_client.get(detail_url(second)).content.decode()
    assert "Other requests from the same person" not in html


def test_a_duplicate_at_another_cpas_is_counted_not_linked(namur_client):
    elsewhere = submit(nis_code=LIEGE, submitted_at=datetime(2026, 11, 2, 10, 0, tzinfo=UTC))
    mine = submit(submitted_at=datetime(2026, 11, 20, 10, 0, tzinfo=UTC))
    html = namur_client.get(detail_url(mine)).content.decode()
    assert "1 other request at another CPAS." in html
    assert elsewhere.reference not in html
    assert "02/11/2026" in html  # its date still counts


def test_another_app_can_write_history(namur_client):
    from django.db import transaction

    from intake.constants import EventKind
    from intake.services import aid_request_event_record

    aid_request = submit()
    with transaction.atomic():
        aid_request_event_record(aid_request=aid_request, kind=EventKind.ALERT_SENT)
    html = namur_client.get(detail_url(aid_request)).content.decode()
    assert "The CPAS was alerted by email" in html
