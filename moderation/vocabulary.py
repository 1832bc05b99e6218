"""Word lists for the moderation detectors.

Pure data: no Django, no I/O.  Admins can extend the medicine list and the
phrase lists at run time through ``detectors.Vocabulary``; these are the
built-in defaults.  Everything here is matched case-insensitively on word
boundaries.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` (for compact word lists)."""
    return frozenset(text.split())


# Prescribed medicines commonly discussed on a fertility / pregnancy forum:
# generic names, brand names and the abbreviations patients actually use.
# The large general drug dictionary (drug-named-entity-recognition) is only a
# fallback; this list is the fast path.
FERTILITY_MEDICINES: frozenset[str] = words(
    """
    heparin lmwh lovenox enoxaparin clexane inhixa fragmin dalteparin tinzaparin innohep
    aspirin baby aspirin prednisolone prednisone pred dexamethasone dex hydrocortisone
    steroid steroids progesterone prog pio cyclogest crinone utrogestan lubion prolutex
    gestone endometrin prometrium ivig intralipid intralipids metformin glucophage
    levothyroxine levo thyroxine synthroid eltroxin liothyronine
    estradiol oestradiol progynova estrace evorel estrogen oestrogen
    clomid clomiphene serophene letrozole femara hydroxychloroquine plaquenil
    humira adalimumab sertraline citalopram fluoxetine escitalopram prozac zoloft
    antidepressant antidepressants cabergoline bromocriptine
    gonal-f gonal menopur meriofert cetrotide orgalutran ganirelix buserelin suprecur
    lupron decapeptyl prostap ovitrelle pregnyl trigger shot norethisterone provera
    tamoxifen insulin labetalol nifedipine warfarin tacrolimus neupogen gcsf g-csf
    doxycycline antibiotics blood thinners thinners medroxyprogesterone
    """
) | frozenset(
    {
        "baby aspirin",
        "blood thinner",
        "blood thinners",
        "trigger shot",
        "folic acid 5mg",
        "5mg folic acid",
        "high dose folic acid",
        "high-dose folic acid",
    }
)

# Remove accidental single-word splits of the multi-word entries above.
FERTILITY_MEDICINES = FERTILITY_MEDICINES - {"baby", "blood", "shot"} | {
    "trigger shot",
    "the met",
    "my met",
    "your met",
}

# How patients refer to their prescribed medicines without naming them.
MEDICINE_SLANG: frozenset[str] = words(
    """
    jab jabs injection injections shot shots pessary pessaries suppository suppositories
    bum bullets meds medication medications medicine medicines tablet tablets pill pills
    pens patches infusion infusions drip dose doses dosage protocol drugs
    """
) | frozenset({"bum bullets", "the pill", "blood thinners"})

# Over-the-counter supplements: on their own they are NOT prescription medicines.
SUPPLEMENTS: frozenset[str] = words(
    """
    vitamin vitamins multivitamin multivitamins folic folate fish oil omega coq10 ubiquinol
    inositol myo-inositol ovasitol pregnacare dhea melatonin zinc iron b12 supplement
    supplements probiotic probiotics
    """
) | frozenset({"vitamin d", "vit d", "folic acid", "fish oil", "omega 3", "royal jelly"})

# Who counts as a prescriber: "my RE switched me", "ask your GP".
PRESCRIBERS: tuple[str, ...] = (
    "re",
    "res",
    "cons",
    "consultant",
    "consultants",
    "doctor",
    "doctors",
    "doc",
    "dr",
    "gp",
    "ob",
    "obgyn",
    "ob/gyn",
    "endo",
    "endocrinologist",
    "clinic",
    "clinics",
    "nurse",
    "nurses",
    "midwife",
    "psychiatrist",
    "haematologist",
    "hematologist",
    "specialist",
    "immunologist",
    "fs",
    "team",
    "hospital",
    "pharmacist",
    "prescriber",
    "epu",
    "mfm",
    "fertility doctor",
    "fertility clinic",
    "fertility nurse",
    "on-call nurse",
    "rheumatologist",
    "perinatologist",
)

