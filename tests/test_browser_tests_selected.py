"""scripts/browser_tests_selected.py: `make test` installs Chromium, npm and axe-core only
when its PYTEST_ARGS select a browser test (they do by default)."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("arguments", "selected"),
    [
        pytest.param([], True, id="default-run"),
        pytest.param(["-m", "not browser"], False, id="not-browser"),
        pytest.param(["tests/routing/test_rules.py"], False, id="another-folder"),
        pytest.param(["tests/browser/test_pages.py", "-k", "about"], True, id="one-browser-file"),
    ],
)
def test_says_whether_the_arguments_select_a_browser_test(arguments, selected):
    result = subprocess.run(  # noqa: S603 — our own script, fixed arguments
        [sys.executable, "scripts/browser_tests_selected.py", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == (0 if selected else 1), result.stdout + result.stderr
    assert result.stdout == ""
