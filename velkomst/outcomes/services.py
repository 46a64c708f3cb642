"""Writes of a person's outcomes (PRG-7): employment, education, benefit periods and self-support.

Each write checks PROGRAMME_EDIT on the person's municipality, validates (dates in order, hours
a week, the employer's CVR number by its modulus-11 check, no employment overlapping another, no
benefit period overlapping another), and saves with its audit row about the person in one
transaction; edits use optimistic concurrency (SEC-5). The result grants are never written here:
they are derived (selectors.grants_for_user, velkomst.engines.grants); what is written is the
municipality's claim of a derived grant (``claim_create``, ``claim_update``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from velkomst.core import access, audit, cvr
from velkomst.core.formats import format_date
from velkomst.core.models import AuditAction, StaffUser
from velkomst.core.records import check_names, snapshot
from velkomst.core.versioning import save_versioned
from velkomst.people.models import Person

from .models import (
    BenefitPeriod,
    BenefitType,
    EducationOutcome,
    Employment,
    GrantKind,
    ResultGrantClaim,
    SelfSupporting,
    SelfSupportSource,
    SubsidyKind,
)

EMPLOYMENT_FIELDS = (
    "employer_name",
    "cvr",
    "start_date",
    "end_date",
    "hours_per_week",
    "subsidy",
)
EDUCATION_FIELDS = (
    "institution",
    "programme",
    "qualifying",
    "started_on",
    "completed_on",
    "dropped_on",
)
BENEFIT_FIELDS = ("benefit", "from_date", "to_date")
SELF_SUPPORTING_FIELDS = ("from_date", "source")

MAX_HOURS_PER_WEEK = Decimal(48)  # the working-time directive's average week

M = TypeVar("M", bound=models.Model)


EARLIEST, LATEST = date(1950, 1, 1), date(2100, 12, 31)


def _dates_in_range(record: Any, names: Sequence[str], errors: dict[str, str]) -> None:
    """A date outside 1950-2100 is a typing error (and no programme's fact): name its field."""
    for name in names:
        value = getattr(record, name)
        if value is not None and not EARLIEST <= value <= LATEST and name not in errors:
            errors[name] = _("Datoen skal ligge mellem 1950 og 2100.")


def _overlaps(start: date, end: date | None, other_start: date, other_end: date | None) -> bool:
    return (other_end is None or start <= other_end) and (end is None or other_start <= end)


def _period_name(start: date, end: date | None) -> str:
    return f"{format_date(start, 'long')} – {format_date(end, 'long') if end else _('nu')}"


def validate_employment(employment: Employment) -> None:
    errors: dict[str, str] = {}
    if not employment.employer_name.strip():
        errors["employer_name"] = _("Skriv arbejdsgiverens navn.")
    if employment.cvr:
        employment.cvr = cvr.normalise(employment.cvr)
        if not cvr.cvr_valid(employment.cvr):
            errors["cvr"] = _(
                "CVR-nummeret %(cvr)s er ikke gyldigt: det skal være 8 cifre, der består "
                "modulus 11-kontrollen."
            ) % {"cvr": employment.cvr}
    hours = employment.hours_per_week
    if hours is None or hours <= 0:
        errors["hours_per_week"] = _("Skriv timer pr. uge (mere end 0).")
    elif hours > MAX_HOURS_PER_WEEK:
        errors["hours_per_week"] = _("Højst %(max)s timer pr. uge.") % {"max": MAX_HOURS_PER_WEEK}
    if employment.subsidy not in SubsidyKind.values:
        errors["subsidy"] = _("Vælg en type tilskud.")
    _dates_in_range(employment, ("start_date", "end_date"), errors)
    if {"start_date", "end_date"} & set(errors):
        pass
    elif employment.end_date is not None and employment.end_date < employment.start_date:
        errors["end_date"] = _("Slutdatoen ligger før startdatoen.")
    elif "start_date" not in errors:
        others = Employment.objects.filter(person_id=employment.person_id).exclude(pk=employment.pk)
        for other in others:
            if _overlaps(
                employment.start_date, employment.end_date, other.start_date, other.end_date
            ):
                errors["start_date"] = _(
                    "Perioden overlapper beskæftigelsen hos %(employer)s (%(period)s). Afslut "
                    "den først, eller ret datoerne."
                ) % {
                    "employer": other.employer_name,
                    "period": _period_name(other.start_date, other.end_date),
                }
                break
    if errors:
        raise ValidationError(errors)


def validate_education(education: EducationOutcome) -> None:
    errors: dict[str, str] = {}
    if not education.institution.strip():
        errors["institution"] = _("Skriv uddannelsesstedet.")
    if not education.programme.strip():
        errors["programme"] = _("Skriv uddannelsens navn.")
    _dates_in_range(education, ("started_on", "completed_on", "dropped_on"), errors)
    if errors:
        raise ValidationError(errors)
    if education.completed_on and education.dropped_on:
        errors["dropped_on"] = _("En uddannelse er enten fuldført eller afbrudt, ikke begge.")
    if education.completed_on and education.completed_on < education.started_on:
        errors["completed_on"] = _("Datoen for fuldført ligger før startdatoen.")
    if education.dropped_on and education.dropped_on < education.started_on:
        errors["dropped_on"] = _("Datoen for afbrudt ligger før startdatoen.")
    if errors:
        raise ValidationError(errors)


def validate_benefit(period: BenefitPeriod) -> None:
    errors: dict[str, str] = {}
    if period.benefit not in BenefitType.values:
        errors["benefit"] = _("Vælg en ydelse.")
    _dates_in_range(period, ("from_date", "to_date"), errors)
    if {"from_date", "to_date"} & set(errors):
        pass
    elif period.to_date is not None and period.to_date < period.from_date:
        errors["to_date"] = _("Til-datoen ligger før fra-datoen.")
    else:
        others = BenefitPeriod.objects.filter(person_id=period.person_id).exclude(pk=period.pk)
        for other in others:
            if _overlaps(period.from_date, period.to_date, other.from_date, other.to_date):
                errors["from_date"] = _(
                    "Perioden overlapper ydelsesperioden %(benefit)s (%(period)s)."
                ) % {
                    "benefit": other.get_benefit_display(),
                    "period": _period_name(other.from_date, other.to_date),
                }
                break
    if errors:
        raise ValidationError(errors)


def validate_self_supporting(record: SelfSupporting) -> None:
    errors: dict[str, str] = {}
    _dates_in_range(record, ("from_date",), errors)
    if record.source not in SelfSupportSource.values:
        errors["source"] = _("Vælg forsørgelsesgrundlaget.")
    if errors:
        raise ValidationError(errors)


# --- the common steps ---------------------------------------------------------------------------


def _lock_person(person: Person) -> None:
    """Serialise writes of one person's outcomes, so two overlapping periods saved at the same
    time cannot both pass the overlap check."""
    Person.objects.select_for_update().filter(pk=person.pk).values_list("pk").first()


def _create(obj: M, *, acting_user: StaffUser, fields: Sequence[str], validate: Any) -> M:
    validate(obj)
    obj.save()
    audit.log(
        actor=acting_user,
        action=AuditAction.CREATE,
        obj=obj,
        person_id=obj.person_id,  # type: ignore[attr-defined]
        changes=audit.diff({}, snapshot(obj, fields)),
    )
    return obj


def _update(
    obj: M,
    *,
    acting_user: StaffUser,
    expected_version: int,
    values: dict[str, Any],
    fields: Sequence[str],
    validate: Any,
) -> M:
    check_names(values, fields)
    before = snapshot(obj, fields)
    if not audit.diff(before, dict(values)):
        return obj
    for name, value in values.items():
        setattr(obj, name, value)
    validate(obj)
    save_versioned(obj, expected_version=expected_version, fields=list(fields))
    audit.log(
        actor=acting_user,
        action=AuditAction.CHANGE,
        obj=obj,
        person_id=obj.person_id,  # type: ignore[attr-defined]
        changes=audit.diff(before, snapshot(obj, fields)),
    )
    return obj


def _may_edit(acting_user: StaffUser, person: Person) -> None:
    access.require_in_tenant(acting_user, access.PROGRAMME_EDIT, person.municipality_id)


# --- employment ---------------------------------------------------------------------------------


@transaction.atomic
def employment_create(*, acting_user: StaffUser, person: Person, **values: Any) -> Employment:
    _may_edit(acting_user, person)
    check_names(values, EMPLOYMENT_FIELDS)
    _lock_person(person)
    values.setdefault("subsidy", SubsidyKind.NONE)
    values["cvr"] = values.get("cvr") or ""
    return _create(
        Employment(municipality_id=person.municipality_id, person=person, **values),
        acting_user=acting_user,
        fields=EMPLOYMENT_FIELDS,
        validate=validate_employment,
    )


@transaction.atomic
def employment_update(
    *, acting_user: StaffUser, employment: Employment, expected_version: int, **values: Any
) -> Employment:
    _may_edit(acting_user, employment.person)
    _lock_person(employment.person)
    if "cvr" in values:
        values["cvr"] = values["cvr"] or ""
    return _update(
        employment,
        acting_user=acting_user,
        expected_version=expected_version,
        values=values,
        fields=EMPLOYMENT_FIELDS,
        validate=validate_employment,
    )


# --- education ----------------------------------------------------------------------------------


@transaction.atomic
def education_create(*, acting_user: StaffUser, person: Person, **values: Any) -> EducationOutcome:
    _may_edit(acting_user, person)
    check_names(values, EDUCATION_FIELDS)
    return _create(
        EducationOutcome(municipality_id=person.municipality_id, person=person, **values),
        acting_user=acting_user,
        fields=EDUCATION_FIELDS,
        validate=validate_education,
    )


@transaction.atomic
def education_update(
    *,
    acting_user: StaffUser,
    education: EducationOutcome,
    expected_version: int,
    **values: Any,
) -> EducationOutcome:
    _may_edit(acting_user, education.person)
    return _update(
        education,
        acting_user=acting_user,
        expected_version=expected_version,
        values=values,
        fields=EDUCATION_FIELDS,
        validate=validate_education,
    )


# --- benefit periods ----------------------------------------------------------------------------


@transaction.atomic
def benefit_create(*, acting_user: StaffUser, person: Person, **values: Any) -> BenefitPeriod:
    _may_edit(acting_user, person)
    check_names(values, BENEFIT_FIELDS)
    _lock_person(person)
    return _create(
        BenefitPeriod(municipality_id=person.municipality_id, person=person, **values),
        acting_user=acting_user,
        fields=BENEFIT_FIELDS,
        validate=validate_benefit,
    )


@transaction.atomic
def benefit_update(
    *, acting_user: StaffUser, period: BenefitPeriod, expected_version: int, **values: Any
) -> BenefitPeriod:
    _may_edit(acting_user, period.person)
    _lock_person(period.person)
    return _update(
        period,
        acting_user=acting_user,
        expected_version=expected_version,
        values=values,
        fields=BENEFIT_FIELDS,
        validate=validate_benefit,
    )


# --- self-support -------------------------------------------------------------------------------


@transaction.atomic
def self_supporting_save(
    *,
    acting_user: StaffUser,
    person: Person,
    expected_version: int,
    from_date: date,
    source: str,
) -> SelfSupporting:
    """Record (or change) the day the person is self-supporting from, and how."""
    _may_edit(acting_user, person)
    _lock_person(person)
    record = SelfSupporting.objects.filter(person=person).first()
    values = {"from_date": from_date, "source": source}
    if record is None:
        return _create(
            SelfSupporting(municipality_id=person.municipality_id, person=person, **values),
            acting_user=acting_user,
            fields=SELF_SUPPORTING_FIELDS,
            validate=validate_self_supporting,
        )
    return _update(
        record,
        acting_user=acting_user,
        expected_version=expected_version,
        values=values,
        fields=SELF_SUPPORTING_FIELDS,
        validate=validate_self_supporting,
    )


# --- result grant claims (PRG-7) ----------------------------------------------------------------

CLAIM_FIELDS = ("kind", "earned_on", "amount", "claimed_on", "reference", "paid_on")
MAX_CLAIM_AMOUNT = 1_000_000  # kroner: far above any rate table's grant, so a typing error


def _may_claim(actor: StaffUser, municipality_id: int) -> None:
    access.require_in_tenant(actor, access.GRANTS_CLAIM, municipality_id)


def validate_claim(claim: ResultGrantClaim) -> None:
    errors: dict[str, str] = {}
    if claim.amount is None or not 0 < claim.amount <= MAX_CLAIM_AMOUNT:
        errors["amount"] = _("Skriv beløbet i hele kroner (mere end 0 og højst %(max)s).") % {
            "max": f"{MAX_CLAIM_AMOUNT:,}".replace(",", ".")
        }
    _dates_in_range(claim, ("claimed_on", "paid_on"), errors)
    if "claimed_on" not in errors and claim.claimed_on < claim.earned_on:
        errors["claimed_on"] = _(
            "Tilskuddet kan først hjemtages, når det er optjent (%(day)s)."
        ) % {"day": format_date(claim.earned_on, "long")}
    if (
        claim.paid_on is not None
        and not {"claimed_on", "paid_on"} & set(errors)
        and claim.paid_on < claim.claimed_on
    ):
        errors["paid_on"] = _("Udbetalingsdatoen ligger før datoen for hjemtagningen.")
    if len(claim.reference or "") > 100:
        errors["reference"] = _("Referencen må højst være 100 tegn.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def claim_create(
    *,
    actor: StaffUser,
    person: Person,
    kind: str,
    earned_on: date,
    claimed_on: date,
    amount: int,
    reference: str = "",
) -> ResultGrantClaim:
    """Record that the municipality has claimed one of the person's derived result grants (the
    grant must be one the rules engine finds: a claim is never typed freely); a second claim of
    the same grant is refused, naming the first."""
    from . import selectors

    _may_claim(actor, person.municipality_id)
    _lock_person(person)
    if kind not in GrantKind.values:
        raise ValidationError({"kind": _("Vælg et resultattilskud.")})
    earned = [
        g
        for g in selectors.outcomes_of(person).grants
        if g.kind.value == kind and g.earned_on == earned_on
    ]
    if not earned:
        raise ValidationError(
            {
                "earned_on": _("%(name)s har intet resultattilskud (%(kind)s) optjent %(day)s.")
                % {
                    "name": person.full_name,
                    "kind": GrantKind(kind).label,
                    "day": format_date(earned_on, "long"),
                }
            }
        )
    first = ResultGrantClaim.objects.filter(person=person, kind=kind, earned_on=earned_on).first()
    if first is not None:
        raise ValidationError(
            {
                "earned_on": _(
                    "Tilskuddet er allerede hjemtaget %(day)s (reference %(reference)s): det "
                    "kan kun hjemtages én gang."
                )
                % {
                    "day": format_date(first.claimed_on, "long"),
                    "reference": first.reference or "–",
                }
            }
        )
    claim = ResultGrantClaim(
        municipality_id=person.municipality_id,
        person=person,
        kind=kind,
        earned_on=earned_on,
        amount=amount,
        claimed_on=claimed_on,
        claimed_by=actor,
        reference=(reference or "").strip(),
    )
    return _create(claim, acting_user=actor, fields=CLAIM_FIELDS, validate=validate_claim)


CLAIM_EDITABLE = ("amount", "claimed_on", "reference", "paid_on")


@transaction.atomic
def claim_update(
    *, actor: StaffUser, claim: ResultGrantClaim, expected_version: int, **values: Any
) -> ResultGrantClaim:
    """Correct a claim, or record the day it was paid (``paid_on``), under optimistic
    concurrency (SEC-5); the grant itself (person, kind, date earned) is never changed."""
    _may_claim(actor, claim.municipality_id)
    check_names(values, CLAIM_EDITABLE)
    if "reference" in values:
        values["reference"] = (values["reference"] or "").strip()
    return _update(
        claim,
        acting_user=actor,
        expected_version=expected_version,
        values=values,
        fields=CLAIM_FIELDS,
        validate=validate_claim,
    )
