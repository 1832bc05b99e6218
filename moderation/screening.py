"""Automatic checks run when a post is saved or edited.

The checks are pure functions over text (``moderation/checks/``); this module turns their
findings into database state: automatic flags (with the score, the words that caused them
and the rule or model), held posts, the thread's "prescription question" mark, and the
crisis and urgent-symptom help shown to the author.  Called from forum.services in the
same transaction as the write.

What a finding does depends on its level (``checks/base.py``), chosen by what it costs the
author:
  prescription_change  question: notice (the prescriber notice and mark; never held)
                       reply: review (queue, still shown) or hold (waits for a moderator)
  promotion            review or hold
  new_account_link     hold (links from accounts younger than NEW_ACCOUNT_LINK_HOLD_HOURS)
  contact_info         flagged and shown masked; not held
  crisis               urgent flag, crisis resources for the author; never hidden
  urgent_symptom       urgent flag, call-now numbers for the author; never hidden or delayed
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from moderation.checks.base import Finding, Vocabulary
from moderation.checks.run import check_post
from moderation.masking import apply_contact_masking
from moderation.models import DetectorTerm, Flag
from moderation.notify import alert_moderators, notify_member

VOCABULARY_CACHE_KEY = "moderation:vocabulary:v2"

# Why a held post waits, as its author reads it.
HOLD_REASONS = {
    "prescription_change": _(
        "It may advise someone to stop or change a prescribed medicine. Only their prescriber "
        "can advise on that, so a moderator will check it before it is shown."
    ),
    "promotion": _(
        "It looks like it promotes a business or service. A moderator will check it "
        "before it is shown."
    ),
    "new_account_link": _(
        "It contains a link, and links from accounts less than a day old are checked by a "
        "moderator before they are shown."
    ),
}
# Labels whose finding puts the post at the top of the queue and never hides it.
URGENT_LABELS = frozenset({"crisis", "urgent_symptom"})

_LINK_RE = re.compile(r"https?://\S+|\bwww\.[\w-]+\.\S+|\]\(\s*\S+\)", re.IGNORECASE)


@dataclass
class ScreeningResult:
    findings: dict[str, Finding] = field(default_factory=dict)
    held_for: list[str] = field(default_factory=list)

    @property
    def held(self) -> bool:
        return bool(self.held_for)

    def hold_reason(self) -> str:
        """What the author of a held post reads: why, and the words that caused it."""
        parts = [str(HOLD_REASONS[label]) for label in self.held_for if label in HOLD_REASONS]
        words = [
            self.findings[label].sentence
            for label in self.held_for
            if label in self.findings and self.findings[label].sentence
        ]
        if words:
            quoted = words[0] if len(words[0]) <= 300 else words[0][:297].rstrip() + "..."
            parts.append(
                str(_("The words that caused it: \u201c%(words)s\u201d")) % {"words": quoted}
            )
        return " ".join(parts)


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


def detect_new_account_link(post, text: str) -> Finding | None:
    """A link from an account younger than NEW_ACCOUNT_LINK_HOLD_HOURS (spam's favourite)."""
    joined = getattr(post.author, "date_joined", None)
    hours = settings.NEW_ACCOUNT_LINK_HOLD_HOURS
    if joined is None or hours <= 0 or joined < timezone.now() - timedelta(hours=hours):
        return None
    match = _LINK_RE.search(text)
    if match is None:
        return None
    return Finding(
        label="new_account_link",
        level="hold",
        score=1.0,
        sentence=match.group(0),
        source="rule:new-account-link",
        reason=f"A link from an account less than {hours} hours old",
    )


def raise_auto_flag(*, post, finding: Finding) -> Flag:
    """One open automatic flag per post and reason; a repeat finding refreshes its details."""
    details = {
        "note": finding.reason,
        "level": finding.level,
        "score": finding.score,
        "sentence": finding.sentence[:2000],
        "detector": finding.source[:80],
        "is_urgent": finding.label in URGENT_LABELS,
    }
    flag, created = Flag.objects.get_or_create(
        post=post,
        source=Flag.Source.AUTO,
        reason=finding.label,
        state=Flag.State.OPEN,
        defaults=details,
    )
    if not created:
        changed = [name for name, value in details.items() if getattr(flag, name) != value]
        for name in changed:
            setattr(flag, name, details[name])
        if changed:
            flag.save(update_fields=changed)
    flag.was_created = created
    return flag


def screen_post(post) -> ScreeningResult:
    """Run every check over the post, flag what they find and decide whether it is held.

    The caller saves `post.status` / `post.status_reason` if the result says it is held.
    """
    text = text_for_screening(post)
    kind = "question" if post.is_question else "reply"
    result = ScreeningResult(findings=check_post(text, kind, current_vocabulary()))
    link_finding = detect_new_account_link(post, text)
    if link_finding is not None:
        result.findings[link_finding.label] = link_finding
    for finding in result.findings.values():
        flag = raise_auto_flag(post=post, finding=finding)
        if flag.was_created and finding.label in URGENT_LABELS:
            alert_moderators(post=post, kind="crisis" if finding.label == "crisis" else "urgent")

    changed = apply_contact_masking(post)
    for attr, label in (
        ("shows_crisis_support", "crisis"),
        ("shows_urgent_help", "urgent_symptom"),
    ):
        wanted = label in result.findings
        if getattr(post, attr) != wanted:
            setattr(post, attr, wanted)
            changed.append(attr)
    if changed:
        post.save(update_fields=changed)

    result.held_for.extend(
        label for label, finding in result.findings.items() if finding.level == "hold"
    )
    rx = result.findings.get("prescription_change")
    if rx is not None and post.is_question and not post.thread.is_prescription_question:
        # A question is never hidden for asking: the asker is pointed to their prescriber.
        post.thread.is_prescription_question = True
        post.thread.save(update_fields=["is_prescription_question"])
    if URGENT_LABELS & result.findings.keys():
        # Someone who may be at risk, or who needs care today, is never silenced or delayed
        # by an automatic hold; the urgent flag puts the post at the top of the queue instead.
        result.held_for.clear()
    if result.held and post.status == "published":
        notify_member(
            user=post.author,
            kind="held",
            message=str(_("Your post is waiting for a moderator. %(why)s"))
            % {"why": result.hold_reason()},
            url=post.get_absolute_url(),
        )
    return result
