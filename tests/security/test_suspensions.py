"""A suspended member can read everything but write nothing, and is told why and until when."""

from __future__ import annotations

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from forum.models import HelpfulVote, Post, Thread, ThreadFollow
from forum.services import post_reply
from moderation.models import Flag

pytestmark = pytest.mark.django_db


@pytest.fixture
def suspended(member):
    member.suspended_until = timezone.now() + timedelta(days=3)
    member.save(update_fields=["suspended_until"])
    return member


@pytest.fixture
def others_thread(thread_factory, outsider):
    return thread_factory(author=outsider, title="Another member's question here")


def _assert_refused(response):
    assert response.status_code == HTTPStatus.FORBIDDEN
    page = response.content.decode()
    assert "suspended until" in page
    assert "You can still read the forum" in page


def test_a_suspended_member_still_reads_threads(login, suspended, others_thread):
    client = login(suspended)
    assert client.get(others_thread.get_absolute_url()).status_code == HTTPStatus.OK
    assert client.get(reverse("forum:home")).status_code == HTTPStatus.OK


def test_a_suspended_member_cannot_ask(login, suspended, category):
    client = login(suspended)
    _assert_refused(client.get(reverse("forum:thread-start")))
    data = {"category": category.pk, "title": "A question while suspended", "body": "x" * 30}
    _assert_refused(client.post(reverse("forum:thread-start"), data))
    assert not Thread.objects.filter(author=suspended).exists()


def test_a_suspended_member_cannot_reply(login, suspended, others_thread):
    client = login(suspended)
    url = reverse("forum:reply-create", args=[others_thread.pk])
    _assert_refused(client.post(url, {"body": "A reply while suspended."}))
    assert not Post.objects.filter(author=suspended).exists()


def test_a_suspended_member_cannot_edit_their_posts(login, suspended, outsider, others_thread):
    own = post_reply(author=suspended, thread=others_thread, body="Written before suspension.")
    client = login(suspended)
    url = reverse("forum:post-edit", args=[own.pk])
    _assert_refused(client.post(url, {"body": "Changed while suspended."}))
    own.refresh_from_db()
    assert own.body == "Written before suspension."


def test_a_suspended_member_cannot_vote_flag_follow_or_feature(
    login, suspended, others_thread, thread
):
    question = others_thread.posts.get(is_question=True)
    client = login(suspended)
    _assert_refused(client.post(reverse("forum:vote", args=[question.pk])))
    _assert_refused(
        client.post(reverse("moderation-member:flag", args=[question.pk]), {"reason": "spam"})
    )
    _assert_refused(client.post(reverse("forum:thread-follow", args=[others_thread.pk])))
    answer = post_reply(author=others_thread.author, thread=thread, body="An answer to feature.")
    _assert_refused(client.post(reverse("forum:feature", args=[answer.pk])))
    assert not HelpfulVote.objects.filter(voter=suspended).exists()
    assert not Flag.objects.filter(reporter=suspended).exists()
    assert not ThreadFollow.objects.filter(user=suspended, thread=others_thread).exists()
    answer.refresh_from_db()
    assert answer.featured_at is None


def test_a_suspended_member_cannot_change_their_public_name(login, suspended):
    client = login(suspended)
    data = {"display_name": "New name", "location": ""}
    _assert_refused(client.post(reverse("accounts:profile-edit"), data))
    suspended.refresh_from_db()
    assert suspended.display_name == "T.C."


def test_a_suspended_member_cannot_apply_to_be_an_expert(login, suspended):
    try:
        url = reverse("experts:apply")
    except NoReverseMatch:
        pytest.skip("expert applications are not there yet")
    _assert_refused(login(suspended).post(url, {"title": "Nurse", "organisation": "NHS"}))


def test_a_suspended_member_can_still_unfollow_and_download_their_data(
    login, suspended, others_thread
):
    ThreadFollow.objects.create(thread=others_thread, user=suspended)
    client = login(suspended)
    response = client.post(
        reverse("forum:thread-follow", args=[others_thread.pk]), {"action": "unfollow"}
    )
    assert response.status_code == HTTPStatus.FOUND
    assert not ThreadFollow.objects.filter(user=suspended, thread=others_thread).exists()
    assert client.get(reverse("accounts:export")).status_code == HTTPStatus.OK


def test_when_the_suspension_ends_the_member_can_post_again(login, suspended, others_thread):
    suspended.suspended_until = timezone.now() - timedelta(minutes=1)
    suspended.save(update_fields=["suspended_until"])
    client = login(suspended)
    url = reverse("forum:reply-create", args=[others_thread.pk])
    assert client.post(url, {"body": "Back again, thank you."}).status_code == HTTPStatus.FOUND
