"""The counts readers see (questions in a category, answers on a thread) always match what
is published, whatever order moderators and authors act in: they are recounted, not moved."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from forum.services import post_reply, withdraw_post
from moderation.services import approve_post, remove_post

pytestmark = pytest.mark.django_db


def _questions_on_home(client) -> int:
    page = client.get(reverse("forum:home")).content.decode()
    return int(re.search(r"(\d+) questions?</p>", page).group(1))


def _answers_shown(client, thread) -> str:
    page = client.get(thread.get_absolute_url()).content.decode()
    return re.search(r"<span>(\d+ answers?)</span>", page).group(1)


def test_withdrawing_a_removed_question_does_not_take_another_question_off_the_count(
    client, thread_factory, member, moderator
):
    thread_factory(author=member, title="Is spotting normal after transfer?")
    removed = thread_factory(author=member, title="Which clinic is best in Leeds?")
    assert _questions_on_home(client) == 2

    remove_post(moderator=moderator, post=removed.posts.get(), reason="It names a clinic.")
    assert _questions_on_home(client) == 1

    withdraw_post(post=removed.posts.get(), by=member)
    assert _questions_on_home(client) == 1


def test_an_answer_removed_and_approved_again_counts_once(client, thread, outsider, moderator):
    answer = post_reply(author=outsider, thread=thread, body="Mine took about twenty minutes.")
    assert _answers_shown(client, thread) == "1 answer"

    remove_post(moderator=moderator, post=answer, reason="Removed by mistake.")
    assert _answers_shown(client, thread) == "0 answers"

    approve_post(moderator=moderator, post=answer)
    approve_post(moderator=moderator, post=answer)  # a double click
    assert _answers_shown(client, thread) == "1 answer"
