"""Vetting a database file that came from elsewhere before anything relies on it.

The file is always a private copy. It is opened read-only with ``trusted_schema=OFF``, and
must be a Liaison Desk database (header, ``application_id``) whose schema is exactly the one
this version creates at the same revision: no views, no trigger that is not ours, no table
or index that differs by one character. Only then is it read in earnest.
"""

from __future__ import annotations

import contextlib
import sqlite3
import tempfile
from functools import lru_cache
from pathlib import Path

from db.base import APPLICATION_ID
from db.sqlite_tools import SQLITE_HEADER

Schema = dict[tuple[str, str], str]

# Byte offsets 18 and 19 of the header: file format write/read versions (2 = WAL).
_FORMAT_VERSION_OFFSET = 18


class UnsafeDatabase(Exception):
    """The file is not a Liaison Desk database this version can safely use."""


def open_untrusted(path: Path) -> sqlite3.Connection:
    """A read-only connection that runs nothing from the file's schema."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA cell_size_check = ON")
    return conn


def use_rollback_journal(path: Path) -> None:
    """Mark a private copy as a rollback-journal file, so it opens without -wal/-shm files."""
    with path.open("r+b") as handle:
        handle.seek(_FORMAT_VERSION_OFFSET)
        if handle.read(2) == b"\x02\x02":
            handle.seek(_FORMAT_VERSION_OFFSET)
            handle.write(b"\x01\x01")


def read_revision(conn: sqlite3.Connection) -> str | None:
    """The Alembic revision recorded in the file, or None."""
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


def schema_of(conn: sqlite3.Connection, prefix: str = "main") -> Schema:
    """Every table, index, view and trigger by (type, name), with its SQL."""
    rows = conn.execute(
        f"SELECT type, name, sql FROM {prefix}.sqlite_master WHERE name NOT LIKE 'sqlite_%'"
    )
    return {(kind, name): sql or "" for kind, name, sql in rows}


def vet(path: Path, triggers: dict[str, str], reference: Schema) -> str:
    """Check the file at ``path``; return its schema revision or raise UnsafeDatabase.

    ``triggers`` are the exact triggers a database at that revision has; ``reference`` is
    the full schema such a database has.
    """
    with path.open("rb") as handle:
        if handle.read(16) != SQLITE_HEADER:
            raise UnsafeDatabase("it does not hold a database")
    try:
        with contextlib.closing(open_untrusted(path)) as conn:
            if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                raise UnsafeDatabase("it holds the database of another application")
            schema = schema_of(conn)
            revision = read_revision(conn)
    except sqlite3.DatabaseError as exc:
        raise UnsafeDatabase(f"its database cannot be read ({exc})") from exc
    check_schema(schema, triggers, reference)
    if revision is None:
        raise UnsafeDatabase("its database has no schema revision")
    return revision


def check_schema(schema: Schema, triggers: dict[str, str], reference: Schema) -> None:
    """Raise UnsafeDatabase unless ``schema`` has no views, exactly ``triggers``, and is
    otherwise identical to ``reference``."""
    views = sorted(name for kind, name in schema if kind == "view")
    if views:
        raise UnsafeDatabase(f"its database contains views ({', '.join(views)})")
    found = {name: sql for (kind, name), sql in schema.items() if kind == "trigger"}
    if found != triggers:
        odd = sorted(
            name for name in found.keys() | triggers.keys() if found.get(name) != triggers.get(name)
        )
        raise UnsafeDatabase(
            f"its database contains unknown or altered triggers ({', '.join(odd)})"
        )
    rest = {key: sql for key, sql in schema.items() if key[0] != "trigger"}
    expected = {key: sql for key, sql in reference.items() if key[0] != "trigger"}
    if rest != expected:
        odd = sorted(name for kind, name in rest.keys() ^ expected.keys())
        odd += sorted(
            n for (k, n), sql in rest.items() if (k, n) in expected and expected[(k, n)] != sql
        )
        raise UnsafeDatabase(f"its tables are not those of Liaison Desk ({', '.join(odd[:5])})")


@lru_cache(maxsize=8)
def _schema_at_cached(revision: str) -> tuple[tuple[tuple[str, str], str], ...]:
    from alembic import command

    from db.engine import make_engine
    from db.migrate import alembic_config

    with tempfile.TemporaryDirectory(prefix="ld-schema-") as folder:
        path = Path(folder) / "reference.sqlite3"
        engine = make_engine(path, foreign_keys=False)
        try:
            with engine.begin() as connection:
                config = alembic_config()
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
        finally:
            engine.dispose()
        with contextlib.closing(sqlite3.connect(path)) as conn:
            return tuple(sorted(schema_of(conn).items()))


def schema_at(revision: str) -> Schema:
    """The schema a fresh database migrated to ``revision`` has (built once per process)."""
    return dict(_schema_at_cached(revision))


def connect_with_snapshot(live: Path, snapshot: Path, alias: str = "theirs") -> sqlite3.Connection:
    """A connection to the live database with a vetted snapshot attached read-only.

    Used from one thread at a time (a worker may plan and another apply). Transactions are
    begun explicitly; foreign keys are on and may be deferred inside a transaction.
    """
    conn = sqlite3.connect(
        live.resolve().as_uri(), uri=True, isolation_level=None, check_same_thread=False
    )
    conn.execute("PRAGMA busy_timeout = 10000")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(f"ATTACH DATABASE ? AS {alias}", (f"{snapshot.resolve().as_uri()}?mode=ro",))
    return conn
