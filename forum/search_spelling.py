"""Correcting misspelt search words ("heprin" -> "heparin", "perscribed" -> "prescribed").

The vocabulary is the forum's own words (forum.models.SearchWord, kept by forum.search_index)
and the medicine names the checks know (moderation.checks.lexicon, read only). Candidates
come from pg_trgm's trigram index on PostgreSQL, from a prefix range on SQLite, and from
rapidfuzz over the medicine names; the closest by edit distance (optimal string alignment:
letters missing, extra, wrong or swapped) wins, names
people use here before obscure dictionary entries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.contrib.postgres.search import TrigramSimilarity
from django.db.models.functions import Length
from rapidfuzz import process
from rapidfuzz.distance import OSA

from forum.models import SearchWord
from moderation.checks.lexicon import FERTILITY_MEDICINES, SUPPLEMENTS, drug_names

TRIGRAM_CANDIDATES = 20


@dataclass(frozen=True)
class Correction:
    text: str  # the whole query with the corrections made
    changed: dict[str, str]  # typed word -> the word searched for instead


def allowed_edits(word: str) -> int:
    """Short words have too many neighbours to guess from."""
    if len(word) < 5:
        return 0
    if len(word) < 7:
        return 1
    return 2 if len(word) < 10 else 3


@cache
def _curated() -> frozenset[str]:
    return frozenset(w for w in FERTILITY_MEDICINES | SUPPLEMENTS if w.isalpha())


@cache
def _medicine_names() -> dict[tuple[str, int], tuple[str, ...]]:
    """Medicine names by first letter and length: a slip rarely changes the first letter, and
    comparing with a few hundred names is much quicker than with 25,000."""
    buckets: dict[tuple[str, int], list[str]] = {}
    for name in sorted({w for w in drug_names() if w.isalpha() and len(w) >= 4} | _curated()):
        buckets.setdefault((name[0], len(name)), []).append(name)
    return {key: tuple(names) for key, names in buckets.items()}


def _medicine_candidates(word: str, edits: int) -> list[str]:
    buckets = _medicine_names()
    names = [
        name
        for length in range(len(word) - edits, len(word) + edits + 1)
        for name in buckets.get((word[0], length), ())
    ]
    found = process.extract(word, names, scorer=OSA.distance, score_cutoff=edits, limit=8)
    return [name for name, _score, _index in found]


def _is_medicine(word: str) -> bool:
    return word in _curated() or word in drug_names()


def _forum_uses(words: list[str]) -> dict[str, int]:
    return dict(SearchWord.objects.filter(word__in=words).values_list("word", "uses"))


def _forum_candidates(word: str, edits: int) -> dict[str, int]:
    words = SearchWord.objects.exclude(word=word)
    if settings.USING_POSTGRES:
        words = (
            words.filter(word__trigram_similar=word)
            .annotate(similarity=TrigramSimilarity("word", word))
            .order_by("-similarity")[:TRIGRAM_CANDIDATES]
        )
    else:
        # Misspellings rarely change the first letter; the index on word makes this a range.
        words = words.annotate(length=Length("word")).filter(
            word__startswith=word[0],
            length__gte=len(word) - edits,
            length__lte=len(word) + edits,
        )
    return dict(words.values_list("word", "uses"))


def best_spelling(word: str, uses: dict[str, int]) -> str | None:
    """The word she probably meant, or None to search for it as typed."""
    edits = allowed_edits(word)
    if not edits or not word.isalpha() or _is_medicine(word):
        return None
    typed_uses = uses.get(word, 0)
    found = _forum_candidates(word, edits)
    for name in _medicine_candidates(word, edits):
        found.setdefault(name, 0)
    ranked = []
    for candidate, candidate_uses in found.items():
        distance = OSA.distance(word, candidate, score_cutoff=edits)
        if distance > edits:
            continue
        # Words people here use, and the curated medicines, before dictionary-only names.
        familiar = candidate_uses > 0 or candidate in _curated()
        if not familiar and distance > 1:
            continue  # "thyroid" is not a slip for an obscure name two letters away
        ranked.append((distance, not familiar, -candidate_uses, candidate))
    if not ranked:
        return None
    distance, _unfamiliar, minus_uses, candidate = min(ranked)
    if typed_uses == 0:
        return candidate
    # A word someone here has written, but a slip from a medicine used far more often.
    if distance == 1 and _is_medicine(candidate) and -minus_uses >= 3 * typed_uses:
        return candidate
    return None


def correct(text: str, terms: list[str], *, stopwords: frozenset[str]) -> Correction | None:
    """The query with each misspelt word replaced, or None when nothing needed correcting."""
    words = [
        t
        for t in dict.fromkeys(terms)
        if t not in stopwords and allowed_edits(t) and t.isalpha() and not _is_medicine(t)
    ]
    if not words:
        return None
    uses = _forum_uses(words)
    changed = {}
    for word in words:
        better = best_spelling(word, uses)
        if better and better != word:
            changed[word] = better
    if not changed:
        return None
    pattern = re.compile(
        r"(?<![^\W_])(" + "|".join(re.escape(w) for w in changed) + r")(?![^\W_])", re.IGNORECASE
    )
    return Correction(pattern.sub(lambda m: changed[m.group(0).lower()], text), changed)
