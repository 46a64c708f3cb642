"""Install the preset reception-plan template (presets.py) for municipalities that have none."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from velkomst.core.models import Municipality
from velkomst.reception.services import install_presets


class Command(BaseCommand):
    help = "Install each municipality's preset reception-plan template (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("codes", nargs="*", help="kommunekoder; all municipalities if none")

    def handle(self, *args: Any, **options: Any) -> None:
        municipalities = Municipality.objects.order_by("code")
        if options["codes"]:
            municipalities = municipalities.filter(code__in=options["codes"])
        for municipality in municipalities:
            template = install_presets(municipality)
            self.stdout.write(f"{municipality.code} {municipality.name}: {template} in force")
