"""Paths, sizes and the skip rule the browser tests share."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Debian's Chromium (`playwright install` is not used); CHROMIUM=/path overrides it.
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Where tests/conftest.py keeps the rows the migrations seeded (see its django_db_setup).
SEEDED_ROWS = pytest.StashKey[str | None]()

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def missing(what: str) -> None:
    """Skip because a tool is not installed; in CI (BROWSER_TESTS_REQUIRED=1) fail instead."""
    if os.environ.get("BROWSER_TESTS_REQUIRED") == "1":
        pytest.fail(f"{what} (BROWSER_TESTS_REQUIRED=1)", pytrace=False)
    pytest.skip(what)


def chromium_launch_args() -> dict:
    """pytest-playwright's `browser_type_launch_args`: the machine's Chromium, headless."""
    if not CHROMIUM.exists():
        missing(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    return {
        "executable_path": str(CHROMIUM),
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }
