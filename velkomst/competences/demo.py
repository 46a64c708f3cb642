"""Demo data for competences (PRG-3): a profile for most adults, deterministic from the given
random generator. Education, languages (their own at C2, Danish by how long they have been
here, sometimes English), skills, driving licence and IT level; work history (a trade in words
with employer, country and years) and trades of interest in words for most adults from 22, and
recognition applications. A trade carries its ISCO-08 code only where the installed code list
has it (no code is written without the list); the words and everything else are the same
whether or not the list is installed.

Written with ``bulk_create`` and without audit rows, like the large benchmark data
(``bench/generate.py`` calls the same ``install_demo``): the rows are the demo's history, not
anyone's work.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, NamedTuple

from django.db import models

from velkomst.people.levels import CefrLevel
from velkomst.people.models import Person, PersonLanguage

from . import occupations
from .models import (
    CompetenceProfile,
    EducationLevel,
    EducationRecord,
    ItLevel,
    LanguageSkill,
    QualificationRecognition,
    RecognitionResult,
    Skill,
    TradeInterest,
    WorkExperience,
)

ADULT = 18
BATCH = 2000
FIELDS = {
    EducationLevel.UPPER_SECONDARY: ["Elektriker", "Tømrer", "Frisør", "Handel", "Gymnasium"],
    EducationLevel.SHORT_TERTIARY: ["Laborant", "Regnskab", "It-support"],
    EducationLevel.BACHELOR: ["Byggeteknik", "Sygepleje", "Lærer", "Økonomi", "Engelsk"],
    EducationLevel.MASTER: ["Medicin", "Maskiningeniør", "Jura"],
}
SKILLS = [
    "Svejsning",
    "Truckcertifikat",
    "Kundeservice",
    "Madlavning",
    "Rengøring",
    "Syning",
    "Murerarbejde",
    "Regneark",
    "Børnepasning",
    "Lager",
    "Maling",
    "Landbrug",
]


class Trade(NamedTuple):
    words: str  # as a caseworker writes it down
    code: str  # its ISCO-08 unit group (written only where the installed list has it)
    employers: tuple[str, ...] = ()


# work the adults have done before they came (each code once across both lists)
WORKED = (
    Trade("Skrædder", "7531", ("Eget skrædderværksted", "Tekstilfabrik", "Systue")),
    Trade("Buschauffør", "8331", ("Det kommunale busselskab", "Rutebilselskab")),
    Trade("Sygeplejerske", "2221", ("Statshospital", "Privatklinik", "Sundhedscenter")),
    Trade("Elektriker", "7411", ("Byggefirma", "Elinstallatør", "Eget firma")),
    Trade("Kok", "5120", ("Restaurant", "Hotel", "Kantine på universitetet")),
    Trade("Skolelærer", "2341", ("Folkeskole", "Privatskole")),
    Trade("Landmand", "6130", ("Familiens landbrug", "Landbrugskooperativ")),
    Trade("Frisør", "5141", ("Egen salon", "Frisørsalon")),
    Trade("Tømrer", "7115", ("Byggefirma", "Møbelsnedkeri")),
    Trade("Svejser", "7212", ("Metalværksted", "Skibsværft")),
    Trade("Taxachauffør", "8322", ("Taxiselskab", "Selvstændig")),
    Trade("Automekaniker", "7231", ("Autoværksted", "Eget værksted")),
    Trade("Bager", "7512", ("Bageri", "Familiens bageri")),
    Trade("Butiksassistent", "5223", ("Supermarked", "Tøjbutik", "Familiens butik")),
    Trade("Murer", "7112", ("Byggefirma", "Entreprenør")),
    Trade("Bogholder", "4311", ("Revisionsfirma", "Handelsfirma")),
)
# trades wished for here besides the one they had
WISHED = (
    Trade("Social- og sundhedshjælper", "5322"),
    Trade("Lagerarbejder", "9333"),
    Trade("Rengøringsassistent", "9112"),
    Trade("Pædagogmedhjælper", "5311"),
    Trade("Lastbilchauffør", "8332"),
    *WORKED,
)
LEVEL_WEIGHTS = [
    (EducationLevel.LESS_THAN_PRIMARY, 8),
    (EducationLevel.PRIMARY, 14),
    (EducationLevel.LOWER_SECONDARY, 22),
    (EducationLevel.UPPER_SECONDARY, 26),
    (EducationLevel.SHORT_TERTIARY, 6),
    (EducationLevel.BACHELOR, 17),
    (EducationLevel.MASTER, 6),
    (EducationLevel.DOCTORAL, 1),
]


def _danish(rng: random.Random, months_here: int) -> str:
    """Danish after some months: A1 early, up to B1/B2 after two to three years."""
    if months_here < 3:
        return rng.choice([CefrLevel.NONE, CefrLevel.A1])
    if months_here < 12:
        return rng.choice([CefrLevel.A1, CefrLevel.A1, CefrLevel.A2])
    if months_here < 24:
        return rng.choice([CefrLevel.A2, CefrLevel.A2, CefrLevel.B1])
    return rng.choice([CefrLevel.A2, CefrLevel.B1, CefrLevel.B1, CefrLevel.B2])


def _code(trade: Trade) -> str:
    """The trade's code where the installed list has it, else "" (recorded in words)."""
    return trade.code if occupations.is_occupation(trade.code) else ""


