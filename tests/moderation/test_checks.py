"""The automatic checks (moderation/checks): what they find, at what level, and why.

Pure functions over text: no database.  The founding exchange of the forum is classified
as a careful moderator would; each finding carries its score, the words that caused it
and the rule or model that fired; levels follow what a finding costs its author.
"""

from __future__ import annotations

import pytest

from moderation.checks.base import Vocabulary
from moderation.checks.contact_info import mask_contact_info
from moderation.checks.model import load_model
from moderation.checks.run import check_post, explain

# The exchange the forum was built around, in its own words (written for this project).
FOUNDING_QUESTION = (
    "21 weeks after IVF: can I stop my heparin?\n\n"
    "I'm 21 weeks pregnant with our IVF baby and have injected heparin every evening since "
    "the transfer. The fertility clinic has discharged me and my midwife says it is not her "
    "area. The bruises are awful and I am so tired of the needles. Can I stop the heparin "
    "now, or do I really need it until the end?"
)
CONDITIONAL_ADVICE = (
    "Heparin is a blood thinner; clinics often give it after IVF to lower the risk of clots "
    "in the placenta. If no clotting problem has been identified, you may be able to stop "
    "the Heparin."
)
FOLLOW_UP = (
    "Thank you for explaining. I know its my decison in the end and nobody can force me to "
    "inject. I will probably stop. Do you think that will be ok? Would you say there is no "
    "reason for me to be on the Heparin anymore?"
)
REFUSAL = (
    "I can tell you what heparin does: it thins the blood so clots are less likely to form. "
    "But I am an embryologist, not a physician, so I cannot advise you whether to stop it. "
    "Please ask the obstetrician or GP who looks after you now; they can see your whole "
    "history."
)


def test_the_founding_question_is_a_prescription_question_marked_not_held():
    finding = check_post(FOUNDING_QUESTION, "question")["prescription_change"]
    assert finding.level == "notice"


@pytest.mark.parametrize("reply", [CONDITIONAL_ADVICE, FOLLOW_UP], ids=["advice", "follow-up"])
def test_conditional_advice_and_the_follow_up_question_are_recognised(reply):
    assert "prescription_change" in check_post(reply, "reply")


def test_the_experts_refusal_to_advise_is_not_flagged():
    assert check_post(REFUSAL, "reply") == {}


def test_a_finding_carries_its_score_words_and_model():
    finding = check_post(FOLLOW_UP, "reply")["prescription_change"]
    assert 0 < finding.score <= 1
    assert finding.sentence and finding.sentence in FOLLOW_UP
    assert finding.source == f"model:{load_model().version}"


def test_the_question_is_found_at_the_end_of_a_long_story():
    story = (
        "Long post sorry. We have been trying for four years, two rounds of IVF, one "
        "chemical and one missed miscarriage at 9 weeks. This time I am 14 weeks and the "
        "scans have all been good, the baby was waving at the last one!\n\n"
    ) * 6
    text = (
        "Update and a question\n\n" + story + "So my question is, shud I come off the clexane now?"
    )
    finding = check_post(text, "question")["prescription_change"]
    assert "clexane" in finding.sentence.lower()


def test_heavy_bleeding_is_urgent_even_in_a_post_that_asks_about_a_medicine():
    # Labels are independent: a clear heparin question must not talk the bleeding out of
    # being urgent, and one strong sentence is enough.
    text = (
        "Can I stop heparin at 30 weeks?\n\n"
        "I am bleeding heavily with clots and bad cramps right now at 21 weeks, should I wait "
        "and see?"
    )
    found = check_post(text, "question")
    assert {"prescription_change", "urgent_symptom"} <= set(found)
    assert "bleeding heavily" in found["urgent_symptom"].sentence


@pytest.mark.parametrize(
    ("plain", "with_time", "urgent"),
    [
        (
            "33 weeks and baby is barely moving, should I wait for my appointment?",
            "33 weeks and baby is barely moving since this morning, should I wait for my "
            "appointment?",
            True,
        ),
        (
            "I've had a little light brown spotting, 6 weeks, is that normal?",
            "Since this morning I've had a little light brown spotting, 6 weeks, is that normal?",
            False,
        ),
    ],
)
def test_words_of_time_neither_make_nor_unmake_an_urgent_post(plain, with_time, urgent):
    # The symptom decides, not "since this morning" or "tonight": the corpus's urgent posts
    # nearly all carried such words, and the model had learnt them instead of the symptom.
    assert ("urgent_symptom" in check_post(plain, "question")) is urgent
    assert ("urgent_symptom" in check_post(with_time, "question")) is urgent


