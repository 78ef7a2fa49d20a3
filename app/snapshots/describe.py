"""Snapshot facts in words: field names, values, who changed what when (CLI and screens)."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import date, datetime
from enum import Enum

from app.clock import utc_to_london
from app.domain import enums
from app.formatting import long_date
from app.snapshots.plan import THEIRS, UNKNOWN, Change, Who
from app.snapshots.tables import namer

_ENUMS: dict[str, type[Enum]] = {
    "kind": enums.Kind,
    "level": enums.Level,
    "status": enums.Status,
    "rag": enums.Rag,
    "closed_by": enums.ClosedBy,
    "scope": enums.ReportScope,
    "type": enums.InspectionType,
    "stage": enums.MonitoringStage,
    "grade": enums.Grade,
}
_FIELD_NAMES = {
    "applies_to_force": "Applies to the force",
    "deleted_at": "Deleted",
    "cc_letter_ref": "CC letter reference",
    "cc_letter_on": "CC letter date",
    "rag": "RAG",
    "due_on": "Due date",
    "parent_id": "Cause of concern addressed",
    "gradings": "Gradings",
}
_YES_NO = frozenset({"applies_to_force", "due_immediate"})


def field_name(field: str) -> str:
    """``owner_id`` → "Owner"."""
    if field in _FIELD_NAMES:
        return _FIELD_NAMES[field]
    return field.removesuffix("_id").replace("_", " ").capitalize()


def when(stored: str | None) -> str:
    """A stored UTC time as "27 June 2024, 14:05" (London)."""
    if not stored:
        return ""
    try:
        moment = utc_to_london(datetime.fromisoformat(stored))
    except ValueError:
        return stored
    return f"{long_date(moment.date())}, {moment:%H:%M}"


def who(change_by: Who | None) -> str:
    """ "Alex Smith, 27 June 2024, 14:05", or a note that the log does not say."""
    if change_by is None:
        return "not in the history"
    actor, at = change_by
    return f"{actor or 'added a linked record'}, {when(at)}"


def value_text(field: str, value: object, name_of: dict[object, str] | None = None) -> str:
    """A stored value as a person reads it."""
    if field == "deleted_at":
        return "kept" if value is None else f"deleted {when(str(value))}"
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if name_of and value in name_of:
        return name_of[value]
    if field in _YES_NO:
        return "Yes" if value else "No"
    if field in _ENUMS:
        with contextlib.suppress(ValueError):
            item = _ENUMS[field](value)
            return str(getattr(item, "label", item.value))
    if isinstance(value, str) and len(value) == 10:
        with contextlib.suppress(ValueError):
            return long_date(date.fromisoformat(value))
    return str(value)


def linked_names(conn: sqlite3.Connection, changes: list[Change]) -> dict[object, str]:
    """Names for the ids that conflicting link fields point at (owner → person's name)."""
    out: dict[object, str] = {}
    for change in changes:
        if not change.refers_to:
            continue
        for side in ("main", "theirs"):
            name_of = namer(conn, change.refers_to, side)
            for value in (change.mine, change.theirs):
                if value is not None and value not in out:
                    name = name_of(str(value))
                    if name != str(value)[:8]:
                        out[value] = name
    return out


def side_text(change: Change) -> str:
    """Where the change comes from."""
    if change.side == THEIRS:
        return "changed in the snapshot"
    if change.side == UNKNOWN:
        return "differs; the history does not say who changed it"
    if change.conflict:
        return "changed on both sides"
    return "changed here"
