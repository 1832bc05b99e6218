"""The checks measured on labelled sets the model never trained on.

``../shared/moderation-cases/dev.jsonl`` (the team's written cases, kept beside the
repository) is never used for training or thresholds: it measures.  Without it, as in a
fresh clone with nothing beside it, the targets skip and the command's own behaviour is
still tested on a small file written here.
"""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

SHARED_DEV = Path(__file__).resolve().parents[3] / "shared" / "moderation-cases" / "dev.jsonl"


@pytest.fixture(scope="module")
def dev_figures():
    if not SHARED_DEV.exists():
        pytest.skip("../shared/moderation-cases/dev.jsonl is not beside this checkout")
    out = StringIO()
    call_command("moderation_eval", str(SHARED_DEV), stdout=out)
    return json.loads(out.getvalue())


def test_prescription_change_on_the_written_dev_set(dev_figures):
    figures = dev_figures["prescription_change"]
    assert figures["precision"] >= 0.90, figures
    assert figures["recall"] >= 0.95, figures


def test_contact_details_are_exact_on_the_written_dev_set(dev_figures):
    assert dev_figures["contact_info"]["precision"] == 1.0
    assert dev_figures["contact_info"]["recall"] == 1.0


def test_every_crisis_post_in_the_written_dev_set_is_found(dev_figures):
    assert dev_figures["crisis"]["recall"] == 1.0


CASES = [
    {
        "id": "q1",
        "kind": "question",
        "title": "Stopping clexane early?",
        "body": "I am 30 weeks and sick of the jabs. Can I just stop the clexane now?",
        "labels": {"prescription_change": True},
    },
    {
        "id": "r1",
        "kind": "reply",
        "body": "Call me on 07700 900461 and I'll tell you about my clinic's offer.",
        "labels": {"contact_info": True, "promotion": True},
    },
    {
        "id": "r2",
        "kind": "reply",
        "body": "So sorry for your loss. Be gentle with yourself this week.",
        "labels": {},
    },
]


def test_the_eval_command_prints_figures_per_label_and_explains_each_post(tmp_path):
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(json.dumps(c) for c in CASES), encoding="utf-8")
    out, err = StringIO(), StringIO()
    call_command("moderation_eval", str(path), "--explain", stdout=out, stderr=err)
    figures = json.loads(out.getvalue())
    assert set(figures) == {
        "prescription_change",
        "contact_info",
        "promotion",
        "crisis",
        "urgent_symptom",
    }
    assert figures["contact_info"] == {
        "tp": 1,
        "fp": 0,
        "fn": 0,
        "precision": 1.0,
        "recall": 1.0,
    }
    explained = err.getvalue()
    assert "q1 (question)" in explained
    assert "prescription_change" in explained and "score=" in explained
    assert "via model:" in explained and "via rule:" in explained
    assert '"Can I just stop the clexane now?"' in explained


def test_a_broken_case_file_is_a_clear_error(tmp_path):
    path = tmp_path / "broken.jsonl"
    path.write_text('{"id": "x", "body": "hi", "labels": {}}\nnot json\n', encoding="utf-8")
    with pytest.raises(CommandError, match="line 2"):
        call_command("moderation_eval", str(path))


def _write(path, cases):
    path.write_text("\n".join(json.dumps(c) for c in cases), encoding="utf-8")
    return path


def test_a_folder_of_real_posts_is_measured_by_kind_and_by_half(tmp_path):
    folder = tmp_path / "realset"
    folder.mkdir()
    _write(folder / "a.jsonl", CASES[:1])
    _write(folder / "b.jsonl", CASES[1:])
    out = StringIO()
    call_command("moderation_eval", str(folder), "--by", "kind", "--by", "half", stdout=out)
    figures = json.loads(out.getvalue())
    assert figures["all"]["prescription_change"]["tp"] == 1
    assert figures["questions"]["prescription_change"]["tp"] == 1
    assert figures["replies"]["prescription_change"] == {
        "tp": 0, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0,
    }  # fmt: skip
    assert figures["replies"]["contact_info"]["tp"] == 1
    # every post is in exactly one half, and the halves add up to the whole
    for label, whole in figures["all"].items():
        for count in ("tp", "fp", "fn"):
            assert figures["half A"][label][count] + figures["half B"][label][count] == whole[count]


def test_a_second_labellers_labels_give_the_agreement_per_label(tmp_path):
    first = _write(tmp_path / "first.jsonl", CASES)
    # the second reader agrees on everything but calls the kind reply a crisis
    second = [{"id": c["id"], "labels": dict(c["labels"])} for c in CASES]
    second[2]["labels"]["crisis"] = True
    second_path = _write(tmp_path / "second.jsonl", second)
    out = StringIO()
    call_command("moderation_eval", str(first), "--second-labels", str(second_path), stdout=out)
    agreed = json.loads(out.getvalue())["agreement"]
    assert agreed["prescription_change"]["kappa"] == 1.0
    assert agreed["crisis"]["first"] == 0 and agreed["crisis"]["second"] == 1
    assert agreed["crisis"]["fp"] == 1 and agreed["crisis"]["precision"] == 0.0


def test_labels_for_other_posts_or_an_id_used_twice_are_clear_errors(tmp_path):
    first = _write(tmp_path / "first.jsonl", CASES)
    other = _write(tmp_path / "other.jsonl", [{"id": "zzz", "labels": {}}])
    with pytest.raises(CommandError, match="do not hold the same posts"):
        call_command("moderation_eval", str(first), "--second-labels", str(other))
    twice = _write(tmp_path / "twice.jsonl", CASES + CASES[:1])
    with pytest.raises(CommandError, match='"q1" is used by two cases'):
        call_command("moderation_eval", str(twice))
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(CommandError, match="no .jsonl files"):
        call_command("moderation_eval", str(empty))
