"""promotion: selling, touting a clinic or service for gain, referral codes, "DM me".

Learned; admin-added promotion phrases are exact, and so is the testimonial that ends in
a referral, the commonest spam on patient forums: "after seven years I fell pregnant
thanks to Dr X's herbs, contact him on WhatsApp".  It is written as a story of hope, so
the model, which learnt adverts from their offers and prices, reads it as one.  The rule
needs a person to contact ("contact him", "reach Dr X", "his email") and a sign of the
trade (herbs, spells, a native doctor, "thank me later") or a private channel (WhatsApp,
Telegram, a webmail address); a WhatsApp support group or a charity's website is neither.
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
    score = scored.score(LABEL)
    if score >= scored.threshold(LABEL, "hold"):
        return scored.model_finding(LABEL, "hold", REASON)
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
