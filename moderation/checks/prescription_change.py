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

A question that asks in so many words whether to change a medicine ("Is it possible to
stop taking blood pressure medication once my pressure is regulated?", "I am unsure
whether I should continue taking progesterone?") is an exact rule at the notice level.
The model scored those two real questions .27 and .14: their wording is plainer than the
corpus's.  The rule needs, in one sentence that asks, an asking phrase ("should I", "is it
safe to", "whether to"...), a change verb straight after it and a medicine within five
words, with no "on", "while", "with" or "and" between (so "should I stop coffee on
Clomid?" is not one).  It reads questions only: in replies the same words are the writer
declining to advise ("I can't advise you on whether to stop your progesterone").
"""

from __future__ import annotations

import re

from moderation.checks.base import Finding
from moderation.checks.features import names_a_medicine, tokens
from moderation.checks.lexicon import MEDICINE_WORDS
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
        if score >= scored.threshold(LABEL, "notice") and names_a_medicine(
            scored.sentences, scored.vocab.medicines
        ):
            return scored.model_finding(LABEL, "notice", REASON_QUESTION)
        return _sentence_finding(
            "notice",
            asks_whether_to_change(scored),
            "asks-whether-to-change",
            f"{REASON_QUESTION} (asks whether to change a medicine)",
        )
    if score >= scored.threshold(LABEL, "hold"):
        return scored.model_finding(LABEL, "hold", REASON_REPLY)
    if score >= scored.threshold(LABEL, "review"):
        return scored.model_finding(LABEL, "review", REASON_REPLY)
    return _sentence_finding(
        "review",
        tells_reader_to_change_a_dose(scored),
        "dose-advice",
        f"{REASON_REPLY}: tells the reader to change a dose",
    )


def _sentence_finding(level: str, sentence: str | None, rule: str, reason: str) -> Finding | None:
    """An exact rule's finding for the whole sentence it fired on, or None if it did not."""
    if sentence is None:
        return None
    return Finding(
        label=LABEL, level=level, score=1.0, sentence=sentence, source=f"rule:{rule}",
        reason=reason,
    )  # fmt: skip


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


# --- a question that asks in so many words whether to change a medicine -------------------

_ASK = (
    r"(?:should i|shall i|can i|could i|do i need to|do i have to|do i still need to|"
    r"is it (?:ok|okay|safe|possible|fine|alright|bad|wise|dangerous|necessary) (?:for me )?to|"
    r"would it be (?:ok|okay|safe|fine|bad|wise) (?:for me )?to|am i (?:ok|okay|safe) to|"
    r"whether (?:i|we|she) should|whether to|wondering if i (?:should|can|could)|"
    r"should (?:she|he|we)|can (?:she|he|we)|would you|would anyone)"
)
_CHANGE = (
    r"(?:stop|stopping|continue|continuing|carry on|keep taking|keep using|keep on|come off|"
    r"get off|go off|quit|skip|miss|reduce|lower|decrease|increase|up|double|halve|cut down|"
    r"cut back|wean|wean off|taper|switch|swap|change|start|drop(?! off)|ditch|restart|"
    r"go back on)"
)  # not a bare "keep" or "drop off": "can I keep the pessaries in the fridge?"
# Words for a medicine, less those that are often something else here ("the trigger", "my
# hormones", "iron levels", "a patch of skin", "cream", "the coil", "flu shot").
_MEDICINE = (
    r"(?:<med>|"
    + "|".join(
        re.escape(w)
        for w in sorted(
            MEDICINE_WORDS
            - {"iron", "hormone", "hormones", "trigger", "patch", "gel", "cream", "coil",
               "implant", "shot", "shots"},
            key=len,
            reverse=True,
        )
    )
    + r")"
)  # fmt: skip
_ASKS_RE = re.compile(
    r"\b" + _ASK + r"\s+(?:just\s+|still\s+)?" + _CHANGE
    + r"\b(?:\s+(?!(?:on|while|whilst|with|during|and|or|but)\b)[\w'<>-]+){0,5}?\s+"
    + _MEDICINE + r"(?![\w-])"
)  # fmt: skip
_WHETHER_RE = re.compile(r"\b(?:whether|wether|wondering\s+if)\b")  # "wether": TEXT_SPEAK


def asks_whether_to_change(scored: Scored) -> str | None:
    """The first sentence that asks whether to change a medicine, in so many words."""
    for sent in scored.sentences:
        # Only a sentence that asks is cut into tokens: most of a long story is not.
        if not (
            sent.text.rstrip().endswith("?")
            or _WHETHER_RE.search(scored.folded, sent.start, sent.end)
        ):
            continue
        if _ASKS_RE.search(" ".join(tokens(sent.text, scored.vocab.medicines))):
            return sent.text
    return None
