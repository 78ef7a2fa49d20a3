"""Undo of the last change made here: the old values written back, and logged as an undo."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from app.domain import rules
from app.domain.errors import DomainError
from app.domain.values import Finding
from app.services.attachments import AttachmentService
from app.services.deletion import DeletionService
from app.services.entity import EntityService
from app.services.findings import FindingService

EDIT, CREATE, DELETE = "edit", "create", "delete"


@dataclass(frozen=True, slots=True)
class UndoStep:
    """One change a person made, with what is needed to take it back."""

    description: str  # "Edit Recommendation 3", "Bulk edit of 12 findings"
    entity: str  # finding, report, inspection, meeting, attachment
    kind: str  # edit, create or delete
    edits: tuple[tuple[Any, Any], ...] = ()  # (before, after) values, for edits
    ids: tuple[str, ...] = ()  # the records created or deleted


@dataclass(frozen=True, slots=True)
class UndoOutcome:
    """What an undo did: how many records went back, and those it left alone and why."""

    undone: int
    skipped: tuple[str, ...] = ()


@dataclass
class UndoHistory:
    """The changes made in this window, newest last (kept short: undo is for slips)."""

    limit: int = 20
    steps: list[UndoStep] = field(default_factory=list)

    def push(self, step: UndoStep) -> None:
        self.steps.append(step)
        del self.steps[: -self.limit]

    def peek(self) -> UndoStep | None:
        return self.steps[-1] if self.steps else None

    def pop(self) -> UndoStep | None:
        return self.steps.pop() if self.steps else None


class _CorrectingFindings(FindingService):
    """Writes a finding back to its earlier values: the values must be valid, but an undo is
    a correction, not a lifecycle step, so the transition rules do not apply."""

    def _validate(
        self, session: Session, value: Finding, before: Finding | None, note: str
    ) -> None:
        rules.validate_finding(value)
        self._check_references(session, value)


class UndoService:
    """Takes back an UndoStep, record by record, refusing where the record changed since."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.services: dict[str, EntityService[Any]] = {
            "finding": _CorrectingFindings(ws.ctx),
            "report": ws.reports,
            "inspection": ws.inspections,
            "meeting": ws.meetings,
            "person": ws.people,
        }
        self.deletion = DeletionService(ws.ctx)
        self.attachments = AttachmentService(ws.ctx)

    def undo(self, step: UndoStep) -> UndoOutcome:
        """Undo ``step``; each record is done or skipped on its own, and every undo is logged."""
        note = f"Undo: {step.description}"
        if step.kind == EDIT:
            return self._undo_edits(step, note)
        undone = 0
        for record_id in step.ids:
            if step.entity == "attachment":
                remove = step.kind == CREATE
                (self.attachments.remove if remove else self.attachments.restore)(
                    record_id, note=note
                )
                undone += 1
            elif step.kind == CREATE:
                undone += self.deletion.delete(step.entity, record_id, note=note)
            else:
                undone += self.deletion.restore(step.entity, record_id, note=note)
        return UndoOutcome(undone)

    def _undo_edits(self, step: UndoStep, note: str) -> UndoOutcome:
        service = self.services[step.entity]
        undone, skipped = 0, []
        for before, after in step.edits:
            name = getattr(after, "reference", "") or getattr(after, "title", "") or "the record"
            current = service.get(after.id)
            if current != after:
                skipped.append(f"{name} has changed again since, so it was left as it is.")
                continue
            try:
                service.update(before, note=note, action="undo")
            except DomainError as exc:
                skipped.append(f"{name}: {exc.message}")
                continue
            undone += 1
        return UndoOutcome(undone, tuple(skipped))
