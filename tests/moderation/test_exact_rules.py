"""The checks' exact rules beside the model: red-flag symptoms in plain words, told as
happening now, in a pregnancy or after a procedure; and replies that tell the reader to
change a dose.  Written for this project, in patients' words."""

from __future__ import annotations

import pytest

from moderation.checks import prescription_change, red_flags
from moderation.checks.run import check_post, score
from moderation.checks.text import bounded, fold, sentences


def _flag(text: str, kind: str = "question"):
    return red_flags.find(fold(text), tuple(bounded(sentences(text))), kind)


@pytest.mark.parametrize(
    ("post", "flag"),
    [
        (
            "Temp went up\n\nIm 23 weeks pregnant and running a fever since lunch, took "
            "paracetamol. Do I ring someone or sleep it off?",
            "fever",
        ),
        (
            "Im 31 weeks and I've not felt her move at all today, normally she goes mad after "
            "my tea. What do I do?",
            "baby-movements",
        ),
        (
            "I'm 12 weeks pregnant and I passed out in the shower this morning. Is this normal?",
            "fainting",
        ),
        (
            "My temperature's been creeping up all day, it's 38.6 degrees now, I'm 20 weeks. Do I "
            "go in or take paracetamol?",
            "fever",
        ),
        (
            "20 weeks, she's been kicking every evening for a fortnight but she's stopped moving "
            "since yesterday. Is that normal this early?",
            "baby-movements",
        ),
        (
            "Three days after egg collection and I've barely been weeing, I've put on 3kg since "
            "Sunday. Is this normal?",
            "ohss",
        ),
        (
            "34 weeks, awful headache that won't shift with paracetamol and my rings don't fit, "
            "my hands are really swollen. Am I overreacting?",
            "pre-eclampsia",
        ),
        (
            "32+4 and I keep leaking clear fluid, my knickers are soaked. Could it be my waters?",
            "leaking-fluid",
        ),
        (
            "10 weeks pregnant, I'm bleeding really heavily and passing clots the size of a 50p. "
            "Should I wait for the EPU to open?",
            "heavy-bleeding",
        ),
        (
            "On clexane after transfer, 7 weeks now, my left calf is red and throbbing. Worried, "
            "is that a clot?",
            "clot-signs",
        ),
        (
            "14 weeks pregnant, can't keep anything down, not even water, since yesterday. Help?",
            "no-fluids-kept-down",
        ),
        (
            "6 weeks with a positive test, sharp stabbing pain on my right side and it goes up "
            "into my shoulder. Is this just stretching?",
            "severe-pain",
        ),
    ],
)
def test_a_red_flag_told_now_shows_the_call_now_help_whatever_the_model_scores(post, flag):
    found = _flag(post)
    assert found is not None and found.name == flag
    finding = check_post(post, "question")["urgent_symptom"]
    assert finding.level == "notice"  # shown help; nothing hidden or delayed
    assert finding.sentence  # the author and the moderators see which words


@pytest.mark.parametrize(
    "post",
    [
        # light spotting or mild cramps alone
        "Light brown spotting and mild period-type cramps at 6 weeks, is this normal?",
        # negated
        "26 weeks, no bleeding, no fever, baby kicking away. Just a sore back, any tips?",
        # already seen
        "Went to triage at 30 weeks because she was quiet, they monitored her for an hour and "
        "all was fine. Should I still worry?",
        # a story from before
        "Two years ago with my first I had a fever after egg collection. Anyone else on "
        "their second round feeling nervous?",
        # what to watch for
        "What are the signs of pre-eclampsia I should look out for? I'm 28 weeks.",
        # a leak at term is labour, not a leak before 37 weeks
        "38+2 and I think my waters have gone, just a trickle of fluid. When do I ring?",
        # movements are irregular before 24 weeks
        "18 weeks, first baby, I haven't felt any movements yet. When did you all feel them?",
        # not pregnant and no procedure
        "I'm not pregnant, just a heavy period with big clots this month. Anyone else?",
    ],
)
def test_no_red_flag_for_what_the_guidance_does_not_call_urgent(post):
    assert _flag(post) is None


@pytest.mark.parametrize(
    "post",
    [
        "10 weeks. We saw a strong heartbeat at 8 weeks but now I'm bleeding heavily with clots. "
        "Is everything ok?",
        "The clinic put me on clexane after transfer. 7 weeks now and bleeding really heavily, "
        "what do I do?",
        "Diagnosed with PCOS years ago. Now 9 weeks pregnant and soaking a pad an hour. Help?",
    ],
)
def test_earlier_care_or_a_hope_does_not_count_as_todays_symptom_being_seen(post):
    assert _flag(post) is not None


