"""The inspections register: inspection activity, filtered and sorted in SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select

from app.domain.enums import InspectionStatus, InspectionType
from app.domain.filters import InspectionFilter, SortOrder
from db.records import InspectionRecord, PersonRecord, ReportRecord

if TYPE_CHECKING:
    from app.workspace import Workspace

I = InspectionRecord  # noqa: E741
FINISHED = (InspectionStatus.PUBLISHED.value, InspectionStatus.CANCELLED.value)


@dataclass(frozen=True, slots=True)
class InspectionRow:
    """One line of the inspections register."""

    id: str
    type: InspectionType
    title: str
    status: InspectionStatus
    partners: tuple[str, ...]
    fieldwork_start: date | None
    fieldwork_end: date | None
    hot_debrief_on: date | None
    expected_publication_on: date | None
    force_lead: str
    reports: int


INSPECTION_SORTS = ("type", "title", "status", "fieldwork", "debrief", "publication", "lead")


class InspectionRegister:
    """Inspection activity as a filterable, sortable table."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    def total(self) -> int:
        """Live inspections."""
        with self.ws.store.read() as session:
            return session.scalar(select(func.count()).where(I.deleted_at.is_(None))) or 0

    def count(self, flt: InspectionFilter) -> int:
        """Inspections matching the filter."""
        query = select(func.count()).select_from(I).where(*self._conditions(flt))
        with self.ws.store.read() as session:
            return session.scalar(query) or 0

    def rows(
        self,
        flt: InspectionFilter,
        sort: SortOrder = SortOrder("fieldwork", ascending=False),  # noqa: B008
    ) -> list[InspectionRow]:
        """Every matching inspection, in order."""
        reports = (
            select(ReportRecord.inspection_id, func.count().label("n"))
            .where(ReportRecord.deleted_at.is_(None))
            .group_by(ReportRecord.inspection_id)
            .subquery()
        )
        query = (
            select(I, PersonRecord.name, func.coalesce(reports.c.n, 0))
            .outerjoin(PersonRecord, PersonRecord.id == I.force_lead_id)
            .outerjoin(reports, reports.c.inspection_id == I.id)
            .where(*self._conditions(flt))
        )
        key = _sort_expression(sort.column)
        ordered = key.asc() if sort.ascending else key.desc()
        query = query.order_by(key.is_(None), ordered, func.lower(I.title), I.id)
        with self.ws.store.read() as session:
            return [
                InspectionRow(
                    id=rec.id,
                    type=InspectionType(rec.type),
                    title=rec.title,
                    status=InspectionStatus(rec.status),
                    partners=tuple(p.strip() for p in rec.partners.split(";") if p.strip()),
                    fieldwork_start=rec.fieldwork_start,
                    fieldwork_end=rec.fieldwork_end,
                    hot_debrief_on=rec.hot_debrief_on,
                    expected_publication_on=rec.expected_publication_on,
                    force_lead=lead or "",
                    reports=n,
                )
                for rec, lead, n in session.execute(query)
            ]

    def _conditions(self, flt: InspectionFilter) -> list[ColumnElement[bool]]:
        out: list[ColumnElement[bool]] = [I.deleted_at.is_(None)]
        if flt.types:
            out.append(I.type.in_(sorted(t.value for t in flt.types)))
        if flt.statuses:
            out.append(I.status.in_(sorted(s.value for s in flt.statuses)))
        for word in flt.text.split():
            pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            out.append(
                or_(*(c.ilike(pattern, escape="\\") for c in (I.title, I.partners, I.notes)))
            )
        if flt.forthcoming:
            out += [I.status.not_in(FINISHED), forthcoming(self.ws.ctx.clock.today())]
        return out


def forthcoming(today: date) -> ColumnElement[bool]:
    """Fieldwork, a debrief or publication still to come (or nothing dated yet)."""
    dates = (I.fieldwork_start, I.fieldwork_end, I.hot_debrief_on, I.expected_publication_on)
    return or_(*(d >= today for d in dates), and_(*(d.is_(None) for d in dates)))


_STATUS_ORDER = {s.value: i for i, s in enumerate(InspectionStatus)}


def _sort_expression(column: str) -> Any:
    return {
        "type": I.type,
        "title": func.lower(I.title),
        "status": case(_STATUS_ORDER, value=I.status, else_=len(_STATUS_ORDER)),
        "debrief": I.hot_debrief_on,
        "publication": I.expected_publication_on,
        "lead": select(PersonRecord.name)
        .where(PersonRecord.id == I.force_lead_id)
        .correlate(I)
        .scalar_subquery(),
    }.get(column, I.fieldwork_start)
