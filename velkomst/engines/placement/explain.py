"""Reasons in words (HOU-3): each suggestion says why, in words a housing officer can check.

Reasons are built as data (``Reason(code, params)``) and rendered per language code: Danish
("da", the default) and English ("en"); an unknown code falls back to Danish. No gettext: the
engine is plain Python, and the caller stores the data if it wants another language later.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import numpy as np

from velkomst.people import codes

from .model import Area, Dwelling, DwellingType, Household, Reason, Weights
from .rules import RULES, Instance, Rule, need_day, rule_matrices, waited_days
from .scoring import Evaluation, area_counts, is_permanent, is_temporary

MONTHS = {
    "da": (
        "januar februar marts april maj juni juli august september oktober november december"
    ).split(),
    "en": (
        "January February March April May June July August September October November December"
    ).split(),
}

PLACES = {
    "da": {
        "school": "skole",
        "daycare": "dagtilbud",
        "transport": "offentlig transport",
        "shops": "indkøb",
    },
    "en": {
        "school": "school",
        "daycare": "daycare",
        "transport": "public transport",
        "shops": "shops",
    },
}

TYPES = {
    "da": {
        DwellingType.TEMPORARY: "midlertidig bolig",
        DwellingType.PERMANENT: "permanent bolig",
        DwellingType.PRIVATE_HOST: "privat indkvartering",
        DwellingType.SHARED: "delebolig",
        DwellingType.YOUTH: "ungdomsbolig",
        DwellingType.CONVERTED: "ombygget institution",
    },
    "en": {
        DwellingType.TEMPORARY: "temporary housing",
        DwellingType.PERMANENT: "permanent housing",
        DwellingType.PRIVATE_HOST: "private lodging with a host",
        DwellingType.SHARED: "shared housing",
        DwellingType.YOUTH: "youth housing",
        DwellingType.CONVERTED: "a converted institution",
    },
}

TEXTS: dict[str, dict[str, str]] = {
    "da": {
        "fit": "{rooms_text} og {m2} m² til {size_text} (behov: {rooms_needed_text})",
        "cost": "{cost} kr. om måneden inkl. forbrug; grænsen er {max_rent} kr.",
        "cost_no_limit": "{cost} kr. om måneden inkl. forbrug",
        "available": "Ledig fra {available}; behov senest {needed_by}",
        "available_now": "Ledig fra {available}; behov nu (datoen {needed_by} er passeret)",
        "waited_temporary": "Har ventet {days} dage i midlertidig bolig",
        "waited_needed_by": "Har ventet {days} dage efter den dato, husstanden skulle have bolig",
        "step_free": "Trinfri bolig, som husstanden har brug for",
        "family_permanent": "Familie med børn i permanent bolig",
        "family_not_permanent": "Familie med børn, men ikke i permanent bolig ({type})",
        "temporary": "Midlertidig løsning ({type}): husstanden skal flytte igen",
        "travel": "{minutes} min. til {place}",
        "travel_unknown": "Ingen oplysning om tid til {place}",
        "travel_target": "{minutes} min. til arbejde eller uddannelse ({place})",
        "travel_target_unknown": "Ingen oplysning om tid til arbejde eller uddannelse ({place})",
        "youth_dwelling": "Ungdomsbolig til en studerende",
        "youth_area": "Området har et ungdomsmiljø",
        "no_youth": "Studerende, men hverken ungdomsbolig eller ungdomsmiljø",
        "wish": "Husstanden har ønsket området",
        "not_wish": "Husstanden har ønsket et andet område",
        "company": "{others_text} taler {group} i området ({existing} bor der i forvejen)",
        "company_nat": "{others_text} fra {group} i området ({existing} bor der i forvejen)",
        "alone": (
            "Kun {others_text} taler {group} i området ({existing} bor der i forvejen); "
            "målet er mindst {k}"
        ),
        "alone_nat": (
            "Kun {others_text} fra {group} i området ({existing} bor der i forvejen); "
            "målet er mindst {k}"
        ),
        "spread": "Området har {count} flygtningehusstande med forslagene; grænsen er {cap}",
        "spread_over": (
            "Området får {count} flygtningehusstande med forslagene; grænsen er {cap} ({over} over)"
        ),
        "spread_no_cap": "Området har {count} flygtningehusstande med forslagene (ingen grænse)",
        "no_dwellings": "Der er ingen boliger i puljen",
        "no_candidates": "Ingen bolig {requirements}",
        "blocked_counts": "Af de {total} boliger {counts}",
        "near_miss": "{n} boliger fejler kun på {rule}",
        "near_miss_1": "1 bolig fejler kun på {rule}",
        "taken": "{n} boliger opfylder kravene, men foreslås til andre husstande",
        "taken_1": "1 bolig opfylder kravene, men foreslås til en anden husstand",
        "taken_cap": (
            "{n} ledige boliger opfylder kravene, men ligger i områder, hvor grænsen for "
            "flygtningehusstande er nået"
        ),
        "taken_cap_1": (
            "1 ledig bolig opfylder kravene, men ligger i et område, hvor grænsen for "
            "flygtningehusstande er nået"
        ),
        "alone_rule": (
            "{n} ledige boliger opfylder kravene, men husstanden ville dér have færre end {k} "
            "andre husstande, der taler {group}; det er en fast regel i kommunen"
        ),
        "alone_rule_1": (
            "1 ledig bolig opfylder kravene, men husstanden ville dér have færre end {k} "
            "andre husstande, der taler {group}; det er en fast regel i kommunen"
        ),
        "alone_rule_nat": (
            "{n} ledige boliger opfylder kravene, men husstanden ville dér have færre end {k} "
            "andre husstande fra {group}; det er en fast regel i kommunen"
        ),
        "alone_rule_nat_1": (
            "1 ledig bolig opfylder kravene, men husstanden ville dér have færre end {k} "
            "andre husstande fra {group}; det er en fast regel i kommunen"
        ),
        "max_placed": (
            "Højst {placed} af {total} husstande kan få bolig på samme tid; forslaget placerer "
            "så mange som muligt"
        ),
    },
    "en": {
        "fit": "{rooms_text} and {m2} m² for {size_text} (needs {rooms_needed_text})",
        "cost": "{cost} kr. a month including utilities; the limit is {max_rent} kr.",
        "cost_no_limit": "{cost} kr. a month including utilities",
        "available": "Available from {available}; needed by {needed_by}",
        "available_now": "Available from {available}; needed now ({needed_by} has passed)",
        "waited_temporary": "Has waited {days} days in temporary housing",
        "waited_needed_by": "Has waited {days} days past the day the household needed a home",
        "step_free": "Step-free dwelling, which the household needs",
        "family_permanent": "Family with children in permanent housing",
        "family_not_permanent": "Family with children, but not in permanent housing ({type})",
        "temporary": "Temporary solution ({type}): the household will move again",
        "travel": "{minutes} min. to {place}",
        "travel_unknown": "No travel time to {place} known",
        "travel_target": "{minutes} min. to work or education ({place})",
        "travel_target_unknown": "No travel time to work or education ({place}) known",
        "youth_dwelling": "Youth housing for a student",
        "youth_area": "The area has a youth environment",
        "no_youth": "A student, but neither youth housing nor a youth environment",
        "wish": "The household asked for this area",
        "not_wish": "The household asked for another area",
        "company": "In the area, {others_text} speaking {group} ({existing} already live there)",
        "company_nat": "{others_text} from {group} in the area ({existing} already live there)",
        "alone": (
            "Only {others_text} speaking {group} in the area ({existing} already live there); "
            "the aim is at least {k}"
        ),
        "alone_nat": (
            "Only {others_text} from {group} in the area ({existing} already live there); "
            "the aim is at least {k}"
        ),
        "spread": "The area has {count} refugee households with the suggestions; the limit is {cap}",
        "spread_over": (
            "The area gets {count} refugee households with the suggestions; the limit is {cap} "
            "({over} over)"
        ),
        "spread_no_cap": "The area has {count} refugee households with the suggestions (no limit)",
        "no_dwellings": "There are no dwellings in the pool",
        "no_candidates": "No dwelling {requirements}",
        "blocked_counts": "Of the {total} dwellings, {counts}",
        "near_miss": "{n} dwellings fail only on {rule}",
        "near_miss_1": "1 dwelling fails only on {rule}",
        "taken": "{n} dwellings meet the requirements but are suggested for other households",
        "taken_1": "1 dwelling meets the requirements but is suggested for another household",
        "taken_cap": (
            "{n} free dwellings meet the requirements but lie in areas that have reached the "
            "limit for refugee households"
        ),
        "taken_cap_1": (
            "1 free dwelling meets the requirements but lies in an area that has reached the "
            "limit for refugee households"
        ),
        "alone_rule": (
            "{n} free dwellings meet the requirements, but there the household would have "
            "fewer than {k} other households speaking {group}; that is a fixed rule of the "
            "municipality"
        ),
        "alone_rule_1": (
            "1 free dwelling meets the requirements, but there the household would have "
            "fewer than {k} other households speaking {group}; that is a fixed rule of the "
            "municipality"
        ),
        "alone_rule_nat": (
            "{n} free dwellings meet the requirements, but there the household would have "
            "fewer than {k} other households from {group}; that is a fixed rule of the "
            "municipality"
        ),
        "alone_rule_nat_1": (
            "1 free dwelling meets the requirements, but there the household would have "
            "fewer than {k} other households from {group}; that is a fixed rule of the "
            "municipality"
        ),
        "max_placed": (
            "At most {placed} of {total} households can be housed at the same time; the "
            "suggestion places as many as possible"
        ),
    },
}

# "Ingen bolig med mindst 4 værelser, inden for huslejegrænsen 6.500 kr. og ledig senest ..."
REQUIREMENTS = {
    "da": {
        Rule.ROOMS: "med mindst {rooms_needed_text}",
        Rule.CROWDING: "med plads til {size_text} (højst {per_room} pr. værelse)",
        Rule.SIZE: "på mindst {m2} m²",
        Rule.RENT: "inden for huslejegrænsen {max_rent} kr.",
        Rule.AVAILABLE: "ledig senest {needed_by}",
        Rule.STEP_FREE: "uden trin",
        Rule.VULNERABLE: "uden for udsatte boligområder",
        Rule.TEMPORARY_AGAIN: "der ikke er midlertidig (bor allerede midlertidigt)",
    },
    "en": {
        Rule.ROOMS: "with at least {rooms_needed_text}",
        Rule.CROWDING: "with room for {size_text} (at most {per_room} per room)",
        Rule.SIZE: "of at least {m2} m²",
        Rule.RENT: "within the rent limit of {max_rent} kr.",
        Rule.AVAILABLE: "available by {needed_by}",
        Rule.STEP_FREE: "that is step-free",
        Rule.VULNERABLE: "outside vulnerable housing areas",
        Rule.TEMPORARY_AGAIN: "that is not temporary (already in temporary housing)",
    },
}
BLOCKED = {
    "da": {
        Rule.ROOMS: "har {n} for få værelser",
        Rule.CROWDING: "er {n} for små til {size_text}",
        Rule.SIZE: "har {n} for få m²",
        Rule.RENT: "er {n} for dyre",
        Rule.AVAILABLE: "er {n} ikke ledige i tide",
        Rule.STEP_FREE: "er {n} ikke trinfri",
        Rule.VULNERABLE: "ligger {n} i et udsat boligområde",
        Rule.TEMPORARY_AGAIN: "er {n} midlertidige, og husstanden bor allerede midlertidigt",
    },
    "en": {
        Rule.ROOMS: "{n} have too few rooms",
        Rule.CROWDING: "{n} are too small for {size_text}",
        Rule.SIZE: "{n} have too few m²",
        Rule.RENT: "{n} cost too much",
        Rule.AVAILABLE: "{n} are not available in time",
        Rule.STEP_FREE: "{n} are not step-free",
        Rule.VULNERABLE: "{n} are in a vulnerable housing area",
        Rule.TEMPORARY_AGAIN: "{n} are temporary, and the household is already in temporary housing",
    },
}
RULE_NAMES = {
    "da": {
        Rule.ROOMS: "antallet af værelser",
        Rule.CROWDING: "personer pr. værelse",
        Rule.SIZE: "m² pr. person",
        Rule.RENT: "huslejen",
        Rule.AVAILABLE: "datoen, den er ledig",
        Rule.STEP_FREE: "trinfri adgang",
        Rule.VULNERABLE: "udsat boligområde",
        Rule.TEMPORARY_AGAIN: "bor allerede midlertidigt",
    },
    "en": {
        Rule.ROOMS: "the number of rooms",
        Rule.CROWDING: "persons per room",
        Rule.SIZE: "m² per person",
        Rule.RENT: "the rent",
        Rule.AVAILABLE: "the date it is available",
        Rule.STEP_FREE: "step-free access",
        Rule.VULNERABLE: "vulnerable housing area",
        Rule.TEMPORARY_AGAIN: "already in temporary housing",
    },
}


def _lang(language: str) -> str:
    return language if language in TEXTS else "da"


def number(value: object, language: str = "da") -> str:
    """6500 -> "6.500" (da) / "6,500" (en); 1.5 -> "1,5" / "1.5"."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        text = f"{value:,}"
        return text.replace(",", ".") if _lang(language) == "da" else text
    if isinstance(value, float):
        text = f"{value:,.1f}"
        if _lang(language) == "da":
            text = text.replace(",", "_").replace(".", ",").replace("_", ".")
        return text
    return str(value)


