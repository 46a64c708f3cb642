"""The integration contract as a PDF in Danish (PRG-1): the person, the dates (takeover, the
contract's due date, signatures), the plan's direction, goals, activities and support measures,
and whether it is signed or refused. WeasyPrint via core/pdf.py, as the CV and the family plan.
It names the person but never their CPR number."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone, translation

from velkomst.core.pdf import html_to_pdf

from .selectors import PlanView


def contract_html(view: PlanView) -> str:
    with translation.override("da"):
        return render_to_string(
            "programme/contract_pdf.html",
            {"view": view, "person": view.person, "made": timezone.localdate()},
        )


def contract_pdf(view: PlanView) -> bytes:
    return html_to_pdf(contract_html(view))
