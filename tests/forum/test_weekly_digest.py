"""Following a category and the weekly digest: off by default, one click (a POST) to stop."""

from __future__ import annotations

import re
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from forum.digest import make_digest_off_token, send_weekly_digests
from forum.models import CategoryFollow, WeeklyDigest
from forum.notifications import make_unfollow_token
from forum.services import follow_thread, post_reply

pytestmark = pytest.mark.django_db


@pytest.fixture
def follower(login, member, category):
    client = login(member)
    client.post(reverse("forum:category-follow", args=[category.slug]))
    return client


def _digest_on(client):
    return client.post(reverse("forum:digest-settings"), {"action": "on"})


def test_following_a_category_sends_nothing_until_she_asks_for_the_digest(
    follower, member, category, thread_factory
):
    assert CategoryFollow.objects.filter(user=member, category=category).exists()
    thread_factory(title="Spotting after transfer: normal?", body="Day 6 after transfer.")
    assert send_weekly_digests() == 0
    assert mail.outbox == []


def test_the_digest_lists_new_questions_and_answers_in_what_she_follows(
    follower, member, outsider, category, thread_factory, settings
):
    settings.SITE_URL = "https://forum.example.org"
    _digest_on(follower)
    followed = thread_factory(author=member, title="Clexane bruising again", body="Bruises.")
    follow_thread(thread=followed, user=member)
    post_reply(author=outsider, thread=followed, body="Ice before the injection helped me.")
    post_reply(author=outsider, thread=followed, body="And changing sides each evening.")
    thread_factory(author=outsider, title="Spotting after transfer: normal?", body="Day 6.")
    mail.outbox.clear()

    assert send_weekly_digests() == 1
    [message] = mail.outbox
    assert message.to == [member.email]
    assert "Spotting after transfer: normal?" in message.body
    assert "Clexane bruising again (2 new answers)" in message.body
    off_url = re.search(r"https://forum\.example\.org/digest/off/\S+/", message.body).group(0)
    assert message.extra_headers["List-Unsubscribe"] == f"<{off_url}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert member.username not in message.body


def test_the_digest_subject_names_the_site_as_written(follower, outsider, thread_factory, settings):
    settings.SITE_NAME = "Q&A for IVF"
    _digest_on(follower)
    thread_factory(author=outsider, title="Spotting after transfer: normal?", body="Day 6.")
    mail.outbox.clear()
    send_weekly_digests()
    assert mail.outbox[0].subject == "Your week on Q&A for IVF: 1 new question"


def test_nobody_gets_more_than_one_digest_a_week(follower, outsider, thread_factory):
    _digest_on(follower)
    thread_factory(author=outsider, title="Spotting after transfer: normal?", body="Day 6.")
    assert send_weekly_digests() == 1
    thread_factory(author=outsider, title="Another question this week", body="Ten words.")
    assert send_weekly_digests(now=timezone.now() + timedelta(days=2)) == 0
    assert send_weekly_digests(now=timezone.now() + timedelta(days=7)) == 1
    assert "Another question this week" in mail.outbox[-1].body


def test_opening_the_stop_link_only_asks_and_a_post_turns_the_digest_off(client, member):
    WeeklyDigest.objects.create(user=member)
    url = reverse("forum:digest-off", args=[make_digest_off_token(user_id=member.pk)])
    opened = client.get(url)  # what a mail scanner or link preview does
    assert opened.status_code == HTTPStatus.OK
    assert "Stop the weekly digest?" in opened.content.decode()
    assert WeeklyDigest.objects.filter(user=member).exists()
    one_click = client.post(url, {"List-Unsubscribe": "One-Click"})  # RFC 8058, no CSRF token
    assert one_click.status_code == HTTPStatus.OK
    assert not WeeklyDigest.objects.filter(user=member).exists()
    client.post(url, {"action": "on"})
    assert WeeklyDigest.objects.filter(user=member).exists()


def test_a_forged_or_thread_unfollow_token_cannot_stop_a_digest(client, member, thread):
    WeeklyDigest.objects.create(user=member)
    for token in ("nonsense", make_unfollow_token(user_id=member.pk, thread_id=thread.pk)):
        response = client.post(reverse("forum:digest-off", args=[token]))
        assert response.status_code == HTTPStatus.BAD_REQUEST
        assert "This link does not work" in response.content.decode()
    assert WeeklyDigest.objects.filter(user=member).exists()


def test_the_category_page_offers_follow_and_digest_buttons(follower, category):
    page = follower.get(category.get_absolute_url()).content.decode()
    assert "You follow this category" in page
    assert "Weekly digest e-mail: off" in page
    _digest_on(follower)
    page = follower.get(category.get_absolute_url()).content.decode()
    assert "Weekly digest e-mail: on" in page
    follower.post(reverse("forum:digest-settings"), {"action": "off"})
    follower.post(reverse("forum:category-follow", args=[category.slug]), {"action": "unfollow"})
    page = follower.get(category.get_absolute_url()).content.decode()
    assert "Weekly digest e-mail: off" in page
    assert "Follow " + category.name in page


def test_following_needs_a_login_and_a_post(client, category):
    url = reverse("forum:category-follow", args=[category.slug])
    assert client.post(url).status_code == HTTPStatus.FOUND
    assert not CategoryFollow.objects.exists()
