"""Say whether these pytest arguments select a browser test (exit 0) or none (exit 1).

    .venv/bin/python scripts/browser_tests_selected.py -m 'not browser'   # exit 1
    .venv/bin/python scripts/browser_tests_selected.py                    # exit 0

`make test` installs Chromium, npm and axe-core (`make browser-deps`) only when its
PYTEST_ARGS select a test marked `browser`. The answer comes from pytest's own
collection with the same arguments (markers, `-k`, paths), so it cannot disagree with
the run that follows. Collection needs neither a browser nor a database. When
collection fails, the answer is "none": the run that follows reports the error itself.
"""

import contextlib
import io
import sys

import pytest


class _Selected:
    """Pytest plugin: remembers whether a selected item carries the browser marker."""

    def __init__(self) -> None:
        self.browser = False

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        self.browser = any(item.get_closest_marker("browser") for item in session.items)


def browser_tests_selected(args: list[str]) -> bool:
    selected = _Selected()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        pytest.main([*args, "--collect-only", "-q"], plugins=[selected])
    return selected.browser


if __name__ == "__main__":
    sys.exit(0 if browser_tests_selected(sys.argv[1:]) else 1)
