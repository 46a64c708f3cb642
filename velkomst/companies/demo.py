"""Demo data for PRG-4: local companies (plausible Danish names, valid CVR numbers made with the
modulus-11 check digit, DB07 industries), contact persons, a branchepakke with its steps,
openings, proposals of some adults with answers and results, and a speed-dating event with
invitations and meetings. Deterministic for a given ``rng``; the loader (velkomst.demodata)
calls ``install_demo`` with its own generator, and bench/generate.py uses ``company_rows`` for
20,000 persons."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from velkomst.core.cvr import random_cvr as valid_cvr
from velkomst.core.models import Municipality, StaffUser
from velkomst.housing.models import Area
from velkomst.people.models import Person

from . import letters, services
from .models import (
    Company,
    CompanyAnswer,
    EventInvitation,
    EventMeeting,
    Opening,
    OpeningStatus,
    Proposal,
    ProposalResult,
)

# (name, DB07 industry, opening title, opening kind, DISCO-08 trade, Danish level, skills)
COMPANIES: list[tuple[str, str, str, str, str, str, list[str]]] = [
    (
        "{town} Tømrer og Snedker ApS",
        "433200",
        "Tømrerhjælper",
        "internship",
        "7115",
        "A2",
        ["værktøj", "samarbejde"],
    ),
    (
        "Netto, {town}",
        "471100",
        "Butiksmedhjælper",
        "language_internship",
        "5223",
        "A1",
        ["kundeservice", "varepåfyldning"],
    ),
    (
        "{town} Plejecenter",
        "873000",
        "Social- og sundhedshjælper",
        "wage_subsidy",
        "5322",
        "B1",
        ["omsorg", "hygiejne"],
    ),
    (
        "Bageriet ved Torvet",
        "107100",
        "Bagermedhjælper",
        "igu",
        "7512",
        "A2",
        ["bagning", "tidlige vagter"],
    ),
    ("{town} Rengøring A/S", "812100", "Rengøringsassistent", "job", "9112", "A1", ["rengøring"]),
    (
        "Havnens Fiskeindustri",
        "102000",
        "Fabriksarbejder",
        "internship",
        "9329",
        "none",
        ["truckcertifikat", "samlebånd"],
    ),
    ("{town} Auto", "452000", "Mekanikerhjælper", "internship", "7231", "A2", ["bilmekanik"]),
    (
        "Kroen i {town}",
        "561010",
        "Køkkenmedhjælper",
        "wage_subsidy",
        "9412",
        "A1",
        ["køkken", "opvask"],
    ),
]
STREETS = ["Havnegade", "Storegade", "Industrivej", "Torvet", "Stationsvej", "Erhvervsvej"]


def company_rows(rng: random.Random, town: str, count: int) -> list[dict[str, Any]]:
    """``count`` companies' values (for ``services.company_create`` or a bulk insert)."""
    rows, seen = [], set()
    for i in range(count):
        name, industry, *_ = COMPANIES[i % len(COMPANIES)]
        cvr = valid_cvr(rng)
        while cvr in seen:
            cvr = valid_cvr(rng)
        seen.add(cvr)
        suffix = "" if i < len(COMPANIES) else f" {i // len(COMPANIES) + 1}"
        rows.append(
            {
                "name": name.format(town=town) + suffix,
                "cvr": cvr,
                "industry": industry,
                "address": f"{rng.choice(STREETS)} {rng.randint(1, 80)}, {town}",
            }
        )
    return rows


def opening_values(i: int, rng: random.Random, start: date) -> dict[str, Any]:
    _, _, title, kind, trade, danish, skills = COMPANIES[i % len(COMPANIES)]
    return {
        "kind": kind,
        "title": title,
        "trade": trade,
        "danish_required": danish,
        "skills": list(skills),
        "hours_per_week": rng.choice([15, 20, 25, 30, 37]),
        "start_on": start + timedelta(days=7 * rng.randint(1, 12)),
        "places": rng.choice([1, 1, 2, 3]),
        "description": "",
    }


