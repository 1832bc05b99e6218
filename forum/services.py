"""Writes to the forum. Views, admin and commands all go through these functions."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from forum.models import (
    Category,
    HelpfulVote,
    Post,
    PostRevision,
    PostStatus,
    Thread,
    ThreadFollow,
)
from forum.notifications import notify_followers_of
from forum.rendering import render_markdown
from moderation.screening import screen_post
from moderation.services import current_disclaimer


def thread_slug(title: str) -> str:
    return slugify(title)[:80].strip("-") or "question"


def expert_stamp(author) -> dict:
    """A verified expert's post carries the current disclaimer, fixed at posting time.

    Only set when a post is created; editing never changes it.
    """
    profile = author.verified_expert_profile
    if profile is None:
        return {}
    return {"disclaimer": current_disclaimer(), "author_was_prescriber": profile.is_prescriber}


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
        **expert_stamp(author),
    )
    _apply_screening(question)
    Category.objects.filter(pk=category.pk).update(
        thread_count=F("thread_count") + 1, last_activity_at=now
    )
    ThreadFollow.objects.create(thread=thread, user=author)
    update_search_vector(thread_id=thread.pk)
    return thread


class DuplicateReply(Exception):
    """The member sent this same answer a moment ago; `post` is the copy that was kept."""

    def __init__(self, post: Post) -> None:
        super().__init__(f"the same answer as post {post.pk}")
        self.post = post


def earlier_identical_reply(*, author, thread: Thread, body: str) -> Post | None:
    """The same member's answer with the same text on this thread in the last
    FORUM_DUPLICATE_REPLY_SECONDS (a double click, a resent form), if there is one.

    Call it inside the transaction that would write the answer: it locks the author's row,
    so identical answers sent at once are looked at one after the other and only the
    first is stored.
    """
    list(get_user_model().objects.select_for_update().filter(pk=author.pk).values_list("pk"))
    since = timezone.now() - timedelta(seconds=settings.FORUM_DUPLICATE_REPLY_SECONDS)
    return (
        Post.objects.filter(
            thread=thread,
            author=author,
            is_question=False,
            created_at__gte=since,
            status__in=[PostStatus.PUBLISHED, PostStatus.PENDING],
            body=body,
        )
        .order_by("created_at")
        .first()
    )


@transaction.atomic
def post_reply(*, author, thread: Thread, body: str, at=None) -> Post:
    """Answer a thread; the thread's counters move only for published answers.

    Raises DuplicateReply when the member sent the same answer a moment ago.
    """
    earlier = earlier_identical_reply(author=author, thread=thread, body=body)
    if earlier is not None:
        raise DuplicateReply(earlier)
    now = at or timezone.now()
    post = Post.objects.create(
        thread=thread,
        author=author,
        body=body,
        body_html=render_markdown(body),
        created_at=now,
        is_expert_answer=author.is_expert,
        **expert_stamp(author),
    )
    _apply_screening(post)
    if post.status == PostStatus.PUBLISHED:
        Thread.objects.filter(pk=thread.pk).update(
            reply_count=F("reply_count") + 1, last_activity_at=now
        )
        Category.objects.filter(pk=thread.category_id).update(last_activity_at=now)
        if post.is_expert_answer:
            recount_experts(thread_id=thread.pk)
        notify_followers_of(post)
    return post


def _apply_screening(post: Post) -> None:
    """Run the automatic checks; a post they hold waits as pending, with the reason kept."""
    result = screen_post(post)
    if result.held and post.status == PostStatus.PUBLISHED:
        post.status = PostStatus.PENDING
        post.status_reason = result.hold_reason()
        post.save(update_fields=["status", "status_reason"])
        if post.is_question:
            Thread.objects.filter(pk=post.thread_id).update(status=PostStatus.PENDING)


# --- Counters and search -------------------------------------------------------------


def recount_experts(*, thread_id: int) -> None:
    """Set the thread's count of distinct verified experts with a published answer."""
    experts = (
        Post.objects.filter(
            thread=OuterRef("pk"),
            is_question=False,
            is_expert_answer=True,
            status=PostStatus.PUBLISHED,
        )
        .order_by()
        .values("thread")
        .annotate(n=Count("author", distinct=True))
        .values("n")
    )
    Thread.objects.filter(pk=thread_id).update(
        expert_reply_count=Coalesce(Subquery(experts), Value(0))
    )


def adjust_answer_counters(*, post: Post, delta: int) -> None:
    """Move the thread's answer counters when an answer starts (+1) or stops (-1) being
    published. Moderation calls this when it approves a held answer or removes a published one.
    """
    Thread.objects.filter(pk=post.thread_id).update(reply_count=F("reply_count") + delta)
    if post.is_expert_answer:
        recount_experts(thread_id=post.thread_id)


SEARCH_CONFIG = "english"


def update_search_vector(*, thread_id: int) -> None:
    """Store the thread's full-text vector (title weighted above the question); PostgreSQL only."""
    if not settings.USING_POSTGRES:
        return
    question_body = Post.objects.filter(thread=OuterRef("pk"), is_question=True).values("body")[:1]
    Thread.objects.filter(pk=thread_id).update(
        search_vector=SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector(Subquery(question_body), weight="B", config=SEARCH_CONFIG)
    )


