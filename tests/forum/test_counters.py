"""The counts readers see (questions in a category, answers on a thread) always match what
is published, whatever order moderators and authors act in: they are recounted, not moved."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from forum.services import post_reply, withdraw_post
from moderation.services import approve_post, remove_post
from tests.admin_support import admin_form_data

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


def test_moving_a_question_to_another_category_in_the_admin_moves_its_count(
    client, admin_user, thread, category
):
    from forum.models import Category

    other = Category.objects.create(name="Pregnancy after IVF", slug="pregnancy-after-ivf")
    client.force_login(admin_user)
    url = reverse("admin:forum_thread_change", args=[thread.pk])
    data = admin_form_data(client.get(url))
    data["category"] = other.pk

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    category.refresh_from_db()
    other.refresh_from_db()
    assert (category.thread_count, other.thread_count) == (0, 1)
    listed = client.get(reverse("forum:category", args=[other.slug])).content.decode()
    assert thread.title in listed


def _change_in_admin(client, url, **changes):
    data = {**admin_form_data(client.get(url)), **changes}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors


def test_removing_an_answer_in_the_admin_takes_it_off_the_thread_count(
    client, admin_user, thread, outsider
):
    answer = post_reply(author=outsider, thread=thread, body="Mine took about twenty minutes.")
    assert _answers_shown(client, thread) == "1 answer"
    client.force_login(admin_user)

    _change_in_admin(
        client,
        reverse("admin:forum_post_change", args=[answer.pk]),
        status="removed",
        status_reason="It named a clinic.",
    )

    client.logout()
    assert _answers_shown(client, thread) == "0 answers"
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Mine took about twenty minutes." not in page
    assert "It named a clinic." in page


def test_removing_a_question_in_the_admin_takes_its_thread_with_it(
    client, admin_user, thread, category
):
    assert _questions_on_home(client) == 1
    client.force_login(admin_user)

    question = thread.posts.get(is_question=True)
    _change_in_admin(
        client, reverse("admin:forum_post_change", args=[question.pk]), status="removed"
    )

    thread.refresh_from_db()
    category.refresh_from_db()
    assert (thread.status, category.thread_count) == ("removed", 0)
    client.logout()
    assert _questions_on_home(client) == 0


def test_changing_a_threads_status_in_the_admin_changes_its_question_too(
    client, admin_user, thread, category
):
    client.force_login(admin_user)

    _change_in_admin(
        client, reverse("admin:forum_thread_change", args=[thread.pk]), status="removed"
    )

    question = thread.posts.get(is_question=True)
    category.refresh_from_db()
    assert (question.status, category.thread_count) == ("removed", 0)

    _change_in_admin(
        client, reverse("admin:forum_thread_change", args=[thread.pk]), status="published"
    )
    question.refresh_from_db()
    category.refresh_from_db()
    assert (question.status, category.thread_count) == ("published", 1)
