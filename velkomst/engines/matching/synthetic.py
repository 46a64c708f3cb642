"""Synthetic openings and persons for the benchmark and the property tests (deterministic)."""

from __future__ import annotations

import random

from .model import Opening, Seeker

# a few DISCO-08 unit groups and their neighbours (cleaners, kitchen helpers, cooks, drivers,
# care workers, warehouse, construction, shop, gardeners, mechanics)
TRADES = (
    "9112",
    "9111",
    "9412",
    "5120",
    "5131",
    "8322",
    "8331",
    "5322",
    "5321",
    "9333",
    "9321",
    "7112",
    "7115",
    "9313",
    "5223",
    "5230",
    "6113",
    "9214",
    "7231",
    "7233",
)
SKILLS = tuple(
    "truck driving_licence forklift hygiene customer_service it_basic first_aid lifting "
    "cash_register cooking cleaning_machines welding painting".split()
)


def areas(n: int) -> tuple[list[int], dict[tuple[int, int], int]]:
    """``n`` areas on a line, travel 10 min within one and 12 min per step between."""
    ids = list(range(1, n + 1))
    travel = {(a, b): 10 + 12 * abs(a - b) for a in ids for b in ids}
    return ids, travel


def seekers(n: int, area_ids: list[int], seed: int = 1) -> list[Seeker]:
    rng = random.Random(f"{seed}-seekers")
    out = []
    for i in range(n):
        trades = tuple(rng.sample(TRADES, rng.randint(0, 3)))
        experience = {
            t: round(rng.uniform(0.2, 8), 1) for t in rng.sample(TRADES, rng.randint(0, 2))
        }
        limited = rng.random() < 0.15
        out.append(
            Seeker(
                id=i + 1,
                trades=trades,
                experience=experience,
                danish=rng.choice((0, 1, 1, 2, 2, 2, 3, 3, 4, 5)),
                skills=frozenset(rng.sample(SKILLS, rng.randint(0, 4))),
                area_id=rng.choice(area_ids) if rng.random() < 0.95 else None,
                max_hours=rng.choice((15.0, 20.0, 25.0)) if limited else None,
                hours_reason="childcare" if limited else "",
            )
        )
    return out


def openings(n: int, area_ids: list[int], seed: int = 1) -> list[Opening]:
    rng = random.Random(f"{seed}-openings")
    return [
        Opening(
            id=i + 1,
            trade=rng.choice(TRADES),
            danish_required=rng.choice((0, 0, 1, 2, 2, 3, 4)),
            skills=frozenset(rng.sample(SKILLS, rng.randint(0, 3))),
            hours_per_week=rng.choice((15.0, 20.0, 25.0, 30.0, 37.0)),
            area_id=rng.choice(area_ids),
            places=rng.choice((1, 1, 1, 2, 3)),
        )
        for i in range(n)
    ]
