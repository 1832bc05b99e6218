"""Writes to the forum. Views, admin and commands all go through these functions."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from forum.models import Category, Post, PostStatus, Thread
from forum.rendering import render_markdown


def thread_slug(title: str) -> str:
    return slugify(title)[:80].strip("-") or "question"


@transaction.atomic
def start_thread(*, author, category: Category, title: str, body: str, at=None) -> Thread:
    """Ask a question: a new thread whose first post is the question.

    `at` backdates the question (demo and import only).
    """
    now = at or timezone.now()
    thread = Thread.objects.create(
        category=category,
        author=author,
        title=title,
        slug=thread_slug(title),
        created_at=now,
        last_activity_at=now,
    )
    Post.objects.create(
        thread=thread,
        author=author,
        is_question=True,
        body=body,
        body_html=render_markdown(body),
        created_at=now,
    )
    Category.objects.filter(pk=category.pk).update(
        thread_count=F("thread_count") + 1, last_activity_at=now
    )
    return thread


@transaction.atomic
def post_reply(*, author, thread: Thread, body: str, at=None) -> Post:
    """Answer a thread; the thread's counters move only for published answers."""
    now = at or timezone.now()
    post = Post.objects.create(
        thread=thread,
        author=author,
        body=body,
        body_html=render_markdown(body),
        created_at=now,
    )
    if post.status == PostStatus.PUBLISHED:
        Thread.objects.filter(pk=thread.pk).update(
            reply_count=F("reply_count") + 1, last_activity_at=now
        )
        Category.objects.filter(pk=thread.category_id).update(last_activity_at=now)
    return post
