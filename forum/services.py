"""Writes to the forum. Views, admin and commands all go through these functions."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from forum import cache as page_cache
from forum import search_index
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
from moderation.audit import log_action
from moderation.disclaimers import current_disclaimer
from moderation.screening import screen_post


def thread_slug(title: str) -> str:
    return slugify(title)[:80].strip("-") or "question"


def expert_stamp(author, *, is_question: bool = False) -> dict:
    """A verified expert's post carries the current disclaimer, fixed at posting time.

    Only set when a post is created; editing never changes it. A question is asked as an
    expert only when the expert linked their profile to this account: otherwise it is a
    member's question, shown under the display name, and must not reveal the expert.
    """
    profile = author.verified_expert_profile
    if profile is None or (is_question and not profile.linked_to_member):
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
        **expert_stamp(author, is_question=True),
    )
    _apply_screening(question)
    Category.objects.filter(pk=category.pk).update(
        thread_count=_published_threads(), last_activity_at=now
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
        Thread.objects.filter(pk=thread.pk).update(**_answer_counts(), last_activity_at=now)
        Category.objects.filter(pk=thread.category_id).update(last_activity_at=now)
        notify_followers_of(post)
    return post


def _apply_screening(post: Post) -> None:
    """Run the automatic checks; a post they hold waits as pending, with the reason kept."""
    result = screen_post(post)
    if result.held and post.status == PostStatus.PUBLISHED:
        set_post_status(post, status=PostStatus.PENDING, reason=result.hold_reason())


# --- A post's status, and the counters that follow from it ---------------------------
#
# Counters are kept one way: recounted from the rows in the same UPDATE (never moved by
# +1/-1), so a write that races another, or a repeat, cannot leave them wrong.


def _count_of(rows, *, per: str, field: str = "pk", distinct: bool = False):
    """A subquery counting `rows` (filtered on OuterRef) for the outer row; 0 when none."""
    counted = rows.order_by().values(per).annotate(n=Count(field, distinct=distinct))
    return Coalesce(Subquery(counted.values("n")), Value(0))


def _answer_counts() -> dict:
    """A thread's published answers and the distinct verified experts among their authors."""
    answers = Post.objects.filter(
        thread=OuterRef("pk"), is_question=False, status=PostStatus.PUBLISHED
    )
    return {
        "reply_count": _count_of(answers, per="thread"),
        "expert_reply_count": _count_of(
            answers.filter(is_expert_answer=True), per="thread", field="author", distinct=True
        ),
    }


def _published_threads():
    published = Thread.objects.filter(category=OuterRef("pk"), status=PostStatus.PUBLISHED)
    return _count_of(published, per="category")


def recount_thread(*, thread_id: int) -> None:
    """Set the thread's answer counters from its published answers."""
    Thread.objects.filter(pk=thread_id).update(**_answer_counts())


def recount_category(*, category_id: int) -> None:
    """Set the category's count of published questions."""
    Category.objects.filter(pk=category_id).update(thread_count=_published_threads())


def set_post_status(post: Post, *, status: str, reason: str) -> str:
    """Move a post (locked by the caller where two requests can race) to `status`: a
    question takes its thread with it; counters, last activity and cached pages follow.

    Returns the status it had before.
    """
    was = post.status
    post.status = status
    post.status_reason = reason
    post.save(update_fields=["status", "status_reason"])
    published_changed = (was == PostStatus.PUBLISHED) != (status == PostStatus.PUBLISHED)
    if post.is_question:
        Thread.objects.filter(pk=post.thread_id).update(status=status)
        post.thread.status = status
        if published_changed:
            recount_category(category_id=post.thread.category_id)
    elif status == PostStatus.PUBLISHED and was != status:
        Thread.objects.filter(pk=post.thread_id).update(
            **_answer_counts(), last_activity_at=timezone.now()
        )
    elif published_changed:
        recount_thread(thread_id=post.thread_id)
    page_cache.bump(thread=post.thread_id)
    return was


def update_search_vector(*, thread_id: int) -> None:
    """Keep search up to date after a question's title or text changed (forum.search_index)."""
    search_index.index_thread(thread_id=thread_id)


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
    _apply_screening(post)
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
    if post.featured_at is not None:
        post.featured_at = None
        post.save(update_fields=["featured_at"])
    post.thread = thread
    set_post_status(post, status=PostStatus.WITHDRAWN, reason=post.status_reason)
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
