"""`python manage.py create_api_token <username> --name x`: prints the new key once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from velkomst.api.services import TokenUserNotStaff, api_token_create
from velkomst.core.models import StaffUser


class Command(BaseCommand):
    help = "Create an API token for a staff member and print its key (shown only this once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--name", required=True, help="what the token is for, e.g. 'nightly sync'"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = StaffUser.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"no user named {options['username']!r}")
        try:
            token, key = api_token_create(user=user, name=options["name"])
        except TokenUserNotStaff as exc:
            raise CommandError(
                f"{user.username} is not an active staff member of a municipality"
            ) from exc
        self.stderr.write(
            f"Token {token.name!r} ({token.prefix}…) for {user.username}. "
            "Store the key now: it cannot be shown again."
        )
        self.stdout.write(key)
