"""Tests for the learned backstop (moderation/learned.py) behind the rule-based detectors."""

from __future__ import annotations

from django.core.management import call_command

from moderation import learned
from moderation.detectors import detect_crisis, detect_prescription_change, detect_promotion


def test_the_weights_are_loaded_once_and_reused():
    first = learned.load()
    assert learned.load() is first
    assert set(first["weights"]) == set(learned.LABELS)


def test_the_same_post_always_gets_the_same_score():
    text = "I now sell them from home, DM for prices x"
    scores = {learned.probability("promotion", text) for _ in range(3)}
    assert len(scores) == 1


def test_a_sales_post_the_rules_miss_is_flagged_as_promotion_by_the_learned_check():
    text = "I now sell my own fertility tea blends, DM for prices and postage"
    found = detect_promotion(text)
    assert found is not None and "learned check" in found.reason


def test_an_indirect_wish_not_to_wake_up_is_flagged_as_crisis():
    assert detect_crisis("I have stopped caring whether I wake up tomorrow.") is not None


def test_storage_supplement_and_doctor_change_posts_are_not_flagged():
    negatives = [
        "Can Menopur be kept out of the fridge overnight? Mine was left on the side.",
        "Is it fine to take vitamin D and folic acid together in the morning?",
        "My consultant stopped my prednisolone at 12 weeks as planned, all fine so far.",
    ]
    for text in negatives:
        assert detect_prescription_change(text) is None
        assert detect_promotion(text) is None
        assert detect_crisis(text) is None


def test_sharing_a_phone_number_alone_is_not_promotion():
    text = "Text me on 07700 900123 or write to jo.smith@example.com and we can chat."
    assert detect_promotion(text) is None


def test_the_training_command_reproduces_the_committed_weights(tmp_path):
    out = tmp_path / "weights.json"
    call_command("moderation_train", out=out, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert out.read_bytes() == learned.WEIGHTS_PATH.read_bytes()
