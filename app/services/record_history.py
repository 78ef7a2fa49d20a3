"""A record's change log as a person reads it: who, when, what, field labels, old → new."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from itertools import groupby

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import utc_to_london
from app.field_labels import field_label, readable_value
from app.formatting import long_date
from app.services.codec import decode
from app.services.context import ServiceContext
from db.records import (
    AttachmentRecord,
    ChangeRecord,
    FindingRecord,
    InspectionRecord,
    MeetingRecord,
    PersonRecord,
    ProgressUpdateRecord,
    ReportRecord,
)

_ACTIONS = {
    "create": "Created",
    "update": "Changed",
    "status": "Status changed",
    "delete": "Deleted",
    "restore": "Restored",
    "undo": "Undone",
    "bulk": "Changed in a bulk edit",
    "import": "Imported",
}
_RELATED_ACTIONS = {
    ("attachment", "create"): "Evidence attached",
    ("attachment", "delete"): "Evidence removed",
    ("attachment", "restore"): "Evidence put back",
    ("progress_update", "create"): "Progress update added",
}
# Fields whose value is the id of another record, shown by that record's name.
_LINKS = {
    "owner_id": (PersonRecord, "name"),
    "force_lead_id": (PersonRecord, "name"),
    "report_id": (ReportRecord, "title"),
    "inspection_id": (InspectionRecord, "title"),
    "parent_id": (FindingRecord, "reference"),
    "previous_meeting_id": (MeetingRecord, "meets_on"),
}
_HIDDEN = {"finding_id", "sha256", "deleted_at"}


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of an event: its label and the old and new values as text."""

    field: str
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class HistoryEvent:
    """One change made at one moment by one person."""

    at: datetime
    who: str
    what: str
    changes: tuple[FieldChange, ...]
    note: str = ""

    @property
    def when(self) -> str:
        """27 June 2024, 14:05 (London time)."""
        local = utc_to_london(self.at)
        return f"{long_date(local.date())}, {local:%H:%M}"


class RecordHistory:
    """Reads the change log of a record and of what hangs off it (evidence, progress)."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def for_finding(self, finding_id: str) -> list[HistoryEvent]:
        """Every change to a finding, its evidence and its progress notes, newest first."""
        with self.ctx.store.read() as session:
            related = list(
                session.scalars(
                    select(AttachmentRecord.id).where(AttachmentRecord.finding_id == finding_id)
                )
            )
            related += list(
                session.scalars(
                    select(ProgressUpdateRecord.id).where(
                        ProgressUpdateRecord.finding_id == finding_id
                    )
                )
            )
        return self.for_record(finding_id, related=related)

    def for_record(self, record_id: str, *, related: list[str] | None = None) -> list[HistoryEvent]:
        """Every change to one record (and the related ones), newest first."""
        ids = [record_id, *(related or [])]
        with self.ctx.store.read() as session:
            rows = list(
                session.scalars(
                    select(ChangeRecord)
                    .where(ChangeRecord.entity_id.in_(ids))
                    .order_by(ChangeRecord.seq)
                )
            )
            names = _Names(session)
            events = []
            for _key, group in groupby(
                rows, key=lambda r: (r.at, r.actor, r.entity, r.entity_id, r.action, r.note)
            ):
                entries = list(group)
                first = entries[0]
                what = _RELATED_ACTIONS.get((first.entity, first.action)) or _ACTIONS.get(
                    first.action, first.action.capitalize()
                )
                changes = tuple(
                    FieldChange(
                        field_label(r.field),
                        names.text(r.entity, r.field, decode(r.old_value)),
                        names.text(r.entity, r.field, decode(r.new_value)),
                    )
                    for r in entries
                    if r.field not in _HIDDEN
                )
                events.append(HistoryEvent(first.at, first.actor, what, changes, first.note))
        events.reverse()
        return events


class _Names:
    """Turns stored ids into the names people know, once per id."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.cache: dict[tuple[str, str], str] = {}

    def text(self, entity: str, field: str, value: object) -> str:
        if field in _LINKS and isinstance(value, str) and value:
            return self._name(field, value)
        return readable_value(field, value, entity=entity)

    def _name(self, field: str, record_id: str) -> str:
        key = (field, record_id)
        if key not in self.cache:
            record_type, attribute = _LINKS[field]
            record = self.session.get(record_type, record_id)
            if record is None:
                self.cache[key] = "(removed)"
            else:
                value = getattr(record, attribute)
                self.cache[key] = long_date(value) if field == "previous_meeting_id" else value
        return self.cache[key]
