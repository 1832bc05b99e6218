"""Score the checks against labelled cases.  Pure Python, no Django.

Case format: ``../shared/moderation-cases/README.md``: one JSON object per line with
``id``, ``kind`` ("question" has a ``title``), ``body`` and ``labels`` (label -> bool).
A label a file does not give counts as false (the README: older files predate
``urgent_symptom``).  A post counts as flagged for a label when its check returns a
finding at any level (a notice, the queue or a hold).

Precision when nothing was flagged (tp + fp == 0) is reported as 1.0 (no false alarms
were raised); recall when there were no positives (tp + fn == 0) is 1.0 likewise.  Both
are rounded to 3 places.

For sets of real posts (``docs/real-sets.md``) the figures can be broken down
(``breakdown``): by kind of post, by half (``half``: sha256 of the id, even is "A", the
half read for its errors; odd is "B", only measured) and by whether the labeller marked
the post ``borderline``.  ``agreement`` compares two labellers of the same posts.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from moderation.checks.base import EMPTY, LABELS, Vocabulary
from moderation.checks.run import check_post, explain


class CaseError(ValueError):
    """A case file that cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    kind: str = "reply"
    labels: Mapping[str, bool] = field(default_factory=dict)
    borderline: bool = False


def case_text(obj: Mapping) -> str:
    """The text the forum checks: title + blank line + body for a question."""
    body = obj.get("body") or ""
    title = obj.get("title") or ""
    if obj.get("kind") == "question" or title:
        return f"{title}\n\n{body}" if title else body
    return body


