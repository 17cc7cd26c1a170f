"""How often this process carried on without a component it could not reach.

Counted in memory, per process, since it started (docs/notifications.md, "Redis and
broker outages"): the figure must not depend on the component that is down. /health/
shows it; the WARNING log lines say when.
"""

import threading
from collections import Counter

_lock = threading.Lock()
_counts: Counter[str] = Counter()


def degraded_record(what: str) -> None:
    with _lock:
        _counts[what] += 1


def degraded_counts() -> dict[str, int]:
    with _lock:
        return dict(_counts)
