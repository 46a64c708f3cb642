"""HTML to PDF with WeasyPrint (Debian's pango does the text shaping, also right to left)."""

from __future__ import annotations


def html_to_pdf(html: str, *, base_url: str) -> bytes:
    from weasyprint import HTML  # imported here: loading pango takes a moment

    pdf = HTML(string=html, base_url=base_url).write_pdf()
    assert pdf is not None
    return pdf
