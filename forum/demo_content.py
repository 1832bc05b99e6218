"""Demo content for the ``seed_demo`` management command.

Pure data: users, categories and threads (a question plus its replies) that
make a fresh development site look like a living, well-moderated forum.
Everything here is fictional and was written for this project. The people,
places and organisations are invented; nothing here is medical advice.

The central exchange the product is built around is the first thread: a
patient 21 weeks pregnant after IVF asks whether she can stop her heparin, and
a volunteer embryologist explains what it does, then declines to advise on
stopping and points her back to her prescriber.
"""

from __future__ import annotations

PASSWORD = "demo-password-2026"  # development only

USERS = [
    # The first four keys and e-mails are fixed: they are printed as demo logins.
    {
        "key": "member",
        "username": "tessa",
        "email": "member@example.com",
        "display_name": "T.C.",
        "location": "Leeds, UK",
        "role": "member",
    },
    {
        "key": "expert",
        "username": "danielmarsh",
        "email": "expert@example.com",
        "display_name": "Daniel Marsh",
        "location": "Sheffield, UK",
        "role": "expert",
        "expert": {
            "title": "Consultant Clinical Embryologist",
            "organisation": "Westbrook Fertility Centre",
            "speciality": "IVF laboratory, embryo culture and grading",
            "is_prescriber": False,
        },
    },
    {
        "key": "moderator",
        "username": "moira",
        "email": "moderator@example.com",
        "display_name": "Moira (moderator)",
        "location": "Glasgow, UK",
        "role": "moderator",
    },
    {
        "key": "admin",
        "username": "siteadmin",
        "email": "admin@example.com",
        "display_name": "Site admin",
        "location": "",
        "role": "admin",
    },
    # More members, under pseudonyms.
    {
        "key": "priya",
        "username": "priyam",
        "email": "priya@example.com",
        "display_name": "P.M.",
        "location": "Manchester, UK",
        "role": "member",
    },
    {
        "key": "jr",
        "username": "jrcork",
        "email": "jr@example.com",
        "display_name": "J.R.",
        "location": "Cork, Ireland",
        "role": "member",
    },
    {
        "key": "kate",
        "username": "katew",
        "email": "kate@example.com",
        "display_name": "K.W.",
        "location": "Brisbane, Australia",
        "role": "member",
    },
    {
        "key": "lena",
        "username": "lenah",
        "email": "lena@example.com",
        "display_name": "L.H.",
        "location": "Portland, OR",
        "role": "member",
    },
    {
        "key": "sam",
        "username": "samb",
        "email": "sam@example.com",
        "display_name": "S.B.",
        "location": "Cardiff, UK",
        "role": "member",
    },
    {
        "key": "nina",
        "username": "ninao",
        "email": "nina@example.com",
        "display_name": "N.O.",
        "location": "Austin, TX",
        "role": "member",
    },
    {
        "key": "rach",
        "username": "rachelg",
        "email": "rachel@example.com",
        "display_name": "R.G.",
        "location": "Galway, Ireland",
        "role": "member",
    },
    {
        "key": "mia",
        "username": "mial",
        "email": "mia@example.com",
        "display_name": "M.L.",
        "location": "Melbourne, Australia",
        "role": "member",
    },
    # More experts: one nurse (not a prescriber), one doctor (a prescriber).
    {
        "key": "nurse",
        "username": "helenprice",
        "email": "nurse@example.com",
        "display_name": "Helen Price",
        "location": "Dublin, Ireland",
        "role": "expert",
        "expert": {
            "title": "Fertility Nurse Specialist",
            "organisation": "Riverside Reproductive Unit",
            "speciality": "Treatment cycles, injections and patient support",
            "is_prescriber": False,
        },
    },
    {
        "key": "doctor",
        "username": "drdonnelly",
        "email": "doctor@example.com",
        "display_name": "Dr Claire Donnelly",
        "location": "Bristol, UK",
        "role": "expert",
        "expert": {
            "title": "Consultant in Reproductive Medicine",
            "organisation": "Harbourside Women's Health Clinic",
            "speciality": "Reproductive endocrinology and early pregnancy",
            "is_prescriber": True,
        },
    },
]

