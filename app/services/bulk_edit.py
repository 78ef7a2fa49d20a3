"""Change many findings at once: each is checked against the rules and logged on its own."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date

from app.domain.enums import ClosedBy, Level, Rag, Status
from app.domain.errors import DomainError, InvalidValues
from app.domain.values import Finding
from app.field_labels import describe_problem
from app.services.findings import FindingService
from db.records import FindingRecord

BULK_FIELDS = ("owner_id", "department", "status", "level", "due_on", "rag")


@dataclass(frozen=True, slots=True)
class BulkFailure:
    """A finding the edit could not change, and why, in words."""

    finding_id: str
    reference: str
    reason: str


@dataclass(frozen=True, slots=True)
class BulkResult:
    """What a bulk edit did to each finding asked for."""

    changed: tuple[tuple[Finding, Finding], ...]  # (before, after)
    unchanged: tuple[str, ...]
    failed: tuple[BulkFailure, ...]

    @property
    def summary(self) -> str:
        parts = [f"{len(self.changed)} changed"]
        if self.unchanged:
            parts.append(f"{len(self.unchanged)} already as asked")
        if self.failed:
            parts.append(f"{len(self.failed)} not changed")
        return ", ".join(parts)


class BulkEditService:
    """Sets owner, department, status, level, due date or RAG on many findings, with a note."""

    def __init__(self, findings: FindingService) -> None:
        self.findings = findings
        self.ctx = findings.ctx

    def apply(
        self,
        finding_ids: Iterable[str],
        values: Mapping[str, object],
        *,
        note: str,
        cc_letter_ref: str | None = None,
        cc_letter_on: date | None = None,
        closed_by: ClosedBy | None = None,
    ) -> BulkResult:
        """Apply ``values`` (field -> new value, None clears) to each finding in its own savepoint.

        A finding the rules refuse is left as it was and listed in ``failed`` with the reason;
        the others are changed. Every change is logged against its own finding with ``note``.
        """
        unknown = set(values) - set(BULK_FIELDS)
        if unknown:
            raise ValueError(f"cannot bulk-edit {', '.join(sorted(unknown))}")
        if not note.strip():
            raise InvalidValues({"note": "say why these findings are changing"})
        if not values:
            raise InvalidValues({"values": "choose at least one thing to change"})
        fields = {k: v for k, v in values.items() if k != "status"}
        status = values.get("status")
        changed: list[tuple[Finding, Finding]] = []
        unchanged: list[str] = []
        failed: list[BulkFailure] = []
        with self.ctx.store.write() as session:
            for finding_id in dict.fromkeys(finding_ids):
                record = session.get(FindingRecord, finding_id)
                if record is None or record.deleted_at is not None:
                    reference = "" if record is None else record.reference
                    failed.append(BulkFailure(finding_id, reference, "it has been deleted"))
                    continue
                before = after = self.findings.codec.to_value(record)
                savepoint = session.begin_nested()
                try:
                    edited = _with_fields(before, fields)
                    if edited != before:
                        after = self.findings.update_in(session, edited, note=note, action="bulk")
                    if status is not None and Status(status) is not after.status:  # type: ignore[arg-type]
                        after = self.findings.change_status_in(
                            session,
                            finding_id,
                            Status(status),  # type: ignore[arg-type]
                            note=note,
                            cc_letter_ref=cc_letter_ref,
                            cc_letter_on=cc_letter_on,
                            closed_by=closed_by,
                        )
                except DomainError as exc:
                    savepoint.rollback()
                    failed.append(BulkFailure(finding_id, before.reference, describe_problem(exc)))
                    continue
                savepoint.commit()
                if after == before:
                    unchanged.append(finding_id)
                else:
                    changed.append((before, after))
        return BulkResult(tuple(changed), tuple(unchanged), tuple(failed))


def _with_fields(finding: Finding, fields: Mapping[str, object]) -> Finding:
    changes = dict(fields)
    if "level" in changes and changes["level"] is not None:
        changes["level"] = Level(changes["level"])  # type: ignore[call-overload]
    if "rag" in changes and changes["rag"] is not None:
        changes["rag"] = Rag(changes["rag"])  # type: ignore[call-overload]
    if "department" in changes:
        changes["department"] = str(changes["department"] or "").strip()
    if "due_on" in changes:
        changes["due_immediate"] = False
    return replace(finding, **changes)  # type: ignore[arg-type]
