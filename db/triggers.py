"""Every trigger a Liaison Desk database at head has, by name, with its SQL.

Migrations keep frozen copies; this is the current set. Snapshot import rejects a file
whose triggers are not exactly these. A feature that adds a trigger adds it here too.
"""

_STATE = "kind, level, status, applies_to_force, deleted"
_NEW = "NEW.kind, NEW.level, NEW.status, NEW.applies_to_force, NEW.deleted_at IS NOT NULL"

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
}
