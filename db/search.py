"""The full-text index over findings (SQLite FTS5): reference, text and progress notes.

SQLite refuses to let a trigger write to an FTS5 table while ``trusted_schema`` is OFF (as
it always is here), so the index is kept in step in two halves:

- triggers on ``finding`` and ``progress_update`` (db/triggers.py) put the id of every
  finding whose searchable words changed in ``search_queue``, whoever wrote it (a service,
  an import, a snapshot merge, plain SQL);
- ``flush_queue`` re-indexes the queued findings; a search calls it first, so it always sees
  every committed change.

The index's rows are numbered by ``finding_register.doc``. The FTS5 table and its shadow
tables (``finding_search*``) are not modelled in db/records.py; ``rebuild`` recreates their
content from ``finding`` and ``progress_update`` at any time.
"""

from __future__ import annotations

from sqlalchemy import Connection

FTS_TABLE = "finding_search"

# unicode61 folds case and accents; prefix indexes make "as you type" prefix queries cheap;
# detail=column keeps the index small and fast (no phrase queries: words are ANDed instead).
CREATE_FTS = (
    "CREATE VIRTUAL TABLE finding_search USING fts5(reference, text, notes, "
    "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3', detail = column)"
)

_QUEUED = "SELECT finding_id FROM search_queue"
FLUSH_STATEMENTS = (
    # Forget the old words of every queued finding…
    "DELETE FROM finding_search WHERE rowid IN (SELECT doc FROM finding_register "
    f"WHERE finding_id IN ({_QUEUED}))",
    # …let go of findings removed from the database…
    f"DELETE FROM finding_register WHERE finding_id IN ({_QUEUED}) "
    "AND finding_id NOT IN (SELECT id FROM finding)",
    # …and index the current words of the others.
    "INSERT INTO finding_search (rowid, reference, text, notes) "
    "SELECT r.doc, f.reference, f.text, coalesce((SELECT group_concat(p.text, char(10)) "
    "FROM progress_update p WHERE p.finding_id = f.id AND p.deleted_at IS NULL), '') "
    "FROM search_queue q JOIN finding_register r ON r.finding_id = q.finding_id "
    "JOIN finding f ON f.id = q.finding_id",
    "DELETE FROM search_queue",
)

# The register's copy of a finding (the triggers use the same column list).
REGISTER_COLUMNS = (
    "deleted, report_id, kind, kind_rank, level, status, rag, applies_to_force, due_on, "
    "due_immediate, "
    "owner_id, department, chief_officer_lead, reference, reference_key, addressee, "
    "created_at, last_update_on, owner_name, report_published_on, report_rank"
)


def register_values(f: str) -> str:
    """The REGISTER_COLUMNS values for the finding row ``f`` (NEW in a trigger)."""
    return (
        f"{f}.deleted_at IS NOT NULL, {f}.report_id, {f}.kind, "
        f"CASE {f}.kind WHEN 'coc' THEN 0 WHEN 'recommendation' THEN 1 ELSE 2 END, "
        f"{f}.level, {f}.status, {f}.rag, {f}.applies_to_force, {f}.due_on, {f}.due_immediate, "
        f"{f}.owner_id, {f}.department, "
        f"{f}.chief_officer_lead, {f}.reference, {_reference_key(f + '.reference')}, "
        f"{f}.addressee, {f}.created_at, (SELECT max(written_on) FROM progress_update "
        f"WHERE finding_id = {f}.id AND deleted_at IS NULL), "
        f"coalesce((SELECT name FROM person WHERE id = {f}.owner_id), ''), "
        f"(SELECT published_on FROM report WHERE id = {f}.report_id), "
        f"{report_rank(f'(SELECT published_on FROM report WHERE id = {f}.report_id)')}"
    )


def _reference_key(reference: str) -> str:
    stem = f"rtrim({reference}, '0123456789')"
    number = f"CAST(substr({reference}, length({stem}) + 1) AS INTEGER)"
    padded = f"{stem} || printf('%010d', {number})"
    return f"CASE WHEN {stem} = {reference} THEN {reference} ELSE {padded} END"


def report_rank(published_on: str) -> str:
    """SQL for finding_register.report_rank from a publication date expression."""
    return f"coalesce(-CAST(replace({published_on}, '-', '') AS INTEGER), 99999999)"


FILL_REGISTER = (
    f"INSERT INTO finding_register (finding_id, {REGISTER_COLUMNS}) "
    f"SELECT f.id, {register_values('f')} FROM finding f"
)


def is_fts_table(name: str | None) -> bool:
    """True for the FTS5 table and its shadow tables (not modelled in db/records.py)."""
    return name == FTS_TABLE or bool(name and name.startswith(FTS_TABLE + "_"))


def has_queue(connection: Connection) -> bool:
    """True when some finding changed since the index was last brought up to date."""
    return connection.exec_driver_sql("SELECT 1 FROM search_queue LIMIT 1").first() is not None


def flush_queue(connection: Connection) -> None:
    """Re-index the queued findings (inside a write transaction)."""
    for statement in FLUSH_STATEMENTS:
        connection.exec_driver_sql(statement)


def rebuild(connection: Connection) -> None:
    """Rebuild the register copy and the index from scratch (repair, or after a bulk load)."""
    connection.exec_driver_sql("DELETE FROM finding_search")
    connection.exec_driver_sql("DELETE FROM finding_register")
    connection.exec_driver_sql(FILL_REGISTER)
    connection.exec_driver_sql("DELETE FROM search_queue")
    connection.exec_driver_sql("INSERT INTO search_queue (finding_id) SELECT id FROM finding")
    flush_queue(connection)
