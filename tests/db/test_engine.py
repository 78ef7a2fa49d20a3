"""Every connection gets the pragmas that keep data safe."""

from __future__ import annotations

from db import migrate
from db.engine import make_engine
from db.store import Store


def test_connections_have_the_safety_pragmas(tmp_path):
    path = tmp_path / "x.sqlite3"
    migrate.upgrade_to_head(path, tmp_path)
    engine = make_engine(path)
    with engine.connect() as connection:
        pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("foreign_keys") == 1
        assert pragma("trusted_schema") == 0
        assert pragma("synchronous") == 2  # FULL
        assert pragma("busy_timeout") == 10000
        assert pragma("journal_mode") == "wal"
    engine.dispose()


def test_a_failed_write_leaves_nothing_behind(tmp_path):
    path = tmp_path / "x.sqlite3"
    migrate.upgrade_to_head(path, tmp_path)
    store = Store(path)
    try:
        with store.write() as session:
            session.execute(
                __import__("sqlalchemy").text("INSERT INTO setting (key, value) VALUES ('a', '1')")
            )
            raise RuntimeError("the disk is full")
    except RuntimeError:
        pass
    with store.read() as session:
        count = session.execute(__import__("sqlalchemy").text("SELECT count(*) FROM setting"))
        assert count.scalar() == 0
    store.close()