def day(value: date, language: str = "da") -> str:
    """1 March 2026 -> "1. marts 2026" (da) / "1 March 2026" (en)."""
    lang = _lang(language)
    month = MONTHS[lang][value.month - 1]
    return (
        f"{value.day}. {month} {value.year}"
        if lang == "da"
        else f"{value.day} {month} {value.year}"
    )


def language_name(code: str, language: str = "da") -> str:
    """The language's name from the one code list (people/codes.py, plain Python)."""
    return codes.language_name(code, language)


def _others(n: int, language: str) -> str:
    if _lang(language) == "da":
        return "1 anden husstand" if n == 1 else f"{number(n, language)} andre husstande"
    return "1 other household" if n == 1 else f"{number(n, language)} other households"


NOUNS = {  # param -> (Danish singular, plural), (English singular, plural)
    "rooms": (("værelse", "værelser"), ("room", "rooms")),
    "rooms_needed": (("værelse", "værelser"), ("room", "rooms")),
    "size": (("person", "personer"), ("person", "persons")),
}


def _counted(param: str, n: int, language: str) -> str:
    da, en = NOUNS[param]
    singular, plural = da if _lang(language) == "da" else en
    return f"{number(n, language)} {singular if n == 1 else plural}"


def _join(items: Sequence[str], language: str) -> str:
    word = " og " if _lang(language) == "da" else " and "
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + word + items[-1]


