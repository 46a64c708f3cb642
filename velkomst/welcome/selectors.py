"""Reads for the welcome folder (REC-7): its texts in the household's language, and the
household's contacts, first appointments and children's places.

``household`` always comes from people.selectors.household_get (scoped to the acting user).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.apps import apps
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_info

from velkomst.core.models import Municipality, StaffUser, Unit
from velkomst.families import selectors as families_selectors
from velkomst.people import codes
from velkomst.people.models import (
    AssignmentKind,
    CaseAssignment,
    Household,
    Person,
    Proficiency,
    Relation,
)
from velkomst.reception import selectors as reception_selectors

from .models import WelcomeText
from .texts import DANISH, KEYS, RTL_LANGUAGES, SHIPPED, normalise_language

# reception-plan task categories that are meetings with the household, and the text key of each
MEETING_CATEGORIES = {
    "pre_arrival_meeting": "pre_arrival_meeting",
    "welcome_meeting": "welcome_meeting",
    "child_screening": "screening_meeting",
    "child_start_meeting": "start_meeting",
    "child_screening_2": "second_screening",
    "housing_visit_1": "housing_visit",
    "housing_visit_2": "housing_visit",
}


@dataclass(frozen=True)
class Text:
    """One text of the folder and the language it is in (a fallback is Danish)."""

    value: str
    language: str
    document_language: str

    def __str__(self) -> str:
        return self.value

    @property
    def is_fallback(self) -> bool:
        return self.language != self.document_language

    @property
    def attrs(self) -> SafeString:
        """` lang="da" dir="ltr"` on an element whose text is not in the document's language."""
        if not self.is_fallback:
            return mark_safe("")  # noqa: S308 - a constant
        return format_html(' lang="{}" dir="{}"', self.language, direction(self.language))

    @property
    def lines(self) -> list[str]:
        return [line.strip() for line in self.value.splitlines() if line.strip()]

    def format(self, **values: str) -> Text:
        """Replace ``{name}`` placeholders (only the given ones; other braces stay)."""
        value = self.value
        for name, replacement in values.items():
            value = value.replace("{" + name + "}", replacement)
        return Text(value, self.language, self.document_language)


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    direction: str


def is_rtl(code: str) -> bool:
    code = normalise_language(code)
    if code in RTL_LANGUAGES:
        return True
    try:
        return bool(get_language_info(code)["bidi"])
    except KeyError:
        return False


def direction(code: str) -> str:
    return "rtl" if is_rtl(code) else "ltr"


def language_name(code: str) -> str:
    """The language's name in itself, from the one code list (people/codes.py)."""
    return codes.language_autonym(code)


def _rows(municipality_id: int, languages: set[str] | None = None) -> list[WelcomeText]:
    qs = WelcomeText.objects.filter(
        Q(municipality_id=municipality_id) | Q(municipality__isnull=True)
    )
    if languages is not None:
        qs = qs.filter(language__in=languages)
    return list(qs)


def available_languages(municipality_id: int) -> list[Language]:
    """The languages the folder has texts in for the municipality: Danish first."""
    codes = set(SHIPPED) | set(
        WelcomeText.objects.filter(
            Q(municipality_id=municipality_id) | Q(municipality__isnull=True)
        ).values_list("language", flat=True)
    )
    ordered = [DANISH] + sorted(codes - {DANISH})
    return [Language(code, language_name(code), direction(code)) for code in ordered]


def texts_for(municipality_id: int, language: str) -> dict[str, Text]:
    """Every key's text in ``language``: the municipality's own, else the platform's, else the
    shipped one; a key without any in ``language`` falls back to Danish in the same order."""
    language = normalise_language(language)
    rows = _rows(municipality_id, {language, DANISH})

    def lookup(lang: str, key: str) -> str | None:
        own = platform = None
        for row in rows:
            if row.language == lang and row.key == key:
                if row.municipality_id is None:
                    platform = row.text
                else:
                    own = row.text
        return own or platform or SHIPPED.get(lang, {}).get(key)

    result: dict[str, Text] = {}
    for key in KEYS:
        text = lookup(language, key)
        if text is not None:
            result[key] = Text(text, language, language)
        else:
            result[key] = Text(lookup(DANISH, key) or "", DANISH, language)
    return result


