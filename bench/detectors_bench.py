"""Benchmark: posts per second for every detector together (detect_all) on one core.

Not a test.  Run from the repository root:

    .venv/bin/python bench/detectors_bench.py [--seconds 3] [--cases FILE.jsonl]

Prints one JSON object.  Posts come from the labelled case file when it
exists, otherwise from a built-in sample; each timed call gets a unique text
(a counter is appended) so the per-text preprocessing cache cannot help.
The general drug dictionary is loaded before timing starts (it is loaded once
per process, lazily, on first use) and its load time is reported separately.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from moderation import detectors  # noqa: E402
from moderation.evaluation import CaseError, load_cases  # noqa: E402

DEFAULT_CASES = ROOT.parent / "shared" / "moderation-cases" / "dev.jsonl"

SAMPLE = [
    "Should I stop the heparin now that I'm 12 weeks? My RE wants me on it till 36.",
    "Is it normal to get bruises the size of a 50p from Clexane? Any tips on technique?",
    "Call me on 07700 900418 for a free 15 minute consultation, I'm a fertility coach.",
    "Beta 455 on 14dp5dt, 1,130 on 16dp5dt. Is that good doubling? Too scared to hope.",
    "Everyone would be better off without me. I keep thinking about just ending it.",
    "Congrats on your BFP!! Sending all the sticky vibes x",
    "> Should I stop the pred before my scan?\n\nYes, get off it asap, steroids are poison.",
    "We're starting a free peer support group at 22 Fenwick Grove, partners welcome.",
]


def _pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        try:
            cpu = min(os.sched_getaffinity(0))
            os.sched_setaffinity(0, {cpu})
            return f"cpu{cpu}"
        except OSError:
            pass
    return "unpinned"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=3.0, help="how long to run (default 3)")
    ap.add_argument("--cases", type=Path, default=DEFAULT_CASES, help="JSONL case file")
    args = ap.parse_args(argv)

    source = "built-in sample"
    texts = SAMPLE
    if args.cases.exists():
        try:
            texts = [c.text for c in load_cases(args.cases)]
            source = str(args.cases)
        except CaseError as exc:
            print(f"warning: {exc}; using the built-in sample", file=sys.stderr)

    pinned = _pin_to_one_core()

    t0 = time.perf_counter()
    detectors._big_drug_names()
    dict_load_s = time.perf_counter() - t0
    for t in texts:  # warm regex caches
        detectors.detect_all(t)

    n = 0
    fired = 0
    latencies: list[float] = []
    deadline = time.perf_counter() + args.seconds
    start = time.perf_counter()
    cpu_start = time.process_time()
    best_pass = None  # least CPU time for one pass over the corpus: robust on a busy machine
    while time.perf_counter() < deadline:
        pass_cpu = time.process_time()
        for t in texts:
            unique = f"{t} {n}"
            a = time.perf_counter()
            fired += len(detectors.detect_all(unique))
            latencies.append(time.perf_counter() - a)
            n += 1
        pass_cpu = time.process_time() - pass_cpu
        if pass_cpu > 0 and (best_pass is None or pass_cpu < best_pass):
            best_pass = pass_cpu
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    latencies.sort()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None

    print(
        json.dumps(
            {
                "posts": n,
                "seconds": round(elapsed, 3),
                "cpu_seconds": round(cpu, 3),
                # posts per second of CPU time on one core: the figure to compare with the
                # 5,000/s target (wall-clock numbers below suffer when the machine is busy)
                "posts_per_second": round(n / cpu) if cpu else None,
                # the same from the fastest single pass: least disturbed by other processes
                "posts_per_second_best_pass": round(len(texts) / best_pass) if best_pass else None,
                "posts_per_wall_second": round(n / elapsed),
                "load_average_1m": round(load, 2) if load is not None else None,
                "mean_ms": round(1000 * sum(latencies) / len(latencies), 4),
                "p99_ms": round(1000 * latencies[int(0.99 * (len(latencies) - 1))], 4),
                "max_ms": round(1000 * latencies[-1], 4),
                "labels_fired": fired,
                "drug_dictionary_load_s": round(dict_load_s, 3),
                "drug_dictionary_names": len(detectors._big_drug_names()),
                "corpus": source,
                "distinct_posts": len(texts),
                "cpu": pinned,
                "python": platform.python_version(),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
