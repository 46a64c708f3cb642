"""`python -m velkomst national-assign --municipalities M.csv --adults A.csv --history H.csv
--out assignment.csv` (NAT-1, NAT-2): train the employment model on the history, assign the
arriving households within the quotas, and print the model's validation and the predicted
uplift over a quota-random assignment. Bad input: a message naming file, row and column,
nothing written, exit status 1."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from velkomst.engines.national.assign import Infeasible
from velkomst.engines.national.model import TrainingError
from velkomst.national.files import Problem, card_lines, run


class Command(BaseCommand):
    help = "Assign arriving households to municipalities from CSV files (national distribution)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--municipalities", required=True, type=Path)
        parser.add_argument("--adults", required=True, type=Path)
        parser.add_argument("--history", required=True, type=Path)
        parser.add_argument("--out", required=True, type=Path)
        parser.add_argument("--seed", type=int, default=0)

    def handle(self, *args: Any, **options: Any) -> None:
        out: Path = options["out"]
        if not out.parent.is_dir():
            raise CommandError(f"{out}: the folder does not exist")
        started = time.perf_counter()
        try:
            result = run(
                options["municipalities"],
                options["adults"],
                options["history"],
                out,
                seed=options["seed"],
            )
        except Problem as e:
            raise CommandError(str(e)) from None
        except (TrainingError, Infeasible) as e:
            raise CommandError(
                f"{options['history'].name if isinstance(e, TrainingError) else options['adults'].name}: {e}"
            ) from None
        for line in card_lines(result.model.card):
            self.stdout.write(line)
        uplift = result.expected - result.random_expected
        share = uplift / result.random_expected if result.random_expected else 0.0
        self.stdout.write(
            f"Assigned {result.households} households to {len(set(result.assignment.values()))} "
            f"municipalities in {time.perf_counter() - started:.1f} s; LP bound gap "
            f"{result.outcome.bound - result.outcome.objective:.1f}"
        )
        self.stdout.write(
            f"Predicted adults in work within 3 years: {result.expected:.1f}; quota-random: "
            f"{result.random_expected:.1f}; uplift {uplift:+.1f} ({share:+.1%})"
        )
        self.stdout.write(f"Written: {out}")
