"""Which requests are of the same person (circular 9.2; docs/linked-requests.md): pure.

Two requests with the same national (or BIS) number are of the same person. When one
of them has no number, names and date of birth that match make only a *possible* match,
which staff confirm or dismiss. Two different numbers are two people.
"""

import unicodedata
from dataclasses import dataclass

from .constants import LinkKind, LinkStatus


@dataclass(frozen=True)
class Person:
    number_hash: str  # the keyed hash of the national number, or ""
    first_name: str
    last_name: str
    birth: tuple[int, int | None, int | None]  # year, month, day (None: not known)


def name_key(text: str) -> str:
    """Names compared without case, accents, hyphens, apostrophes or spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


def match(a: Person, b: Person) -> LinkKind | None:
    """How ``a`` and ``b`` are known to be the same person, or None."""
    if a.number_hash and b.number_hash:
        return LinkKind.SAME_NUMBER if a.number_hash == b.number_hash else None
    same_names = name_key(a.last_name) == name_key(b.last_name) and name_key(
        a.first_name
    ) == name_key(b.first_name)
    if same_names and a.birth == b.birth:
        return LinkKind.SAME_NAMES
    return None


def initial_status(kind: LinkKind) -> LinkStatus:
    """A same-number link is certain; a names match waits for staff."""
    return LinkStatus.LINKED if kind == LinkKind.SAME_NUMBER else LinkStatus.POSSIBLE


def counts(status: LinkStatus) -> bool:
    """Whether the link joins the two requests (the first date counts, 9.2.1)."""
    return status in (LinkStatus.LINKED, LinkStatus.CONFIRMED)
