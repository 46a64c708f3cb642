"""How the audit log names competence records ("Erhvervserfaring: Tømrere og snedkere, Bina"),
registered in core.audit_log's describers by the app's ``ready``."""

from __future__ import annotations

from typing import Any

from velkomst.core.formats import ui_language
from velkomst.people import codes

from . import occupations


def _occupation(code: str) -> str:
    return occupations.occupation_name(code, ui_language())


def _work(obj: Any) -> str:
    employer = f", {obj.employer}" if obj.employer else ""
    return f"{_occupation(obj.occupation)}{employer}"


DESCRIBERS: dict[str, tuple[tuple[str, ...], Any]] = {
    "competences.WorkExperience": ((), _work),
    "competences.TradeInterest": ((), lambda o: _occupation(o.occupation)),
    "competences.EducationRecord": ((), lambda o: f"{o.get_level_display()}: {o.field}"),
    "competences.QualificationRecognition": ((), lambda o: o.qualification),
    "competences.LanguageSkill": (
        (),
        lambda o: f"{codes.language_name(o.language, ui_language())}: {o.get_level_display()}",
    ),
    "competences.Skill": ((), lambda o: o.tag),
    "competences.CompetenceProfile": (("person",), lambda o: o.person.full_name),
}
