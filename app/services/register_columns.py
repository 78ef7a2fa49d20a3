"""The findings register's rows and columns: what each column shows, exports and sorts by."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from app.domain.enums import Kind, Level, Rag, Status
from app.formatting import long_date


@dataclass(frozen=True, slots=True)
class FindingRow:
    """One line of the findings register, as plain values."""

    id: str
    reference: str
    report_id: str
    report_title: str
    report_published_on: date | None
    kind: Kind
    level: Level | None
    status: Status
    rag: Rag | None
    owner_id: str | None
    owner_name: str
    department: str
    chief_officer_lead: str
    addressee: str
    due_on: date | None
    due_immediate: bool
    days_overdue: int | None  # open and past its due date: by how many days (as at today)
    last_update_on: date | None
    applies_to_force: bool
    deleted: bool
    text: str

    @property
    def is_overdue(self) -> bool:
        return self.days_overdue is not None


@dataclass(frozen=True, slots=True)
class Column:
    """A register column: its heading, its typed value (for export) and its text (on screen)."""

    key: str
    heading: str
    value: Callable[[FindingRow], object]
    text: Callable[[FindingRow], str]
    shown_by_default: bool = True
    sortable: bool = True
    numeric: bool = False


KIND_TEXT = {Kind.COC: "CoC", Kind.RECOMMENDATION: "Rec", Kind.AFI: "AFI"}  # on screen


def level_text(level: Level | None) -> str:
    """L2, "Before levels", or nothing when not set."""
    if level is None:
        return ""
    return "Before levels" if level is Level.BEFORE_LEVELS else f"L{level.value}"


def due_text(row: FindingRow) -> str:
    """The due date the British way, or "Immediately"."""
    if row.due_on is None:
        return "Immediately" if row.due_immediate else ""
    return long_date(row.due_on)


def overdue_text(row: FindingRow) -> str:
    """ "1 day", "34 days", or nothing when not overdue."""
    if row.days_overdue is None:
        return ""
    return "1 day" if row.days_overdue == 1 else f"{row.days_overdue:,} days"


FINDING_COLUMNS: tuple[Column, ...] = (
    Column("reference", "Reference", lambda r: r.reference, lambda r: r.reference),
    Column("report", "Report", lambda r: r.report_title, lambda r: r.report_title),
    Column("kind", "Kind", lambda r: r.kind.label, lambda r: KIND_TEXT[r.kind]),
    Column(
        "level",
        "Level",
        lambda r: None if r.level is None else int(r.level),
        lambda r: level_text(r.level),
    ),
    Column("status", "Status", lambda r: r.status.label, lambda r: r.status.label),
    Column(
        "rag",
        "RAG",
        lambda r: r.rag.label if r.rag else "",
        lambda r: r.rag.label if r.rag else "",
    ),
    Column("owner", "Owner", lambda r: r.owner_name, lambda r: r.owner_name),
    Column("department", "Department", lambda r: r.department, lambda r: r.department),
    Column(
        "due", "Due", lambda r: r.due_on or ("Immediately" if r.due_immediate else None), due_text
    ),
    Column(
        "days_overdue",
        "Days overdue",
        lambda r: r.days_overdue,
        overdue_text,
        numeric=True,
    ),
    Column(
        "last_update",
        "Last update",
        lambda r: r.last_update_on,
        lambda r: long_date(r.last_update_on),
    ),
    Column(
        "applies",
        "Applies to force",
        lambda r: "Yes" if r.applies_to_force else "No",
        lambda r: "Yes" if r.applies_to_force else "No",
    ),
    Column(
        "lead",
        "Chief officer lead",
        lambda r: r.chief_officer_lead,
        lambda r: r.chief_officer_lead,
        shown_by_default=False,
    ),
    Column(
        "addressee",
        "Addressee",
        lambda r: r.addressee,
        lambda r: r.addressee,
        shown_by_default=False,
    ),
    Column(
        "text",
        "Text",
        lambda r: r.text,
        lambda r: " ".join(r.text.split()),
        shown_by_default=False,
        sortable=False,
    ),
)
COLUMNS_BY_KEY = {c.key: c for c in FINDING_COLUMNS}
DEFAULT_COLUMNS = tuple(c.key for c in FINDING_COLUMNS if c.shown_by_default)


def columns_for(keys: tuple[str, ...] | None) -> tuple[Column, ...]:
    """The columns with these keys, in this order (unknown keys ignored; None: the default)."""
    chosen = keys or DEFAULT_COLUMNS
    return tuple(COLUMNS_BY_KEY[k] for k in chosen if k in COLUMNS_BY_KEY)