def install_demo(municipality_id: int, rng: random.Random, reference_date: date) -> Counter[str]:
    """Profiles for about nine in ten adults of the municipality; returns rows per table."""
    adults = list(
        Person.objects.filter(
            municipality_id=municipality_id,
            birth_date__lte=reference_date.replace(year=reference_date.year - ADULT),
        )
        .select_related("household")
        .order_by("pk")
        .values_list("pk", "birth_date", "nationality", "household__arrival_date")
    )
    own = dict(
        PersonLanguage.objects.filter(person__municipality_id=municipality_id, proficiency="native")
        .order_by("person_id", "language")
        .values_list("person_id", "language")
    )
    rows: dict[type[models.Model], list[Any]] = {
        model: []
        for model in (
            CompetenceProfile,
            EducationRecord,
            WorkExperience,
            QualificationRecognition,
            TradeInterest,
            LanguageSkill,
            Skill,
        )
    }
    base = {"municipality_id": municipality_id}
    for pk, born, nationality, arrival in adults:
        if rng.random() < 0.1:
            continue
        country = nationality if nationality and len(nationality) == 2 else "SY"
        age = reference_date.year - born.year
        months_here = ((reference_date - arrival).days // 30) if arrival else 0
        level = rng.choices([lv for lv, _ in LEVEL_WEIGHTS], [w for _, w in LEVEL_WEIGHTS])[0]
        end = min(born.year + 7 + 2 * int(level) + rng.randint(2, 5), reference_date.year - 1)
        rows[EducationRecord].append(
            EducationRecord(
                **base,
                person_id=pk,
                level=level,
                field=rng.choice(FIELDS.get(level, ["Grundskole"])),
                country=country,
                start_year=max(end - rng.randint(2, 5), born.year + 6),
                end_year=end,
                diploma_held=rng.random() < 0.6,
            )
        )
        rows[LanguageSkill].append(
            LanguageSkill(**base, person_id=pk, language=own.get(pk, "ar"), level=CefrLevel.C2)
        )
        if own.get(pk) != "da":
            rows[LanguageSkill].append(
                LanguageSkill(**base, person_id=pk, language="da", level=_danish(rng, months_here))
            )
        if rng.random() < 0.3 and own.get(pk) != "en":
            rows[LanguageSkill].append(
                LanguageSkill(
                    **base,
                    person_id=pk,
                    language="en",
                    level=rng.choice([CefrLevel.A2, CefrLevel.B1, CefrLevel.B2]),
                )
            )
        for tag in rng.sample(SKILLS, rng.randint(0, 3)):
            rows[Skill].append(Skill(**base, person_id=pk, tag=tag))
        licences = ["B"] if rng.random() < 0.35 else []
        if licences and rng.random() < 0.2:
            licences.append("C")
        rows[CompetenceProfile].append(
            CompetenceProfile(
                **base,
                person_id=pk,
                driving_licences=licences,
                it_level=rng.choice(ItLevel.values),
            )
        )
        if age >= 22 and rng.random() < 0.7:
            worked = rng.sample(WORKED, rng.randint(1, 2))
            most = max(age - 16, 1)
            for trade in worked:
                rows[WorkExperience].append(
                    WorkExperience(
                        **base,
                        person_id=pk,
                        title=trade.words,
                        occupation=_code(trade),
                        employer=rng.choice(trade.employers),
                        country=country,
                        years=Decimal(rng.randint(1, min(most, 12) * 2)) / 2,
                        end_year=max(born.year + 20, reference_date.year - rng.randint(1, 4)),
                    )
                )
            wishes = {t.words: t for t in [worked[0], *rng.sample(WISHED, 2)]}
            for priority, trade in enumerate(wishes.values(), start=1):
                rows[TradeInterest].append(
                    TradeInterest(
                        **base,
                        person_id=pk,
                        title=trade.words,
                        occupation=_code(trade),
                        priority=priority,
                    )
                )
        if int(level) >= 5 and arrival and rng.random() < 0.4:
            applied = min(arrival + timedelta(days=rng.randint(60, 300)), reference_date)
            decided = applied + timedelta(days=rng.randint(40, 120))
            result = rng.choice(
                [RecognitionResult.RECOGNISED, RecognitionResult.PARTLY, RecognitionResult.REFUSED]
            )
            pending = decided > reference_date
            rows[QualificationRecognition].append(
                QualificationRecognition(
                    **base,
                    person_id=pk,
                    qualification=f"{level.label}".split(" (")[0],
                    authority="Uddannelses- og Forskningsstyrelsen",
                    applied_on=applied,
                    result=RecognitionResult.PENDING if pending else result,
                    decided_on=None if pending else decided,
                )
            )
    counts: Counter[str] = Counter()
    for model, items in rows.items():
        model._default_manager.bulk_create(items, batch_size=BATCH)
        counts[str(model._meta.model_name)] += len(items)
    return counts
