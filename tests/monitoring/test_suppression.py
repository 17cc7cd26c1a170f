"""Small cells (docs/monitoring.md, "Small cells"): counts of 1 to 4 hidden, and a second
cell hidden when one hidden cell could be worked out from a total shown."""

import pytest

from monitoring.suppression import hidden_cells, ratio_hidden

H, S = True, False  # hidden, shown


@pytest.mark.parametrize(
    ("counts", "total_shown", "expected"),
    [
        ([0, 0, 0], True, [S, S, S]),  # zeros tell nothing about anyone
        ([5, 12, 40], True, [S, S, S]),
        ([10, 3, 7], True, [S, H, H]),  # 3 = 20 - 10 - 7: the 7 is hidden too
        ([10, 0, 3], True, [H, S, H]),  # 3 = 13 - 10 - 0: the 10 goes with it
        ([10, 3, 2], True, [S, H, H]),  # two hidden cells: neither can be worked out
        ([4], True, [H]),  # its total is small and hidden itself
        ([2, 1], True, [H, H]),
        ([10, 3, 7], False, [S, H, S]),  # needs: a request has several, no total to subtract
    ],
)
def test_hidden_cells(counts, total_shown, expected):
    assert hidden_cells(counts, total_shown=total_shown) == expected


@pytest.mark.parametrize(("denominator", "hidden"), [(0, True), (4, True), (5, False)])
def test_a_share_rests_on_five_requests_at_least(denominator, hidden):
    assert ratio_hidden(denominator) is hidden
