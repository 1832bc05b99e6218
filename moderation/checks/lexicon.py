"""Words the checks know by name: medicines, supplements and how people abbreviate.

Medicine names are turned into one token (``<med>``) before a model sees a post, so what
it learns about "stop the heparin" carries over to "stop the clexane" and to a medicine no
training post named.  Patients misspell names ("heprin", "clexaine", "progesterone"
without its second e): a word one typing slip away from a name this file lists is read
as that name.  Supplements get their own token, since "swap the metformin for inositol"
is a change and "should I take inositol" is not.

Two sources: the fertility and pregnancy medicines written below, and the single-word
names of the drug-named-entity-recognition dictionary, kept in ``data/drug_names.txt``
(written by ``manage.py moderation_train``; about 30,000 names, read once per process).
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
DRUG_NAMES_PATH = DATA_DIR / "drug_names.txt"

FERTILITY_MEDICINES = frozenset(
    [
        "adalimumab",
        "amoxicillin",
        "antibiotic",
        "antibiotics",
        "antidepressant",
        "antidepressants",
        "aspirin",
        "azithromycin",
        "bemfola",
        "bromocriptine",
        "buccastem",
        "buserelin",
        "cabergoline",
        "cetrotide",
        "citalopram",
        "clexane",
        "clomid",
        "clomiphene",
        "clomifene",
        "crinone",
        "cyclizine",
        "cyclogest",
        "dalteparin",
        "decapeptyl",
        "dexamethasone",
        "diclectin",
        "diclegis",
        "doxycycline",
        "doxylamine",
        "duphaston",
        "dydrogesterone",
        "elonva",
        "eltroxin",
        "endometrin",
        "enoxaparin",
        "escitalopram",
        "estrace",
        "estradiol",
        "evorel",
        "femara",
        "fluoxetine",
        "fostimon",
        "fragmin",
        "ganirelix",
        "gestone",
        "glucophage",
        "gonal",
        "gonal-f",
        "heparin",
        "humira",
        "hydrocortisone",
        "hydroxychloroquine",
        "inhixa",
        "innohep",
        "insulin",
        "intralipid",
        "intralipids",
        "ivig",
        "labetalol",
        "lamotrigine",
        "letrozole",
        "levetiracetam",
        "levo",
        "levothyroxine",
        "liothyronine",
        "lmwh",
        "lovenox",
        "lubion",
        "lupron",
        "luveris",
        "maxolon",
        "medroxyprogesterone",
        "menopur",
        "meriofert",
        "metformin",
        "methotrexate",
        "methyldopa",
        "metoclopramide",
        "metronidazole",
        "mifepristone",
        "miso",
        "misoprostol",
        "nifedipine",
        "norethisterone",
        "oestradiol",
        "omnitrope",
        "ondansetron",
        "orgalutran",
        "ovaleap",
        "ovidrel",
        "ovitrelle",
        "pergoveris",
        "phenergan",
        "pio",
        "plaquenil",
        "prednisolone",
        "prednisone",
        "pregnyl",
        "prochlorperazine",
        "progesterone",
        "progynova",
        "prolutex",
        "promethazine",
        "prometrium",
        "prostap",
        "provera",
        "prozac",
        "quetiapine",
        "rekovelle",
        "serophene",
        "sertraline",
        "stemetil",
        "suprecur",
        "synthroid",
        "tacrolimus",
        "tamoxifen",
        "thyroxine",
        "tinzaparin",
        "utrogestan",
        "venlafaxine",
        "warfarin",
        "xonvea",
        "zofran",
        "zoloft",
        "finasteride",
        "testosterone",
        "trt",
        "sulfasalazine",
        "naproxen",
        "ibuprofen",
        "codeine",
        "co-codamol",
        "paracetamol",
        "tylenol",
        "omeprazole",
        "ranitidine",
        "nitrofurantoin",
        "cephalexin",
        "keflex",
        "fluconazole",
        "canesten",
        "propranolol",
        "sumatriptan",
        "mirtazapine",
        "duloxetine",
        "paroxetine",
        "amitriptyline",
        "diazepam",
        "lorazepam",
        "zopiclone",
    ]
)
# Two-word names, matched before single words.
FERTILITY_MEDICINE_PAIRS = frozenset(
    {
        ("baby", "aspirin"),
        ("trigger", "shot"),
        ("blood", "thinner"),
        ("blood", "thinners"),
        ("folic", "5mg"),
        ("anti", "d"),
        ("the", "pill"),
    }
)
SUPPLEMENTS = frozenset(
    [
        "b12",
        "coq10",
        "dhea",
        "folate",
        "folic",
        "inositol",
        "myo-inositol",
        "ovasitol",
        "melatonin",
        "multivitamin",
        "multivitamins",
        "pregnacare",
        "probiotic",
        "probiotics",
        "ubiquinol",
        "omega",
        "zinc",
        "selenium",
        "maca",
        "vitex",
        "agnus",
        "castus",
        "nattokinase",
        "turmeric",
        "curcumin",
        "ashwagandha",
        "ginseng",
        "acupuncture",
        "herbs",
        "herbal",
        "wellman",
        "vitamin",
        "vitamins",
        # "evening" is left out: "this evening" says when, and "primrose" names the oil
        "primrose",
        "l-arginine",
        "arginine",
        "royal",
        "jelly",
    ]
)
# Words that name a medicine without naming which, or the form it comes in, as a question
# about changing one uses them ("should I come off the injections?", "can I skip a
# tablet?"), and brand names the drug dictionary lacks that written questions use. Read
# only by the prescription check's test that a question is about a medicine at all
# (``names_a_medicine``); the model reads ``<med>`` for the names above instead.
MEDICINE_WORDS = frozenset(
    [
        "medication",
        "medications",
        "medicine",
        "medicines",
        "tablet",
        "tablets",
        "tabs",
        "pill",
        "pills",
        "capsule",
        "capsules",
        "injection",
        "injections",
        "injectable",
        "injectables",
        "jab",
        "jabs",
        "shot",
        "shots",
        "pessary",
        "pessaries",
        "suppository",
        "suppositories",
        "patch",
        "patches",
        "gel",
        "cream",
        "inhaler",
        "inhalers",
        "dose",
        "doses",
        "dosage",
        "dosages",
        "prescription",
        "prescriptions",
        "prescribed",
        "prescribe",
        "drug",
        "drugs",
        "steroid",
        "steroids",
        "thinner",
        "thinners",
        "hormone",
        "hormones",
        "hrt",
        "contraceptive",
        "contraception",
        "coil",
        "implant",
        "trigger",
        "mg",
        "mcg",
        "iu",
        "ml",
        "anti-d",
        "pred",
        "iron",
        "susten",
        "thyronorm",
        "ecosprin",
    ]
)
# How people shorten words on phones, mapped to what the model was trained to read.
TEXT_SPEAK = {
    "u": "you", "ur": "your", "ya": "you", "yr": "your", "r": "are", "n": "and", "b4": "before",
    "shud": "should", "shld": "should", "cud": "could", "cld": "could", "wud": "would",
    "wld": "would", "cn": "can", "hv": "have", "abt": "about", "bc": "because", "coz": "because",
    "cos": "because", "cuz": "because", "pls": "please", "plz": "please", "thx": "thanks",
    "tho": "though", "wanna": "want to", "gonna": "going to", "gotta": "got to", "jus": "just",
    "jst": "just", "nt": "not", "dont": "don't", "cant": "can't", "wont": "won't", "im": "i'm",
    "ive": "i've", "id": "i'd", "isnt": "isn't", "didnt": "didn't",
    "doesnt": "doesn't", "shouldnt": "shouldn't", "wouldnt": "wouldn't", "havent": "haven't",
    "thats": "that's", "whats": "what's", "any1": "anyone", "some1": "someone",
    "every1": "everyone",
    "no1": "no one", "kms": "kill myself", "unalive": "kill", "wks": "weeks", "wk": "week",
    "meds": "medication", "med": "medication", "dr": "doctor", "drs": "doctors", "doc": "doctor",
    "dh": "husband", "bfp": "positive test", "bfn": "negative test",
    "mc": "miscarriage", "mmc": "missed miscarriage", "m/c": "miscarriage",
    "perscribed": "prescribed", "prescibed": "prescribed", "perscription": "prescription",
    "docter": "doctor", "misscarage": "miscarriage", "miscarrage": "miscarriage",
    "misscarriage": "miscarriage", "pregant": "pregnant", "preggers": "pregnant",
    "stoping": "stopping", "stoped": "stopped", "shoud": "should", "wether": "whether",
}  # fmt: skip

_LOCK = threading.Lock()
_DRUG_NAMES: frozenset[str] | None = None


def drug_names() -> frozenset[str]:
    """The large dictionary's single-word names, read once per process (empty if absent)."""
    global _DRUG_NAMES
    if _DRUG_NAMES is None:
        with _LOCK:
            if _DRUG_NAMES is None:
                try:
                    text = DRUG_NAMES_PATH.read_text(encoding="utf-8")
                except OSError:
                    text = ""
                _DRUG_NAMES = frozenset(text.split())
    return _DRUG_NAMES


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


