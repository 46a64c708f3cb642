"""Deterministic synthetic batches for the placement tests and benchmark.

``generate(households=500, dwellings=1000, areas=30, seed=2026)``: one municipality's areas
(a few vulnerable, some with a youth environment, caps as a share of the area's households,
refugee households and language groups already living there), dwellings of every type with
rooms, rent, availability, step-free access and travel times, and households (singles,
students, couples, families of up to seven) with rent limits, needed-by dates, languages,
nationalities, a few workplaces and wished-for areas. Same arguments, same batch.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, replace
from datetime import date, timedelta

from .model import Area, Dwelling, DwellingType, Household

LANGUAGES = ("ar", "ti", "so", "prs", "fa", "uk", "ku", "am", "ps", "ckb", "tr", "sw")
LANGUAGE_WEIGHTS = (30, 15, 8, 12, 6, 18, 8, 3, 3, 2, 2, 1)
NATIONALITIES = {
    "ar": ("Syrien", "Irak", "Sudan"),
    "ti": ("Eritrea",),
    "so": ("Somalia",),
    "prs": ("Afghanistan",),
    "fa": ("Iran", "Afghanistan"),
    "uk": ("Ukraine",),
    "ku": ("Syrien", "Irak"),
    "am": ("Etiopien",),
    "ps": ("Afghanistan",),
    "ckb": ("Irak",),
    "tr": ("Tyrkiet",),
    "sw": ("DR Congo",),
}
PLACES = ("Vestas Lem", "Erhvervsskolen", "Sygehuset")
TYPES = (
    (DwellingType.PERMANENT, 35),
    (DwellingType.TEMPORARY, 20),
    (DwellingType.PRIVATE_HOST, 10),
    (DwellingType.SHARED, 10),
    (DwellingType.YOUTH, 10),
    (DwellingType.CONVERTED, 15),
)
START = date(2026, 2, 1)


@dataclass(frozen=True)
class Batch:
    households: list[Household]
    dwellings: list[Dwelling]
    areas: list[Area]


def _areas(rng: random.Random, n: int, n_households: int) -> list[Area]:
    out = []
    per_area = max(1, round(0.9 * n_households / max(1, n)))
    for i in range(n):
        total = rng.randint(800, 6000)
        share = rng.choice((0.015, 0.02, 0.025, 0.03))
        cap = int(share * total)
        headroom = max(0, rng.randint(per_area // 3, per_area * 5 // 3 + 1))
        if rng.random() < 0.1:
            headroom = 0  # already at (or over) the cap
        existing = max(0, cap - headroom + (rng.randint(0, 5) if headroom == 0 else 0))
        # each area has a few of the languages only: small groups must cluster to have company
        weights = [w * rng.random() * (rng.random() < 0.4) for w in LANGUAGE_WEIGHTS]
        by_language: dict[str, int] = {}
        if sum(weights) > 0:
            for lang in rng.choices(LANGUAGES, weights=weights, k=existing):
                by_language[lang] = by_language.get(lang, 0) + 1
        by_nationality: dict[str, int] = {}
        for lang, count in by_language.items():
            nat = NATIONALITIES[lang][0]
            by_nationality[nat] = by_nationality.get(nat, 0) + count
        out.append(
            Area(
                id=f"A{i + 1:02d}",
                name=f"Område {i + 1}",
                vulnerable=rng.random() < 0.07,
                youth_environment=rng.random() < 0.2,
                existing_refugee_households=existing,
                existing_by_language=by_language,
                existing_by_nationality=by_nationality,
                max_share=share,
                households_total=total,
            )
        )
    return out


def _dwellings(rng: random.Random, n: int, areas: list[Area]) -> list[Dwelling]:
    types = [t for t, _ in TYPES]
    type_weights = [w for _, w in TYPES]
    area_weights = [a.households_total or 1 for a in areas]
    out = []
    for i in range(n):
        area = rng.choices(areas, weights=area_weights)[0]
        kind = rng.choices(types, weights=type_weights)[0]
        rooms = rng.choices((1, 2, 3, 4, 5), weights=(20, 30, 28, 15, 7))[0]
        if kind == DwellingType.YOUTH:
            rooms = rng.choice((1, 1, 2))
        rent = round((1800 + 900 * rooms) * rng.uniform(0.8, 1.3), -1)
        travel = {
            key: rng.randint(lo, hi)
            for key, lo, hi in (
                ("school", 3, 40),
                ("daycare", 2, 35),
                ("transport", 1, 25),
                ("shops", 2, 30),
            )
            if rng.random() > 0.05
        }
        out.append(
            Dwelling(
                id=f"D{i + 1:05d}",
                area_id=area.id,
                type=kind,
                rooms=rooms,
                size_m2=float(25 + 22 * rooms + rng.randint(-8, 15)),
                rent=int(rent),
                utilities=rng.randrange(400, 1200, 50),
                available_from=START + timedelta(days=rng.randint(0, 120)),
                step_free=rng.random() < 0.25,
                travel_minutes=travel,
                travel_to={p: rng.randint(5, 60) for p in PLACES},
            )
        )
    return out


def _households(rng: random.Random, n: int, areas: list[Area]) -> list[Household]:
    out = []
    for i in range(n):
        kind = rng.choices(("single", "couple", "family"), weights=(40, 10, 50))[0]
        adults = 1 if kind == "single" else rng.choice((1, 2, 2, 2)) if kind == "family" else 2
        children = (
            rng.choices((1, 2, 3, 4, 5), weights=(25, 30, 25, 13, 7))[0] if kind == "family" else 0
        )
        size = adults + children
        lang = rng.choices(LANGUAGES, weights=LANGUAGE_WEIGHTS)[0]
        out.append(
            Household(
                id=f"H{i + 1:05d}",
                size=size,
                adults=adults,
                children=children,
                rooms_needed=1 + math.ceil(children / 2),
                max_rent=int(round((3800 + 1250 * size) * rng.uniform(0.85, 1.2), -2)),
                needed_by=START + timedelta(days=rng.randint(20, 150)),
                step_free=rng.random() < 0.05,
                is_student=kind == "single" and rng.random() < 0.3,
                language=lang,
                nationality=rng.choice(NATIONALITIES[lang]),
                target_place=rng.choice(PLACES) if rng.random() < 0.15 else None,
                wishes_area=rng.choice(areas).id if rng.random() < 0.1 else None,
            )
        )
    return out


def generate(
    households: int = 500, dwellings: int = 1000, areas: int = 30, seed: int = 2026
) -> Batch:
    rng = random.Random(seed)
    area_list = _areas(rng, areas, households)
    return Batch(
        households=_households(rng, households, area_list),
        dwellings=_dwellings(rng, dwellings, area_list),
        areas=area_list,
    )


SMALL_NATIONALITY = ("rn", "Burundi")  # Kirundi: nobody of theirs lives in the municipality yet
TODAY = date(2026, 6, 1)  # the municipality-size batch's run day


def generate_municipality(
    households: int = 400, dwellings: int = 420, areas: int = 30, seed: int = 2026
) -> Batch:
    """A municipality-size batch where the rules bind: ``generate``'s areas, dwellings and
    households, with tight rents (the households' limits 0.75-1.0 of ``generate``'s, so a
    dwelling fits fewer of them), exactly two vulnerable areas, caps of a few households per
    area, and a small nationality (``SMALL_NATIONALITY``, 5 households, nobody of theirs living
    anywhere) that can only be placed together. A third of the households have waited:
    needed-by dates before ``TODAY``, or in temporary housing since before it."""
    batch = generate(households, dwellings, areas, seed)
    rng = random.Random(seed + 1)
    vulnerable = set(rng.sample(range(len(batch.areas)), 2))
    area_list = []
    for i, area in enumerate(batch.areas):
        cap = area.existing_refugee_households + rng.randint(2, 12)
        area_list.append(
            replace(
                area,
                vulnerable=i in vulnerable,
                max_refugee_households=cap,
                max_share=None,
                households_total=None,
            )
        )
    out = []
    small = set(rng.sample(range(households), min(5, households)))
    for i, h in enumerate(batch.households):
        values: dict[str, object] = {
            "max_rent": int(round((h.max_rent or 0) * rng.uniform(0.75, 1.0), -2))
        }
        waited = rng.random()
        if waited < 0.15:
            values["needed_by"] = TODAY - timedelta(days=rng.randint(10, 200))
        elif waited < 0.33:
            values["needed_by"] = TODAY - timedelta(days=rng.randint(0, 60))
            values["temporary_since"] = TODAY - timedelta(days=rng.randint(60, 300))
        else:
            values["needed_by"] = TODAY + timedelta(days=rng.randint(0, 90))
        if i in small:
            values["language"], values["nationality"] = SMALL_NATIONALITY
        out.append(replace(h, **values))  # type: ignore[arg-type]
    shifted = [
        replace(d, available_from=TODAY + timedelta(days=rng.randint(-30, 90)))
        for d in batch.dwellings
    ]
    return Batch(households=out, dwellings=shifted, areas=area_list)