# Change verbs.  Each entry: canonical action -> regex for the base form
# (imperative / infinitive / present), the -ing form, and the past form.
# The detectors decide from context whether a form counts.
CHANGE_VERBS: dict[str, tuple[str, str, str]] = {
    "stop": (r"stop(?:s)?(?:\s+taking|\s+using|\s+doing)?", r"stopping(?:\s+taking)?", r"stopped"),
    "come off": (r"come\s+off", r"coming\s+off", r"came\s+off"),
    "get off": (r"get\s+off", r"getting\s+off", r"got\s+off"),
    "go off": (r"go\s+off", r"going\s+off", r"went\s+off|gone\s+off"),
    "quit": (r"quit", r"quitting", r"quit(?:ted)?"),
    "drop": (r"drop(?!\s+(?:me|us|you)\b)", r"dropping", r"dropped"),
    "ditch": (
        r"ditch|bin|chuck|dump|forget(?:\s+about)?(?=\s+(?:the|your|my|it|them)\b)",
        r"ditching|binning|chucking|dumping",
        r"ditched|binned",
    ),
    "give up": (r"give\s+up", r"giving\s+up", r"gave\s+up|given\s+up"),
    "skip": (r"skip", r"skipping", r"skipped"),
    "miss": (
        r"miss(?!\s+(?:my|our|her|him|you|them)\s+(?:baby|babies|angel|son|daughter|boy|girl))",
        r"missing",
        r"missed",
    ),
    "switch": (r"switch(?:\s+over)?", r"switching", r"switched"),
    "swap": (
        r"swap|sub|substitute|replace",
        r"swapping|subbing|substituting|replacing",
        r"swapped|subbed|substituted|replaced",
    ),
    "change": (
        r"change(?!\s+(?:clinics?|doctors?|hospitals?|jobs?|my\s+mind))",
        r"changing",
        r"changed",
    ),
    "taper": (r"taper(?:\s+down|\s+off)?", r"tapering", r"tapered"),
    "wean": (r"wean", r"weaning", r"weaned"),
    "reduce": (
        r"reduce|lower|decrease|cut\s+(?:down|back|out)|cut(?!\s+(?:my|your|her|him|them)sel)",
        r"reducing|lowering|decreasing|cutting",
        r"reduced|lowered|decreased",
    ),
    "increase": (r"increase|bump\s+up", r"increasing|bumping\s+up", r"increased"),
    "go up": (r"go\s+up", r"going\s+up", r"went\s+up|gone\s+up"),
    "go down": (
        r"go\s+(?:straight\s+)?down",
        r"going\s+(?:straight\s+)?down",
        r"went\s+(?:straight\s+)?down|gone\s+(?:straight\s+)?down",
    ),
    "up": (
        r"up(?=\s+(?:it|them)\b)|up(?=\s+(?:the|my|your|her)\s+(?:\w+\s+)?dose\b)"
        r"|up(?=\s+(?:the|my|your|her)\s+\w+\s+to\s+\d)|(?<=to\s)up(?=\s+(?:it|them|the|my|your|her|to)\b)|(?<=just\s)up(?=\s+(?:it|them|the|my|your|her|to)\b)"
        r"|(?<=i\s)up(?=\s+(?:it|them|the|my)\b)|(?<=you\s)up(?=\s+(?:it|them|the|your)\b)",
        r"upping",
        r"upped",
    ),
    "halve": (r"halve|half", r"halving", r"halved"),
    "double": (
        r"double(?:\s+up)?(?![\s-]+(?:check|checked|checking|buggy|buggies|pram|bed|trouble))",
        r"doubling(?:\s+up)?(?!\s+(?:time|times))",
        r"doubled\s+up",
    ),
    "shift": (
        r"shift|move|push(?:\s+back)?|bring\s+forward|delay|postpone|pause|hold\s+off",
        r"shifting|moving|pushing\s+back|delaying|postponing|pausing|holding\s+off",
        r"shifted|pushed\s+back|delayed|postponed|paused|held\s+off",
    ),
    "continue": (
        r"continue|carry\s+on|keep\s+(?:on\s+)?(?:taking|using|injecting|going\s+with|doing)|stay\s+on|"
        r"stick\s+with|bother(?:\s+with|\s+taking|\s+having|\s+doing)|keep\s+(?=it|them|going)",
        r"continuing|carrying\s+on|keeping\s+(?:on\s+)?(?:taking|going)|staying\s+on",
        r"continued|carried\s+on|kept\s+(?:on\s+)?taking|stayed\s+on",
    ),
    "start": (
        r"(?:re-?)?start(?:\s+taking|\s+using)?|begin|go\s+(?:back\s+)?on|resume",
        r"(?:re-?)?starting(?:\s+taking)?|beginning|going\s+(?:back\s+)?on|resuming",
        r"(?:re-?)?started|began|went\s+(?:back\s+)?on|resumed",
    ),
    "take": (
        r"take|put|have|do|add",
        r"taking|putting|having|doing|adding",
        r"took|put|had|did|added",
    ),
    "use": (
        r"use|try|go\s+ahead|get|order|buy",
        r"using|trying|going\s+ahead|getting|ordering|buying",
        r"used|tried|went\s+ahead|got|ordered|bought",
    ),
}

