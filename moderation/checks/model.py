"""The learned part of the checks: one logistic regression per label over shared n-grams.

``data/model.json`` holds, for every n-gram the training corpus used, its inverse document
frequency and one weight per label, plus each label's intercept and thresholds.  It is
written by ``manage.py moderation_train`` (``moderation/checks/training.py``) and read here
once per process.  Scoring is the same arithmetic scikit-learn does for
``TfidfVectorizer(sublinear_tf=True)`` followed by ``LogisticRegression``; a test holds the
two to the same numbers.
"""

from __future__ import annotations

import json
import math
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from moderation.checks.features import ngrams, tokens
from moderation.checks.text import Sentence, Unit

MODEL_PATH = Path(__file__).resolve().parent / "data" / "model.json"


@dataclass(frozen=True)
class Model:
    labels: tuple[str, ...]
    version: str
    idf: dict[str, float]
    weights: dict[str, tuple[float, ...]]
    intercepts: tuple[float, ...]
    thresholds: dict[str, dict[str, float]]

    @classmethod
    def from_json(cls, data: dict) -> Model:
        labels = tuple(data["labels"])
        idf: dict[str, float] = {}
        weights: dict[str, tuple[float, ...]] = {}
        for feat, row in data["features"].items():
            idf[feat] = row[0]
            weights[feat] = tuple(row[1:])
        return cls(
            labels=labels,
            version=data["version"],
            idf=idf,
            weights=weights,
            intercepts=tuple(data["intercepts"]),
            thresholds=data["thresholds"],
        )

    def raw_scores(self, feats: list[str]) -> list[float]:
        """Decision values (before the sigmoid) of every label for one unit's n-grams."""
        idf = self.idf
        weights = self.weights
        total = [0.0] * len(self.intercepts)
        norm = 0.0
        for feat, count in Counter(feats).items():
            f_idf = idf.get(feat)
            if f_idf is None:
                continue
            value = (1.0 + math.log(count)) * f_idf
            norm += value * value
            for i, w in enumerate(weights[feat]):
                total[i] += value * w
        scale = 1.0 / math.sqrt(norm) if norm else 0.0
        return [b + t * scale for b, t in zip(self.intercepts, total, strict=True)]

    def scores(self, text: str, kind: str, extra_medicines=frozenset()) -> dict[str, float]:
        """Probability of every label for one piece of text scored as a single unit."""
        raw = self.raw_scores(ngrams(tokens(text, extra_medicines), kind))
        return {label: _sigmoid(z) for label, z in zip(self.labels, raw, strict=True)}

    def best_units(
        self, sentences: list[Sentence], kind: str, extra_medicines=frozenset()
    ) -> dict[str, tuple[float, Unit | None]]:
        """For each label, the highest-scoring unit (a sentence, or two) and its probability.

        Each sentence is tokenised once; a pair's tokens are the two lists joined, which is
        what tokenising the joined text gives.
        """
        best: dict[str, tuple[float, Unit | None]] = dict.fromkeys(self.labels, (0.0, None))
        previous: tuple[Sentence, list[str]] | None = None
        for sent in sentences:
            toks = tokens(sent.text, extra_medicines)
            candidates = [(Unit(sent.start, sent.end, sent.text), toks)]
            if previous is not None and previous[0].end <= sent.start:
                prev, prev_toks = previous
                candidates.append(
                    (Unit(prev.start, sent.end, prev.text + " " + sent.text), prev_toks + toks)
                )
            for unit, unit_toks in candidates:
                raw = self.raw_scores(ngrams(unit_toks, kind))
                for label, z in zip(self.labels, raw, strict=True):
                    if z > best[label][0] or best[label][1] is None:
                        best[label] = (z, unit)
            previous = (sent, toks)
        return {
            label: (_sigmoid(z) if unit is not None else 0.0, unit)
            for label, (z, unit) in best.items()
        }


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
