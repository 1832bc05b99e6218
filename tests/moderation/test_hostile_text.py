"""Text built to make regular expressions backtrack must not stall a worker.

Each case below took seconds to hours with the old patterns (exponential filler, quadratic
sentence ends). A generous wall-clock cap in a child process catches a return of either
without timing normal work: linear code finishes these in well under a second.
"""

import subprocess
import sys

import pytest

HOSTILE = {
    "repeated filler before a change verb": '"x " * 40 + "q stop clomid"',
    "a long run of exclamation marks": '"!" * 19999 + "x"',
    "a long run of full stops": '"." * 19999 + "x"',
    "filler with exclamation marks": '"just! " * 5000 + "stop it?"',
}


@pytest.mark.parametrize("expression", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_text_is_checked_in_bounded_time(expression):
    code = (
        "from moderation.detectors import detect_all\n"
        f"detect_all({expression})\n"
        f"detect_all({expression}.upper())\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=20)
