"""``manage.py moderation_eval PATH [PATH ...]`` - score every automatic check on labelled posts.

PATH is a JSONL file or a folder of them.  Prints one JSON object keyed by label::

    {"prescription_change": {"tp": 38, "fp": 2, "fn": 2, "precision": 0.95, "recall": 0.95}, ...}

``--by kind`` / ``--by half`` / ``--by borderline`` (repeatable) print instead
``{"all": {...}, "questions": {...}, "replies": {...}, "half A": {...}, ...}``, each keyed
by label as above.  ``--second-labels PATH`` adds ``"agreement"``: how a second
labeller's labels of the same posts compare with these (``docs/real-sets.md``).

Precision is 1.0 when nothing was flagged (tp + fp == 0) and recall is 1.0 when
there were no positives (tp + fn == 0).  ``--explain`` also writes, for every post, each
label's score, the words that scored highest and the rule or model that fired (to
stderr, so standard output stays one JSON object).  The logic lives in
``moderation.evaluation`` so it can be tested without Django.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from moderation.evaluation import (
    BREAKDOWNS,
    CaseError,
    agreement,
    breakdown,
    evaluate,
    explain_case,
    load_case_paths,
)


class Command(BaseCommand):
    help = "Run every moderation check over a labelled JSONL file and print precision/recall."

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="+",
            metavar="PATH",
            help="JSONL cases or folders of them (format: docs/checks.md)",
        )
        parser.add_argument(
            "--by",
            action="append",
            choices=sorted(BREAKDOWNS),
            default=[],
            help="also give the figures for each kind of post, each half or borderline posts",
        )
        parser.add_argument(
            "--second-labels",
            nargs="+",
            metavar="PATH",
            help="a second labeller's labels of the same posts (id and labels): agreement",
        )
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
        if options["show_errors"] and (options["by"] or options["second_labels"]):
            raise CommandError("--show-errors cannot be combined with --by or --second-labels")
        try:
            cases = load_case_paths(options["paths"])
            agreed = None
            if options["second_labels"]:
                second = load_case_paths(options["second_labels"], need_text=False)
                agreed = agreement(cases, second)
        except CaseError as exc:
            raise CommandError(str(exc)) from exc
        if options["explain"]:
            for case in cases:
                self.stderr.write(explain_case(case))
        if options["by"] or agreed is not None:
            result = breakdown(cases, options["by"])
            if agreed is not None:
                result["agreement"] = agreed
            self.stdout.write(json.dumps(result))
            return
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
