"""Steps of one CPAS at the same instant, and transfers crossing each other, on real
PostgreSQL: the feed's numbers stay gapless and unique, and no step deadlocks
(docs/integration.md, "Numbering")."""

import threading

import pytest
from django.db import connection

from backoffice.constants import Role
from intake.services import aid_request_transfer
from integration.models import FeedEvent
from routing.models import Cpas
from tests.backoffice.conftest import make_staff
from tests.factories import submit

from .conftest import LIEGE, NAMUR

pytestmark = pytest.mark.django_db(transaction=True)


def run_together(functions) -> list[BaseException]:
    errors = []
    barrier = threading.Barrier(len(functions))

    def run(function):
        try:
            barrier.wait(timeout=10)
            function()
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(f,)) for f in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def seqs(code: str) -> list[int]:
    return list(
        FeedEvent.objects.filter(cpas__code=code).order_by("seq").values_list("seq", flat=True)
    )


def test_simultaneous_submissions_numbered_without_gap_or_double(communes):
    names = ["Ann", "Bob", "Cem", "Dirk", "Eva", "Fatma", "Gert", "Hind"]
    errors = run_together(
        [lambda n=name: submit(national_number="", first_name=n, last_name=n) for name in names]
    )
    assert errors == []
    assert seqs(NAMUR) == list(range(1, 17))  # submitted + registered, 8 times


def test_transfers_crossing_each_other_do_not_deadlock(communes):
    namur, liege = Cpas.objects.get(code=NAMUR), Cpas.objects.get(code=LIEGE)
    here = submit(national_number="", first_name="Ann", last_name="Peeters")
    there = submit(nis_code=LIEGE, national_number="", first_name="Bob", last_name="Dubois")
    staff = {
        NAMUR: make_staff("n", NAMUR, Role.MANAGER),
        LIEGE: make_staff("l", LIEGE, Role.MANAGER),
    }
    errors = run_together(
        [
            lambda: aid_request_transfer(
                aid_request=here, user=staff[NAMUR], to_cpas=liege, reasons=["residence"]
            ),
            lambda: aid_request_transfer(
                aid_request=there, user=staff[LIEGE], to_cpas=namur, reasons=["residence"]
            ),
        ]
    )
    assert errors == []
    # Each: submitted, registered, then transferred_out, and transferred_in, registered.
    assert seqs(NAMUR) == seqs(LIEGE) == [1, 2, 3, 4, 5]
