"""`python -m velkomst demo`: load the demo municipalities, staff and citizens."""

from __future__ import annotations

import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from velkomst.core.models import Municipality
from velkomst.demodata.generator import (
    DEFAULT_PASSWORD,
    demo_plan,
    load_demo,
    seed_municipalities_exist,
)
from velkomst.demodata.plan import DEFAULT_HOUSEHOLDS, DEFAULT_SEED, REFERENCE_DATE


class Command(BaseCommand):
    help = (
        "Load demo data: Bornholm, Sønderborg, Kerteminde and Aalborg with one user per role, "
        "households, persons, cases, contact persons and journal notes. Deterministic per seed; "
        f"dates are relative to the fixed day {REFERENCE_DATE.isoformat()}."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
        parser.add_argument(
            "--households",
            type=int,
            default=DEFAULT_HOUSEHOLDS,
            help=f"households per municipality (default {DEFAULT_HOUSEHOLDS})",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing if the database has any municipality",
        )
        parser.add_argument(
            "--password",
            default=DEFAULT_PASSWORD,
            help=f"password of every demo user (default {DEFAULT_PASSWORD!r})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["households"] < 0:
            raise CommandError("--households must be zero or more")
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            self.stdout.write("Migrerer databasen …")
            call_command("migrate", verbosity=0, interactive=False)
        if options["if_empty"] and Municipality.objects.exists():
            self.stdout.write("Databasen har allerede kommuner; ingen demodata indlæst.")
            return
        if seed_municipalities_exist():
            raise CommandError(
                "The demo municipalities exist already (kommunekode 400, 540, 440 or 851). "
                "Use an empty database, or --if-empty."
            )
        started = time.monotonic()
        plan = demo_plan(seed=options["seed"], households_per_municipality=options["households"])
        logins = load_demo(plan, password=options["password"])
        seconds = time.monotonic() - started

        households = sum(len(m.households) for m in plan.municipalities)
        persons = sum(m.person_count for m in plan.municipalities)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demodata indlæst (seed {plan.seed}): {len(plan.municipalities)} kommuner, "
                f"{len(logins)} medarbejdere, {households} husstande, {persons} personer "
                f"på {seconds:.1f} s."
            )
        )
        width_m = max(len("Kommune"), *(len(login.municipality) for login in logins))
        width_r = max(len("Rolle"), *(len(login.role_label) for login in logins))
        self.stdout.write("")
        self.stdout.write(f"{'Kommune':<{width_m}}  {'Rolle':<{width_r}}  Brugernavn")
        self.stdout.write(f"{'-' * width_m}  {'-' * width_r}  {'-' * 30}")
        for login in logins:
            self.stdout.write(
                f"{login.municipality:<{width_m}}  {login.role_label:<{width_r}}  {login.username}"
            )
        self.stdout.write("")
        self.stdout.write(f"Adgangskode for alle demobrugere: {options['password']}")