# Against / without the prescriber: "myself", "without telling the clinic",
# "whatever the leaflet says", "even if they've told you to stop".
AGAINST_PRESCRIBER_PATTERNS: tuple[str, ...] = (
    r"\bwithout\s+(?:telling|asking|letting|informing|checking|a\s+prescription|a\s+referral|"
    r"them\s+knowing|(?:the|my|your)\s+(?:clinic|doctor|re|gp|cons)'?s?\s+(?:ok|okay|knowing|say-?so))",
    r"\b(?:my|your|her|our)sel(?:f|ves)\b",
    r"\bon\s+(?:my|your|her|our)\s+own\b",
    r"\bbehind\s+(?:their|your|my|her)\s+back",
    r"\b(?:never|won't|wouldn't|didn't|don't|doesn't)\s+(?:even\s+)?(?:knew|know|notice|noticed|find\s+out|found\s+out|check)\b",
    r"\b(?:don'?t|do\s+not|not|never|no\s+need\s+to)\s+(?:mention|tell)\b",
    r"\btell(?:ing)?\s+them\s+after",
    r"\bwhatever\s+(?:the|your|they|he|she|my)\b[^.?!]{0,25}?\b(?:say|says|said|tell|tells|think|thinks)\b",
    r"\beven\s+(?:if|though|when)\s+(?:the|your|they|my|he|she|it|protocol|clinic)\b",
    r"\bregardless\s+of\b",
    r"\bagainst\s+(?:medical\s+)?advice\b",
    r"\banyway\b",
    r"\b(?:too|overly)\s+(?:cautious|careful)\b",
    r"\bcover\s+themselves\b",
    r"\bignore\s+(?:the|your|them|what|him|her)\b",
    r"\bsaid\s+no\b",
    r"\bcan'?t\s+get\s+hold\s+of\b",
    r"\b(?:clinic|surgery)(?:'s|\s+is)\s+(?:shut|closed)\b",
    r"\bdon'?t\s+wait\s+for\b",
    r"\boverkill\b",
    r"\bpoison\b",
)

# A medicine that was not prescribed to the person who would take it.
UNPRESCRIBED_SUPPLY_PATTERNS: tuple[str, ...] = (
    r"\bleft\s*-?\s*over\b",
    r"\bleftovers?\b",
    r"\b(?:got|have|had|has)\s+(?:some\s+|a\s+few\s+|\d+\s+)?(?:\w+\s+)?left\b",
    r"\bleft\s+from\b",
    r"\bspare\b",
    r"\b(?:friend|sister|mum|mom|mother|sil|cousin|neighbou?r|someone|somebody|colleague|aunt|nan|"
    r"gran|dad|brother)(?:'s|s'|\s+has|\s+had|\s+gave)\b",
    r"\b(?:from|of)\s+(?:a|my|your)\s+(?:friend|sister|mum|mom|mother|cousin|neighbou?r)\b",
    r"\bher\s+\w+\s+(?:tablets|pills|pens|meds)\b",
    r"\btake\s+hers\b",
    r"\bhers\b",
    r"\b(?:your|my)\s+old\b",
    r"\bnot\s+prescribed\b",
    r"\bwithout\s+a\s+(?:prescription|referral)\b",
    r"\bprivate(?:ly)?\b",
    r"\bbought\s+(?:it|them|some)?\s*online\b",
)

