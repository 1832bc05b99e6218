"""The signed-in member's user row comes from the cache, and is never out of date."""

from __future__ import annotations

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from moderation import services as moderation
from moderation.notify import notify_member

pytestmark = pytest.mark.django_db

USER_TABLE = get_user_model()._meta.db_table


def _user_queries(captured) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if f'FROM "{USER_TABLE}"' in q["sql"]]


def test_a_members_second_page_does_not_read_their_row_from_the_database(
    client, member, django_assert_max_num_queries
):
    client.force_login(member)
    url = reverse("accounts:profile", args=[member.username])
    client.get(url)

    with django_assert_max_num_queries(20) as captured:
        page = client.get(url).content.decode()

    assert member.display_name in page
    assert not [sql for sql in _user_queries(captured) if '"id" = ' in sql and "LIMIT 21" in sql]


def test_a_suspension_applies_on_the_members_next_request(client, member, moderator, thread):
    client.force_login(member)
    client.get(thread.get_absolute_url())  # the row is cached now

    moderation.suspend_member(
        moderator=moderator,
        member=member,
        until=timezone.now() + timedelta(days=3),
        reason="Repeated advice to stop medicines.",
    )

    assert "1 new notice" in client.get(thread.get_absolute_url()).content.decode()
    response = client.post(
        reverse("forum:reply-create", args=[thread.pk]), {"body": "Still here, and posting."}
    )
    assert response.status_code == HTTPStatus.FORBIDDEN


def test_a_new_notice_shows_in_the_header_at_once(client, member, thread):
    client.force_login(member)
    assert "new notice" not in client.get(thread.get_absolute_url()).content.decode()

    notify_member(user=member, kind="warning", message="Please keep answers kind.")

    assert "1 new notice" in client.get(thread.get_absolute_url()).content.decode()
    client.get(reverse("moderation-member:notices"))  # reading them clears the count
    assert "new notice" not in client.get(thread.get_absolute_url()).content.decode()


def test_a_password_change_ends_the_members_other_sessions(client, member, thread):
    client.force_login(member)
    assert "Log out" in client.get(thread.get_absolute_url()).content.decode()

    member.set_password("a-completely-new-passphrase")
    member.save()

    assert "Log out" not in client.get(thread.get_absolute_url()).content.decode()


def test_a_deactivated_member_is_signed_out(client, member, thread):
    client.force_login(member)
    client.get(thread.get_absolute_url())

    member.is_active = False
    member.save(update_fields=["is_active"])

    assert "Log out" not in client.get(thread.get_absolute_url()).content.decode()


def test_a_new_display_name_shows_at_once(client, member, thread):
    client.force_login(member)
    client.get(thread.get_absolute_url())

    member.display_name = "Tess C."
    member.save(update_fields=["display_name"])

    header = client.get(thread.get_absolute_url()).content.decode().split("</header>")[0]
    assert "Tess C." in header


@override_settings(USER_CACHE_SECONDS=0)
def test_the_user_cache_can_be_switched_off(client, member, django_assert_max_num_queries):
    client.force_login(member)
    url = reverse("accounts:profile", args=[member.username])
    client.get(url)
    with django_assert_max_num_queries(20) as captured:
        client.get(url)
    assert _user_queries(captured)


@override_settings(SESSION_ENGINE="accounts.sessions")
def test_the_session_and_the_members_row_come_in_one_cache_round_trip(client, member, monkeypatch):
    client.force_login(member)
    url = reverse("accounts:profile", args=[member.username])
    client.get(url)  # this process now knows whose session it is

    calls = []
    inside_get_many = []  # the local-memory cache's get_many calls its own get per key

    def counting(name, original):
        def counted(*args, **kwargs):
            if not inside_get_many:
                calls.append((name, args[0]))
            inside_get_many.append(name == "get_many")
            try:
                return original(*args, **kwargs)
            finally:
                inside_get_many.pop()

        return counted

    for name in ("get", "get_many"):
        monkeypatch.setattr(cache, name, counting(name, getattr(cache, name)))
    page = client.get(url).content.decode()

    assert member.display_name in page
    session_reads = [keys for _name, keys in calls if "django.contrib.sessions" in str(keys)]
    assert len(session_reads) == 1
    assert any(f"authuser:{member.pk}" in key for key in session_reads[0])
    # Nothing else went back for the row.
    assert not [k for name, k in calls if name == "get" and f"authuser:{member.pk}" in str(k)]


@override_settings(SESSION_ENGINE="accounts.sessions")
def test_signing_in_as_someone_else_on_the_same_browser_shows_them(
    client, member, outsider, thread
):
    client.force_login(member)
    assert member.display_name in client.get(thread.get_absolute_url()).content.decode()

    client.force_login(outsider)

    page = client.get(thread.get_absolute_url()).content.decode()
    assert outsider.display_name in page
    assert member.display_name not in page.split("</header>")[0]
