"""/api/persons/{id}/competences: a person's competences (PRG-3). Reading needs
``programme.view``, writing ``programme.edit`` (checked by the selectors and services, as on the
pages); the person is found within the caller's municipality and visibility (else 404). Every
read logs a view of the person, every write its audit row (channel api)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from velkomst.competences import occupations, selectors, services
from velkomst.core import audit
from velkomst.core.formats import ui_language

from ..auth import reader
from ..competence_schemas import (
    CompetenceItemIn,
    CompetenceProfileIn,
    CompetenceRemoveIn,
    CompetencesOut,
)
from ..schemas import errors
from . import CHANNEL

router = Router(tags=["competences"])

READ = errors(401, 403, 404, 422)
WRITE = errors(400, 401, 403, 404, 409, 422)

# the fields each section takes, and the service that adds it
SECTION_FIELDS: dict[str, tuple[str, ...]] = {
    "education": (
        "level",
        "field",
        "country",
        "institution",
        "start_year",
        "end_year",
        "diploma_held",
    ),
    "work": ("occupation", "country", "years", "title", "employer", "end_year"),
    "recognition": ("qualification", "authority", "applied_on", "result", "decided_on"),
    "trade": ("occupation", "title", "priority"),
    "language": ("language", "level"),
    "skill": ("tag",),
}
# work and trades need a title (the words) or an occupation (a code), or both
WORDS_OR_CODE = ("work", "trade")
REQUIRED: dict[str, tuple[str, ...]] = {
    "education": ("level", "field", "country"),
    "work": ("country", "years"),
    "recognition": ("qualification", "authority", "applied_on"),
    "trade": (),
    "language": ("language", "level"),
    "skill": ("tag",),
}
ADDERS: dict[str, Callable[..., Any]] = {
    "education": services.education_add,
    "work": services.work_add,
    "recognition": services.recognition_add,
    "trade": services.trade_interest_add,
    "language": services.language_add,
    "skill": services.skill_add,
}


def _out(comp: selectors.Competences) -> dict[str, Any]:
    language = ui_language()

    def named(item: Any) -> dict[str, Any]:
        return {
            **{f: getattr(item, f) for f in ("id", "occupation")},
            "occupation_name": occupations.occupation_name(item.occupation, language),
        }

    return {
        "person_id": comp.person.pk,
        "version": comp.profile.version if comp.profile else None,
        "driving_licences": comp.driving_licences,
        "it_level": comp.it_level,
        "educations": comp.educations,
        "work": [
            {**named(w), **{f: getattr(w, f) for f in SECTION_FIELDS["work"]}} for w in comp.work
        ],
        "recognitions": comp.recognitions,
        "trades": [{**named(t), "title": t.title, "priority": t.priority} for t in comp.trades],
        "languages": comp.languages,
        "skills": comp.skills,
    }


def _person(request: HttpRequest, person_id: int) -> Any:
    return selectors.person_for_competences(user=reader(request), pk=person_id)


def _shown(request: HttpRequest, person: Any) -> dict[str, Any]:
    services.competences_viewed(actor=reader(request), person=person, channel=CHANNEL)
    return _out(selectors.competences_of(person))


@router.get("/persons/{person_id}/competences", response={200: CompetencesOut, **READ})
def get_competences(request: HttpRequest, person_id: int) -> Any:
    """Education, work history, recognitions, trades of interest, languages, skills, driving
    licence and IT skills."""
    return _shown(request, _person(request, person_id))


@router.post("/persons/{person_id}/competences/items", response={201: CompetencesOut, **WRITE})
def add_competence(request: HttpRequest, person_id: int, payload: CompetenceItemIn) -> Any:
    """Add one item to a section; the answer is the whole profile."""
    person = _person(request, person_id)
    values = payload.model_dump(exclude_unset=True, exclude_none=True)
    section = values.pop("section")
    extra = sorted(set(values) - set(SECTION_FIELDS[section]))
    missing = [f for f in REQUIRED[section] if f not in values]
    errors_: dict[str, str] = {f: _("Feltet hører ikke til denne sektion.") for f in extra}
    errors_.update({f: _("Feltet skal udfyldes.") for f in missing})
    if section in WORDS_OR_CODE and not {"title", "occupation"} & set(values):
        errors_["title"] = _("Feltet skal udfyldes, når der ikke er en fagkode (occupation).")
    if errors_:
        raise ValidationError(errors_)
    with audit.via(CHANNEL):
        ADDERS[section](actor=reader(request), person=person, **values)
    return Status(201, _shown(request, person))


@router.post("/persons/{person_id}/competences/remove", response={200: CompetencesOut, **WRITE})
def remove_competence(request: HttpRequest, person_id: int, payload: CompetenceRemoveIn) -> Any:
    """Remove one item (its section and id) from the person's profile."""
    person = _person(request, person_id)
    item = selectors.item_get(person=person, kind=payload.section, item_id=payload.id)
    if item is None:
        raise Http404
    with audit.via(CHANNEL):
        services.item_remove(actor=reader(request), item=item)
    return _shown(request, person)


@router.put("/persons/{person_id}/competences/profile", response={200: CompetencesOut, **WRITE})
def save_competence_profile(
    request: HttpRequest, person_id: int, payload: CompetenceProfileIn
) -> Any:
    """Driving licence categories and IT level; send the version you read (409 if stale)."""
    person = _person(request, person_id)
    with audit.via(CHANNEL):
        services.profile_update(
            actor=reader(request),
            person=person,
            expected_version=payload.version,
            driving_licences=list(payload.driving_licences),
            it_level=payload.it_level,
        )
    return _shown(request, person)
