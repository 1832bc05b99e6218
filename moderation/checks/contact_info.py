"""contact_info: phone numbers, e-mail addresses (also spelled out) and street addresses.

Exact rules, not a model: a number either is a phone number or it is not, and masking needs
the exact characters.  Phone candidates are confirmed by the ``phonenumbers`` library.
Every pattern here is linear: no nested or overlapping repeats (the hostile-input tests
run each on long crafted text).
"""

from __future__ import annotations

import re

from moderation.checks.base import Finding, Span
from moderation.checks.text import fold

try:  # phonenumbers is a declared dependency; degrade to the regex alone if missing.
    import phonenumbers as _pn
except ImportError:  # pragma: no cover
    _pn = None

_PHONE_REGIONS = ("GB", "US", "IE", "AU", "CA")
# Cheap pre-filter: a run of digits with phone-style separators holding 7+ digits.
# A "tel:" link's number counts ("(tel:18009435746)"), and so does an international number
# right after a word and a colon ("hosp:+996506131088"); after any other colon it does not
# ("10:30", "ratio 1:2000").
_PHONE_CANDIDATE_RE = re.compile(
    r"(?:(?<=[Tt][Ee][Ll]:)|(?<=[A-Za-z]:)(?=\+)|(?<![\w.,/:+-]))(?:\+\s?\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)[\s.-]?)?\d[\d\s.-]{5,18}\d(?![\w/%£$€:-])"
)
_DATE_LIKE_RE = re.compile(
    r"^(?:(?:19|20)\d\d[-./](?:0?[1-9]|1[0-2])[-./]\d\d?|\d\d?[-./]\d\d?[-./](?:19|20)?\d\d"
    r"|(?:19|20)\d\d\s*[-/]\s*(?:19|20)?\d\d)$"
)
_AFTER_UNIT_RE = re.compile(r"^\s*(?:mg|mcg|iu|units?|ml|miu|pmol|nmol|%)")
_PHONE_WORD_CUE_RE = re.compile(
    r"\b(?:call|ring|text|phone|tel|mobile|cell|number|no\.|whatsapp|contact|fax|on)\b"
    r"[^\n]{0,25}$"
)


# A US toll-free number spelt in letters ("1-800-FLOWERS", "1-833-9-HELP4MOMS", "(877)
# 838.BABY"): the prefix, then 7 to 10 capitals and digits in groups joined by "-" or
# ".", at least three of them letters.
_VANITY_PHONE_RE = re.compile(
    r"(?<![\w+-])(?:\+?1[-.\s]?)?(?:8(?:00|33|44|55|66|77|88)|\(8(?:00|33|44|55|66|77|88)\))"
    r"[-.\s]?(?=(?:[0-9.-]{0,12}[A-Z]){3})(?=(?:[-.]?[0-9A-Z]){7,10}(?![\w-]))"
    r"[0-9A-Z]+(?:[-.][0-9A-Z]+)*(?![\w-])"
)


# A year then one more group ("2024-0917", "2023/11452") is a reference, not a phone.
_YEAR_REF_RE = re.compile(r"^(?:19|20)\d\d\s?[-/.]\s?\d{2,8}$")
_REFERENCE_CUE_RE = re.compile(
    r"\b(?:ref(?:erence)?(?:\s*(?:no\.?|number|num|#|code))?|(?:order|booking|case|patient|hospital|nhs|"
    r"batch|lot|invoice|policy|account|membership|claim|tracking|serial)\s*(?:no\.?|number|num|#|id|code|"
    r"ref(?:erence)?))\s*(?:is|was|starts\s+with|begins\s+with|:)?\s*$"
)
# phonenumbers reads each candidate in up to five regions (about 0.1 ms each); a post
# stuffed with numbers would cost seconds, so only this many candidates are read that way.
MAX_PHONE_LOOKUPS = 60
_HAS_DIGIT_RE = re.compile(r"\d")
_DECIMAL_RE = re.compile(r"\d\.\d{1,2}(?:\s|$)")
_DOTTED_PHONE_RE = re.compile(r"\d{3}\.\d{4}")
_DIGIT_GROUPS_RE = re.compile(r"\d+")
_THREE_DIGITS_RE = re.compile(r"\d\d\d")