CATEGORIES = [
    {
        "slug": "trying-to-conceive",
        "name": "Trying to conceive",
        "description": "A gentle place for questions about cycles, tests and the long months of trying.",
    },
    {
        "slug": "ivf-and-treatment",
        "name": "IVF and treatment",
        "description": "Ask about IVF, ICSI, egg collection, embryos and transfers, and hear from people who have been there.",
    },
    {
        "slug": "pregnancy-loss",
        "name": "Pregnancy loss",
        "description": "A kind, quiet space to talk about miscarriage and loss, at whatever pace feels right for you.",
    },
    {
        "slug": "pregnancy",
        "name": "Pregnancy",
        "description": "For the worries and the hopes of pregnancy, including pregnancy after fertility treatment.",
    },
    {
        "slug": "medicines",
        "name": "Medicines and prescriptions",
        "description": "Understand your medicines better; any change to a prescription is always a conversation with your prescriber.",
    },
]

THREADS = [
    # 1. The central exchange: a prescription-change question, answered with
    #    an explanation and a kind referral back to the prescriber.
    {
        "category": "medicines",
        "author": "member",
        "title": "21 weeks after IVF: can I stop my heparin injections now?",
        "body": (
            "I'm 21 weeks pregnant after our second round of IVF, and I've been "
            "injecting Clexane every evening since just after transfer.\n\n"
            "My tummy is covered in bruises and some nights I honestly dread it. "
            "The fertility clinic handed me over to the hospital at about 12 weeks, "
            "and nobody has really talked to me about the heparin since.\n\n"
            "Now that I'm past halfway, is it still doing anything? **Could I just "
            "stop?** I don't want to do anything silly, I'm just so tired of it."
        ),
        "days_ago": 3,
        # Screening marks it; seed_demo makes sure, so the demo always shows the mark.
        "prescription_question": True,
        "replies": [
            {
                "author": "expert",
                "hours_after": 5,
                "body": (
                    "Hello T.C., I'm sorry the injections have become such a weight. "
                    "Months of evening injections is hard, and bruising is one of the "
                    "most common complaints about them.\n\n"
                    "**What it does.** Clexane is a low-molecular-weight heparin, an "
                    "anticoagulant: it makes your blood less likely to form clots. "
                    "Pregnancy naturally raises that risk, and IVF, a past clot, some "
                    "clotting conditions or a history of pregnancy loss can raise it "
                    "further. So teams prescribe it for quite different reasons, and "
                    "for different lengths of time, sometimes until after the birth.\n\n"
                    "**What I can't do.** I'm an embryologist, not a physician, and I "
                    "don't know your history, so I can't advise you on stopping. That "
                    "decision belongs with whoever prescribed it, so please keep going "
                    "as prescribed until you've talked it through with them.\n\n"
                    "Questions you could take to your obstetric team:\n\n"
                    "- Why was it prescribed for me, and does that reason still apply?\n"
                    "- How long is the plan, and does it continue after the birth?\n"
                    "- Is my dose still right for me now?\n"
                    "- What could make the injections easier?\n\n"
                    "You're not being silly at all for asking."
                ),
            },
            {
                "author": "member",
                "hours_after": 26,
                "body": (
                    "Thank you so much, Daniel. That's the first time anyone has "
                    "explained what it's actually for. I phoned the antenatal clinic "
                    "this morning and they're fitting me in with the consultant this "
                    "week. I've written your questions down so I don't freeze when I "
                    "get there. Feeling a lot less alone with it."
                ),
            },
            {
                "author": "nurse",
                "hours_after": 30,
                "body": (
                    "So glad you've got an appointment, T.C. While you wait, a few "
                    "things often help with bruising. They don't change the medicine, "
                    "only how it goes in:\n\n"
                    "- Rotate sites, staying a couple of inches from your belly button "
                    "and away from old bruises.\n"
                    "- With prefilled syringes, leave the small air bubble in unless "
                    "you've been told otherwise.\n"
                    "- Hold a gentle pinch of skin, inject slowly, and don't rub "
                    "afterwards.\n\n"
                    "As your bump grows, ask your midwife which sites suit you best. "
                    "And do tell your team about the bruising, and straight away about "
                    "any bleeding that worries you."
                ),
            },
            {
                "author": "kate",
                "hours_after": 40,
                "body": (
                    "I was in exactly this spot last year, about 23 weeks and so fed "
                    "up. What helped me most was asking my consultant why I was on it. "
                    "Once I understood the reason, it felt less like a chore and more "
                    "like something I was doing for both of us. A cold pack on the spot "
                    "for a minute beforehand took the sting out too. Sending you lots "
                    "of strength for the weeks ahead."
                ),
            },
        ],
    },
    # 2. A medicines question that is not about changing a prescription.
    {
        "category": "medicines",
        "author": "priya",
        "title": "How should I store progesterone pessaries?",
        "body": (
            "I've just started Cyclogest pessaries twice a day after my embryo "
            "transfer. The box says not to store them above 25°C, but our flat gets "
            "really warm in the afternoons and I'm worried they'll melt or stop "
            "working.\n\n"
            "Should I keep them in the fridge? And does it matter if one looks a bit "
            "soft or misshapen? I really don't want to waste any."
        ),
        "days_ago": 9,
        "replies": [
            {
                "author": "nurse",
                "hours_after": 4,
                "body": (
                    "Good question, and a really common one. The box and leaflet for "
                    "your brand are the ones to follow, as storage advice differs "
                    "between products.\n\n"
                    "For most pessaries the aim is a cool, dry cupboard, away from "
                    "radiators, sunny windowsills and steamy bathrooms. If your flat is "
                    "often warmer than the label allows, ask the pharmacy that gave you "
                    "them whether the fridge is fine for your brand, rather than "
                    "guessing.\n\n"
                    "A pessary that has only gone a little soft usually firms up again "
                    "somewhere cool. If one looks properly melted or damaged, check "
                    "with your pharmacist or clinic before using it, and ask them what "
                    "to do rather than missing a dose."
                ),
            },
            {
                "author": "priya",
                "hours_after": 20,
                "body": (
                    "Thank you Helen! I asked at the pharmacy and they said the hallway "
                    "cupboard is fine for my brand, so no more keeping them on the "
                    "kitchen windowsill. I feel a bit daft now, but so much calmer "
                    "about it."
                ),
            },
            {
                "author": "rach",
                "hours_after": 28,
                "body": (
                    "Not daft at all, I asked the exact same thing! I kept mine in a "
                    "little pouch in my bedside drawer and set two alarms on my phone "
                    "so I never forgot the evening one. Wishing you a gentle two-week "
                    "wait, P.M."
                ),
            },
        ],
    },
    # 3. Injection technique and bruising (no change to the medicine itself).
    {
        "category": "medicines",
        "author": "sam",
        "title": "Clexane bruising: am I doing the injections wrong?",
        "body": (
            "My clinic started me on Clexane alongside my frozen transfer and I get "
            "big purple bruises after almost every injection. The nurse showed me "
            "once, but I was so nervous I didn't really take it in.\n\n"
            "Is bruising a sign I'm doing it wrong? Should I be worried? I just "
            "want the injections to hurt less."
        ),
        "days_ago": 15,
        "replies": [
            {
                "author": "nurse",
                "hours_after": 6,
                "body": (
                    "Bruising is very common with heparin injections, even with "
                    "perfect technique, so please don't blame yourself. Things that "
                    "often help:\n\n"
                    "- Sit or lie back so your tummy is relaxed.\n"
                    "- Leave the air bubble in a prefilled syringe.\n"
                    "- Pinch a fold of skin, put the needle straight in, push slowly "
                    "and keep the pinch until it's done.\n"
                    "- Don't rub afterwards; just let it be.\n"
                    "- Move to a new spot each time.\n\n"
                    "**Tell your clinic** about a bruise that keeps spreading, a hard "
                    "painful lump, a rash, or any bleeding that won't settle, such as "
                    "nosebleeds or bleeding gums.\n\n"
                    "And it's completely fine to ask a nurse to watch you do one at "
                    "your next visit. We're always glad to."
                ),
            },
            {
                "author": "jr",
                "hours_after": 10,
                "body": (
                    "I swear by doing mine sitting on the sofa instead of standing "
                    "hunched over the bathroom sink. I also drew a little map in a "
                    "notebook of where I'd injected each day, so I never went back to "
                    "the same place too soon. It really helped."
                ),
            },
            {
                "author": "sam",
                "hours_after": 50,
                "body": (
                    "Update, in case it helps anyone: a nurse watched me do one "
                    "yesterday and it turns out I was rubbing the spot afterwards "
                    "without even noticing. Two days in and the new bruises are much "
                    "smaller. Thank you both, and J.R., the notebook map is genius."
                ),
            },
        ],
    },
    # 4. Understanding an add-on treatment; the expert is careful about evidence.
    {
        "category": "medicines",
        "author": "nina",
        "title": "What is intralipid, and why has my clinic suggested it?",
        "body": (
            "We've had two failed transfers with good-quality embryos, and our new "
            "clinic has mentioned intralipid infusions as an option for next time. "
            "Online I've found everything from miracle stories to people saying it's "
            "pointless.\n\n"
            "What actually is it, and is there good evidence that it helps? I'd like "
            "to understand it before our next consult so I can ask sensible "
            "questions."
        ),
        "days_ago": 20,
        "replies": [
            {
                "author": "doctor",
                "hours_after": 8,
                "body": (
                    "That's a very sensible way to approach it. Intralipid is a fat "
                    "emulsion, made mainly from soybean oil and egg, given through a "
                    "drip. Its established use is as nutrition for people who can't "
                    "eat. Some fertility clinics offer it as an 'immune' add-on, on the "
                    "theory that it calms parts of the immune system that might affect "
                    "implantation.\n\n"
                    "The honest picture is that good-quality trials haven't shown it "
                    "improves the chance of having a baby, and the UK fertility "
                    "regulator does not support immune add-ons like this for routine "
                    "use. It's usually well tolerated, but it has costs and possible "
                    "side effects.\n\n"
                    "Questions worth asking:\n\n"
                    "- What evidence is this based on, and what difference would you "
                    "expect for us?\n"
                    "- What are the costs and the side effects?\n"
                    "- Are there other investigations after two failed transfers that "
                    "we haven't had yet?\n\n"
                    "I don't know your history, so I can't say whether it's right for "
                    "you, but your clinic should welcome these questions."
                ),
            },
            {
                "author": "nina",
                "hours_after": 30,
                "body": (
                    "Thank you, Dr Donnelly. This is exactly the calm, balanced "
                    "explanation I couldn't find anywhere. I've copied your questions "
                    "into my notes for the consult, and I'm going to ask about other "
                    "investigations first. It helps to go in feeling informed rather "
                    "than desperate."
                ),
            },
        ],
    },
    # 5. Trying to conceive: when to ask for help.
    {
        "category": "trying-to-conceive",
        "author": "rach",
        "title": "How long should we try before asking for help?",
        "body": (
            "We've been trying for about ten months. I'm 33, my partner is 35, my "
            "periods are regular and, as far as we know, there's nothing wrong.\n\n"
            "Friends keep telling me to 'just relax', which is driving me up the "
            "wall. Is there a point where it's reasonable to see the GP, or will "
            "they just tell me to keep waiting?"
        ),
        "days_ago": 30,
        "replies": [
            {
                "author": "nurse",
                "hours_after": 9,
                "body": (
                    "Most guidance, including in Ireland and the UK, is to see your GP "
                    "after a year of regular unprotected sex if you're under 35, or "
                    "after six months if you're 35 or over.\n\n"
                    "It's worth going sooner if periods are irregular or absent, if "
                    "there's a known condition such as endometriosis or PCOS, a past "
                    "pelvic infection, or any concern on your partner's side.\n\n"
                    "At ten months you're close, and it's perfectly reasonable to book "
                    "in now and start the conversation. First tests are usually simple: "
                    "blood tests for you and a semen analysis for your partner.\n\n"
                    "And for the record, 'just relax' is not a fertility treatment!"
                ),
            },
            {
                "author": "mia",
                "hours_after": 14,
                "body": (
                    "Ha, the 'just relax' crowd! I hear you. We waited the full year "
                    "because I was worried about wasting the GP's time, and honestly I "
                    "wish I'd gone earlier, just to feel like we were doing something. "
                    "The first tests were much easier than I'd imagined. Good luck, R.G."
                ),
            },
            {
                "author": "rach",
                "hours_after": 70,
                "body": (
                    "Thank you both. I booked a GP appointment for next week and she "
                    "was lovely on the phone, so no more waiting and wondering. It's "
                    "amazing how much better it feels just to have a plan, even a "
                    "small one."
                ),
            },
        ],
    },
    # 6. Trying to conceive: confusing ovulation tests.
    {
        "category": "trying-to-conceive",
        "author": "mia",
        "title": "Ovulation tests positive for days on end: is that normal?",
        "body": (
            "I'm in my third month of using ovulation test strips and I keep getting "
            "positive or nearly positive lines for four or five days in a row, "
            "sometimes more than once a cycle. My cycles are long, usually 38 to 45 "
            "days.\n\n"
            "Am I doing the tests wrong, or could this mean something? I'm starting "
            "to dread peeing on sticks!"
        ),
        "days_ago": 6,
        "replies": [
            {
                "author": "lena",
                "hours_after": 3,
                "body": (
                    "I had almost exactly this with long cycles, and it was one of the "
                    "things that led to my PCOS diagnosis. I'm not saying that's what's "
                    "going on for you, but it might be worth mentioning to your GP "
                    "rather than spending months squinting at lines like I did."
                ),
            },
            {
                "author": "nurse",
                "hours_after": 12,
                "body": (
                    "You're very likely not doing anything wrong. A few things can "
                    "cause this pattern:\n\n"
                    "- **Timing:** test at about the same time each day, and try not "
                    "to drink a lot just beforehand, as it dilutes the sample.\n"
                    "- **Higher LH levels:** some people naturally run higher, and "
                    "PCOS is a common reason. This can make strips hard to read.\n"
                    "- **Long cycles:** cycles as long as yours can mean ovulation "
                    "isn't happening every month.\n\n"
                    "That last point is a good reason to see your GP now, rather than "
                    "waiting the usual year. Simple blood tests and sometimes a scan "
                    "can show what's going on, and there's a lot that can help."
                ),
            },
        ],
    },
    # 7. Trying to conceive: the emotional side, members supporting each other.
    {
        "category": "trying-to-conceive",
        "author": "jr",
        "title": "How do you cope when friends announce pregnancies?",
        "body": (
            "Two close friends announced this month, one of them at a family "
            "barbecue. I smiled and hugged her, then cried in the car.\n\n"
            "I'm genuinely happy for them, but it also feels like a punch. Does "
            "anyone have ways of coping with this without pulling away from "
            "everyone? I feel like a terrible friend."
        ),
        "days_ago": 4,
        "replies": [
            {
                "author": "kate",
                "hours_after": 5,
                "body": (
                    "You are not a terrible friend. Being happy for someone and hurting "
                    "for yourself can both be true at the same moment. One thing that "
                    "helped me was quietly asking my closest friend to pass on news "
                    "privately first, so I could have my cry at home and then be "
                    "properly happy for them in person. People were kinder about it "
                    "than I expected."
                ),
            },
            {
                "author": "sam",
                "hours_after": 8,
                "body": (
                    "Give yourself permission to leave early, skip the baby shower or "
                    "send a card instead. That isn't pulling away, it's looking after "
                    "yourself so you can stay close in the long run. Crying in the car "
                    "after smiling all afternoon sounds incredibly brave to me."
                ),
            },
            {
                "author": "moderator",
                "hours_after": 12,
                "body": (
                    "Just popping in to say welcome, J.R., and thank you all for such "
                    "kind replies. This is one of the most common feelings people share "
                    "here, and you're among people who understand. If it starts to "
                    "weigh on you more heavily, a fertility counsellor can be a real "
                    "help; many clinics and GPs can point you to one."
                ),
            },
        ],
    },
    # 8. IVF: embryo grading explained by the embryologist.
    {
        "category": "ivf-and-treatment",
        "author": "kate",
        "title": "What does a '4AA' blastocyst actually mean?",
        "body": (
            "We had our day 5 transfer yesterday and the embryologist said our "
            "embryo was a '4AA'. She seemed pleased, but I was too overwhelmed to ask "
            "what it meant.\n\n"
            "We also have two frozen, graded 3BB and 4BC. What do the numbers and "
            "letters mean, and does the lower grade mean that one won't work?"
        ),
        "days_ago": 11,
        "replies": [
            {
                "author": "expert",
                "hours_after": 3,
                "body": (
                    "Congratulations on your transfer! Grading describes how an embryo "
                    "looked under the microscope on that day:\n\n"
                    "- **The number** (1 to 6) shows how expanded the blastocyst is. "
                    "A 4 is fully expanded.\n"
                    "- **The first letter** grades the inner cell mass, the cells that "
                    "go on to form the baby.\n"
                    "- **The second letter** grades the trophectoderm, the outer layer "
                    "that forms the placenta.\n\n"
                    "A is the best-looking, then B, then C. So 4AA is a lovely-looking "
                    "embryo.\n\n"
                    "But grading is a snapshot, not a verdict. BB and even BC embryos "
                    "regularly become healthy babies, and a top grade is no guarantee. "
                    "Systems also differ a little between clinics, so your own "
                    "embryologist is the best person to talk you through yours."
                ),
            },
            {
                "author": "kate",
                "hours_after": 6,
                "body": (
                    "Thank you, Daniel, that makes so much sense. I'd been quietly "
                    "writing off our 4BC, so it's really reassuring to hear that "
                    "lower grades still lead to babies. Now I just have to survive the "
                    "two-week wait without googling every twinge!"
                ),
            },
        ],
    },
    # 9. IVF: a disappointing fertilisation result.
    {
        "category": "ivf-and-treatment",
        "author": "lena",
        "title": "Only 2 of my 9 eggs fertilised. What happened?",
        "body": (
            "We just had our first egg collection. Nine eggs, which we were thrilled "
            "about, but this morning the lab called to say only two had fertilised.\n\n"
            "I'm devastated and confused. Did something go wrong? Does this mean my "
            "eggs are bad? Our follow-up is in two weeks and I don't even know what "
            "to ask."
        ),
        "days_ago": 18,
        "replies": [
            {
                "author": "expert",
                "hours_after": 6,
                "body": (
                    "I'm so sorry, that call is hard to take after all the build-up.\n\n"
                    "Not every egg collected can fertilise. Only mature eggs can, and "
                    "it's common for some of a collection to be immature. Of the mature "
                    "ones, a good proportion usually fertilise, but it varies a lot "
                    "from cycle to cycle, and one cycle doesn't define your eggs.\n\n"
                    "Questions for your follow-up:\n\n"
                    "- How many eggs were mature?\n"
                    "- Was it IVF or ICSI, and would the other be worth considering?\n"
                    "- Did the lab notice anything about the eggs or the sperm?\n"
                    "- Would changes to the stimulation or trigger timing help next "
                    "time?\n\n"
                    "The embryology team keeps detailed notes from the day, and they "
                    "should be glad to go through them with you."
                ),
            },
            {
                "author": "nina",
                "hours_after": 20,
                "body": (
                    "Sending you a big hug, L.H. Our first cycle had a really low "
                    "fertilisation rate too, and I remember that awful hollow feeling. "
                    "The follow-up made a huge difference for us, because they changed "
                    "a few things for the second round. Those questions are brilliant; "
                    "I wish I'd had them back then."
                ),
            },
            {
                "author": "lena",
                "hours_after": 60,
                "body": (
                    "Thank you both so much. Small update: one of our two made it to "
                    "blastocyst and is now frozen. It's not the number I'd hoped for, "
                    "but I'm holding on to that one little embryo, and I have my list "
                    "of questions ready."
                ),
            },
        ],
    },
    # 10. IVF: an unanswered question, so the demo has something waiting.
    {
        "category": "ivf-and-treatment",
        "author": "jr",
        "title": "Has anyone had a natural-cycle frozen transfer?",
        "body": (
            "My clinic has offered either a natural-cycle frozen embryo transfer or "
            "a medicated one with oestrogen and progesterone. My cycles are fairly "
            "regular.\n\n"
            "I'd love to hear from anyone who went the natural route. How did the "
            "monitoring go, and was it stressful timing everything around work? "
            "Anything you wish you'd known beforehand?"
        ),
        "days_ago": 1,
        "replies": [],
    },
    # 11. Pregnancy loss: grieving as a couple.
    {
        "category": "pregnancy-loss",
        "author": "sam",
        "title": "Miscarriage at 9 weeks: how do we grieve together?",
        "body": (
            "We lost our baby at 9 weeks last month, after three years of trying. My "
            "partner went straight back to work and seems fine, and I can't stop "
            "thinking about it.\n\n"
            "I know he's sad too, but we seem to be grieving in completely different "
            "ways and I feel so far away from him. How did other couples get through "
            "this together?"
        ),
        "days_ago": 25,
        "replies": [
            {
                "author": "nurse",
                "hours_after": 10,
                "body": (
                    "I'm so very sorry for the loss of your baby, especially after "
                    "such a long wait.\n\n"
                    "It's very common for partners to grieve differently. Going "
                    "straight back to work can be a way of coping, not a sign that he "
                    "isn't hurting. Some couples find it helps to set aside a little "
                    "time to talk without distractions, to mark the baby in a way that "
                    "feels right to them, or to plan together how to spend the due "
                    "date.\n\n"
                    "Many hospitals and clinics offer counselling for both partners "
                    "after a loss, and pregnancy loss charities run support groups, "
                    "including some just for partners. Please be gentle with "
                    "yourselves. There's no right way or right timetable for this."
                ),
            },
            {
                "author": "kate",
                "hours_after": 20,
                "body": (
                    "We lost our first at 8 weeks, and I felt exactly the same. Months "
                    "later my husband told me he'd sat in the car park at work most "
                    "mornings just to get himself together. He'd thought he needed to "
                    "be the strong one for me. Once we both said that out loud, "
                    "things got a little easier. Thinking of you both."
                ),
            },
            {
                "author": "sam",
                "hours_after": 48,
                "body": (
                    "Thank you both, I've read your replies over and over. I showed my "
                    "partner this thread last night and we talked properly for the "
                    "first time since it happened. He's been holding so much in. We're "
                    "going to ask the hospital about counselling together."
                ),
            },
        ],
    },
    # 12. Pregnancy loss: fear of it happening again.
    {
        "category": "pregnancy-loss",
        "author": "mia",
        "title": "Trying again after one miscarriage: will it happen again?",
        "body": (
            "I had an early miscarriage in the spring and we'd like to try again, "
            "but I'm terrified it will happen again.\n\n"
            "Is there anything I should have tested first, or anything I can do "
            "differently? The hospital said it was 'just one of those things', which "
            "I know was meant kindly, but it doesn't really help me feel any safer."
        ),
        "days_ago": 40,
        "replies": [
            {
                "author": "doctor",
                "hours_after": 7,
                "body": (
                    "I'm so sorry for your loss, and it's completely understandable to "
                    "feel frightened about trying again.\n\n"
                    "The reassuring part is that most people who have one miscarriage "
                    "go on to have a healthy pregnancy next time. Most early losses "
                    "happen because of a one-off chromosomal difference in that "
                    "pregnancy, not because of anything you did or didn't do. That's "
                    "why tests usually aren't offered after a single early loss; "
                    "investigations tend to start after repeated losses.\n\n"
                    "Things that help any pregnancy: folic acid before and during early "
                    "pregnancy, not smoking, keeping alcohol and caffeine low, and "
                    "talking to your GP before trying if you have a health condition or "
                    "take regular medicines.\n\n"
                    "It's also fine to ask your team about early support next time, "
                    "and fine to take as long as you need before trying."
                ),
            },
            {
                "author": "rach",
                "hours_after": 30,
                "body": (
                    "I had the same fear after my first loss, M.L., and the same "
                    "'one of those things' line. Our next pregnancy was nerve-racking, "
                    "but it was also fine, and our little boy is asleep next to me as I "
                    "type this. Be kind to yourself and take it one day at a time."
                ),
            },
        ],
    },
    # 13. Pregnancy: anxiety before the anomaly scan after IVF.
    {
        "category": "pregnancy",
        "author": "priya",
        "title": "So nervous about our 20-week scan after IVF",
        "body": (
            "Our anomaly scan is next week and I'm a wreck. After years of treatment "
            "I still can't quite believe this is real, and every appointment feels "
            "like waiting for bad news.\n\n"
            "Is it normal to feel this anxious even when everything so far has been "
            "fine? How did you get through the days before?"
        ),
        "days_ago": 7,
        "replies": [
            {
                "author": "lena",
                "hours_after": 4,
                "body": (
                    "So normal. After IVF I don't think I fully believed it until I "
                    "was holding her. The week before our scan I planned something for "
                    "every evening, a walk, a film, dinner with my sister, so I wasn't "
                    "just sitting and worrying. And we booked breakfast for straight "
                    "after the appointment, which gave me something to look forward to."
                ),
            },
            {
                "author": "nurse",
                "hours_after": 9,
                "body": (
                    "What you're feeling is really common in pregnancy after fertility "
                    "treatment. When you've worked so hard for something, it can feel "
                    "too precious to relax into.\n\n"
                    "It can help to tell your midwife how anxious you feel, not only "
                    "about the scan but in general. They hear it often, and they can "
                    "offer extra reassurance or put you in touch with support for "
                    "your emotional wellbeing during pregnancy.\n\n"
                    "On the day, it's fine to ask the sonographer to tell you early on "
                    "if things look as expected, and to bring someone with you."
                ),
            },
            {
                "author": "priya",
                "hours_after": 150,
                "body": (
                    "Scan done, and everything looked as it should! I asked the "
                    "sonographer to tell me straight away if all was well, like Helen "
                    "suggested, and she did, which helped so much. We had the breakfast "
                    "too, L.H. Thank you both for getting me through this week."
                ),
            },
        ],
    },
    # 14. Pregnancy: an over-the-counter medicine question, answered carefully.
    {
        "category": "pregnancy",
        "author": "nina",
        "title": "Is paracetamol OK for headaches in pregnancy?",
        "body": (
            "I'm 16 weeks and have had a few tension headaches this week. I've been "
            "avoiding taking anything because I'm scared of harming the baby.\n\n"
            "Is paracetamol actually considered OK in pregnancy, or should I just put "
            "up with it? I haven't asked my midwife because I didn't want to bother "
            "her over a headache."
        ),
        "days_ago": 2,
        "replies": [
            {
                "author": "doctor",
                "hours_after": 5,
                "body": (
                    "You wouldn't be bothering your midwife at all; questions like "
                    "this are part of her job.\n\n"
                    "In general, paracetamol is the usual first choice of painkiller in "
                    "pregnancy, taken at the lowest dose that works for the shortest "
                    "time, as the packet directs. Anti-inflammatory painkillers such as "
                    "ibuprofen are usually avoided in pregnancy unless a doctor advises "
                    "them. If you take other medicines or have any health conditions, "
                    "a quick word with your pharmacist or midwife first is worthwhile.\n\n"
                    "**Please contact your maternity unit the same day** about a severe "
                    "headache that won't go away, particularly later in pregnancy or "
                    "with blurred vision, sudden swelling of your face or hands, or "
                    "pain under your ribs. These need checking promptly."
                ),
            },
            {
                "author": "nina",
                "hours_after": 24,
                "body": (
                    "Thank you so much, that's a real relief. I mentioned it to my "
                    "midwife at my check-up today and she said the same, and checked "
                    "my blood pressure while I was there, which was fine. I won't be "
                    "so shy about asking her things from now on!"
                ),
            },
        ],
    },
]
