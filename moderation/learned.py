"""A small learned backstop for the rule-based detectors.  Pure Python, no Django.

One logistic-regression model per label (prescription_change, promotion,
crisis) over cheap features: word unigrams and bigrams after light
normalisation (text-speak, numbers -> ``<num>``, medicine names -> ``<drug>``,
supplements -> ``<supp>``, "?" kept as a token) plus a few structural
features.  The weights and each label's threshold live in
``learned_weights.json`` next to this file and are written by
``manage.py moderation_train``; they are loaded once, lazily.

The rules stay first: ``detectors.py`` only asks the model when its rules
found nothing (see ``learned_finding``).
"""

from __future__ import annotations

import json
import math
import re
import threading
from functools import lru_cache
from pathlib import Path

from moderation import vocabulary as V

LABELS: tuple[str, ...] = ("prescription_change", "promotion", "crisis")
WEIGHTS_PATH = Path(__file__).resolve().parent / "learned_weights.json"

REASONS = {
    "prescription_change": "Reads like advice to change a prescribed medicine",
    "promotion": "Reads like advertising",
    "crisis": "May be at risk",
}

_TOKEN_RE = re.compile(r"[a-z][a-z0-9'-]*|\d+(?:[.,]\d+)?|\?")
_QUOTE_LINE_RE = re.compile(r"^[ \t]*>.*$", re.M)

# Text-speak and contractions without the apostrophe; the rules' table plus a few more.
_SPEAK: dict[str, str] = {k: v for k, v in V.TEXT_SPEAK.items() if " " not in k} | {
    "dnt": "don't",
    "dont": "don't",
    "u": "you",
    "ya": "you",
    "ur": "your",
    "wanna": "want to",
    "gonna": "going to",
    "gotta": "got to",
    "shud": "should",
    "shld": "should",
    "cud": "could",
    "wud": "would",
    "r": "are",
    "pls": "please",
    "plz": "please",
    "thx": "thanks",
    "tho": "though",
    "coz": "because",
    "cos": "because",
    "bc": "because",
    "abt": "about",
    "n": "and",
    "b4": "before",
    "im": "i'm",
    "id": "i'd",
    "ive": "i've",
}
_FIRST_PERSON = frozenset(
    ["i", "i'm", "i've", "i'd", "i'll", "me", "my", "mine", "myself", "we", "we're", "our", "us"]
)
_SECOND_PERSON = frozenset(
    ["you", "you're", "you've", "you'd", "you'll", "your", "yours", "yourself"]
)
_IMPERATIVES = frozenset(
    [
        "stop",
        "skip",
        "just",
        "don't",
        "dont",
        "take",
        "try",
        "ditch",
        "drop",
        "switch",
        "swap",
        "double",
        "halve",
        "cut",
        "come",
        "go",
        "ask",
        "get",
        "buy",
        "order",
        "message",
        "dm",
        "pm",
        "email",
        "call",
        "ring",
        "text",
        "contact",
        "book",
        "visit",
        "use",
        "check",
        "click",
        "follow",
        "join",
        "sign",
        "grab",
        "save",
    ]
)

_lock = threading.Lock()
_model: dict | None = None
_lexicon: tuple[frozenset[str], frozenset[str]] | None = None


def _medicine_lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """(medicine words, supplement words): single words only, lower case."""
    global _lexicon
    if _lexicon is None:
        from moderation import detectors  # late: detectors imports this module lazily too

        meds = {w for w in V.FERTILITY_MEDICINES | V.MEDICINE_SLANG if " " not in w}
        meds |= detectors._big_drug_names()
        supps = {w for w in V.SUPPLEMENTS if " " not in w}
        _lexicon = (frozenset(meds - supps), frozenset(supps))
    return _lexicon


def features(text: str) -> list[str]:
    """The feature names for ``text`` (duplicates removed, order stable)."""
    meds, supps = _medicine_lexicon()
    low = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    feats = []
    unquoted = _QUOTE_LINE_RE.sub(" ", low)
    if len(unquoted) != len(low) or unquoted != low:
        feats.append("__quote")
    raw = _TOKEN_RE.findall(unquoted)
    toks: list[str] = []
    n = len(raw)
    for i, t in enumerate(raw):
        c = t[0]
        if c.isdigit():
            # "2" between two words is "to" ("want 2 stop"), otherwise a number.
            if t == "2" and 0 < i < n - 1 and raw[i - 1][0].isalpha() and raw[i + 1][0].isalpha():
                toks.append("to")
            else:
                toks.append("<num>")
            continue
        t = t.strip("'-")
        if not t:
            continue
        s = _SPEAK.get(t)
        if s is not None:
            toks.extend(s.split())
        elif t in meds:
            toks.append("<drug>")
        elif t in supps:
            toks.append("<supp>")
        else:
            toks.append(t)
    if "?" in toks:
        feats.append("__q")
    if toks and toks[0] in _IMPERATIVES:
        feats.append("__imp")
    for t in toks:
        if t in _FIRST_PERSON:
            feats.append("__1p")
            break
    for t in toks:
        if t in _SECOND_PERSON:
            feats.append("__2p")
            break
    feats.extend(toks)
    feats.extend([a + " " + b for a, b in zip(toks, toks[1:], strict=False)])
    feats.append("__bias")
    return list(dict.fromkeys(feats))


def load() -> dict:
    """The model: {"weights": {label: {feature: w}}, "thresholds": {label: t}, ...}."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                try:
                    data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    data = {"weights": {}, "thresholds": {}}
                _model = data
    return _model


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def score(feats: list[str], weights: dict[str, float]) -> float:
    get = weights.get
    return _sigmoid(sum(get(f, 0.0) for f in feats))


@lru_cache(maxsize=256)
def _features_cached(text: str) -> tuple[str, ...]:
    return tuple(features(text))


def probability(label: str, text: str) -> float:
    """The model's probability that ``text`` carries ``label`` (0.0 with no weights)."""
    weights = load()["weights"].get(label)
    if not weights:
        return 0.0
    return score(_features_cached(text), weights)


def learned_finding(label: str, text: str):
    """A Finding when the model is confident enough, else None.  Rules are asked first."""
    model = load()
    t = model["thresholds"].get(label)
    if t is None or t >= 1.0:
        return None
    p = probability(label, text)
    if p < t:
        return None
    from moderation.detectors import Finding

    return Finding(label, f"{REASONS[label]} (learned check, {p:.2f})")
