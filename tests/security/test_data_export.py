"""/accounts/export/: a member downloads everything they wrote and did, and nobody else's."""

from __future__ import annotations

import json
from http import HTTPStatus

import pytest
from django.urls import reverse

from forum.models import Post
from forum.services import edit_post, follow_thread, post_reply, toggle_helpful
from moderation.models import Flag

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_member(member, outsider, thread_factory):
    own = thread_factory(author=member, title="My own question about transfer day")
    question = own.posts.get(is_question=True)
    edit_post(post=question, editor=member, body="An edited version of my question text.")
    other = thread_factory(author=outsider, title="Somebody else's question here")
    answer = post_reply(author=member, thread=other, body="My answer to their question.")
    toggle_helpful(post=other.posts.get(is_question=True), voter=member)
    follow_thread(thread=other, user=member)
    Flag.objects.create(
        post=other.posts.get(is_question=True),
        source=Flag.Source.USER,
        reason=Flag.Reason.OTHER,
        note="Flag note by me",
        reporter=member,
    )
    post_reply(author=outsider, thread=own, body="Outsider's private reply text.")
    return member, question, answer


def test_a_member_downloads_their_posts_revisions_votes_follows_and_flags(login, busy_member):
    member, question, answer = busy_member
    response = login(member).get(reverse("accounts:export"))
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["profile"]["display_name"] == "T.C."
    assert data["profile"]["email"] == member.email
    assert data["email_addresses"][0]["email"] == member.email
    posts = {p["id"]: p for p in data["posts"]}
    assert set(posts) == {question.pk, answer.pk}
    assert posts[question.pk]["text"] == "An edited version of my question text."
    assert posts[question.pk]["revisions"][0]["text_before"].startswith("I have my first")
    assert posts[answer.pk]["text"] == "My answer to their question."
    assert len(data["helpful_votes"]) == 1
    assert "Somebody else's question here" in {f["thread_title"] for f in data["follows"]}
    assert data["flags_raised"][0]["note"] == "Flag note by me"


def test_the_export_holds_nothing_written_by_anyone_else(login, busy_member):
    member, *_ = busy_member
    body = login(member).get(reverse("accounts:export")).content.decode()
    assert "Outsider's private reply text." not in body
    assert "otto@example.com" not in body


def test_the_export_needs_a_login(client):
    response = client.get(reverse("accounts:export"))
    assert response.status_code == HTTPStatus.FOUND
    assert reverse("account_login") in response.url


def test_the_export_uses_a_fixed_number_of_queries(
    login, busy_member, thread_factory, django_assert_max_num_queries
):
    member, *_ = busy_member
    for n in range(5):
        thread_factory(author=member, title=f"Another question number {n} from me")
    client = login(member)
    with django_assert_max_num_queries(16):
        client.get(reverse("accounts:export"))
    assert Post.objects.filter(author=member).count() == 7
