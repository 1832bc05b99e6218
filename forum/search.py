"""Finding threads: full-text search and related questions.

PostgreSQL uses the stored `Thread.search_vector` (GIN-indexed, kept by forum.search_index);
SQLite, the embedded default, its built-in FTS5 (table forum_thread_fts, kept by triggers).
Misspelt words are corrected first (forum.search_spelling).
"""

from __future__ import annotations

import functools
import math
import operator
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import (
    Case,
    F,
    FloatField,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import Expression, RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from forum import search_spelling
from forum.models import PostStatus, SearchWord, Thread
from forum.search_index import FTS_TABLE, SEARCH_CONFIG
from moderation.checks.contact_info import mask_contact_info

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
# Private-use characters mark the matches in a headline; they cannot come from a search box
# in a way that matters, because the text is escaped before they become <mark> tags.
_START, _STOP = "\ue000", "\ue001"
_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
# A link's address ends at the first bracket: "[^()]" (not "[^)]") keeps the scan linear on
# text such as "](](](...", where each "](" would otherwise read on to the end.
_MARKDOWN_NOISE = re.compile(r"[*`#>]+|\[|\]\([^()]*\)")
_STOPWORDS = frozenset(
    {
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "can",
        "did",
        "do",
        "does",
        "for",
        "from",
        "had",
        "has",
        "have",
        "how",
        "i",
        "if",
        "in",
        "is",
        "it",
        "its",
        "me",
        "my",
        "no",
        "not",
        "of",
        "on",
        "or",
        "so",
        "that",
        "the",
        "their",
        "there",
        "this",
        "to",
        "was",
        "what",
        "when",
        "which",
        "who",
        "why",
        "will",
        "with",
        "you",
        "your",
        "after",
        "been",
        "any",
        "could",
        "get",
        "got",
        "should",
        "would",
    }
)


@dataclass(frozen=True)
class CleanQuery:
    text: str
    terms: list[str]
    problem: str = ""


def clean_query(raw: str | None) -> CleanQuery:
    """Tidy what was typed into the search box, or say why it cannot be searched."""
    text = " ".join((raw or "").replace("\x00", " ").split())
    if not text:
        return CleanQuery("", [], "empty")
    if len(text) > MAX_QUERY_LENGTH:
        return CleanQuery(text[:MAX_QUERY_LENGTH], [], "too_long")
    terms = _WORD_RE.findall(text.lower())
    if not terms:
        return CleanQuery(text, [], "no_words")
    return CleanQuery(text, terms[:MAX_TERMS])


_PHRASE_RE = re.compile(r'"([^"]*)"|(-?)([^\s"]+)')


def _pieces(text: str) -> tuple[list[str], list[str]]:
    """What was typed, read like PostgreSQL's websearch syntax: (wanted, left out), each a
    word or a "quoted phrase" (its words joined by spaces). Common words are not wanted
    unless nothing else was typed."""
    wanted, unwanted = [], []
    for phrase, minus, word in _PHRASE_RE.findall(text.lower()):
        words = _WORD_RE.findall(phrase or word)
        if not words or (not phrase and words == ["or"]):
            continue
        piece = " ".join(words)
        if minus:
            unwanted.append(piece)
        elif phrase or len(words) > 1 or words[0] not in _STOPWORDS:
            wanted.append(piece)
    if not wanted:  # only common words: look for them after all
        wanted = _WORD_RE.findall(text.lower())[:MAX_TERMS]
    return wanted[:MAX_TERMS], unwanted[:MAX_TERMS]


def fts5_match(text: str, *, any_word: bool = False) -> str:
    """An FTS5 MATCH expression for what was typed: every word must be there (with
    `any_word`, at least one), "quoted words" as a phrase, -word left out. Every word is
    quoted, so nothing typed can be read as FTS5 syntax."""
    wanted, unwanted = _pieces(text)
    match = (" OR " if any_word else " AND ").join(f'"{piece}"' for piece in wanted)
    if unwanted:
        match = f"({match})" + "".join(f' NOT "{piece}"' for piece in unwanted)
    return match


def _pg_query(text: str, *, any_word: bool) -> SearchQuery:
    """PostgreSQL: every word of what was typed (websearch syntax); with `any_word`, at least
    one of the words or phrases and none of the left-out ones."""
    if not any_word:
        return SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
    wanted, unwanted = _pieces(text)
    ts_query = functools.reduce(operator.or_, _pg_pieces(wanted))
    for piece in unwanted:
        ts_query &= ~SearchQuery(piece, search_type="phrase", config=SEARCH_CONFIG)
    return ts_query


def _pg_pieces(wanted: list[str]) -> list[SearchQuery]:
    return [SearchQuery(p, search_type="phrase", config=SEARCH_CONFIG) for p in wanted]


def _pg_has(text: str) -> tuple[Expression, int]:
    """PostgreSQL, any_word: how much of the search a thread has: the sum, over the pieces it
    has, of how rare each is among the forum's questions (SearchWord counts them), so
    "heparin" outweighs "pregnancy". SQLite's bm25 weighs rare words itself. And about how
    many questions have at least one piece, at most (from the same counts)."""
    wanted, _unwanted = _pieces(text)
    uses = dict(
        SearchWord.objects.filter(word__in={w for p in wanted for w in p.split()}).values_list(
            "word", "uses"
        )
    )
    weights = [
        max(math.log(1 + RARITY_SCALE / (1 + uses.get(word, 0))) for word in piece.split())
        for piece in wanted
    ]
    has = [
        Case(When(search_vector=q, then=Value(w)), default=Value(0.0), output_field=FloatField())
        for q, w in zip(_pg_pieces(wanted), weights, strict=True)
    ]
    most = sum(min(uses.get(word, 0) for word in piece.split()) for piece in wanted)
    return functools.reduce(operator.add, has), most


# How rare a word is: log(1 + RARITY_SCALE / questions using it). Only the order matters.
RARITY_SCALE = 1_000_000


# Table names come from constants and the model; what was typed is only ever a parameter.
_FTS_IDS = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608 - constants
_FTS_RANK = (
    f"SELECT bm25({FTS_TABLE}, 5.0, 1.0) FROM {FTS_TABLE} "  # noqa: S608 - constants
    f'WHERE {FTS_TABLE} MATCH %s AND rowid = "{Thread._meta.db_table}"."id"'
)


def _sqlite_search(threads: QuerySet[Thread], text: str, any_word: bool) -> QuerySet[Thread]:
    match = fts5_match(text, any_word=any_word)
    return (
        threads.filter(pk__in=RawSQL(_FTS_IDS, [match]))  # noqa: S611 - typed text is a parameter
        # bm25 is lower for better matches; the title counts five times the question. With
        # any_word, a thread with more of the words scores better.
        .annotate(rank=RawSQL(_FTS_RANK, [match]))  # noqa: S611 - typed text is a parameter
        .order_by("rank", "-last_activity_at", "-id")
    )


# PostgreSQL, any_word: an OR of common words can match much of a big forum, so only the
# most recently active matches are ranked (an index walk on thread_activity that stops early)
# when the words' counts say more than ANY_WORD_RANK_ALL questions may match; up to that, all
# the matches are ranked (the GIN index finds them; the walk could read thousands of threads
# for each one found when the words are rarer than the planner guesses).
ANY_WORD_RECENT_MATCHES = 500
ANY_WORD_RANK_ALL = 10_000


def _visible(user) -> QuerySet[Thread]:
    return Thread.objects.visible_to(user).exclude(status=PostStatus.WITHDRAWN)


def search_threads(
    *, user, query: CleanQuery, category=None, any_word: bool = False
) -> QuerySet[Thread]:
    """Threads with every word of the query, best first; with `any_word`, threads with at
    least one of them (those with more of them first): what is shown when none has all.
    Only the ranking: `shown_threads` fetches what a page shows of them."""
    threads = _visible(user)
    if category is not None:
        threads = threads.filter(category=category)
    if not settings.USING_POSTGRES:
        return _sqlite_search(threads, query.text, any_word)
    ts_query = _pg_query(query.text, any_word=any_word)
    order = ["-rank", "-last_activity_at", "-id"]
    if any_word:
        has, most = _pg_has(query.text)
        if most > ANY_WORD_RANK_ALL:
            recent = (
                threads.filter(search_vector=ts_query)
                .order_by("-last_activity_at", "-id")
                .values("pk")[:ANY_WORD_RECENT_MATCHES]
            )
            threads = threads.filter(pk__in=recent)
        else:
            threads = threads.filter(search_vector=ts_query)
        threads = threads.annotate(has=has)
        order.insert(0, "-has")
    else:
        threads = threads.filter(search_vector=ts_query)
    return threads.annotate(rank=SearchRank(F("search_vector"), ts_query)).order_by(*order)


def shown_threads(*, user, found: Found, ids: list[int]) -> list[Thread]:
    """The threads of one page of results (`ids`, from `found.ids`), in that order, with what
    the page shows of each: author, category, disclaimer and the question's text (on
    PostgreSQL its headline, the searched words between markers, see `snippet`)."""
    if not ids:
        return []
    question = F("question__body")  # joined by with_question_disclaimer
    if settings.USING_POSTGRES:
        question = SearchHeadline(
            question,
            _pg_query(found.searched.text, any_word=not found.all_words),
            config=SEARCH_CONFIG,
            start_sel=_START,
            stop_sel=_STOP,
            max_words=40,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=" … ",
        )
    threads = (
        _visible(user)
        .filter(pk__in=ids)
        .select_related("author", "category")
        .defer("search_vector")
        .with_question_disclaimer()
        .annotate(headline=question)
        .order_by()
    )
    by_id = {thread.pk: thread for thread in threads}
    return [by_id[pk] for pk in ids if pk in by_id]


def spelling_correction(query: CleanQuery) -> search_spelling.Correction | None:
    """What she probably meant, when a word looks misspelt (see forum.search_spelling)."""
    if query.problem:
        return None
    return search_spelling.correct(query.text, query.terms, stopwords=_STOPWORDS)


@dataclass
class Found:
    """What a search shows: the threads' ids, best first (up to MOST_COUNTED of them), and
    how many were counted (MOST_COUNTED + 1 means "more than"), the words searched for, the
    spelling correction offered (if any), whether the threads have every word or only some
    of them, and a correction that was tried and found nothing (said on the no-results
    page). `shown_threads` fetches a page of them."""

    ids: list[int]
    count: int
    searched: CleanQuery
    correction: search_spelling.Correction | None
    all_words: bool = True
    also_tried: str = ""


# A search ranks and counts its matches up to this many and offers pages over these only
# (20 pages).
MOST_COUNTED = 500


def find(*, user, query: CleanQuery, category=None, exact: bool = False) -> Found:
    """The search she asked for, forgiving: misspelt words corrected ("heprin" -> "heparin")
    unless `exact`; when no question has every word, the questions with some of them
    ("heparin in pregnancy" finds the heparin thread of a woman "21 weeks pregnant"). A
    correction is only offered when it finds something."""
    correction = None if exact else spelling_correction(query)
    tries = [(clean_query(correction.text), correction)] if correction else []
    tries.append((query, None))
    for any_word in (False, True):
        if any_word and len(query.terms) < 2:
            break  # one word: nothing to loosen
        for searched, offered in tries:
            threads = search_threads(
                user=user, query=searched, category=category, any_word=any_word
            )
            # One query ranks them and counts them, up to MOST_COUNTED: the page says "more
            # than 500" rather than counting every match of a common word.
            ids = list(threads.values_list("pk", flat=True)[: MOST_COUNTED + 1])
            if ids:
                return Found(
                    ids[:MOST_COUNTED], len(ids), searched, offered, all_words=not any_word
                )
    return Found([], 0, query, None, also_tried=correction.text if correction else "")


def mask_contact_details(text: str) -> str:
    """Phone numbers and e-mail addresses masked, as on the thread page."""
    return mask_contact_info(text)


def snippet(text: str, terms: list[str], *, width: int = 260) -> SafeString:
    """A short, escaped excerpt of a question with the search terms in <mark>.

    Accepts PostgreSQL headlines (matches already between the private markers) and raw text.
    """
    text = _MARKDOWN_NOISE.sub(" ", mask_contact_details(text or ""))
    text = " ".join(text.split())
    if _START not in text and terms:
        lowered = text.lower()
        hits = [lowered.find(t) for t in terms if t in lowered]
        start = max(min(hits) - 60, 0) if hits else 0
        if start:  # begin at a word, not in the middle of one
            start = text.find(" ", start) + 1 or start
        excerpt = text[start : start + width]
        prefix = "… " if start else ""
        suffix = " …" if start + width < len(text) else ""
        pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
        html = pattern.sub(lambda m: f"{_START}{m.group(0)}{_STOP}", prefix + excerpt + suffix)
    else:
        html = text
    html = escape(html).replace(_START, "<mark>").replace(_STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped above; only our own <mark> tags are added