def _fmt(value: object, language: str) -> str:
    if isinstance(value, date):
        return day(value, language)
    if isinstance(value, DwellingType):
        return TYPES[_lang(language)][value]
    return number(value, language)


def render(reason: Reason, language: str = "da") -> str:
    """The reason as a sentence in ``language`` ("da" or "en")."""
    lang = _lang(language)
    params = dict(reason.params)
    values: dict[str, str] = {k: _fmt(v, lang) for k, v in params.items()}
    for param in NOUNS:
        if param in params:
            values[f"{param}_text"] = _counted(param, int(str(params[param])), lang)
    if "place" in params:
        place = str(params["place"])
        values["place"] = PLACES[lang].get(place, place)
    if "group" in params:
        group = str(params["group"])
        values["group"] = (
            codes.country_name(group, lang)
            if params.get("by") == "nationality"
            else language_name(group, lang)
        )
    if "others" in params:
        values["others_text"] = _others(int(str(params["others"])), lang)
    if "rule" in params:
        values["rule"] = RULE_NAMES[lang][Rule(str(params["rule"]))]
    if reason.code == "no_candidates":
        rules = [Rule(str(r)) for r in _seq(params["rules"])]
        values["requirements"] = _join(
            [REQUIREMENTS[lang][r].format(**values) for r in rules], lang
        )
    if reason.code == "blocked_counts":
        counts = _mapping(params["counts"])
        parts = [
            BLOCKED[lang][Rule(str(r))].format(**{**values, "n": number(n, lang)})
            for r, n in counts.items()
        ]
        values["counts"] = _join(parts, lang)
    code = reason.code
    if params.get("n") == 1 and f"{code}_1" in TEXTS[lang]:
        code = f"{code}_1"
    return TEXTS[lang][code].format(**values)


