"""Every moderator page: anonymous visitors are sent to log in, members get 403."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _moderator_urls(post_id: int, appeal_id: int) -> list[tuple[str, str]]:
    urls = [
        ("get", reverse("moderation:queue")),
        ("get", reverse("moderation:log")),
        ("get", reverse("moderation:log") + "?format=csv"),
        ("get", reverse("moderation:appeals")),
        ("get", reverse("moderation:post", args=[post_id])),
        ("post", reverse("moderation:bulk")),
        ("post", reverse("moderation:appeal-decide", args=[appeal_id])),
    ]
    for action in (
        "approve",
        "remove",
        "return",
        "edit",
        "lock",
        "unlock",
        "mark-rx",
        "clear-rx",
        "warn",
        "suspend",
        "unsuspend",
    ):
        urls.append(("post", reverse("moderation:post-action", args=[post_id, action])))
    return urls


@pytest.fixture
def appeal(thread, member, moderator):
    from moderation import services
    from moderation.models import ModerationAction

    question = thread.posts.get()
    services.remove_post(moderator=moderator, post=question, reason="Spam")
    action = ModerationAction.objects.get(action="remove")
    return services.file_appeal(appellant=member, action=action, message="It was not spam.")


def test_anonymous_visitors_are_sent_to_log_in_on_every_moderation_url(client, thread, appeal):
    post = thread.posts.get()
    for method, url in _moderator_urls(post.pk, appeal.pk):
        response = getattr(client, method)(url)
        assert response.status_code == HTTPStatus.FOUND, url
        assert response["Location"].startswith(reverse("account_login")), url


def test_signed_in_members_get_403_on_every_moderation_url(login, outsider, thread, appeal):
    client = login(outsider)
    post = thread.posts.get()
    for method, url in _moderator_urls(post.pk, appeal.pk):
        response = getattr(client, method)(url)
        assert response.status_code == HTTPStatus.FORBIDDEN, url


def test_moderators_can_open_the_queue_log_and_appeals(as_moderator):
    for name in ("moderation:queue", "moderation:log", "moderation:appeals"):
        assert as_moderator.get(reverse(name)).status_code == HTTPStatus.OK


def test_member_pages_ask_anonymous_visitors_to_log_in(client, thread):
    post = thread.posts.get()
    for url in (
        reverse("moderation-member:flag", args=[post.pk]),
        reverse("moderation-member:notices"),
        reverse("moderation-member:resubmit", args=[post.pk]),
    ):
        response = client.get(url)
        assert response.status_code == HTTPStatus.FOUND
        assert response["Location"].startswith(reverse("account_login"))
