"""Every trigger a Liaison Desk database at head has, by name, with its SQL.

Migrations keep frozen copies; this is the current set. Snapshot import rejects a file
whose triggers are not exactly these. A feature that adds a trigger adds it here too.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection

from db.search import FILL_REGISTER, REGISTER_COLUMNS, register_values, report_rank

_STATE = "kind, level, status, applies_to_force, deleted"
_NEW = "NEW.kind, NEW.level, NEW.status, NEW.applies_to_force, NEW.deleted_at IS NOT NULL"

# finding_register (db/records.py) is a narrow copy of each finding for the registers.
_REGISTER_SET = "({}) = ({})".format(REGISTER_COLUMNS, register_values("NEW"))


def _last_update(finding_id: str) -> str:
    return (
        "UPDATE finding_register SET last_update_on = (SELECT max(written_on) "
        f"FROM progress_update WHERE finding_id = {finding_id} AND deleted_at IS NULL) "
        f"WHERE finding_id = {finding_id}; "
    )


def _queue(finding_id: str) -> str:
    # For the search index (db/search.py). No conflict clause: an outer INSERT OR … would
    # override it inside the trigger.
    return (
        f"INSERT INTO search_queue (finding_id) SELECT {finding_id} WHERE NOT EXISTS "
        f"(SELECT 1 FROM search_queue WHERE finding_id = {finding_id}); "
    )


TRIGGERS = {
    "finding_state_on_insert": (
        "CREATE TRIGGER finding_state_on_insert AFTER INSERT ON finding BEGIN "
        f"INSERT INTO finding_state (finding_id, valid_from, valid_to, {_STATE}) "
        f"VALUES (NEW.id, NEW.created_at, NULL, {_NEW}); END"
    ),
    "finding_state_on_update": (
        "CREATE TRIGGER finding_state_on_update "
        "AFTER UPDATE OF kind, level, status, applies_to_force, deleted_at ON finding "
        "WHEN OLD.kind IS NOT NEW.kind OR OLD.level IS NOT NEW.level "
        "OR OLD.status IS NOT NEW.status OR OLD.applies_to_force IS NOT NEW.applies_to_force "
        "OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL) BEGIN "
        "UPDATE finding_state SET valid_to = NEW.updated_at "
        "WHERE finding_id = NEW.id AND valid_to IS NULL; "
        f"INSERT INTO finding_state (finding_id, valid_from, valid_to, {_STATE}) "
        f"VALUES (NEW.id, NEW.updated_at, NULL, {_NEW}); END"
    ),
    "change_log_no_update": (
        "CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log "
        "BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END"
    ),
    "change_log_no_delete": (
        "CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log "
        "BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END"
    ),
    "finding_register_on_insert": (
        "CREATE TRIGGER finding_register_on_insert AFTER INSERT ON finding BEGIN "
        f"INSERT INTO finding_register (finding_id, {REGISTER_COLUMNS}) "
        f"SELECT NEW.id, {register_values('NEW')} "
        "WHERE NOT EXISTS (SELECT 1 FROM finding_register WHERE finding_id = NEW.id); "
        # A finding removed and put back (a merge) takes its old row over.
        f"UPDATE finding_register SET {_REGISTER_SET} WHERE finding_id = NEW.id AND deleted = 2; "
        f"{_queue('NEW.id')}END"
    ),
    "finding_register_on_update": (
        "CREATE TRIGGER finding_register_on_update AFTER UPDATE ON finding BEGIN "
        f"UPDATE finding_register SET finding_id = NEW.id, {_REGISTER_SET} "
        "WHERE finding_id = OLD.id; END"
    ),
    "finding_register_on_delete": (
        "CREATE TRIGGER finding_register_on_delete AFTER DELETE ON finding BEGIN "
        "UPDATE finding_register SET deleted = 2 WHERE finding_id = OLD.id; "
        f"{_queue('OLD.id')}END"
    ),
    "finding_search_on_finding_update": (
        "CREATE TRIGGER finding_search_on_finding_update "
        "AFTER UPDATE OF id, reference, text ON finding "
        "WHEN OLD.id IS NOT NEW.id OR OLD.reference IS NOT NEW.reference "
        "OR OLD.text IS NOT NEW.text BEGIN "
        f"{_queue('OLD.id')}{_queue('NEW.id')}END"
    ),
    "finding_register_on_progress_insert": (
        "CREATE TRIGGER finding_register_on_progress_insert AFTER INSERT ON progress_update "
        f"BEGIN {_last_update('NEW.finding_id')}{_queue('NEW.finding_id')}END"
    ),
    "finding_register_on_progress_update": (
        "CREATE TRIGGER finding_register_on_progress_update "
        "AFTER UPDATE OF finding_id, written_on, text, deleted_at ON progress_update BEGIN "
        f"{_last_update('OLD.finding_id')}{_last_update('NEW.finding_id')}"
        f"{_queue('OLD.finding_id')}{_queue('NEW.finding_id')}END"
    ),
    "finding_register_on_progress_delete": (
        "CREATE TRIGGER finding_register_on_progress_delete AFTER DELETE ON progress_update "
        f"BEGIN {_last_update('OLD.finding_id')}{_queue('OLD.finding_id')}END"
    ),
    "finding_register_on_person_name": (
        "CREATE TRIGGER finding_register_on_person_name AFTER UPDATE OF name ON person BEGIN "
        "UPDATE finding_register SET owner_name = NEW.name WHERE owner_id = NEW.id; END"
    ),
    "finding_register_on_person_insert": (
        "CREATE TRIGGER finding_register_on_person_insert AFTER INSERT ON person BEGIN "
        "UPDATE finding_register SET owner_name = NEW.name WHERE owner_id = NEW.id; END"
    ),
    "finding_register_on_report_date": (
        "CREATE TRIGGER finding_register_on_report_date "
        "AFTER UPDATE OF published_on ON report BEGIN "
        "UPDATE finding_register SET report_published_on = NEW.published_on, "
        f"report_rank = {report_rank('NEW.published_on')} WHERE report_id = NEW.id; END"
    ),
    "finding_register_on_report_insert": (
        "CREATE TRIGGER finding_register_on_report_insert AFTER INSERT ON report BEGIN "
        "UPDATE finding_register SET report_published_on = NEW.published_on, "
        f"report_rank = {report_rank('NEW.published_on')} WHERE report_id = NEW.id; END"
    ),
}


_NEW_FINDINGS = (
    "FROM finding f WHERE NOT EXISTS (SELECT 1 FROM finding_register r WHERE r.finding_id = f.id)"
)


@contextmanager
def register_filled_after(connection: Connection) -> Iterator[None]:
    """Inside a write transaction: findings inserted in the block get their register rows and
    search-queue entries in one set-based pass at its end, not from a trigger per row.

    For a bulk import: the per-row trigger was ~1.9 s of 50,000 new findings. The trigger is
    dropped and created again in the same transaction, so a failure anywhere rolls both back
    and a database never keeps the file without it (snapshot vetting checks every trigger).
    Only for new findings: one removed and put back (a merge) needs the trigger's update.
    """
    connection.exec_driver_sql("DROP TRIGGER finding_register_on_insert")
    yield
    connection.exec_driver_sql(
        f"INSERT INTO search_queue (finding_id) SELECT f.id {_NEW_FINDINGS} "
        "AND NOT EXISTS (SELECT 1 FROM search_queue q WHERE q.finding_id = f.id)"
    )
    # FILL_REGISTER ends "FROM finding f": the same rows, in the order they were inserted.
    new_only = _NEW_FINDINGS.removeprefix("FROM finding f ")
    connection.exec_driver_sql(f"{FILL_REGISTER} {new_only} ORDER BY f.rowid")
    connection.exec_driver_sql(TRIGGERS["finding_register_on_insert"])
