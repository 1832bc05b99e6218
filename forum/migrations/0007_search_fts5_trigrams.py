"""Search that forgives: on SQLite an FTS5 table kept by triggers, on PostgreSQL the pg_trgm
extension and a trigram index on the vocabulary; on both the vocabulary filled from the
questions already written. Each database only gets its own part."""

import re

from django.db import migrations


SQLITE_UP = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS forum_thread_fts USING fts5(
        title, body, tokenize = 'porter unicode61 remove_diacritics 2')""",
    """INSERT INTO forum_thread_fts(rowid, title, body)
        SELECT t.id, t.title, COALESCE(
            (SELECT p.body FROM forum_post p WHERE p.thread_id = t.id AND p.is_question
             ORDER BY p.id LIMIT 1), '')
        FROM forum_thread t""",
    """CREATE TRIGGER IF NOT EXISTS forum_thread_fts_insert AFTER INSERT ON forum_thread
        BEGIN INSERT INTO forum_thread_fts(rowid, title, body) VALUES (new.id, new.title, ''); END""",
    """CREATE TRIGGER IF NOT EXISTS forum_thread_fts_title AFTER UPDATE OF title ON forum_thread
        BEGIN UPDATE forum_thread_fts SET title = new.title WHERE rowid = new.id; END""",
    """CREATE TRIGGER IF NOT EXISTS forum_thread_fts_delete AFTER DELETE ON forum_thread
        BEGIN DELETE FROM forum_thread_fts WHERE rowid = old.id; END""",
    """CREATE TRIGGER IF NOT EXISTS forum_post_fts_insert AFTER INSERT ON forum_post
        WHEN new.is_question
        BEGIN UPDATE forum_thread_fts SET body = new.body WHERE rowid = new.thread_id; END""",
    """CREATE TRIGGER IF NOT EXISTS forum_post_fts_body AFTER UPDATE OF body ON forum_post
        WHEN new.is_question
        BEGIN UPDATE forum_thread_fts SET body = new.body WHERE rowid = new.thread_id; END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS forum_thread_fts_insert",
    "DROP TRIGGER IF EXISTS forum_thread_fts_title",
    "DROP TRIGGER IF EXISTS forum_thread_fts_delete",
    "DROP TRIGGER IF EXISTS forum_post_fts_insert",
    "DROP TRIGGER IF EXISTS forum_post_fts_body",
    "DROP TABLE IF EXISTS forum_thread_fts",
]
POSTGRES_UP = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS forum_searchword_trgm ON forum_searchword "
    "USING gin (word gin_trgm_ops)",
]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS forum_searchword_trgm"]

# The same rule as forum.search_index.words_in, written out so this migration never changes.
WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


def fill_vocabulary(apps, schema_editor):
    Thread = apps.get_model("forum", "Thread")
    Post = apps.get_model("forum", "Post")
    SearchWord = apps.get_model("forum", "SearchWord")
    counts: dict[str, int] = {}
    titles = dict(Thread.objects.values_list("id", "title"))
    questions = Post.objects.filter(is_question=True).values_list("thread_id", "body")
    for thread_id, body in questions.iterator(chunk_size=2000):
        text = f"{titles.pop(thread_id, '')} {body}".lower()
        for word in {w for w in WORD_RE.findall(text) if 3 <= len(w) <= 40}:
            counts[word] = counts.get(word, 0) + 1
    SearchWord.objects.bulk_create(
        [SearchWord(word=w, uses=n) for w, n in counts.items()],
        batch_size=2000,
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("forum", "0006_search_words_and_digests"),
    ]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        ),
        migrations.RunPython(fill_vocabulary, migrations.RunPython.noop),
    ]
