"""Deleting an account: a request, a cool-off the member can cancel, then anonymisation.

Nothing the member wrote is hard-deleted: their posts stay under "deleted member" (or are
withdrawn, if they asked), so other people's answers keep their context. What identifies
the member (e-mail, display name, place, username, password, MFA devices) is removed.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from accounts.models import AccountDeletion, ExpertProfile, User
from experts.models import Article, ArticleStatus
from forum.models import Post, PostStatus, ThreadFollow
from forum.services import withdraw_post

logger = logging.getLogger(__name__)


def open_deletion_for(user) -> AccountDeletion | None:
    return AccountDeletion.objects.filter(
        user=user, cancelled_at__isnull=True, completed_at__isnull=True
    ).first()


@transaction.atomic
def request_deletion(*, user: User, withdraw_posts: bool = False) -> AccountDeletion:
    """Start the cool-off. Asking again while one is open returns the open request."""
    existing = open_deletion_for(user)
    if existing:
        return existing
    now = timezone.now()
    deletion = AccountDeletion.objects.create(
        user=user,
        requested_at=now,
        due_at=now + timedelta(hours=settings.ACCOUNT_DELETION_COOL_OFF_HOURS),
        withdraw_posts=withdraw_posts,
    )
    transaction.on_commit(lambda: _schedule(deletion))
    return deletion


def _schedule(deletion: AccountDeletion) -> None:
    """Queue the anonymisation for the end of the cool-off where the task backend can wait.

    The immediate backend (tests) cannot defer, and the `process_account_deletions`
    command catches anything a queue missed, so this is best effort.
    """
    backend = carry_out_account_deletion.get_backend()
    if not backend.supports_defer:
        return
    carry_out_account_deletion.using(run_after=deletion.due_at).enqueue(deletion_id=deletion.pk)


@transaction.atomic
def cancel_deletion(*, user: User) -> bool:
    """Returns whether an open request was cancelled."""
    updated = AccountDeletion.objects.filter(
        user=user, cancelled_at__isnull=True, completed_at__isnull=True
    ).update(cancelled_at=timezone.now())
    return bool(updated)


def carry_out(*, deletion_id: int, now=None) -> bool:
    """Anonymise the account if the request is still open and due. Returns whether it ran."""
    now = now or timezone.now()
    with transaction.atomic():
        deletion = (
            AccountDeletion.objects.select_for_update()
            .select_related("user")
            .filter(pk=deletion_id)
            .first()
        )
        if deletion is None or not deletion.is_open or deletion.due_at > now:
            return False
        anonymise_account(user=deletion.user, withdraw_posts=deletion.withdraw_posts)
        deletion.completed_at = now
        deletion.save(update_fields=["completed_at"])
    return True


@task()
def carry_out_account_deletion(*, deletion_id: int) -> bool:
    """Background task (`manage.py run_worker`): anonymise an account at the end of its
    cool-off, unless the member cancelled."""
    return carry_out(deletion_id=deletion_id)


def carry_out_due(*, now=None) -> int:
    """Carry out every open request whose cool-off has ended. Returns how many ran."""
    now = now or timezone.now()
    due = AccountDeletion.objects.filter(
        cancelled_at__isnull=True, completed_at__isnull=True, due_at__lte=now
    ).values_list("pk", flat=True)
    return sum(carry_out(deletion_id=pk, now=now) for pk in list(due))


@transaction.atomic
def anonymise_account(*, user: User, withdraw_posts: bool = False) -> None:
    """Remove everything that identifies the member; keep what they wrote (or withdraw it)."""
    if withdraw_posts:
        _withdraw_all_posts(user)
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    ThreadFollow.objects.filter(user=user).delete()
    ExpertProfile.objects.filter(user=user).update(
        status=ExpertProfile.Status.REVOKED,
        # The registered name identifies her as surely as an e-mail address: her expert
        # posts and articles that stay up read "A verified expert" from now on.
        professional_name="",
        registration_number="",
        evidence="",
        decision_reason="The member deleted their account.",
    )
    user.username = f"deleted-{user.pk}"
    user.email = ""
    user.first_name = ""
    user.last_name = ""
    user.display_name = ""
    user.location = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.is_moderator = False
    user.notify_on_answers = False
    user.deleted_at = timezone.now()
    # A new password hash also ends every session the member still had open.
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()


def _withdraw_all_posts(user: User) -> None:
    Article.objects.filter(author__user=user).update(status=ArticleStatus.WITHDRAWN)
    posts = Post.objects.filter(author=user).exclude(status=PostStatus.WITHDRAWN)
    # Answers first, so a question whose only answers were the member's own can go too.
    for post in posts.order_by("is_question", "created_at"):
        try:
            withdraw_post(post=post, by=user)
        except ValidationError:
            # A question others have answered stays up, under "deleted member".
            logger.info("Kept question %s of deleted account %s: it has answers", post.pk, user.pk)
