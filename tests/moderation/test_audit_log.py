"""The audit log: every moderator and staff action, admin included; filters and CSV."""

from __future__ import annotations

import csv
import io
from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from forum.models import Category
from moderation import services
from moderation.models import ModerationAction
from tests.admin_support import admin_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def some_actions(moderator, second_moderator, answer, thread):
    services.lock_thread(moderator=moderator, thread=thread, reason="Heated")
    services.warn_member(moderator=second_moderator, member=answer.author, message="Be kind")
    services.redact_post(
        moderator=moderator, post=answer, body="Shorter text.", reason="Took out a name"
    )


def test_the_log_lists_who_did_what_to_which_target_and_why(as_moderator, some_actions):
    page = as_moderator.get(reverse("moderation:log")).content.decode()
    for text in ("Locked a thread", "Warned a member", "Edited a post", "Heated", "Be kind"):
        assert text in page
    for text in ("Took out a name", "Moira", "Mark"):
        assert text in page
    assert "That happened to me too, it settled after a week." in page  # text before the edit


def test_the_log_filters_by_action_and_by_actor(as_moderator, some_actions, second_moderator):
    page = as_moderator.get(reverse("moderation:log"), {"action": "lock"}).content.decode()
    assert "Heated" in page
    assert "Be kind" not in page
    page = as_moderator.get(
        reverse("moderation:log"), {"actor": second_moderator.pk}
    ).content.decode()
    assert "Be kind" in page
    assert "Heated" not in page


def test_the_log_filters_by_date(as_moderator, some_actions):
    page = as_moderator.get(reverse("moderation:log"), {"since": "2999-01-01"}).content.decode()
    assert "Heated" not in page


def test_the_log_downloads_as_csv(as_moderator, some_actions):
    response = as_moderator.get(reverse("moderation:log"), {"format": "csv", "action": "edit"})
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:5] == ["when", "who", "who id", "action", "action code"]
    assert len(rows) == 2
    assert rows[1][1] == "Moira"
    assert rows[1][3:5] == ["Edited a post", "edit"]
    assert rows[1][-2:] == ["That happened to me too, it settled after a week.", "Shorter text."]


def test_the_log_page_makes_a_fixed_number_of_queries(
    as_moderator, some_actions, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        as_moderator.get(reverse("moderation:log"))


@pytest.fixture
def as_admin(admin_user):
    client = Client()
    client.force_login(admin_user)
    return client


def test_changes_in_the_django_admin_are_logged_with_before_and_after(as_admin, category):
    url = reverse("admin:forum_category_change", args=[category.pk])
    form = as_admin.get(url)
    assert form.status_code == HTTPStatus.OK
    data = {
        **admin_form_data(form),
        "description": "Treatment, tests and waiting.",
        "_save": "Save",
    }
    response = as_admin.post(url, data)
    assert response.status_code == HTTPStatus.FOUND, response.context["adminform"].form.errors
    assert Category.objects.get(pk=category.pk).description == "Treatment, tests and waiting."
    row = ModerationAction.objects.get(action="admin_change")
    assert row.actor.username == "root"
    assert "Questions about IVF." in row.before
    assert "Treatment, tests and waiting." in row.after


def test_adding_and_deleting_in_the_admin_is_logged(as_admin):
    as_admin.post(
        reverse("admin:forum_category_add"),
        {"name": "Pregnancy", "slug": "pregnancy", "description": "", "position": 0},
    )
    category = Category.objects.get(slug="pregnancy")
    as_admin.post(reverse("admin:forum_category_delete", args=[category.pk]), {"post": "yes"})
    assert list(ModerationAction.objects.order_by("id").values_list("action", flat=True)) == [
        "admin_add",
        "admin_delete",
    ]