def _seq(value: object) -> Sequence[object]:
    assert isinstance(value, list | tuple)
    return value


def _mapping(value: object) -> Mapping[object, object]:
    assert isinstance(value, Mapping)
    return value


def suggestion_reasons(
    inst: Instance,
    weights: Weights,
    h: int,
    d: int,
    evaluation: Evaluation,
) -> list[Reason]:
    """Why household h is suggested dwelling d: the hard rules it meets, each soft goal."""
    hh: Household = inst.households[h]
    dw: Dwelling = inst.dwellings[d]
    area: Area = inst.area_of(d)
    a = int(inst.dwelling_area[d])
    reasons = [
        Reason(
            "fit",
            {"rooms": dw.rooms, "m2": dw.size_m2, "size": hh.size, "rooms_needed": hh.rooms_needed},
        ),
        Reason("cost", {"cost": dw.monthly_cost, "max_rent": hh.max_rent})
        if hh.max_rent is not None
        else Reason("cost_no_limit", {"cost": dw.monthly_cost}),
        Reason(
            "available" if need_day(hh, inst.options) == hh.needed_by else "available_now",
            {"available": dw.available_from, "needed_by": hh.needed_by},
        ),
    ]
    days, how = waited_days(hh, inst.options.today)
    if days > 0:
        reasons.append(Reason(f"waited_{how}", {"days": days}))
    if hh.step_free:
        reasons.append(Reason("step_free"))
    if hh.is_family:
        if is_permanent(dw):
            reasons.append(Reason("family_permanent"))
        else:
            reasons.append(Reason("family_not_permanent", {"type": dw.type}))
    if is_temporary(dw):
        reasons.append(Reason("temporary", {"type": dw.type}))
    keys = ("school", "daycare", "transport", "shops") if hh.is_family else ("transport", "shops")
    for key in keys:
        minutes = dw.travel_minutes.get(key)
        if minutes is None:
            reasons.append(Reason("travel_unknown", {"place": key}))
        else:
            reasons.append(Reason("travel", {"minutes": minutes, "place": key}))
    if hh.target_place:
        minutes = dw.travel_to.get(hh.target_place)
        if minutes is None:
            reasons.append(Reason("travel_target_unknown", {"place": hh.target_place}))
        else:
            reasons.append(Reason("travel_target", {"minutes": minutes, "place": hh.target_place}))
    if hh.is_student:
        if dw.type == DwellingType.YOUTH:
            reasons.append(Reason("youth_dwelling"))
        elif area.youth_environment:
            reasons.append(Reason("youth_area"))
        else:
            reasons.append(Reason("no_youth"))
    if hh.wishes_area:
        reasons.append(Reason("wish" if hh.wishes_area == area.id else "not_wish"))
    g = int(inst.group[h])
    if g >= 0:
        k = inst.options.not_alone_k
        existing = int(inst.existing_group[a, g])
        others = existing + int(evaluation.placed_by_group[a, g]) - 1
        by = inst.options.not_alone_by
        code = "company" if others >= k else "alone"
        if by == "nationality":
            code += "_nat"
        params = {"others": others, "group": inst.groups[g], "existing": existing, "k": k}
        reasons.append(Reason(code, {**params, "by": by}))
    count = int(inst.existing[a] + evaluation.placed_by_area[a])
    cap = float(inst.cap[a])
    if not np.isfinite(cap):
        reasons.append(Reason("spread_no_cap", {"count": count}))
    elif evaluation.over_by_area[a] > 0:
        over = int(evaluation.over_by_area[a])
        reasons.append(Reason("spread_over", {"count": count, "cap": int(cap), "over": over}))
    else:
        reasons.append(Reason("spread", {"count": count, "cap": int(cap)}))
    return reasons


