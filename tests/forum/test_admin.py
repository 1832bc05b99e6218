"""The Django admin shows what members wrote and sends the people who would change it to
the moderation pages, which ask for a reason, tell the author, close the queue's flags and
keep earlier versions. Threads' own fields (title, category, lock) stay editable there."""

from __future__ import annotations

import re
from http import HTTPStatus

import pytest
from django.urls import reverse

from forum.models import Category, Post
from forum.services import post_reply
from moderation.models import Flag
from tests.admin_support import admin_form_data

pytestmark = pytest.mark.django_db


def test_a_post_opens_read_only_in_the_admin_with_a_link_to_moderate_it(
    login, admin_user, thread, outsider
):
    answer = post_reply(author=outsider, thread=thread, body="Mine took about twenty minutes.")
    client = login(admin_user)

    page = client.get(reverse("admin:forum_post_change", args=[answer.pk]))

    assert page.status_code == HTTPStatus.OK
    html = page.content.decode()
    assert "Mine took about twenty minutes." in html
    assert f'href="{reverse("moderation:post", args=[answer.pk])}"' in html
    assert not re.search(r'<(select|textarea|input)[^>]*name="(status|body)"', html)


def test_a_post_cannot_be_changed_from_the_admin_and_its_flags_stay_in_the_queue(
    login, admin_user, thread, outsider
):
    answer = post_reply(author=outsider, thread=thread, body="Call me on the number below.")
    Flag.objects.create(post=answer, source=Flag.Source.USER, reason=Flag.Reason.SPAM)
    url = reverse("admin:forum_post_change", args=[answer.pk])
    client = login(admin_user)

    response = client.post(url, {"status": "removed", "body": "Changed in the admin."})

    assert response.status_code == HTTPStatus.FORBIDDEN
    answer.refresh_from_db()
    assert (answer.status, answer.body) == ("published", "Call me on the number below.")
    assert Flag.objects.get(post=answer).state == Flag.State.OPEN


def test_a_threads_status_and_prescription_mark_are_shown_not_edited_in_the_admin(
    login, admin_user, thread, category
):
    client = login(admin_user)
    url = reverse("admin:forum_thread_change", args=[thread.pk])
    page = client.get(url)
    question = thread.posts.get(is_question=True)
    assert f'href="{reverse("moderation:post", args=[question.pk])}"' in page.content.decode()

    data = {**admin_form_data(page), "status": "removed", "is_prescription_question": "on"}
    response = client.post(url, data)

    assert response.status_code == HTTPStatus.FOUND, response.context["adminform"].form.errors
    thread.refresh_from_db()
    question.refresh_from_db()
    category.refresh_from_db()
    assert (thread.status, question.status, category.thread_count) == ("published",) * 2 + (1,)
    assert not thread.is_prescription_question


def test_a_title_changed_in_the_admin_is_found_by_search(login, admin_user, thread):
    client = login(admin_user)
    url = reverse("admin:forum_thread_change", args=[thread.pk])
    data = {**admin_form_data(client.get(url)), "title": "Progesterone pessaries and spotting"}

    assert client.post(url, data).status_code == HTTPStatus.FOUND

    client.logout()
    found = client.get(reverse("forum:search"), {"q": "pessaries"}).content.decode()
    assert "Progesterone pessaries and spotting" in found


def test_moving_a_question_to_another_category_in_the_admin_moves_its_count(
    login, admin_user, thread, category
):
    other = Category.objects.create(name="Pregnancy after IVF", slug="pregnancy-after-ivf")
    client = login(admin_user)
    url = reverse("admin:forum_thread_change", args=[thread.pk])
    data = {**admin_form_data(client.get(url)), "category": other.pk}

    response = client.post(url, data)

    assert response.status_code == HTTPStatus.FOUND, response.context["adminform"].form.errors
    category.refresh_from_db()
    other.refresh_from_db()
    assert (category.thread_count, other.thread_count) == (0, 1)
    client.logout()
    listed = client.get(reverse("forum:category", args=[other.slug])).content.decode()
    assert thread.title in listed
    assert Post.objects.get(thread=thread).status == "published"
