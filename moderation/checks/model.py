"""The learned part of the checks: one logistic regression per label over shared n-grams.

``data/model.json`` holds, for every n-gram the training corpus used, its inverse document
frequency and one weight per label, plus each label's intercept and thresholds.  It is
written by ``manage.py moderation_train`` (``moderation/checks/training.py``) and read here
once per process.  The n-grams themselves are not kept, only a 64-bit hash of each
(``ngram_key``), sorted, with the rows in the same order: a worker holds 8 bytes an n-gram
instead of a Python string and a dict entry (32 MB for the whole model instead of 134,
measured by ``make bench-checks``).  Scoring is the same arithmetic scikit-learn does for
``TfidfVectorizer(sublinear_tf=True)`` followed by ``LogisticRegression``; a test holds the
two to the same numbers.
"""

from __future__ import annotations

import base64
import json
import math
import sys
import threading
from array import array
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from hashlib import blake2b
from itertools import accumulate
from pathlib import Path

from moderation.checks.features import ngrams, tokenised_sentences
from moderation.checks.text import Sentence, Unit

MODEL_PATH = Path(__file__).resolve().parent / "data" / "model.json"


def ngram_key(feat: str) -> int:
    """The 64-bit key the model file stores for an n-gram (training writes the same)."""
    data = feat.encode("utf-8", "surrogatepass")
    return int.from_bytes(blake2b(data, digest_size=8).digest(), "little")


# Keys are found through buckets on their top KEY_BUCKET_BITS bits: with 2**20 buckets and
# about 750,000 keys a look-up bisects one or two keys, not twenty.
KEY_BUCKET_BITS = 20
_KEY_SHIFT = 64 - KEY_BUCKET_BITS


