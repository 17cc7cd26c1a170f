"""Audit the installed Python packages against PyPI's advisory database (pip-audit).

Fails on a known vulnerability. When the advisory database cannot be reached, or does
not answer for the packages (some mirrors and proxies only serve the package index),
says so clearly and does not fail: the audit did not happen, it did not pass.

    .venv/bin/python scripts/pip_audit.py [extra pip-audit arguments, e.g. --ignore-vuln ID]
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

PIP_AUDIT = Path(sys.executable).with_name("pip-audit")


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        report_path = Path(folder) / "report.json"
        result = subprocess.run(  # noqa: S603 — our own venv's pip-audit, fixed arguments
            [
                str(PIP_AUDIT),
                "--skip-editable",
                "--progress-spinner=off",
                "--timeout=20",
                "--format=json",
                f"--output={report_path}",
                *sys.argv[1:],
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        report = json.loads(report_path.read_text()) if report_path.exists() else None

    if report is None:
        last_line = (result.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"pip-audit: NOT AUDITED, the advisory database did not answer ({last_line}).")
        return 0
    code, lines = summarise(report)
    print("\n".join(lines))
    return code


def summarise(report: dict) -> tuple[int, list[str]]:
    """Exit code and messages for pip-audit's JSON report."""
    dependencies = report["dependencies"]
    vulnerable = [dep for dep in dependencies if dep.get("vulns")]
    unaudited = [dep for dep in dependencies if dep.get("skip_reason")]
    lines = []
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            versions = ", ".join(vuln.get("fix_versions") or [])
            fixed = f"fixed in {versions}" if versions else "no fixed version yet"
            lines.append(f"pip-audit: {dep['name']} {dep['version']}: {vuln['id']} ({fixed})")
    if vulnerable:
        lines.append(f"pip-audit: {len(vulnerable)} vulnerable package(s). Upgrade the pins.")
        return 1, lines
    audited = len(dependencies) - len(unaudited)
    if not audited:
        lines.append(
            f"pip-audit: NOT AUDITED, the advisory database answered for none of the "
            f"{len(dependencies)} packages (the package index here serves no advisories)."
        )
        return 0, lines
    lines.append(f"pip-audit: no known vulnerability in {audited} packages.")
    if unaudited:
        names = ", ".join(dep["name"] for dep in unaudited)
        lines.append(f"pip-audit: {len(unaudited)} package(s) could not be audited: {names}")
    return 0, lines


if __name__ == "__main__":
    sys.exit(main())
