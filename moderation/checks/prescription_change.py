"""prescription_change: asking whether to stop, start, skip, switch, taper or change a
prescribed medicine, or advising someone to do so without their prescriber.

Learned (the model in ``model.py``), because the ways people ask are endless: "would you
carry on?", "I'll probably stop, will that be ok?", "if no clotting problem was found you
may be able to stop".  Admin-added change phrases are the exact part.

Cost decides the level.  A question that may be a prescription question costs its asker
nothing to mark (she is pointed to her prescriber), so it is marked at a low threshold.
A reply is held only when the model is confident; a middle band goes to the queue for a
look while the reply stays up.

A question that names no medicine, by name, by a word for one ("the injections", "my
tablets", "the dose") or by a dose's number ("I'm on 100"), is not marked whatever the
model scores: it reads "should I stop trying?" and "would you skip the baby shower?" as
asking whether to stop something (.999), and on two sets of real posts (read, never
trained on) it marked questions about periods, clinics' databases and books.  Of the
1,076 written prescription questions, the one that names none asks whether to "come off
everything" at a positive test.  Replies are not held to it: they say "stop it" and "I
came off mine" of the medicine the thread is about.
"""

from __future__ import annotations

from moderation.checks.base import Finding
from moderation.checks.features import names_a_medicine
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
        if score < scored.threshold(LABEL, "notice"):
            return None
        if not names_a_medicine(scored.sentences, scored.vocab.medicines):
            return None
        return scored.model_finding(LABEL, "notice", REASON_QUESTION)
    if score >= scored.threshold(LABEL, "hold"):
        return scored.model_finding(LABEL, "hold", REASON_REPLY)
    if score >= scored.threshold(LABEL, "review"):
        return scored.model_finding(LABEL, "review", REASON_REPLY)
    return None
