"""Findings as a register shows them: a FindingFilter and a SortOrder turned into one SQL query.

A stand-in until the registers' FindingRegister lands: ``views.export_findings`` takes its
rows from ``finding_rows`` and can take them from the register instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, and_, func, or_, select

from app.domain.enums import OPEN_STATUSES, ClosedBy, Kind, Level, Rag, Status
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

SORT_KEYS: dict[str, Any] = {
    "reference": F.reference,
    "report": R.title,
    "report_published": R.published_on,
    "kind": F.kind,
    "level": F.level,
    "status": F.status,
    "rag": F.rag,
    "owner": P.name,
    "department": F.department,
    "chief_officer_lead": F.chief_officer_lead,
    "due": F.due_on,
    "due_on": F.due_on,
    "text": F.text,
    "submitted_on": F.submitted_on,
    "closed_on": F.closed_on,
}


def finding_query(flt: FindingFilter, sort: SortOrder, today: date) -> Select[Any]:
    """The SELECT for a filtered, sorted findings register."""
    latest = (
        select(U.text)
        .where(U.finding_id == F.id, U.deleted_at.is_(None))
        .order_by(U.written_on.desc(), U.created_at.desc())
        .limit(1)
        .correlate(F)
        .scalar_subquery()
    )
    # Columns, not records: building 50,000 ORM objects took longer than writing the file.
    query = (
        select(
            *(getattr(F, name) for name in _FINDING_COLUMNS),
            R.title,
            R.published_on,
            P.name,
            latest,
        )
        .join(R, R.id == F.report_id)
        .outerjoin(P, P.id == F.owner_id)
    )
    query = query.where(*_conditions(flt, today))
    column = SORT_KEYS.get(sort.column, F.reference)
    first = column.asc() if sort.ascending else column.desc()
    return query.order_by(first.nulls_last(), R.title, F.reference, F.id)


def _conditions(flt: FindingFilter, today: date) -> list[Any]:
    conds: list[Any] = []
    if not flt.include_deleted:
        conds.append(F.deleted_at.is_(None))
    if flt.kinds:
        conds.append(F.kind.in_([k.value for k in flt.kinds]))
    if flt.levels:
        conds.append(
            _in_or_null(F.level, [int(v) for v in flt.levels if v is not None], None in flt.levels)
        )
    if flt.statuses:
        conds.append(F.status.in_([s.value for s in flt.statuses]))
    if flt.rags:
        conds.append(_in_or_null(F.rag, [r.value for r in flt.rags if r], None in flt.rags))
    if flt.owner_ids:
        conds.append(F.owner_id.in_(flt.owner_ids))
    if flt.departments:
        conds.append(F.department.in_(flt.departments))
    if flt.chief_officer_leads:
        conds.append(F.chief_officer_lead.in_(flt.chief_officer_leads))
    if flt.report_ids:
        conds.append(F.report_id.in_(flt.report_ids))
    if flt.applies_to_force is not None:
        conds.append(F.applies_to_force.is_(flt.applies_to_force))
    open_values = [s.value for s in OPEN_STATUSES]
    if flt.overdue:
        conds.append(and_(F.status.in_(open_values), F.due_on < today))
    if flt.due_within_days is not None:
        end = today + timedelta(days=flt.due_within_days)
        conds.append(and_(F.status.in_(open_values), F.due_on >= today, F.due_on <= end))
    if flt.no_update_in_days is not None:
        since = today - timedelta(days=flt.no_update_in_days)
        recent = select(U.id).where(U.finding_id == F.id, U.written_on >= since).exists()
        conds.append(and_(F.status.in_(open_values), ~recent))
    if flt.text.strip():
        like = f"%{flt.text.strip()}%"
        noted = select(U.id).where(U.finding_id == F.id, U.text.ilike(like)).exists()
        conds.append(or_(F.text.ilike(like), F.reference.ilike(like), noted))
    return conds


def _in_or_null(column: Any, values: list[Any], with_null: bool) -> Any:
    parts = []
    if values:
        parts.append(column.in_(values))
    if with_null:
        parts.append(column.is_(None))
    return or_(*parts)


def finding_rows(
    ws: Workspace, flt: FindingFilter | None = None, sort: SortOrder | None = None
) -> Iterator[FindingRow]:
    """The findings of a register view, in order, streamed from one query."""
    flt, sort = flt or FindingFilter(), sort or SortOrder()
    query = finding_query(flt, sort, ws.ctx.clock.today())
    with ws.store.read() as session:
        result = session.execute(query.execution_options(yield_per=2000))
        width = len(_FINDING_COLUMNS)
        for row in result:
            record = dict(zip(_FINDING_COLUMNS, row[:width], strict=True))
            yield _row(record, *row[width:])


def count_findings(ws: Workspace, flt: FindingFilter | None = None) -> int:
    """How many findings the view holds."""
    flt = flt or FindingFilter()
    query = (
        select(func.count())
        .select_from(F)
        .join(R, R.id == F.report_id)
        .where(*_conditions(flt, ws.ctx.clock.today()))
    )
    with ws.store.read() as session:
        return session.scalar(query) or 0


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
