"""The encoder trial's arithmetic (bench/encoder_trial.py): the figures docs/checks.md
reports from it are only as good as these.  PyTorch is not needed for any of this."""

from __future__ import annotations

import random

import pytest
from sklearn.metrics import average_precision_score

from bench import encoder_trial


def test_average_precision_agrees_with_scikit_learn():
    rng = random.Random(3)
    for _ in range(20):
        truth = [rng.random() < 0.3 for _ in range(60)]
        truth[0] = True
        scores = [rng.random() for _ in range(60)]
        assert encoder_trial._average_precision(scores, truth) == pytest.approx(
            average_precision_score(truth, scores)
        )


def test_tied_scores_count_together_as_scikit_learn_counts_them():
    rng = random.Random(5)
    for _ in range(20):
        truth = [rng.random() < 0.3 for _ in range(60)]
        truth[0] = True
        scores = [rng.choice([1.0, 1.0, 0.5, rng.random()]) for _ in range(60)]
        assert encoder_trial._average_precision(scores, truth) == pytest.approx(
            average_precision_score(truth, scores)
        )


def test_precision_where_recall_is_first_reached():
    # ranked: T F T F T; two of three true are found at rank 3, all three at rank 5
    scores = [0.9, 0.8, 0.7, 0.6, 0.5]
    truth = [True, False, True, False, True]
    assert encoder_trial._precision_at_recall(scores, truth, 0.6) == pytest.approx(2 / 3)
    assert encoder_trial._precision_at_recall(scores, truth, 0.9) == pytest.approx(3 / 5)
    # a tie at the top is taken whole: T and F both at 0.9
    assert encoder_trial._precision_at_recall([0.9, 0.9, 0.1], [True, False, True], 0.5) == 0.5


def test_a_post_is_read_as_its_sentences_and_their_neighbouring_pairs():
    text = "I am 21 weeks. I'm on heparin. Can I stop it now?"
    units = encoder_trial._post_units(text)
    assert "Can I stop it now?" in units
    assert "I'm on heparin. Can I stop it now?" in units
    assert "I am 21 weeks. I'm on heparin. Can I stop it now?" not in units
    assert len(units) == 5


def test_halves_are_split_the_way_the_notes_split_them():
    halves = {encoder_trial._half(f"rx-{i:03d}") for i in range(40)}
    assert halves == {"A", "B"}
    assert encoder_trial._half("rx-001") == encoder_trial._half("rx-001")


def test_the_frozen_encoders_head_gives_the_logits_of_the_standardised_regression():
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(4)
    x = rng.normal(3.0, [0.1, 2.0, 5.0], size=(200, 3))
    y = (x[:, 0] * 10 + x[:, 1] - x[:, 2] * 0.3 + rng.normal(0, 1, 200) > 31).astype(int)
    weight, bias = encoder_trial.standardised_logistic(x, y, 1.0)
    mean, scale = x.mean(0), x.std(0) + 1e-6
    reference = LogisticRegression(C=1.0, max_iter=2000).fit((x - mean) / scale, y)
    assert 0 < y.mean() < 1
    assert np.allclose(x @ weight + bias, reference.decision_function((x - mean) / scale))
