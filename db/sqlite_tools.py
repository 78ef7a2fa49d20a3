"""SQLite specifics that SQLAlchemy does not cover: header checks, backups, integrity checks."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from db.base import APPLICATION_ID

SQLITE_HEADER = b"SQLite format 3\x00"


class NotOurDatabase(Exception):
    """The file is not a Liaison Desk database (or not a database at all)."""


def looks_like_sqlite(path: Path) -> bool:
    """True when the file starts with the SQLite header."""
    with path.open("rb") as handle:
        return handle.read(16) == SQLITE_HEADER


def open_read_only(path: Path) -> sqlite3.Connection:
    """A raw read-only connection that runs no code from the file's schema."""
    conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    conn.execute("PRAGMA trusted_schema = OFF")
    return conn


def read_identity(path: Path) -> tuple[int, str | None, int]:
    """(application_id, alembic revision or None, number of tables) of a database file."""
    if not looks_like_sqlite(path):
        raise NotOurDatabase(f"{path.name} is not a SQLite database")
    try:
        return _identity(open_read_only(path))
    except sqlite3.DatabaseError as exc:
        if "readonly" not in str(exc):
            raise NotOurDatabase(f"{path.name} cannot be read as a database: {exc}") from exc
    # A hot journal or WAL left by a process killed mid-write: only a read-write open lets
    # SQLite roll it back (or forward), which is what opening the live file must do.
    try:
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA trusted_schema = OFF")
        return _identity(conn)
    except sqlite3.DatabaseError as exc:
        raise NotOurDatabase(f"{path.name} cannot be read as a database: {exc}") from exc


def _identity(conn: sqlite3.Connection) -> tuple[int, str | None, int]:
    """(application_id, revision, tables) read through ``conn``, which it closes."""
    with contextlib.closing(conn):
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        revision = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
    return app_id, revision, len(tables)


def check_is_ours(path: Path) -> str | None:
    """Raise NotOurDatabase unless the file is empty or ours; return its schema revision."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    app_id, revision, tables = read_identity(path)
    if app_id != APPLICATION_ID and tables > 0:
        raise NotOurDatabase(f"{path.name} is a database of another application")
    return revision


def integrity_problems(path: Path, *, quick: bool = False) -> list[str]:
    """Problems reported by SQLite's integrity (or quick) check; empty when healthy."""
    pragma = "quick_check" if quick else "integrity_check"
    with contextlib.closing(open_read_only(path)) as conn:
        rows = [row[0] for row in conn.execute(f"PRAGMA {pragma}")]
        rows += [f"foreign key: {row}" for row in conn.execute("PRAGMA foreign_key_check")]
    return [] if rows == ["ok"] else [row for row in rows if row != "ok"]


def backup_database(
    source: Path, target: Path, progress: Callable[[int, int], None] | None = None
) -> Path:
    """Consistent copy of a (possibly live) database via the backup API, placed atomically.

    ``progress(pages_done, pages_total)`` is called as the copy goes.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    with (
        contextlib.closing(sqlite3.connect(source)) as src,
        contextlib.closing(sqlite3.connect(partial)) as dst,
    ):
        src.execute("PRAGMA busy_timeout = 10000")
        # The partial file is fsynced whole and renamed at the end: no journal needed.
        dst.execute("PRAGMA journal_mode = OFF")
        dst.execute("PRAGMA synchronous = OFF")
        if progress is None:
            src.backup(dst)
        else:
            src.backup(
                dst,
                pages=2048,
                progress=lambda _status, remaining, total: progress(total - remaining, total),
            )
        dst.execute("PRAGMA journal_mode = DELETE")
    with partial.open("rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, target)
    return target


def use_wal(path: Path) -> None:
    """Put the live database in WAL mode (persistent; set from this one place)."""
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("PRAGMA busy_timeout = 10000")
        conn.execute("PRAGMA journal_mode = WAL")
