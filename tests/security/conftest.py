"""Browser settings for the injection and CSP tests: the same Chromium as tests/browser."""

from __future__ import annotations

import pytest

from tests.browser.support import chromium_launch_args


@pytest.fixture(scope="session")
def base_url():
    return None


@pytest.fixture(scope="session")
def browser_type_launch_args():
    return chromium_launch_args()
