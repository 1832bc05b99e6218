"""``manage.py moderation_train`` - train the checks' model and write it to the repository.

    .venv/bin/python manage.py moderation_train [--include-decisions] [--check] [--out PATH]

Reads the committed corpus (``moderation/corpus/*.jsonl``) and the written cases
(``tests/moderation/cases/*.jsonl``), chooses each threshold on predictions for files the
model did not see, trains on everything and writes ``moderation/checks/data/model.json``.
The same data gives the same file byte for byte on one machine; on another CPU the floats
may differ in their last bits, so ``--check`` allows ``training.WEIGHT_TOLERANCE`` in an
n-gram weight and ``training.SAME_MODEL_TOLERANCE`` elsewhere.

``--include-decisions`` adds moderators' decisions on automatic flags (``TrainingExample``
rows: the text as it was when they decided).  ``--refresh-drug-names`` first rewrites
``data/drug_names.txt`` from the installed drug-named-entity-recognition dictionary.
``--check`` writes nothing and fails, naming the difference, if the committed model is not
what training gives.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from moderation.checks import training
from moderation.checks.lexicon import DRUG_NAMES_PATH, reset_lexicon_cache
from moderation.checks.model import MODEL_PATH, reset_model_cache
from moderation.models import TrainingExample


def model_text(data: dict) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n"


class Command(BaseCommand):
    help = "Train the moderation checks' model from the committed corpus and write it."

    def add_arguments(self, parser):
        parser.add_argument(
            "--include-decisions",
            action="store_true",
            help="also learn from moderators' decisions on automatic flags",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="write nothing; fail if the committed model differs from a fresh training",
        )
        parser.add_argument(
            "--refresh-drug-names",
            action="store_true",
            help="rewrite data/drug_names.txt from the installed drug dictionary first",
        )
        parser.add_argument("--out", default=str(MODEL_PATH), help="where to write the model")

    def handle(self, *args, **options):
        if options["refresh_drug_names"]:
            names = training.drug_dictionary_names()
            DRUG_NAMES_PATH.write_text("\n".join(sorted(names)) + "\n", encoding="utf-8")
            reset_lexicon_cache()
            self.stdout.write(f"Wrote {len(names)} names to {DRUG_NAMES_PATH}")
        cases = training.committed_cases()
        if options["include_decisions"]:
            decisions = training.cases_from_decisions(TrainingExample.objects.all())
            self.stdout.write(f"{len(decisions)} moderator decisions added")
            cases.extend(decisions)
        if not cases:
            raise CommandError("No training cases found under moderation/corpus/.")
        data = training.train(cases)
        text = model_text(data)
        out = Path(options["out"])
        if options["check"]:
            committed = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
            differences = training.model_differences(committed, data) if committed else ["missing"]
            if differences:
                raise CommandError(
                    f"{out} is not what training on the committed data gives: "
                    + "; ".join(differences)
                )
            self.stdout.write(f"{out} matches a fresh training (version {data['version']}).")
            return
        out.write_text(text, encoding="utf-8")
        reset_model_cache()
        self.stdout.write(
            f"Wrote {out} (version {data['version']}, {training.feature_count(data)} features, "
            f"{len(cases)} cases); thresholds {json.dumps(data['thresholds'])}"
        )
