"""Find a commune by a name in any of its languages, or by a postal code.

Names are compared after :func:`normalise`: accents, case, apostrophes, hyphens and
spaces do not matter, and "Saint", "Sint", "Sankt" and "St" are the same word, so
"braine l alleud", "Braine-l'Alleud" and "BRAINE-L’ALLEUD" all find Braine-l’Alleud.
"""

import re
import unicodedata
from collections.abc import Iterable

from .models import Commune

_SAINT = re.compile(r"\b(saint|sainte|sint|sankt|ste|st)\b")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_POSTAL_CODE = re.compile(r"\b(\d{4})\b")
SEPARATOR = "|"


def normalise(text: str) -> str:
    """Lower-case ASCII letters and digits only, with the saints' prefixes unified."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = _NOT_ALNUM.sub(" ", ascii_text)
    return _NOT_ALNUM.sub("", _SAINT.sub("st", words))


def search_key(names: Iterable[str]) -> str:
    """The value stored in ``Commune.search_key``: every distinct normalised name."""
    keys = dict.fromkeys(normalise(name) for name in names if name)
    return SEPARATOR + SEPARATOR.join(keys) + SEPARATOR


def search_communes(query: str, limit: int = 20) -> list[Commune]:
    """Communes matching ``query``, best first.

    A four-digit number is read as a postal code (any words beside it narrow the
    result). Otherwise: names equal to the query first, then names starting with it,
    then names containing it; alphabetical within each group.
    """
    postal_code = _POSTAL_CODE.search(query)
    words = normalise(_POSTAL_CODE.sub(" ", query))
    communes = Commune.objects.select_related("cpas")
    if postal_code:
        communes = communes.filter(postal_codes__code=postal_code.group(1))
    elif len(words) < 2:
        return []
    if words:
        communes = communes.filter(search_key__contains=words)

    def rank(commune) -> tuple[int, str]:
        if f"{SEPARATOR}{words}{SEPARATOR}" in commune.search_key:
            group = 0
        elif f"{SEPARATOR}{words}" in commune.search_key:
            group = 1
        else:
            group = 2
        return group, normalise(commune.name)

    return sorted(communes, key=rank)[:limit]
