"""What a model reads of a unit of text: word n-grams after light normalising.

The same function serves training (scikit-learn calls it as the vectoriser's analyser)
and the site (the model sums the weights of the n-grams it returns), so the two cannot
drift apart.
"""

from __future__ import annotations

import re

from moderation.checks.lexicon import TEXT_SPEAK, word_class
from moderation.checks.text import fold

# Words, numbers and the two marks that carry meaning; one pass, no backtracking.
_TOKEN_RE = re.compile(r"[a-z0-9][a-z0-9'/+-]*|[?!]")
_DIGITS = frozenset("0123456789")
MAX_N = 3


def tokens(text: str, extra_medicines: frozenset[str] = frozenset()) -> list[str]:
    """Normalised tokens: text-speak expanded, medicine names as ``<med>``, numbers as ``<num>``."""
    out: list[str] = []
    for raw in _TOKEN_RE.findall(fold(text)):
        word = raw.strip("'-/+")
        if not word:
            continue
        expanded = TEXT_SPEAK.get(word)
        if expanded is not None:
            out.extend(expanded.split())
            continue
        if word[0] in _DIGITS:
            # "75mg", "21+3", "40" all read as a number; a unit stays visible
            unit = word.lstrip("0123456789.,+/")
            out.append("<num>")
            if unit.isalpha():
                out.append(unit)
            continue
        cls = word_class(word, extra_medicines)
        if cls is not None:
            out.append(f"<{cls}>")
        else:
            out.append(word)
    return out


def ngrams(toks: list[str], kind: str) -> list[str]:
    """Uni-, bi- and trigrams, plus the kind of post ("question" or "reply")."""
    feats = [f"kind={kind}"]
    n = len(toks)
    for i in range(n):
        feats.append(toks[i])
        if i + 1 < n:
            feats.append(toks[i] + " " + toks[i + 1])
            if i + 2 < n and MAX_N >= 3:
                feats.append(toks[i] + " " + toks[i + 1] + " " + toks[i + 2])
    return feats


def analyse(
    text: str, kind: str = "reply", extra_medicines: frozenset[str] = frozenset()
) -> list[str]:
    return ngrams(tokens(text, extra_medicines), kind)
