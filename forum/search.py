"""Finding threads: full-text search and related questions.

PostgreSQL uses the stored `Thread.search_vector` (GIN-indexed, kept by forum.search_index);
SQLite, the embedded default, its built-in FTS5 (table forum_thread_fts, kept by triggers).
Misspelt words are corrected first (forum.search_spelling).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import F, OuterRef, QuerySet, Subquery
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from forum import search_spelling
from forum.models import Post, PostStatus, Thread
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


def _question_body():
    return Post.objects.filter(thread=OuterRef("pk"), is_question=True).values("body")[:1]


_PHRASE_RE = re.compile(r'"([^"]*)"|(-?)([^\s"]+)')


def fts5_match(text: str) -> str:
    """An FTS5 MATCH expression for what was typed, read like PostgreSQL's websearch syntax:
    words must all be there, "quoted words" as a phrase, -word left out. Every word is
    quoted, so nothing typed can be read as FTS5 syntax."""
    wanted, unwanted = [], []
    for phrase, minus, word in _PHRASE_RE.findall(text.lower()):
        words = _WORD_RE.findall(phrase or word)
        if not words or (not phrase and words == ["or"]):
            continue
        quoted = '"' + " ".join(words) + '"'
        if minus:
            unwanted.append(quoted)
        elif phrase or len(words) > 1 or words[0] not in _STOPWORDS:
            wanted.append(quoted)
    if not wanted:  # only common words: look for them after all
        wanted = [f'"{w}"' for w in _WORD_RE.findall(text.lower())[:MAX_TERMS]]
    match = " AND ".join(wanted[:MAX_TERMS])
    for quoted in unwanted[:MAX_TERMS]:
        match += f" NOT {quoted}"
    return match


# Table names come from constants and the model; what was typed is only ever a parameter.
_FTS_IDS = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608 - constants
_FTS_RANK = (
    f"SELECT bm25({FTS_TABLE}, 5.0, 1.0) FROM {FTS_TABLE} "  # noqa: S608 - constants
    f'WHERE {FTS_TABLE} MATCH %s AND rowid = "{Thread._meta.db_table}"."id"'
)


def _sqlite_search(threads: QuerySet[Thread], text: str) -> QuerySet[Thread]:
    match = fts5_match(text)
    return (
        threads.filter(pk__in=RawSQL(_FTS_IDS, [match]))  # noqa: S611 - typed text is a parameter
        # bm25 is lower for better matches; the title counts five times the question.
        .annotate(rank=RawSQL(_FTS_RANK, [match]))  # noqa: S611 - typed text is a parameter
        .annotate(headline=Subquery(_question_body()))
        .order_by("rank", "-last_activity_at", "-id")
    )


def search_threads(*, user, query: CleanQuery, category=None) -> QuerySet[Thread]:
    threads = Thread.objects.visible_to(user).exclude(status=PostStatus.WITHDRAWN)
    if category is not None:
        threads = threads.filter(category=category)
    threads = threads.select_related("author", "category").with_question_disclaimer()
    if settings.USING_POSTGRES:
        ts_query = SearchQuery(query.text, search_type="websearch", config=SEARCH_CONFIG)
        return (
            threads.filter(search_vector=ts_query)
            .annotate(
                rank=SearchRank(F("search_vector"), ts_query),
                headline=SearchHeadline(
                    Subquery(_question_body()),
                    ts_query,
                    config=SEARCH_CONFIG,
                    start_sel=_START,
                    stop_sel=_STOP,
                    max_words=40,
                    min_words=15,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                ),
            )
            .order_by("-rank", "-last_activity_at", "-id")
        )
    return _sqlite_search(threads, query.text)


def spelling_correction(query: CleanQuery) -> search_spelling.Correction | None:
    """What she probably meant, when a word looks misspelt (see forum.search_spelling)."""
    if query.problem:
        return None
    return search_spelling.correct(query.text, query.terms, stopwords=_STOPWORDS)


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
