"""The exact half of urgent_symptom: red-flag symptoms named in plain words.

The model reads the shape of a post, and the corpus's calm and urgent twins taught it more
about how they were worded than about the symptom: "I am 23 weeks pregnant with a fever,
should I go to the doctor?" scored .007 and "he has barely moved today" at 30 weeks .25.
A symptom that UK and US maternity and fertility guidance lists as a reason to call today
is a short list of words, so it is a rule here, in the words patients use (typos of the
commonest kind included).  Each red flag needs its setting, found anywhere in the post
(a pregnancy, or a procedure or stimulation for the symptoms that follow those), and a
sentence that tells it as happening now:

- not negated just before ("no bleeding", "I haven't fainted");
- not a condition or a list of signs ("if you get a fever", "what are the signs of");
- not a past story ("two years ago", "with my first", "in my last pregnancy"; a post
  whose pregnancy is only ever "I was 35 weeks"; a reply that says "this happened to me");
- and not already seen: a post that says she went to triage, was checked or monitored,
  or that the scan or the doctor found all fine is left to the model.

Pure functions, no Django.  Every pattern is literal words with bounded gaps, so matching
is linear in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from moderation.checks.text import Sentence

# --- Settings a red flag needs --------------------------------------------------------------

_PREGNANCY_RE = re.compile(
    r"(?<!not )(?<!n't )(?<!never )(?<!never been )"
    r"\b(?:pregnan\w*|preggo|preggers|bfp|fetus|foetus|fetal|foetal|midwife|bump|"
    r"gestation|trimester|due date|baby|babies|bub|bubba|twins)\b|"
    r"\b\d{1,2}\s*(?:\+\s*\d\s*)?(?:weeks?|wks?|wk)\b|\b\d{1,2}\s*w\s*\+?\s*\d\s*d?\b|"
    r"\b\d{1,2}\s*\+\s*\d\b|\bpositive (?:pregnancy |hpt |home )?test\b"
)
_PROCEDURE_RE = re.compile(
    r"\b(?:egg collection|egg retrieval|retrieval|collection|ec|er|transfer|et|fet|ivf|icsi|"
    r"iui|stims?|stimming|stimulation|trigger|ovitrelle|pregnyl|hcg shot|d&c|d & c|"
    r"d and c|erpc|smm|mva|hysteroscopy|laparoscopy|lap|c-section|c section|section|"
    r"caesarean|cesarean|surgery|operation|procedure|op)\b"
)
# Weeks written as "36 weeks", "36+2", "36w2d", "36wks": the latest one decides whether
# a leak is before 37 weeks.
_WEEKS_RE = re.compile(r"\b(\d{1,2})\s*(?:\+\s*\d|w\s*\+?\s*\d|weeks?|wks?|wk)\b")


@dataclass(frozen=True)
class RedFlag:
    name: str  # the rule's id in findings: "rule:red-flag:<name>"
    pattern: re.Pattern[str]
    setting: str  # "pregnancy", "procedure" or "either"


_GAP = r"(?:[\w']+\s+){0,3}"  # up to three words between
_SHORT_GAP = r"(?:[\w']+\s+){0,2}"

RED_FLAGS: tuple[RedFlag, ...] = (
    RedFlag(
        "heavy-bleeding",
        re.compile(
            r"\b(?:"
            r"bleed(?:ing)? (?:really |very |quite |so |more )?heav(?:il)?y|"
            r"heav(?:y|ier|ily) (?:red |bright red |fresh )?(?:bleed(?:ing)?|blood|flow)|"
            r"(?:lots|loads|a lot) of (?:fresh |bright )?(?:red )?blood|"
            r"soak(?:ing|ed|s)? (?:right )?(?:through )?" + _SHORT_GAP + r"(?:pads?|towels?)|"
            r"(?:filled|filling|fill) (?:up )?(?:a |my |the )?(?:pad|pads|toilet)|"
            r"(?:big|large|huge|massive|golf ball|plum|fist|lemon)(?:[- ]sized?)? "
            r"(?:blood )?clots?|"
            r"passing (?:big |large |lots of |loads of )?clots|"
            r"clots? (?:the size of|as big as|bigger than)|"
            r"(?:blood )?clots (?:came|come|coming|keep coming) out|"
            r"(?:gushing|pouring|pours|gushes|gushed) (?:of )?(?:blood|red)|"
            r"blood (?:is |keeps )?(?:gushing|pouring|flowing|running down)|"
            r"bleeding (?:like|as (?:in|during)) (?:a |my )?(?:heavy )?(?:period|menstruation)"
            r")"
        ),
        "either",
    ),
    RedFlag(
        "severe-pain",
        re.compile(
            r"\b(?:"
            r"(?:severe|sharp|stabbing|agonising|agonizing|excruciating|unbearable|"
            r"intense|horrendous|horrible|terrible|awful|extreme|crippling|shooting) "
            + _SHORT_GAP
            + r"(?:pains?|cramps?|cramping|ache)|"
            r"pain (?:is )?(?:so bad|unbearable|getting worse|worse and worse)|"
            r"(?:really|very|so) (?:bad|painful|strong) (?:pains?|cramps?|cramping)|"
            r"(?:one|left|right)[- ]sided (?:pains?|cramps?)|"
            r"pains? (?:on|in|down) (?:one|my left|my right|the left|the right) side|"
            r"shoulder[- ]tip|pain in (?:the tip of )?my shoulder|"
            r"doubled (?:over|up) (?:in|with) pain|can't stand up straight|cant stand up straight"
            r")"
        ),
        "either",
    ),
    RedFlag(
        "fainting",
        re.compile(
            r"\b(?:fainted|fainting|passed out|blacked out|collapsed|keep nearly fainting)\b"
        ),
        "pregnancy",
    ),
    RedFlag(
        "ohss",
        re.compile(
            r"\b(?:"
            r"(?:barely|hardly|not|haven't|havent|hasn't|have not|only) (?:really )?"
            r"(?:been )?(?:peeing|weeing|urinating|passing (?:much )?urine|passed (?:much )?urine|"
            r"had a wee|been to the loo)|"
            r"(?:put on|gained|gone up) (?:about |nearly |almost |over )?\d+(?:\.\d)? ?"
            r"(?:kg|kgs|kilos?|lbs?|pounds)\b(?: \w+){0,2} (?:in|since|overnight)|"
            r"(?:severely|massively|hugely|extremely|really really) (?:bloated|swollen|distended)|"
            r"(?:belly|stomach|tummy|abdomen) (?:is |has gone |looks )?"
            r"(?:rock hard|hard as a rock|huge and tight|tight as a drum|distended)"
            r")"
        ),
        "procedure",
    ),
    RedFlag(
        "baby-movements",
        re.compile(
            r"\b(?:"
            r"(?:baby|bub|bubba|babe|little one|lo|he|she|they|twins?)(?:'s)?\s+"
            + _SHORT_GAP
            + r"(?:hasn't|has not|hasnt|hadn't|isn't|is not|isnt|not|stopped|barely|hardly|"
            r"haven't|havent|have not|hav not)\s+(?:been\s+|really\s+|properly\s+|much\s+|to\s+)?"
            r"(?:mov|kick|wriggl)\w*|"
            r"(?:isn't|isnt|is not|hasn't|hasnt|has not) (?:my |the )?(?:baby|bub|bubba|he|she) "
            r"(?:been )?(?:mov|kick|wriggl)\w*|"
            r"(?:haven't|havent|have not|hav not|not|hardly|barely|didn't|didnt|can't|cant|"
            r"cannot|haven't really|havent really)\s+(?:really\s+)?felt\s+"
            + _GAP
            + r"(?:mov|kick|wriggl)\w*|"
            r"(?:reduced|decreased|less|fewer|no|lack of|change in|not as many|not much) "
            r"(?:fetal |foetal |baby'?s? )?(?:movements?|kicks|kicking|wriggles)|"
            r"moving (?:a lot )?less|movements? (?:have|has) (?:slowed|stopped|reduced|changed)|"
            r"(?:baby|he|she) (?:is|has been|'s been|s been) (?:very |really |so |much )?"
            r"quiet(?:er)?"
            r")"
        ),
        "pregnancy",
    ),
    RedFlag(
        "pre-eclampsia",
        re.compile(
            r"\b(?:"
            r"(?:severe|bad|awful|terrible|pounding|splitting|horrendous|horrible|worst|"
            r"thumping|blinding|really bad|massive|constant) headaches?|"
            r"headaches? (?:that )?(?:won't|wont|will not|doesn't|does not|isn't) "
            r"(?:go|shift|budge|ease|going)|"
            r"blurr(?:y|ed) (?:vision|eyes?)|vision (?:is |has gone |went |keeps going )?"
            r"(?:blurry|blurred|funny|weird|fuzzy|strange)|"
            r"(?:seeing|see|saw) (?:spots|stars|flashing|flashes|sparkles)|flashing lights|"
            r"(?:face|hands|fingers) (?:are|is|have|has|have gone|has gone|went|got|look|looks) "
            r"(?:really |very |so |suddenly |all )?(?:swollen|puffy|swelled|puffed)|"
            r"(?:swollen|puffy) (?:face|hands|fingers)|"
            r"swelling (?:in|of|on) my (?:face|hands|fingers)"
            r")"
        ),
        "pregnancy",
    ),
    RedFlag(
        "fever",
        re.compile(
            r"\b(?:"
            r"fever|feverish|"
            r"temp(?:erature)? (?:[\w']+ ){0,5}(?:3[89](?:[.,]\d)?|4[01](?:[.,]\d)?|"
            r"10[0-4](?:[.,]\d)?)|"
            r"(?:3[89](?:[.,]\d)?|4[01](?:[.,]\d)?|10[0-4](?:[.,]\d)?) ?(?:degrees|°)|"
            r"(?:high|raised|running a|got a|have a|with a) temp(?:erature)?|"
            r"(?:chills|shivering|shivers|rigors|shaking uncontrollably)"
            r")\b"
        ),
        "either",
    ),
    RedFlag(
        "leaking-fluid",
        re.compile(
            r"\b(?:"
            r"leak(?:ing|ed|s)? " + _SHORT_GAP + r"(?:fluid|water|liquid|clear)|"
            r"waters? (?:have |has |may have |might have |just |have just )?"
            r"(?:broken|broke|gone|went)|"
            r"(?:gush|gushes|trickle|trickles|dribble) of "
            + _SHORT_GAP
            + r"(?:fluid|water|liquid)|"
            r"(?:fluid|water|liquid) (?:is |keeps |keep )?(?:leaking|trickling|coming out|dripping)"
            r")"
        ),
        "pregnancy",
    ),
    RedFlag(
        "clot-signs",
        re.compile(
            r"\b(?:"
            r"calf (?:is |has been |feels |has gone |went )?" + _SHORT_GAP + r"(?:swollen|painful|"
            r"red|hot|tender|throbbing)|(?:swollen|painful|red|hot|tender|throbbing) "
            r"(?:\w+ )?calf|calf pain|pain in (?:my |the back of my )?calf|"
            r"chest pains?|pains? in my chest|(?:tight|tightness in my|heavy) chest|"
            r"short(?:ness)? of breath|breathless(?:ness)?|"
            r"(?:can't|cant|cannot|can not|struggling to|hard to|difficult to|couldn't|couldnt) "
            r"(?:catch my )?breath(?:e)?|out of breath (?:just )?(?:sitting|lying|doing nothing)"
            r")"
        ),
        "either",
    ),
    RedFlag(
        "no-fluids-kept-down",
        re.compile(
            r"\b(?:"
            r"(?:can't|cant|cannot|can not|unable to|not able to|couldn't|couldnt|not) "
            r"(?:even )?(?:keep|keeping|kept) " + _SHORT_GAP + r"(?:down|in)|"
            r"(?:throwing up|vomiting|being sick|been sick|sick|puking) "
            + _GAP
            + r"(?:everything|even water|every time i (?:eat|drink)|all day|all night|"
            r"\d+ times|non[- ]?stop|constantly)|"
            r"(?:even )?water (?:comes|coming|came|goes|going) (?:straight )?(?:back )?up"
            r")"
        ),
        "either",
    ),
)

# --- What a sentence must not be ------------------------------------------------------------

# A negation up to three words before the symptom: "no heavy bleeding", "I haven't fainted",
# "not had a fever", "without any pain".
_NEGATED_RE = re.compile(
    r"(?:\bno|\bnot|\bnever|\bwithout|\bnone|n't|\bnt|\b(?:do|did|was|is|are|have|has)nt)"
    r"\s+(?:[\w']+\s+){0,3}$"
)
# A condition, a list of signs or a question about what to watch for.
_HYPOTHETICAL_RE = re.compile(
    r"(?<!sure )(?<!wondering )(?<!wonder )(?<!know )(?<!asking )(?<!unsure )\bif\b|"
    r"\b(?:unless|in case|what (?:are|is|would be) the (?:signs|symptoms)|signs of|"
    r"symptoms of|watch (?:out )?for|look (?:out )?for|things to look|when to (?:call|worry|go)|"
    r"should i (?:worry|be worried) if|could (?:cause|lead)|risk of|chance of|may cause|"
    r"can cause|side effects?|warning signs?|red flags?|(?:ring|call|phone) (?:about|if)|"
    r"what (?:does|do) \w+ (?:\w+ )?mean|what counts as|how (?:heavy|much|bad) is|"
    r"to (?:report|ring about|call about)|get seen|any of (?:those|these|them)|expect|such as)\b"
)
# A story from before this pregnancy or this cycle.
_PAST_RE = re.compile(
    r"\b(?:(?:\d+|a|one|two|three|few|couple of|several) (?:years?|months?|weeks?) ago|"
    r"(?<!since )last (?:year|pregnancy|time|cycle|month|week|spring|summer|autumn|winter|"
    r"january|february|march|april|may|june|july|august|september|october|november|december)|"
    r"previous pregnancy|the other day|"
    r"(?:with|in|during) my (?:first|last|previous|second|third|1st|2nd|3rd|other|older|eldest)|"
    r"when i was pregnant with|with (?:dd|ds|dd1|ds1|my son|my daughter)\b|back in (?:19|20)\d\d|"
    r"back then|at the time|years later|that was the day|looking back)"
)
# A post whose pregnancy is told in the past ("I was 35 weeks pregnant. I woke up to no
# movement...") and never in the present is a story told afterwards, a warning or a blog;
# and a reply that says "this happened to me" tells the writer's own past, not today.
# ("Since I was 8 weeks" and "I was 9 weeks and had the tablets" say nothing of the kind:
# the first is still pregnant, the second tells a miscarriage before today's fever.)
_PAST_SETTING_RE = re.compile(
    r"(?<!since )\b(?:i was|she was|we were) (?:about |around |only |nearly |almost |just )?"
    r"\d{1,2}\s*(?:\+\s*\d\s*)?(?:weeks?|wks?) pregnant\b"
)
_NOW_SETTING_RE = re.compile(
    r"\b(?:i am|i'm|im|am|currently|now|today|i've just turned|just turned) "
    r"(?:\w+ ){0,2}\d{1,2}\s*(?:\+\s*\d\s*)?(?:weeks?|wks?)\b"
)
_HAPPENED_TO_ME_RE = re.compile(
    r"\b(?:this|that|it|the same|same thing|ohss) (?:\w+ )?happened to me\b"
)


# Already seen by someone who could judge it (anywhere in the post).  Not earlier care
# ("the clinic put me on clexane", "we saw a strong heartbeat at 8 weeks", "diagnosed with
# PCOS"), nor a hope ("is everything ok?"): those say nothing about today's symptom.
_ASSESSED_RE = re.compile(
    r"\b(?:"
    r"(?:went|been|gone|got|rushed|taken|took me|admitted|sent|ended up|was) (?:straight )?"
    r"(?:in)?to (?:the |a )?(?:a&e|a & e|a and e|er|e\.r|hospital|triage|epu|eau|epau|l&d|"
    r"l & d|labou?r (?:and|&) delivery|labou?r ward|maternity|mau|day unit|emergency|ed|"
    r"urgent care|walk in|walk-in|gp|doctors?|clinic)|"
    r"(?:was|been|got|being|were|am being|i'm being|im being) (?:\w+ )?(?:seen|checked|scanned|"
    r"monitored|examined|admitted|assessed|swabbed|triaged)|"
    r"(?:midwife|midwives|doctor|doctors|dr|gp|consultant|nurse|nurses|triage|hospital|"
    r"they|ob|obgyn|re|clinic|scan|sonographer|ultrasound|ctg|trace|epu|a&e|er) "
    r"(?:\w+ ){0,2}(?:checked|scanned|monitored|examined|reassured|saw me|showed|did a scan|"
    r"did bloods|took bloods|put me on (?:the |a )?(?:ctg|monitor|trace|drip)|"
    r"said (?:it|everything|all|baby|she|he|the) (?:\w+ )?"
    r"(?:was|is|looked|looks|were|are) (?:fine|ok|okay|normal|good|healthy|perfect)|"
    r"(?:said|say|says) (?:it'?s |its |it was |that'?s |this is |all |everything )?"
    r"(?:\w+ )?(?:normal|fine|ok|okay|nothing to worry|round ligament))|"
    r"(?:fever|bleeding|bleed|pain|it|temperature|temp|movements?) (?:was |has been |been |got )?"
    r"(?:checked|seen|looked at|assessed) (?:by|at|in|out|yesterday|today|this)|"
    r"(?<!is )(?<!be )(?<!if )(?<!hope )(?<!pray )(?:all|everything) "
    r"(?:was |looked |came back |seemed )?(?:fine|ok|okay|normal|good)|"
    r"heartbeat (?:was|is|looked) (?:fine|perfect|good|normal|strong)|on the (?:monitor|ctg)"
    r")"
)


# Up to six words before a symptom in a reply: the reader's, not the writer's.
_TO_THE_READER_RE = re.compile(
    r"\b(?:you|you're|youre|you've|youve|your|ur|u)\s+(?:[\w']+\s+){0,5}$"
)


# Movements that have not begun yet, unlike movements that slowed or stopped, which need a
# call at any stage once they were felt (NHS and Tommy's guidance).
_NOT_YET_RE = re.compile(r"\s*(?:at all\s+)?yet\b")

# A post that asks or is afraid: a story told afterwards (a blog, a birth story) does neither.
_ASKS_RE = re.compile(
    r"\?|\b(?:help|advice|advise|should i|do i|shall i|what do i|what should|anyone|any ideas|"
    r"worried|scared|panicking|panicked|freaking out|terrified|frightened|anxious|worrying|"
    r"not sure|unsure|wondering)\b"
)


@dataclass(frozen=True)
class RedFlagMatch:
    name: str
    start: int
    end: int


def find(
    folded: str, sentences: tuple[Sentence, ...] | list[Sentence], kind: str = "question"
) -> RedFlagMatch | None:
    """The first red flag told as happening now, or None.  ``folded`` is the post through
    ``text.fold``, as the sentences' offsets index it (quoted lines are not among them).
    In a reply, a symptom said to the reader ("you're bleeding heavily, ring them now") is
    hers, and her question had its own finding: only the writer's own count."""
    scored_text = " ".join(folded[s.start : s.end] for s in sentences)
    if _ASSESSED_RE.search(scored_text) or not _ASKS_RE.search(scored_text):
        return None
    if _PAST_SETTING_RE.search(scored_text) and not _NOW_SETTING_RE.search(scored_text):
        return None
    if kind == "reply" and _HAPPENED_TO_ME_RE.search(scored_text):
        return None
    pregnancy = _PREGNANCY_RE.search(scored_text) is not None
    procedure = _PROCEDURE_RE.search(scored_text) is not None
    weeks = [int(w) for w in _WEEKS_RE.findall(scored_text)]
    for sent in sentences:
        piece = folded[sent.start : sent.end]
        if _PAST_RE.search(piece):
            continue
        for flag in RED_FLAGS:
            if not _in_setting(flag.setting, pregnancy, procedure):
                continue
            if flag.name == "leaking-fluid" and weeks and max(weeks) >= 37:
                continue
            if flag.name == "baby-movements" and weeks and max(weeks) < 16:
                continue  # before 16 weeks most have felt nothing yet
            for match in flag.pattern.finditer(piece):
                if flag.name == "baby-movements" and _NOT_YET_RE.match(piece, match.end()):
                    continue  # "I haven't felt any movements yet": waiting for the first
                before = piece[max(0, match.start() - 40) : match.start()]
                if _NEGATED_RE.search(before) or _HYPOTHETICAL_RE.search(
                    _sentence_so_far(folded, sent.start + match.start())
                ):
                    continue
                if kind == "reply" and _TO_THE_READER_RE.search(before):
                    continue
                return RedFlagMatch(flag.name, sent.start + match.start(), sent.start + match.end())
    return None


def _sentence_so_far(folded: str, pos: int) -> str:
    """The words before ``pos`` back to the end of the last sentence, at most 300 characters:
    a long list of signs is scored in windows of words, and its lead-in ("the things to ring
    about are: ...") may sit in an earlier window."""
    start = max(0, pos - 300)
    piece = folded[start:pos]
    cut = max(piece.rfind(". "), piece.rfind("? "), piece.rfind("! "), piece.rfind("\n"))
    return piece[cut + 1 :] if cut >= 0 else piece


def _in_setting(setting: str, pregnancy: bool, procedure: bool) -> bool:
    if setting == "pregnancy":
        return pregnancy
    if setting == "procedure":
        return procedure
    return pregnancy or procedure
