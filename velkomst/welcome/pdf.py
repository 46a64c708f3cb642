"""The welcome folder's style sheet and its PDF (made by ``core.pdf.html_to_pdf``)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from velkomst.core.pdf import html_to_pdf

__all__ = ["folder_css", "folder_pdf_response", "html_to_pdf"]

CSS = Path(__file__).resolve().parent / "static" / "welcome" / "folder.css"


@cache
def folder_css() -> SafeString:
    """The folder's style sheet, inlined in the PDF (the preview links the same file)."""
    return mark_safe(CSS.read_text(encoding="utf-8"))  # noqa: S308 - our own file


def folder_pdf_response(folder: Any, filename: str) -> HttpResponse:
    """The folder as a PDF shown in the browser (staff's copy and the citizen's own), never
    cached."""
    html = render_to_string("welcome/folder_pdf.html", {"folder": folder, "css": folder_css()})
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
