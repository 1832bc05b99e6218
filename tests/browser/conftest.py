"""Real-browser tests: Playwright driving Debian's Chromium against pytest-django's live_server.

`playwright install` is not used: the tests run the machine's /usr/bin/chromium (CI installs
it) and skip with a clear message when it is missing. Every test here is marked `browser`.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core import serializers

from moderation.models import UrgentCareResource
from tests.browser.support import ARTIFACTS, DESKTOP, PHONE, SEEDED_ROWS


@pytest.fixture(autouse=True)
def _serialized_rollback(django_db_serialized_rollback, request):
    """live_server commits for real: the database is restored as after every such test.

    Django restores the seeded rows from the connection it serialised them on, but under
    Playwright's sync API the test body sees another connection object without them, so
    the restore silently did nothing and every browser test after the first ran with no
    disclaimer and no help numbers (a phone screenshot of the call-now banner showed no
    number to call). Put them back here when Django did not, from the copy
    tests/conftest.py kept when it made the test database.
    """
    seeded_rows = request.config.stash.get(SEEDED_ROWS, None)
    if not seeded_rows or UrgentCareResource.objects.exists():
        return
    # The flush that did run re-created content types, permissions and the site (its
    # post_migrate signal), under new ids: the rest goes back as it was.
    for row in serializers.deserialize("json", seeded_rows):
        model = type(row.object)
        if model._meta.app_label in {"contenttypes", "auth", "sites"}:
            continue
        if not model.objects.filter(pk=row.object.pk).exists():
            row.save()


@pytest.fixture
def open_page(new_context, live_server) -> Callable:
    """A fresh page in its own context: `open_page()`, `open_page(phone=True)`, `open_page(user=u)`.

    `bypass_csp=True` is only for the accessibility scan, which injects axe-core's script.
    """

    def make(*, phone: bool = False, user=None, bypass_csp: bool = False, javascript: bool = True):
        options = {
            "base_url": live_server.url,
            "bypass_csp": bypass_csp,
            "java_script_enabled": javascript,
            "locale": "en-GB",
        }
        if phone:
            options |= {"viewport": PHONE, "is_mobile": True, "has_touch": True}
        else:
            options |= {"viewport": DESKTOP}
        context = new_context(**options)
        context.set_default_timeout(10_000)
        if user is not None:
            log_in_context(context, user, live_server.url)
        return context.new_page()

    return make


def log_in_context(context, user, base_url: str) -> None:
    """Give the browser a logged-in session cookie (the login form has its own journey)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base_url,
            }
        ]
    )


@pytest.fixture
def shot(request) -> Callable:
    """Save a full-page screenshot to test-artifacts/<test name>/<nn>-<name>.png."""
    name = re.sub(r"^test_|chromium-?", "", request.node.name)
    folder = ARTIFACTS / re.sub(r"[^\w.-]+", "-", name).strip("-")[:100]
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    count = 0

    def take(page, name: str) -> Path:
        nonlocal count
        count += 1
        path = folder / f"{count:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
