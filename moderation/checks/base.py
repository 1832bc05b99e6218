"""What every check returns, and the admin-added words they take.  Pure Python."""

from __future__ import annotations

from dataclasses import dataclass

LABELS = ("prescription_change", "contact_info", "promotion", "crisis", "urgent_symptom")

# What a finding asks the site to do, from cheapest for the author to dearest:
#   notice  tell the author something (prescriber notice, crisis or urgent resources);
#           a mark and an informational flag, nothing hidden
#   review  a moderator looks at it in the queue; the post stays up
#   hold    the post waits for a moderator before anyone else sees it
LEVELS = ("notice", "review", "hold")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Finding:
    """One check's verdict on one post, with what caused it."""

    label: str
    level: str
    score: float  # 0..1: the model's probability, or 1.0 for an exact rule
    sentence: str  # the words that caused it, as the author wrote them
    source: str  # "model:<version>" or "rule:<name>"
    reason: str  # for moderators, one line
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Vocabulary:
    """Admin-added words.  The Django side builds this from DetectorTerm rows."""

    medicines: frozenset[str] = frozenset()
    change_phrases: frozenset[str] = frozenset()
    promotion_phrases: frozenset[str] = frozenset()
    crisis_phrases: frozenset[str] = frozenset()


EMPTY = Vocabulary()
