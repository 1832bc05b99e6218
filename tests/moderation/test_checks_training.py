"""Training the checks' model: reproducible from committed data, and scored on the site
with exactly scikit-learn's arithmetic."""

from __future__ import annotations

import dataclasses
import math
import random

import pytest
from django.conf import settings
from django.core.management import call_command

from moderation.checks import training
from moderation.checks.features import ngrams, tokens
from moderation.checks.model import Model


def test_the_site_scores_a_unit_exactly_as_scikit_learn_does():
    cases = training.committed_cases()[::12]  # a small, quick model
    vectoriser, classifiers = training.fit(cases)
    model = Model.from_json(training.export(vectoriser, classifiers, {}))
    units = [u for i, c in enumerate(cases[:40]) for u in training._units(i, c)]
    docs = [ngrams(u.toks, u.kind) for u in units]
    matrix = vectoriser.transform(docs)
    for label_index, label in enumerate(training.LABELS):
        expected = classifiers[label].predict_proba(matrix)[:, 1]
        for doc, want in zip(docs, expected, strict=True):
            z = model.raw_scores(doc)[label_index]
            got = 1 / (1 + math.exp(-z))
            assert got == pytest.approx(want, abs=1e-4)


def test_the_model_file_keeps_keys_not_ngrams_and_finds_every_ngram_it_was_trained_on():
    cases = training.committed_cases()[::40]
    vectoriser, classifiers = training.fit(cases)
    data = training.export(vectoriser, classifiers, {})
    assert "names" not in data
    model = Model.from_json(dict(data))
    assert model.size == len(vectoriser.vocabulary_) == training.feature_count(data)
    coef = classifiers["crisis"].coef_[0]
    for name, col in list(vectoriser.vocabulary_.items())[::97]:
        want = vectoriser.idf_[col] * coef[col]
        assert model.weight(name, "crisis") == pytest.approx(want, rel=1e-5, abs=1e-6)
    assert model.weight("an n-gram no case has", "crisis") is None
    assert model.raw_scores(["an n-gram no case has"]) == pytest.approx(
        [float(classifiers[label].intercept_[0]) for label in training.LABELS], abs=1e-5
    )


def test_a_model_file_with_unsorted_or_mismatched_keys_is_refused_with_a_clear_error():
    import base64

    import numpy as np

    cases = training.committed_cases()[::80]
    data = training.export(*training.fit(cases), {})
    keys = np.frombuffer(base64.b64decode(data["keys"]), dtype="<u8")
    shuffled = {**data, "keys": base64.b64encode(keys[::-1].tobytes()).decode()}
    with pytest.raises(ValueError, match="not sorted"):
        Model.from_json(shuffled)
    short = {**data, "keys": base64.b64encode(keys[:-1].tobytes()).decode()}
    with pytest.raises(ValueError, match="do not match"):
        Model.from_json(short)
    older = {k: v for k, v in data.items() if k != "keys"} | {"names": "stop\nclexane"}
    with pytest.raises(ValueError, match="run manage.py moderation_train"):
        Model.from_json(older)
    # a post-level step written for another set of inputs would fail on the first post
    four = {"coef": [1.0, 0.2, -0.8, 0.7], "intercept": -4.0}
    with pytest.raises(ValueError, match="reads 4 inputs.*run manage.py moderation_train"):
        Model.from_json({**data, "stack": dict.fromkeys(training.LABELS, four)})


def test_promotion_and_crisis_also_read_the_whole_post_as_one_unit_the_others_do_not():
    from moderation.checks.features import tokenised_sentences
    from moderation.checks.model import STACK_FEATURES, WHOLE_POST_LABELS, load_model
    from moderation.checks.text import sentences

    model = load_model()
    text = (
        "Our sonographers are not in a position to give medical advice. Scans are "
        "performed from 16 weeks. We are a company registered in England. "
        "Should I stop my aspirin?"
    )
    sents = sentences(text)
    ev = model.evidence(sents, "question")
    every = [t for _, toks in tokenised_sentences(sents) for t in toks]
    whole = model.raw_scores(ngrams(every, "question"))
    for i, label in enumerate(model.labels):
        features = model.post_features(ev, i)
        assert len(features) == len(STACK_FEATURES)
        if label in WHOLE_POST_LABELS:
            assert features[-1] == pytest.approx(whole[i], abs=1e-9)
        else:  # a question in the last line of a long story is not diluted by the story
            assert features[-1] == 0.0
    assert {"promotion", "crisis"} == WHOLE_POST_LABELS


def test_training_refuses_two_ngrams_that_would_share_a_key(monkeypatch):
    import numpy as np

    monkeypatch.setattr(training, "ngram_key", lambda name: 7)
    with pytest.raises(ValueError, match="share a key: 'clexane' and 'stop'"):
        training.pack(["clexane", "stop"], np.zeros((2, 5)), [0.0] * 4, {})


