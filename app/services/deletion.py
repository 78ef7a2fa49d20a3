"""Deleting with a way back: soft deletes, logged, listed as "recently deleted", restorable."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import DomainError, NotFound
from app.formatting import long_date
from app.services.context import ServiceContext
from db.records import ChangeRecord, FindingRecord, InspectionRecord, MeetingRecord, ReportRecord

RECORDS: dict[str, Any] = {
    "finding": FindingRecord,
    "report": ReportRecord,
    "inspection": InspectionRecord,
    "meeting": MeetingRecord,
}
ENTITY_LABELS = {
    "finding": "Finding",
    "report": "Report",
    "inspection": "Inspection",
    "meeting": "Committee meeting",
}
WITH_REPORT = "Deleted with its report"


@dataclass(frozen=True, slots=True)
class DeletedItem:
    """A deleted record as the "Recently deleted" list shows it."""

    entity: str
    id: str
    label: str
    deleted_at: datetime
    deleted_by: str
    note: str = ""
    findings_with_it: int = 0  # a report's findings, deleted and restored with it

    @property
    def kind_label(self) -> str:
        return ENTITY_LABELS[self.entity]


class DeletionService:
    """Deletes and restores findings, reports (with their findings), inspections, meetings."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def delete(self, entity: str, record_id: str, *, note: str = "") -> int:
        """Mark a record deleted; a report takes its live findings with it. Returns the count."""
        with self.ctx.store.write() as session:
            record = self._record(session, entity, record_id)
            if record.deleted_at is not None:
                return 0
            moment = self.ctx.clock.now()
            self._mark(session, entity, record, moment, note)
            count = 1
            if entity == "report":
                for finding in session.scalars(
                    select(FindingRecord).where(
                        FindingRecord.report_id == record_id, FindingRecord.deleted_at.is_(None)
                    )
                ):
                    self._mark(session, "finding", finding, moment, WITH_REPORT)
                    count += 1
            return count

    def restore(self, entity: str, record_id: str, *, note: str = "") -> int:
        """Bring a deleted record back (a report with the findings deleted with it)."""
        with self.ctx.store.write() as session:
            record = self._record(session, entity, record_id)
            if record.deleted_at is None:
                return 0
            if entity == "finding":
                report = session.get(ReportRecord, record.report_id)
                if report is not None and report.deleted_at is not None:
                    raise DomainError(
                        None,
                        f"its report “{report.title}” is deleted; restore the report first",
                    )
            self._mark(session, entity, record, None, note)
            count = 1
            if entity == "report":
                for finding in self._deleted_with(session, record_id):
                    self._mark(session, "finding", finding, None, note)
                    count += 1
            return count

    def recently_deleted(self, limit: int = 200) -> list[DeletedItem]:
        """Deleted records, most recent first (a report's findings are listed under it)."""
        items: list[DeletedItem] = []
        with self.ctx.store.read() as session:
            for entity, record_type in RECORDS.items():
                rows = session.scalars(
                    select(record_type)
                    .where(record_type.deleted_at.is_not(None))
                    .order_by(record_type.deleted_at.desc())
                    .limit(limit)
                )
                for record in rows:
                    items.append(self._item(session, entity, record))
        items = [i for i in items if not (i.entity == "finding" and i.note == WITH_REPORT)]
        items.sort(key=lambda i: i.deleted_at, reverse=True)
        return items[:limit]

    # --- helpers --------------------------------------------------------------------------
    def _record(self, session: Session, entity: str, record_id: str) -> Any:
        record = session.get(RECORDS[entity], record_id)
        if record is None:
            raise NotFound(entity, record_id)
        return record

    def _mark(
        self, session: Session, entity: str, record: Any, moment: datetime | None, note: str
    ) -> None:
        before = record.deleted_at
        record.deleted_at = moment
        # The record and its log entry share one moment, so the as-at projection can be
        # rebuilt from the log exactly (snapshot merges do).
        record.updated_at = now = self.ctx.clock.now()
        session.flush()
        self.ctx.log(
            session,
            entity=entity,
            entity_id=record.id,
            action="delete" if moment else "restore",
            changes={"deleted_at": (before, moment)},
            note=note,
            at=now,
        )

    def _deleted_with(self, session: Session, report_id: str) -> list[FindingRecord]:
        """The report's findings whose latest deletion was the report's own."""
        found = []
        for finding in session.scalars(
            select(FindingRecord).where(
                FindingRecord.report_id == report_id, FindingRecord.deleted_at.is_not(None)
            )
        ):
            entry = self._last_deletion(session, finding.id)
            if entry is not None and entry.note == WITH_REPORT:
                found.append(finding)
        return found

    def _last_deletion(self, session: Session, record_id: str) -> ChangeRecord | None:
        return session.scalars(
            select(ChangeRecord)
            .where(ChangeRecord.entity_id == record_id, ChangeRecord.action == "delete")
            .order_by(ChangeRecord.seq.desc())
            .limit(1)
        ).first()

    def _item(self, session: Session, entity: str, record: Any) -> DeletedItem:
        entry = self._last_deletion(session, record.id)
        with_it = len(self._deleted_with(session, record.id)) if entity == "report" else 0
        return DeletedItem(
            entity=entity,
            id=record.id,
            label=_label(session, entity, record),
            deleted_at=record.deleted_at,
            deleted_by=entry.actor if entry else "",
            note=entry.note if entry else "",
            findings_with_it=with_it,
        )


def _label(session: Session, entity: str, record: Any) -> str:
    if entity == "finding":
        report = session.get(ReportRecord, record.report_id)
        return f"{record.reference} — {report.title if report else '(no report)'}"
    if entity == "meeting":
        return f"{record.committee}, {long_date(record.meets_on)}"
    return str(record.title)
