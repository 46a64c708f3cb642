"""The demo's way into the citizen's entrance (CIT-1): ``manage.py logins`` makes a fresh
invitation for a demo citizen each time it runs and prints its link and code."""

from __future__ import annotations

from velkomst.core.models import Role
from velkomst.people.models import Person

from . import services


def demo_citizen() -> Person | None:
    """The first adult (lowest id) of the first municipality whose case has a caseworker."""
    return (
        Person.objects.filter(
            case__caseworker__isnull=False,
            case__caseworker__is_active=True,
            case__caseworker__role=Role.CASEWORKER,
        )
        .select_related("municipality", "household", "case__caseworker")
        .order_by("municipality__code", "id")
        .first()
    )


def demo_invitation() -> tuple[Person, services.SentInvitation] | None:
    """A new invitation (on paper) for the demo citizen, by their caseworker; older open ones
    are superseded. None when there is no such citizen yet."""
    person = demo_citizen()
    if person is None:
        return None
    caseworker = person.case.caseworker  # type: ignore[attr-defined]
    assert caseworker is not None
    sent = services.invitation_send(
        actor=caseworker,
        person=person,
        channel=services.Channel.PAPER,
    )
    return person, sent
