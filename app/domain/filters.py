"""What a register shows: a filter and a sort, as plain values (saved views store these)."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.domain.enums import InspectionStatus, InspectionType, Kind, Level, Rag, ReportScope, Status


@dataclass(frozen=True, slots=True)
class FindingFilter:
    """Findings to show. Empty collections and None mean "any"; all conditions combine (AND)."""

    kinds: frozenset[Kind] = frozenset()
    levels: frozenset[Level | None] = frozenset()  # None in the set: "level not set"
    statuses: frozenset[Status] = frozenset()
    rags: frozenset[Rag | None] = frozenset()  # None in the set: "no RAG"
    owner_ids: frozenset[str] = frozenset()
    departments: frozenset[str] = frozenset()
    chief_officer_leads: frozenset[str] = frozenset()
    report_ids: frozenset[str] = frozenset()
    applies_to_force: bool | None = None
    overdue: bool = False  # open and past its due date (as at today)
    due_within_days: int | None = None  # open and due from today to today + N days
    no_update_in_days: int | None = None  # open with no progress update in N days
    text: str = ""  # search over text, reference and progress notes
    include_deleted: bool = False

    def is_empty(self) -> bool:
        """True when nothing narrows the list."""
        return self == FindingFilter()


@dataclass(frozen=True, slots=True)
class ReportFilter:
    """Reports to show. Empty collections and None mean "any"; all conditions combine (AND)."""

    scopes: frozenset[ReportScope] = frozenset()
    text: str = ""  # in the title, reference or summary
    with_open_findings: bool = False  # some finding that applies to the force is open
    # No PCC response recorded and its s55 deadline falls from today to today + N days.
    response_due_within_days: int | None = None

    def is_empty(self) -> bool:
        """True when nothing narrows the list."""
        return self == ReportFilter()


@dataclass(frozen=True, slots=True)
class InspectionFilter:
    """Inspections to show."""

    types: frozenset[InspectionType] = frozenset()
    statuses: frozenset[InspectionStatus] = frozenset()
    text: str = ""  # in the title, partners or notes
    # Not published or cancelled, and with fieldwork, a debrief or publication still to come.
    forthcoming: bool = False

    def is_empty(self) -> bool:
        """True when nothing narrows the list."""
        return self == InspectionFilter()


@dataclass(frozen=True, slots=True)
class SortOrder:
    """Sort by a column key, ascending or not; ties broken by reference.

    Column keys are those of the register concerned (app/services/register_columns.py).
    """

    column: str = "reference"
    ascending: bool = True


@dataclass(frozen=True, slots=True)
class SavedView:
    """A named filter, sort and column choice ("L2 ready for CC letter")."""

    name: str
    filter: FindingFilter = field(default_factory=FindingFilter)
    sort: SortOrder = field(default_factory=SortOrder)
    columns: tuple[str, ...] = ()
