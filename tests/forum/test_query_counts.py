"""Every page runs the same number of SQL queries with 5 rows as with 200."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from forum.models import HelpfulVote, Post, Thread
from forum.services import update_search_vector

pytestmark = pytest.mark.django_db

# Measured with a signed-in member (session + user lookups included).
# The thread page's "Further reading" and search's matching articles are one query each;
# category: one more for a member, whether she follows it and has the weekly digest on;
# search: one query ranks and counts the matches (their ids), one fetches the page's threads.
MAX_QUERIES = {"home": 4, "category": 6, "thread": 11, "search": 6, "profile": 5}


def _fill(category, authors, thread, n: int) -> None:
    """n extra threads (with a question each) and n answers in `thread`, votes and experts."""
    now = timezone.now()
    start = Thread.objects.count()
    threads = Thread.objects.bulk_create(
        Thread(
            category=category,
            author=authors[i % len(authors)],
            title=f"Heparin question number {start + i}",
            slug=f"heparin-{start + i}",
            created_at=now - timedelta(minutes=i),
            last_activity_at=now - timedelta(minutes=i),
            reply_count=i % 3,
            expert_reply_count=i % 2,
        )
        for i in range(n)
    )
    Post.objects.bulk_create(
        Post(
            thread=t,
            author=t.author,
            is_question=True,
            body=f"Heparin body {t.pk}",
            body_html="<p>x</p>",
        )
        for t in threads
    )
    answers = Post.objects.bulk_create(
        Post(
            thread=thread,
            author=authors[i % len(authors)],
            body=f"Answer {i}",
            body_html=f"<p>Answer {i}</p>",
            is_expert_answer=i % 4 == 0,
            created_at=now + timedelta(seconds=i),
        )
        for i in range(n)
    )
    voter = authors[-1]
    HelpfulVote.objects.bulk_create(
        HelpfulVote(post=p, voter=voter) for p in answers if p.author_id != voter.pk
    )
    Post.objects.filter(pk__in=[p.pk for p in answers[:2]]).update(featured_at=now)
    for t in threads:
        update_search_vector(thread_id=t.pk)


def _count(client, url, guard=None) -> int:
    """Queries for one uncached render of the page, optionally inside a max-queries guard."""
    client.get(url)  # warm per-process lookups (e.g. the category slug map)
    cache.clear()  # then measure the page as built, not a cached copy
    with CaptureQueriesContext(connection) as ctx:
        if guard is None:
            response = client.get(url)
        else:
            with guard:
                response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.fixture
def urls(category, thread, member):
    return {
        "home": reverse("forum:home"),
        "category": reverse("forum:category", kwargs={"slug": category.slug}),
        "thread": thread.get_absolute_url(),
        "search": reverse("forum:search") + "?q=heparin",
        "profile": reverse("accounts:profile", kwargs={"username": member.username}),
    }


@pytest.mark.parametrize("signed_in", [True, False], ids=["member", "visitor"])
def test_pages_keep_a_fixed_number_of_queries(
    client,
    login,
    member,
    expert,
    outsider,
    category,
    thread,
    urls,
    signed_in,
    django_assert_max_num_queries,
):
    if signed_in:
        client = login(outsider)
    authors = [member, expert, outsider]
    _fill(category, authors, thread, 5)
    small = {name: _count(client, url) for name, url in urls.items()}
    _fill(category, authors, thread, 195)
    for name, url in urls.items():
        limit = MAX_QUERIES[name] if signed_in else MAX_QUERIES[name] - 2
        large = _count(client, url, guard=django_assert_max_num_queries(limit))
        assert large == small[name], f"{name}: {small[name]} queries with 5 rows, {large} with 200"
    print(f"\nqueries per page ({'member' if signed_in else 'visitor'}):", small)  # noqa: T201
