"""Records as they stood at a moment: today's columns, wound back through the change log.

A field's value at a moment is its current value unless it changed later, in which case it
is the *old* value of the first later change. Deletion is a field too (``deleted_at``), and a
record created after the moment did not exist yet. This is what keeps an old meeting's paper
the same whatever happens after the meeting.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, select
from sqlalchemy.orm import Session

from db.records import ChangeRecord


def rows_as_at(
    session: Session,
    record_type: Any,
    entity: str,
    moment: datetime,
    fields: tuple[str, ...],
    *,
    where: tuple[Any, ...] = (),
) -> list[dict[str, Any]]:
    """``fields`` (plus id and created_at) of the records matching ``where`` that existed and
    were not deleted at ``moment``, each as it stood then, in created order."""
    wound = (*fields, "deleted_at")
    columns = [getattr(record_type, name) for name in ("id", "created_at", *wound)]
    existing = (record_type.created_at < moment, *where)
    rows = {
        row.id: dict(row._mapping)
        for row in session.execute(
            select(*columns).where(*existing).order_by(record_type.created_at)
        )
    }
    if not rows:
        return []
    ids = select(record_type.id).where(*existing).scalar_subquery()
    later = session.execute(
        select(ChangeRecord.entity_id, ChangeRecord.field, ChangeRecord.old_value)
        .where(
            ChangeRecord.entity == entity,
            ChangeRecord.at >= moment,
            ChangeRecord.field.in_(wound),
            ChangeRecord.entity_id.in_(ids),
        )
        .order_by(ChangeRecord.seq)
    )
    wound_back: set[tuple[str, str]] = set()
    table = record_type.__table__
    for entity_id, field, old in later:
        if (entity_id, field) in wound_back or entity_id not in rows:
            continue
        wound_back.add((entity_id, field))
        rows[entity_id][field] = _column_value(table.c[field].type, old)
    return [row for row in rows.values() if row["deleted_at"] is None]


def _column_value(column_type: Any, text: str | None) -> Any:
    """A change-log value (JSON text) back as the column's Python value."""
    if text is None:
        return None
    value = json.loads(text)
    if value is None:
        return None
    if isinstance(column_type, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(column_type, Date):
        return date.fromisoformat(value)
    if isinstance(column_type, Boolean):
        return bool(value)
    return value
