"""Related and similar questions, ranked by what they share: medicines, treatments, the
stage she is at and what she feels, then the category and the title's words.

One rule comes before any score: a question from an ongoing pregnancy is never shown a
pregnancy-loss thread, and a loss question never an ongoing-pregnancy one, unless both are
about loss (pregnant again after a miscarriage, say). The category says which is which
(`pregnancy-loss`, `pregnancy`); elsewhere the words do ("21 weeks pregnant", "miscarriage").

Candidates come from full-text search (any of the concepts' words or the title's, FTS5 on
SQLite, the stored vector on PostgreSQL) plus the category's latest questions; at most a
few hundred are scored here, from their title and the start of their question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Substr

from forum.models import Post, PostStatus, Thread
from forum.search_index import FTS_TABLE, SEARCH_CONFIG
from moderation.checks.lexicon import word_class

LOSS_CATEGORY = "pregnancy-loss"
PREGNANCY_CATEGORY = "pregnancy"
RECENT_MATCHES = 200  # PostgreSQL: the most recently active matches, ranked...
FTS_CANDIDATES = 60  # ...and the best of them (SQLite: the best by bm25) are scored here
CATEGORY_CANDIDATES = 20
QUESTION_START = 400
MIN_SCORE = 2.0

# concept -> (kind, words or phrases that name it). Written for this forum's topics.
CONCEPTS: dict[str, tuple[str, tuple[str, ...]]] = {
    # Medicines, brand names with the medicine they are.
    "heparin": (
        "medicine",
        (
            "heparin",
            "clexane",
            "enoxaparin",
            "fragmin",
            "dalteparin",
            "innohep",
            "tinzaparin",
            "inhixa",
            "lmwh",
            "blood thinner",
            "blood thinners",
        ),
    ),
    "aspirin": ("medicine", ("aspirin",)),
    "progesterone": (
        "medicine",
        (
            "progesterone",
            "cyclogest",
            "crinone",
            "utrogestan",
            "gestone",
            "lubion",
            "pessary",
            "pessaries",
            "endometrin",
            "duphaston",
            "dydrogesterone",
            "pio",
        ),
    ),
    "oestrogen": (
        "medicine",
        ("oestrogen", "estrogen", "estradiol", "oestradiol", "progynova", "evorel"),
    ),
    "ovulation induction": (
        "medicine",
        ("clomid", "clomiphene", "clomifene", "letrozole", "femara"),
    ),
    "metformin": ("medicine", ("metformin", "glucophage")),
    "intralipid": ("medicine", ("intralipid", "intralipids")),
    "steroids": ("medicine", ("prednisolone", "dexamethasone", "steroid", "steroids")),
    "stimulation drugs": (
        "medicine",
        ("gonal", "menopur", "ovaleap", "bemfola", "fostimon", "elonva", "stims"),
    ),
    "down-regulation": (
        "medicine",
        ("cetrotide", "orgalutran", "ganirelix", "buserelin", "suprecur", "decapeptyl"),
    ),
    "trigger": ("medicine", ("ovitrelle", "pregnyl", "trigger shot", "trigger injection")),
    "pain relief": (
        "medicine",
        ("paracetamol", "ibuprofen", "codeine", "painkiller", "painkillers", "acetaminophen"),
    ),
    "supplements": (
        "medicine",
        ("folic", "folate", "inositol", "coq10", "dhea", "vitamin d", "pregnacare"),
    ),
    "antidepressants": (
        "medicine",
        ("sertraline", "citalopram", "fluoxetine", "antidepressant", "antidepressants"),
    ),
    "thyroid": ("medicine", ("levothyroxine", "thyroxine", "thyroid", "tsh")),
    "antibiotics": ("medicine", ("antibiotic", "antibiotics")),
    "sickness": (
        "medicine",
        ("cyclizine", "ondansetron", "buccastem", "morning sickness", "hyperemesis", "nausea"),
    ),
    # Treatments, tests and procedures.
    "ivf": ("treatment", ("ivf", "icsi")),
    "iui": ("treatment", ("iui", "insemination")),
    "embryo transfer": (
        "treatment",
        ("transfer", "transfers", "fet", "embryo transfer", "frozen transfer"),
    ),
    "embryos": (
        "treatment",
        (
            "embryo",
            "embryos",
            "blastocyst",
            "blastocysts",
            "blast",
            "grading",
            "graded",
            "grade",
            "grades",
            "4aa",
        ),
    ),
    "egg collection": (
        "treatment",
        ("egg collection", "retrieval", "eggs", "follicles", "fertilised", "fertilized"),
    ),
    "ivf laboratory": (
        "treatment",
        ("lab", "laboratory", "embryologist", "embryology", "fertilised", "fertilisation"),
    ),
    "injections": ("treatment", ("injection", "injections", "injecting", "jab", "jabs")),
    "bruising": ("treatment", ("bruise", "bruises", "bruising")),
    "pregnancy scans": (
        "treatment",
        ("scan", "scans", "ultrasound", "anomaly", "nuchal", "dating scan", "20-week"),
    ),
    "ovulation": (
        "treatment",
        ("ovulation", "ovulate", "ovulating", "opk", "opks", "lh surge", "ovulation test"),
    ),
    "cycles": ("treatment", ("period", "periods", "cycle", "cycles", "luteal")),
    "pregnancy tests": ("treatment", ("hcg", "beta", "pregnancy test", "bfp", "test day")),
    "surgery": (
        "treatment",
        (
            "erpc",
            "d&c",
            "hysteroscopy",
            "laparoscopy",
            "smm",
            "surgery",
            "surgical",
            "surgical management",
            "misoprostol",
        ),
    ),
    "bleeding": ("treatment", ("bleeding", "bleed", "spotting", "blood loss")),
    "baby's movements": (
        "treatment",
        ("movements", "movement", "kicks", "kicking", "kick", "quieter", "moving less"),
    ),
    "headaches": ("treatment", ("headache", "headaches", "migraine", "migraines")),
    "tests after loss": (
        "treatment",
        ("recurrent", "investigations", "karyotype", "tested first"),
    ),
    "see a doctor": ("treatment", ("gp", "referral", "refer", "specialist")),
    # Feelings.
    "grief": ("feeling", ("grieve", "grieving", "grief", "mourn", "mourning")),
    "fear": (
        "feeling",
        ("anxious", "anxiety", "nervous", "scared", "terrified", "worried", "dread", "wreck"),
    ),
    "others' pregnancies": (
        "feeling",
        ("announce", "announced", "announcement", "announcements", "baby shower", "jealous"),
    ),
    "relationship": ("feeling", ("partner", "husband", "wife", "couple", "couples")),
}

LOSS_WORDS = (
    "miscarriage",
    "miscarriages",
    "miscarried",
    "miscarry",
    "ectopic",
    "stillbirth",
    "stillborn",
    "pregnancy loss",
    "chemical pregnancy",
    "no heartbeat",
    "mmc",
    "missed miscarriage",
    "lost our baby",
    "lost the baby",
    "lost my baby",
    "we lost",
    "losses",
    "loss",
    "tfmr",
)
PREGNANT_WORDS = (
    "weeks pregnant",
    "i'm pregnant",
    "i am pregnant",
    "currently pregnant",
    "pregnant again",
    "pregnant with",
    "trimester",
    "midwife",
    "bump",
    "movements",
    "kicks",
    "anomaly scan",
    "20-week scan",
    "12-week scan",
    "due date",
    "in pregnancy",
    "pregnancy",
)
STAGES = {
    "trying": ("trying to conceive", "ttc", "trying for", "been trying", "months trying"),
    "treatment": ("ivf", "icsi", "iui", "transfer", "egg collection", "stims", "clinic"),
    "waiting": ("two week wait", "tww", "2ww", "test day", "beta"),
}
_TITLE_STOPWORDS = frozenset(
    (
        "about",
        "after",
        "again",
        "also",
        "been",
        "before",
        "being",
        "does",
        "doing",
        "from",
        "have",
        "just",
        "many",
        "more",
        "much",
        "only",
        "should",
        "some",
        "than",
        "that",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "what",
        "when",
        "where",
        "which",
        "while",
        "will",
        "with",
        "would",
        "your",
        "anyone",
        "actually",
        "question",
        "questions",
        "normal",
        "help",
    )
)
_WORD_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*|&", re.UNICODE)


def _normalise(text: str) -> str:
    return " ".join(_WORD_RE.findall(text.lower().replace("’", "'")))


def _grams(text: str) -> set[str]:
    """Every word, pair and triple of words in the text, normalised."""
    words = _normalise(text).split()
    grams = set(words)
    grams.update(" ".join(words[i : i + 2]) for i in range(len(words) - 1))
    grams.update(" ".join(words[i : i + 3]) for i in range(len(words) - 2))
    return grams


def _phrases(phrases) -> frozenset[str]:
    return frozenset(_normalise(p) for p in phrases)


_CONCEPT_OF = {_normalise(p): name for name, (_kind, ps) in CONCEPTS.items() for p in ps}
_LOSS = _phrases(LOSS_WORDS)
_PREGNANT = _phrases(PREGNANT_WORDS)
_STAGES = {name: _phrases(ps) for name, ps in STAGES.items()}


@dataclass
class Profile:
    """What a question is about, as far as ranking is concerned."""

    concepts: dict[str, str] = field(default_factory=dict)  # concept -> kind
    stages: set[str] = field(default_factory=set)
    title_words: set[str] = field(default_factory=set)
    category_id: int | None = None
    about_loss: bool = False
    ongoing: bool = False
    in_title: set[str] = field(default_factory=set)  # concepts the title names


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 4 and word.endswith("s") else word


def profile(
    *,
    title: str,
    body: str = "",
    category_slug: str = "",
    category_id=None,
    medicine_names: frozenset[str] | None = None,
) -> Profile:
    """`medicine_names`: when scoring candidates, only the names the question being matched
    has are worth finding (no need to ask the lexicon about every word)."""
    title_grams = _grams(title)
    grams = title_grams | _grams(body[:QUESTION_START])
    concepts = {_CONCEPT_OF[g]: CONCEPTS[_CONCEPT_OF[g]][0] for g in grams if g in _CONCEPT_OF}
    # Medicines no list above names (and typing slips of them) still count, by name.
    if medicine_names is not None:
        named = grams & medicine_names
    else:
        named = {
            w
            for w in grams
            if len(w) >= 5 and w.isalpha() and w not in _CONCEPT_OF and word_class(w) == "med"
        }
    for word in named:
        concepts.setdefault(f"medicine:{word}", "medicine")
    about_loss = category_slug == LOSS_CATEGORY or bool(title_grams & _LOSS)
    ongoing = category_slug == PREGNANCY_CATEGORY or (
        not about_loss and category_slug != LOSS_CATEGORY and bool(grams & _PREGNANT)
    )
    in_title = {_CONCEPT_OF[g] for g in title_grams if g in _CONCEPT_OF}
    in_title.update(f"medicine:{w}" for w in named if w in title_grams)
    if about_loss:
        concepts["pregnancy loss"] = "stage"
    # Pregnant now is her stage, whatever treatment came before ("24 weeks after IVF").
    stages = {"pregnant"} if ongoing else {n for n, ps in _STAGES.items() if grams & ps}
    words = {
        _stem(w) for w in title_grams if len(w) > 3 and w.isalpha() and w not in _TITLE_STOPWORDS
    }
    return Profile(concepts, stages, words, category_id, about_loss, ongoing, in_title)


def is_loss_thread(question: Profile) -> bool:
    """About a loss and not from a pregnancy going on now."""
    return question.about_loss and not question.ongoing


def may_show_under(source: Profile, candidate: Profile) -> bool:
    """The loss/pregnancy rule: no loss thread under a question from an ongoing pregnancy, and
    no ongoing-pregnancy thread under a loss question, unless both are about loss."""
    if source.ongoing and not source.about_loss and is_loss_thread(candidate):
        return False
    return not (is_loss_thread(source) and candidate.ongoing and not candidate.about_loss)


WEIGHTS = {"medicine": 4.0, "treatment": 2.0, "feeling": 1.5, "stage": 3.0}
# What the title names is what the question is about; the details add context. A concept in
# both titles counts this much more.
TITLE_BONUS = 0.5


def score(source: Profile, candidate: Profile) -> float:
    total = 0.0
    for concept, kind in source.concepts.items():
        if concept in candidate.concepts:
            total += WEIGHTS[kind]
            if concept in source.in_title and concept in candidate.in_title:
                total += TITLE_BONUS * WEIGHTS[kind]
    total += 1.5 * len(source.stages & candidate.stages)
    total += 0.75 * len(source.title_words & candidate.title_words)
    if source.category_id is not None and source.category_id == candidate.category_id:
        total += 1.0
    return total


def _search_words(source: Profile, title: str) -> list[str]:
    """Words whose threads are worth scoring: every name of a shared concept, and the title's."""
    words: list[str] = []
    for concept in source.concepts:
        if concept.startswith("medicine:"):
            words.append(concept.split(":", 1)[1])
        elif concept in CONCEPTS:
            words.extend(p for p in CONCEPTS[concept][1] if " " not in p and p.isalnum())
    words.extend(w for w in _normalise(title).split() if len(w) > 3 and w.isalpha())
    if source.about_loss:
        words.extend(("miscarriage", "loss", "ectopic"))
    return list(dict.fromkeys(w for w in words if w not in _TITLE_STOPWORDS))[:40]


