"""Following categories and the weekly digest e-mail.

A member follows a category (CategoryFollow) as well as questions (ThreadFollow). If she
asks for it (a WeeklyDigest row: off by default), once a week she gets one e-mail listing the
new questions in the categories she follows and the new answers to the questions she
follows. Every digest carries a one-click "stop" link (List-Unsubscribe with
List-Unsubscribe-Post, RFC 8058): opening it only asks; the button, or her mail client,
POSTs. `manage.py send_weekly_digests` sends the ones that are due (run it daily from cron;
nobody gets more than one a week).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from forum.models import Category, CategoryFollow, Post, PostStatus, Thread, WeeklyDigest
from forum.notifications import read_email_link, sign_email_link

logger = logging.getLogger(__name__)

DIGEST_SALT = "forum.digest-off"
DIGEST_EVERY = timedelta(days=7)
MAX_ITEMS = 20


def follow_category(*, category: Category, user) -> bool:
    """Returns whether she started following (False if she already did)."""
    _follow, created = CategoryFollow.objects.get_or_create(category=category, user=user)
    return created


def unfollow_category(*, category: Category, user) -> bool:
    removed, _by_model = CategoryFollow.objects.filter(category=category, user=user).delete()
    return bool(removed)


def following_state(*, user, category: Category) -> dict:
    """For the category page, in one query: does she follow it, is her digest on?"""
    flags = (
        Category.objects.filter(pk=category.pk)
        .annotate(
            is_following=Exists(CategoryFollow.objects.filter(user=user, category=OuterRef("pk"))),
            digest_on=Exists(WeeklyDigest.objects.filter(user=user)),
        )
        .values("is_following", "digest_on")
        .first()
    )
    return flags or {"is_following": False, "digest_on": False}


def set_weekly_digest(*, user_id: int, on: bool) -> bool:
    """Turn the digest on or off; returns whether anything changed."""
    if on:
        _row, created = WeeklyDigest.objects.get_or_create(user_id=user_id)
        return created
    removed, _by_model = WeeklyDigest.objects.filter(user_id=user_id).delete()
    return bool(removed)


def make_digest_off_token(*, user_id: int) -> str:
    return sign_email_link(salt=DIGEST_SALT, ids=[user_id])


def read_digest_off_token(token: str) -> int | str | None:
    """The member a "stop the digest" link stands for, UNFOLLOW_EXPIRED, or None."""
    found = read_email_link(token, salt=DIGEST_SALT, size=1)
    return found[0] if isinstance(found, tuple) else found


@dataclass
class Digest:
    questions: list[Thread] = field(default_factory=list)
    answers: list[tuple[Thread, int]] = field(default_factory=list)  # thread, new answers

    def __bool__(self) -> bool:
        return bool(self.questions or self.answers)


def digest_for(user, *, since: datetime) -> Digest:
    """What is new since `since` in what she follows (published only; nothing of her own)."""
    published = Thread.objects.filter(status=PostStatus.PUBLISHED)
    questions = list(
        published.filter(
            category__follows__user=user,
            created_at__gte=since,
        )
        .exclude(author=user)
        .select_related("category")
        .order_by("-created_at")[:MAX_ITEMS]
    )
    new_answers = Q(
        posts__is_question=False,
        posts__status=PostStatus.PUBLISHED,
        posts__created_at__gte=since,
    ) & ~Q(posts__author=user)
    answered = (
        published.filter(follows__user=user)
        .filter(new_answers)
        .select_related("category")
        .distinct()
        .order_by("-last_activity_at")[:MAX_ITEMS]
    )
    counts = _answer_counts([t.pk for t in answered], user=user, since=since)
    return Digest(questions=questions, answers=[(t, counts.get(t.pk, 0)) for t in answered])


def _answer_counts(thread_ids: list[int], *, user, since: datetime) -> dict[int, int]:
    rows = (
        Post.objects.filter(
            thread_id__in=thread_ids,
            is_question=False,
            status=PostStatus.PUBLISHED,
            created_at__gte=since,
        )
        .exclude(author=user)
        .values("thread_id")
        .annotate(n=Count("id"))
    )
    return {row["thread_id"]: row["n"] for row in rows}


def _due(now: datetime):
    return WeeklyDigest.objects.filter(
        Q(last_sent_at__isnull=True) | Q(last_sent_at__lte=now - DIGEST_EVERY + timedelta(hours=1)),
        user__is_active=True,
        user__deleted_at__isnull=True,
    ).exclude(user__email="")


def _message(user, digest: Digest) -> EmailMessage:
    site = settings.SITE_URL
    off_url = site + reverse(
        "forum:digest-off", kwargs={"token": make_digest_off_token(user_id=user.pk)}
    )
    context = {
        "member": user,
        "digest": digest,
        "site_name": settings.SITE_NAME,
        "site_url": site,
        "off_url": off_url,
    }
    subject = " ".join(render_to_string("email/weekly_digest_subject.txt", context).split())
    return EmailMessage(
        subject=subject,
        body=render_to_string("email/weekly_digest_body.txt", context),
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{off_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def send_weekly_digests(*, now: datetime | None = None) -> int:
    """Send every digest that is due and has something in it; returns how many were sent.

    The first digest covers the week before it; each later one, the time since the last.
    A week with nothing new sends nothing (and is looked at again next time)."""
    now = now or timezone.now()
    sent = 0
    for row in _due(now).select_related("user").iterator(chunk_size=200):
        since = row.last_sent_at or now - DIGEST_EVERY
        digest = digest_for(row.user, since=since)
        if not digest:
            continue
        with transaction.atomic():
            # Claimed before sending: two overlapping runs cannot both send it.
            claimed = WeeklyDigest.objects.filter(pk=row.pk, last_sent_at=row.last_sent_at).update(
                last_sent_at=now
            )
            if not claimed:
                continue
            get_connection().send_messages([_message(row.user, digest)])
        sent += 1
    logger.info("Sent %d weekly digests", sent)
    return sent
