"""What the review queue shows: one item per post, ordered by harm.

A post is in the queue while it is held (pending) or, published, has an open flag. The one
ordering rule is HARM_ORDER below (the queue page shows it): a tier first, then the longest
waiting within it. Each helper here runs a fixed number of queries whatever the number of
items.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forum.models import Post, PostStatus
from moderation.models import Flag, ModerationAction

CONTEXT_ANSWERS = 2

# The queue's order, by harm. Within a tier, the longest waiting comes first.
HARM_ORDER = (
    _("Someone may be at risk, or describes a symptom that needs a call today."),
    _(
        "Held posts that would harm if published (advice to change a prescription, "
        "promotion), oldest first."
    ),
    _("Public posts flagged by members, or by a check asking for a look."),
    _("Informational marks: prescription questions, to check the notice fits."),
)
# An automatic notice that only informs (the prescriber notice on a question): it asks a
# moderator to check the notice fits, and never counts against the person who asked.
INFORMATIONAL = Q(source=Flag.Source.AUTO, level="notice") & ~Q(
    reason__in=[Flag.Reason.CRISIS, Flag.Reason.URGENT_SYMPTOM]
)


def overdue_cutoff():
    return timezone.now() - timedelta(hours=settings.MODERATION_OVERDUE_HOURS)


def queue_posts(*, reason: str = "", source: str = ""):
    open_flags = Flag.objects.filter(post=OuterRef("pk"), state=Flag.State.OPEN)
    matching = open_flags
    if reason:
        matching = matching.filter(reason=reason)
    if source:
        matching = matching.filter(source=source)
    first_flag = open_flags.order_by("created_at").values("created_at")[:1]
    posts = (
        Post.objects.annotate(
            has_open_flag=Exists(open_flags),
            is_urgent=Exists(open_flags.filter(is_urgent=True)),
            waiting_since=Coalesce(Subquery(first_flag), "edited_at", "created_at"),
            harm_tier=Case(
                When(is_urgent=True, then=0),
                When(status=PostStatus.PENDING, then=1),
                When(Exists(open_flags.exclude(INFORMATIONAL)), then=2),
                default=3,
                output_field=IntegerField(),
            ),
        )
        .filter(Q(status=PostStatus.PENDING) | Q(status=PostStatus.PUBLISHED, has_open_flag=True))
        .select_related("thread__category", "author")
        .order_by("harm_tier", "waiting_since", "id")
    )
    if reason or source:
        posts = posts.filter(Exists(matching))
    return posts


def with_flags(posts):
    return posts.prefetch_related(
        Prefetch(
            "flags",
            queryset=Flag.objects.filter(state=Flag.State.OPEN)
            .select_related("reporter")
            .order_by("-is_urgent", "created_at"),
            to_attr="open_flags",
        )
    )


def with_previous_answers(posts):
    """Annotate the ids of the (up to two) answers just before each post in its thread."""
    earlier = Post.objects.filter(
        thread=OuterRef("thread"),
        is_question=False,
        status=PostStatus.PUBLISHED,
        created_at__lt=OuterRef("created_at"),
    ).order_by("-created_at", "-id")
    return posts.annotate(
        previous_1=Subquery(earlier.values("id")[:1]),
        previous_2=Subquery(earlier.values("id")[1:2]),
    )


def attach_context(items: list[Post]) -> None:
    """Give each item `.question`, `.previous_answers` and `.author_history` (3 queries)."""
    if not items:
        return
    wanted_ids = {i for p in items for i in (p.previous_1, p.previous_2) if i}
    thread_ids = {p.thread_id for p in items if not p.is_question}
    context = {
        p.pk: p
        for p in Post.objects.filter(
            Q(pk__in=wanted_ids) | Q(thread_id__in=thread_ids, is_question=True)
        ).select_related("author")
    }
    questions = {p.thread_id: p for p in context.values() if p.is_question}

    author_ids = {p.author_id for p in items}
    actions: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (
        ModerationAction.objects.filter(subject_id__in=author_ids)
        .values("subject_id", "action")
        .annotate(n=Count("id"))
        .order_by()
    ):
        actions[row["subject_id"]][row["action"]] = row["n"]
    flags: dict[int, dict[str, int]] = defaultdict(dict)
    # Informational notices and safety flags say nothing against the member.
    for row in (
        Flag.objects.filter(post__author_id__in=author_ids)
        .exclude(INFORMATIONAL)
        .exclude(reason__in=[Flag.Reason.CRISIS, Flag.Reason.URGENT_SYMPTOM])
        .values("post__author_id", "state")
        .annotate(n=Count("id"))
        .order_by()
    ):
        flags[row["post__author_id"]][row["state"]] = row["n"]

    for item in items:
        item.question = None if item.is_question else questions.get(item.thread_id)
        item.previous_answers = [
            context[i] for i in (item.previous_2, item.previous_1) if i and i in context
        ]
        item.author_history = {
            "actions": sorted(actions[item.author_id].items()),
            "flags": flags[item.author_id],
        }