# Phrases that send someone to their prescriber (cancel a sentence).
SAFE_ADVICE_PATTERNS: tuple[str, ...] = (
    r"\b(?:ask|asking|check\s+with|checking\s+with|speak\s+to|speaking\s+to|talk\s+to|talking\s+to|"
    r"ring|call|phone|contact|run\s+it\s+by|discuss\s+(?:it\s+|this\s+)?with|mention\s+it\s+to|"
    r"raise\s+(?:it|this|that)\s+with|get\s+advice\s+from|double[- ]check\s+with)\s+"
    r"(?:your|the|ur)\s+(?:own\s+)?(?:{prescribers})\b",
    r"\braise\s+(?:the\s+)?[\w ]{0,20}?\s+with\s+(?:your|the)\s+(?:{prescribers})\b",
    r"\b(?:don'?t|do\s+not|never|wouldn'?t|please\s+don'?t)\b[^.?!]{0,40}\bwithout\s+"
    r"(?:talking|speaking|checking|asking|consulting|running\s+it)",
    r"\bbefore\s+(?:changing|stopping|starting)\s+(?:anything|it|them)\b",
    r"\b(?:your|the)\s+(?:{prescribers})\s+(?:is|are)\s+the\s+(?:best|right)\s+(?:person|people)\b",
)

PROMOTION_STRONG_PATTERNS: tuple[str, ...] = (
    r"\bi\s+sell\b",
    r"\b(?:buy|sell|selling)\s+(?:my|some|a\s+few)\s+(?:unused|spare|leftover|left\s*over|unopened)\b",
    r"\bono\b",
    r"\bwe\s+sell\b",
    r"\bselling\s+(?:my\s+|some\s+|a\s+|an\s+|\d+\s+)",
    r"\bfor\s+sale\b",
    r"\bhalf\s+price\b",
    r"\breferral\s+(?:link|code)\b",
    r"\bmy\s+referrals?\b",
    r"\buse\s+(?:my\s+)?(?:code|link|discount)\b",
    r"\b(?:discount|promo|voucher|coupon)\s+code\b",
    r"\bcode\s+[A-Za-z]*\d+[A-Za-z\d]*\b",
    r"\d{1,2}\s*%\s+off\b",
    r"\bbook\s+(?:your|a|an|in\s+for\s+a|now)\b[^.?!]{0,30}\b(?:consultation|call|session|appointment|slot|now|today)",
    r"\bfree\s+(?:\d+\s*(?:-\s*)?(?:min|minute)s?\s+)?(?:consultation|consult|discovery\s+call|call|sample|trial|session)\b",
    r"\bfirst\s+(?:session|consultation|appointment|month)\s+(?:is\s+)?(?:free|half|\d+%)",
    r"1st\s+(?:session|consultation|appointment|month)\s+(?:is\s+)?(?:free|half|\d+%)",
    r"\b(?:my|our)\s+(?:customers|clients)\b",
    r"\bcheck\s+(?:out\s+)?my\s+(?:profile|website|site|page|instagram|insta|shop|bio)\b",
    r"\blink\s+in\s+(?:my\s+)?bio\b",
    r"\b(?:visit|see)\s+(?:us\s+at\s+)?(?:www\.|https?://)",
    r"\bwe\s+(?:offer|specialise|specialize|provide|now\s+offer|can\s+offer)\b",
    r"\bour\s+(?:lab|clinic|practice|centre|center|team|programme|program|course|service|services|"
    r"products?|shop|store)\s+(?:now\s+)?(?:offers?|provides?|has|have|specialises?|specializes?|is)\b",
    r"\bmention\s+(?:this\s+(?:forum|site|group|post)|my\s+name)\b",
    r"\bwalk-?ins?\s+welcome\b",
    r"\b(?:i'?m|i\s+am)\s+(?:a|an)\s+(?:certified\s+|qualified\s+|registered\s+|fertility\s+|holistic\s+|"
    r"natural\s+|pregnancy\s+)*(?:coach|doula|acupuncturist|nutritionist|naturopath|reflexologist|"
    r"hypnotherapist|herbalist|practitioner|patient\s+coordinator|coordinator|consultant|"
    r"therapist|masseuse|homeopath|kinesiologist|reiki\s+master)\b[^.?!]{0,80}",
    r"\bi\s+(?:can|could)\s+(?:get|find)\s+you\s+(?:a\s+)?(?:referral|appointment|seen|a\s+discount)",
    r"\b(?:sign|signs)\s+up\s+(?:at|here|via|now)\b",
    r"\b(?:limited|only\s+\d+)\s+(?:spaces|places|spots)\b",
    r"\b(?:order|buy|shop)\s+(?:now|today|online\s+at|at\s+www)\b",
    r"[£$€]\s?\d[\d,.]*\b[^.?!]{0,40}\b(?:www\.|https?://|\.example\b|dm\s+me|message\s+me|code)",
    r"\b(?:my|our)\s+(?:e-?book|course|programme|program|app|shop|store|business|practice)\b"
    r"[^.?!]{0,60}\b(?:£|\$|€|www\.|https?://|code|discount|link|dm|message\s+me|book)",
    r"\b(?:dm|pm|inbox|message|msg)\s+me\b(?:[^.?!\n]|\.(?=\w)){0,60}\b(?:details|practitioner|price|prices|"
    r"sample|programme|program|product|products|discount|link|info|information|website|"
    r"services?|rates?|order|pack)\b",
    r"\b(?:dm|pm|inbox|message|msg|email|e-mail|text|call|ring|whatsapp)\s+me\b(?:[^.?!\n]|\.(?=\w)){0,80}\b(?:send|give)\s+you\s+"
    r"(?:the\s+|my\s+|a\s+)?(?:details|sample|link|price|info|prices|discount|code)",
)

