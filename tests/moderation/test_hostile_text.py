"""Text built to make the checks slow must not stall a worker.

Two kinds of proof.  First, fixed inputs that took seconds to hours with earlier
expressions (exponential filler, quadratic sentence ends) run in a child process under a
generous cap.  Second, hypothesis builds hostile texts from pieces that expressions
trip on (repeated fillers, punctuation runs, digits and separators, "at" and "dot",
nested quotes) and checks that eight times the text costs the checks less than twenty
times the work (CPU time, best of three): linear code costs about eight times,
quadratic code sixty-four.
"""

import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moderation.checks.contact_info import mask_contact_info
from moderation.checks.run import check_post

HOSTILE = {
    "repeated filler before a change verb": '"x " * 40 + "q stop clomid"',
    "a long run of exclamation marks": '"!" * 19999 + "x"',
    "a long run of full stops": '"." * 19999 + "x"',
    "filler with exclamation marks": '"just! " * 3000 + "stop it?"',
    "digits and dashes": '"0-" * 9000 + "x"',
    "spelled e-mail pieces": '"a at b dot " * 1500 + "com"',
    "nested quotes": '"> " * 9000 + "stop the heparin"',
}


@pytest.mark.parametrize("expression", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_text_is_checked_in_bounded_time(expression):
    code = (
        "from moderation.checks.run import check_post\n"
        "from moderation.checks.contact_info import mask_contact_info\n"
        f"check_post({expression})\n"
        f'check_post({expression}.upper(), "question")\n'
        f"mask_contact_info({expression})\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=30)


PIECES = st.sampled_from(
    [
        "x ",
        "just ",
        "! ",
        "!",
        ".",
        "?",
        " ",
        "\n",
        "> ",
        "0",
        "7",
        "-",
        "(",
        ")",
        "+44 ",
        " at ",
        " dot ",
        "@",
        "a",
        "Road ",
        "12 ",
        "stop ",
        "heparin ",
        "should i ",
        "kill myself ",
        "not ",
        "\u2019",
    ]
)


def _cost(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        check_post(text, "question")
        mask_contact_info(text)
        best = min(best, time.process_time() - start)
    return best


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
@given(unit=st.lists(PIECES, min_size=1, max_size=12).map("".join))
def test_the_checks_cost_grows_linearly_with_hostile_text(unit):
    check_post("warm up the model", "reply")
    small = unit * max(1, 1200 // len(unit))
    large = small * 8
    small_cost = max(_cost(small), 0.002)  # below 2 ms the clock's grain would dominate
    assert _cost(large) < 20 * small_cost, f"hostile unit {unit!r}"


# Families found by trying as an attacker after the first fixes: each was quadratic
# (or near it) somewhere below the regular expressions.  "? " * 10,000 took 2.4 s (short
# sentences joined one by one into an ever longer unit), a 20,000-letter word 0.26 s (every
# one-letter deletion of it compared with the medicine names), "0770 090 " * 2,000 1.2 s
# (each phone candidate compared with every span found before), and "](" * 10,000 in a
# search snippet 0.13 s (each "](" read on to the end of the text).
FAMILIES = {
    "question marks": "? ",
    "short exclamations": "Ok! ",
    "one long word": "a",
    "phone-shaped numbers": "0770 090 ",
    "seven digits": "1234567 ",
    "link brackets": "](",
    "spelled at with bracketed dots": "x at [dot] ",
    "toll-free prefixes": "1-800-",
}


def _family_cost(text: str) -> float:
    from forum.search import snippet

    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        check_post(text, "question")
        mask_contact_info(text)
        snippet(text, ["dot", "a"])
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize("piece", FAMILIES.values(), ids=FAMILIES.keys())
def test_crafted_families_cost_grows_linearly_up_to_a_full_post(piece):
    check_post("warm up the model", "reply")
    large = piece * (20_000 // len(piece))
    small = large[: len(large) // 8]
    small_cost = max(_family_cost(small), 0.002)
    assert _family_cost(large) < 20 * small_cost, f"{piece!r}: 20,000 characters"


def test_a_post_longer_than_the_scoring_budget_is_still_read_at_its_end():
    story = "We had our scan today and everything looked fine. " * 1200
    found = check_post(story + "\n\nShould I stop my clexane injections now?", "question")
    assert "prescription_change" in found
