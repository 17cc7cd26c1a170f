"""scripts/pip_audit.py reads pip-audit's report: a vulnerability fails, no answer warns."""

import importlib.util
from pathlib import Path

import pytest

spec = importlib.util.spec_from_file_location(
    "pip_audit_script", Path(__file__).parent.parent / "scripts" / "pip_audit.py"
)
pip_audit_script = importlib.util.module_from_spec(spec)
spec.loader.exec_module(pip_audit_script)

CLEAN = {"name": "django", "version": "5.2.19", "vulns": []}
VULNERABLE = {
    "name": "django",
    "version": "5.2.1",
    "vulns": [{"id": "PYSEC-2025-1", "fix_versions": ["5.2.2"], "aliases": []}],
}
SKIPPED = {"name": "celery", "skip_reason": "Dependency not found on PyPI"}


@pytest.mark.parametrize(
    ("dependencies", "code", "message"),
    [
        pytest.param([CLEAN], 0, "no known vulnerability in 1 packages", id="clean"),
        pytest.param([CLEAN, SKIPPED], 0, "1 package(s) could not be audited: celery", id="some"),
        pytest.param(
            [VULNERABLE, SKIPPED], 1, "django 5.2.1: PYSEC-2025-1 (fixed in 5.2.2)", id="vuln"
        ),
        pytest.param([SKIPPED, SKIPPED], 0, "NOT AUDITED", id="no-answer"),
    ],
)
def test_summarise(dependencies, code, message):
    result_code, lines = pip_audit_script.summarise({"dependencies": dependencies, "fixes": []})
    assert result_code == code
    assert any(message in line for line in lines), lines
