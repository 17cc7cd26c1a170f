"""The register's rules (docs/register.md): pure, no database, no clock.

Every request is entered in the register of the CPAS that receives it, in one sequence
per CPAS and calendar year of R, numbered at the instant it is entered. Entries are
made when requests are received, so the order of the numbers is the order of
reception; an entry made on a later day keeps its true reception date and is late.
A register is never renumbered: a line entered out of order stays where it is, marked.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date


def is_late(*, reception: date, entered_on: date) -> bool:
    """An entry made after the day of reception (art. 58 §1 al. 2: "inscrite le jour de
    sa réception")."""
    return entered_on > reception


@dataclass(frozen=True)
class Line:
    number: int
    reception: date
    by_transfer: bool = False  # entered on a transfer, with the sender's R


def out_of_order(lines: Iterable[Line]) -> set[int]:
    """The numbers of the lines whose reception date is before that of a line with a
    smaller number: the chronological order is broken there (a late entry, or a desk
    request received on a day an online request already had a later R). Lines entered
    on a transfer keep the sender's R and are not counted: they arrived that day."""
    latest: date | None = None
    marked = set()
    for line in sorted(lines, key=lambda line: line.number):
        if line.by_transfer:
            continue
        if latest is not None and line.reception < latest:
            marked.add(line.number)
        else:
            latest = line.reception
    return marked