def test_a_reply_about_the_readers_symptom_or_a_list_of_signs_is_no_red_flag():
    to_her = (
        "Oh love, if you're 10 weeks and you're bleeding that heavily please ring the EPU now, "
        "don't wait for Monday. Are you on your own?"
    )
    assert _flag(to_her, "reply") is None
    signs = (
        "When I was discharged after transfer the nurse went through the things to ring about "
        "straight away, which for me were pain that paracetamol doesn't touch, a tummy that keeps "
        "getting bigger and tighter, being sick and not keeping fluids down, feeling breathless "
        "lying flat, and weeing much less than normal. Has your clinic given you the same list?"
    )
    assert _flag(signs, "reply") is None
    # the writer's own symptom in a reply still counts: an update from the asker
    update = "Update: 11 weeks and now I'm soaking a pad an hour. Should I go to A&E?"
    assert _flag(update, "reply") is not None


def test_a_story_told_afterwards_with_no_question_is_left_to_the_model():
    story = (
        "Our little girl arrived at 35 weeks. It started when I felt a gush of fluid while "
        "making dinner, then the contractions came fast and we drove to the hospital."
    )
    assert _flag(story) is None


def test_a_warning_told_from_an_earlier_pregnancy_or_a_reply_about_her_own_past_is_no_flag():
    warning = (
        "Why you should always go in. I was 34 weeks pregnant and woke up to no movement at "
        "all. People online kept saying it's normal. Please, if you're unsure, get advice."
    )
    assert _flag(warning) is None
    past = (
        "Yes, that sounds like OHSS. This happened to me on my first cycle: I gained 8 pounds "
        "in 2 days and it took a fortnight to settle. Is your clinic checking on you?"
    )
    assert _flag(past, "reply") is None
    # still pregnant now, and telling what happened at an earlier week of it: her flag
    now = "I'm 30 weeks now. Since I was 24 weeks pregnant he kicked loads, but he has barely moved today. Should I ring?"
    assert _flag(now) is not None


def test_movements_asked_about_the_way_people_ask():
    for text in (
        "Is it normal for the baby not to move for three days at a time? I'm 28 weeks pregnant.",
        "Why isn't my baby moving today? 31 weeks and usually he never stops.",
    ):
        assert _flag(text).name == "baby-movements", text
    assert _flag("Why isn't my baby moving yet? I'm 17 weeks with my first.") is None


# --- prescription_change: a reply that tells the reader to change a dose ---------------------


@pytest.mark.parametrize(
    "reply",
    [
        "Honestly I'd just increase your dose to 100 yourself, the GP is being far too careful.",
        "At 6 weeks your levo dose should be raised, two extra tablets a week is the usual.",
        "Halve the tablets for a few days and see if the headaches stop.",
    ],
)
def test_a_reply_telling_the_reader_to_change_a_dose_goes_to_a_moderator(reply):
    assert prescription_change.tells_reader_to_change_a_dose(score(reply, "reply"))
    finding = check_post(reply, "reply")["prescription_change"]
    assert finding.level in ("review", "hold")  # a moderator looks; it may stay up meanwhile


@pytest.mark.parametrize(
    "reply",
    [
        "Ask your GP to increase your dose, they usually do as soon as you test positive.",
        "I wouldn't double the dose without your endo saying so.",
        "Some people halve the tablets but I never did, I stuck with what I was given.",
        "The guidance says the dose should be increased at a positive test, so ring them.",
    ],
)
def test_no_dose_rule_for_replies_that_send_her_to_the_prescriber_or_report_others(reply):
    assert prescription_change.tells_reader_to_change_a_dose(score(reply, "reply")) is None


# --- prescription_change: a question that asks in so many words whether to change ------------


@pytest.mark.parametrize(
    "question",
    [
        "Blood pressure after the birth\n\nMy pressure has been normal at every check for a"
        " month now. Is it possible to stop taking my blood pressure tablets once it settles?",
        "Progesterone after IUI\n\nBrown discharge for three days, test still negative, next"
        " scan on Friday. I honestly don't know whether I should keep taking the pessaries.",
        "lamotrigine\n\n7 weeks and so scared of harming baby. is it safe to come off my"
        " lamotrigine now or will the seizures come back?",
    ],
)
def test_a_question_asking_plainly_whether_to_change_a_medicine_gets_the_notice(question):
    assert prescription_change.asks_whether_to_change(score(question, "question"))
    finding = check_post(question, "question")["prescription_change"]
    assert finding.level == "notice"  # she is pointed to her prescriber; nothing is hidden


