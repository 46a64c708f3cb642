"""Task types (a template task's ``category``) by their label.

A category is a slug a municipality may choose for its own tasks; the presets' categories have a
Danish label (translated to English). A municipality's own slug is shown as words ("own_type" ->
"Own type"), never with its underscores.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

LABELS = {
    "pre_arrival_meeting": _("Formøde før ankomst"),
    "welcome_meeting": _("Velkomstmøde"),
    "cpr": _("CPR-nummer"),
    "health_card": _("Sundhedskort og egen læge"),
    "bank_account": _("Bankkonto og NemKonto"),
    "digital_post": _("Digital Post og MitID"),
    "establishment": _("Etableringsydelse"),
    "bus_card": _("Buskort"),
    "forms_review": _("Gennemgang af blanketter og breve"),
    "cv": _("CV"),
    "job_active": _("Jobaktiv"),
    "danish_referral": _("Henvisning til danskuddannelse"),
    "internship_offer": _("Virksomhedspraktik"),
    "health_assessment": _("Helbredsvurdering"),
    "child_screening": _("Første screeningsmøde"),
    "child_screening_2": _("Andet screeningsmøde"),
    "child_start_meeting": _("Startmøde med forældrene"),
    "school_daycare_start": _("Start i skole eller dagtilbud"),
    "housing_visit_1": _("1. boligbesøg (indflytningssyn)"),
    "housing_visit_2": _("2. boligbesøg"),
    "housing_visit_3": _("3. boligbesøg"),
    "association_interest": _("Interesse for foreningsliv"),
}


def category_label(slug: str) -> str:
    """The task type's label in the reader's language ("" for none)."""
    if not slug:
        return ""
    if slug in LABELS:
        return str(LABELS[slug])
    words = slug.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def category_choices(*, current: str = "") -> list[tuple[str, str]]:
    """The task types by label for a select: none, the presets' and a municipality's own type
    the task already has."""
    slugs = set(LABELS) | ({current} if current else set())
    types = sorted(((slug, category_label(slug)) for slug in slugs), key=lambda p: p[1].lower())
    return [("", str(_("Ingen type"))), *types]