def household_head(household: Household, members: list[Person]) -> Person | None:
    heads = [m for m in members if m.relation == Relation.HEAD]
    return heads[0] if heads else (members[0] if members else None)


def native_language(person: Person | None) -> str:
    """The person's native language (else the first language recorded), normalised."""
    if person is None:
        return ""
    languages = sorted(person.languages.all(), key=lambda lang: lang.pk)
    native = [lang for lang in languages if lang.proficiency == Proficiency.NATIVE]
    chosen = native or languages
    return normalise_language(chosen[0].language) if chosen else ""


def choose_language(*, requested: str, head_language: str, available: list[Language]) -> str:
    """``?lang=`` if given, else the household head's native language, if the folder has texts
    in it; Danish otherwise."""
    codes = {language.code for language in available}
    wanted = normalise_language(requested) if requested else head_language
    return wanted if wanted in codes else DANISH


@dataclass
class Contact:
    staff: StaffUser
    role_key: str  # label_caseworker or label_contact_person
    for_names: list[str] = field(default_factory=list)

    @property
    def unit(self) -> Unit | None:
        """Where the household meets the staff member: their first unit with an address or
        opening hours (``Unit.address``, ``Unit.opening_hours``, set in the admin)."""
        units = [u for u in self.staff.units.all() if u.address or u.opening_hours]
        return min(units, key=lambda u: u.name) if units else None


@dataclass
class Meeting:
    kind_key: str  # meeting_<kind>: its title among the texts
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    place: str = ""
    no_later_than: date | None = None
    title: Text | None = None
    when: Text | None = None  # "no later than <date>" for a meeting not booked yet


@dataclass
class ChildLine:
    person: Person
    kind_key: str
    institution: str
    start: date | None
    started: bool


@dataclass
class Folder:
    household: Household
    municipality: Municipality
    members: list[Person]
    language: str
    direction: str
    texts: dict[str, Text]
    contacts: list[Contact]
    meetings: list[Meeting]
    children: list[ChildLine]
    available: list[Language]
    head_language: str
    printed_on: date

    @property
    def language_name(self) -> str:
        return language_name(self.language)


def household_contacts(members: list[Person]) -> list[Contact]:
    """The members' fixed caseworkers and contact persons (the welcome folder's and the citizen's
    entrance's, CIT-1), each with the members they are for; a fixed number of queries whatever
    the household's size (``members`` with ``case__caseworker`` selected)."""
    cases = [case for person in members if (case := getattr(person, "case", None)) is not None]
    prefetch_related_objects(
        cases,
        Prefetch(
            "assignments",
            queryset=CaseAssignment.objects.filter(
                kind=AssignmentKind.CONTACT, ended_at__isnull=True
            ).select_related("staff"),
            to_attr="open_contact_persons",
        ),
    )
    contacts: dict[tuple[int, str], Contact] = {}
    for person in members:
        case = getattr(person, "case", None)
        if case is None:
            continue
        assigned: list[tuple[StaffUser, str]] = []
        if case.caseworker is not None:
            assigned.append((case.caseworker, "label_caseworker"))
        assigned += [(a.staff, "label_contact_person") for a in case.open_contact_persons]
        for staff, role_key in assigned:
            contact = contacts.setdefault((staff.pk, role_key), Contact(staff, role_key))
            contact.for_names.append(person.first_name)
    prefetch_related_objects([c.staff for c in contacts.values()], "units")
    return sorted(contacts.values(), key=lambda c: (c.role_key != "label_caseworker", c.staff.pk))