@pytest.mark.parametrize(
    ("post", "kind"),
    [
        ("Coffee on clomid\n\nDo I need to stop coffee while I'm on clomid?", "question"),
        ("Two years of this\n\nShould I stop trying and look at adoption instead?", "question"),
        ("Is it safe to take paracetamol for a headache while on clexane?", "question"),
        ("Travelling next week\n\nCan I keep my injections out of the fridge for a day?",
         "question"),
        ("Can I drop off my prescription at any chemist or only the hospital one?", "question"),
        ("I can't tell you whether to stop your progesterone early, that one is for the"
         " clinic that prescribed it.", "reply"),
    ],
)  # fmt: skip
def test_no_asking_rule_for_other_things_stopped_or_a_reply_declining_to_advise(post, kind):
    assert prescription_change.asks_whether_to_change(score(post, kind)) is None or kind == "reply"
    finding = check_post(post, kind).get("prescription_change")
    assert finding is None or finding.source != "rule:asks-whether-to-change"


# --- promotion: the testimonial that ends in a referral ---------------------------------


@pytest.mark.parametrize(
    "post",
    [
        "After seven years and three failed rounds I am finally 20 weeks, all thanks to Dr "
        "Osagie and his herbs. Anyone still waiting, contact him on WhatsApp, he is a great man.",
        "I was told I would never carry a baby. A friend led me to a powerful herbalist and now "
        "I am a mum. Reach him through his email and thank me later.",
    ],
)
def test_a_testimonial_that_refers_readers_to_a_healer_is_held(post):
    finding = check_post(post, "reply")["promotion"]
    assert finding.level == "hold"
    assert finding.source == "rule:referral-testimonial"


@pytest.mark.parametrize(
    "post",
    [
        "A few of us dads set up a WhatsApp group after losing our babies. Message me if you "
        "want the link, no pressure.",
        "The bereavement midwife at our hospital was wonderful, contact her through the ward if "
        "you are local.",
        "I tried Chinese herbs for a while and they did nothing for me, I'd save your money.",
    ],
)
def test_a_support_group_a_named_midwife_or_a_view_on_herbs_is_no_referral(post):
    finding = check_post(post, "reply").get("promotion")
    assert finding is None or finding.source != "rule:referral-testimonial"


# --- promotion: a business speaking for itself ------------------------------------------


@pytest.mark.parametrize(
    "post",
    [
        "Struggling to conceive is exhausting. Our herbal blend supports a healthy cycle. Shop "
        "now and use code BUMP15 at checkout.",
        "Acupuncture before and after transfer can help you feel calmer. Visit our website to "
        "see session times in Leeds and Harrogate.",
        "Going through IVF? Call us for a chat about fertility massage, evenings and weekends.",
        "Our ovulation strips come in packs of 30 and 50. Phone orders are taken Monday to "
        "Friday, please have your card details ready.",
        "The tea is blended by hand in small batches. Place your order before noon for "
        "next-day delivery.",
    ],
)
def test_a_call_to_action_only_a_seller_makes_holds_the_post(post):
    finding = check_post(post, "reply")["promotion"]
    assert finding.level == "hold"
    assert finding.source in {"rule:sellers-call", f"model:{score('x').model.version}"}


def test_a_held_advert_shows_its_author_the_sentence_with_the_call_not_the_one_before():
    post = "Gentle fertility massage in Leeds. Call us on Tuesday to book. Book online too."
    finding = check_post(post, "reply")["promotion"]
    assert finding.source == "rule:sellers-call"
    assert finding.sentence == "Call us on Tuesday to book."
    assert finding.reason.endswith('"Call us"')


@pytest.mark.parametrize(
    "post",
    [
        "I've been a fertility coach for nine years. My clients often tell me the hardest part "
        "is the waiting. If that sounds like you, get in touch and we can talk it through.",
        "We offer gentle yoga for women having IVF, in small groups of six. Book a free "
        "discovery call to see whether it suits you.",
        "Dr Okafor's practice is now accepting telehealth appointments for early pregnancy "
        "worries. Schedule a virtual visit from the link on this page.",
    ],
)
def test_a_business_voice_with_a_call_to_book_goes_to_a_moderator(post):
    finding = check_post(post, "reply")["promotion"]
    assert finding.level in {"review", "hold"}
    assert finding.sentence  # the moderator sees which words caused it


