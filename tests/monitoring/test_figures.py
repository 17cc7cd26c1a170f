"""Every figure against the hand-computed fixture (conftest.CASES; docs/monitoring.md)."""

from datetime import date

import pytest
from django.db.models import Sum

from monitoring.models import COUNTS, DailyRollup

from .conftest import CASES, LIEGE, NAMUR

pytestmark = pytest.mark.django_db


def namur_row(day: date) -> DailyRollup:
    return DailyRollup.objects.get(cpas__code=NAMUR, day=day)


def test_each_request_counts_on_its_reception_date_with_its_deadlines(fixture_requests):
    """R per art. 58 §1 al. 6 (holidays and week-ends); R + 5 and R + 30 per circular 9.1;
    the designated CPAS's row keeps a request it transferred (docs/monitoring.md). The
    table of cases is conftest.CASES, one request per reception date."""
    for case in CASES:
        check_case(case)


def check_case(case) -> None:
    row = namur_row(case.reception)
    assert row.received == 1
    assert row.competence_due == (case.competence_on_time is not None)
    assert row.competence_on_time == bool(case.competence_on_time)
    assert row.merits_due == (case.merits_on_time is not None)
    assert row.merits_on_time == bool(case.merits_on_time)
    assert row.transfers == bool(case.transferred_to)
    assert row.late_notices == case.late_notice
    assert row.unread_2d == case.unread_after_2_days
    assert row.read_count == (case.read_at is not None)
    if case.read_at:
        assert row.read_seconds == (case.read_at - case.submitted).total_seconds()
    assert row.linked == bool(case.same_person_as)
    assert row.urgent == case.urgent
    assert row.id_none == case.without_number
    assert getattr(row, f"lang_{case.language}") == 1


def test_the_period_totals_of_the_cpas(fixture_requests):
    """Hand-computed: six requests (the sandbox one left out), R + 5 met by A, C and G of
    six due, R + 30 met by A, B and C of three due; reads after 71, 9, 71, 64 and 2 hours."""
    sums = DailyRollup.objects.filter(cpas__code=NAMUR).aggregate(**{c: Sum(c) for c in COUNTS})
    expected = {
        "received": 6,
        "urgent": 1,
        "id_eid": 0,
        "id_typed": 5,
        "id_none": 1,
        "lang_fr": 5,
        "lang_nl": 1,
        "lang_de": 0,
        "lang_en": 0,
        "need_income": 6,
        "need_housing": 0,
        "read_count": 5,
        "read_seconds": (71 + 9 + 71 + 64 + 2) * 3600,
        "unread_2d": 4,
        "competence_due": 6,
        "competence_on_time": 3,
        "merits_due": 3,
        "merits_on_time": 3,
        "transfers": 2,
        "late_notices": 1,
        "linked": 1,
        "reminders": 1,
    }
    assert {key: sums[key] for key in expected} == expected


def test_a_transferred_request_counts_at_the_cpas_the_form_designated(fixture_requests):
    """Liège received C and D by transfer: its row counts only its own request."""
    sums = DailyRollup.objects.filter(cpas__code=LIEGE).aggregate(Sum("received"))
    assert sums["received__sum"] == 1


def test_a_second_refresh_gives_the_same_rows(fixture_requests):
    from monitoring.rollup import rollup_refresh

    from .conftest import NOW

    before = list(DailyRollup.objects.order_by("cpas", "day").values(*COUNTS))
    rollup_refresh(since=date(2026, 5, 1), until=NOW.date(), now=NOW)
    assert list(DailyRollup.objects.order_by("cpas", "day").values(*COUNTS)) == before


def test_an_older_reminder_keeps_its_count_when_the_outbox_row_is_purged(fixture_requests):
    """The outbox keeps a sent row a month (docs/notifications.md): a refresh whose
    reminder window starts later leaves the old count alone."""
    from monitoring.rollup import rollup_refresh
    from notifications.models import OutgoingEmail

    from .conftest import NOW

    OutgoingEmail.objects.filter(kind="reminder").delete()
    rollup_refresh(
        since=date(2026, 5, 1), until=NOW.date(), now=NOW, reminders_since=date(2026, 6, 23)
    )
    assert namur_row(date(2026, 6, 2)).reminders == 1


def test_the_sums_of_a_page_in_total_per_period_and_per_area(fixture_requests):
    """One query adds up the rollup (monitoring.figures.report_sums): the six requests of
    Namur (province of Namur, 90000) and the one of Liège (province of Liège, 60000), all in
    Wallonia, May and June 2026; the sandbox one left out."""
    from monitoring.figures import TOTAL, report_sums
    from monitoring.scopes import COUNTRY, FEDERATION, Scope
    from routing.models import Cpas

    may, june = date(2026, 5, 1), date(2026, 6, 30)
    country = report_sums(Scope(COUNTRY).rollup_where, may, june, "month", "region", "province")
    assert country[TOTAL]["received"] == 7
    assert {code: sums["received"] for code, sums in country["region"].items()} == {"wallonia": 7}
    assert {code: sums["received"] for code, sums in country["province"].items()} == {
        "90000": 6,
        "60000": 1,
    }
    assert sum(sums["received"] for sums in country["period"].values()) == 7
    assert set(country["period"]) <= {may, date(2026, 6, 1)}
    wallonia = report_sums(
        Scope(FEDERATION, "wallonia").rollup_where, may, june, "month", "cpas_id"
    )
    ids = dict(Cpas.objects.filter(code__in=[NAMUR, LIEGE]).values_list("code", "pk"))
    assert {pk: sums["received"] for pk, sums in wallonia["cpas_id"].items()} == {
        ids[NAMUR]: 6,
        ids[LIEGE]: 1,
    }
    assert (
        report_sums(Scope(FEDERATION, "brussels").rollup_where, may, june, "month")[TOTAL][
            "received"
        ]
        == 0
    )
