"""prescription_change: asking whether to stop, start, skip, switch, taper or change a
prescribed medicine, or advising someone to do so without their prescriber.

Learned (the model in ``model.py``), because the ways people ask are endless: "would you
carry on?", "I'll probably stop, will that be ok?", "if no clotting problem was found you
may be able to stop".  Admin-added change phrases are the exact part.

Cost decides the level.  A question that may be a prescription question costs its asker
nothing to mark (she is pointed to her prescriber), so it is marked at a low threshold.
A reply is held only when the model is confident; a middle band goes to the queue for a
look while the reply stays up.
"""

from __future__ import annotations

from moderation.checks.base import Finding
from moderation.checks.scoring import Scored, find_phrase, rule_finding

LABEL = "prescription_change"
REASON_QUESTION = "Prescription question: check the notice fits"
REASON_REPLY = "May advise changing a prescribed medicine"


def check(scored: Scored) -> Finding | None:
    reply = scored.kind == "reply"
    match = find_phrase(scored, scored.vocab.change_phrases)
    if match is not None:
        level = "hold" if reply else "notice"
        return rule_finding(scored, LABEL, level, match, "admin-phrase", "Uses the change phrase")
    score = scored.score(LABEL)
    if not reply:
        if score >= scored.threshold(LABEL, "notice"):
            return scored.model_finding(LABEL, "notice", REASON_QUESTION)
        return None
    if score >= scored.threshold(LABEL, "hold"):
        return scored.model_finding(LABEL, "hold", REASON_REPLY)
    if score >= scored.threshold(LABEL, "review"):
        return scored.model_finding(LABEL, "review", REASON_REPLY)
    return None
