"""Cutting a post into the pieces the checks score.  Pure Python, linear in the text.

Real posts are long stories whose question often sits in one sentence near the end, so
every check scores *units* (one sentence, and each sentence with the one before it) and
takes the best.  Quoted lines (``> ...``) are someone else's words and are never scored.
Nothing here uses a regular expression that could backtrack: sentences are found by one
pass over the characters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Longest text scored.  A post may be 20,000 characters; past this the rest is read in
# the same units but only up to this many characters in all, beginning and end kept
# (a question most often sits at the end of a story).
MAX_SCORED_CHARS = 24_000
# A "sentence" with no full stops (common on phones) is cut into pieces of this many words,
# each piece overlapping the next by half, so one run-on line cannot hide a question.
MAX_SENTENCE_WORDS = 40

_ENDS = frozenset(".!?")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Unit:
    """What a model scores: one sentence, or a sentence with the one before it."""

    start: int
    end: int
    text: str


def _is_quote_line(line: str) -> bool:
    return line.lstrip(" \t").startswith(">")


def sentences(text: str) -> list[Sentence]:
    """Sentences of the unquoted lines, with their offsets in ``text``.

    A sentence ends at a run of ``.``, ``!`` or ``?`` followed by a space, or at the end of
    a line.  Very long run-on sentences are cut into overlapping pieces of words.
    """
    out: list[Sentence] = []
    pos = 0
    for line in text.split("\n"):
        if not _is_quote_line(line):
            _line_sentences(text, line, pos, out)
        pos += len(line) + 1
    return out


def _line_sentences(text: str, line: str, offset: int, out: list[Sentence]) -> None:
    start = 0
    i = 0
    n = len(line)
    while i < n:
        if line[i] in _ENDS:
            j = i
            while j < n and line[j] in _ENDS:
                j += 1
            if j == n or line[j].isspace():
                _emit(text, offset + start, offset + j, out)
                start = j
            i = j
        else:
            i += 1
    _emit(text, offset + start, offset + n, out)


def _emit(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return
    piece = text[start:end]
    words = piece.split()
    if len(words) <= MAX_SENTENCE_WORDS:
        out.append(Sentence(start, end, piece))
        return
    # Overlapping windows of words, offsets found by walking the piece once.
    bounds = []
    i = 0
    for word in words:
        i = piece.index(word, i)
        bounds.append((i, i + len(word)))
        i += len(word)
    step = MAX_SENTENCE_WORDS // 2
    for first in range(0, len(words) - step, step):
        last = min(first + MAX_SENTENCE_WORDS, len(words)) - 1
        out.append(
            Sentence(
                start + bounds[first][0],
                start + bounds[last][1],
                piece[bounds[first][0] : bounds[last][1]],
            )
        )


def bounded(sents: list[Sentence]) -> list[Sentence]:
    """At most MAX_SCORED_CHARS of sentences: the first two thirds and the last third."""
    total = sum(s.end - s.start for s in sents)
    if total <= MAX_SCORED_CHARS:
        return sents
    head_budget = MAX_SCORED_CHARS * 2 // 3
    tail_budget = MAX_SCORED_CHARS - head_budget
    head, used = [], 0
    for s in sents:
        if used + (s.end - s.start) > head_budget:
            break
        head.append(s)
        used += s.end - s.start
    tail, used = [], 0
    for s in reversed(sents[len(head) :]):
        if used + (s.end - s.start) > tail_budget:
            break
        tail.append(s)
        used += s.end - s.start
    return head + tail[::-1]


def units(text: str) -> list[Unit]:
    """Each sentence alone and joined to the one before it (within the bounded text)."""
    sents = bounded(sentences(text))
    out: list[Unit] = []
    previous: Sentence | None = None
    for s in sents:
        out.append(Unit(s.start, s.end, s.text))
        if previous is not None and previous.end <= s.start:
            out.append(Unit(previous.start, s.end, previous.text + " " + s.text))
        previous = s
    return out


def unquoted(text: str) -> str:
    """The post without its quoted lines."""
    return "\n".join(line for line in text.split("\n") if not _is_quote_line(line))


def fold(text: str, letters: bool = False) -> str:
    """Lower case with typographic quotes and no-break spaces made plain.

    Always the same length as ``text``, so offsets found in the folded text index the
    original (a character whose lower case is longer, such as "İ", is kept as it is).
    With ``letters``, a letter written with an accent or as a Cyrillic or Greek look-alike
    is read as its plain Latin letter, one character for one: spam and some frightened
    writers spell "dīe", "kіll" (Cyrillic і) or "pregnаnt" to get past filters.  The exact
    rules read that; the model's words do not, since its weights were trained without it.
    """
    plain = text.translate(_QUOTES)
    low = plain.lower()
    if len(low) != len(plain):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in plain)
    if letters and not low.isascii():
        low = _NOT_ASCII_RE.sub(lambda m: _plain_letter(m.group()), low)
    return low


_NOT_ASCII_RE = re.compile(r"[^\x00-\x7f]")
# Lower-case Cyrillic and Greek letters drawn like Latin ones.
_LOOK_ALIKES = dict(zip("аеіјорсухѕԁһӏνοαιρτκχ", "aeijopcyxsdhlvoaiptkx", strict=True))


@lru_cache(maxsize=2048)
def _plain_letter(c: str) -> str:
    if c in _LOOK_ALIKES:
        return _LOOK_ALIKES[c]
    parts = unicodedata.normalize("NFKD", c)
    if (
        len(parts) > 1
        and parts[0].isascii()
        and parts[0].isalpha()
        and all(unicodedata.combining(m) for m in parts[1:])
    ):
        return parts[0].lower()
    return c
