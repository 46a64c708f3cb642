"""Demo data of matching (PRG-4): one finished batch run over the demo municipality's open
openings and the candidates its job consultant sees, so the run list, the run page and its
suggestions show something on ``make run``. The run is computed here, as the background task
would (``runs.execute``), not queued."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from velkomst.core import audit
from velkomst.core.models import AuditAction, Municipality, StaffUser

from . import inputs, runs, selectors
from .models import MatchingRun


def install_demo(
    municipality: Municipality, consultant: StaffUser, today: date
) -> MatchingRun | None:
    """A run started by the job consultant yesterday morning, finished with its suggestions."""
    opening_ids = list(selectors.open_openings(consultant).values_list("pk", flat=True))
    person_ids = list(selectors.candidates(consultant, today).values_list("pk", flat=True))
    if not opening_ids or not person_ids:
        return None
    started = timezone.make_aware(
        datetime.combine(today - timedelta(days=1), time(9, 30)), timezone.get_default_timezone()
    )
    run = MatchingRun.objects.create(
        municipality=municipality,
        created_by=consultant,
        created_at=started,
        opening_ids=opening_ids,
        person_ids=person_ids,
        parameters=inputs.parameters(municipality.pk),
    )
    audit.log(
        actor=consultant,
        action=AuditAction.CREATE,
        obj=run,
        changes={"openings": [None, len(opening_ids)], "persons": [None, len(person_ids)]},
    )
    runs.execute(run.pk)
    run.refresh_from_db()
    return run
