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
    duphaston dydrogesterone methyldopa antibiotic antihistamine steroid
    methotrexate mtx misoprostol miso mifepristone mife ondansetron zofran cyclizine
    promethazine phenergan metoclopramide maxolon prochlorperazine buccastem stemetil xonvea
    diclectin doxylamine ovidrel fyremadel rekovelle elonva pergoveris luveris bemfola ovaleap
    omnitrope lmwh utrogestan stims stim
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
    pens patches patch infusion infusions drip dose doses dosage protocol drugs
    tab tabs capsule capsules applicator applicators gel jab injectables
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
    "stop": (
        r"stop(?:s)?(?:\s+taking|\s+using|\s+doing)?|go\s+cold\s+turkey(?:\s+on|\s+with)?"
        # "would it be terrible to just not take the sertraline?", "anyone not bothered with it?"
        r"|not\s+(?:bother(?:ed|ing)?\s+(?:with|taking|doing|having)|take|taking|do|doing|use|using)"
        # patches are the one medicine that is "taken off"
        r"|take\s+(?:it|them|(?:my|the|your|her|those|these)\s+(?:[\w-]+\s+){0,2}?patch(?:es)?)\s+off",
        r"stopping(?:\s+taking)?|going\s+cold\s+turkey(?:\s+on|\s+with)?",
        r"stopped|went\s+cold\s+turkey(?:\s+on|\s+with)?",
    ),
    "come off": (r"come\s+off", r"coming\s+off", r"came\s+off"),
    "get off": (r"get\s+off", r"getting\s+off", r"got\s+off"),
    "go off": (r"go\s+off", r"going\s+off", r"went\s+off|gone\s+off"),
    "quit": (r"quit", r"quitting", r"quit(?:ted)?"),
    "drop": (r"drop(?!\s+(?:me|us|you)\b)", r"dropping", r"dropped"),
    "ditch": (
        r"ditch|(?<!sharps\s)(?<!full\s)bin(?!\s+(?:bag|lid|liner|plus|and|is|was))|chuck|dump|forget(?:\s+about)?(?=\s+(?:the|your|my|it|them)\b)",
        r"ditching|binning|chucking|dumping",
        r"ditched|binned",
    ),
    "give up": (r"give\s+up", r"giving\s+up", r"gave\s+up|given\s+up"),
    "skip": (
        r"skip|leave\s+out"
        r"|leave(?=\s+(?:it|them|(?:the|my|your|her)(?:\s+[\w-]+){1,3})\s+(?:off|out)\b)",
        r"skipping|leaving\s+out",
        r"skipped|left\s+out",
    ),
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
    "increase": (
        r"increase|bump\s+up|push\s+up|(?:push|bump|ramp|crank)(?=\s+(?:it|them|(?:the|my|your|ur|her)\s+[\w-]+)\s+up\b)",
        r"increasing|bumping\s+up|pushing\s+up",
        r"increased",
    ),
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
        r"shift|move|push\s+back|push(?=\s+(?:it|them|(?:the|my|your)\s+[\w-]+)\s+(?:back|forward|later|till|until|to)\b)"
        r"|bring\s+forward|delay|postpone|pause|hold\s+off",
        r"shifting|moving|pushing\s+back|delaying|postponing|pausing|holding\s+off",
        r"shifted|pushed\s+back|delayed|postponed|paused|held\s+off",
    ),
    "continue": (
        r"continue|carry\s+on|keep\s+(?:on\s+)?(?:taking|using|injecting|going\s+with|doing)|stay\s+on|"
        r"keep\s+on(?:\s+with)?|"
        r"stick\s+with|bother(?:\s+with|\s+taking|\s+having|\s+doing)|keep\s+(?=it|them|going)|"
        # "is there any point (me) still taking ..."
        r"point\s+(?:in\s+)?(?:me\s+|my\s+)?(?:still\s+)?(?:taking|using|doing|being\s+on|continuing)",
        r"continuing|carrying\s+on|keeping\s+(?:on\s+)?(?:taking|going|with)?|staying\s+on",
        r"continued|carried\s+on|kept\s+(?:on\s+)?taking|stayed\s+on",
    ),
    # "do I (really / still) need the pessaries?", "you don't need it after 12 weeks"
    "need": (
        r"(?:really\s+|still\s+)?(?:need|have)(?:\s+to\s+(?:keep\s+(?:on\s+)?(?:taking|using|doing|with)?|"
        r"carry\s+on(?:\s+with)?|continue(?:\s+with)?|stay\s+on|be\s+on|take|use|do))?"
        r"(?<!\bhave)",
        r"(?!x)x",
        r"(?!x)x",
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
        r"use|try|go\s+ahead|get|order|buy|borrow",
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
    r"\b(?:they|they'll|clinic|doctor|re|gp|cons|consultant|nurse|nobody|no\s+one|no-one|he|she|it)\s+"
    r"(?:will\s+|would\s+|'ll\s+)?(?:never|won't|wouldn't|didn't|don't|doesn't|will\s+never)\s+(?:even\s+)?"
    r"(?:knew|know|notice|noticed|find\s+out|found\s+out|check)\b",
    r"\b(?:nobody|no\s+one|no-one)\s+(?:even\s+)?(?:noticed|knew|checked|asked|will\s+know|would\s+know)\b",
    r"\b(?:never|won't|wouldn't|didn't)\s+(?:even\s+)?(?:knew|notice|noticed|find\s+out|found\s+out)\b",
    r"\bmesel[f]\b|\bcold\s+turkey\b",
    r"\b(?:don'?t|do\s+not|not|never|no\s+need\s+to)\s+(?:mention|tell)\b",
    r"\btell(?:ing)?\s+them\s+after",
    r"\bwhatever\s+(?:the|your|they|he|she|my)\b[^.?!]{0,25}?\b(?:say|says|said|tell|tells|think|thinks)\b",
    r"\beven\s+(?:if|though|when)\s+(?:the|your|they|my|he|she|it|protocol|clinic)\b",
    r"\bregardless\s+of\b",
    r"\bagainst\s+(?:medical\s+)?advice\b",
    r"\banyway\b",
    r"\b(?:too|overly)\s+(?:cautious|careful)\b",
    r"\bcover\s+themselves\b",
    r"\bignore\s+(?:the|your|them|what|him|her|my|ur)\b",
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
    r"\bbefore\s+(?:changing|stopping|starting|skipping|moving|altering)\s+(?:anything|it|them)\b",
    # "ask them whether you can move your injection time", "ring the out-of-hours line"
    r"\b(?:ask|asking|check\s+with|checking\s+with)\s+(?:them|him|her|(?:your|the)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:{prescribers}|line|team|ward|unit|pharmacy|surgery))\s+(?:whether|if|about|before|first|what)\b",
    r"\b(?:ring|call|phone|contact)\s+(?:your|the)\s+(?:[\w-]+\s+){0,2}?(?:line|helpline|ward|unit|"
    r"pharmacy|surgery|111)\b",
    r"\b(?:one|a\s+question|a\s+decision|a\s+conversation)\s+(?:for|to\s+have\s+with)\s+(?:your|the)\s+"
    r"(?:{prescribers})\b",
    r"\b(?:your|the)\s+(?:{prescribers})\s+(?:is|are)\s+the\s+(?:best|right)\s+(?:person|people)\b",
)

# A sentence that defers the decision to the prescriber whatever else it says:
# "please don't halve it without checking first", "I can't advise you on stopping",
# "keep going as prescribed until you've talked it through with them".
STRONG_SAFE_ADVICE_PATTERNS: tuple[str, ...] = (
    r"\b(?:don'?t|do\s+not|never|wouldn'?t|would\s+never|please\s+don'?t)\b[^.?!]{0,50}\bwithout\s+"
    r"(?:first\s+)?(?:talking|speaking|checking|asking|consulting|running\s+it|discussing|ringing|calling)",
    r"\b(?:can'?t|cannot|can\s+not|won'?t|not\s+able\s+to|unable\s+to|not\s+in\s+a\s+position\s+to)\s+"
    r"(?:really\s+)?(?:advise|recommend|tell\s+you\s+(?:whether|if|to))\b",
    r"\bas\s+prescribed\b",
    r"\bwhoever\s+prescribed\b",
    r"\b(?:talk|talked|talking|speak|spoken|speaking|go|gone|went)\s+(?:it\s+)?through\s+(?:it\s+)?with\b",
    r"\b(?:until|till|before|unless)\s+you'?(?:ve|\s+have)?\s+(?:talked|spoken|checked|discussed|asked|"
    r"heard\s+from)\b",
)

