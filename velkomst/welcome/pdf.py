"""HTML to PDF with WeasyPrint (Debian's pango does the text shaping, also right to left)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.utils.safestring import SafeString, mark_safe

CSS = Path(__file__).resolve().parent / "static" / "welcome" / "folder.css"


@cache
def folder_css() -> SafeString:
    """The folder's style sheet, inlined in the PDF (the preview links the same file)."""
    return mark_safe(CSS.read_text(encoding="utf-8"))  # noqa: S308 - our own file


def _no_fetch(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    """The folder is self-contained: nothing is fetched (no request leaves the server)."""
    raise ValueError(f"the welcome folder fetches nothing: {url}")


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported here: loading pango takes a moment

    pdf = HTML(string=html, url_fetcher=_no_fetch).write_pdf()
    assert pdf is not None
    return pdf
