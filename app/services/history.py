"""Reading the change log back, as a person reads it."""

from __future__ import annotations

from sqlalchemy import func, select

from app.domain.values import ChangeEntry
from app.services.codec import decode
from app.services.context import ServiceContext
from db.records import ChangeRecord


class HistoryService:
    """Who changed what, when, from what to what."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def for_record(self, entity_id: str) -> list[ChangeEntry]:
        """Every change to one record, oldest first."""
        with self.ctx.store.read() as session:
            rows = session.scalars(
                select(ChangeRecord)
                .where(ChangeRecord.entity_id == entity_id)
                .order_by(ChangeRecord.seq)
            )
            return [
                ChangeEntry(
                    r.at,
                    r.actor,
                    r.entity,
                    r.entity_id,
                    r.action,
                    r.field,
                    decode(r.old_value),
                    decode(r.new_value),
                    r.note,
                )
                for r in rows
            ]

    def count(self) -> int:
        """Entries in the whole log."""
        with self.ctx.store.read() as session:
            return session.scalar(select(func.count()).select_from(ChangeRecord)) or 0
