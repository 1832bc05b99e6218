"""Category pages: sorting, answer and expert counts, fast deep pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from forum.models import Thread
from forum.services import post_reply

pytestmark = pytest.mark.django_db


def _titles(response) -> list[str]:
    return [t.title for t in response.context["page"].object_list]


def test_questions_are_listed_by_latest_activity_by_default(
    client, category, thread_factory, outsider
):
    old = thread_factory(title="An older question about embryo glue")
    thread_factory(title="A newer question about transfer day")
    post_reply(author=outsider, thread=old, body="Bumping this with an answer.")
    response = client.get(reverse("forum:category", kwargs={"slug": category.slug}))
    assert _titles(response)[0] == "An older question about embryo glue"


def test_newest_and_unanswered_sorts(client, category, thread_factory, outsider):
    answered = thread_factory(title="Answered question about progesterone")
    Thread.objects.filter(pk=answered.pk).update(created_at=timezone.now() - timedelta(days=2))
    thread_factory(title="Unanswered question about spotting")
    post_reply(author=outsider, thread=answered, body="Here is an answer.")
    url = reverse("forum:category", kwargs={"slug": category.slug})

    assert _titles(client.get(url, {"sort": "newest"}))[0] == "Unanswered question about spotting"
    assert _titles(client.get(url, {"sort": "unanswered"})) == [
        "Unanswered question about spotting"
    ]
    # An unknown sort falls back to latest activity instead of failing.
    assert client.get(url, {"sort": "nonsense"}).status_code == 200


def test_each_row_shows_answers_and_how_many_experts_answered(
    client, category, thread, expert, user_factory, outsider
):
    second_expert = user_factory(display_name="Nurse Kim")
    from accounts.models import ExpertProfile

    ExpertProfile.objects.create(
        user=second_expert, title="Fertility nurse", organisation="Clinic", status="verified"
    )
    post_reply(author=expert, thread=thread, body="An embryologist's view.")
    post_reply(author=expert, thread=thread, body="And a follow-up from the same expert.")
    post_reply(author=second_expert, thread=thread, body="A nurse's view.")
    post_reply(author=outsider, thread=thread, body="A patient's view.")
    page = client.get(reverse("forum:category", kwargs={"slug": category.slug})).content.decode()
    assert "4 answers" in page
    assert "2 experts answered" in page
    assert f"asked by {thread.author.public_name}" in page


def test_an_answer_counts_as_expert_only_if_the_author_was_verified_when_posting(thread, expert):
    post = post_reply(author=expert, thread=thread, body="Posted while verified.")
    expert.expert_profile.status = "revoked"
    expert.expert_profile.save()
    expert = type(expert).objects.get(pk=expert.pk)  # as the next request would load them
    later = post_reply(author=expert, thread=thread, body="Posted after the badge was revoked.")
    post.refresh_from_db()
    assert post.is_expert_answer is True
    assert later.is_expert_answer is False


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite query plan wording")
def test_category_orderings_are_served_by_an_index(category):
    threads = Thread.objects.filter(category=category, status="published")
    for qs in (
        threads.order_by("-last_activity_at", "-id"),
        threads.order_by("-created_at", "-id"),
        threads.filter(reply_count=0).order_by("-created_at", "-id"),
    ):
        plan = qs[12475:12500].explain()
        assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, plan
        assert "TEMP B-TREE" not in plan, plan


def test_page_500_of_a_category_answers_quickly(client, category, user_factory):
    author = user_factory()
    now = timezone.now()
    Thread.objects.bulk_create(
        Thread(
            category=category,
            author=author,
            title=f"Question {n}",
            slug=f"question-{n}",
            created_at=now - timedelta(minutes=n),
            last_activity_at=now - timedelta(minutes=n),
        )
        for n in range(25 * 500)
    )
    url = reverse("forum:category", kwargs={"slug": category.slug})
    response = client.get(url, {"page": 500})
    assert response.status_code == 200
    assert response.context["page"].number == 500
    assert _titles(response)[-1] == "Question 12499"
