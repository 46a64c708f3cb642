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