@dataclass(frozen=True)
class Model:
    labels: tuple[str, ...]
    version: str
    # sorted n-gram keys (``ngram_key``); row r of ``table`` is the n-gram keys[r]'s
    # [idf, weight of label 0, weight of label 1, ...]
    keys: array
    table: array
    intercepts: tuple[float, ...]
    thresholds: dict[str, dict[str, float]]
    # label -> (coefficients over STACK_FEATURES, intercept): the post-level step
    stack: dict[str, tuple[tuple[float, ...], float]] = field(default_factory=dict)
    # bucket b's keys are keys[starts[b]:starts[b + 1]]
    starts: array = field(default_factory=lambda: array("I"))

    @classmethod
    def from_json(cls, data: dict) -> Model:
        """Read the model written by ``training.export`` (its "keys" and "table" are taken
        out of `data`).

        The keys are one base64 block of little-endian 64-bit integers and the numbers one
        of 32-bit floats, so a web worker holds a few tens of megabytes, not a Python
        object per number.
        """
        # The two big fields are taken out of `data` as they are read, so their text is
        # freed before the buckets are built.
        if "keys" not in data:
            raise ValueError(
                "model file: no n-gram keys (written before 2026-12-07?); "
                "run manage.py moderation_train to write it again"
            )
        table = array("f")
        table.frombytes(base64.b64decode(data.pop("table")))
        keys = array("Q")
        keys.frombytes(base64.b64decode(data.pop("keys")))
        if sys.byteorder != "little":
            table.byteswap()
            keys.byteswap()
        if len(table) != len(keys) * (len(data["labels"]) + 1):
            raise ValueError("model file: the table and the keys do not match")
        return cls(
            labels=tuple(data["labels"]),
            version=data["version"],
            keys=keys,
            table=table,
            intercepts=tuple(data["intercepts"]),
            thresholds=data["thresholds"],
            stack=_read_stack(data.get("stack") or {}),
            starts=_bucket_starts(keys),
        )

    @property
    def size(self) -> int:
        return len(self.keys)

    def row(self, feat: str) -> int | None:
        """The table row of an n-gram, or None if the model lacks it."""
        key = ngram_key(feat)
        bucket = key >> _KEY_SHIFT
        hi = self.starts[bucket + 1]
        at = bisect_left(self.keys, key, self.starts[bucket], hi)
        return at if at < hi and self.keys[at] == key else None

    def weight(self, feat: str, label: str) -> float | None:
        """The weight (times idf) one n-gram adds to a label, or None if the model lacks it."""
        row = self.row(feat)
        if row is None:
            return None
        stride = len(self.labels) + 1
        return self.table[row * stride] * self.table[row * stride + 1 + self.labels.index(label)]

    def raw_scores(self, feats: list[str]) -> list[float]:
        """Decision values (before the sigmoid) of every label for one unit's n-grams."""
        return self._raw(feats)[0]

    def _raw(self, feats: list[str], rows: dict[str, int] | None = None) -> tuple[list[float], int]:
        """Decision values of every label, and how many of the n-grams the model knows.

        `rows` remembers n-grams already looked up (-1: unknown) across the units of one
        post: a sentence's n-grams come again in the pairs it is part of.
        """
        keys = self.keys
        starts = self.starts
        table = self.table
        if rows is None:
            rows = {}
        n = len(self.intercepts)
        stride = n + 1
        total = [0.0] * n
        norm = 0.0
        known = 0
        for feat, count in Counter(feats).items():
            row = rows.get(feat)
            if row is None:
                # Model.row, inlined: this loop is most of the time a post takes.
                key = ngram_key(feat)
                bucket = key >> _KEY_SHIFT
                hi = starts[bucket + 1]
                row = bisect_left(keys, key, starts[bucket], hi)
                if row == hi or keys[row] != key:
                    row = -1
                rows[feat] = row
            if row < 0:
                continue
            known += 1
            at = row * stride
            value = (1.0 + math.log(count)) * table[at]
            norm += value * value
            for i in range(n):
                total[i] += value * table[at + 1 + i]
        scale = 1.0 / math.sqrt(norm) if norm else 0.0
        return [b + t * scale for b, t in zip(self.intercepts, total, strict=True)], known

    def evidence(
        self, sentences: list[Sentence], kind: str, extra_medicines=frozenset()
    ) -> PostEvidence:
        """Every unit (a sentence, or two) scored; what the post-level step reads.

        Each sentence is tokenised once; a pair's tokens are the two lists joined, which is
        what tokenising the joined text gives.
        """
        n = len(self.labels)
        top = [[_FLOOR, _FLOOR] for _ in range(n)]
        best_unit: list[Unit | None] = [None] * n
        best_known = [0] * n
        rows: dict[str, int] = {}
        previous: tuple[Sentence, list[str]] | None = None
        every_tok: list[str] = []
        for sent, toks in tokenised_sentences(sentences, extra_medicines):
            every_tok.extend(toks)
            candidates = [(Unit(sent.start, sent.end, sent.text), toks)]
            if previous is not None and previous[0].end <= sent.start:
                prev, prev_toks = previous
                candidates.append(
                    (Unit(prev.start, sent.end, prev.text + " " + sent.text), prev_toks + toks)
                )
            for unit, unit_toks in candidates:
                raw, known = self._raw(ngrams(unit_toks, kind), rows)
                for i, z in enumerate(raw):
                    z = min(max(z, _FLOOR), -_FLOOR)
                    pair = top[i]
                    if best_unit[i] is None or z > pair[0]:
                        pair[0], pair[1] = z, pair[0]
                        best_unit[i] = unit
                        best_known[i] = known
                    elif z > pair[1]:
                        pair[1] = z
            previous = (sent, toks)
        # The whole post as one unit (WHOLE_POST_LABELS); its n-grams within a sentence
        # were looked up already, so only those spanning two sentences are new.
        whole = self._raw(ngrams(every_tok, kind), rows)[0] if every_tok else [_FLOOR] * n
        return PostEvidence(
            kind=kind,
            top=[tuple(t) for t in top],
            units=best_unit,
            known=best_known,
            whole=[min(max(z, _FLOOR), -_FLOOR) for z in whole],
        )

    def post_features(self, ev: PostEvidence, i: int) -> list[float]:
        """The post-level step's inputs for label ``i`` (names in ``STACK_FEATURES``)."""
        return [
            ev.top[i][0],
            ev.top[i][1],
            1.0 if ev.kind == "question" else 0.0,
            math.log1p(ev.known[i]),
            ev.whole[i] if self.labels[i] in WHOLE_POST_LABELS else 0.0,
        ]

    def post_logit(self, ev: PostEvidence, i: int) -> float:
        """The post's logit for label ``i``: the post-level step's; where a finding only
        tells the author something, never below the best unit's own
        (``never_below_best_unit``)."""
        label = self.labels[i]
        stack = self.stack.get(label)
        if stack is None:
            return ev.top[i][0]
        return stacked_logit(label, stack, self.post_features(ev, i))

    def best_units(
        self, sentences: list[Sentence], kind: str, extra_medicines=frozenset()
    ) -> dict[str, tuple[float, Unit | None]]:
        """For each label, the post's probability and the unit that scored highest.

        The probability is ``post_logit``'s: the best unit's, raised by the post-level step
        where the rest of the post bears it out.
        """
        ev = self.evidence(sentences, kind, extra_medicines)
        out: dict[str, tuple[float, Unit | None]] = {}
        for i, label in enumerate(self.labels):
            unit = ev.units[i]
            if unit is None:
                out[label] = (0.0, None)
                continue
            out[label] = (_sigmoid(self.post_logit(ev, i)), unit)
        return out


