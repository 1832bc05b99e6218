"""Deep category pages list the same threads as a plain OFFSET would, in the same order."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone

from forum.models import Post, Thread
from forum.pagination import DeferredJoinPaginator

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_threads(category, member):
    now = timezone.now()
    threads = Thread.objects.bulk_create(
        Thread(
            category=category,
            author=member,
            title=f"Question number {n}",
            slug=f"question-{n}",
            created_at=now - timedelta(hours=n),
            # Ties on last activity: the id breaks them, as the index does.
            last_activity_at=now - timedelta(hours=n // 3),
        )
        for n in range(330)
    )
    Post.objects.bulk_create(
        Post(thread=t, author=member, is_question=True, body="b", body_html="<p>b</p>")
        for t in threads
    )
    category.thread_count = len(threads)
    category.save()
    return threads


def test_a_deep_page_holds_the_same_threads_as_an_offset_page(many_threads, category):
    threads = Thread.objects.filter(category=category).order_by("-last_activity_at", "-id")
    for number in (1, 11, 12, 14):
        deep = DeferredJoinPaginator(threads, 25).page(number)
        plain = Paginator(threads, 25).page(number)
        assert [t.pk for t in deep] == [t.pk for t in plain]
        assert deep.has_next() == plain.has_next()


def test_the_last_category_page_renders_its_threads_with_a_fixed_number_of_queries(
    client, many_threads, category, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = client.get(reverse("forum:category", args=[category.slug]) + "?page=14")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Question number 329" in page
    assert "Page 14 of 14" in page