def load_cases(path: str | Path, *, need_text: bool = True) -> list[Case]:
    """Cases from one JSONL file.  ``need_text=False`` reads a file of labels alone (a
    second labeller's: ``id``, ``labels``)."""
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise CaseError(f"{p}: file not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise CaseError(f"{p}: cannot read ({exc})") from exc
    cases = []
    for lineno, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CaseError(f"{p}, line {lineno}: not valid JSON ({exc.msg})") from exc
        if not isinstance(obj, dict):
            raise CaseError(f"{p}, line {lineno}: expected a JSON object")
        if need_text and not isinstance(obj.get("body"), str):
            raise CaseError(f'{p}, line {lineno}: missing or non-text "body"')
        labels = obj.get("labels")
        if not isinstance(labels, dict):
            raise CaseError(f'{p}, line {lineno}: missing "labels" object')
        kind = "question" if obj.get("kind") == "question" or obj.get("title") else "reply"
        cases.append(
            Case(
                id=str(obj.get("id", f"line-{lineno}")),
                text=case_text(obj),
                kind=kind,
                labels={k: bool(v) for k, v in labels.items()},
                borderline=bool(obj.get("borderline")),
            )
        )
    return cases


def load_case_paths(paths: Iterable[str | Path], *, need_text: bool = True) -> list[Case]:
    """Cases from files and folders (a folder: its ``*.jsonl`` files, by name); an id met
    twice is an error, since breakdowns and agreement go by id."""
    cases: list[Case] = []
    for path in paths:
        p = Path(path)
        if p.is_dir():
            files = sorted(p.glob("*.jsonl"))
            if not files:
                raise CaseError(f"{p}: no .jsonl files in this folder")
        else:
            files = [p]
        for file in files:
            cases.extend(load_cases(file, need_text=need_text))
    seen: set[str] = set()
    for case in cases:
        if case.id in seen:
            raise CaseError(f'the id "{case.id}" is used by two cases')
        seen.add(case.id)
    return cases


def half(case_id: str) -> str:
    """ "A" or "B", fixed by the id: the sha256 of the id, even or odd."""
    return "AB"[int(hashlib.sha256(case_id.encode("utf-8")).hexdigest(), 16) % 2]


BREAKDOWNS: dict[str, dict[str, Callable[[Case], bool]]] = {
    "kind": {
        "questions": lambda c: c.kind == "question",
        "replies": lambda c: c.kind == "reply",
    },
    "half": {"half A": lambda c: half(c.id) == "A", "half B": lambda c: half(c.id) == "B"},
    "borderline": {
        "borderline": lambda c: c.borderline,
        "not borderline": lambda c: not c.borderline,
    },
}


def _ratio(num: int, den: int) -> float:
    return round(num / den, 3) if den else 1.0


def evaluate(
    cases: Iterable[Case],
    vocab: Vocabulary = EMPTY,
    *,
    labels: Iterable[str] = LABELS,
    with_errors: bool = False,
) -> dict:
    """Per label: tp, fp, fn, precision, recall (and, if asked, the ids of errors)."""
    cases = list(cases)
    return _figures(cases, _flagged(cases, vocab), tuple(labels), with_errors)


def breakdown(
    cases: Iterable[Case],
    by: Iterable[str],
    vocab: Vocabulary = EMPTY,
    *,
    labels: Iterable[str] = LABELS,
) -> dict:
    """``{"all": figures, group: figures, ...}`` for each breakdown named in ``by``
    (``BREAKDOWNS``); every post is checked once."""
    cases = list(cases)
    labels = tuple(labels)
    flagged = _flagged(cases, vocab)
    out = {"all": _figures(cases, flagged, labels)}
    for name in by:
        for group, member in BREAKDOWNS[name].items():
            idx = [i for i, c in enumerate(cases) if member(c)]
            out[group] = _figures([cases[i] for i in idx], [flagged[i] for i in idx], labels)
    return out


def _flagged(cases: list[Case], vocab: Vocabulary) -> list[frozenset[str]]:
    return [frozenset(check_post(c.text, c.kind, vocab)) for c in cases]


def _figures(
    cases: list[Case], flagged: list[frozenset[str]], labels: tuple[str, ...], with_errors=False
) -> dict:
    stats = {label: {"tp": 0, "fp": 0, "fn": 0} for label in labels}
    errors = {label: {"false_positives": [], "false_negatives": []} for label in labels}
    for case, found in zip(cases, flagged, strict=True):
        for label in labels:
            predicted = label in found
            actual = bool(case.labels.get(label, False))
            if predicted and actual:
                stats[label]["tp"] += 1
            elif predicted:
                stats[label]["fp"] += 1
                errors[label]["false_positives"].append(case.id)
            elif actual:
                stats[label]["fn"] += 1
                errors[label]["false_negatives"].append(case.id)
    result = {}
    for label, s in stats.items():
        result[label] = {
            **s,
            "precision": _ratio(s["tp"], s["tp"] + s["fp"]),
            "recall": _ratio(s["tp"], s["tp"] + s["fn"]),
        }
        if with_errors:
            result[label].update(errors[label])
    return result


def agreement(
    first: Iterable[Case], second: Iterable[Case], *, labels: Iterable[str] = LABELS
) -> dict:
    """Two labellers of the same posts, per label: each one's positives, Cohen's kappa, and
    the second scored against the first as if it were a check (tp, fp, fn, precision,
    recall): how far a careful reader's figures fall short of 1.0 on these posts."""
    by_id = {c.id: c for c in second}
    first = list(first)
    missing = [c.id for c in first if c.id not in by_id]
    if missing or len(by_id) != len(first):
        raise CaseError(
            f"the two files do not hold the same posts ({len(first)} and {len(by_id)}; "
            f"first missing from the second: {', '.join(missing[:5]) or '-'})"
        )
    # the second labeller's labels stand where a check's findings would
    figures = _figures(
        first,
        [frozenset(label for label, v in by_id[c.id].labels.items() if v) for c in first],
        tuple(labels),
    )
    n = len(first)
    out = {}
    for label, f in figures.items():
        first_n, second_n = f["tp"] + f["fn"], f["tp"] + f["fp"]
        observed = (n - f["fp"] - f["fn"]) / n if n else 1.0
        pa, pb = (first_n / n, second_n / n) if n else (0.0, 0.0)
        chance = pa * pb + (1 - pa) * (1 - pb)
        kappa = (observed - chance) / (1 - chance) if chance < 1 else 1.0
        out[label] = {"first": first_n, "second": second_n, "kappa": round(kappa, 3), **f}
    return out


def explain_case(case: Case, vocab: Vocabulary = EMPTY) -> str:
    """Human-readable lines: for every label, found or not, score, the words and the source."""
    lines = [f"{case.id} ({case.kind})"]
    for row in explain(case.text, case.kind, vocab):
        truth = case.labels.get(row["label"], False)
        mark = "FOUND" if row["found"] else "-"
        verdict = (
            ""
            if bool(row["found"]) == truth
            else ("  <- false positive" if row["found"] else "  <- missed")
        )
        level = f" {row['level']}" if row.get("level") else ""
        score = row.get("score")
        lines.append(
            f"  {row['label']:20} {mark}{level} score={score} via {row.get('source', '-')}{verdict}"
        )
        if row.get("sentence"):
            lines.append(f'    "{row["sentence"][:300]}"')
    return "\n".join(lines)
