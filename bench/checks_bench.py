"""Benchmark: the automatic checks on one core.  Not a test.

    .venv/bin/python bench/checks_bench.py [--cases FILE.jsonl ...]

Prints one JSON object:
- ``load_seconds``: a fresh process importing the checks and reading the model and the
  medicine names (what a web worker pays once), best of three;
- ``memory_added_mb``: that process's peak resident memory minus a bare interpreter's;
- ``per_post_ms``: p50, p99 and max over every post of the case files (default: the
  committed corpus, plus the real development set in ``devdata/real/`` if present),
  all checks together (``check_post``), each post once;
- ``hostile_worst_ms``: the slowest of the crafted hostile texts (20,000 characters each).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from moderation.checks.run import check_post  # noqa: E402
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
]


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
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