def _meetings(user: StaffUser | None, household: Household, today: date) -> list[Meeting]:
    """Booked appointments (if the appointments app is installed) from today on, then the
    reception plan's meetings not booked yet, with the date they are due by."""
    meetings: list[Meeting] = []
    booked_tasks: set[int] = set()
    if apps.is_installed("velkomst.appointments"):
        Appointment = apps.get_model("appointments", "Appointment")
        start_of_today = timezone.make_aware(datetime.combine(today, datetime.min.time()))
        for appointment in Appointment.objects.filter(
            municipality_id=household.municipality_id,
            household=household,
            status="planned",
            starts_at__gte=start_of_today,
        ).order_by("starts_at", "id"):
            meetings.append(
                Meeting(
                    kind_key=f"meeting_{appointment.kind}",
                    starts_at=appointment.starts_at,
                    ends_at=appointment.ends_at,
                    place=appointment.place,
                )
            )
            if appointment.plan_task_id:
                booked_tasks.add(appointment.plan_task_id)
    planned = []
    open_tasks = (
        reception_selectors.household_open_tasks(user=user, household=household)
        if user is not None
        else reception_selectors.household_open_tasks_of(household)
    )
    for task in open_tasks:
        kind = MEETING_CATEGORIES.get(task.category)
        if kind is None or task.pk in booked_tasks:
            continue
        if task.due_date is not None and task.due_date < today:
            continue
        planned.append(Meeting(kind_key=f"meeting_{kind}", no_later_than=task.due_date))
    planned.sort(key=lambda m: (m.no_later_than is None, m.no_later_than or today))
    return meetings + planned


def _children(household: Household, members: list[Person], today: date) -> list[ChildLine]:
    lines = []
    for row in families_selectors.household_children(
        household=household, members=members, today=today
    ):
        placement = row.placement
        if placement is None:
            lines.append(ChildLine(row.person, "", "", None, False))
            continue
        lines.append(
            ChildLine(
                person=row.person,
                kind_key=f"kind_{placement.kind}",
                institution=placement.institution_label,
                start=placement.actual_start_date or placement.planned_start_date,
                started=placement.actual_start_date is not None,
            )
        )
    return lines


def day_text(day: date) -> str:
    """A date as digits (1.7.2026): readable in every language without month names."""
    return f"{day.day}.{day.month}.{day.year}"


def welcome_folder(
    *,
    user: StaffUser | None,
    household: Household,
    requested_language: str = "",
    today: date | None = None,
) -> Folder:
    """Everything the welcome folder shows, in the chosen language. ``user`` None: the
    citizen's own copy from their entrance (CIT-1), every open task of the household's plan."""
    today = today or timezone.localdate()
    members = list(household.members.select_related("case__caseworker"))
    municipality = household.municipality
    available = available_languages(municipality.pk)
    head_language = native_language(household_head(household, members))
    language = choose_language(
        requested=requested_language, head_language=head_language, available=available
    )
    texts = texts_for(municipality.pk, language)
    texts["title"] = texts["title"].format(municipality=municipality.name)
    texts["subtitle"] = texts["subtitle"].format(household=household.name)
    texts["footer"] = texts["footer"].format(date=day_text(today))
    meetings = _meetings(user, household, today)
    for meeting in meetings:
        meeting.title = texts.get(meeting.kind_key) or texts["meeting_other"]
        if meeting.starts_at is None:
            meeting.when = (
                texts["label_no_later_than"].format(date=day_text(meeting.no_later_than))
                if meeting.no_later_than
                else texts["label_later"]
            )
    return Folder(
        household=household,
        municipality=municipality,
        members=members,
        language=language,
        direction=direction(language),
        texts=texts,
        contacts=household_contacts(members),
        meetings=meetings,
        children=_children(household, members, today),
        available=available,
        head_language=head_language,
        printed_on=today,
    )
