"""The CPAS's register: one gapless sequence per CPAS and calendar year of R (docs/register.md)."""

import threading
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.urls import reverse

from intake.models import RegisterEntry, RequestEvent
from intake.services import aid_request_register
from tests.factories import submit

from .conftest import LIEGE, NAMUR, make_staff


@pytest.mark.django_db
def test_numbers_follow_each_other_per_cpas(namur_staff, liege_staff):
    namur = [submit() for _ in range(3)]
    liege = submit(nis_code=LIEGE)
    numbers = [aid_request_register(aid_request=r, user=namur_staff).number for r in namur]
    assert numbers == [1, 2, 3]
    assert aid_request_register(aid_request=liege, user=liege_staff).number == 1


@pytest.mark.django_db
def test_registering_twice_keeps_the_first_number(namur_staff):
    aid_request = submit()
    first = aid_request_register(aid_request=aid_request, user=namur_staff)
    again = aid_request_register(aid_request=aid_request, user=namur_staff)
    assert (again.pk, again.number) == (first.pk, 1)
    assert RequestEvent.objects.filter(kind="registered").count() == 1


@pytest.mark.django_db
def test_the_year_is_that_of_the_reception_date(namur_staff):
    # Submitted Thursday 31 December 2026 in Brussels: R = 31/12/2026.
    december = submit(submitted_at=datetime(2026, 12, 31, 20, 0, tzinfo=UTC))
    # Submitted Thursday 31 December 2026 at 23:30 UTC = Friday 1 January 2027 00:30 in
    # Brussels, a holiday: R = Monday 4 January 2027.
    new_year = submit(submitted_at=datetime(2026, 12, 31, 23, 30, tzinfo=UTC))
    later = submit(submitted_at=datetime(2027, 1, 5, 10, 0, tzinfo=UTC))
    entries = [
        aid_request_register(aid_request=r, user=namur_staff) for r in (december, new_year, later)
    ]
    assert [(e.year, e.number) for e in entries] == [(2026, 1), (2027, 1), (2027, 2)]
    assert entries[1].reception_date.isoformat() == "2027-01-04"


@pytest.mark.django_db
def test_register_button(namur_client):
    aid_request = submit()
    url = reverse("backoffice:register", kwargs={"reference": aid_request.reference})
    assert namur_client.get(url).status_code == 405
    response = namur_client.post(url, follow=True)
    assert "Registered as number 1/2026." in response.content.decode()
    aid_request.refresh_from_db()
    assert aid_request.state == "registered"
    assert "Registered as number 1/2026 by namur" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_registrations_get_1_to_20(communes):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    staff = make_staff("namur", NAMUR)
    requests = [submit() for _ in range(20)]
    barrier = threading.Barrier(20)
    numbers, errors = [], []

    def register(aid_request):
        try:
            barrier.wait()
            numbers.append(aid_request_register(aid_request=aid_request, user=staff).number)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=register, args=(r,)) for r in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(numbers) == list(range(1, 21))
    assert sorted(RegisterEntry.objects.values_list("number", flat=True)) == list(range(1, 21))
