"""promotion: selling, touting a clinic or service for gain, referral codes, "DM me".

Learned; admin-added promotion phrases are exact, and so is the testimonial that ends in
a referral, the commonest spam on patient forums: "after seven years I fell pregnant
thanks to Dr X's herbs, contact him on WhatsApp".  It is written as a story of hope, so
the model, which learnt adverts from their offers and prices, reads it as one.  The rule
needs a person to contact ("contact him", "reach Dr X", "his email") and a sign of the
trade (herbs, spells, a native doctor, "thank me later") or a private channel (WhatsApp,
Telegram, a webmail address); a WhatsApp support group or a charity's website is neither.

A business speaking for itself is exact too, and the model misses it: on every set of real
posts most missed adverts were a practitioner's or clinic's own words ("we offer ...",
"book your free discovery call"), which the corpus, written as forum posts, seldom
resembles.  A call to action only a seller makes ("visit our website", "use code
FERTILE10", "shop now", "call us" starting a sentence) holds the post; a business's voice
("we offer", "my clients", "our packages") with a softer call ("book a consultation",
"get in touch", "find out more") sends it to the queue.  Patients write "our clinic
offered us a consultation" and "they will call us on Monday"; neither counts.
A confident finding holds the post (an advert costs readers more than a short wait costs
its author); a middle band goes to the queue while the post stays up.
"""

from __future__ import annotations

import re

from moderation.checks.base import Finding
from moderation.checks.scoring import Scored, find_phrase, rule_finding

LABEL = "promotion"
REASON = "Reads like advertising"


def check(scored: Scored) -> Finding | None:
    match = find_phrase(scored, scored.vocab.promotion_phrases)
    if match is not None:
        return rule_finding(
            scored, LABEL, "hold", match.span(), "admin-phrase", "Uses the promotion phrase"
        )
    match = referral_testimonial(scored.folded)
    if match is not None:
        return rule_finding(
            scored,
            LABEL,
            "hold",
            match.span(),
            "referral-testimonial",
            "Refers readers to a healer",
        )
    match = _SELLERS_CALL_RE.search(scored.folded)
    if match is not None:
        return rule_finding(
            scored, LABEL, "hold", match.span(), "sellers-call", "Asks readers to buy or book"
        )
    score = scored.score(LABEL)
    if score >= scored.threshold(LABEL, "hold"):
        return scored.model_finding(LABEL, "hold", REASON)
    match = business_voice(scored.folded)
    if match is not None:
        return rule_finding(
            scored, LABEL, "review", match.span(), "business-voice", "Speaks for a business"
        )
    if score >= scored.threshold(LABEL, "review"):
        return scored.model_finding(LABEL, "review", REASON)
    return None


_CONTACT_PERSON_RE = re.compile(
    r"\b(?:contact|reach|message|text|email|e-mail|call|write to|chat with|get in touch with|"
    r"reach out to|consult)\s+(?:him|her|dr\.?\s+\w+|doctor\s+\w+|priest\s+\w+|baba\s+\w+|"
    r"prophet\s+\w+|this (?:great|powerful|wonderful|amazing) (?:man|woman|doctor|herbalist|"
    r"healer))\b|\b(?:his|her) (?:whatsapp|email|e-mail|mail|contact|number|website)\b"
)
_TRADE_RE = re.compile(
    r"\b(?:herbal|herbalist|herbs|spell|spells|spellcaster|spell caster|native doctor|"
    r"traditional (?:doctor|healer)|root doctor|powerful (?:man|woman|doctor|healer|herbalist)|"
    r"great (?:man|healer|herbalist)|thank me later|miracle (?:worker|herbs?|medicine|cure)|"
    r"testimony|testify)\b"
)
_PRIVATE_CHANNEL_RE = re.compile(
    r"\b(?:whatsapp|watsapp|whatapp|whats app|telegram|viber|wechat|gmail|yahoo|hotmail)\b"
)


def referral_testimonial(folded: str) -> re.Match[str] | None:
    """A person to contact, with a sign of the trade or a private channel, or None.
    ``folded``: the post through ``text.fold``."""
    match = _CONTACT_PERSON_RE.search(folded)
    if match is None:
        return None
    if _TRADE_RE.search(folded) or _PRIVATE_CHANNEL_RE.search(folded):
        return match
    return None


