"""Signed-in members get the thread page from a copy shared by all of them, the parts the
templates mark as slots (header, follow form, votes, own posts) rendered for each."""

from __future__ import annotations

import re
from http import HTTPStatus

import pytest
from django.test import override_settings
from django.urls import reverse

from forum import member_page, services
from forum.models import Post, PostStatus

pytestmark = pytest.mark.django_db

_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def _normalised(response) -> str:
    assert response.status_code == HTTPStatus.OK
    return _TOKEN.sub('name="csrfmiddlewaretoken" value="TOKEN"', response.content.decode())


@pytest.fixture
def busy_thread(thread, member, user_factory, outsider):
    """A thread asked by `member`: answers by several people (two by `outsider`), a removed
    and a withdrawn one, a featured one, and votes."""
    people = [user_factory() for _ in range(3)]
    answers = []
    for i in range(8):
        author = outsider if i in (2, 6) else people[i % 3]
        answers.append(services.post_reply(author=author, thread=thread, body=f"Answer {i}."))
    services.set_featured(post=answers[1], by=member, featured=True)
    Post.objects.filter(pk=answers[3].pk).update(status=PostStatus.REMOVED, status_reason="spam")
    services.withdraw_post(post=answers[4], by=answers[4].author)
    services.toggle_helpful(post=answers[0], voter=outsider)
    services.toggle_helpful(post=answers[5], voter=outsider)
    services.toggle_helpful(post=answers[5], voter=people[0])
    services.follow_thread(thread=thread, user=outsider)
    from forum import cache as page_cache

    page_cache.bump(thread=thread)
    thread.refresh_from_db()
    return thread, answers


@override_settings(FORUM_ANSWERS_PER_PAGE=3)
def test_a_member_sees_exactly_the_page_a_fresh_render_gives_them(client, busy_thread, outsider):
    thread, _answers = busy_thread
    client.force_login(outsider)
    for query in ("", "?page=2", "?page=3", "?page=99", "?page=oops"):
        url = thread.get_absolute_url() + query
        with override_settings(FORUM_PAGE_CACHE_SECONDS=0):
            fresh = _normalised(client.get(url))
        filling = _normalised(client.get(url))
        from_copy = _normalised(client.get(url))
        assert filling == fresh, query
        assert from_copy == fresh, query


def test_the_shared_copy_shows_the_members_own_votes_follow_and_posts(
    client, busy_thread, outsider
):
    thread, answers = busy_thread
    client.force_login(outsider)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert 'aria-pressed="true">Helpful ✓ (undo)' in page
    assert "Unfollow" in page
    assert reverse("forum:post-edit", args=[answers[2].pk]) in page
    assert reverse("forum:post-edit", args=[answers[0].pk]) not in page


def test_votes_follows_and_answers_by_others_show_at_once(client, thread, outsider, user_factory):
    other = user_factory()
    answer = services.post_reply(author=other, thread=thread, body="Mine took two weeks.")
    client.force_login(outsider)
    url = thread.get_absolute_url()
    assert "found this helpful" not in client.get(url).content.decode()

    services.toggle_helpful(post=answer, voter=user_factory())
    page = client.get(url).content.decode()
    assert "1 person found this helpful" in page
    assert 'aria-pressed="false">This helped me' in page

    services.toggle_helpful(post=answer, voter=outsider)
    page = client.get(url).content.decode()
    assert "2 people found this helpful" in page
    assert 'aria-pressed="true">Helpful ✓ (undo)' in page

    services.follow_thread(thread=thread, user=outsider)
    assert "Unfollow" in client.get(url).content.decode()

    services.post_reply(author=other, thread=thread, body="A second thought from me.")
    assert "A second thought from me." in client.get(url).content.decode()


def test_a_members_own_waiting_answer_shows_only_to_them(client, thread, outsider, user_factory):
    reader = user_factory()
    client.force_login(reader)
    client.get(thread.get_absolute_url())  # the post fragments are filled
    waiting = services.post_reply(author=outsider, thread=thread, body="Held for a look.")
    Post.objects.filter(pk=waiting.pk).update(status=PostStatus.PENDING)

    client.force_login(outsider)
    assert "Held for a look." in client.get(thread.get_absolute_url()).content.decode()
    client.force_login(reader)
    assert "Held for a look." not in client.get(thread.get_absolute_url()).content.decode()


def test_a_message_is_shown_on_the_page_after_answering(client, thread, outsider):
    client.force_login(outsider)
    client.get(thread.get_absolute_url())
    response = client.post(
        reverse("forum:reply-create", args=[thread.pk]), {"body": "Two weeks for me."}, follow=True
    )
    page = response.content.decode()
    assert "Thank you, your answer has been posted." in page
    assert "Two weeks for me." in page


def test_moderators_and_the_asker_get_their_own_controls(
    client, busy_thread, member, moderator, outsider
):
    thread, answers = busy_thread
    client.force_login(outsider)
    client.get(thread.get_absolute_url())

    client.force_login(member)
    assert "Feature this answer" in client.get(thread.get_absolute_url()).content.decode()
    client.force_login(moderator)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert reverse("moderation:post", args=[answers[0].pk]) in page