def _phone_spans(text: str, low: str) -> list[Span]:
    spans: list[Span] = []
    candidates = []
    for m in _PHONE_CANDIDATE_RE.finditer(text):
        raw = m.group(0).strip()
        digits = sum(c.isdigit() for c in raw)
        if digits < 7 or digits > 15:
            continue
        if _DATE_LIKE_RE.match(raw) or _AFTER_UNIT_RE.match(low[m.end() : m.end() + 6]):
            continue
        if _YEAR_REF_RE.match(raw) or _REFERENCE_CUE_RE.search(
            low, max(0, m.start() - 40), m.start()
        ):
            continue  # "reference 2024-0917", "NHS number 943 476 5919", "order no. 5561 2231"
        if _DECIMAL_RE.search(raw) and not _DOTTED_PHONE_RE.search(raw):
            continue  # decimals such as "2.5 3.1"
        candidates.append(m)
    if not candidates:
        return spans
    if _pn is None:
        return [Span(m.start(), m.end(), "phone") for m in candidates]
    seen: set[tuple[int, int]] = set()
    for number, cand in enumerate(candidates):
        st, en = cand.start(), cand.end()
        if number >= MAX_PHONE_LOOKUPS:
            # Past the budget every remaining candidate is masked as a phone: a post with
            # this many phone-shaped numbers is no ordinary story, and hiding too much is
            # the safe side (the text as written is kept).
            if (st, en) not in seen:
                seen.add((st, en))
                spans.append(Span(st, en, "phone"))
            continue
        found_from = len(spans)
        # Give the matcher a little left context so "+44" / "(312)" are kept.
        seg_start = max(0, st - 2)
        segment = text[seg_start:en]
        for region in _PHONE_REGIONS:
            for pm in _pn.PhoneNumberMatcher(segment, region, leniency=_pn.Leniency.POSSIBLE):
                raw = pm.raw_string
                digits = sum(c.isdigit() for c in raw)
                if digits < 7 or "," in raw or _DATE_LIKE_RE.match(raw.strip()):
                    continue
                a, b = seg_start + pm.start, seg_start + pm.end
                if (a, b) not in seen:
                    seen.add((a, b))
                    spans.append(Span(a, b, "phone"))
            if any(s.start <= st + 1 and s.end >= en - 1 for s in spans[found_from:]):
                break
        else:
            # phonenumbers rejected it; keep clear cases a human would read as a number.
            raw = cand.group(0)
            groups = _DIGIT_GROUPS_RE.findall(raw)
            if (
                len(groups) >= 2
                and (
                    raw.lstrip().startswith(("+", "0", "("))
                    or _PHONE_WORD_CUE_RE.search(low[max(0, st - 40) : st])
                )
                and (st, en) not in seen
            ):
                seen.add((st, en))
                spans.append(Span(st, en, "phone"))
    return _merge(spans)


_TLD = r"(?:com|org|net|edu|gov|info|biz|co\.uk|org\.uk|uk|ie|au|ca|us|io|me|example|co|nz)"
_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_SPACED_EMAIL_RE = re.compile(
    r"(?<![\w.+-])[a-z0-9][\w.+-]*\s*@\s*[a-z0-9][\w-]*(?:\s*\.\s*[\w-]+)*?\s*\.\s*" + _TLD + r"\b"
)
_EMAIL_AT = r"(?:\s*[\[({<]\s*at\s*[\])}>]\s*|\s+at\s+|\s*\(@\)\s*)"
_EMAIL_DOT = r"(?:\s*[\[({<]\s*dot\s*[\])}>]\s*|\s+dot\s+)"
# Spelled-out addresses are found from their "at": "jo at example dot com",
# "jo [at] example [dot] org", "jo (at) example.org", "jo at example.co.uk".
_AT_SEP_RE = re.compile(r" ?[\[({<] ?at ?[\])}>] ?| at |\(@\) ?| \(@\) ?")
_LOCAL_TAIL_RE = re.compile(r"(?<![\w.+-])[\w][\w.+-]*$")
_SPELLED_DOMAIN_RE = re.compile(r"[\w-]+(?:" + _EMAIL_DOT + r"[\w-]+)*" + _EMAIL_DOT + _TLD + r"\b")
_DOTTED_DOMAIN_RE = re.compile(r"[\w-]+(?:\.[\w-]+)*\." + _TLD + r"\b")
_EMAIL_CUE_RE = re.compile(r"\b(?:e-?mail|mail|contact|reach|write\s+to|message)\b")

_STREET_SUFFIX = (
    r"(?:street|st|road|rd|avenue|ave|av|lane|ln|drive|dr|close|cl|grove|gr|way|place|pl|court|ct|"
    r"crescent|cres|boulevard|blvd|terrace|terr|gardens|gdns|square|sq|hill|row|mews|parade|walk|"
    r"highway|hwy|parkway|pkwy|circle|cir|trail|trl|park|green|rise|view|wharf|quay|broadway|"
    r"pike|turnpike|plaza|alley|yard|vale|hollow)"
)
_MONTH = (
    r"january|jan|february|feb|march|mar|april|apr|may|june|jun|july|jul|august|aug|"
    r"september|sept|sep|october|oct|november|nov|december|dec"
)
_ADDRESS_RE = re.compile(
    # starts with the house number; the look-behind sits after the first digit so
    # that re can skip quickly to digits
    r"\d(?<![\w£$€.,/-]\d)\d{0,4}[A-Za-z]?(?:-\d{1,5})?,?\s+"
    # "17 May The Best Way To Wean" is a date before a title, not a house number
    r"(?!(?i:" + _MONTH + r")\b)"
    r"(?:(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?\s+)?"
    r"(?:[A-Z][\w'-]*\.?\s+){1,4}"
    r"(?i:" + _STREET_SUFFIX + r")\b\.?"
    r"(?:,?\s+(?:(?i:suite|ste|unit|apt|flat|floor)\s*#?\s*\w+))?"
    r"(?:,\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})?"
)
_ADDRESS_LOWER_RE = re.compile(
    r"\d(?<![\w£$€.,/-]\d)\d{0,4}[a-z]?\s+(?:[a-z]{3,}\s+){1,2}(?:street|road|avenue|lane|drive|close|grove|crescent|"
    r"boulevard|terrace)\b"
)
_ADDRESS_LOWER_BAD = re.compile(
    r"\b(?:weeks?|days?|months?|years?|hours?|mins?|minutes?|times?|miles?|km|rounds?|cycles?|losses|"
    r"mg|mcg|the|my|our|your|a|of|long|hard|rocky|bumpy|tough|down|up|this|that|these|those)\s"
)
_UNIT_PREFIX_RE = re.compile(r"(?:unit|flat|apt|apartment|suite)\s+\d+[a-z]?,?\s+$")
_PO_BOX_RE = re.compile(r"\b(?:p\.?\s?o\.?\s+box|post\s+office\s+box)\s+\d+\b")
_UK_POSTCODE_RE = re.compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s+\d[A-Z]{2}\b")
_US_STATE_ZIP_RE = re.compile(
    r",\s*(?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|"
    r"V[AT]|W[AIVY])\s+\d{5}(?:-\d{4})?\b"
)


def _merge(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for sp in sorted(spans, key=lambda s: (s.start, -s.end)):
        if out and sp.start < out[-1].end:
            if sp.end > out[-1].end:
                out[-1] = Span(out[-1].start, sp.end, out[-1].kind)
            continue
        out.append(sp)
    return out


def _spelled_email_spans(low: str) -> list[Span]:
    out = []
    for am in _AT_SEP_RE.finditer(low):
        lm = _LOCAL_TAIL_RE.search(low, max(0, am.start() - 64), am.start())
        if lm is None or not _HAS_LETTER_RE.search(lm.group(0)):
            continue
        bracketed = "at" in am.group(0) and any(c in am.group(0) for c in "[({<")
        dm = _SPELLED_DOMAIN_RE.match(low, am.end())
        if dm is not None:
            out.append(Span(lm.start(), dm.end(), "email"))
            continue
        dm = _DOTTED_DOMAIN_RE.match(low, am.end())
        if dm is None or dm.group(0).startswith("www."):
            continue
        local = lm.group(0)
        if (
            bracketed
            or "(@)" in am.group(0)
            or _LOCAL_MARK_RE.search(local)
            or _EMAIL_CUE_RE.search(low, max(0, lm.start() - 40), lm.start())
        ):
            out.append(Span(lm.start(), dm.end(), "email"))
    return out


_HAS_LETTER_RE = re.compile(r"[a-z]")
_LOCAL_MARK_RE = re.compile(r"[._\d+]")


def contact_spans(text: str, folded: str | None = None) -> list[Span]:
    """``folded``: ``text`` through ``text.fold(letters=True)``, if the caller has it."""
    spans: list[Span] = []
    low = fold(text, letters=True) if folded is None else folded
    has_digit = _HAS_DIGIT_RE.search(text) is not None
    if has_digit and _THREE_DIGITS_RE.search(text):
        spans.extend(_phone_spans(text, low))
        spans.extend(Span(m.start(), m.end(), "phone") for m in _VANITY_PHONE_RE.finditer(text))
    if "@" in text:
        spans.extend(Span(m.start(), m.end(), "email") for m in _EMAIL_RE.finditer(low))
        # "hannah.b @ example . com", "jo @example.org": spaces around the @ or the dots
        spans.extend(Span(m.start(), m.end(), "email") for m in _SPACED_EMAIL_RE.finditer(low))
    if " at " in low or "at]" in low or "at)" in low or "(@)" in low:
        spans.extend(_spelled_email_spans(low))
    if has_digit:
        for m in _ADDRESS_RE.finditer(text):
            um = _UNIT_PREFIX_RE.search(low, max(0, m.start() - 24), m.start())
            spans.append(Span(um.start() if um else m.start(), m.end(), "address"))
        for m in _ADDRESS_LOWER_RE.finditer(low):
            if not _ADDRESS_LOWER_BAD.search(m.group(0)):
                spans.append(Span(m.start(), m.end(), "address"))
        if "box" in low:
            spans.extend(Span(m.start(), m.end(), "address") for m in _PO_BOX_RE.finditer(low))
        spans.extend(Span(m.start(), m.end(), "address") for m in _UK_POSTCODE_RE.finditer(text))
        spans.extend(Span(m.start(), m.end(), "address") for m in _US_STATE_ZIP_RE.finditer(text))
    # An address can contain a long house number that looks like a phone; keep the address.
    merged: list[Span] = []
    for sp in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if merged and sp.start < merged[-1].end:
            last = merged[-1]
            if sp.end > last.end:
                merged[-1] = Span(last.start, sp.end, last.kind)
            continue
        merged.append(sp)
    return merged


_KIND_WORDS = {
    "phone": "a phone number",
    "email": "an e-mail address",
    "address": "a street address",
}


def check(text: str, folded: str | None = None) -> Finding | None:
    spans = contact_spans(text, folded)
    if not spans:
        return None
    kinds = []
    for sp in spans:
        if _KIND_WORDS[sp.kind] not in kinds:
            kinds.append(_KIND_WORDS[sp.kind])
    first = spans[0]
    return Finding(
        label="contact_info",
        level="review",
        score=1.0,
        sentence=text[first.start : first.end],
        source="rule:" + "+".join(sorted({sp.kind for sp in spans})),
        reason="Contains " + " and ".join(kinds),
        spans=tuple(spans),
    )


_MASKS = {"phone": "###-###-####", "email": "____@____.com", "address": "[address hidden]"}


def mask_contact_info(text: str, spans: list[Span] | None = None) -> str:
    """Replace phones, e-mails (also spelled out) and street addresses; keep everything else.

    ``spans``: the text's ``contact_spans`` when the caller has them already."""
    if spans is None:
        spans = contact_spans(text)
    if not spans:
        return text
    out = []
    pos = 0
    for sp in spans:
        out.append(text[pos : sp.start])
        out.append(_MASKS[sp.kind])
        pos = sp.end
    out.append(text[pos:])
    return "".join(out)
