"""Running every check over a post.  Pure functions: no Django, no database, no network.

``check_post(text, kind)`` takes what the page shows (a question: its title, a blank line
and its body; a reply: its body) and returns the findings, one per label at most.
``explain`` returns every label's best-scoring words and score, found or not.
"""

from __future__ import annotations

from collections.abc import Callable

from moderation.checks import contact_info, crisis, prescription_change, promotion, urgent_symptom
from moderation.checks.base import EMPTY, Finding, Vocabulary
from moderation.checks.model import load_model
from moderation.checks.scoring import Scored
from moderation.checks.text import bounded, sentences

MODEL_CHECKS: dict[str, Callable[[Scored], Finding | None]] = {
    "prescription_change": prescription_change.check,
    "promotion": promotion.check,
    "crisis": crisis.check,
    "urgent_symptom": urgent_symptom.check,
}


def score(text: str, kind: str = "reply", vocab: Vocabulary = EMPTY) -> Scored:
    if kind not in ("question", "reply"):
        raise ValueError(f"kind must be 'question' or 'reply', not {kind!r}")
    model = load_model()
    sents = tuple(bounded(sentences(text)))
    return Scored(
        text=text,
        kind=kind,
        vocab=vocab,
        sentences=sents,
        best=model.best_units(list(sents), kind, vocab.medicines),
        model=model,
    )


def check_post(text: str, kind: str = "reply", vocab: Vocabulary = EMPTY) -> dict[str, Finding]:
    """Every finding for one post, keyed by label."""
    return findings(score(text, kind, vocab))


def findings(scored: Scored) -> dict[str, Finding]:
    """Every finding for a post already scored by the model."""
    found: dict[str, Finding] = {}
    contact = contact_info.check(scored.text, scored.folded)
    if contact is not None:
        found["contact_info"] = contact
    for label, check in MODEL_CHECKS.items():
        finding = check(scored)
        if finding is not None:
            found[label] = finding
    return found


def explain(text: str, kind: str = "reply", vocab: Vocabulary = EMPTY) -> list[dict]:
    """For each label: found or not, the level, score, thresholds, words and rule or model."""
    scored = score(text, kind, vocab)
    found = findings(scored)
    rows = []
    for label in ("prescription_change", "contact_info", "promotion", "crisis", "urgent_symptom"):
        finding = found.get(label)
        if finding is not None:
            rows.append(
                {
                    "label": label,
                    "found": True,
                    "level": finding.level,
                    "score": finding.score,
                    "sentence": finding.sentence,
                    "source": finding.source,
                    "reason": finding.reason,
                }
            )
        elif label in scored.best:
            best_score, unit = scored.best[label]
            rows.append(
                {
                    "label": label,
                    "found": False,
                    "score": round(best_score, 4),
                    "sentence": unit.text if unit is not None else "",
                    "source": f"model:{scored.model.version}",
                    "thresholds": scored.model.thresholds.get(label, {}),
                }
            )
        else:
            rows.append({"label": label, "found": False})
    return rows
