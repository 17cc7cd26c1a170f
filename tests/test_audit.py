"""`make audit` runs bandit on every package of ours (the apps of the import-linter's
contracts and the reference connector), and bandit finds nothing there: each finding is
fixed, or its `# nosec` says why on the line (README, "Security")."""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).parent.parent


def audited() -> list[str]:
    makefile = (ROOT / "Makefile").read_text()
    command = re.search(r"^audit:.*?\n((?:\t.*\n)+)", makefile, re.M).group(1)
    bandit = command.split("scripts/pip_audit.py")[0].replace("\\\n", " ")
    return [word for word in bandit.split() if (ROOT / word / "__init__.py").exists()]


def test_the_audit_covers_every_package_of_ours():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    packages = set(config["tool"]["importlinter"]["root_packages"]) | {"connector"}
    assert set(audited()) == packages


def test_bandit_finds_nothing():
    bandit = Path(sys.executable).with_name("bandit")
    result = subprocess.run(  # noqa: S603 — our venv's bandit, our packages
        [str(bandit), "--quiet", "--recursive", "--exclude", "*/migrations/*", *audited()],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout
