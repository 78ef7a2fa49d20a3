"""Create, change, delete and restore records of one kind, logging every field that changes."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import NotFound
from app.services.codec import Codec
from app.services.context import ServiceContext, new_id

V = TypeVar("V")


class EntityService(Generic[V]):
    """The shared use cases of a record kind; subclasses add validation and their own cases."""

    entity: str
    record_type: Any
    codec: Codec[V]

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # --- reading -------------------------------------------------------------------------
    def get(self, record_id: str) -> V:
        """The value with this id (deleted ones included)."""
        with self.ctx.store.read() as session:
            return self._to_value(session, self._record(session, record_id))

    def list(self, *, include_deleted: bool = False) -> list[V]:
        """Every value, in the kind's natural order."""
        with self.ctx.store.read() as session:
            query = select(self.record_type).order_by(*self._order())
            if not include_deleted:
                query = query.where(self.record_type.deleted_at.is_(None))
            return [self._to_value(session, rec) for rec in session.scalars(query)]

    # --- writing -------------------------------------------------------------------------
    def create(self, value: V, *, note: str = "", action: str = "create") -> V:
        """Store a new value; returns it with its id."""
        with self.ctx.store.write() as session:
            created = self.create_in(session, value, note=note, action=action)
        return created

    def create_in(self, session: Session, value: V, *, note: str = "", action: str = "create") -> V:
        """``create`` inside a caller's transaction (imports, demo, bulk work)."""
        value = replace(value, id=getattr(value, "id", "") or new_id())  # type: ignore[type-var]
        self._validate(session, value, None, note)
        now = self.ctx.clock.now()
        columns = self.codec.to_columns(value)
        record = self.record_type(id=value.id, created_at=now, updated_at=now, **columns)  # type: ignore[attr-defined]
        session.add(record)
        session.flush()
        self._after_write(session, record, value)
        changes = {k: (None, v) for k, v in columns.items() if v not in (None, "", ())}
        changes.update(self._extra_changes(session, None, value))
        self.ctx.log(
            session,
            entity=self.entity,
            entity_id=record.id,
            action=action,
            changes=changes or {"id": (None, record.id)},
            note=note,
            at=now,
        )
        return self._to_value(session, record)

    def update(self, value: V, *, note: str = "", action: str = "update") -> V:
        """Store a changed value; only the fields that differ are logged."""
        with self.ctx.store.write() as session:
            updated = self.update_in(session, value, note=note, action=action)
        return updated

    def update_in(self, session: Session, value: V, *, note: str = "", action: str = "update") -> V:
        """``update`` inside a caller's transaction."""
        record = self._record(session, value.id)  # type: ignore[attr-defined]
        before = self._to_value(session, record)
        self._validate(session, value, before, note)
        new_columns = self.codec.to_columns(value)
        changes = {
            name: (getattr(record, name), new)
            for name, new in new_columns.items()
            if getattr(record, name) != new
        }
        changes.update(self._extra_changes(session, before, value))
        if not changes:
            return before
        for name, (_old, new) in changes.items():
            if name in new_columns:
                setattr(record, name, new)
        # One moment for the record and its log entries: finding_state (kept by triggers
        # from updated_at) must be rebuildable from the log's times exactly.
        record.updated_at = now = self.ctx.clock.now()
        self._after_write(session, record, value)
        self.ctx.log(
            session,
            entity=self.entity,
            entity_id=record.id,
            action=action,
            changes=changes,
            note=note,
            at=now,
        )
        return self._to_value(session, record)

    def delete(self, record_id: str, *, note: str = "") -> None:
        """Mark deleted (recoverable with ``restore``); the deletion is logged."""
        self._set_deleted(record_id, deleted=True, note=note)

    def restore(self, record_id: str, *, note: str = "") -> None:
        """Bring back a deleted record."""
        self._set_deleted(record_id, deleted=False, note=note)

    def _set_deleted(self, record_id: str, *, deleted: bool, note: str) -> None:
        with self.ctx.store.write() as session:
            record = self._record(session, record_id)
            if (record.deleted_at is not None) == deleted:
                return
            before = record.deleted_at
            now = self.ctx.clock.now()
            record.deleted_at = now if deleted else None
            record.updated_at = now
            self.ctx.log(
                session,
                entity=self.entity,
                entity_id=record_id,
                action="delete" if deleted else "restore",
                changes={"deleted_at": (before, record.deleted_at)},
                note=note,
                at=now,
            )

    # --- hooks for subclasses ------------------------------------------------------------
    def _validate(self, session: Session, value: V, before: V | None, note: str) -> None:
        """Raise a DomainError when ``value`` may not be stored."""

    def _after_write(self, session: Session, record: Any, value: V) -> None:
        """Write dependent rows (gradings…) after the record itself."""

    def _extra_changes(
        self, session: Session, before: V | None, value: V
    ) -> dict[str, tuple[object, object]]:
        """Changes to log beyond the record's own columns."""
        return {}

    def _to_value(self, session: Session, record: Any) -> V:
        return self.codec.to_value(record)

    def _order(self) -> tuple[Any, ...]:
        return (self.record_type.created_at,)

    def _record(self, session: Session, record_id: str) -> Any:
        record = session.get(self.record_type, record_id)
        if record is None:
            raise NotFound(self.entity, record_id)
        return record
