"""urgent_symptom: a symptom happening now, not yet seen by a clinician, that needs a call
to the clinic, maternity triage or emergency services today.

Heavy bleeding or clots; severe or one-sided pain, shoulder-tip pain or fainting in early
pregnancy; OHSS signs after stimulation or collection; reduced or absent baby movements;
severe headache, vision changes or sudden swelling; fever or chills after a procedure or
in pregnancy; fluid leaking before 37 weeks; a painful swollen calf, chest pain or
breathlessness; vomiting with nothing kept down.

Learned, at a low threshold, and exact where the words are plain: a red flag named in a
sentence told as happening now, in a pregnancy or after a procedure (``red_flags.py``),
is a finding whatever the model scores.  The finding shows the author the numbers to call
and puts the post at the top of the queue; it never hides or delays the post.
"""

from __future__ import annotations

from moderation.checks import red_flags
from moderation.checks.base import Finding
from moderation.checks.scoring import Scored, rule_finding

LABEL = "urgent_symptom"
REASON = "Describes a symptom that needs a call today"


def check(scored: Scored) -> Finding | None:
    if scored.score(LABEL) >= scored.threshold(LABEL, "notice"):
        return scored.model_finding(LABEL, "notice", REASON)
    flag = red_flags.find(scored.folded, scored.sentences, scored.kind)
    if flag is not None:
        return rule_finding(
            scored, LABEL, "notice", (flag.start, flag.end), f"red-flag:{flag.name}", REASON
        )
    return None
