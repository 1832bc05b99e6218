"""Static security analysis: bandit finds no medium or high issue that nobody explained.

An issue counts as explained when its line carries `# nosec BXXX - reason` (bandit's own
marker) or the equivalent ruff marker `# noqa: SXXX - reason` (ruff's S rules are bandit's
checks, so one comment serves both linters). `make lint` runs the same bandit command.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXCLUDE = [
    "./.venv",
    "./tests",
    "./node_modules",
    "./var",
    "./test-artifacts",
    "./bench",
    "./devdata",
]  # devdata: measuring sets kept out of git
# bandit test id -> the ruff rule that covers the same pattern
RUFF_EQUIVALENT = {"B703": "S308", "B308": "S308"}
_EXPLAINED_RE = re.compile(r"#\s*(?:noqa:\s*(?P<codes>S\d+(?:\s*,\s*S\d+)*)|nosec)\b.*?-\s*\w+")


def _bandit() -> list[str]:
    executable = Path(sys.executable).with_name("bandit")
    if not executable.exists():
        found = shutil.which("bandit")
        if not found:
            pytest.skip("bandit is not installed (pip install -e '.[dev]')")
        executable = Path(found)
    return [str(executable)]


def _is_explained(finding: dict) -> bool:
    path = ROOT / finding["filename"]
    lines = path.read_text(encoding="utf-8").splitlines()
    wanted = RUFF_EQUIVALENT.get(finding["test_id"], "S" + finding["test_id"][1:])
    for number in finding.get("line_range") or [finding["line_number"]]:
        if number - 1 >= len(lines):
            continue
        match = _EXPLAINED_RE.search(lines[number - 1])
        if match and (match.group("codes") is None or wanted in match.group("codes")):
            return True
    return False


def test_bandit_finds_no_unexplained_medium_or_high_issues():
    result = subprocess.run(
        [*_bandit(), "-r", ".", "-x", ",".join(EXCLUDE), "-ll", "-f", "json", "-q"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stdout)
    assert not report["errors"], report["errors"]
    unexplained = [
        f"{f['filename']}:{f['line_number']} {f['test_id']} {f['issue_text']}"
        for f in report["results"]
        if not _is_explained(f)
    ]
    assert not unexplained, "\n".join(unexplained)
