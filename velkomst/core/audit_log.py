"""A citizen's audit log in plain words (SEC-3): the page, its CSV and its PDF for an access
request (aktindsigt) show the same rows, made here.

Each entry becomes a ``Row``: who, when, what kind of access by its label, which record by its
name ("Placeringsforslag: Parkvej 12, Nexø", a deleted record says so), each changed field by
its label with the values as the pages show them (choices by label, dates in the page's format,
linked records by name, Ja/Nej, lists joined, CPR numbers at the reader's level) and the reason in
the reader's language. Records and linked records are fetched in bulk: one query per model that
occurs on the page, whatever the number of entries.

Reasons are stored as text. Those the platform writes itself are recognised here (the Danish
text, its English translation, or an older English internal text) and shown in the reader's
language; a reason a person typed is shown as typed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from velkomst.people import codes

from . import fields
from .formats import format_date, format_number
from .models import AuditAction, AuditEntry, RequestChannel, StaffUser

EMPTY = "–"


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class Row:
    at: datetime
    actor: str
    action: str
    record: str
    changes: Sequence[Change] = field(default_factory=tuple)
    reason: str = ""
    channel: str = ""

    @property
    def changes_text(self) -> str:
        return "; ".join(f"{c.label}: {c.old} → {c.new}" for c in self.changes)


# --- dates and numbers as the pages show them --------------------------------------------------


def show_date(value: date) -> str:
    """One format per language, as the pages show dates (``core.formats``)."""
    return format_date(value, "long")


def show_datetime(value: datetime) -> str:
    return format_date(value, "datetime")


def show_number(value: int | Decimal | float) -> str:
    return format_number(value)


# --- records by their name ---------------------------------------------------------------------

Describer = tuple[tuple[str, ...], Callable[[Any], str]]


def _appointment(obj: Any) -> str:
    return f"{obj.get_kind_display()}, {show_datetime(obj.starts_at)}"


def _suggestion(obj: Any) -> str:
    return (
        str(obj.dwelling)
        if obj.dwelling_id
        else _("intet forslag til %(household)s") % {"household": obj.household.name}
    )


def _meeting(obj: Any) -> str:
    return f"{obj.offer.host}, {show_datetime(obj.meeting_at)}"


def _allocation_line(obj: Any) -> str:
    return f"{format_date(obj.meeting.month, 'month')}: {obj.association}"


def _danish_module(obj: Any) -> str:
    return _("%(track)s, modul %(module)s") % {
        "track": obj.referral.get_track_display(),
        "module": obj.module,
    }


def _barrier(obj: Any) -> str:
    """A health or trauma barrier by the word "health" only: the log's readers may not read
    health data."""
    if obj.kind in ("health", "trauma"):
        return _("helbredsmæssig barriere, opfølgning %(day)s") % {
            "day": show_date(obj.follow_up_on)
        }
    return f"{obj.get_kind_display()}, {show_date(obj.follow_up_on)}"


def _interpreter_booking(obj: Any) -> str:
    from .formats import language

    return f"{obj.get_mode_display()}, {language(obj.language)}, {show_datetime(obj.starts_at)}"


def _coordination(obj: Any) -> str:
    return obj.household.name if obj.household_id else obj.person.full_name


# model label -> (select_related, name of one object); other models by their str()
DESCRIBERS: dict[str, Describer] = {
    "people.Person": ((), lambda o: o.full_name),
    "people.Household": ((), lambda o: o.name),
    "people.Case": (("person",), lambda o: o.person.full_name),
    "people.JournalNote": ((), lambda o: show_datetime(o.created_at)),
    "appointments.Appointment": ((), _appointment),
    "appointments.ContactLog": ((), lambda o: f"{o.get_kind_display()}, {show_date(o.date)}"),
    "families.ChildPlacement": (("person",), lambda o: f"{o.person}: {o.get_kind_display()}"),
    "families.FamilyMeasure": ((), lambda o: o.measure[:80]),
    "housing.PlacementSuggestion": (("dwelling", "household"), _suggestion),
    "housing.Placement": (("dwelling",), lambda o: str(o.dwelling)),
    "housing.HousingNeed": (("household",), lambda o: o.household.name),
    "hosts.Meeting": (("offer__host",), _meeting),
    # the resource bank (CIV-1, CIV-6): a volunteer by name, hours and diplomas by their period
    "volunteers.Volunteer": ((), lambda o: o.name),
    "volunteers.Offer": (("volunteer",), lambda o: f"{o.volunteer.name}: {o.get_kind_display()}"),
    "volunteers.VolunteerHours": (
        (),
        lambda o: f"{show_date(o.period_start)}–{show_date(o.period_end)}",
    ),
    "volunteers.Diploma": ((), lambda o: f"{show_date(o.period_start)}–{show_date(o.period_end)}"),
    "matching.MatchingRun": ((), lambda o: show_datetime(o.created_at)),
    # the status report (MI-3): a report by its year and strategy version, commentary by section
    "insight.StatusReport": ((), lambda o: f"{o.year} ({o.strategy_reference})"),
    "insight.ReportCommentary": ((), str),
    # retention and erasure (SEC-4): a version of the rules and a run by their days, a hold by
    # what it holds
    "retention.RuleSet": ((), lambda o: show_date(o.effective_from)),
    "retention.Run": ((), lambda o: show_date(o.as_of)),
    "retention.LegalHold": (
        (),
        lambda o: (
            _("person %(id)s") % {"id": o.person_id}
            if o.person_id
            else _("sag %(id)s") % {"id": o.case_id}
        ),
    ),
    "matching.MatchingSuggestion": (("opening__company",), lambda o: str(o.opening)),
    "hosts.Lease": (("offer__host",), lambda o: f"{o.offer.host}, {show_date(o.start_date)}"),
    "hosts.LodgingProfile": (("household",), lambda o: o.household.name),
    "reception.ReceptionPlan": (("household",), lambda o: o.household.name),
    "reception.PlanTask": ((), lambda o: _(o.title)),  # a preset title in its translation
    "reception.ChecklistTick": (("item",), lambda o: _(o.item.text)),
    "associations.AllocationLine": (("meeting", "association"), _allocation_line),
    "associations.AllocationMeeting": (
        (),
        lambda o: format_date(o.month, "month"),
    ),
    "visitation.ImportBatch": ((), lambda o: o.file_name),
    "danish.DanishReferral": (("centre",), lambda o: f"{o.get_track_display()}, {o.centre}"),
    "danish.ModuleProgress": (("referral",), _danish_module),
    "danish.MonthlyAttendance": ((), lambda o: format_date(o.month, "month")),
    "danish.DanishExam": ((), lambda o: f"{o.get_exam_display()}, {show_date(o.taken_on)}"),
    "outcomes.Employment": ((), lambda o: f"{o.employer_name}, {show_date(o.start_date)}"),
    "outcomes.EducationOutcome": ((), lambda o: f"{o.programme}, {o.institution}"),
    "outcomes.BenefitPeriod": (
        (),
        lambda o: f"{o.get_benefit_display()}, {show_date(o.from_date)}",
    ),
    "outcomes.SelfSupporting": ((), lambda o: show_date(o.from_date)),
    "outcomes.ResultGrantClaim": (
        (),
        lambda o: f"{o.get_kind_display()}, {show_date(o.earned_on)}",
    ),
    # health (HEA-1, HEA-2, PRG-6): named by kind and date, never by a conclusion
    "health.HealthAssessmentOffer": ((), lambda o: show_date(o.offered_on)),
    "health.HealthAssessment": ((), lambda o: show_date(o.assessed_on)),
    "health.HealthReferral": ((), lambda o: f"{o.get_kind_display()}, {show_date(o.referred_on)}"),
    "consent.Consent": ((), lambda o: f"{o.get_purpose_display()}, {show_date(o.given_on)}"),
    # surveys (CIT-2): named by moment and date, never by an answer
    "surveys.Invitation": ((), lambda o: f"{o.get_moment_display()}, {show_date(o.due_on)}"),
    "surveys.Response": ((), lambda o: show_date(o.answered_on)),
    # citizens' questions (CIT-1): named by when, never by the citizen's words or file name
    "questions.Question": ((), lambda o: show_datetime(o.asked_at)),
    "questions.Attachment": ((), lambda o: f"{o.content_type}, {show_datetime(o.created_at)}"),
    "consent.Disclosure": (
        ("unit",),
        lambda o: f"{o.get_purpose_display()}, {o.recipient_name}, {show_datetime(o.shared_at)}",
    ),
    "health.HealthShare": (("unit",), lambda o: f"{o.unit.name}, {show_datetime(o.shared_at)}"),
    "health.Barrier": ((), _barrier),
    "health.CareCoordination": (("household", "person"), _coordination),
    "health.CoordinatedMeasure": (("unit",), lambda o: f"{o.unit.name}, {show_date(o.from_on)}"),
    "programme.IntegrationPlan": ((), lambda o: o.get_direction_display()),
    "programme.PlanGoal": ((), str),
    "programme.Activity": ((), str),  # "Virksomhedspraktik, Netto"
    "programme.SupportMeasure": ((), lambda o: f"{o.get_kind_display()}, {show_date(o.starts_on)}"),
    "programme.IntegrationContract": ((), lambda o: show_date(o.due_date)),
    # round tables (COO-3)
    "roundtables.RoundTable": ((), lambda o: o.title[:80]),
    "roundtables.Participant": (("user",), lambda o: o.display_name),
    "roundtables.AgendaItem": ((), str),
    "roundtables.Decision": ((), lambda o: o.text[:80]),
    "roundtables.FollowUp": ((), lambda o: f"{o.text[:60]}, {show_date(o.deadline)}"),
    "roundtables.MinutesSent": ((), lambda o: f"{o.recipient}, {show_datetime(o.sent_at)}"),
    # referrals between units (COO-1) and concerns (CIV-3): kind, to which unit, when sent
    "referrals.Referral": (
        ("to_unit",),
        lambda o: f"{o.get_kind_display()}, {o.to_unit.name}, {show_datetime(o.sent_at)}",
    ),
    # volunteer matching (CIV-2): the volunteer's name and the offer's kind
    "pairings.Match": (
        ("offer", "offer__volunteer"),
        lambda o: f"{o.offer.volunteer.name}, {o.offer.get_kind_display()}",
    ),
    "pairings.Wish": ((), lambda o: _("Ønsker til en frivillig")),
    # interpreting (INT-1): the booking by mode, language's name and start; never a code
    "interpreting.Booking": ((), _interpreter_booking),
    "interpreting.Interpreter": ((), lambda o: o.name),
    # handover when a household moves (COO-5): to which municipality, the moving date
    "handover.Handover": (
        ("receiving",),
        lambda o: f"{o.receiving.name}, {show_date(o.moving_date)}",
    ),
    # events and associations (CIV-4, CIV-5, CHI-4)
    "community.Event": ((), lambda o: f"{o.title}, {show_date(o.held_on)}"),
    "community.Invitation": (
        ("event",),
        lambda o: f"{o.event.title}, {show_date(o.event.held_on)}",
    ),
    "community.Association": ((), str),
    "community.Activity": (("association",), lambda o: f"{o.association.name}: {o.name}"),
    "community.FreeMembership": (
        ("association",),
        lambda o: f"{o.association.name}, {show_date(o.starts_on)}",
    ),
    "community.Participation": (
        ("association",),
        lambda o: f"{o.association.name}, {show_date(o.started_on)}",
    ),
    "community.AssociationContact": (("association",), lambda o: o.association.name),
    # the citizen's entrance (CIT-1): an invitation by when it was sent
    "citizen.Invitation": ((), lambda o: show_datetime(o.created_at)),
}


def _model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _fetch(label: str, ids: Iterable[Any]) -> dict[str, Any]:
    """{str(pk): object} of one model, in one query."""
    model = _model(label)
    wanted = {str(pk) for pk in ids if pk not in (None, "")}
    if model is None or not wanted:
        return {}
    select = DESCRIBERS.get(label, ((), str))[0]
    pk_field = model._meta.pk
    assert pk_field is not None
    keys = []
    for pk in wanted:
        try:
            keys.append(pk_field.to_python(pk))
        except Exception:  # noqa: BLE001,S112 - an id that cannot be this model's: not found
            continue
    qs = model._default_manager.filter(pk__in=keys)
    if select:
        qs = qs.select_related(*select)
    return {str(obj.pk): obj for obj in qs}


def _name(label: str, obj: Any) -> str:
    describe = DESCRIBERS.get(label, ((), str))[1]
    return str(describe(obj))


def _kind(label: str) -> str:
    model = _model(label)
    if model is None:
        return label
    return capfirst(str(model._meta.verbose_name))


def _record(label: str, object_id: str, found: dict[str, Any]) -> str:
    if not label:
        return EMPTY
    kind = _kind(label)
    if not object_id:
        return kind
    obj = found.get(object_id)
    if obj is None:
        return _("%(kind)s (slettet)") % {"kind": kind}
    return f"{kind}: {_name(label, obj)}"


# --- fields by their label, values as the pages show them --------------------------------------

# Keys of ``changes`` that are no model field (searches' filters, derived values).
KEY_LABELS = {
    "q": N_("Søgning"),
    "appointments": N_("Aftaler"),
    "token": N_("Indberetningslink"),
    "key_total": N_("Flytninger i fordelingsnøglen i alt"),
    "ticked": N_("Krydset af"),
    "done_by": N_("Udført af"),
    "languages": N_("Sprog"),
    "mine": N_("Kun mine sager"),
    "phase": N_("Fase"),
    "status": N_("Status"),
    "format": N_("Format"),
    "rules": N_("Regler"),
    "questions_answered": N_("Besvarede spørgsmål"),
}

CODE_NAMES: dict[str, Callable[[str, str], str]] = {
    "nationality": codes.country_name,
    "language": codes.language_name,
}

_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _field(model: type[models.Model] | None, key: str) -> Any:
    if model is None:
        return None
    try:
        return model._meta.get_field(key)
    except FieldDoesNotExist:
        return None


def _label(model: type[models.Model] | None, key: str) -> str:
    """The field's own label; else a known key's; else a link's model ("Husstand")."""
    found = _field(model, key)
    own = getattr(found, "verbose_name", None)
    name = getattr(found, "name", key)  # a link's change is kept by its column ("household_id")
    if own and (isinstance(own, Promise) or own != name.replace("_", " ")):  # not Django's default
        return capfirst(str(own))
    if key in KEY_LABELS:
        return _(KEY_LABELS[key])
    related = _related_label(found)
    if related is not None:
        return _kind(related)
    return capfirst(key.replace("_", " "))


