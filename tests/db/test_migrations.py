"""Migrations: head matches the models; foreign, newer or failed upgrades leave the file as is."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from db import migrate
from db.base import APPLICATION_ID, Base
from db.engine import make_engine
from db.search import is_fts_table
from db.sqlite_tools import NotOurDatabase

FIXTURES = Path(__file__).parent / "fixtures"


def include_name(name, type_, parent_names):  # type: ignore[no-untyped-def]
    return not (type_ == "table" and is_fts_table(name))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_empty_database_migrates_to_head_with_no_difference_from_models(tmp_path):
    path = tmp_path / "x.sqlite3"
    outcome = migrate.upgrade_to_head(path, tmp_path / "backups")
    assert outcome.before is None and outcome.after == migrate.head_revision()
    engine = make_engine(path)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": include_name})
        diff = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert diff == []
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_the_change_log_is_append_only(tmp_path):
    path = tmp_path / "x.sqlite3"
    migrate.upgrade_to_head(path, tmp_path)
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO change_log (id, at, actor, entity, entity_id, action, field, "
            "note) VALUES ('a', '2024-01-01', 'me', 'finding', 'f', 'create', 'x', '')"
        )
        for statement in ("UPDATE change_log SET actor = 'someone else'", "DELETE FROM change_log"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                conn.execute(statement)


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("rev_*.sqlite3")), ids=lambda p: p.stem)
def test_every_released_schema_upgrades_with_its_data(tmp_path, fixture):
    from app.workspace import Workspace

    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(fixture, folder / "liaison-desk.sqlite3")
    ws = Workspace.open(folder)
    try:
        assert ws.migration.after == migrate.head_revision()
        assert ws.counts()["findings"] > 0
        assert ws.check().healthy
    finally:
        ws.close()


def test_the_head_constant_matches_the_scripts():
    assert migrate.head_revision() == migrate.SCHEMA_HEAD


def test_there_is_a_fixture_for_the_current_head():
    assert (FIXTURES / f"rev_{migrate.head_revision()}.sqlite3").exists(), (
        "run scripts/make_schema_fixture.py after adding a migration"
    )


def test_a_newer_schema_is_refused_and_untouched(tmp_path):
    path = tmp_path / "x.sqlite3"
    migrate.upgrade_to_head(path, tmp_path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = _digest(path)
    with pytest.raises(migrate.NewerSchema, match="newer version"):
        migrate.upgrade_to_head(path, tmp_path / "backups")
    assert _digest(path) == before
    assert not (tmp_path / "backups").exists()


@pytest.mark.parametrize(
    "content", [b"%PDF-1.7 not a database", b"SQLite format 3\x00" + b"\x00" * 84]
)
def test_a_file_that_is_not_a_database_is_refused_and_untouched(tmp_path, content):
    path = tmp_path / "x.sqlite3"
    path.write_bytes(content)
    with pytest.raises(NotOurDatabase):
        migrate.upgrade_to_head(path, tmp_path)
    assert path.read_bytes() == content


def test_another_apps_sqlite_database_is_refused_and_untouched(tmp_path):
    path = tmp_path / "x.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
    before = _digest(path)
    with pytest.raises(NotOurDatabase, match="another application"):
        migrate.upgrade_to_head(path, tmp_path)
    assert _digest(path) == before


def test_a_failing_upgrade_rolls_back_whole_and_leaves_a_backup(tmp_path, monkeypatch):
    path = tmp_path / "x.sqlite3"
    migrate.upgrade_to_head(path, tmp_path)
    head = migrate.head_revision()
    scripts = tmp_path / "scripts"
    shutil.copytree(Path(migrate._script_location()), scripts)
    (scripts / "versions" / "9999_broken.py").write_text(
        f"revision = '9999_broken'\ndown_revision = '{head}'\n"
        "branch_labels = depends_on = None\n"
        "from alembic import op\nimport sqlalchemy as sa\n"
        "def upgrade():\n"
        "    op.create_table('half_done', sa.Column('x', sa.Integer))\n"
        "    op.execute('INSERT INTO no_such_table VALUES (1)')\n"
    )
    monkeypatch.setattr(migrate, "_script_location", lambda: str(scripts))
    monkeypatch.setattr(migrate, "SCHEMA_HEAD", "9999_broken")
    with pytest.raises(migrate.MigrationFailed, match="undone"):
        migrate.upgrade_to_head(path, tmp_path / "backups")
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "half_done" not in tables
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head
    assert len(list((tmp_path / "backups").glob(f"before-upgrade-{head}-*.sqlite3"))) == 1


def test_a_migrated_database_has_exactly_the_known_triggers(tmp_path):
    from db.triggers import TRIGGERS

    path = tmp_path / "x.sqlite3"
    migrate.upgrade_to_head(path, tmp_path)
    with sqlite3.connect(path) as conn:
        found = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
    assert found == TRIGGERS


def test_a_live_file_left_mid_write_by_a_killed_process_still_opens(tmp_path):
    """A hot rollback journal needs a read-write open to be rolled back; refusing it as
    "not a database" would lock the officer out of their own data."""
    path = tmp_path / "x.sqlite3"
    migrate.upgrade_to_head(path, tmp_path)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("INSERT INTO setting (key, value) VALUES ('kept', '1')")
    # Make a hot journal: a write in progress whose process "dies" (we copy the files).
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA cache_size = 1")
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(
        "INSERT INTO setting (key, value) VALUES (?, 'x')", [(f"k{i}",) for i in range(3000)]
    )
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for suffix in ("", "-journal"):
        source = Path(str(path) + suffix)
        if source.exists():
            shutil.copy(source, crashed / ("x.sqlite3" + suffix))
    conn.execute("ROLLBACK")
    conn.close()
    copy = crashed / "x.sqlite3"
    assert (crashed / "x.sqlite3-journal").exists()
    assert migrate.upgrade_to_head(copy, tmp_path).after == migrate.head_revision()
    with sqlite3.connect(copy) as check:
        keys = {r[0] for r in check.execute("SELECT key FROM setting")}
    assert keys == {"kept"}
