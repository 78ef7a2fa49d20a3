"""Findings exactly as the findings register shows them, with every column an export needs.

Which findings, and in what order, come from the register (app/services/register.py), so
an export holds exactly the rows on screen; this module adds the columns the register
does not carry (text, latest note, letters, closure).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, select

from app.domain.enums import ClosedBy, Kind, Level, Rag, Status
from app.domain.filters import FindingFilter, SortOrder
from app.workspace import Workspace
from db.records import FindingRecord, PersonRecord, ProgressUpdateRecord, ReportRecord


@dataclass(frozen=True, slots=True)
class FindingRow:
    """One finding with the names and the latest note a register shows next to it."""

    id: str
    report: str
    report_published: date | None
    reference: str
    kind: Kind
    level: Level | None
    status: Status
    rag: Rag | None
    owner: str
    department: str
    chief_officer_lead: str
    due_on: date | None
    due_immediate: bool
    text: str
    latest_update: str
    applies_to_force: bool
    not_applicable_reason: str
    addressee: str
    cc_letter_ref: str
    cc_letter_on: date | None
    submitted_on: date | None
    closed_on: date | None
    closed_by: ClosedBy | None


F, R, P, U = FindingRecord, ReportRecord, PersonRecord, ProgressUpdateRecord


def finding_query(ids: list[str]) -> Select[Any]:
    """The export columns of these findings (in no particular order)."""
    latest = (
        select(U.text)
        .where(U.finding_id == F.id, U.deleted_at.is_(None))
        .order_by(U.written_on.desc(), U.created_at.desc())
        .limit(1)
        .correlate(F)
        .scalar_subquery()
    )
    # Columns, not records: building 50,000 ORM objects took longer than writing the file.
    return (
        select(
            *(getattr(F, name) for name in _FINDING_COLUMNS),
            R.title,
            R.published_on,
            P.name,
            latest,
        )
        .join(R, R.id == F.report_id)
        .outerjoin(P, P.id == F.owner_id)
        .where(F.id.in_(ids))
    )


def finding_rows(
    ws: Workspace, flt: FindingFilter | None = None, sort: SortOrder | None = None
) -> Iterator[FindingRow]:
    """The findings of a register view, in the register's order, read in chunks."""
    from app.services.register import FindingRegister

    flt, sort = flt or FindingFilter(), sort or SortOrder()
    sort = SortOrder(REGISTER_SORT.get(sort.column, sort.column), sort.ascending)
    ids = FindingRegister(ws).ids(flt, sort)
    width = len(_FINDING_COLUMNS)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        with ws.store.read() as session:
            found = {
                row[0]: _row(dict(zip(_FINDING_COLUMNS, row[:width], strict=True)), *row[width:])
                for row in session.execute(finding_query(chunk))
            }
        yield from (found[i] for i in chunk if i in found)


def count_findings(ws: Workspace, flt: FindingFilter | None = None) -> int:
    """How many findings the view holds."""
    from app.services.register import FindingRegister

    return FindingRegister(ws).count(flt or FindingFilter())


CHUNK = 500
# Export column keys that name a register column differently.
REGISTER_SORT = {
    "report_published": "report",
    "chief_officer_lead": "lead",
    "due_on": "due",
    "latest_update": "last_update",
}


_FINDING_COLUMNS = (
    "id",
    "reference",
    "kind",
    "level",
    "status",
    "rag",
    "department",
    "chief_officer_lead",
    "due_on",
    "due_immediate",
    "text",
    "applies_to_force",
    "not_applicable_reason",
    "addressee",
    "cc_letter_ref",
    "cc_letter_on",
    "submitted_on",
    "closed_on",
    "closed_by",
)


def _row(
    r: dict[str, Any], title: str, published: date | None, owner: str | None, latest: str | None
) -> FindingRow:
    return FindingRow(
        id=r["id"],
        report=title,
        report_published=published,
        reference=r["reference"],
        kind=Kind(r["kind"]),
        level=None if r["level"] is None else Level(r["level"]),
        status=Status(r["status"]),
        rag=None if r["rag"] is None else Rag(r["rag"]),
        owner=owner or "",
        department=r["department"],
        chief_officer_lead=r["chief_officer_lead"],
        due_on=r["due_on"],
        due_immediate=r["due_immediate"],
        text=r["text"],
        latest_update=latest or "",
        applies_to_force=r["applies_to_force"],
        not_applicable_reason=r["not_applicable_reason"],
        addressee=r["addressee"],
        cc_letter_ref=r["cc_letter_ref"],
        cc_letter_on=r["cc_letter_on"],
        submitted_on=r["submitted_on"],
        closed_on=r["closed_on"],
        closed_by=None if r["closed_by"] is None else ClosedBy(r["closed_by"]),
    )
