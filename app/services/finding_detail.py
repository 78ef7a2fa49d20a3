"""Everything the read-only finding panel shows: the finding, its report, its CoC, its notes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from app.domain.values import Finding, Person, ProgressUpdate, Report
from db.records import FindingRecord

if TYPE_CHECKING:
    from app.workspace import Workspace


@dataclass(frozen=True, slots=True)
class FindingDetail:
    """One finding with what surrounds it."""

    finding: Finding
    report: Report
    owner: Person | None
    parent: Finding | None  # the cause of concern it addresses
    children: tuple[Finding, ...]  # for a cause of concern: the findings addressing it
    updates: tuple[ProgressUpdate, ...]  # newest first
    days_overdue: int | None


class FindingDetailService:
    """Reads a finding's detail in one go."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    def get(self, finding_id: str) -> FindingDetail:
        """The detail of one finding (NotFound when there is no such finding)."""
        ws = self.ws
        finding = ws.findings.get(finding_id)
        parent = ws.findings.get(finding.parent_id) if finding.parent_id else None
        with ws.store.read() as session:
            records = session.scalars(
                select(FindingRecord)
                .where(FindingRecord.parent_id == finding_id, FindingRecord.deleted_at.is_(None))
                .order_by(FindingRecord.created_at, FindingRecord.reference)
            )
            children = tuple(ws.findings.codec.to_value(r) for r in records)
        today = ws.ctx.clock.today()
        overdue = finding.is_overdue(today) and finding.due_on is not None
        return FindingDetail(
            finding=finding,
            report=ws.reports.get(finding.report_id),
            owner=ws.people.get(finding.owner_id) if finding.owner_id else None,
            parent=parent,
            children=children,
            updates=tuple(reversed(ws.findings.progress(finding_id))),
            days_overdue=(today - finding.due_on).days if overdue and finding.due_on else None,
        )
