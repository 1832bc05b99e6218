"""``manage.py moderation_eval FILE.jsonl`` - score every automatic check on labelled posts.

Prints one JSON object keyed by label::

    {"prescription_change": {"tp": 38, "fp": 2, "fn": 2, "precision": 0.95, "recall": 0.95}, ...}

Precision is 1.0 when nothing was flagged (tp + fp == 0) and recall is 1.0 when
there were no positives (tp + fn == 0).  ``--explain`` also writes, for every post, each
label's score, the words that scored highest and the rule or model that fired (to
stderr, so standard output stays one JSON object).  The logic lives in
``moderation.evaluation`` so it can be tested without Django.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from moderation.evaluation import CaseError, evaluate, explain_case, load_cases


class Command(BaseCommand):
    help = "Run every moderation check over a labelled JSONL file and print precision/recall."

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSONL cases (format: shared/moderation-cases/README.md)")
        parser.add_argument(
            "--show-errors",
            action="store_true",
            help="also print the ids of false positives and false negatives to stderr",
        )
        parser.add_argument(
            "--explain",
            action="store_true",
            help="for every post, print each label's score, words and rule or model to stderr",
        )

    def handle(self, *args, **options):
        try:
            cases = load_cases(options["file"])
        except CaseError as exc:
            raise CommandError(str(exc)) from exc
        if options["explain"]:
            for case in cases:
                self.stderr.write(explain_case(case))
        result = evaluate(cases, with_errors=options["show_errors"])
        if options["show_errors"]:
            for label, stats in result.items():
                fps = stats.pop("false_positives")
                fns = stats.pop("false_negatives")
                self.stderr.write(
                    f"{label}: false positives {', '.join(fps) or '-'}; "
                    f"false negatives {', '.join(fns) or '-'}"
                )
        self.stdout.write(json.dumps(result))