@pytest.mark.skipif(
    settings.USING_POSTGRES, reason="does not touch the database: runs in the SQLite pass"
)
def test_training_on_the_committed_data_reproduces_the_committed_model():
    # Reads only files in the repository, so a fresh clone with nothing beside it passes.
    call_command("moderation_train", "--check")


def test_the_reproducibility_check_forgives_float_noise_but_not_a_changed_weight():
    import base64

    import numpy as np

    cases = training.committed_cases()[::40]
    vectoriser, classifiers = training.fit(cases)
    thresholds = {label: {"notice": 0.5} for label in training.LABELS}
    committed = training.export(vectoriser, classifiers, thresholds)
    table = np.frombuffer(base64.b64decode(committed["table"]), dtype="<f4").copy()

    def with_table(values) -> dict:
        return {**committed, "table": base64.b64encode(values.astype("<f4").tobytes()).decode()}

    # noise as seen between two CPUs: 3e-6 on one, 9.7e-4 on another
    assert training.model_differences(committed, with_table(table + 3e-6)) == []
    assert training.model_differences(committed, with_table(table - 9.7e-4)) == []
    changed = table.copy()
    changed[7] += 0.01
    assert training.model_differences(committed, with_table(changed)) == [
        "n-gram weights differ by up to 1.00e-02"
    ]
    # the post-level step carries the held-out models' noise: 1.84e-4 of a value seen
    step = {"coef": [0.973487, 0.217439, -1.358857, 0.227444], "intercept": -1.00977}
    stacked = {**committed, "stack": dict.fromkeys(training.LABELS, step)}
    noisy = {**step, "intercept": -1.009956}
    assert (
        training.model_differences(
            stacked, {**stacked, "stack": {**stacked["stack"], "urgent_symptom": noisy}}
        )
        == []
    )
    refitted = {**step, "intercept": -1.02}
    assert training.model_differences(
        stacked, {**stacked, "stack": {**stacked["stack"], "urgent_symptom": refitted}}
    ) == [
        "post-level step for urgent_symptom differ: "
        "[0.973487, 0.217439, -1.358857, 0.227444, -1.00977] "
        "vs [0.973487, 0.217439, -1.358857, 0.227444, -1.02]"
    ]
    moved = {**committed, "thresholds": {**thresholds, "crisis": {"notice": 0.6}}}
    assert training.model_differences(committed, moved) == [
        "crisis notice threshold differ: [0.5] vs [0.6]"
    ]


def test_cases_without_evidence_train_as_one_unit_and_with_evidence_per_sentence():
    short = training.Case(
        id="a", kind="reply", text="Stop it. Now.", labels={"prescription_change": True}
    )
    long = training.Case(
        id="b",
        kind="reply",
        text="We had a scan. All fine. Should I stop the clexane? Thanks all.",
        labels={"prescription_change": True},
        evidence={"prescription_change": ["Should I stop the clexane?"]},
    )
    assert len(training._units(0, short)) == 1
    units = training._units(1, long)
    labels = [training.unit_label(u, long, "prescription_change") for u in units]
    assert 1 in labels and None in labels and 0 not in labels


def test_the_post_level_step_scores_a_post_as_scikit_learn_does_never_below_its_best_unit():
    from sklearn.linear_model import LogisticRegression

    cases = training.committed_cases()[::15]
    vectoriser, classifiers = training.fit(cases)
    unit_model = Model.from_json(training.export(vectoriser, classifiers, {}))
    feats = training.post_features(unit_model, cases)
    stack = training.fit_stack(cases, feats, range(len(cases)))
    model = Model.from_json(training.export(vectoriser, classifiers, {}, stack))
    label = "urgent_symptom"  # a recall-first label: the step never lowers its best unit
    reference = LogisticRegression(
        C=training.STACK_C, class_weight="balanced", solver="liblinear", random_state=training.SEED
    ).fit([f[label] for f in feats], [c.labels[label] for c in cases])
    for case, f in list(zip(cases, feats, strict=True))[:30]:
        got = model.best_units(training.sentences(case.text), case.kind)[label][0]
        best_unit = 1 / (1 + math.exp(-f[label][0]))
        want = max(best_unit, reference.predict_proba([f[label]])[0, 1])
        assert got == pytest.approx(want, abs=1e-4)


