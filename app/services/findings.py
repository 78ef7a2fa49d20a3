"""Findings: recording them, and moving them through the level-aware lifecycle."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import rules
from app.domain.enums import ClosedBy, Kind, Level, Rag, Status
from app.domain.errors import DomainError, InvalidValues
from app.domain.values import Finding, ProgressUpdate
from app.services.codec import Codec
from app.services.context import new_id
from app.services.entity import EntityService
from db.records import FindingRecord, PersonRecord, ProgressUpdateRecord, ReportRecord


class FindingService(EntityService[Finding]):
    """Causes of Concern, Recommendations and Areas for Improvement."""

    entity = "finding"
    record_type = FindingRecord
    codec = Codec(
        Finding,
        enums={"kind": Kind, "level": Level, "status": Status, "rag": Rag, "closed_by": ClosedBy},
    )

    def change_status(
        self,
        finding_id: str,
        status: Status,
        *,
        note: str = "",
        cc_letter_ref: str | None = None,
        cc_letter_on: date | None = None,
        closed_by: ClosedBy | None = None,
    ) -> Finding:
        """Move a finding to ``status``, with what that step needs (letter, closer, reason)."""
        with self.ctx.store.write() as session:
            return self.change_status_in(
                session,
                finding_id,
                status,
                note=note,
                cc_letter_ref=cc_letter_ref,
                cc_letter_on=cc_letter_on,
                closed_by=closed_by,
            )

    def change_status_in(
        self, session: Session, finding_id: str, status: Status, *, note: str = "", **details: Any
    ) -> Finding:
        """``change_status`` inside a caller's transaction."""
        before = self._to_value(session, self._record(session, finding_id))
        after = rules.apply_status(before, status, self.ctx.clock.today(), **details)
        return self.update_in(session, after, note=note, action="status")

    def add_progress(
        self, finding_id: str, text: str, *, author: str | None = None, on: date | None = None
    ) -> ProgressUpdate:
        """Add a dated progress note; notes are never edited or removed."""
        with self.ctx.store.write() as session:
            return self.add_progress_in(session, finding_id, text, author=author, on=on)

    def add_progress_in(
        self,
        session: Session,
        finding_id: str,
        text: str,
        *,
        author: str | None = None,
        on: date | None = None,
    ) -> ProgressUpdate:
        """``add_progress`` inside a caller's transaction."""
        self._record(session, finding_id)
        if not text.strip():
            raise InvalidValues({"text": "write the progress update"})
        now = self.ctx.clock.now()
        update = ProgressUpdate(
            finding_id=finding_id,
            written_on=on or self.ctx.clock.today(),
            author=author or self.ctx.actor,
            text=text.strip(),
            id=new_id(),
        )
        session.add(
            ProgressUpdateRecord(
                id=update.id,
                finding_id=finding_id,
                written_on=update.written_on,
                author=update.author,
                text=update.text,
                created_at=now,
                updated_at=now,
            )
        )
        self.ctx.log(
            session,
            entity="progress_update",
            entity_id=update.id,
            action="create",
            changes={"finding_id": (None, finding_id), "text": (None, update.text)},
            at=now,
        )
        return update

    def progress(self, finding_id: str) -> list[ProgressUpdate]:
        """The progress notes of a finding, oldest first."""
        with self.ctx.store.read() as session:
            rows = session.scalars(
                select(ProgressUpdateRecord)
                .where(
                    ProgressUpdateRecord.finding_id == finding_id,
                    ProgressUpdateRecord.deleted_at.is_(None),
                )
                .order_by(ProgressUpdateRecord.written_on, ProgressUpdateRecord.created_at)
            )
            return [
                ProgressUpdate(r.finding_id, r.written_on, r.author, r.text, r.id) for r in rows
            ]

    def for_report(self, report_id: str) -> list[Finding]:
        """The findings of one report, in their published order."""
        with self.ctx.store.read() as session:
            rows = session.scalars(
                select(FindingRecord)
                .where(FindingRecord.report_id == report_id, FindingRecord.deleted_at.is_(None))
                .order_by(FindingRecord.created_at, FindingRecord.reference)
            )
            return [self.codec.to_value(r) for r in rows]

    def _validate(
        self, session: Session, value: Finding, before: Finding | None, note: str
    ) -> None:
        if before is not None:
            rules.check_transition(before, value, note)
        elif value.status not in (Status.OPEN, Status.CLOSED, Status.NOT_APPLICABLE):
            # Findings arrive open; a legacy item may be recorded as already closed.
            raise DomainError("status", "a new finding starts open (or closed, for old items)")
        rules.validate_finding(value)
        self._check_references(session, value)

    def _check_references(self, session: Session, value: Finding) -> None:
        problems = {}
        if value.report_id and session.get(ReportRecord, value.report_id) is None:
            problems["report_id"] = "the report does not exist"
        if value.owner_id and session.get(PersonRecord, value.owner_id) is None:
            problems["owner_id"] = "the owner does not exist"
        if value.parent_id:
            parent = session.get(FindingRecord, value.parent_id)
            if parent is None:
                problems["parent_id"] = "the cause of concern does not exist"
            elif parent.kind != Kind.COC.value:
                problems["parent_id"] = "a finding can only address a cause of concern"
        if problems:
            raise InvalidValues(problems)

    def _order(self) -> tuple[Any, ...]:
        return (FindingRecord.created_at, FindingRecord.reference)
