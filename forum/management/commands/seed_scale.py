"""Fill the database with a large, deterministic forum for benchmarks and scale checks.

`python manage.py seed_scale --threads 100000 --answers-per-thread 9` loads about a
million posts. On PostgreSQL the rows stream in with COPY (psycopg 3), with the
forum tables' secondary indexes and foreign keys dropped during the load and
rebuilt afterwards; on SQLite (tests) the same rows go in with executemany.

The same arguments always produce the same rows (ids, text, authors, offsets from
the seeding day). Counters (reply_count, thread_count, last_activity_at) are
computed while generating, and a handful of distinct bodies are rendered once with
the real Markdown pipeline and reused, so every post has its body_html.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils.text import slugify

from accounts.models import ExpertProfile
from forum.management.commands.seed_demo import ensure_demo_categories
from forum.models import Category, Post, PostStatus, Thread
from forum.rendering import render_markdown
from forum.search_index import SEARCH_CONFIG, rebuild_vocabulary
from moderation.models import Disclaimer

PASSWORD = "scale-password-2026"  # noqa: S105 - seeded benchmark accounts only
USERNAME_FORMAT = "member{:05d}"
BIG_THREAD_TITLE = "Blood thinners after IVF: a long-running thread of your experiences"
SPAN = timedelta(days=3 * 365)
# Share of threads in each demo category, in demo_content.CATEGORIES order.
CATEGORY_WEIGHTS = (0.22, 0.26, 0.16, 0.20, 0.16)

TOPICS = (
    "frozen embryo transfer",
    "egg collection",
    "progesterone pessaries",
    "heparin injections",
    "low AMH",
    "endometriosis",
    "PCOS",
    "a chemical pregnancy",
    "the two-week wait",
    "a failed cycle",
    "ICSI",
    "donor eggs",
    "a thin lining",
    "early scans",
    "spotting at six weeks",
    "a missed miscarriage",
    "letrozole",
    "clomid",
    "HCG levels",
    "embryo grading",
    "PGT-A testing",
    "a hysteroscopy",
    "the trigger shot",
    "OHSS",
    "aspirin in pregnancy",
    "a subchorionic haematoma",
    "our first consultation",
    "fertility after forty",
    "male factor results",
    "returning to work after a loss",
)
QUESTION_FORMS = (
    ("What was your experience with {topic}?", False),
    ("Is it normal to feel anxious about {topic}?", False),
    ("How long did {topic} take for you?", False),
    ("Questions to ask my clinic about {topic}", False),
    ("Did anyone have cramping after {topic}?", False),
    ("Can I stop my medicine because of {topic}?", True),
    ("Should I change my dose after {topic}?", True),
    ("Coping with {topic} while working full time", False),
    ("What do the numbers mean for {topic}?", False),
    ("Any tips for partners during {topic}?", False),
)
QUESTION_BODIES = (
    "We have been trying for **two years** and my clinic mentioned this at our last appointment. "
    "I would love to hear how it went for others, and what you wish you had known beforehand.",
    "My consultant explained the plan but I was too nervous to take it all in.\n\n"
    "- What should I expect in the first week?\n- When did you get results?\n\n"
    "Thank you for reading.",
    "I am 21 weeks pregnant after IVF and worried about my medicines. I know I need to ask my "
    "prescriber, but I would like to understand the *reasons* behind the plan first.",
    "Short question: has anyone been through this and come out the other side? Some days are "
    "harder than others and it helps to read other people's stories.",
    "After our last cycle we were told to wait three months. Did anyone use that time to do "
    "anything differently? My partner and I are trying to stay hopeful.",
    "The nurse said my levels were 'borderline'. I have an appointment next week but the "
    "waiting is the worst part. What did borderline mean for you?",
)
ANSWER_BODIES = (
    "I went through the same thing last spring. It took about ten days for us, and the clinic "
    "was kind about answering questions by phone. Sending you strength.",
    "This is general information, not advice for you: the usual reason for this step is to "
    "support the lining. Please ask your prescriber before changing anything.",
    "We had **three** attempts before it worked. Keep a notebook of questions for each "
    "appointment; it really helped me remember what to ask.",
    "My clinic gave me a printed plan with the dates, which made it much easier. Maybe ask "
    "whether yours has one?",
    "I felt exactly the same. Talking to a counsellor at the clinic helped more than I expected. "
    "You are not alone in this.",
    "From my experience: mild cramping for a day or two was normal for me, but I called the "
    "out-of-hours line when it got worse and they were reassuring.",
    "It is worth asking for the numbers in writing. Ours were:\n\n1. day 10: 120\n2. day 12: 260"
    "\n\nand the nurse explained what each one meant.",
    "Please do not stop anything without speaking to the person who prescribed it. They can "
    "explain the risks and benefits for your situation.",
    "We used the time to rest and get some normality back. It was the right choice for us.",
    "Thank you for asking this, I was wondering the same. Following this thread.",
    "Our embryologist explained grading with a diagram, which helped a lot. Grades are only "
    "part of the picture, so try not to read too much into them.",
    "Sending a big hug. The two-week wait is the hardest part for so many of us.",
)
EXPERT_ANSWER_BODIES = (
    "I am an embryologist, not a physician, so I cannot advise on your medicines. In general, "
    "this step is used to support implantation; your prescriber can explain your own plan.",
    "Speaking generally: results like these are read together with your scan and history. "
    "Please bring them to your clinic, who know your full picture.",
)
FIRST_NAMES = "ABCDEFGHJKLMNOPRSTW"
PLACES = (
    "Leeds, UK",
    "Cork, Ireland",
    "Marina del Rey, CA",
    "Austin, TX",
    "Glasgow, UK",
    "Toronto, ON",
    "Melbourne, VIC",
    "",
    "",
    "Bristol, UK",
)
EXPERT_TITLES = (
    ("Consultant Clinical Embryologist", False),
    ("Fertility Nurse Specialist", False),
    ("Clinical Pharmacist", False),
    ("Consultant Obstetrician", True),
    ("Reproductive Endocrinologist", True),
)


class Command(BaseCommand):
    help = "Load a large deterministic forum (members, experts, threads, answers) for benchmarks."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--threads", type=int, default=2000)
        parser.add_argument(
            "--answers-per-thread",
            type=int,
            default=9,
            help="Average answers per thread (the one big thread aside).",
        )
        parser.add_argument("--big-thread-answers", type=int, default=1000)
        parser.add_argument("--members", type=int, default=5000)
        parser.add_argument("--experts", type=int, default=50)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing (successfully) when the forum already has threads.",
        )

    def handle(self, *args, **opts) -> None:
        self.verbosity = opts["verbosity"]
        threads, per_thread = opts["threads"], opts["answers_per_thread"]
        members, experts = opts["members"], opts["experts"]
        if threads < 1 or per_thread < 0 or members < 2 or not 0 <= experts < members:
            raise CommandError(
                "Need --threads >= 1, --answers-per-thread >= 0, --members >= 2 and "
                "0 <= --experts < --members."
            )
        User = get_user_model()
        if Thread.objects.exists() and opts["if_empty"]:
            self.stdout.write("The forum already has threads; nothing to do (--if-empty).")
            return
        if User.objects.filter(username=USERNAME_FORMAT.format(1)).exists():
            raise CommandError(
                "This database already holds seeded members; use a fresh database "
                "(or --if-empty to skip)."
            )
        started = time.monotonic()
        seeder = _Seeder(
            rng=random.Random(opts["seed"]),
            threads=threads,
            per_thread=per_thread,
            big_thread_answers=opts["big_thread_answers"],
            members=members,
            experts=experts,
            log=self._log,
        )
        with transaction.atomic():
            rebuild = _IndexRebuild([Thread, Post]) if connection.vendor == "postgresql" else None
            if rebuild:
                rebuild.drop()
            seeder.run()
            if rebuild:
                self._log("rebuilding indexes")
                rebuild.restore(full_text=False)
            if connection.vendor == "postgresql":
                self._log("search vectors")
                _fill_search_vectors(first_thread_id=seeder.first_thread_id)
            if rebuild:
                self._log("rebuilding full-text indexes and foreign keys")
                rebuild.restore(full_text=True)
            self._log("spelling vocabulary")
            rebuild_vocabulary()
        if connection.vendor == "postgresql":
            # VACUUM sets the visibility map, so deep pages get index-only scans at once.
            # It cannot run inside a transaction (as in tests): ANALYZE alone then.
            command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
            self._log(command.lower())
            with connection.cursor() as cursor:
                for model in (Thread, Post, User, Category):
                    cursor.execute(f'{command} "{model._meta.db_table}"')
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {seeder.thread_total} threads, {seeder.post_total} posts, "
                f"{members} members ({experts} experts) in {elapsed:.1f}s."
            )
        )

    def _log(self, message: str) -> None:
        if self.verbosity >= 1:
            self.stdout.write(f"  {message}")


class _Seeder:
    def __init__(self, *, rng, threads, per_thread, big_thread_answers, members, experts, log):
        self.rng = rng
        self.threads = threads
        self.per_thread = per_thread
        self.big_thread_answers = big_thread_answers
        self.members = members
        self.experts = experts
        self.log = log
        self.anchor = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
        self.thread_total = 0
        self.post_total = 0

    def run(self) -> None:
        self.log("members")
        self.user_ids, self.expert_ids = self._members()
        self.categories = ensure_demo_categories()
        self.log("threads and posts")
        self.first_thread_id = _next_id(Thread)
        self._threads_and_posts()

    # -- members -------------------------------------------------------------------
    def _members(self) -> tuple[list[int], list[int]]:
        User = get_user_model()
        first_id = _next_id(User)
        password = make_password(PASSWORD)
        joined = self.anchor - SPAN - timedelta(days=30)
        ids = list(range(first_id, first_id + self.members))

        def users() -> Iterator[dict]:
            for n, user_id in enumerate(ids, start=1):
                initials = f"{FIRST_NAMES[n % 19]}.{FIRST_NAMES[(n * 7) % 19]}."
                yield {
                    "id": user_id,
                    "username": USERNAME_FORMAT.format(n),
                    "email": f"{USERNAME_FORMAT.format(n)}@example.org",
                    "password": password,
                    "display_name": initials,
                    "location": PLACES[n % len(PLACES)],
                    "date_joined": joined + timedelta(minutes=n),
                    "is_active": True,
                    # The last two members moderate, so the bench can sign one in.
                    "is_moderator": n > self.members - 2,
                }

        _load(User, users())
        emails = (
            {
                "user_id": user_id,
                "email": f"{USERNAME_FORMAT.format(n)}@example.org",
                "verified": True,
                "primary": True,
            }
            for n, user_id in enumerate(ids, start=1)
        )
        _load(EmailAddress, emails)
        # Experts are spread through the member list: every k-th member.
        step = max(1, self.members // max(1, self.experts))
        expert_ids = [ids[i] for i in range(step - 1, self.members, step)][: self.experts]
        profiles = (
            {
                "user_id": user_id,
                "professional_name": f"Expert number {i + 1}",
                "title": EXPERT_TITLES[i % len(EXPERT_TITLES)][0],
                "organisation": f"Clinic number {i + 1}",
                "is_prescriber": EXPERT_TITLES[i % len(EXPERT_TITLES)][1],
                "status": ExpertProfile.Status.VERIFIED.value,
                "applied_at": joined,
                "reviewed_at": joined + timedelta(days=1),
            }
            for i, user_id in enumerate(expert_ids)
        )
        _load(ExpertProfile, profiles)
        self.prescribers = {
            user_id for i, user_id in enumerate(expert_ids) if EXPERT_TITLES[i % 5][1]
        }
        return ids, expert_ids

    # -- threads and posts ---------------------------------------------------------
    def _threads_and_posts(self) -> None:
        rng = self.rng
        questions = [render_markdown(b) for b in QUESTION_BODIES]
        answers = [render_markdown(b) for b in ANSWER_BODIES]
        expert_answers = [render_markdown(b) for b in EXPERT_ANSWER_BODIES]
        titles = [(form.format(topic=topic), rx) for form, rx in QUESTION_FORMS for topic in TOPICS]
        slugs = {title: slugify(title)[:80].strip("-") for title, _ in titles}
        cumulative, total = [], 0.0
        for weight in CATEGORY_WEIGHTS[: len(self.categories)]:
            total += weight
            cumulative.append(total)
        first_thread_id, first_post_id = self.first_thread_id, _next_id(Post)
        user_ids, expert_ids = self.user_ids, self.expert_ids
        expert_set = set(expert_ids)
        published, pending, removed = (
            PostStatus.PUBLISHED.value,
            PostStatus.PENDING.value,
            PostStatus.REMOVED.value,
        )
        span_seconds = SPAN.total_seconds()
        # Fields other features add to Post and Thread: filled in when the model has them.
        post_fields = {f.attname for f in Post._meta.concrete_fields}
        thread_fields = {f.attname for f in Thread._meta.concrete_fields}
        expert_marks = "is_expert_answer" in post_fields
        disclaimer_id = _current_disclaimer_id() if "disclaimer_id" in post_fields else None
        count_experts = "expert_reply_count" in thread_fields
        anchor = self.anchor
        category_stats = {c.pk: [0, None] for c in self.categories}
        thread_rows: list[dict] = []
        post_id = first_post_id

        def posts() -> Iterator[dict]:
            nonlocal post_id
            for index in range(self.threads):
                thread_id = first_thread_id + index
                big = index == 0
                asked_at = anchor - timedelta(
                    seconds=span_seconds * (1 - index / self.threads) + rng.random() * 3600
                )
                pick = rng.random() * total
                category = self.categories[
                    next(i for i, edge in enumerate(cumulative) if pick <= edge)
                ]
                title, rx = (BIG_THREAD_TITLE, True) if big else titles[rng.randrange(len(titles))]
                author_id = user_ids[rng.randrange(len(user_ids))]
                status = pending if (not big and rng.random() < 0.003) else published
                yield {
                    "id": post_id,
                    "thread_id": thread_id,
                    "author_id": author_id,
                    "is_question": True,
                    "body": QUESTION_BODIES[index % len(QUESTION_BODIES)],
                    "body_html": questions[index % len(questions)],
                    "status": status,
                    "created_at": asked_at,
                }
                post_id += 1
                if big:
                    count = self.big_thread_answers
                elif status != published:
                    count = 0
                else:
                    count = rng.randint(0, 2 * self.per_thread)
                # Answers arrive over hours to weeks; the big thread's run up to today.
                room = (anchor - asked_at).total_seconds()
                gap = room / (count + 1) if big else min(room / (count + 1), 86400.0 * 3)
                at = asked_at
                replies, last_activity = 0, asked_at
                experts_here: set[int] = set()
                for n in range(count):
                    at = at + timedelta(seconds=gap * (0.5 + rng.random()) if not big else gap)
                    if at > anchor:
                        at = anchor
                    roll = rng.random()
                    state = pending if roll < 0.004 else removed if roll < 0.006 else published
                    if expert_ids and n % 7 == 3:
                        answer_author = expert_ids[rng.randrange(len(expert_ids))]
                        body_index = rng.randrange(len(EXPERT_ANSWER_BODIES))
                        body, html = EXPERT_ANSWER_BODIES[body_index], expert_answers[body_index]
                    else:
                        answer_author = user_ids[rng.randrange(len(user_ids))]
                        body_index = rng.randrange(len(ANSWER_BODIES))
                        body, html = ANSWER_BODIES[body_index], answers[body_index]
                    # Whatever they write, a verified expert's answer is an expert answer.
                    by_expert = answer_author in expert_set
                    row = {
                        "id": post_id,
                        "thread_id": thread_id,
                        "author_id": answer_author,
                        "is_question": False,
                        "body": body,
                        "body_html": html,
                        "status": state,
                        "status_reason": "Removed: it named a clinic's staff member."
                        if state == removed
                        else "",
                        "created_at": at,
                    }
                    if by_expert and expert_marks:
                        row["is_expert_answer"] = True
                        row["author_was_prescriber"] = answer_author in self.prescribers
                        row["disclaimer_id"] = disclaimer_id
                    yield row
                    post_id += 1
                    if state == published:
                        replies += 1
                        last_activity = at
                        if by_expert:
                            experts_here.add(answer_author)
                thread_row = {
                    "id": thread_id,
                    "category_id": category.pk,
                    "author_id": author_id,
                    "title": title,
                    "slug": slugs.get(title) or slugify(title)[:80].strip("-"),
                    "status": status,
                    "created_at": asked_at,
                    "last_activity_at": last_activity,
                    "reply_count": replies,
                    "is_prescription_question": rx,
                }
                if count_experts:
                    thread_row["expert_reply_count"] = len(experts_here)
                thread_rows.append(thread_row)
                if status == published:
                    stats = category_stats[category.pk]
                    stats[0] += 1
                    if stats[1] is None or last_activity > stats[1]:
                        stats[1] = last_activity

        # Posts are generated first (their counters feed the thread rows); threads follow.
        # Foreign keys are deferred (SQLite, PostgreSQL constraints are deferrable or dropped).
        self.post_total = _load(Post, posts())
        self.log(f"{self.post_total} posts loaded")
        self.thread_total = _load(Thread, thread_rows)
        for category in self.categories:
            count, last = category_stats[category.pk]
            latest = max(filter(None, [last, category.last_activity_at]), default=None)
            Category.objects.filter(pk=category.pk).update(
                thread_count=category.thread_count + count, last_activity_at=latest
            )
        _reset_sequences([get_user_model(), EmailAddress, ExpertProfile, Thread, Post])


def _next_id(model) -> int:
    last = model.objects.aggregate(m=models.Max("pk"))["m"]
    return (last or 0) + 1


def _columns_and_constants(model, given: Iterable[str]):
    """Every concrete column: the given ones in order, then the rest with their defaults."""
    given = list(given)
    fields = {f.attname: f for f in model._meta.concrete_fields}
    unknown = set(given) - set(fields)
    if unknown:
        raise CommandError(f"{model.__name__} has no field(s) {sorted(unknown)}")
    rest = []
    for attname, field in fields.items():
        if attname in given or (field.primary_key and isinstance(field, models.AutoField)):
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = datetime.now(UTC)
        elif field.has_default():
            value = field.get_default()
        elif field.null:
            value = None
        elif field.get_internal_type() in {"CharField", "TextField", "SlugField", "EmailField"}:
            value = ""
        else:
            raise CommandError(
                f"seed_scale does not know what to put in {model.__name__}.{attname}; "
                "give it a default or teach seed_scale about it."
            )
        rest.append((field, value))
    return [fields[a] for a in given], rest


def _load(model, rows: Iterable[dict]) -> int:
    """Insert dict rows (keys are attnames; the first row fixes the columns). Returns the count."""
    iterator = iter(rows)
    first = next(iterator, None)
    if first is None:
        return 0
    columns = list(first)
    # Optional keys (e.g. status_reason) are given on some rows only: fill them in.
    given_fields, rest = _columns_and_constants(model, columns + _optional(model, columns))
    all_fields = given_fields + [f for f, _ in rest]
    given_names = [f.attname for f in given_fields]
    constants = tuple(f.get_db_prep_save(v, connection) for f, v in rest)
    defaults = {f.attname: f.get_default() for f in given_fields}
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(f.column) for f in all_fields)

    def tuples() -> Iterator[tuple]:
        for row in _chain(first, iterator):
            yield tuple(row.get(name, defaults[name]) for name in given_names) + constants

    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for values in tuples():
                    copy.write_row(values)
                    count += 1
        else:
            marks = ", ".join(["%s"] * len(all_fields))
            sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608 - model names
            batch: list[tuple] = []
            for values in tuples():
                prepared = (
                    tuple(
                        f.get_db_prep_save(v, connection)
                        for f, v in zip(given_fields, values, strict=False)
                    )
                    + values[len(given_fields) :]
                )
                batch.append(prepared)
                if len(batch) >= 2000:
                    cursor.executemany(sql, batch)
                    count += len(batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
                count += len(batch)
    return count


_OPTIONAL = {
    "forum.post": [
        "status_reason",
        "is_expert_answer",
        "author_was_prescriber",
        "disclaimer_id",
    ]
}


def _optional(model, columns: list[str]) -> list[str]:
    known = {f.attname for f in model._meta.concrete_fields}
    optional = _OPTIONAL.get(model._meta.label_lower, [])
    return [c for c in optional if c not in columns and c in known]


def _current_disclaimer_id() -> int | None:
    current = Disclaimer.objects.current()
    return current.pk if current else None


def _chain(first, rest):
    yield first
    yield from rest


def _reset_sequences(model_list) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), model_list)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def _fill_search_vectors(*, first_thread_id: int) -> None:
    """Fill the seeded threads' stored search vectors in one statement.

    The same vector forum.services.update_search_vector stores (title weighted A, the
    question B), joined instead of one subquery per thread; a test pins the two together.
    """
    if "search_vector" not in {f.attname for f in Thread._meta.concrete_fields}:
        return
    thread, post = Thread._meta.db_table, Post._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE "{thread}" AS t SET search_vector =
                setweight(to_tsvector(%s::regconfig, COALESCE(t.title, '')), 'A')
                || setweight(to_tsvector(%s::regconfig, COALESCE(p.body, '')), 'B')
            FROM "{post}" AS p
            WHERE p.thread_id = t.id AND p.is_question AND t.id >= %s
            """,  # noqa: S608 - table names come from the models
            [SEARCH_CONFIG, SEARCH_CONFIG, first_thread_id],
        )


