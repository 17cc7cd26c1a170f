"""The pages' figures change only when the rollup is refreshed (docs/monitoring.md,
"Freshness"): their rendered tables and charts are kept in the cache until the next
refresh, keyed by area, period, language and what the reader may see."""

from django.core.cache import cache
from django.utils.translation import get_language

GENERATION = "monitoring:generation"
LIFETIME = 15 * 60


def rollup_generation_bump() -> None:
    """After each refresh: every kept page is out of date."""
    try:
        cache.incr(GENERATION)
    except ValueError:
        cache.set(GENERATION, 1, None)


def cached_fragment(parts: tuple, render):
    """What ``render()`` returns (a page's text, or its text and period, or a CSV's rows),
    kept until the next refresh under ``parts``; computed again when absent (or None)."""
    generation = cache.get(GENERATION, 0)
    key = "monitoring:page:" + ":".join(str(part) for part in (generation, get_language(), *parts))
    found = cache.get(key)
    if found is None:
        found = render()
        cache.set(key, found, LIFETIME)
    return found