PROMOTION_WEAK_PATTERNS: tuple[str, ...] = (
    r"\b(?:dm|pm|inbox|message|msg)\s+me\b",
    r"\b(?:call|ring|text|email|e-mail|whatsapp|contact)\s+me\b",
    r"\bget\s+in\s+touch\b",
    r"\b(?:www\.|https?://)\S+",
    r"[£$€]\s?\d",
    r"\b(?:prices?|pricing|discount|deal|offer|offers)\b",
    r"\b(?:programme|program|course|package|sessions|consultations?|treatments?|products?)\b",
    r"\b(?:specialise|specialize|specialising|specializing)\b",
    r"\b(?:book|booking)\b",
    r"\b(?:success\s+rate|live\s+birth\s+rate|guaranteed?)\b",
    r"\bhundreds\s+of\s+(?:women|couples|clients|ladies)\b",
    r"\b(?:years'?|yrs)\s+(?:of\s+)?experience\b",
    r"\bi'?m\s+(?:a|an)\s+[\w ]{0,20}(?:coach|doula|acupuncturist|nutritionist|practitioner|coordinator)\b",
)

# Non-commercial context that should not be read as promotion by itself.
PROMOTION_EXCUSE_PATTERNS: tuple[str, ...] = (
    r"\b(?:charity|charities|non-?profit|nhs|peer\s+support|support\s+group|volunteer|free\s+group)\b",
)

