"""Score the checks against labelled cases.  Pure Python, no Django.

Case format: ``../shared/moderation-cases/README.md``: one JSON object per line with
``id``, ``kind`` ("question" has a ``title``), ``body`` and ``labels`` (label -> bool).
A label a file does not give counts as false (the README: older files predate
``urgent_symptom``).  A post counts as flagged for a label when its check returns a
finding at any level (a notice, the queue or a hold).

Precision when nothing was flagged (tp + fp == 0) is reported as 1.0 (no false alarms
were raised); recall when there were no positives (tp + fn == 0) is 1.0 likewise.  Both
are rounded to 3 places.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
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


def case_text(obj: Mapping) -> str:
    """The text the forum checks: title + blank line + body for a question."""
    body = obj.get("body") or ""
    title = obj.get("title") or ""
    if obj.get("kind") == "question" or title:
        return f"{title}\n\n{body}" if title else body
    return body


def load_cases(path: str | Path) -> list[Case]:
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
        if not isinstance(obj.get("body"), str):
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
            )
        )
    return cases


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
    labels = tuple(labels)
    stats = {label: {"tp": 0, "fp": 0, "fn": 0} for label in labels}
    errors = {label: {"false_positives": [], "false_negatives": []} for label in labels}
    for case in cases:
        found = check_post(case.text, case.kind, vocab)
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
