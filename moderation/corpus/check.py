"""Check corpus batch files: `python moderation/corpus/check.py FILE.jsonl [...]`.

Each line is one post in the format of the moderation-cases README, plus an
``evidence`` object: for every label that is true, a list of the exact
sentences (verbatim substrings of the title or body) that make it true.
Prints the counts per label and every problem found; exits 1 on a problem.
"""

from __future__ import annotations

import json
import sys
from collections import Counter

LABELS = ("prescription_change", "contact_info", "promotion", "crisis", "urgent_symptom")


def problems_in(post: dict) -> list[str]:
    out = []
    if post.get("kind") not in ("question", "reply"):
        out.append("kind must be question or reply")
    if post.get("kind") == "question" and not str(post.get("title", "")).strip():
        out.append("a question needs a title")
    if post.get("kind") == "reply" and "title" in post:
        out.append("a reply has no title")
    if not str(post.get("body", "")).strip():
        out.append("empty body")
    labels = post.get("labels")
    if not isinstance(labels, dict) or set(labels) != set(LABELS):
        out.append(f"labels must have exactly {LABELS}")
        return out
    if not all(isinstance(v, bool) for v in labels.values()):
        out.append("labels must be true/false")
    text = post.get("title", "") + "\n\n" + post.get("body", "")
    evidence = post.get("evidence") or {}
    for label, value in labels.items():
        quotes = evidence.get(label) or []
        if value and not quotes:
            out.append(f"{label} is true but has no evidence")
        if not value and quotes:
            out.append(f"{label} is false but has evidence")
        for q in quotes:
            if not q.strip() or q not in text:
                out.append(f"{label} evidence is not verbatim in the post: {q[:60]!r}")
    if post.get("hard_negative") and any(labels.values()) and not post.get("hard_negative_for"):
        pass
    return out


def main(paths: list[str]) -> int:
    counts: Counter[str] = Counter()
    ids: set[str] = set()
    bad = 0
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    post = json.loads(line)
                except json.JSONDecodeError as exc:
                    print(f"{path}:{n}: not JSON: {exc}")
                    bad += 1
                    continue
                found = problems_in(post)
                pid = post.get("id")
                if not pid or pid in ids:
                    found.append(f"missing or repeated id {pid!r}")
                ids.add(pid)
                for p in found:
                    print(f"{path}:{n} ({pid}): {p}")
                bad += bool(found)
                counts["posts"] += 1
                counts[post.get("kind", "?")] += 1
                labels = post.get("labels") or {}
                for label in LABELS:
                    if labels.get(label):
                        counts[label] += 1
                for label in post.get("hard_negative_for") or []:
                    counts[f"hard negative: {label}"] += 1
                if not any(labels.values()):
                    counts["no label"] += 1
                counts["words"] += len((post.get("title", "") + " " + post.get("body", "")).split())
    for key, value in sorted(counts.items()):
        print(f"{key:40} {value}")
    if counts["posts"]:
        print(f"{'mean words a post':40} {counts['words'] / counts['posts']:.0f}")
    print("OK" if not bad else f"{bad} posts with problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
