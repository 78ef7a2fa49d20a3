"""One way to open a Liaison Desk SQLite file: the pragmas, and transactions that include DDL."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import NullPool

IMMEDIATE = "ld_immediate"


def make_engine(path: Path, *, read_only: bool = False, foreign_keys: bool = True) -> Engine:
    """Engine over the file at ``path`` with the pragmas every connection needs.

    Python's sqlite3 commits DDL on its own; we switch that off and emit ``BEGIN``
    ourselves so that a failing migration rolls back whole.
    """
    if read_only:
        url = f"sqlite+pysqlite:///file:{path.as_posix()}?mode=ro&uri=true"
    else:
        url = f"sqlite+pysqlite:///{path.as_posix()}"
    engine = create_engine(url, poolclass=NullPool if read_only else None)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout = 10000")
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        cursor.execute("PRAGMA trusted_schema = OFF")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:  # type: ignore[no-untyped-def]
        # Writers take the lock up front, so two writers queue on busy_timeout
        # instead of failing on a read-to-write upgrade.
        immediate = connection.get_execution_options().get(IMMEDIATE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine
