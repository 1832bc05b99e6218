"""What a model reads of a unit of text: word n-grams after light normalising.

The same function serves training (scikit-learn calls it as the vectoriser's analyser)
and the site (the model sums the weights of the n-grams it returns), so the two cannot
drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import snowballstemmer

from moderation.checks.lexicon import MEDICINE_WORDS, TEXT_SPEAK, word_class
from moderation.checks.text import Sentence, fold

# Words, numbers and the two marks that carry meaning; one pass, no backtracking.
_TOKEN_RE = re.compile(r"[a-z0-9][a-z0-9'/+-]*|[?!]")
_DIGITS = frozenset("0123456789")
MAX_N = 3
# Words that say *when*, left out of what the model reads. The corpus's urgent posts nearly
# all said "since this morning" or "tonight" and its calm ones seldom did, so these words
# came to carry the urgent label in place of the symptom: "pregnant with a fever since this
# morning" was urgent and "pregnant with a fever" was not (docs/checks.md).
WHEN_WORDS = frozenset({"since", "today", "tonight", "now", "currently", "hour", "hours", "hrs"})
PARTS_OF_DAY = frozenset({"morning", "afternoon", "evening"})  # after "this"


def tokens(text: str, extra_medicines: frozenset[str] = frozenset()) -> list[str]:
    """Normalised tokens: text-speak expanded, medicine names as ``<med>``, numbers as ``<num>``."""
    out: list[str] = []
    for raw in _TOKEN_RE.findall(fold(text)):
        word = raw.strip("'-/+")
        if not word:
            continue
        expanded = TEXT_SPEAK.get(word)
        if expanded is not None:
            out.extend(expanded.split())
            continue
        if word[0] in _DIGITS:
            # "75mg", "21+3", "40" all read as a number; a unit stays visible
            unit = word.lstrip("0123456789.,+/")
            out.append("<num>")
            if unit.isalpha():
                out.append(unit)
            continue
        cls = word_class(word, extra_medicines)
        if cls is not None:
            out.append(f"<{cls}>")
        else:
            out.append(word)
    return [t for i, t in enumerate(out) if not _says_when(out, i)]


def names_a_medicine(
    sents: Iterable[Sentence], extra_medicines: frozenset[str] = frozenset()
) -> bool:
    """Whether the text names a medicine at all: a name the lexicon knows (``<med>``,
    ``<supp>``), a word for one or its form (``lexicon.MEDICINE_WORDS``), or a dose by its
    number alone ("I was on 125 for years", as thyroid patients write)."""
    for sent in sents:
        toks = tokens(sent.text, extra_medicines)
        for i, tok in enumerate(toks):
            if tok in _NAMED or tok in MEDICINE_WORDS:
                return True
            if tok == "<num>" and i and toks[i - 1] == "on":
                return True
    return False


_NAMED = frozenset({"<med>", "<supp>"})


def _says_when(toks: list[str], i: int) -> bool:
    word = toks[i]
    if word in WHEN_WORDS:
        return True
    if word == "this" and i + 1 < len(toks):
        return toks[i + 1] in PARTS_OF_DAY
    return word in PARTS_OF_DAY and i > 0 and toks[i - 1] == "this"


# Words that carry no meaning alone. An n-gram made only of them ("and", "to the", "it
# was") is left out: the model gave such n-grams weights as large as any symptom's, learnt
# from how the corpus's calm and urgent twins happened to be worded ("to the" +11.6 and
# "and" +10.6 towards urgent, beside "fever" +11.2), which real posts do not share. Modal
# verbs and "?" stay: "should i", "can i ... ?" are how a question about a medicine asks.
FUNCTION_WORDS = frozenset({
    "a", "an", "the", "and", "or", "but", "to", "of", "in", "on", "at", "for", "with", "it",
    "is", "was", "that", "this", "so", "be", "as", "by", "from", "if", "then", "than", "just",
    "i", "you", "my", "me", "we", "our", "your", "he", "she", "her", "his", "they", "them",
    "am", "are", "were", "been", "have", "has", "had",
})  # fmt: skip


def ngrams(toks: list[str], kind: str) -> list[str]:
    """Uni-, bi- and trigrams, plus the kind of post ("question" or "reply"), and the
    uni- and bigrams of the words' stems ("~"): "moved", "moving" and "move" share "~move",
    so a form of a word the corpus wrote seldom still reads like the forms it wrote often.
    None made only of ``FUNCTION_WORDS``."""
    feats = [f"kind={kind}"]
    n = len(toks)
    stems = [stem(t) for t in toks]
    plain = [t in FUNCTION_WORDS for t in toks]
    for i in range(n):
        if not plain[i]:
            feats.append(toks[i])
            feats.append("~" + stems[i])
        if i + 1 < n:
            if not (plain[i] and plain[i + 1]):
                feats.append(toks[i] + " " + toks[i + 1])
                feats.append("~" + stems[i] + " " + stems[i + 1])
            if i + 2 < n and MAX_N >= 3 and not (plain[i] and plain[i + 1] and plain[i + 2]):
                feats.append(toks[i] + " " + toks[i + 1] + " " + toks[i + 2])
    return feats


_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(token: str) -> str:
    """The Snowball (Porter 2) stem of a word; numbers, marks and classes as they are."""
    if token[0] == "<" or not token[0].isalpha():
        return token
    return _STEMMER.stemWord(token)


def analyse(
    text: str, kind: str = "reply", extra_medicines: frozenset[str] = frozenset()
) -> list[str]:
    return ngrams(tokens(text, extra_medicines), kind)


# A sentence of fewer words than this ("TIA!", "Regards, Diane", "?") says nothing alone, so
# it is read joined to the sentence before it (or after it, when it comes first), in
# training and on the site alike.  Scored alone, its one or two n-grams carried the whole
# weight of a unit: a sign-off could score like an advert and a lone "?" like a question
# about stopping a medicine.
MIN_UNIT_WORDS = 3
# Short sentences are joined only while the joined unit stays this short: a run of thousands
# of "?" or "Ok!" would otherwise become one unit rebuilt (and recounted) at every join,
# which costs the square of the text.  Past it, a run is read in pieces of about this size.
MAX_JOINED_TOKENS = 120
_MARKS = frozenset("?!")


def _word_count(toks: list[str]) -> int:
    return sum(t not in _MARKS for t in toks)


def _fits(a: tuple[Sentence, list[str]], toks: list[str]) -> bool:
    return len(a[1]) + len(toks) <= MAX_JOINED_TOKENS


def tokenised_sentences(
    sents: list[Sentence], extra_medicines: frozenset[str] = frozenset()
) -> list[tuple[Sentence, list[str]]]:
    """Each sentence with its tokens, short ones joined to a neighbour (``MIN_UNIT_WORDS``).

    A joined sentence spans both (its text is the two joined by a space, whose tokens are
    the two lists joined).  Pieces of one long run-on sentence overlap and are never joined.
    """
    out: list[tuple[Sentence, list[str]]] = []
    waiting: tuple[Sentence, list[str]] | None = None  # a short first sentence
    for sent in sents:
        toks = tokens(sent.text, extra_medicines)
        if waiting is not None and waiting[0].end <= sent.start:
            if _fits(waiting, toks):
                sent, toks = _joined(waiting, (sent, toks))
            else:
                out.append(waiting)
            waiting = None
        if _word_count(toks) >= MIN_UNIT_WORDS:
            out.append((sent, toks))
        elif out and out[-1][0].end <= sent.start and _fits(out[-1], toks):
            out[-1] = _joined(out[-1], (sent, toks))
        elif waiting is None:
            waiting = (sent, toks)
        else:
            out.append((sent, toks))
    if waiting is not None:
        out.append(waiting)
    return out


def _joined(a: tuple[Sentence, list[str]], b: tuple[Sentence, list[str]]):
    return Sentence(a[0].start, b[0].end, a[0].text + " " + b[0].text), a[1] + b[1]
