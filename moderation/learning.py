"""Moderators' decisions on automatic flags, kept as labelled examples.

Every decision a moderator makes on an automatic finding of a learned check (confirm,
clear, approve, remove, return) is stored with the text as it was then, so
``manage.py moderation_train --include-decisions`` can learn from it, and the moderation
pages can show how often each check was right over the last 30 days.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from moderation.models import Flag, TrainingExample

# Labels a model decides; contact details and new-account links are exact rules.
LEARNED_LABELS = frozenset({"prescription_change", "promotion", "crisis", "urgent_symptom"})
# Approving or removing a post says nothing about whether its author is at risk or needs
# urgent care; those flags are learned from explicit confirm or clear decisions only.
SAFETY_LABELS = frozenset({"crisis", "urgent_symptom"})
PRECISION_WINDOW_DAYS = 30


def _text_of(post) -> str:
    if post.is_question:
        return f"{post.thread.title}\n\n{post.body}"
    return post.body


def record_decisions(
    *,
    flags: Iterable[Flag],
    decision: str,
    moderator,
    holds: Callable[[Flag], bool | None],
) -> int:
    """Store one example per automatic flag of a learned label that `holds` has a view on.

    `holds(flag)` says whether the moderator agreed with the check (None: no view).  The
    flags must be fetched with their post and thread before their state changes.
    """
    examples = []
    for flag in flags:
        if flag.source != Flag.Source.AUTO or flag.reason not in LEARNED_LABELS:
            continue
        verdict = holds(flag)
        if verdict is None:
            continue
        post = flag.post
        examples.append(
            TrainingExample(
                flag=flag,
                label=flag.reason,
                kind="question" if post.is_question else "reply",
                text=_text_of(post),
                sentence=flag.sentence,
                score=flag.score,
                detector=flag.detector,
                decision=decision,
                is_positive=verdict,
                decided_by=moderator,
            )
        )
    TrainingExample.objects.bulk_create(examples, ignore_conflicts=True)
    return len(examples)


def open_auto_flags(queryset):
    """The open automatic flags of a queryset, with what record_decisions needs."""
    return list(
        queryset.filter(state=Flag.State.OPEN, source=Flag.Source.AUTO).select_related(
            "post__thread"
        )
    )


def check_precision(days: int = PRECISION_WINDOW_DAYS) -> list[dict]:
    """Per label: decisions in the window, how many agreed with the check, and the share."""
    since = timezone.now() - timedelta(days=days)
    rows = (
        TrainingExample.objects.filter(decided_at__gte=since)
        .values("label")
        .annotate(decisions=Count("id"), agreed=Count("id", filter=Q(is_positive=True)))
        .order_by("label")
    )
    labels = dict(Flag.Reason.choices)
    out = []
    for row in rows:
        out.append(
            {
                "label": row["label"],
                "name": labels.get(row["label"], row["label"]),
                "decisions": row["decisions"],
                "agreed": row["agreed"],
                "precision": row["agreed"] / row["decisions"] if row["decisions"] else None,
            }
        )
    return out
