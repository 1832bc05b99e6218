"""E-mail to people who follow a thread, sent by a background task after the answer is saved."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from forum.models import Post, PostStatus

logger = logging.getLogger(__name__)

UNFOLLOW_SALT = "forum.unfollow"
# A link in an old e-mail stops working after this; a forwarded e-mail cannot be used for ever.
UNFOLLOW_LINK_MAX_AGE = timedelta(days=60)
UNFOLLOW_EXPIRED = "expired"


def sign_email_link(*, salt: str, ids: list[int]) -> str:
    """A token for a one-click link in an e-mail (unfollow a question, stop the digest)."""
    return signing.TimestampSigner(salt=salt).sign_object(ids)


def read_email_link(token: str, *, salt: str, size: int) -> tuple[int, ...] | str | None:
    """The ids a one-click link stands for; UNFOLLOW_EXPIRED for one of ours older than
    UNFOLLOW_LINK_MAX_AGE; None if it is not ours."""
    try:
        ids = signing.TimestampSigner(salt=salt).unsign_object(token, max_age=UNFOLLOW_LINK_MAX_AGE)
    except signing.SignatureExpired:
        return UNFOLLOW_EXPIRED
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(ids, list) or len(ids) != size:
        return None
    if not all(isinstance(i, int) and not isinstance(i, bool) for i in ids):
        return None
    return tuple(ids)


def make_unfollow_token(*, user_id: int, thread_id: int) -> str:
    return sign_email_link(salt=UNFOLLOW_SALT, ids=[user_id, thread_id])


def read_unfollow_token(token: str) -> tuple[int, int] | str | None:
    """The (user id, thread id) a one-click unfollow link stands for; UNFOLLOW_EXPIRED for
    one of ours older than UNFOLLOW_LINK_MAX_AGE; None if it is not ours."""
    return read_email_link(token, salt=UNFOLLOW_SALT, size=2)


def notify_followers_of(post: Post) -> None:
    """Queue the "new answer" e-mails for a published answer, once the transaction commits.

    forum.services calls this for answers published at once; moderation calls it when it
    approves a held answer. Calling it for anything else (a question, a held, removed or
    withdrawn post) does nothing.
    """
    if post.is_question or post.status != PostStatus.PUBLISHED:
        return
    post_id = post.pk
    transaction.on_commit(lambda: send_new_answer_emails.enqueue(post_id))


@task()
def send_new_answer_emails(post_id: int) -> int:
    """Send one e-mail to each follower who wants them. Returns how many were sent."""
    post = (
        Post.objects.select_related("thread", "author__expert_profile", "disclaimer")
        .filter(pk=post_id)
        .first()
    )
    if post is None or post.status != PostStatus.PUBLISHED:
        return 0
    thread = post.thread
    if thread.status != PostStatus.PUBLISHED:
        return 0
    followers = (
        get_user_model()
        .objects.filter(
            thread_follows__thread=thread,
            notify_on_answers=True,
            is_active=True,
            deleted_at__isnull=True,
        )
        .exclude(pk=post.author_id)
        .exclude(email="")
        .only("pk", "email", "display_name", "username")
    )
    site = settings.SITE_URL
    answer_url = f"{site}{thread.get_absolute_url()}#post-{post.pk}"
    preferences_url = f"{site}{reverse('accounts:profile-edit')}"
    messages = []
    for follower in followers.iterator(chunk_size=500):
        unfollow_url = site + reverse(
            "forum:email-unfollow",
            kwargs={"token": make_unfollow_token(user_id=follower.pk, thread_id=thread.pk)},
        )
        context = {
            "follower": follower,
            "thread": thread,
            "post": post,
            "answer_url": answer_url,
            "unfollow_url": unfollow_url,
            "preferences_url": preferences_url,
            "site_name": settings.SITE_NAME,
        }
        subject = " ".join(render_to_string("email/new_answer_subject.txt", context).split())
        messages.append(
            EmailMessage(
                subject=subject,
                body=render_to_string("email/new_answer_body.txt", context),
                to=[follower.email],
                headers={
                    "List-Unsubscribe": f"<{unfollow_url}>",
                    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                },
            )
        )
    if messages:
        get_connection().send_messages(messages)
    logger.info("Sent %d new-answer e-mails for post %d", len(messages), post.pk)
    return len(messages)