@pytest.mark.parametrize(
    ("reply", "advice"),
    [
        ("Put your levo up to 100mcg, don't wait for the GP to agree.", True),
        ("Go up by half a tablet of thyroxine from tomorrow, you'll feel better for it.", True),
        (
            "My endo put my levothyroxine up by 25mcg at six weeks and my bloods have been "
            "fine since.",
            False,
        ),
        (
            "Please don't change your levothyroxine dose on your own. Ring your GP tomorrow "
            "and ask for a blood test.",
            False,
        ),
    ],
    ids=["raise-it-yourself", "half-a-tablet", "the-doctor-raised-mine", "ask-your-gp"],
)
def test_a_reply_telling_her_to_change_a_dose_is_found_and_a_doctors_change_is_not(reply, advice):
    # Real replies on thyroid and clotting boards tell someone to raise or lower a dose more
    # often than to stop; a dose the writer's own doctor changed is a story, not advice.
    assert ("prescription_change" in check_post(reply, "reply")) is advice


@pytest.mark.parametrize(
    ("question", "marked"),
    [
        (
            "Should I stop trying?\n\nWe have been trying for two years and my husband wants "
            "a break. Should I stop now or carry on until the new year?",
            False,
        ),
        (
            "Should I skip the baby shower?\n\nMy sister is due in May and I lost ours in "
            "March. Would you skip it or go?",
            False,
        ),
        (
            "Back up to 125?\n\nI was on 125 for years and the GP dropped me to 100. I feel "
            "awful. Can I go back up to 125 myself until my next appointment?",
            True,
        ),
        (
            "Should I come off the injections?\n\nThe bruises are so bad. 14 weeks now.",
            True,
        ),
    ],
    ids=["stop-trying", "skip-the-shower", "a-dose-by-its-number", "the-injections"],
)
def test_a_question_is_a_prescription_question_only_when_it_names_a_medicine(question, marked):
    # The model reads "should I stop ... ?" as asking about a medicine whatever follows
    # it; a question about trying, a shower or a support group names none (by name, by a
    # word such as "injections", or by a dose's number) and gets no prescriber notice.
    assert ("prescription_change" in check_post(question, "question")) is marked


def test_a_confident_reply_is_held_and_a_doubtful_one_only_reviewed():
    model = load_model()
    confident = "Just stop the progesterone pessaries now, you don't need them after 8 weeks."
    finding = check_post(confident, "reply")["prescription_change"]
    assert finding.level == "hold"
    assert finding.score >= model.thresholds["prescription_change"]["hold"]


def test_contact_details_are_an_exact_rule_and_masked():
    text = "Ring me on 07700 900123 or email jo dot smith at example dot com x"
    finding = check_post(text, "reply")["contact_info"]
    assert finding.source.startswith("rule:")
    assert finding.score == 1.0
    masked = mask_contact_info(text)
    assert "900123" not in masked and "example dot com" not in masked


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        (
            "If you are struggling, call 1-833-9-HELPME (tel:18009435700), any time.",
            ["HELPME", "18009435700"],
        ),
        ("Their free line is 1-800-FLOWERS, open all night.", ["FLOWERS"]),
        ("Questions about our programme? Ring (866) 427.HOPE before noon.", ["427.HOPE"]),
        ("Or ring the unit on Tel:0113 496 0123 after six.", ["496 0123"]),
        (
            "Consult us. hosp:+996506131088 inland:+8613880857038 Online service",
            ["996506131088", "8613880857038"],
        ),
    ],
)
def test_a_number_in_a_tel_link_or_spelt_in_letters_is_contact_info(text, numbers):
    finding = check_post(text, "reply")["contact_info"]
    assert finding.source == "rule:phone"
    masked = mask_contact_info(text)
    assert not [number for number in numbers if number in masked], masked


@pytest.mark.parametrize(
    "text",
    [
        "I take 800 MG twice a day, NHS NUMBER on the box.",
        "The ratio was 1:10000000.",
        "Scan moved from 10:30 to 16:00, and her AMH:+1.2 since March.",
    ],
)
def test_capitals_or_a_ratio_after_a_number_are_not_a_phone(text):
    assert "contact_info" not in check_post(text, "reply")


def test_a_date_before_a_title_is_not_a_street_address():
    post = "17 May The Best Way To Wean Yourself Off IVF Meds\n\nMy clinic said twelve weeks."
    assert "contact_info" not in check_post(post, "reply")
    shop = "The clinic moved to 17 Mayfield Road, Leeds, if you are looking for it."
    assert check_post(shop, "reply")["contact_info"].source == "rule:address"


def test_a_named_crisis_phrase_is_found_by_rule_and_a_denial_is_not():
    finding = check_post("Honestly some nights I want to kill myself.", "reply")["crisis"]
    assert finding.source == "rule:crisis-phrase"
    assert finding.level == "notice"
    assert "crisis" not in check_post("I'm not suicidal, just so tired of the waiting.", "reply")
    commas = check_post("I have never, ever, thought about suicide, but I'm so low.", "reply")
    assert "crisis" not in commas or not commas["crisis"].source.startswith("rule:")
    denial = check_post("I'm not having thoughts of ending my life, just so low.", "reply")
    assert "crisis" not in denial or not denial["crisis"].source.startswith("rule:")
    found = check_post("I can't stop thinking about ending it all.", "reply")["crisis"]
    assert found.source == "rule:crisis-phrase"


