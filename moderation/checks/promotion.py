"""promotion: selling, touting a clinic or service for gain, referral codes, "DM me".

Learned; admin-added promotion phrases are exact.  A confident finding holds the post
(an advert costs readers more than a short wait costs its author); a middle band goes
to the queue while the post stays up.
"""

from __future__ import annotations

from moderation.checks.base import Finding
from moderation.checks.scoring import Scored, find_phrase, rule_finding

LABEL = "promotion"
REASON = "Reads like advertising"


def check(scored: Scored) -> Finding | None:
    match = find_phrase(scored, scored.vocab.promotion_phrases)
    if match is not None:
        return rule_finding(
            scored, LABEL, "hold", match, "admin-phrase", "Uses the promotion phrase"
        )
    score = scored.score(LABEL)
    if score >= scored.threshold(LABEL, "hold"):
        return scored.model_finding(LABEL, "hold", REASON)
    if score >= scored.threshold(LABEL, "review"):
        return scored.model_finding(LABEL, "review", REASON)
    return None
