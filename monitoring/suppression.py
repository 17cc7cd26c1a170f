"""Small cells are not shown (docs/monitoring.md, "Small cells"). Pure rules.

A count from 1 to 4 is shown as "< 5"; a share or a mean is shown only when it rests on
at least five requests. Where the cells of a column add up to a total shown elsewhere
(the languages of the requests received, the regions, the weeks of a period), one hidden
cell could be worked out from the total and the others: then the smallest other cell
that is not zero is hidden too (secondary suppression)."""

SMALL = 5


def is_small(count: int) -> bool:
    return 0 < count < SMALL


def hidden_cells(counts: list[int], *, total_shown: bool = True) -> list[bool]:
    """Which of these counts of one column are hidden. ``total_shown``: their sum is
    shown somewhere (it is, unless it is small itself)."""
    hidden = [is_small(count) for count in counts]
    if total_shown and not is_small(sum(counts)) and sum(hidden) == 1:
        others = [(count, i) for i, count in enumerate(counts) if count and not hidden[i]]
        if others:
            hidden[min(others)[1]] = True
    return hidden


def ratio_hidden(denominator: int) -> bool:
    """A share or a mean of fewer than five requests is not shown."""
    return denominator < SMALL
