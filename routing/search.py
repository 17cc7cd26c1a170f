"""Find a commune by a name in any of its languages, the name of a former commune or
section (docs/routing.md), or a postal code.

Names are compared after :func:`normalise`: accents, case, apostrophes, hyphens and
spaces do not matter, and "Saint", "Sint", "Sankt" and "St" are the same word, so
"braine l alleud", "Braine-l'Alleud" and "BRAINE-L’ALLEUD" all find Braine-l’Alleud.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from .models import Commune

_SAINT = re.compile(r"\b(saint|sainte|sint|sankt|ste|st)\b")
_STARTS_WITH_SAINT = re.compile(r"^\W*(saint|sainte|sint|sankt|ste|st)\b")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_POSTAL_CODE = re.compile(r"\b(\d{4})\b")
SEPARATOR = "|"
LIMIT = 20


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalise(text: str) -> str:
    """Lower-case ASCII letters and digits only, with the saints' prefixes unified."""
    words = _NOT_ALNUM.sub(" ", _ascii(text))
    return _NOT_ALNUM.sub("", _SAINT.sub("st", words))


def starts_with_saint(text: str) -> bool:
    """ "Sint-Truiden", "Saint-Gilles", "St. Vith" — not "Stavelot"."""
    return bool(_STARTS_WITH_SAINT.match(_NOT_ALNUM.sub(" ", _ascii(text))))


def search_key(names: Iterable[str]) -> str:
    """The value stored in ``Commune.search_key``: every distinct normalised name."""
    keys = dict.fromkeys(normalise(name) for name in names if name)
    return SEPARATOR + SEPARATOR.join(keys) + SEPARATOR


@dataclass(frozen=True)
class SearchResult:
    communes: list[Commune]
    more: bool  # more communes matched than the list holds: type more letters


def find_communes(query: str, limit: int = LIMIT) -> SearchResult:
    """Communes matching ``query``, best first, at most ``limit``.

    A four-digit number is read as a postal code (any words beside it narrow the
    result). Otherwise: names (or former communes and sections) equal to the query
    first, then names starting with it, then names containing it; alphabetical within
    each group. A query starting with Saint/Sint/St puts the communes whose name
    really starts with a saint before the others ("Sint" is not "Stavelot").
    """
    postal_code = _POSTAL_CODE.search(query)
    words = normalise(_POSTAL_CODE.sub(" ", query))
    communes = Commune.objects.select_related("cpas").prefetch_related("sections")
    if postal_code:
        communes = communes.filter(postal_codes__code=postal_code.group(1))
    elif len(words) < 2:
        return SearchResult([], more=False)
    if words:
        communes = communes.filter(
            Q(search_key__contains=words) | Q(sections__search_key__contains=words)
        ).distinct()
    saint_query = starts_with_saint(_POSTAL_CODE.sub(" ", query))

    def rank(commune) -> tuple[int, int, int, str]:
        names = commune.search_key.strip(SEPARATOR).split(SEPARATOR)
        sections = [section.search_key for section in commune.sections.all()]
        if words in names:
            group = 0
        elif words in sections:
            group = 1
        elif any(name.startswith(words) for name in names):
            group = 2
        elif any(section.startswith(words) for section in sections):
            group = 3
        else:
            group = 4
        real_saint = saint_query and any(
            starts_with_saint(name)
            for name in (commune.name_fr, commune.name_nl, commune.name_de)
            if name
        )
        shown = normalise(commune.name)  # in the page's language
        return (
            (0 if real_saint or not saint_query else 1),
            group,
            0 if shown.startswith(words) else 1,
            shown,
        )

    ranked = sorted(communes, key=rank)
    return SearchResult(ranked[:limit], more=len(ranked) > limit)


def search_communes(query: str, limit: int = LIMIT) -> list[Commune]:
    """The communes of :func:`find_communes`, without saying whether more matched."""
    return find_communes(query, limit).communes
