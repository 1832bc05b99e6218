"""Editing and withdrawing your own posts."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.urls import reverse

from forum.models import Category, Post, PostRevision, Thread
from forum.services import post_reply

pytestmark = pytest.mark.django_db


def _edit_url(post):
    return reverse("forum:post-edit", kwargs={"post_id": post.pk})


def _withdraw_url(post):
    return reverse("forum:post-withdraw", kwargs={"post_id": post.pk})


def test_author_edits_an_answer_the_old_text_is_kept_and_it_shows_edited(login, outsider, thread):
    answer = post_reply(author=outsider, thread=thread, body="First version of my answer.")
    client = login(outsider)
    assert client.get(_edit_url(answer)).status_code == HTTPStatus.OK
    client.post(_edit_url(answer), {"body": "Second version, with **more** detail."})
    client.post(_edit_url(answer), {"body": "Third version."})
    answer.refresh_from_db()
    assert answer.body == "Third version."
    assert answer.edited_at is not None
    assert list(PostRevision.objects.filter(post=answer).values_list("body", flat=True)) == [
        "First version of my answer.",
        "Second version, with **more** detail.",
    ]
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Third version." in page
    assert "edited" in page


def test_editing_a_question_changes_the_title_and_the_link_follows(login, member, thread):
    client = login(member)
    question = Post.objects.get(thread=thread, is_question=True)
    old_url = thread.get_absolute_url()
    client.post(
        _edit_url(question),
        {"title": "How long did your frozen transfer appointment take?", "body": thread_body()},
    )
    thread.refresh_from_db()
    assert thread.title == "How long did your frozen transfer appointment take?"
    assert (
        PostRevision.objects.get(post=question).title == "How long did your frozen transfer take?"
    )
    response = client.get(old_url)
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == thread.get_absolute_url()


def thread_body():
    return "I have my first frozen embryo transfer next week and feel nervous about it."


def test_nobody_else_can_edit_your_post(login, outsider, moderator, member, thread):
    question = Post.objects.get(thread=thread, is_question=True)
    for person in (outsider, moderator):
        response = login(person).post(
            _edit_url(question), {"title": "Changed title here", "body": "x" * 30}
        )
        assert response.status_code == HTTPStatus.FORBIDDEN
    question.refresh_from_db()
    assert not PostRevision.objects.exists()


def test_an_edit_with_a_problem_keeps_the_text_and_says_what_to_fix(login, outsider, thread):
    answer = post_reply(author=outsider, thread=thread, body="Fine text.")
    response = login(outsider).post(_edit_url(answer), {"body": "y" * 20001})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "at most 20" in response.content.decode()


def test_preview_on_the_edit_form(login, outsider, thread):
    answer = post_reply(author=outsider, thread=thread, body="Fine text.")
    response = login(outsider).post(_edit_url(answer), {"body": "New *idea*", "preview": "1"})
    assert "<em>idea</em>" in response.content.decode()
    answer.refresh_from_db()
    assert answer.body == "Fine text."


def test_withdrawing_an_answer_keeps_it_shows_a_placeholder_and_updates_counters(
    login, expert, thread, client
):
    answer = post_reply(author=expert, thread=thread, body="An expert answer I regret.")
    thread.refresh_from_db()
    assert (thread.reply_count, thread.expert_reply_count) == (1, 1)

    own = login(expert)
    assert own.get(_withdraw_url(answer)).status_code == HTTPStatus.OK
    own.post(_withdraw_url(answer))

    answer.refresh_from_db()
    thread.refresh_from_db()
    assert answer.status == "withdrawn"
    assert answer.body == "An expert answer I regret."
    assert (thread.reply_count, thread.expert_reply_count) == (0, 0)
    client.logout()
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "withdrawn by its author" in page
    assert "I regret" not in page


def test_a_question_without_answers_can_be_withdrawn_and_leaves_the_lists(
    login, member, thread, category
):
    question = Post.objects.get(thread=thread, is_question=True)
    login(member).post(_withdraw_url(question))
    thread.refresh_from_db()
    assert thread.status == "withdrawn"
    assert Category.objects.get(pk=category.pk).thread_count == 0
    listing = login(member).get(reverse("forum:category", kwargs={"slug": category.slug}))
    assert thread.title not in listing.content.decode()


def test_a_question_with_answers_cannot_be_withdrawn_and_the_asker_is_told_why(
    login, member, outsider, thread
):
    post_reply(author=outsider, thread=thread, body="An answer others may need.")
    question = Post.objects.get(thread=thread, is_question=True)
    client = login(member)
    response = client.post(_withdraw_url(question), follow=True)
    assert "already has answers" in response.content.decode()
    assert Thread.objects.get(pk=thread.pk).status == "published"


def test_nobody_else_can_withdraw_your_post(login, outsider, member, thread):
    question = Post.objects.get(thread=thread, is_question=True)
    assert login(outsider).post(_withdraw_url(question)).status_code == HTTPStatus.FORBIDDEN


def test_moderators_can_read_earlier_versions_in_the_admin(login, admin_user, outsider, thread):
    answer = post_reply(author=outsider, thread=thread, body="The original wording.")
    login(outsider).post(_edit_url(answer), {"body": "Reworded."})
    page = login(admin_user).get(reverse("admin:forum_post_change", args=[answer.pk]))
    assert page.status_code == HTTPStatus.OK
    assert "The original wording." in page.content.decode()