def test_a_sentence_of_one_or_two_words_is_read_with_its_neighbour_in_training_and_on_the_site():
    from moderation.checks.features import tokenised_sentences
    from moderation.checks.text import sentences

    text = "TIA! Should I stop my clexane now? Regards, Diane"
    joined = [s.text for s, _ in tokenised_sentences(sentences(text))]
    assert joined == ["TIA! Should I stop my clexane now? Regards, Diane"]
    case = training.Case(
        id="c",
        kind="question",
        text="We had our scan today. All fine. Should I stop the clexane? x",
        labels={"prescription_change": True},
        evidence={"prescription_change": ["Should I stop the clexane?"]},
    )
    units = [case.text[u.spans[0][0] : u.spans[-1][1]] for u in training._units(0, case)]
    assert "All fine." not in units and "x" not in units
    assert "We had our scan today. All fine." in units
    assert "Should I stop the clexane? x" in units
    assert [s.text for s, _ in tokenised_sentences(sentences("Stop it."))] == ["Stop it."]


def test_words_of_time_are_left_out_of_what_the_model_reads_but_morning_sickness_is_not():
    assert tokens("A fever since this morning, and morning sickness tonight!") == [
        "a", "fever", "and", "morning", "sickness", "!",
    ]  # fmt: skip
    # "evening" says when after "this"; the oil is still a supplement
    assert tokens("Cramps this evening, so I stopped my evening primrose oil") == [
        "cramps", "so", "i", "stopped", "my", "evening", "<supp>", "oil",
    ]  # fmt: skip


def test_the_review_cut_off_stays_put_on_a_flat_curve_when_two_cases_are_added():
    # Held-out replies shaped like the corpus's promotion replies: most adverts score near
    # 1, then a band from .97 down to .61 where adverts and other replies mix, so F-beta is
    # nearly level across the band.
    rng = random.Random(1)
    scores = [0.999 - i * 0.00005 for i in range(470)] + [0.975 + i * 0.0001 for i in range(10)]
    truth = [True] * 470 + [False] * 10
    for i in range(130):
        scores.append(0.97 - i * 0.36 / 130)
        truth.append(rng.random() < 0.45)
    scores += [0.2 + i * 0.001 for i in range(300)] + [0.1] * 40
    truth += [False] * 300 + [True] * 40
    # a new file brings two more adverts that score just under the band
    more_scores, more_truth = [*scores, 0.605, 0.604], [*truth, True, True]

    beta = training.REVIEW_BETA
    best_before = training._threshold_for_fbeta(scores, truth, beta)
    best_after = training._threshold_for_fbeta(more_scores, more_truth, beta)
    assert best_before - best_after > 0.1  # the single best cut-off jumps down the band
    before = training._resampled_threshold_for_fbeta(scores, truth, beta)
    after = training._resampled_threshold_for_fbeta(more_scores, more_truth, beta)
    assert abs(before - after) < 0.03  # the median of the resamples' best stays put
    assert training._resampled_threshold_for_fbeta(scores, truth, beta) == before  # seeded


def test_promotion_questions_get_cut_offs_chosen_on_questions_other_labels_do_not():
    # Held-out scores where adverts posted as a thread's first post score lower than
    # adverts posted as replies (business pages read less like an advert than a pitch).
    cases, scores = [], []
    for kind, advert_score in (("reply", 0.95), ("question", 0.75)):
        for n in range(200):
            advert = n < 60
            cases.append(
                training.Case(
                    id=f"{kind}-{n}",
                    kind=kind,
                    text="x",
                    labels=dict.fromkeys(training.LABELS, advert),
                )
            )
            score = advert_score - n * 0.001 if advert else 0.1 + n * 0.001
            scores.append(dict.fromkeys(training.LABELS, score))
    cuts = training.choose_thresholds(cases, scores)
    promotion = cuts["promotion"]
    assert promotion["review"] > 0.85  # the replies' own, above every reply that is no advert
    assert 0.6 < promotion["question review"] < 0.75  # low enough for the questions' adverts
    assert promotion["question hold"] >= promotion["question review"]
    for label in ("prescription_change", "crisis", "urgent_symptom"):
        assert set(cuts[label]) == {"notice", "review", "hold"}


def test_a_question_is_judged_on_its_own_cut_off_where_there_is_one():
    from moderation.checks import promotion
    from moderation.checks.run import score

    text = "We are a small clinic. Our team has helped many families over the years."
    model = load_model_with_cuts(
        {
            "notice": 1.0,
            "review": 0.999,
            "hold": 0.9999,
            "question review": 0.0,
            "question hold": 0.9999,
        }
    )
    for kind, want in (("question", "review"), ("reply", None)):
        scored = dataclasses.replace(score(text, kind), model=model)
        found = promotion.check(scored)
        assert (found.level if found else None) == want
    assert score(text, "reply").threshold("crisis", "notice") == (
        score(text, "question").threshold("crisis", "notice")
    )


def load_model_with_cuts(promotion_cuts: dict) -> Model:
    from moderation.checks.model import load_model

    model = load_model()
    return dataclasses.replace(model, thresholds={**model.thresholds, "promotion": promotion_cuts})