@pytest.mark.parametrize(
    "post",
    [
        "Our clinic offered us a free consultation before the second round, which was kind of them.",
        "The ward said they would call us on Monday with the results, so more waiting.",
        "We offered to pay for the extra scan but the midwife said it wasn't needed. I'd book a "
        "consultation with your GP if you're worried.",
        "My practice nurse did my bloods and said to get in touch if the bleeding got heavier.",
        "I rang the pharmacy to order by phone because the app kept crashing, they were lovely.",
        "The midwife told me to schedule an appointment with the GP about my iron.",
        "I'm reading the book now and it's helping me cope with the wait.",
        "A friend lent me her book today, it's about pregnancy after loss.",
    ],
)
def test_a_patient_telling_her_story_is_no_business(post):
    finding = check_post(post, "reply").get("promotion")
    assert finding is None or not finding.source.startswith(("rule:sellers", "rule:business"))


@pytest.mark.parametrize(
    "post",
    [
        "Three cycles and nothing. I am so tired of life and wish I could just dīe.",
        "Some nights I want to kіll myself, I can't keep doing this",  # Cyrillic і
        "Honestly I wish I could just die, I can't face another negative",
    ],
)
def test_a_crisis_phrase_spelt_with_look_alike_letters_still_shows_the_resources(post):
    found = check_post(post, "reply")["crisis"]
    assert found.source == "rule:crisis-phrase"
    # the member and the moderator see what she wrote, not the plain letters read
    assert found.sentence in post


def test_plain_letters_keep_every_offset_and_leave_other_writing_alone():
    text = "Iād gone to the café. Zoë said ЗДРАВСТВУЙТЕ and 你好."
    plain = fold(text, letters=True)
    assert len(plain) == len(text)
    assert plain.startswith("iad gone to the cafe. zoe said")
    assert "你好" in plain
    # the model's own reading is unchanged: its weights were trained on fold without letters
    assert fold(text) == text.lower()


@pytest.mark.parametrize(
    "post",
    [
        "We lost him at 22 weeks and everyone says it gets easier. How am I supposed to live "
        "with this? I feel like I'm disappearing.",
        "Third loss. I keep asking my husband how am I meant to go on, he doesn't have an answer.",
        "Four years, two losses, and now they say donor eggs. Honestly what is there to live for.",
    ],
)
def test_asking_how_to_go_on_living_shows_the_resources(post):
    found = check_post(post, "reply")["crisis"]
    assert found.source == "rule:crisis-phrase"
    assert found.level == "notice"  # shown the resources, never hidden


@pytest.mark.parametrize(
    "post",
    [
        "How am I supposed to get through the two-week wait without googling every twinge?",
        "How am I meant to go on holiday with all these injections in the fridge?",
        "How am I supposed to live on one wage when maternity pay stops at nine months?",
    ],
)
def test_asking_how_to_get_through_an_ordinary_thing_is_no_crisis(post):
    assert "crisis" not in check_post(post, "reply")


@pytest.mark.parametrize(
    "post",
    [
        "After the stillbirth the idea of hurting myself started to feel normal, which scared me.",
        "Since the scan I keep imagining my own death and how my husband would cope.",
        "Two years on, I still remember feeling there was no reason to go on.",
        "I had urges to hurt myself after the first loss and they're creeping back.",
    ],
)
def test_thoughts_of_self_harm_or_of_ones_own_death_show_the_resources_told_then_or_now(post):
    found = check_post(post, "question")["crisis"]
    assert found.source == "rule:crisis-phrase"
    assert found.level == "notice"


@pytest.mark.parametrize(
    "post",
    [
        "I'm worried about hurting myself lifting the toddler now I'm 30 weeks.",
        "There's no reason to go on with this clinic, we're moving to another one in May.",
        "I don't want to hurt myself, I just feel flat and tired all the time.",
        "I'm not having any thoughts of hurting myself, but the guilt is crushing.",
    ],
)
def test_a_strain_a_change_of_clinic_or_a_denial_is_no_crisis_phrase(post):
    found = check_post(post, "question").get("crisis")
    assert found is None or found.source != "rule:crisis-phrase"
