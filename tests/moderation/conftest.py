"""Fixtures for the moderation tests: a second moderator, answers, and e-mail on commit."""

from __future__ import annotations

import pytest


@pytest.fixture
def second_moderator(user_factory, enable_totp):
    user = user_factory(username="mark", display_name="Mark", is_moderator=True)
    enable_totp(user)
    return user


@pytest.fixture
def answer_factory(user_factory):
    from forum.services import post_reply

    def make(*, thread, author=None, body="That happened to me too, it settled after a week."):
        return post_reply(author=author or user_factory(), thread=thread, body=body)

    return make


@pytest.fixture
def answer(answer_factory, thread, outsider):
    return answer_factory(thread=thread, author=outsider)


@pytest.fixture
def hold_new_account_links(settings):
    settings.NEW_ACCOUNT_LINK_HOLD_HOURS = 24


@pytest.fixture
def as_moderator(moderator):
    """A browser of its own, signed in as the moderator (`login` uses the default client)."""
    from django.test import Client

    client = Client()
    client.force_login(moderator)
    return client


@pytest.fixture
def sent_mail(django_capture_on_commit_callbacks, mailoutbox):
    """Run on-commit callbacks (the e-mail tasks) inside the block; read `mailoutbox` after."""

    def capture():
        return django_capture_on_commit_callbacks(execute=True)

    return capture
