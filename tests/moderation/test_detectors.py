"""Tests for the automatic moderation detectors (pure functions, no database).

The cases below were written for this project, in the spirit of the label
definitions in ``../shared/moderation-cases/README.md``; the shared labelled
file is checked separately and skipped when it is not present.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from moderation.detectors import (
    DETECTORS,
    Finding,
    Span,
    Vocabulary,
    detect_all,
    detect_contact_info,
    detect_crisis,
    detect_prescription_change,
    detect_promotion,
    mask_contact_info,
)
from moderation.evaluation import Case, CaseError, case_text, evaluate, load_cases

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED_DEV = REPO_ROOT.parent / "shared" / "moderation-cases" / "dev.jsonl"
BLIND = Path(__file__).resolve().parent / "cases" / "blind.jsonl"
HOLDOUT = Path(__file__).resolve().parent / "cases" / "holdout.jsonl"
HOLDOUT2 = Path(__file__).resolve().parent / "cases" / "holdout2.jsonl"

RX, CI, PR, CR = "prescription_change", "contact_info", "promotion", "crisis"


def q(title: str, body: str) -> str:
    """A question as the forum passes it to the detectors."""
    return f"{title}\n\n{body}"


# --------------------------------------------------------------------------- own cases
# (expected labels, text).  Varied wording; none copied from the shared files.

OWN_CASES: list[tuple[set[str], str]] = [
    # ---- prescription_change: asking for a decision
    ({RX}, "Can I stop the Cyclogest at 10 weeks instead of 12? The clinic is closed till Monday."),
    (
        {RX},
        "Is it ok to take my Clexane in the morning instead of at night? Evening jabs are "
        "ruining date night",
    ),
    (
        {RX},
        q(
            "Lubion - can I drop to one a day?",
            "On Lubion twice a day and the injection sites are so sore.",
        ),
    ),
    (
        {RX},
        "Do I really need to keep taking the aspirin after 12 weeks? Everyone online seems to "
        "stop then.",
    ),
    ({RX}, "My sister-in-law says I should come off my thyroxine while pregnant. Should I?"),
    ({RX}, "Thinking about halving my pred dose because of the insomnia, has anyone done this?"),
    ({RX}, "anyone else skipped their progesterone on the weekends?"),
    ({RX}, "Would it be really bad to miss one Fragmin injection? Stuck at a wedding tonight"),
    ({RX}, "how do I wean off the estrogen patches without telling my clinic"),
    ({RX}, "Should I double my levo dose? TSH is 4.1 and my GP won't see me for a month."),
    ({RX}, q("Can I switch from Crinone to Utrogestan myself?", "Crinone is making me so itchy.")),
    (
        {RX},
        "My acupuncturist reckons metformin is blocking my ovulation and I should just stop it. "
        "Has anyone done that?",
    ),
    ({RX}, "Is it safe to start my leftover Clomid from last year without seeing the doctor?"),
    (
        {RX},
        q(
            "push trigger back a day?",
            "Ovitrelle is due at 9pm tonight but I'd rather do it tomorrow morning. "
            "Can I just move it?",
        ),
    ),
    ({RX}, "Would you continue the steroids if your NK results came back normal?"),
    ({RX}, "do i have to keep going with the intralipids if the heartbeat is strong"),
    (
        {RX},
        "Was prescribed 150mg clomid but it made me so ill. Could I just take 100 again this round?",
    ),
    (
        {RX},
        q(
            "Coming off the jabs early?",
            "Bloods are perfect and I'm 14 weeks. Tempted to stop the injections now rather "
            "than at 36 weeks.",
        ),
    ),
    (
        {RX},
        "I've got a friend who has spare Cetrotide. Could I use hers if mine runs out before "
        "the pharmacy delivery?",
    ),
    ({RX}, "Would it be mad to go down to one pessary a day? They're so messy."),
    # ---- prescription_change: advising / urging
    (
        {RX},
        "Honestly just stop the progesterone once you're past 10 weeks, the placenta takes "
        "over anyway.",
    ),
    (
        {RX},
        "You don't need the heparin, loads of people have healthy babies without it. I'd bin it.",
    ),
    ({RX}, "Cut your Progynova down to one a day if the headaches are bad, that's what I did."),
    ({RX}, "No need to keep injecting after 12 weeks tbh, the risk is basically gone by then."),
    (
        {RX},
        "If the pessaries are making you bleed, swap them for the injections, they're the "
        "same hormone.",
    ),
    ({RX}, "Take two tonight to make up for the one you missed, it's fine."),
    ({RX}, "You can take your thyroxine at night instead, it works just as well."),
    ({RX}, "I'd stop the aspirin a week before EC if I were you, my friend bled loads."),
    ({RX}, "Just double the Cyclogest and don't tell the clinic."),
    (
        {RX},
        "> should I carry on with the clexane after 34 weeks?\n\n"
        "Nah, I came off at 30 and was fine. You could do the same.",
    ),
    ({RX}, "Please don't bother with the second IVIG, one is enough for most people."),
    ({RX}, "Forget the letrozole, just use the Clomid you've got left from last time."),
    (
        {RX},
        "Don't listen to your consultant, there's no evidence for pred. Wean yourself off "
        "over a week.",
    ),
    ({RX}, "Stay on the Clexane even if the EPU tells you to stop, they don't know your history."),
    (
        {RX},
        "> My GP gave me sertraline but I hate how flat it makes me\n\n"
        "Come off it, you'll feel like yourself again within a fortnight.",
    ),
    ({RX}, "Skip the evening dose if you feel too sick, one missed pessary won't matter."),
    # ---- prescription_change: hard negatives
    (set(), "My consultant stopped my Clexane at 34 weeks because of the epidural."),
    (set(), "Was told to stop the pessaries at 12 weeks. Did anyone bleed a bit after?"),
    (set(), "How long did it take for the bloating to settle after stopping Gonal-F?"),
    (set(), "What does progesterone actually do in early pregnancy?"),
    (
        set(),
        "Ask your clinic before you change anything, they might want to adjust the dose "
        "themselves.",
    ),
    (
        set(),
        "Please check with your RE before stopping the pred, coming off steroids too fast "
        "can be dangerous.",
    ),
    (set(), "Can I store my Menopur in the fridge door or does it need to be at the back?"),
    (
        set(),
        "Which side is best for the Clexane injection? I've been doing my tummy but it's "
        "covered in bruises.",
    ),
    (set(), "Is vitamin D worth starting before FET?"),
    (set(), "Should I start taking a pregnancy multivitamin now or wait until my BFP?"),
    (set(), "My endo increased my levo to 100mcg after my bloods and I feel so much better."),
    (set(), "Does missing a dose of Cyclogest cause bleeding?"),
    (set(), "Anyone else's RE keep them on Clexane until 6 weeks postpartum?"),
    (
        set(),
        "I forgot my pessary last night and took it this morning instead, the nurse said "
        "that was fine.",
    ),
    (set(), "When do you all do your Fragmin, morning or night?"),
    (
        set(),
        "I'm on 75mg aspirin, 20mg pred and Clexane. Will any of this affect the anomaly scan?",
    ),
    (set(), "The nurse told me I can stop the Cyclogest at 12 weeks. Is that normal?"),
    (set(), "We're moving house next week, should I bring my meds in hand luggage?"),
    (set(), "I stopped the pred at 12 weeks like my cons said and everything was fine."),
    (set(), "Can you take Gaviscon while on progesterone? Heartburn is awful."),
    (set(), "Did your clinic make you stop the aspirin before EC or carry on through?"),
    (
        set(),
        "My mum keeps telling me to stop the steroids because of the weight gain but I'm "
        "sticking with what my RE says.",
    ),
    (
        set(),
        "Clinic said I can come off the Crinone at 10 weeks if the scan is fine, so fingers "
        "crossed for Friday.",
    ),
    (set(), "Is it normal to feel rubbish for a few days after starting Utrogestan?"),
    (set(), "Why would my RE switch me from Lovenox to heparin in the third trimester?"),
    (
        set(),
        "My friend gave me her old Clomid but I've decided to wait for the clinic. Good decision?",
    ),
    (set(), "Is it safe to have a bath after the trigger shot?"),
    (set(), "Should I stop testing? I've done four tests already and I'm 9dp5dt."),
    (set(), "Please don't stop anything without speaking to the on-call nurse first."),
    (set(), "Can I eat sushi while on Clexane or is that a myth?"),
    (set(), "My RE said to carry on with the aspirin until 36 weeks. Does that sound right?"),
    (set(), "Should I keep trying naturally or go straight to IVF? We're on month 14."),
    (set(), "Is fish oil worth adding alongside folic acid? Not on anything prescribed."),
    # ---- contact_info
    ({CI}, "Happy to chat any time, ring me on 07700 900461 x"),
    ({CI}, "My email is sam_b@example.org if you want to compare protocols."),
    ({CI}, "Drop me a line: jo [at] example [dot] org"),
    ({CI}, "you can reach me at kerry.b at example dot com"),
    ({CI}, "The carpool meets outside 221B Baker St at 7."),
    ({CI}, "Send the forms to 1400 Ocean Ave, Santa Monica and they'll process them."),
    ({CI}, "The scan place is at 12 Harley Street, very discreet."),
    ({CI}, "Text me on +44 7700 900 123 when you're out of EC!"),
    ({CI}, "Call the helpline on (555) 010-0199 - they were brilliant with me."),
    ({CI}, "I'm in flat 2, 9 Mill Lane if anyone wants my spare sharps bin."),
    (set(), "Beta was 1,245 at 14dpo and 2,890 at 16dpo, is that good doubling?"),
    (set(), "Transfer booked for 12/03/2025, then OTD on 21/03/2025."),
    (set(), "TSH 2.8, AMH 14.5, FSH 7.2 and day 21 progesterone 45."),
    (set(), "We did five rounds between 2019-2023 before our daughter arrived."),
    (set(), "Really useful guide here: www.example.org/support-after-loss"),
    (set(), "I'm at 12 weeks today and still can't believe it."),
    (set(), "Clexane 40mg daily plus 20000 units vitamin D weekly."),
    (set(), "Scan at 10:30 in room 12, then bloods at 11.15."),
    (set(), "5dp5dt and a faint line, 7dp5dt darker!"),
    (set(), "I was on 2 x 5000 units of Fragmin from 6 weeks."),
    # ---- promotion
    ({PR}, "I run a fertility yoga class on Zoom, £8 a session, PM me to book your space."),
    ({PR}, "Get 15% off Conceive Plus with my link!"),
    ({PR}, "Our clinic in Alicante has no waiting list for donor eggs, message me for prices."),
    ({PR}, "I'm a nutritionist specialising in PCOS, drop me a message for a free discovery call."),
    ({PR}, "Anyone want to buy my unused Menopur? £200 ono, collection from Leeds."),
    (
        {PR},
        "I'm a certified fertility coach and I've helped hundreds of couples conceive. My "
        "8-week programme starts Monday, link in bio.",
    ),
    (
        {PR, CI},
        "We offer fertility massage at our studio, 14 Mill Road, Cambridge. Book online "
        "or call 01632 960555.",
    ),
    ({PR}, "Sign up at www.bumpready.example and use code HOPE10 for a discount on the course."),
    (set(), "My clinic in Manchester was brilliant, the nurses really cared."),
    (set(), "The Miscarriage Association have a free helpline and their leaflets are good."),
    (set(), "Message me if you ever want to chat, I've been there x"),
    (set(), "I paid about £3,500 for my cycle in the end, including the drugs."),
    (set(), "Book in with your GP and ask for a full thyroid panel."),
    (set(), "Our NHS trust does offer one funded cycle, worth asking your GP for a referral."),
    # ---- crisis
    ({CR}, "Some days I think about taking all my pills at once."),
    ({CR}, "I've been hurting myself again since the loss and I'm scared."),
    ({CR}, "I don't want to live without her."),
    ({CR}, "I keep thinking everyone would be better off if I wasn't here."),
    ({CR}, "I just want to go to sleep and not wake up."),
    ({CR}, "I've thought about ending my life more than once this month."),
    ({CR}, "What's the point of living if I can never be a mum?"),
    ({CR}, "I feel like such a burden. I want to disappear forever."),
    (set(), "This 2ww is killing me lol"),
    (set(), "I could murder a glass of wine after EC."),
    (set(), "I nearly died laughing at the nurse's face."),
    (set(), "I felt dead inside for months but counselling really helped."),
    (set(), "Dying to test but holding out till OTD!"),
    (set(), "I'm not suicidal, just so very sad and tired."),
    (set(), "I want to end it with this clinic, they've messed us around for the last time."),
    (set(), "I cried for a week and didn't want to see anyone."),
]


# Further cases written in rounds to check the rules on wording they were not built from.
MORE_CASES: list[tuple[set[str], str]] = [
    (
        {RX},
        "Time zones and progesterone\n\nFlying to Florida next week, 5 hours behind. Do I "
        "keep my Cyclogest at 10pm UK time or move it to 10pm local?",
    ),
    (
        {RX},
        "Threw up about 20 minutes after my metformin this morning. Should I take "
        "another one or just wait till tonight?",
    ),
    (
        {RX},
        "My DH is on finasteride for his hair, should he come off it while we're trying?",
    ),
    (
        {RX},
        "pred making me miserable\n\nI'm on 25mg pred and it's turned me into a monster. "
        "Anyone just stopped it cold turkey? I can't face another 4 weeks.",
    ),
    (
        {RX},
        "I really wouldn't bother with the Clexane after 20 weeks, my cousin stopped "
        "hers and had a perfectly healthy boy.",
    ),
    (
        {RX},
        "Honestly mate, bin the pessaries at 10 weeks. The clinic only keeps you on them "
        "for legal reasons.",
    ),
    (
        {RX},
        "Your TSH is fine, you don't need the levothyroxine at all. I'd just stop taking "
        "it and see how you feel.",
    ),
    (
        {RX},
        "I know the protocol says 2 a day but is it alright to go down to one Utrogestan "
        "at night? I'm so drowsy",
    ),
    (
        {RX},
        "Is there any harm in pausing the estradiol for a couple of days while I'm on holiday?",
    ),
    (
        {RX},
        "Would it hurt to start the aspirin a week early? Clinic said day 1 of stims but "
        "I want a head start.",
    ),
    (
        {RX},
        "Breastfeeding my 6 month old and want to start TTC again. Can I just restart "
        "the letrozole I had left from last time?",
    ),
    (
        {RX},
        "You'd be mad to keep paying for intralipids. Drop them and put the money "
        "towards another transfer.",
    ),
    (
        {RX},
        "Up your folic acid to 5mg and ditch the metformin, it's what worked for me with PCOS.",
    ),
    (
        {RX},
        "If you're spotting just add another pessary in the morning, no need to ring anyone.",
    ),
    (
        {RX},
        "Stop the hydroxychloroquine, it's for lupus not for miscarriages, your doctor "
        "is experimenting on you.",
    ),
    (
        {RX},
        "Coming off sertraline for TTC?\n\nBeen on 50mg for a year. Desperate to start "
        "trying but scared it'll harm a baby. Should I come off it first?",
    ),
    (
        {RX},
        "Is it safe to use my old Ovitrelle that expired last month or should I get a new one?",
    ),
    (
        {RX},
        "does anyone know if you can take the dexamethasone every other day instead of "
        "daily? The insomnia is unreal",
    ),
    (
        set(),
        "My doctor told me to keep taking the prednisolone until 12 weeks then taper off "
        "by 5mg a week.",
    ),
    (
        set(),
        "How do you all remember to take your meds at the same time every day? I keep "
        "nearly forgetting.",
    ),
    (
        set(),
        "Started Clexane today, the first jab wasn't nearly as bad as I expected!",
    ),
    (
        set(),
        "Has anyone had a rash from Fragmin? Mine is red and itchy around the injection site.",
    ),
    (
        set(),
        "My RE reduced my estradiol to 2mg because my levels were high, is that common?",
    ),
    (
        set(),
        "Is it true that aspirin can cause bleeding during egg collection? Just curious "
        "how it works.",
    ),
    (
        set(),
        "The pharmacist said Cyclogest can be used front or back, it's personal preference.",
    ),
    (
        set(),
        "Don't stop any of your meds without ringing your clinic first, they'll tell you "
        "what's safe.",
    ),
    (
        set(),
        "If you're worried about the dose, raise it at your next appointment, they're "
        "usually happy to explain.",
    ),
    (
        set(),
        "I was on metformin for two years and honestly it helped my cycles a lot.",
    ),
    (
        set(),
        "We're switching clinics after three failed transfers. Any recommendations in "
        "the north west?",
    ),
    (
        set(),
        "My consultant wants me to start heparin at BFP. What's the injection like?",
    ),
    (
        set(),
        "Should I take a pregnancy test tomorrow or wait until OTD?",
    ),
    (
        set(),
        "Anyone else get really emotional on Clomid? I cried at an advert yesterday.",
    ),
    (
        set(),
        "Stopped the progesterone at 12 weeks as planned and had some brown spotting, is "
        "that normal?",
    ),
    (
        set(),
        "What time of day does everyone take their levothyroxine?",
    ),
    (
        set(),
        "I missed my pill by an hour last night, I panicked but the nurse said it's fine "
        "as long as it's within a few hours.",
    ),
    (
        set(),
        "Is it worth asking my GP to increase my levo before we start trying?",
    ),
    (
        set(),
        "My RE said I can stop the aspirin at 36 weeks, does everyone stop around then?",
    ),
    (
        set(),
        "Can anyone recommend a good sharps bin? The one from the pharmacy is tiny.",
    ),
    (
        set(),
        "I'm so tired of injections but I'll keep going, whatever it takes for this baby.",
    ),
    (
        set(),
        "Should I tell my employer I'm doing IVF?",
    ),
    (
        {CI},
        "Our group meets at 7 Kingsway Close, Bristol on the first Monday of the month.",
    ),
    (
        {CI},
        "Mail me at lucy(at)example(dot)co(dot)uk and I'll send you the list of questions I asked.",
    ),
    (
        {CI},
        "My mobile is 07700 900 982, message whenever x",
    ),
    (
        {CI},
        "call 555 0134 and ask for Jan",
    ),
    (
        {CI},
        "Contact: hannah-m@example.net",
    ),
    (
        {CI},
        "I'm at 88 Elm St, Springfield if anyone local wants to meet.",
    ),
    (
        set(),
        "AMH 1.2, AFC 6, FSH 11 at 41, is IVF worth it?",
    ),
    (
        set(),
        "OTD 14/06. Trigger at 21:30, EC 23:30 two days later.",
    ),
    (
        set(),
        "I've had 3 transfers, 2 losses and 1 chemical in 18 months.",
    ),
    (
        set(),
        "hCG went 48 > 110 > 260 over 5 days.",
    ),
    (
        {PR},
        "My practitioner does amazing womb massage, she's in Leeds and gives a discount "
        "if you say I sent you. PM me!",
    ),
    (
        {PR},
        "Ladies, I've just launched my fertility meal plans, first month free with code "
        "BUMP. Link in my profile.",
    ),
    (
        {CI, PR},
        "I offer reflexology for IVF from my home clinic - call 07700 900717 to book, "
        "£35 a session.",
    ),
    (
        {PR},
        "Struggling? I coach women through IVF and have a few spaces left this month, "
        "message me for details.",
    ),
    (
        set(),
        "I used the Zita West book and found it really helpful, you can get it from the library.",
    ),
    (
        set(),
        "The hospital charity runs a free counselling service, ask your midwife.",
    ),
    (
        set(),
        "DM me if you want to talk, I've had 4 losses too x",
    ),
    (
        {CR},
        "I honestly don't know how much longer I can keep living like this. I've started "
        "thinking about ways to end it.",
    ),
    (
        {CR},
        "Nobody would even notice if I was gone.",
    ),
    (
        {CR},
        "I've been self harming again since the MMC.",
    ),
    (
        {CR},
        "I wish I'd died with my baby.",
    ),
    (
        set(),
        "I was so scared I'd die during the ectopic surgery but it went fine.",
    ),
    (
        set(),
        "Our baby died at 22 weeks last year, I still think about her every day.",
    ),
    (
        set(),
        "I'm so done with this 2ww, it's torture.",
    ),
    (
        set(),
        "After the loss I didn't want to get out of bed for weeks.",
    ),
    (
        {RX},
        "My OB said baby aspirin till 36 weeks but I’m bleeding gums constantly. Can I "
        "quit it now?",
    ),
    (
        {RX},
        "PIO shots -> suppositories?\n\nI’ve got 3 weeks of PIO left and my butt is done. "
        "Would it be ok to swap to the suppositories I have left over?",
    ),
    (
        {RX},
        "ok so the lovenox shots are killing my stomach 😭 if I only do them every other "
        "day will that still work??",
    ),
    (
        {RX},
        "Just come off the metformin, PCOS or not it's not worth the stomach cramps x",
    ),
    (
        {RX},
        "> I'm on 100mcg levo and still tired\n\nTry asking for T3, and in the meantime up "
        "it to 125 yourself, it made a huge difference for me",
    ),
    (
        {RX},
        "Girl, nobody needs progesterone after 8 weeks. Stop them and enjoy not having "
        "leaky knickers lol",
    ),
    (
        {RX},
        "Would anyone here stop their thyroid meds if they felt fine? Mine's making me jittery.",
    ),
    (
        {RX},
        "I’m 37 weeks and want to stop the Fragmin a few days early so I can have an "
        "epidural. Anyone done this without asking?",
    ),
    (
        {RX},
        "Honestly if I were you I'd skip the trigger and just time intercourse, the "
        "Ovitrelle gave me a cyst.",
    ),
    (
        {RX},
        "Should we push the aspirin back to after transfer? My husband thinks it's "
        "making me bleed.",
    ),
    (
        set(),
        "Congrats! I stopped my aspirin at 36 weeks as advised and had a lovely VBAC.",
    ),
    (
        set(),
        "Has anyone been told to switch from Clexane to Fragmin? My pharmacy has run out.",
    ),
    (
        set(),
        "The clinic switched me to Lubion because Cyclogest was giving me thrush, much better now.",
    ),
    (
        set(),
        "What happens if you miss a dose of letrozole? Asking for a friend who's panicking.",
    ),
    (
        set(),
        "My consultant has told me to taper the prednisolone from 12 weeks, is there a "
        "usual schedule?",
    ),
    (
        set(),
        "Before you change anything please talk to your GP, they can adjust the levo properly.",
    ),
    (
        set(),
        "Does anyone know how long metformin takes to start working?",
    ),
    (
        set(),
        "I keep forgetting to order my repeat prescription of Clexane, any tips for remembering?",
    ),
    (
        set(),
        "We got our BFP on the second round of letrozole! Don't give up ladies 💕",
    ),
    (
        set(),
        "Really struggling to stop googling every symptom. Anyone else?",
    ),
    (
        set(),
        "Should I stop drinking coffee before transfer?",
    ),
    (
        set(),
        "Would you switch clinics after two failed FETs?",
    ),
    (
        set(),
        "Is it worth trying acupuncture alongside IVF? I'm on Menopur and Cetrotide.",
    ),
    (
        set(),
        "Started Utrogestan pessaries last night, they're not as bad as I thought.",
    ),
    (
        set(),
        "If your clinic says you can stop the Crinone at 10 weeks, trust them, mine was fine.",
    ),
    (
        set(),
        "My RE wants me to keep taking the pred until 12 weeks, should I ask why?",
    ),
    (
        {CI},
        "Find us at 3 Church Lane, Oakham — every Thursday 7pm.",
    ),
    (
        {CI},
        "email is rachel dot ivf at example dot com",
    ),
    (
        {CI},
        "Text 555-0188 if you want the spare sharps bin.",
    ),
    (
        {CI},
        "Our PO Box 4411 address is on the leaflet.",
    ),
    (
        {CI},
        "(555) 010-0123 is the out of hours line",
    ),
    (
        set(),
        "Day 5 blast graded 4AA, transferred at 11:45.",
    ),
    (
        set(),
        "I'm at 11+5 and the heartbeat was 160bpm.",
    ),
    (
        set(),
        "Took 1,000 IU vitamin D and 400 mcg folic acid every day.",
    ),
    (
        set(),
        "My FSH was 8.2 on CD3 and AMH 22.1 pmol/L.",
    ),
    (
        {PR},
        "Fertility reflexology in Bristol 🌸 Mention this group for £10 off your first "
        "treatment! DM to book.",
    ),
    (
        {PR},
        "If anyone wants cheaper meds I can get Clexane from a pharmacy in Spain at half "
        "the price, message me.",
    ),
    (
        {PR},
        "Check out my Etsy shop for IVF survival kits, link in bio 💕",
    ),
    (
        set(),
        "The Fertility Network charity has a free support line, really helped me.",
    ),
    (
        set(),
        "We paid for the ERA test privately, it was about £800 but worth it for us.",
    ),
    (
        set(),
        "My acupuncturist was lovely but honestly I don't think it made a difference.",
    ),
    (
        {CR},
        "I can't see any reason to keep going. I think my husband would be happier without me.",
    ),
    (
        {CR},
        "I've been thinking about killing myself since the stillbirth.",
    ),
    (
        {CR},
        "Sometimes I think it would be easier if I just didn't exist anymore.",
    ),
    (
        set(),
        "I'm so exhausted I could sleep for a week.",
    ),
    (
        set(),
        "Honestly I wanted the ground to swallow me up when the nurse said it in front "
        "of everyone.",
    ),
    (
        set(),
        "The wait for results is torture, I'm dying inside lol.",
    ),
    (
        {RX},
        "Is one 40mg Clexane jab enough or should I be doing two like my friend? I'm 90kg.",
    ),
    (
        {RX},
        "I'm seriously considering coming off the antidepressants before our FET, my GP "
        "doesn't need to know.",
    ),
    (
        {RX},
        "> the estrogen patches keep falling off\n\nJust take the tablets orally instead, "
        "same thing and no sticky mess.",
    ),
    (
        {RX},
        "Keep the Cyclogest going past 12 weeks even if the clinic says stop, it can't hurt.",
    ),
    (
        {RX},
        "You could easily drop to half a tablet of thyroxine if you're feeling jittery, "
        "that's what I did.",
    ),
    (
        {RX},
        "Hydroxychloroquine - worth continuing?\n\nBeen on it 6 months for RPL with no "
        "BFP. Part of me wants to just give up on it. What would you do?",
    ),
    (
        {RX},
        "Can I start my progesterone a day late? The pharmacy didn't have it in until tomorrow.",
    ),
    (
        {RX},
        "honestly ditch the dex, the insomnia isn't worth it and the evidence is weak",
    ),
    (
        {RX},
        "Tempted to skip the estradiol tonight, feel so sick. Would that mess everything up?",
    ),
    (
        set(),
        "Anyone know if it's normal for the clinic to stop estradiol at 10 weeks? Mine just did.",
    ),
    (
        set(),
        "I was so relieved when my consultant said I could come off the injections at 34 weeks.",
    ),
    (
        set(),
        "Dexamethasone is sometimes used instead of prednisolone because less crosses "
        "the placenta, apparently.",
    ),
    (
        set(),
        "My psychiatrist halved my sertraline before we started trying and I've been okay.",
    ),
    (
        set(),
        "Please don't take anyone's leftover meds, speak to your own clinic about what you need.",
    ),
    (
        set(),
        "Where's the best place to inject Clexane if your tummy is too bruised?",
    ),
    (
        set(),
        "My pharmacist said I can take paracetamol with the Clexane but not ibuprofen.",
    ),
    (
        set(),
        "I'd ask your clinic whether you can move the trigger, they do it all the time.",
    ),
    (
        set(),
        "How do you all store Gonal-f when you're travelling?",
    ),
    (
        set(),
        "My mum wants me to stop IVF altogether and just adopt, she doesn't get it.",
    ),
    (
        set(),
        "Stop beating yourself up, you did everything right x",
    ),
    (
        set(),
        "Don't give up hope, our rainbow came on round 4!",
    ),
    (
        set(),
        "Did anyone else find the progesterone made them really constipated?",
    ),
    (
        set(),
        "I take my metformin with dinner and it's much easier on my stomach, the nurse "
        "suggested it.",
    ),
    (
        {CI},
        "If anyone's in Leeds I'm happy to meet for a coffee, I'm on 07700 900 315.",
    ),
    (
        {CI},
        "write to me: dee.lane@example.co.uk",
    ),
    (
        {CI},
        "the clinic is at 501 N Main Street, Suite 300",
    ),
    (
        set(),
        "My bloods: TSH 1.9, T4 14.2, prolactin 312.",
    ),
    (
        set(),
        "3rd round cost us £5,400 with ICSI and freezing.",
    ),
    (
        {PR},
        "I'm a fertility nutritionist, book a free 20 minute call through my website.",
    ),
    (
        {PR},
        "Use discount code RAINBOW15 on our fertility supplements, we ship worldwide.",
    ),
    (
        set(),
        "I bought the Clearblue monitor on Amazon, it was worth every penny.",
    ),
    (
        set(),
        "My sister is a doula and she was amazing at our birth.",
    ),
    (
        {CR},
        "I wrote a goodbye note last night and then tore it up. I don't know what's "
        "happening to me.",
    ),
    (
        {CR},
        "I just want it all to end.",
    ),
    (
        {CR},
        "If this transfer fails I'm going to end my life, I can't do it again.",
    ),
    (
        set(),
        "I just want this awful 2ww to end!",
    ),
    (
        set(),
        "If this transfer fails I think we'll call it a day and end our IVF journey.",
    ),
]


# Round 3: written before the recall-first rework of prescription_change, crisis and
# promotion, to check general rules on wording none of the rules were built from
# (UK / US / IE / AU English, typos, no drug named, pronouns, routes, timing).
ROUND3_CASES: list[tuple[set[str], str]] = [
    # ---- prescription_change: asking
    ({RX}, "can i do my clexane a few hours late tonight? we're out for dinner"),
    ({RX}, "Any reason I shouldn't stop the prednisolone now there's a heartbeat?"),
    ({RX}, "Do I really need the pessaries now I'm 11 weeks? They're so messy."),
    ({RX}, "Should I be coming off the blood thinners before my section or not?"),
    ({RX}, "Reckon I could leave out the evening Cyclogest while we're away camping?"),
    ({RX}, "Is there any point carrying on with the oestrogen patches after a BFN?"),
    ({RX}, "Can I swap my Crinone for the Cyclogest I've still got in the cupboard?"),
    ({RX}, "Is it safe to take my metformin twice a day instead of three times?"),
    ({RX}, "Could I cut the Progynova tablets in half? They make me so nauseous"),
    (
        {RX},
        "What would you do - keep going with the Clexane or stop now that the bleeding's settled?",
    ),
    ({RX}, "Thinking of ditching the steroids, anyone else done that?"),
    ({RX}, "Can I drop to one tab of letrozole this time? Had 4 follicles last round"),
    ({RX}, "Is it bad if I do the trigger an hour earlier than the clinic said?"),
    (
        {RX},
        q(
            "Coming off everything at 8 weeks?",
            "Scan showed a lovely heartbeat. Is it fine to come off all my meds now or "
            "should I wait?",
        ),
    ),
    ({RX}, "is it ok to stop my tablets now im 12 weeks"),
    ({RX}, "Can I borrow my mum's blood pressure tablets until my own prescription comes?"),
    ({RX}, "Would it be ok to do the jabs every other day instead of daily? So sore"),
    ({RX}, "Should I keep on with the sertraline or wean off before FET?"),
    ({RX}, "Is it alright to take the Utrogestan in the morning rather than at bedtime?"),
    ({RX}, "Do I still have to do the Fragmin now the consultant says my clotting is normal?"),
    # ---- prescription_change: advising / urging
    ({RX}, "Honestly ditch the pessaries, they do nothing after 10 weeks."),
    ({RX}, "Just chuck the patches in the bin, you'll be grand"),
    ({RX}, "Go cold turkey on the pred, I did and I was fine."),
    ({RX}, "You don't need the aspirin anymore at your stage, stop it."),
    ({RX}, "Take the evening one in the morning instead, no one will know."),
    ({RX}, "I'd go down to half a tablet if it's making you sick, worked for me."),
    (
        {RX},
        "I weaned myself off the sertraline before our transfer and it was fine, no harm "
        "at all. You could too.",
    ),
    ({RX}, "Skip tonight's shot, one missed dose won't matter."),
    ({RX}, "I just stopped mine at 9 weeks and nothing happened, so you could do the same."),
    ({RX}, "Add an extra pessary at lunchtime if you're spotting, it can only help."),
    ({RX}, "Up the letrozole to 7.5 next cycle, clinics are far too cautious."),
    ({RX}, "Don't bother keeping on with the Clexane after the birth, it's overkill."),
    ({RX}, "Mate, bin the steroids. They're doing nothing but making you miserable."),
    ({RX}, "You can leave the patches off for a few days, honestly it won't matter."),
    ({RX}, "Use the Crinone you've got left instead of paying for more Utrogestan."),
    ({RX}, "Cut them down to one a day, that's what I did and my levels were fine."),
    # ---- prescription_change: hard negatives
    (set(), "Should I stop eating sushi while I'm on Clexane?"),
    (set(), "My consultant told me to come off the pred at 12 weeks, so today was my last one!"),
    (set(), "The hospital stopped my aspirin at 36 weeks as planned."),
    (set(), "Please talk to your midwife before changing the time you take your labetalol."),
    (set(), "Does the Clexane sting more if you inject it fast?"),
    (set(), "Can I stop the folic acid after 12 weeks? Just the normal 400mcg one from Boots."),
    (set(), "Should I cut out caffeine completely while on Progynova?"),
    (set(), "What happens if you stop progesterone too early? Just curious how it works."),
    (
        set(),
        "Ring your GP and ask whether you can take the metformin with food instead, they'll know.",
    ),
    (set(), "I was told to stop the Clexane 24 hours before my section. Is that normal?"),
    (set(), "Should I give up work during the 2ww? I'm a nurse on 12 hour shifts."),
    (set(), "Check with the clinic pharmacist before you skip any doses, honestly."),
    (set(), "How do you remember to take your pessaries at the same time every night?"),
    (set(), "I'd never stop anything without asking my RE first, it's not worth the worry."),
    (set(), "My RE moved my trigger to 10pm and egg collection is Friday!"),
    (set(), "Is it normal to feel dizzy when you stand up after the Clexane?"),
    (set(), "Should I stop exercising while I'm on stims? I usually run 5k."),
    (set(), "Do you need to keep the Menopur in the fridge once it's mixed?"),
    # ---- crisis
    ({CR}, "I honestly don't want to be around anymore."),
    ({CR}, "Some nights I think about swallowing every tablet in the house."),
    ({CR}, "I've been planning how I'd do it. I'm scared of myself."),
    ({CR}, "I can't go on like this. I just want it all to be over."),
    ({CR}, "I've started cutting again, first time since I was a teenager."),
    ({CR}, "I keep thinking they'd all be better off without me around."),
    ({CR}, "Part of me wishes I hadn't woken up after the surgery."),
    ({CR}, "I've been quietly saying goodbye to people. I don't think I'll be here much longer."),
    (set(), "I'd kill for a glass of wine right now"),
    (set(), "These progesterone side effects will be the death of me lol"),
    (set(), "I nearly died of embarrassment when the nurse walked in."),
    (set(), "We're done with IVF, ending it after this round and moving on."),
    # ---- promotion
    ({PR}, "I'm a fertility doula offering virtual support packages, message me for prices."),
    ({PR}, "WhatsApp me for my herbalist's number, she gives forum members a discount."),
    (
        {PR},
        "Our clinic in Athens has a new egg donor programme, book a free consultation via "
        "the link on my page.",
    ),
    ({PR}, "I earn a small commission on these but the Ovusense really is amazing, code OVU15."),
    ({PR}, "Selling my leftover Gonal-F, collection only, best offer."),
    ({PR}, "Check my Instagram for the fertility smoothie recipes, the full plan is £19."),
    (set(), "The Miscarriage Association helpline is free and they're lovely."),
    (set(), "My clinic offers a free counselling session after a failed cycle, worth asking."),
    (set(), "We went private at the Lister in the end, it cost a fortune but worth it."),
    (set(), "PM me if you need a chat, I've been through it too."),
    # ---- contact_info
    ({CI}, "My number is 0161 496 0123 if you want a chat."),
    ({CI}, "You can write to me at 17 Rose Terrace, Galway."),
    ({CI}, "email me: anna.k at example dot co dot uk"),
    (set(), "Beta was 245 then 588, TSH 1.9."),
]


# Round 4: written after the rework, as a check on wording the rules had not seen.
ROUND4_CASES: list[tuple[set[str], str]] = [
    ({RX}, "Has anyone just not bothered with the Lubion after their scan? Tempted tbh"),
    ({RX}, "Am I ok to have my prednisolone at lunchtime instead of breakfast?"),
    ({RX}, "fragmin 5000 or 2500?? would u go down to the lower one now im 30 wks"),
    ({RX}, "Do I have to keep doing the gestone now my bloods are good?"),
    ({RX}, "I'd stop the metformin the minute you get your BFP, it's pointless after that."),
    ({RX}, "Bin the cyclogest and get the crinone off your mate, much less mess."),
    ({RX}, "Reduce the pred to 10mg yourself if the insomnia is that bad."),
    ({RX}, "Ok to swap my evening Clexane to the morning for a few days while I'm on nights?"),
    ({RX}, "Stopped my heparin myself at 28 weeks, zero problems. Highly recommend."),
    ({RX}, "Would it be terrible to just not take the sertraline while we're trying?"),
    (set(), "The EPU told me to halve the Clexane dose until the bleeding settles."),
    (set(), "Has anyone had headaches after they stopped the Progynova at 10 weeks?"),
    (set(), "Should I stop going to the gym during stims? My clinic never said."),
    (set(), "Worth asking your consultant if you can switch to once daily, mine said yes."),
    (set(), "I've got the Clexane in the fridge, does it need to come out before I inject?"),
    (set(), "My GP halved my levo because my TSH was too low, feeling much better."),
    ({CR}, "Honestly I don't see how I keep going. I've thought about how I'd end things."),
    ({CR}, "Some days I think my family would manage fine if I was gone."),
    ({CR}, "I've got a stash of my old tablets and I keep counting them."),
    (set(), "That scan nearly killed me with nerves, but baby was fine!"),
    ({PR}, "Anyone wanting a private scan near Bolton, I work at one and can get you 20% off."),
    ({PR}, "I make fertility-friendly candles, shop link on my page, ten percent goes to charity."),
    (set(), "Ask at reception for the free leaflet, it explains the whole protocol."),
    (set(), "How do I stop the patches peeling off in the shower?"),
    (
        set(),
        "Should I come off social media for a while? Every scroll is a pregnancy announcement.",
    ),
    (set(), "Saying goodbye to my maternity leave next week, so sad."),
    (set(), "I wrote letters to my MP and the clinic about funding."),
]

# ---- round 5: class-based rules (decline / stay on old dose / outside supply / amount /
# timing; framings; negatives), text-speak crisis, MLM and referral promotion, spaced
# e-mails and reference numbers.  Written for the class rules before they were tuned; the
# second half (ROUND5_MORE) was written after the first half passed, to check that the
# classes generalise rather than patch.
ROUND5_CASES: list[tuple[set[str], str]] = [
    # ---- prescription_change: decline / refuse / ignore (a)
    (
        {RX},
        "Honestly I'd tell the consultant no thanks to the heparin. You don't need it with one loss.",
    ),
    (
        {RX},
        "> They've said I need to start Clexane tonight\n\nI'd say no to it tbh, the bruising is brutal and it's not proven.",
    ),
    (
        {RX},
        "Just don't bother with the progesterone this time round, my sister didn't and she's fine.",
    ),
    (
        {RX},
        q(
            "Refusing the steroids?",
            "Has anyone turned down the prednisolone their clinic wanted them on?",
        ),
    ),
    ({RX}, "Ignore your RE on the intralipids, they're a money maker. Skip them."),
    (
        {RX},
        q(
            "Would you go against the EPU?",
            "They want me to take the miso tonight but I'd rather wait for it to happen naturally. What would you do?",
        ),
    ),
    ({RX}, "I wouldn't touch the metformin if I were you, just do the diet."),
    ({RX}, "Would u have the booster dose of the trigger or not? they said its optional lol"),
    ({RX}, "Should I refuse the aspirin? My midwife only put me on it because of my BMI."),
    (
        {RX},
        q(
            "Doc wants me on labetalol - would you take it?",
            "BP is only a bit high and I hate the idea of tablets while pregnant.",
        ),
    ),
    # ---- stay on the old dose (b)
    (
        {RX},
        "> Endo upped me to 125 of levo\n\nStick with the 100, endos always overdo it in pregnancy.",
    ),
    ({RX}, "Can I just stay on 2 a day of the progynova instead of going up to 3 like they said?"),
    (
        {RX},
        "I'd keep on the old dose of sertraline till you feel ready, the new one is a big jump.",
    ),
    # ---- outside the prescription (c)
    ({RX}, "Use your cousin's cyclogest, it's the exact same as what they'd prescribe."),
    ({RX}, "Can I use up the Menopur from my last round before I start the new box?"),
    (
        {RX},
        "My neighbour has some spare Clexane - would it be OK to use that until my prescription comes?",
    ),
    (
        {RX},
        "You can get the Provera online from a site in India for a tenner, no prescription needed.",
    ),
    ({RX}, "Just borrow a few of your partner's antibiotics, same thing really."),
    ({RX}, "im going to take my sisters old letrozole is that mad?? shes got a full box"),
    ({RX}, "Grab some of your friend's ondansetron for the weekend, the GP won't know."),
    # ---- amount (d)
    ({RX}, "Only put in one pessary instead of two at night, it's so messy and one is plenty."),
    ({RX}, "Take an extra half of the estradiol if your lining is thin, worked for me."),
    ({RX}, "Would doubling up on the cyclogest be ok since I think one fell out?"),
    ({RX}, "Cut the prednisolone tablets in half, 10mg is way too much for what you need."),
    ({RX}, "Should I do 150 of the gonal f instead of 225? My AMH is high and I'm scared of OHSS."),
    # ---- timing (e)
    ({RX}, "Inject at 9 instead of 7, a couple of hours won't matter at all."),
    ({RX}, "Is it ok if I push my Clexane back to after dinner? Always forget at 6."),
    ({RX}, "Give the trigger a day later if your follicles look small, it won't hurt."),
    ({RX}, "Delay the methotrexate by a week and see if your hcg drops on its own."),
    ({RX}, "Can i start my stims a few days late so I'm not injecting on holiday?"),
    # ---- stop / pause / start own initiative (f, g)
    (
        {RX},
        "Anyone else just stopped the cyclogest at 9 weeks without asking? Thinking of doing it.",
    ),
    ({RX}, "Put yourself back on the letrozole, you don't need them to write it again."),
    ({RX}, "Pause the metformin for a few days while you're sick, it'll be fine."),
    # ---- negatives
    (set(), "Where can I take unused Gonal-F pens? The pharmacy said they can't take them back."),
    (
        set(),
        "My consultant reduced the Clexane to 40 once the bleeding stopped, relieved honestly.",
    ),
    (set(), "Does anyone know what the prednisolone is actually for in IVF?"),
    (set(), "How long can the Ovitrelle stay out of the fridge? We're driving to the clinic."),
    (
        set(),
        "Adding vitamin D alongside my thyroxine, not changing the thyroxine at all, any brand tips?",
    ),
    (set(), "Please ring your clinic before you skip anything, they'll have an on-call number."),
    (set(), "The nurse said I could do my injection at 8 instead of 7 if it suits me better."),
    (set(), "Had really bad nausea on the miso, is that normal?"),
    (set(), "We're flying with the Menopur in hand luggage, do we need a letter?"),
    (set(), "I refused the epidural in the end and had a lovely water birth."),
    (set(), "My RE told me to stay on 2mg of estradiol until the 12 week scan."),
    (set(), "Thanks for replying, I'll ask the clinic tomorrow whether I can move it."),
    # ---- contact_info
    ({CI}, "You can email me on sarah_k @ example.co.uk if you want to chat privately."),
    ({CI}, "Ring the support line on 0113 496 0571, they were brilliant."),
    ({CI}, "Her office is at 27 Harrow Lane, Bristol, lovely woman."),
    ({CI}, "drop me a line - jen dot m at example dot com"),
    (set(), "ET was 02/05 and OTD is 12/05, fingers crossed for us both."),
    (set(), "My NHS number is on the letter but the ref 2023-11452 is what they asked for."),
    (set(), "AMH 12.4 pmol, FSH 6.1, AFC 14 - are those ok for 38?"),
    # ---- promotion
    (
        {PR},
        "I've partnered with an amazing supplement brand - message me and I'll sort you a starter kit!",
    ),
    (
        {PR},
        "As a qualified fertility reflexologist I have two spots left this month, book via my page.",
    ),
    ({PR}, "Just tell them Priya referred you and you'll get 10% off, I get a voucher too."),
    ({PR}, "Our next group programme cohort opens Monday - DM me for the details."),
    (
        {PR, CI},
        "I now work for a lovely clinic in Cyprus, email me at maria @ example . com for a forum discount.",
    ),
    (
        set(),
        "The Fertility Network charity runs a free support group on Thursdays, really helped me.",
    ),
    (set(), "My acupuncturist was lovely but I don't think it made any difference honestly."),
    # ---- crisis
    ({CR}, "i just dont wanna be here anymore. whats the point"),
    (
        {CR},
        "Honestly my husband would be better off if I was gone. He'd find someone who can give him a baby.",
    ),
    ({CR}, "I'm so tired of being alive. Every day is the same grey nothing."),
    ({CR}, "i cant do this any more, im just a burden to every1"),
    ({CR}, "Sometimes I think I'd rather not wake up tomorrow."),
    (set(), "This 2ww is killing me, I can't do this anymore haha, roll on Friday."),
    (set(), "Gutted about the BFN. We'll take a break and go again in the new year."),
    (set(), "I miss my angel every day but I'm getting through it with counselling."),
]

ROUND5_MORE: list[tuple[set[str], str]] = [
    (
        {RX},
        "Tell them you'll think about the Clexane and then just don't pick up the prescription.",
    ),
    ({RX}, "If I were you I'd skip the last two bum bullets, your placenta has taken over by now."),
    (
        {RX},
        q(
            "Can I say no to the heparin?",
            "Booking appointment tomorrow and they'll push it on me again.",
        ),
    ),
    (
        {RX},
        "> Clinic upped my estrogen to 3 patches\n\nJust keep it at 2, more patches won't make your lining any thicker.",
    ),
    ({RX}, "Any of you used the gonal-f pen your friend had left over after her cycle?"),
    (
        {RX},
        "Mine ran out so I'm using my mum's thyroxine till the GP reopens, same dose, that's fine right?",
    ),
    (
        {RX},
        "Don't take the full dose of the misoprostol, half is enough if you're already bleeding.",
    ),
    ({RX}, "Wld you take the cabergoline or just let your milk dry up naturally? really torn"),
    ({RX}, "Honestly just go a day or two without the progesterone and see if the spotting stops."),
    ({RX}, "You can absolutely do your trigger an hour earlier, nobody checks the exact minute."),
    ({RX}, "Take 2 letrozole a day instead of 1 if you want more follicles, that's what I did."),
    ({RX}, "tbh I'd just quietly leave the aspirin out from now on, they'll never know"),
    ({RX}, "Could I get away with taking the prednisolone every other day?"),
    (
        {RX},
        "Reckon I should ignore the hospital and carry on with the clexane past 6 weeks postpartum?",
    ),
    ({RX}, "Skip tonight's menopur and double it tomorrow, it evens out."),
    (set(), "My consultant said to stop the aspirin at 36 weeks, so that's what I did."),
    (
        set(),
        "Anyone know if the leftover menopur can be donated to another patient through the clinic?",
    ),
    (set(), "What's the difference between Cyclogest and Crinone? Clinic gave me a choice."),
    (set(), "I keep forgetting my evening metformin - any app recommendations for reminders?"),
    (set(), "Had my second methotrexate injection today, the nurse was lovely."),
    (set(), "Our clinic wants us to do the trigger at 10pm, any tips for staying awake? lol"),
    (set(), "Got so much bruising from the Fragmin, any tips on where to inject?"),
    (set(), "Should I take my progesterone before or after the shower? Does it matter?"),
    (
        set(),
        "The EPU offered me the tablets or waiting it out and I chose to wait, it was the right choice for me.",
    ),
    ({CI}, "Give the ward a ring on 020 7946 0991 and ask for Ruth."),
    ({CI}, "Send it to 14 Corporation Street, Belfast BT1 3BH and they'll process it."),
    ({CI}, "k.jones(at)example(dot)com is the practice manager, she sorted my complaint."),
    (set(), "Transfer 22/11, beta day 03/12. Anyone else?"),
    (set(), "Batch number on the box is 2025-3381 if anyone's checking the recall."),
    (
        {PR},
        "Ladies I've been doing this side hustle for a year, flexible hours and you work around IVF - DM me!",
    ),
    ({PR}, "I'm a registered nutritionist and I offer 1:1 packages for PCOS, link in my profile."),
    ({PR}, "The clinic I work at in Alicante gives forum members 15% off - just mention my name!"),
    ({PR}, "Mention Zoe sent you when you book and you'll get a free scan, I get credit too."),
    (set(), "I paid for a private scan at a place in Leeds, it was worth every penny."),
    (set(), "Does anyone have a recommendation for a fertility counsellor? Happy to pay."),
    ({CR}, "I genuinely don't think I want to exist anymore after this."),
    ({CR}, "No one would even notice if I was gone tbh"),
    ({CR}, "I keep thinking about taking all my tablets at once"),
    ({CR}, "dont see the point in living if i cant be a mum"),
    ({CR}, "Everyone would honestly be better off without me around."),
    (set(), "The waiting is killing me, I just want it to be over so I know either way."),
]

# Class matches whose object is a procedure, a test or an over-the-counter remedy.
ROUND5_OBJECTS: list[tuple[set[str], str]] = [
    (
        set(),
        "Would you have the second transfer or take a break first? I'm on progesterone still.",
    ),
    (set(), "Don't bother with the acupuncture, it did nothing for me on my Clexane cycle."),
    (set(), "Refuse the sweep if you don't want it, they can't force you. I'm on aspirin anyway."),
    (set(), "Give it a few more days before testing, the trigger can still be in your system."),
    (set(), "Only take two of the paracetamol at a time, the midwife said, alongside the aspirin."),
    ({RX}, "Would you go ahead with the methotrexate or wait another week?"),
    ({RX}, "Give it a few more days without the progesterone, you'll be fine."),
    ({RX}, "i wud just stay on the 50 of sertraline tbh ur gp is being overcautious"),
]

# Round 6: the classes the fourth blind set (holdout2) showed were too narrow - re-timing by
# hours or days, "from X down to Y", cheaper / generic / overseas supply, carrying on
# against the prescriber, leaving the prescriber out, calm intrusive thoughts, referral perks.
ROUND6_CASES: list[tuple[set[str], str]] = [
    # ---- timing
    (
        {RX},
        q(
            "Gonal-f earlier on a late shift?",
            "Clinic says 7pm but I'm working till 11. Can I jab it at 4 before I leave, or is "
            "3 hours early a problem?",
        ),
    ),
    ({RX}, "Honestly just leave the Provera till Monday, a day or two late won't hurt."),
    ({RX}, "I'd hold off on the metformin until after the holiday, your stomach will thank you."),
    ({RX}, "Can I leave tonight's Clexane till the morning? We won't be home till 2am."),
    (
        {RX},
        "Is it ok to push my progesterone back by a couple of hours on Saturday? We're at a wedding.",
    ),
    # ---- amount
    (
        {RX},
        "you could just drop from 40 to 20 of the prednisolone yourself, I did and felt loads better",
    ),
    ({RX}, "Could I go from 200 to 100mg of the labetalol? My readings have been really low."),
    (
        {RX},
        "Tbh I'd bring it down from 5mg to 2.5 of the estradiol and see how you go, no need to "
        "involve the consultant.",
    ),
    # ---- supply outside the prescription
    (
        {RX},
        "Don't pay clinic prices, order the Cetrotide cheaper from a site in Turkey, loads of us do.",
    ),
    (
        {RX},
        "Has anyone bought progesterone pessaries from a website in India? The clinic ones cost a "
        "fortune.",
    ),
    ({RX}, "You can pick up the generic letrozole much cheaper online, no prescription needed."),
    # ---- carrying on against the prescriber
    (
        {RX},
        "Your RE said stop the estradiol at 10 weeks but I'd keep taking it regardless, better safe "
        "than sorry.",
    ),
    (
        {RX},
        "Doctor wants me off the aspirin at 36 weeks. I'm tempted to carry on with it anyway - "
        "would you?",
    ),
    (
        {RX},
        "Stick with what works for you hun, the Clexane got you this far, don't let him take you "
        "off it.",
    ),
    ({RX}, "I would have ignored them and kept on the prednisolone, you know your own body."),
    # ---- leaving the prescriber out
    (
        {RX},
        "Just up the Cyclogest to three a day, no need to run it past the clinic, they won't mind.",
    ),
    (
        {RX},
        "Halve the thyroxine for a week and see, don't bother with the GP, they take ages to "
        "call back.",
    ),
    # ---- hard negatives about medicines
    (set(), "Clinic moved my trigger to 9pm instead of 10pm because of theatre times."),
    (
        set(),
        "Please don't change the dose of your metformin yourself - ring the diabetes nurse, "
        "they may well lower it but they need to check your bloods first.",
    ),
    (
        set(),
        q(
            "Supplements at 12 weeks",
            "I take 10mcg vitamin D and folic acid from Superdrug - should I stop them now?",
        ),
    ),
    (
        set(),
        "My consultant dropped me from 6mg to 4mg of estradiol after the scan and my lining "
        "held up fine.",
    ),
    (
        set(),
        "The pharmacy gave me the generic version of the letrozole, is it the same stuff as Femara?",
    ),
    (
        set(),
        "I was told to keep doing the Clexane every night until 12 weeks and I did, no issues.",
    ),
    (
        set(),
        "My midwife said to carry on with the aspirin regardless of the bleed, so I am.",
    ),
    (set(), "I order my vitamins cheaper online from a site in Spain, much better value."),
    (
        set(),
        "The nurse pushed my scan back by two days so I'm staying on the estradiol a bit longer.",
    ),
    # ---- crisis: calm intrusive thoughts about oneself
    (
        {CR},
        "Every time I'm on the platform I picture stepping in front of the train. I'm not scared, "
        "just numb.",
    ),
    (
        {CR},
        "Crossing the bridge this morning I had the thought of just jumping off it. It felt very calm.",
    ),
    ({CR}, "I keep imagining walking into the sea at Filey and not coming back."),
    (
        {CR},
        "sometimes when im driving i want to swerve into a lorry. is that normal after a loss?",
    ),
    ({CR}, "I've been thinking about overdosing on my sleeping tablets since the funeral."),
    # ---- not crisis
    (set(), "Thinking about jumping into the pool with the kids tomorrow, the heat is unreal."),
    (set(), "My husband swerved into a ditch avoiding a deer last night, we're all fine."),
    (set(), "I nearly walked into a lamp post reading my beta results, the relief!"),
    # ---- promotion: referral perks and clinic agents
    (
        {PR},
        "DM me and I'll pass on my acupuncturist's number - she knocks a tenner off for each new "
        "client I send her.",
    ),
    (
        {PR},
        "I'm the international patient coordinator at a clinic in Cyprus - we're currently "
        "offering discounted consultations for UK patients, just inbox me.",
    ),
    ({PR}, "My doula gives me a free session for everyone I refer, so do mention my name!"),
    (
        {PR},
        "We are offering free scans to anyone from this group this month and I'll get you booked "
        "in personally.",
    ),
    # ---- not promotion
    (
        set(),
        "My consultant put me in touch with a lovely counsellor at the hospital, it's free on "
        "the NHS.",
    ),
    (
        set(),
        "The clinic had free consultations at their open evening, worth a look if you're deciding.",
    ),
    (
        set(),
        "My friend works as a nurse for a clinic in Leeds and says their counselling is great.",
    ),
]

ALL_CASES = (
    OWN_CASES
    + MORE_CASES
    + ROUND3_CASES
    + ROUND4_CASES
    + ROUND5_CASES
    + ROUND5_MORE
    + ROUND5_OBJECTS
    + ROUND6_CASES
)


@pytest.mark.parametrize(("expected", "text"), ALL_CASES, ids=[t[:50] for _, t in ALL_CASES])
def test_own_case_gets_exactly_the_expected_labels(expected, text):
    assert set(detect_all(text)) == expected


def test_own_cases_meet_the_targets_as_a_set():
    cases = [
        Case(id=str(i), text=text, labels={label: label in expected for label in DETECTORS})
        for i, (expected, text) in enumerate(ALL_CASES)
    ]
    result = evaluate(cases)
    assert result[RX]["recall"] >= 0.95 and result[RX]["precision"] >= 0.90
    assert result[CI]["recall"] == 1.0 and result[CI]["precision"] >= 0.95
    assert result[PR]["recall"] >= 0.90 and result[PR]["precision"] >= 0.85
    assert result[CR]["recall"] == 1.0 and result[CR]["precision"] >= 0.80


# Two demo-thread posts that were wrongly flagged: an expert declining to advise on stopping
# and sending the member back to the prescriber, and injection-technique advice.
DEMO_POSTS: list[tuple[str, str]] = [
    (
        "expert-defers-to-prescriber",
        "Hello T.C., I'm sorry the injections have become such a weight. Months of evening "
        "injections is hard, and bruising is one of the most common complaints about them.\n\n"
        "**What it does.** Clexane is a low-molecular-weight heparin, an anticoagulant: it "
        "makes your blood less likely to form clots. Pregnancy naturally raises that risk, and "
        "IVF, a past clot, some clotting conditions or a history of pregnancy loss can raise it "
        "further. So teams prescribe it for quite different reasons, and for different lengths "
        "of time, sometimes until after the birth.\n\n"
        "**What I can't do.** I'm an embryologist, not a physician, and I don't know your "
        "history, so I can't advise you on stopping. That decision belongs with whoever "
        "prescribed it, so please keep going as prescribed until you've talked it through "
        "with them.\n\n"
        "Questions you could take to your obstetric team:\n\n"
        "- Why was it prescribed for me, and does that reason still apply?\n"
        "- How long is the plan, and does it continue after the birth?\n"
        "- Is my dose still right for me now?\n"
        "- What could make the injections easier?\n\n"
        "You're not being silly at all for asking.",
    ),
    (
        "injection-technique-tips",
        "Bruising is very common with heparin injections, even with perfect technique, so "
        "please don't blame yourself. Things that often help:\n\n"
        "- Sit or lie back so your tummy is relaxed.\n"
        "- Leave the air bubble in a prefilled syringe.\n"
        "- Pinch a fold of skin, put the needle straight in, push slowly and keep the pinch "
        "until it's done.\n"
        "- Don't rub afterwards; just let it be.\n"
        "- Move to a new spot each time.\n\n"
        "**Tell your clinic** about a bruise that keeps spreading, a hard painful lump, a "
        "rash, or any bleeding that won't settle, such as nosebleeds or bleeding gums.\n\n"
        "And it's completely fine to ask a nurse to watch you do one at your next visit. "
        "We're always glad to.",
    ),
]


@pytest.mark.parametrize(("name", "text"), DEMO_POSTS, ids=[n for n, _ in DEMO_POSTS])
def test_demo_posts_about_deferring_to_the_prescriber_or_technique_are_not_flagged(name, text):
    assert detect_all(text) == {}


# --------------------------------------------------------------------------- named behaviour


@pytest.mark.xfail(
    strict=True, reason="known limit: a choice between two schedules, no change verb"
)
def test_choosing_between_prescribed_and_friends_schedule_is_flagged():
    text = q(
        "Clomid day 2-6 or 5-9?",
        "Prescription says days 2-6 but my friend swears 5-9 gives better eggs. "
        "Which would you do?",
    )
    assert detect_prescription_change(text) is not None


def test_asking_whether_to_stop_heparin_is_flagged():
    f = detect_prescription_change("Should I stop the heparin now that I'm 12 weeks?")
    assert f is not None
    assert f.label == RX
    assert "heparin" in f.reason and f.reason.startswith("Asks whether")


def test_advising_someone_to_stop_is_flagged_as_advice():
    f = detect_prescription_change("Just stop the Clexane, you don't need it after 12 weeks.")
    assert f is not None and f.reason.startswith("Advises")


def test_asking_to_come_off_injections_without_naming_a_drug_is_flagged():
    assert detect_prescription_change("should I come off the injections now?") is not None


def test_doctors_switch_told_as_a_story_is_not_flagged():
    assert detect_prescription_change("My RE switched me to Clexane at 9 weeks.") is None


def test_advice_to_ask_the_prescriber_is_not_flagged():
    assert detect_prescription_change("Ask your RE before you stop the pred.") is None


def test_question_about_side_effects_is_not_flagged():
    assert detect_prescription_change("Does Crinone make anyone else really itchy?") is None


def test_supplement_question_is_not_flagged_but_replacing_a_prescription_is():
    assert detect_prescription_change("Should I stop taking fish oil before EC?") is None
    assert (
        detect_prescription_change("Try fish oil instead of the Lovenox, it's natural.") is not None
    )


def test_quoted_question_alone_is_not_the_repliers_advice():
    text = "> Should I stop the pred before my scan?\n\nNo idea sorry, hope the scan goes well x"
    assert detect_prescription_change(text) is None


def test_reply_advising_stop_of_a_quoted_medicine_is_flagged():
    text = "> Should I stop the pred before my scan?\n\nYes, get off it now."
    assert detect_prescription_change(text) is not None


def test_unknown_drug_is_flagged_only_after_an_admin_adds_it():
    text = "Should I stop taking zorbatrin before my transfer?"
    assert detect_prescription_change(text) is None
    vocab = Vocabulary(medicines=frozenset({"Zorbatrin"}))
    f = detect_prescription_change(text, vocab)
    assert f is not None and "zorbatrin" in f.reason.lower()


def test_admin_added_change_phrase_takes_effect():
    text = "Is it ok to pause my clexane over the weekend?"
    assert detect_prescription_change(text) is not None  # built-in "pause"
    text2 = "Can I yeet the clexane now?"
    assert detect_prescription_change(text2) is None
    assert detect_prescription_change(text2, Vocabulary(change_phrases=frozenset({"yeet"})))


def test_general_drug_dictionary_catches_medicines_outside_the_curated_list():
    # tinidazole is not in the curated fertility list, only in the big dictionary
    assert detect_prescription_change("Should I stop the tinidazole early? It tastes awful.")


def test_finding_span_points_at_the_change_phrase():
    text = "Title here\n\nHonestly I'd just stop the heparin."
    f = detect_prescription_change(text)
    assert f is not None and f.spans
    sp = f.spans[0]
    assert text[sp.start : sp.end].lower().startswith("stop")


def test_phone_span_offsets_index_the_original_text():
    text = "Call me on 07700 900418 for a chat"
    f = detect_contact_info(text)
    assert f is not None
    assert [text[s.start : s.end] for s in f.spans] == ["07700 900418"]
    assert f.spans[0].kind == "phone"


def test_all_three_kinds_of_contact_are_found_with_their_kinds():
    text = "Email jo@example.com, phone 0113 496 0999 or pop round to 22 Fenwick Grove."
    f = detect_contact_info(text)
    assert f is not None
    assert {s.kind for s in f.spans} == {"email", "phone", "address"}


def test_bare_web_address_is_not_contact_info():
    assert detect_contact_info("See www.example.org/after-loss for the leaflet.") is None


def test_contact_in_a_quote_is_still_contact_info():
    assert detect_contact_info("> text me on 07700 900777\n\nHope you got sorted x")


def test_masking_replaces_phone_email_and_address_and_keeps_the_rest():
    text = (
        "Ring 07700 900418 or email jenny.t82@example.com or jo at example dot com. "
        "We're at 41 Station Road. Beta was 1,245!"
    )
    masked = mask_contact_info(text)
    assert "07700" not in masked and "jenny" not in masked and "jo at example" not in masked
    assert "###-###-####" in masked
    assert masked.count("____@____.com") == 2
    assert "[address hidden]" in masked
    assert masked.startswith("Ring ") and masked.endswith("Beta was 1,245!")


def test_masking_leaves_text_without_contact_details_untouched():
    text = "Beta 455 on 14dp5dt, 1,130 on 16dp5dt. Scan at 10:30!"
    assert mask_contact_info(text) == text


def test_idiom_about_the_two_week_wait_is_not_crisis():
    assert detect_crisis("The 2WW is killing me, I could kill for a coffee") is None


def test_wanting_to_not_wake_up_is_crisis():
    f = detect_crisis("Some nights I want to go to sleep and not wake up.")
    assert f is not None and f.label == CR and f.spans


def test_planning_an_exit_is_crisis_out_of_the_box():
    assert detect_crisis("I've been planning my exit.") is not None


def test_admin_added_crisis_phrase_takes_effect():
    text = "I keep thinking about the bridge by the canal."
    # the rules alone miss it (the learned backstop in detect_crisis now catches it anyway)
    from moderation.detectors import RULES_ONLY

    assert RULES_ONLY["crisis"](text) is None
    vocab = Vocabulary(crisis_phrases=frozenset({"thinking about the bridge"}))
    assert detect_crisis(text, vocab)


def test_naming_a_hospital_or_charity_is_not_promotion():
    assert detect_promotion("St Mary's were fantastic and Tommy's have a free line.") is None


def test_admin_added_promotion_phrase_takes_effect():
    text = "Fertility tea blends available, see my shop page."
    vocab = Vocabulary(promotion_phrases=frozenset({"tea blends available"}))
    assert detect_promotion(text, vocab) is not None


def test_detect_all_returns_only_labels_that_fired():
    text = "Selling my spare Gonal-f pens, text 555-0147."
    found = detect_all(text)
    assert set(found) == {CI, PR}
    assert all(isinstance(f, Finding) and f.label == k for k, f in found.items())


def test_every_detector_is_registered_and_callable_with_text_alone():
    assert set(DETECTORS) == {RX, CI, PR, CR}
    for fn in DETECTORS.values():
        assert fn("Hello everyone") is None


def test_span_is_a_frozen_value():
    sp = Span(1, 2, "phone")
    with pytest.raises(AttributeError):
        sp.start = 5  # type: ignore[misc]


def test_detectors_are_fast_enough_for_every_post():
    texts = [t for _, t in ALL_CASES]
    detect_all(texts[0])  # warm up lazy data
    start = time.perf_counter()
    rounds = 5
    for _ in range(rounds):
        for t in texts:
            detect_all(t + " ")  # defeat the per-text cache
    per_post = (time.perf_counter() - start) / (rounds * len(texts))
    assert per_post < 0.001


# --------------------------------------------------------------------------- evaluation helpers


def test_question_text_is_title_blank_line_body():
    assert case_text({"kind": "question", "title": "T", "body": "B"}) == "T\n\nB"
    assert case_text({"kind": "reply", "body": "B"}) == "B"


def test_bad_json_line_is_reported_with_its_line_number(tmp_path):
    p = tmp_path / "cases.jsonl"
    p.write_text('{"id": "a", "kind": "reply", "body": "x", "labels": {}}\n{not json}\n')
    with pytest.raises(CaseError, match="line 2"):
        load_cases(p)


def test_missing_case_file_is_a_clear_error(tmp_path):
    with pytest.raises(CaseError, match="not found"):
        load_cases(tmp_path / "nope.jsonl")


def test_precision_is_one_when_nothing_was_flagged():
    cases = [Case(id="1", text="hello", labels={RX: False})]
    result = evaluate(cases, {RX: detect_prescription_change})
    assert result[RX] == {"tp": 0, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0}


# --------------------------------------------------------------------------- shared dev file


def test_shared_dev_cases_meet_the_targets():
    if not SHARED_DEV.exists():
        pytest.skip(f"{SHARED_DEV} not present (fresh clone without ../shared)")
    result = evaluate(load_cases(SHARED_DEV))
    assert result[RX]["recall"] >= 0.95 and result[RX]["precision"] >= 0.90
    assert result[CI]["recall"] == 1.0 and result[CI]["precision"] >= 0.95
    assert result[PR]["recall"] >= 0.90 and result[PR]["precision"] >= 0.85
    assert result[CR]["recall"] == 1.0 and result[CR]["precision"] >= 0.80


def test_blind_cases_shipped_with_the_repo_meet_the_targets():
    # Written independently of dev.jsonl with the same label rules; it now also guides
    # development, so a fresh held-out set is still the real test.
    result = evaluate(load_cases(BLIND))
    assert result[RX]["recall"] >= 0.95 and result[RX]["precision"] >= 0.90
    assert result[CI]["recall"] == 1.0 and result[CI]["precision"] >= 0.95
    assert result[PR]["recall"] >= 0.90 and result[PR]["precision"] >= 0.85
    assert result[CR]["recall"] == 1.0 and result[CR]["precision"] >= 0.80


def test_shared_dev_file_is_valid_jsonl():
    if not SHARED_DEV.exists():
        pytest.skip(f"{SHARED_DEV} not present (fresh clone without ../shared)")
    lines = SHARED_DEV.read_text(encoding="utf-8").splitlines()
    assert all(json.loads(line)["labels"] for line in lines if line.strip())


def test_holdout_cases_shipped_with_the_repo_meet_the_targets():
    # The third set, written blind by someone else; it exposed new verbs and framings, and
    # the class rules were written against what it showed (so a fourth set is the real test).
    result = evaluate(load_cases(HOLDOUT))
    assert result[RX]["recall"] >= 0.95 and result[RX]["precision"] >= 0.90
    assert result[CI]["recall"] == 1.0 and result[CI]["precision"] >= 0.95
    assert result[PR]["recall"] >= 0.90 and result[PR]["precision"] >= 0.85
    assert result[CR]["recall"] == 1.0 and result[CR]["precision"] >= 0.80


def test_text_speak_crisis_span_points_at_the_original_words():
    text = "ok so. cant do this anymore. dont want 2 be here"
    finding = detect_crisis(text)
    assert finding is not None
    (span,) = finding.spans
    assert text[span.start : span.end].endswith("dont want")


def test_spaced_email_is_contact_info_and_masked():
    text = "Email me at hannah.b @ example . com for details"
    finding = detect_contact_info(text)
    assert finding is not None and finding.spans[0].kind == "email"
    assert "example" not in mask_contact_info(text)


def test_dates_and_year_prefixed_references_are_not_phone_numbers():
    assert detect_contact_info("ET on 14/03, OTD 24/03, clinic ref starts with 2024-0917.") is None


def test_class_rule_finding_says_what_kind_of_change_it_saw():
    finding = detect_prescription_change("Refuse the second methotrexate jab, just wait it out.")
    assert finding is not None
    assert "decline" in finding.reason


def test_fourth_blind_set_holdout2_meets_the_targets():
    # Written blind; it showed the timing, dose-step, supply, carry-on, intrusive-thought and
    # referral-perk classes too narrow, and round 6 widened those classes (so it now guides
    # development too: a fifth unseen set is the real test).
    result = evaluate(load_cases(HOLDOUT2))
    assert result[RX]["recall"] >= 0.95 and result[RX]["precision"] >= 0.90
    assert result[CI]["recall"] == 1.0 and result[CI]["precision"] >= 0.95
    assert result[PR]["recall"] >= 0.90 and result[PR]["precision"] >= 0.85
    assert result[CR]["recall"] == 1.0 and result[CR]["precision"] >= 0.80


# --------------------------------------------------------------------------- round 7 (untuned set)

UNTUNED = Path(__file__).resolve().parent / "cases" / "untuned.jsonl"

ROUND7_RX_POSITIVE = [
    # new change wordings
    "Just take your letrozole on days 3-7 instead of 5-9, it worked better for me.",
    "I did my Cyclogest at 7am instead of bedtime, no problems. You could do the same.",
    "Take the evening Clexane in the morning instead of at night, much easier with work.",
    "Don't bother collecting the new prescription for the higher dose, stay on what you're on.",
    "Forget the new Clexane dose - stick with what you're taking, they always overprescribe.",
    "Has anyone bought letrozole over the counter in Turkey and started it themselves?",
    "Thinking of getting Provera from a pharmacy abroad while I'm in Spain - has anyone done it?",
    "I'd bump the Progynova up to 6mg yourself, thin linings need more.",
    "Honestly I'd push your estradiol up a tablet a day, clinics are always cautious.",
    "My sister came off her citalopram the week she got her BFP and felt fine. Go for it.",
    "A friend of mine stopped her metformin at 8 weeks, never looked back. Go for it.",
    "What I'd do in your shoes:\n- drop the prednisolone to 5mg\n- keep the aspirin going",
    "If I were you:\n- skip the next intralipid\n- ask for a scan",
    "My husband is talking about taking his clomiphene every day instead. Is that safe?",
    "She keeps talking about stopping her sertraline before transfer. Would you?",
    "Should I stop the Cyclogest now the bleeding has started?",
    "Can I just switch over to Crinone without telling the clinic?",
    "Is it ok to skip tonight's Menopur injection? I'm exhausted.",
    "You could just halve your Clexane, nobody checks.",
    "Please don't stop the progesterone on your own. Actually I'd just stop it at 10 weeks, I did.",
]

ROUND7_RX_NEGATIVE = [
    # (1) supplements and over-the-counter products
    "CoQ10 alongside IVF meds?\n\nStarting stims in May. Is ubiquinol worth starting now?",
    "Stims start next month. Lots of people here take myo-inositol. Is it worth starting now?",
    "I take one omega-3 fish oil capsule a day from the supermarket. Should I stop it before EC?",
    "Vitamin D at 40. I bought 4000 IU tablets from Boots - should I go down to 1000?",
    "Can I stop my pregnancy multivitamin now I'm 14 weeks? It's the Superdrug one.",
    "My B12 tablets from Holland & Barrett - should I switch to the spray?",
    "Is it OK to stop the folic acid after 12 weeks? Just the 400mcg one from Walgreens.",
    "Bought vitamin C capsules at CVS, should I take two a day or one?",
    "Iron tablets from the chemist are making me sick. Can I skip a few days?",
    # (2) a professional or member sends the person to the team
    "I'm a midwife. Some units stop aspirin at 36 weeks and some carry on, but please don't stop "
    "on your own. Call the team and ask.",
    "Pharmacist here. Reducing thyroxine is something only your endocrinologist should decide. "
    "Ring them this week.",
    "I'm not medically trained so I would never tell anyone to stop or reduce a prescription - get "
    "your midwife to phone the consultant today.",
    "Clinics differ on when to stop Clexane. Only your consultant can decide that for you. Call the "
    "unit tomorrow.",
    "Please don't change your Cyclogest yourself. Phone the clinic in the morning.",
    # (3) the clinic made the change; the poster asks whether it is normal
    "Clinic rang and changed my trigger from 9pm to 10:30pm. Is it normal for them to move it like "
    "that?",
    "My consultant moved my Clexane to the evening. Is it usual for them to switch it like that?",
    "Nurse changed my Menopur dose today. Why would the clinic change it mid-cycle?",
    # (4) a non-medical object is swapped
    "Clinic forgot my sharps bin and I start stims Friday. Anyone got a spare? Happy to swap for "
    "cake!",
    "Anyone want to swap for a cool bag? I've got two and I'm on Gonal-F.",
    "Ran out of needles for my Menopur - happy to swap for biscuits if anyone has spares.",
    # plain reports
    "I stopped Cyclogest at 12 weeks as the clinic told me to.",
]


@pytest.mark.parametrize("text", ROUND7_RX_POSITIVE)
def test_round7_change_wordings_are_flagged(text):
    assert detect_prescription_change(text) is not None


@pytest.mark.parametrize("text", ROUND7_RX_NEGATIVE)
def test_round7_supplements_deferrals_clinic_changes_and_swaps_are_not_flagged(text):
    assert detect_prescription_change(text) is None


ROUND7_OTHER = [
    ("I've started making fertility gift boxes, they're on tinybump.example - launch offer!", PR),
    ("Introductory offer on my fertility massage sessions this month only.", PR),
    ("I've started scratching my arms again since the BFN. It's the only thing that helps.", CR),
    ("Been cutting myself again since the loss, I haven't told anyone.", CR),
    ("Standing on the platform I had the thought it would be easy to just step forward.", CR),
    ("I keep getting an urge to step off in front of the train on my way to work.", CR),
]


@pytest.mark.parametrize(("text", "label"), ROUND7_OTHER)
def test_round7_promotion_and_crisis_wordings_are_flagged(text, label):
    assert label in detect_all(text)


@pytest.mark.parametrize(
    "text",
    [
        "The PIO rash has me scratching my arms all night, any tips?",
        "I was standing on the platform when the clinic rang with our beta!",
        "Walked out of the clinic feeling so much better after the scan.",
        "The launch of the new clinic wing was lovely, they gave us a tour.",
    ],
)
def test_round7_lookalikes_are_not_crisis_or_promotion(text):
    found = detect_all(text)
    assert CR not in found and PR not in found


def test_untuned_set_meets_the_targets():
    # Written blind and never tuned on until round 7, which used it to widen the classes
    # (supplements, deferral to the team, clinic-made changes, swapped objects); a fresh set
    # is now the real test.
    result = evaluate(load_cases(UNTUNED))
    assert result[RX]["recall"] >= 0.95 and result[RX]["precision"] >= 0.90
    assert result[CI]["recall"] == 1.0 and result[CI]["precision"] >= 0.95
    assert result[PR]["recall"] >= 0.90 and result[PR]["precision"] >= 0.85
    assert result[CR]["recall"] == 1.0 and result[CR]["precision"] >= 0.80


# Round 8 crisis classes: wish to die, burden, farewell, method/plan, self-injury,
# intrusive thoughts (incl. text-speak).  Kept out of ALL_CASES so the learned model's
# training data is unchanged.
CRISIS_R8_POSITIVE: list[str] = [
    "keep thinkin bout just not waking up",
    "dont want 2 be here",
    "Some nights I go to bed hoping I just won't wake up in the morning.",
    "honestly wish i could just disappear and nobody would have to deal with me",
    "i just want to stop existing tbh",
    "part of me wishes I'd never wake up again after this loss",
    "I'm so tired. I don't want to be alive any more.",
    "wouldnt mind if i didnt wake up tmrw",
    "I want to go to sleep and not wake up.",
    "Sometimes I wish I could just fall asleep forever.",
    "everyone would be better off if I just wasn't around",
    "my husband would be better off without me, he could find someone who can give him kids",
    "evry1 wud b better off if i wasnt here",
    "I feel like such a burden, they'd all be happier if I was gone.",
    "The world would be a better place without me in it.",
    "Thank you for everything, all of you. This will be my last post. Look after each other. Goodbye.",
    "I've sorted out my affairs and written letters for my family. I just wanted to say thank you to this group.",
    "ive given most of my things away now. thank u all for being there, take care of each other x",
    "This is goodbye from me. You've all been so kind. Please look after yourselves when I'm not here.",
    "I won't be posting again. Thank you for everything, I love you all. Goodbye x",
    "I've worked out how many of my sleeping tablets it would take. I'm not going to do anything tonight.",
    "I've been saving my tablets for a while now, I have enough.",
    "I know exactly which bridge I would use.",
    "i looked up how many paracetamol it would take",
    "I keep walking to the cliff near our house and standing at the edge.",
    "bought a rope today. not sure why i'm telling anyone.",
    "started scratching my arms again after the BFN, it takes the edge off.",
    "I relapsed last night and cut again. First time in 3 years.",
    "I've been burning myself with my straighteners and hiding the marks under long sleeves.",
    "i keep hitting myself when i get the bad news, cant stop",
    "Wearing long sleeves in this heat so nobody sees the marks on my arms.",
    "every time I stand on the platform I think about stepping off in front of it",
    "I keep picturing myself stepping off the bridge on my walk to work.",
    "had the urge to swerve into the oncoming lorry on the way back from the clinic",
    "the thought of taking all my tablets at once keeps popping into my head",
    "I keep imagining my own funeral and feeling relieved.",
]

CRISIS_R8_NEGATIVE: list[str] = [
    "I lost my mum last month and I miss her so much, I cry every day.",
    "I'm absolutely exhausted, this cycle has drained me.",
    "I'm done with IVF. Three rounds, no more. We're going to look at adoption.",
    "The 2WW is killing me!!",
    "I'm dying to know my beta result.",
    "I could die of embarrassment, I fainted at the scan.",
    "This clinic will be the death of me with their phone lines.",
    "I'd kill for a coffee right now.",
    "Last post before my holiday - see you all in two weeks!",
    "Said goodbye to my old clinic today, moving to a new one closer to home.",
    "This thread is being closed so this will be my last post here, see you on the new thread.",
    "Thank you for everything, ladies. Graduating to the pregnancy board now, look after each other!",
    "I'm so tired of the waiting, I just want it to be over and get my results.",
    "I wish I could disappear for a week to a beach somewhere.",
    "I've worked out how many tablets I need for the whole cycle, does 42 sound right?",
    "The sleeping tablets my GP gave me are working, I finally slept through.",
    "My cat keeps scratching my arms when I try to give her tablets.",
    "The bridge into town was closed so I was late for my scan.",
    "I've given away all the baby clothes we'd bought, it was too painful to keep them.",
]

# The rules stay quiet on these; the learned backstop may still flag a few (cheap FPs).
CRISIS_R8_RULES_NEGATIVE: list[str] = [
    "After the loss I felt like I'd never wake up from this nightmare, but slowly it's getting better.",
    "He'd be better off with someone younger, he says that's nonsense but I worry.",
    "I keep thinking about the transfer, can't stop.",
    "I picture myself holding a baby every night.",
    "I'm not going to do anything until I hear from the clinic.",
]


@pytest.mark.parametrize("text", CRISIS_R8_POSITIVE)
def test_round8_crisis_classes_are_caught_by_the_rules(text):
    from moderation.detectors import RULES_ONLY

    assert RULES_ONLY[CR](text) is not None
    assert CR in detect_all(text)


@pytest.mark.parametrize("text", CRISIS_R8_NEGATIVE)
def test_round8_grief_idioms_and_forum_goodbyes_are_not_crisis(text):
    assert CR not in detect_all(text)


@pytest.mark.parametrize("text", CRISIS_R8_NEGATIVE + CRISIS_R8_RULES_NEGATIVE)
def test_round8_crisis_rules_do_not_fire_on_lookalikes(text):
    from moderation.detectors import RULES_ONLY

    assert RULES_ONLY[CR](text) is None