class _IndexRebuild:
    """Drop a table's secondary indexes and foreign keys for a bulk load, then put them back.

    The definitions are read from the catalogue, so indexes other features add are kept.
    Everything runs inside the caller's transaction: a failed load leaves nothing behind.
    """

    def __init__(self, model_list) -> None:
        self.tables = [m._meta.db_table for m in model_list]
        self.indexes: list[tuple[str, str]] = []
        self.foreign_keys: list[tuple[str, str, str]] = []

    def drop(self) -> None:
        with connection.cursor() as cursor:
            # Deferred foreign-key checks still queued in this transaction block ALTER TABLE.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for table in self.tables:
                cursor.execute(
                    """
                    SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid)
                    FROM pg_index
                    WHERE indrelid = %s::regclass
                      AND indexrelid NOT IN (
                        SELECT conindid FROM pg_constraint WHERE conrelid = %s::regclass
                      )
                    """,
                    [table, table],
                )
                self.indexes += cursor.fetchall()
                cursor.execute(
                    """
                    SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
                    WHERE conrelid = %s::regclass AND contype = 'f'
                    """,
                    [table],
                )
                self.foreign_keys += [(table, name, d) for name, d in cursor.fetchall()]
            for table, name, _definition in self.foreign_keys:
                cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
            for name, _definition in self.indexes:
                cursor.execute(f"DROP INDEX {name}")

    def restore(self, *, full_text: bool) -> None:
        """Recreate the B-tree indexes (full_text=False), or the rest and the foreign keys.

        Full-text (GIN) indexes are built after the search vectors are filled in.
        """
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for _name, definition in self.indexes:
                if (" USING gin " in definition) == full_text:
                    cursor.execute(definition)
            if full_text:
                for table, name, definition in self.foreign_keys:
                    cursor.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')
