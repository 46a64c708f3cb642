"""HTML to PDF with WeasyPrint (Debian's pango does the text shaping, also right to left): the
welcome folder and a citizen's audit log for an access request."""

from __future__ import annotations

import re
import zlib


def _no_fetch(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    """A PDF is self-contained: nothing is fetched (no request leaves the server)."""
    raise ValueError(f"a PDF fetches nothing: {url}")


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported here: loading pango takes a moment

    pdf = HTML(string=html, url_fetcher=_no_fetch).write_pdf()
    assert pdf is not None
    return pdf


# --- reading a PDF's text back (tests: what a PDF says, not only the HTML it came from) ---------

_OBJ = re.compile(rb"(\d+) 0 obj\s*(.*?)\s*endobj", re.S)
_STREAM = re.compile(rb"^(.*?)stream\r?\n(.*)\r?\nendstream\s*$", re.S)
_REF = re.compile(rb"/([^\s/<>\[\]()]+)\s*(\d+) 0 R")
_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_HEX = re.compile(rb"<([0-9a-fA-F]+)>")
_TOKEN = re.compile(rb"/([^\s/<>\[\]()]+)\s+[\d.]+\s+Tf|<([0-9a-fA-F]*)>|(Tm|Td|TD|T\*|ET)\b")


def _objects(pdf: bytes) -> dict[int, tuple[bytes, bytes]]:
    """Object number -> (dictionary, decoded stream), object streams unpacked."""
    objects: dict[int, tuple[bytes, bytes]] = {}
    for match in _OBJ.finditer(pdf):
        body = match.group(2)
        stream = _STREAM.match(body)
        head, data = (stream.group(1), stream.group(2)) if stream else (body, b"")
        if b"/FlateDecode" in head:
            data = zlib.decompress(data)
        objects[int(match.group(1))] = (head, data)
    for head, data in list(objects.values()):
        if b"/ObjStm" not in head:
            continue
        first = int(re.search(rb"/First\s+(\d+)", head).group(1))  # type: ignore[union-attr]
        count = int(re.search(rb"/N\s+(\d+)", head).group(1))  # type: ignore[union-attr]
        pairs = [int(n) for n in data[:first].split()][: 2 * count]
        offsets = [(pairs[i], first + pairs[i + 1]) for i in range(0, len(pairs), 2)]
        for i, (number, start) in enumerate(offsets):
            end = offsets[i + 1][1] if i + 1 < len(offsets) else len(data)
            objects.setdefault(number, (data[start:end], b""))
    return objects


def _cmap(data: bytes) -> dict[str, str]:
    """A ToUnicode CMap: glyph code (hex) -> text."""

    def text(code: bytes) -> str:
        return bytes.fromhex(code.decode()).decode("utf-16-be", "replace")

    table: dict[str, str] = {}
    for block in _BFCHAR.findall(data):
        codes = _HEX.findall(block)
        for src, dst in zip(codes[::2], codes[1::2], strict=False):
            table[src.decode().lower()] = text(dst)
    for block in _BFRANGE.findall(data):
        for line in block.splitlines():
            codes = _HEX.findall(line)
            if len(codes) == 3:
                low, high, dst = (int(c, 16) for c in codes)
                width = len(codes[0])
                for offset in range(high - low + 1):
                    table[f"{low + offset:0{width}x}"] = chr(dst + offset)
    return table


def pdf_text(pdf: bytes) -> str:
    """The text a PDF made by ``html_to_pdf`` shows, a line per text position (for tests)."""
    objects = _objects(pdf)
    cmaps: dict[int, dict[str, str]] = {}
    for number, (head, _data) in objects.items():
        found = re.search(rb"/ToUnicode\s+(\d+) 0 R", head)
        if found and int(found.group(1)) in objects:
            cmaps[number] = _cmap(objects[int(found.group(1))][1])
    fonts = {
        name.decode(): cmaps[int(ref)]
        for head, _data in objects.values()
        for name, ref in _REF.findall(head)
        if int(ref) in cmaps
    }
    lines: list[str] = []
    for head, data in objects.values():
        if not data or b"BT" not in data or b"/Length1" in head:
            continue
        table: dict[str, str] = {}
        line = ""
        for font, glyphs, operator in (m.groups() for m in _TOKEN.finditer(data)):
            if font:
                table = fonts.get(font.decode(), {})
            elif glyphs is not None:
                width = 4 if len(glyphs) % 4 == 0 else 2
                hexes = glyphs.decode().lower()
                line += "".join(
                    table.get(hexes[i : i + width], "") for i in range(0, len(hexes), width)
                )
            elif operator and line:
                lines.append(line)
                line = ""
        if line:
            lines.append(line)
    return "\n".join(lines)
