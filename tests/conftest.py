"""Shared fixtures: named people and factories (see STYLE.md habit 12)."""

from __future__ import annotations

import itertools
import os

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM use there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402
from django.db import connection  # noqa: E402

from tests.browser.support import SEEDED_ROWS  # noqa: E402

_counter = itertools.count(1)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, request):
    """pytest-django's test database, plus the rows the migrations seeded, kept aside.

    Django serialises those rows (disclaimer, crisis and urgent-care numbers) on the
    connection that made the database, to restore them after each transactional test.
    Read them here, at once. Read later, in a full run, the connection this thread sees no
    longer has them (CI failed on it: by the first browser test, 471 tests in, the attribute
    was gone; the browser tests run alone still had it). Which earlier test swaps the
    connection object was not pinned down. tests/browser/conftest.py puts them back from here.
    """
    request.config.stash[SEEDED_ROWS] = getattr(connection, "_test_serialized_contents", None)


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def user_factory(db):
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    def make(*, display_name: str | None = None, password: str = "correct-horse-battery", **extra):
        n = next(_counter)
        username = extra.pop("username", f"person{n}")
        email = extra.pop("email", f"{username}@example.com")
        user = get_user_model().objects.create_user(
            username=username,
            email=email,
            password=password,
            display_name=display_name or f"Person {n}",
            **extra,
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        return user

    return make


@pytest.fixture
def member(user_factory):
    return user_factory(username="tessa", display_name="T.C.", location="Leeds, UK")


@pytest.fixture
def outsider(user_factory):
    return user_factory(username="otto", display_name="O.B.")


@pytest.fixture
def moderator(user_factory):
    from tests.security.support import enable_totp

    # Moderators and staff must have two-factor authentication (accounts.middleware).
    user = user_factory(username="moira", display_name="Moira", is_moderator=True)
    enable_totp(user)
    return user


@pytest.fixture
def admin_user(user_factory):
    from tests.security.support import enable_totp

    user = user_factory(username="root", display_name="Admin", is_staff=True, is_superuser=True)
    enable_totp(user)
    return user


@pytest.fixture
def enable_totp(db):
    """`enable_totp(user)` gives the user an authenticator app and returns its secret;
    `tests.security.support.totp_code(secret)` gives the current code."""
    from tests.security.support import enable_totp as enable

    return enable


@pytest.fixture
def expert_factory(user_factory, admin_user):
    """`expert_factory(username=..., display_name=..., title=..., organisation=...,
    is_prescriber=False)`: a member with an expert profile the admin has verified."""
    from django.utils import timezone

    from accounts.models import ExpertProfile

    def make(
        *,
        username: str,
        display_name: str,
        title: str,
        organisation: str,
        is_prescriber=False,
        professional_name: str | None = None,
        linked_to_member: bool = False,
    ):
        user = user_factory(username=username, display_name=display_name)
        ExpertProfile.objects.create(
            user=user,
            # By default the expert answers under the same name as their display name.
            professional_name=display_name if professional_name is None else professional_name,
            linked_to_member=linked_to_member,
            title=title,
            organisation=organisation,
            is_prescriber=is_prescriber,
            status=ExpertProfile.Status.VERIFIED,
            reviewed_by=admin_user,
            reviewed_at=timezone.now(),
        )
        return user

    return make


@pytest.fixture
def expert(expert_factory):
    return expert_factory(
        username="daniel",
        display_name="Daniel Marsh",
        title="Consultant Clinical Embryologist",
        organisation="Westbrook Fertility Centre",
    )


@pytest.fixture
def category(db):
    from forum.models import Category

    return Category.objects.create(
        name="IVF and treatment", slug="ivf-and-treatment", description="Questions about IVF."
    )


@pytest.fixture
def thread_factory(db, category, user_factory):
    from forum.services import start_thread

    def make(
        *,
        author=None,
        title: str = "How long did your frozen transfer take?",
        body: str = "I have my first frozen embryo transfer next week and feel nervous.",
        category=category,
    ):
        return start_thread(
            author=author or user_factory(), category=category, title=title, body=body
        )

    return make


@pytest.fixture
def thread(thread_factory, member):
    return thread_factory(author=member)


@pytest.fixture
def login(client):
    def do(user):
        client.force_login(user)
        return client

    return do


# Playwright (tests/browser and the injection tests in tests/security) drives Debian's Chromium.
@pytest.fixture(scope="session")
def base_url():
    # Each context gets the live server's address itself; this replaces pytest-playwright's
    # own fallback fixture, which pytest warns about.
    return None


@pytest.fixture(scope="session")
def browser_type_launch_args():
    from tests.browser.support import chromium_launch_args

    return chromium_launch_args()


def pytest_collection_modifyitems(config, items):
    """Every test that commits for real restores the database the same way.

    A transactional test without serialized_rollback ends with a flush that re-creates the
    content types under new ids; a serialized one after it then fails to load the saved
    rows (UNIQUE constraint on django_content_type), and which test breaks depends on the
    order (CI's fresh-clone run without the browser tests met it). So all of them are
    serialized: the rows the migrations seeded (disclaimer, crisis and urgent-care
    resources) are put back after each.
    """
    offenders = []
    for item in items:
        marker = item.get_closest_marker("django_db")
        fixtures = getattr(item, "fixturenames", ())
        transactional = "live_server" in fixtures or "transactional_db" in fixtures
        serialized = "django_db_serialized_rollback" in fixtures
        if marker is not None and (marker.kwargs.get("transaction") or transactional):
            serialized = serialized or marker.kwargs.get("serialized_rollback")
        elif not transactional:
            continue
        if not serialized:
            offenders.append(item.nodeid)
    if offenders:
        raise pytest.UsageError(
            "mark these django_db(transaction=True, serialized_rollback=True)"
            " or have them use the django_db_serialized_rollback fixture:\n  "
            + "\n  ".join(offenders)
        )
