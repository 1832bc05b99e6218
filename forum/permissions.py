"""Who may do what in the forum: `can_*` answer with a bool, `check_*` raise."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from forum.links import post_links
from forum.models import Post, PostStatus, Thread


def _can_write(user) -> bool:
    return user.is_authenticated and user.is_active and not user.is_suspended


def check_can_post(user) -> None:
    """Every write view calls this first: suspended members can read but not write.

    The message is shown on the 403 page, so it says what is going on and until when.
    """
    if user.is_authenticated and user.is_suspended:
        until = formats.date_format(timezone.localtime(user.suspended_until), "DATETIME_FORMAT")
        raise PermissionDenied(
            _(
                "Your account is suspended until %(until)s. You can still read the forum, "
                "but you cannot post, reply, vote, flag or follow until then. If you think "
                "this is a mistake, you can appeal."
            )
            % {"until": until}
        )


def can_edit_post(user, post: Post) -> bool:
    """Authors edit their own published or held posts while the thread is open."""
    return (
        _can_write(user)
        and post.author_id == user.pk
        and post.status in (PostStatus.PUBLISHED, PostStatus.PENDING)
        and not post.thread.is_locked
    )


def can_withdraw_post(user, post: Post) -> bool:
    return (
        user.is_authenticated
        and post.author_id == user.pk
        and post.status in (PostStatus.PUBLISHED, PostStatus.PENDING)
    )


def can_vote_helpful(user, post: Post) -> bool:
    """Any member but the author may mark a published post helpful."""
    return _can_write(user) and post.author_id != user.pk and post.status == PostStatus.PUBLISHED


def can_feature(user, thread: Thread) -> bool:
    """The asker or a moderator chooses the featured answers."""
    return user.is_authenticated and (thread.author_id == user.pk or user.can_moderate)


def can_feature_post(user, post: Post) -> bool:
    """A published answer can be featured by the asker (not their own answers) or a moderator."""
    if post.is_question or post.status != PostStatus.PUBLISHED:
        return False
    if user.is_authenticated and user.can_moderate:
        return True
    return can_feature(user, post.thread) and post.author_id != user.pk


def check(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def mark_for_viewer(posts, user, thread: Thread, voted) -> None:
    """Put on each post what this viewer may do with it (read by post_actions.html) and the
    links under it. `voted`: the ids of the posts they marked helpful."""
    may_feature = can_feature(user, thread)
    links = post_links(post.pk for post in posts)
    for post in posts:
        post.links = links[post.pk]
        post.thread = thread  # already loaded; saves a query per post in the checks below
        post.viewer_can_edit = can_edit_post(user, post)
        post.viewer_can_withdraw = can_withdraw_post(user, post)
        post.viewer_can_vote = can_vote_helpful(user, post)
        post.viewer_voted = post.pk in voted
        post.viewer_can_feature = may_feature and can_feature_post(user, post)
