"""The thread page: question, featured answers, paginated answers, helpful votes."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.db import IntegrityError
from django.urls import reverse

from forum.models import HelpfulVote, Post, PostStatus
from forum.services import post_reply

pytestmark = pytest.mark.django_db


def _feature(client, post, action="feature"):
    return client.post(reverse("forum:feature", kwargs={"post_id": post.pk}), {"action": action})


def test_the_asker_features_an_answer_and_it_is_shown_above_the_others(
    login, member, thread, outsider, user_factory
):
    first = post_reply(author=outsider, thread=thread, body="First answer, posted early.")
    best = post_reply(author=user_factory(), thread=thread, body="The answer that helped most.")
    client = login(member)
    response = _feature(client, best)
    assert response.status_code == HTTPStatus.FOUND
    page = client.get(thread.get_absolute_url())
    html = page.content.decode()
    assert [p.pk for p in page.context["featured"]] == [best.pk]
    assert [p.pk for p in page.context["answers"]] == [first.pk]
    assert html.index("The answer that helped most.") < html.index("First answer, posted early.")
    assert "Featured answer" in html


def test_at_most_three_answers_can_be_featured(login, member, thread, outsider):
    answers = [post_reply(author=outsider, thread=thread, body=f"Answer {n}") for n in range(4)]
    client = login(member)
    for post in answers[:3]:
        _feature(client, post)
    response = _feature(client, answers[3])
    assert Post.objects.filter(featured_at__isnull=False).count() == 3
    follow = client.get(response["Location"])
    assert "at most 3" in follow.content.decode()


def test_a_moderator_can_feature_and_unfeature_and_it_is_logged(login, moderator, thread, outsider):
    from moderation.models import ModerationAction

    answer = post_reply(author=outsider, thread=thread, body="A careful answer.")
    client = login(moderator)
    _feature(client, answer)
    answer.refresh_from_db()
    assert answer.featured_at is not None
    _feature(client, answer, action="unfeature")
    answer.refresh_from_db()
    assert answer.featured_at is None
    assert ModerationAction.objects.filter(action="feature", target_id=str(answer.pk)).exists()


def test_someone_else_cannot_feature_answers(login, outsider, user_factory, thread):
    answer = post_reply(author=user_factory(), thread=thread, body="An answer.")
    response = _feature(login(outsider), answer)
    assert response.status_code == HTTPStatus.FORBIDDEN
    answer.refresh_from_db()
    assert answer.featured_at is None


def test_answers_are_paginated_in_time_order(client, settings, thread, outsider):
    settings.FORUM_ANSWERS_PER_PAGE = 3
    posts = [
        post_reply(author=outsider, thread=thread, body=f"Answer number {n}") for n in range(7)
    ]
    page1 = client.get(thread.get_absolute_url())
    page3 = client.get(thread.get_absolute_url(), {"page": 3})
    assert [p.pk for p in page1.context["answers"]] == [p.pk for p in posts[:3]]
    assert [p.pk for p in page3.context["answers"]] == [posts[6].pk]
    assert "Page 1 of 3" in page1.content.decode()
    assert "7 answers" in page1.content.decode()


def test_after_answering_on_a_later_page_you_land_on_your_answer(login, settings, thread, outsider):
    settings.FORUM_ANSWERS_PER_PAGE = 2
    for n in range(4):
        post_reply(author=outsider, thread=thread, body=f"Earlier answer {n}")
    client = login(outsider)
    response = client.post(
        reverse("forum:reply-create", kwargs={"thread_id": thread.pk}), {"body": "The fifth."}
    )
    new = Post.objects.get(body="The fifth.")
    assert response["Location"] == f"{thread.get_absolute_url()}?page=3#post-{new.pk}"


def test_a_member_marks_an_answer_helpful_and_can_take_it_back(login, outsider, member, thread):
    answer = post_reply(author=member, thread=thread, body="What worked for me.")
    client = login(outsider)
    url = reverse("forum:vote", kwargs={"post_id": answer.pk})

    client.post(url)
    answer.refresh_from_db()
    assert answer.helpful_count == 1
    assert "1 person found this helpful" in client.get(thread.get_absolute_url()).content.decode()

    client.post(url)
    answer.refresh_from_db()
    assert answer.helpful_count == 0
    assert not HelpfulVote.objects.exists()


def test_helpful_counts_many_people(login, user_factory, member, thread):
    answer = post_reply(author=member, thread=thread, body="What worked for me.")
    for _ in range(3):
        login(user_factory()).post(reverse("forum:vote", kwargs={"post_id": answer.pk}))
    page = login(member).get(thread.get_absolute_url()).content.decode()
    assert "3 people found this helpful" in page


def test_you_cannot_vote_for_your_own_post(login, member, thread):
    question = Post.objects.get(thread=thread, is_question=True)
    response = login(member).post(reverse("forum:vote", kwargs={"post_id": question.pk}))
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not HelpfulVote.objects.exists()


def test_the_database_allows_one_vote_per_member_per_post(member, outsider, thread):
    post = post_reply(author=member, thread=thread, body="An answer.")
    HelpfulVote.objects.create(post=post, voter=outsider)
    with pytest.raises(IntegrityError):
        HelpfulVote.objects.create(post=post, voter=outsider)


def test_visitors_see_no_vote_buttons_and_cannot_vote(client, thread, member):
    answer = post_reply(author=member, thread=thread, body="An answer.")
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "This helped me" not in page
    response = client.post(reverse("forum:vote", kwargs={"post_id": answer.pk}))
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("account_login"))


def test_the_asker_cannot_feature_their_own_answer(login, member, thread):
    own = post_reply(author=member, thread=thread, body="Update from me, the asker.")
    client = login(member)
    assert "Feature this answer" not in client.get(thread.get_absolute_url()).content.decode()
    assert _feature(client, own).status_code == HTTPStatus.FORBIDDEN


def test_an_answer_only_its_author_can_see_is_not_listed_under_zero_answers(
    login, moderator, thread, outsider
):
    from moderation.services import return_post

    answer = post_reply(author=outsider, thread=thread, body="My answer, sent back to me.")
    return_post(moderator=moderator, post=answer, feedback="Please leave out the clinic's name.")
    html = login(outsider).get(thread.get_absolute_url()).content.decode()
    assert "My answer, sent back to me." in html
    assert '<h2 id="answers-heading">Answers</h2>' in html


def test_the_reply_form_heading_does_not_repeat_its_label(login, outsider, thread):
    html = login(outsider).get(thread.get_absolute_url()).content.decode()
    assert '<h2 id="reply-heading">Add your answer</h2>' in html
    assert html.count("Your answer") == 1


def test_readers_in_turn_each_see_only_the_held_answers_they_may_see(
    client, login, settings, moderator, thread, outsider, user_factory
):
    """The page's queries are written once per kind of reader and reused with each
    reader's own ids: a member's held answer shows, and counts in the pages, for them and
    the moderators only, whoever read the thread before."""
    settings.FORUM_ANSWERS_PER_PAGE = 2
    other = user_factory()
    post_reply(author=outsider, thread=thread, body="An answer everyone sees.")
    for author, body in ((outsider, "Held: the outsider's."), (other, "Held: the other's.")):
        held = post_reply(author=author, thread=thread, body=body)
        held.status = PostStatus.PENDING
        held.save(update_fields=["status"])
    url = thread.get_absolute_url()

    def page(reader, number=1):
        reading = login(reader) if reader else client
        if reader is None:
            reading.logout()
        return reading.get(url, {"page": number}).content.decode()

    for _round in range(2):  # the second round reads from the texts the first one wrote
        visitor = page(None)
        assert "An answer everyone sees." in visitor
        assert "Held:" not in visitor
        assert "Page 1 of" not in visitor  # one answer: a single page
        for reader, own, others in (
            (outsider, "the outsider's", "the other's"),
            (other, "the other's", "the outsider's"),
        ):
            html = page(reader, number=2)  # past the last page: shows the last one
            assert f"Held: {own}." in html
            assert f"Held: {others}." not in html
            assert "An answer everyone sees." in html
            assert "Page 1 of" not in html  # two answers: a single page
        first, second = page(moderator), page(moderator, number=2)
        assert "Held: the outsider's." in first
        assert "Page 1 of 2" in first
        assert "Held: the other's." in second
        assert "Page 2 of 2" in second