@override_settings(SESSION_ENGINE="accounts.sessions")
def test_a_member_page_read_again_makes_no_query(
    client, busy_thread, outsider, django_assert_max_num_queries
):
    thread, _answers = busy_thread
    client.force_login(outsider)  # wrote two answers, voted, follows
    client.get(thread.get_absolute_url())
    client.get(thread.get_absolute_url())  # the process now knows whose session it is
    # Session and user row, the shared copy and the member's part all come from the cache.
    with django_assert_max_num_queries(0):
        response = client.get(thread.get_absolute_url())
    assert "Unfollow" in response.content.decode()


def test_a_member_following_an_old_link_is_redirected_to_the_threads_address(
    client, thread, outsider
):
    client.force_login(outsider)
    client.get(thread.get_absolute_url())
    response = client.get(reverse("forum:thread", args=[thread.pk, "old-title"]) + "?page=2")
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == thread.get_absolute_url() + "?page=2"


def test_an_expert_on_a_prescription_question_still_gets_the_acknowledgement(
    client, thread, outsider, expert
):
    from forum import cache as page_cache
    from forum.models import Thread

    Thread.objects.filter(pk=thread.pk).update(is_prescription_question=True)
    page_cache.bump(thread=thread)
    client.force_login(expert)  # the first visitor: the post fragments are filled now
    assert 'name="acknowledge"' in client.get(thread.get_absolute_url()).content.decode()
    client.force_login(outsider)
    assert 'name="acknowledge"' not in client.get(thread.get_absolute_url()).content.decode()
    client.force_login(expert)
    assert 'name="acknowledge"' in client.get(thread.get_absolute_url()).content.decode()


def test_a_thread_hidden_by_the_moderators_is_gone_for_members_at_once(client, thread, outsider):
    from forum import cache as page_cache
    from forum.models import Thread

    client.force_login(outsider)
    assert client.get(thread.get_absolute_url()).status_code == HTTPStatus.OK
    Thread.objects.filter(pk=thread.pk).update(status=PostStatus.REMOVED)
    page_cache.bump(thread=thread)
    assert client.get(thread.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


def test_a_members_own_new_answer_shows_as_theirs_at_once(client, thread, outsider):
    client.force_login(outsider)
    client.get(thread.get_absolute_url())  # they have taken part in nothing yet

    answer = services.post_reply(author=outsider, thread=thread, body="Ours took nine days.")

    page = client.get(thread.get_absolute_url()).content.decode()
    assert reverse("forum:post-edit", args=[answer.pk]) in page


def test_following_a_thread_read_before_shows_at_once(client, thread, outsider):
    client.force_login(outsider)
    assert "Unfollow" not in client.get(thread.get_absolute_url()).content.decode()

    services.follow_thread(thread=thread, user=outsider)

    assert "Unfollow" in client.get(thread.get_absolute_url()).content.decode()


def test_a_member_made_an_expert_gets_the_acknowledgement_at_once(
    client, thread, outsider, admin_user
):
    from django.utils import timezone

    from accounts.models import ExpertProfile
    from forum import cache as page_cache
    from forum.models import Thread

    Thread.objects.filter(pk=thread.pk).update(is_prescription_question=True)
    page_cache.bump(thread=thread)
    client.force_login(outsider)
    assert 'name="acknowledge"' not in client.get(thread.get_absolute_url()).content.decode()

    ExpertProfile.objects.create(
        user=outsider,
        title="Fertility nurse",
        organisation="Westbrook Fertility Centre",
        status=ExpertProfile.Status.VERIFIED,
        reviewed_by=admin_user,
        reviewed_at=timezone.now(),
    )

    assert 'name="acknowledge"' in client.get(thread.get_absolute_url()).content.decode()


def test_members_after_the_first_get_the_shared_copy(
    client, busy_thread, user_factory, monkeypatch
):
    thread, _answers = busy_thread
    renders = []
    original = member_page._render_shared

    def counting(*args, **kwargs):
        renders.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(member_page, "_render_shared", counting)
    for reader in (user_factory(), user_factory(), user_factory()):
        client.force_login(reader)
        page = client.get(thread.get_absolute_url()).content.decode()
        assert reader.public_name in page.split("</header>")[0]
    assert renders == [1]


def test_the_helplines_under_her_own_answer_follow_her_browsers_language(
    client, thread, user_factory
):
    from forum import cache as page_cache

    author = user_factory(display_name="A.B.", location="")
    answer = services.post_reply(author=author, thread=thread, body="Bleeding heavily now.")
    Post.objects.filter(pk=answer.pk).update(shows_urgent_help=True)
    page_cache.bump(thread=thread)
    client.force_login(author)
    url = thread.get_absolute_url()

    for _visit in range(2):  # the second visit would come from the cache
        page = client.get(url, HTTP_ACCEPT_LANGUAGE="en-NZ,en;q=0.8").content.decode()
        assert page.index("Healthline") < page.index("Other countries")
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.8").content.decode()
    assert page.index("Other countries") < page.index("Healthline")