def unplaced_reasons(
    inst: Instance, h: int, assignment: Mapping[int, int], placed_max: int
) -> list[Reason]:
    """Why household h got no suggestion: the rules that rule out every dwelling, or that the
    dwellings it could have are suggested for others (or lie in areas at their cap)."""
    hh = inst.households[h]
    if inst.n_dwellings == 0:
        return [Reason("no_dwellings")]
    feasible = np.flatnonzero(inst.feasible[h])
    values = {
        "rooms_needed": hh.rooms_needed,
        "size": hh.size,
        "per_room": inst.options.max_persons_per_room,
        "m2": (inst.options.min_m2_per_person or 0) * hh.size,
        "max_rent": hh.max_rent if hh.max_rent is not None else 0,
        "needed_by": need_day(hh, inst.options),
    }
    if feasible.size:
        taken_by = {d: other for other, d in assignment.items()}
        free = [int(d) for d in feasible if int(d) not in taken_by]
        reasons = []
        n_taken = feasible.size - len(free)
        if n_taken:
            reasons.append(Reason("taken", {"n": n_taken}))
        # free but not usable: the area is at its hard cap, or (hard "not alone") the
        # household would be alone there
        by_area, by_group = area_counts(inst, assignment)
        at_cap = (by_area >= inst.headroom) & (inst.options.spread_mode == "hard")
        g = int(inst.group[h])
        capped = [d for d in free if at_cap[inst.dwelling_area[d]]]
        alone = []
        if inst.options.not_alone_mode == "hard" and g >= 0:
            fellows = inst.existing_group[:, g] + by_group[:, g]
            alone = [
                d
                for d in free
                if not at_cap[inst.dwelling_area[d]]
                and fellows[inst.dwelling_area[d]] < inst.options.not_alone_k
            ]
        if capped:
            reasons.append(Reason("taken_cap", {"n": len(capped)}))
        if alone:
            by = inst.options.not_alone_by
            code = "alone_rule_nat" if by == "nationality" else "alone_rule"
            params = {"n": len(alone), "k": inst.options.not_alone_k, "group": inst.groups[g]}
            reasons.append(Reason(code, {**params, "by": by}))
        reasons.append(Reason("max_placed", {"placed": placed_max, "total": inst.n_households}))
        return reasons
    blocked = rule_matrices([hh], inst.dwellings, inst.areas, inst.dwelling_area, inst.options)
    rows = {rule: np.asarray(m[0]) for rule, m in blocked.items()}
    # A small set of rules that together rule out every dwelling (greedy set cover).
    uncovered = np.ones(inst.n_dwellings, dtype=np.bool_)
    chosen: list[Rule] = []
    while uncovered.any():
        rule = max(rows, key=lambda r: (int((rows[r] & uncovered).sum()), -RULES.index(r)))
        chosen.append(rule)
        uncovered &= ~rows[rule]
    chosen.sort(key=RULES.index)
    reasons = [Reason("no_candidates", {**values, "rules": [str(r) for r in chosen]})]
    counts = {str(r): int(rows[r].sum()) for r in RULES if r in rows and rows[r].any()}
    reasons.append(
        Reason("blocked_counts", {**values, "total": inst.n_dwellings, "counts": counts})
    )
    n_blocking = sum(m.astype(np.int64) for m in rows.values())
    for rule in RULES:
        if rule in rows:
            only = int((rows[rule] & (n_blocking == 1)).sum())
            if only:
                reasons.append(Reason("near_miss", {"n": only, "rule": str(rule)}))
    return reasons


def reason_data(reason: Reason) -> dict[str, object]:
    """The reason as JSON-ready data (dates and dwelling types tagged), for storing a run's
    reasons and rendering them later in the reader's language (``reason_from_data``)."""
    return {"code": reason.code, "params": {k: _encode(v) for k, v in reason.params.items()}}


def reason_from_data(data: Mapping[str, object]) -> Reason:
    params = _mapping(data.get("params", {}))
    return Reason(str(data["code"]), {str(k): _decode(v) for k, v in params.items()})


def _encode(value: object) -> object:
    if isinstance(value, DwellingType):
        return {"dwelling_type": value.value}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, Mapping):
        return {"mapping": {str(k): _encode(v) for k, v in value.items()}}
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value


def _decode(value: object) -> object:
    if isinstance(value, Mapping):
        if "dwelling_type" in value:
            return DwellingType(str(value["dwelling_type"]))
        if "date" in value:
            return date.fromisoformat(str(value["date"]))
        return {str(k): _decode(v) for k, v in _mapping(value["mapping"]).items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value
