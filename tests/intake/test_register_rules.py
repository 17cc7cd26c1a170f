"""Pure rules of the register, the links and the transfer dates."""

from datetime import date

import pytest

from intake import deadlines, linking
from intake.register import Line, is_late, out_of_order

D = date


@pytest.mark.parametrize(
    ("reception", "entered_on", "late"),
    [
        pytest.param(D(2026, 11, 23), D(2026, 11, 23), False, id="same-day"),  # art. 58 §1 al. 2
        pytest.param(D(2026, 11, 20), D(2026, 11, 23), True, id="later-day"),
        # A Saturday online request: entered Saturday, R Monday (al. 6) — early, not late.
        pytest.param(D(2026, 11, 23), D(2026, 11, 21), False, id="weekend-online"),
    ],
)
def test_late_entries(reception, entered_on, late):
    assert is_late(reception=reception, entered_on=entered_on) is late


def test_out_of_order_lines_are_marked_and_transfers_are_not():
    lines = [
        Line(1, D(2027, 3, 8)),
        Line(2, D(2027, 3, 9)),
        Line(3, D(2027, 3, 8)),  # late entry: before line 2's date
        Line(4, D(2027, 3, 1), by_transfer=True),  # the sender's R
        Line(5, D(2027, 3, 9)),
    ]
    assert out_of_order(lines) == {3}


P = linking.Person


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        pytest.param(
            P("h1", "A", "B", D(1980, 1, 1)),
            P("h1", "X", "Y", D(1990, 1, 1)),
            "same_number",
            id="number",
        ),
        pytest.param(
            P("h1", "A", "B", D(1980, 1, 1)),
            P("h2", "A", "B", D(1980, 1, 1)),
            None,
            id="two-numbers",
        ),
        pytest.param(
            P("", "Zoé", "Van Damme", D(1980, 1, 1)),
            P("h1", "ZOE", "van-damme", D(1980, 1, 1)),
            "same_names",
            id="names",
        ),
        pytest.param(
            P("", "Zoé", "Van Damme", D(1980, 1, 1)),
            P("", "Zoé", "Van Damme", D(1980, 1, 2)),
            None,
            id="birth",
        ),
    ],
)
def test_person_matches(a, b, kind):
    assert linking.match(a, b) == kind


@pytest.mark.parametrize(
    ("notice", "late"),
    [
        # R = Monday 14 June 2027, R + 5 = Saturday 19 June (art. 18 §4: calendar days).
        pytest.param(D(2027, 6, 14), False, id="R"),
        pytest.param(D(2027, 6, 19), False, id="R+5"),
        pytest.param(D(2027, 6, 20), True, id="R+6"),
        pytest.param(D(2027, 6, 25), True, id="25-june"),
    ],
)
def test_notice_timing(notice, late):
    assert (
        deadlines.notice_is_late(
            earliest=D(2027, 6, 14),
            competence_deadline=D(2027, 6, 19),
            notice=notice,
            today=D(2027, 7, 1),
        )
        is late
    )


@pytest.mark.parametrize("notice", [D(2027, 6, 13), D(2027, 7, 2)], ids=["before-R", "future"])
def test_impossible_notice_dates_are_refused(notice):
    with pytest.raises(deadlines.NoticeRefused):
        deadlines.notice_is_late(
            earliest=D(2027, 6, 14),
            competence_deadline=D(2027, 6, 19),
            notice=notice,
            today=D(2027, 7, 1),
        )


@pytest.mark.parametrize(
    ("received", "deadline"),
    [
        pytest.param(D(2027, 6, 15), D(2027, 6, 22), id="tuesday"),
        # Received Friday 7 May 2027: Monday 10 to Friday 14 May.
        pytest.param(D(2027, 5, 7), D(2027, 5, 14), id="friday"),
        # Received Friday 30 April 2027: 3, 4, 5, 7, 10 May (Ascension, 6 May, skipped).
        pytest.param(D(2027, 4, 30), D(2027, 5, 10), id="across-1-may-and-ascension"),
    ],
)
def test_conflict_referral_deadline_in_working_days(received, deadline):
    assert deadlines.conflict_referral_deadline(received) == deadline


@pytest.mark.parametrize(
    ("channel", "received", "reception"),
    [
        pytest.param("desk", D(2026, 11, 21), D(2026, 11, 21), id="desk-saturday-no-shift"),
        pytest.param("letter", D(2026, 4, 6), D(2026, 4, 6), id="letter-easter-monday"),
    ],
)
def test_reception_date_per_channel(channel, received, reception):
    assert deadlines.received_on(channel, None, received) == reception
