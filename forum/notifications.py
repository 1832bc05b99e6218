"""E-mail to people who follow a thread when an answer is published.

Nothing is lost and nothing is sent twice:
- the answer's transaction writes one AnswerEmail row per follower (the outbox), so a
  crash after the commit, or a task that never ran, loses no e-mail;
- a background task sends them right after the commit, one message per row: a refused
  address or a mail server that is down delays only the rows it touched, which are tried
  again with growing pauses (EMAIL_RETRY_BASE_SECONDS doubling up to
  EMAIL_RETRY_MAX_SECONDS, EMAIL_MAX_ATTEMPTS in all);
- a row is claimed (pending -> sending) before its message goes out and marked sent as
  soon as the server accepts it, so a retry or a second worker never sends it again;
- `manage.py run_worker` also sends every row that is due (retries, and rows whose task
  was lost), and takes back a claim older than EMAIL_SENDING_STALE_SECONDS (a worker
  killed mid-send). That one case can send a message twice; it carries the same
  Message-ID both times, so mail programs show it once.
"""

from __future__ import annotations

import logging
import random
import smtplib
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from forum.models import AnswerEmail, AnswerEmailStatus, Post, PostStatus, ThreadFollow

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
    """Write the "new answer" e-mails for a published answer into the outbox, and have them
    sent once the transaction commits.

    forum.services calls this for answers published at once; moderation calls it when it
    approves a held answer. Calling it for anything else (a question, a held, removed or
    withdrawn post) does nothing; calling it twice for one answer writes each row once.
    """
    if post.is_question or post.status != PostStatus.PUBLISHED:
        return
    if queue_answer_emails(post) == 0:
        return
    post_id = post.pk
    # robust: the answer is saved whatever happens here; the worker sends what is due.
    transaction.on_commit(lambda: send_new_answer_emails.enqueue(post_id), robust=True)


def _wanting_followers(thread_id: int, *, exclude_user_id: int | None):
    return (
        get_user_model()
        .objects.filter(
            thread_follows__thread_id=thread_id,
            notify_on_answers=True,
            is_active=True,
            deleted_at__isnull=True,
        )
        .exclude(pk=exclude_user_id)
        .exclude(email="")
    )


def queue_answer_emails(post: Post) -> int:
    """One outbox row per follower who wants e-mail about this answer; how many there are."""
    recipient_ids = list(
        _wanting_followers(post.thread_id, exclude_user_id=post.author_id).values_list(
            "pk", flat=True
        )
    )
    if recipient_ids:
        AnswerEmail.objects.bulk_create(
            [AnswerEmail(post_id=post.pk, recipient_id=pk) for pk in recipient_ids],
            ignore_conflicts=True,
        )
    return len(recipient_ids)


@task()
def send_new_answer_emails(post_id: int) -> int:
    """Send this answer's waiting e-mails. Returns how many were sent."""
    post = Post.objects.filter(pk=post_id).first()
    if post is None:
        return 0
    # Tasks queued before the outbox existed carry only the post: write its rows now.
    published_answer = post.status == PostStatus.PUBLISHED and not post.is_question
    if published_answer and not AnswerEmail.objects.filter(post_id=post_id).exists():
        queue_answer_emails(post)
    return deliver_answer_emails(post_id=post_id)


