"""Keeping what search reads up to date: the PostgreSQL vector, the SQLite FTS5 table and the
vocabulary that misspelt searches are corrected against.

forum.services calls `index_thread` whenever a question's title or text is written. On SQLite
the FTS5 table (`forum_thread_fts`, created in migration 0007) is also kept by triggers on
forum_thread and forum_post, so bulk loads and raw updates cannot leave it stale.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import F, OuterRef, Subquery

from forum.models import Post, SearchWord, Thread

SEARCH_CONFIG = "english"
FTS_TABLE = "forum_thread_fts"
WORD_MIN, WORD_MAX = 3, 40
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)


def words_in(text: str) -> set[str]:
    """The distinct lower-case words of a text that are worth knowing for spelling."""
    found = set()
    for word in _WORD_RE.findall(text.lower()):
        for part in re.split(r"['’-]", word):
            if WORD_MIN <= len(part) <= WORD_MAX:
                found.add(part)
    return found


def remember_words(words: Iterable[str]) -> None:
    """Count the words in the vocabulary (new ones added)."""
    words = set(words)
    if not words:
        return
    known = set(SearchWord.objects.filter(word__in=words).values_list("word", flat=True))
    if known:
        SearchWord.objects.filter(word__in=known).update(uses=F("uses") + 1)
    SearchWord.objects.bulk_create(
        [SearchWord(word=w, uses=1) for w in sorted(words - known)], ignore_conflicts=True
    )


def index_thread(*, thread_id: int) -> None:
    """After a question's title or text changed: its vector (PostgreSQL) and its words."""
    question_body = Post.objects.filter(thread=OuterRef("pk"), is_question=True).values("body")[:1]
    if settings.USING_POSTGRES:
        Thread.objects.filter(pk=thread_id).update(
            search_vector=SearchVector("title", weight="A", config=SEARCH_CONFIG)
            + SearchVector(Subquery(question_body), weight="B", config=SEARCH_CONFIG)
        )
    row = (
        Thread.objects.filter(pk=thread_id)
        .annotate(question=Subquery(question_body))
        .values_list("title", "question")
        .first()
    )
    if row is not None:
        title, question = row
        remember_words(words_in(f"{title} {question or ''}"))


def rebuild_vocabulary() -> int:
    """Count every question's words again (after bulk loads that skip forum.services).
    Returns how many distinct words the vocabulary holds."""
    thread, post, words = Thread._meta.db_table, Post._meta.db_table, SearchWord._meta.db_table
    if settings.USING_POSTGRES:
        # ts_stat over 'simple' vectors: lower-case, unstemmed words with their document counts.
        documents = (
            f"SELECT to_tsvector('simple', t.title || ' ' || COALESCE(p.body, '')) "  # noqa: S608 - model tables
            f'FROM "{thread}" t JOIN "{post}" p ON p.thread_id = t.id AND p.is_question'
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f'INSERT INTO "{words}" (word, uses) '  # noqa: S608 - model table names only
                "SELECT word, ndoc FROM ts_stat(%s) "
                "WHERE length(word) BETWEEN %s AND %s AND word ~ '^[[:alpha:]]+$' "
                "ON CONFLICT (word) DO UPDATE SET uses = EXCLUDED.uses",
                [documents, WORD_MIN, WORD_MAX],
            )
    else:
        counts: dict[str, int] = {}
        titles = dict(Thread.objects.values_list("id", "title"))
        questions = Post.objects.filter(is_question=True).values_list("thread_id", "body")
        for thread_id, body in questions.iterator(chunk_size=2000):
            for word in words_in(f"{titles.pop(thread_id, '')} {body}"):
                counts[word] = counts.get(word, 0) + 1
        SearchWord.objects.bulk_create(
            [SearchWord(word=w, uses=n) for w, n in counts.items()],
            batch_size=2000,
            update_conflicts=True,
            unique_fields=["word"],
            update_fields=["uses"],
        )
    return SearchWord.objects.count()
