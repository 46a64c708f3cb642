"""The demo's data as a plan: plain dataclasses computed from a seed, no database, no Django.

Everything is drawn from one ``random.Random`` per municipality (seeded with the seed and the
kommunekode), and every date is counted from a fixed reference day (``REFERENCE_DATE``), never
from today: the same seed always gives the same municipalities, staff, households, persons, CPR
numbers, case histories and journal notes. The demo command (``generator.load_demo``) writes a
plan through the real services; the benchmark loader (``bench/generate.py``) bulk-inserts it.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from velkomst.engines.calendar import (
    add_months,
    is_working_day,
    next_working_day,
    programme_end,
    takeover_date,
)
from velkomst.people import codes

from . import names
from .names import NamePool, Origin

DEFAULT_SEED = 2026
REFERENCE_DATE = date(2026, 11, 1)  # the demo's "today"
DEFAULT_HOUSEHOLDS = 80  # per municipality
ADULT_AGE = 18  # as people.services.ADULT_AGE: adults get a case

# (kommunekode, name, ASCII slug, weight when a total is spread over the four)
SEED_MUNICIPALITIES: tuple[tuple[str, str, str, int], ...] = (
    ("400", "Bornholm", "bornholm", 39),
    ("540", "Sønderborg", "sonderborg", 74),
    ("440", "Kerteminde", "kerteminde", 24),
    ("851", "Aalborg", "aalborg", 221),
)

# role -> the kinds of unit its staff belong to (core.models.Role, core.models.UnitKind)
ROLE_UNITS: dict[str, tuple[str, ...]] = {
    "caseworker": ("integration",),
    "job_consultant": ("jobcentre",),
    "housing_officer": ("housing",),
    "family_consultant": ("children_family",),
    "health_coordinator": ("health",),
    "volunteer_coordinator": ("volunteer_centre",),
    "interpreter_coordinator": ("integration",),
    "manager": ("integration",),
    "administrator": (),
}
SECOND_CASEWORKER_SUFFIX = "2"

# case phases and end reasons (people.models.Phase, people.models.EndReason)
PRE_ARRIVAL, RECEPTION, PROGRAMME, ENDED = "pre_arrival", "reception", "programme", "ended"
END_REASONS = ("self_supporting", "education", "moved_away", "period_expired")

# composition -> weight, per origin; Ukrainian households are mostly women with children and
# older relatives (men of working age could not leave), quota refugees come as families
COMPOSITIONS: dict[str, dict[str, int]] = {
    "default": {"single": 34, "couple": 10, "couple_children": 30, "single_parent": 10,
                "reunified": 16},
    "UA": {"single": 25, "couple": 8, "couple_children": 10, "single_parent": 45, "reunified": 0,
           "with_parent": 12},
    "quota": {"single": 10, "couple": 10, "couple_children": 55, "single_parent": 25,
              "reunified": 0},
}  # fmt: skip


@dataclass(frozen=True)
class LanguagePlan:
    language: str
    proficiency: str
    interpreter_needed: bool = False


@dataclass(frozen=True)
class CaseEvent:
    """A phase change of a case: to which phase, on which day, why."""

    to_phase: str
    effective_date: date
    reason: str
    end_reason: str = ""


@dataclass(frozen=True)
class NotePlan:
    author_role: str  # a role, or "caseworker" for the household's caseworker
    text: str


@dataclass
class MemberPlan:
    first_name: str
    last_name: str
    birth_date: date
    sex: str
    nationality: str
    residence_basis: str
    relation: str
    cpr: str = ""
    languages: tuple[LanguagePlan, ...] = ()
    has_case: bool = False
    events: tuple[CaseEvent, ...] = ()
    contacts: tuple[str, ...] = ()  # roles of the contact persons
    notes: tuple[NotePlan, ...] = ()

    def age_on(self, day: date) -> int:
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))

    @property
    def final_phase(self) -> str:
        if not self.has_case:
            return ""
        if self.events:
            return self.events[-1].to_phase
        return RECEPTION if self.cpr else PRE_ARRIVAL


@dataclass
class HouseholdPlan:
    name: str
    composition: str
    visitation_date: date
    expected_arrival_date: date
    arrival_date: date | None
    asylum_centre: str
    address: str
    caseworker: int  # 0: the municipality's first caseworker, 1: the second
    members: list[MemberPlan] = field(default_factory=list)

    @property
    def takeover_date(self) -> date:
        return takeover_date(self.visitation_date)


@dataclass(frozen=True)
class StaffPlan:
    username: str
    role: str
    first_name: str
    last_name: str
    initials: str
    unit_kinds: tuple[str, ...]


@dataclass
class MunicipalityPlan:
    code: str
    name: str
    slug: str
    staff: list[StaffPlan]
    households: list[HouseholdPlan]

    @property
    def person_count(self) -> int:
        return sum(len(h.members) for h in self.households)


@dataclass
class DemoPlan:
    seed: int
    reference_date: date
    municipalities: list[MunicipalityPlan]


# ---------------------------------------------------------------------------------------------
# entry points


def build_plan(
    *,
    seed: int = DEFAULT_SEED,
    households_per_municipality: int = DEFAULT_HOUSEHOLDS,
    programme_length_months: int = 36,
    reference_date: date = REFERENCE_DATE,
) -> DemoPlan:
    """The demo: the four seed municipalities, each with its staff and households."""
    return DemoPlan(
        seed=seed,
        reference_date=reference_date,
        municipalities=[
            municipality_plan(
                seed=seed,
                code=code,
                households=households_per_municipality,
                programme_length_months=programme_length_months,
                reference_date=reference_date,
            )
            for code, _name, _slug, _weight in SEED_MUNICIPALITIES
        ],
    )


def municipality_plan(
    *,
    seed: int,
    code: str,
    households: int | None = None,
    persons: int | None = None,
    programme_length_months: int = 36,
    reference_date: date = REFERENCE_DATE,
) -> MunicipalityPlan:
    """One seed municipality with ``households`` households, or as many as make ``persons``."""
    spec = {m[0]: m for m in SEED_MUNICIPALITIES}[code]
    _code, name, slug, _weight = spec
    staff_rng = random.Random(f"{seed}/{code}/staff")
    staff = _staff(staff_rng, slug)
    generator = HouseholdGenerator(
        random.Random(f"{seed}/{code}/households"),
        slug=slug,
        reference_date=reference_date,
        programme_length_months=programme_length_months,
    )
    planned: list[HouseholdPlan] = []
    count = 0
    for household in generator:
        if households is not None and len(planned) >= households:
            break
        if persons is not None and count >= persons:
            break
        if households is None and persons is None:
            break
        planned.append(household)
        count += len(household.members)
    return MunicipalityPlan(code=code, name=name, slug=slug, staff=staff, households=planned)


def spread(total: int) -> dict[str, int]:
    """Spread a total over the four seed municipalities by population."""
    weights = {code: weight for code, _n, _s, weight in SEED_MUNICIPALITIES}
    whole = sum(weights.values())
    shares = {code: total * weight // whole for code, weight in weights.items()}
    biggest = max(weights, key=lambda c: weights[c])
    shares[biggest] += total - sum(shares.values())
    return shares


# ---------------------------------------------------------------------------------------------
# staff


def _staff(rng: random.Random, slug: str) -> list[StaffPlan]:
    result: list[StaffPlan] = []
    used_names: set[tuple[str, str]] = set()
    used_initials: set[str] = set()
    roles = [(role, role) for role in ROLE_UNITS]
    roles.insert(1, ("caseworker", "caseworker" + SECOND_CASEWORKER_SUFFIX))
    for role, suffix in roles:
        while True:
            first = rng.choice(names.DANISH_FEMALE if rng.random() < 0.62 else names.DANISH_MALE)
            last = rng.choice(names.DANISH_FAMILY)
            if rng.random() < 0.25:
                middle = rng.choice(names.DANISH_FAMILY)
                if middle != last:
                    last = f"{middle} {last}"
            if (first, last) not in used_names:
                break
        used_names.add((first, last))
        parts = [first, *last.split()]
        initials = "".join(p[0] for p in parts).upper()
        extra = 1
        while len(initials) < 3 or initials in used_initials:
            initials = (initials + parts[-1][extra % len(parts[-1])]).upper()
            extra += 1
        used_initials.add(initials)
        result.append(
            StaffPlan(
                username=f"{slug}-{suffix}",
                role=role,
                first_name=first,
                last_name=last,
                initials=initials,
                unit_kinds=ROLE_UNITS[role],
            )
        )
    return result


# ---------------------------------------------------------------------------------------------
# households


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _between(rng: random.Random, lo: date, hi: date) -> date:
    return lo + timedelta(days=rng.randint(0, max(0, (hi - lo).days)))


def _previous_working_day(day: date) -> date:
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def _danish_date(day: date) -> str:
    return f"{day.day}. {names.DANISH_MONTHS[day.month - 1]} {day.year}"


def _weighted(rng: random.Random, options: dict[str, int]) -> str:
    keys = [k for k, w in options.items() if w > 0]
    return rng.choices(keys, weights=[options[k] for k in keys])[0]


class HouseholdGenerator:
    """An endless, deterministic stream of households for one municipality."""

    def __init__(
        self,
        rng: random.Random,
        *,
        slug: str,
        reference_date: date = REFERENCE_DATE,
        programme_length_months: int = 36,
    ) -> None:
        self.rng = rng
        self.slug = slug
        self.today = reference_date
        self.programme_length_months = programme_length_months
        self.used_cpr: set[str] = set()
        self._given_in_household: set[str] = set()

    def __iter__(self) -> Iterator[HouseholdPlan]:
        while True:
            yield self.household()

    # -- one household ----------------------------------------------------------------------

    def household(self) -> HouseholdPlan:
        rng = self.rng
        self._given_in_household = set()
        origin = rng.choices(names.ORIGINS, weights=[o.weight for o in names.ORIGINS])[0]
        quota = origin.code == "CD" or (origin.code in ("SY", "AF") and rng.random() < 0.15)
        if quota:
            composition = _weighted(rng, COMPOSITIONS["quota"])
        else:
            composition = _weighted(rng, COMPOSITIONS.get(origin.code, COMPOSITIONS["default"]))
        basis = "quota_refugee" if quota else "refugee"

        # dates: visitations spread over the last 40 months (so that some 36-month programmes
        # have run out), one in five within the last 110 days (not yet arrived, or in reception)
        if rng.random() < 0.2:
            visitation = self.today - timedelta(days=rng.randint(3, 110))
        else:
            visitation = self.today - timedelta(days=rng.randint(111, 1215))
        visitation = _previous_working_day(visitation)
        expected = next_working_day(visitation + timedelta(days=rng.randint(28, 56)))
        arrival: date | None = next_working_day(expected + timedelta(days=rng.randint(-3, 7)))
        if arrival is not None and arrival > self.today:
            arrival = None

        language = _weighted(rng, dict(origin.languages))
        pool = dict(origin.names_by_language).get(language, origin.names)
        members = self._members(origin, pool, composition, basis, visitation, language)
        reference_day = arrival or expected
        head = members[0]

        for member in members:
            member.languages = self._languages(origin, language, member, arrival)
            if arrival is not None:
                member.cpr = self._cpr(member.birth_date, member.sex)
            member.has_case = member.age_on(reference_day) >= ADULT_AGE

        name = (
            f"{head.first_name} {head.last_name}"
            if len(members) == 1
            else f"Familien {head.last_name}"
        )
        household = HouseholdPlan(
            name=name,
            composition=composition,
            visitation_date=visitation,
            expected_arrival_date=expected,
            arrival_date=arrival,
            # refugees come from an asylum centre; quota refugees, family-reunified households
            # and Ukrainians (særloven) arrive directly
            asylum_centre=(
                rng.choice(names.ASYLUM_CENTRES)
                if basis == "refugee" and origin.code != "UA" and composition != "reunified"
                else ""
            ),
            address=self._address() if arrival is not None else "",
            caseworker=rng.randint(0, 1),
            members=members,
        )
        for member in members:
            if member.has_case:
                self._case_story(household, member, language)
        return household

    def _members(
        self,
        origin: Origin,
        pool: NamePool,
        composition: str,
        basis: str,
        visitation: date,
        language: str,
    ) -> list[MemberPlan]:
        rng = self.rng
        today = self.today

        def person(sex: str, birth: date, relation: str, family: str, basis_: str) -> MemberPlan:
            given = self._given(pool, sex)
            return MemberPlan(
                first_name=given,
                last_name=family,
                birth_date=birth,
                sex=sex,
                nationality=origin.code,
                residence_basis=basis_,
                relation=relation,
            )

        def adult_birth(min_age: int, max_age: int) -> date:
            birth = _between(
                rng,
                _years_before(today, max_age + 1) + timedelta(days=1),
                _years_before(visitation, min_age),
            )
            # registrations without a known birth date get 1 January of the year
            if origin.code in ("AF", "ER", "SO") and rng.random() < 0.12:
                birth = birth.replace(month=1, day=1)
            return birth

        if composition == "single":
            male_share = 0.35 if origin.code == "UA" else 0.72
            sex = "M" if rng.random() < male_share else "F"
            head = person(sex, adult_birth(18, 45), "head", rng.choice(pool.family), basis)
            return [head]

        if composition in ("single_parent", "with_parent"):
            sex = "F" if composition == "with_parent" or rng.random() < 0.9 else "M"
            head = person(sex, adult_birth(22, 48), "head", rng.choice(pool.family), basis)
            father_family = head.last_name if sex == "M" else rng.choice(pool.family)
            father_given = head.first_name if sex == "M" else rng.choice(pool.male)
            members = [head]
            mother_birth = head.birth_date if sex == "F" else None
            members += self._children(
                pool,
                origin,
                count=rng.randint(1, 4),
                father=None if sex == "F" else head.birth_date,
                mother=mother_birth,
                visitation=visitation,
                basis=basis,
                father_names=(father_given, father_family),
            )
            if composition == "with_parent":
                members += self._grandparent(pool, origin, head, basis)
            return members

        # couples (with or without children)
        head_male = rng.random() < 0.88
        head_sex, spouse_sex = ("M", "F") if head_male else ("F", "M")
        head = person(head_sex, adult_birth(21, 58), "head", rng.choice(pool.family), basis)
        gap = rng.randint(-2, 9) if head_male else rng.randint(-9, 2)  # husbands tend older
        spouse_birth = head.birth_date + timedelta(days=365 * gap + rng.randint(0, 364))
        spouse_birth = min(spouse_birth, _years_before(visitation, 18))
        spouse_family = (
            head.last_name
            if origin.code in ("UA", "CD") or rng.random() < 0.4
            else rng.choice(pool.family)
        )
        spouse_basis = "family_reunified" if composition == "reunified" else basis
        spouse = person(spouse_sex, spouse_birth, "spouse", spouse_family, spouse_basis)
        members = [head, spouse]
        father, mother = (head, spouse) if head_male else (spouse, head)
        if composition == "couple":
            return members
        count = rng.randint(0, 3) if composition == "reunified" else rng.randint(1, 5)
        members += self._children(
            pool,
            origin,
            count=count,
            father=father.birth_date,
            mother=mother.birth_date,
            visitation=visitation,
            basis=spouse_basis,
            father_names=(father.first_name, father.last_name),
        )
        if composition == "couple_children" and rng.random() < 0.06:
            members += self._grandparent(pool, origin, head, basis)
        return members

    def _grandparent(
        self, pool: NamePool, origin: Origin, head: MemberPlan, basis: str
    ) -> list[MemberPlan]:
        """The head's mother or father, living with the family."""
        rng = self.rng
        birth = _years_before(head.birth_date, rng.randint(20, 34))
        birth -= timedelta(days=rng.randint(0, 364))
        if birth <= _years_before(self.today, 85):
            return []
        sex = "F" if rng.random() < 0.7 else "M"
        family = head.last_name if sex == "M" or origin.code == "UA" else rng.choice(pool.family)
        given = self._given(pool, sex)
        return [
            MemberPlan(
                first_name=given,
                last_name=family,
                birth_date=birth,
                sex=sex,
                nationality=origin.code,
                residence_basis=basis,
                relation="parent",
            )
        ]

    def _children(
        self,
        pool: NamePool,
        origin: Origin,
        *,
        count: int,
        father: date | None,
        mother: date | None,
        visitation: date,
        basis: str,
        father_names: tuple[str, str],
    ) -> list[MemberPlan]:
        """Up to ``count`` children, born to the household's parents (birth dates given) when
        they were at least 18, at least ten months apart; the father may be absent."""
        rng = self.rng
        parents = [p for p in (father, mother) if p is not None]
        lo = max(_years_before(p, -18) for p in parents)
        lo = max(lo, _years_before(visitation, 20))  # an adult child still at home: at most 20
        hi = visitation - timedelta(days=60)
        if mother is not None:
            hi = min(hi, _years_before(mother, -44))
        if lo > hi:
            return []
        births: list[date] = []
        for _ in range(count * 6):
            if len(births) >= count:
                break
            candidate = _between(rng, lo, hi)
            if all(abs((candidate - b).days) >= 300 for b in births):
                births.append(candidate)
        births.sort()
        father_given, father_family = father_names
        family = father_given if origin.patronymic else father_family
        children = []
        for birth in births:
            sex = "M" if rng.random() < 0.51 else "F"
            children.append(
                MemberPlan(
                    first_name=self._given(pool, sex),
                    last_name=family,
                    birth_date=birth,
                    sex=sex,
                    nationality=origin.code,
                    residence_basis=basis,
                    relation="child",
                )
            )
        return children

    def _given(self, pool: NamePool, sex: str) -> str:
        """A given name not yet used in the household."""
        choices = pool.male if sex == "M" else pool.female
        given = self.rng.choice(choices)
        for _ in range(20):
            if given not in self._given_in_household:
                break
            given = self.rng.choice(choices)
        self._given_in_household.add(given)
        return given

    def _languages(
        self, origin: Origin, native: str, member: MemberPlan, arrival: date | None
    ) -> tuple[LanguagePlan, ...]:
        rng = self.rng
        age = member.age_on(self.today)
        months_here = (self.today - arrival).days / 30.4 if arrival else 0.0
        if age < 2:
            return (LanguagePlan(native, "native"),)
        result = []
        adult = age >= ADULT_AGE
        # Danish grows with time in the country; children learn it fastest
        if months_here < 4:
            danish = "none"
        elif not adult:
            danish = "fluent" if months_here > 15 or rng.random() < 0.3 else "basic"
        elif months_here < 12:
            danish = "basic" if rng.random() < 0.6 else "none"
        else:
            danish = "fluent" if rng.random() < min(0.5, months_here / 80) else "basic"
        english = "none"
        if age >= 10 and rng.random() < origin.english_rate:
            english = "fluent" if rng.random() < 0.3 else "basic"
        interpreter = adult and danish != "fluent" and (english != "fluent" or rng.random() < 0.5)
        result.append(LanguagePlan(native, "native", interpreter))
        if adult:
            for code, rate in origin.second_languages:
                if code != native and rng.random() < rate:
                    result.append(LanguagePlan(code, "fluent" if rng.random() < 0.6 else "basic"))
        if english != "none":
            result.append(LanguagePlan("en", english))
        if danish != "none":
            result.append(LanguagePlan("da", danish))
        return tuple(result)

    def _cpr(self, birth: date, sex: str) -> str:
        """A CPR number for the birth date: DDMMYY, a 7th digit giving the century (CPR-kontoret's
        table), and a last digit that is odd for men and even for women."""
        rng = self.rng
        yy = birth.year % 100
        if birth.year < 1900:
            raise ValueError("the demo has no one born before 1900")
        for _ in range(1000):
            if birth.year < 2000:
                seventh = rng.randint(0, 3)
            elif yy <= 36:
                seventh = rng.choice((4, 9, 5, 6, 7, 8))
            else:
                seventh = rng.choice((5, 6, 7, 8))
            middle = rng.randint(0, 99)
            last = rng.randrange(1 if sex == "M" else 0, 10, 2)
            cpr = f"{birth:%d%m}{yy:02d}{seventh}{middle:02d}{last}"
            if cpr not in self.used_cpr:
                self.used_cpr.add(cpr)
                return cpr
        raise RuntimeError("no free CPR number for this birth date")

    def _address(self) -> str:
        rng = self.rng
        postcode, town = rng.choice(names.TOWNS[self.slug])
        floor = rng.choice(names.FLOORS)
        number = f"{rng.randint(1, 120)}{', ' + floor if floor else ''}"
        return f"{rng.choice(names.STREETS)} {number}, {postcode} {town}"

    # -- the case's story ----------------------------------------------------------------------

    def _case_story(self, household: HouseholdPlan, member: MemberPlan, language: str) -> None:
        rng = self.rng
        today = self.today
        arrival = household.arrival_date
        takeover = household.takeover_date
        end_of_programme = programme_end(takeover, self.programme_length_months)
        language_da = codes.language_name(language, "da")
        notes: list[NotePlan] = []
        events: list[CaseEvent] = []
        contacts: list[str] = []
        has_children = any(
            m.relation == "child" and m.age_on(today) < ADULT_AGE for m in household.members
        )
        is_parent = member.relation in ("head", "spouse") and has_children

        if rng.random() < 0.6:
            centre = household.asylum_centre
            notes.append(
                NotePlan(
                    "caseworker",
                    f"Visitationsmeddelelse modtaget fra Udlændingestyrelsen "
                    f"{_danish_date(household.visitation_date)}. "
                    + (f"Borgeren bor p.t. på {centre}. " if centre else "")
                    + f"Forventet ankomst {_danish_date(household.expected_arrival_date)}. "
                    + (
                        f"Der er behov for tolk på {language_da}."
                        if self._needs_interpreter(member)
                        else "Samtaler kan foregå uden tolk."
                    ),
                )
            )
        if arrival is None:  # not yet arrived: stays in pre_arrival
            member.notes = tuple(notes)
            return

        if rng.random() < 0.8:
            notes.append(
                NotePlan(
                    "caseworker",
                    f"Velkomstsamtale afholdt {_danish_date(arrival)}"
                    + (f" med tolk på {language_da}" if self._needs_interpreter(member) else "")
                    + ". Gennemgået modtageplan, bolig, økonomi og kontakt til sprogcenter.",
                )
            )
        start = next_working_day(max(arrival, takeover) + timedelta(days=rng.randint(5, 30)))
        if start > today:  # still in reception
            if rng.random() < 0.5:
                contacts.append("housing_officer")
                notes.append(
                    NotePlan(
                        "caseworker",  # housing keeps no journal (need-to-know, core/fields.py)
                        "Borgeren er indkvarteret i midlertidig bolig. Skrevet op til permanent "
                        "bolig hos boligorganisationen.",
                    )
                )
            if is_parent and rng.random() < 0.5:
                contacts.append("family_consultant")
            member.events, member.contacts, member.notes = (), tuple(contacts), tuple(notes)
            return
        if rng.random() < 0.03:  # moved away before the programme began
            moved = _between(rng, arrival + timedelta(days=7), start - timedelta(days=1))
            moved = min(moved, today)
            events.append(CaseEvent(ENDED, moved, "Borgeren er fraflyttet kommunen.", "moved_away"))
            notes.append(NotePlan("caseworker", self._end_note("moved_away", moved)))
            member.events, member.notes = tuple(events), tuple(notes)
            return

        events.append(
            CaseEvent(PROGRAMME, start, "Integrationskontrakt underskrevet; programmet er begyndt.")
        )
        notes.append(
            NotePlan(
                "caseworker",
                f"Integrationskontrakt underskrevet af borgeren og kommunen {_danish_date(start)}. "
                f"Henvist til danskuddannelse (DU{rng.choice((1, 2, 2, 3))}).",
            )
        )
        # how it ended, if it did; work is likelier for men than for women (jobindsats)
        months = (min(today, end_of_programme) - start).days / 30.4
        age = member.age_on(today)
        p_work = min(0.45, 0.015 * months) * (1.35 if member.sex == "M" else 0.5)
        p_work *= 0.4 if age > 50 else 1.0
        p_education = (0.12 if age < 30 else 0.02) * min(1.0, months / 24)
        p_moved = 0.07 * min(1.0, months / 36)
        draw = rng.random()
        ended = ""
        if draw < p_work:
            ended = "self_supporting"
        elif draw < p_work + p_education:
            ended = "education"
        elif draw < p_work + p_education + p_moved:
            ended = "moved_away"
        earliest_end = add_months(start, 3)
        if ended and earliest_end <= min(today, end_of_programme):
            end = _between(rng, earliest_end, min(today, end_of_programme))
        elif end_of_programme < today:
            ended, end = "period_expired", next_working_day(end_of_programme + timedelta(days=1))
            if end > today:
                end = today
        else:
            ended, end = "", today

        workplace = rng.choice(names.WORKPLACES)
        work_field = rng.choice(names.WORK_FIELDS)
        if months > 2 and rng.random() < 0.65:
            contacts.append("job_consultant")
            notes.append(
                NotePlan(
                    "job_consultant",
                    f"Virksomhedspraktik aftalt hos {workplace} ({work_field}), 13 uger, "
                    f"{rng.choice((12, 15, 20, 25))} timer om ugen.",
                )
            )
        if is_parent and rng.random() < 0.45:
            contacts.append("family_consultant")
            notes.append(
                NotePlan(
                    "family_consultant",
                    "Samtale med forældrene om børnenes dagtilbud og skolegang. Familien ønsker "
                    "hjælp til kontakten med skolen.",
                )
            )
        if months > 6 and rng.random() < 0.5:
            module = rng.randint(2, 6)
            notes.append(
                NotePlan(
                    "caseworker",
                    f"Opfølgningssamtale: borgeren følger danskundervisning på modul {module} og "
                    f"trives. Interesseret i arbejde inden for {work_field}. "
                    "Næste opfølgning om seks uger.",
                )
            )
        if ended:
            reason = {
                "self_supporting": "Borgeren er i ordinært job og selvforsørgende.",
                "education": "Borgeren er begyndt på en uddannelse.",
                "moved_away": "Borgeren er fraflyttet kommunen.",
                "period_expired": "Integrationsperioden er udløbet.",
            }[ended]
            events.append(CaseEvent(ENDED, end, reason, ended))
            notes.append(NotePlan("caseworker", self._end_note(ended, end, workplace)))
        contacts = contacts[:2]  # people.services.MAX_CONTACT_PERSONS
        member.events, member.contacts, member.notes = (
            tuple(events),
            tuple(contacts),
            tuple(n for n in notes if n.author_role == "caseworker" or n.author_role in contacts),
        )

    def _needs_interpreter(self, member: MemberPlan) -> bool:
        return any(lang.interpreter_needed for lang in member.languages)

    def _end_note(self, reason: str, day: date, workplace: str = "") -> str:
        rng = self.rng
        when = _danish_date(day)
        if reason == "self_supporting":
            return (
                f"Borgeren er ansat i ordinært job hos {workplace or 'en lokal virksomhed'}, "
                f"{rng.choice((25, 30, 37))} timer om ugen, fra {when}. Sagen afsluttes, da "
                "borgeren er selvforsørgende."
            )
        if reason == "education":
            return f"Borgeren er optaget på {rng.choice(names.EDUCATIONS)} fra {when}. Sagen afsluttes."
        if reason == "moved_away":
            return (
                f"Borgeren er fraflyttet til {rng.choice(names.OTHER_MUNICIPALITIES)} Kommune "
                f"{when}. Sagen er overdraget til tilflytningskommunen."
            )
        return f"Integrationsperioden udløb {when}. Afsluttende samtale afholdt."