def _crisis_rule_fires(text: str) -> bool:
    """Whether a reply's crisis finding comes from a rule (named or admin phrase), not the
    model, which still reads every post at its low threshold."""
    finding = check_post(text, "reply").get("crisis")
    return finding is not None and finding.source.startswith("rule:")


def test_a_crisis_service_named_in_a_post_is_not_a_crisis_phrase():
    # the rule stays for the person; the name of a service is left to the model
    assert check_post("I thought about suicide last night.", "reply")["crisis"].source == (
        "rule:crisis-phrase"
    )
    for text in (
        "Keep these numbers: they are suicide prevention lifelines.",
        "The suicide and crisis line answers day and night.",
        "If you are suicidal, please call 999 or the Samaritans.",
    ):
        assert not _crisis_rule_fires(text), text


def test_a_crisis_phrase_as_a_subject_a_risk_or_someone_elses_is_left_to_the_model():
    for text in (
        "Our group wants to talk about suicide after baby loss, because nobody does.",
        "The leaflet lists an increased risk of suicidal thoughts in teenagers.",
        "New mums often feel ashamed of their suicidal thoughts and hide them.",
    ):
        assert not _crisis_rule_fires(text), text
    # thinking about it is still the person's own thought
    mine = check_post("I keep thinking about suicide since we lost her.", "reply")["crisis"]
    assert mine.source == "rule:crisis-phrase"


def test_a_passive_wish_not_to_live_is_a_named_phrase():
    for text in (
        "Since we lost him I hate living. Every day feels pointless.",
        "Some nights I go to bed and honestly don't want to wake up.",
        "I can't see any point in living if this round fails too.",
    ):
        assert check_post(text, "reply")["crisis"].source == "rule:crisis-phrase", text
    assert not _crisis_rule_fires("Don't want to wake up with blood on the sheets again, 8 weeks.")


def test_a_wish_to_die_is_a_named_phrase_told_now_or_looking_back():
    for text in (
        "Lying on the bathroom floor after the bleed, part of me wished that I would die.",
        "Most mornings I wish I would just die in my sleep and not face another scan.",
        "At her funeral I wished I was dead, and some days I still do.",
    ):
        assert check_post(text, "reply")["crisis"].source == "rule:crisis-phrase", text
    assert not _crisis_rule_fires("I never wished I was dead, I just felt numb for months.")


def test_rather_be_dead_is_a_wish_unless_it_compares():
    wish = check_post("Honestly I'd rather be dead right now, but I won't do anything.", "reply")
    assert wish["crisis"].source == "rule:crisis-phrase"
    assert check_post("Lately I'd rather not be here at all, tbh.", "reply")["crisis"].source == (
        "rule:crisis-phrase"
    )
    for text in (
        "I told DH I'd rather be dead than feel that sick for one more day.",
        "I'd rather be dead, honestly, than go back to that clinic.",
    ):
        assert not _crisis_rule_fires(text), text


def test_running_ones_life_is_not_ending_it():
    for text in (
        "After the third loss I decided to take my life back and booked counselling.",
        "That diagnosis would take my life (and my husband's) by storm.",
    ):
        assert not _crisis_rule_fires(text), text
    for text in (
        "Some nights I think about how I could take my life.",
        "I just want to take my life back to before all this. Actually I want to take my life.",
    ):
        assert check_post(text, "reply")["crisis"].source == "rule:crisis-phrase", text


def test_admin_words_take_effect():
    vocab = Vocabulary(
        promotion_phrases=frozenset({"glow bundle"}), crisis_phrases=frozenset({"fade out"})
    )
    found = check_post(
        "Ask me about the glow bundle. Some days I want to fade out.", "reply", vocab
    )
    assert found["promotion"].level == "hold"
    assert found["promotion"].source == "rule:admin-phrase"
    assert found["crisis"].source == "rule:admin-phrase"


def test_explain_gives_every_label_its_best_words_and_score():
    rows = {row["label"]: row for row in explain(FOLLOW_UP, "reply")}
    assert set(rows) == {
        "prescription_change",
        "contact_info",
        "promotion",
        "crisis",
        "urgent_symptom",
    }
    assert rows["prescription_change"]["found"] is True
    assert rows["promotion"]["found"] is False
    assert "score" in rows["promotion"] and "thresholds" in rows["promotion"]


def test_a_quoted_question_does_not_make_a_kind_reply_a_prescription_change():
    reply = (
        "> Should I stop the cyclogest at 10 weeks?\n\n"
        "Only your clinic can tell you that, hun, ring them in the morning. Thinking of you x"
    )
    assert "prescription_change" not in check_post(reply, "reply")


def test_a_kind_of_post_other_than_question_or_reply_is_refused():
    with pytest.raises(ValueError):
        check_post("hello", "article-of-sorts")