# --- Editing and withdrawing your own posts -----------------------------------------


@transaction.atomic
def edit_post(*, post: Post, editor, body: str, title: str | None = None) -> bool:
    """Change a post's text, keeping the earlier version as a PostRevision.

    `title` applies to questions only. Returns whether anything changed.
    """
    post = Post.objects.select_for_update().select_related("thread").get(pk=post.pk)
    thread = post.thread
    new_title = title if (post.is_question and title) else thread.title
    if body == post.body and new_title == thread.title:
        return False
    PostRevision.objects.create(
        post=post,
        editor=editor,
        title=thread.title if post.is_question else "",
        body=post.body,
    )
    post.body = body
    post.body_html = render_markdown(body)
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "body_html", "edited_at"])
    if post.is_question:
        if new_title != thread.title:
            thread.title = new_title
            thread.slug = thread_slug(new_title)
            thread.save(update_fields=["title", "slug"])
        update_search_vector(thread_id=thread.pk)
    # An edit is checked like a new post (moderation.screening): flags, masking, holds.
    was_published = post.status == PostStatus.PUBLISHED
    _apply_screening(post)
    if was_published and post.status != PostStatus.PUBLISHED and not post.is_question:
        adjust_answer_counters(post=post, delta=-1)
    return True


@transaction.atomic
def withdraw_post(*, post: Post, by) -> bool:
    """The author takes back their own post. It is kept, shown as withdrawn, and counters move.

    A question can be withdrawn only while it has no published answers: once others have
    answered, their answers stay findable (the asker can still edit the question).
    Returns whether anything changed.
    """
    post = Post.objects.select_for_update().get(pk=post.pk)
    if post.status == PostStatus.WITHDRAWN:
        return False
    thread = Thread.objects.select_for_update().get(pk=post.thread_id)
    if post.is_question and thread.reply_count > 0:
        raise ValidationError(
            _(
                "Your question already has answers, so it stays up for others who find it. "
                "You can edit it, or ask a moderator to remove it."
            ),
            code="has_answers",
        )
    was_published = post.status == PostStatus.PUBLISHED
    post.status = PostStatus.WITHDRAWN
    post.featured_at = None
    post.save(update_fields=["status", "featured_at"])
    if post.is_question:
        thread.status = PostStatus.WITHDRAWN
        thread.save(update_fields=["status"])
        Category.objects.filter(pk=thread.category_id, thread_count__gt=0).update(
            thread_count=F("thread_count") - 1
        )
    elif was_published:
        adjust_answer_counters(post=post, delta=-1)
    return True


# --- Helpful votes, featured answers, following ---------------------------------------


@transaction.atomic
def toggle_helpful(*, post: Post, voter) -> bool:
    """Add the member's "helpful" vote, or take it back. Returns whether they now vote for it."""
    removed, _by_model = HelpfulVote.objects.filter(post=post, voter=voter).delete()
    if removed:
        Post.objects.filter(pk=post.pk).update(helpful_count=F("helpful_count") - 1)
        return False
    try:
        with transaction.atomic():
            HelpfulVote.objects.create(post=post, voter=voter)
    except IntegrityError:  # a double click that raced us: the vote is already there
        return True
    Post.objects.filter(pk=post.pk).update(helpful_count=F("helpful_count") + 1)
    return True


MAX_FEATURED_ANSWERS = 3


@transaction.atomic
def set_featured(*, post: Post, by, featured: bool) -> bool:
    """Feature an answer above the others (at most three a thread), or stop featuring it.

    Returns whether anything changed; a moderator's choice is written to the moderation log.
    """
    thread = Thread.objects.select_for_update().get(pk=post.thread_id)
    post = Post.objects.get(pk=post.pk)
    if featured == (post.featured_at is not None):
        return False
    if featured:
        if post.is_question or post.status != PostStatus.PUBLISHED:
            raise ValidationError(_("Only a published answer can be featured."), code="invalid")
        taken = Post.objects.filter(thread=thread, featured_at__isnull=False).count()
        if taken >= MAX_FEATURED_ANSWERS:
            raise ValidationError(
                _("A thread can feature at most %(n)d answers. Unfeature one first.")
                % {"n": MAX_FEATURED_ANSWERS},
                code="too_many",
            )
    post.featured_at = timezone.now() if featured else None
    post.save(update_fields=["featured_at"])
    if by.pk != thread.author_id:
        from moderation.services import log_action

        log_action(actor=by, action="feature" if featured else "unfeature", target=post)
    return True


def follow_thread(*, thread: Thread, user) -> bool:
    """Returns whether the member started following (False if they already did)."""
    _follow, created = ThreadFollow.objects.get_or_create(thread=thread, user=user)
    return created


def unfollow_thread(*, thread_id: int, user) -> bool:
    """Returns whether the member stopped following (False if they did not follow)."""
    removed, _by_model = ThreadFollow.objects.filter(thread_id=thread_id, user=user).delete()
    return bool(removed)
