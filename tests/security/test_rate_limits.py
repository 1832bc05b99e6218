"""Asking, replying, editing, flagging and voting are rate-limited per member and per IP."""

from __future__ import annotations

import os
import subprocess
import sys
from http import HTTPStatus
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import reverse

from config.ratelimit import parse_rate
from forum.models import Post, Thread
from forum.services import post_reply

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def tight_limits(settings):
    settings.FORUM_RATE_LIMITS_ENABLED = True
    settings.FORUM_RATE_LIMITS = {
        "ask": {"user": "2/10m", "ip": "3/h"},
        "reply": {"user": "2/10m", "ip": "3/h"},
        "edit": {"user": "2/10m", "ip": "3/h"},
        "flag": {"user": "2/h", "ip": "3/h"},
        "vote": {"user": "2/10m", "ip": "3/h"},
    }


def _reply(client, thread, n):
    return client.post(
        reverse("forum:reply-create", args=[thread.pk]), {"body": f"Reply number {n} here."}
    )


def test_rates_read_as_count_per_period():
    assert parse_rate("5/10m").count == 5
    assert parse_rate("5/10m").seconds == 600
    assert parse_rate("20/h").seconds == 3600
    assert parse_rate("1/30s").seconds == 30


def test_a_member_replying_too_fast_gets_a_friendly_429_page(tight_limits, login, member, thread):
    client = login(member)
    assert _reply(client, thread, 1).status_code == HTTPStatus.FOUND
    assert _reply(client, thread, 2).status_code == HTTPStatus.FOUND
    response = _reply(client, thread, 3)
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert int(response["Retry-After"]) > 0
    page = response.content.decode()
    assert "Please slow down" in page
    assert "try again in about" in page
    assert Post.objects.filter(thread=thread, is_question=False).count() == 2


def test_the_limit_is_also_per_ip_address_across_accounts(
    tight_limits, login, member, outsider, expert, thread, client
):
    for n, person in enumerate([member, member, outsider]):
        client.force_login(person)
        assert _reply(client, thread, n).status_code == HTTPStatus.FOUND
    client.force_login(expert)
    assert _reply(client, thread, 9).status_code == HTTPStatus.TOO_MANY_REQUESTS


def test_asking_too_fast_is_limited(tight_limits, login, member, category):
    client = login(member)
    statuses = [
        client.post(
            reverse("forum:thread-start"),
            {
                "category": category.pk,
                "title": f"Question number {n} about transfer day",
                "body": "Some details about my question for other members here.",
            },
        ).status_code
        for n in range(3)
    ]
    assert statuses == [HTTPStatus.FOUND, HTTPStatus.FOUND, HTTPStatus.TOO_MANY_REQUESTS]
    assert Thread.objects.filter(author=member).count() == 2


def test_previews_and_invalid_forms_do_not_use_up_the_limit(tight_limits, login, member, thread):
    client = login(member)
    for _ in range(3):
        client.post(reverse("forum:reply-create", args=[thread.pk]), {"body": "x", "preview": "1"})
        client.post(reverse("forum:reply-create", args=[thread.pk]), {"body": ""})
    assert _reply(client, thread, 1).status_code == HTTPStatus.FOUND


def _edit(client, post, body: str):
    return client.post(reverse("forum:post-edit", args=[post.pk]), {"body": body})


def test_editing_too_fast_gives_back_the_edit_page_with_the_text_unsaved(
    tight_limits, login, member, thread
):
    answer = post_reply(author=member, thread=thread, body="It took about twenty minutes.")
    client = login(member)
    assert _edit(client, answer, "It took about twenty minutes, all told.").status_code == 302
    assert _edit(client, answer, "It took about twenty-five minutes.").status_code == 302
    response = _edit(client, answer, "My third version, written with care over an hour.")
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert int(response["Retry-After"]) > 0
    page = response.content.decode()
    assert "Please slow down a little: your changes are not saved yet." in page
    assert "try again in about" in page
    assert "My third version, written with care over an hour." in page  # in the box, to save
    answer.refresh_from_db()
    assert answer.body == "It took about twenty-five minutes."


