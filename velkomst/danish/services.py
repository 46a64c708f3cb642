"""Writes of Danish education (PRG-2). Each runs in one transaction with its audit row (the
person's, so an access request finds it); edits use optimistic concurrency (SEC-5). Bad input is
a ``ValidationError({field: message})`` naming the field, and nothing is written.

The checks (docs/decisions.md, "Danish education"): dates in order (start, modules and
attendance not before the referral, an end not before the start, nothing recorded in the
future), one open referral per person, attendance at most the hours offered, and an exam not
before the module that leads to it is passed, when the person's modules on that track are
recorded (a person with no module recorded on the track may still have sat the exam: a private
candidate, or a centre that reports modules late; the page then says the modules are missing).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from velkomst.core import access, audit
from velkomst.core.formats import format_date
from velkomst.core.models import AuditAction, StaffUser
from velkomst.core.records import check_names, snapshot
from velkomst.core.versioning import save_versioned
from velkomst.people.models import Person

from . import rules
from .models import (
    MODULES_PER_TRACK,
    DanishExam,
    DanishReferral,
    ExamResult,
    Grade,
    LanguageCentre,
    ModuleProgress,
    MonthlyAttendance,
    Term,
    Track,
)

CENTRE_FIELDS = ("name", "address", "email", "contact", "phone", "active")
REFERRAL_FIELDS = (
    "centre",
    "track",
    "referred_on",
    "start_on",
    "started_on",
    "ended_on",
    "end_reason",
)
MODULE_FIELDS = ("module", "started_on", "passed_on")
ATTENDANCE_FIELDS = ("month", "hours_offered", "hours_attended")
EXAM_FIELDS = ("exam", "term", "taken_on", "result", "grade", "referral")

# Hours offered in one month at most: the law's "about 15 hours a week at most" over five weeks,
# with room for an intensive month; more is a typing error.
MAX_HOURS_PER_MONTH = Decimal(120)

M = TypeVar("M", bound=models.Model)

PASSING_GRADES = {Grade.G12, Grade.G10, Grade.G7, Grade.G4, Grade.G02}


def _today() -> date:
    return timezone.localdate()


def _not_future(errors: dict[str, str], name: str, day: date | None) -> None:
    if day is not None and day > _today() and name not in errors:
        errors[name] = _("Datoen kan ikke ligge i fremtiden.")


def _raise(errors: Mapping[str, str]) -> None:
    if errors:
        raise ValidationError(dict(errors))


def _save_new(obj: M, *, acting_user: StaffUser, person_id: int, fields: Sequence[str]) -> M:
    obj.save()
    audit.log(
        actor=acting_user,
        action=AuditAction.CREATE,
        obj=obj,
        person_id=person_id,
        changes=audit.diff({}, snapshot(obj, fields)),
    )
    return obj


def _save_change(
    obj: Any,
    *,
    acting_user: StaffUser,
    person_id: int | None,
    expected_version: int,
    values: Mapping[str, Any],
    fields: Sequence[str],
    validate: Any,
) -> Any:
    """Set ``values``, validate, save under the version the user saw and audit what changed
    (with the person). A change that changes nothing writes nothing."""
    check_names(values, fields)
    before = snapshot(obj, fields)
    if not audit.diff(before, dict(values)):
        return obj
    for name, value in values.items():
        setattr(obj, name, value)
    validate(obj)
    save_versioned(obj, expected_version=expected_version, fields=list(values))
    audit.log(
        actor=acting_user,
        action=AuditAction.CHANGE,
        obj=obj,
        person_id=person_id,
        changes=audit.diff(before, snapshot(obj, fields)),
    )
    return obj


# --- language centres --------------------------------------------------------------------------


def _validate_centre(centre: LanguageCentre) -> None:
    errors: dict[str, str] = {}
    if not centre.name.strip():
        errors["name"] = _("Skriv sprogcentrets navn.")
    elif (
        LanguageCentre.objects.filter(
            municipality_id=centre.municipality_id, name__iexact=centre.name.strip()
        )
        .exclude(pk=centre.pk)
        .exists()
    ):
        errors["name"] = _("Der er allerede et sprogcenter med dette navn.")
    _raise(errors)


@transaction.atomic
def centre_create(*, acting_user: StaffUser, **values: Any) -> LanguageCentre:
    municipality_id = access.tenant_id(acting_user)
    access.require_in_tenant(acting_user, access.PROGRAMME_EDIT, municipality_id)
    check_names(values, CENTRE_FIELDS)
    centre = LanguageCentre(municipality_id=municipality_id, **values)
    _validate_centre(centre)
    centre.save()
    audit.log(
        actor=acting_user,
        action=AuditAction.CREATE,
        obj=centre,
        changes=audit.diff({}, snapshot(centre, CENTRE_FIELDS)),
    )
    return centre


@transaction.atomic
def centre_update(
    *, acting_user: StaffUser, centre: LanguageCentre, expected_version: int, **values: Any
) -> LanguageCentre:
    access.require_in_tenant(acting_user, access.PROGRAMME_EDIT, centre.municipality_id)
    result: LanguageCentre = _save_change(
        centre,
        acting_user=acting_user,
        person_id=None,
        expected_version=expected_version,
        values=values,
        fields=CENTRE_FIELDS,
        validate=_validate_centre,
    )
    return result


# --- referrals ---------------------------------------------------------------------------------


def _validate_referral(referral: DanishReferral) -> None:
    errors: dict[str, str] = {}
    centre: LanguageCentre | None = referral.centre if referral.centre_id else None
    if centre is None or centre.municipality_id != referral.municipality_id:
        errors["centre"] = _("Vælg et sprogcenter fra kommunens register.")
    if referral.track not in Track.values:
        errors["track"] = _("Vælg danskuddannelse 1, 2 eller 3.")
    referred = referral.referred_on
    if referred is None:
        errors["referred_on"] = _("Angiv datoen for henvisningen.")
    else:
        _not_future(errors, "referred_on", referred)
        if referral.start_on is not None and referral.start_on < referred:
            errors["start_on"] = _("Planlagt start kan ikke ligge før henvisningen.")
        if referral.started_on is not None and referral.started_on < referred:
            errors["started_on"] = _("Faktisk start kan ikke ligge før henvisningen.")
    _not_future(errors, "started_on", referral.started_on)
    if referral.ended_on is not None:
        first = referral.started_on or referred
        if first is not None and referral.ended_on < first:
            errors["ended_on"] = _("Afslutningen kan ikke ligge før starten.")
        _not_future(errors, "ended_on", referral.ended_on)
        if not referral.end_reason:
            errors["end_reason"] = _("Angiv, hvorfor forløbet er afsluttet.")
    elif referral.end_reason:
        errors["ended_on"] = _("Angiv datoen for afslutningen, eller fjern årsagen.")
    if referral.pk is not None and not errors:
        first_module = (
            ModuleProgress.objects.filter(referral_id=referral.pk)
            .order_by("started_on")
            .values_list("started_on", flat=True)
            .first()
        )
        begun = referral.started_on or referred
        if first_module is not None and begun is not None and first_module < begun:
            errors["started_on"] = _("Et modul er registreret startet %(day)s, før denne dato.") % {
                "day": format_date(first_module)
            }
    if referral.ended_on is None and "track" not in errors:
        other = (
            DanishReferral.objects.filter(person_id=referral.person_id, ended_on__isnull=True)
            .exclude(pk=referral.pk)
            .select_related("centre")
            .first()
        )
        if other is not None:
            errors["track"] = _(
                "Personen har allerede en åben henvisning (%(referral)s). Afslut den først."
            ) % {"referral": str(other)}
    _raise(errors)


@transaction.atomic
def referral_create(*, acting_user: StaffUser, person: Person, **values: Any) -> DanishReferral:
    access.require_in_tenant(acting_user, access.PROGRAMME_EDIT, person.municipality_id)
    check_names(values, REFERRAL_FIELDS)
    values.setdefault("end_reason", "")
    referral = DanishReferral(municipality_id=person.municipality_id, person=person, **values)
    _validate_referral(referral)
    return _save_new(referral, acting_user=acting_user, person_id=person.pk, fields=REFERRAL_FIELDS)


@transaction.atomic
def referral_update(
    *, acting_user: StaffUser, referral: DanishReferral, expected_version: int, **values: Any
) -> DanishReferral:
    access.require_in_tenant(acting_user, access.PROGRAMME_EDIT, referral.municipality_id)
    if "end_reason" in values and values["end_reason"] is None:
        values["end_reason"] = ""
    result: DanishReferral = _save_change(
        referral,
        acting_user=acting_user,
        person_id=referral.person_id,
        expected_version=expected_version,
        values=values,
        fields=REFERRAL_FIELDS,
        validate=_validate_referral,
    )
    return result


# --- modules -----------------------------------------------------------------------------------


def _validate_module(progress: ModuleProgress) -> None:
    errors: dict[str, str] = {}
    referral = progress.referral
    if not isinstance(progress.module, int) or not 1 <= progress.module <= MODULES_PER_TRACK:
        errors["module"] = _("Vælg et modul fra 1 til 6.")
    elif (
        ModuleProgress.objects.filter(referral_id=referral.pk, module=progress.module)
        .exclude(pk=progress.pk)
        .exists()
    ):
        errors["module"] = _("Modul %(module)s er allerede registreret på denne henvisning.") % {
            "module": progress.module
        }
    begun = referral.started_on or referral.referred_on
    if progress.started_on is None:
        errors["started_on"] = _("Angiv, hvornår modulet startede.")
    else:
        if progress.started_on < begun:
            errors["started_on"] = _("Modulet kan ikke starte før undervisningen (%(day)s).") % {
                "day": format_date(begun)
            }
        elif referral.ended_on is not None and progress.started_on > referral.ended_on:
            errors["started_on"] = _(
                "Modulet kan ikke starte efter, at forløbet sluttede (%(day)s)."
            ) % {"day": format_date(referral.ended_on)}
        _not_future(errors, "started_on", progress.started_on)
        if progress.passed_on is not None and progress.passed_on < progress.started_on:
            errors["passed_on"] = _("Modultesten kan ikke være bestået, før modulet startede.")
    _not_future(errors, "passed_on", progress.passed_on)
    _raise(errors)


@transaction.atomic
def module_create(
    *, acting_user: StaffUser, referral: DanishReferral, **values: Any
) -> ModuleProgress:
    access.require_in_tenant(acting_user, access.PROGRAMME_EDIT, referral.municipality_id)
    check_names(values, MODULE_FIELDS)
    progress = ModuleProgress(municipality_id=referral.municipality_id, referral=referral, **values)
    _validate_module(progress)
    return _save_new(
        progress, acting_user=acting_user, person_id=referral.person_id, fields=MODULE_FIELDS
    )


@transaction.atomic
def module_update(
    *, acting_user: StaffUser, progress: ModuleProgress, expected_version: int, **values: Any
) -> ModuleProgress:
    access.require_in_tenant(acting_user, access.PROGRAMME_EDIT, progress.municipality_id)
    result: ModuleProgress = _save_change(
        progress,
        acting_user=acting_user,
        person_id=progress.referral.person_id,
        expected_version=expected_version,
        values=values,
        fields=MODULE_FIELDS,
        validate=_validate_module,
    )
    return result


# --- attendance --------------------------------------------------------------------------------


def _validate_attendance(row: MonthlyAttendance) -> None:
    errors: dict[str, str] = {}
    referral = row.referral
    if row.month is None:
        errors["month"] = _("Angiv måneden.")
    else:
        row.month = row.month.replace(day=1)
        begun = (referral.started_on or referral.referred_on).replace(day=1)
        if row.month < begun:
            errors["month"] = _("Måneden ligger før undervisningen startede.")
        elif referral.ended_on is not None and row.month > referral.ended_on:
            errors["month"] = _("Måneden ligger efter, at forløbet sluttede.")
        elif row.month > _today():
            errors["month"] = _("Måneden kan ikke ligge i fremtiden.")
        elif (
            MonthlyAttendance.objects.filter(referral_id=referral.pk, month=row.month)
            .exclude(pk=row.pk)
            .exists()
        ):
            errors["month"] = _("Fremmødet for denne måned er allerede registreret.")
    offered, attended = row.hours_offered, row.hours_attended
    if offered is None or Decimal(offered) < 0:
        errors["hours_offered"] = _("Angiv de tilbudte timer (0 eller flere).")
    elif Decimal(offered) > MAX_HOURS_PER_MONTH:
        errors["hours_offered"] = _("Højst %(hours)s timer tilbudt på en måned.") % {
            "hours": MAX_HOURS_PER_MONTH
        }
    if attended is None or Decimal(attended) < 0:
        errors["hours_attended"] = _("Angiv de fremmødte timer (0 eller flere).")
    elif offered is not None and Decimal(attended) > Decimal(offered):
        errors["hours_attended"] = _(
            "Fremmødte timer kan ikke være flere end de tilbudte (%(offered)s)."
        ) % {"offered": offered}
    _raise(errors)


@transaction.atomic
def attendance_create(
    *, acting_user: StaffUser, referral: DanishReferral, **values: Any
) -> MonthlyAttendance:
    access.require_in_tenant(acting_user, access.PROGRAMME_EDIT, referral.municipality_id)
    check_names(values, ATTENDANCE_FIELDS)
    row = MonthlyAttendance(municipality_id=referral.municipality_id, referral=referral, **values)
    _validate_attendance(row)
    return _save_new(
        row, acting_user=acting_user, person_id=referral.person_id, fields=ATTENDANCE_FIELDS
    )


@transaction.atomic
def attendance_update(
    *, acting_user: StaffUser, row: MonthlyAttendance, expected_version: int, **values: Any
) -> MonthlyAttendance:
    access.require_in_tenant(acting_user, access.PROGRAMME_EDIT, row.municipality_id)
    result: MonthlyAttendance = _save_change(
        row,
        acting_user=acting_user,
        person_id=row.referral.person_id,
        expected_version=expected_version,
        values=values,
        fields=ATTENDANCE_FIELDS,
        validate=_validate_attendance,
    )
    return result


# --- exams -------------------------------------------------------------------------------------


def module_missing(exam: str, person_id: int, taken_on: date | None) -> str | None:
    """Why ``exam`` cannot have been sat on ``taken_on``: the module that leads to it is recorded
    on the person's referral of that track but not passed by then. None when it was passed in
    time, or when no module of that track is recorded at all (allowed; the page warns)."""
    track, module = rules.EXAM_AFTER[exam]
    recorded = ModuleProgress.objects.filter(
        referral__person_id=person_id, referral__track=track
    ).values_list("module", "passed_on")
    rows = list(recorded)
    if not rows:
        return None
    passed = [p for m, p in rows if m == module and p is not None]
    if passed and (taken_on is None or min(passed) <= taken_on):
        return None
    return _(
        "%(exam)s kræver, at modul %(module)s på %(track)s er bestået før prøven; "
        "modultesten er ikke registreret som bestået før %(day)s."
    ) % {
        "exam": rules.exam_label(exam),
        "module": module,
        "track": Track(track).label,
        "day": format_date(taken_on) if taken_on else "",
    }


def _validate_exam(row: DanishExam) -> None:
    errors: dict[str, str] = {}
    if row.exam not in rules.EXAM_AFTER:
        errors["exam"] = _("Vælg en prøve.")
    if row.taken_on is None:
        errors["taken_on"] = _("Angiv prøvedatoen.")
    else:
        _not_future(errors, "taken_on", row.taken_on)
    if not row.term and row.taken_on is not None:
        row.term = rules.term_of(row.taken_on) or ""
        if not row.term:
            errors["term"] = _(
                "Prøvedatoen ligger uden for terminerne maj-juni og november-december; "
                "angiv terminen."
            )
    elif row.term:
        year, _sep, season = row.term.partition("-")
        if not (year.isdigit() and len(year) == 4 and season in Term.values):
            errors["term"] = _("Angiv terminen som år og sommer eller vinter, fx 2026-summer.")
    if row.result not in ExamResult.values:
        errors["result"] = _("Vælg resultatet.")
    if row.grade:
        if row.grade not in Grade.values:
            errors["grade"] = _("Karakteren skal være en værdi på 7-trinsskalaen.")
        elif row.result == ExamResult.ABSENT:
            errors["grade"] = _("En udeblivelse har ingen karakter.")
        elif row.result == ExamResult.PASSED and row.grade not in PASSING_GRADES:
            errors["grade"] = _("En bestået prøve har mindst karakteren 02.")
        elif row.result == ExamResult.FAILED and row.grade in PASSING_GRADES:
            errors["grade"] = _("En ikke bestået prøve har karakteren 00 eller -3.")
    referral: DanishReferral | None = row.referral if row.referral_id else None
    if referral is not None and referral.person_id != row.person_id:
        errors["referral"] = _("Henvisningen er en anden persons.")
    if "exam" not in errors and "taken_on" not in errors:
        missing = module_missing(row.exam, row.person_id, row.taken_on)
        if missing:
            errors["exam"] = missing
    _raise(errors)


@transaction.atomic
def exam_create(*, acting_user: StaffUser, person: Person, **values: Any) -> DanishExam:
    access.require_in_tenant(acting_user, access.PROGRAMME_EDIT, person.municipality_id)
    check_names(values, EXAM_FIELDS)
    values["term"] = values.get("term") or ""
    values["grade"] = values.get("grade") or ""
    row = DanishExam(municipality_id=person.municipality_id, person=person, **values)
    _validate_exam(row)
    return _save_new(row, acting_user=acting_user, person_id=person.pk, fields=EXAM_FIELDS)


@transaction.atomic
def exam_update(
    *, acting_user: StaffUser, row: DanishExam, expected_version: int, **values: Any
) -> DanishExam:
    access.require_in_tenant(acting_user, access.PROGRAMME_EDIT, row.municipality_id)
    for name in ("term", "grade"):
        if name in values and values[name] is None:
            values[name] = ""
    if "taken_on" in values and not values.get("term"):
        values["term"] = ""  # derived again from the new date
    result: DanishExam = _save_change(
        row,
        acting_user=acting_user,
        person_id=row.person_id,
        expected_version=expected_version,
        values=values,
        fields=EXAM_FIELDS,
        validate=_validate_exam,
    )
    return result
