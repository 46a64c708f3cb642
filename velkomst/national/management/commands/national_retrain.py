"""`python manage.py national_retrain --table <id> [--history H.csv]` (NAT-2): train the
employment model on the platform's own outcomes (every municipality's adults, anonymous) or on
an H.csv file, against a reference table's municipalities, and keep it with its model card.
Bad input: a message naming file, row and column, nothing written, exit status 1."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from velkomst.engines.national.model import ModelCard
from velkomst.national import selectors, services
from velkomst.national.files import Problem, card_lines
from velkomst.national.models import ReferenceTable


class Command(BaseCommand):
    help = "Train the national employment model and keep it with its model card."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--table", type=int, help="reference table id (default: the newest)")
        parser.add_argument("--history", type=Path, help="H.csv (default: the platform's outcomes)")

    def handle(self, *args: Any, **options: Any) -> None:
        table_id = options.get("table")
        table = (
            ReferenceTable.objects.filter(pk=table_id).first()
            if table_id
            else ReferenceTable.objects.order_by("-year", "-uploaded_at", "-id").first()
        )
        if table is None:
            raise CommandError("no reference table: upload one on the page Referencetabeller")
        history: Path | None = options.get("history")
        try:
            if history is not None:
                try:
                    content = history.read_bytes()
                except OSError as e:
                    raise CommandError(f"{history.name}: cannot be read ({e.strerror})") from None
                trained = services.train_on_file(
                    acting_user=None, table=table, file_name=history.name, content=content
                )
            else:
                trained = services.train_on_platform(acting_user=None, table=table)
        except Problem as e:
            raise CommandError(str(e)) from None
        except ValidationError as e:
            raise CommandError("; ".join(e.messages)) from None
        card = selectors.load_model(trained).card
        assert isinstance(card, ModelCard)
        for line in card_lines(card):
            self.stdout.write(line)
        self.stdout.write(f"Kept as model #{trained.pk} (table #{table.pk}: {table.label})")