def test_edit_previews_do_not_use_up_the_limit(tight_limits, login, member, thread):
    answer = post_reply(author=member, thread=thread, body="It took about twenty minutes.")
    client = login(member)
    url = reverse("forum:post-edit", args=[answer.pk])
    for _ in range(3):
        assert client.post(url, {"body": "A preview only.", "preview": "1"}).status_code == 200
    assert _edit(client, answer, "It took about twenty minutes, all told.").status_code == 302


def test_voting_too_fast_is_limited(tight_limits, login, outsider, thread_factory, member):
    posts = [
        thread_factory(author=member, title=f"Waiting times, question {n} of mine").posts.get()
        for n in range(3)
    ]
    client = login(outsider)
    statuses = [client.post(reverse("forum:vote", args=[post.pk])).status_code for post in posts]
    assert statuses[-1] == HTTPStatus.TOO_MANY_REQUESTS
    assert statuses[:2] == [HTTPStatus.FOUND, HTTPStatus.FOUND]


def test_flagging_too_fast_is_limited(tight_limits, login, outsider, thread_factory, member):
    posts = [
        thread_factory(author=member, title=f"Scan results, question {n} of mine").posts.get()
        for n in range(3)
    ]
    client = login(outsider)
    statuses = [
        client.post(
            reverse("moderation-member:flag", args=[post.pk]), {"reason": "spam", "note": ""}
        ).status_code
        for post in posts
    ]
    assert statuses == [HTTPStatus.FOUND, HTTPStatus.FOUND, HTTPStatus.TOO_MANY_REQUESTS]


def test_moderators_are_not_slowed_down(tight_limits, login, moderator, thread):
    client = login(moderator)
    assert all(_reply(client, thread, n).status_code == HTTPStatus.FOUND for n in range(4))


def _allauth_limits_with(rate_limits: str) -> str:
    probe = (
        "import django; django.setup(); from allauth.account import app_settings; "
        "from django.conf import settings; "
        "print(bool(app_settings.RATE_LIMITS), settings.FORUM_RATE_LIMITS_ENABLED)"
    )
    env = {**os.environ, "RATE_LIMITS": rate_limits, "DJANGO_SETTINGS_MODULE": "config.settings"}
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()


def test_rate_limits_0_turns_off_allauths_limits_too():
    assert _allauth_limits_with("1") == "True True"
    assert _allauth_limits_with("0") == "False False"


def _wrong_logins(client, member, times: int) -> list[str]:
    """What each of `times` failed logins says: "paused" once allauth stops checking."""
    url = reverse("account_login")
    data = {"login": member.email, "password": "not-the-password"}
    pages = [client.post(url, data).content.decode() for _ in range(times)]
    return ["paused" if "Too many tries to log in" in page else "wrong" for page in pages]


def test_with_allauths_limits_off_failed_logins_are_not_paused(settings, client, member):
    assert "paused" in _wrong_logins(client, member, 8)  # allauth's default limit
    cache.clear()
    settings.ACCOUNT_RATE_LIMITS = False  # what RATE_LIMITS=0 sets
    assert set(_wrong_logins(client, member, 8)) == {"wrong"}


def test_limits_can_be_switched_off(settings, login, member, thread):
    settings.FORUM_RATE_LIMITS_ENABLED = False
    client = login(member)
    assert all(_reply(client, thread, n).status_code == HTTPStatus.FOUND for n in range(25))


def test_rate_limits_0_in_the_environment_turns_off_allauths_limits_too():
    """What .env.example promises, read from the environment as the settings module reads it."""
    import json
    import os
    import subprocess
    import sys

    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps([settings.FORUM_RATE_LIMITS_ENABLED, "
        "getattr(settings, 'ACCOUNT_RATE_LIMITS', 'allauth defaults')]))"
    )
    seen = {}
    for value in ("0", "1"):
        env = {**os.environ, "RATE_LIMITS": value, "DJANGO_SETTINGS_MODULE": "config.settings"}
        out = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        ).stdout
        seen[value] = json.loads(out.strip().splitlines()[-1])
    assert seen["0"] == [False, False]
    assert seen["1"] == [True, "allauth defaults"]