def install_demo(
    municipality: Municipality,
    consultant: StaffUser,
    areas: list[Area],
    adults: list[Person],
    rng: random.Random,
    today: date,
) -> None:
    """Companies, openings, proposals and an event for the municipality."""
    town = municipality.name
    companies = []
    for values in company_rows(rng, town, len(COMPANIES)):
        area = rng.choice(areas) if areas else None
        companies.append(services.company_create(actor=consultant, area=area, **values))
    first = companies[0]
    services.contact_create(actor=consultant, company=first, name="Jens Mester", role="Ejer")
    for company in companies[1:]:
        services.contact_create(
            actor=consultant, company=company, name="Mette Holm", role="HR-ansvarlig"
        )
    agreement = services.agreement_create(
        actor=consultant,
        company=companies[2],
        kind="branchepakke",
        title="Branchepakke for social- og sundhedsområdet",
        valid_from=today - timedelta(days=120),
        steps=["Introduktion og sprogpraktik", "Virksomhedspraktik", "Løntilskud", "Ordinært job"],
    )
    step = agreement.steps.order_by("position").first()
    if step is not None:
        services.step_done(actor=consultant, step=step, done_on=today - timedelta(days=60))
    services.agreement_create(
        actor=consultant,
        company=first,
        kind="partnership",
        title="Partnerskab om praktikpladser",
        valid_from=today - timedelta(days=365),
    )
    openings = [
        services.opening_create(
            actor=consultant,
            company=company,
            area=company.area,
            **opening_values(i, rng, today - timedelta(days=60)),
        )
        for i, company in enumerate(companies)
    ]
    _proposals(municipality, consultant, openings, adults, rng, today)
    _event(municipality, consultant, companies, adults, rng, today)


def _proposals(
    municipality: Municipality,
    consultant: StaffUser,
    openings: list[Opening],
    adults: list[Person],
    rng: random.Random,
    today: date,
) -> None:
    """Some adults proposed to openings: pending, declined, accepted and started or not (written
    directly: the demo's job consultant need not work with every household)."""
    chosen = rng.sample(adults, min(len(adults), 2 * len(openings)))
    started: dict[int, int] = {}
    rows = []
    for i, person in enumerate(chosen):
        opening = openings[i % len(openings)]
        proposed = today - timedelta(days=rng.randint(5, 50))
        row = Proposal(
            municipality=municipality,
            opening=opening,
            person=person,
            proposed_on=proposed,
            proposed_by=consultant,
        )
        outcome = rng.random()
        if outcome > 0.3:
            row.answered_on = proposed + timedelta(days=rng.randint(1, 4))
            if outcome > 0.55:
                row.company_answer = CompanyAnswer.ACCEPTED
                if started.get(opening.pk, 0) < opening.places and outcome > 0.7:
                    row.result = ProposalResult.STARTED
                    row.result_on = row.answered_on + timedelta(days=3)
                    started[opening.pk] = started.get(opening.pk, 0) + 1
                elif outcome > 0.65:
                    row.result = ProposalResult.NOT_STARTED
                    row.result_on = row.answered_on + timedelta(days=3)
                    row.result_reason = "Personen fik et andet tilbud"
            else:
                row.company_answer = CompanyAnswer.DECLINED
                row.answer_reason = "For lidt dansk til opgaverne"
        rows.append(row)
    Proposal.objects.bulk_create(rows)
    for opening in openings:
        if started.get(opening.pk, 0) >= opening.places:
            opening.refresh_from_db()
            services.opening_update(
                actor=consultant,
                opening=opening,
                expected_version=opening.version,
                status=OpeningStatus.FILLED,
            )


def _event(
    municipality: Municipality,
    consultant: StaffUser,
    companies: list[Company],
    adults: list[Person],
    rng: random.Random,
    today: date,
) -> None:
    event = services.event_create(
        actor=consultant,
        name=f"Speed-dating med virksomheder i {municipality.name}",
        held_on=today + timedelta(days=21),
        place="Rådhusets festsal",
        companies=companies[:5],
    )
    past = services.event_create(
        actor=consultant,
        name="Jobmesse for nye borgere",
        held_on=today - timedelta(days=30),
        place="Biblioteket",
        companies=companies[2:6],
    )
    invited = rng.sample(adults, min(len(adults), 12))
    EventInvitation.objects.bulk_create(
        EventInvitation(
            municipality=municipality,
            event=e,
            person=person,
            invited_on=e.held_on - timedelta(days=14),
            letter_language=letters.language_for(person),
            attended=("yes" if rng.random() < 0.7 else "no") if e is past else "unknown",
        )
        for i, person in enumerate(invited)
        for e in ([event] if i % 2 else [event, past])
    )
    outcomes = ["none", "follow_up", "internship_offered", "job_offered"]
    EventMeeting.objects.bulk_create(
        EventMeeting(
            municipality=municipality,
            event=past,
            person=person,
            company=rng.choice(companies[2:6]),
            outcome=rng.choice(outcomes),
        )
        for i, person in enumerate(invited)
        if i % 2 == 0
    )
