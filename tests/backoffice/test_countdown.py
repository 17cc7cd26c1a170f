"""Days left to a deadline, in words and colour (docs/legal-dates.md)."""

from datetime import date

import pytest

from backoffice.countdown import countdown

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("deadline", "text", "css_class"),
    [
        pytest.param(date(2026, 11, 26), "3 days left", "tag--ok", id="three-days-left"),
        pytest.param(date(2026, 11, 25), "2 days left", "tag--soon", id="two-days-left-is-soon"),
        pytest.param(date(2026, 11, 24), "1 day left", "tag--soon", id="one-day-singular"),
        pytest.param(date(2026, 11, 23), "today", "tag--today", id="today"),
        pytest.param(date(2026, 11, 22), "1 day late", "tag--late", id="one-day-late"),
        pytest.param(date(2026, 11, 21), "2 days late", "tag--late", id="two-days-late"),
    ],
)
def test_countdown_in_words_and_colour(deadline, text, css_class):
    result = countdown(deadline, TODAY)
    assert (result.text, result.css_class) == (text, css_class)


def test_a_step_done_has_no_countdown():
    result = countdown(date(2026, 11, 1), TODAY, done=True)
    assert (result.days_left, result.css_class, result.text) == (None, "tag--neutral", "done")
