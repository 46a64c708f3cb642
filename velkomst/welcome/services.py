"""Writes for the welcome folder (REC-7): the audit of its views and exports."""

from __future__ import annotations

from django.db import transaction

from velkomst.core import audit
from velkomst.core.models import AuditAction, StaffUser
from velkomst.people.models import Household, Person


@transaction.atomic
def folder_exported(
    *,
    household: Household,
    members: list[Person],
    acting_user: StaffUser,
    language: str,
    channel: str = "web",
) -> None:
    """Record that the household's welcome folder left the system as a PDF: an export on each
    member's log (SEC-3), since the folder names them and their contact persons."""
    audit.log_many(
        actor=acting_user,
        action=AuditAction.EXPORT,
        objects=[(member, member.pk) for member in members] or [(household, None)],
        reason=f"welcome folder PDF ({language})",
        channel=channel,
    )


@transaction.atomic
def folder_viewed(
    *, household: Household, members: list[Person], acting_user: StaffUser, language: str
) -> None:
    audit.log_many(
        actor=acting_user,
        action=AuditAction.VIEW,
        objects=[(member, member.pk) for member in members] or [(household, None)],
        reason=f"welcome folder ({language})",
    )