# Where a finding only tells the author something (crisis resources, the call-now banner,
# the prescriber notice on a question), the post-level step may raise a post above its
# best unit but never lower it: such a finding costs little and a miss may cost a great
# deal, and the step learnt from a corpus whose positives mostly have several sentences,
# so alone it would talk "bleeding heavily with clots right now" or "Should I stop my
# heparin injections?" out of a short post.  Where a finding can hold a reply, the step
# decides, since it holds fewer posts by mistake.
NEVER_BELOW_BEST_UNIT = frozenset({"crisis", "urgent_symptom"})


def never_below_best_unit(label: str, kind: str) -> bool:
    return label in NEVER_BELOW_BEST_UNIT or (label == "prescription_change" and kind == "question")


def stacked_logit(
    label: str, stack: tuple[tuple[float, ...], float], features: list[float]
) -> float:
    """The post-level step over ``Model.post_features`` (best unit first, question third),
    held at the best unit where ``never_below_best_unit`` says so.  Training uses it too."""
    coef, intercept = stack
    stacked = intercept + sum(c * x for c, x in zip(coef, features, strict=True))
    kind = "question" if features[2] else "reply"
    return max(features[0], stacked) if never_below_best_unit(label, kind) else stacked


def cut_off_name(kind: str, level: str) -> str:
    """A cut-off's key in a label's thresholds: the level for replies ("review"), and for a
    question's own cut-off, where training chose one, "question review"
    (``training.OWN_QUESTION_CUTOFFS``)."""
    return level if kind == "reply" else f"{kind} {level}"


def _read_stack(stack: dict) -> dict[str, tuple[tuple[float, ...], float]]:
    out = {}
    for label, row in stack.items():
        if len(row["coef"]) != len(STACK_FEATURES):
            raise ValueError(
                f"model file: the post-level step for {label} reads {len(row['coef'])} inputs, "
                f"this code gives it {len(STACK_FEATURES)}; run manage.py moderation_train "
                "to write it again"
            )
        out[label] = (tuple(row["coef"]), float(row["intercept"]))
    return out


def _bucket_starts(keys: array) -> array:
    """Where each bucket of the sorted keys begins (one more entry than buckets)."""
    counts = [0] * (1 << KEY_BUCKET_BITS)
    previous = -1
    for key in keys:
        if key <= previous:
            raise ValueError("model file: the n-gram keys are not sorted and distinct")
        previous = key
        counts[key >> _KEY_SHIFT] += 1
    return array("I", accumulate(counts, initial=0))


# Unit logits are clipped to [_FLOOR, -_FLOOR]; a post with one sentence has no second best.
_FLOOR = -15.0
# No count of sentences or of leaning units is an input: on the corpus such counts help,
# but they teach the step that one strong sentence in a long story is a fluke, and a
# question in the last line of a long story is the case this forum exists for.  Nor are
# the other labels' scores: labels are independent, and a corpus where posts seldom carry
# two taught the step that a clear medicine question makes heavy bleeding less urgent.
STACK_FEATURES = (
    "best unit",
    "second unit",
    "question",
    "log(1 + known n-grams in best unit)",
    "the whole post read as one unit (promotion and crisis only)",
)
# The whole post as one unit: the unit model's weights summed over every n-gram of the
# post, normalised like a unit's.  A business's own page says "our sonographers", "we
# are ... Ltd", "my clients", prices and terms across many sentences, none of them an
# advert alone; a crisis post is dark in many sentences, a passing idiom in one.  On the
# corpus's held-out files it raised average precision for promotion .975 -> .982 and
# crisis .931 -> .955, and on 451 real posts (the twentieth and twenty-first sets, read to
# choose it) promotion went 31 / 10 / 27 -> 33 / 6 / 25 and crisis 12 / 11 / 1 -> 12 / 8 /
# 1.  Prescription questions sit in one sentence of a long story, and there it found two
# fewer of 48 real ones; urgent symptoms did not move.  So those two labels do not read it.
WHOLE_POST_LABELS = frozenset({"promotion", "crisis"})


@dataclass
class PostEvidence:
    kind: str
    top: list[tuple[float, float]]  # per label: best and second-best unit logits
    units: list[Unit | None]  # per label: the best unit
    known: list[int]  # per label: n-grams of the best unit the model knows
    whole: list[float]  # per label: the logit of the whole post read as one unit


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


_LOCK = threading.Lock()
_MODEL: Model | None = None


def load_model(path: Path = MODEL_PATH) -> Model:
    """The committed model, read once per process."""
    global _MODEL
    if path != MODEL_PATH:
        return Model.from_json(json.loads(path.read_text(encoding="utf-8")))
    if _MODEL is None:
        with _LOCK:
            if _MODEL is None:
                _MODEL = Model.from_json(json.loads(MODEL_PATH.read_text(encoding="utf-8")))
    return _MODEL


def reset_model_cache() -> None:
    """Forget the loaded model (after training writes a new one)."""
    global _MODEL
    with _LOCK:
        _MODEL = None