# Things that are changed but are not medicines ("stop drinking coffee", "cut out caffeine").
NON_MEDICINE_OBJECTS: frozenset[str] = words(
    """
    coffee coffees caffeine tea teas alcohol booze wine drink drinks drinking sugar dairy gluten
    exercise exercises gym running work job shifts testing tests sex sushi cheese food eating
    smoking vaping cigarettes social media googling symptom symptoms hope trying diet
    """
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
    # a web address to visit, unless it is a public service or charity (.nhs.uk, .gov, .org)
    r"\b(?:visit|see)\s+(?:us\s+at\s+)?(?:www\.|https?://)(?!(?:[\w-]+\.)*(?:nhs|gov|org|ac)\b)",
    r"\bwe\s+(?:offer|specialise|specialize|provide|now\s+offer|can\s+offer)\b",
    r"\bour\s+(?:lab|clinic|practice|centre|center|team|programme|program|course|service|services|"
    r"products?|shop|store)\s+(?:now\s+)?(?:offers?|provides?|has|have|specialises?|specializes?|is)\b",
    r"\bmention\s+(?:this\s+(?:forum|site|group|post)|my\s+name)\b",
    r"\bwalk-?ins?\s+welcome\b",
    r"\b(?:i'?m|i\s+am)\s+(?:now\s+)?(?:a|an)\s+(?:[\w-]+\s+(?:and\s+|&\s+)?){0,4}?(?:coach|doula|acupuncturist|nutritionist|naturopath|reflexologist|"
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

PROMOTION_STRONG_PATTERNS = PROMOTION_STRONG_PATTERNS + (
    # referral schemes and commissions
    r"\b(?:affiliate|invite|referral|ref)\s+(?:link|code)s?\b",
    r"\b(?:i'?m|i\s+am)\s+(?:an?\s+)?(?:\w+\s+)?(?:affiliate|ambassador|distributor|brand\s+partner|stockist)\b",
    r"\bindependent\s+(?:distributor|consultant|rep|representative|stockist)\b",
    r"\b(?:i|we)\s+(?:get|earn|make|receive)\s+(?:a\s+)?(?:small\s+|little\s+|tiny\s+)?(?:commission|kickback|"
    r"cut|referral\s+fee|finder'?s\s+fee)\b",
    r"\bthrough\s+my\s+(?:link|code)\b",
    # own business and its prices
    r"\blink\s+(?:is\s+)?(?:in|on)\s+(?:my\s+)?(?:bio|profile|page)\b",
    r"\b(?:shop|store|booking|discount)\s+link\b",
    r"\b(?:my|our)\s+(?:rates|fees|price\s+list|packages)\b",
    r"\brates\s+(?:are\s+)?(?:on\s+request|available)\b",
    r"\bpackages?\s+(?:from|start(?:ing)?\s+(?:at|from))\b",
    r"\bearly[-\s]bird\b",
    r"\b(?:my|our)\s+(?:[\w-]+\s+){0,3}?(?:course|programme|program|e-?book|app|membership|workshop|"
    r"masterclass|retreat|plan)\s+(?:goes\s+live|launches|is\s+(?:now\s+)?(?:live|open)|opens)\b",
    r"\b(?:post|send)\s+you\s+(?:a\s+)?(?:free\s+)?samples?\b",
    r"\b(?:you\s+)?only\s+pay\s+(?:postage|p&p|shipping)\b",
    # recruiting (multi-level marketing)
    r"\bbuilding\s+(?:a|my|our)\s+team\b",
    r"\b(?:flexible|extra|side|passive|residual)\s+income\b",
    r"\bcomment\s+['\"\u2018\u201c]?\w+['\"\u2019\u201d]?\s+(?:and|below|if)\b",
    r"\badd\s+you\s+to\s+my\s+(?:group|team|list)\b",
    r"\bcall\s+our\s+(?:[\w-]+\s+)?(?:office|team|clinic|centre|center)\b",
    r"\bwe\s+run\s+(?:patient|a\s+clinic|clinics|our|fertility\s+(?:trips|tours|packages))\b",
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
    r"\b(?:written|wrote|writing)\s+(?:goodbye\s+)?(?:letters|notes?)\s+(?:to|for)\s+(?:my|everyone)\b"
    r"(?!\s+(?:mp|clinic|consultant|gp|doctor|hospital|trust|council|boss|employer|baby|babies|angel|son|"
    r"daughter|future|local|rainbow))",
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
    # --- wanting not to be alive, said indirectly
    r"\b(?:don'?t|do\s+not|didn'?t|no\s+longer)\s+(?:(?:really|even|think\s+i|know\s+if\s+i|honestly)\s+)*"
    r"want\s+to\s+(?:be\s+(?:here|alive|around)|live|exist|wake\s+up|go\s+on|carry\s+on)\b",
    r"\b(?:won'?t|will\s+not|don'?t\s+think\s+i'?ll|not\s+going\s+to)\s+be\s+(?:here|around)\s+"
    r"(?:much\s+longer|for\s+(?:much\s+)?long(?:er)?|by\s+(?:then|christmas|next))\b",
    r"\bdone\s+with\s+(?:life|living|being\s+alive|existing|this\s+life)\b",
    r"\bnot\s+(?:just\s+)?with\s+[\w ]{1,20},\s+(?:but\s+)?with\s+(?:everything|life|it\s+all)\b",
    r"\bwish(?:es|ed)?\s+i\s+(?:hadn'?t|had\s+not|didn'?t|did\s+not|never|wouldn'?t)\s+(?:\w+\s+)?"
    r"(?:woken|wake|survived|made\s+it|come\s+round)\b",
    r"\bcan'?t\s+(?:go\s+on|carry\s+on|keep\s+going)\s*(?:like\s+this|any\s+longer|anymore|[.!]|$)",
    r"\b(?:say|saying|said)\s+(?:my\s+)?goodbyes?\s+(?:to\s+(?:people|everyone|everybody|you\s+all|"
    r"all\s+of\s+you|my\s+(?:family|friends|husband|partner|kids|children|mum|mom|dh))|in\s+my\s+head)\b",
    # --- plans, methods and means
    r"\b(?:written|wrote)\s+(?:the|my|some|all\s+the)?\s*"
    r"(?:goodbye\s+)?letters\b(?!\s+(?:to|for)\s+(?:my|the|our|your|a)\s+(?:mp|clinic|consultant|gp|doctor|"
    r"hospital|trust|council|work|boss|employer|baby|babies|angel|son|daughter|future|local|rainbow))",
    r"\b(?:think\w*|thought|want\w*|tempt\w*|urge|could|about|planning|plan|keep)\b[^.?!]{0,20}"
    r"\b(?:tak|swallow)\w*\s+(?:all|every|the\s+whole|a\s+(?:whole|load|bunch)\s+of)\b",
    r"\b(?:tak|swallow)\w*\s+(?:all|every)\b[^.?!]{0,25}\bat\s+once\b",
    r"\boverdos(?:e|ed|ing)\b",
    r"\b(?:stash|stockpile|hoard|saved\s+up|saving\s+up|collecting)\b[^.?!]{0,30}\b(?:tablets|pills|meds|painkillers)\b",
    r"\bcounting\s+(?:them|the\s+(?:pills|tablets))\b",
    r"\bif\s+i\s+(?:was|were|wasn'?t|weren'?t|'m|am)\s+(?:gone|dead|not\s+(?:here|around|alive))\b",
    r"\b(?:driv(?:e|ing)|drove|crash(?:ing)?|steer(?:ing)?)\s+(?:my\s+car\s+|the\s+car\s+)?(?:into|off)\s+"
    r"(?:a|the)\s+(?:wall|tree|bridge|cliff|river|lorry|truck|motorway|sea|canal|quarry)\b",
    r"\b(?:step|stepping|walk|walking)\s+(?:in\s+front\s+of|into)\s+(?:a|the)\s+(?:train|bus|lorry|truck|"
    r"traffic|sea|river)\b",
    r"\bplann?(?:ed|ing)\s+(?:out\s+)?(?:how\s+(?:i'?d|i\s+would|i\s+will|i'?ll|to)|when\s+(?:i'?d|i\s+would|to)|"
    r"my\s+(?:death|suicide|exit|end|funeral))\b",
    r"\bhow\s+i'?d\s+do\s+it\b",
    r"\bscared\s+(?:of\s+)?(?:myself|what\s+i\s+(?:might|could|will|would)\s+do)\b",
    r"\b(?:cutting|cut|burning|hitting)\s+(?:myself\s+)?again\b",
)

# Phrases that look like crisis patterns but are not about the poster.
CRISIS_NEGATIONS: tuple[str, ...] = (
    r"\b(?:not|never|no\s+longer|wasn'?t|isn'?t|am\s+not|i'?m\s+not)\s+(?:feeling\s+|been\s+|at\s+all\s+)?suicidal\b",
    r"\bno\s+(?:thoughts\s+of\s+)?(?:self[-\s]?harm|suicid\w*)\b",
    r"\b(?:suicide|self[-\s]?harm)\s+(?:rates?|statistics|stats|prevention\s+(?:day|week|month))\b",
)


# --------------------------------------------------------------------------- round 5 classes
# The third blind set showed that each new set brings new verbs and framings, so the
# prescription rules below are written as CLASSES a moderator would name, each with many
# members.  They run (in ``detectors._class_change``) after the verb-by-verb rules, on
# normalised text ("dont" -> "don't", "youll" -> "you'll"), sentence by sentence.  A class
# match counts when the post is about a medicine and the sentence asks for a decision or
# gives advice (imperative, "I'd", "just", "won't make a difference", "they won't know").

_RELATIVE = (
    r"(?:friend|mate|pal|bestie|sister|sis|mum|mam|mom|mammy|mommy|mother|ma|nan|nanna|gran|granny|dad|"
    r"partner|husband|hubby|dh|wife|cousin|aunt|auntie|aunty|neighbou?r|colleague|sil|bil|brother|"
    r"flatmate|roommate|boss|coworker|co-worker|someone|somebody|daughter|niece)"
)

RX_CLASS_PATTERNS: tuple[tuple[str, str], ...] = (
    # (a) decline / refuse / ignore / defy the prescriber
    (
        "decline",
        r"\b(?:ignore|ignoring|defy|defying|go\s+against|going\s+against|overrule|disregard)\s+"
        r"(?:him|her|them|(?:my|your|ur|the|their|her|his)\s+(?:[\w-]+\s+)?(?:{prescribers}|advice|"
        r"instructions?|protocol|plan|leaflet|letter|orders?)|what\s+(?:he|she|they|the|your|ur|my))\b",
    ),
    (
        "decline",
        r"\b(?:refuse|refusing|decline|declining|say\s+no\s+to|saying\s+no\s+to|turn\s+down|turning\s+down|"
        r"reject|opt\s+out\s+of|push\s+back\s+on|fight\s+them\s+on)\s+(?:it|them|that|this|those|these|"
        r"(?:the|your|ur|my|her|a|another|any|more|their)\s+[\w-]+)\b",
    ),
    (
        "decline",
        r"\b(?:don'?t|do\s+not|never|no\s+need\s+to)\s+(?:even\s+)?(?:start|begin|bother\s+(?:with|starting|"
        r"taking|doing|having|using))\b(?!\s+(?:worrying|stressing|panicking|googling|testing|reading))",
    ),
    (
        "decline",
        r"\b(?:don'?t|do\s+not|never)\s+(?:take|have|use|do|inject|touch)\s+(?:it|them|any|that|those|"
        r"the\s+[\w-]+|your\s+[\w-]+)(?:\s+[\w-]+)?\s+at\s+all\b",
    ),
    (
        "decline",
        r"\bi\s+(?:wouldn'?t|would\s+not|would\s+never|won'?t|will\s+not|refuse\s+to)\s+(?:even\s+)?"
        r"(?:have|take|start|do|bother\s+with|use|touch|go\s+near|let\s+them\s+give\s+me)\s+(?:it|them|that|"
        r"those|these|another|a\s+second|any|the\s+[\w-]+|a\s+[\w-]+\s+(?:dose|jab|shot|injection))\b",
    ),
    (
        "decline",
        r"\b(?:would|will|should|shall)\s+(?:you|u|i|we)\s+(?:just\s+|still\s+|even\s+)?(?:have|go\s+ahead\s+with|"
        r"accept|agree\s+to|let\s+them\s+(?:give|do))\s+(?:it|them|that|this|the\s+(?:second|next|other|2nd|"
        r"third|3rd|extra|new|higher|bigger|last)|the\s+[\w-]+\s+(?:dose|jab|shot|injection|infusion|one)|"
        r"(?:the|your|ur|my)\s+(?:{meds})|another|a\s+(?:second|2nd|third|further|repeat))\b",
    ),
    (
        "decline",
        r"\bwould\s+(?:you|u)\s+(?:all\s+)?(?:take|start|use|do|try)\s+(?:it|them|that|this)\b"
        r"(?!\s+(?:with|on|at|in|before|after|during|while))",
    ),
    (
        "decline",
        r"\bwho\s+(?:do|should|would)\s+(?:i|you)\s+(?:believe|listen\s+to|trust)\b"
        r"|\bwhat\s+would\s+(?:you|u)(?:\s+all)?\s+do\b",
    ),
    (
        "decline",
        r"\b(?:don'?t|do\s+not|never|no\s+need\s+to)\s+(?:even\s+)?(?:pick\s+up|collect|fill|cash\s+in|get|order|"
        r"renew)\s+(?:the|your|ur|that|a\s+new)\s+(?:repeat\s+|new\s+)?(?:prescription|script|scrip|meds|"
        r"medication|tablets|refill)\b",
    ),
    (
        "decline",
        r"\b(?:would|should|could)\s+(?:you|u|i)\s+(?:all\s+)?(?:take|start|use|try)\s+(?:the|this|that)\s+"
        r"(?:{meds})\b(?!\s+(?:with|on|at|in|before|after|during|while))",
    ),
    # (b) stay on / keep on the old dose against a new prescription
    (
        "stay",
        r"\b(?:keep|leave|stay|stick)\s+(?:it|them|the\s+dose|your\s+dose|ur\s+dose|yours)\s+(?:at|on)\s+"
        r"(?:\d|one|two|three|four|the\s+(?:old|same|current|original|lower|usual))",
    ),
    (
        "stay",
        r"\b(?:stay|stick|keep|staying|sticking|keeping|remain)\s+(?:on|with|at)\s+(?:the\s+|your\s+|my\s+|ur\s+|"
        r"her\s+)?(?:old|current|original|same|usual|lower|higher|previous|first|\d+(?:\.\d+)?\s*(?:mg|mcg|"
        r"µg|iu|units?|ml)?(?![\w.]))(?!\s+(?:clinic|doctor|consultant|hospital|team|gp|midwife|weeks?|days?))",
    ),
    # (c) obtain or use medicine outside the prescription
    (
        "supply",
        r"\b(?:take|taking|use|using|try|trying|have|having|borrow|borrowing|get|grab|nick|pinch|pop|inject|"
        r"ask\s+(?:for|about))\s+(?:(?:some|one|a\s+few|a\s+couple|two|three|any|the\s+rest)\s+of\s+)?(?:your|ur|her|his|their|a|my|the)\s+"
        + _RELATIVE
        + r"(?:'?s|s')\b",
    ),
    (
        "supply",
        r"\b(?:ask|asking|beg|text|message)\s+(?:your|ur|a|her|his|my|the)\s+(?:\w+\s+)?"
        + _RELATIVE
        + r"\s+(?:for|if|whether)\b[^.?!\n]{0,30}\b(?:hers|his|theirs|leftover|left\s*-?\s*over|spare|old|"
        r"unused|extra|some)\b",
    ),
    (
        "supply",
        r"\b(?:use|using)\s+(?:it|them|those|these|(?:the|my|your|ur|her)\s+[\w-]+(?:\s+[\w-]+)?)\s+up\b"
        r"|\buse\s+up\s+(?:the|your|ur|my|her|those|these|any)\b",
    ),
    (
        "supply",
        r"\bmix\s+(?:it|them|the\s+[\w-]+)\s+(?:in|into|with|together)\b|\b(?:top|bulk)\s+(?:it|them)\s+up\s+with\b",
    ),
    (
        "supply",
        r"\b(?:buy|order|get|bought|ordered|got|source|sourced)\s+(?:it|them|some|(?:the|your|my)\s+[\w-]+|"
        r"[\w-]+)\s+(?:online|abroad|overseas|off\s+(?:ebay|amazon|facebook|vinted|a\s+(?:website|forum|group))|"
        r"from\s+(?:a\s+)?(?:website|the\s+internet|abroad|turkey|spain|india|mexico|cyprus|a\s+pharmacy\s+abroad))\b",
    ),
    (
        "supply",
        r"\b(?:use|using|take|taking|try|have|finish|start|do)\s+(?:up\s+)?(?:your|ur|my|her|the|those|these|some|"
        r"any)?\s*(?:leftover|left\s*-?\s*over|spare|unused|old|expired)\s+(?:[\w-]+\s+){0,2}?(?:{meds})\b",
    ),
    # a break from it: "go a day or two without the progesterone", "have a break from the pred"
    (
        "timing",
        r"\b(?:go|going|try|have|take|taking|having)\s+(?:a\s+(?:day|night|week|weekend|few\s+days|couple\s+of\s+days)|"
        r"(?:a\s+)?(?:couple\s+of|few)\s+(?:days|nights|weeks)|\d+\s+(?:days?|nights?))\s+(?:or\s+(?:two|so)\s+)?"
        r"(?:without|off)\b|\b(?:have|take|taking|having)\s+a\s+(?:short\s+|little\s+|quick\s+)?break\s+from\s+"
        r"(?:it|them|the|your|ur|my)\b",
    ),
    # (d) alter the amount
    (
        "amount",
        r"\b(?:don'?t|do\s+not|never|no\s+need\s+to)\s+(?:take|use|do|have|inject|insert|finish)\s+(?:the\s+|your\s+)?"
        r"(?:full|whole|entire|all\s+(?:of\s+)?(?:the|your)|both|all\s+(?:four|three|two|\d+))\b",
    ),
    (
        "amount",
        r"\b(?:only|just)\s+(?:take|have|do|use|inject|put\s+in|insert|pop)\s+(?:one|two|three|four|half|a\s+half|"
        r"\d+(?:\.\d+)?)\b",
    ),
    (
        "amount",
        r"\b(?:take|have|do|use|inject|put\s+in|insert|pop|add)\s+(?:an?\s+|one\s+)?(?:extra|double|half|twice\s+the|"
        r"fewer|less\s+than|a\s+bit\s+more|a\s+bit\s+less|another\s+one|one\s+more)\b",
    ),
    (
        "amount",
        # "two instead of four", "150 instead of 225" (found from its "instead of")
        r"\binstead\s+of\s+(?:the\s+)?(?:one|two|three|four|five|six|\d+)\b(?!\s*(?:weeks?|days?|months?|years?|"
        r"cycles?|rounds?|embryos?|eggs?|follicles?|%))",
    ),
    (
        "amount",
        r"\bpop\s+(?:in\s+)?(?:the\s+)?(?:other|another|an\s+extra|the\s+rest|one\s+more)\b"
        r"|\b(?:cut|split|snap|break)\s+(?:it|them|the\s+[\w-]+|your\s+[\w-]+)\s+in\s+(?:half|two)\b",
    ),
    # (e) alter the timing or schedule
    (
        "timing",
        r"\b(?:at|for|around|by|on)\s+\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm|o'?clock)?\s+instead\s+of\s+\d{1,2}\b",
    ),
    (
        "timing",
        r"\b(?:take|taking|do|doing|have|having|inject|injecting|trigger|triggering|insert|inserting|give|giving|"
        r"move|moving|push|pushing|put|putting|start|starting|leave|leaving|shift|shifting|delay|delaying)\s+"
        r"(?:it\s+|them\s+|(?:the|your|ur|my|her)\s+[\w-]+\s+(?:[\w-]+\s+)?)?(?:by\s+)?(?:a\s+(?:few|couple\s+(?:of\s+)?)|"
        r"an?|one|two|three|\d+)\s+(?:more\s+)?(?:hours?|hrs?|days?|nights?|weeks?)\s+(?:late|later|early|earlier|"
        r"sooner)\b",
    ),
    (
        "timing",
        r"\bwait\s+(?:it|this|them)\s+out\b|\bgive\s+it\s+(?:a\s+)?(?:few|couple\s+(?:of\s+)?|another|more|\d+)\s+"
        r"(?:more\s+)?(?:days|weeks)\b",
    ),
    (
        "timing",
        r"\b(?:do|take|have|inject|trigger)\s+(?:it|them|yours)\s+(?:when|once|after)\s+(?:you|u|you'?ve)\s+"
        r"(?:get|got|are|'re|'ve\s+got)\s+(?:home|back|in)\b",
    ),
)

# Advice in the sentence or the post that turns a class match into a recommendation.
RX_ADVICE_CUES: tuple[str, ...] = (
    r"\bwon'?t\s+make\s+(?:a|any|much|the\s+slightest|the\s+blindest)\s+(?:[\w-]+\s+){0,3}difference\b",
    r"\b(?:doesn'?t|does\s+not|won'?t|wouldn'?t)\s+(?:really\s+)?matter\b",
    r"\b(?:you'?ll|you\s+will|you'?d|you\s+would|u'?ll|ull)\s+be\s+(?:fine|grand|ok|okay|alright|sound)\b",
    r"\b(?:it'?s|its|that'?s)\s+(?:totally\s+|perfectly\s+|honestly\s+)?(?:fine|grand|safe|ok|okay)\b",
    r"\bno\s+(?:harm|sense|point)\s+(?:done|in|suffering)\b|\bno\s+sense\s+suffering\b",
    r"\b(?:save|saves|saved)\s+(?:you|u|yourself)\b",
    r"\b(?:they|clinic|the\s+clinic|nobody|no\s+one|no-one|doctor|consultant|he|she)\s+(?:will\s+|'ll\s+)?"
    r"(?:won'?t|will\s+never|never|wouldn'?t)\s+(?:even\s+)?(?:know|notice|find\s+out|check)\b",
    r"\b(?:nobody|no\s+one|no-one)\b[^.?!\n]{0,30}\b(?:asked|noticed|checked|knew)\b",
    r"\bquietly\b|\bon\s+the\s+quiet\b|\bon\s+the\s+sly\b",
    r"\b(?:they|doctors|consultants|clinics)\s+always\s+(?:over|under)[-\s]?(?:medicate|prescribe|treat)\w*\b",
    r"\b(?:same|very\s+same|exact\s+same)\s+(?:stuff|thing|drug|medicine|meds)\b",
    r"\byour\s+body\s+knows\b|\blet\s+(?:your|ur)\s+(?:body|levels)\b",
    r"\bsee\s+how\s+you\s+(?:go|feel|get\s+on)\b",
    r"\b(?:half|one|a\s+lower\s+dose|less|two|a\s+smaller\s+dose)\s+is\s+(?:plenty|enough|fine|loads)\b",
    r"\b(?:nobody|no\s+one|no-one)\s+(?:checks|cares|minds|notices|counts)\b",
)

# Sentences about medicines that are not about changing them.
RX_CLASS_NEGATIVES: tuple[str, ...] = (
    # disposal / return / sharps (first entry: also checked over the whole post)
    r"\b(?:dispos\w+|sharps|get\s+rid\s+of|take\s+(?:them|it|those)\s+back|hand\s+(?:them|it)\s+(?:in|back)|"
    r"return\s+(?:them|it)|throw\s+(?:them|it)\s+(?:away|out)|recycl\w+|pharmacy\s+(?:take|takes))\b",
    # storage / travel
    r"\b(?:fridge|room\s+temperature|cool\s*bag|hand\s+luggage|airport|customs|flight|fly(?:ing)?\s+with)\b",
    # technique
    r"\b(?:needle|injection\s+site|tummy|thigh|empty\s+stomach|with\s+food|pinch\s+(?:the|your)\s+skin)\b",
    # a supplement added next to an unchanged prescription
    r"\bnot\s+(?:planning|going|intending|wanting|trying)\s+(?:on\s+|to\s+)(?:change|stop|drop|touch)\b",
)

# What a class match must not be about: a procedure, a test, an over-the-counter remedy
# ("would you have the second transfer?", "don't bother with the acupuncture", "refuse the
# sweep", "give it a few more days before testing", "only take two of the paracetamol").
RX_CLASS_NON_MEDICINE_OBJECTS: frozenset[str] = words(
    """
    transfer transfers fet et sweep sweeps acupuncture acupuncturist scan scans test tests testing poas
    induction section c-section csection epidural hysteroscopy biopsy era ivf iui icsi round rounds
    cycle cycles appointment appointments referral forum forums counselling counseling therapy
    therapist paracetamol ibuprofen gaviscon rennie rennies calpol tylenol advil nurofen
    antacid antacids coffee caffeine alcohol wine diet gym exercise yoga reflexology
    egg eggs embryo embryos retrieval collection procedure surgery operation op lap laparoscopy
    bloods blood beta betas hcg scan massage massages break holiday job work
    """
)

# Text-speak and spelling variants, mapped before the crisis and class rules run.
TEXT_SPEAK: dict[str, str] = {
    "dont": "don't",
    "cant": "can't",
    "wont": "won't",
    "im": "i'm",
    "ive": "i've",
    "youll": "you'll",
    "youre": "you're",
    "itll": "it'll",
    "itd": "it'd",
    "isnt": "isn't",
    "wasnt": "wasn't",
    "werent": "weren't",
    "doesnt": "doesn't",
    "didnt": "didn't",
    "shouldnt": "shouldn't",
    "wouldnt": "wouldn't",
    "couldnt": "couldn't",
    "havent": "haven't",
    "whats": "what's",
    "thats": "that's",
    "theres": "there's",
    "u": "you",
    "ur": "your",
    "ya": "you",
    "wanna": "want to",
    "gonna": "going to",
    "gotta": "got to",
    "cud": "could",
    "wud": "would",
    "wld": "would",
    "shld": "should",
    "cld": "could",
    "cn": "can",
    "hv": "have",
    "dnt": "don't",
    "shud": "should",
    "coz": "because",
    "cos": "because",
    "cuz": "because",
    "bc": "because",
    "pls": "please",
    "plz": "please",
    "nt": "not",
    "n": "and",
    "r": "are",
    "abt": "about",
    "evry1": "everyone",
    "every1": "everyone",
    "any1": "anyone",
    "no1": "no one",
    "some1": "someone",
    "b4": "before",
    "kms": "kill myself",
    "unalive": "kill",
    "anymore": "anymore",
    "any more": "anymore",
    "nomore": "no more",
    "jus": "just",
    "jst": "just",
}

# More ideation wording (lean to recall: the target is recall 1.0, precision 0.80).
CRISIS_MORE_PATTERNS: tuple[str, ...] = (
    r"\bbetter\s+off\s+(?:if|when)\s+i\s+(?:just\s+|simply\s+|was\s+)?(?:wasn'?t|weren'?t|was\s+not|were\s+not|"
    r"didn'?t\s+exist|was\s+gone|were\s+gone|disappeared|died|was\s+dead|wasn'?t\s+around|left\s+for\s+good)",
    r"\b(?:better|easier)\s+(?:off\s+)?(?:for\s+\w+\s+)?(?:if|when)\s+i'?m\s+(?:gone|dead|not\s+(?:here|around))\b",
    r"\b(?:wasn'?t|weren'?t|not|wouldn'?t\s+be)\s+(?:here|around|alive)\s+anymore\b",
    r"\bi\s+(?:just\s+)?(?:don'?t|do\s+not)\s+want\s+to\s+(?:be\s+)?(?:here|alive|around|exist|live)\s*"
    r"(?:anymore|any\s+longer|now)?\b",
    r"\b(?:what'?s|whats|what\s+is)\s+(?:even\s+)?the\s+point\s+(?:of|in)\s+me\b(?!\s+(?:going|booking|"
    r"asking|doing|trying|getting|taking|testing|having))",
    r"\bno\s+point\s+(?:of|in)\s+me\s+(?:being|existing|living|here|anymore|at\s+all)\b",
    r"\b(?:can'?t|cannot)\s+do\s+(?:this|it|life)\s+anymore\b[^\n]{0,120}\b(?:point|don'?t\s+want|"
    r"no\s+one|nobody|worthless|useless|hate\s+myself|burden|give\s+up\s+on\s+(?:everything|life)|disappear)\b",
    r"\b(?:tired|sick)\s+of\s+(?:living|being\s+alive|existing|life|being\s+here)\b",
    r"\b(?:i'?d|i\s+would)\s+rather\s+(?:be\s+dead|not\s+(?:be\s+here|exist|be\s+alive|wake\s+up)|die)\b",
    r"\b(?:i'?m|i\s+am)\s+(?:such\s+)?a\s+burden\s+(?:to|on)\s+(?:everyone|everybody|him|my\s+\w+|them)\b",
    r"\b(?:want|wanna|wanted|need)\s+to\s+(?:just\s+)?(?:disappear|vanish|sleep)\s+(?:forever|for\s+good|"
    r"and\s+(?:never|not))\b",
    r"\bkill\s+(?:my\s*self|meself)\b|\b(?:to|want\s+to|going\s+to|should|could|might|just)\s+off\s+myself\b",
    r"\bno\s+(?:reason|point)\s+(?:for\s+me\s+)?(?:to\s+)?(?:be\s+here|keep\s+going|go\s+on|stay|live|exist)\b",
    r"\b(?:everyone|everybody|they|he|my\s+\w+)\s+(?:would|will|'d)\s+be\s+(?:so\s+much\s+|much\s+)?"
    r"(?:better|happier)\s+(?:off\s+)?(?:without\s+me|if\s+i)\b",
    r"\bend\s+(?:my|it\s+all|things)\b[^.?!\n]{0,20}\b(?:tonight|soon|for\s+good)\b",
)

PROMOTION_MORE_PATTERNS: tuple[str, ...] = (
    # selling / recruiting (multi-level marketing)
    r"\bjoin\s+(?:my|our)\s+(?:team|business|tribe|squad)\b",
    r"\b(?:earn|earning|make\s+money|work)\s+(?:\w+\s+){0,2}?from\s+home\b",
    r"\bbusiness\s+opportunit(?:y|ies)\b|\bbe\s+your\s+own\s+boss\b|\bside[-\s]hustle\b",
    r"\b(?:flexible|part[-\s]time|own)\s+hours\b[^\n]{0,80}\b(?:dm|pm|message|msg|inbox)\s+me\b",
    r"\b(?:starter|welcome|business)\s+(?:pack|kit|bundle)\b",
    r"\b(?:my|your|their)\s+(?:down|up)line\b|\bdownline\b",
    r"\b(?:distributor|rep|ambassador|consultant|partner)\s+for\b[^.?!\n]{0,40}\b(?:supplements?|shakes?|"
    r"products?|range|company|brand|oils?)\b",
    r"\b(?:i'?ve|i\s+have)\s+(?:recently\s+|just\s+)?joined\s+(?:an?\s+)?(?:amazing\s+|incredible\s+|fab\s+|"
    r"brilliant\s+)?(?:wellness|health|nutrition|supplement|skincare|essential\s+oils?)\s+(?:company|brand|business)\b",
    # self-promotion of a service
    r"\bas\s+an?\s+(?:certified|qualified|registered|accredited|trained|licensed|experienced)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:coach|practitioner|therapist|doula|acupuncturist|nutritionist|naturopath|reflexologist|"
    r"hypnotherapist|herbalist|consultant|mentor|counsel+or|specialist)\b",
    r"\bi\s+(?:run|host|offer|teach|lead|facilitate)\s+(?:an?\s+)?(?:\d+[-\s]?(?:week|day|month)\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:programme|program|course|group\s+programme|workshop|masterclass|retreat|coaching|sessions|"
    r"membership|circle|bootcamp)\b",
    r"\b(?:places|spaces|spots|slots)\s+(?:left|remaining|available)\b",
    r"\b(?:next|new|the\s+next)\s+(?:cohort|intake|group|round)\s+(?:starts?|begins?|opens?|is)\b",
    r"\bbook\s+(?:at|via|through|here|online\s+at|on\s+my)\b",
    # referral for gain
    r"\b(?:tell|say|mention)\s+(?:them|they|the\s+\w+|reception)?\s*(?:that\s+)?[a-z]+\s+(?:referred|sent)\s+you\b",
    r"\b(?:just\s+)?say\s+[a-z]+\s+sent\s+you\b",
    r"\b(?:i|we)\s+(?:get|earn|receive|make|got)\s+(?:a\s+|some\s+)?(?:small\s+|little\s+)?(?:credit|commission|"
    r"bonus|kickback|voucher|discount|free\s+\w+|points|referral\s+\w+)\b",
    r"\bfor\s+every\s+(?:new\s+)?(?:patient|client|customer|referral|person\s+(?:you|i)\s+refer)\b",
    r"\b(?:forum|member|special|exclusive)\s+(?:discount|rate|offer|price|deal)\b",
    r"\b(?:i|we)\s+(?:now\s+)?work\s+(?:for|at)\b[^.?!\n]{0,30}\b(?:as\s+(?:a|their|the)\b|discount|refer|"
    r"enquire|contact\s+me|message\s+me|dm\s+me)",
    r"\b(?:clinic|practice|centre|center|company)\s+(?:in\s+\w+\s+)?(?:that\s+)?i\s+(?:now\s+)?work\s+(?:for|at)\b",
    r"\bwhen\s+you\s+enquire\b",
    # contact invitation for business
    r"\b(?:dm|pm|message|msg|inbox|email|e-mail|whatsapp|text)\s+me\b[^\n]{0,80}\b(?:set\s+(?:you\s+)?up|"
    r"sign\s+(?:you\s+)?up|starter|samples?|join|team|order|shakes?|discount|book)\b",
    r"\b(?:try|trying)\s+(?:them|it|these)\b[^.?!\n]{0,40}\bmessage\s+me\b",
)


# --------------------------------------------------------------------------- round 6
# Classes widened after the fourth blind set (holdout2): re-timing by hours or days, dose
# steps "from X down to Y", cheaper / generic supply, carrying on against the prescriber,
# advice to leave the prescriber out, calm intrusive thoughts of self-harm, referral perks.

_R6_N = r"(?:a\s+(?:few|couple(?:\s+of)?)|an?|one|two|three|four|five|six|\d+)"
_R6_OBJ = r"(?:it|them|yours|(?:the|your|ur|my|her|this|that|tonight'?s|today'?s|this\s+(?:evening|morning)'?s)\s+(?:[\w-]+\s+){0,2}?[\w-]+)"
_R6_DAY = (
    r"(?:after|tomorrow|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"the\s+(?:weekend|morning|evening|afternoon|holiday|wedding|party|trip)|next|later|"
    r"you(?:'re|\s+are)?\s+(?:back|home|better)|you\s+feel)"
)

RX_CLASS_PATTERNS = RX_CLASS_PATTERNS + (
    # (e) timing: "do it at 8 ... 2 hours earlier", "leave X till after the weekend",
    # "a couple of days late won't make any odds", "push it back a day"
    (
        "timing",
        r"\b(?:do|take|have|inject|trigger|give|put\s+in|insert|start)\s+" + _R6_OBJ + r"\s+"
        r"(?:at|around|by)\s+\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm|o'?clock)?\s+(?:before|after|instead|"
        r"rather|so|when|once|then)\b",
    ),
    (
        "timing",
        r"\b"
        + _R6_N
        + r"\s+(?:more\s+)?(?:hours?|hrs?|days?|nights?)\s+(?:late|later|early|earlier|sooner)\s+"
        r"(?:won'?t|wouldn'?t|doesn'?t|isn'?t|shouldn'?t|will\s+not|is\s+not|does\s+not|actually|really|"
        r"make|matter|hurt|harm|is\s+(?:fine|ok|okay|nothing)|be\s+(?:fine|ok|okay|a\s+problem))\b",
    ),
    (
        "timing",
        r"\b(?:leave|leaving|hold\s+off(?:\s+on)?|holding\s+off(?:\s+on)?|put\s+off|putting\s+off|save|saving|"
        r"delay|delaying|postpone|postponing)\s+"
        + _R6_OBJ
        + r"\s+(?:till|until|til|'til|to)\s+"
        + _R6_DAY,
    ),
    (
        "timing",
        r"\b(?:push|pushing|move|moving|shift|shifting|bring|bringing)\s+(?:it|them|"
        + _R6_OBJ
        + r")\s+"
        r"(?:back|forward|on)\s+(?:by\s+)?" + _R6_N + r"\s+(?:hours?|hrs?|days?|nights?)\b",
    ),
    # (d) amount: "go from 100 down to 50", "drop yourself from 6 to 4", "back up later"
    (
        "amount",
        r"\b(?:go|going|drop|dropping|come|coming|cut|cutting|step|stepping|knock|knocking|bring|bringing|"
        r"take|taking|halve|halving|reduce|reducing|lower|lowering|up|upping|bump|bumping)\s+"
        r"(?:it\s+|them\s+|yourself\s+|(?:the|your|ur)\s+dose\s+)?(?:down\s+|up\s+)?from\s+(?:the\s+)?"
        r"\d+(?:\.\d+)?\s*(?:mg|mcg|iu|units?|ml)?\s+(?:down\s+|up\s+|back\s+down\s+|back\s+up\s+)?to\s+"
        r"(?:the\s+)?\d",
    ),
    # (c) supply: generic / cheaper / abroad / a website
    (
        "supply",
        r"\b(?:grab|get|buy|order|pick\s+up|source)\s+(?:the\s+|a\s+|some\s+)?(?:generic|cheap|cheaper|"
        r"own[-\s]brand|non[-\s]branded|unbranded|indian|turkish)\b",
    ),
    (
        "supply",
        r"\b(?:get|buy|order|source|grab)\s+(?:it|them|some|(?:the|your|ur|my)\s+[\w-]+|[\w-]+)\s+"
        r"(?:(?:way|much|loads|a\s+lot|far|so)\s+)?cheaper\s+(?:online|abroad|overseas|from|at|off|on)\b",
    ),
    (
        "supply",
        r"\ba\s+(?:site|website|web\s+site|seller|supplier|shop|page|guy|bloke)\s+(?:in|from|based\s+in)\s+"
        r"(?:india|turkey|china|mexico|spain|cyprus|thailand|pakistan|egypt|abroad|europe|the\s+us|canada)\b",
    ),
    # (b) carry on against the prescriber: "I'd carry on with it regardless", "stay on what's
    # working", "I'd have ignored him", "keep doing your jab ... until 12 weeks"
    (
        "stay",
        r"\b(?:carry|carrying|keep|keeping|stay|staying|stick|sticking|continue|continuing|go|going)\s+"
        r"(?:on\s+|going\s+)?(?:with\s+|on\s+|taking\s+|doing\s+|using\s+|injecting\s+)?(?:it|them|"
        r"(?:the|your|ur|my|her)\s+(?:[\w-]+\s+){0,1}?[\w-]+)\s+(?:regardless|anyway|all\s+the\s+same|"
        r"whatever\s+(?:they|he|she)\s+say)\b",
    ),
    (
        "stay",
        r"\b(?:carry\s+on|keep\s+going|keep\s+on|continue|stay\s+on|stick\s+with)\s+regardless\b",
    ),
    (
        "stay",
        r"\b(?:stay|stick|keep)\s+(?:on|with)\s+(?:what(?:'s|\s+is)\s+working|what\s+works)\b",
    ),
    (
        "decline",
        r"\b(?:i'?d|i\s+would|you\s+should|you\s+could|just)\s+(?:have\s+|honestly\s+|just\s+)?"
        r"(?:ignored?|ignoring)\s+(?:him|her|them|it|that|the\s+(?:advice|letter|consultant|doctor|clinic))\b",
    ),
    (
        "stay",
        r"\bjust\s+keep\s+(?:doing|taking|using|having|on\s+with)\s+(?:it|them|(?:your|ur)\s+[\w-]+)\b"
        r"[^.?!\n]{0,40}\buntil\b",
    ),
)

RX_ADVICE_CUES = RX_ADVICE_CUES + (
    r"\bwon'?t\s+make\s+(?:any|much|a\s+blind\s+bit\s+of|the\s+slightest)\s+(?:odds|difference)\b",
    r"\bno\s+(?:real\s+)?need\s+to\s+(?:bother|run\s+it\s+(?:past|by)|check\s+with|ask|tell|involve)\b",
    r"\b(?:don'?t|do\s+not|no\s+need\s+to)\s+bother\s+(?:with\s+)?(?:the|your|ur)\s+(?:[\w-]+\s+)?"
    r"(?:gp|doctor|clinic|consultant|specialist|midwife|nurse|pharmacy|pharmacist|re|surgery)\b",
    r"\b(?:they|he|she|the\s+clinic|your\s+(?:gp|doctor|consultant))\s+(?:won'?t|wouldn'?t|don'?t)\s+"
    r"(?:even\s+)?(?:care|mind)\b",
    r"\bstay\s+on\s+what'?s\s+working\b",
)

AGAINST_PRESCRIBER_PATTERNS = AGAINST_PRESCRIBER_PATTERNS + (
    r"\bno\s+(?:real\s+)?need\s+to\s+(?:bother|run\s+it\s+(?:past|by)|involve)\b",
    r"\b(?:don'?t|do\s+not)\s+bother\s+(?:with\s+)?(?:the|your|ur)\s+(?:[\w-]+\s+)?(?:gp|doctor|clinic|"
    r"consultant|specialist|midwife|pharmacy|surgery)\b",
    r"\b(?:they|he|she)\s+(?:won'?t|wouldn'?t)\s+(?:even\s+)?care\b",
)

# "Please don't stop or reduce the labetalol yourself - call your unit": deferring to the
# prescriber even though "yourself" and a change verb are present.
STRONG_SAFE_ADVICE_PATTERNS = STRONG_SAFE_ADVICE_PATTERNS + (
    r"\b(?:please\s+)?(?:don'?t|do\s+not|never)\s+(?:\w+\s+){0,2}?(?:stop|reduce|change|alter|lower|increase|"
    r"cut|drop|skip|adjust|halve|double|up)\b[^.?!]{0,40}\byourself\b[^.?!]{0,80}\b(?:call|ring|phone|contact|"
    r"speak\s+to|talk\s+to|see|ask)\b",
)

CRISIS_MORE_PATTERNS = CRISIS_MORE_PATTERNS + (
    # calm intrusive thoughts of harming oneself: "thinking about just steering into the barrier"
    r"\b(?:think|thinking|thought|thoughts|urge|urges|tempted|imagine|imagining|picture|picturing|"
    r"fantasi[sz]e|fantasi[sz]ing|want(?:ed)?\s+to|wanting\s+to|could\s+(?:just|easily)|wish\s+i\s+could|"
    r"intrusive|what\s+(?:it\s+)?would\s+(?:be\s+like|happen)\s+if\s+i)\b[^.?!\n]{0,60}?\b"
    r"(?:steer|steering|swerve|swerving|drive|driving|crash|crashing|jump|jumping|walk|walking|step|"
    r"stepping|throw|throwing|veer|veering|turn|turning)\s+(?:myself\s+|the\s+(?:car|wheel)\s+|my\s+car\s+|"
    r"straight\s+|just\s+)*(?:(?:into|in\s+front\s+of|off|under|onto)\s+(?:the\s+|a\s+|an\s+|that\s+|my\s+)?"
    r"(?:oncoming|barrier|barriers|wall|tree|lorry|lorries|truck|bus|train|tracks?|traffic|sea|river|canal|"
    r"bridge|cliff|edge|road|motorway|dual\s+carriageway|reservoir|lake|quarry|balcony|roof|window|platform|"
    r"building|car|cars|van|central\s+reservation|path\s+of)|off\s+(?:it|there|the\s+top))\b",
    r"\b(?:think|thinking|thought|thoughts|urge|urges|tempted|imagine|imagining)\s+(?:about|of)\s+"
    r"(?:just\s+)?(?:overdosing|taking\s+an\s+overdose|od'?ing|taking\s+(?:all|every|the\s+whole))\b",
)

PROMOTION_STRONG_PATTERNS = PROMOTION_STRONG_PATTERNS + (
    # a perk for every person sent: "she gives me a voucher for every person I send her way"
    r"\b(?:gives?|pays?|sends?|offers?)\s+(?:me|us)\s+(?:a\s+|some\s+)?(?:[\w-]+\s+){0,2}?(?:voucher|commission|"
    r"credit|kickback|bonus|discount|referral\s+fee|finder'?s\s+fee|freebie|free\s+session)s?\b[^.?!\n]{0,40}"
    r"\b(?:every(?:one|body)?|each|any(?:one|body))\b",
    r"\bfor\s+(?:every|each)\s+(?:new\s+)?(?:person|one|friend|client|patient|customer|lady|woman|member|"
    r"referral)\s+(?:that\s+|who\s+)?(?:i|we)\s+(?:send|refer|introduce|bring|pass)\b",
    # a clinic's agent recruiting here: "we're offering free consultations to members of this forum"
    r"\b(?:we'?re|we\s+are|i'?m|i\s+am|we'?ve|we\s+have)\s+(?:currently\s+|now\s+)?(?:offering|giving|got)\s+"
    r"(?:a\s+)?(?:free|discounted|reduced|complimentary|cut-price|\d+%\s+off)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:consultations?|scans?|sessions?|assessments?|appointments?|treatments?|cycles?|tests?)\b",
    r"\b(?:i'?ll|i\s+will|we'?ll|we\s+will|i\s+can|we\s+can)\s+get\s+you\s+booked\s+in\b",
    r"\b(?:patient\s+liaison|patient\s+coordinator|patient\s+co-ordinator|international\s+patient\s+"
    r"(?:coordinator|advisor|adviser)|clinic\s+rep(?:resentative)?)\s+(?:for|at|with)\s+(?:a|an|the|our)\b",
)


# --------------------------------------------------------------------------- round 7
# Classes widened after the untuned set: times / cycle days swapped with "instead of",
# staying on "what you're on", not filling a new prescription, buying over the counter
# abroad; deferring to the prescriber anywhere in the post; launch offers; self-harm
# relapse; calm thoughts of stepping off a platform or an edge.

RX_CLASS_PATTERNS = RX_CLASS_PATTERNS + (
    (
        "timing",
        r"\b(?:at|around|by)\s+\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm|o'?clock)?\s+instead\s+of\s+(?:at\s+)?"
        r"(?:\d|bedtime|night|night-time|nighttime|the\s+(?:evening|morning|night)|morning|evening|lunch|"
        r"breakfast|dinner|tea)",
    ),
    (
        "timing",
        r"\b(?:in\s+the\s+)?(?:morning|evening|night|bedtime|lunchtime)s?\s+instead\s+of\s+(?:at\s+)?"
        r"(?:night|bedtime|the\s+(?:evening|morning|night)|morning|evening|lunch|\d)",
    ),
    (
        "timing",
        r"\b(?:cd|days?)\s*\d{1,2}\s*(?:-|to|\u2013)\s*\d{1,2}\s+instead\s+of\s+(?:cd|days?)?\s*\d",
    ),
    (
        "stay",
        r"\b(?:stay|stick|keep)\s+(?:on|with|at)\s+what\s+(?:you'?re|you\s+are|you'?ve\s+been|your|ur)\s+"
        r"(?:on|taking|doing|using|already\s+on)\b",
    ),
    (
        "decline",
        r"\b(?:don'?t|do\s+not|no\s+need\s+to|never|i\s+wouldn'?t|i\s+would\s+not)\s+(?:even\s+)?"
        r"(?:bother\s+)?(?:filling|fill|collecting|collect|picking\s+up|pick\s+up|cashing|cash)\s+"
        r"(?:that|the|this|your|ur|her)\s+(?:new\s+)?(?:prescription|script|rx|repeat)\b",
    ),
    (
        "supply",
        r"\b(?:buy|buying|bought|get|getting|got|order|ordering|ordered|pick(?:ed|ing)?\s+up)\s+"
        r"(?:it|them|some|(?:the|my|your|ur)\s+[\w-]+|[\w-]+)\s+(?:over\s+the\s+counter|otc|without\s+"
        r"(?:a\s+)?prescription)\s+(?:in|abroad|overseas|from|while|on\s+holiday|when)\b",
    ),
    (
        "supply",
        r"\b(?:pharmacy|pharmacies|chemist)\s+(?:abroad|overseas)\b",
    ),
)

# A sentence that hands the decision to the prescriber or the care team.  When a post has
# one, advice-type findings elsewhere in it count only when they clearly urge a change.
DEFER_PATTERNS: tuple[str, ...] = (
    r"\bonly\s+(?:your|the|her|his)\s+(?:[\w-]+\s+){0,2}?(?:{prescribers}|endocrinologist|"
    r"obstetrician|pharmacist|prescriber|team)\s+(?:should|can|could|would|is\s+able\s+to|gets\s+to)\s+"
    r"(?:decide|make|change|advise|say|tell)\b",
    r"\b(?:i'?d|i\s+would|i\s+will|i'?ll|we'?d|we\s+would)\s+never\s+(?:tell|advise|recommend|suggest)\s+"
    r"(?:anyone|anybody|someone|you|people|a\s+patient|patients)\s+to\s+(?:stop|reduce|change|skip|"
    r"come\s+off|alter|lower|drop|miss|switch)",
    r"\b(?:please\s+)?(?:don'?t|do\s+not|never)\s+(?:\w+\s+){0,2}?(?:stop|reduce|change|alter|lower|"
    r"increase|cut|drop|skip|adjust|halve|double|come\s+off|switch|swap)\b[^.?!]{0,40}\b(?:on\s+your\s+own|"
    r"by\s+yourself|yourself|alone|off\s+your\s+own\s+bat)\b",
    r"\bget\s+(?:your|the|her)\s+(?:[\w-]+\s+){0,2}?(?:{prescribers}|pharmacist)\s+to\s+(?:phone|call|ring|"
    r"contact|speak\s+to|talk\s+to|check\s+with)\b",
    r"^(?:please\s+|so\s+|just\s+)?(?:call|ring|phone|contact)\s+(?:your|the)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:{prescribers}|unit|ward|pharmacist|pharmacy|line|prescriber)\b",
    r"\b(?:something|a\s+decision|a\s+call|one)\s+(?:that\s+)?only\s+(?:your|the)\s+",
)

# Urging someone to follow a change told as a story: "go for it", "you could do the same".
URGE_PATTERNS: tuple[str, ...] = (
    r"\bgo\s+for\s+it\b",
    r"\b(?:you|u)\s+(?:could|can|should|might\s+as\s+well)\s+(?:always\s+)?(?:do\s+the\s+same|try\s+it|"
    r"do\s+it\s+too|too)\b",
    r"\b(?:you|u)\s+won'?t\s+regret\s+it\b",
)

PROMOTION_STRONG_PATTERNS = PROMOTION_STRONG_PATTERNS + (
    r"\b(?:launch|introductory|opening|intro)\s+(?:offer|discount|price|pricing|sale|deal)\b",
    r"\b(?:i'?ve|i\s+have)\s+(?:just\s+|recently\s+)?(?:started|begun|been)\s+(?:making|selling|creating|"
    r"putting\s+together)\b[^\n]{0,160}\b(?:they'?re|it'?s|they\s+are|available)\s+(?:on|at|from)\s+"
    r"[\w-]+\.(?:example|com|co\.uk|shop|store|net|org)\b",
)

CRISIS_MORE_PATTERNS = CRISIS_MORE_PATTERNS + (
    # self-harm coming back: "started scratching my arms again", "cutting again since the BFN"
    r"\b(?:started|start|starting|been|keep|kept|back\s+to|gone\s+back\s+to|went\s+back\s+to)\s+"
    r"(?:\w+\s+)?(?:scratching|cutting|burning|hitting|punching|harming|hurting|picking\s+at|biting)\s+"
    r"(?:my\s+(?:arms?|legs?|wrists?|thighs?|skin|hands?|stomach|tummy)|myself)\b[^.?!\n]{0,40}\bagain\b",
    r"\b(?:scratching|cutting|burning|hitting|harming|hurting)\s+(?:my\s+(?:arms?|legs?|wrists?|thighs?|skin)|"
    r"myself)\b[^\n]{0,120}\bonly\s+thing\s+that\s+(?:takes\s+the\s+edge\s+off|helps|works|numbs|calms)\b",
    # calm thoughts of stepping off a platform, an edge or a bridge
    r"\b(?:platform|edge|bridge|cliff|balcony|roof|rooftop|tracks|ledge|window)\b[^.?!\n]{0,80}?\b(?:easy|"
    r"easier|tempting|urge|thought|tempted)\b[^.?!\n]{0,30}?\b(?:step|jump|lean|fall|walk)(?:ing)?\s+"
    r"(?:forward|forwards|off|out|over)\b",
    r"\b(?:thought|thoughts|urge|tempted|tempting|easy|easier)\b[^.?!\n]{0,40}?\b(?:step|jump|lean|fall)"
    r"(?:ing)?\s+(?:forward|forwards|off|out|over)\s+(?:in\s+front\s+of|off|from|onto|into)\s+(?:the\s+|a\s+)?"
    r"(?:train|platform|edge|bridge|cliff|balcony|roof|tracks|ledge|traffic|lorry|bus)\b",
)

# --------------------------------------------------------------------------- round 8 (crisis)
# Crisis CLASSES widened after blind sets missed farewells, calm plans, text-speak and
# self-injury coming back.  Recall first: a crisis finding only shows resources and raises
# the item in the queue, it never hides a post.

_R8_THINK = (
    r"(?:think\w*|thinkin|thought|thoughts|picture\w*|imagin\w*|urge|urges|tempted|wish\w*|hop(?:e|ing)|"
    r"fantasi[sz]\w*|dream\w*)"
)

CRISIS_MORE_PATTERNS = CRISIS_MORE_PATTERNS + (
    # (1) wish to be dead / not exist / not wake up / disappear
    r"\b(?:wish|wishing|want|wanted|wanting|hope|hoping)\s+(?:that\s+)?(?:i\s+(?:could|would|can)\s+)?"
    r"(?:just\s+)?(?:disappear|vanish|fade\s+away|cease\s+to\s+exist|stop\s+existing|not\s+exist)\b"
    r"(?!\s+(?:for\s+(?:a|an|the|one|two|\d|some|now)|to\s|on\s|off\s|abroad|somewhere|from\s+(?:work|the|this\s+"
    r"(?:cycle|thread|forum))|under\s+(?:the|a)\s+duvet|into\s+(?:a|the)\s+(?:book|film)))",
    r"\b(?:fall|falling|go|going|drift|drifting)\s+(?:to\s+)?(?:asleep|sleep)\s+(?:forever|for\s+ever|for\s+good|"
    r"and\s+(?:just\s+)?(?:never|not)\s+wake)\b",
    r"\b"
    + _R8_THINK
    + r"\s+(?:about|bout|abt|of|that|for)?\s*(?:\w+\s+){0,2}?(?:not|never)\s+wak(?:e|ing|in)\s+up\b"
    r"(?!\s+(?:from\s+(?:this|the|a)\s+(?:nightmare|dream)|till|until|in\s+time|for\s+(?:the|my)))",
    r"\b(?:thoughts?|thinking|thinkin|think|picturing|imagining)\s+(?:about|bout|abt|of)\s+(?:just\s+)?(?:my\s+own\s+)?"
    r"(?:death|dying|being\s+dead|not\s+being\s+(?:here|alive|around)|ending\s+(?:it|things|my\s+life)|"
    r"not\s+existing|killing\s+myself|suicide|disappearing\s+(?:for\s+good|forever))\b(?!\s+(?:my|her|the)\s+hair)",
    # (2) burden
    r"\bbetter\s+(?:place|world)\s+without\s+me\b",
    r"\b(?:better|happier|easier|lighter)\s+(?:off\s+)?without\s+me\s+(?:around|here|in\s+(?:it|the\s+picture|"
    r"their\s+lives?|his\s+life))\b",
    r"\b(?:if|when|once)\s+i\s+(?:wasn'?t|weren'?t|was\s+not|am\s+not|'m\s+not)\s+(?:in\s+the\s+picture|"
    r"in\s+(?:their|his|her)\s+(?:lives?|way))\b",
    # (3) farewell / finality
    r"\b(?:sort(?:ed|ing)?|put(?:ting)?|got|get(?:ting)?)\s+(?:out\s+)?(?:all\s+)?(?:of\s+)?my\s+affairs\b",
    r"\bmy\s+affairs\s+(?:are\s+|in\s+)?(?:in\s+order|sorted)\b",
    r"\bgiv(?:en|ing|e)\s+(?:away\s+)?(?:most|all|lots|a\s+lot|some)\s+(?:of\s+)?my\s+(?:things|stuff|belongings|"
    r"possessions|treasured|special)\b",
    r"\bgiv(?:en|ing|e)\s+(?:away\s+)?my\s+(?:things|stuff|belongings|possessions)\s+away\b",
    # (4) method / plan / means, with a self-reference
    r"\bhow\s+many\b[^.?!\n]{0,50}?\b(?:it\s+would|it'?d|would\s+it|it\s+will|to\s+(?:die|kill|end\s+it|do\s+it|"
    r"not\s+wake|be\s+(?:enough|fatal|lethal)))\s*(?:take|be\s+enough)?\b",
    r"\b(?:saving|saved|stockpiling|stockpiled|hoarding|hoarded|collecting|collected|stash(?:ed|ing))\s+"
    r"(?:up\s+)?(?:all\s+)?(?:of\s+)?(?:my|the|some|these)\s+(?:\w+\s+)?(?:tablets|pills|meds|painkillers|"
    r"medication|paracetamol|co-?codamol)\b",
    r"\b(?:know|decided|worked\s+out|picked|chosen|found)\s+(?:exactly\s+)?(?:which|what|where|the)\s+"
    r"(?:bridge|cliff|building|car\s+park|multi-?stor(?:e?y|ey)|train|railway|crossing|tree|rope|place\s+i'?d)\b"
    r"[^.?!\n]{0,30}\b(?:i'?d|i\s+would|i'?ll|i\s+will|to\s+(?:use|do\s+it|jump|go))\b",
    r"\b(?:cliff|bridge|roof|rooftop|multi-?stor(?:e?y|ey)|car\s+park)\b[^.?!\n]{0,60}\b(?:stand|standing|stood|"
    r"sit|sitting|sat)\s+(?:right\s+)?(?:at|on|by|near)\s+(?:the\s+)?(?:edge|ledge|railings?|side)\b",
    r"\b(?:bought|buy|buying|got|ordered|have|found|get)\s+(?:a|some|the)\s+(?:length\s+of\s+)?rope\b"
    r"(?!\s+(?:for|to\s+(?:tie|hold|hang\s+(?:the|washing|a\s+swing))|swing|ladder))",
    r"\bnoose\b",
    r"\b(?:drown|gas|poison|starve|shoot|stab|hang|strangle|suffocate|electrocute)(?:ing|ed)?\s+my\s*self\b",
    r"\bthrow(?:ing|n)?\s+my\s*self\s+(?:off|in\s+front|under|into|from)\b",
    # (5) self-injury
    r"\b(?:cut|cutting|burn|burning|burnt|burned|scratch|scratching|scratched|hit|hitting|punch|punching|"
    r"punched|bang|banging|starve|starving)\s+my\s*self\b(?!\s+(?:on|shaving|by\s+accident|accidentally|"
    r"with\s+(?:the|a)\s+(?:oven|iron|kettle|pan|knife|tray)))",
    r"\b(?:hid(?:e|es|ing)?|cover(?:ing|ed)?(?:\s+up)?)\s+(?:the\s+|my\s+)?(?:marks|scars|cuts|burns)\b",
    r"\b(?:nobody|no\s+one|no-one|noone|anyone|people|he|dh|my\s+\w+)\s+(?:can\s+|can'?t\s+|won'?t\s+)?"
    r"(?:sees?|notices?)\s+(?:the|my)\s+(?:marks|scars|cuts|burns)\b",
    r"\brelaps(?:ed|e|ing)\b[^.?!\n]{0,40}\b(?:self[-\s]?harm\w*|cutting|cut|scratching|burning|hurting\s+myself|sh)\b",
    r"\b(?:cut|cutting|scratch\w*|burn\w*|hurt\w*|harm\w*|hit\w*)\b[^\n]{0,100}\b(?:takes?|took)\s+the\s+edge\s+off\b",
    r"\bsh(?:'?ing|'?d)\s+again\b|\bsh\s+(?:again|free|clean)\b|\b(?:relapsed|clean|free)\s+(?:from\s+)?sh\b",
    # (6) intrusive thoughts
    r"\b(?:step|stepping|stepped|jump|jumping|throw(?:ing)?\s+myself|walk|walking|fall|falling|lean|leaning)\s+"
    r"(?:off\s+|out\s+|forward\s+)?(?:in\s+front\s+of|under)\s+(?:it|one|them|(?:a|the|an)\s+(?:next\s+|oncoming\s+|"
    r"passing\s+|fast\s+)?(?:train|trains|bus|lorry|truck|car|tube|traffic|van|one|coach))\b",
    r"\b(?:my\s+own\s+funeral|who\s+would\s+(?:come\s+to|even\s+go\s+to)\s+my\s+funeral)\b",
    r"\b(?:keep|kept|keeps|can'?t\s+stop)\s+(?:thinking|thinkin|picturing|imagining)\s+(?:about\s+|bout\s+|abt\s+|of\s+)?"
    r"(?:just\s+)?(?:dying|being\s+dead|not\s+being\s+here|ending\s+it|killing\s+myself|hurting\s+myself|"
    r"cutting|jumping|disappearing|taking\s+(?:all|the\s+lot|them\s+all))\b",
)

# (3) Farewell cues: two different ones in a post (and no sign of a holiday, a closed thread or
# a move to another board) read as a goodbye from life, not from the forum.
CRISIS_FAREWELL_CUES: tuple[str, ...] = (
    r"\bthank\s+(?:you|u)\s+(?:all\s+)?(?:for\s+)?(?:everything|being\s+(?:there|here)|all\s+you'?ve\s+done)\b",
    r"\b(?:look\s+after|take\s+care\s+of|be\s+kind\s+to)\s+(?:each\s+other|one\s+another|yourselves)\b",
    r"(?:^|[.!\n]\s*)(?:good\s*bye|goodbye|bye\s+(?:all|everyone|every1)|farewell)\b",
    r"\b(?:my|the)\s+(?:very\s+)?(?:last|final)\s+(?:post|message|time\s+(?:posting|on\s+here|here))\b",
    r"\b(?:won'?t|will\s+not|not\s+going\s+to)\s+be\s+(?:posting|on\s+here|around|here)\s+(?:again|anymore|any\s+more)\b",
    r"\b(?:you\s+)?won'?t\s+(?:hear|see)\s+(?:from\s+)?me\s+again\b",
    r"\b(?:love|loved)\s+(?:you\s+all|u\s+all|all\s+of\s+you|every\s+one\s+of\s+you)\b",
    r"\bwhen\s+i'?m\s+(?:not\s+here|gone)\b",
    r"\bthis\s+is\s+goodbye\b",
)
CRISIS_FAREWELL_EXCUSES: tuple[str, ...] = (
    r"\b(?:holiday|hols|vacation|break\s+from|a\s+break|detox|thread|board|group\s+chat|new\s+group|graduat\w*|"
    r"moving\s+(?:over\s+)?to|move\s+(?:over\s+)?to|see\s+(?:you|u|ya)\s+(?:all\s+)?(?:on|in|there|soon|after|next|"
    r"over)|back\s+(?:in|on|soon|after)|new\s+(?:clinic|job|forum|thread)|pregnancy\s+section|bump\s+buddies)\b",
)
