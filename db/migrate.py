"""Bring a database file to the current schema: refuse newer ones, back up before upgrading."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from db.engine import make_engine
from db.sqlite_tools import backup_database, check_is_ours, use_wal

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

# The revision this version writes. Kept here so that opening an up-to-date file never
# imports Alembic (~150 ms of start-up); a test keeps it equal to the scripts' head.
SCHEMA_HEAD = "0003_register_keys"


class NewerSchema(Exception):
    """The file was written by a newer Liaison Desk; it is left untouched."""


class MigrationFailed(Exception):
    """An upgrade failed and was rolled back; the file is as it was."""


@dataclass(frozen=True)
class MigrationOutcome:
    """What opening the file did to its schema."""

    before: str | None
    after: str
    backup: Path | None


def _script_location() -> str:
    # An absolute path, so a frozen (PyInstaller) build finds the scripts too.
    return str(resources.files("db") / "migrations")


def alembic_config() -> Config:
    """An Alembic config that needs no alembic.ini."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", _script_location())
    return config


def script_directory() -> ScriptDirectory:
    """The migration scripts shipped with this version."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """The schema revision this version writes."""
    head = script_directory().get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    """Every revision this version can upgrade from (revision ids are not ordered)."""
    return {script.revision for script in script_directory().walk_revisions()}


def upgrade_to_head(path: Path, backup_dir: Path) -> MigrationOutcome:
    """Upgrade the file at ``path`` to head in one transaction, after a backup.

    A new or empty file is created at head. A file of an unknown (newer) revision is
    refused without being opened for writing.
    """
    before = check_is_ours(path)
    if before == SCHEMA_HEAD:
        use_wal(path)
        return MigrationOutcome(before, before, None)
    head = head_revision()
    if before is not None and before not in known_revisions():
        raise NewerSchema(
            f"{path.name} was written by a newer version of Liaison Desk "
            f"(schema {before}); please update Liaison Desk to open it"
        )
    backup = None
    if before is not None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = backup_database(path, backup_dir / f"before-upgrade-{before}-{stamp}.sqlite3")
    _run_upgrade(path)
    use_wal(path)
    return MigrationOutcome(before, head, backup)


def _run_upgrade(path: Path) -> None:
    # Batch migrations recreate tables: with foreign keys on, ON DELETE actions would fire
    # on the children. Run with them off and check the result before committing.
    from alembic import command

    engine = make_engine(path, foreign_keys=False)
    try:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise MigrationFailed(f"the upgrade left {len(broken)} broken references")
    except MigrationFailed:
        raise
    except Exception as exc:
        raise MigrationFailed(f"the database upgrade failed and was undone: {exc}") from exc
    finally:
        engine.dispose()
