"""The tables of a Liaison Desk database as snapshots see them: kinds, labels, counts."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from db.search import is_fts_table

SHARED = ("id", "created_at", "updated_at", "deleted_at")
LOG, STATE, BLOB = "change_log", "finding_state", "blob"
# Derived tables, rebuilt from the records on this side: never compared or merged.
SKIPPED = frozenset({"alembic_version", STATE, "finding_register", "search_queue"})
# Child rows replaced as a set whenever their parent's pseudo-field changes (ReportService
# deletes and re-creates gradings, logging them as the report's "gradings" field).
CHILD_SETS = {"grading": ("report", "report_id", "gradings")}

LABELS = {
    "person": "People",
    "monitoring_period": "Monitoring periods",
    "inspection": "Inspections",
    "report": "Reports",
    "grading": "Gradings",
    "finding": "Findings",
    "progress_update": "Progress updates",
    "meeting": "Meetings",
    "attachment": "Evidence attachments",
    "paper": "Archived papers",
    "setting": "Settings",
    "blob": "Files (evidence, papers)",
    "change_log": "History entries",
}
SINGULAR = {
    "person": "Person",
    "monitoring_period": "Monitoring period",
    "inspection": "Inspection",
    "report": "Report",
    "finding": "Finding",
    "progress_update": "Progress update",
    "meeting": "Meeting",
    "attachment": "Evidence",
    "paper": "Paper",
    "setting": "Setting",
}
# Columns that name a record to a person, in order of preference.
_NAMING = ("reference", "title", "name", "filename", "committee", "area", "key", "stage")
ORDER = tuple(LABELS)


@dataclass(frozen=True)
class Column:
    """One column of a table."""

    name: str
    type: str
    pk: bool


def label(table: str) -> str:
    """A table's name as a person reads it."""
    return LABELS.get(table, table.replace("_", " ").capitalize())


def record_label(table: str) -> str:
    """One record of a table, as a person names it ("Finding")."""
    return SINGULAR.get(table, label(table))


def user_tables(conn: sqlite3.Connection, schema: str = "main") -> list[str]:
    """Tables that hold data (not SQLite's own, not Alembic's, not the derived state)."""
    rows = conn.execute(
        f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    names = [r[0] for r in rows if r[0] not in SKIPPED and not is_fts_table(r[0])]
    return sorted(names, key=lambda n: (ORDER.index(n) if n in ORDER else len(ORDER), n))


def columns(conn: sqlite3.Connection, table: str, schema: str = "main") -> list[Column]:
    """The columns of ``table`` in their stored order."""
    return [
        Column(name, (ctype or "").upper(), bool(pk))
        for _cid, name, ctype, _notnull, _default, pk in conn.execute(
            f'PRAGMA {schema}.table_info("{table}")'
        )
    ]


def is_record_table(cols: list[Column]) -> bool:
    """True for tables of records with stable UUIDs and created/updated/deleted times."""
    return set(SHARED) <= {c.name for c in cols}


def count_rows(
    conn: sqlite3.Connection, schema: str = "main", tables: list[str] | None = None
) -> dict[str, dict[str, int]]:
    """Rows, and rows not deleted, per table."""
    out: dict[str, dict[str, int]] = {}
    for table in tables or user_tables(conn, schema):
        total = conn.execute(f'SELECT count(*) FROM {schema}."{table}"').fetchone()[0]
        live = total
        if "deleted_at" in {c.name for c in columns(conn, table, schema)}:
            live = conn.execute(
                f'SELECT count(*) FROM {schema}."{table}" WHERE deleted_at IS NULL'
            ).fetchone()[0]
        out[table] = {"rows": total, "live": live}
    return out


def namer(conn: sqlite3.Connection, table: str, schema: str) -> Callable[[str], str]:
    """A function giving a record of ``table`` a short human name from its id."""
    names = {c.name for c in columns(conn, table, schema)}
    pick = next((n for n in _NAMING if n in names), None)
    key = "id" if "id" in names else next(c.name for c in columns(conn, table, schema) if c.pk)

    # "Recommendation 1" names dozens of findings: say which report it is in too.
    query = (
        f"SELECT f.reference || coalesce(' — ' || r.title, '') FROM {schema}.finding f "
        f"LEFT JOIN {schema}.report r ON r.id = f.report_id WHERE f.id = ?"
        if table == "finding" and "report_id" in names
        else f'SELECT "{pick}" FROM {schema}."{table}" WHERE "{key}" = ?'
    )

    def name_of(record_id: str) -> str:
        if pick is None:
            return str(record_id)[:8]
        row = conn.execute(query, (record_id,)).fetchone()
        text = str(row[0]) if row and row[0] is not None else str(record_id)[:8]
        return text if len(text) <= 80 else text[:77] + "…"

    return name_of
