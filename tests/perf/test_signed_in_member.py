"""What a signed-in member sees of their own account is never out of date."""

from __future__ import annotations

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from moderation import services as moderation
from moderation.notify import notify_member

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=["django.contrib.sessions.backends.db", "accounts.sessions"])
def session_engine(request, settings):
    """Each test with sessions in the database and with the production store, which fetches
    the member's cached row with the session."""
    settings.SESSION_ENGINE = request.param


def test_a_suspension_applies_on_the_members_next_request(client, member, moderator, thread):
    client.force_login(member)
    client.get(thread.get_absolute_url())

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
