"""Prints the staff logins per municipality and role (for the demo)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from velkomst.core.models import StaffUser


class Command(BaseCommand):
    help = "List active staff users by municipality and role"

    def handle(self, *args: Any, **options: Any) -> None:
        users = StaffUser.objects.filter(is_active=True).select_related("municipality")
        rows = sorted(
            (
                (u.municipality.name if u.municipality else "-", u.get_role_display(), u.username)
                for u in users
            ),
        )
        if not rows:
            self.stdout.write("No users yet.")
            return
        width = max(len(r[0]) for r in rows), max(len(str(r[1])) for r in rows)
        self.stdout.write("\nDemo logins (password: velkomst-demo)\n")
        for municipality, role, username in rows:
            self.stdout.write(f"  {municipality:<{width[0]}}  {role!s:<{width[1]}}  {username}")
        self.stdout.write("")
        self._citizen_entrance()

    def _citizen_entrance(self) -> None:
        """A fresh invitation to the citizen's entrance (CIT-1) for a demo citizen."""
        from velkomst.citizen.demo import demo_invitation

        made = demo_invitation()
        if made is None:
            return
        person, sent = made
        self.stdout.write(
            f"Citizen entrance (/borger/) as {person.full_name}, {person.municipality.name}: "
            f"open {sent.link} and type the code {sent.code} (a new invitation each run)\n"
        )
