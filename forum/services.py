"""Writes to the forum. Views, admin and commands all go through these functions."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from forum.models import Category, Post, PostStatus, Thread
from forum.rendering import render_markdown
from moderation.screening import hold_reason_text, screen_post


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
    question = Post.objects.create(
        thread=thread,
        author=author,
        is_question=True,
        body=body,
        body_html=render_markdown(body),
        created_at=now,
    )
    _apply_screening(question)
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
    _apply_screening(post)
    if post.status == PostStatus.PUBLISHED:
        Thread.objects.filter(pk=thread.pk).update(
            reply_count=F("reply_count") + 1, last_activity_at=now
        )
        Category.objects.filter(pk=thread.category_id).update(last_activity_at=now)
    return post


def _apply_screening(post: Post) -> None:
    """Run the automatic checks; a post they hold waits as pending, with the reason kept."""
    result = screen_post(post)
    if result.held and post.status == PostStatus.PUBLISHED:
        post.status = PostStatus.PENDING
        post.status_reason = hold_reason_text(result.held_for)
        post.save(update_fields=["status", "status_reason"])
        if post.is_question:
            Thread.objects.filter(pk=post.thread_id).update(status=PostStatus.PENDING)
