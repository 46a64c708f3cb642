"""Demo consents (COO-4): most adults agree to contact from volunteers, many to sharing their
plan and contact details with the job centre and the volunteer centre, some to contact from
associations; a few have withdrawn a consent, a few gave it orally with a note."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from velkomst.core.models import Municipality, Role, StaffUser, Unit, UnitKind
from velkomst.people.models import Person

from .models import Consent, Method, Purpose

BATCH = 1000
ORAL_NOTE = "Borgeren sagde ja ved samtalen med tolk; forklaret på borgerens eget sprog."
# (purpose, share of adults, the unit kinds that receive it)
PLAN: list[tuple[str, float, tuple[str, ...]]] = [
    (Purpose.CONTACT_VOLUNTEER, 0.7, ()),
    (Purpose.CONTACT_ASSOCIATION, 0.45, ()),
    (Purpose.SHARE_CONTACT, 0.6, (UnitKind.JOBCENTRE, UnitKind.VOLUNTEER_CENTRE)),
    (Purpose.SHARE_PLAN, 0.5, (UnitKind.JOBCENTRE, UnitKind.LANGUAGE_CENTRE)),
    (Purpose.SHARE_CHILDREN, 0.3, (UnitKind.SCHOOL, UnitKind.DAYCARE)),
]


def install_demo(
    municipality: Municipality, by_role: dict[str, StaffUser], rng: random.Random, today: date
) -> Counter[str]:
    caseworker = by_role[Role.CASEWORKER]
    units = {u.kind: u for u in Unit.objects.filter(municipality=municipality)}
    adult_born = date(today.year - 18, today.month, min(today.day, 28))
    adults = list(
        Person.objects.filter(
            municipality=municipality, birth_date__lte=adult_born, case__takeover_date__lte=today
        )
        .order_by("pk")
        .values_list("pk", "case__takeover_date")
    )
    tz = timezone.get_current_timezone()
    rows: list[Consent] = []
    receivers: list[tuple[str, ...]] = []
    for pk, takeover in adults:
        given = min(today, takeover + timedelta(days=rng.randint(0, 30)))
        oral = rng.random() < 0.1
        for purpose, share, kinds in PLAN:
            if rng.random() >= share:
                continue
            withdrawn = None
            if rng.random() < 0.06 and given < today:
                day = given + timedelta(days=rng.randint(1, max(1, (today - given).days)))
                withdrawn = timezone.make_aware(datetime.combine(day, time(10, 0)), tz)
            rows.append(
                Consent(
                    municipality=municipality,
                    person_id=pk,
                    purpose=purpose,
                    given_on=given,
                    method=Method.ORAL if oral else Method.SIGNED,
                    note=ORAL_NOTE if oral else "",
                    recorded_by=caseworker,
                    withdrawn_at=withdrawn,
                    withdrawn_by=caseworker if withdrawn else None,
                )
            )
            receivers.append(kinds)
    made = Consent.objects.bulk_create(rows, batch_size=BATCH)
    Through = Consent.units.through
    Through.objects.bulk_create(
        [
            Through(consent_id=consent.pk, unit_id=units[kind].pk)
            for consent, kinds in zip(made, receivers, strict=True)
            for kind in kinds
            if kind in units
        ],
        batch_size=BATCH,
    )
    return Counter({"consents": len(made)})
