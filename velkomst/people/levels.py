"""Language levels on the Common European Framework of Reference (CEFR), the one scale for a
person's languages (competences), their Danish (Danish education maps modules and exams onto it)
and what an opening requires (matching).

CEFR's six levels are fixed by the Council of Europe; "none" is ours, for no command of the
language at all. ``cefr_rank`` orders them for comparison (0 none … 6 C2), which is what the
matching engine (plain Python, no Django) works with.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CefrLevel(models.TextChoices):
    NONE = "none", _("Intet kendskab")
    A1 = "A1", _("A1 – begynder")
    A2 = "A2", _("A2 – let øvet begynder")
    B1 = "B1", _("B1 – mellemniveau")
    B2 = "B2", _("B2 – højt mellemniveau")
    C1 = "C1", _("C1 – avanceret")
    C2 = "C2", _("C2 – mesterniveau")


_RANK = {level.value: rank for rank, level in enumerate(CefrLevel)}


def cefr_rank(level: str | None) -> int:
    """0 for none or unknown, 1 for A1 … 6 for C2."""
    return _RANK.get(level or CefrLevel.NONE, 0)
