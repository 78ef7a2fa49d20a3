"""Reading a produced PDF back the way a checker would: its text, page furniture and fonts."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.generic import DictionaryObject


@dataclass
class PdfText:
    """The body text (furniture removed, whitespace collapsed) and each page's furniture."""

    body: str
    furniture: list[str]
    pages: int


def read_pdf(data: bytes, marking: str = "OFFICIAL") -> PdfText:
    reader = PdfReader(io.BytesIO(data))
    bodies, furniture = [], []
    for page in reader.pages:
        lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
        # The canvas draws the furniture after the page's content: marking (top, bottom),
        # the footer's reference line, "Page X of" and the total (a form XObject).
        tail = 5 if marking else 3
        bodies.append(" ".join(lines[:-tail]))
        furniture.append(" ".join(lines[-tail:]))
    return PdfText(" ".join(" ".join(bodies).split()), furniture, len(reader.pages))


def table_pattern(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> re.Pattern[str]:
    """A table as its text reads, allowing its header to repeat where a page breaks it."""
    head = " ".join(header)
    repeat = rf"(?: {re.escape(head)})?"
    body = "".join(repeat + " " + re.escape(" ".join(row)) for row in rows)
    return re.compile(re.escape(head) + body + r"(?: |$)")


def fonts_of(data: bytes) -> list[DictionaryObject]:
    """Every font dictionary used by any page or form XObject."""
    reader = PdfReader(io.BytesIO(data))
    found: dict[int, DictionaryObject] = {}

    def visit(resources: DictionaryObject | None) -> None:
        if not resources:
            return
        resources = resources.get_object()
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            found[id(font)] = font
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form":
                visit(xobject.get("/Resources"))

    for page in reader.pages:
        visit(page.get("/Resources"))
    return list(found.values())
