"""The house's structure holds (docs/architecture.md): the apps' layers, file sizes."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = [
    *("cpasonline", "routing", "intake", "notifications", "eid", "wizard", "backoffice"),
    *("sandbox", "contact", "vendors", "integration", "connector", "monitoring"),
]
MAX_LINES = 400


def test_no_app_imports_a_layer_above_it():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(  # noqa: S603
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert "0 broken" in result.stdout


def test_application_files_stay_under_the_house_limit():
    """A module past the limit becomes a package (migrations are generated)."""
    too_long = {
        str(path.relative_to(ROOT)): lines
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
        and (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert too_long == {}
