"""The reports register: reports, their gradings and finding counts, filtered and sorted in SQL."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, case, func, or_, select

from app.domain.enums import Grade, ReportScope
from app.domain.filters import ReportFilter, SortOrder
from app.domain.values import PCC_RESPONSE_DAYS
from app.services.register_sql import OPEN
from db.records import FindingRegisterRecord, GradingRecord, InspectionRecord, ReportRecord

if TYPE_CHECKING:
    from app.workspace import Workspace

R = FindingRegisterRecord
GRADE_ORDER = tuple(Grade)


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One line of the reports register."""

    id: str
    title: str
    scope: ReportScope
    published_on: date | None
    reference: str
    inspection_title: str
    grades: tuple[Grade, ...]
    findings: int  # live findings recorded against the report
    applying: int  # …of which apply to the force
    open: int  # …of which are open
    response_published_on: date | None

    @property
    def pcc_response_due(self) -> date | None:
        """Publication + 56 days (Police Act 1996 s55)."""
        if self.published_on is None:
            return None
        return self.published_on + timedelta(days=PCC_RESPONSE_DAYS)

    @property
    def gradings_summary(self) -> str:
        """ "2 Good, 1 Requires improvement", best grade first."""
        counts = Counter(self.grades)
        return ", ".join(f"{counts[g]} {g.label}" for g in GRADE_ORDER if counts[g])

    def response_overdue(self, today: date) -> bool:
        """No response recorded and the s55 deadline has passed."""
        due = self.pcc_response_due
        return self.response_published_on is None and due is not None and due < today


REPORT_SORTS = (
    "title",
    "scope",
    "published",
    "gradings",
    "findings",
    "applying",
    "open",
    "pcc_due",
    "response",
)


class ReportRegister:
    """Reports as a filterable, sortable table."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    def total(self) -> int:
        """Live reports."""
        with self.ws.store.read() as session:
            query = select(func.count()).where(ReportRecord.deleted_at.is_(None))
            return session.scalar(query) or 0

    def count(self, flt: ReportFilter) -> int:
        """Reports matching the filter."""
        counts = _finding_counts()
        query = select(func.count()).select_from(ReportRecord)
        query = query.outerjoin(counts, counts.c.report_id == ReportRecord.id)
        with self.ws.store.read() as session:
            return session.scalar(query.where(*self._conditions(flt, counts))) or 0

    def rows(
        self,
        flt: ReportFilter,
        sort: SortOrder = SortOrder("published", ascending=False),  # noqa: B008
    ) -> list[ReportRow]:
        """Every matching report, in order."""
        counts = _finding_counts()
        rep = ReportRecord
        query = (
            select(
                rep.id,
                rep.title,
                rep.scope,
                rep.published_on,
                rep.reference,
                InspectionRecord.title,
                func.coalesce(counts.c.findings, 0),
                func.coalesce(counts.c.applying, 0),
                func.coalesce(counts.c.open, 0),
                rep.response_published_on,
            )
            .outerjoin(counts, counts.c.report_id == rep.id)
            .outerjoin(InspectionRecord, InspectionRecord.id == rep.inspection_id)
            .where(*self._conditions(flt, counts))
        )
        key = _sort_expression(sort.column, counts)
        direction = (lambda e: e.asc()) if sort.ascending else (lambda e: e.desc())
        query = query.order_by(key.is_(None), direction(key), rep.title, rep.id)
        with self.ws.store.read() as session:
            found = session.execute(query).all()
            grades = _grades(session, [r[0] for r in found])
        return [
            ReportRow(
                id=r[0],
                title=r[1],
                scope=ReportScope(r[2]),
                published_on=r[3],
                reference=r[4],
                inspection_title=r[5] or "",
                grades=grades.get(r[0], ()),
                findings=r[6],
                applying=r[7],
                open=r[8],
                response_published_on=r[9],
            )
            for r in found
        ]

    def _conditions(self, flt: ReportFilter, counts: Any) -> list[ColumnElement[bool]]:
        rep = ReportRecord
        out: list[ColumnElement[bool]] = [rep.deleted_at.is_(None)]
        if flt.scopes:
            out.append(rep.scope.in_(sorted(s.value for s in flt.scopes)))
        for word in flt.text.split():
            pattern = f"%{_escape(word)}%"
            out.append(
                or_(
                    rep.title.ilike(pattern, escape="\\"),
                    rep.reference.ilike(pattern, escape="\\"),
                    rep.summary.ilike(pattern, escape="\\"),
                )
            )
        if flt.with_open_findings:
            out.append(func.coalesce(counts.c.open, 0) > 0)
        if flt.response_due_within_days is not None:
            today = self.ws.ctx.clock.today()
            # due = published + 56 days, so "due from today to today + N" is a publication range
            earliest = today - timedelta(days=PCC_RESPONSE_DAYS)
            latest = earliest + timedelta(days=flt.response_due_within_days)
            out += [
                rep.response_published_on.is_(None),
                rep.published_on >= earliest,
                rep.published_on <= latest,
            ]
        return out


def _finding_counts() -> Any:
    applying = case((R.applies_to_force.is_(True), 1), else_=0)
    open_applying = case((R.applies_to_force.is_(True) & R.status.in_(OPEN), 1), else_=0)
    return (
        select(
            R.report_id.label("report_id"),
            func.count().label("findings"),
            func.sum(applying).label("applying"),
            func.sum(open_applying).label("open"),
        )
        .where(R.deleted + 0 == 0)  # a scan, not the default-order index
        .group_by(R.report_id)
        .subquery()
    )


def _sort_expression(column: str, counts: Any) -> Any:
    rep = ReportRecord
    return {
        "title": func.lower(rep.title),
        "scope": rep.scope,
        "findings": func.coalesce(counts.c.findings, 0),
        "applying": func.coalesce(counts.c.applying, 0),
        "open": func.coalesce(counts.c.open, 0),
        "response": rep.response_published_on,
        "gradings": select(func.count())
        .where(GradingRecord.report_id == rep.id)
        .correlate(rep)
        .scalar_subquery(),
    }.get(column, rep.published_on)  # published, and pcc_due (published + 56 days)


def _grades(session: Any, report_ids: list[str]) -> dict[str, tuple[Grade, ...]]:
    out: dict[str, list[Grade]] = {}
    for start in range(0, len(report_ids), 500):
        query = (
            select(GradingRecord.report_id, GradingRecord.grade)
            .where(GradingRecord.report_id.in_(report_ids[start : start + 500]))
            .order_by(GradingRecord.report_id, GradingRecord.position)
        )
        for report_id, grade in session.execute(query):
            out.setdefault(report_id, []).append(Grade(grade))
    return {k: tuple(v) for k, v in out.items()}


def _escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
