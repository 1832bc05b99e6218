"""Automatic checks run when a post is saved or edited.

The detectors are pure functions over text (moderation/detectors.py); this module turns
their findings into database state: automatic flags, held posts, the thread's
"prescription question" mark. Called from forum.services in the same transaction as the write.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from moderation.detectors import Finding, Vocabulary, detect_all
from moderation.models import DetectorTerm, Flag

VOCABULARY_CACHE_KEY = "moderation:vocabulary:v1"

# Why a held post waits, as its author reads it.
HOLD_REASONS = {
    "prescription_change": _(
        "It may advise someone to stop or change a prescribed medicine. Only their prescriber "
        "can advise on that, so a moderator will check it before it is shown."
    ),
}


@dataclass
class ScreeningResult:
    findings: dict[str, Finding] = field(default_factory=dict)
    held_for: list[str] = field(default_factory=list)

    @property
    def held(self) -> bool:
        return bool(self.held_for)


def current_vocabulary() -> Vocabulary:
    """Admin-added terms, cached until a term changes."""
    vocab = cache.get(VOCABULARY_CACHE_KEY)
    if vocab is None:
        terms: dict[str, set[str]] = {kind: set() for kind in DetectorTerm.Kind.values}
        for kind, phrase in DetectorTerm.objects.filter(is_active=True).values_list(
            "kind", "phrase"
        ):
            terms[kind].add(phrase)
        vocab = Vocabulary(
            medicines=frozenset(terms[DetectorTerm.Kind.MEDICINE]),
            change_phrases=frozenset(terms[DetectorTerm.Kind.CHANGE_PHRASE]),
            promotion_phrases=frozenset(terms[DetectorTerm.Kind.PROMOTION_PHRASE]),
            crisis_phrases=frozenset(terms[DetectorTerm.Kind.CRISIS_PHRASE]),
        )
        cache.set(VOCABULARY_CACHE_KEY, vocab, 3600)
    return vocab


@receiver([post_save, post_delete], sender=DetectorTerm)
def _forget_vocabulary(**kwargs) -> None:
    cache.delete(VOCABULARY_CACHE_KEY)


def text_for_screening(post) -> str:
    if post.is_question:
        return f"{post.thread.title}\n\n{post.body}"
    return post.body


def raise_auto_flag(*, post, finding: Finding) -> Flag:
    """One open automatic flag per post and reason; a repeat finding refreshes its note."""
    flag, created = Flag.objects.get_or_create(
        post=post,
        source=Flag.Source.AUTO,
        reason=finding.label,
        state=Flag.State.OPEN,
        defaults={"note": finding.reason, "is_urgent": finding.label == Flag.Reason.CRISIS},
    )
    if not created and flag.note != finding.reason:
        flag.note = finding.reason
        flag.save(update_fields=["note"])
    return flag


def screen_post(post) -> ScreeningResult:
    """Run every detector over the post, flag what they find and decide whether it is held.

    The caller saves `post.status` / `post.status_reason` if the result says it is held.
    """
    result = ScreeningResult(findings=detect_all(text_for_screening(post), current_vocabulary()))
    for finding in result.findings.values():
        raise_auto_flag(post=post, finding=finding)

    if "prescription_change" in result.findings:
        if post.is_question:
            # A question is never hidden for asking: the asker is pointed to their prescriber.
            if not post.thread.is_prescription_question:
                post.thread.is_prescription_question = True
                post.thread.save(update_fields=["is_prescription_question"])
        else:
            result.held_for.append("prescription_change")
    return result


def hold_reason_text(labels: list[str]) -> str:
    return " ".join(str(HOLD_REASONS[label]) for label in labels if label in HOLD_REASONS)
