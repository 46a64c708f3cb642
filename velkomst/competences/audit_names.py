"""How the audit log names competence records ("Erhvervserfaring: Tømrer, Bina"; a work item
or trade of interest by the person's words, else by its code's title), registered in
core.audit_log's describers by the app's ``ready``; an occupation code in a change is shown with
its title (``CODE_NAMES``). The fields' labels are the models' own (``title``:
"Stillingsbetegnelse" / "Fag eller job i ord")."""

from __future__ import annotations

from typing import Any

from velkomst.core.formats import ui_language
from velkomst.people import codes

from . import occupations


def _trade(obj: Any) -> str:
    """A work item's or trade's words, else its code's title."""
    return occupations.trade_words(obj, ui_language())


def _work(obj: Any) -> str:
    employer = f", {obj.employer}" if obj.employer else ""
    return f"{_trade(obj)}{employer}"


def occupation_value(code: str, language: str) -> str:
    """An occupation code in a change as the pages show it ("7115 Tømrere og snedkere")."""
    return occupations.coded(code, language)


# values of the competences' "occupation" fields, by the code list
CODE_NAMES = {"occupation": occupation_value}

DESCRIBERS: dict[str, tuple[tuple[str, ...], Any]] = {
    "competences.WorkExperience": ((), _work),
    "competences.TradeInterest": ((), _trade),
    "competences.EducationRecord": ((), lambda o: f"{o.get_level_display()}: {o.field}"),
    "competences.QualificationRecognition": ((), lambda o: o.qualification),
    "competences.LanguageSkill": (
        (),
        lambda o: f"{codes.language_name(o.language, ui_language())}: {o.get_level_display()}",
    ),
    "competences.Skill": ((), lambda o: o.tag),
    "competences.CompetenceProfile": (("person",), lambda o: o.person.full_name),
}
