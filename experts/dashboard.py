"""What an expert's dashboard (and weekly e-mail) shows. Each list is one query, whatever
the number of threads, posts or votes."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import ExpertProfile
from forum.models import Post, PostStatus, Thread

WAITING_LIMIT = 20
MENTIONS_LIMIT = 10
ANSWERS_LIMIT = 10
# Mentions are found by matching text: only recent posts are read, so the query stays quick.
MENTION_WINDOW_DAYS = 60
# Questions older than this are left to search: the list stays about people still waiting,
# and the query reads only recent threads however large the forum grows.
WAITING_WINDOW_DAYS = 120
# Words in a question that ask for an expert in particular.
ADDRESSED_TO_EXPERTS = "@expert"


def _thread_columns(threads):
    return threads.select_related("category").only(
        "id",
        "title",
        "slug",
        "created_at",
        "last_activity_at",
        "reply_count",
        "expert_reply_count",
        "is_prescription_question",
        "category__id",
        "category__name",
        "category__slug",
    )


def _urgent_question():
    return Post.objects.filter(thread=OuterRef("pk"), is_question=True, shows_urgent_help=True)


def waiting_questions(profile: ExpertProfile, category_ids: list[int], *, limit=WAITING_LIMIT):
    """Recent published open questions no expert has answered yet: those in the expert's categories
    first, unanswered before under-answered, newest first. Marks prescription (a field)
    and urgent ones (`is_urgent`). Never the expert's own threads or ones they answered."""
    since = timezone.now() - timedelta(days=WAITING_WINDOW_DAYS)
    own_posts = Post.objects.filter(thread=OuterRef("pk"), author_id=profile.user_id)
    in_areas = Q(category_id__in=category_ids) if category_ids else Q(pk__isnull=False)
    threads = (
        Thread.objects.filter(
            status=PostStatus.PUBLISHED,
            is_locked=False,
            expert_reply_count=0,
            created_at__gte=since,
        )
        .exclude(author_id=profile.user_id)
        .exclude(Exists(own_posts))
        .annotate(
            is_urgent=Exists(_urgent_question()),
            waiting_rank=Case(
                When(in_areas & Q(reply_count=0), then=Value(0)),
                When(in_areas, then=Value(1)),
                When(reply_count=0, then=Value(2)),
                default=Value(3),
                output_field=IntegerField(),
            ),
        )
        .order_by("waiting_rank", "-created_at", "-id")
    )
    return list(_thread_columns(threads)[:limit])


def mentioning_threads(profile: ExpertProfile, *, limit=MENTIONS_LIMIT):
    """Recent published threads whose question asks for an expert ("@expert", "@experts")
    or where someone else named this expert."""
    since = timezone.now() - timedelta(days=MENTION_WINDOW_DAYS)
    recent = Post.objects.filter(
        thread=OuterRef("pk"), status=PostStatus.PUBLISHED, created_at__gte=since
    ).exclude(author_id=profile.user_id)
    asks_experts = recent.filter(is_question=True, body__icontains=ADDRESSED_TO_EXPERTS)
    condition = Exists(asks_experts)
    if len(profile.professional_name) >= 5:
        condition |= Exists(recent.filter(body__icontains=profile.professional_name))
    threads = (
        Thread.objects.filter(status=PostStatus.PUBLISHED, last_activity_at__gte=since)
        .filter(condition)
        .annotate(is_urgent=Exists(_urgent_question()))
        .order_by("-last_activity_at", "-id")
    )
    return list(_thread_columns(threads)[:limit])


def answers_and_votes(profile: ExpertProfile, *, limit=ANSWERS_LIMIT):
    """The expert's published answers most found helpful, and the totals (two queries)."""
    answers = Post.objects.filter(
        author_id=profile.user_id, is_expert_answer=True, status=PostStatus.PUBLISHED
    )
    totals = answers.aggregate(answers=Count("pk"), votes=Coalesce(Sum("helpful_count"), Value(0)))
    top = list(
        answers.select_related("thread")
        .only("id", "helpful_count", "created_at", "thread__id", "thread__title", "thread__slug")
        .order_by("-helpful_count", "-created_at")[:limit]
    )
    return top, totals
