"""Automatic checks run when a post is saved or edited.

The detectors are pure functions over text (moderation/detectors.py); this module turns
their findings into database state: automatic flags, held posts, the thread's
"prescription question" mark. Called from forum.services in the same transaction as the write.
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

from moderation.detectors import Finding, Span, Vocabulary, detect_all
from moderation.masking import apply_contact_masking
from moderation.models import DetectorTerm, Flag
from moderation.notify import alert_moderators_of_crisis, notify_member

VOCABULARY_CACHE_KEY = "moderation:vocabulary:v1"

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

# What each automatic finding does to the post (DESIGN.md, "Moderation model"):
#   prescription_change  replies held; questions marked "prescription question", never held
#   promotion            held
#   new_account_link     held (links from accounts younger than NEW_ACCOUNT_LINK_HOLD_HOURS)
#   contact_info         flagged and shown masked; not held
#   crisis               flagged urgent, author shown crisis resources; never hidden
HELD_LABELS = frozenset({"promotion", "new_account_link"})

_LINK_RE = re.compile(r"https?://\S+|\bwww\.[\w-]+\.\S+|\]\(\s*\S+\)", re.IGNORECASE)


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
        "new_account_link",
        f"A link from an account less than {hours} hours old",
        (Span(match.start(), match.end(), "link"),),
    )


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
    flag.was_created = created
    return flag


def screen_post(post) -> ScreeningResult:
    """Run every detector over the post, flag what they find and decide whether it is held.

    The caller saves `post.status` / `post.status_reason` if the result says it is held.
    """
    text = text_for_screening(post)
    result = ScreeningResult(findings=detect_all(text, current_vocabulary()))
    link_finding = detect_new_account_link(post, text)
    if link_finding is not None:
        result.findings[link_finding.label] = link_finding
    for finding in result.findings.values():
        flag = raise_auto_flag(post=post, finding=finding)
        if finding.label == "crisis" and flag.was_created:
            alert_moderators_of_crisis(post=post)

    changed = apply_contact_masking(post)
    crisis = "crisis" in result.findings
    if post.shows_crisis_support != crisis:
        post.shows_crisis_support = crisis
        changed.append("shows_crisis_support")
    if changed:
        post.save(update_fields=changed)

    result.held_for.extend(label for label in result.findings if label in HELD_LABELS)

    if "prescription_change" in result.findings:
        if post.is_question:
            # A question is never hidden for asking: the asker is pointed to their prescriber.
            if not post.thread.is_prescription_question:
                post.thread.is_prescription_question = True
                post.thread.save(update_fields=["is_prescription_question"])
        else:
            result.held_for.append("prescription_change")
    if crisis:
        # Someone who may be at risk is never silenced by an automatic hold; the urgent
        # flag puts the post (and its other flags) at the top of the queue instead.
        result.held_for.clear()
    if result.held and post.status == "published":
        notify_member(
            user=post.author,
            kind="held",
            message=str(_("Your post is waiting for a moderator. %(why)s"))
            % {"why": hold_reason_text(result.held_for)},
            url=post.get_absolute_url(),
        )
    return result


def hold_reason_text(labels: list[str]) -> str:
    return " ".join(str(HOLD_REASONS[label]) for label in labels if label in HOLD_REASONS)
