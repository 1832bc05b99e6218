"""crisis: thoughts of self-harm, suicide or wanting to die, direct or indirect.

Recall first, and never hidden: a finding shows the author crisis resources and puts the
post at the top of the queue, so a false alarm costs little and a miss costs a life.
Named phrases ("kill myself", "end my life", and the passive wishes "I hate living", "I
don't want to wake up", "no point in living", "I'd rather be dead", "I wished I would
die", "I wish I could just die", "how am I supposed to live?", "thoughts of hurting
myself", "imagining my own death") are exact rules, read through look-alike letters
("dīe"), unless negated just before ("I'm not suicidal") or a comparison ("I'd rather be
dead than go through that again"); everything else ("everyone would be better off
without me", "I want to go to sleep and not wake up") is the model's, at a low
threshold.
"""

from __future__ import annotations

import re

from moderation.checks.base import Finding
from moderation.checks.scoring import Scored, find_phrase, phrases_re, rule_finding

LABEL = "crisis"
REASON = "May be at risk"

NAMED_PHRASES = frozenset(
    """
    kill myself|killing myself|kms|end my life|ending my life|end my own life|take my own life|
    taking my own life|take my life|suicidal|suicide|commit suicide|self harm|self-harm|
    self harming|self-harming|harming myself|cut myself|cutting myself|cutting again|
    want to die|wanna die|want to be dead|wish i was dead|wish i were dead|better off dead|
    better off without me|don't want to be alive|do not want to be alive|dont want to be alive|
    don't want to be here anymore|dont want to be here anymore|no reason to live|
    nothing to live for|end it all|ending it all|unalive myself|kill yourself|
    kill herself|killing herself|kill himself|killing himself|take her own life|take his own life|
    end her life|end his life|
    hate living|hate being alive|life is pointless|no point in living|no point living|
    no point in going on|can't see the point in living|cant see the point in living|
    can't see any point in living|cant see any point in living|
    don't see the point in living|dont see the point in living|
    don't see the point in going on|dont see the point in going on|
    don't see any point in going on|what's the point in living|whats the point in living|
    what's the point of living|whats the point of living|don't want to live|dont want to live|
    do not want to live|don't want to wake up|dont want to wake up|do not want to wake up|
    never wake up|sleep forever|wish i had never been born|wish i'd never been born|
    wish i was never born|rather be dead|rather not be alive|rather not be here|
    rather not exist|don't want to exist|dont want to exist|do not want to exist|
    wish i didn't exist|wish i didnt exist|wish i could die|wish i could just die|
    wishing i could just die|wished i could just die|want to just die|wanna just die|
    wish i would die|wish i would just die|wish that i would die|wishing i was dead|
    wishing i were dead|wishing i could die|wished i was dead|wished i were dead|
    wished i could die|wished i would die|wished i would just die|wished that i would die|
    how am i supposed to live|how am i meant to live|how am i supposed to go on|
    how am i meant to go on|how do i go on living|how can i go on living|how can i keep living|
    what is there to live for|what's there to live for|whats there to live for|
    what have i got to live for|what do i have to live for|no reason to go on|
    thoughts of hurting myself|thought of hurting myself|thought about hurting myself|
    thinking of hurting myself|thinking about hurting myself|idea of hurting myself|
    urge to hurt myself|urges to hurt myself|want to hurt myself|wanted to hurt myself|
    imagining my own death|imagined my own death|
    fantasising about my own death|fantasizing about my own death|
    fantasised about my own death|fantasized about my own death
    """.replace("\n", "").split("|")
)
NAMED_PHRASES = frozenset(p.strip() for p in NAMED_PHRASES if p.strip())
# A named phrase up to three words after one of these is a denial: "I'm not suicidal",
# "never self harm", "I'm not having thoughts of ending my life", "I dont want to die",
# "I have never, ever considered suicide" (a comma inside the denial);
# but "I can't stop thinking about ending it all" is no denial.
# So is advice to anyone who might be: "if you are suicidal, call...", "if you ever feel
# like harming yourself".
_NEGATION_BEFORE_RE = re.compile(
    r"(?:\bnot|\bnever|\bno|n't|\bnt|\b(?:do|did|was|is|are|have|does)nt|\bnor|\bwithout|"
    r"\bdenied|\bdeny|\bif\s+you(?:'?re)?)(?!\s+stop)[\s,]+(?:\w+,?\s+){0,3}$"
)


