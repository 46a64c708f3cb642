"""HTML to PDF with WeasyPrint (Debian's pango does the text shaping, also right to left): the
welcome folder and a citizen's audit log for an access request."""

from __future__ import annotations


def _no_fetch(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    """A PDF is self-contained: nothing is fetched (no request leaves the server)."""
    raise ValueError(f"a PDF fetches nothing: {url}")


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported here: loading pango takes a moment

    pdf = HTML(string=html, url_fetcher=_no_fetch).write_pdf()
    assert pdf is not None
    return pdf
