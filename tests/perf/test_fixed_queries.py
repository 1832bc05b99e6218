"""The thread page reads its rows from SQL texts written once (config/fixed_queries.py): what
each reader gets must be what the ORM querysets give them, value for value (on SQLite the
values pass through the backend's converters: aware datetimes, booleans)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import Q

from forum import views
from forum.models import Post, PostStatus
from forum.services import MAX_FEATURED_ANSWERS, post_reply, set_featured, set_post_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy(thread, member, outsider, user_factory):
    """A thread with a featured answer, a removed one, and a held one by the outsider."""
    others = [user_factory() for _ in range(3)]
    answers = [
        post_reply(author=a, thread=thread, body=f"Answer {i}") for i, a in enumerate(others)
    ]
    set_featured(post=answers[0], by=member, featured=True)
    set_post_status(answers[1], status=PostStatus.REMOVED, reason="Off topic.")
    held = post_reply(author=outsider, thread=thread, body="Held answer.")
    set_post_status(held, status=PostStatus.PENDING, reason="")
    post_reply(author=outsider, thread=thread, body="Published answer by the outsider.")
    return thread


def _orm_rows(user, thread, first, per_page):
    """The thread page's query as the ORM wrote it before issue 15."""
    posts = Post.objects.visible_to(user).filter(thread=thread)
    if not (user.is_authenticated and user.can_moderate):
        posts = posts.defer("body_html_marked")
    answers = posts.filter(is_question=False).exclude(views._FEATURED)
    answers = answers.order_by("created_at", "id")
    on_page = answers.values("pk")[first : first + per_page]
    top = Q(is_question=True) | (views._FEATURED & Q(is_question=False))
    rows = list(posts.filter(top | Q(pk__in=on_page)).order_by("created_at", "id"))
    return answers.count(), rows


def _values(post) -> dict:
    return {key: value for key, value in post.__dict__.items() if key != "_state"}


@pytest.mark.parametrize("reader", ["visitor", "outsider", "moderator"])
def test_each_reader_gets_the_rows_the_orm_gives_them(busy, reader, outsider, moderator):
    user = {"visitor": AnonymousUser(), "outsider": outsider, "moderator": moderator}[reader]
    kind = views._viewer_kind(user)
    ids = {"thread": busy.pk, "viewer": user.pk}
    for first in (0, 2):
        count, expected = _orm_rows(user, busy, first, 2)
        rows = views._fixed_page_posts("default", kind, first, 2).rows(**ids)
        assert [_values(post) for post in rows] == [_values(post) for post in expected]
        assert views._fixed_answer_count("default", kind).rows(**ids) == [(count,)]
    held_shown = any(post.body == "Held answer." for post in _orm_rows(user, busy, 2, 2)[1])
    assert held_shown == (reader != "visitor")


def test_the_thread_and_what_posts_are_shown_with_are_what_the_orm_gives(busy, rf, outsider):
    request = rf.get("/")
    request.user = outsider
    thread = views._get_thread_for_view(request, busy.pk)
    orm = type(busy).objects.select_related("category", "author").get(pk=busy.pk)
    assert _values(thread) == _values(orm)
    assert _values(thread.category) == _values(orm.category)
    assert _values(thread.author) == _values(orm.author)

    posts = views._fixed_page_posts("default", "member", 0, 50).rows(
        thread=busy.pk, viewer=outsider.pk
    )
    assert posts
    full = Post.objects.as_shown().in_bulk([p.pk for p in posts])
    for post in posts:
        assert _values(post.author) == _values(full[post.pk].author)
        assert post.disclaimer == full[post.pk].disclaimer


def test_a_full_page_under_the_most_featured_answers_loses_no_row(thread, member, user_factory):
    """The posts query's LIMIT is the most a page can hold: the question, as many featured
    answers as a thread may have, and a full page of the others."""
    most, per_page = MAX_FEATURED_ANSWERS, 2
    answers = [
        post_reply(author=user_factory(), thread=thread, body=f"Answer number {i}.")
        for i in range(most + per_page + 1)
    ]
    for answer in answers[:most]:
        set_featured(post=answer, by=member, featured=True)
    visitor = AnonymousUser()
    kind = views._viewer_kind(visitor)
    rows = views._fixed_page_posts("default", kind, 0, per_page).rows(
        thread=thread.pk, viewer=visitor.pk
    )
    _count, expected = _orm_rows(visitor, thread, 0, per_page)
    assert len(expected) == 1 + most + per_page
    assert [post.pk for post in rows] == [post.pk for post in expected]


def _prepared_texts() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's prepared statements")
@pytest.mark.parametrize("prepared", [True, False])
def test_on_postgresql_the_posts_query_is_planned_once_and_reads_the_same_rows(
    busy, outsider, settings, prepared
):
    """After a few readings the posts' text is a prepared statement on the connection (no
    more parsing and planning it), unless DB_PREPARED_STATEMENTS is off (for a
    transaction-mode pooler); either way every reading gives the ORM's rows."""
    settings.DB_PREPARED_STATEMENTS = prepared
    kind = views._viewer_kind(outsider)
    query = views._fixed_page_posts("default", kind, 0, 2)
    ids = {"thread": busy.pk, "viewer": outsider.pk}
    _count, expected = _orm_rows(outsider, busy, 0, 2)
    threshold = connection.connection.prepare_threshold
    assert threshold is not None
    for _reading in range(threshold + 2):
        rows = query.rows(**ids)
        assert [_values(post) for post in rows] == [_values(post) for post in expected]
    marker = 'FROM "forum_post" INNER JOIN "accounts_user"'
    assert any(marker in text for text in _prepared_texts()) == prepared