_FTS_BEST = (
    f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "  # noqa: S608 - constants only
    f"ORDER BY bm25({FTS_TABLE}, 5.0, 1.0) LIMIT {FTS_CANDIDATES}"
)


def _candidate_ids(words: list[str]) -> QuerySet | RawSQL | None:
    if not words:
        return None
    if settings.USING_POSTGRES:
        ts_query = SearchQuery(" | ".join(words), search_type="raw", config=SEARCH_CONFIG)
        # An OR of common words matches much of a big forum: only the most recently active
        # matches are ranked (an index walk on thread_activity that stops early).
        recent = (
            Thread.objects.filter(status=PostStatus.PUBLISHED, search_vector=ts_query)
            .order_by("-last_activity_at", "-id")
            .values("pk")[:RECENT_MATCHES]
        )
        return (
            Thread.objects.filter(pk__in=recent)
            .annotate(rank=SearchRank(F("search_vector"), ts_query))
            .order_by("-rank", "-id")
            .values("pk")[:FTS_CANDIDATES]
        )
    match = " OR ".join(f'"{w}"' for w in words)
    return RawSQL(_FTS_BEST, [match])  # noqa: S611 - what was typed is only a parameter


# What a list of related questions shows of each.
_SHOWN_FIELDS = (
    "id",
    "title",
    "slug",
    "reply_count",
    "expert_reply_count",
    "last_activity_at",
    "category__id",
    "category__slug",
    "category__name",
)