def _due(now) -> Q:
    stale = now - timedelta(seconds=settings.EMAIL_SENDING_STALE_SECONDS)
    # A claim that keeps going stale (a message that crashes its worker) stops at the cap.
    return Q(status=AnswerEmailStatus.PENDING, due_at__lte=now) | Q(
        status=AnswerEmailStatus.SENDING,
        claimed_at__lt=stale,
        attempts__lt=settings.EMAIL_MAX_ATTEMPTS,
    )


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th failed try: doubling, capped, with jitter so
    rows that failed together are not all tried again at the same moment."""
    base = settings.EMAIL_RETRY_BASE_SECONDS * 2 ** min(max(attempts - 1, 0), 20)
    seconds = min(base, settings.EMAIL_RETRY_MAX_SECONDS) * random.uniform(0.8, 1.2)
    return timedelta(seconds=seconds)


def deliver_answer_emails(*, post_id: int | None = None, limit: int = 500) -> int:
    """Send the due outbox rows (of one answer, or all of them); how many were sent.

    Stops early when the mail server cannot be reached: the rows left are tried later.
    """
    now = timezone.now()
    rows = AnswerEmail.objects.filter(_due(now))
    if post_id is not None:
        rows = rows.filter(post_id=post_id)
    row_ids = list(rows.order_by("due_at", "pk").values_list("pk", flat=True)[:limit])
    sent = 0
    connection = None
    try:
        for row_id in row_ids:
            if not _claim(row_id):
                continue  # another worker has it, or it was sent meanwhile
            row = AnswerEmail.objects.select_related(
                "post__thread", "post__author__expert_profile", "post__disclaimer", "recipient"
            ).get(pk=row_id)
            message = _message_for(row)
            if message is None:
                _finish(row, AnswerEmailStatus.SKIPPED)
                continue
            try:
                if connection is None:
                    # Opened here, so one connection carries the whole batch.
                    connection = get_connection()
                    connection.open()
                if connection.send_messages([message]) != 1:
                    raise smtplib.SMTPException("the mail backend did not send it")
            except (smtplib.SMTPException, OSError) as exc:
                _postpone(row, exc)
                if not isinstance(exc, smtplib.SMTPRecipientsRefused):
                    break  # the server itself is unwell: leave the rest for later
                continue
            _finish(row, AnswerEmailStatus.SENT)
            sent += 1
    finally:
        if connection is not None:
            try:
                connection.close()
            except (smtplib.SMTPException, OSError):
                logger.info("The mail connection closed badly", exc_info=True)
    if sent:
        logger.info("Sent %d new-answer e-mails", sent)
    return sent


def _claim(row_id: int) -> bool:
    now = timezone.now()
    claimed = AnswerEmail.objects.filter(_due(now), pk=row_id).update(
        status=AnswerEmailStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    return claimed == 1


def _finish(row: AnswerEmail, status: str) -> None:
    AnswerEmail.objects.filter(pk=row.pk).update(
        status=status,
        sent_at=timezone.now() if status == AnswerEmailStatus.SENT else None,
        last_error="",
    )


def _postpone(row: AnswerEmail, exc: BaseException) -> None:
    attempts = row.attempts  # already counts this try (set by _claim)
    error = f"{type(exc).__name__}: {exc}"[:500]
    if attempts >= settings.EMAIL_MAX_ATTEMPTS:
        logger.error("Gave up on new-answer e-mail %d after %d tries: %s", row.pk, attempts, error)
        status = AnswerEmailStatus.FAILED
    else:
        logger.warning("New-answer e-mail %d not sent (try %d): %s", row.pk, attempts, error)
        status = AnswerEmailStatus.PENDING
    AnswerEmail.objects.filter(pk=row.pk).update(
        status=status, due_at=timezone.now() + retry_delay(attempts), last_error=error
    )


def _message_for(row: AnswerEmail) -> EmailMessage | None:
    """The e-mail for this row, or None if it is no longer wanted (the answer was hidden,
    the member unfollowed, turned e-mails off or left)."""
    post = row.post
    thread = post.thread
    follower = row.recipient
    if post.status != PostStatus.PUBLISHED or thread.status != PostStatus.PUBLISHED:
        return None
    still_wants = (
        follower.notify_on_answers
        and follower.is_active
        and follower.deleted_at is None
        and follower.email
        and ThreadFollow.objects.filter(thread_id=thread.pk, user_id=follower.pk).exists()
    )
    if not still_wants:
        return None
    site = settings.SITE_URL
    unfollow_url = site + reverse(
        "forum:email-unfollow",
        kwargs={"token": make_unfollow_token(user_id=follower.pk, thread_id=thread.pk)},
    )
    context = {
        "follower": follower,
        "thread": thread,
        "post": post,
        "answer_url": f"{site}{thread.get_absolute_url()}#post-{post.pk}",
        "unfollow_url": unfollow_url,
        "preferences_url": f"{site}{reverse('accounts:profile-edit')}",
        "site_name": settings.SITE_NAME,
    }
    subject = " ".join(render_to_string("email/new_answer_subject.txt", context).split())
    domain = urlsplit(site).hostname or "localhost"
    return EmailMessage(
        subject=subject,
        body=render_to_string("email/new_answer_body.txt", context),
        to=[follower.email],
        headers={
            "List-Unsubscribe": f"<{unfollow_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            # The same on every try: a message sent twice after a crash shows once.
            "Message-ID": f"<answer-email-{row.pk}@{domain}>",
        },
    )