CRISIS_PATTERNS: tuple[str, ...] = (
    r"\bsuicid(?:e|al)\b",
    r"\bkill(?:ing)?\s+my\s*self\b",
    r"\bend(?:ing)?\s+(?:it\s+all|my\s+(?:own\s+)?life|things|everything|it)\b(?!\s+(?:with|off|early|here|now\s+with))",
    r"\btake\s+my\s+(?:own\s+)?life\b",
    r"\bself[-\s]?harm(?:ing)?\b",
    r"\b(?:hurt|hurting|harm|harming|cut|cutting)\s+my\s*self\b",
    r"\b(?:want|wanted|wanting|wish|wished)\s+(?:to|i\s+(?:could|was|were))\s+(?:just\s+)?(?:die|be\s+dead|disappear\s+(?:forever|for\s+good)|not\s+exist|stop\s+existing)\b",
    r"\bwish\s+i\s+(?:was|were|had)\s+(?:dead|never\s+been\s+born|died)\b",
    r"\bwish\s+i(?:'d|\s+had)\s+(?:died|not\s+survived|never\s+woken|gone\s+with)\b",
    r"\b(?:nobody|no\s+one|no-one)\s+would\s+(?:even\s+|really\s+)?(?:notice|care|miss\s+me)\s+if\s+i\s+"
    r"(?:was|were|wasn'?t|died|disappeared|went|left|ended)",
    r"\b(?:when|once|after)\s+i'?m\s+(?:gone|dead|not\s+here)\b",
    r"\b(?:be|are|is)\s+better\s+off\s+without\s+me\b",
    r"\b(?:better|happier|easier)\s+(?:off\s+)?without\s+me\b",
    r"\b(?:easier|better)\s+(?:for\s+(?:everyone|everybody|him|them)\s+)?if\s+i\s+(?:just\s+)?(?:wasn'?t|weren'?t|"
    r"was\s+not|didn'?t|did\s+not)\s+(?:here|around|alive|exist)",
    r"\b(?:didn'?t|did\s+not)\s+exist\s+(?:anymore|any\s+more)\b",
    r"\bbetter\s+off\s+(?:dead|if\s+i\s+(?:wasn'?t|weren'?t|was\s+not|were\s+not)\s+(?:here|around|alive))\b",
    r"\b(?:don'?t|do\s+not|didn'?t)\s+want\s+to\s+(?:be\s+here|be\s+alive|live|exist|wake\s+up|go\s+on)\b",
    r"\b(?:not|never|wouldn'?t|won'?t|didn'?t)\s+(?:to\s+)?wake\s+up\b",
    r"\bgo\s+to\s+sleep\s+and\s+(?:never|not)\b",
    r"\b(?:no|(?:don'?t|can'?t|cannot)\s+see\s+(?:the|any)|what'?s\s+the)\s+(?:point|reason)\s+(?:in\s+|of\s+|to\s+)?"
    r"(?:going\s+on|living|being\s+alive|being\s+here|carrying\s+on\s+living|life|to\s+live|live|"
    r"keep(?:ing)?\s+going(?!\s+with)|go\s+on(?!\s+with))\b",
    r"\b(?:nothing|no\s+reason|no\s+one)\s+(?:left\s+)?to\s+live\s+for\b",
    r"\b(?:life|living)\s+(?:is\s+|isn'?t\s+|is\s+not\s+)?(?:not\s+)?worth\s+(?:living|it\s+anymore)\b",
    r"\bcan'?t\s+go\s+on\s+(?:living|anymore|any\s+more)\b",
    r"\b(?:want|need)\s+(?:it\s+all|everything|the\s+pain)\s+to\s+(?:end|stop)\s+(?:for\s+good|forever|permanently)\b",
    r"\bwant(?:s|ed)?\s+(?:it\s+all|everything|my\s+life|life)\s+to\s+(?:end|stop|be\s+over)\b",
    r"\b(?:pain|it|this|everything)\s+to\s+(?:stop|end)\s+for\s+good\b",
    r"\bwant\s+to\s+be\s+with\s+(?:her|him|them|my\s+(?:baby|babies|angel|angels|son|daughter|boy|girl|twins))\b(?!\s+(?:at|when|for|in|on)\b)",
    r"\b(?:ways|how)\s+to\s+(?:do\s+it|die|end\s+it|kill)\b",
    r"\blooking\s+up\s+(?:ways|how|methods)\b",
    r"\b(?:written|wrote|writing)\s+(?:goodbye\s+)?(?:letters|notes?)\s+(?:to|for)\s+(?:my|everyone)\b",
    r"\bgoodbye\s+(?:letters?|notes?)\b",
    r"\b(?:stockpil|sav)(?:ed|ing)\s+up\s+(?:my\s+)?(?:pills|tablets|meds)\b",
    r"\bdon'?t\s+want\s+to\s+be\s+alive\b",
    r"\b(?:think|thinking|thought)\s+about\s+tak(?:e|ing)\s+(?:all|a\s+load\s+of|a\s+bunch\s+of|loads\s+of)\s+"
    r"(?:my\s+|the\s+|of\s+my\s+)?(?:pills|tablets|meds)\b",
    r"\bend\s+my\s+own\b",
    r"\bjoin\s+(?:her|him|them|my\s+(?:baby|angel))\b",
    r"\bno\s+longer\s+want\s+to\s+(?:live|be\s+here)\b",
    r"\b(?:overdose|od)\s+on\b",
    r"\bjump\s+(?:off|in\s+front)\b",
)

# Phrases that look like crisis patterns but are not about the poster.
CRISIS_NEGATIONS: tuple[str, ...] = (
    r"\b(?:not|never|no\s+longer|wasn'?t|isn'?t|am\s+not|i'?m\s+not)\s+(?:feeling\s+|been\s+|at\s+all\s+)?suicidal\b",
    r"\bno\s+(?:thoughts\s+of\s+)?(?:self[-\s]?harm|suicid\w*)\b",
    r"\b(?:suicide|self[-\s]?harm)\s+(?:rates?|statistics|stats|prevention\s+(?:day|week|month))\b",
)