# Contacting "us" counts only as a request: at the start of a sentence or after "please".
_CALL_US = (
    r"(?:call|contact|email|e-mail|phone|ring|message|text|whatsapp|dm|write\s+to|"
    r"get\s+in\s+touch\s+with|reach\s+out\s+to|speak\s+to|talk\s+to)\s+us"
)
_SELLERS_CALL_RE = re.compile(
    r"(?:(?:^|[.!?:\n]\s*|\b(?:please|simply|just|why\s+not|do)\s+)" + _CALL_US + r"\b)"
    r"|\b(?:use|using|enter|with)\s+(?:my|our|the|code)?\s*"
    r"(?:discount|promo|promotional|referral|coupon|voucher)\s+code\b"
    r"|\b(?:with|use|using|enter|quote)\s+(?:the\s+)?code\s+[a-z]+[0-9]+[a-z0-9]*\b"
    r"|\b(?:shop|order|buy)\s+now\b|\border\s+your\s+copy\b|\badd\s+to\s+(?:cart|basket)\b"
    r"|\bvisit\s+our\s+(?:website|site|shop|store|clinic|practice|page|centre|center)\b"
    r"|\b(?:sign\s+up|subscribe)\s+(?:to|for)\s+(?:my|our)\s+(?:newsletter|programme|program|"
    r"course|mailing\s+list|membership|waitlist|waiting\s+list|masterclass|webinar)\b"
    r"|\bjoin\s+(?:my|our)\s+(?:programme|program|course|membership|waitlist|waiting\s+list|"
    r"mailing\s+list|masterclass|webinar)\b"
    # "book" the verb ("Book now", "you can book online"), not the noun ("reading the book now")
    r"|(?:(?:^|[.!?:,\n]\s*)|\b(?:to|can|please|just|simply|and|or|then|not)\s+)"
    r"book\s+(?:now|online|today)\b|\bbook\s+your\s+free\b"
    r"|\bphone\s+orders?\b|\bplace\s+your\s+order\b"
)
_BUSINESS_VOICE_RE = re.compile(
    r"\bwe\s+(?:offer|provide|specialise|specialize|treat|have\s+helped|"
    r"help\s+(?:women|couples|people|you|clients|patients))\b"
    r"|\bwe(?:'ve|\s+have)\s+helped\s+(?:hundreds|many|countless|thousands|dozens|over|"
    r"more\s+than|women|couples|clients)\b"
    r"|\bour\s+(?:services|treatments|team\s+of|practitioners|therapists|packages|programmes?|"
    r"programs?|prices|fees|clients|rates|products|supplements|courses?|fertility\s+(?:programme|"
    r"program|package|coaching|massage|acupuncture))\b"
    r"|\bour\s+(?:paid\s+)?membership\b"
    r"|\bmy\s+practice\b(?!\s+(?:nurse|manager|gp|doctor|pharmacist|receptionist))"
    r"|\bmy\s+(?:clients|programmes?|programs?|services|courses?|coaching|"
    r"fertility\s+(?:programme|program|package|coaching|clients|practice))\b"
    r"|\bi\s+(?:offer|specialise|specialize|work\s+with\s+(?:women|couples|clients|people))\b"
    r"|\bi\s+have\s+helped\s+(?:hundreds|many|countless|thousands|dozens|over|women|couples|"
    r"clients)\b"
    r"|\bnow\s+accepting\s+(?:new\s+)?(?:patients|clients|appointments|bookings|referrals|"
    r"telehealth|virtual)\b"
)
_SOFT_CALL_RE = re.compile(
    r"\bbook\s+(?:a|an|your)\s+(?:free\s+)?(?:\w+[-\s]minute\s+)?(?:initial\s+)?"
    r"(?:consultation|appointment|session|call|discovery\s+call|treatment)\b"
    r"|\bget\s+in\s+touch\b|\bcontact\s+(?:us|me)\b|\bfind\s+out\s+more\b|\blearn\s+more\b"
    r"|\bclick\s+(?:here|the\s+link|below)\b|\blink\s+in\s+(?:my\s+)?bio\b"
    r"|\benquir(?:e|ies)\b|\binquir(?:e|ies)\b"
    r"|\bappointments?\s+(?:are\s+)?available\b|\blimited\s+(?:spaces|places|spots)\b"
    r"|\b(?:pm|dm|message|inbox)\s+(?:me|us)\b|\bprivate\s+message\b|\bwrite\s+to\s+us\b"
    r"|\b[0-9]+\s*%\s+off\b|\bprices?\s+(?:start|from)\b"
    r"|\bfree\s+(?:\w+[-\s]minute\s+)?(?:initial\s+)?(?:consultation|discovery\s+call|call|chat)\b"
    r"|\bschedule\s+(?:a|an|your)\s+(?:free\s+)?(?:virtual\s+)?(?:visit|consultation|appointment)\b"
)


def business_voice(folded: str) -> re.Match[str] | None:
    """A business's own voice with a call to get in touch or book; the call, or None.
    ``folded``: the post through ``text.fold``."""
    if _BUSINESS_VOICE_RE.search(folded) is None:
        return None
    return _SOFT_CALL_RE.search(folded)
