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

A reply that tells the reader, in the imperative, to change a dose ("increase your dose to
75mcg", "your dose should be raised", "just halve the tablets") is an exact rule at the
review level: on four sets of real posts the model read such replies as information (a
stated amount reads like a fact), while the corpus's advice mostly says "stop".  It does
not fire where the sentence sends her to her prescriber ("ask your GP to increase your
dose"), is negated ("I wouldn't double the dose"), or reports what someone else does or
says ("some people double the dose", "the guidance says the dose should be increased").
"""

from __future__ import annotations

import re

from moderation.checks.base import Finding
from moderation.checks.features import names_a_medicine, tokens
from moderation.checks.scoring import Scored, find_phrase, rule_finding

LABEL = "prescription_change"
REASON_QUESTION = "Prescription question: check the notice fits"
REASON_REPLY = "May advise changing a prescribed medicine"


def check(scored: Scored) -> Finding | None:
    reply = scored.kind == "reply"
    match = find_phrase(scored, scored.vocab.change_phrases)
    if match is not None:
        level = "hold" if reply else "notice"
        return rule_finding(
            scored, LABEL, level, match.span(), "admin-phrase", "Uses the change phrase"
        )
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
    sentence = tells_reader_to_change_a_dose(scored)
    if sentence is not None:
        return Finding(
            label=LABEL,
            level="review",
            score=1.0,
            sentence=sentence,
            source="rule:dose-advice",
            reason=f"{REASON_REPLY}: tells the reader to change a dose",
        )
    return None


# Over the checks' tokens: medicine names are "<med>", numbers "<num>", punctuation gone.
_THING = (
    r"(?:dose|doses|dosage|meds?|medication|medicine|tablets?|pills?|injections?|shots?|jabs?|"
    r"<med>|mcg|mg)"
)
_VERB = (
    r"(?:increase|raise|up|double|halve|reduce|lower|decrease|cut(?: down)?|drop|stop|quit|"
    r"skip|come off|wean(?: yourself)?(?: off)?|taper(?: off)?|switch|swap|split|go up on|"
    r"go down on)"
)
# The verb opens the sentence or follows words that make it advice to the reader.
_LEAD = (
    r"(?:^|\b(?:just|so|then|and|i'd|i would|id|you should|you could|you need to|you must|"
    r"you can|better to|try to|try|please|definitely|i'd just|i'd say)\s+)"
)
_OBJECT = r"(?:your|the|that|those|them|it|her|his|a|an|half|one|<num>)"
_IMPERATIVE_RE = re.compile(
    _LEAD + _VERB + r"\s+(?:" + _OBJECT + r"\s+)?(?:[\w'<>]+\s+){0,2}?" + _THING + r"\b"
)
_PASSIVE_RE = re.compile(
    r"\b(?:your|her) (?:<med> )?(?:dose|dosage|medication|meds|<med>) (?:should|needs|need|must|"
    r"has|ought|really needs) (?:to )?(?:be )?(?:increas|rais|reduc|lower|halv|doubl|upp|"
    r"drop)\w*"
)
# Sent to the prescriber, negated, a question of whether, or what someone else does or says.
_NOT_ADVICE_RE = re.compile(
    r"\b(?:ask|asking|speak to|talk to|check with|call|ring|phone|see|tell|discuss with)\s+"
    r"(?:your|the|a)\s+(?:\w+\s+)?(?:doctor|dr|gp|consultant|midwife|clinic|nurse|endo|"
    r"endocrinologist|re|obgyn|ob|prescriber|pharmacist|specialist|team|hospital|"
    r"psychiatrist|gynae)|"
    r"\b(?:as|like|what) (?:your|the) \w+ (?:said|told|advised|prescribed|recommended)|"
    r"\b(?:whether|some people|people|others|guidance|guidelines|says|said)\b|"
    r"\b(?:don't|do not|never|wouldn't|would not|shouldn't|should not|dont|wouldnt|"
    r"shouldnt|doesn't|does not|can't|cannot)\s+(?:[\w'<>]+\s+){0,4}$"
)


def tells_reader_to_change_a_dose(scored: Scored) -> str | None:
    for sent in scored.sentences:
        toks = " ".join(tokens(sent.text, scored.vocab.medicines))
        for pattern in (_IMPERATIVE_RE, _PASSIVE_RE):
            for match in pattern.finditer(toks):
                if _NOT_ADVICE_RE.search(toks[: match.start()]) or _NOT_ADVICE_RE.search(
                    toks[match.end() :]
                ):
                    continue
                return sent.text
    return None