def check(scored: Scored) -> Finding | None:
    match = find_phrase(scored, scored.vocab.crisis_phrases)
    if match is not None:
        return rule_finding(scored, LABEL, "notice", match.span(), "admin-phrase", REASON)
    match = _named_phrase(scored)
    if match is not None:
        return rule_finding(scored, LABEL, "notice", match.span(), "crisis-phrase", REASON)
    if scored.score(LABEL) >= scored.threshold(LABEL, "notice"):
        return scored.model_finding(LABEL, "notice", REASON)
    return None


# A named phrase that names a service or a subject is not someone's thought: "suicide
# prevention lifelines", "the suicide and crisis line", "self-harm support groups".  Those
# sentences are left to the model.
_SERVICE_AFTER_RE = re.compile(
    r"\s*(?:and\s+crisis\s+)?(?:prevention|helplines?|hotlines?|lifelines?|lines?|awareness|"
    r"charit(?:y|ies)|support\s+(?:groups?|services?|lines?)|services?|rates?|statistics|research)\b"
)


# Nor is a named phrase that is the subject of a talk, a risk on a leaflet or someone
# else's: "I want to talk about suicide and baby loss", "an increased risk of suicidal
# thoughts", "new mums feel shame for their suicidal thoughts".  ("I keep thinking about
# suicide" is still a thought: only talking, writing and reading about it are excluded.)
_SUBJECT_BEFORE_RE = re.compile(
    r"(?:\b(?:talk|talking|talked|write|writing|wrote|read|reading|post|posting|topic|"
    r"subject|awareness|stigma)\s+(?:about\s+|of\s+|on\s+|around\s+)?|"
    r"\b(?:risk|risks|rate|rates|incidence|warnings?|reports?)\s+(?:of|for|about)\s+|"
    r"\b(?:cause|causes|causing|caused|trigger|triggers|including|include|includes)\s+|"
    r"\b(?:their|his)\s+)$"
)


# "I'd rather be dead" is a wish; "I'd rather be dead than feel this sick again" is a
# figure of speech comparing two things.
_COMPARISON_AFTER_RE = re.compile(r"[\s,]*(?:\w+[\s,]+){0,3}?than\b")


# "I don't want to wake up" is a wish not to live; "I don't want to wake up with blood on
# the pillow again" is a fear of something else.
_WAKE_TO_RE = re.compile(r"\s+(?:with|to|and (?:find|see)|next to|in|at|on)\b")


# "I want to take my life back", "it would take my life (and my husband's) by storm" and
# "take my life into my own hands" are about running one's life, not ending it.
_LIFE_IDIOM_AFTER_RE = re.compile(
    r"[\s,]*(?:\([^)]{0,40}\)[\s,]*)?(?:back|by storm|into (?:my|our) own hands|forward)\b"
)


# "How am I supposed to go on?" asks how to keep living; "how am I meant to go on holiday"
# and "how am I supposed to live on one wage" ask about something else.
_GO_ON_ELSEWHERE_RE = re.compile(r"\s+(?!living\b|like\b|without\b|after\b|any\s*more\b)[a-z]")
_LIVE_ELSEWHERE_RE = re.compile(r"\s+(?:on|off|in|at|near|here|there|abroad|somewhere)\b")


def _named_phrase(scored: Scored) -> re.Match[str] | None:
    pattern = phrases_re(NAMED_PHRASES)
    folded = scored.folded
    for sent in scored.sentences:
        for match in pattern.finditer(folded, sent.start, sent.end):
            before = folded[max(sent.start, match.start() - 30) : match.start()]
            if _NEGATION_BEFORE_RE.search(before):
                continue
            if _SERVICE_AFTER_RE.match(folded, match.end(), sent.end):
                continue
            if _SUBJECT_BEFORE_RE.search(before):
                continue
            if match.group(0).endswith("wake up") and _WAKE_TO_RE.match(folded, match.end()):
                continue
            if match.group(0).endswith("my life") and _LIFE_IDIOM_AFTER_RE.match(
                folded, match.end(), sent.end
            ):
                continue
            if match.group(0).endswith("go on") and _GO_ON_ELSEWHERE_RE.match(folded, match.end()):
                continue
            if match.group(0).endswith("to live") and _LIVE_ELSEWHERE_RE.match(folded, match.end()):
                continue
            if match.group(0).startswith("rather") and _COMPARISON_AFTER_RE.match(
                folded, match.end(), sent.end
            ):
                continue
            return match
    return None