def _plain(value: Any) -> str:
    """A value without a field to explain it."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if isinstance(value, list | tuple):
        return ", ".join(_plain(v) for v in value) or EMPTY
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_plain(v)}" for k, v in value.items()) or EMPTY
    if isinstance(value, int | float | Decimal):
        return show_number(value)
    if isinstance(value, str):
        if _ISO_DATETIME.match(value) and (moment := parse_datetime(value)) is not None:
            return show_datetime(moment)
        if _ISO_DATE.match(value) and (day := parse_date(value)) is not None:
            return show_date(day)
    return str(value)


def _linked_id(value: Any) -> str | None:
    """The id a change stored for a link: the number, or one leading a text ("3 v1")."""
    found = re.match(r"^(\d+)\b", str(value))
    return found.group(1) if found and not isinstance(value, bool) else None


def _related_label(model_field: Any) -> str | None:
    if model_field is not None and model_field.is_relation and model_field.related_model:
        return str(model_field.related_model._meta.label)
    return None


def _show(model_field: Any, key: str, value: Any, linked: dict[str, dict[str, Any]]) -> str:
    if value is None or value == "" or value == []:
        return EMPTY
    related = _related_label(model_field)
    if related is not None:
        objects = linked.get(related, {})
        names = []
        for item in value if isinstance(value, list) else [value]:
            pk = _linked_id(item)
            if pk is None:
                names.append(_plain(item))
            elif pk in objects:
                names.append(_name(related, objects[pk]))
            else:
                names.append(_("%(kind)s (slettet)") % {"kind": _kind(related)})
        return ", ".join(names)
    language = translation.get_language() or "da"
    if key in CODE_NAMES and isinstance(value, str):
        return CODE_NAMES[key](value, language)
    if model_field is not None and getattr(model_field, "choices", None):
        labels = {str(k): v for k, v in model_field.flatchoices}
        items = value if isinstance(value, list) else [value]
        return ", ".join(str(labels.get(str(v), v)) for v in items)
    if isinstance(model_field, models.DecimalField) and isinstance(value, str):
        try:
            return show_number(Decimal(value))
        except InvalidOperation:
            return value
    return _plain(value)


# --- reasons in the reader's language ----------------------------------------------------------

# (a text the platform stores as a reason, the Danish message shown); %(name)s are parameters.
# Older English internal texts are listed with the Danish message that replaces them.
KNOWN_REASONS: list[tuple[str, str]] = [
    (N_("Aktindsigt: søgning"), N_("Aktindsigt: søgning")),
    (N_("Aktindsigt: udtræk af log"), N_("Aktindsigt: udtræk af log")),
    (N_("Aktindsigt: udtræk af log som PDF"), N_("Aktindsigt: udtræk af log som PDF")),
    (N_("Opgaven %(title)s er udført"), N_("Opgaven %(title)s er udført")),
    (N_("Visitationsimport af filen %(name)s"), N_("Visitationsimport af filen %(name)s")),
    (N_("Visitationsimport annulleret: %(name)s"), N_("Visitationsimport annulleret: %(name)s")),
    (N_("Mulig dublet i visitationsimport"), N_("Mulig dublet i visitationsimport")),
    ("Fordelingen beregnet igen", N_("Fordelingen beregnet igen")),
    ("Nyt indberetningslink", N_("Nyt indberetningslink")),
    ("Sag oprettet", N_("Sag oprettet")),
    ("Ankomst registreret", N_("Ankomst registreret")),
    ("Fyldt 18 år", N_("Fyldt 18 år")),
    ("anvisningsliste %(month)s (%(format)s)", N_("Anvisningsliste for %(month)s (%(format)s)")),
    ("placement run: waiting households", N_("Placeringskørsel: husstande der venter på bolig")),
    ("placement run suggestions", N_("Placeringskørsel: forslag")),
    ("placement run rule check", N_("Placeringskørsel: kontrol af reglerne")),
    ("time in temporary housing", N_("Tid i midlertidig bolig")),
    ("start page: households waiting for housing", N_("Forsiden: husstande der venter på bolig")),
    ("travel minutes between areas", N_("Rejsetid mellem områder")),
    ("families.placement_overview", N_("Oversigt over pladser i dagtilbud og skole")),
    ("calendar feed", N_("Kalenderabonnement")),
    ("ics", N_("Aftalen hentet til en kalender")),
    ("households", N_("API: husstande")),
    ("persons", N_("API: personer")),
    ("cases", N_("API: sager")),
    ("journal notes", N_("API: journalnotater")),
    ("neighbour reports", N_("API: naboproblemer")),
    ("allocation meeting", N_("API: anvisningsmøde")),
    (
        N_("Statusrapport for %(year)s hentet (%(format)s)"),
        N_("Statusrapport for %(year)s hentet (%(format)s)"),
    ),
    ("welcome folder PDF (%(language)s)", N_("Velkomstmappe som PDF (%(language)s)")),
    ("welcome folder (%(language)s)", N_("Velkomstmappe (%(language)s)")),
    ("danish overview", N_("Oversigt over danskuddannelse")),
    (
        "danish referral list %(month)s (%(format)s)",
        N_("Sprogcentrets henvisningsliste for %(month)s (%(format)s)"),
    ),
    ("danish referrals", N_("API: henvisninger til danskuddannelse")),
    ("danish exams", N_("API: danskprøver")),
    ("result grants", N_("Resultattilskud: oversigt")),
    ("result grants (%(format)s)", N_("Resultattilskud hentet som %(format)s")),
    (N_("CV som PDF (%(language)s)"), N_("CV som PDF (%(language)s)")),
    ("family plan PDF", N_("Plan for børn og familie som PDF")),
    ("Helbredsoplysninger", N_("Helbredsoplysninger")),
    ("Sundhed: oversigt", N_("Sundhed: oversigt")),
    ("Koordinerede indsatser", N_("Koordinerede indsatser")),
    ("Barrierer til opfølgning", N_("Barrierer til opfølgning")),
    (
        N_("Helbredsvurdering: rehabiliterende indsats"),
        N_("Helbredsvurdering: rehabiliterende indsats"),
    ),
    (N_("Helbredsoplysninger delt med %(unit)s"), N_("Helbredsoplysninger delt med %(unit)s")),
    (N_("Videregivet under samtykke"), N_("Videregivet under samtykke")),
    (N_("Deltagelse i foreninger"), N_("Deltagelse i foreninger")),
    (N_("Frivilligmatch"), N_("Frivilligmatch")),
    ("programme overview", N_("Integrationsforløb: frister")),
    ("matching: persons for an opening", N_("Matchning: personer til et opslag")),
    ("matching: openings for a person", N_("Matchning: opslag til en person")),
    ("matching run suggestions", N_("Matchningskørsel: forslag")),
    ("competences", N_("API: kompetencer")),
    ("round-table minutes PDF", N_("Referat af rundbordsmøde som PDF")),
    ("Referat sendt", N_("Referat sendt")),
    ("round tables", N_("API: rundbordsmøder")),
    ("interpreter bookings", N_("API: tolkebestillinger")),
    ("survey invitations", N_("API: spørgeskemaer")),
    ("citizen questions", N_("API: spørgsmål fra borgere")),
    ("entrance: questions", N_("Borgerindgang: spørgsmål")),
    ("entrance: surveys", N_("Borgerindgang: spørgeskemaer")),
    ("Overdragelse til %(municipality)s", N_("Overdragelse til %(municipality)s")),
    ("Overdragelse fra %(municipality)s", N_("Overdragelse fra %(municipality)s")),
    (
        N_("Udtræk til analyse, pseudonymiseret (%(format)s)"),
        N_("Udtræk til analyse, pseudonymiseret (%(format)s)"),
    ),
    # the citizen's entrance (CIT-1): what the citizen did and read there, and the invitations
    (
        N_("Borgerindgang: logget ind med invitation"),
        N_("Borgerindgang: logget ind med invitation"),
    ),
    (N_("Borgerindgang: logget ind med MitID"), N_("Borgerindgang: logget ind med MitID")),
    (N_("Borgerindgang: logget ud"), N_("Borgerindgang: logget ud")),
    (N_("Borgerindgang: forside"), N_("Borgerindgang: forside")),
    (N_("Borgerindgang: plan"), N_("Borgerindgang: plan")),
    (N_("Borgerindgang: aftaler"), N_("Borgerindgang: aftaler")),
    (N_("Borgerindgang: aftale"), N_("Borgerindgang: aftale")),
    (N_("Borgerindgang: opgaver"), N_("Borgerindgang: opgaver")),
    (N_("Borgerindgang: opgave"), N_("Borgerindgang: opgave")),
    (N_("Borgerindgang: dokumenter"), N_("Borgerindgang: dokumenter")),
    (
        N_("Borgerindgang: velkomstmappe som PDF (%(language)s)"),
        N_("Borgerindgang: velkomstmappe som PDF (%(language)s)"),
    ),
    (N_("Borgerindgang: kontaktpersoner"), N_("Borgerindgang: kontaktpersoner")),
    (N_("Invitation til borgerindgangen sendt"), N_("Invitation til borgerindgangen sendt")),
    (
        N_("Invitation til borgerindgangen lukket: for mange forkerte koder"),
        N_("Invitation til borgerindgangen lukket: for mange forkerte koder"),
    ),
]

# a citizen's MitID sign-in (CIT-1, velkomst/citizen/mitid.py SIGNED_IN_REASON)
KNOWN_REASONS.append(("Logget ind med MitID", N_("Logget ind med MitID")))


def _pattern(text: str) -> re.Pattern[str]:
    parts = re.split(r"%\((\w+)\)s", text)
    regex = "".join(
        re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts)
    )
    return re.compile(f"^{regex}$")


def _reason_patterns() -> list[tuple[re.Pattern[str], str]]:
    """Each known reason as stored: as written, and as written in English (a writer that
    translated it under the reader's language)."""
    patterns = []
    for stored, message in KNOWN_REASONS:
        patterns.append((_pattern(stored), message))
        with translation.override("en"):
            english = translation.gettext(stored)
        if english != stored:
            patterns.append((_pattern(english), message))
    return patterns


_PATTERNS: list[tuple[re.Pattern[str], str]] | None = None


def _param(name: str, value: str, language: str) -> str:
    if name == "language":
        return codes.language_name(value, language)
    if name == "month" and (day := parse_date(f"{value}-01")) is not None:
        return format_date(day, "month")
    if name == "title":  # a preset task's title reads in its translation
        return _(value)
    return value


def show_reason(reason: str) -> str:
    """A stored reason in the active language: the platform's own by its message, a person's as
    typed (a preset text, e.g. a checklist item, in its translation)."""
    global _PATTERNS
    if not reason:
        return ""
    if _PATTERNS is None:
        _PATTERNS = _reason_patterns()
    language = translation.get_language() or "da"
    for pattern, message in _PATTERNS:
        found = pattern.match(reason)
        if found:
            params = {k: _param(k, v, language) for k, v in found.groupdict().items()}
            return _(message) % params if params else _(message)
    return _(reason)


CHANNELS = {
    "web": RequestChannel.WEB.label,
    "api": RequestChannel.API.label,
    "system": N_("Systemet"),
    "calendar": N_("Kalenderabonnement"),
    "import": N_("Import"),
    "citizen": N_("Borgerindgang"),
}


def show_channel(channel: str) -> str:
    return _(str(CHANNELS[channel])) if channel in CHANNELS else channel


# --- the rows ----------------------------------------------------------------------------------


def rows(user: StaffUser, entries: Iterable[AuditEntry]) -> list[Row]:
    """The entries as the reader may see them, in plain words; one query per model named."""
    entries = list(entries)
    wanted: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        if e.object_type and e.object_id:
            wanted[e.object_type].add(e.object_id)
        model = _model(e.object_type) if e.object_type else None
        for key, pair in (e.changes or {}).items():
            related = _related_label(_field(model, key))
            if related is None or not isinstance(pair, list):
                continue
            for value in pair:
                for item in value if isinstance(value, list) else [value]:
                    if (pk := _linked_id(item)) is not None:
                        wanted[related].add(pk)
    found = {label: _fetch(label, ids) for label, ids in wanted.items()}
    actions = dict(AuditAction.choices)
    out = []
    for e in entries:
        model = _model(e.object_type) if e.object_type else None
        changes = []
        for key, pair in fields.audit_changes(user, e.changes, e.object_type).items():
            model_field = _field(model, key)
            old, new = pair if isinstance(pair, list) and len(pair) == 2 else (None, pair)
            changes.append(
                Change(
                    label=_label(model, key),
                    old=_show(model_field, key, old, found),
                    new=_show(model_field, key, new, found),
                )
            )
        out.append(
            Row(
                at=e.at,
                actor=e.actor_label,
                action=str(actions.get(e.action, e.action)),
                record=_record(e.object_type, e.object_id, found.get(e.object_type, {})),
                changes=tuple(changes),
                reason=show_reason(e.reason),
                channel=show_channel(e.channel),
            )
        )
    return out


def table(user: StaffUser, entries: Iterable[AuditEntry]) -> list[list[str]]:
    """The header and the rows as text: the CSV's and the PDF's content, the page's columns."""
    header = [
        _("Tidspunkt"),
        _("Medarbejder"),
        _("Handling"),
        _("Oplysning"),
        _("Ændringer"),
        _("Begrundelse"),
        _("Kanal"),
    ]
    return [header] + [
        [show_datetime(r.at), r.actor, r.action, r.record, r.changes_text, r.reason, r.channel]
        for r in rows(user, entries)
    ]
