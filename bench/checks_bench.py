"""Benchmark: the automatic checks on one core.  Not a test.

    .venv/bin/python bench/checks_bench.py [--cases FILE.jsonl ...]

Prints one JSON object:
- ``load_seconds``: a fresh process importing the checks and reading the model and the
  medicine names (what a web worker pays once), best of three;
- ``memory_added_mb``: that process's peak resident memory minus a bare interpreter's;
- ``per_post_ms``: p50, p99 and max over every post of the case files (default: the
  committed corpus, plus the real development set in ``devdata/real/`` if present),
  all checks together (``check_post``), each post once;
- ``hostile_worst_ms``: the slowest of the crafted hostile texts (up to 20,000 characters
  each), all checks together;
- ``hostile_worst_ms_per_check``: for each part, its slowest crafted text and the time
  (best of three): cutting and scoring the sentences (what the model checks share), each
  label's own check on the scored post, the contact rule, masking as readers see it, and a
  search snippet (masking and highlighting).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from moderation.checks import contact_info  # noqa: E402
from moderation.checks.run import MODEL_CHECKS, check_post, score  # noqa: E402
from moderation.evaluation import load_cases  # noqa: E402

LOAD = (
    "import resource, time\n"
    "t = time.perf_counter()\n"
    "from moderation.checks.run import check_post\n"
    "check_post('warm', 'reply')\n"
    "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
)
BARE = "import resource; print(0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
HOSTILE = [
    "x " * 10_000,
    "!" * 19_999 + "x",
    "just! " * 3_300,
    "0-" * 10_000,
    "a at b dot " * 1_800,
    "> " * 10_000,
    "should i stop the heparin " * 770,
    "07700 900" * 2_200,
    "? " * 10_000,
    "Ok! " * 5_000,
    "a" * 20_000,
    "0770 090 " * 2_222,
    "1234567 " * 2_500,
    "](" * 10_000,
    "x at [dot] " * 1_800,
    "> " * 50 + "stop heparin\n" * 300,
    "İstanbul ﬁ ß 😀 " * 1_250,
]


def _best_of_three(call) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - start)
    return best * 1000


_mask = contact_info.mask_contact_info


def _per_check(texts: list[str]) -> dict:
    """Each part's slowest crafted text: {"part": {"ms": ..., "text": "first 24 chars"}}."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from forum.search import snippet  # after setup(): it loads the forum's models

    worst: dict[str, tuple[float, str]] = {}

    def note(part: str, ms: float, text: str) -> None:
        if ms > worst.get(part, (-1.0, ""))[0]:
            worst[part] = (ms, text)

    for text in texts:
        scored = score(text, "question")
        note("split_and_score", _best_of_three(lambda t=text: score(t, "question")), text)
        for label, check in MODEL_CHECKS.items():
            note(label, _best_of_three(lambda c=check, s=scored: c(s)), text)
        note("contact_info", _best_of_three(lambda t=text: contact_info.check(t)), text)
        note("mask_contact_info", _best_of_three(lambda t=text: _mask(t)), text)
        note("search_snippet", _best_of_three(lambda t=text: snippet(t, ["dot", "a"])), text)
    return {
        part: {"ms": round(ms, 1), "text": repr(text[:24]) + f" ({len(text)} chars)"}
        for part, (ms, text) in worst.items()
    }


def _child(code: str) -> tuple[float, float]:
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.split()
    return float(out[0]), float(out[1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", nargs="*", help="JSONL case files")
    args = parser.parse_args()
    paths = (
        [Path(p) for p in args.cases]
        if args.cases
        else sorted((ROOT / "moderation" / "corpus").glob("*.jsonl"))
    )
    real = ROOT / "devdata" / "real" / "real.jsonl"
    if not args.cases and real.exists():
        paths.append(real)
    cases = [c for p in paths for c in load_cases(p)]

    loads = [_child(LOAD) for _ in range(3)]
    bare = min(_child(BARE)[1] for _ in range(3))
    check_post("warm up", "reply")
    times = []
    for case in cases:
        start = time.perf_counter()
        check_post(case.text, case.kind)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    hostile = []
    for text in HOSTILE:
        start = time.perf_counter()
        check_post(text, "question")
        hostile.append((time.perf_counter() - start) * 1000)
    print(
        json.dumps(
            {
                "posts": len(times),
                "mean_words": round(statistics.mean(len(c.text.split()) for c in cases), 1),
                "load_seconds": round(min(t for t, _ in loads), 3),
                "memory_added_mb": round(min(m for _, m in loads) - bare, 1),
                "per_post_ms": {
                    "p50": round(times[len(times) // 2], 2),
                    "p99": round(times[min(len(times) - 1, int(len(times) * 0.99))], 2),
                    "max": round(times[-1], 2),
                },
                "hostile_worst_ms": round(max(hostile), 1),
                "hostile_worst_ms_per_check": _per_check(HOSTILE),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
