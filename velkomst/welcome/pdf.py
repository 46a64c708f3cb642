"""The welcome folder's style sheet; the PDF is made by ``core.pdf.html_to_pdf``."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.utils.safestring import SafeString, mark_safe

from velkomst.core.pdf import html_to_pdf

__all__ = ["folder_css", "html_to_pdf"]

CSS = Path(__file__).resolve().parent / "static" / "welcome" / "folder.css"


@cache
def folder_css() -> SafeString:
    """The folder's style sheet, inlined in the PDF (the preview links the same file)."""
    return mark_safe(CSS.read_text(encoding="utf-8"))  # noqa: S308 - our own file
