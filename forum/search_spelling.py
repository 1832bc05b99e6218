"""Correcting misspelt search words ("heprin" -> "heparin", "perscribed" -> "prescribed").

The vocabulary is the forum's own words (forum.models.SearchWord, kept by forum.search_index)
and the medicine names the checks know (moderation.checks.lexicon, read only). Candidates
come from pg_trgm's trigram index on PostgreSQL (one query for all the words), from a prefix
range on SQLite, and from rapidfuzz over the medicine names; the closest by edit distance
(optimal string alignment: letters missing, extra, wrong or swapped) wins, names people use
here before obscure dictionary entries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.db import connection
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


# PostgreSQL: every typed word's closest forum words by trigram similarity, in one query (a
# trigram index scan per word). A word people here use comes back as its own closest match,
# with how often it is used.
_TRIGRAM_NEIGHBOURS = f"""
    SELECT typed.word, near.word, near.uses
    FROM unnest(%s::text[]) AS typed(word)
    CROSS JOIN LATERAL (
        SELECT word, uses FROM {SearchWord._meta.db_table}
        WHERE word %% typed.word
        ORDER BY similarity(word, typed.word) DESC
        LIMIT {TRIGRAM_CANDIDATES + 1}
    ) AS near
"""  # noqa: S608 - the table name comes from the model; the words are a parameter


def _forum_words(words: list[str]) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    """How often each word is used here, and each word's candidate corrections among the
    forum's words (with how often those are used)."""
    if settings.USING_POSTGRES:
        uses: dict[str, int] = {}
        near: dict[str, dict[str, int]] = {word: {} for word in words}
        with connection.cursor() as cursor:
            cursor.execute(_TRIGRAM_NEIGHBOURS, [words])
            for typed, word, word_uses in cursor.fetchall():
                if word == typed:
                    uses[typed] = word_uses
                elif len(near[typed]) < TRIGRAM_CANDIDATES:
                    near[typed][word] = word_uses
        return uses, near
    uses = dict(SearchWord.objects.filter(word__in=words).values_list("word", "uses"))
    return uses, {word: _prefix_candidates(word, allowed_edits(word)) for word in words}


def _prefix_candidates(word: str, edits: int) -> dict[str, int]:
    # Misspellings rarely change the first letter; the index on word makes this a range.
    words = (
        SearchWord.objects.exclude(word=word)
        .annotate(length=Length("word"))
        .filter(
            word__startswith=word[0],
            length__gte=len(word) - edits,
            length__lte=len(word) + edits,
        )
    )
    return dict(words.values_list("word", "uses"))


def best_spelling(word: str, typed_uses: int, found: dict[str, int]) -> str | None:
    """The word she probably meant, or None to search for it as typed: `typed_uses` is how
    often it is used here, `found` the forum's words close to it (with how often each is
    used); medicine names are added here."""
    edits = allowed_edits(word)
    if not edits or not word.isalpha() or _is_medicine(word):
        return None
    found = dict(found)
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
    uses, near = _forum_words(words)
    changed = {}
    for word in words:
        better = best_spelling(word, uses.get(word, 0), near[word])
        if better and better != word:
            changed[word] = better
    if not changed:
        return None
    pattern = re.compile(
        r"(?<![^\W_])(" + "|".join(re.escape(w) for w in changed) + r")(?![^\W_])", re.IGNORECASE
    )
    return Correction(pattern.sub(lambda m: changed[m.group(0).lower()], text), changed)
