"""One post, scored once by the model, shared by every label's check."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from moderation.checks.base import Finding, Vocabulary
from moderation.checks.model import Model, cut_off_name
from moderation.checks.text import Sentence, Unit, fold


@dataclass(frozen=True)
class Scored:
    text: str
    kind: str  # "question" (title and body) or "reply"
    vocab: Vocabulary
    sentences: tuple[Sentence, ...]
    best: dict[str, tuple[float, Unit | None]]
    model: Model

    @cached_property
    def folded(self) -> str:
        """The text through ``text.fold`` with look-alike letters made plain, once for every
        rule that reads it (same offsets)."""
        return fold(self.text, letters=True)

    def threshold(self, label: str, level: str) -> float:
        """The label's cut-off for a level; a question's own where training chose one
        (``model.cut_off_name``)."""
        cuts = self.model.thresholds[label]
        return cuts.get(cut_off_name(self.kind, level), cuts[level])

    def score(self, label: str) -> float:
        return self.best[label][0]

    def model_finding(self, label: str, level: str, reason: str) -> Finding:
        score, unit = self.best[label]
        return Finding(
            label=label,
            level=level,
            score=round(score, 4),
            sentence=unit.text if unit is not None else "",
            source=f"model:{self.model.version}",
            reason=reason,
        )

    def sentence_at(self, pos: int) -> str:
        for sent in self.sentences:
            if sent.start <= pos < sent.end:
                return sent.text
        return ""


@lru_cache(maxsize=64)
def phrases_re(phrases: frozenset[str]) -> re.Pattern[str] | None:
    """Whole-word alternation of literal phrases, any spacing between words.

    Each alternative is a fixed run of literals and single whitespace runs, so matching is
    linear in the text.
    """
    parts = sorted({" ".join(p.lower().split()) for p in phrases if p.strip()}, key=len)
    if not parts:
        return None
    body = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in reversed(parts))
    return re.compile(r"(?<![\w'])(?:" + body + r")(?![\w'])")


def find_phrase(scored: Scored, phrases: frozenset[str]) -> re.Match[str] | None:
    pattern = phrases_re(phrases)
    if pattern is None:
        return None
    for sent in scored.sentences:
        match = pattern.search(scored.folded, sent.start, sent.end)
        if match is not None:
            return match
    return None


_SENTENCE_GAP = frozenset(".!?:;,\n\r\t ")


def rule_finding(
    scored: Scored, label: str, level: str, span: tuple[int, int], rule: str, reason: str
) -> Finding:
    """An exact rule's finding for the words at ``span`` (offsets in ``scored.text``).

    A rule that asks for the start of a sentence ("... Leeds. Call us on ...") matches from
    the mark that ends the sentence before; the finding starts at its first word, so the
    author and the moderator are shown the sentence that holds the words."""
    start, end = span
    while start < end and scored.text[start] in _SENTENCE_GAP:
        start += 1
    return Finding(
        label=label,
        level=level,
        score=1.0,
        sentence=scored.sentence_at(start),
        source=f"rule:{rule}",
        reason=f'{reason}: "{scored.text[start:end]}"',
    )