@lru_cache(maxsize=1)
def _near_index() -> dict[str, str]:
    """Every curated medicine name with one letter removed, mapped to the name."""
    index: dict[str, str] = {}
    for name in FERTILITY_MEDICINES:
        if len(name) >= 5:
            for d in _deletions(name):
                index.setdefault(d, name)
    return index


@lru_cache(maxsize=1)
def _longest_name() -> int:
    return max(len(name) for name in FERTILITY_MEDICINES)


@lru_cache(maxsize=65536)
def word_class(word: str, extra_medicines: frozenset[str] = frozenset()) -> str | None:
    """ "med", "supp" or None for one lower-case word; one typing slip away counts as a name.

    Slips: a letter missing ("heprin"), one too many ("clexaine"), one wrong or two swapped
    ("progesteron", "letrozle").  Only curated names of five letters or more are matched
    loosely, so short words are never mistaken for medicines.
    """
    if word in SUPPLEMENTS:
        return "supp"
    if word in FERTILITY_MEDICINES or word in extra_medicines:
        return "med"
    if len(word) >= 5 and word.isalpha():
        if word in drug_names():
            return "med"
        if len(word) > _longest_name() + 1:
            # One slip changes the length by one at most; and a 20,000-letter "word" would
            # cost 20,000 deletions of 20,000 letters each.
            return None
        index = _near_index()
        if word in index or any(d in FERTILITY_MEDICINES for d in _deletions(word)):
            return "med"
        if any(d in index for d in _deletions(word)) and len(word) >= 6:
            return "med"
    return None


def reset_lexicon_cache() -> None:
    """Forget the names read from disk (after ``moderation_train --refresh-drug-names``)."""
    global _DRUG_NAMES
    with _LOCK:
        _DRUG_NAMES = None
    word_class.cache_clear()