def published_in_order(ids: list[int]) -> list[Thread]:
    """These threads, as a related list shows them, in this order: those still published."""
    found = Thread.objects.filter(pk__in=ids, status=PostStatus.PUBLISHED).select_related(
        "category"
    )
    rows = {thread.pk: thread for thread in found.only(*_SHOWN_FIELDS)}
    return [rows[pk] for pk in ids if pk in rows]


def rank_similar(
    *,
    title: str,
    body: str = "",
    category=None,
    exclude_id: int | None = None,
    limit: int = 5,
) -> list[Thread]:
    """Published questions like this one, best first, that the loss/pregnancy rule allows."""
    source = profile(
        title=title,
        body=body,
        category_slug=category.slug if category else "",
        category_id=category.pk if category else None,
    )
    ids = _candidate_ids(_search_words(source, title))
    latest_in_category = (
        Thread.objects.filter(status=PostStatus.PUBLISHED, category_id=source.category_id)
        .order_by("-last_activity_at", "-id")
        .values("pk")[:CATEGORY_CANDIDATES]
    )
    if ids is None:
        wanted = Q(pk__in=latest_in_category if source.category_id else [])
    elif not source.category_id:
        wanted = Q(pk__in=ids)
    elif settings.USING_POSTGRES:
        # One IN over a UNION: an OR of two INs made PostgreSQL scan every thread.
        wanted = Q(pk__in=ids.union(latest_in_category, all=True))
    else:
        wanted = Q(pk__in=ids) | Q(pk__in=latest_in_category)
    question_start = Post.objects.filter(thread=OuterRef("pk"), is_question=True).values("body")[:1]
    candidates = (
        Thread.objects.filter(wanted, status=PostStatus.PUBLISHED)
        .exclude(pk=exclude_id)
        .select_related("category")
        .only(*_SHOWN_FIELDS)
        .annotate(question_start=Substr(Subquery(question_start), 1, QUESTION_START))
    )
    names = frozenset(c.split(":", 1)[1] for c in source.concepts if c.startswith("medicine:"))
    ranked = []
    for thread in candidates:
        other = profile(
            title=thread.title,
            body=thread.question_start or "",
            category_slug=thread.category.slug,
            category_id=thread.category_id,
            medicine_names=names,
        )
        if not may_show_under(source, other):
            continue
        points = score(source, other)
        if points >= MIN_SCORE:
            ranked.append((-points, -thread.last_activity_at.timestamp(), thread.pk, thread))
    ranked.sort(key=lambda row: row[:3])
    return [row[3] for row in ranked[:limit]]
