"""The same answer sent twice (a double click, a resent form) is kept once."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.urls import reverse

from forum.models import Post
from forum.services import DuplicateReply, post_reply

pytestmark = pytest.mark.django_db

BODY = "We waited eleven days for the blood test. Keeping busy helped me most."


def _answer(client, thread, body=BODY):
    return client.post(
        reverse("forum:reply-create", kwargs={"thread_id": thread.pk}), {"body": body}
    )


def _answers(thread):
    return Post.objects.filter(thread=thread, is_question=False)


def test_the_same_answer_sent_twice_is_stored_once_and_the_member_is_told_kindly(
    login, thread, outsider
):
    client = login(outsider)
    first = _answer(client, thread)
    again = _answer(client, thread)
    assert first.status_code == again.status_code == HTTPStatus.FOUND
    assert again["Location"] == first["Location"]
    assert _answers(thread).count() == 1
    page = client.get(again["Location"]).content.decode()
    assert "You sent this answer a moment ago, so we kept it once." in page
    assert "Nothing you wrote is lost" in page


def test_a_resent_answer_does_not_count_against_the_posting_limit(
    login, thread, outsider, settings
):
    settings.FORUM_RATE_LIMITS = {
        **settings.FORUM_RATE_LIMITS,
        "reply": {"user": "1/h", "ip": "100/h"},
    }
    client = login(outsider)
    for _ in range(3):
        assert _answer(client, thread).status_code == HTTPStatus.FOUND
    assert _answer(client, thread, "Something new to say.").status_code == (
        HTTPStatus.TOO_MANY_REQUESTS
    )


def test_the_same_words_on_another_thread_or_from_someone_else_are_new_answers(
    login, thread, thread_factory, outsider, user_factory
):
    other_thread = thread_factory(title="Did anyone else bleed after transfer?")
    _answer(login(outsider), thread)
    _answer(login(outsider), other_thread)
    _answer(login(user_factory()), thread)
    assert _answers(thread).count() == 2
    assert _answers(other_thread).count() == 1


def test_the_same_words_again_after_the_window_are_a_new_answer(thread, outsider, settings):
    post_reply(author=outsider, thread=thread, body=BODY)
    settings.FORUM_DUPLICATE_REPLY_SECONDS = 0
    post_reply(author=outsider, thread=thread, body=BODY)
    assert _answers(thread).count() == 2


def test_the_service_refuses_a_duplicate_and_names_the_kept_answer(thread, outsider):
    kept = post_reply(author=outsider, thread=thread, body=BODY)
    with pytest.raises(DuplicateReply) as refused:
        post_reply(author=outsider, thread=thread, body=BODY)
    assert refused.value.post == kept
