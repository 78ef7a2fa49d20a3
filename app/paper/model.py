"""The committee paper as plain values: one model, drawn by every renderer (PDF, Word)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text in one weight and slant."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph of runs; ``style`` is body, note (smaller, grey) or label (bold lead-in)."""

    runs: tuple[Run, ...]
    style: Literal["body", "note", "label"] = "body"

    @classmethod
    def of(
        cls, text: str, *, bold: bool = False, italic: bool = False, style: str = "body"
    ) -> Para:
        """A paragraph of one run."""
        return cls((Run(text, bold, italic),), style)  # type: ignore[arg-type]

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True, slots=True)
class Subheading:
    """A heading inside a section (a report's title); level 2, or 3 for a minor one."""

    text: str
    level: int = 2


@dataclass(frozen=True, slots=True)
class ItemList:
    """A list of paragraphs, marked with bullets or with a), b), c)."""

    items: tuple[Para, ...]
    style: Literal["bullet", "letter"] = "bullet"


@dataclass(frozen=True, slots=True)
class Table:
    """A ruled table: a header row, body rows, column widths as fractions of the text width."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    numeric: tuple[int, ...] = ()  # columns aligned right
    total_row: bool = False  # the last row is a total, set in bold
    caption: str = ""  # what the table shows, for people who cannot see it


@dataclass(frozen=True, slots=True)
class FindingText:
    """One finding that applies to the force, in full: reference, level line and text."""

    reference: str
    detail: str
    body: tuple[Para | ItemList, ...]
    child: bool = False  # a recommendation that addresses the cause of concern above it


Block = Para | Subheading | ItemList | Table | FindingText


@dataclass(frozen=True, slots=True)
class Section:
    """A numbered section of the paper."""

    number: int
    key: str
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Header:
    """The top of the first page and the running marking."""

    organisation: str
    agenda_item: str
    committee: str
    meeting_date: date
    title: str
    force_name: str
    protective_marking: str


@dataclass(frozen=True, slots=True)
class Contact:
    """The closing block: contact officer and background documents."""

    name: str
    title: str
    background: tuple[str, ...]


@dataclass(frozen=True)
class Paper:
    """Everything one paper shows; ``figures`` is the JSON-ready record of every number in it."""

    meeting_id: str
    header: Header
    sections: tuple[Section, ...]
    contact: Contact
    author: str
    figures: dict[str, Any] = field(default_factory=dict)

    @property
    def subject(self) -> str:
        """Document subject (PDF and Word metadata)."""
        return f"{self.header.committee}, {self.header.meeting_date.isoformat()}: " + (
            f"{self.header.title} for {self.header.force_name}"
        )

    def filename(self, extension: str) -> str:
        """A file name a secretariat can file (see ``paper_filename``)."""
        h = self.header
        return paper_filename(h.meeting_date, h.committee, h.title, extension)


def paper_filename(day: date, committee: str, title: str, extension: str) -> str:
    """ "2024-06-27 Joint Audit Committee - HMICFRS Update.pdf"."""
    name = f"{day.isoformat()} {committee} - {title}"
    safe = "".join(c if c.isalnum() or c in " -_.,()&" else "_" for c in name).strip()
    return f"{safe}.{extension}"
